//! The files of the editor's page: the browser bundle of Decap CMS (vendored
//! from its npm package in `editor/vendor/`, with its licence, and built
//! into memoria so that `serve` works from any site's folder and nothing is
//! loaded from another computer), the page that loads it, and memoria's own
//! script and style for the banner of build errors.

use include_dir::{include_dir, Dir};

/// `editor/vendor/`: `decap-cms.js`, the parts it loads when needed
/// (`NNN.decap-cms.js`), `LICENSE`, `decap-cms.js.LICENSE.txt`, `VERSION`.
static VENDOR: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/editor/vendor");

/// The script that shows the errors of the last rebuild on the editor's page.
const BANNER_JS: &str = include_str!("banner.js");

/// The style of that banner.
const BANNER_CSS: &str = include_str!("banner.css");

/// What the editor's page may load and do: its own files only (scripts,
/// styles, pictures, requests), measured with Chromium on Decap CMS 3.16:
/// it writes its styles into the page (`'unsafe-inline'`, for styles only),
/// compiles the checks of its configuration in the browser (`'unsafe-eval'`:
/// without it the editor does not start), and shows pictures being uploaded
/// from `blob:` and `data:` addresses. Nothing from another computer; no
/// WebAssembly (Decap's optional image encoders are not vendored); no other
/// page may show the editor in a frame.
pub(crate) const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; \
script-src 'self' 'unsafe-eval'; \
style-src 'self' 'unsafe-inline'; \
img-src 'self' data: blob:; \
connect-src 'self'; \
object-src 'none'; \
base-uri 'self'; \
form-action 'self'; \
frame-ancestors 'none'";

/// A file of `/admin/`, by name: its bytes and its media type.
pub(crate) fn file(name: &str) -> Option<(&'static [u8], &'static str)> {
    match name {
        "memoria-editor.js" => {
            return Some((BANNER_JS.as_bytes(), "text/javascript; charset=utf-8"))
        }
        "memoria-editor.css" => return Some((BANNER_CSS.as_bytes(), "text/css; charset=utf-8")),
        _ => {}
    }
    let kind = if name.ends_with(".js") {
        "text/javascript; charset=utf-8"
    } else {
        "text/plain; charset=utf-8"
    };
    if name.contains('/') {
        return None;
    }
    VENDOR.get_file(name).map(|f| (f.contents(), kind))
}

/// Every vendored file (the bundle, its parts, its licences, `VERSION`),
/// by name, in name order.
pub(crate) fn vendored() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    let mut files: Vec<(&'static str, &'static [u8])> = VENDOR
        .files()
        .filter_map(|f| Some((f.path().to_str()?, f.contents())))
        .collect();
    files.sort_by_key(|(name, _)| *name);
    files.into_iter()
}

/// The version of Decap CMS built in.
pub(crate) fn decap_version() -> &'static str {
    VENDOR
        .get_file("VERSION")
        .and_then(|f| f.contents_utf8())
        .map_or("", str::trim)
}

/// The editor's page. `error` is the text of the errors of the last
/// rebuild, if it failed (escaped here).
pub(crate) fn index_html(error: Option<&str>) -> String {
    let banner = match error {
        Some(text) => format!(
            "<pre id=\"memoria-build-error\" role=\"alert\">{}{}</pre>",
            BANNER_TITLE,
            escape(text)
        ),
        None => "<pre id=\"memoria-build-error\" role=\"alert\" hidden></pre>".to_string(),
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"robots\" content=\"noindex\">\n\
<title>Editor · memoria</title>\n\
<link rel=\"cms-config-url\" type=\"text/yaml\" href=\"/admin/config.yml\">\n\
<link rel=\"stylesheet\" href=\"/admin/memoria-editor.css\">\n\
<script src=\"/admin/memoria-editor.js\" defer></script>\n\
</head>\n<body>\n{banner}\n\
<script src=\"/admin/decap-cms.js\"></script>\n\
</body>\n</html>\n"
    )
}

/// The first line of the banner (also in `banner.js`).
const BANNER_TITLE: &str =
    "memoria: the last change could not be built; the site still shows the previous version. Fix the file named below and save again.\n\n";

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundle_and_its_licence_are_built_in() {
        let (js, kind) = file("decap-cms.js").unwrap();
        assert!(js.len() > 1_000_000);
        assert_eq!(kind, "text/javascript; charset=utf-8");
        let (licence, _) = file("LICENSE").unwrap();
        assert!(String::from_utf8_lossy(licence).contains("MIT License"));
        assert!(decap_version().starts_with("3."));
        assert!(file("../Cargo.toml").is_none());
        assert!(file("nothing.js").is_none());
    }

    #[test]
    fn the_page_shows_the_errors_escaped() {
        let page = index_html(Some("content/cases/a.es.md:2:1: error: <bad>"));
        assert!(page.contains("content/cases/a.es.md:2:1: error: &lt;bad&gt;"));
        assert!(!page.contains("<bad>"));
        assert!(index_html(None).contains("role=\"alert\" hidden"));
    }
}

//! The editor published with the site: with `[editor]` in `site.toml`,
//! `build` writes `/admin/` (the page, the vendored Decap CMS and a
//! `config.yml` that saves to the Git host named there), so the team can
//! edit the site online after signing in to that host. Without `[editor]`,
//! nothing.

use crate::output::OutputFile;
use crate::site::Site;

use super::{assets, config};

/// The folder of the output the editor is published in.
const FOLDER: &str = "admin";

/// The files of `/admin/` for `site`, or none when it has no `[editor]`.
pub(crate) fn files(site: &Site) -> Vec<OutputFile> {
    if site.config.editor.is_none() {
        return Vec::new();
    }
    let owner = || "[editor] in site.toml".to_string();
    let mut files = vec![
        OutputFile::new(
            format!("{FOLDER}/index.html"),
            index_html().into_bytes(),
            owner(),
        ),
        OutputFile::new(
            format!("{FOLDER}/config.yml"),
            config::config_yml(site, None).into_bytes(),
            owner(),
        ),
    ];
    files.extend(
        assets::vendored().map(|(name, bytes)| {
            OutputFile::new(format!("{FOLDER}/{name}"), bytes.to_vec(), owner())
        }),
    );
    files
}

/// The page of the published editor. Its addresses are relative, so it
/// works wherever the site is published (also under a path, as on GitHub
/// Pages' `https://owner.github.io/name/`); Decap loads its parts from
/// beside `decap-cms.js`.
fn index_html() -> String {
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"robots\" content=\"noindex\">\n\
<title>Editor · memoria</title>\n\
<link rel=\"cms-config-url\" type=\"text/yaml\" href=\"config.yml\">\n\
</head>\n<body>\n\
<script src=\"decap-cms.js\"></script>\n\
</body>\n</html>\n"
        .to_string()
}

//! Checking the rendered site: every internal link and `#fragment` must lead
//! somewhere that exists.
//!
//! Runs on the output files in memory (nothing is written). External links
//! (other hosts, `mailto:`…) are not fetched. Links to the site's own
//! `base_url` are treated as internal.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use lol_html::{element, rewrite_str, RewriteStrSettings};
use percent_encoding::percent_decode_str;
use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::output::OutputFile;

/// The links and anchors of one HTML file.
#[derive(Debug, Default)]
struct Scan {
    links: Vec<String>,
    ids: BTreeSet<String>,
}

/// Checks every internal link of every HTML file in `files`. Each broken link
/// is an error naming the page, the content it came from and the target.
pub fn check(files: &[OutputFile], config: &Config) -> Vec<Diagnostic> {
    let scans: BTreeMap<&str, (Scan, &OutputFile)> = files
        .par_iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| (f.path.as_str(), (scan(&f.bytes), f)))
        .collect::<Vec<_>>()
        .into_iter()
        .collect();
    let existing: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();

    let mut out: Vec<Diagnostic> = scans
        .par_iter()
        .flat_map_iter(|(path, (scan, file))| {
            let mut problems = Vec::new();
            let mut seen = BTreeSet::new();
            for link in &scan.links {
                if !seen.insert(link.as_str()) {
                    continue;
                }
                if let Some(problem) = check_link(link, path, config, &existing, &scans) {
                    problems.push(
                        Diagnostic::error(&file.owner, format!("broken link on /{path}: {link} — {problem}"))
                            .help("fix the link in the content (use @/… links) or in the template that writes it"),
                    );
                }
            }
            problems
        })
        .collect();
    out.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
    out
}

fn scan(bytes: &[u8]) -> Scan {
    let found = RefCell::new(Scan::default());
    let html = String::from_utf8_lossy(bytes);
    let settings = RewriteStrSettings {
        element_content_handlers: vec![
            element!("[id]", |el| {
                if let Some(id) = el.get_attribute("id") {
                    found.borrow_mut().ids.insert(id);
                }
                Ok(())
            }),
            element!("a[name]", |el| {
                if let Some(name) = el.get_attribute("name") {
                    found.borrow_mut().ids.insert(name);
                }
                Ok(())
            }),
            element!("a[href], link[href], area[href]", |el| {
                if let Some(href) = el.get_attribute("href") {
                    found.borrow_mut().links.push(href);
                }
                Ok(())
            }),
            element!("img[src], script[src], source[src], iframe[src]", |el| {
                if let Some(src) = el.get_attribute("src") {
                    found.borrow_mut().links.push(src);
                }
                Ok(())
            }),
        ],
        ..RewriteStrSettings::new()
    };
    // A page that cannot be parsed is reported by the HTML validator; here it
    // simply has no links.
    let _ = rewrite_str(&html, settings);
    found.into_inner()
}

/// Returns what is wrong with `link` found on page `page`, or None.
fn check_link(
    link: &str,
    page: &str,
    config: &Config,
    existing: &BTreeSet<&str>,
    scans: &BTreeMap<&str, (Scan, &OutputFile)>,
) -> Option<String> {
    let link = link.trim();
    if link.is_empty() {
        return Some("the address is empty".into());
    }
    let (without_fragment, fragment) = match link.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (link, None),
    };
    let target_file = if without_fragment.is_empty() {
        page.to_string()
    } else {
        let path = without_fragment.split('?').next().unwrap_or("");
        let site_path = if let Some(rest) = strip_site(path, config) {
            rest
        } else if has_scheme(path) || path.starts_with("//") {
            return None; // external
        } else if path.starts_with('/') {
            match path.strip_prefix(config.base_path.as_str()) {
                Some(rest) => rest.to_string(),
                None if format!("{path}/") == config.base_path => String::new(),
                None => {
                    return Some(format!(
                        "it is outside the site's base path {}",
                        config.base_path
                    ))
                }
            }
        } else {
            join_relative(page, path)?
        };
        let decoded = percent_decode_str(&site_path)
            .decode_utf8_lossy()
            .into_owned();
        match resolve_file(&decoded, existing) {
            Some(f) => f,
            None => return Some("no such page or file in the site".into()),
        }
    };
    match fragment {
        Some(f) if !f.is_empty() => {
            let decoded = percent_decode_str(f).decode_utf8_lossy();
            let ids = scans.get(target_file.as_str()).map(|(s, _)| &s.ids);
            match ids {
                Some(ids) if ids.contains(decoded.as_ref()) => None,
                Some(_) => Some(format!(
                    "/{target_file} has no element with id=\"{decoded}\""
                )),
                None => None, // not HTML: fragments are not checked
            }
        }
        _ => None,
    }
}

fn has_scheme(link: &str) -> bool {
    match link.find(':') {
        Some(i) => {
            let scheme = &link[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !link[..i].contains('/')
        }
        None => false,
    }
}

/// The site-relative path of an absolute link to the site itself.
fn strip_site(link: &str, config: &Config) -> Option<String> {
    if !config.base_url.contains("://") {
        return None;
    }
    link.strip_prefix(&config.base_url)
        .or_else(|| (link == config.base_url.trim_end_matches('/')).then_some(""))
        .map(str::to_string)
}

/// Resolves a relative link against the folder of `page`.
fn join_relative(page: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop(); // the file name
    for part in link.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut joined = parts.join("/");
    if link.ends_with('/') && !joined.is_empty() {
        joined.push('/');
    }
    Some(joined)
}

/// The output file a site path designates (`es/casos/` → `es/casos/index.html`).
fn resolve_file(path: &str, existing: &BTreeSet<&str>) -> Option<String> {
    let path = path.trim_start_matches('/');
    let candidates = if path.is_empty() {
        vec!["index.html".to_string()]
    } else if path.ends_with('/') {
        vec![format!("{path}index.html")]
    } else {
        vec![path.to_string(), format!("{path}/index.html")]
    };
    candidates
        .into_iter()
        .find(|c| existing.contains(c.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;

    fn config() -> Config {
        let mut d = Diagnostics::new();
        crate::config::parse(
            "title = \"T\"\nlanguages = [\"en\"]\nbase_url = \"https://x.org/\"\n",
            &mut d,
        )
        .unwrap()
    }

    fn file(path: &str, html: &str) -> OutputFile {
        OutputFile::new(
            path.into(),
            html.as_bytes().to_vec(),
            format!("content/{path}"),
        )
    }

    #[test]
    fn finds_broken_links_and_fragments() {
        let files = vec![
            file("index.html", "<a href=\"/en/\">ok</a><a href=\"/en/missing/\">bad</a><a href=\"https://x.org/en/#top\">ok</a><a href=\"https://other.org/x\">ext</a><a href=\"mailto:a@b.c\">m</a>"),
            file("en/index.html", "<h1 id=\"top\">T</h1><a href=\"#top\">ok</a><a href=\"#nope\">bad</a><a href=\"../style.css\">ok</a><a href=\"sub/\">bad</a>"),
            file("style.css", "body{}"),
        ];
        let problems = check(&files, &config());
        let text: Vec<String> = problems.iter().map(|d| d.message.clone()).collect();
        assert_eq!(problems.len(), 3, "{text:#?}");
        assert!(text.iter().any(|t| t.contains("/en/missing/")));
        assert!(text
            .iter()
            .any(|t| t.contains("#nope") && t.contains("id=\"nope\"")));
        assert!(text.iter().any(|t| t.contains("sub/")));
    }

    #[test]
    fn relative_paths() {
        assert_eq!(
            join_relative("en/cases/a/index.html", "../b/"),
            Some("en/cases/b/".into())
        );
        assert_eq!(join_relative("index.html", "../../x"), None);
        assert!(
            has_scheme("https://x")
                && has_scheme("mailto:x")
                && !has_scheme("/a:b")
                && !has_scheme("a/b:c")
        );
    }
}

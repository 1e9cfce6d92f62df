//! Checking the rendered site: every internal link and `#fragment` must lead
//! somewhere that exists.
//!
//! Runs on the output files in memory (nothing is written). External links
//! (other hosts, `mailto:`…) are not fetched. Links to the site's own
//! `base_url` are treated as internal.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

use lol_html::{element, rewrite_str, RewriteStrSettings};
use percent_encoding::percent_decode_str;
use rayon::prelude::*;

use crate::config::Config;
use crate::content::Kind;
use crate::diagnostics::{closest, display_path, Diagnostic, Severity};
use crate::markdown;
use crate::output::OutputFile;
use crate::routes::Routes;
use crate::site::Site;
use crate::text::position_of;

/// The links and anchors of one HTML file.
#[derive(Debug, Default, Clone)]
struct Scan {
    links: Vec<String>,
    ids: BTreeSet<String>,
}

/// What is wrong with a link, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Problem {
    message: String,
    help: String,
}

impl Problem {
    fn new(message: impl Into<String>, help: impl Into<String>) -> Self {
        Problem {
            message: message.into(),
            help: help.into(),
        }
    }
}

/// The rendered site as the link checker sees it: which files exist, and
/// the links and ids of every HTML page. A page is scanned the first time
/// it is needed, so checking the links of the Markdown texts reads only the
/// pages their `#fragment`s point to.
pub struct Index<'a> {
    scans: BTreeMap<&'a str, (OnceLock<Scan>, &'a OutputFile)>,
    existing: BTreeSet<&'a str>,
    /// Pages of items whose source could not be read: links to them are
    /// not checked (their file has its own error).
    unchecked: BTreeSet<&'a str>,
    /// Where the files are on disk, when their bytes are not in memory:
    /// the pages of `scans` without bytes, and any other page of `existing`.
    dir: Option<&'a Path>,
}

impl<'a> Index<'a> {
    /// An index of `files`; HTML pages are scanned when first needed.
    pub fn new(files: &'a [OutputFile]) -> Self {
        let scans = files
            .iter()
            .filter(|f| f.path.ends_with(".html"))
            .map(|f| (f.path.as_str(), (OnceLock::new(), f)))
            .collect();
        let existing = files.iter().map(|f| f.path.as_str()).collect();
        Index {
            scans,
            existing,
            unchecked: BTreeSet::new(),
            dir: None,
        }
    }

    /// An index of `files`, written under `dir`, whose bytes are read from
    /// there when a page is first needed.
    pub(crate) fn on_disk(files: &'a [OutputFile], dir: &'a Path) -> Self {
        Index {
            dir: Some(dir),
            ..Index::new(files)
        }
    }

    /// An index of the site served from `dir`, whose files are `paths`: its
    /// pages are read from there when needed (used by `serve` between full
    /// rebuilds, which keeps no page in memory).
    pub(crate) fn served(paths: impl Iterator<Item = &'a str>, dir: &'a Path) -> Self {
        Index {
            scans: BTreeMap::new(),
            existing: paths.collect(),
            unchecked: BTreeSet::new(),
            dir: Some(dir),
        }
    }

    /// The links and ids of page `path`, when it is an HTML page.
    fn scan(&self, path: &str) -> Option<Cow<'_, Scan>> {
        if let Some((cell, file)) = self.scans.get(path) {
            return Some(Cow::Borrowed(cell.get_or_init(|| match self.dir {
                // A page just written: it can be read back.
                Some(dir) => scan(&std::fs::read(dir.join(path)).unwrap_or_default()),
                None => scan(&file.bytes),
            })));
        }
        let dir = self.dir?;
        if !path.ends_with(".html") || !self.existing.contains(path) {
            return None;
        }
        let bytes = std::fs::read(dir.join(path)).ok()?;
        Some(Cow::Owned(scan(&bytes)))
    }

    /// The same index, also knowing the pages of the items of `routes`
    /// whose source could not be read, so that links to them are not
    /// reported a second time.
    pub fn with_routes(mut self, routes: &'a Routes) -> Self {
        self.unchecked = routes.unchecked_files().collect();
        self
    }
}

/// The links that were already checked in the Markdown they were written
/// in: (content file, address), so that the check of the rendered pages
/// does not report them a second time.
pub type Checked = BTreeSet<(String, String)>;

/// Checks every internal link of the rendered pages, except those of
/// `checked` (already reported, with their line, from the Markdown source).
pub fn check_pages(index: &Index, config: &Config, checked: &Checked) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = index
        .scans
        .par_iter()
        .flat_map_iter(|(path, (_, file))| {
            let mut problems = Vec::new();
            let Some(scan) = index.scan(path) else {
                return problems;
            };
            let mut seen = BTreeSet::new();
            for link in &scan.links {
                if !seen.insert(link.as_str())
                    || checked.contains(&(file.owner.clone(), normalized(link)))
                {
                    continue;
                }
                if let Some(problem) = check_link(link, path, config, index) {
                    problems.push(
                        Diagnostic::error(
                            &file.owner,
                            format!("broken link on /{path}: {link} — {}", problem.message),
                        )
                        .help(format!(
                            "fix the link in the content (use @/… links) or in the template that writes it; {}",
                            problem.help
                        )),
                    );
                }
            }
            problems
        })
        .collect();
    out.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
    out
}

/// Checks the links written as addresses (`[x](/en/cases/rosario/)`,
/// `[x](#context)`) in the Markdown of every case, page and report against
/// the rendered site. Each broken one is a diagnostic of `severity` at the
/// link's line and column. Also returns every link checked this way.
pub fn check_sources(site: &Site, index: &Index, severity: Severity) -> (Vec<Diagnostic>, Checked) {
    check_documents(site, index, severity, &|_, _, _| true)
}

/// [`check_sources`] for the documents for which `only` (kind, id,
/// language) is true.
pub(crate) fn check_documents(
    site: &Site,
    index: &Index,
    severity: Severity,
    only: &dyn Fn(Kind, &str, &str) -> bool,
) -> (Vec<Diagnostic>, Checked) {
    let mut out = Vec::new();
    let mut checked = Checked::new();
    let content = &site.content;
    let docs = content
        .cases
        .documents()
        .map(|d| {
            (
                Kind::Case,
                &d.id,
                &d.lang,
                &d.source,
                &d.text,
                d.body_offset,
            )
        })
        .chain(content.pages.documents().map(|d| {
            (
                Kind::Page,
                &d.id,
                &d.lang,
                &d.source,
                &d.text,
                d.body_offset,
            )
        }))
        .chain(content.reports.documents().map(|d| {
            (
                Kind::Report,
                &d.id,
                &d.lang,
                &d.source,
                &d.text,
                d.body_offset,
            )
        }));
    for (kind, id, lang, source, text, body_offset) in docs {
        if !only(kind, id, lang) {
            continue;
        }
        let Some(route) = site.routes.doc(kind, id, lang) else {
            continue;
        };
        let owner = display_path(source);
        for link in markdown::plain_links(&text[body_offset..]) {
            checked.insert((owner.clone(), normalized(&link.url)));
            if let Some(problem) = check_link(&link.url, &route.file, &site.config, index) {
                let position = position_of(text, body_offset + link.offset);
                let d = Diagnostic::error(
                    source,
                    format!(
                        "{BROKEN_LINK_START}{} leads nowhere: {}",
                        link.url, problem.message
                    ),
                );
                out.push(
                    Diagnostic { severity, ..d }
                        .at(Some(position))
                        .with_source(text)
                        .help(problem.help),
                );
            }
        }
    }
    (out, checked)
}

/// How the message of a broken link in Markdown starts.
const BROKEN_LINK_START: &str = "the link ";

/// True for a problem that [`check_sources`] found: a link written as an
/// address in Markdown that leads nowhere.
pub(crate) fn is_broken_source_link(d: &Diagnostic) -> bool {
    d.message.starts_with(BROKEN_LINK_START)
}

/// A link as compared between the Markdown and the page: without HTML
/// entities and percent-encoding.
fn normalized(link: &str) -> String {
    percent_decode_str(&decode_entities(link.trim()))
        .decode_utf8_lossy()
        .into_owned()
}

/// `text` with the character references an HTML attribute can hold
/// (`&amp;`, `&#39;`, `&#x27;`…) replaced by their characters.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match rest
            .find(';')
            .and_then(|end| Some((end, entity(&rest[1..end])?)))
        {
            Some((end, c)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character of a reference such as `amp`, `#39` or `#x27`.
fn entity(name: &str) -> Option<char> {
    let code = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        u32::from_str_radix(hex, 16).ok()?
    } else if let Some(dec) = name.strip_prefix('#') {
        dec.parse().ok()?
    } else {
        return match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => None,
        };
    };
    char::from_u32(code)
}

fn scan(bytes: &[u8]) -> Scan {
    let found = RefCell::new(Scan::default());
    let html = String::from_utf8_lossy(bytes);
    let settings = RewriteStrSettings {
        element_content_handlers: vec![
            element!("[id]", |el| {
                if let Some(id) = el.get_attribute("id") {
                    found.borrow_mut().ids.insert(decode_entities(&id));
                }
                Ok(())
            }),
            element!("a[name]", |el| {
                if let Some(name) = el.get_attribute("name") {
                    found.borrow_mut().ids.insert(decode_entities(&name));
                }
                Ok(())
            }),
            element!("a[href], link[href], area[href]", |el| {
                if let Some(href) = el.get_attribute("href") {
                    found.borrow_mut().links.push(decode_entities(&href));
                }
                Ok(())
            }),
            element!("img[src], script[src], source[src], iframe[src]", |el| {
                if let Some(src) = el.get_attribute("src") {
                    found.borrow_mut().links.push(decode_entities(&src));
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

/// Advice for a link that leads to no file.
fn missing_page_help(path: &str) -> String {
    if path.ends_with(".md") || path.ends_with(".yaml") {
        "to link to another content file, write @/ and its path under content/, e.g. [Lima](@/cases/lima.md)".into()
    } else {
        "check the address in the built site, or link to content with @/ and its file (e.g. @/cases/lima.md) so that memoria writes the address".into()
    }
}

/// Returns what is wrong with `link` found on page `page`, or None.
fn check_link(link: &str, page: &str, config: &Config, index: &Index) -> Option<Problem> {
    let link = link.trim();
    if link.is_empty() {
        return Some(Problem::new(
            "the address is empty",
            "write the address, or remove the link",
        ));
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
                    return Some(Problem::new(
                        format!("it is outside the site's base path {}", config.base_path),
                        format!(
                            "addresses of this site start with {}; better, link to content with @/ and its file (e.g. @/cases/lima.md)",
                            config.base_path
                        ),
                    ))
                }
            }
        } else {
            match join_relative(page, path) {
                Some(joined) => joined,
                None => {
                    return Some(Problem::new(
                        format!("it climbs above the root of the site (the page is /{page})"),
                        "remove the extra ../, or link to content with @/ and its file (e.g. @/cases/lima.md) so that memoria writes the address",
                    ))
                }
            }
        };
        let decoded = percent_decode_str(&site_path)
            .decode_utf8_lossy()
            .into_owned();
        match resolve_file(&decoded, &index.existing) {
            Some(f) => f,
            None if resolve_file(&decoded, &index.unchecked).is_some() => return None,
            None => {
                return Some(Problem::new(
                    "no such page or file in the site",
                    missing_page_help(path),
                ))
            }
        }
    };
    match fragment {
        Some(f) if !f.is_empty() => check_fragment(f, &target_file, index),
        _ => None,
    }
}

/// Checks that page `target_file` has an element with id `fragment`.
fn check_fragment(fragment: &str, target_file: &str, index: &Index) -> Option<Problem> {
    let decoded = percent_decode_str(fragment).decode_utf8_lossy();
    let scan = index.scan(target_file)?; // not HTML: not checked
    if scan.ids.contains(decoded.as_ref()) {
        return None;
    }
    let help = match closest(&decoded, scan.ids.iter().map(String::as_str)) {
        Some(near) => format!("did you mean #{near}? A heading's id is its text in lowercase, without accents, with hyphens (or the {{#id}} written after it)"),
        None => "use the id of a heading of that page: its text in lowercase, without accents, with hyphens (or the {#id} written after it)".into(),
    };
    Some(Problem::new(
        format!("/{target_file} has no element with id=\"{decoded}\""),
        help,
    ))
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

    /// Checks every internal link of every HTML file in `files`.
    fn check(files: &[OutputFile], config: &Config) -> Vec<Diagnostic> {
        check_pages(&Index::new(files), config, &Checked::new())
    }

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
    fn links_above_the_root_are_errors() {
        let files = vec![file(
            "en/a/index.html",
            "<a href=\"../../../x/\">up</a><a href=\"../\">ok</a>",
        )];
        let problems = check(&files, &config());
        assert_eq!(problems.len(), 2, "{problems:#?}");
        let up = problems
            .iter()
            .find(|d| d.message.contains("../../../x/"))
            .unwrap();
        assert!(up.message.contains("climbs above the root of the site"));
        assert!(up.help.as_deref().unwrap().contains("remove the extra ../"));
    }

    #[test]
    fn entities_in_addresses_are_decoded() {
        assert_eq!(
            decode_entities("/a?b=1&amp;c=&#39;&#x27;&bogus;&"),
            "/a?b=1&c=''&bogus;&"
        );
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

//! A theme: Tera templates, the theme's words per language, static files.
//!
//! `themes/<name>/templates/` holds the templates (parsed once per build),
//! `themes/<name>/i18n/<lang>.yaml` the words, `themes/<name>/static/` files
//! copied as they are to the root of the output.

use std::path::{Path, PathBuf};

use tera::Tera;
use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::i18n::I18n;
use crate::text::read_source;

/// Templates every theme must have: one per kind of page memoria writes.
pub const REQUIRED_TEMPLATES: [&str; 19] = [
    "chooser.html",
    "home.html",
    "cases.html",
    "case.html",
    "page.html",
    "untranslated.html",
    "404.html",
    "indicators.html",
    "indicator.html",
    "dimension.html",
    "agreements.html",
    "agreement.html",
    "actions.html",
    "action.html",
    "reports.html",
    "report.html",
    "terms.html",
    "term.html",
    "search.html",
];

/// A loaded theme.
pub struct Theme {
    /// The theme folder.
    pub dir: PathBuf,
    /// The parsed templates.
    pub tera: Tera,
    /// The theme's words.
    pub i18n: I18n,
    /// For each template, the theme words (`t.<key>`) it and the templates it
    /// builds on use; `None` when a template reads words by computed key, so
    /// pages get only the words they print.
    pub words_used: std::collections::HashMap<String, Option<std::collections::BTreeSet<String>>>,
    /// Files copied to the output: the theme's `static/`, then the site's
    /// `static/` (which wins): (path relative to the output, source).
    pub static_files: Vec<(String, PathBuf)>,
}

/// Loads the theme named in `config`. Every template with a syntax error is
/// reported; `None` means the theme cannot be used.
pub fn load(root: &Path, config: &Config, diags: &mut Diagnostics) -> Option<Theme> {
    let dir = root.join("themes").join(&config.theme);
    let rel_dir = PathBuf::from("themes").join(&config.theme);
    if !dir.is_dir() {
        diags.push(
            Diagnostic::error(
                "site.toml",
                format!(
                    "the theme `{}` does not exist (no folder {})",
                    config.theme,
                    crate::diagnostics::display_path(&rel_dir)
                ),
            )
            .help("set theme = \"default\" in site.toml, or copy a theme into themes/"),
        );
        return None;
    }
    let i18n = I18n::load(root, &dir, &config.languages, diags);
    let (tera, words_used) = load_templates(root, &dir.join("templates"), diags)?;
    // The site's own static/ files replace the theme's files of the same name.
    let mut static_files: std::collections::BTreeMap<String, PathBuf> =
        list_static(root, &dir.join("static"), diags)
            .into_iter()
            .collect();
    static_files.extend(list_static(root, &root.join("static"), diags));
    let static_files = static_files.into_iter().collect();
    Some(Theme {
        dir,
        tera,
        i18n,
        words_used,
        static_files,
    })
}

fn load_templates(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Option<(Tera, WordsUsed)> {
    let mut sources = Vec::new();
    let mut ok = true;
    for entry in WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let name = path
            .strip_prefix(dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        if !(name.ends_with(".html") || name.ends_with(".xml")) || name.starts_with('.') {
            continue;
        }
        let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
        let text = match read_source(path, &rel) {
            Ok(t) => t,
            Err(d) => {
                diags.push(d);
                ok = false;
                continue;
            }
        };
        if let Err(e) = tera::Template::new(&name, None, &text) {
            ok = false;
            let (position, message) = parse_tera_error(&e.to_string());
            diags.push(
                Diagnostic::error(&rel, format!("template syntax error: {message}"))
                    .at(position)
                    .with_source(&text)
                    .help("see the Tera documentation for the {{ }} and {% %} syntax"),
            );
        }
        sources.push((name, text));
    }
    let rel_dir = dir.strip_prefix(root).unwrap_or(dir);
    for required in REQUIRED_TEMPLATES {
        if !sources.iter().any(|(n, _)| n == required) {
            ok = false;
            diags.push(
                Diagnostic::error(
                    rel_dir.join(required),
                    "this template is missing from the theme",
                )
                .help("copy it from themes/default/templates/"),
            );
        }
    }
    if !ok {
        return None;
    }
    let words_used = words_used(&sources);
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape_markup);
    if let Err(e) = tera.add_raw_templates(sources) {
        diags.push(Diagnostic::error(
            rel_dir,
            format!("the templates do not fit together: {}", error_chain(&e)),
        ));
        return None;
    }
    Some((tera, words_used))
}

type WordsUsed = std::collections::HashMap<String, Option<std::collections::BTreeSet<String>>>;

/// The `t.<key>` words each template uses, with those of the templates it
/// extends, imports or includes. A template that indexes `t[…]` needs them all.
fn words_used(sources: &[(String, String)]) -> WordsUsed {
    use std::collections::BTreeSet;
    let direct: std::collections::HashMap<&str, (Option<BTreeSet<String>>, Vec<String>)> = sources
        .iter()
        .map(|(name, text)| {
            let dynamic = text.contains("t[");
            let mut keys = BTreeSet::new();
            let mut rest = text.as_str();
            while let Some(i) = rest.find("t.") {
                let before = rest[..i].chars().last();
                let after: String = rest[i + 2..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
                    && !after.is_empty()
                {
                    keys.insert(after);
                }
                rest = &rest[i + 2..];
            }
            let mut parents = Vec::new();
            for tag in ["extends", "import", "include"] {
                let mut rest = text.as_str();
                while let Some(i) = rest.find(tag) {
                    rest = &rest[i + tag.len()..];
                    if let Some(name) = rest
                        .trim_start()
                        .strip_prefix('"')
                        .and_then(|r| r.split('"').next())
                    {
                        parents.push(name.to_string());
                    }
                }
            }
            (name.as_str(), ((!dynamic).then_some(keys), parents))
        })
        .collect();
    let mut out = WordsUsed::new();
    for (name, _) in sources {
        let mut all = Some(BTreeSet::new());
        let mut stack = vec![name.clone()];
        let mut seen = BTreeSet::new();
        while let Some(n) = stack.pop() {
            if !seen.insert(n.clone()) {
                continue;
            }
            let Some((keys, parents)) = direct.get(n.as_str()) else {
                continue;
            };
            match (keys, &mut all) {
                (Some(k), Some(a)) => a.extend(k.iter().cloned()),
                _ => all = None,
            }
            stack.extend(parents.iter().cloned());
        }
        out.insert(name.clone(), all);
    }
    out
}

/// Escapes text for HTML and XML, text and attribute values alike. Unlike
/// Tera's default it leaves `/` alone, so URLs stay readable.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Splits Tera's parse error text into a position and a message.
fn parse_tera_error(text: &str) -> (Option<Position>, String) {
    let position = text.split("--> ").nth(1).and_then(|rest| {
        let spot: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ':')
            .collect();
        let (l, c) = spot.split_once(':')?;
        Some(Position::new(l.parse().ok()?, c.parse().ok()?))
    });
    let message = text
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("= "))
        .unwrap_or(text)
        .to_string();
    (position, message)
}

/// A Tera error with its causes, on one line.
pub fn error_chain(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}

fn list_static(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    for entry in WalkDir::new(dir).sort_by_file_name().into_iter() {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
                let name = rel.to_string_lossy().replace('\\', "/");
                if name.split('/').any(|p| p.starts_with('.')) {
                    continue;
                }
                out.push((name, e.path().to_path_buf()));
            }
            Ok(_) => {}
            Err(e) => {
                let rel = e
                    .path()
                    .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
                    .unwrap_or_default();
                diags.push(Diagnostic::error(
                    rel,
                    format!("cannot read the theme's static files: {e}"),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tera_errors_are_split() {
        let e = tera::Template::new("a.html", None, "hello\n{% if x %}\n{{ y | }}\n").unwrap_err();
        let (pos, msg) = parse_tera_error(&e.to_string());
        assert_eq!(pos, Some(Position::new(3, 8)));
        assert!(msg.contains("expected an identifier"), "{msg}");
    }
}

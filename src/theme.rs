//! A theme: Tera templates, the theme's words per language, static files.
//!
//! Each file is looked up by name in layers (see `layers.rs`): the site's own
//! `templates/`, `static/`, `print/` and `i18n/` folders, then
//! `themes/<name>/`, then, for the default theme, the copy built into
//! memoria. Templates are parsed once per build; static files are copied as
//! they are to the root of the output; words are merged key by key.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::Tera;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::i18n::{I18n, WordsFile};

mod layers;
pub(crate) use layers::{built_in, FOLDER_NOTE};
pub use layers::{built_in_names, Layers, ThemeFile};

/// Templates every theme must have: one per kind of page memoria writes.
pub const REQUIRED_TEMPLATES: [&str; 20] = [
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
    "report_presented.html",
    "terms.html",
    "term.html",
    "search.html",
];

/// A loaded theme.
pub struct Theme {
    /// Where each theme file is read from.
    pub layers: Layers,
    /// The parsed templates.
    pub tera: Tera,
    /// Each template's file as shown in messages (the override's path, or
    /// `(built-in theme) templates/…`), by template name.
    pub template_files: BTreeMap<String, PathBuf>,
    /// The theme's words.
    pub i18n: I18n,
    /// For each template, the theme words (`t.<key>`) it and the templates it
    /// builds on use; `None` when a template reads words by computed key, so
    /// pages get only the words they print.
    pub words_used: std::collections::HashMap<String, Option<std::collections::BTreeSet<String>>>,
    /// Files copied to the output, each from the first layer that has it
    /// (the site's `static/` wins): (path relative to the output, source).
    pub static_files: Vec<(String, ThemeFile)>,
}

impl Theme {
    /// The file of template `name` as shown in messages.
    pub(crate) fn template_shown(&self, name: &str) -> PathBuf {
        self.template_files
            .get(name)
            .cloned()
            .unwrap_or_else(|| PathBuf::from("templates").join(name))
    }
}

/// Loads the theme named in `config`. Every template with a syntax error is
/// reported; `None` means the theme cannot be used.
pub fn load(root: &Path, config: &Config, diags: &mut Diagnostics) -> Option<Theme> {
    let layers = Layers::of_site(root, &config.theme, diags)?;
    let i18n = load_words(&layers, &config.languages, diags);
    let templates = layers.list("templates", diags);
    let (tera, words_used) = load_templates(&templates, &layers.theme_folder(), diags)?;
    let template_files = templates
        .iter()
        .map(|(name, file)| (name.clone(), file.shown()))
        .collect();
    let static_files = layers.list("static", diags).into_iter().collect();
    Some(Theme {
        layers,
        tera,
        template_files,
        i18n,
        words_used,
        static_files,
    })
}

/// The theme's words of the site in `root`, for commands that need only
/// them (`new case`).
pub(crate) fn words_of_site(root: &Path, config: &Config, diags: &mut Diagnostics) -> I18n {
    match Layers::of_site(root, &config.theme, diags) {
        Some(layers) => load_words(&layers, &config.languages, diags),
        None => I18n::default(),
    }
}

/// Reads `i18n/<lang>.yaml` of every layer that has it: the site's own file
/// overrides the theme's key by key.
fn load_words(layers: &Layers, languages: &[String], diags: &mut Diagnostics) -> I18n {
    let mut files = BTreeMap::new();
    for lang in languages {
        let mut read = Vec::new();
        for file in layers.find_all(&format!("i18n/{lang}.yaml")) {
            match file.text() {
                Ok(text) => read.push(WordsFile {
                    shown: file.shown(),
                    text,
                }),
                Err(d) => diags.push(d),
            }
        }
        files.insert(lang.clone(), read);
    }
    I18n::from_files(&files, languages, diags)
}

fn load_templates(
    files: &BTreeMap<String, ThemeFile>,
    theme_folder: &Path,
    diags: &mut Diagnostics,
) -> Option<(Tera, WordsUsed)> {
    let mut sources = Vec::new();
    let mut ok = true;
    for (name, file) in files {
        if !(name.ends_with(".html") || name.ends_with(".xml")) {
            continue;
        }
        let rel = file.shown();
        let text = match file.text() {
            Ok(t) => t,
            Err(d) => {
                diags.push(d);
                ok = false;
                continue;
            }
        };
        if let Err(e) = tera::Template::new(name, None, &text) {
            ok = false;
            let (position, message) = parse_tera_error(&e.to_string());
            diags.push(
                Diagnostic::error(&rel, format!("template syntax error: {message}"))
                    .at(position)
                    .with_source(&text)
                    .help("see the Tera documentation for the {{ }} and {% %} syntax"),
            );
        }
        sources.push((name.clone(), text));
    }
    for required in REQUIRED_TEMPLATES {
        if !sources.iter().any(|(n, _)| n == required) {
            ok = false;
            diags.push(
                Diagnostic::error(
                    theme_folder.join("templates").join(required),
                    "this template is missing from the theme",
                )
                .help(format!("get memoria's own with `memoria theme copy templates/{required}`, then change it as you need")),
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
        diags.push(
            Diagnostic::error(
                "templates",
                format!("the templates do not fit together: {}", error_chain(&e)),
            )
            .help("every template named in {% extends %}, {% include %} or {% import %} must be a file of templates/ (the site's own, the theme's or memoria's built-in ones); see docs/themes.md"),
        );
        return None;
    }
    Some((tera, words_used))
}

type WordsUsed = std::collections::HashMap<String, Option<std::collections::BTreeSet<String>>>;

/// The `t.<key>` words each template uses, with those of the templates it
/// extends, imports or includes. A template that uses `t` any other way
/// (`t["…"]`, `{% set words = t %}`, `t` passed to a macro) needs them all.
fn words_used(sources: &[(String, String)]) -> WordsUsed {
    use std::collections::BTreeSet;
    let direct: std::collections::HashMap<&str, (Option<BTreeSet<String>>, Vec<String>)> = sources
        .iter()
        .map(|(name, text)| (name.as_str(), (words_in(text), parents_of(text))))
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

/// The templates `text` extends, imports or includes.
fn parents_of(text: &str) -> Vec<String> {
    let mut parents = Vec::new();
    for tag in ["extends", "import", "include"] {
        let mut rest = text;
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
    parents
}

/// The keys a template reads as `t.<key>`, or `None` when its tags use the
/// variable `t` in any other way, which can reach every word.
fn words_in(text: &str) -> Option<std::collections::BTreeSet<String>> {
    let mut keys = std::collections::BTreeSet::new();
    for code in tag_code(text) {
        let chars: Vec<char> = code.chars().collect();
        let mut i = 0;
        let mut after_dot = false;
        while i < chars.len() {
            let c = chars[i];
            if matches!(c, '"' | '\'' | '`') {
                i = chars[i + 1..]
                    .iter()
                    .position(|d| *d == c)
                    .map_or(chars.len(), |p| i + p + 2);
                after_dot = false;
            } else if c.is_alphanumeric() || c == '_' {
                let end = word_end(&chars, i);
                if !after_dot && chars[i..end] == ['t'] {
                    keys.insert(key_after(&chars, end)?);
                }
                i = end;
                after_dot = false;
            } else {
                after_dot = c == '.' || (after_dot && c.is_whitespace());
                i += 1;
            }
        }
    }
    Some(keys)
}

/// The text inside every `{{ }}` and `{% %}` of a template (not comments).
fn tag_code(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        rest = &rest[i + 1..];
        let close = match rest.chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            Some('#') => "#}",
            _ => continue,
        };
        let body = &rest[1..];
        let end = body.find(close).unwrap_or(body.len());
        if close != "#}" {
            out.push(&body[..end]);
        }
        rest = &body[end..];
    }
    out
}

/// Where the identifier or number starting at `i` ends.
fn word_end(chars: &[char], i: usize) -> usize {
    chars[i..]
        .iter()
        .position(|c| !(c.is_alphanumeric() || *c == '_'))
        .map_or(chars.len(), |p| i + p)
}

/// The key of `t.<key>` when `t` ends at `end`; `None` when `t` is not
/// followed by `.<key>`.
fn key_after(chars: &[char], end: usize) -> Option<String> {
    let skip = |from: usize| {
        chars[from..]
            .iter()
            .position(|c| !c.is_whitespace())
            .map_or(chars.len(), |p| from + p)
    };
    let dot = skip(end);
    if chars.get(dot) != Some(&'.') {
        return None;
    }
    let start = skip(dot + 1);
    let key: String = chars[start..word_end(chars, start.min(chars.len()))]
        .iter()
        .collect();
    (!key.is_empty()).then_some(key)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_written_as_t_dot_key_are_listed() {
        let keys = words_in("<b>t.not_code</b>{{ t.nav_home }}{% if x %}{{ t . skip_link | upper }}{% endif %}{# t #}{{ \"t\" ~ loop.t ~ t.a1 }}");
        let keys: Vec<String> = keys.expect("no dynamic use").into_iter().collect();
        assert_eq!(keys, ["a1", "nav_home", "skip_link"]);
    }

    #[test]
    fn any_other_use_of_t_needs_every_word() {
        for text in [
            "{{ t[\"a-b\"] }}",
            "{{ t [key] }}",
            "{% set words = t %}",
            "{{ m::f(words=t) }}",
            "{{ t | json_encode }}",
            "{% for k, v in t %}{% endfor %}",
            "{{ t }}",
        ] {
            assert_eq!(words_in(text), None, "{text}");
        }
    }

    #[test]
    fn tera_errors_are_split() {
        let e = tera::Template::new("a.html", None, "hello\n{% if x %}\n{{ y | }}\n").unwrap_err();
        let (pos, msg) = parse_tera_error(&e.to_string());
        assert_eq!(pos, Some(Position::new(3, 8)));
        assert!(msg.contains("expected an identifier"), "{msg}");
    }
}

//! Honest translations: who translated a text (`translation`), and the
//! sections of the source it was made from (`translated_from`), so that a
//! translation whose source has changed since is pointed out, section by
//! section.
//!
//! A source is cut into sections: its title, its summary (when it has one),
//! the text before its first `##` heading (`opening`) and each `##` section
//! (named `## Heading`). Each section's fingerprint is the start of the
//! SHA-256 of its text (line endings and trailing spaces left aside).
//! `memoria translation mark FILE` writes them; nobody computes them by hand.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use sha2::{Digest, Sha256};

use super::document::{Collection, Document};
use super::markdown_file::Meta;
use super::Unreadable;
use crate::diagnostics::{display_path, Diagnostic, Diagnostics, Position};
use crate::yaml::model::{Choice, Field, Kind};
use crate::yaml::{MapReader, YamlEnum};
use crate::yaml_enum;

yaml_enum!(
    /// Who translated a text.
    Translation {
        /// Translated by a machine, not checked by a person.
        Machine = "machine",
        /// Translated by a person.
        Human = "human",
        /// Translated (by a machine or a person) and checked by a person.
        Reviewed = "reviewed",
    }
);

/// The `translation` field of cases and pages.
pub(crate) const TRANSLATION: Field = Field::optional(
    "translation",
    Kind::Choice(Choice {
        ids: <Translation as YamlEnum>::IDS,
        words: "translation_",
    }),
    "Who translated this text: machine (a notice says so on the page), human, or reviewed (checked by a person).",
);

/// The sub-fields of `translated_from`.
pub(crate) const TRANSLATED_FROM_FIELDS: &[Field] = &[
    Field::required(
        "lang",
        Kind::Id,
        "The language of the text this translation was made from.",
    ),
    Field::required(
        "sections",
        Kind::List(&Kind::Line),
        "The fingerprint of each section of that text, written by `memoria translation mark`.",
    ),
];

/// The `translated_from` field of cases and pages.
pub(crate) const TRANSLATED_FROM: Field = Field::optional(
    "translated_from",
    Kind::Object(TRANSLATED_FROM_FIELDS),
    "The text this translation was made from, section by section: written by `memoria translation mark`, not by hand.",
);

/// How many hexadecimal digits of the SHA-256 a fingerprint keeps.
const HASH_DIGITS: usize = 8;

/// One section of a source and its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// `title`, `summary`, `opening` or `## Heading`.
    pub section: String,
    /// The first hexadecimal digits of the SHA-256 of its text.
    pub hash: String,
}

impl Fingerprint {
    /// The line written in `translated_from.sections`: `"1a2b3c4d ## Heading"`.
    fn line(&self) -> String {
        format!("{} {}", self.hash, self.section)
    }

    /// The section as a message names it: a heading in quotes, else the
    /// field's name.
    fn label(&self) -> String {
        match self.section.strip_prefix("## ") {
            Some(h) => format!("\"{h}\""),
            None => self.section.clone(),
        }
    }
}

/// What a translation records about the text it was made from.
#[derive(Debug, Clone)]
pub struct TranslatedFrom {
    /// The language of the source.
    pub lang: String,
    /// The fingerprints of the source's sections when it was translated.
    pub sections: Vec<Fingerprint>,
    /// Where the `translated_from` key is, for warnings.
    pub position: Option<Position>,
}

/// Reads `translation` and `translated_from` from a case or page's front
/// matter, reporting each problem at its place.
pub(crate) fn read(map: &mut MapReader<'_, '_>) -> (Option<Translation>, Option<TranslatedFrom>) {
    let translation = map.optional::<Translation>("translation");
    let reader = map.reader();
    let key = map.path_of("translated_from");
    let from = map.raw("translated_from").and_then(|v| {
        let mut m = reader.mapping(v, &key)?;
        let lang = m.required::<String>("lang");
        let lines = m.required::<Vec<String>>("sections");
        let lang_path = m.path_of("lang");
        let sections_path = m.path_of("sections");
        m.finish();
        let lang = lang?;
        if !reader.languages().contains(&lang) {
            reader.error(
                &lang_path,
                format!("\"{lang}\" is not a language of this site"),
                Some(format!(
                    "write the language the text was translated from, one of: {}",
                    reader.languages().join(", ")
                )),
            );
            return None;
        }
        let mut sections = Vec::new();
        let mut good = true;
        for (i, line) in lines?.iter().enumerate() {
            match parse_line(line) {
                Some(f) => sections.push(f),
                None => {
                    good = false;
                    reader.error(
                        &crate::yaml::child_index(&sections_path, i),
                        format!("\"{line}\" is not a section fingerprint written by memoria"),
                        Some(format!(
                            "do not write these lines by hand: once the translation is up to date, run memoria translation mark {}",
                            display_path(reader.file())
                        )),
                    );
                }
            }
        }
        good.then(|| TranslatedFrom {
            lang,
            sections,
            position: reader.key_position(&key),
        })
    });
    (translation, from)
}

/// Reads `"1a2b3c4d ## Heading"` (or `"1a2b3c4d title"`).
fn parse_line(line: &str) -> Option<Fingerprint> {
    let (hash, section) = line.trim().split_once(' ')?;
    let hex = hash.len() == HASH_DIGITS && hash.bytes().all(|b| b.is_ascii_hexdigit());
    let section = section.trim();
    let named = matches!(section, "title" | "summary" | "opening")
        || section
            .strip_prefix("## ")
            .is_some_and(|h| !h.trim().is_empty());
    (hex && named).then(|| Fingerprint {
        section: section.to_string(),
        hash: hash.to_ascii_lowercase(),
    })
}

/// The fingerprint of a text: line endings and trailing spaces do not count.
fn hash(text: &str) -> String {
    let mut normal = String::with_capacity(text.len());
    for line in text.trim().lines() {
        normal.push_str(line.trim_end());
        normal.push('\n');
    }
    let digest = Sha256::digest(normal.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    hex[..HASH_DIGITS].to_string()
}

/// The sections of a source, in order, with their fingerprints.
pub fn fingerprints(title: &str, summary: Option<&str>, body: &str) -> Vec<Fingerprint> {
    let mut out = vec![Fingerprint {
        section: "title".into(),
        hash: hash(title),
    }];
    if let Some(s) = summary.filter(|s| !s.trim().is_empty()) {
        out.push(Fingerprint {
            section: "summary".into(),
            hash: hash(s),
        });
    }
    // (name, where its heading starts, where its text starts)
    let mut heads: Vec<(String, usize, usize)> = Vec::new();
    let mut current: Option<(String, usize)> = None;
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => current = Some((String::new(), range.start)),
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                if let Some((name, start)) = current.take() {
                    heads.push((name.trim().to_string(), start, range.end));
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((name, _)) = &mut current {
                    name.push_str(&t);
                }
            }
            _ => {}
        }
    }
    let opening = &body[..heads.first().map_or(body.len(), |h| h.1)];
    if !opening.trim().is_empty() {
        out.push(Fingerprint {
            section: "opening".into(),
            hash: hash(opening),
        });
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (i, (name, _, text_start)) in heads.iter().enumerate() {
        let end = heads.get(i + 1).map_or(body.len(), |h| h.1);
        let count = seen.entry(name.clone()).or_default();
        *count += 1;
        let name = if *count > 1 {
            format!("{name} ({count})")
        } else {
            name.clone()
        };
        out.push(Fingerprint {
            section: format!("## {name}"),
            hash: hash(&body[*text_start..end]),
        });
    }
    out
}

/// What a content type tells about its translation.
pub(crate) trait Translated: Meta {
    /// The source it was made from, as recorded.
    fn translated_from(&self) -> Option<&TranslatedFrom>;
}

/// The current fingerprints of a document.
fn of_document<M: Meta>(doc: &Document<M>) -> Vec<Fingerprint> {
    fingerprints(doc.meta.title(), doc.meta.summary(), doc.body())
}

/// The sections of `now` that differ from `then`: changed or new ones in the
/// order of `now`, then those no longer there.
fn changed(then: &[Fingerprint], now: &[Fingerprint]) -> Vec<String> {
    let old: BTreeMap<&str, &str> = then
        .iter()
        .map(|f| (f.section.as_str(), f.hash.as_str()))
        .collect();
    let mut out: Vec<String> = now
        .iter()
        .filter(|f| old.get(f.section.as_str()) != Some(&f.hash.as_str()))
        .map(Fingerprint::label)
        .collect();
    out.extend(
        then.iter()
            .filter(|f| !now.iter().any(|n| n.section == f.section))
            .map(|f| format!("{} (removed)", f.label())),
    );
    out
}

/// Warns about each translation of `collection` whose source has changed
/// since it was made, naming the sections that changed.
pub(crate) fn check<M: Translated>(
    collection: &Collection<M>,
    kind: super::Kind,
    unreadable: &Unreadable,
    diags: &mut Diagnostics,
) {
    for entry in collection.entries.values() {
        for doc in entry.docs.values() {
            let Some(from) = doc.meta.translated_from() else {
                continue;
            };
            let warn = |message: String, help: String| {
                Diagnostic::warning(&doc.source, message)
                    .at(from.position)
                    .with_source(&doc.text)
                    .help(help)
            };
            let mark = format!("memoria translation mark {}", display_path(&doc.source));
            if from.lang == doc.lang {
                diags.push(warn(
                    format!(
                        "this text says it was translated from its own language ({})",
                        from.lang
                    ),
                    format!(
                        "write the language it was translated from after `lang:`, then run {mark}"
                    ),
                ));
                continue;
            }
            let Some(source) = entry.get(&from.lang) else {
                if !unreadable.has(kind, &entry.id, &from.lang) {
                    diags.push(warn(
                        format!(
                            "this translation was made from the {} text, which is not in the site",
                            from.lang
                        ),
                        format!(
                            "add content/{}/{}.{}.md back, or remove `translated_from`",
                            kind_folder(kind),
                            entry.id,
                            from.lang
                        ),
                    ));
                }
                continue;
            };
            let sections = changed(&from.sections, &of_document(source));
            if !sections.is_empty() {
                diags.push(warn(
                    format!(
                        "this translation was made from {}, which has changed since in: {}",
                        display_path(&source.source),
                        sections.join(", ")
                    ),
                    format!("update the translation, then run {mark}"),
                ));
            }
        }
    }
}

fn kind_folder(kind: super::Kind) -> &'static str {
    match kind {
        super::Kind::Page => "pages",
        _ => "cases",
    }
}

/// The front matter block that records `fingerprints` of a `lang` source,
/// with the file's line ending.
fn block(lang: &str, fingerprints: &[Fingerprint], eol: &str) -> String {
    let mut out = format!("translated_from:{eol}  lang: {lang}{eol}  sections:{eol}");
    for f in fingerprints {
        let quoted = f.line().replace('\\', "\\\\").replace('"', "\\\"");
        out.push_str(&format!("    - \"{quoted}\"{eol}"));
    }
    out
}

/// `text` with its `translated_from` block replaced by (or, when it has
/// none, completed with) `new_block`; every other byte is kept.
fn with_block(text: &str, new_block: &str) -> Option<String> {
    let split = crate::frontmatter::split(text).ok()?;
    let yaml_start = split.yaml.as_ptr() as usize - text.as_ptr() as usize;
    let yaml_end = yaml_start + split.yaml.len();
    let yaml = &text[yaml_start..yaml_end];
    // Byte offsets of the lines of the front matter.
    let mut starts = Vec::new();
    let mut at = 0;
    for line in yaml.split_inclusive('\n') {
        starts.push((at, line));
        at += line.len();
    }
    let key = starts
        .iter()
        .position(|(_, l)| l.starts_with("translated_from:"));
    let (from, to) = match key {
        Some(k) => {
            // The block goes on while lines are indented or blank.
            let mut end = k + 1;
            while end < starts.len() {
                let l = starts[end].1;
                if l.starts_with([' ', '\t']) || l.trim().is_empty() {
                    end += 1;
                } else {
                    break;
                }
            }
            // Blank lines at the end of the block belong to what follows.
            while end > k + 1 && starts[end - 1].1.trim().is_empty() {
                end -= 1;
            }
            let to = starts.get(end).map_or(yaml.len(), |s| s.0);
            (starts[k].0, to)
        }
        None => (yaml.len(), yaml.len()),
    };
    let mut out = String::with_capacity(text.len() + new_block.len());
    out.push_str(&text[..yaml_start + from]);
    if key.is_none() && !yaml.is_empty() && !yaml.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(new_block);
    out.push_str(&text[yaml_start + to..]);
    Some(out)
}

/// Why `mark` could not record a translation's source.
#[derive(Debug)]
pub enum MarkError {
    /// Problems in the site or its files, to fix first.
    Content(Diagnostics),
    /// The file could not be written.
    Write(String),
}

/// What `mark` recorded.
#[derive(Debug)]
pub struct Marked {
    /// The translation, relative to the site's folder.
    pub translation: PathBuf,
    /// Its source, relative to the site's folder.
    pub source: PathBuf,
}

/// Records in the translation `file` (a case or page, as written on the
/// command line) the current fingerprints of the text it was made from:
/// `from`, else the language its `translated_from` names, else the site's
/// first language. Only the `translated_from` lines of the file change.
pub fn mark(root: &Path, file: &Path, from: Option<&str>) -> Result<Marked, MarkError> {
    let mut diags = Diagnostics::new();
    let fail = |d: Diagnostic| {
        let mut all = Diagnostics::new();
        all.push(d);
        MarkError::Content(all)
    };
    let Some(config) = crate::config::load(root, &mut diags) else {
        return Err(MarkError::Content(diags));
    };
    let rel = relative_to_root(root, file);
    let content = super::load(root, &config, true, &mut diags);
    let errors_in_file = diags.iter().any(|d| d.is_error() && d.path == rel);
    if errors_in_file {
        let mut own = Diagnostics::new();
        own.extend(diags.iter().filter(|d| d.path == rel).cloned());
        return Err(MarkError::Content(own));
    }
    let found = find(&content.cases, &rel, from, &config)
        .or_else(|| find(&content.pages, &rel, from, &config));
    let (doc_text, source_lang, fingerprints, source_path) = match found {
        Some(Ok(f)) => f,
        Some(Err(d)) => return Err(fail(d)),
        None => {
            return Err(fail(
                Diagnostic::error(&rel, "this is not a case or a page of the site").help(
                    "give the path of a translated case or page from the site's folder, e.g. memoria translation mark content/cases/lima.en.md",
                ),
            ))
        }
    };
    let eol = if doc_text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let text = doc_text.strip_prefix('\u{feff}').unwrap_or(&doc_text);
    let bom = &doc_text[..doc_text.len() - text.len()];
    let Some(new_text) = with_block(text, &block(&source_lang, &fingerprints, eol)) else {
        return Err(fail(Diagnostic::error(
            &rel,
            "the front matter of this file cannot be read",
        )));
    };
    let path = root.join(&rel);
    let write = || -> std::io::Result<()> {
        let dir = path.parent().unwrap_or(root);
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        std::io::Write::write_all(&mut tmp, bom.as_bytes())?;
        std::io::Write::write_all(&mut tmp, new_text.as_bytes())?;
        tmp.persist(&path).map_err(|e| e.error)?;
        Ok(())
    };
    write().map_err(|e| MarkError::Write(format!("cannot write {}: {e}", display_path(&rel))))?;
    Ok(Marked {
        translation: rel,
        source: source_path,
    })
}

type Found = (String, String, Vec<Fingerprint>, PathBuf);

/// The translation at `rel` in `collection`, with its source's language and
/// fingerprints.
fn find<M: Translated>(
    collection: &Collection<M>,
    rel: &Path,
    from: Option<&str>,
    config: &crate::config::Config,
) -> Option<Result<Found, Diagnostic>> {
    let (entry, doc) = collection
        .entries
        .values()
        .find_map(|e| e.docs.values().find(|d| d.source == rel).map(|d| (e, d)))?;
    let lang = from
        .map(str::to_string)
        .or_else(|| doc.meta.translated_from().map(|f| f.lang.clone()))
        .unwrap_or_else(|| config.default_language().to_string());
    if lang == doc.lang {
        return Some(Err(Diagnostic::error(rel, format!("this text is in {lang}, the language a translation is made from")).help(format!(
            "say which language it was translated from: memoria translation mark {} --from LANG (one of: {})",
            display_path(rel),
            config.languages.join(", ")
        ))));
    }
    let Some(source) = entry.get(&lang) else {
        return Some(Err(Diagnostic::error(rel, format!("there is no {lang} text of this content to record")).help(format!(
            "choose the language it was translated from with --from (the texts of this content are in: {})",
            entry.docs.keys().cloned().collect::<Vec<_>>().join(", ")
        ))));
    };
    Some(Ok((
        doc.text.clone(),
        lang,
        of_document(source),
        source.source.clone(),
    )))
}

/// `file` as a path from the site's folder `root` (both as given on the
/// command line, relative to the current folder or absolute).
fn relative_to_root(root: &Path, file: &Path) -> PathBuf {
    if let (Ok(r), Ok(f)) = (root.canonicalize(), file.canonicalize()) {
        if let Ok(rel) = f.strip_prefix(&r) {
            return rel.to_path_buf();
        }
    }
    file.to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_title_summary_opening_and_level_two_headings() {
        let body = "Intro.\n\n## Contexto\n\nUno.\n\n### Detalle\n\nDos.\n\n```\n## not a heading\n```\n\n## Qué se hizo\n\nTres.\n";
        let f = fingerprints("T", Some("S"), body);
        let names: Vec<&str> = f.iter().map(|f| f.section.as_str()).collect();
        assert_eq!(
            names,
            [
                "title",
                "summary",
                "opening",
                "## Contexto",
                "## Qué se hizo"
            ]
        );
        let edited = body.replace("Dos.", "Dos y más.");
        let g = fingerprints("T", Some("S"), &edited);
        assert_eq!(changed(&f, &g), ["\"Contexto\""]);
        let crlf = body.replace('\n', "\r\n");
        assert!(changed(&f, &fingerprints("T", Some("S"), &crlf)).is_empty());
    }

    #[test]
    fn the_block_is_replaced_and_nothing_else() {
        let text = "---\ntitle: A\ntranslated_from:\n  lang: es\n  sections:\n    - \"00000000 title\"\n\nsummary: B\n---\nBody\n";
        let out = with_block(text, "translated_from:\n  lang: es\n  sections: []\n").unwrap();
        assert_eq!(
            out,
            "---\ntitle: A\ntranslated_from:\n  lang: es\n  sections: []\n\nsummary: B\n---\nBody\n"
        );
        let added = with_block("---\ntitle: A\n---\nBody\n", "x: 1\n").unwrap();
        assert_eq!(added, "---\ntitle: A\nx: 1\n---\nBody\n");
    }
}

//! The content model: everything a site says, loaded once from `content/`.
//!
//! [`load`] finds the files, parses them in parallel, groups translations and
//! checks what can only be checked across files (missing translations,
//! translations that disagree). Every later step reads this model.

pub mod action;
pub mod agreement;
pub mod case;
pub mod data_file;
pub(crate) mod deadlines;
pub mod document;
pub mod fields;
pub mod files;
pub mod indicator;
pub mod markdown_file;
pub mod money;
pub mod name;
pub mod page;
pub mod report;
pub mod schema;
pub mod translation;
pub mod types;
pub mod vocabulary;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

pub use action::Action;
pub use agreement::Agreement;
pub use case::CaseMeta;
pub use document::{Collection, Document, Entry};
pub use files::Kind;
pub use indicator::Indicator;
pub use page::PageMeta;
pub use report::ReportMeta;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::yaml::MapReader;
use data_file::DataItem;

/// Everything loaded from `content/`.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// Good practices.
    pub cases: Collection<CaseMeta>,
    /// Free pages.
    pub pages: Collection<PageMeta>,
    /// Indicators, by id.
    pub indicators: BTreeMap<String, Indicator>,
    /// The registry of agreements, by id.
    pub agreements: BTreeMap<String, Agreement>,
    /// The registry of international actions, by id.
    pub actions: BTreeMap<String, Action>,
    /// Semiannual reports, by semester (`2025-S1`).
    pub reports: Collection<ReportMeta>,
    /// Translated labels of theme ids.
    pub vocabulary: vocabulary::Vocabulary,
    /// The content files that could not be read or parsed.
    pub unreadable: Unreadable,
}

/// The content files that could not be read or parsed (each already has its
/// error). What depends on them cannot be checked until they are fixed, so
/// the checks that would fail because of them stay silent: one fault, one
/// error.
#[derive(Debug, Clone, Default)]
pub struct Unreadable {
    /// (kind, id, language — empty for data files) → the file.
    files: BTreeMap<(Kind, String, String), PathBuf>,
}

impl Unreadable {
    /// Remembers the files of `kind` whose loading failed with an error.
    fn note<T>(&mut self, files: &[files::SourceFile], kind: Kind, loaded: &[Loaded<T>]) {
        let of_kind = files.iter().filter(|f| f.kind == kind);
        for (file, (item, found)) in of_kind.zip(loaded) {
            if item.is_none() && found.iter().any(Diagnostic::is_error) {
                let key = (kind, file.id.clone(), file.lang.clone());
                self.files.insert(key, file.rel.clone());
            }
        }
    }

    /// True when a file of item `id` of `kind` (in any language) is unreadable.
    pub(crate) fn has_id(&self, kind: Kind, id: &str) -> bool {
        self.files.keys().any(|(k, i, _)| *k == kind && i == id)
    }

    /// True when the `lang` file of item `id` of `kind` is unreadable.
    pub(crate) fn has(&self, kind: Kind, id: &str, lang: &str) -> bool {
        let key = (kind, id.to_string(), lang.to_string());
        self.files.contains_key(&key)
    }

    /// The kinds and ids that have at least one unreadable file.
    pub(crate) fn ids(&self) -> impl Iterator<Item = (Kind, &str)> {
        self.files.keys().map(|(k, i, _)| (*k, i.as_str()))
    }

    /// The unreadable files of the kinds in `kinds`, in path order.
    pub(crate) fn files_of(&self, kinds: &[Kind]) -> Vec<&Path> {
        let mut out: Vec<&Path> = self
            .files
            .iter()
            .filter(|((k, _, _), _)| kinds.contains(k))
            .map(|(_, p)| p.as_path())
            .collect();
        out.sort();
        out
    }
}

/// What loading one file gives: the item, if it could be read, and the
/// problems found.
type Loaded<T> = (Option<T>, Vec<Diagnostic>);

/// Loads every content file under `root`. Drafts are dropped unless
/// `include_drafts`; they are still checked.
pub fn load(
    root: &Path,
    config: &Config,
    include_drafts: bool,
    diags: &mut Diagnostics,
) -> Content {
    let files = files::discover(root, &config.languages, diags);
    let langs = &config.languages;

    let cases: Vec<_> = files
        .par_iter()
        .filter(|f| f.kind == Kind::Case)
        .map(|f| markdown_file::load::<CaseMeta>(f, langs, include_drafts))
        .collect();
    let pages: Vec<_> = files
        .par_iter()
        .filter(|f| f.kind == Kind::Page)
        .map(|f| markdown_file::load::<PageMeta>(f, langs, include_drafts))
        .collect();

    let indicators = load_data::<Indicator>(&files, Kind::Indicator, langs);
    let agreements = load_data::<Agreement>(&files, Kind::Agreement, langs);
    let actions = load_data::<Action>(&files, Kind::Action, langs);
    let reports: Vec<_> = files
        .par_iter()
        .filter(|f| f.kind == Kind::Report)
        .map(|f| markdown_file::load::<ReportMeta>(f, langs, include_drafts))
        .collect();

    let mut unreadable = Unreadable::default();
    unreadable.note(&files, Kind::Case, &cases);
    unreadable.note(&files, Kind::Page, &pages);
    unreadable.note(&files, Kind::Indicator, &indicators);
    unreadable.note(&files, Kind::Agreement, &agreements);
    unreadable.note(&files, Kind::Action, &actions);
    unreadable.note(&files, Kind::Report, &reports);

    let content = Content {
        cases: collect(cases, include_drafts, diags),
        pages: collect(pages, include_drafts, diags),
        indicators: collect_data(indicators, diags),
        agreements: collect_data(agreements, diags),
        actions: collect_data(actions, diags),
        reports: collect(reports, include_drafts, diags),
        vocabulary: vocabulary::load(root, langs, diags),
        unreadable,
    };
    cross_check(&content, diags);

    let missing = &content.unreadable;
    report_missing_translations(&content.cases, Kind::Case, missing, config, diags);
    report_missing_translations(&content.pages, Kind::Page, missing, config, diags);
    report_missing_translations(&content.reports, Kind::Report, missing, config, diags);
    report_disagreements(&content.cases, diags);
    translation::check(&content.cases, Kind::Case, missing, diags);
    translation::check(&content.pages, Kind::Page, missing, diags);
    content
}

fn collect<M>(
    loaded: Vec<Loaded<Document<M>>>,
    include_drafts: bool,
    diags: &mut Diagnostics,
) -> Collection<M> {
    let mut out = Collection::default();
    for (doc, found) in loaded {
        diags.extend(found);
        let Some(doc) = doc else { continue };
        if doc.draft && !include_drafts {
            continue;
        }
        if let Some(other) = out.get(&doc.id).and_then(|e| e.get(&doc.lang)) {
            diags.push(
                Diagnostic::error(&doc.source, format!("this file has the same name and language as {}", crate::diagnostics::display_path(&other.source)))
                    .help("two files cannot both be the same content in the same language: rename or remove one"),
            );
            continue;
        }
        out.insert(doc);
    }
    out
}

fn collect_data<T>(loaded: Vec<Loaded<T>>, diags: &mut Diagnostics) -> BTreeMap<String, T>
where
    T: DataItem,
{
    let mut out: BTreeMap<String, T> = BTreeMap::new();
    for (item, found) in loaded {
        diags.extend(found);
        if let Some(item) = item {
            if let Some(other) = out.get(item.id()) {
                diags.push(
                    Diagnostic::error(item.source(), format!("this file has the same name as {}", crate::diagnostics::display_path(other.source())))
                        .help("two files in the same content folder (or its subfolders) cannot share a name: rename or remove one"),
                );
                continue;
            }
            out.insert(item.id().to_string(), item);
        }
    }
    out
}

/// Checks references between content items: cases named by indicators,
/// indicators named by cases. A reference to an item whose file could not be
/// read is not reported: that file's own error says what to fix.
fn cross_check(content: &Content, diags: &mut Diagnostics) {
    let unreadable = &content.unreadable;
    for ind in content.indicators.values() {
        for case in &ind.related_cases {
            if content.cases.get(&case.value).is_none()
                && !unreadable.has_id(Kind::Case, &case.value)
            {
                let ids = content.cases.entries.keys().map(String::as_str);
                diags.push(unknown_reference(
                    &ind.source,
                    &ind.text,
                    case,
                    "case",
                    ids,
                    "content/cases/",
                ));
            }
        }
    }
    for action in content.actions.values() {
        for agreement in &action.agreements {
            if !content.agreements.contains_key(&agreement.value)
                && !unreadable.has_id(Kind::Agreement, &agreement.value)
            {
                let ids = content.agreements.keys().map(String::as_str);
                diags.push(unknown_reference(
                    &action.source,
                    &action.text,
                    agreement,
                    "agreement",
                    ids,
                    "content/agreements/",
                ));
            }
        }
    }
    if content.vocabulary.present {
        for doc in content.cases.documents() {
            for theme in &doc.meta.themes {
                if !content.vocabulary.themes.contains_key(&theme.value) {
                    let ids = content.vocabulary.themes.keys().map(String::as_str);
                    let hint = crate::diagnostics::closest(&theme.value, ids)
                        .map(|c| format!("did you mean `{c}`? "))
                        .unwrap_or_default();
                    diags.push(
                        Diagnostic::warning(&doc.source, format!("the theme `{}` is not in content/vocabulary.yaml, so it has no translated label", theme.value))
                            .at(theme.position)
                            .with_source(&doc.text)
                            .help(format!("{hint}add it to content/vocabulary.yaml with its label in every language")),
                    );
                }
            }
        }
    }
    for doc in content.cases.documents() {
        for ind in &doc.meta.indicators {
            if !content.indicators.contains_key(&ind.value)
                && !unreadable.has_id(Kind::Indicator, &ind.value)
            {
                let ids = content.indicators.keys().map(String::as_str);
                diags.push(unknown_reference(
                    &doc.source,
                    &doc.text,
                    ind,
                    "indicator",
                    ids,
                    "content/indicators/",
                ));
            }
        }
    }
}

/// An error for a reference to an id that does not exist, suggesting the
/// closest one.
pub(crate) fn unknown_reference<'a>(
    source: &Path,
    text: &str,
    reference: &crate::yaml::Located<String>,
    what: &str,
    ids: impl Iterator<Item = &'a str> + Clone,
    folder: &str,
) -> Diagnostic {
    let hint = crate::diagnostics::closest(&reference.value, ids.clone())
        .map(|c| format!("did you mean `{c}`? "))
        .unwrap_or_default();
    Diagnostic::error(
        source,
        format!("there is no {what} with the id `{}`", reference.value),
    )
    .at(reference.position)
    .with_source(text)
    .help(format!(
        "{hint}ids are file names in {folder} without their ending"
    ))
}

/// Reads and parses every data file of `kind`, in parallel.
fn load_data<T: DataItem>(
    files: &[files::SourceFile],
    kind: Kind,
    langs: &[String],
) -> Vec<Loaded<T>> {
    files
        .par_iter()
        .filter(|f| f.kind == kind)
        .map(|f| match crate::text::read_source(&f.abs, &f.rel) {
            Ok(text) => data_file::parse::<T>(&f.id, f.rel.clone(), text, langs),
            Err(d) => (None, vec![d]),
        })
        .collect()
}

/// A warning (an error under `--strict`) for every language a content item
/// lacks. A translation whose file exists but could not be read is not
/// missing: its own error says what to fix.
fn report_missing_translations<M>(
    collection: &Collection<M>,
    kind: Kind,
    unreadable: &Unreadable,
    config: &Config,
    diags: &mut Diagnostics,
) {
    for entry in collection.entries.values() {
        // The warning is about the version a translator works from: the
        // first of the site's languages that exists.
        let Some(first) = config
            .languages
            .iter()
            .find_map(|l| entry.docs.get(l))
            .or_else(|| entry.docs.values().next())
        else {
            continue;
        };
        for lang in &config.languages {
            if !entry.docs.contains_key(lang) && !unreadable.has(kind, &entry.id, lang) {
                let expected = first
                    .source
                    .with_file_name(format!("{}.{lang}.md", entry.id));
                diags.push(
                    Diagnostic::warning(&first.source, format!("there is no `{lang}` translation of this content"))
                        .help(format!("add {} (until then, its page in `{lang}` says so and links to the existing version)", crate::diagnostics::display_path(&expected))),
                );
            }
        }
    }
}

/// Warns when translations of a case disagree on facts that do not depend
/// on the language (date, scale, themes…).
fn report_disagreements(cases: &Collection<CaseMeta>, diags: &mut Diagnostics) {
    for entry in cases.entries.values() {
        let mut docs = entry.docs.values();
        let Some(first) = docs.next() else { continue };
        let reference = case::shared_fields(&first.meta);
        for doc in docs {
            for ((name, a), (_, b)) in reference.iter().zip(case::shared_fields(&doc.meta).iter()) {
                if a != b {
                    diags.push(
                        Diagnostic::warning(
                            &doc.source,
                            format!(
                                "`{name}` is \"{b}\" here but \"{a}\" in {}",
                                crate::diagnostics::display_path(&first.source)
                            ),
                        )
                        .help(format!(
                            "translations of one case share their `{name}`: make them the same"
                        )),
                    );
                }
            }
        }
    }
}

/// Makes sure that an item a loader did not return has at least one error
/// among `diagnostics`: a file that is present but unusable must never vanish
/// in silence. When no error explains it, that is a bug of memoria, recorded
/// as an internal error naming the file (and caught by `debug_assert` in tests).
pub(crate) fn ensure_reported(file: &Path, diagnostics: &mut Vec<Diagnostic>) {
    if diagnostics.iter().any(Diagnostic::is_error) {
        return;
    }
    let at = diagnostics.first().and_then(|d| d.position);
    diagnostics.push(
        Diagnostic::error(
            file,
            "internal error: this file could not be read, but no reason was found",
        )
        .at(at.or(Some(crate::diagnostics::Position::new(1, 1))))
        .help(
            "this is a bug of memoria, not of your file: please report it with this file attached",
        ),
    );
    debug_assert!(false, "{} was dropped without an error", file.display());
}

/// Warns about dates far outside the period a city's records cover: they are
/// usually typing mistakes (2052 for 2025).
pub(crate) fn check_date_range(map: &MapReader<'_, '_>, key: &str, date: NaiveDate) {
    if !(1950..=2100).contains(&date.year()) {
        map.reader().error(
            &map.path_of(key),
            format!("the date {date} is outside the years 1950 to 2100"),
            Some("check the year for a typing mistake".into()),
        );
    }
}

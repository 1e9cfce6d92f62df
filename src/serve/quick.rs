//! `serve`'s quick rebuild: when a save changed nothing but the Markdown
//! text of good practices (their bodies, not their front matter, nor their
//! headings), only those files are read again, and only what shows their
//! text is made again: each case's own page in every language, the search
//! index shards whose words changed, and the check of the links written in
//! them. Every other page reads only the front matter of cases, which did
//! not change, so its bytes cannot have changed.
//!
//! Anything else (front matter, another kind of content, templates,
//! `site.toml`, a file added, removed or renamed, an error) is left to a
//! full rebuild, which is always right: [`update`] then returns `None`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::content::files::{Kind, SourceFile, CONTENT_DIR};
use crate::content::markdown_file;
use crate::content::vocabulary::{self, VOCABULARY_FILE};
use crate::content::CaseMeta;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::output::OutputFile;
use crate::render::inputs::{Input, PageInputs};
use crate::search::LiveIndex;
use crate::site::Site;
use crate::timing::timing;
use crate::{derive, linkcheck, markdown, render};

/// What the last good build left in memory for the next quick rebuild.
pub(super) struct Served {
    /// The model the served site was made from.
    pub(super) site: Site,
    /// Its search index.
    pub(super) search: LiveIndex,
    /// What each of its pages read.
    pub(super) pages: PageInputs,
    /// The warnings of the served site.
    pub(super) warnings: Diagnostics,
}

/// What a quick rebuild made: files to write, files to remove, and the
/// warnings of the whole site after it.
pub(super) struct Update {
    /// New versions of files (most may have the same bytes as before).
    pub(super) files: Vec<OutputFile>,
    /// Files the site no longer has.
    pub(super) removed: Vec<String>,
    /// The pages rendered again.
    pub(super) pages: usize,
    /// The texts taken in: (case id, language).
    pub(super) cases: BTreeSet<(String, String)>,
}

/// One case file whose body changed.
struct Edit {
    doc: crate::content::Document<CaseMeta>,
    /// The problems of loading the new text.
    found: Vec<Diagnostic>,
    /// Those of loading the old one.
    stale: Vec<Diagnostic>,
}

/// Takes the changes of `changed` (absolute paths) into `served` when they
/// are only changes of the bodies of existing cases, and returns what to
/// write; `None` when a full rebuild is needed (then `served` is as it
/// was). Link warnings of the edited texts are checked later, against the
/// written site, by [`check_links`].
pub(super) fn update(served: &mut Served, changed: &BTreeSet<PathBuf>) -> Option<Update> {
    if changed.is_empty() {
        return None;
    }
    let vocabulary = Path::new(CONTENT_DIR).join(VOCABULARY_FILE);
    if let [abs] = Vec::from_iter(changed).as_slice() {
        if abs.strip_prefix(&served.site.root).ok() == Some(&vocabulary) {
            return update_vocabulary(served, abs, &vocabulary);
        }
    }
    let started = std::time::Instant::now();
    let mut edits = Vec::new();
    for abs in changed {
        if let Some(edit) = read_edit(served, abs)? {
            edits.push(edit);
        }
    }
    timing("quick rebuild: read and render the texts", started);
    let site = &mut served.site;
    let mut cases = BTreeSet::new();
    for edit in edits {
        let doc = edit.doc;
        // Its old warnings of loading and of its links go; those of the
        // checks across files (a missing translation…) stay, as the front
        // matter they read is the same.
        served.warnings.retain(|d| {
            d.path != doc.source || !(edit.stale.contains(d) || linkcheck::is_broken_source_link(d))
        });
        served.warnings.extend(edit.found);
        cases.insert((doc.id.clone(), doc.lang.clone()));
        let entry = site.content.cases.entries.get_mut(&doc.id)?;
        entry.docs.insert(doc.lang.clone(), doc);
    }
    let ids: BTreeSet<&str> = cases.iter().map(|(id, _)| id.as_str()).collect();
    let started = std::time::Instant::now();
    let (mut files, errors, read) = render::case_pages(site, &ids);
    timing("quick rebuild: pages", started);
    if errors.has_errors() {
        return None;
    }
    served.pages.extend(read);
    let started = std::time::Instant::now();
    let search = served.search.update_cases(site, &cases)?;
    timing("quick rebuild: search index", started);
    files.extend(search.files);
    Some(Update {
        pages: files.len(),
        files,
        removed: search.removed,
        cases,
    })
}

/// Takes in a change of `content/vocabulary.yaml` (at `abs`; `rel` in the
/// site) that changed only the labels or descriptions of its themes: the
/// pages that showed a theme whose words changed in their language are made
/// again, nothing else (no other output shows them). `None` when a full
/// rebuild is needed: a theme added or removed, an error, a file that was
/// not there before.
fn update_vocabulary(served: &mut Served, abs: &Path, rel: &Path) -> Option<Update> {
    let started = std::time::Instant::now();
    let site = &served.site;
    let old = &site.content.vocabulary;
    if !old.present {
        return None;
    }
    let text = crate::text::read_source(abs, rel).ok()?;
    let mut found = Diagnostics::new();
    let (new, _) = vocabulary::parse(rel, &text, &site.config.languages, &mut found);
    // Another set of themes changes which cases are warned about.
    if found.has_errors() || !new.themes.keys().eq(old.themes.keys()) {
        return None;
    }
    let default = site.config.default_language();
    let mut jobs = Vec::new();
    for lang in &site.config.languages {
        let fallbacks = site.config.fallbacks(lang);
        let words = |t: &vocabulary::Term| {
            let description = t.description.as_ref();
            (
                t.label.get(lang, &fallbacks).map(str::to_string),
                description.and_then(|d| d.get(lang, &fallbacks).map(str::to_string)),
            )
        };
        let changed: BTreeSet<Input> = old
            .themes
            .iter()
            .zip(new.themes.values())
            .filter(|((_, was), now)| words(was) != words(now))
            .map(|((id, _), _)| Input::Theme(id.clone()))
            .collect();
        if !changed.is_empty() {
            jobs.extend(served.pages.reading(lang, default, &changed));
        }
    }
    served.warnings.retain(|d| d.path != rel);
    served.warnings.extend(found);
    served.site.content.vocabulary = new;
    timing("quick rebuild: read the vocabulary", started);
    let started = std::time::Instant::now();
    let (files, errors, read) = render::pages_again(&served.site, &jobs);
    timing("quick rebuild: pages", started);
    if errors.has_errors() {
        return None;
    }
    served.pages.extend(read);
    Some(Update {
        pages: files.len(),
        files,
        removed: Vec::new(),
        cases: BTreeSet::new(),
    })
}

/// The edit of the case file at `abs`: `Some(None)` when its text did not
/// change, `None` when the change needs a full rebuild.
fn read_edit(served: &Served, abs: &Path) -> Option<Option<Edit>> {
    let site = &served.site;
    let rel = abs.strip_prefix(&site.root).ok()?;
    let name = rel.file_name()?.to_str()?;
    let folder = Path::new(crate::content::files::CONTENT_DIR).join(Kind::Case.folder());
    if rel.parent()? != folder {
        return None;
    }
    let (id, lang) = name.strip_suffix(".md")?.rsplit_once('.')?;
    let old = site.content.cases.entries.get(id)?.docs.get(lang)?;
    if old.source != rel {
        return None;
    }
    let text = std::fs::read_to_string(abs).ok()?;
    if text == old.text {
        return Some(None);
    }
    // The front matter must be the same, byte for byte.
    if text.get(..old.body_offset)? != &old.text[..old.body_offset] {
        return None;
    }
    let file = SourceFile {
        kind: Kind::Case,
        abs: abs.to_path_buf(),
        rel: rel.to_path_buf(),
        id: id.to_string(),
        lang: lang.to_string(),
    };
    let languages = &site.config.languages;
    let (doc, found) = markdown_file::parse::<CaseMeta>(&file, text, languages);
    let mut doc = doc?;
    let same = doc.body_offset == old.body_offset && doc.slug == old.slug && doc.draft == old.draft;
    if !same || found.iter().any(Diagnostic::is_error) {
        return None;
    }
    let config = &site.config;
    let resolve =
        |target: &str| derive::resolve_link(config, &site.content, &site.routes, &doc.lang, target);
    let rendered = markdown::render(doc.body(), &resolve, config.allow_raw_html);
    // Other texts may link to its headings; a new heading needs them checked.
    if !rendered.errors.is_empty() || rendered.headings != old.headings {
        return None;
    }
    doc.html = rendered.html;
    doc.headings = rendered.headings;
    let (_, stale) = markdown_file::parse::<CaseMeta>(&file, old.text.clone(), languages);
    Some(Some(Edit { doc, found, stale }))
}

/// Checks again the links written as addresses in the Markdown of the
/// texts `cases` (id, language) just taken in, against the site written in
/// `dir` (whose files are `paths`), and adds the warnings found ([`update`]
/// took their old ones out).
pub(super) fn check_links<'a>(
    served: &mut Served,
    cases: &BTreeSet<(String, String)>,
    paths: impl Iterator<Item = &'a str>,
    dir: &'a Path,
) {
    let site = &served.site;
    // Most texts link with @/ only, which rendering has checked already.
    let any = cases.iter().any(|(id, lang)| {
        site.content
            .cases
            .get(id)
            .and_then(|e| e.get(lang))
            .is_some_and(|d| has_plain_links(d.body()))
    });
    if !any {
        return;
    }
    let started = std::time::Instant::now();
    let index = linkcheck::Index::served(paths, dir).with_routes(&site.routes);
    let only = |kind: Kind, id: &str, lang: &str| {
        kind == Kind::Case && cases.contains(&(id.to_string(), lang.to_string()))
    };
    let (found, _) = linkcheck::check_documents(site, &index, Severity::Warning, &only);
    served.warnings.extend(found);
    timing("quick rebuild: check the links of the texts", started);
}

/// True when the Markdown `text` has a link written as an address rather
/// than with `@/`.
fn has_plain_links(text: &str) -> bool {
    !markdown::plain_links(text).is_empty()
}

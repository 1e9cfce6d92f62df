//! `reports.lock`: the fingerprints of the reports presented to the
//! legislature, kept at the site root and committed by the site's authors.
//!
//! A build records each presented report the first time it sees it. Later,
//! a presented report whose content differs from its recorded fingerprint
//! stops the build, naming the report and the sections that changed, unless
//! the report gained a new erratum: then the new fingerprint is recorded.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::canonical::fingerprint;
use super::presented::{self, AsPresented, ToStore};
use super::{report_content, SECTIONS};
use crate::content::{Content, Kind};
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};

/// The name of the lock file at the site root.
pub const LOCK_FILE: &str = "reports.lock";

const HEADER: &str = "# Fingerprints of the reports presented to the legislature, written by memoria.\n# Commit this file. A build stops if a presented report changes without a new erratum.\n# How to recompute a fingerprint: see docs/content-format.md, \"Reports\".\n\n";

/// The whole lock file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Lock {
    /// One entry per presented report and language.
    #[serde(default)]
    pub report: Vec<Entry>,
}

/// What was recorded for one report in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The semester (`2025-S1`).
    pub period: String,
    /// The language.
    pub language: String,
    /// The presentation date.
    pub presented: String,
    /// How many errata the report had when recorded.
    pub errata: usize,
    /// The fingerprint of the whole content.
    pub fingerprint: String,
    /// The fingerprint of each section.
    pub sections: BTreeMap<String, String>,
    /// The versions before this one, oldest first: the first is the
    /// version as presented. Empty while the report has not been corrected.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub previous: Vec<Version>,
}

/// An earlier version of a presented report, kept when an erratum is recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Version {
    /// How many errata it had.
    pub errata: usize,
    /// Its fingerprint.
    pub fingerprint: String,
    /// The fingerprint of each of its sections.
    pub sections: BTreeMap<String, String>,
}

/// Whether verifying may record what is new.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `build`: record newly presented reports and errata.
    Record,
    /// `check` and `serve`: only compare, and warn about unrecorded reports.
    Verify,
}

/// Reads the lock of the site in `root` (an empty lock when there is none).
pub fn read(root: &Path) -> Result<Lock, Diagnostic> {
    let path = root.join(LOCK_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Lock::default()),
        Err(e) => {
            return Err(
                Diagnostic::error(LOCK_FILE, format!("cannot read the lock file: {e}"))
                    .help(crate::text::UNREADABLE_HELP),
            )
        }
    };
    toml::from_str(&text).map_err(|e| {
        Diagnostic::error(LOCK_FILE, format!("the lock file is damaged: {}", e.message()))
            .at(e.span().map(|s| crate::text::position_of(&text, s.start)))
            .with_source(&text)
            .help("restore it from version control (git checkout reports.lock); it is written by memoria, not by hand")
    })
}

/// Writes `lock` atomically (a temporary file renamed over the old one).
pub fn write(root: &Path, lock: &Lock) -> Result<(), Diagnostic> {
    let text = format!("{HEADER}{}", toml::to_string(lock).unwrap_or_default());
    let fail = |e: std::io::Error| {
        Diagnostic::error(LOCK_FILE, format!("cannot write the lock file: {e}")).help(
            "check that you may write in the site's folder and that the disk is not full, then build again",
        )
    };
    let mut tmp = tempfile::NamedTempFile::new_in(root).map_err(fail)?;
    std::io::Write::write_all(&mut tmp, text.as_bytes()).map_err(fail)?;
    tmp.persist(root.join(LOCK_FILE))
        .map_err(|e| fail(e.error))?;
    Ok(())
}

/// The kinds of content a report is composed from.
const REPORT_SOURCES: [Kind; 4] = [Kind::Agreement, Kind::Action, Kind::Indicator, Kind::Case];

/// What comparing the presented reports with the lock found.
#[derive(Debug, Default)]
pub(crate) struct Verified {
    /// The lock to write after a successful build, when something must be
    /// recorded (only in [`Mode::Record`]).
    pub(crate) lock: Option<Lock>,
    /// The content of each presented report as presented, by period and
    /// language, when it is known: read from `reports.presented/`, or the
    /// report's content when it has not changed since.
    pub(crate) presented: BTreeMap<(String, String), AsPresented>,
    /// The contents as presented to store in `reports.presented/` after a
    /// successful build (only in [`Mode::Record`]).
    pub(crate) store: Vec<ToStore>,
}

/// Compares every presented report with the lock, and finds the content of
/// each as presented (see [`Verified`]).
///
/// While a file a report is composed from cannot be read, a report that
/// differs from the lock is not reported as changed (the difference may be
/// only that file missing): a warning per report says it will be compared
/// once that file is fixed, and nothing is recorded.
pub fn verify(
    root: &Path,
    content: &Content,
    languages: &[String],
    mode: Mode,
    diags: &mut Diagnostics,
) -> Verified {
    let mut verified = Verified::default();
    let old = match read(root) {
        Ok(l) => l,
        Err(d) => {
            diags.push(d);
            return verified;
        }
    };
    let unreadable = content.unreadable.files_of(&REPORT_SOURCES);
    let mut unchecked: BTreeMap<&str, Vec<&crate::content::Document<_>>> = BTreeMap::new();
    let mut new = Lock::default();
    let mut changed = false;
    for entry in content.reports.entries.values() {
        for doc in entry.docs.values() {
            let Some(presented) = doc.meta.presented else {
                continue;
            };
            let value = report_content(content, doc, languages);
            let sections: BTreeMap<String, String> = SECTIONS
                .iter()
                .map(|s| (s.to_string(), fingerprint(&value["sections"][*s])))
                .collect();
            let current = Entry {
                period: doc.id.clone(),
                language: doc.lang.clone(),
                presented: presented.to_string(),
                errata: doc.meta.errata.len(),
                fingerprint: fingerprint(&value),
                sections,
                previous: Vec::new(),
            };
            let recorded = old
                .report
                .iter()
                .find(|e| e.period == doc.id && e.language == doc.lang);
            presented::find(
                root,
                doc,
                recorded,
                unreadable.is_empty().then_some(&value),
                mode,
                &mut verified,
                diags,
            );
            let stored_file = root.join(presented::file(&doc.id, &doc.lang)).exists();
            // The content as presented put back to store it: the lock
            // stays as it is.
            if let Some(r) = recorded.filter(|r| {
                !stored_file
                    && r.previous
                        .first()
                        .is_some_and(|v| v.fingerprint == current.fingerprint)
            }) {
                new.report.push(r.clone());
                continue;
            }
            match recorded {
                None => {
                    changed = true;
                    if mode == Mode::Verify {
                        diags.push(
                            Diagnostic::warning(&doc.source, format!("the report {} ({}) was presented on {presented} but is not recorded in {LOCK_FILE} yet", doc.id, doc.lang))
                                .help(format!("run `memoria build` to record its fingerprint, then commit {LOCK_FILE}")),
                        );
                    }
                    new.report.push(current);
                }
                Some(r) if r.fingerprint != current.fingerprint && !unreadable.is_empty() => {
                    unchecked.entry(&doc.id).or_default().push(doc);
                    new.report.push(r.clone());
                }
                Some(r) if r.fingerprint == current.fingerprint => {
                    if r.errata != current.errata {
                        changed = true;
                    }
                    new.report.push(Entry {
                        errata: current.errata.max(r.errata),
                        previous: r.previous.clone(),
                        ..current
                    });
                }
                Some(r) if current.errata > r.errata => {
                    let uncovered = uncovered_sections(r, &current, &doc.meta.errata);
                    if uncovered.is_empty() {
                        changed = true;
                        let mut previous = r.previous.clone();
                        previous.push(Version {
                            errata: r.errata,
                            fingerprint: r.fingerprint.clone(),
                            sections: r.sections.clone(),
                        });
                        new.report.push(Entry {
                            previous,
                            ..current
                        });
                    } else {
                        diags.push(
                            Diagnostic::error(&doc.source, format!("the report {} ({}) presented on {} has changed in a section no erratum names: {}", doc.id, doc.lang, r.presented, uncovered.join(", ")))
                                .help(format!(
                                    "add to the front matter of {} an erratum for each of these sections (`section: {}`), or undo the change there",
                                    display_path(&doc.source),
                                    uncovered[0]
                                )),
                        );
                        new.report.push(r.clone());
                    }
                }
                Some(r) => {
                    let differing: Vec<&str> = SECTIONS
                        .iter()
                        .filter(|s| r.sections.get(**s) != current.sections.get(**s))
                        .copied()
                        .collect();
                    let what = if differing.is_empty() {
                        "its title, legislature or presentation date".to_string()
                    } else {
                        format!("sections changed: {}", differing.join(", "))
                    };
                    diags.push(
                        Diagnostic::error(&doc.source, format!("the report {} ({}) presented on {} has changed since it was presented ({what})", doc.id, doc.lang, r.presented))
                            .help(format!(
                                "undo the change, or record it as a correction: add to the front matter of {} an entry `errata: [{{ date: YYYY-MM-DD, kind: correction, section: {}, description: \"what changed and why\" }}]` (kind: typo for wording only), one per section changed",
                                display_path(&doc.source),
                                differing.first().copied().unwrap_or("narrative")
                            )),
                    );
                    new.report.push(r.clone());
                }
            }
        }
    }
    for docs in unchecked.values() {
        diags.push(unchecked_report(docs, &unreadable));
    }
    for r in &old.report {
        if content.unreadable.has(Kind::Report, &r.period, &r.language) {
            new.report.push(r.clone());
            continue;
        }
        let still = content
            .reports
            .get(&r.period)
            .and_then(|e| e.get(&r.language))
            .is_some_and(|d| d.meta.presented.is_some());
        if !still {
            diags.push(
                Diagnostic::error(LOCK_FILE, format!("the report {} ({}) was presented on {}, but content/reports/{}.{}.md is missing or no longer presented", r.period, r.language, r.presented, r.period, r.language))
                    .help("restore the report: a presented report cannot be withdrawn silently (if it truly must be, delete its entry from reports.lock deliberately)"),
            );
            new.report.push(r.clone());
        }
    }
    new.report
        .sort_by(|a, b| (&a.period, &a.language).cmp(&(&b.period, &b.language)));
    if !unreadable.is_empty() {
        verified.store.clear();
    }
    verified.lock = (changed && mode == Mode::Record && unreadable.is_empty()).then_some(new);
    verified
}

/// The sections whose fingerprint differs between `recorded` and `current`
/// that no erratum names. Empty when some erratum names no section (errata
/// written before errata named their section): then any change is accepted.
fn uncovered_sections<'a>(
    recorded: &Entry,
    current: &'a Entry,
    errata: &[crate::content::report::Erratum],
) -> Vec<&'a str> {
    if errata.iter().any(|e| e.section.is_none()) {
        return Vec::new();
    }
    current
        .sections
        .iter()
        .filter(|(name, print)| recorded.sections.get(*name) != Some(*print))
        .map(|(name, _)| name.as_str())
        .filter(|name| {
            !errata.iter().any(|e| {
                e.section
                    .is_some_and(|s| crate::yaml::YamlEnum::id(s) == *name)
            })
        })
        .collect()
}

/// The warning for a report that cannot be compared with the lock while
/// `unreadable` files cannot be read: one per semester, on its first
/// language's file.
fn unchecked_report(
    docs: &[&crate::content::Document<crate::content::ReportMeta>],
    unreadable: &[&Path],
) -> Diagnostic {
    let languages: Vec<&str> = docs.iter().map(|d| d.lang.as_str()).collect();
    let files: Vec<String> = unreadable.iter().map(|p| display_path(p)).collect();
    let (period, source) = (&docs[0].id, &docs[0].source);
    Diagnostic::warning(
        source,
        format!(
            "the report {period} ({}) cannot be compared with {LOCK_FILE} until {} can be read",
            languages.join(", "),
            files.join(", ")
        ),
    )
    .help(format!(
        "fix the error in {} first; the report is compared again by the next check or build",
        if files.len() == 1 {
            "that file"
        } else {
            "those files"
        }
    ))
}

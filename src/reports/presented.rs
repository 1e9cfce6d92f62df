//! The content of each report as it was presented, kept in
//! `reports.presented/<period>.<lang>.json` at the site root and committed
//! with `reports.lock`.
//!
//! The file holds the canonical JSON of the report's content
//! ([`super::canonical::to_canonical`]) byte for byte, as it was when the
//! report was first recorded: its SHA-256 is the first fingerprint
//! `reports.lock` keeps for the report, so anyone can check it with
//! `sha256sum`, and memoria checks it each time it reads it. The version
//! as presented is published from this file alone, so later changes of the
//! registry, the cases or the narrative cannot change what it says.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::lock::{Entry, Mode, Verified};
use crate::content::{Document, ReportMeta};
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};

/// The folder, at the site root, of the reports as presented.
pub const PRESENTED_DIR: &str = "reports.presented";

/// The path, from the site root, of the stored content of the report of
/// `period` in `lang` (`reports.presented/2025-S1.es.json`).
pub(crate) fn file(period: &str, lang: &str) -> PathBuf {
    Path::new(PRESENTED_DIR).join(format!("{period}.{lang}.json"))
}

/// A report's content as presented, as memoria publishes it.
#[derive(Debug, Clone)]
pub(crate) struct AsPresented {
    /// The fingerprint it was recorded with (`sha256:…`).
    pub(crate) fingerprint: String,
    /// The content, as [`super::report_content`] made it then.
    pub(crate) content: Value,
}

/// A stored file to write after a successful build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ToStore {
    /// Its path from the site root.
    pub(crate) path: PathBuf,
    /// Its bytes: the canonical JSON.
    pub(crate) text: String,
}

/// `sha256:` and the hex SHA-256 of `bytes`.
fn sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// Reads the stored content of the report of `period` in `lang`, checking
/// that it is the content `expected` fingerprints. `Ok(None)` when there is
/// no such file.
pub(crate) fn read(
    root: &Path,
    period: &str,
    lang: &str,
    expected: &str,
) -> Result<Option<AsPresented>, Diagnostic> {
    let rel = file(period, lang);
    let bytes = match std::fs::read(root.join(&rel)) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(
                Diagnostic::error(&rel, format!("cannot read this file: {e}"))
                    .help(crate::text::UNREADABLE_HELP),
            )
        }
    };
    let found = sha256(&bytes);
    let restore = format!(
        "restore it from version control (git checkout {}); memoria writes this file once, when the report is first recorded, and it must never be edited",
        crate::diagnostics::display_path(&rel)
    );
    if found != expected {
        return Err(Diagnostic::error(
            &rel,
            format!(
                "this file is not the report {period} ({lang}) as presented: its SHA-256 is {found}, but {} records {expected}; it was edited or damaged",
                super::lock::LOCK_FILE
            ),
        )
        .help(restore));
    }
    let content: Value = serde_json::from_slice(&bytes).map_err(|e| {
        Diagnostic::error(&rel, format!("this file is not valid JSON: {e}")).help(restore.clone())
    })?;
    Ok(Some(AsPresented {
        fingerprint: found,
        content,
    }))
}

/// What is stored for the content `value` (as presented).
pub(crate) fn to_store(period: &str, lang: &str, value: &Value) -> ToStore {
    ToStore {
        path: file(period, lang),
        text: super::canonical::to_canonical(value),
    }
}

/// Writes the stored contents `files` under `root`, each atomically. An
/// existing file is never replaced.
pub(crate) fn write(root: &Path, files: &[ToStore]) -> Result<(), Diagnostic> {
    for f in files {
        let fail = |e: std::io::Error| {
            Diagnostic::error(&f.path, format!("cannot write this file: {e}")).help(
                "check that you may write in the site's folder and that the disk is not full, then build again",
            )
        };
        let dir = root.join(PRESENTED_DIR);
        std::fs::create_dir_all(&dir).map_err(fail)?;
        let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(fail)?;
        std::io::Write::write_all(&mut tmp, f.text.as_bytes()).map_err(fail)?;
        tmp.persist_noclobber(root.join(&f.path))
            .map_err(|e| fail(e.error))?;
    }
    Ok(())
}

/// Finds the content as presented of the presented report `doc` (whose
/// entry in the lock is `recorded`) and puts it in `verified`: read from its
/// kept file, checked against the lock; else its content today (`today`)
/// when that is still the content as presented (to keep in
/// [`Mode::Record`], with a warning in [`Mode::Verify`]); else nothing, with
/// a warning when the report was corrected (its content as presented
/// cannot be made again). `today` is `None` while a file the report is made
/// from cannot be read: then nothing is made from it.
pub(crate) fn find(
    root: &Path,
    doc: &Document<ReportMeta>,
    recorded: Option<&Entry>,
    today: Option<&Value>,
    mode: Mode,
    verified: &mut Verified,
    diags: &mut Diagnostics,
) {
    const LOCK: &str = super::lock::LOCK_FILE;
    let current = today.map(super::canonical::fingerprint);
    // The fingerprint of the version as presented.
    let Some(first) = recorded
        .map(|r| {
            r.previous
                .first()
                .map_or(r.fingerprint.clone(), |v| v.fingerprint.clone())
        })
        .or_else(|| current.clone())
    else {
        return;
    };
    let stored = match read(root, &doc.id, &doc.lang, &first) {
        Ok(p) => p,
        // Not in the lock, but kept: the lock lost its entry.
        Err(d) if recorded.is_none() => {
            diags.push(d.help(format!(
                "{LOCK} has no entry for this report: restore {LOCK} from version control; if its entry was removed on purpose (the report is presented anew), delete this file too"
            )));
            None
        }
        Err(d) => {
            diags.push(d);
            None
        }
    };
    let stored_file = root.join(file(&doc.id, &doc.lang)).exists();
    let key = (doc.id.clone(), doc.lang.clone());
    match stored {
        Some(p) => {
            verified.presented.insert(key, p);
        }
        None if stored_file || today.is_none() => {}
        None if current.as_ref() == Some(&first) => {
            let Some(value) = today else { return };
            if mode == Mode::Record {
                verified.store.push(to_store(&doc.id, &doc.lang, value));
            } else if recorded.is_some() {
                diags.push(
                    Diagnostic::warning(
                        &doc.source,
                        format!(
                            "the report {} ({}) as presented is not stored in {} yet",
                            doc.id, doc.lang, PRESENTED_DIR
                        ),
                    )
                    .help(format!(
                        "run `memoria build` to store it, then commit {}",
                        PRESENTED_DIR
                    )),
                );
            }
            verified.presented.insert(
                key,
                AsPresented {
                    fingerprint: first.clone(),
                    content: value.clone(),
                },
            );
        }
        None => {
            if let Some(r) = recorded.filter(|r| !r.previous.is_empty()) {
                diags.push(
                    Diagnostic::warning(&doc.source, format!("the report {} ({}) was corrected before memoria kept reports as presented: its content as presented ({first}) cannot be rebuilt from today's content, so it is not published", doc.id, doc.lang))
                        .help(format!(
                            "to publish it, put back in {} and in the registry what the errata changed (as they were on {}, for example from version control), run `memoria build` so that memoria stores it in {}, then bring the corrections back",
                            display_path(&doc.source),
                            r.presented,
                            PRESENTED_DIR
                        )),
                );
            }
        }
    }
}

/// The parts of a stored content the as-presented page shows. Fields the
/// content may lack (it was made by an earlier memoria) have defaults.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Stored {
    /// The report's title.
    pub(crate) title: String,
    /// The legislature.
    pub(crate) legislature: String,
    /// Its sections.
    pub(crate) sections: StoredSections,
}

/// The sections of a stored content.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct StoredSections {
    /// The narrative, in Markdown.
    pub(crate) narrative: String,
    /// The agreements.
    pub(crate) agreements: StoredAgreements,
    /// The actions.
    pub(crate) actions: StoredActions,
    /// The indicators.
    #[serde(default)]
    pub(crate) indicators: Vec<StoredIndicator>,
    /// The cases.
    #[serde(default)]
    pub(crate) cases: Vec<StoredCase>,
}

/// The agreements section.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct StoredAgreements {
    /// Signed in the semester.
    #[serde(default)]
    pub(crate) signed: Vec<StoredAgreement>,
    /// Ids of those in force.
    #[serde(default)]
    pub(crate) active: Vec<String>,
    /// Ids of those that ended.
    #[serde(default)]
    pub(crate) concluded: Vec<String>,
    /// Counts of those signed, by type id.
    #[serde(default)]
    pub(crate) signed_by_type: std::collections::BTreeMap<String, usize>,
    /// Counts of those signed, by country code.
    #[serde(default)]
    pub(crate) signed_by_country: std::collections::BTreeMap<String, usize>,
    /// Amounts signed, by currency.
    #[serde(default)]
    pub(crate) signed_amounts: std::collections::BTreeMap<String, f64>,
    /// Amounts in force, by currency.
    #[serde(default)]
    pub(crate) active_amounts: std::collections::BTreeMap<String, f64>,
    /// Every agreement named.
    #[serde(default)]
    pub(crate) all: Vec<StoredAgreement>,
}

/// Money as stored.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct StoredMoney {
    /// The amount.
    pub(crate) value: f64,
    /// The ISO 4217 code.
    pub(crate) currency: String,
}

/// An agreement as stored.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct StoredAgreement {
    /// Its id.
    pub(crate) id: String,
    /// Its title.
    pub(crate) title: String,
    /// The partner.
    pub(crate) partner: String,
    /// The partner's country code.
    pub(crate) partner_country: String,
    /// The type id.
    #[serde(rename = "type")]
    pub(crate) kind: String,
    /// The ISO date signed.
    pub(crate) signed: chrono::NaiveDate,
    /// The ISO end date known then.
    pub(crate) ends: Option<chrono::NaiveDate>,
    /// The status id.
    pub(crate) status: String,
    /// The amount.
    pub(crate) amount: Option<StoredMoney>,
    /// Who approved it.
    pub(crate) approved_by: Option<String>,
    /// The facts of the registry a report holds only when they were given
    /// (`reports/registry_facts.rs`).
    #[serde(flatten)]
    pub(crate) facts: StoredFacts,
}

/// The facts of an agreement a report's content holds only when they were
/// given: the partner's type, other counterparts, signing bodies and
/// signatories, registration, commitments and funds.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct StoredFacts {
    /// The partner's type id.
    pub(crate) partner_type: Option<String>,
    /// The other counterparts.
    pub(crate) other_counterparts: Vec<StoredCounterpart>,
    /// The city bodies that signed.
    pub(crate) city_bodies: Vec<String>,
    /// Who signed.
    pub(crate) signatories: Vec<StoredSignatory>,
    /// The registration national law requires.
    pub(crate) registration: Option<StoredRegistration>,
    /// What was agreed, in the report's language.
    pub(crate) commitments: Vec<String>,
    /// The money, each amount in its own currency.
    pub(crate) funds: Vec<StoredFund>,
}

/// A counterpart as stored.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct StoredCounterpart {
    /// The institution.
    pub(crate) name: String,
    /// Its country code.
    pub(crate) country: String,
    /// Its type id.
    #[serde(rename = "type")]
    pub(crate) kind: String,
}

/// A signatory as stored.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct StoredSignatory {
    /// Their name.
    pub(crate) name: String,
    /// Their office.
    pub(crate) office: String,
}

/// A registration as stored.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct StoredRegistration {
    /// Who approved or registered it.
    pub(crate) authority: String,
    /// The reference.
    pub(crate) reference: String,
    /// The ISO date, if given.
    pub(crate) date: Option<chrono::NaiveDate>,
}

/// An amount of money as stored.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct StoredFund {
    /// `committed`, `disbursed` or `in-kind`.
    pub(crate) kind: String,
    /// `received` or `contributed`.
    pub(crate) direction: String,
    /// The amount.
    pub(crate) value: f64,
    /// The ISO 4217 code.
    pub(crate) currency: String,
    /// The ISO date, if given.
    pub(crate) date: Option<chrono::NaiveDate>,
    /// What it is for, in the report's language.
    pub(crate) description: Option<String>,
}

/// The actions section.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct StoredActions {
    /// Every action, by date.
    #[serde(default)]
    pub(crate) items: Vec<StoredAction>,
    /// Costs by currency.
    #[serde(default)]
    pub(crate) cost: std::collections::BTreeMap<String, f64>,
}

/// Where an action took place, as stored.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct StoredPlace {
    /// The city.
    pub(crate) city: String,
    /// The country code.
    pub(crate) country: String,
}

/// Who authorised a mission, as stored.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct StoredAuthorisation {
    /// The body.
    pub(crate) by: String,
    /// The act.
    pub(crate) reference: String,
    /// Its ISO date.
    pub(crate) date: chrono::NaiveDate,
}

/// An action as stored.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct StoredAction {
    /// Its id.
    pub(crate) id: String,
    /// Its title.
    pub(crate) title: String,
    /// The type id.
    #[serde(rename = "type")]
    pub(crate) kind: String,
    /// The ISO date of its first day.
    pub(crate) date: chrono::NaiveDate,
    /// The ISO date of its last day.
    pub(crate) end_date: Option<chrono::NaiveDate>,
    /// Where.
    pub(crate) place: StoredPlace,
    /// Who took part.
    #[serde(default)]
    pub(crate) participants: Vec<String>,
    /// Its cost.
    pub(crate) cost: Option<StoredMoney>,
    /// Who paid.
    pub(crate) funded_by: Option<String>,
    /// Who authorised it.
    pub(crate) authorisation: Option<StoredAuthorisation>,
    /// The money, when given.
    #[serde(default)]
    pub(crate) funds: Vec<StoredFund>,
}

/// A value as stored: a number or a scale level's id.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum StoredMeasure {
    /// A number.
    Number(f64),
    /// A level id.
    Level(String),
}

/// A value with its period, as stored.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct StoredObservation {
    /// Its period (`2025`, `2025-S1`).
    pub(crate) period: String,
    /// Its value.
    pub(crate) value: StoredMeasure,
}

/// An indicator line as stored.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct StoredIndicator {
    /// Its id.
    pub(crate) id: String,
    /// Its name.
    pub(crate) name: String,
    /// Its unit.
    pub(crate) unit: Option<String>,
    /// The period of the value.
    pub(crate) period: String,
    /// The value.
    pub(crate) value: StoredMeasure,
    /// The value before.
    pub(crate) previous: Option<StoredObservation>,
    /// The target.
    pub(crate) target: StoredObservation,
    /// The status id.
    pub(crate) status: String,
}

/// A case as stored.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct StoredCase {
    /// Its id.
    pub(crate) id: String,
    /// Its title.
    pub(crate) title: String,
    /// Its city.
    pub(crate) city: String,
    /// Its ISO date.
    pub(crate) date: chrono::NaiveDate,
    /// The language of the version named.
    pub(crate) language: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_hash_is_the_fingerprint() {
        let v = serde_json::json!({"b": 1, "a": "ñ"});
        let stored = to_store("2025-S1", "es", &v);
        assert_eq!(
            sha256(stored.text.as_bytes()),
            super::super::canonical::fingerprint(&v)
        );
        assert_eq!(stored.path, Path::new("reports.presented/2025-S1.es.json"));
    }
}

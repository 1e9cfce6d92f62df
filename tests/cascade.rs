//! One fault, one error: a file that cannot be read is reported once, and
//! what depends on it (references to it, the reports composed from it, its
//! translations) is not reported as faults of its own.

mod common;

use common::{error_lines, stderr, Fixture};

const QUITO: &str = "content/agreements/quito-twinning.yaml";

/// The bundled site with one typo (a stray colon) in an agreement that
/// actions name and presented reports include.
fn broken_agreement() -> Fixture {
    let f = Fixture::bundled();
    f.edit(QUITO, "type: twinning\n", "type: twinning: yes\n");
    f
}

#[test]
fn a_typo_in_an_agreement_gives_one_error() {
    let f = broken_agreement();
    let out = f.run(&["check"]);
    let err = stderr(&out);
    assert!(!out.status.success());
    assert_eq!(
        error_lines(&out),
        vec![format!(
            "error: {QUITO}:6:15: this is not valid YAML: mapping values are not allowed in this context"
        )],
        "{err}"
    );
    assert!(err.contains("= help: "), "{err}");
    assert!(!err.contains("no agreement with the id"), "{err}");
    assert!(!err.contains("errat"), "never advise an erratum: {err}");
    // Each presented report that includes it says once that it cannot be
    // compared until the file is fixed, naming the file.
    for period in ["2024-S2", "2025-S1"] {
        let note = format!(
            "warning: content/reports/{period}.en.md: the report {period} (en, es) cannot be compared with reports.lock until {QUITO} can be read"
        );
        assert_eq!(err.matches(&note).count(), 1, "{err}");
    }
    assert!(err.contains("fix the error in that file first"), "{err}");
}

#[test]
fn a_typo_in_an_agreement_leaves_the_lock_alone() {
    let f = broken_agreement();
    let before = f.read("reports.lock");
    let out = f.run(&["build"]);
    assert!(!out.status.success());
    assert_eq!(error_lines(&out).len(), 1, "{}", stderr(&out));
    assert_eq!(f.read("reports.lock"), before);
    // Fixed, the site builds and the lock is still the same.
    f.edit(QUITO, "type: twinning: yes\n", "type: twinning\n");
    f.build_ok();
    assert_eq!(f.read("reports.lock"), before);
}

#[test]
fn a_broken_translation_is_not_also_a_missing_one() {
    let f = Fixture::bundled();
    let lima = "content/cases/lima.es.md";
    f.edit(
        lima,
        "dimension: political\n",
        "dimension: political: yes\n",
    );
    let out = f.run(&["check"]);
    let err = stderr(&out);
    assert!(!out.status.success());
    assert_eq!(
        error_lines(&out),
        vec![format!(
            "error: {lima}:7:21: this is not valid YAML: mapping values are not allowed in this context"
        )],
        "{err}"
    );
    assert!(err.contains("= help: "), "{err}");
    assert!(!err.contains("translation"), "{err}");
    // Under --strict, still the one error.
    let out = f.run(&["check", "--strict"]);
    assert_eq!(error_lines(&out).len(), 1, "{}", stderr(&out));
}

#[test]
fn a_broken_presented_report_is_not_also_withdrawn() {
    let f = Fixture::bundled();
    let report = "content/reports/2025-S1.es.md";
    f.edit(report, "presented:", "presented: [");
    let out = f.run(&["check"]);
    let err = stderr(&out);
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 1, "{err}");
    assert!(errors[0].starts_with(&format!("error: {report}:")), "{err}");
    assert!(!err.contains("no longer presented"), "{err}");
    assert!(!err.contains("translation"), "{err}");
}

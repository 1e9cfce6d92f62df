//! The registry a legislature checks: missions abroad with their
//! authorisation and trip report, amendments and renewals of agreements,
//! the reminders of `check` about dates, and how these facts enter the
//! reports already presented.

mod common;

use common::{stderr, Fixture};

/// Every `error:` or `warning:` line of a run with the advice printed under
/// it (the text after `= help: `, or "" when there is none).
fn problems(err: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in err.lines() {
        if line.starts_with("error: ") || line.starts_with("warning: ") {
            out.push((line.to_string(), String::new()));
        } else if let Some(help) = line.trim_start().strip_prefix("= help: ") {
            if let Some(last) = out.last_mut() {
                if last.1.is_empty() {
                    last.1 = help.to_string();
                }
            }
        }
    }
    out
}

fn site() -> Fixture {
    let f = Fixture::new(&["es", "en"]);
    let toml = f.read("site.toml");
    f.write(
        "site.toml",
        &format!("{toml}\n[missions]\ntrip_report_days = 30\n"),
    );
    f
}

fn agreement(f: &Fixture, id: &str, signed: &str, extra: &str) {
    f.write(
        &format!("content/agreements/{id}.yaml"),
        &format!(
            "title: {{ es: \"Convenio {id}\", en: \"Agreement {id}\" }}\nsummary: {{ es: \"Resumen\", en: \"Summary\" }}\npartner: \"Socio {id}\"\npartner_country: CO\ntype: cooperation\nsigned: {signed}\n{extra}"
        ),
    );
}

fn mission(f: &Fixture, id: &str, date: &str, end: &str, extra: &str) {
    f.write(
        &format!("content/actions/{id}.yaml"),
        &format!(
            "title: {{ es: \"Misión {id}\", en: \"Mission {id}\" }}\nsummary: {{ es: \"Resumen\", en: \"Summary\" }}\ntype: mission\ndate: {date}\nend_date: {end}\nplace: {{ city: Lima, country: PE }}\nparticipants: [\"Directora\"]\n{extra}"
        ),
    );
}

#[test]
fn a_mission_shows_its_authorisation_and_trip_report_or_when_it_is_due() {
    let f = site();
    mission(
        &f,
        "lima",
        "2025-10-13",
        "2025-10-15",
        "authorisation: { by: \"Concejo Municipal\", reference: \"Resolución 112\", date: 2025-09-30 }\ntrip_report: { date: 2025-11-06, document: \"https://example.org/informe-lima.pdf\" }\n",
    );
    mission(&f, "quito", "2025-11-24", "2025-11-26", "");
    f.build_ok();
    let en = f.output("en/actions/lima/index.html");
    assert!(en.contains("Authorisation"), "{en}");
    assert!(en.contains("Concejo Municipal, Resolución 112"), "{en}");
    assert!(en.contains("datetime=\"2025-09-30\""), "{en}");
    assert!(en.contains("Trip report"), "{en}");
    assert!(en.contains("datetime=\"2025-11-06\""), "{en}");
    assert!(
        en.contains("href=\"https://example.org/informe-lima.pdf\""),
        "{en}"
    );
    let es = f.output("es/acciones/lima/index.html");
    assert!(es.contains("Autorización"), "{es}");
    assert!(es.contains("Informe de viaje"), "{es}");
    // No report yet: the page says when it is due (30 days after the return).
    let due = f.output("en/actions/quito/index.html");
    assert!(due.contains("Due by"), "{due}");
    assert!(
        due.contains("December 26, 2025") || due.contains("26 December 2025"),
        "{due}"
    );
    // Without a term in site.toml, no due date is shown.
    let toml = f.read("site.toml");
    f.write(
        "site.toml",
        &toml.replace("[missions]\ntrip_report_days = 30\n", ""),
    );
    f.build_ok();
    assert!(!f.output("en/actions/quito/index.html").contains("Due by"));
}

#[test]
fn a_renewal_gives_the_new_end_and_amendments_are_listed() {
    let f = site();
    agreement(
        &f,
        "medellin",
        "2024-02-12",
        "ends: 2026-02-11\nstatus: active\namendments:\n  - kind: renewal\n    date: 2025-12-05\n    ends: 2028-02-11\n    description: { es: \"Prórroga\", en: \"Extended for two years\" }\n  - kind: amendment\n    date: 2025-09-22\n    description: { es: \"Modificación\", en: \"Adds a fund\" }\n",
    );
    f.build_ok();
    let page = f.output("en/agreements/medellin/index.html");
    assert!(page.contains("Amendments and renewals"), "{page}");
    // Oldest first.
    let amendment = page.find("Adds a fund").expect("amendment listed");
    let renewal = page.find("Extended for two years").expect("renewal listed");
    assert!(amendment < renewal, "{page}");
    assert!(page.contains("<time datetime=\"2028-02-11\""), "{page}");
    assert!(!page.contains("datetime=\"2026-02-11\""), "{page}");
    // On 2026-03-01 the renewed agreement is not reported as ended.
    let out = f.run_on("2026-03-01", &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("medellin"), "{}", stderr(&out));
}

#[test]
fn bad_registry_entries_give_one_error_each_all_at_once() {
    let f = site();
    // A trip report dated before the return (line 8: trip_report).
    mission(
        &f,
        "lima",
        "2025-10-13",
        "2025-10-15",
        "trip_report: { date: 2025-10-14 }\n",
    );
    // An amendment before the signature, and an amendment with a new end
    // date (only renewals have one); an unknown kind of amendment.
    agreement(
        &f,
        "quito",
        "2024-06-01",
        "status: active\namendments:\n  - kind: amendment\n    date: 2024-05-01\n    description: { es: \"a\", en: \"a\" }\n  - kind: amendment\n    date: 2024-07-01\n    ends: 2027-01-01\n    description: { es: \"b\", en: \"b\" }\n  - kind: extension\n    date: 2024-08-01\n    description: { es: \"c\", en: \"c\" }\n",
    );
    let out = f.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let found = problems(&err);
    let lines: Vec<&str> = found.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        lines,
        vec![
            "error: content/actions/lima.yaml:8:22: the trip report is dated 2025-10-14, before the end of the trip (2025-10-15)",
            "error: content/agreements/quito.yaml:10:11: this amendment is dated 2024-05-01, before the agreement was signed (2024-06-01)",
            "error: content/agreements/quito.yaml:14:11: only a renewal has a new end date",
            "error: content/agreements/quito.yaml:16:11: `amendments[2].kind` cannot be the text \"extension\": it must be one of amendment, renewal",
        ],
        "{err}"
    );
    assert!(found[0].1.contains("after the return"), "{err}");
    assert!(found[1].1.contains("comes after the signature"), "{err}");
    assert!(found[2].1.contains("kind: renewal"), "{err}");
    assert!(!found[3].1.is_empty(), "{err}");
    assert!(!f.root().join("public").exists(), "nothing written");
}

#[test]
fn a_term_for_trip_reports_out_of_range_is_an_error_in_site_toml() {
    let f = site();
    let toml = f.read("site.toml");
    f.write(
        "site.toml",
        &toml.replace("trip_report_days = 30", "trip_report_days = 0"),
    );
    let line = f
        .read("site.toml")
        .lines()
        .position(|l| l.starts_with("trip_report_days"))
        .unwrap()
        + 1;
    let (error, help) = common::only_error_and_help(&f.run(&["check"]));
    assert_eq!(
        error,
        format!("error: site.toml:{line}:1: `trip_report_days` is 0: a trip report is due between 1 and 366 days after the return")
    );
    assert!(help.contains("trip_report_days = 30"), "{help}");
}

#[test]
fn check_reminds_of_overdue_trip_reports_and_agreements_ending() {
    let f = site();
    // Returned on 2025-11-26: due on 2025-12-26, overdue on 2026-01-15.
    mission(&f, "bogota", "2025-11-24", "2025-11-26", "");
    // Returned on 2025-12-20: due on 2026-01-19, not yet overdue.
    mission(&f, "quito", "2025-12-18", "2025-12-20", "");
    // Handed in: nothing to say.
    mission(
        &f,
        "lima",
        "2025-10-13",
        "2025-10-15",
        "trip_report: { date: 2025-12-30 }\n",
    );
    // Ends in 45 days; ended but still active; ended and concluded; ends in
    // 120 days.
    agreement(
        &f,
        "soon",
        "2024-01-10",
        "ends: 2026-03-01\nstatus: active\n",
    );
    agreement(
        &f,
        "ended",
        "2023-01-10",
        "ends: 2025-12-31\nstatus: active\n",
    );
    agreement(
        &f,
        "done",
        "2023-01-10",
        "ends: 2025-12-31\nstatus: concluded\n",
    );
    agreement(
        &f,
        "later",
        "2024-01-10",
        "ends: 2026-05-15\nstatus: active\n",
    );
    let out = f.run_on("2026-01-15", &["check"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let found = problems(&err);
    let lines: Vec<&str> = found.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        lines,
        vec![
            "warning: content/actions/bogota.yaml:5:1: the trip report of this mission was due on 2025-12-26 (30 days after the return on 2025-11-26) and is not recorded",
            "warning: content/agreements/ended.yaml:8:1: this agreement ended on 2025-12-31, but its status is still `active`",
            "warning: content/agreements/soon.yaml:7:1: this agreement ends on 2026-03-01, in 45 days",
        ],
        "{err}"
    );
    assert!(
        found[0].1.contains("trip_report: { date: YYYY-MM-DD"),
        "{err}"
    );
    assert!(found[0].1.contains("trip_report_days"), "{err}");
    assert!(found[1].1.contains("change `status` to concluded"), "{err}");
    assert!(found[2].1.contains("renew it in time"), "{err}");
    // A reminder of `check` only: the build's output does not depend on the day.
    let build = f.run_on("2026-01-15", &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(problems(&stderr(&build)).is_empty(), "{}", stderr(&build));
    // `--strict` makes the reminders count.
    assert_eq!(
        f.run_on("2026-01-15", &["check", "--strict"]).status.code(),
        Some(1)
    );
    // A day that is not a date is one error with its advice.
    let (error, help) = common::only_error_and_help(&f.run_on("15/01/2026", &["check"]));
    assert!(
        error.contains("MEMORIA_TODAY is \"15/01/2026\", which is not a date"),
        "{error}"
    );
    assert!(help.contains("YYYY-MM-DD"), "{help}");
}

/// A report presented on 2025-08-12 covering an agreement and a mission of
/// its semester, recorded in `reports.lock` by a first build.
fn presented() -> Fixture {
    let f = site();
    agreement(
        &f,
        "famsi",
        "2025-03-10",
        "ends: 2026-12-31\nstatus: active\n",
    );
    mission(&f, "brussels", "2025-05-26", "2025-05-30", "");
    for lang in ["es", "en"] {
        f.write(
            &format!("content/reports/2025-S1.{lang}.md"),
            "---\ntitle: \"Informe\"\nlegislature: \"Concejo\"\npresented: 2025-08-12\n---\n\nTexto.\n",
        );
    }
    f.build_ok();
    assert!(f.read("reports.lock").contains("2025-S1"));
    f
}

#[test]
fn facts_dated_after_the_presentation_leave_a_presented_report_unchanged() {
    let f = presented();
    let lock = f.read("reports.lock");
    f.write(
        "content/agreements/famsi.yaml",
        &format!(
            "{}amendments:\n  - kind: renewal\n    date: 2026-11-02\n    ends: 2028-12-31\n    description: {{ es: \"Prórroga\", en: \"Renewal\" }}\n",
            f.read("content/agreements/famsi.yaml")
        ),
    );
    f.write(
        "content/actions/brussels.yaml",
        &format!(
            "{}trip_report: {{ date: 2025-08-25 }}\n",
            f.read("content/actions/brussels.yaml")
        ),
    );
    let out = f.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(f.read("reports.lock"), lock, "the lock is unchanged");
}

#[test]
fn facts_known_at_the_presentation_added_later_are_a_change_of_the_report() {
    let f = presented();
    let lock = f.read("reports.lock");
    // An authorisation is older than the mission: it was part of the facts
    // of the report, so adding it now changes what was presented.
    f.write(
        "content/actions/brussels.yaml",
        &format!(
            "{}authorisation: {{ by: \"Concejo\", reference: \"Res. 9\", date: 2025-05-02 }}\n",
            f.read("content/actions/brussels.yaml")
        ),
    );
    // So is an amendment signed before the presentation.
    f.write(
        "content/agreements/famsi.yaml",
        &format!(
            "{}amendments:\n  - kind: amendment\n    date: 2025-06-02\n    description: {{ es: \"Cambio\", en: \"Change\" }}\n",
            f.read("content/agreements/famsi.yaml")
        ),
    );
    let out = f.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let found = problems(&err);
    assert_eq!(found.len(), 2, "one error per language:\n{err}");
    for (line, help) in &found {
        assert!(
            line.contains(
                "has changed since it was presented (sections changed: agreements, actions)"
            ),
            "{err}"
        );
        assert!(help.contains("errata"), "{err}");
    }
    assert_eq!(f.read("reports.lock"), lock, "nothing recorded");
}

#[test]
fn the_bundled_example_uses_the_new_registry_fields() {
    let f = Fixture::bundled();
    let lock = f.read("reports.lock");
    f.build_ok();
    assert_eq!(
        f.read("reports.lock"),
        lock,
        "the presented reports keep their fingerprints"
    );
    let agreement = f.output("en/agreements/medellin-knowledge-exchange/index.html");
    assert!(agreement.contains("Renewal"), "{agreement}");
    assert!(agreement.contains("datetime=\"2028-02-11\""), "{agreement}");
    let mission = f.output("es/acciones/2025-10-lima-mission/index.html");
    assert!(mission.contains("Resolución MD-112 de 2025"), "{mission}");
    assert!(mission.contains("Informe de viaje"), "{mission}");
    let cdmx = f.output("en/agreements/mexico-city-reporting/index.html");
    for text in [
        "— Local government",
        "— University",
        "Signed for the city by",
        "Signatories",
        "Approval or registration",
        "Commitments",
        "— In kind, contributed by the city",
    ] {
        assert!(cdmx.contains(text), "{text}\n{cdmx}");
    }
    let action = f.output("en/actions/2025-10-climate-training/index.html");
    assert!(
        action.contains("— Disbursed, received by the city"),
        "{action}"
    );
    let draft = f.output("en/reports/2025-s2/index.html");
    assert!(
        draft.contains("Details recorded in the registry"),
        "{draft}"
    );
    let check = f.run(&["check", "--strict"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

/// Adds `errata` (YAML list items, one per line) to both languages of the
/// presented report of [`presented`].
fn with_errata(f: &Fixture, items: &str) {
    for lang in ["es", "en"] {
        let path = format!("content/reports/2025-S1.{lang}.md");
        let text = f.read(&path);
        f.write(
            &path,
            &text.replace(
                "presented: 2025-08-12\n",
                &format!("presented: 2025-08-12\nerrata:\n{items}"),
            ),
        );
    }
}

#[test]
fn an_erratum_must_name_a_section_that_exists_and_a_known_kind() {
    let f = presented();
    with_errata(
        &f,
        "  - { date: 2025-09-01, kind: spelling, section: agreements, description: \"a\" }\n  - { date: 2025-09-02, kind: typo, section: budget, description: \"b\" }\n",
    );
    let out = f.run(&["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let found = problems(&err);
    let lines: Vec<&str> = found.iter().map(|(l, _)| l.as_str()).collect();
    let mut expected = Vec::new();
    for lang in ["en", "es"] {
        expected.push(format!("error: content/reports/2025-S1.{lang}.md:6:31: `errata[0].kind` cannot be the text \"spelling\": it must be one of typo, correction"));
        expected.push(format!("error: content/reports/2025-S1.{lang}.md:7:46: `errata[1].section` cannot be the text \"budget\": it must be one of narrative, agreements, actions, indicators, cases"));
    }
    assert_eq!(lines, expected, "{err}");
    assert!(found.iter().all(|(_, help)| !help.is_empty()), "{err}");
}

#[test]
fn an_erratum_without_kind_or_section_is_a_warning() {
    let f = presented();
    with_errata(&f, "  - { date: 2025-09-01, description: \"a\" }\n");
    let out = f.run(&["build"]);
    let err = stderr(&out);
    let found = problems(&err);
    let lines: Vec<&str> = found.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        lines,
        vec![
            "warning: content/reports/2025-S1.en.md:6:5: this erratum does not say what kind of correction it is or which section it corrects",
            "warning: content/reports/2025-S1.es.md:6:5: this erratum does not say what kind of correction it is or which section it corrects",
        ],
        "{err}"
    );
    assert!(found[0].1.contains("kind: typo"), "{err}");
}

#[test]
fn a_correction_is_accepted_only_for_the_sections_its_errata_name() {
    let f = presented();
    let original = f.read("reports.lock");
    let fingerprint = |lock: &str| {
        lock.lines()
            .find(|l| l.starts_with("fingerprint = "))
            .unwrap()
            .to_string()
    };
    // The amount of the agreement changes; the erratum names the narrative.
    f.edit(
        "content/agreements/famsi.yaml",
        "status: active\n",
        "status: active\namount: { value: 180000, currency: EUR }\n",
    );
    with_errata(
        &f,
        "  - { date: 2025-09-01, kind: correction, section: narrative, description: \"a\" }\n",
    );
    let out = f.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let found = problems(&err);
    assert_eq!(found.len(), 2, "{err}");
    assert_eq!(
        found[0].0,
        "error: content/reports/2025-S1.en.md: the report 2025-S1 (en) presented on 2025-08-12 has changed in a section no erratum names: agreements"
    );
    assert!(found[0].1.contains("`section: agreements`"), "{err}");
    assert_eq!(f.read("reports.lock"), original, "nothing recorded");
    // Naming the right section records the new version and keeps the one
    // as presented.
    for lang in ["es", "en"] {
        f.edit(
            &format!("content/reports/2025-S1.{lang}.md"),
            "section: narrative",
            "section: agreements",
        );
    }
    f.build_ok();
    let lock = f.read("reports.lock");
    assert_ne!(fingerprint(&lock), fingerprint(&original), "{lock}");
    assert!(lock.contains("[[report.previous]]"), "{lock}");
    let first = fingerprint(&original);
    let kept = lock
        .split("[[report.previous]]")
        .nth(1)
        .expect("a previous version");
    assert!(
        kept.contains(&first),
        "the version as presented is kept:\n{lock}"
    );
    // The report links the erratum to its section and back.
    let page = f.output("en/reports/2025-s1/index.html");
    assert!(page.contains("id=\"erratum-1\""), "{page}");
    assert!(page.contains("(correction)"), "{page}");
    assert!(page.contains("href=\"#part-agreements\""), "{page}");
    let part = page.split("id=\"part-agreements\"").nth(1).unwrap();
    assert!(
        part.split("</section>")
            .next()
            .unwrap()
            .contains("href=\"#erratum-1\""),
        "{page}"
    );
}

#[test]
fn the_bundled_report_has_a_typo_and_a_correction_linked_both_ways() {
    let f = Fixture::bundled();
    f.build_ok();
    for (lang, path) in [
        ("en", "en/reports/2025-s1/index.html"),
        ("es", "es/informes/2025-s1/index.html"),
    ] {
        let page = f.output(path);
        for (n, section) in [(1, "narrative"), (2, "actions")] {
            assert!(page.contains(&format!("id=\"erratum-{n}\"")), "{lang}");
            let part = page
                .split(&format!("id=\"part-{section}\""))
                .nth(1)
                .unwrap()
                .split("</section>")
                .next()
                .unwrap();
            assert!(
                part.contains(&format!("href=\"#erratum-{n}\"")),
                "{lang}: {section}"
            );
        }
        assert!(page.contains("href=\"#part-narrative\""), "{lang}");
        assert!(page.contains("href=\"#part-actions\""), "{lang}");
    }
    let lock = f.read("reports.lock");
    assert!(lock.contains("[[report.previous]]"), "{lock}");
    // The presentation: the official letter and the legislature's record.
    let es = f.output("es/informes/2025-s1/index.html");
    assert!(
        es.contains("Oficio de remisión</dt><dd>Oficio DRI-0321-2025"),
        "{es}"
    );
    assert!(es.contains("Acta 58 de 2025, punto 6"), "{es}");
    let en = f.output("en/reports/2025-s1/index.html");
    assert!(en.contains("Minutes 58 of 2025, item 6"), "{en}");
}

#[test]
fn the_record_of_receipt_is_outside_the_fingerprint_and_needs_its_entry() {
    let f = presented();
    let lock = f.read("reports.lock");
    // Known only after the presentation: adding it changes nothing recorded.
    for lang in ["es", "en"] {
        f.edit(
            &format!("content/reports/2025-S1.{lang}.md"),
            "presented: 2025-08-12\n",
            "presented: 2025-08-12\nletter: \"Oficio 12\"\nreceived: { date: 2025-08-12, entry: \"Acta 58, punto 6\" }\n",
        );
    }
    f.build_ok();
    assert_eq!(f.read("reports.lock"), lock);
    // Without its entry: one error per file, at `received`.
    for lang in ["es", "en"] {
        f.edit(
            &format!("content/reports/2025-S1.{lang}.md"),
            ", entry: \"Acta 58, punto 6\"",
            "",
        );
    }
    let out = f.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let found = problems(&err);
    assert_eq!(found.len(), 2, "{err}");
    for ((line, help), lang) in found.iter().zip(["en", "es"]) {
        assert!(
            line.starts_with(&format!("error: content/reports/2025-S1.{lang}.md:6:13: the required field `entry` is missing in `received`")),
            "{err}"
        );
        assert!(line.contains("entry"), "{err}");
        assert!(!help.is_empty(), "{err}");
    }
}

/// The fuller facts of an agreement: the partner's type and the other
/// counterparts, the city bodies and the people who signed, the
/// registration national law asks for, the commitments and the money.
const FULL_AGREEMENT: &str = "partner_type: local-government
other_counterparts:
  - { name: \"Universidad del Valle\", country: CO, type: university }
status: active
city_bodies: [\"Alcaldía\", \"Concejo Municipal\"]
signatories:
  - { name: \"Ana Pérez\", office: \"Alcaldesa\" }
registration: { authority: \"Registro de acuerdos\", reference: \"RA-2025-17\", date: 2025-09-30 }
commitments:
  - { es: \"Compartir el método del informe\", en: \"Share the reporting method\" }
funds:
  - { kind: committed, direction: received, value: 350000, currency: MXN, date: 2025-08-25 }
  - { kind: disbursed, direction: received, value: 175000, currency: MXN, date: 2025-11-20, description: { es: \"Primer pago\", en: \"First payment\" } }
  - { kind: in-kind, direction: contributed, value: 9500000, currency: COP }
";

#[test]
fn an_agreement_shows_who_signed_what_was_agreed_and_its_money() {
    let f = site();
    agreement(&f, "cdmx", "2025-08-25", FULL_AGREEMENT);
    mission(
        &f,
        "lima",
        "2025-10-13",
        "2025-10-15",
        "funds:\n  - { kind: disbursed, direction: received, value: 1200, currency: USD, description: { es: \"Pasajes\", en: \"Air fares\" } }\n",
    );
    f.build_ok();
    let en = f.output("en/agreements/cdmx/index.html");
    for text in [
        "Counterparts",
        "Socio cdmx (Colombia) — Local government",
        "Universidad del Valle (Colombia) — University",
        "Signed for the city by",
        "<li>Alcaldía</li><li>Concejo Municipal</li>",
        "Ana Pérez, Alcaldesa",
        "Approval or registration",
        "Registro de acuerdos, RA-2025-17, <time datetime=\"2025-09-30\">",
        "<h2 id=\"commitments-heading\">Commitments</h2>",
        "<li>Share the reporting method</li>",
        "<strong>350,000 MXN</strong> — Committed, received by the city, <time datetime=\"2025-08-25\">",
        "<strong>175,000 MXN</strong> — Disbursed, received by the city, <time datetime=\"2025-11-20\">November 20, 2025</time>: First payment",
        "<strong>9,500,000 COP</strong> — In kind, contributed by the city</li>",
    ] {
        assert!(en.contains(text), "{text}\n{en}");
    }
    let es = f.output("es/convenios/cdmx/index.html");
    assert!(es.contains("Firmantes"), "{es}");
    assert!(
        es.contains("<strong>350.000 MXN</strong> — Comprometido, recibido por la ciudad"),
        "{es}"
    );
    let action = f.output("en/actions/lima/index.html");
    assert!(
        action.contains("<strong>1,200 USD</strong> — Disbursed, received by the city: Air fares"),
        "{action}"
    );
    // The open data carries the same facts, each amount in its currency.
    let data: serde_json::Value = serde_json::from_str(&f.output("data/agreements.json")).unwrap();
    let cdmx = &data.as_array().unwrap()[0];
    assert_eq!(cdmx["partner_type"], "local-government");
    assert_eq!(
        cdmx["other_counterparts"][0]["name"],
        "Universidad del Valle"
    );
    assert_eq!(cdmx["signatories"][0]["office"], "Alcaldesa");
    assert_eq!(
        cdmx["funds"][1],
        serde_json::json!({"kind": "disbursed", "direction": "received", "value": 175000, "currency": "MXN", "date": "2025-11-20", "description": {"es": "Primer pago", "en": "First payment"}})
    );
    let actions: serde_json::Value = serde_json::from_str(&f.output("data/actions.json")).unwrap();
    assert_eq!(actions[0]["funds"][0]["currency"], "USD");
    // An agreement written as before (partner and amount) reads as before:
    // one partner without a type, its amount committed to the city.
    agreement(
        &f,
        "old",
        "2024-06-03",
        "status: active\namount: { value: 12000000, currency: USD }\n",
    );
    f.build_ok();
    let old = f.output("en/agreements/old/index.html");
    assert!(
        old.contains("<dt>Partner</dt><dd>Socio old (Colombia)</dd>"),
        "{old}"
    );
    assert!(!old.contains("Counterparts"), "{old}");
    assert!(
        old.contains("<strong>12,000,000 USD</strong> — Committed, received by the city</li>"),
        "{old}"
    );
}

#[test]
fn a_report_adds_money_per_currency_and_shows_the_new_facts_in_its_annex() {
    let f = site();
    agreement(&f, "cdmx", "2025-08-25", FULL_AGREEMENT);
    // Written as before: its amount counts as committed to the city.
    agreement(
        &f,
        "caf",
        "2025-09-03",
        "status: active\namount: { value: 12000, currency: USD }\n",
    );
    // The city's own contribution is not money the city received.
    agreement(
        &f,
        "eu",
        "2025-10-01",
        "status: active\nfunds:\n  - { kind: committed, direction: contributed, value: 100000, currency: EUR }\n  - { kind: committed, direction: received, value: 400000, currency: EUR }\n  - { kind: committed, direction: received, value: 3000, currency: USD }\n",
    );
    for lang in ["es", "en"] {
        f.write(
            &format!("content/reports/2025-S2.{lang}.md"),
            "---\ntitle: \"Informe\"\nlegislature: \"Concejo\"\n---\n\nTexto.\n",
        );
    }
    f.build_ok();
    let page = f.output("en/reports/2025-s2/index.html");
    // Committed and received, per currency, never across currencies.
    assert!(
        page.contains(
            "Amounts of the agreements signed, per currency: 400,000 EUR; 350,000 MXN; 15,000 USD"
        ),
        "{page}"
    );
    let annex = &page[page.find("id=\"part-annex\"").expect("annex")..];
    assert!(
        annex.contains("Details recorded in the registry"),
        "{annex}"
    );
    assert!(annex.contains("<h4>Agreement cdmx</h4>"), "{annex}");
    assert!(
        annex.contains("Registro de acuerdos, RA-2025-17"),
        "{annex}"
    );
    assert!(
        annex.contains("175,000 MXN — Disbursed, received by the city"),
        "{annex}"
    );
    // An agreement with no new facts has no details block.
    assert!(!annex.contains("<h4>Agreement caf</h4>"), "{annex}");
    let data: serde_json::Value =
        serde_json::from_str(&f.output("data/reports/2025-S2.json")).unwrap();
    let agreements = &data["languages"]["en"]["content"]["sections"]["agreements"];
    assert_eq!(
        agreements["signed_amounts"],
        serde_json::json!({"EUR": 400000, "MXN": 350000, "USD": 15000})
    );
    let cdmx = agreements["all"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "cdmx")
        .unwrap();
    assert_eq!(cdmx["partner_type"], "local-government");
    assert_eq!(cdmx["other_counterparts"][0]["type"], "university");
    assert_eq!(cdmx["registration"]["reference"], "RA-2025-17");
    assert_eq!(cdmx["funds"].as_array().unwrap().len(), 3);
    assert_eq!(cdmx["funds"][2]["kind"], "in-kind");
    assert_eq!(cdmx["funds"][2]["direction"], "contributed");
    // Both counterparts are in Colombia: the country is counted once.
    assert_eq!(agreements["signed_by_country"]["CO"], 3);
    // An agreement written as before has none of the new keys.
    let caf = agreements["all"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "caf")
        .unwrap();
    for key in [
        "partner_type",
        "other_counterparts",
        "funds",
        "registration",
        "signatories",
    ] {
        assert!(caf.get(key).is_none(), "{key}: {caf}");
    }
}

#[test]
fn money_dated_after_the_presentation_leaves_a_presented_report_unchanged() {
    let f = presented();
    let lock = f.read("reports.lock");
    let famsi = f.read("content/agreements/famsi.yaml");
    f.write(
        "content/agreements/famsi.yaml",
        &format!("{famsi}funds:\n  - {{ kind: disbursed, direction: received, value: 90000, currency: EUR, date: 2026-01-20 }}\n"),
    );
    let out = f.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(f.read("reports.lock"), lock, "the lock is unchanged");
    // Money paid before the presentation was part of its facts.
    f.write(
        "content/agreements/famsi.yaml",
        &format!("{famsi}funds:\n  - {{ kind: disbursed, direction: received, value: 90000, currency: EUR, date: 2025-06-20 }}\n"),
    );
    let out = f.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let found = problems(&err);
    assert_eq!(found.len(), 2, "one error per language:\n{err}");
    assert!(
        found.iter().all(|(l, _)| l
            .contains("has changed since it was presented (sections changed: agreements)")),
        "{err}"
    );
    assert_eq!(f.read("reports.lock"), lock, "nothing recorded");
}

#[test]
fn bad_counterparts_signatories_and_money_give_one_error_each_all_at_once() {
    let f = site();
    agreement(
        &f,
        "bad",
        "2025-08-25",
        "status: active
partner_type: municipality
other_counterparts:
  - { name: \"Universidad\", country: CO, type: academia }
signatories:
  - { name: \"\", office: \"Alcaldesa\" }
amount: { value: 1000, currency: USD }
funds:
  - { kind: pledged, direction: received, value: 10, currency: EUR }
  - { kind: committed, direction: outgoing, value: 10, currency: EUR }
  - { kind: committed, direction: received, value: 10, currency: EURO }
  - { kind: committed, direction: received, value: -5, currency: EUR }
",
    );
    mission(
        &f,
        "lima",
        "2025-10-13",
        "2025-10-15",
        "funds:\n  - { kind: disbursed, direction: received, value: 10, currency: SOL }\n",
    );
    // A file with no other fault: its reference is checked too.
    mission(
        &f,
        "quito",
        "2025-11-24",
        "2025-11-26",
        "agreements: [bad, unknown-agreement]\n",
    );
    let out = f.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let found = problems(&err);
    let lines: Vec<&str> = found.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        lines,
        vec![
            "error: content/actions/lima.yaml:9:66: \"SOL\" is not an ISO 4217 currency code",
            "error: content/actions/quito.yaml:8:19: there is no agreement with the id `unknown-agreement`",
            "error: content/agreements/bad.yaml:8:15: `partner_type` cannot be the text \"municipality\": it must be one of local-government, national-government, international-organisation, network, university, private, civil-society",
            "error: content/agreements/bad.yaml:10:47: `other_counterparts[0].type` cannot be the text \"academia\": it must be one of local-government, national-government, international-organisation, network, university, private, civil-society",
            "error: content/agreements/bad.yaml:12:7: `signatories[0].name` is empty, but it is required",
            "error: content/agreements/bad.yaml:13:9: this agreement has both `amount` and `funds`",
            "error: content/agreements/bad.yaml:15:13: `funds[0].kind` cannot be the text \"pledged\": it must be one of committed, disbursed, in-kind",
            "error: content/agreements/bad.yaml:16:35: `funds[1].direction` cannot be the text \"outgoing\": it must be one of received, contributed",
            "error: content/agreements/bad.yaml:17:66: \"EURO\" is not an ISO 4217 currency code",
            "error: content/agreements/bad.yaml:18:52: an amount cannot be negative",
        ],
        "{err}"
    );
    let help = |i: usize| found[i].1.as_str();
    assert!(help(0).contains("EUR, USD, MXN, COP, PEN"), "{err}");
    assert!(help(1).contains("content/agreements/"), "{err}");
    assert!(!help(2).is_empty() && !help(3).is_empty(), "{err}");
    assert!(help(4).contains("write a value after `name:`"), "{err}");
    assert!(
        help(5).contains("kind: committed, direction: received"),
        "{err}"
    );
    assert!(help(5).contains("remove `amount`"), "{err}");
    assert!(!help(6).is_empty() && !help(7).is_empty(), "{err}");
    assert!(help(8).contains("three-letter code"), "{err}");
    assert!(help(9).contains("`direction`"), "{err}");
    assert!(!f.root().join("public").exists(), "nothing written");
}

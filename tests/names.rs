//! Names of the registry written once or per language (`partner`,
//! `other_counterparts[].name`, `city_bodies`, `place.city`, `funded_by`):
//! every page in a language shows the name in that language, else the
//! default language's marked with its `lang`; reports, the open data and
//! the JSON-LD follow; a name written once leaves presented reports as they
//! were; a change of a presented name is a change of the report; wrong
//! names are errors at their line and column, with advice.

mod common;

use common::server::Server;
use common::{error_lines_in, stderr, Fixture};
use serde_json::json;

/// The bundled example, built.
fn bundled_built() -> Fixture {
    let f = Fixture::bundled();
    f.build_ok();
    f
}

#[test]
fn english_pages_show_the_english_names_and_mark_the_default_ones() {
    let f = bundled_built();
    // An action: its city and who paid, per language.
    let en = f.output("en/actions/2025-09-ucci-assembly/index.html");
    assert!(en.contains("Lisbon (Portugal)"), "{en}");
    assert!(!en.contains("Lisboa"), "{en}");
    let es = f.output("es/acciones/2025-09-ucci-assembly/index.html");
    assert!(es.contains("Lisboa (Portugal)"), "{es}");
    let event = f.output("en/actions/2025-11-innovation-event/index.html");
    assert!(event.contains("Example City (Colombia)"), "{event}");
    assert!(event.contains("<dd>European Union</dd>"), "{event}");
    // The listing of actions.
    let actions = f.output("en/actions/index.html");
    assert!(actions.contains("Lisbon (Portugal)"), "{actions}");
    // An agreement: the partner per language, a counterpart written in the
    // default language only (marked), the city bodies per language.
    let cdmx = f.output("en/agreements/mexico-city-reporting/index.html");
    assert!(
        cdmx.contains("Government of Mexico City (Mexico)"),
        "{cdmx}"
    );
    assert!(
        cdmx.contains("<span lang=\"es\">Universidad Nacional Autónoma de México</span> (Mexico)"),
        "{cdmx}"
    );
    let cdmx_es = f.output("es/convenios/mexico-city-reporting/index.html");
    assert!(
        !cdmx_es.contains("<span lang=\"es\">Universidad"),
        "a name in the page's own language is not marked: {cdmx_es}"
    );
    let eu = f.output("en/agreements/eu-urban-innovation/index.html");
    assert!(eu.contains("Delegation of the European Union"), "{eu}");
    assert!(eu.contains("<li>Mayor&#39;s Office</li>"), "{eu}");
    assert!(eu.contains("Department of Economic Development"), "{eu}");
    let agreements = f.output("en/agreements/index.html");
    assert!(
        agreements.contains("Delegation of the European Union (Belgium)")
            || agreements.contains("Delegation of the European Union ("),
        "{agreements}"
    );
    // The report of the semester (a draft), its table and its annex.
    let report = f.output("en/reports/2025-s2/index.html");
    assert!(report.contains("Lisbon (Portugal)"), "{report}");
    assert!(
        report.contains("Delegation of the European Union"),
        "{report}"
    );
    assert!(
        report.contains("<span lang=\"es\">Universidad Nacional Autónoma de México</span>"),
        "{report}"
    );
    let report_es = f.output("es/informes/2025-s2/index.html");
    assert!(report_es.contains("Lisboa (Portugal)"), "{report_es}");
    // The annex writes dates and countries as the rest of the page does:
    // in full and by name, never as ISO codes.
    assert!(
        report.contains(
            "<td data-label=\"Signed\"><time datetime=\"2022-11-08\">November 8, 2022</time>"
        ),
        "{report}"
    );
    assert!(
        report.contains("Unión de Ciudades Capitales Iberoamericanas (Spain)"),
        "{report}"
    );
    for code in ["(ES)", "(MX)", "(PT)", ">2022-11-08<"] {
        assert!(!report.contains(code), "{code} in {report}");
    }
    // The JSON-LD of the action names the place in the page's language.
    assert!(en.contains("\"name\":\"Lisbon\""), "{en}");
}

#[test]
fn the_open_data_keeps_the_default_names_and_adds_the_others() {
    let f = bundled_built();
    let csv = f.output("data/agreements.csv");
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = rows.headers().unwrap().iter().map(String::from).collect();
    let at = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name}: {header:?}"))
    };
    assert_eq!(
        header.last().map(String::as_str),
        Some("partner_en"),
        "{header:?}"
    );
    assert!(at("partner") < at("title_es"));
    let eu = rows
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == "eu-urban-innovation")
        .unwrap();
    assert_eq!(&eu[at("partner")], "Delegación de la Unión Europea");
    assert_eq!(&eu[at("partner_en")], "Delegation of the European Union");
    let csv = f.output("data/actions.csv");
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = rows.headers().unwrap().iter().map(String::from).collect();
    let at = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name}: {header:?}"))
    };
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    let row = |id: &str| records.iter().find(|r| &r[0] == id).unwrap();
    let lisbon = row("2025-09-ucci-assembly");
    assert_eq!(&lisbon[at("city")], "Lisboa");
    assert_eq!(&lisbon[at("city_en")], "Lisbon");
    assert_eq!(&lisbon[at("funded_by")], "Presupuesto municipal");
    assert_eq!(&lisbon[at("funded_by_en")], "Municipal budget");
    // A name written once is every language's name.
    let paris = row("2025-04-cuf-meeting");
    assert_eq!(&paris[at("funded_by")], "Cités Unies France");
    assert_eq!(&paris[at("funded_by_en")], "Cités Unies France");
    // The JSON files: the default name where it always was, and every
    // language's beside it.
    let agreements: serde_json::Value =
        serde_json::from_str(&f.output("data/agreements.json")).unwrap();
    let cdmx = agreements
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "mexico-city-reporting")
        .unwrap();
    assert_eq!(cdmx["partner"], "Gobierno de la Ciudad de México");
    assert_eq!(
        cdmx["partner_names"],
        serde_json::json!({"es": "Gobierno de la Ciudad de México", "en": "Government of Mexico City"})
    );
    assert_eq!(
        cdmx["other_counterparts"][0]["names"]["en"],
        "Universidad Nacional Autónoma de México"
    );
    let actions: serde_json::Value = serde_json::from_str(&f.output("data/actions.json")).unwrap();
    let lisbon = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "2025-09-ucci-assembly")
        .unwrap();
    assert_eq!(lisbon["place"]["city"], "Lisboa");
    assert_eq!(lisbon["place"]["city_names"]["en"], "Lisbon");
    // The Table Schema types the new columns as text.
    let package = f.output("data/datapackage.json");
    assert!(package.contains("\"partner_en\""), "{package}");
}

#[test]
fn names_written_once_keep_the_presented_reports_as_they_were() {
    let f = Fixture::bundled();
    let lock = f.read("reports.lock");
    f.build_ok();
    assert_eq!(f.read("reports.lock"), lock);
    let check = f.run(&["check", "--strict"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn a_new_name_in_a_presented_report_is_a_change_that_needs_an_erratum() {
    let f = Fixture::bundled();
    f.edit(
        "content/actions/2025-05-brussels-mission.yaml",
        "en: \"Brussels\" }",
        "en: \"City of Brussels\" }",
    );
    let check = f.run(&["check"]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    let err = stderr(&check);
    let errors = error_lines_in(&err);
    assert_eq!(errors.len(), 1, "{err}");
    assert!(
        errors[0].starts_with("error: content/reports/2025-S1.en.md")
            && errors[0].contains("2025-S1 (en)")
            && errors[0].contains("sections changed: actions"),
        "{err}"
    );
    assert!(err.contains("errata:"), "{err}");
    // The Spanish report, whose name did not change, is not named.
    assert!(!err.contains("(es)"), "{err}");
    // Recorded as an erratum, the change is accepted and English pages
    // say the new name.
    f.edit(
        "content/reports/2025-S1.en.md",
        "errata:\n",
        "errata:\n  - { date: 2026-12-01, kind: typo, section: actions, description: \"Brussels is now called by its full English name.\" }\n",
    );
    f.build_ok();
    let page = f.output("en/actions/2025-05-brussels-mission/index.html");
    assert!(page.contains("City of Brussels (Belgium)"), "{page}");
    let report = f.output("en/reports/2025-s1/index.html");
    assert!(report.contains("City of Brussels (Belgium)"), "{report}");
    // The version as presented keeps the name it was presented with.
    let presented = f.output("en/reports/2025-s1/as-presented/index.html");
    assert!(presented.contains("Bruselas (Belgium)"), "{presented}");
    let lock = f.read("reports.lock");
    assert!(lock.contains("[[report.previous]]"), "{lock}");
}

#[test]
fn wrong_names_are_errors_at_their_place_with_advice() {
    let f = Fixture::new(&["es", "en"]);
    f.write(
        "content/actions/visit.yaml",
        "title: { es: \"Visita\", en: \"Visit\" }\nsummary: { es: \"Resumen\", en: \"Summary\" }\ntype: visit\ndate: 2025-03-02\nplace: { city: { en: \"Brussels\" }, country: BE }\nparticipants: []\nfunded_by: { es: \"Unión Europea\", eng: \"European Union\" }\n",
    );
    f.write(
        "content/agreements/bad.yaml",
        "title: { es: \"Convenio\", en: \"Agreement\" }\nsummary: { es: \"Resumen\", en: \"Summary\" }\npartner: { es: \"\", en: \"Partner\" }\npartner_country: CO\ntype: cooperation\nsigned: 2025-01-10\nstatus: active\nother_counterparts:\n  - { name: { es: [\"UNAM\"] }, country: MX, type: university }\ncity_bodies: [{ es: \"Alcaldía\" }, [\"a\"]]\n",
    );
    let out = f.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let errors = error_lines_in(&err);
    let expected: [(&str, &str); 5] = [
        (
            "error: content/actions/visit.yaml:5:16: `place.city` is written per language but has no name in `es`, the site's default language",
            "add `es: \"…\"` to it",
        ),
        (
            "error: content/actions/visit.yaml:7:35: `funded_by` has a name in `eng`, which is not a language of this site",
            "did you mean `en`?",
        ),
        (
            "error: content/agreements/bad.yaml:3:16: `partner.es` is empty",
            "write a text between the quotes",
        ),
        (
            "error: content/agreements/bad.yaml:9:19: `other_counterparts[0].name.es` must be a name, not a list",
            "write the name in `es` between quotes",
        ),
        (
            "error: content/agreements/bad.yaml:10:35: `city_bodies[1]` must be a name, not a list",
            "write the name once, between quotes",
        ),
    ];
    assert_eq!(errors.len(), expected.len(), "one error per fault:\n{err}");
    for (line, help) in expected {
        assert!(errors.contains(&line), "missing {line:?} in:\n{err}");
        let at = err.find(line).unwrap();
        let advice = err[at..]
            .lines()
            .find_map(|l| l.trim_start().strip_prefix("= help: "))
            .unwrap_or_default();
        assert!(advice.contains(help), "{line}: advice {advice:?}");
    }
}

#[test]
fn a_name_per_language_saved_through_the_editor_keeps_the_file_and_is_served() {
    let f = Fixture::bundled();
    let server = Server::start(&f, &[]);
    let rebuilds = server.rebuilds();
    let path = "content/actions/2025-09-ucci-assembly.yaml";
    let read = server.api("getEntry", json!({"branch": "main", "path": path}));
    let given: serde_yaml::Value =
        serde_yaml::from_str(read.json()["data"].as_str().unwrap()).unwrap();
    assert_eq!(given["place"]["city"]["en"], "Lisbon");
    // A name written once reaches the editor's boxes as the default
    // language's name.
    assert_eq!(given["funded_by"]["es"], "Presupuesto municipal");
    // The editor sends it back with the English name changed, and the
    // English box of the other name left empty: that one is written once
    // again.
    let mut sent = given.clone();
    sent["place"]["city"]["en"] = "Lisbon city".into();
    sent["funded_by"]["en"] = "".into();
    let saved = server.api(
        "persistEntry",
        json!({"branch": "main", "dataFiles": [{"slug": "2025-09-ucci-assembly", "path": path, "raw": serde_yaml::to_string(&sent).unwrap()}], "assets": [], "options": {}}),
    );
    assert_eq!(saved.status, 200, "{}", saved.body);
    server.wait_for_rebuilds(rebuilds + 1);
    let written: serde_yaml::Value = serde_yaml::from_str(&f.read(path)).unwrap();
    assert_eq!(written["place"]["city"]["en"], "Lisbon city");
    assert_eq!(written["funded_by"], "Presupuesto municipal");
    // A client that sends the file's own text gets it written as sent,
    // comments and order kept.
    let rebuilds = server.rebuilds();
    let original = std::fs::read_to_string(f.root().join(path)).unwrap();
    let raw = original.replace("Lisbon city", "Lisbon town");
    let saved = server.api(
        "persistEntry",
        json!({"branch": "main", "dataFiles": [{"slug": "2025-09-ucci-assembly", "path": path, "raw": raw}], "assets": [], "options": {}}),
    );
    assert_eq!(saved.status, 200, "{}", saved.body);
    server.wait_for_rebuilds(rebuilds + 1);
    assert_eq!(f.read(path), raw, "the file is written as sent");
    let page = server.wait_for("/en/actions/2025-09-ucci-assembly/", "the new name", |r| {
        r.body.contains("Lisbon town (Portugal)")
    });
    assert!(page.body.contains("(Portugal)"), "{}", page.body);
    assert!(server.errors().is_empty(), "{:?}", server.errors());
}

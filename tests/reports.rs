//! Semiannual reports: composition with known totals, the registry pages,
//! validation, and the lock that keeps presented reports from changing.

mod common;

use common::{snapshot, stderr, Fixture};

fn agreement(f: &Fixture, id: &str, signed: &str, status: &str, amount: &str, extra: &str) {
    f.write(
        &format!("content/agreements/{id}.yaml"),
        &format!(
            "title: {{ es: \"Convenio {id}\", en: \"Agreement {id}\" }}\nsummary: {{ es: \"Resumen\", en: \"Summary\" }}\npartner: \"Socio {id}\"\npartner_country: CO\ntype: cooperation\nsigned: {signed}\nstatus: {status}\n{amount}{extra}"
        ),
    );
}

fn action(f: &Fixture, id: &str, kind: &str, date: &str, cost: &str, extra: &str) {
    f.write(
        &format!("content/actions/{id}.yaml"),
        &format!(
            "title: {{ es: \"Acción {id}\", en: \"Action {id}\" }}\nsummary: {{ es: \"Resumen\", en: \"Summary\" }}\ntype: {kind}\ndate: {date}\nplace: {{ city: Madrid, country: ES }}\nparticipants: [\"Directora {id}\", \"Concejal {id}\"]\n{cost}{extra}"
        ),
    );
}

fn report(f: &Fixture, period: &str, lang: &str, presented: Option<&str>, extra: &str) {
    let presented = presented
        .map(|d| format!("presented: {d}\n"))
        .unwrap_or_default();
    f.write(
        &format!("content/reports/{period}.{lang}.md"),
        &format!("---\ntitle: \"Informe {period} {lang}\"\nlegislature: \"Concejo Municipal\"\n{presented}{extra}---\n\n## Introducción\n\nTexto del informe.\n"),
    );
}

/// A site whose 2025-S1 figures are known: two agreements signed in the
/// semester (100 000 EUR and 50 000 USD), one signed before and still active
/// (20 000 EUR), one in negotiation (not counted); three actions in the
/// semester (missions costing 1 000 USD and 500 EUR, one visit) and one
/// before; an indicator measured in 2025-Q1 and 2025-Q2; a case of March 2025.
fn site() -> Fixture {
    let f = Fixture::new(&["es", "en"]);
    f.case("lima", "es", "Lima", "", "Texto.");
    f.case("lima", "en", "Lima", "", "Text.");
    f.write(
        "content/cases/lima.es.md",
        &common::case_text("Lima", "", "Texto.").replace("2018-05-02", "2025-03-01"),
    );
    f.write(
        "content/cases/lima.en.md",
        &common::case_text("Lima", "", "Text.").replace("2018-05-02", "2025-03-01"),
    );
    agreement(
        &f,
        "alpha",
        "2025-02-10",
        "active",
        "amount: { value: 100000, currency: EUR }\n",
        "approved_by: \"Acuerdo 12/2025\"\n",
    );
    agreement(
        &f,
        "beta",
        "2025-06-30",
        "active",
        "amount: { value: 50000, currency: USD }\n",
        "",
    );
    agreement(
        &f,
        "gamma",
        "2024-09-01",
        "active",
        "amount: { value: 20000, currency: EUR }\n",
        "ends: 2027-09-01\n",
    );
    agreement(
        &f,
        "delta",
        "2025-03-01",
        "in-negotiation",
        "amount: { value: 999, currency: USD }\n",
        "",
    );
    action(
        &f,
        "m1",
        "mission",
        "2025-03-10",
        "cost: { value: 1000, currency: USD }\nfunded_by: \"Presupuesto municipal\"\n",
        "agreements: [alpha]\n",
    );
    action(
        &f,
        "m2",
        "mission",
        "2025-05-05",
        "cost: { value: 500, currency: EUR }\n",
        "",
    );
    action(&f, "v1", "visit", "2025-04-01", "", "");
    action(
        &f,
        "old",
        "event",
        "2024-11-01",
        "cost: { value: 77, currency: USD }\n",
        "",
    );
    f.write(
        "content/indicators/signed.yaml",
        "name: { es: \"Convenios\", en: \"Agreements\" }\ndescription: { es: D, en: D }\ncategory: { es: C, en: C }\nunit: { es: convenios, en: agreements }\nmethod: { es: M, en: M }\nsources: { es: S, en: S }\naudiences: { es: A, en: A }\ndimension: institutional\nkind: quantitative\nlevel: output\nhierarchy: management\nperiodicity: quarterly\ndirection: increase\nbaseline: { period: 2024-Q4, value: 1 }\ntarget: { period: 2025-Q4, value: 5 }\nobservations:\n  - { period: 2025-Q1, value: 2 }\n  - { period: 2025-Q2, value: 3 }\n  - { period: 2025-Q3, value: 9 }\n",
    );
    report(&f, "2025-S1", "es", Some("2025-07-20"), "");
    report(&f, "2025-S1", "en", Some("2025-07-20"), "");
    report(&f, "2025-S2", "es", None, "");
    report(&f, "2025-S2", "en", None, "");
    f
}

#[test]
fn a_report_has_its_six_parts_and_correct_totals() {
    let f = site();
    f.build_ok();
    let es = f.output("es/informes/2025-s1/index.html");
    for part in [
        "part-narrative",
        "part-agreements",
        "part-actions",
        "part-indicators",
        "part-cases",
        "part-annex",
    ] {
        assert!(es.contains(&format!("id=\"{part}\"")), "{part}");
        assert!(
            es.contains(&format!("href=\"#{part}\"")),
            "table of contents links {part}"
        );
    }
    assert!(es.contains("Texto del informe."), "narrative");
    assert!(
        es.contains("Firmados en el semestre: 2 "),
        "two signed: {es}"
    );
    assert!(
        es.contains("Vigentes durante el semestre: 3 "),
        "three active"
    );
    // Totals per currency, never summed across currencies.
    assert!(
        es.contains("Montos de los convenios firmados, por moneda: 100.000 EUR; 50.000 USD"),
        "signed totals"
    );
    assert!(
        es.contains("Montos de los convenios vigentes, por moneda: 120.000 EUR; 50.000 USD"),
        "active totals"
    );
    assert!(
        !es.contains("999"),
        "agreements in negotiation are not counted"
    );
    // Actions: three in the semester, missions with participants, cost and funding.
    assert!(es.contains("Acciones en el semestre: 3"), "three actions");
    assert!(
        es.contains("Costo total, por moneda: 500 EUR; 1000 USD"),
        "action totals"
    );
    assert!(
        es.contains("Misión al exterior (2 · 500 EUR; 1000 USD)"),
        "missions group"
    );
    assert!(es.contains("Directora m1; Concejal m1") && es.contains("Presupuesto municipal"));
    assert!(
        !es.contains("Acción old"),
        "actions of other semesters are left out"
    );
    // Indicators: the latest observation inside the semester, the previous one, the target.
    assert!(
        es.contains("2.º trimestre de 2025") && es.contains("3 convenios"),
        "indicator value"
    );
    assert!(
        es.contains("2 convenios (1.º trimestre de 2025)"),
        "previous value"
    );
    assert!(
        !es.contains("9 convenios"),
        "later observations are left out"
    );
    assert!(es.contains("/es/casos/lima/"), "case of the semester");
    assert!(es.contains("/data/reports/2025-S1.json") && es.contains("/data/reports/2025-S1.csv"));
    assert!(es.contains("sha256:"), "fingerprint shown");
    assert!(es.contains("20 de julio de 2025"), "presentation date");
    let en = f.output("en/reports/2025-s1/index.html");
    assert!(
        en.contains("Amounts of the agreements signed, per currency: 100,000 EUR; 50,000 USD"),
        "{en}"
    );
    let draft = f.output("es/informes/2025-s2/index.html");
    assert!(draft.contains("Borrador") && !draft.contains("sha256:"));
    let index = f.output("es/informes/index.html");
    assert!(
        index.contains("/es/informes/2025-s1/")
            && index.contains("/es/informes/2025-s2/")
            && index.contains("Borrador")
    );
    assert!(
        f.has_output("es/convenios/alpha/index.html")
            && f.has_output("en/agreements/alpha/index.html")
    );
    assert!(f.has_output("es/acciones/m1/index.html") && f.has_output("en/actions/index.html"));
    assert!(
        f.output("es/convenios/alpha/index.html")
            .contains("/es/acciones/m1/"),
        "agreement lists its actions"
    );
    let check = f.run(&["check", "--strict"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn the_data_bundle_carries_a_recomputable_fingerprint() {
    let f = site();
    f.build_ok();
    let bundle: serde_json::Value =
        serde_json::from_str(&f.output("data/reports/2025-S1.json")).unwrap();
    let es = &bundle["languages"]["es"];
    let content = &es["content"];
    assert_eq!(
        content["sections"]["agreements"]["signed_amounts"],
        serde_json::json!({"EUR": 100000, "USD": 50000})
    );
    assert_eq!(
        content["sections"]["actions"]["by_type"]["mission"]["count"],
        2
    );
    // Recompute: keys sorted, compact, SHA-256 (serde_json's map is sorted).
    let canonical = serde_json::to_string(content).unwrap();
    use sha2::Digest;
    let digest: String = sha2::Sha256::digest(canonical.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(es["fingerprint"], format!("sha256:{digest}"));
    assert!(f.output("es/informes/2025-s1/index.html").contains(&digest));
    let csv = f.output("data/reports/2025-S1.csv");
    assert!(
        csv.starts_with(
            "section,id,type,date,period,status,value,currency,scale_level,scale_rank,title_es,title_en,unit_es,unit_en\r\n"
        ),
        "{csv}"
    );
    assert!(csv.contains("agreement-signed,alpha,cooperation,2025-02-10,,active,100000,EUR,,,Convenio alpha,Agreement alpha,,\r\n"), "{csv}");
    assert!(csv.contains("action,m1,mission,2025-03-10,,,1000,USD,,,Acción m1,Action m1,,\r\n"));
    // An indicator's unit is given in every language, not only the first.
    let row = csv
        .lines()
        .find(|l| l.starts_with("indicator,signed,"))
        .unwrap_or_else(|| panic!("no indicator row: {csv}"));
    assert!(
        row.starts_with("indicator,signed,quantitative,2025-06-30,2025-Q2,")
            && row.ends_with(",3,,,,Convenios,Agreements,convenios,agreements"),
        "{row}"
    );
}

#[test]
fn a_presented_report_cannot_change_silently() {
    let f = site();
    f.build_ok();
    let lock = std::fs::read_to_string(f.root().join("reports.lock")).expect("lock written");
    assert!(
        lock.contains("period = \"2025-S1\"")
            && lock.contains("language = \"es\"")
            && lock.contains("language = \"en\"")
    );
    assert!(!lock.contains("2025-S2"), "drafts are not locked");
    let before = snapshot(&f.root().join("public"));

    // A figure behind the presented report changes.
    agreement(
        &f,
        "alpha",
        "2025-02-10",
        "active",
        "amount: { value: 100001, currency: EUR }\n",
        "approved_by: \"Acuerdo 12/2025\"\n",
    );
    let out = f.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/reports/2025-S1.es.md") && err.contains("the report 2025-S1 (es)"),
        "{err}"
    );
    assert!(err.contains("sections changed: agreements"), "{err}");
    assert!(err.contains("errata"), "advice names errata: {err}");
    assert_eq!(
        snapshot(&f.root().join("public")),
        before,
        "previous output untouched"
    );
    assert_eq!(
        std::fs::read_to_string(f.root().join("reports.lock")).unwrap(),
        lock,
        "lock untouched"
    );
    let check = f.run(&["check"]);
    assert_eq!(check.status.code(), Some(1));

    // An erratum in each language records the change.
    let erratum =
        "errata:\n  - { date: 2025-08-01, description: \"Monto corregido del convenio alpha\" }\n";
    report(&f, "2025-S1", "es", Some("2025-07-20"), erratum);
    report(
        &f,
        "2025-S1",
        "en",
        Some("2025-07-20"),
        &erratum.replace(
            "Monto corregido del convenio alpha",
            "Corrected amount of agreement alpha",
        ),
    );
    f.build_ok();
    let page = f.output("es/informes/2025-s1/index.html");
    assert!(
        page.contains("Monto corregido del convenio alpha") && page.contains("1 de agosto de 2025"),
        "erratum shown"
    );
    assert!(page.contains("100.001 EUR"));
    let new_lock = std::fs::read_to_string(f.root().join("reports.lock")).unwrap();
    assert_ne!(new_lock, lock);
    assert!(new_lock.contains("errata = 1"));
    // Building again changes nothing.
    f.build_ok();
    assert_eq!(
        std::fs::read_to_string(f.root().join("reports.lock")).unwrap(),
        new_lock
    );
}

#[test]
fn an_unrecorded_presented_report_fails_strict_check() {
    let f = site();
    let out = f.run(&["check"]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("not recorded in reports.lock"));
    assert_eq!(f.run(&["check", "--strict"]).status.code(), Some(1));
    assert!(
        !f.root().join("reports.lock").exists(),
        "check never writes"
    );
}

#[test]
fn a_withdrawn_report_is_an_error() {
    let f = site();
    f.build_ok();
    f.remove("content/reports/2025-S1.en.md");
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("reports.lock")
            && stderr(&out).contains("missing or no longer presented")
    );
}

#[test]
fn registry_validation() {
    let f = site();
    action(
        &f,
        "m1",
        "mission",
        "2025-03-10",
        "cost: { value: 1000, currency: DOLLARS }\n",
        "",
    );
    action(
        &f,
        "m2",
        "mission",
        "2025-05-05",
        "",
        "agreements: [alpah]\n",
    );
    action(
        &f,
        "v1",
        "visit",
        "2025-04-01",
        "",
        "end_date: 2025-03-01\n",
    );
    agreement(&f, "beta", "2205-06-30", "active", "", "");
    f.write(
        "content/reports/2025-Q1.es.md",
        "---\ntitle: x\nlegislature: y\n---\n",
    );
    let out = f.run(&["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/actions/m1.yaml:7:32: \"DOLLARS\" is not an ISO 4217 currency code"),
        "{err}"
    );
    assert!(
        err.contains("content/actions/m2.yaml:7:14: there is no agreement with the id `alpah`")
            && err.contains("did you mean `alpha`"),
        "{err}"
    );
    assert!(
        err.contains("content/actions/v1.yaml:7:11: the action ends (2025-03-01) before it starts"),
        "{err}"
    );
    assert!(
        err.contains("content/agreements/beta.yaml:6:") && err.contains("outside the years"),
        "{err}"
    );
    assert!(
        err.contains("content/reports/2025-Q1.es.md") && err.contains("not a semester"),
        "{err}"
    );
}

#[test]
fn the_print_stylesheet_drops_navigation_and_keeps_the_contents() {
    let css = std::fs::read_to_string(common::repo_root().join("themes/default/static/style.css"))
        .unwrap();
    let print = &css[css.find("@media print").expect("a print stylesheet")..];
    for hidden in [".main-nav", ".lang-switcher", ".skip-link"] {
        assert!(print.contains(hidden), "{hidden} hidden in print");
    }
    assert!(
        print.contains(".kind-report .site-header"),
        "report pages print without the header"
    );
    let f = site();
    f.build_ok();
    let page = f.output("en/reports/2025-s1/index.html");
    assert!(page.contains("<body class=\"kind-report\">"));
    assert!(page.contains("class=\"report-toc\""));
}

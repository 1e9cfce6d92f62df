//! Indicators: validation with file and line, pages, charts and open data.

mod common;

use common::{stderr, Fixture};

const QUANT: &str = r#"name: { es: "Convenios firmados", en: "Agreements signed" }
description: { es: "Número de convenios firmados.", en: "Number of agreements signed." }
category: { es: "Cooperación", en: "Cooperation" }
unit: { es: convenios, en: agreements }
method: { es: "Conteo", en: "Count" }
sources: { es: "Registro", en: "Registry" }
audiences: { es: "Concejo", en: "Council" }
dimension: institutional
kind: quantitative
level: output
hierarchy: management
periodicity: quarterly
direction: increase
baseline: { period: 2024-Q1, value: 10 }
target: { period: 2025-Q1, value: 20 }
observations:
  - { period: 2024-Q2, value: 12 }
  - { period: 2024-Q3, value: 16, note: { es: "Dos convenios nuevos", en: "Two new agreements" } }
related_cases: [lima]
"#;

const QUAL: &str = r#"name: { es: "Coordinación", en: "Coordination" }
description: { es: "Calidad de la coordinación.", en: "Quality of coordination." }
category: { es: "Coordinación", en: "Coordination" }
method: { es: "Encuesta", en: "Survey" }
sources: { es: "Encuesta anual", en: "Annual survey" }
audiences: { es: "Alcaldía", en: "Mayor's office" }
dimension: political
kind: qualitative
scale: high-medium-low
level: outcome
hierarchy: strategic
periodicity: semiannual
direction: increase
baseline: { period: 2024-S1, value: low }
target: { period: 2026-S1, value: high }
observations:
  - { period: 2024-S2, value: low }
  - { period: 2025-S1, value: medium }
"#;

fn site() -> Fixture {
    let f = Fixture::new(&["es", "en"]);
    f.case(
        "lima",
        "es",
        "Lima",
        "indicators: [coordination]\n",
        "Texto.",
    );
    f.case(
        "lima",
        "en",
        "Lima",
        "indicators: [coordination]\n",
        "Text.",
    );
    f.write("content/indicators/agreements-signed.yaml", QUANT);
    f.write("content/indicators/coordination.yaml", QUAL);
    f
}

/// The 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).expect(needle) + 1
}

/// Replaces `from` by `to` in the quantitative indicator, runs check, and
/// returns (exit code, stderr).
fn check_with(file: &str, base: &str, from: &str, to: &str) -> (i32, String, String) {
    let f = site();
    assert!(base.contains(from), "{from}");
    let text = base.replace(from, to);
    f.write(&format!("content/indicators/{file}.yaml"), &text);
    let out = f.run(&["check"]);
    (out.status.code().unwrap_or(-1), stderr(&out), text)
}

#[test]
fn the_example_builds_with_every_page_and_download() {
    let f = site();
    f.build_ok();
    // The fixed words of the addresses are in the page's language.
    let dimensions = [
        (
            "es/indicadores",
            ["institucional", "politica", "territorial"],
            [
                "nivel/producto",
                "nivel/impacto",
                "jerarquia/estrategico",
                "tipo/cualitativo",
            ],
        ),
        (
            "en/indicators",
            ["institutional", "political", "territorial"],
            [
                "level/output",
                "level/impact",
                "hierarchy/strategic",
                "kind/qualitative",
            ],
        ),
    ];
    for (lang_dir, dims, facets) in dimensions {
        let index = f.output(&format!("{lang_dir}/index.html"));
        assert!(index.contains("agreements-signed/") && index.contains("coordination/"));
        for dim in dims {
            assert!(
                f.has_output(&format!("{lang_dir}/dimension/{dim}/index.html")),
                "{lang_dir} {dim}"
            );
        }
        for facet in facets {
            assert!(
                f.has_output(&format!("{lang_dir}/{facet}/index.html")),
                "{lang_dir} {facet}"
            );
        }
        let page = f.output(&format!("{lang_dir}/coordination/index.html"));
        assert!(
            page.contains("<svg") && page.contains("role=\"img\""),
            "chart"
        );
        assert!(page.contains("<table"), "table");
        assert!(page.contains("/data/indicators/coordination.csv"));
    }
    let es = f.output("es/indicadores/agreements-signed/index.html");
    assert!(es.contains("16 convenios"), "value with unit");
    assert!(es.contains("En camino"), "status on track in Spanish");
    assert!(es.contains("Dos convenios nuevos"), "note");
    assert!(es.contains("/es/casos/lima/"), "related case");
    let en_q = f.output("en/indicators/coordination/index.html");
    assert!(
        en_q.contains(">Medium<"),
        "qualitative levels by name: {en_q}"
    );
    assert!(
        en_q.contains("/en/cases/lima/"),
        "related case named by the case"
    );
    let case = f.output("en/cases/lima/index.html");
    assert!(
        case.contains("/en/indicators/coordination/"),
        "case links its indicator"
    );
    let csv = f.output("data/indicators.csv");
    assert!(csv.starts_with(
        "indicator,dimension,kind,level,period,period_start,period_end,value,scale_level,scale_rank,unit_es,unit_en,note_es,note_en\r\n"
    ));
    assert!(csv.contains("agreements-signed,institutional,quantitative,output,2024-Q3,2024-07-01,2024-09-30,16,,,convenios,agreements,Dos convenios nuevos,Two new agreements\r\n"));
    assert!(csv.contains("coordination,political,qualitative,outcome,2025-S1,2025-01-01,2025-06-30,,medium,2,,,,\r\n"));
    let json: serde_json::Value = serde_json::from_str(&f.output("data/indicators.json")).unwrap();
    let first = &json[0];
    assert_eq!(first["id"], "agreements-signed");
    assert_eq!(first["latest"]["value"], 16);
    assert_eq!(first["change"], 4.0);
    assert_eq!(first["progress"], 0.6);
    assert_eq!(first["status"], "on-track");
    // Half-way in levels (0.5) but slightly more than half the time gone (366/731 days).
    assert_eq!(json[1]["progress"], 0.5);
    assert_eq!(json[1]["status"], "needs-attention");
    assert!(f.has_output("data/indicators/coordination.json"));
    let check = f.run(&["check", "--strict"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn a_value_that_is_not_a_number() {
    let (code, err, text) =
        check_with("agreements-signed", QUANT, "value: 12 }", "value: twelve }");
    assert_eq!(code, 1);
    let line = line_of(&text, "twelve");
    assert!(
        err.contains(&format!(
            "content/indicators/agreements-signed.yaml:{line}:"
        )),
        "{err}"
    );
    assert!(err.contains("must be a number"), "{err}");
}

#[test]
fn a_value_that_is_not_a_level() {
    let (code, err, text) = check_with("coordination", QUAL, "value: medium }", "value: mediun }");
    assert_eq!(code, 1);
    let line = line_of(&text, "mediun");
    assert!(
        err.contains(&format!("content/indicators/coordination.yaml:{line}:")),
        "{err}"
    );
    assert!(err.contains("did you mean `medium`"), "{err}");
    assert!(err.contains("low, medium, high"), "{err}");
}

#[test]
fn a_period_that_does_not_match_the_periodicity() {
    let (code, err, text) = check_with(
        "agreements-signed",
        QUANT,
        "period: 2024-Q2",
        "period: 2024-S2",
    );
    assert_eq!(code, 1);
    let line = line_of(&text, "2024-S2");
    assert!(
        err.contains(&format!(
            "content/indicators/agreements-signed.yaml:{line}:"
        )),
        "{err}"
    );
    assert!(err.contains("measured `quarterly`"), "{err}");
}

#[test]
fn a_malformed_period() {
    let (code, err, text) = check_with(
        "agreements-signed",
        QUANT,
        "period: 2024-Q2",
        "period: 2024-Q5",
    );
    assert_eq!(code, 1);
    assert!(
        err.contains(&format!(
            "content/indicators/agreements-signed.yaml:{}:",
            line_of(&text, "2024-Q5")
        )),
        "{err}"
    );
}

#[test]
fn duplicate_periods() {
    let (code, err, text) = check_with(
        "agreements-signed",
        QUANT,
        "period: 2024-Q3, value: 16",
        "period: 2024-Q2, value: 16",
    );
    assert_eq!(code, 1);
    let line = line_of(&text, "2024-Q2, value: 16");
    assert!(
        err.contains(&format!(
            "content/indicators/agreements-signed.yaml:{line}:"
        )),
        "{err}"
    );
    assert!(err.contains("measured twice"), "{err}");
}

#[test]
fn a_target_or_baseline_of_the_wrong_type() {
    let (code, err, text) = check_with(
        "agreements-signed",
        QUANT,
        "target: { period: 2025-Q1, value: 20 }",
        "target: { period: 2025-Q1, value: high }",
    );
    assert_eq!(code, 1);
    assert!(
        err.contains(&format!(
            "content/indicators/agreements-signed.yaml:{}:",
            line_of(&text, "target:")
        )),
        "{err}"
    );
    let (code, err, text) = check_with(
        "coordination",
        QUAL,
        "baseline: { period: 2024-S1, value: low }",
        "baseline: { period: 2024-S1, value: 3 }",
    );
    assert_eq!(code, 1);
    assert!(
        err.contains(&format!(
            "content/indicators/coordination.yaml:{}:",
            line_of(&text, "baseline:")
        )),
        "{err}"
    );
    assert!(err.contains("level of the scale"), "{err}");
}

#[test]
fn unknown_keys_warn_with_a_suggestion() {
    let (code, err, text) = check_with(
        "agreements-signed",
        QUANT,
        "direction: increase",
        "direction: increase\ndirecton: up",
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(&format!(
            "content/indicators/agreements-signed.yaml:{}:1: unknown field `directon`",
            line_of(&text, "directon")
        )),
        "{err}"
    );
    assert!(err.contains("did you mean `direction`"), "{err}");
}

#[test]
fn an_unknown_case() {
    let (code, err, text) = check_with(
        "agreements-signed",
        QUANT,
        "related_cases: [lima]",
        "related_cases: [lima, limma]",
    );
    assert_eq!(code, 1);
    assert!(
        err.contains(&format!(
            "content/indicators/agreements-signed.yaml:{}:",
            line_of(&text, "limma")
        )),
        "{err}"
    );
    assert!(
        err.contains("no case with the id `limma`") && err.contains("did you mean `lima`"),
        "{err}"
    );
}

#[test]
fn a_case_naming_an_unknown_indicator() {
    let f = site();
    f.case("lima", "en", "Lima", "indicators: [cordination]\n", "Text.");
    let out = f.run(&["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("content/cases/lima.en.md:12:"), "{err}");
    assert!(err.contains("did you mean `coordination`"), "{err}");
}

#[test]
fn a_missing_translation_warns_and_fails_under_strict() {
    let f = site();
    f.write(
        "content/indicators/agreements-signed.yaml",
        &QUANT.replace(
            "method: { es: \"Conteo\", en: \"Count\" }",
            "method: { es: \"Conteo\" }",
        ),
    );
    let out = f.run(&["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("content/indicators/agreements-signed.yaml:5:")
            && err.contains("no translation in `en`"),
        "{err}"
    );
    let strict = f.run(&["check", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn all_errors_of_a_file_in_one_run() {
    let text = QUANT
        .replace("value: 12 }", "value: x }")
        .replace("level: output", "level: top")
        .replace("period: 2024-Q3", "period: 2024");
    let f = site();
    f.write("content/indicators/agreements-signed.yaml", &text);
    let err = stderr(&f.run(&["check"]));
    for needle in [
        "must be a number",
        "input, process, output, outcome, impact",
        "measured `quarterly`",
    ] {
        assert!(err.contains(needle), "{needle} in {err}");
    }
}

/// The text of the definition after `<dt>{term}</dt>` on an indicator page.
fn definition(page: &str, term: &str) -> String {
    let start = page
        .find(&format!("<dt>{term}</dt><dd>"))
        .unwrap_or_else(|| panic!("no {term} in {page}"))
        + term.len()
        + 13;
    // Values are isolated from the direction of the text around them
    // (`<bdi>`); the words inside are what is compared.
    page[start..]
        .split("</dd>")
        .next()
        .unwrap()
        .replace("<bdi>", "")
        .replace("</bdi>", "")
}

/// An indicator whose values are levels of `scale`, from `baseline` through
/// `first` to `latest`.
fn levels(scale: &str, baseline: &str, first: &str, latest: &str, target: &str) -> String {
    QUAL.replace("scale: high-medium-low", &format!("scale: {scale}"))
        .replace(
            "value: low }\ntarget",
            &format!("value: {baseline} }}\ntarget"),
        )
        .replace("value: high }", &format!("value: {target} }}"))
        .replace("2024-S2, value: low", &format!("2024-S2, value: {first}"))
        .replace(
            "2025-S1, value: medium",
            &format!("2025-S1, value: {latest}"),
        )
}

#[test]
fn a_change_of_level_is_said_in_words() {
    let f = site();
    f.write(
        "content/indicators/office.yaml",
        &levels("yes-no", "no", "no", "yes", "yes"),
    );
    f.write(
        "content/indicators/lost.yaml",
        &levels("yes-no", "no", "yes", "no", "yes"),
    );
    f.write(
        "content/indicators/quality.yaml",
        &levels(
            "good-acceptable-fair-poor",
            "poor",
            "poor",
            "acceptable",
            "good",
        ),
    );
    f.write(
        "content/indicators/worse.yaml",
        &levels(
            "good-acceptable-fair-poor",
            "poor",
            "good",
            "acceptable",
            "good",
        ),
    );
    let out = f.build_ok();
    assert!(
        stderr(&out).contains("(0 errors, 0 warnings)"),
        "{}",
        stderr(&out)
    );
    for (id, es, en) in [
        ("office", "de No a Sí", "from No to Yes"),
        ("lost", "de Sí a No", "from Yes to No"),
        ("coordination", "sube 1 nivel", "up 1 level"),
        ("quality", "sube 2 niveles", "up 2 levels"),
        ("worse", "baja 1 nivel", "down 1 level"),
    ] {
        let es_page = f.output(&format!("es/indicadores/{id}/index.html"));
        assert_eq!(definition(&es_page, "Variación"), es, "{id}");
        let en_page = f.output(&format!("en/indicators/{id}/index.html"));
        assert_eq!(definition(&en_page, "Change"), en, "{id}");
    }
}

#[test]
fn numbers_are_written_the_way_each_language_writes_them() {
    let f = Fixture::new(&["es", "en", "fr"]);
    for lang in ["es", "en", "fr"] {
        f.case("lima", lang, "Lima", "", "Texto.");
    }
    let text = QUANT
        .replace(
            "es: convenios, en: agreements",
            "es: personas, en: people, fr: personnes",
        )
        .replace(
            "{ es: \"Convenios firmados\", en: \"Agreements signed\" }",
            "{ es: \"Personas\", en: \"People\", fr: \"Personnes\" }",
        )
        .replace("value: 10 }", "value: -1250.5 }")
        .replace("value: 20 }", "value: 1234567 }")
        .replace("2024-Q2, value: 12", "2024-Q2, value: 1200")
        .replace("value: 16,", "value: 14500.25,");
    f.write("content/indicators/people.yaml", &text);
    f.write(
        "content/agreements/madrid.yaml",
        "title: { es: \"Convenio\", en: \"Agreement\", fr: \"Accord\" }\nsummary: { es: \"Resumen\", en: \"Summary\", fr: \"Résumé\" }\npartner: \"Madrid\"\npartner_country: ES\ntype: cooperation\nsigned: 2024-03-01\nstatus: active\namount: { value: 1200, currency: USD }\n",
    );
    f.build_ok();
    let nnbsp = '\u{202F}';
    for (dir, latest, previous, baseline, target, change, amount) in [
        (
            "es/indicadores",
            "14.500,25 personas",
            "1200 personas",
            "−1250,5 personas",
            "1.234.567 personas",
            "+13.300,25",
            "1200 USD",
        ),
        (
            "en/indicators",
            "14,500.25 people",
            "1,200 people",
            "−1,250.5 people",
            "1,234,567 people",
            "+13,300.25",
            "1,200 USD",
        ),
        (
            "fr/indicateurs",
            &format!("14{nnbsp}500,25 personnes"),
            &format!("1{nnbsp}200 personnes"),
            &format!("−1{nnbsp}250,5 personnes"),
            &format!("1{nnbsp}234{nnbsp}567 personnes"),
            &format!("+13{nnbsp}300,25"),
            &format!("1{nnbsp}200 USD"),
        ),
    ] {
        let page = f.output(&format!("{dir}/people/index.html"));
        for shown in [latest, previous, baseline, target, change] {
            assert!(
                page.contains(&format!(">{shown}")),
                "{dir}: {shown} in {page}"
            );
        }
        // The chart's labels and description too.
        let chart = &page[page.find("<svg").unwrap()..page.find("</svg>").unwrap()];
        assert!(
            chart.contains(baseline) && chart.contains(target),
            "{dir}: {chart}"
        );
        let lang = &dir[..2];
        let agreements = f.output(&format!(
            "{lang}/{}/index.html",
            if lang == "es" {
                "convenios"
            } else if lang == "en" {
                "agreements"
            } else {
                "accords"
            }
        ));
        assert!(
            agreements.contains(&format!(">{amount}<")),
            "{lang}: {amount} in {agreements}"
        );
    }
    // Open data keeps plain machine numbers.
    let csv = f.output("data/indicators.csv");
    assert!(
        csv.contains(",2024-Q3,2024-07-01,2024-09-30,14500.25,"),
        "{csv}"
    );
    assert!(f.output("data/indicators.json").contains("1234567"));
}

#[test]
fn an_indicator_cannot_take_the_word_of_a_listing_in_any_language() {
    // `/es/indicadores/nivel/` is the Spanish listing by level: an indicator
    // called `nivel` would have the same address.
    let f = site();
    f.write("content/indicators/nivel.yaml", QUANT);
    let out = f.run(&["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/indicators/nivel.yaml:1:")
            && err.contains("an indicator cannot be called `nivel`")
            && err.contains("rename the file, e.g. to nivel-indicator.yaml"),
        "{err}"
    );
    assert_eq!(common::error_lines(&out).len(), 1, "one error only: {err}");
}

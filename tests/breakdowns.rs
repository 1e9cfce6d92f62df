//! Breakdowns (disaggregation) of indicators: the dimensions an indicator
//! declares, the observations of parts of its total, their checks with
//! file, line:column and advice, the indicator page's table and charts per
//! breakdown and the open data in the tidy layout (blank = total).

mod common;

use common::{indicator_text, only_error_and_help, Fixture};

/// The file of the indicator under test.
const FILE: &str = "content/indicators/people.yaml";

/// The dimensions of breakdown of the indicator under test.
const BREAKDOWNS: &str = "breakdowns:\n  - id: sex\n    label: { es: \"Sexo\", en: \"Sex\" }\n    values:\n      - { id: women, label: { es: \"Mujeres\", en: \"Women\" } }\n      - { id: men, label: { es: \"Hombres\", en: \"Men\" } }\n";

/// The observations of parts, after the totals of `indicator_text`.
const PARTS: &str = "  - { period: \"2024-S1\", value: 100, breakdown: { sex: women } }\n  - { period: \"2024-S1\", value: 80, breakdown: { sex: men } }\n  - { period: \"2024-S2\", value: 250, breakdown: { sex: women } }\n";

/// A site with one indicator broken down by sex, with `parts` as its
/// observations of parts and `breakdowns` as its dimensions.
fn site_with(breakdowns: &str, parts: &str) -> (Fixture, String) {
    let f = Fixture::new(&["es", "en"]);
    let text = format!("{breakdowns}{}{parts}", indicator_text());
    f.write(FILE, &text);
    (f, text)
}

/// The `line:column` of the first occurrence of `needle` in `text`.
fn position(text: &str, needle: &str, nth: usize) -> String {
    let (line, l) = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle} in {text}"));
    format!("{}:{}", line + 1, l.find(needle).unwrap() + 1)
}

/// Runs `check` in the site's folder and returns its one error and advice.
fn one_error(f: &Fixture) -> (String, String) {
    only_error_and_help(&f.run(&["check"]))
}

#[test]
fn a_breakdown_is_shown_in_a_table_and_charts_and_in_the_open_data() {
    let (f, _) = site_with(BREAKDOWNS, PARTS);
    f.build_ok();
    let page = f.output("es/indicadores/people/index.html");
    let doc = scraper::Html::parse_document(&page);
    let section = scraper::Selector::parse("section.breakdown").unwrap();
    let sections: Vec<_> = doc.select(&section).collect();
    assert_eq!(sections.len(), 1, "one section per breakdown");
    let s = sections[0];
    let text = |sel: &str| -> Vec<String> {
        let sel = scraper::Selector::parse(sel).unwrap();
        s.select(&sel)
            .map(|e| e.text().collect::<String>().trim().to_string())
            .collect()
    };
    assert_eq!(text("h2"), ["Mediciones por sexo"]);
    assert_eq!(text("thead th"), ["Periodo", "Mujeres", "Hombres", "Total"]);
    let rows = text("tbody tr");
    assert_eq!(rows.len(), 2, "{rows:?}");
    let cells = text("tbody td");
    // 2024-S1: women, men, total; 2024-S2: women, men not measured, total.
    assert_eq!(cells.len(), 6, "{cells:?}");
    assert!(cells[0].starts_with("100"), "{cells:?}");
    assert!(cells[1].starts_with("80"), "{cells:?}");
    assert!(cells[2].starts_with("180"), "{cells:?}");
    assert!(cells[3].starts_with("250"), "{cells:?}");
    assert_eq!(cells[4], "", "a part not measured is empty");
    assert!(cells[5].starts_with("420"), "{cells:?}");
    // One chart per value, each named for its part, without the total's
    // baseline and target.
    // Each chart is drawn twice, wide and narrow (for phones), with the
    // same title.
    let mut titles = text("svg > title");
    assert_eq!(titles.len(), 4, "{titles:?}");
    titles.dedup();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(titles[0].contains("Sexo: Mujeres"), "{titles:?}");
    assert!(titles[1].contains("Sexo: Hombres"), "{titles:?}");
    let english = f.output("en/indicators/people/index.html");
    assert!(english.contains("Observations by sex"), "the English page");

    // The open data: a `sex` column after the period, blank for the total.
    let csv = f.output("data/indicators/people.csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "indicator,dimension,kind,level,period,period_start,period_end,sex,value,scale_level,scale_rank,unit_es,unit_en,note_es,note_en"
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let summary: Vec<(&str, &str, &str)> = rows.iter().map(|r| (r[4], r[7], r[8])).collect();
    assert_eq!(
        summary,
        [
            ("2024-S1", "", "180"),
            ("2024-S1", "women", "100"),
            ("2024-S1", "men", "80"),
            ("2024-S2", "", "420"),
            ("2024-S2", "women", "250"),
        ]
    );
    let json: serde_json::Value =
        serde_json::from_str(&f.output("data/indicators/people.json")).unwrap();
    assert_eq!(json["observations"].as_array().unwrap().len(), 2, "totals");
    assert_eq!(json["breakdowns"][0]["id"], "sex");
    assert_eq!(json["breakdowns"][0]["values"][1]["label"]["en"], "Men");
    assert_eq!(json["parts"][1]["breakdown"]["sex"], "men");
    assert_eq!(json["parts"][1]["value"], 80);
    // The headline figure stays the total.
    assert_eq!(json["latest"]["value"], 420);
    let package: serde_json::Value =
        serde_json::from_str(&f.output("data/datapackage.json")).unwrap();
    let resource = package["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["path"] == "indicators/people.csv")
        .unwrap();
    let sex = resource["schema"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "sex")
        .unwrap();
    assert_eq!(sex["type"], "string");
}

#[test]
fn the_bundled_example_breaks_people_trained_down_by_sex() {
    let f = Fixture::bundled();
    f.build_ok();
    let csv = f.output("data/indicators/people-trained.csv");
    assert!(csv
        .lines()
        .next()
        .unwrap()
        .contains(",period_end,sex,value,"));
    assert!(
        csv.contains(",2025-S2,2025-07-01,2025-12-31,women,583,"),
        "{csv}"
    );
    let page = f.output("en/indicators/people-trained/index.html");
    assert!(page.contains("Observations by sex"));
    // Indicators without breakdowns have no such column in their own file.
    let other = f.output("data/indicators/agreements-signed.csv");
    assert!(!other.lines().next().unwrap().contains("sex"));
}

#[test]
fn an_unknown_dimension_is_named_with_the_declared_ones() {
    let parts = "  - { period: \"2024-S2\", value: 150, breakdown: { gender: men } }\n";
    let (f, text) = site_with(BREAKDOWNS, parts);
    let (error, help) = one_error(&f);
    let at = position(&text, "gender", 0);
    assert!(error.contains(&format!("{FILE}:{at}")), "{error}");
    assert!(
        error.contains("`gender` is not a dimension of breakdown"),
        "{error}"
    );
    assert!(help.contains("are: sex"), "{help}");
}

#[test]
fn an_unknown_value_is_named_with_a_suggestion() {
    let parts = "  - { period: \"2024-S2\", value: 150, breakdown: { sex: woman } }\n";
    let (f, text) = site_with(BREAKDOWNS, parts);
    let (error, help) = one_error(&f);
    let at = position(&text, "woman }", 0);
    assert!(error.contains(&format!("{FILE}:{at}")), "{error}");
    assert!(
        error.contains("\"woman\" is not a value of the dimension `sex`"),
        "{error}"
    );
    assert!(help.contains("did you mean `women`?"), "{help}");
    assert!(help.contains("women, men"), "{help}");
}

#[test]
fn a_part_measured_twice_in_a_period_is_an_error() {
    let parts = "  - { period: \"2024-S1\", value: 100, breakdown: { sex: women } }\n  - { period: \"2024-S1\", value: 90, breakdown: { sex: women } }\n";
    let (f, text) = site_with(BREAKDOWNS, parts);
    let (error, help) = one_error(&f);
    let at = position(&text, "\"2024-S1\", value: 90", 0);
    assert!(error.contains(&format!("{FILE}:{at}")), "{error}");
    assert!(
        error.contains("the period 2024-S1 is measured twice for sex: women"),
        "{error}"
    );
    assert!(help.contains("observations[2]"), "{help}");
}

#[test]
fn a_blank_value_is_the_total() {
    // As in a tidy table, a blank breakdown value is the total: so this is
    // a second total of 2024-S1.
    let parts = "  - { period: \"2024-S1\", value: 180, breakdown: { sex: \"\" } }\n";
    let (f, text) = site_with(BREAKDOWNS, parts);
    let (error, _) = one_error(&f);
    let at = position(&text, "\"2024-S1", 1);
    assert!(error.contains(&format!("{FILE}:{at}")), "{error}");
    assert!(
        error.contains("the period 2024-S1 is measured twice"),
        "{error}"
    );
}

#[test]
fn a_breakdown_without_declared_dimensions_says_what_to_add() {
    let parts = "  - { period: \"2024-S2\", value: 150, breakdown: { sex: men } }\n";
    let (f, text) = site_with("", parts);
    let (error, help) = one_error(&f);
    let at = position(&text, "{ sex: men }", 0);
    assert!(error.contains(&format!("{FILE}:{at}")), "{error}");
    assert!(error.contains("declares no `breakdowns`"), "{error}");
    assert!(help.contains("under `breakdowns:`"), "{help}");
}

#[test]
fn a_dimension_named_like_a_column_of_the_open_data_is_refused() {
    let breakdowns = BREAKDOWNS.replace("id: sex", "id: period");
    let (f, text) = site_with(&breakdowns, "");
    let (error, help) = one_error(&f);
    let at = position(&text, "period", 0);
    assert!(error.contains(&format!("{FILE}:{at}")), "{error}");
    assert!(error.contains("cannot be called `period`"), "{error}");
    assert!(help.contains("choose another id"), "{help}");
}

#[test]
fn a_value_listed_twice_is_an_error() {
    let breakdowns = BREAKDOWNS.replace("id: men", "id: women");
    let (f, text) = site_with(&breakdowns, "");
    let (error, help) = one_error(&f);
    let at = position(&text, "women", 1);
    assert!(error.contains(&format!("{FILE}:{at}")), "{error}");
    assert!(
        error.contains("the value `women` is listed twice"),
        "{error}"
    );
    assert!(help.contains("keep one"), "{help}");
}

#[test]
fn a_dimension_with_one_value_is_an_error() {
    let breakdowns = BREAKDOWNS.replace(
        "      - { id: men, label: { es: \"Hombres\", en: \"Men\" } }\n",
        "",
    );
    let (f, text) = site_with(&breakdowns, "");
    let (error, help) = one_error(&f);
    let at = position(&text, "- { id: women", 0);
    assert!(error.contains(&format!("{FILE}:{at}")), "{error}");
    assert!(error.contains("at least two values"), "{error}");
    assert!(help.contains("women and men"), "{help}");
}

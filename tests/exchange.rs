//! The exchange profile of good practices (`docs/network.md`): the new case
//! fields peers ask for (status, period, SDG targets, contact, resources,
//! partners, transferability), their errors, their place on the case page
//! and in schema.org, and `/data/cases.json` written in the profile and
//! valid against `docs/schemas/cases.schema.json`.

mod common;

use common::{case_text, only_error_and_help, Fixture};
use serde_json::Value;

/// A site with one case in Spanish and English, `extra` front matter lines
/// in the Spanish one.
fn site_with(extra: &str) -> Fixture {
    let f = Fixture::new(&["es", "en"]);
    f.case("lima", "es", "Lima es", extra, "Texto.");
    f.case("lima", "en", "Lima en", "", "Text.");
    f
}

/// The line and column (1-based) of the first `needle` in the Spanish case.
fn position_in_case(extra: &str, needle: &str) -> (usize, usize) {
    let text = case_text("Lima es", extra, "Texto.");
    let offset = text.find(needle).unwrap();
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Builds with the one error `extra` causes; asserts where it is and returns
/// its message and advice.
fn one_error(extra: &str, needle: &str) -> (String, String) {
    let f = site_with(extra);
    let out = f.run(&["build"]);
    let (error, help) = only_error_and_help(&out);
    let (line, column) = position_in_case(extra, needle);
    assert!(
        error.starts_with(&format!(
            "error: content/cases/lima.es.md:{line}:{column}: "
        )),
        "expected {line}:{column}: {error}"
    );
    (error, help)
}

#[test]
fn a_target_that_does_not_exist_is_an_error_that_lists_the_goals_targets() {
    let (error, help) = one_error("sdg_targets: [\"16.7\", \"16.x\"]\n", "\"16.x\"");
    assert!(
        error.contains("16.x") && error.contains("not a target"),
        "{error}"
    );
    assert!(help.contains("16.1 to 16.10 and 16.a to 16.b"), "{help}");
}

#[test]
fn a_target_of_a_goal_not_in_sdgs_is_an_error() {
    let (error, help) = one_error("sdg_targets: [\"11.3\"]\n", "\"11.3\"");
    assert!(error.contains("goal 11"), "{error}");
    assert!(help.contains("add 11 to `sdgs`"), "{help}");
}

#[test]
fn an_unquoted_target_that_could_be_two_is_an_error() {
    // 16.10 unquoted is the number 16.1.
    let (error, help) = one_error("sdg_targets: [16.10]\n", "16.10");
    assert!(error.contains("between quotes"), "{error}");
    assert!(help.contains("\"16.10\""), "{help}");
}

#[test]
fn an_invalid_e_mail_is_an_error() {
    let (error, help) = one_error(
        "contact: { office: Oficina, email: oficina.example.org }\n",
        "oficina.example.org",
    );
    assert!(error.contains("not an e-mail address"), "{error}");
    assert!(help.contains('@'), "{help}");
}

#[test]
fn a_status_not_in_the_list_is_an_error_that_lists_the_allowed_ones() {
    let (error, help) = one_error("status: paused\n", "paused");
    let text = format!("{error} {help}");
    assert!(
        text.contains("ongoing") && text.contains("finished"),
        "{text}"
    );
}

#[test]
fn a_period_that_ends_before_it_starts_is_an_error() {
    let (error, help) = one_error(
        "period: { start: 2018-01-01, end: 2016-12-31 }\n",
        "2016-12-31",
    );
    assert!(
        error.contains("ends") && error.contains("before"),
        "{error}"
    );
    assert!(help.contains("start"), "{help}");
}

#[test]
fn every_bad_field_is_reported_in_one_run() {
    let extra = "status: paused\nsdg_targets: [\"16.x\"]\ncontact: { email: nobody }\n";
    let f = site_with(extra);
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let errors = common::error_lines(&out);
    assert_eq!(errors.len(), 3, "{errors:#?}");
}

/// The bundled site, built.
fn bundled() -> Fixture {
    let f = Fixture::bundled();
    f.build_ok();
    f
}

#[test]
fn the_case_page_shows_the_new_fields_and_schema_org_carries_them() {
    let f = bundled();
    let html = f.output("en/cases/lima/index.html");
    let doc = scraper::Html::parse_document(&html);
    let text: String = doc.root_element().text().collect();
    for expected in [
        "Adapting this practice",
        "Resources mobilised",
        "Barcelona City Council",
        "Transferability",
        "16.6, 16.7, 17.17",
        "Finished",
        "cooperacion@lima.example.org",
    ] {
        assert!(text.contains(expected), "{expected} missing");
    }
    let sel = scraper::Selector::parse("a[href=\"mailto:cooperacion@lima.example.org\"]").unwrap();
    assert_eq!(doc.select(&sel).count(), 1);
    let sel = scraper::Selector::parse("script[type=\"application/ld+json\"]").unwrap();
    let article: Value = doc
        .select(&sel)
        .map(|s| serde_json::from_str::<Value>(&s.inner_html()).unwrap())
        .find(|v| v.to_string().contains("\"Article\""))
        .expect("an Article");
    let article = article.to_string();
    for expected in [
        "\"temporalCoverage\":\"2015-01-01/2018-04-30\"",
        "\"@id\":\"http://metadata.un.org/sdg/16.7\"",
        "\"@id\":\"http://metadata.un.org/sdg/17\"",
        "\"contributor\":[{\"@type\":\"Organization\",\"name\":\"Barcelona City Council\"}]",
        "\"email\":\"cooperacion@lima.example.org\"",
    ] {
        assert!(article.contains(expected), "{expected} not in {article}");
    }
    // In Spanish, with the Spanish words.
    let es = f.output("es/casos/lima/index.html");
    assert!(es.contains("Adaptar esta práctica") && es.contains("Ayuntamiento de Barcelona"));
}

fn feed_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(common::repo_root().join("docs/schemas/cases.schema.json"))
        .unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft202012::new(&schema).unwrap()
}

#[test]
fn the_schema_file_is_the_one_memoria_writes() {
    let path = common::repo_root().join("docs/schemas/cases.schema.json");
    let text = memoria::exchange::schema_text();
    if std::env::var("MEMORIA_UPDATE_DOCS").as_deref() == Ok("1") {
        std::fs::write(&path, &text).unwrap();
    }
    let written = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        written == text,
        "docs/schemas/cases.schema.json is out of date; run `MEMORIA_UPDATE_DOCS=1 cargo test --test exchange` to rewrite it"
    );
    let value: Value = serde_json::from_str(&text).unwrap();
    jsonschema::meta::validate(&value).unwrap();
}

#[test]
fn the_feed_is_in_the_profile_and_passes_its_schema() {
    let f = bundled();
    let text = f.output("data/cases.json");
    let feed: Value = serde_json::from_str(&text).unwrap();
    let errors: Vec<String> = feed_validator()
        .iter_errors(&feed)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(feed["profile"], "memoria-cases/1");
    let lima = feed["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "lima")
        .unwrap();
    assert_eq!(lima["status"], "finished");
    assert_eq!(lima["period"]["start"], "2015-01-01");
    assert_eq!(lima["sdg_targets"][2], "17.17");
    assert_eq!(
        lima["translations"]["en"]["contact"]["email"],
        "cooperacion@lima.example.org"
    );
    assert_eq!(
        lima["translations"]["es"]["partners"][0],
        "Ayuntamiento de Barcelona"
    );
    assert_eq!(
        lima["translations"]["en"]["url"],
        "https://memoria.example.org/en/cases/lima/"
    );
    // The same types read it back, unchanged.
    let read: memoria::exchange::Feed = serde_json::from_str(&text).unwrap();
    assert_eq!(serde_json::to_value(&read).unwrap(), feed);
    // A case without the new fields has none of them.
    let other = feed["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "quito")
        .unwrap();
    assert!(other.get("status").is_none() && other.get("sdg_targets").is_none());
}

#[test]
fn the_schema_rejects_what_the_profile_does_not_allow() {
    let f = bundled();
    let feed: Value = serde_json::from_str(&f.output("data/cases.json")).unwrap();
    let validator = feed_validator();
    let mut wrong = feed.clone();
    wrong["profile"] = "memoria-cases/2".into();
    assert!(!validator.is_valid(&wrong));
    let mut wrong = feed.clone();
    wrong["cases"][0]["sdgs"][0] = 18.into();
    assert!(!validator.is_valid(&wrong));
    let mut wrong = feed.clone();
    wrong["cases"][0]["status"] = "paused".into();
    assert!(!validator.is_valid(&wrong));
    let mut wrong = feed;
    // The schema checks how a target is written; memoria also checks it exists.
    wrong["cases"][0]["sdg_targets"] = serde_json::json!(["11-3"]);
    assert!(!validator.is_valid(&wrong));
}

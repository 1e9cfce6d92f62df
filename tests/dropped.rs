//! Nothing is dropped in silence: a field that is present but empty is an
//! error at its line, with advice that leads to a valid file.

mod common;

use common::{action_text, error_lines_in, indicator_text, stderr, Fixture};

/// A site with one valid case in Spanish and English.
fn site() -> Fixture {
    let f = Fixture::new(&["es", "en"]);
    f.case("lima", "es", "Lima es", "", "Texto.");
    f.case("lima", "en", "Lima en", "", "Text.");
    f
}

/// Runs `build` from the site's folder and returns its only error line and
/// the whole output, asserting it failed with 1 and did not panic.
fn only_error(f: &Fixture) -> (String, String) {
    let out = f.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "expected exit 1:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    let errors = error_lines_in(&err);
    assert_eq!(errors.len(), 1, "exactly one error expected:\n{err}");
    (errors[0].to_string(), err)
}

#[test]
fn an_action_with_an_empty_place_is_an_error_at_its_line() {
    let f = site();
    let text = action_text().replace("place: { city: \"Lima\", country: PE }", "place:");
    f.write("content/actions/visit.yaml", &text);
    let (line, err) = only_error(&f);
    assert!(
        line.starts_with("error: content/actions/visit.yaml:6:1: `place` is empty"),
        "{err}"
    );
    assert!(
        err.contains(
            "help: write a value after `place:`, e.g. `place: { city: \"Madrid\", country: ES }`"
        ),
        "{err}"
    );
}

#[test]
fn an_indicator_with_an_empty_baseline_or_target_is_an_error_at_its_line() {
    for (key, line_no) in [("baseline", 14), ("target", 15)] {
        let f = site();
        let text: String = indicator_text()
            .lines()
            .map(|l| {
                if l.starts_with(key) {
                    format!("{key}:\n")
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
        f.write("content/indicators/people.yaml", &text);
        let (line, err) = only_error(&f);
        assert!(
            line.starts_with(&format!(
                "error: content/indicators/people.yaml:{line_no}:1: `{key}` is empty"
            )),
            "{err}"
        );
        assert!(
            err.contains(&format!(
                "help: write a value after `{key}:`, e.g. `{key}: {{ period: 2025-S1, value: … }}`"
            )),
            "{err}"
        );
    }
}

#[test]
fn an_observation_with_an_empty_value_is_an_error_at_its_line() {
    for empty in ["value: ", "value: \"\""] {
        let f = site();
        let text = indicator_text().replace("value: 420", empty);
        f.write("content/indicators/people.yaml", &text);
        let (line, err) = only_error(&f);
        assert!(
            line.starts_with(
                "error: content/indicators/people.yaml:18:26: `observations[1].value` is empty"
            ),
            "{empty}: {err}"
        );
        assert!(
            err.contains("help: write a value after `value:`, e.g. `value: 12`"),
            "{err}"
        );
    }
}

#[test]
fn an_empty_point_value_is_an_error_too() {
    let f = site();
    let text = indicator_text().replace("value: 1500", "value:");
    f.write("content/indicators/people.yaml", &text);
    let (line, err) = only_error(&f);
    assert!(
        line.starts_with("error: content/indicators/people.yaml:15:30: `target.value` is empty"),
        "{err}"
    );
}

#[test]
fn an_empty_required_text_says_to_write_a_value_not_to_remove_the_line() {
    let f = site();
    let text = common::case_text("Lima", "", "Texto.").replace("city: Lima", "city: \"\"");
    f.write("content/cases/lima.es.md", &text);
    let (line, err) = only_error(&f);
    assert!(
        line.starts_with(
            "error: content/cases/lima.es.md:3:1: `city` is empty, but it is required"
        ),
        "{err}"
    );
    assert!(
        err.contains("help: write a value after `city:`, e.g. `city: \"…\"`"),
        "{err}"
    );
    assert!(!err.contains("remove the line"), "{err}");
}

#[test]
fn a_title_with_no_text_in_any_language_is_an_error() {
    let f = site();
    let text = action_text().replace(
        "title: { es: \"Visita\", en: \"Visit\" }",
        "title: { fr: \"Visite\" }",
    );
    f.write("content/actions/visit.yaml", &text);
    let (line, err) = only_error(&f);
    assert!(
        line.starts_with(
            "error: content/actions/visit.yaml:1:8: `title` has no text in any language of this site"
        ),
        "{err}"
    );
    assert!(
        err.contains("help: write it as { es: \"…\", en: \"…\" }"),
        "{err}"
    );
}

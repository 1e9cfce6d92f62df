//! Errors in the sources: each names its file, line and column, says what is
//! wrong, and makes `build` exit with 1 without writing anything; warnings
//! leave the exit code at 0. Every problem of a run is reported at once.

mod common;

use std::process::Output;

use common::{case_text, stderr, Fixture};

/// A site with two good cases in Spanish and English.
fn site() -> Fixture {
    let f = Fixture::new(&["es", "en"]);
    for id in ["lima", "quito"] {
        f.case(id, "es", &format!("{id} es"), "", "Texto.");
        f.case(id, "en", &format!("{id} en"), "", "Text.");
    }
    f
}

/// Runs `build` and asserts it failed with 1, wrote nothing and did not panic.
fn failed_build(f: &Fixture) -> String {
    let out = f.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "expected exit 1:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!f.has_output(""), "nothing is written on error");
    err
}

/// The line and column (1-based, in characters) of the first `needle` in `text`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line, column)
}

/// The first diagnostic line of `err` that starts with `prefix`.
fn line_starting<'a>(err: &'a str, prefix: &str) -> &'a str {
    err.lines()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line starting with {prefix:?} in:\n{err}"))
}

fn exit(out: &Output) -> Option<i32> {
    out.status.code()
}

#[test]
fn a_yaml_syntax_error_names_file_line_and_column() {
    let f = site();
    let text =
        case_text("Lima", "", "Texto.").replace("summary: \"Summary of Lima\"", "summary: a: b");
    f.write("content/cases/lima.es.md", &text);
    let err = failed_build(&f);
    let (line, _) = position(&text, "summary: a: b");
    assert_eq!(line, 11);
    let diag = line_starting(&err, "error: content/cases/lima.es.md:");
    assert!(
        diag.starts_with(&format!("error: content/cases/lima.es.md:{line}:11: ")),
        "points at the second colon: {diag}"
    );
    assert!(diag.contains("YAML"), "{diag}");
    // The offending line is shown under the message.
    assert!(err.contains("11 | summary: a: b"), "{err}");
    // The same in `check`.
    let check = f.run(&["check"]);
    assert_eq!(exit(&check), Some(1));
    assert!(stderr(&check).contains("error: content/cases/lima.es.md:11:11: "));
}

#[test]
fn a_value_outside_an_enumeration_lists_the_allowed_ones() {
    let f = site();
    let text = case_text("Quito", "", "Texto.").replace("scale: local", "scale: urban");
    f.write("content/cases/quito.en.md", &text);
    let err = failed_build(&f);
    let (line, column) = position(&text, "urban");
    assert_eq!((line, column), (6, 8));
    let diag = line_starting(&err, "error: content/cases/quito.en.md:");
    assert!(
        diag.starts_with("error: content/cases/quito.en.md:6:8: "),
        "{diag}"
    );
    assert!(diag.contains("`scale`") && diag.contains("urban"), "{diag}");
    assert!(diag.contains("local, regional, international"), "{diag}");
}

#[test]
fn a_value_of_the_wrong_type_is_located() {
    let f = site();
    let text = case_text("Quito", "", "Texto.").replace("sdgs: [16, 17]", "sdgs: eleven");
    f.write("content/cases/quito.es.md", &text);
    let err = failed_build(&f);
    let (line, column) = position(&text, "eleven");
    let diag = line_starting(&err, "error: content/cases/quito.es.md:");
    assert!(
        diag.starts_with(&format!(
            "error: content/cases/quito.es.md:{line}:{column}: "
        )),
        "{diag}"
    );
    assert!(diag.contains("`sdgs`") && diag.contains("list"), "{diag}");

    // A number out of range inside the list points at the item.
    let text = case_text("Quito", "", "Texto.").replace("sdgs: [16, 17]", "sdgs: [16, 18]");
    f.write("content/cases/quito.es.md", &text);
    let err = failed_build(&f);
    let (line, column) = position(&text, "18]");
    let diag = line_starting(&err, "error: content/cases/quito.es.md:");
    assert!(
        diag.starts_with(&format!(
            "error: content/cases/quito.es.md:{line}:{column}: "
        )),
        "{diag}"
    );
}

#[test]
fn an_unknown_key_is_a_warning_with_a_suggestion() {
    let f = site();
    let text = case_text("Lima", "titel: x\n", "Texto.");
    f.write("content/cases/lima.es.md", &text);
    let out = f.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(exit(&out), Some(0), "{err}");
    let (line, column) = position(&text, "titel");
    let diag = line_starting(&err, "warning: content/cases/lima.es.md:");
    assert!(
        diag.starts_with(&format!(
            "warning: content/cases/lima.es.md:{line}:{column}: "
        )),
        "{diag}"
    );
    assert!(diag.contains("`titel`"), "{diag}");
    assert!(err.contains("did you mean `title`?"), "{err}");
    assert!(f.has_output("es/casos/lima/index.html"));
    // A warning is an error in strict checks.
    assert_eq!(exit(&f.run(&["check", "--strict"])), Some(1));
    assert_eq!(exit(&f.run(&["check"])), Some(0));
}

#[test]
fn a_missing_required_field_is_named() {
    let f = site();
    f.write(
        "content/cases/lima.en.md",
        &case_text("Lima", "", "Text.").replace("dimension: political\n", ""),
    );
    let err = failed_build(&f);
    let diag = line_starting(&err, "error: content/cases/lima.en.md");
    assert!(diag.contains("`dimension`"), "{diag}");
    assert!(diag.contains("missing"), "{diag}");
}

#[test]
fn a_file_name_that_is_not_an_address_is_an_error() {
    let f = site();
    f.write("content/cases/Lima.es.md", &case_text("Lima", "", "Texto."));
    let err = failed_build(&f);
    let diag = line_starting(&err, "error: content/cases/Lima.es.md");
    assert!(diag.contains("`Lima`"), "{diag}");
    assert!(err.contains("lima.es.md"), "suggests a name: {err}");

    // A language the site does not have is an error too.
    f.remove("content/cases/Lima.es.md");
    f.write(
        "content/cases/cusco.de.md",
        &case_text("Cusco", "", "Text."),
    );
    let err = failed_build(&f);
    let diag = line_starting(&err, "error: content/cases/cusco.de.md");
    assert!(diag.contains("`de`"), "{diag}");
}

#[test]
fn every_broken_file_is_reported_in_one_run() {
    let f = site();
    f.case("cusco", "es", "Cusco", "", "Texto.");
    let syntax =
        case_text("Lima", "", "x").replace("summary: \"Summary of Lima\"", "summary: a: b");
    let wrong_enum = case_text("Quito", "", "x").replace("scale: local", "scale: urban");
    let wrong_type = case_text("Quito", "", "x").replace("sdgs: [16, 17]", "sdgs: eleven");
    let missing = case_text("Cusco", "", "x").replace("city: Lima\n", "");
    f.write("content/cases/lima.es.md", &syntax);
    f.write("content/cases/quito.es.md", &wrong_enum);
    f.write("content/cases/quito.en.md", &wrong_type);
    f.write("content/cases/cusco.es.md", &missing);
    f.write("content/pages/Bad Name.es.md", "---\ntitle: x\n---\n");
    let err = failed_build(&f);
    for prefix in [
        "error: content/cases/lima.es.md:11:11: ",
        "error: content/cases/quito.es.md:6:8: ",
        "error: content/cases/quito.en.md:9:7: ",
        "error: content/cases/cusco.es.md",
        "error: content/pages/Bad Name.es.md",
    ] {
        line_starting(&err, prefix);
    }
    assert!(
        err.contains("build failed (5 errors"),
        "counted in the summary: {err}"
    );
    // Reports are sorted by file, so runs are comparable.
    let order: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("error: "))
        .map(|l| l.split(':').nth(1).unwrap().trim())
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
}

#[test]
fn a_broken_source_link_names_its_position() {
    let f = site();
    let body = "Intro.\n\nSee [Quito](@/cases/quito.md) and [Nope](@/cases/nope.md).";
    let text = case_text("Lima", "", body);
    f.write("content/cases/lima.en.md", &text);
    let err = failed_build(&f);
    let (line, column) = position(&text, "[Nope]");
    assert_eq!((line, column), (16, 35), "the text written by this test");
    let diag = line_starting(&err, "error: content/cases/lima.en.md:");
    assert!(
        diag.starts_with(&format!(
            "error: content/cases/lima.en.md:{line}:{column}: "
        )),
        "{diag}"
    );
    assert!(diag.contains("@/cases/nope.md"), "{diag}");
    assert_eq!(
        err.matches("error: ").count(),
        1,
        "the good link is not reported: {err}"
    );

    // A near miss gets a suggestion.
    f.write(
        "content/cases/lima.en.md",
        &case_text("Lima", "", "See [Quito](@/cases/quitto.md)."),
    );
    let err = failed_build(&f);
    assert!(err.contains("did you mean @/cases/quito.md?"), "{err}");

    // A link into a folder that is not a content folder.
    f.write(
        "content/cases/lima.en.md",
        &case_text("Lima", "", "See [Quito](@/case/quito.md)."),
    );
    let err = failed_build(&f);
    let (line, column) = (14, 5);
    assert!(
        err.contains(&format!(
            "error: content/cases/lima.en.md:{line}:{column}: "
        )),
        "{err}"
    );
}

#[test]
fn a_link_to_a_draft_is_broken() {
    let f = site();
    f.case("cusco", "es", "Cusco", "draft: true\n", "Texto.");
    f.case("cusco", "en", "Cusco", "draft: true\n", "Text.");
    f.case("lima", "en", "Lima", "", "See [Cusco](@/cases/cusco.md).");
    let err = failed_build(&f);
    assert!(
        err.contains("error: content/cases/lima.en.md:14:5: "),
        "{err}"
    );
    // With drafts the link resolves.
    let out = f.run(&["build", "--drafts"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(f
        .output("en/cases/lima/index.html")
        .contains("<a href=\"/en/cases/cusco/\">Cusco</a>"));
}

#[test]
fn a_broken_site_toml_is_located() {
    let f = site();
    f.write(
        "site.toml",
        "title = { es = \"S\", en = \"S\" }\nbase_url = \"https://example.org/\"\nlanguages = [\"es\", \"en\"\n",
    );
    let err = failed_build(&f);
    assert!(err.contains("error: site.toml:"), "{err}");

    f.write(
        "site.toml",
        "title = { es = \"S\", en = \"S\" }\nbase_url = \"https://example.org/\"\nlanguages = [\"es\", \"en\"]\nlangauges = 1\n",
    );
    let out = f.run(&["check"]);
    let err = stderr(&out);
    assert!(
        err.contains("site.toml:4:"),
        "an unknown setting is located: {err}"
    );
    assert!(err.contains("languages"), "and a suggestion is made: {err}");
}

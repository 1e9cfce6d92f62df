//! `[network]` in `site.toml`: each member's `name`, `country` and `feed`
//! are checked, and each fault is one error at its line and column, with
//! advice; all of them in one run.

mod common;

use common::{only_error_and_help, Fixture};

const HEAD: &str = "title = { es = \"Red\", en = \"Network\" }\nbase_url = \"https://red.example.org/\"\nlanguages = [\"es\", \"en\"]\n";

/// A site whose `site.toml` ends with `network`.
fn site(network: &str) -> Fixture {
    let f = Fixture::new(&["es", "en"]);
    f.write("site.toml", &format!("{HEAD}{network}"));
    f
}

/// `network` with one member whose fields are `fields`.
fn member(fields: &str) -> String {
    format!("\n[[network.members]]\n{fields}")
}

/// The 1-based line and column of `needle` in the whole `site.toml`.
fn at(network: &str, needle: &str) -> String {
    let text = format!("{HEAD}{network}");
    let offset = text.find(needle).unwrap();
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = offset - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    format!("site.toml:{line}:{column}: ")
}

fn one_error(network: &str, needle: &str) -> (String, String) {
    let f = site(network);
    let (error, help) = only_error_and_help(&f.run(&["check"]));
    let expected = format!("error: {}", at(network, needle));
    assert!(error.starts_with(&expected), "expected {expected}: {error}");
    (error, help)
}

#[test]
fn a_well_formed_network_builds() {
    let f = site(&format!(
        "{}{}",
        member("name = \"Ciudad Ejemplo\"\ncountry = \"PE\"\nfeed = \"https://memoria.example.org/data/cases.json\"\n"),
        member("name = \"Villa Prueba\"\ncountry = \"co\"\nfeed = \"members/villa.json\"\n"),
    ));
    let out = f.run(&["check"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
}

#[test]
fn plain_http_outside_this_computer_is_an_error() {
    let n =
        member("name = \"A\"\ncountry = \"PE\"\nfeed = \"http://a.example.org/data/cases.json\"\n");
    let (error, help) = one_error(&n, "\"http://a.example");
    assert!(error.contains("only accepted on this computer"), "{error}");
    assert!(help.contains("https://"), "{help}");
}

#[test]
fn a_country_that_is_not_a_code_is_an_error() {
    let n = member(
        "name = \"A\"\ncountry = \"Peru\"\nfeed = \"https://a.example.org/data/cases.json\"\n",
    );
    let (error, help) = one_error(&n, "\"Peru\"");
    assert!(error.contains("not an ISO 3166-1"), "{error}");
    assert!(help.contains("two-letter"), "{help}");
}

#[test]
fn a_member_without_feed_is_an_error_at_its_table() {
    let n = member("name = \"A\"\ncountry = \"PE\"\n");
    let (error, help) = one_error(&n, "[[network.members]]");
    assert!(error.contains("has no `feed`"), "{error}");
    assert!(help.contains("cases.json"), "{help}");
}

#[test]
fn two_members_with_the_same_name_are_an_error() {
    let n = format!(
        "{}{}",
        member(
            "name = \"Lima\"\ncountry = \"PE\"\nfeed = \"https://a.example.org/data/cases.json\"\n"
        ),
        member(
            "name = \"LIMA\"\ncountry = \"PE\"\nfeed = \"https://b.example.org/data/cases.json\"\n"
        ),
    );
    let (error, help) = one_error(&n, "\"LIMA\"");
    assert!(error.contains("same id"), "{error}");
    assert!(help.contains("different name"), "{help}");
}

#[test]
fn an_empty_network_is_an_error() {
    let (error, help) = one_error("\n[network]\n", "[network]");
    assert!(error.contains("no members"), "{error}");
    assert!(help.contains("[[network.members]]"), "{help}");
}

#[test]
fn every_fault_is_reported_in_one_run() {
    let n = format!(
        "{}{}",
        member("name = \"A\"\ncountry = \"Peru\"\nfeed = \"ftp://a.example.org/cases.json\"\n"),
        member("country = \"PE\"\nfeed = \"https://b.example.org/data/cases.json\"\n"),
    );
    let f = site(&n);
    let out = f.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let errors = common::error_lines(&out);
    assert_eq!(errors.len(), 3, "{errors:#?}");
}

#[test]
fn an_unknown_member_key_is_a_warning_with_a_suggestion() {
    let n = member("name = \"A\"\ncountry = \"PE\"\nfeed = \"https://a.example.org/data/cases.json\"\nfed = 1\n");
    let f = site(&n);
    let out = f.run(&["check"]);
    let err = common::stderr(&out);
    assert!(
        err.contains("unknown setting `network.members.0.fed`") || err.contains("`fed`"),
        "{err}"
    );
    assert!(err.contains("did you mean `feed`?"), "{err}");
}

//! `memoria network fetch`: each member's feed is downloaded (from a server
//! on the loopback address that the test runs) or read from a file, checked
//! against the exchange profile and kept in `network/`, with a record of
//! when and its SHA-256. A member that fails is reported at its `feed` in
//! `site.toml`, with the reason, and keeps its last good copy; the others
//! are fetched all the same.

mod common;

use std::time::Duration;

use common::feeds::{handmade_feed, Answer, FeedServer};
use common::{stderr, Fixture};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// A network site with `members` (name, feed) in Peru.
fn network(members: &[(&str, &str)], extra: &str) -> Fixture {
    let f = Fixture::new(&["en", "es"]);
    let mut toml = f.read("site.toml");
    toml.push_str(&format!("\n[network]\n{extra}"));
    for (name, feed) in members {
        toml.push_str(&format!(
            "\n[[network.members]]\nname = \"{name}\"\ncountry = \"PE\"\nfeed = \"{feed}\"\n"
        ));
    }
    f.write("site.toml", &toml);
    f
}

fn villa() -> String {
    handmade_feed(
        "https://villa.example.org/",
        &[
            (
                "green-roofs",
                "CO",
                &[11, 13],
                "Green roofs",
                Some("Techos verdes"),
            ),
            ("night-buses", "CO", &[11], "Night buses", None),
        ],
    )
}

fn record(f: &Fixture) -> Value {
    serde_json::from_str(&f.read("network/fetched.json")).unwrap()
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The error line of the run about member `name`.
fn member_error(out: &std::process::Output, name: &str) -> String {
    common::error_lines(out)
        .into_iter()
        .find(|l| l.contains(&format!("member \"{name}\"")))
        .unwrap_or_else(|| panic!("no error about {name}:\n{}", stderr(out)))
}

/// The line of `feed = "<feed>"` of member `name` in the fixture's site.toml.
fn feed_line(f: &Fixture, feed: &str) -> usize {
    f.read("site.toml")
        .lines()
        .position(|l| l.contains(&format!("feed = \"{feed}\"")))
        .unwrap()
        + 1
}

#[test]
fn feeds_from_the_web_and_from_files_are_kept_with_a_record() {
    let server = FeedServer::start();
    server.route("/villa/cases.json", Answer::ok(villa()));
    let url = server.url("/villa/cases.json");
    let f = network(
        &[
            ("Villa Prueba", &url),
            ("Pueblo Archivo", "members/pueblo.json"),
        ],
        "",
    );
    let pueblo = handmade_feed(
        "https://pueblo.example.org/",
        &[("markets", "PE", &[8], "Markets", None)],
    );
    f.write("members/pueblo.json", &pueblo);
    let out = f.run(&["network", "fetch"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("fetched villa-prueba (Villa Prueba): 2 practices"),
        "{err}"
    );
    assert!(
        err.contains("fetched 2 of 2 members into network/"),
        "{err}"
    );
    assert_eq!(f.read("network/villa-prueba.json"), villa());
    assert_eq!(f.read("network/pueblo-archivo.json"), pueblo);
    let r = record(&f);
    assert_eq!(r["villa-prueba"]["source"], url);
    assert_eq!(r["villa-prueba"]["sha256"], sha256(villa().as_bytes()));
    assert_eq!(r["pueblo-archivo"]["source"], "members/pueblo.json");
    let fetched = r["villa-prueba"]["fetched"].as_str().unwrap();
    assert!(fetched.len() == 20 && fetched.ends_with('Z'), "{fetched}");
}

/// Fetches once with a good feed, then again with `then` served instead:
/// the run fails with one error about the member, at its `feed`, whose
/// message contains `reason`; the last good copy is kept, and the other
/// member is fetched all the same.
fn fails_and_keeps_the_last_good_copy(then: Answer, reason: &str) -> String {
    fails_with_extra(then, reason, "")
}

fn fails_with_extra(then: Answer, reason: &str, extra: &str) -> String {
    let server = FeedServer::start();
    server.route("/villa/cases.json", Answer::ok(villa()));
    let url = server.url("/villa/cases.json");
    let f = network(
        &[
            ("Villa Prueba", &url),
            ("Pueblo Archivo", "members/pueblo.json"),
        ],
        extra,
    );
    f.write(
        "members/pueblo.json",
        &handmade_feed(
            "https://pueblo.example.org/",
            &[("markets", "PE", &[8], "Markets", None)],
        ),
    );
    let first = f.run(&["network", "fetch"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let when = record(&f)["villa-prueba"]["fetched"]
        .as_str()
        .unwrap()
        .to_string();
    // The file member changes; the web member breaks.
    let pueblo2 = handmade_feed(
        "https://pueblo.example.org/",
        &[
            ("markets", "PE", &[8], "Markets", None),
            ("parks", "PE", &[11], "Parks", None),
        ],
    );
    f.write("members/pueblo.json", &pueblo2);
    server.route("/villa/cases.json", then);
    let out = f.run(&["network", "fetch"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"));
    assert_eq!(common::error_lines(&out).len(), 1, "{}", stderr(&out));
    let error = member_error(&out, "Villa Prueba");
    let line = feed_line(&f, &url);
    assert!(
        error.starts_with(&format!("error: site.toml:{line}:")),
        "at the member's feed: {error}"
    );
    assert!(error.contains(reason), "{reason:?} not in {error}");
    let err = stderr(&out);
    assert!(
        err.contains(&format!("its last good copy, fetched {when}, is kept")),
        "{err}"
    );
    assert_eq!(
        f.read("network/villa-prueba.json"),
        villa(),
        "the last good copy stays"
    );
    assert_eq!(record(&f)["villa-prueba"]["fetched"], when.as_str());
    assert_eq!(
        f.read("network/pueblo-archivo.json"),
        pueblo2,
        "the other member is fetched"
    );
    assert!(err.contains("fetched 1 of 2 members"), "{err}");
    error
}

#[test]
fn a_server_error_keeps_the_last_good_copy() {
    fails_and_keeps_the_last_good_copy(Answer::status(500), "the server answered 500");
}

#[test]
fn a_stopped_member_keeps_its_last_good_copy() {
    fails_and_keeps_the_last_good_copy(Answer::status(404), "404");
}

#[test]
fn an_unknown_profile_version_is_refused() {
    let feed = villa().replace("memoria-cases/1", "memoria-cases/2");
    fails_and_keeps_the_last_good_copy(Answer::ok(feed), "profile \"memoria-cases/2\"");
}

#[test]
fn wrong_types_are_refused_with_the_place_in_the_feed() {
    let feed = villa().replacen(
        "\"sdgs\": [\n        11,\n        13\n      ]",
        "\"sdgs\": \"eleven\"",
        1,
    );
    assert_ne!(feed, villa());
    let error =
        fails_and_keeps_the_last_good_copy(Answer::ok(feed), "does not follow memoria-cases/1");
    assert!(error.contains("line "), "{error}");
}

#[test]
fn not_json_is_refused() {
    fails_and_keeps_the_last_good_copy(Answer::ok("<html>Moved</html>"), "not valid JSON");
}

#[test]
fn duplicate_ids_in_a_feed_are_refused() {
    let feed = villa().replace("night-buses", "green-roofs");
    fails_and_keeps_the_last_good_copy(Answer::ok(feed), "another practice has the same id");
}

#[test]
fn a_link_that_is_not_a_web_address_is_refused() {
    let feed = villa().replace(
        "https://villa.example.org/en/practices/green-roofs/",
        "javascript:alert(1)",
    );
    fails_and_keeps_the_last_good_copy(Answer::ok(feed), "is not a web address");
}

#[test]
fn a_huge_feed_is_refused() {
    let big = format!(
        "{{\"profile\": \"memoria-cases/1\", \"pad\": \"{}\"}}",
        "x".repeat(17 * 1024 * 1024)
    );
    fails_and_keeps_the_last_good_copy(Answer::ok(big), "larger than the 16 MB");
}

#[test]
fn a_redirect_to_another_site_is_refused() {
    let other = FeedServer::start();
    other.route("/cases.json", Answer::ok(villa()));
    fails_and_keeps_the_last_good_copy(
        Answer::redirect(&other.url("/cases.json")),
        "redirects to another site",
    );
}

#[test]
fn a_redirect_within_the_site_is_followed() {
    let server = FeedServer::start();
    server.route("/old/cases.json", Answer::redirect("/new/cases.json"));
    server.route("/new/cases.json", Answer::ok(villa()));
    let f = network(&[("Villa Prueba", &server.url("/old/cases.json"))], "");
    let out = f.run(&["network", "fetch"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(f.read("network/villa-prueba.json"), villa());
}

#[test]
fn a_member_that_does_not_answer_in_time_is_reported() {
    let mut slow = Answer::ok(villa());
    slow.delay = Duration::from_secs(4);
    fails_with_extra(slow, "no complete answer within 1 s", "timeout = 1\n");
}

#[test]
fn a_member_never_fetched_is_reported_without_a_copy() {
    let server = FeedServer::start();
    let f = network(&[("Villa Prueba", &server.url("/none.json"))], "");
    let out = f.run(&["network", "fetch"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("it has no copy yet"), "{err}");
    assert!(!f.root().join("network/villa-prueba.json").exists());
}

#[test]
fn a_site_without_network_is_told_so() {
    let f = Fixture::new(&["en"]);
    let out = f.run(&["network", "fetch"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("has no [network]"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_handmade_feed_passes_the_profiles_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(common::repo_root().join("docs/schemas/cases.schema.json"))
            .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let feed: Value = serde_json::from_str(&villa()).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&feed)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

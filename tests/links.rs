//! Links written as addresses in Markdown (`[x](/en/cases/rosario/)`,
//! `[x](#context)`, `[x](lima.en.md)`): `build` warns about broken ones and
//! `check` reports them as errors, each once, at its line and column in the
//! source file.

mod common;

use common::{stderr, Fixture};

/// Line 14 is the first line of the body (after the front matter).
const BODY: &str = "## Context\n\nSee [Lima](lima.en.md) and [Rosario](/en/cases/rosario/).\nBack to [the context](#context), [top](#nowhere) and [up](../../../../x/).\nFine: [home](/en/), [cases](/en/cases/), [me](/en/cases/lima/#context) and [web](https://example.com/x).\n";

/// The four broken links of `BODY`: location, message, advice.
const EXPECTED: [(&str, &str, &str); 4] = [
    (
        "content/cases/lima.en.md:16:5",
        "the link lima.en.md leads nowhere: no such page or file in the site",
        "write @/ and its path under content/, e.g. [Lima](@/cases/lima.md)",
    ),
    (
        "content/cases/lima.en.md:16:28",
        "the link /en/cases/rosario/ leads nowhere: no such page or file in the site",
        "check the address in the built site, or link to content with @/",
    ),
    (
        "content/cases/lima.en.md:17:34",
        "the link #nowhere leads nowhere: /en/cases/lima/index.html has no element with id=\"nowhere\"",
        "id of a heading",
    ),
    (
        "content/cases/lima.en.md:17:54",
        "the link ../../../../x/ leads nowhere: it climbs above the root of the site",
        "remove the extra ../",
    ),
];

fn site() -> Fixture {
    let f = Fixture::new(&["en"]);
    f.case("lima", "en", "Lima", "", BODY);
    f
}

/// The lines of `err` that start a diagnostic of `label` ("error", "warning").
fn headlines<'a>(err: &'a str, label: &str) -> Vec<&'a str> {
    let prefix = format!("{label}: ");
    err.lines().filter(|l| l.starts_with(&prefix)).collect()
}

/// Asserts that `err` has exactly the four expected diagnostics as `label`,
/// each with its advice.
fn assert_reported(err: &str, label: &str) {
    let lines = headlines(err, label);
    assert_eq!(lines.len(), 4, "{err}");
    for (location, message, help) in EXPECTED {
        let head = format!("{label}: {location}: {message}");
        assert!(
            lines.iter().any(|l| l.starts_with(&head)),
            "missing {head:?} in:\n{err}"
        );
        let block = err.split(&head).nth(1).unwrap();
        let block = block.split("\n\n").next().unwrap();
        assert!(
            block.contains("= help:") && block.contains(help),
            "advice {help:?} missing in:\n{block}"
        );
    }
}

#[test]
fn build_warns_about_broken_plain_links_at_their_position() {
    let f = site();
    let out = f.run(&["build"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_reported(&err, "warning");
    assert!(headlines(&err, "error").is_empty(), "{err}");
    assert!(f.has_output("en/cases/lima/index.html"));
}

#[test]
fn check_reports_each_broken_plain_link_once_as_an_error() {
    let f = site();
    let out = f.run(&["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_reported(&err, "error");
    assert!(!err.contains("broken link on"), "reported twice:\n{err}");
    assert!(headlines(&err, "warning").is_empty(), "{err}");
}

#[test]
fn check_with_an_absolute_root_reports_the_same() {
    let f = site();
    let root = f.root().to_string_lossy().into_owned();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_memoria"))
        .args(["check", "--root", &root])
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap();
    assert_reported(&stderr(&out), "error");
}

#[test]
fn theme_links_are_still_checked_in_the_rendered_pages() {
    let f = Fixture::new(&["en"]);
    f.case("lima", "en", "Lima", "", "Text.");
    let base = f.root().join("themes/default/templates/base.html");
    let text = std::fs::read_to_string(&base).unwrap();
    std::fs::write(
        &base,
        text.replace("</body>", "<a href=\"/en/nowhere/\">x</a></body>"),
    )
    .unwrap();
    let out = f.run(&["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("broken link on /en/cases/lima/index.html: /en/nowhere/ — no such page or file in the site"), "{err}");
}

/// A site where `rosario.en.md` cannot be read (an unclosed quote on line 2)
/// while `lima.en.md` links to it in both ways, and has its broken links.
fn site_with_a_broken_file() -> Fixture {
    let f = site();
    f.write(
        "content/cases/rosario.en.md",
        "---\ntitle: \"Rosario\ncity: Rosario\n---\n\nText.\n",
    );
    // Line 19: a link to content that cannot be read, and the same as an
    // address: neither is a second fault.
    f.write(
        "content/cases/lima.en.md",
        &common::case_text(
            "Lima",
            "",
            &format!(
                "{BODY}\nSee [Rosario](@/cases/rosario.md) and [again](/en/cases/rosario/).\n"
            ),
        ),
    );
    f
}

#[test]
fn broken_links_are_reported_with_the_other_errors_of_the_run() {
    let f = site_with_a_broken_file();
    let out = f.run(&["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    // The unreadable file: one error, where its quote opens.
    let errors = headlines(&err, "error");
    let yaml: Vec<_> = errors
        .iter()
        .filter(|l| l.starts_with("error: content/cases/rosario.en.md:2:"))
        .collect();
    assert_eq!(yaml.len(), 1, "{err}");
    // The broken links of lima.en.md, in the same run: the three that do
    // not involve rosario (the address /en/cases/rosario/ written on line 16
    // now names a page whose file cannot be read, so it is not reported).
    for location in [
        "content/cases/lima.en.md:16:5",
        "content/cases/lima.en.md:17:34",
        "content/cases/lima.en.md:17:54",
    ] {
        assert!(
            errors
                .iter()
                .any(|l| l.starts_with(&format!("error: {location}: "))),
            "missing {location} in:\n{err}"
        );
    }
    assert_eq!(errors.len(), 4, "one error per fault:\n{err}");
    assert!(!err.contains("rosario.md points to"), "{err}");
}

#[test]
fn build_with_an_error_warns_about_broken_links_too_and_writes_nothing() {
    let f = site_with_a_broken_file();
    let out = f.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(headlines(&err, "error").len(), 1, "{err}");
    assert_eq!(headlines(&err, "warning").len(), 3, "{err}");
    assert!(!f.has_output("en/cases/lima/index.html"));
}

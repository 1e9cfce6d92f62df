//! `memoria build` writes every file into a temporary folder beside the
//! output as soon as it is rendered (nothing holds the whole site in
//! memory), and swaps it in only when the whole site is done: a build that
//! fails after some files were written leaves the previous output as it
//! was, and no temporary folder behind.

mod common;

use common::{build_leftovers, built_counts, error_lines, snapshot, stderr, Fixture};

/// A one-language site with two cases, built once.
fn built() -> Fixture {
    let f = Fixture::new(&["en"]);
    f.case("lima", "en", "Lima", "", "## Context\n\nText.");
    f.case(
        "quito",
        "en",
        "Quito",
        "",
        "## Context\n\nSee [Lima](@/cases/lima.md#context).",
    );
    let out = f.build_ok();
    assert!(
        stderr(&out).contains("(0 errors, 0 warnings)"),
        "{}",
        stderr(&out)
    );
    f
}

/// Asserts that a failed run left `public/` as `before` and nothing else.
fn assert_untouched(f: &Fixture, out: &std::process::Output, before: &[(String, Vec<u8>)]) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("the previous output was left as it was"),
        "{err}"
    );
    assert_eq!(
        snapshot(&f.root().join("public")),
        before,
        "public/ is untouched"
    );
    assert!(
        build_leftovers(f.root()).is_empty(),
        "{:?}",
        build_leftovers(f.root())
    );
}

#[test]
fn a_template_failing_after_other_pages_were_written_changes_nothing() {
    let f = built();
    let before = snapshot(&f.root().join("public"));
    // Only the term pages fail, once every other page has been rendered
    // and written into the temporary folder.
    f.write(
        "themes/default/templates/term.html",
        "{{ no_such_variable.title }}\n",
    );
    let out = f.run(&["build"]);
    let err = stderr(&out);
    let errors = error_lines(&out);
    assert!(!errors.is_empty(), "{err}");
    for line in &errors {
        assert!(
            line.starts_with("error: themes/default/templates/term.html: rendering ")
                && line.contains(" term ")
                && line.contains("failed"),
            "{line}\n{err}"
        );
    }
    assert!(
        err.contains("help: check the template against the data described in docs/themes.md"),
        "{err}"
    );
    assert_untouched(&f, &out, &before);
}

#[test]
fn two_files_at_one_address_are_reported_and_nothing_is_written() {
    let f = built();
    let before = snapshot(&f.root().join("public"));
    // The site's static/ folder has a file where the home page goes.
    f.write("static/en/index.html", "<p>mine</p>\n");
    let out = f.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(
        error_lines(&out),
        ["error: static/en/index.html: this would be written to /en/index.html, like home page (en)"],
        "{err}"
    );
    assert!(
        err.contains(
            "help: give one of them another slug (front matter `slug:`) or another file name"
        ),
        "{err}"
    );
    assert_untouched(&f, &out, &before);

    // Once the clash is gone, the build goes through and the files are
    // the same as before.
    f.remove("static/en/index.html");
    let out = f.build_ok();
    let (files, _, unchanged) = built_counts(&out);
    assert_eq!(unchanged, files, "{}", stderr(&out));
    assert_eq!(snapshot(&f.root().join("public")), before);
}

#[test]
fn links_to_a_fragment_are_checked_against_the_pages_written() {
    let f = built();
    f.case(
        "quito",
        "en",
        "Quito",
        "",
        "## Context\n\nSee [Lima](/en/cases/lima/#contex).",
    );
    let out = f.build_ok();
    let err = stderr(&out);
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning: ")).collect();
    assert_eq!(
        warnings,
        ["warning: content/cases/quito.en.md:16:5: the link /en/cases/lima/#contex leads nowhere: /en/cases/lima/index.html has no element with id=\"contex\""],
        "{err}"
    );
    assert!(err.contains("did you mean #context?"), "{err}");
    assert!(error_lines(&out).is_empty(), "{err}");
    assert!(f.output("en/cases/quito/index.html").contains("#contex"));
}

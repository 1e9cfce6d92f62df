//! Every message a user sees says what is wrong and what to do: the
//! problems found before a file and line are known (a command-line option,
//! a setting, a period, a folder) reach the user with their file, their
//! line:column when there is one, and their advice.

mod common;

use common::{indicator_text, only_error_and_help, snapshot, stderr, Fixture};

/// A site with one valid case in Spanish and English.
fn site() -> Fixture {
    let f = Fixture::new(&["es", "en"]);
    f.case("lima", "es", "Lima es", "", "Texto.");
    f.case("lima", "en", "Lima en", "", "Text.");
    f
}

/// `memoria build` with `args`, from the site's folder, asserting that it
/// wrote nothing; its only error line and its advice.
fn failed_build(f: &Fixture, args: &[&str]) -> (String, String) {
    let before = snapshot(f.root());
    let out = f.run(&[&["build"], args].concat());
    let found = only_error_and_help(&out);
    assert_eq!(snapshot(f.root()), before, "nothing is written on error");
    found
}

#[test]
fn a_bad_base_url_option_says_what_to_write() {
    let f = site();
    let (line, help) = failed_build(&f, &["--base-url", "ftp://example.org/"]);
    assert_eq!(
        line,
        "error: --base-url: `base_url` \"ftp://example.org/\" must start with https:// or http:// and name a host"
    );
    assert!(
        help.starts_with("write the public address of the site, starting with https://"),
        "{help}"
    );

    let (line, help) = failed_build(&f, &["--base-url", "https://example.org/?v=2"]);
    assert_eq!(
        line,
        "error: --base-url: `base_url` \"https://example.org/?v=2\" must not have a ? query or a # fragment"
    );
    assert!(
        help.starts_with("remove everything from the ? or the # on"),
        "{help}"
    );

    let (line, help) = failed_build(&f, &["--base-url", "example.org"]);
    assert!(
        line.starts_with("error: --base-url: `base_url` \"example.org\" is not a web address"),
        "{line}"
    );
    assert!(
        help.contains("e.g. https://international.example.gov/"),
        "{help}"
    );
}

#[test]
fn a_bad_base_url_in_site_toml_is_at_its_line() {
    let f = site();
    f.edit(
        "site.toml",
        "base_url = \"https://example.org/\"",
        "base_url = \"mailto:office@example.org\"",
    );
    let (line, help) = failed_build(&f, &[]);
    assert_eq!(
        line,
        "error: site.toml:2:1: `base_url` \"mailto:office@example.org\" must start with https:// or http:// and name a host"
    );
    assert!(
        help.contains("e.g. https://international.example.gov/"),
        "{help}"
    );
}

#[test]
fn an_output_dir_that_is_or_holds_the_site_is_refused_at_its_line() {
    for (dir, why) in [
        (
            ".",
            "is the site's folder itself: building would replace the site's sources",
        ),
        (
            "..",
            "holds the site's folder: building would replace the site's sources",
        ),
        (
            "content/site",
            "is inside the site's content/ folder: building would replace the site's sources",
        ),
    ] {
        let f = site();
        f.write(
            "site.toml",
            &format!("{}output_dir = \"{dir}\"\n", f.read("site.toml")),
        );
        let (line, help) = failed_build(&f, &[]);
        assert_eq!(
            line,
            format!("error: site.toml:4:1: `output_dir` \"{dir}\" {why}"),
            "{dir}"
        );
        assert_eq!(
            help,
            "write the name of a folder of its own, e.g. output_dir = \"public\"; to build somewhere else for one run, use memoria build --output FOLDER"
        );
        // `check` says the same.
        let (checked, _) = only_error_and_help(&f.run(&["check"]));
        assert_eq!(checked, line);
    }
}

#[test]
fn an_output_dir_inside_the_site_still_builds() {
    let f = site();
    f.write(
        "site.toml",
        &format!("{}output_dir = \"./build/site\"\n", f.read("site.toml")),
    );
    let out = f.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(f.root().join("build/site/index.html").is_file());
}

#[test]
fn an_output_dir_beside_the_site_builds_there() {
    let parent = tempfile::tempdir().unwrap();
    let site_dir = parent.path().join("site");
    let f = site();
    common::copy_dir(f.root(), &site_dir);
    let toml = std::fs::read_to_string(site_dir.join("site.toml")).unwrap();
    std::fs::write(
        site_dir.join("site.toml"),
        format!("{toml}output_dir = \"../www\"\n"),
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_memoria"))
        .arg("build")
        .current_dir(&site_dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(parent.path().join("www/index.html").is_file());
}

#[test]
fn an_output_option_that_holds_the_site_names_the_folder_and_what_to_do() {
    let f = site();
    let (line, help) = failed_build(&f, &["--output", "."]);
    assert!(
        line.starts_with("error: .: refusing to write the site here: the output folder ")
            && line.ends_with(" contains the site itself"),
        "{line}"
    );
    assert_eq!(
        help,
        "choose a folder for the website inside the site's folder, e.g. --output public, or output_dir = \"public\" in site.toml"
    );

    let (line, help) = failed_build(&f, &["--output", "content/cases"]);
    assert!(
        line.starts_with("error: content/cases: refusing to write the site here:")
            && line.ends_with(" is inside the site's content/ folder"),
        "{line}"
    );
    assert!(
        help.starts_with("choose a folder for the website"),
        "{help}"
    );

    // As an absolute path too.
    let root = f.root().to_str().unwrap().to_string();
    let (line, _) = failed_build(&f, &["--root", &root, "--output", &root]);
    assert!(line.contains("contains the site itself"), "{line}");
}

#[test]
fn a_period_written_wrongly_in_an_indicator_is_at_its_line_with_advice() {
    let f = site();
    let text = indicator_text().replace("\"2024-S2\"", "\"2024-S3\"");
    f.write("content/indicators/people.yaml", &text);
    let (line, help) = failed_build(&f, &[]);
    assert!(
        line.starts_with(
            "error: content/indicators/people.yaml:18:15: \"2024-S3\" is not a period"
        ),
        "{line}"
    );
    assert_eq!(
        help,
        "write years as 2025, semesters as 2025-S1, quarters as 2025-Q1, months as 2025-03 and weeks as 2025-W12"
    );
}

#[test]
fn a_week_the_year_does_not_have_says_which_weeks_it_has() {
    let f = site();
    let text = indicator_text()
        .replace("periodicity: semiannual", "periodicity: weekly")
        .replace("\"2023-S2\"", "\"2023-W10\"")
        .replace("\"2026-S2\"", "\"2026-W10\"")
        .replace("\"2024-S1\"", "\"2024-W10\"")
        .replace("\"2024-S2\"", "\"2021-W53\"");
    f.write("content/indicators/people.yaml", &text);
    let (line, help) = failed_build(&f, &[]);
    assert!(
        line.starts_with("error: content/indicators/people.yaml:18:15: 2021 has no ISO week 53"),
        "{line}"
    );
    assert_eq!(
        help,
        "2021 has 52 ISO weeks: write a week from 2021-W01 to 2021-W52"
    );
}

#[test]
fn new_case_and_init_errors_say_what_to_do() {
    let f = site();
    let out = f.run(&["new", "case", "Lima Council"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "error: `Lima Council` cannot be used as a case id: it contains \"L\"; only lowercase letters a-z, digits and hyphens are allowed\n  = help: try `memoria new case lima-council`\n"
    );

    let out = f.run(&["new", "case", "lima"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: content/cases/lima.es.md already exists; nothing was created\n"),
        "{err}"
    );
    assert!(
        err.ends_with("  = help: choose another id for the new case, or edit the existing file\n"),
        "{err}"
    );

    let out = f.run(&["init", "content"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "error: content is not empty\n  = help: choose a new or empty folder, e.g. memoria init my-site\n"
    );
}

#[test]
fn pdf_printing_needs_no_browser() {
    let f = site();
    for lang in ["es", "en"] {
        f.write(
            &format!("content/reports/2025-S1.{lang}.md"),
            "---\ntitle: \"Informe 2025-S1\"\nlegislature: \"Concejo\"\n---\n\nTexto.\n",
        );
    }
    // No browser to be found, and no program on the PATH at all.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_memoria"))
        .args(["build", "--pdf"])
        .current_dir(f.root())
        .env("MEMORIA_CHROMIUM", "/nonexistent/chromium")
        .env("PATH", "")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for pdf in [
        "es/informes/2025-s1/2025-S1.pdf",
        "en/reports/2025-s1/2025-S1.pdf",
    ] {
        assert!(f.has_output(pdf), "{pdf}");
    }
}

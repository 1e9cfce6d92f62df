//! The command line: usage errors, `memoria new case` and `memoria init`.

mod common;

use std::fs;
use std::process::{Command, Output};

use common::{snapshot, stderr, Fixture};

/// Runs `memoria` with `args` in `dir`.
fn memoria_in(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_memoria"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("memoria runs")
}

fn site() -> Fixture {
    let f = Fixture::new(&["es", "en"]);
    f.case("lima", "es", "Lima", "", "Texto.");
    f.case("lima", "en", "Lima", "", "Text.");
    f
}

#[test]
fn wrong_usage_exits_with_2_and_writes_nothing() {
    let f = site();
    for args in [
        &["build", "--no-such-flag"][..],
        &["frobnicate"],
        &[],
        &["check", "--port", "3"],
        &["serve", "--port", "not-a-number"],
        &["new", "page", "x"],
    ] {
        let out = f.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).is_empty(), "{args:?} says why");
        assert!(!f.has_output(""), "{args:?} wrote nothing");
    }
    let out = f.run(&["frobnicate"]);
    assert!(stderr(&out).contains("frobnicate"), "{}", stderr(&out));
}

#[test]
fn help_and_version_succeed() {
    let f = site();
    let help = f.run(&["--help"]);
    assert!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout);
    for command in ["build", "serve", "check", "new", "init"] {
        assert!(text.contains(command), "{command} in:\n{text}");
    }
    let version = f.run(&["--version"]);
    assert!(version.status.success());
    assert!(String::from_utf8_lossy(&version.stdout).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn build_and_check_of_a_folder_without_a_site_exit_with_1() {
    let empty = tempfile::tempdir().unwrap();
    for args in [&["build"][..], &["check"]] {
        let out = memoria_in(empty.path(), args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("site.toml"), "{args:?}: {err}");
    }
    assert_eq!(fs::read_dir(empty.path()).unwrap().count(), 0);
}

#[test]
fn new_case_writes_a_draft_in_every_language() {
    let f = site();
    let out = f.run(&["new", "case", "lima-council"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("lima-council.es.md") && stdout.contains("lima-council.en.md"),
        "{stdout}"
    );
    let read = |lang: &str| {
        fs::read_to_string(
            f.root()
                .join(format!("content/cases/lima-council.{lang}.md")),
        )
        .unwrap()
    };
    let es = read("es");
    let en = read("en");
    for text in [&es, &en] {
        assert!(text.starts_with("---\n"), "{text}");
        assert!(text.contains("\ndraft: true\n"), "{text}");
        for field in [
            "title:",
            "city:",
            "country:",
            "date:",
            "scale:",
            "dimension:",
            "themes:",
            "sdgs:",
            "actors:",
            "summary:",
        ] {
            assert!(text.contains(&format!("\n{field}")), "{field} in {text}");
        }
    }
    let es_sections = [
        "## Contexto",
        "## Qué se hizo y quiénes participaron",
        "## Qué funcionó",
        "## Qué no funcionó o los riesgos",
        "## Qué pueden aprender otras ciudades",
        "## Recomendaciones",
        "## Fuente",
    ];
    let en_sections = [
        "## Context",
        "## What was done and by whom",
        "## What worked",
        "## What did not work, or the risks",
        "## What others can learn",
        "## Recommendations",
        "## Source",
    ];
    let in_order = |text: &str, sections: &[&str]| {
        let mut from = 0;
        for s in sections {
            let at = text[from..]
                .find(&format!("{s}\n"))
                .unwrap_or_else(|| panic!("{s} (in order) in:\n{text}"));
            from += at + s.len();
        }
    };
    in_order(&es, &es_sections);
    in_order(&en, &en_sections);
    assert!(!en.contains("## Contexto"), "each file in its own language");
    assert!(!es.contains("## Context\n"));

    // Once filled in, the draft is checked but published only with --drafts.
    for lang in ["es", "en"] {
        let filled = read(lang)
            .replace("title: \"\"", "title: \"Council\"")
            .replace("city: \"\"", "city: Lima")
            .replace("country: \"\"", "country: PE")
            .replace("summary: \"\"", "summary: \"A council.\"");
        f.write(&format!("content/cases/lima-council.{lang}.md"), &filled);
    }
    f.build_ok();
    assert!(f.has_output("es/casos/lima/index.html"));
    assert!(!f.has_output("es/casos/lima-council/index.html"));
    assert!(!f.has_output("en/cases/lima-council/index.html"));
    let drafts = f.run(&["build", "--drafts"]);
    assert!(drafts.status.success(), "{}", stderr(&drafts));
    let page = f.output("en/cases/lima-council/index.html");
    assert!(
        page.contains("<h2 id=\"what-worked\">What worked</h2>"),
        "{page}"
    );
    assert!(f.has_output("es/casos/lima-council/index.html"));
}

#[test]
fn new_case_never_overwrites() {
    let f = site();
    f.write("content/cases/lima-council.en.md", "my own text\n");
    let out = f.run(&["new", "case", "lima-council"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("lima-council.en.md"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(f.root().join("content/cases/lima-council.en.md")).unwrap(),
        "my own text\n"
    );
    assert!(
        !f.root().join("content/cases/lima-council.es.md").exists(),
        "all or nothing: the Spanish file is not created either"
    );

    // And a second `new case` of a fresh id is refused after the first.
    assert!(f.run(&["new", "case", "quito"]).status.success());
    let es = fs::read_to_string(f.root().join("content/cases/quito.es.md")).unwrap();
    assert_eq!(f.run(&["new", "case", "quito"]).status.code(), Some(1));
    assert_eq!(
        fs::read_to_string(f.root().join("content/cases/quito.es.md")).unwrap(),
        es
    );
}

#[test]
fn new_case_with_a_bad_id_is_a_usage_error() {
    let f = site();
    let before = snapshot(&f.root().join("content"));
    for bad in ["Bad Slug", "../escape", "lima/council", "", "-lima"] {
        let out = f.run(&["new", "case", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad:?}: {}", stderr(&out));
    }
    let out = f.run(&["new", "case", "Bad Slug"]);
    assert!(
        stderr(&out).contains("bad-slug"),
        "suggests an id: {}",
        stderr(&out)
    );
    assert_eq!(
        snapshot(&f.root().join("content")),
        before,
        "nothing created"
    );
    assert!(!f.root().join("escape.es.md").exists());
    assert!(!f.root().join("content/escape.es.md").exists());
}

#[test]
fn new_case_outside_a_site_exits_with_1() {
    let empty = tempfile::tempdir().unwrap();
    let out = memoria_in(empty.path(), &["new", "case", "lima"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(fs::read_dir(empty.path()).unwrap().count(), 0);
}

#[test]
fn init_makes_a_site_that_checks_strictly_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("city");
    let out = memoria_in(dir.path(), &["init", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.join("site.toml").is_file());
    // The theme is built into memoria: none is copied, only the folders
    // where the site may override its files.
    assert!(!site.join("themes").exists());
    assert!(site.join("templates/README.md").is_file());
    assert!(site.join("static/README.md").is_file());

    let root = site.to_str().unwrap();
    let check = memoria_in(dir.path(), &["check", "--strict", "--root", root]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let build = memoria_in(dir.path(), &["build", "--root", root]);
    assert!(build.status.success(), "{}", stderr(&build));
    let public = site.join("public");
    assert!(public.join("index.html").is_file());
    assert!(public.join("es/index.html").is_file());
    assert!(public.join("en/index.html").is_file());
    assert!(public.join("sitemap.xml").is_file());

    // A new case in the new site.
    let new = memoria_in(&site, &["new", "case", "lima-council"]);
    assert!(new.status.success(), "{}", stderr(&new));
    assert!(site.join("content/cases/lima-council.es.md").is_file());
    assert!(site.join("content/cases/lima-council.en.md").is_file());
}

#[test]
fn init_into_an_empty_folder_works_and_into_a_full_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    fs::create_dir_all(&empty).unwrap();
    let out = memoria_in(dir.path(), &["init", empty.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(empty.join("site.toml").is_file());

    let full = dir.path().join("full");
    fs::create_dir_all(&full).unwrap();
    fs::write(full.join("notes.txt"), "keep").unwrap();
    let before = snapshot(&full);
    let out = memoria_in(dir.path(), &["init", full.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(snapshot(&full), before, "the folder is untouched");

    // Into an existing site: refused as well.
    let again = memoria_in(dir.path(), &["init", empty.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
}

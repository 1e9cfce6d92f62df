//! A site's own `templates/`, `static/` and `i18n/` override single files of
//! the theme built into memoria; `init` copies no theme; `memoria theme copy`
//! gets one built-in file into the site.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::process::{Command, Output};

use common::{error_lines, repo_root, snapshot, stderr, Fixture};

/// Runs `memoria` with `args` in `dir`, as a user does in the site's folder.
fn memoria_in(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_memoria"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("memoria runs")
}

/// A site in Spanish and English with one case and one page, and no theme
/// folder: everything of the theme comes from memoria itself.
fn site_without_theme() -> Fixture {
    let f = Fixture::new(&["es", "en"]);
    fs::remove_dir_all(f.root().join("themes")).unwrap();
    f.case("lima", "es", "Concejo de Lima", "", "Texto.");
    f.case("lima", "en", "Lima council", "", "Text.");
    f.page("about", "es", "Acerca", "slug: acerca\n", "Quiénes somos.");
    f.page("about", "en", "About", "", "Who we are.");
    f
}

/// The built-in theme's file `name`, as it is in this repository.
fn built_in(name: &str) -> Vec<u8> {
    fs::read(repo_root().join("themes/default").join(name)).unwrap()
}

const CASE_OVERRIDE: &str = "{% extends \"base.html\" %}\n{% block content %}\n<h1 class=\"our-case\">{{ case.title }}</h1>\n{% endblock content %}\n";

#[test]
fn a_site_made_by_init_has_no_theme_folder_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let out = memoria_in(dir.path(), &["init", "city"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let site = dir.path().join("city");
    assert!(!site.join("themes").exists(), "no theme is copied");
    let note = fs::read_to_string(site.join("templates/README.md")).unwrap();
    assert!(
        note.contains("memoria theme copy templates/case.html"),
        "{note}"
    );
    let note = fs::read_to_string(site.join("static/README.md")).unwrap();
    assert!(
        note.contains("memoria theme copy static/style.css"),
        "{note}"
    );

    let check = memoria_in(&site, &["check", "--strict"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let build = memoria_in(&site, &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(
        stderr(&build).contains("(0 errors, 0 warnings)"),
        "{}",
        stderr(&build)
    );
    let public = site.join("public");
    assert_eq!(
        fs::read(public.join("style.css")).unwrap(),
        built_in("static/style.css")
    );
    assert!(public.join("es/index.html").is_file());
    assert!(
        !public.join("README.md").exists(),
        "the folder's note is not published"
    );
}

#[test]
fn overriding_case_html_and_style_css_keeps_every_other_file_built_in() {
    let f = site_without_theme();
    f.build_ok();
    let before: BTreeMap<String, Vec<u8>> =
        snapshot(&f.root().join("public")).into_iter().collect();

    f.write("templates/case.html", CASE_OVERRIDE);
    f.write("static/style.css", "body { color: teal; }\n");
    let out = f.build_ok();
    assert!(
        stderr(&out).contains("(0 errors, 0 warnings)"),
        "{}",
        stderr(&out)
    );
    let after: BTreeMap<String, Vec<u8>> = snapshot(&f.root().join("public")).into_iter().collect();

    assert_eq!(after["style.css"], b"body { color: teal; }\n");
    let es = f.output("es/casos/lima/index.html");
    assert!(
        es.contains("<h1 class=\"our-case\">Concejo de Lima</h1>"),
        "{es}"
    );
    assert!(
        es.contains("style.css"),
        "still built on the built-in base.html"
    );
    assert!(f
        .output("en/cases/lima/index.html")
        .contains("<h1 class=\"our-case\">Lima council</h1>"));

    let changed: Vec<&String> = after
        .iter()
        .filter(|(name, bytes)| before.get(*name) != Some(bytes))
        .map(|(name, _)| name)
        .collect();
    assert_eq!(
        changed,
        [
            "en/cases/lima/index.html",
            "es/casos/lima/index.html",
            "style.css"
        ],
        "only the case pages and the style change"
    );
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    // Nothing of the theme was copied into the site.
    assert!(!f.root().join("templates/base.html").exists());
    assert!(!f.root().join("themes").exists());
}

#[test]
fn a_syntax_error_in_an_override_names_the_override() {
    let f = site_without_theme();
    f.write(
        "templates/case.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ case.title | }}\n{% endblock content %}\n",
    );
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 1, "one error: {}", stderr(&out));
    assert!(
        errors[0].starts_with("error: templates/case.html:3:17: template syntax error"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("help: see the Tera documentation"),
        "{}",
        stderr(&out)
    );
    assert!(!f.root().join("public").exists(), "nothing written");
}

#[test]
fn a_rendering_error_in_an_override_names_the_override() {
    let f = site_without_theme();
    f.write(
        "templates/case.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ case.no_such_field }}\n{% endblock content %}\n",
    );
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 2, "one per case page: {}", stderr(&out));
    for e in &errors {
        assert!(
            e.starts_with("error: templates/case.html: rendering "),
            "{e}"
        );
    }
}

#[test]
fn the_sites_own_templates_win_over_a_theme_folder() {
    // The bundled layout: a whole theme in themes/default/, and one override.
    let f = Fixture::new(&["es", "en"]);
    f.case("lima", "es", "Concejo de Lima", "", "Texto.");
    f.case("lima", "en", "Lima council", "", "Text.");
    f.write("templates/case.html", CASE_OVERRIDE);
    f.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}<p class=\"from-theme-folder\">{{ doc.title }}</p>{% endblock content %}\n",
    );
    f.page("about", "en", "About", "", "Who we are.");
    f.page("about", "es", "Acerca", "slug: acerca\n", "Quiénes somos.");
    f.build_ok();
    assert!(f
        .output("en/cases/lima/index.html")
        .contains("class=\"our-case\""));
    assert!(f
        .output("en/about/index.html")
        .contains("<p class=\"from-theme-folder\">About</p>"));
}

#[test]
fn the_sites_own_words_replace_single_keys() {
    let f = site_without_theme();
    f.write(
        "i18n/en.yaml",
        "# Our words\nnav_cases: \"Our practices\"\n",
    );
    let out = f.build_ok();
    assert!(
        stderr(&out).contains("(0 errors, 0 warnings)"),
        "{}",
        stderr(&out)
    );
    let en = f.output("en/cases/lima/index.html");
    assert!(en.contains("Our practices"), "the override is used");
    assert!(!en.contains("Good practices"), "{en}");
    assert!(
        en.contains("Skip to content"),
        "the other words stay built-in"
    );
    assert!(f
        .output("es/casos/lima/index.html")
        .contains("Buenas prácticas"));
}

#[test]
fn an_error_in_the_sites_words_names_that_file() {
    let f = site_without_theme();
    f.write(
        "i18n/en.yaml",
        "nav_cases: \"Our practices\"\nnav_home: [a, b]\n",
    );
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 1, "{}", stderr(&out));
    assert!(
        errors[0].starts_with("error: i18n/en.yaml:2:11: the theme text `nav_home` must be a text"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn theme_copy_writes_the_built_in_file_into_the_site_once() {
    let f = site_without_theme();
    let out = f.run(&["theme", "copy", "templates/case.html"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        fs::read(f.root().join("templates/case.html")).unwrap(),
        built_in("templates/case.html")
    );
    // The copy builds like the built-in one.
    f.build_ok();

    f.write("templates/case.html", CASE_OVERRIDE);
    let again = f.run(&["theme", "copy", "templates/case.html"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again)
            .contains("error: templates/case.html already exists in the site; nothing was copied"),
        "{}",
        stderr(&again)
    );
    assert_eq!(
        f.read("templates/case.html"),
        CASE_OVERRIDE,
        "never replaced"
    );

    let wrong = f.run(&["theme", "copy", "case.html"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        stderr(&wrong).contains("did you mean `memoria theme copy templates/case.html`?"),
        "{}",
        stderr(&wrong)
    );
    let outside = f.run(&["theme", "copy", "../site.toml"]);
    assert_eq!(outside.status.code(), Some(2), "{}", stderr(&outside));

    let list = f.run(&["theme", "list"]);
    let names = String::from_utf8(list.stdout).unwrap();
    for name in [
        "templates/case.html",
        "static/style.css",
        "print/report.typ",
        "i18n/es.yaml",
    ] {
        assert!(names.lines().any(|l| l == name), "{name} in {names}");
    }
}

#[test]
fn an_error_in_the_sites_own_print_template_names_that_file() {
    let f = site_without_theme();
    for lang in ["es", "en"] {
        f.write(
            &format!("content/reports/2025-S1.{lang}.md"),
            "---\ntitle: \"Informe 2025-S1\"\nlegislature: \"Concejo\"\n---\n\n## Introducción\n\nTexto del informe.\n",
        );
    }
    let copy = f.run(&["theme", "copy", "print/report.typ"]);
    assert!(copy.status.success(), "{}", stderr(&copy));
    f.edit(
        "print/report.typ",
        "#let r = data.report",
        "#let r = data.report\n#let broken = (",
    );
    let out = f.run(&["build", "--pdf"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 1, "{}", stderr(&out));
    assert_eq!(
        errors[0],
        "error: print/report.typ:11:15: the print template failed: unclosed delimiter"
    );
    assert!(!f.root().join("public").exists(), "nothing written");
}

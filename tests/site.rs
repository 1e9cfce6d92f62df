//! The bilingual site: pairing of translations, alternates, the language
//! switcher, missing translations, three languages, links, errors, exit
//! codes, atomic output and the scaffolding commands.

mod common;

use common::{snapshot, stderr, Fixture};

fn pair() -> Fixture {
    let f = Fixture::new(&["es", "en"]);
    f.case(
        "lima",
        "es",
        "Lima ES",
        "slug: lima-concejo\n",
        "## Contexto\n\nVer [Quito](@/cases/quito.md) y [acerca](@/pages/about.md).",
    );
    f.case(
        "lima",
        "en",
        "Lima EN",
        "",
        "## Context\n\nSee [Quito](@/cases/quito.md).",
    );
    f.case("quito", "es", "Quito ES", "", "Texto.");
    f.page("about", "es", "Acerca", "slug: acerca-de\n", "Texto.");
    f.page("about", "en", "About", "", "Text.");
    f
}

#[test]
fn translations_pair_and_link_to_each_other() {
    let f = pair();
    f.build_ok();
    let es = f.output("es/casos/lima-concejo/index.html");
    let en = f.output("en/cases/lima/index.html");
    assert!(es.starts_with("<!DOCTYPE html>\n<html lang=\"es\" dir=\"ltr\">"));
    assert!(en.contains("<html lang=\"en\" dir=\"ltr\">"));
    for page in [&es, &en] {
        assert!(page.contains("<link rel=\"alternate\" hreflang=\"es\" href=\"https://example.org/es/casos/lima-concejo/\">"));
        assert!(page.contains(
            "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/en/cases/lima/\">"
        ));
        assert!(page.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/es/casos/lima-concejo/\">"));
    }
    // The switcher leads to the same page in the other language.
    let switcher = |page: &str| {
        page[page.find("class=\"lang-switcher\"").unwrap()..]
            .split("</nav>")
            .next()
            .unwrap()
            .to_string()
    };
    assert!(switcher(&es).contains(
        "<a href=\"/en/cases/lima/\" hreflang=\"en\" lang=\"en\" dir=\"ltr\">English</a>"
    ));
    assert!(switcher(&es)
        .contains("<span aria-current=\"page\" lang=\"es\" dir=\"ltr\">Español</span>"));
    assert!(switcher(&en).contains(
        "<a href=\"/es/casos/lima-concejo/\" hreflang=\"es\" lang=\"es\" dir=\"ltr\">Español</a>"
    ));
    // Links by source path, in the page's language or the default one.
    assert!(
        es.contains("<a href=\"/es/casos/quito/\">Quito</a>")
            && es.contains("<a href=\"/es/acerca-de/\">acerca</a>")
    );
    assert!(
        en.contains("<a href=\"/es/casos/quito/\">Quito</a>"),
        "falls back to the Spanish version"
    );
    assert!(f
        .output("en/about/index.html")
        .contains("<html lang=\"en\" dir=\"ltr\">"));
    // Chooser and sitemap.
    let chooser = f.output("index.html");
    assert!(chooser.contains("href=\"/es/\"") && chooser.contains("href=\"/en/\""));
    let sitemap = f.output("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/es/casos/lima-concejo/</loc>"));
    assert!(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/en/cases/lima/\"/>"));
    assert!(
        !sitemap.contains("<loc>https://example.org/en/cases/quito/</loc>"),
        "notices are not in the sitemap"
    );
}

#[test]
fn a_missing_translation_is_a_warning_and_a_notice_page() {
    let f = pair();
    let check = f.run(&["check"]);
    assert!(check.status.success());
    let err = stderr(&check);
    assert!(
        err.contains("warning: content/cases/quito.es.md: there is no `en` translation"),
        "{err}"
    );
    assert_eq!(f.run(&["check", "--strict"]).status.code(), Some(1));
    f.build_ok();
    let notice = f.output("en/cases/quito/index.html");
    assert!(notice.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(notice.contains("This content is not available in English yet."));
    assert!(notice.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(notice.contains("href=\"/es/casos/quito/\""));
    let es = f.output("es/casos/quito/index.html");
    assert!(es.contains("<a href=\"/en/cases/quito/\" hreflang=\"en\"><span lang=\"en\" dir=\"ltr\">English</span> <span class=\"untranslated-mark\">"));
    assert!(
        !es.contains("hreflang=\"en\" href="),
        "no alternate for a missing translation"
    );
}

#[test]
fn three_languages_build() {
    let f = Fixture::new(&["es", "en", "fr"]);
    for lang in ["es", "en", "fr"] {
        f.case("lima", lang, &format!("Lima {lang}"), "", "x");
    }
    f.build_ok();
    for (path, date) in [
        ("es/casos/lima/index.html", "2 de mayo de 2018"),
        ("en/cases/lima/index.html", "May 2, 2018"),
        ("fr/cas/lima/index.html", "2 mai 2018"),
    ] {
        let page = f.output(path);
        assert!(page.contains(date), "{path}: {date}");
        for lang in ["es", "en", "fr"] {
            assert!(
                page.contains(&format!(
                    "hreflang=\"{lang}\" href=\"https://example.org/{lang}/"
                )),
                "{path} alternates {lang}"
            );
        }
        assert_eq!(page.matches("class=\"untranslated-mark\"").count(), 0);
    }
    assert!(f.output("fr/cas/lima/index.html").contains(">Français<"));
}

#[test]
fn errors_name_file_line_and_column_all_in_one_run() {
    let f = pair();
    f.write(
        "content/cases/lima.en.md",
        &common::case_text("Lima", "", "x")
            .replace("summary: \"Summary of Lima\"", "summary: Lima: the council"),
    );
    f.write(
        "content/cases/quito.es.md",
        &common::case_text("Quito", "", "x").replace("scale: local", "scale: urban"),
    );
    f.write(
        "content/cases/bogota.es.md",
        &common::case_text("Bogotá", "titel: x\n", "x").replace("sdgs: [16, 17]", "sdgs: eleven"),
    );
    f.write(
        "content/cases/cusco.es.md",
        &common::case_text("Cusco", "", "x").replace("city: Lima\n", ""),
    );
    let out = f.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error: content/cases/lima.en.md:11:"),
        "YAML syntax with its line: {err}"
    );
    assert!(err.contains("content/cases/quito.es.md:6:8: `scale` cannot be the text \"urban\": it must be one of local, regional, international"), "{err}");
    assert!(
        err.contains("content/cases/bogota.es.md:9:7: `sdgs` must be a list"),
        "{err}"
    );
    assert!(
        err.contains("warning: content/cases/bogota.es.md:12:1: unknown field `titel` is ignored")
            && err.contains("did you mean `title`"),
        "{err}"
    );
    assert!(
        err.contains("content/cases/cusco.es.md:2:1: the required field `city` is missing"),
        "{err}"
    );
    assert!(!f.has_output(""), "nothing written");
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let f = pair();
    f.build_ok();
    let before = snapshot(&f.root().join("public"));
    f.write(
        "content/cases/lima.es.md",
        "---\ntitle: \"Lima\ncity: Lima\n---\n",
    );
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("content/cases/lima.es.md:"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("the previous output was left as it was"));
    assert_eq!(snapshot(&f.root().join("public")), before);
    assert!(common::build_leftovers(f.root()).is_empty());
}

#[test]
fn output_and_base_url_options() {
    let f = pair();
    let out_dir = f.root().join("elsewhere");
    let out = f.run(&[
        "build",
        "--output",
        out_dir.to_str().unwrap(),
        "--base-url",
        "https://city.example/sub",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::read_to_string(out_dir.join("en/cases/lima/index.html")).unwrap();
    assert!(
        page.contains("href=\"/sub/style.css\"")
            && page.contains("https://city.example/sub/en/cases/lima/")
    );
    let notes = f.root().join("notes");
    std::fs::create_dir_all(&notes).unwrap();
    std::fs::write(notes.join("keep.txt"), "mine").unwrap();
    let refused = f.run(&["build", "--output", notes.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(notes.join("keep.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn builds_are_deterministic() {
    let f = pair();
    let a = f.root().join("a");
    let b = f.root().join("b");
    assert!(f
        .run(&["build", "--output", a.to_str().unwrap()])
        .status
        .success());
    assert!(f
        .run(&["build", "--output", b.to_str().unwrap()])
        .status
        .success());
    assert_eq!(snapshot(&a), snapshot(&b));
}

#[test]
fn usage_errors_exit_with_2() {
    let f = pair();
    assert_eq!(f.run(&["build", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(f.run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(f.run(&["new", "case", "Bad Slug"]).status.code(), Some(2));
    assert_eq!(
        f.run(&["check", "--root", "/nonexistent/site"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn new_case_writes_the_fiche_in_every_language() {
    let f = pair();
    let out = f.run(&["new", "case", "lima-council"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let es = std::fs::read_to_string(f.root().join("content/cases/lima-council.es.md")).unwrap();
    let en = std::fs::read_to_string(f.root().join("content/cases/lima-council.en.md")).unwrap();
    assert!(es.contains("draft: true") && en.contains("draft: true"));
    for h in [
        "## Contexto",
        "## Qué se hizo y quiénes participaron",
        "## Qué funcionó",
        "## Qué no funcionó o los riesgos",
        "## Qué pueden aprender otras ciudades",
        "## Recomendaciones",
        "## Fuente",
    ] {
        assert!(es.contains(h), "{h}");
    }
    for h in [
        "## Context",
        "## What was done and by whom",
        "## What worked",
        "## Recommendations",
        "## Source",
    ] {
        assert!(en.contains(h), "{h}");
    }
    assert_eq!(
        f.run(&["new", "case", "lima-council"]).status.code(),
        Some(1),
        "never overwrites"
    );
}

#[test]
fn init_makes_a_site_that_builds_and_checks() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("new-site");
    let f = Fixture::new(&["es"]);
    assert!(f.run(&["init", site.to_str().unwrap()]).status.success());
    let check = f.run(&["check", "--strict", "--root", site.to_str().unwrap()]);
    assert!(check.status.success(), "{}", stderr(&check));
    let build = f.run(&["build", "--root", site.to_str().unwrap()]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(site.join("public/es/acerca-de/index.html").exists());
    assert_eq!(
        f.run(&["init", site.to_str().unwrap()]).status.code(),
        Some(1),
        "refuses a non-empty folder"
    );
}

#[test]
fn a_broken_template_is_reported_with_its_line() {
    let f = pair();
    f.write("themes/default/templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ doc.title | }}\n{% endblock content %}\n");
    let out = f.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("themes/default/templates/page.html:3:"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_bundled_site_checks_clean() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_memoria"))
        .args([
            "check",
            "--strict",
            "--root",
            common::repo_root().to_str().unwrap(),
        ])
        // The example's dates are illustrative: checked on a day it is up to date.
        .env("MEMORIA_TODAY", common::FIXTURE_TODAY)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Three languages whose site order (fr, es, en) is not the alphabetical
/// one (en, es, fr), and content in Spanish and English only.
fn three_in_site_order() -> Fixture {
    let f = Fixture::new(&["fr", "es", "en"]);
    f.case("lima", "es", "Lima ES", "", "Texto.");
    f.case("lima", "en", "Lima EN", "", "Text.");
    f.page(
        "about",
        "es",
        "Acerca ES",
        "summary: \"Resumen ES\"\n",
        "Texto.",
    );
    f.page(
        "about",
        "en",
        "About EN",
        "summary: \"Summary EN\"\n",
        "Text.",
    );
    f
}

#[test]
fn a_missing_translation_shows_the_first_language_of_the_site_order() {
    let f = three_in_site_order();
    let out = f.build_ok();
    let err = stderr(&out);
    assert!(err.contains("(0 errors, 2 warnings)"), "{err}");
    // The warning is about the version that comes first in `languages`.
    assert!(
        err.contains("warning: content/cases/lima.es.md: there is no `fr` translation"),
        "{err}"
    );
    // French is missing: Spanish comes before English in `languages`.
    let case = f.output("fr/cas/lima/index.html");
    assert_eq!(
        common::langs_of(&case, "Summary of Lima ES"),
        ["es"],
        "{case}"
    );
    assert!(!case.contains("Summary of Lima EN"), "{case}");
    assert!(case.contains("<title>Lima ES"), "{case}");
    let page = f.output("fr/about/index.html");
    assert_eq!(common::langs_of(&page, "Resumen ES"), ["es"], "{page}");
    assert!(!page.contains("Summary EN"), "{page}");
    // Each version that exists is offered under its own title, in its language.
    assert_eq!(common::langs_of(&case, "Lima EN"), ["en"], "{case}");
    assert_eq!(common::langs_of(&page, "About EN"), ["en"], "{page}");
    // (The document's <title> cannot be marked; the body can.)
    let body = &page[page.find("<body").unwrap()..];
    assert_eq!(common::langs_of(body, "Acerca ES"), ["es"], "{page}");
}

#[test]
fn only_the_text_in_another_language_is_marked_with_its_lang() {
    let f = pair();
    f.write(
        "content/reports/2025-S1.es.md",
        "---\ntitle: \"Informe ES\"\nlegislature: \"Concejo\"\n---\n\nTexto.\n",
    );
    f.build_ok();
    // The switcher: the language's name in that language, "(not translated)" in the page's.
    let es = f.output("es/casos/quito/index.html");
    assert_eq!(common::langs_of(&es, "English"), ["en"]);
    assert_eq!(common::langs_of(&es, "(sin traducir)"), ["es"]);
    // The notice page: its words in English, the Spanish title and summary in Spanish.
    let notice = f.output("en/cases/quito/index.html");
    assert_eq!(
        common::langs_of(&notice, "This content is not available in English yet."),
        ["en"]
    );
    assert_eq!(common::langs_of(&notice, "Summary of Quito ES"), ["es"]);
    // The case card of the listing: title and summary in Spanish, the rest in English.
    let list = f.output("en/cases/index.html");
    assert_eq!(common::langs_of(&list, "Quito ES"), ["es", "es"], "{list}");
    assert_eq!(common::langs_of(&list, "Summary of Quito ES"), ["es"]);
    for english in ["May 2, 2018", "Peru", "Political", "Local"] {
        let langs = common::langs_of(&list, english);
        assert!(
            !langs.is_empty() && langs.iter().all(|l| l == "en"),
            "{english}: {langs:?}"
        );
    }
    // The list of reports: the Spanish title in Spanish, the period in English.
    let reports = f.output("en/reports/index.html");
    assert_eq!(
        common::langs_of(&reports, "Informe ES"),
        ["es"],
        "{reports}"
    );
    assert_eq!(common::langs_of(&reports, "2025"), ["en"], "{reports}");
}

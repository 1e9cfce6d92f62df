//! Honest translations: `translated_from` and `memoria translation mark`
//! point out a translation whose source changed, section by section;
//! `translation: machine` shows a notice and is recorded in the metadata.

mod common;

use common::{error_lines, stderr, Fixture};

const ES_BODY: &str =
    "## Contexto\n\nUn concejo.\n\n## Qué se hizo\n\nUna comisión.\n\n## Fuente\n\nEl cuaderno.";
const EN_BODY: &str =
    "## Context\n\nA council.\n\n## What was done\n\nA commission.\n\n## Source\n\nThe handbook.";

/// A site with a case in Spanish and its English translation.
fn site() -> Fixture {
    let f = Fixture::new(&["es", "en"]);
    f.case("lima", "es", "Lima", "", ES_BODY);
    f.case("lima", "en", "Lima", "", EN_BODY);
    f
}

/// The lines of standard error that start a warning.
fn warnings(out: &std::process::Output) -> Vec<String> {
    stderr(out)
        .lines()
        .filter(|l| l.starts_with("warning: "))
        .map(String::from)
        .collect()
}

/// The line number of the `translated_from:` key in `text`.
fn key_line(text: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with("translated_from:"))
        .expect("translated_from is written")
        + 1
}

#[test]
fn a_stale_translation_is_warned_with_the_changed_sections_and_mark_clears_it() {
    let f = site();
    let before = f.read("content/cases/lima.en.md");
    let out = f.run(&["translation", "mark", "content/cases/lima.en.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let after = f.read("content/cases/lima.en.md");
    // Only the translated_from lines were added, before the closing ---.
    let line = key_line(&after);
    let added: Vec<&str> = after
        .lines()
        .skip(line - 1)
        .take_while(|l| *l != "---")
        .collect();
    assert_eq!(added[0], "translated_from:");
    assert_eq!(added[1], "  lang: es");
    assert_eq!(
        added.len(),
        3 + 5,
        "title, summary and three sections: {added:?}"
    );
    let without: String = after
        .lines()
        .filter(|l| !added.contains(l))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(without, before, "the rest of the file is unchanged");

    let out = f.run(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(warnings(&out).is_empty(), "{}", stderr(&out));

    // The Spanish text changes in one section and in its summary.
    f.edit(
        "content/cases/lima.es.md",
        "Una comisión.",
        "Una comisión y un plan.",
    );
    f.edit(
        "content/cases/lima.es.md",
        "Summary of Lima",
        "Resumen de Lima",
    );
    let out = f.run(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        warnings(&out),
        [format!(
            "warning: content/cases/lima.en.md:{line}:1: this translation was made from content/cases/lima.es.md, which has changed since in: summary, \"Qué se hizo\""
        )],
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains(
            "= help: update the translation, then run memoria translation mark content/cases/lima.en.md"
        ),
        "{}",
        stderr(&out)
    );
    // build warns the same way and still builds.
    let out = f.build_ok();
    assert_eq!(warnings(&out).len(), 1, "{}", stderr(&out));
    // check --strict fails on it.
    let out = f.run(&["check", "--strict"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));

    // Marking again records the new fingerprints and only changes them.
    let out = f.run(&["translation", "mark", "content/cases/lima.en.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let remarked = f.read("content/cases/lima.en.md");
    assert_eq!(remarked.lines().count(), after.lines().count());
    let differing: Vec<(&str, &str)> = after
        .lines()
        .zip(remarked.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(differing.len(), 2, "summary and one section: {differing:?}");
    assert!(differing.iter().all(|(a, _)| a.starts_with("    - \"")));
    let out = f.run(&["check", "--strict"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(warnings(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn new_and_removed_sections_are_named() {
    let f = site();
    assert!(f
        .run(&["translation", "mark", "content/cases/lima.en.md"])
        .status
        .success());
    f.edit(
        "content/cases/lima.es.md",
        "## Fuente\n\nEl cuaderno.",
        "## Recomendaciones\n\nPlanificar.",
    );
    let out = f.run(&["check"]);
    let w = warnings(&out);
    assert_eq!(w.len(), 1, "{}", stderr(&out));
    assert!(
        w[0].ends_with("has changed since in: \"Recomendaciones\", \"Fuente\" (removed)"),
        "{}",
        w[0]
    );
}

#[test]
fn a_page_translation_is_checked_too_and_line_endings_are_kept() {
    let f = Fixture::new(&["es", "en"]);
    f.page(
        "about",
        "es",
        "Acerca",
        "summary: \"Quiénes somos\"\n",
        "Texto.\n\n## Equipo\n\nNombres.",
    );
    let en = "---\r\ntitle: \"About\"\r\nsummary: \"Who we are\"\r\n---\r\n\r\nText.\r\n\r\n## Team\r\n\r\nNames.\r\n";
    f.write("content/pages/about.en.md", en);
    let out = f.run(&["translation", "mark", "content/pages/about.en.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let marked = f.read("content/pages/about.en.md");
    assert!(
        !marked.replace("\r\n", "").contains('\n'),
        "CRLF kept: {marked:?}"
    );
    assert!(
        marked.contains("\"opening\"") || marked.contains(" opening\""),
        "{marked}"
    );
    f.edit("content/pages/about.es.md", "Texto.", "Otro texto.");
    let out = f.run(&["check"]);
    let w = warnings(&out);
    assert_eq!(w.len(), 1, "{}", stderr(&out));
    assert!(
        w[0].starts_with("warning: content/pages/about.en.md:4:1: "),
        "{}",
        w[0]
    );
    assert!(w[0].ends_with("has changed since in: opening"), "{}", w[0]);
}

#[test]
fn a_machine_translation_shows_a_notice_in_its_language_and_in_the_metadata() {
    let f = Fixture::new(&["es", "en", "fr"]);
    f.case("lima", "es", "Lima", "", ES_BODY);
    f.case("lima", "en", "Lima", "translation: machine\n", EN_BODY);
    f.case(
        "lima",
        "fr",
        "Lima",
        "translation: reviewed\n",
        "## Contexte\n\nUn conseil.",
    );
    f.page("about", "es", "Acerca", "", "Texto.");
    f.page("about", "en", "About", "", "Text.");
    f.page(
        "about",
        "fr",
        "À propos",
        "translation: machine\n",
        "Texte.",
    );
    let out = f.build_ok();
    assert!(warnings(&out).is_empty(), "{}", stderr(&out));
    let en = f.output("en/cases/lima/index.html");
    assert!(
        en.contains(
            "<p class=\"translation-notice\" role=\"note\">This page was translated by a machine"
        ),
        "{en}"
    );
    assert!(
        en.contains("\"creativeWorkStatus\":\"machine translation\""),
        "{en}"
    );
    let fr = f.output("fr/cas/lima/index.html");
    assert!(!fr.contains("translation-notice"), "reviewed: no notice");
    assert!(fr.contains("\"creativeWorkStatus\":\"reviewed translation\""));
    let es = f.output("es/casos/lima/index.html");
    assert!(!es.contains("translation-notice") && !es.contains("creativeWorkStatus"));
    let about_fr = f.output("fr/about/index.html");
    assert!(
        about_fr.contains("Cette page a été traduite automatiquement"),
        "{about_fr}"
    );
    assert!(!f
        .output("en/about/index.html")
        .contains("translation-notice"));
}

#[test]
fn wrong_values_are_errors_at_their_place_with_advice() {
    let f = site();
    f.case("lima", "en", "Lima", "translation: deepl\n", EN_BODY);
    let out = f.run(&["check"]);
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 1, "{}", stderr(&out));
    assert!(
        errors[0].starts_with("error: content/cases/lima.en.md:12:14: "),
        "{}",
        errors[0]
    );
    let err = stderr(&out);
    for value in ["machine", "human", "reviewed"] {
        assert!(err.contains(value), "the allowed values are named: {err}");
    }
    assert!(!err.contains("panicked"));

    let f = site();
    f.case(
        "lima",
        "en",
        "Lima",
        "translated_from:\n  lang: de\n  sections: [\"0f36b8e5 title\"]\n",
        EN_BODY,
    );
    let out = f.run(&["check"]);
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 1, "{}", stderr(&out));
    assert!(
        errors[0].starts_with(
            "error: content/cases/lima.en.md:13:9: \"de\" is not a language of this site"
        ),
        "{}",
        errors[0]
    );
    assert!(stderr(&out).contains("one of: es, en"));

    let f = site();
    f.case(
        "lima",
        "en",
        "Lima",
        "translated_from:\n  lang: es\n  sections:\n    - \"0f36b8e5 title\"\n    - \"changed by hand\"\n",
        EN_BODY,
    );
    let out = f.run(&["check"]);
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 1, "{}", stderr(&out));
    assert!(
        errors[0].starts_with("error: content/cases/lima.en.md:16:7: \"changed by hand\" is not a section fingerprint"),
        "{}",
        errors[0]
    );
    assert!(stderr(&out).contains("run memoria translation mark content/cases/lima.en.md"));
    assert!(warnings(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn mark_refuses_what_it_cannot_record_and_writes_nothing() {
    let f = site();
    let before = f.read("content/cases/lima.es.md");
    let out = f.run(&["translation", "mark", "content/cases/lima.es.md"]);
    let (error, help) = common::only_error_and_help(&out);
    assert!(
        error.starts_with("error: content/cases/lima.es.md: this text is in es"),
        "{error}"
    );
    assert!(help.contains("--from LANG"), "{help}");
    assert_eq!(f.read("content/cases/lima.es.md"), before);

    let out = f.run(&["translation", "mark", "content/cases/quito.en.md"]);
    let (error, _) = common::only_error_and_help(&out);
    assert!(
        error.contains("not a case or a page of the site"),
        "{error}"
    );

    // A translation with a fault is not touched: the fault is reported.
    f.case("lima", "en", "Lima", "translation: deepl\n", EN_BODY);
    let broken = f.read("content/cases/lima.en.md");
    let out = f.run(&["translation", "mark", "content/cases/lima.en.md"]);
    let (error, _) = common::only_error_and_help(&out);
    assert!(
        error.starts_with("error: content/cases/lima.en.md:12:14:"),
        "{error}"
    );
    assert_eq!(f.read("content/cases/lima.en.md"), broken);
}

#[test]
fn the_bundled_example_records_its_translations_and_checks_clean() {
    let f = Fixture::bundled();
    let lima = f.read("content/cases/lima.en.md");
    assert!(lima.contains("translation: machine"));
    assert!(lima.contains("translated_from:"));
    let out = f.run(&["check", "--strict"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Marking an up-to-date translation again changes nothing.
    let out = f.run(&["translation", "mark", "content/cases/lima.en.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(f.read("content/cases/lima.en.md"), lima);
}

//! Rebuilding while serving writes only what changed, and the served folder
//! is always byte-for-byte what a full build would write.

mod common;

use common::{snapshot, Fixture};
use memoria::pipeline::{self, BuildOptions};
use memoria::serve::Incremental;
use memoria::site::LoadOptions;
use std::collections::BTreeSet;
use std::path::PathBuf;

const INDICATOR: &str = "name: { es: Convenios, en: Agreements }\ndescription: { es: D, en: D }\ncategory: { es: C, en: C }\nunit: { es: convenios, en: agreements }\nmethod: { es: M, en: M }\nsources: { es: S, en: S }\naudiences: { es: A, en: A }\ndimension: institutional\nkind: quantitative\nlevel: output\nhierarchy: management\nperiodicity: annual\ndirection: increase\nbaseline: { period: \"2023\", value: 1 }\ntarget: { period: \"2026\", value: 9 }\nobservations:\n  - { period: \"2024\", value: 3 }\nrelated_cases: [lima]\n";

/// Checks that the incremental folder equals a fresh full build.
fn assert_same_as_full(f: &Fixture, served: &std::path::Path, step: &str) {
    let full = f.root().join(format!("full-{step}"));
    let options = BuildOptions {
        root: f.root().to_path_buf(),
        output: Some(full.clone()),
        ..Default::default()
    };
    pipeline::build(&options).unwrap_or_else(|d| panic!("{step}: full build failed: {d:?}"));
    let (a, b) = (snapshot(served), snapshot(&full));
    let paths = |s: &Vec<(String, Vec<u8>)>| s.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&a), paths(&b), "{step}: same files");
    for ((p, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{step}: {p} differs");
    }
    std::fs::remove_dir_all(full).unwrap();
}

#[test]
fn incremental_rebuilds_equal_full_builds() {
    let f = Fixture::new(&["es", "en"]);
    for (id, title) in [("lima", "Lima"), ("quito", "Quito"), ("bogota", "Bogotá")] {
        f.case(
            id,
            "es",
            &format!("{title} es"),
            "",
            "Ver [Lima](@/cases/lima.md).",
        );
        f.case(id, "en", &format!("{title} en"), "", "Text.");
    }
    f.page("about", "es", "Acerca", "", "Texto.");
    f.page("about", "en", "About", "", "Text.");
    f.write("content/indicators/agreements.yaml", INDICATOR);

    let served = f.root().join("served");
    let mut site = Incremental::new(
        f.root().to_path_buf(),
        LoadOptions::default(),
        served.clone(),
    );
    let (first, _) = site.rebuild().expect("first build");
    assert!(first.written > 50);
    assert_same_as_full(&f, &served, "first");

    // Edit a case: only the pages that show it change.
    f.case(
        "quito",
        "es",
        "Quito editado",
        "",
        "Ver [Lima](@/cases/lima.md).",
    );
    let (stats, _) = site.rebuild().unwrap();
    assert!(
        stats.written > 0 && stats.written < first.written / 2,
        "edit wrote {} files",
        stats.written
    );
    assert!(stats.unchanged > 0);
    assert_same_as_full(&f, &served, "edit");

    // Add a case.
    f.case("montevideo", "es", "Montevideo es", "", "Texto.");
    f.case("montevideo", "en", "Montevideo en", "", "Text.");
    site.rebuild().unwrap();
    assert!(served.join("es/casos/montevideo/index.html").exists());
    assert_same_as_full(&f, &served, "add");

    // Delete a case: its pages disappear.
    f.remove("content/cases/bogota.es.md");
    f.remove("content/cases/bogota.en.md");
    let (stats, _) = site.rebuild().unwrap();
    assert!(stats.removed >= 2);
    assert!(!served.join("es/casos/bogota").exists());
    assert_same_as_full(&f, &served, "delete");

    // Rename a case (new id).
    let text = std::fs::read_to_string(f.root().join("content/cases/montevideo.es.md")).unwrap();
    f.remove("content/cases/montevideo.es.md");
    f.write("content/cases/mvd.es.md", &text);
    let text = std::fs::read_to_string(f.root().join("content/cases/montevideo.en.md")).unwrap();
    f.remove("content/cases/montevideo.en.md");
    f.write("content/cases/mvd.en.md", &text);
    site.rebuild().unwrap();
    assert!(
        served.join("en/cases/mvd/index.html").exists()
            && !served.join("en/cases/montevideo").exists()
    );
    assert_same_as_full(&f, &served, "rename");

    // Change an indicator.
    f.write(
        "content/indicators/agreements.yaml",
        &INDICATOR.replace("value: 3 }", "value: 4 }"),
    );
    let (stats, _) = site.rebuild().unwrap();
    assert!(stats.written > 0);
    assert_same_as_full(&f, &served, "indicator");

    // A broken file leaves the served folder as it was.
    let before = snapshot(&served);
    f.write("content/cases/lima.es.md", "---\ntitle: [\n---\n");
    assert!(site.rebuild().is_err());
    assert_eq!(snapshot(&served), before);
    f.case("lima", "es", "Lima es", "", "Texto.");

    // Change a template: every page may change.
    let base = f.root().join("themes/default/templates/base.html");
    let text = std::fs::read_to_string(&base).unwrap();
    std::fs::write(
        &base,
        text.replace("<main id=\"main\"", "<main data-edited=\"yes\" id=\"main\""),
    )
    .unwrap();
    let (stats, _) = site.rebuild().unwrap();
    assert!(stats.written > 20);
    assert_same_as_full(&f, &served, "template");

    // Nothing changed: nothing is written.
    let (stats, _) = site.rebuild().unwrap();
    assert_eq!((stats.written, stats.removed), (0, 0));
}

/// The bundled site, served into `served/` of its folder, and its root as
/// `serve` sees it (absolute, without links).
fn serve_bundled() -> (Fixture, std::path::PathBuf, Incremental) {
    let f = Fixture::bundled();
    let root = f.root().canonicalize().unwrap();
    let served = root.join("served");
    let site = Incremental::new(root, LoadOptions::default(), served.clone());
    (f, served, site)
}

/// The absolute path of the file `rel` of the fixture, as the watcher gives it.
fn changed(f: &Fixture, rel: &str) -> BTreeSet<PathBuf> {
    BTreeSet::from([f.root().canonicalize().unwrap().join(rel)])
}

const CASE: &str = "content/cases/aburra-valley.es.md";

#[test]
fn a_change_of_the_text_of_a_case_makes_only_what_shows_that_text() {
    let (f, served, mut site) = serve_bundled();
    let (first, _) = site.rebuild().expect("first build");
    assert_same_as_full(&f, &served, "first");

    // A word no other text has: its search shard changes, and nothing but
    // the case's pages and the search index is made again.
    f.edit(
        CASE,
        "Se trata de un ente administrativo",
        "Se trata de un zarzaparrilla ente administrativo",
    );
    let (stats, warnings) = site.rebuild_changed(&changed(&f, CASE)).unwrap();
    let made = stats.rendered.expect("the quick way");
    assert!(made <= 12, "{made} files made again");
    assert!(
        (2..=4).contains(&stats.written),
        "the Spanish page and one or two search files: {stats:?}"
    );
    // One more file than before: the shard of the words that start with "za".
    assert_eq!(stats.unchanged + stats.written, first.written + 1);
    assert_eq!(snapshot(&served).len(), first.written + 1);
    assert!(warnings.is_empty(), "{warnings:?}");
    let page = std::fs::read_to_string(served.join("es/casos/valle-de-aburra/index.html")).unwrap();
    assert!(page.contains("zarzaparrilla"));
    let shard = std::fs::read_to_string(served.join("search/es/za.json")).unwrap();
    assert!(shard.contains("\"zarzaparrilla\""));
    assert_same_as_full(&f, &served, "new word");

    // The word goes again: its shard is as before (or gone, as a full build has it).
    f.edit(CASE, "zarzaparrilla ", "");
    let (stats, _) = site.rebuild_changed(&changed(&f, CASE)).unwrap();
    assert!(stats.rendered.is_some());
    assert_same_as_full(&f, &served, "word removed");

    // A link written as an address that leads nowhere is a warning at its
    // line, also the quick way; fixing it takes the warning away.
    f.edit(
        CASE,
        "llevar a cabo obras de alcance metropolitano.",
        "llevar a cabo obras de [alcance metropolitano](/es/casos/nowhere/).",
    );
    let (stats, warnings) = site.rebuild_changed(&changed(&f, CASE)).unwrap();
    assert!(stats.rendered.is_some());
    let texts: Vec<String> = warnings.iter().map(|d| d.to_string()).collect();
    assert_eq!(texts.len(), 1, "{texts:?}");
    assert!(
        texts[0].contains(CASE) && texts[0].contains("/es/casos/nowhere/"),
        "{}",
        texts[0]
    );
    assert!(
        texts[0].contains(":25:"),
        "at the line of the link: {}",
        texts[0]
    );
    f.edit(
        CASE,
        "[alcance metropolitano](/es/casos/nowhere/)",
        "alcance metropolitano",
    );
    let (_, warnings) = site.rebuild_changed(&changed(&f, CASE)).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_same_as_full(&f, &served, "link fixed");

    // A saved file with the same bytes makes nothing.
    let (stats, _) = site.rebuild_changed(&changed(&f, CASE)).unwrap();
    assert_eq!(stats.written, 0);
}

#[test]
fn changes_beyond_the_text_of_a_case_rebuild_everything() {
    let (f, served, mut site) = serve_bundled();
    site.rebuild().expect("first build");
    let full = |site: &mut Incremental, rel: &str, step: &str| {
        let (stats, _) = site.rebuild_changed(&changed(&f, rel)).unwrap();
        assert!(stats.rendered.is_none(), "{step}: a full rebuild");
        assert_same_as_full(&f, &served, step);
    };
    // Its front matter: the listings show its title.
    f.edit(
        CASE,
        "title: \"Valle de Aburrá",
        "title: \"El Valle de Aburrá",
    );
    full(&mut site, CASE, "front matter");
    // A new heading: other texts may link to it.
    f.edit(CASE, "## Contexto", "## Contexto del valle");
    full(&mut site, CASE, "heading");
    // Nothing known about what changed (events were lost).
    f.edit(CASE, "Contexto del valle", "Contexto");
    let (stats, _) = site.rebuild_changed(&BTreeSet::new()).unwrap();
    assert!(stats.rendered.is_none());
    assert_same_as_full(&f, &served, "unknown");
    // An error in the text: the full rebuild reports it, the site stays.
    let before = snapshot(&served);
    f.edit(
        CASE,
        "## Contexto",
        "Ver [x](@/cases/nowhere.md).\n\n## Contexto",
    );
    let errors = site.rebuild_changed(&changed(&f, CASE)).unwrap_err();
    assert!(errors.has_errors());
    assert_eq!(snapshot(&served), before);
    f.edit(
        CASE,
        "Ver [x](@/cases/nowhere.md).\n\n## Contexto",
        "## Contexto",
    );
    full(&mut site, CASE, "fixed");
}

#[test]
fn vocabulary_translations_errata_and_registry_rebuild_like_a_full_build() {
    let (f, served, mut site) = serve_bundled();
    site.rebuild().expect("first build");

    // A label of the vocabulary: every page that names the theme shows it.
    f.edit(
        "content/vocabulary.yaml",
        "es: \"Estrategia internacional\"",
        "es: \"Estrategia de internacionalización\"",
    );
    let (stats, _) = site
        .rebuild_changed(&changed(&f, "content/vocabulary.yaml"))
        .unwrap();
    assert!(stats.written > 1);
    let page = std::fs::read_to_string(served.join("es/casos/valle-de-aburra/index.html")).unwrap();
    assert!(!page.is_empty());
    assert_same_as_full(&f, &served, "vocabulary");

    // A new translation of a case that had one language only.
    let text = f.read("content/cases/bogota.es.md");
    f.remove("content/cases/bogota.en.md");
    site.rebuild().unwrap();
    assert_same_as_full(&f, &served, "translation removed");
    f.write(
        "content/cases/bogota.en.md",
        &text.replace("title: \"", "title: \"EN "),
    );
    let (stats, _) = site
        .rebuild_changed(&changed(&f, "content/cases/bogota.en.md"))
        .unwrap();
    assert!(stats.rendered.is_none(), "a new file is a full rebuild");
    assert_same_as_full(&f, &served, "new translation");

    // An agreement signed in the semester of the report in preparation: its
    // report shows the new title.
    let agreement = "content/agreements/lima-council-exchange.yaml";
    f.edit(
        agreement,
        "es: \"Intercambio entre concejos con Lima\"",
        "es: \"Intercambio de concejos con Lima\"",
    );
    site.rebuild_changed(&changed(&f, agreement)).unwrap();
    let report = std::fs::read_to_string(served.join("es/informes/2025-s2/index.html"))
        .or_else(|_| std::fs::read_to_string(served.join("es/informes/2025-S2/index.html")))
        .unwrap();
    assert!(report.contains("Intercambio de concejos con Lima"));
    assert_same_as_full(&f, &served, "agreement in a report");

    // An erratum of a presented report.
    let presented = "content/reports/2025-S1.es.md";
    f.edit(
        presented,
        "errata:\n",
        "errata:\n  - { date: 2025-10-01, kind: typo, section: narrative, description: \"Se corrigió una frase\" }\n",
    );
    f.edit(
        presented,
        "## Introducción",
        "## Introducción\n\nTexto corregido.",
    );
    site.rebuild_changed(&changed(&f, presented)).unwrap();
    assert_same_as_full(&f, &served, "erratum");
}

#[test]
fn the_quick_way_keeps_the_warnings_of_the_other_checks() {
    let f = Fixture::new(&["es", "en"]);
    f.case("lima", "es", "Lima", "", "Texto de Lima.");
    f.case("quito", "es", "Quito", "", "Texto.");
    f.case("quito", "en", "Quito", "", "Text.");
    let root = f.root().canonicalize().unwrap();
    let mut site = Incremental::new(root.clone(), LoadOptions::default(), root.join("served"));
    let texts = |d: &memoria::diagnostics::Diagnostics| {
        let mut t: Vec<String> = d.iter().map(|d| d.to_string()).collect();
        t.sort();
        t
    };
    let (_, first) = site.rebuild().unwrap();
    let before = texts(&first);
    assert!(
        before.iter().any(|w| w.contains("content/cases/lima.es.md")
            && w.contains("there is no `en` translation")),
        "{before:?}"
    );
    f.case("lima", "es", "Lima", "", "Texto de Lima, corregido.");
    let (stats, warnings) = site
        .rebuild_changed(&changed(&f, "content/cases/lima.es.md"))
        .unwrap();
    assert!(stats.rendered.is_some(), "the quick way");
    assert_eq!(texts(&warnings), before, "the same warnings as before");
}

/// The files of the served folder whose bytes differ between two snapshots.
fn differing(a: &[(String, Vec<u8>)], b: &[(String, Vec<u8>)]) -> BTreeSet<String> {
    let before: std::collections::BTreeMap<_, _> = a.iter().cloned().collect();
    b.iter()
        .filter(|(p, bytes)| before.get(p) != Some(bytes))
        .map(|(p, _)| p.clone())
        .collect()
}

/// The files of `snapshot` whose bytes contain `text`.
fn containing(snapshot: &[(String, Vec<u8>)], text: &str) -> BTreeSet<String> {
    let needle = text.as_bytes();
    snapshot
        .iter()
        .filter(|(_, b)| b.windows(needle.len()).any(|w| w == needle))
        .map(|(p, _)| p.clone())
        .collect()
}

const VOCABULARY: &str = "content/vocabulary.yaml";

#[test]
fn a_vocabulary_label_makes_again_only_the_pages_that_show_it_in_its_language() {
    let (f, served, mut site) = serve_bundled();
    let (first, _) = site.rebuild().expect("first build");
    let before = snapshot(&served);
    let showing = containing(&before, "Estrategia internacional");
    assert!(showing.len() > 5, "{showing:?}");

    // The Spanish label of one theme: the Spanish pages that show it, and
    // only they, are made again; no English page is touched.
    f.edit(
        VOCABULARY,
        "es: \"Estrategia internacional\"",
        "es: \"Rumbo internacional\"",
    );
    let (stats, warnings) = site.rebuild_changed(&changed(&f, VOCABULARY)).unwrap();
    let rendered = stats.rendered.expect("the quick way");
    assert!(rendered < first.written / 4, "{rendered} pages made again");
    let after = snapshot(&served);
    let differ = differing(&before, &after);
    assert_eq!(differ, containing(&after, "Rumbo internacional"));
    assert_eq!(differ, showing, "the pages that showed the old label");
    assert!(differ.iter().all(|p| p.starts_with("es/")), "{differ:?}");
    assert_eq!(stats.written, differ.len());
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_same_as_full(&f, &served, "vocabulary label");

    // A description in English: the English page of the theme.
    let before = snapshot(&served);
    f.edit(
        VOCABULARY,
        "How a city defines and sustains its internationalisation policy.",
        "How a city sets and keeps its policy of internationalisation.",
    );
    let (stats, _) = site.rebuild_changed(&changed(&f, VOCABULARY)).unwrap();
    assert!(stats.rendered.is_some(), "the quick way");
    let differ = differing(&before, &snapshot(&served));
    assert!(
        !differ.is_empty() && differ.iter().all(|p| p.starts_with("en/")),
        "{differ:?}"
    );
    assert_same_as_full(&f, &served, "vocabulary description");

    // A label taken out of one language: that language falls back to the
    // default language's label, with a warning at its line; put back, the
    // warning goes.
    f.edit(
        VOCABULARY,
        "label: { es: \"Coordinación institucional\", en: \"Institutional coordination\" }",
        "label: { es: \"Coordinación institucional\" }",
    );
    let (stats, warnings) = site.rebuild_changed(&changed(&f, VOCABULARY)).unwrap();
    assert!(stats.rendered.is_some(), "the quick way");
    assert_same_as_full(&f, &served, "label missing in a language");
    let full = pipeline::check(&f.root().canonicalize().unwrap(), false);
    // `check` also gives reminders that depend on the day (trip reports
    // overdue, agreements ending); `serve` does not, by design.
    let reminder = |d: &memoria::diagnostics::Diagnostic| {
        d.message.contains("trip report of this mission")
            || d.message.starts_with("this agreement ends on")
            || d.message.starts_with("this agreement ended on")
    };
    let texts = |d: &memoria::diagnostics::Diagnostics| {
        let mut t: Vec<String> = d
            .iter()
            .filter(|d| !reminder(d))
            .map(|d| d.to_string())
            .collect();
        t.sort();
        t
    };
    let expected = texts(&full);
    assert_eq!(texts(&warnings), expected);
    assert!(
        warnings.iter().any(|w| w.path.ends_with("vocabulary.yaml")),
        "{warnings:?}"
    );
    f.edit(
        VOCABULARY,
        "label: { es: \"Coordinación institucional\" }",
        "label: { es: \"Coordinación institucional\", en: \"Institutional coordination\" }",
    );
    let (_, warnings) = site.rebuild_changed(&changed(&f, VOCABULARY)).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_same_as_full(&f, &served, "label back");

    // A theme added is a full rebuild; a broken file fails and leaves the
    // served site as it was.
    f.edit(
        VOCABULARY,
        "themes:\n",
        "themes:\n  water:\n    label: { es: \"Agua\", en: \"Water\" }\n",
    );
    let (stats, _) = site.rebuild_changed(&changed(&f, VOCABULARY)).unwrap();
    assert!(stats.rendered.is_none(), "a new theme is a full rebuild");
    assert_same_as_full(&f, &served, "theme added");
    let before = snapshot(&served);
    f.edit(
        VOCABULARY,
        "label: { es: \"Agua\", en: \"Water\" }",
        "label: { es: \"Agua\", en: [\"Water\" }",
    );
    let errors = site.rebuild_changed(&changed(&f, VOCABULARY)).unwrap_err();
    assert!(
        errors.iter().any(|e| e.path.ends_with("vocabulary.yaml")),
        "{errors:?}"
    );
    assert!(snapshot(&served) == before, "the served site is as it was");
}

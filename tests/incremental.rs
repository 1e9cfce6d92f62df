//! Rebuilding while serving writes only what changed, and the served folder
//! is always byte-for-byte what a full build would write.

mod common;

use common::{snapshot, Fixture};
use memoria::pipeline::{self, BuildOptions};
use memoria::serve::Incremental;
use memoria::site::LoadOptions;

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

//! Search on the bundled site as a reader uses it: the theme's `search.js`,
//! unchanged, runs on the built search page (`tests/search/page.mjs`, with
//! Node and a small stand-in for the page instead of a browser) and the
//! test reads what the page shows: the count, and each result's title,
//! kind, text and marked words.
//!
//! Needs Node: without it the tests say `SKIPPED`; under `CI=true` they fail.

mod common;

use common::search::{has_node, search};
use common::Fixture;
use serde_json::Value;

fn titles(v: &Value) -> Vec<String> {
    v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_string())
        .collect()
}

fn of_kind(v: &Value, kind: &str) -> Vec<String> {
    let mut out: Vec<String> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == kind)
        .map(|r| r["href"].as_str().unwrap().to_string())
        .collect();
    out.sort();
    out
}

#[test]
fn search_finds_every_kind_of_content_on_the_bundled_site() {
    if !has_node("search_finds_every_kind_of_content_on_the_bundled_site") {
        return;
    }
    let f = Fixture::bundled();
    f.build_ok();
    let public = f.root().join("public");
    let es = "es/buscar/index.html";
    let en = "en/search/index.html";

    // The mission to Brussels, in both languages, with its kind and the word marked.
    let v = search(&public, es, "Bruselas");
    let first = &v["results"][0];
    assert_eq!(first["title"], "Misión a Bruselas", "{v}");
    assert_eq!(first["kind"], "Acción internacional", "{v}");
    assert_eq!(first["marks"][0], "Bruselas", "{v}");
    assert_eq!(v["status"], "2 resultados", "{v}");
    let v = search(&public, en, "Brussels");
    assert_eq!(v["results"][0]["title"], "Mission to Brussels", "{v}");
    assert_eq!(v["results"][0]["kind"], "International action", "{v}");
    assert_eq!(v["status"], "2 results", "{v}");

    // A goal by its number finds exactly the cases tagged with it (aburra-valley, quito).
    for (page, query, kind, cases) in [
        (
            es,
            "ODS 11",
            "Buena práctica",
            ["/es/casos/quito/", "/es/casos/valle-de-aburra/"],
        ),
        (
            es,
            "ods11",
            "Buena práctica",
            ["/es/casos/quito/", "/es/casos/valle-de-aburra/"],
        ),
        (
            en,
            "SDG 11",
            "Good practice",
            ["/en/cases/aburra-valley/", "/en/cases/quito/"],
        ),
    ] {
        let v = search(&public, page, query);
        assert_eq!(of_kind(&v, kind), cases, "{query}: {v}");
    }
    // By its name too.
    let v = search(&public, es, "ciudades sostenibles");
    let cases = of_kind(&v, "Buena práctica");
    for c in ["/es/casos/quito/", "/es/casos/valle-de-aburra/"] {
        assert!(cases.contains(&c.to_string()), "{c} not in {v}");
    }

    // The count follows the language's plural rule.
    let one = search(&public, es, "juventud");
    assert_eq!(titles(&one).len(), 1, "{one}");
    assert_eq!(one["status"], "1 resultado", "{one}");
    let one = search(&public, en, "youth");
    assert_eq!(titles(&one).len(), 1, "{one}");
    assert_eq!(one["status"], "1 result", "{one}");

    // Snippets end at a whole word, with an ellipsis.
    let v = search(&public, es, "cooperación");
    let mut cut = 0;
    for r in v["results"].as_array().unwrap() {
        let text = r["text"].as_str().unwrap();
        if let Some(head) = text.strip_suffix('…') {
            cut += 1;
            assert!(head.ends_with(char::is_alphanumeric), "{text}");
            assert!(!text.contains(&format!("{head} ")), "{text}");
        }
    }
    assert!(cut > 0, "no long summary among {v}");
}

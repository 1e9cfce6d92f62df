//! Browsing and discovery: taxonomies, related practices, search index,
//! feeds and machine-readable data.

mod common;

use common::{stderr, Fixture};
use serde_json::Value;

const VOCABULARY: &str = r#"themes:
  decentralized-cooperation:
    label: { es: "Cooperación descentralizada", en: "Decentralized cooperation" }
    description: { es: "Cooperación entre gobiernos locales.", en: "Cooperation between local governments." }
  city-networks:
    label: { es: "Redes de ciudades", en: "City networks" }
"#;

fn site() -> Fixture {
    let f = Fixture::new(&["es", "en"]);
    f.write("content/vocabulary.yaml", VOCABULARY);
    let es = "## Contexto\n\nUna experiencia de cooperación técnica entre municipios.";
    let en = "## Context\n\nA twinning between two capitals, renewed twice.";
    f.case("lima", "es", "Lima coopera", "", es);
    f.case("lima", "en", "Lima cooperates", "", en);
    for (id, themes, sdgs) in [
        (
            "quito",
            "[decentralized-cooperation, city-networks]",
            "[11, 17]",
        ),
        ("bogota", "[city-networks]", "[5]"),
    ] {
        for lang in ["es", "en"] {
            let text = common::case_text(&format!("{id} {lang}"), "", "Texto.")
                .replace(
                    "themes: [legislative-oversight]",
                    &format!("themes: {themes}"),
                )
                .replace("sdgs: [16, 17]", &format!("sdgs: {sdgs}"))
                .replace("city: Lima", &format!("city: \"{id}\""));
            f.write(&format!("content/cases/{id}.{lang}.md"), &text);
        }
    }
    for lang in ["es", "en"] {
        f.write(
            &format!("content/cases/lima.{lang}.md"),
            &common::case_text("Lima", "", if lang == "es" { es } else { en }).replace(
                "themes: [legislative-oversight]",
                "themes: [decentralized-cooperation]",
            ),
        );
    }
    f
}

#[test]
fn every_taxonomy_has_an_index_and_term_pages_in_both_languages() {
    let f = site();
    f.build_ok();
    for (lang, cases, pairs) in [
        (
            "es",
            "casos",
            [
                ("temas", "decentralized-cooperation"),
                ("paises", "pe"),
                ("ods", "17"),
                // Scales and dimensions are closed lists with words in
                // the page's language.
                ("dimensiones", "politica"),
                ("escalas", "local"),
                ("ciudades", "lima"),
            ],
        ),
        (
            "en",
            "cases",
            [
                ("themes", "decentralized-cooperation"),
                ("countries", "pe"),
                ("sdgs", "17"),
                ("dimensions", "political"),
                ("scales", "local"),
                ("cities", "lima"),
            ],
        ),
    ] {
        for (tax, term) in pairs {
            assert!(
                f.has_output(&format!("{lang}/{cases}/{tax}/index.html")),
                "{lang} {tax} index"
            );
            assert!(
                f.has_output(&format!("{lang}/{cases}/{tax}/{term}/index.html")),
                "{lang} {tax}/{term}"
            );
        }
    }
    let theme = f.output("es/casos/temas/decentralized-cooperation/index.html");
    assert!(
        theme.contains("Cooperación descentralizada"),
        "translated label"
    );
    assert!(
        theme.contains("Cooperación entre gobiernos locales."),
        "description"
    );
    assert!(
        theme.contains("/es/casos/lima/")
            && theme.contains("/es/casos/quito/")
            && !theme.contains("/es/casos/bogota/")
    );
    let sdg = f.output("en/cases/sdgs/17/index.html");
    assert!(
        sdg.contains("SDG 17: Partnerships for the goals"),
        "official goal name"
    );
    assert!(f
        .output("es/casos/ods/17/index.html")
        .contains("ODS 17: Alianzas para lograr los objetivos"));
    let index = f.output("es/casos/index.html");
    assert!(
        index.contains("/es/casos/temas/city-networks/"),
        "index links to term pages"
    );
    assert!(
        index.contains("data-themes=\"decentralized-cooperation city-networks\""),
        "cards carry filter data"
    );
    let case = f.output("en/cases/quito/index.html");
    assert!(
        case.contains("href=\"/en/cases/themes/city-networks/\""),
        "case links its terms"
    );
    assert!(case.contains("Related practices"));
    let check = f.run(&["check", "--strict"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn term_pages_are_paginated_with_stable_urls() {
    let f = Fixture::new(&["en"]);
    for i in 0..45 {
        f.case(&format!("case-{i:02}"), "en", &format!("Case {i}"), "", "x");
    }
    f.build_ok();
    let first = f.output("en/cases/themes/legislative-oversight/index.html");
    assert!(
        first.contains("rel=\"next\"")
            && first.contains("/en/cases/themes/legislative-oversight/page/2/")
    );
    assert!(f.has_output("en/cases/themes/legislative-oversight/page/3/index.html"));
    assert!(!f.has_output("en/cases/themes/legislative-oversight/page/4/index.html"));
    let third = f.output("en/cases/themes/legislative-oversight/page/3/index.html");
    assert_eq!(third.matches("class=\"case-card\"").count(), 5);
}

#[test]
fn a_theme_missing_from_the_vocabulary_warns() {
    let f = site();
    f.write(
        "content/cases/bogota.en.md",
        &common::case_text("Bogotá", "", "x")
            .replace("themes: [legislative-oversight]", "themes: [city-network]"),
    );
    let out = f.run(&["check"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("content/cases/bogota.en.md:8:10: the theme `city-network` is not in content/vocabulary.yaml"), "{err}");
    assert!(err.contains("did you mean `city-networks`"), "{err}");
    assert_eq!(f.run(&["check", "--strict"]).status.code(), Some(1));
}

/// Looks a query up the way the browser does: fold each word, find its stem
/// (or words starting with it) in the shard of its first two letters, and keep
/// the documents matching every word.
fn search(f: &Fixture, lang: &str, query: &str) -> Vec<String> {
    search_in(&f.root().join("public"), lang, query)
}

fn search_in(site: &std::path::Path, lang: &str, query: &str) -> Vec<String> {
    let read = |rel: String| std::fs::read_to_string(site.join(rel)).unwrap_or_default();
    let docs: Vec<Value> = serde_json::from_str(&read(format!("search/{lang}/docs.json"))).unwrap();
    let mut result: Option<std::collections::BTreeSet<u64>> = None;
    for word in memoria::search::words(query) {
        let shard_name = memoria::search::shard_of(&word);
        let shard: Value = serde_json::from_str(&read(format!("search/{lang}/{shard_name}.json")))
            .unwrap_or(Value::Null);
        let mut stems = Vec::new();
        if let Some(stem) = shard["words"][&word].as_str() {
            stems.push(stem.to_string());
        } else if let Some(words) = shard["words"].as_object() {
            stems.extend(
                words
                    .iter()
                    .filter(|(w, _)| w.starts_with(&word))
                    .filter_map(|(_, s)| s.as_str().map(str::to_string)),
            );
        }
        let found: std::collections::BTreeSet<u64> = stems
            .iter()
            .flat_map(|s| shard["stems"][s].as_array().cloned().unwrap_or_default())
            .collect::<Vec<_>>()
            .chunks(2)
            .filter_map(|p| p[0].as_u64())
            .collect();
        result = Some(match result {
            None => found,
            Some(prev) => prev.intersection(&found).copied().collect(),
        });
    }
    result
        .unwrap_or_default()
        .into_iter()
        .map(|i| docs[i as usize]["u"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn search_finds_words_without_accents_and_other_forms() {
    let f = site();
    f.build_ok();
    assert_eq!(search(&f, "es", "cooperacion"), ["/es/casos/lima/"]);
    assert_eq!(search(&f, "es", "COOPERACIÓN técnica"), ["/es/casos/lima/"]);
    assert_eq!(search(&f, "en", "twinning"), ["/en/cases/lima/"]);
    assert_eq!(
        search(&f, "en", "twinned"),
        Vec::<String>::new(),
        "not in any text, and not a prefix"
    );
    assert_eq!(
        search(&f, "en", "twin"),
        ["/en/cases/lima/"],
        "prefixes match"
    );
    assert_eq!(
        search(&f, "en", "renew"),
        ["/en/cases/lima/"],
        "renewed shares its stem"
    );
    assert!(
        search(&f, "es", "cooperacion")
            .iter()
            .all(|u| u.starts_with("/es/")),
        "per language"
    );
    let page = f.output("es/buscar/index.html");
    assert!(page.contains("role=\"search\"") && page.contains("<label for=\"search-input\">"));
    assert!(page.contains("search.js") && page.contains("data-index=\"/search/es/\""));
}

fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children().find(|c| c.tag_name().name() == name)
}

#[test]
fn the_bundled_site_finds_cooperacion_and_twinning() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let build = std::process::Command::new(env!("CARGO_BIN_EXE_memoria"))
        .args([
            "build",
            "--root",
            common::repo_root().to_str().unwrap(),
            "--output",
            site.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(build.status.success(), "{}", stderr(&build));
    let es = search_in(&site, "es", "cooperacion");
    assert!(
        es.contains(&"/es/casos/montevideo/".to_string())
            && es.contains(&"/es/casos/famsi/".to_string()),
        "{es:?}"
    );
    let en = search_in(&site, "en", "twinning");
    assert!(
        en.contains(&"/en/cases/quito/".to_string())
            && en.contains(&"/en/agreements/quito-twinning/".to_string()),
        "{en:?}"
    );
}

#[test]
fn atom_feeds_are_valid() {
    let f = site();
    f.build_ok();
    for lang in ["es", "en"] {
        let xml = f.output(&format!("{lang}/atom.xml"));
        let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
        let feed = doc.root_element();
        assert_eq!(feed.tag_name().name(), "feed");
        assert_eq!(
            feed.tag_name().namespace(),
            Some("http://www.w3.org/2005/Atom")
        );
        for required in ["id", "title", "updated", "author"] {
            assert!(child(feed, required).is_some(), "feed has {required}");
        }
        assert!(feed
            .children()
            .any(|c| c.tag_name().name() == "link" && c.attribute("rel") == Some("self")));
        let entries: Vec<_> = feed
            .children()
            .filter(|c| c.tag_name().name() == "entry")
            .collect();
        assert_eq!(entries.len(), 3);
        for e in entries {
            for required in ["id", "title", "updated", "link"] {
                assert!(child(e, required).is_some(), "entry has {required}");
            }
            let updated = child(e, "updated").unwrap().text().unwrap();
            assert!(
                chrono::DateTime::parse_from_rfc3339(updated).is_ok(),
                "RFC 3339 date {updated}"
            );
            assert!(child(e, "id")
                .unwrap()
                .text()
                .unwrap()
                .starts_with(&format!("https://example.org/{lang}/")));
        }
    }
}

#[test]
fn the_catalog_lists_every_data_file() {
    let f = site();
    f.write("content/agreements/a1.yaml", "title: { es: A, en: A }\nsummary: { es: S, en: S }\npartner: P\npartner_country: CO\ntype: grant\nsigned: 2025-01-01\nstatus: active\n");
    f.build_ok();
    let catalog: Value = serde_json::from_str(&f.output("data/catalog.jsonld")).expect("JSON");
    assert!(catalog["@context"]["dcat"].as_str() == Some("http://www.w3.org/ns/dcat#"));
    let urls: Vec<String> = catalog["dcat:dataset"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| {
            d["dcat:distribution"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .filter_map(|d| d["dcat:downloadURL"]["@id"].as_str().map(str::to_string))
        .collect();
    let files: Vec<String> = common::snapshot(&f.root().join("public/data"))
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p != "catalog.jsonld")
        .collect();
    assert!(!files.is_empty());
    for file in &files {
        assert!(
            urls.contains(&format!("https://example.org/data/{file}")),
            "{file} missing from the catalog"
        );
    }
    assert_eq!(
        urls.len(),
        files.len(),
        "no file listed that does not exist"
    );
    let titles = &catalog["dcat:dataset"][0]["dct:title"];
    assert!(titles
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["@language"] == "es"));
    let cases: Value = serde_json::from_str(&f.output("data/cases.json")).unwrap();
    assert_eq!(cases["cases"].as_array().unwrap().len(), 3);
    assert_eq!(
        cases["cases"][1]["translations"]["en"]["url"],
        "https://example.org/en/cases/lima/"
    );
    let page = f.output("es/casos/lima/index.html");
    let start = page
        .find("<script type=\"application/ld+json\">")
        .expect("JSON-LD")
        + 35;
    let end = start + page[start..].find("</script>").unwrap();
    let ld: Value = serde_json::from_str(&page[start..end]).unwrap();
    assert_eq!(ld["@type"], "Article");
}

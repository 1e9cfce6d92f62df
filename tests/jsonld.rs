//! The schema.org JSON-LD of every page of the bundled site, as search
//! engines read it: `tests/jsonld/check.py` expands each document with pyld
//! against the schema.org context kept in `tests/jsonld/schemaorg/` (no
//! network) and checks every type and property against the vocabulary; the
//! Rust tests check what each kind of page says.

mod common;

use std::collections::BTreeMap;
use std::process::{Command, Output};

use common::{html_pages, repo_root, Fixture};
use serde_json::Value;

const OPEN: &str = "<script type=\"application/ld+json\">";

/// The JSON-LD texts of a page.
fn scripts(html: &str) -> Vec<String> {
    html.split(OPEN)
        .skip(1)
        .map(|rest| rest.split("</script>").next().unwrap().to_string())
        .collect()
}

/// Every page of the output of `f`, with its JSON-LD texts.
fn documents(f: &Fixture) -> BTreeMap<String, Vec<String>> {
    html_pages(&f.root().join("public"))
        .into_iter()
        .map(|(path, html)| (path, scripts(&html)))
        .collect()
}

/// The one JSON-LD document of page `rel` of the output.
fn jsonld(f: &Fixture, rel: &str) -> Value {
    let texts = scripts(&f.output(rel));
    assert_eq!(texts.len(), 1, "{rel}: {texts:?}");
    serde_json::from_str(&texts[0]).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// True when `python3` can import pyld. Under `CI=true` a missing module
/// fails the test; elsewhere the test says `SKIPPED` and stops.
fn has_pyld(test: &str) -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import pyld"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{test} cannot run: python3 cannot import pyld (.ci/run installs it)"
        );
        eprintln!("SKIPPED: {test}: python3 cannot import pyld (pip install pyld)");
    }
    ok
}

/// Runs the checker on `docs` (page → JSON-LD texts), written beside the site.
fn check(f: &Fixture, docs: &BTreeMap<String, Vec<String>>) -> (Output, String) {
    let file = f.root().join("jsonld-documents.json");
    std::fs::write(&file, serde_json::to_vec(docs).unwrap()).unwrap();
    let out = Command::new("python3")
        .arg(repo_root().join("tests/jsonld/check.py"))
        .arg(&file)
        .current_dir(f.root())
        .output()
        .expect("python3 runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out, report)
}

#[test]
fn every_page_expands_against_schema_org_with_no_dropped_term_and_no_null() {
    let test = "every_page_expands_against_schema_org_with_no_dropped_term_and_no_null";
    if !has_pyld(test) {
        return;
    }
    let f = Fixture::bundled();
    f.build_ok();
    let docs = documents(&f);
    assert!(docs.len() > 250, "{} pages", docs.len());
    // Every page but the not-found page has exactly one document.
    for (path, texts) in &docs {
        let expected = usize::from(path != "404.html");
        assert_eq!(texts.len(), expected, "{path}: {texts:?}");
    }
    let (out, report) = check(&f, &docs);
    assert!(out.status.success(), "{report}");
    assert!(report.contains("problems: 0"), "{report}");
    // Not a vacuous pass: every kind of page was read.
    let summary = report
        .lines()
        .find(|l| l.starts_with("checked "))
        .unwrap_or_else(|| panic!("{report}"));
    let pages = docs.len() - 1;
    assert!(
        summary.starts_with(&format!("checked {pages} documents")),
        "{summary}"
    );
    for kind in [
        "Article 20",
        "CollectionPage",
        "Dataset 30",
        "Report 6",
        "WebPage",
        "WebSite 2",
    ] {
        assert!(summary.contains(kind), "{kind}: {summary}");
    }
}

#[test]
fn made_up_or_misplaced_terms_nulls_and_relative_addresses_are_reported() {
    let test = "made_up_or_misplaced_terms_nulls_and_relative_addresses_are_reported";
    if !has_pyld(test) {
        return;
    }
    let f = Fixture::bundled();
    f.build_ok();
    let mut report = jsonld(&f, "en/reports/2025-s1/index.html");
    let good = report.clone();
    // One fault each.
    report["madeUpProperty"] = "x".into();
    report["recipient"] = serde_json::json!({"@type": "Organization", "name": "City council"});
    report["publisher"]["email"] = Value::Null;
    report["license"] = "licence.html".into();
    report["audience"] = serde_json::json!({"@type": "Place", "name": "City council"});
    let mut broken = BTreeMap::new();
    broken.insert("good.html".to_string(), vec![good.to_string()]);
    broken.insert("broken.html".to_string(), vec![report.to_string()]);
    let (out, text) = check(&f, &broken);
    assert!(!out.status.success(), "{text}");
    let problems: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("checked ") && !l.starts_with("problems: "))
        .collect();
    let expected = [
        "broken.html madeUpProperty: http://schema.org/madeUpProperty is not a schema.org property",
        "broken.html recipient: recipient does not apply to Report",
        "broken.html: null at $.publisher.email",
        "broken.html: http://schema.org/email is dropped in expansion (1 of 1)",
        "broken.html license: the address 'licence.html' is not absolute",
        "broken.html audience: a Place is not what audience expects (Audience)",
    ];
    for e in expected {
        assert!(
            problems.iter().any(|p| p.starts_with(e)),
            "missing {e:?} in:\n{text}"
        );
    }
    // Nothing else, and nothing about the page that is right.
    assert_eq!(problems.len(), expected.len(), "{text}");
    assert!(
        problems.iter().all(|p| p.starts_with("broken.html")),
        "{text}"
    );
    assert!(text.contains("problems: 6"), "{text}");
}

/// The items of the `ItemList` of a listing's document, as (position, url).
fn items(doc: &Value) -> Vec<(u64, String)> {
    assert_eq!(doc["@type"], "CollectionPage", "{doc:#}");
    let list = &doc["mainEntity"];
    assert_eq!(list["@type"], "ItemList", "{doc:#}");
    list["itemListElement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            assert_eq!(i["@type"], "ListItem");
            // No name: an untranslated item's title is in another language.
            assert!(i.get("name").is_none(), "{i}");
            (
                i["position"].as_u64().unwrap(),
                i["url"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Asserts that the links of `html` to the `urls` come in their order.
fn linked_in_order(html: &str, urls: &[String], what: &str) {
    let main = html.split("<main").nth(1).unwrap_or(html);
    let mut from = 0;
    for url in urls {
        let href = format!(
            "href=\"{}\"",
            url.strip_prefix("https://memoria.example.org").unwrap()
        );
        let at = main[from..]
            .find(&href)
            .unwrap_or_else(|| panic!("{what}: {href} not linked after byte {from}"));
        from += at + href.len();
    }
}

#[test]
fn each_kind_of_page_says_what_it_is() {
    let f = Fixture::bundled();
    f.build_ok();
    let base = "https://memoria.example.org/";
    let by = "https://creativecommons.org/licenses/by/4.0/";

    // The home page: the website, published by the office.
    let home = jsonld(&f, "en/index.html");
    assert_eq!(home["@context"], "https://schema.org");
    assert_eq!(home["@type"], "WebSite");
    assert_eq!(home["@id"], format!("{base}#website"));
    assert_eq!(home["url"], base);
    assert_eq!(home["inLanguage"], "en");
    assert_eq!(home["license"], by);
    let office = &home["publisher"];
    assert_eq!(office["@type"], "Organization");
    assert_eq!(office["@id"], format!("{base}#publisher"));
    assert_eq!(office["name"], "Office of International Relations");
    assert_eq!(
        jsonld(&f, "es/index.html")["publisher"]["name"],
        "Dirección de Relaciones Internacionales"
    );

    // The language chooser, a free page and the search page.
    for (rel, name) in [
        (
            "index.html",
            "Ciudades al mundo: memoria de la acción internacional",
        ),
        ("en/about/index.html", "About this site"),
        ("es/buscar/index.html", "Buscar"),
    ] {
        let doc = jsonld(&f, rel);
        assert_eq!(doc["@type"], "WebPage", "{rel}");
        assert_eq!(doc["name"], name, "{rel}");
        assert_eq!(doc["isPartOf"]["@id"], format!("{base}#website"), "{rel}");
        assert_eq!(
            doc["publisher"]["@id"],
            format!("{base}#publisher"),
            "{rel}"
        );
        assert_eq!(doc["license"], by, "{rel}");
    }

    assert_eq!(
        jsonld(&f, "index.html")["description"],
        "Buenas prácticas, resultados e informes semestrales de la acción internacional de las ciudades."
    );

    // Listings: the items they show, in their order, positions counted
    // from the first page (20 items a page, the default).
    let per_page = 20;
    let first = jsonld(&f, "es/casos/index.html");
    let shown = items(&first);
    assert_eq!(first["mainEntity"]["numberOfItems"], 10);
    assert_eq!(
        shown.iter().map(|(p, _)| *p).collect::<Vec<_>>(),
        (1..=10).collect::<Vec<_>>()
    );
    let urls: Vec<String> = shown.into_iter().map(|(_, u)| u).collect();
    linked_in_order(&f.output("es/casos/index.html"), &urls, "cases");
    for (rel, at_least) in [
        ("en/agreements/index.html", 10),
        ("en/actions/index.html", 20),
        ("en/actions/page/2/index.html", 1),
        ("en/indicators/index.html", 15),
        ("en/reports/index.html", 3),
        ("en/cases/themes/index.html", 5),
    ] {
        let doc = jsonld(&f, rel);
        let shown = items(&doc);
        assert!(shown.len() >= at_least, "{rel}: {shown:?}");
        let total = doc["mainEntity"]["numberOfItems"].as_u64().unwrap();
        assert!(total >= shown.len() as u64, "{rel}");
        let urls: Vec<String> = shown.iter().map(|(_, u)| u.clone()).collect();
        for u in &urls {
            assert!(u.starts_with(base), "{rel}: {u}");
        }
        linked_in_order(&f.output(rel), &urls, rel);
        if rel.contains("/page/2/") {
            assert_eq!(shown[0].0, per_page + 1, "{rel}");
        } else {
            assert_eq!(shown[0].0, 1, "{rel}");
        }
    }

    // An agreement: a page about the written agreement of two parties.
    let page = jsonld(&f, "en/agreements/quito-twinning/index.html");
    assert_eq!(page["@type"], "WebPage");
    assert_eq!(page["license"], by);
    let agreement = &page["mainEntity"];
    assert_eq!(agreement["@type"], "CreativeWork");
    assert_eq!(agreement["name"], "Twinning with Quito");
    assert_eq!(agreement["dateCreated"], "2024-09-19");
    assert_eq!(agreement["author"][0]["@id"], format!("{base}#publisher"));
    assert_eq!(
        agreement["author"][1]["name"],
        "Municipio del Distrito Metropolitano de Quito"
    );
    assert_eq!(agreement["author"][1]["address"]["addressCountry"], "EC");
    assert!(agreement["genre"].as_str().unwrap().len() > 3);
    assert!(agreement["creativeWorkStatus"].as_str().unwrap().len() > 3);

    // An action: an event the office took part in, at a place.
    let page = jsonld(&f, "en/actions/2025-11-bogota-mission/index.html");
    let action = &page["mainEntity"];
    assert_eq!(action["@type"], "Event");
    assert_eq!(action["name"], "Mission to Bogotá");
    assert_eq!(action["startDate"], "2025-11-24");
    assert_eq!(action["endDate"], "2025-11-26");
    assert_eq!(action["location"]["name"], "Bogotá");
    assert_eq!(action["location"]["address"]["addressCountry"], "CO");
    assert_eq!(action["attendee"]["@id"], format!("{base}#publisher"));

    // A report is for the legislature (its audience), never a `recipient`.
    let report = jsonld(&f, "en/reports/2025-s1/index.html");
    assert_eq!(report["@type"], "Report");
    assert!(report.get("recipient").is_none());
    assert_eq!(report["audience"]["@type"], "Audience");
    assert_eq!(report["temporalCoverage"], "2025-01-01/2025-06-30");
    assert_eq!(report["license"], by);

    // No page has a null, and every document is one line of JSON with `<` escaped.
    for (path, texts) in documents(&f) {
        for t in texts {
            assert!(!t.contains("null"), "{path}: {t}");
            assert!(!t.contains('<'), "{path}: {t}");
        }
    }
}

#[test]
fn without_licence_or_office_the_documents_leave_them_out() {
    let f = Fixture::new(&["en"]);
    f.case("harbour", "en", "A harbour", "", "Text.");
    f.page("about", "en", "About", "", "Who we are.");
    f.build_ok();
    for rel in [
        "en/index.html",
        "en/cases/index.html",
        "en/cases/harbour/index.html",
        "en/about/index.html",
    ] {
        let doc = jsonld(&f, rel);
        assert!(doc.get("license").is_none(), "{rel}: {doc:#}");
        // The office is the site itself when `[report] office` is not set.
        assert_eq!(doc["publisher"]["name"], "Site en", "{rel}: {doc:#}");
    }
}

#[test]
fn pages_not_meant_to_be_indexed_carry_none() {
    let f = Fixture::new(&["es", "en"]);
    f.case("puerto", "es", "Un puerto", "", "Texto.");
    f.build_ok();
    // The notice of the missing English translation, and the not-found page.
    for rel in ["en/cases/puerto/index.html", "404.html"] {
        let html = f.output(rel);
        assert!(
            html.contains("<meta name=\"robots\" content=\"noindex\">") || rel == "404.html",
            "{rel}"
        );
        assert!(scripts(&html).is_empty(), "{rel}: {:?}", scripts(&html));
    }
    // The Spanish version is described.
    assert_eq!(jsonld(&f, "es/casos/puerto/index.html")["@type"], "Article");
}

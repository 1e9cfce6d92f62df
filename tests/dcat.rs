//! The open-data catalogue `/data/catalog.jsonld` as portals harvest it:
//! DCAT-AP 3.0.1 with the mandatory and recommended properties, checked
//! with pySHACL against the official shapes (kept in `tests/shapes/`), and
//! the `site.toml` settings it is made from.

mod common;

use std::process::Command;

use common::{error_lines_in, only_error_and_help, repo_root, stderr, Fixture};
use serde_json::Value;

/// True when `python3` can import `module`. Under `CI=true` a missing module
/// fails the test; elsewhere the test says `SKIPPED` and stops.
fn python_has(module: &str, test: &str) -> bool {
    let ok = Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{test} cannot run: python3 cannot import {module} (.ci/run installs it)"
        );
        eprintln!("SKIPPED: {test}: python3 cannot import {module} (pip install {module})");
    }
    ok
}

fn catalog(f: &Fixture) -> Value {
    serde_json::from_str(&f.output("data/catalog.jsonld")).expect("the catalogue is JSON")
}

#[test]
fn bundled_catalogue_conforms_to_dcat_ap_3() {
    if !python_has("pyshacl", "bundled_catalogue_conforms_to_dcat_ap_3") {
        return;
    }
    let f = Fixture::bundled();
    f.build_ok();
    let shapes = repo_root().join("tests/shapes/dcat-ap-3.0.1");
    // Mandatory and recommended properties, and the ranges of the values.
    let script = r#"
import sys
from pyshacl import validate
from rdflib import Graph
shapes = Graph()
for name in ("shapes.ttl", "shapes_recommended.ttl", "range.ttl"):
    shapes.parse(sys.argv[1] + "/" + name, format="turtle")
data = Graph().parse(sys.argv[2], format="json-ld")
conforms, _, text = validate(data, shacl_graph=shapes, inference="none")
print(text)
print("triples:", len(data))
sys.exit(0 if conforms else 1)
"#;
    let out = Command::new("python3")
        .args([
            "-c",
            script,
            shapes.to_str().unwrap(),
            "public/data/catalog.jsonld",
        ])
        .current_dir(f.root())
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the catalogue does not conform to DCAT-AP 3.0.1:\n{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(report.contains("Conforms: True"), "{report}");
    // Not a vacuous pass: the graph has the datasets and their files.
    let triples: usize = report
        .lines()
        .find_map(|l| l.strip_prefix("triples: "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    assert!(triples > 500, "only {triples} triples:\n{report}");
}

#[test]
fn bundled_catalogue_describes_every_file_with_addresses() {
    let f = Fixture::bundled();
    f.build_ok();
    let c = catalog(&f);
    let by = "https://creativecommons.org/licenses/by/4.0/";
    assert_eq!(c["dct:license"]["@id"], by);
    assert_eq!(
        c["dct:language"][0]["@id"],
        "http://publications.europa.eu/resource/authority/language/SPA"
    );
    assert_eq!(
        c["dct:language"][1]["@id"],
        "http://publications.europa.eu/resource/authority/language/ENG"
    );
    assert_eq!(
        c["dct:spatial"]["@id"],
        "http://www.wikidata.org/entity/Q12585"
    );
    assert_eq!(c["dct:description"][0]["@language"], "es");
    let datasets = c["dcat:dataset"].as_array().unwrap();
    // Indicators, agreements, actions, cases and the three reports.
    assert_eq!(datasets.len(), 7, "{datasets:#?}");
    let mut files = std::collections::BTreeSet::new();
    for d in datasets {
        let id = d["@id"].as_str().unwrap();
        assert_eq!(d["dct:identifier"], id);
        assert_eq!(d["dct:description"].as_array().unwrap().len(), 2, "{id}");
        assert!(!d["dcat:keyword"].as_array().unwrap().is_empty(), "{id}");
        assert_eq!(
            d["dcat:contactPoint"]["vcard:hasEmail"]["@id"],
            "mailto:relaciones.internacionales@example.org"
        );
        let start = d["dct:temporal"]["dcat:startDate"]["@value"]
            .as_str()
            .unwrap();
        let end = d["dct:temporal"]["dcat:endDate"]["@value"]
            .as_str()
            .unwrap();
        assert!(start <= end, "{id}: {start} > {end}");
        for dist in d["dcat:distribution"].as_array().unwrap() {
            let url = dist["dcat:downloadURL"]["@id"].as_str().unwrap();
            files.insert(url.to_string());
            assert_eq!(dist["dcat:accessURL"]["@id"], url);
            let path = url.strip_prefix("https://memoria.example.org/").unwrap();
            let bytes = std::fs::read(f.root().join("public").join(path)).unwrap();
            assert_eq!(
                dist["dcat:byteSize"]["@value"],
                bytes.len().to_string(),
                "{url}"
            );
            let (media, format) = if path.ends_with(".csv") {
                ("text/csv", "CSV")
            } else {
                ("application/json", "JSON")
            };
            assert_eq!(
                dist["dcat:mediaType"]["@id"],
                format!("http://www.iana.org/assignments/media-types/{media}")
            );
            assert_eq!(
                dist["dct:format"]["@id"],
                format!("http://publications.europa.eu/resource/authority/file-type/{format}")
            );
            assert_eq!(dist["dct:license"]["@id"], by);
        }
    }
    // Every file under /data/ but the catalogue itself.
    let mut on_disk = 0;
    for e in walkdir::WalkDir::new(f.root().join("public/data")) {
        let e = e.unwrap();
        if e.file_type().is_file() && e.file_name() != "catalog.jsonld" {
            on_disk += 1;
        }
    }
    assert_eq!(files.len(), on_disk);
    // The report of the first semester covers it exactly.
    let s1 = datasets
        .iter()
        .find(|d| d["@id"].as_str().unwrap().ends_with("#report-2025-S1"))
        .unwrap();
    assert_eq!(s1["dct:temporal"]["dcat:startDate"]["@value"], "2025-01-01");
    assert_eq!(s1["dct:temporal"]["dcat:endDate"]["@value"], "2025-06-30");
    assert_eq!(s1["dct:issued"]["@value"], "2025-08-12");
    // Every page points to the catalogue.
    let home = f.output("es/index.html");
    assert!(
        home.contains(r#"<link rel="alternate" type="application/ld+json" title="Catálogo de datos abiertos (DCAT)" href="/data/catalog.jsonld">"#),
        "{home}"
    );
}

#[test]
fn licence_as_a_name_or_an_address() {
    let f = Fixture::new(&["en"]);
    f.case("a", "en", "A", "", "Text.");
    for (written, url) in [
        ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
        (
            "cc0-1.0",
            "https://creativecommons.org/publicdomain/zero/1.0/",
        ),
        (
            "https://example.gov/open-licence",
            "https://example.gov/open-licence",
        ),
    ] {
        let toml = f.read("site.toml");
        let toml: String = toml
            .lines()
            .filter(|l| !l.starts_with("license"))
            .map(|l| format!("{l}\n"))
            .collect();
        f.write("site.toml", &format!("{toml}license = \"{written}\"\n"));
        let out = f.build_ok();
        assert!(!stderr(&out).contains("warning:"), "{}", stderr(&out));
        let c = catalog(&f);
        assert_eq!(c["dct:license"]["@id"], url, "{written}");
        // Without contact_email and spatial, the catalogue leaves them out.
        assert!(c.get("dct:spatial").is_none());
        assert!(c["dcat:dataset"][0].get("dcat:contactPoint").is_none());
    }
}

#[test]
fn a_licence_that_is_neither_an_identifier_nor_an_address_is_an_error() {
    let f = Fixture::new(&["en"]);
    f.edit(
        "site.toml",
        "languages",
        "license = \"All rights kept\"\nlanguages",
    );
    let out = f.run(&["build"]);
    let (error, help) = only_error_and_help(&out);
    assert!(error.starts_with("error: site.toml:3:1"), "{error}");
    assert!(error.contains("\"All rights kept\""), "{error}");
    assert!(
        help.contains("CC-BY-4.0") && help.contains("https://"),
        "{help}"
    );
    assert!(!f.has_output("index.html"));
}

#[test]
fn every_wrong_open_data_setting_is_reported_in_one_run() {
    let f = Fixture::new(&["en"]);
    f.edit(
        "site.toml",
        "languages",
        "license = \"CC-BY-9.0\"\ncontact_email = \"office at city\"\nspatial = \"Madrid\"\nspatial_bbox = [10, 50, 5, 40]\nlanguages",
    );
    let out = f.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let errors = error_lines_in(&err);
    assert_eq!(errors.len(), 4, "{err}");
    for (line, key) in [
        (3, "licence"),
        (4, "contact_email"),
        (5, "spatial"),
        (6, "spatial_bbox"),
    ] {
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with(&format!("error: site.toml:{line}:1")) && e.contains(key)),
            "no error for {key} at line {line}:\n{err}"
        );
    }
    for advice in [
        "SPDX identifiers",
        "e.g. contact_email = ",
        "GeoNames or Wikidata",
        "west, south, east, north",
    ] {
        assert!(err.contains(advice), "no advice {advice:?}:\n{err}");
    }
}

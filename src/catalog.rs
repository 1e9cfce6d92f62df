//! Machine-readable descriptions of what the site publishes:
//! `/data/cases.json` (the good practices, for networks of cities) and
//! `/data/catalog.jsonld` (a DCAT catalogue, with schema.org equivalents, of
//! every file under `/data/`).

use chrono::NaiveDate;
use serde_json::{json, Map, Value};

use crate::content::Kind;
use crate::opendata::to_bytes;
use crate::output::OutputFile;
use crate::site::Site;

/// `/data/cases.json`: every case's metadata per language, with canonical
/// URLs and the licence. Its JSON Schema is `docs/schemas/cases.schema.json`.
pub fn cases_json(site: &Site) -> OutputFile {
    let config = &site.config;
    let cases: Vec<Value> = site
        .content
        .cases
        .entries
        .values()
        .filter_map(|e| {
            let reference = e
                .get(config.default_language())
                .or_else(|| e.docs.values().next())?;
            let m = &reference.meta;
            let translations: Map<String, Value> = e
                .docs
                .values()
                .filter_map(|d| {
                    let r = site.routes.doc(Kind::Case, &e.id, &d.lang)?;
                    Some((
                        d.lang.clone(),
                        json!({
                            "title": d.meta.title,
                            "city": d.meta.city,
                            "summary": d.meta.summary,
                            "actors": d.meta.actors,
                            "lessons": d.meta.lessons,
                            "url": r.permalink,
                        }),
                    ))
                })
                .collect();
            Some(json!({
                "id": e.id,
                "country": m.country,
                "date": m.date,
                "scale": m.scale,
                "dimension": m.dimension,
                "themes": m.themes,
                "sdgs": m.sdgs,
                "indicators": m.indicators,
                "translations": translations,
            }))
        })
        .collect();
    let value = json!({
        "site": {"title": config.title, "url": config.base_url, "languages": config.languages},
        "license": config.license,
        "cases": cases,
    });
    OutputFile::new(
        "data/cases.json".into(),
        to_bytes(&value),
        "open data (cases)".into(),
    )
}

fn media_type(path: &str) -> &'static str {
    if path.ends_with(".csv") {
        "text/csv"
    } else if path.ends_with(".jsonld") {
        "application/ld+json"
    } else {
        "application/json"
    }
}

fn texts(site: &Site, key: &str, detail: &str) -> Value {
    Value::Array(
        site.config
            .languages
            .iter()
            .map(|l| {
                let base = site.theme.i18n.strings(l).get(key).to_string();
                let text = if detail.is_empty() {
                    base
                } else {
                    format!("{base}: {detail}")
                };
                json!({"@value": text, "@language": l})
            })
            .collect(),
    )
}

fn date(d: Option<NaiveDate>) -> Value {
    d.map_or(
        Value::Null,
        |d| json!({"@value": d.to_string(), "@type": "xsd:date"}),
    )
}

/// The distributions of the report of semester `period` printed to PDF
/// (`build --pdf`), one per language, in the order of the languages.
fn printed_reports<'a>(site: &'a Site, period: &'a str) -> impl Iterator<Item = Value> + 'a {
    site.printed
        .iter()
        .filter(move |((p, _), _)| p == period)
        .map(|((_, lang), printed)| {
            let url = format!("{}{}", site.config.base_url, printed.path);
            json!({
                "@type": ["dcat:Distribution", "schema:DataDownload"],
                "dcat:downloadURL": {"@id": url},
                "schema:contentUrl": url,
                "dcat:mediaType": "application/pdf",
                "schema:encodingFormat": "application/pdf",
                "dct:language": lang,
                "schema:inLanguage": lang,
                "dcat:byteSize": {"@value": printed.bytes.to_string(), "@type": "xsd:nonNegativeInteger"},
            })
        })
}

/// `/data/catalog.jsonld`, describing every file of `data_files`.
pub fn catalog(site: &Site, data_files: &[&OutputFile]) -> OutputFile {
    let config = &site.config;
    let c = &site.content;
    let license = config.license.as_ref().map(|l| {
        if l.starts_with("http") {
            json!({"@id": l})
        } else {
            json!(l)
        }
    });
    let last_period_day = |p: crate::period::Period| p.end_exclusive().pred_opt();
    // Each dataset: id, title key, detail, prefix of its files, last modification.
    let mut datasets: Vec<(String, &str, String, String, Option<NaiveDate>)> = vec![
        (
            "indicators".into(),
            "dataset_indicators",
            String::new(),
            "data/indicators".into(),
            c.indicators
                .values()
                .flat_map(|i| i.observations.iter().map(|o| o.period))
                .max()
                .and_then(last_period_day),
        ),
        (
            "agreements".into(),
            "dataset_agreements",
            String::new(),
            "data/agreements.".into(),
            c.agreements.values().map(|a| a.signed).max(),
        ),
        (
            "actions".into(),
            "dataset_actions",
            String::new(),
            "data/actions.".into(),
            c.actions
                .values()
                .map(|a| a.end_date.unwrap_or(a.date))
                .max(),
        ),
        (
            "cases".into(),
            "dataset_cases",
            String::new(),
            "data/cases.".into(),
            c.cases.documents().map(|d| d.meta.date).max(),
        ),
    ];
    for e in c.reports.entries.values() {
        let modified = e
            .docs
            .values()
            .filter_map(|d| {
                d.meta
                    .errata
                    .iter()
                    .map(|x| x.date)
                    .max()
                    .or(d.meta.presented)
            })
            .max()
            .or_else(|| {
                crate::period::Period::parse(&e.id)
                    .ok()
                    .and_then(last_period_day)
            });
        datasets.push((
            format!("report-{}", e.id),
            "dataset_report",
            e.id.clone(),
            format!("data/reports/{}.", e.id),
            modified,
        ));
    }
    let mut entries = Vec::new();
    for (id, key, detail, prefix, modified) in datasets {
        let files: Vec<&&OutputFile> = data_files
            .iter()
            .filter(|f| f.path.starts_with(&prefix))
            .collect();
        if files.is_empty() {
            continue;
        }
        let mut distributions: Vec<Value> = files
            .iter()
            .map(|f| {
                let url = format!("{}{}", config.base_url, f.path);
                json!({
                    "@type": ["dcat:Distribution", "schema:DataDownload"],
                    "dcat:downloadURL": {"@id": url},
                    "schema:contentUrl": url,
                    "dcat:mediaType": media_type(&f.path),
                    "schema:encodingFormat": media_type(&f.path),
                    "dcat:byteSize": {"@value": f.bytes.len().to_string(), "@type": "xsd:nonNegativeInteger"},
                })
            })
            .collect();
        if key == "dataset_report" {
            distributions.extend(printed_reports(site, &detail));
        }
        let title = texts(site, key, &detail);
        entries.push(json!({
            "@id": format!("{}data/catalog.jsonld#{id}", config.base_url),
            "@type": ["dcat:Dataset", "schema:Dataset"],
            "dct:title": title,
            "schema:name": title,
            "dct:modified": date(modified),
            "schema:dateModified": modified.map(|d| d.to_string()),
            "dct:license": license,
            "schema:license": license,
            "dct:publisher": {"@id": format!("{}#publisher", config.base_url)},
            "dcat:distribution": distributions,
        }));
    }
    let site_title = Value::Array(
        config
            .languages
            .iter()
            .map(|l| json!({"@value": config.title(l), "@language": l}))
            .collect(),
    );
    let value = json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "schema": "https://schema.org/",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": format!("{}data/catalog.jsonld", config.base_url),
        "@type": ["dcat:Catalog", "schema:DataCatalog"],
        "dct:title": site_title,
        "schema:name": site_title,
        "dct:language": config.languages,
        "dct:license": license,
        "foaf:homepage": {"@id": config.base_url},
        "dct:publisher": {
            "@id": format!("{}#publisher", config.base_url),
            "@type": ["foaf:Agent", "schema:Organization"],
            "foaf:name": config.title(config.default_language()),
            "schema:name": config.title(config.default_language()),
        },
        "dcat:dataset": entries,
    });
    OutputFile::new(
        "data/catalog.jsonld".into(),
        to_bytes(&value),
        "open data catalogue".into(),
    )
}

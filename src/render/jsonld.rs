//! schema.org metadata embedded in pages as JSON-LD: an Article for each
//! case, a Dataset for each indicator, a Report for each report.

use serde_json::{json, Value};

use crate::content::{CaseMeta, Document, Indicator, ReportMeta};
use crate::site::Site;

/// Removes every `null` member: schema.org has no use for an empty value.
fn drop_nulls(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(drop_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

/// Serialises JSON-LD for a `<script>` element: `<` is escaped so no text
/// can close the element. `null` members are left out.
pub fn script_text(value: &Value) -> String {
    let mut value = value.clone();
    drop_nulls(&mut value);
    let value = &value;
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}

/// The licence's address (schema.org reads a plain name as a relative address).
fn licence(site: &Site) -> Option<&str> {
    site.config.licence.as_ref().map(|l| l.url.as_str())
}

fn publisher(site: &Site, lang: &str) -> Value {
    json!({"@type": "Organization", "name": site.config.title(lang), "url": site.config.base_url})
}

/// An Article describing a case.
pub fn case(site: &Site, lang: &str, doc: &Document<CaseMeta>, permalink: &str) -> String {
    let m = &doc.meta;
    let themes: Vec<String> = m
        .themes
        .iter()
        .map(|t| super::taxonomies::label(site, lang, crate::taxonomy::Taxonomy::Themes, &t.value))
        .collect();
    script_text(&json!({
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": m.title,
        "description": m.summary,
        "datePublished": m.date.to_string(),
        "inLanguage": doc.lang,
        "url": permalink,
        "keywords": themes,
        "spatialCoverage": {"@type": "Place", "name": m.city, "address": {"@type": "PostalAddress", "addressCountry": m.country}},
        "license": licence(site),
        "publisher": publisher(site, lang),
    }))
}

/// A Dataset describing an indicator and its downloads.
pub fn indicator(site: &Site, lang: &str, ind: &Indicator, permalink: &str) -> String {
    let fallbacks = site.config.fallbacks(lang);
    let text = |t: &crate::yaml::LangText| t.get(lang, &fallbacks).unwrap_or("").to_string();
    let coverage = match (ind.observations.first(), ind.observations.last()) {
        (Some(a), Some(b)) => Some(format!(
            "{}/{}",
            a.period.start(),
            b.period
                .end_exclusive()
                .pred_opt()
                .unwrap_or(b.period.start())
        )),
        _ => None,
    };
    let base = &site.config.base_url;
    script_text(&json!({
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": text(&ind.name),
        "description": text(&ind.description),
        "url": permalink,
        "inLanguage": lang,
        "variableMeasured": text(&ind.name),
        "temporalCoverage": coverage,
        "license": licence(site),
        "creator": publisher(site, lang),
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": format!("{base}data/indicators/{}.csv", ind.id)},
            {"@type": "DataDownload", "encodingFormat": "application/json", "contentUrl": format!("{base}data/indicators/{}.json", ind.id)},
        ],
    }))
}

/// A Report describing a semiannual report.
pub fn report(site: &Site, doc: &Document<ReportMeta>, permalink: &str) -> String {
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "Report",
        "name": doc.meta.title,
        "reportNumber": doc.id,
        "inLanguage": doc.lang,
        "url": permalink,
        "creativeWorkStatus": if doc.meta.presented.is_some() { "Published" } else { "Draft" },
        "audience": {"@type": "Audience", "audienceType": doc.meta.legislature},
        "license": licence(site),
        "publisher": publisher(site, &doc.lang),
    });
    if let (Some(d), Value::Object(map)) = (doc.meta.presented, &mut value) {
        map.insert("datePublished".into(), json!(d.to_string()));
    }
    script_text(&value)
}

//! Open data under `/data/`: the indicators as CSV (RFC 4180, UTF-8, long
//! format: one row per observation) and JSON, for all of them and for each.
//!
//! Columns and keys come in a fixed order and values are written the same
//! way on every run, so the files only change when the data does.

use serde_json::{json, Value};

use crate::content::indicator::{Indicator, Measure};
use crate::content::Kind;
use crate::diagnostics::display_path;
use crate::output::OutputFile;
use crate::site::Site;

/// Every open-data file of the site.
pub fn files(site: &Site) -> Vec<OutputFile> {
    let mut out = Vec::new();
    if site.content.indicators.is_empty() {
        return out;
    }
    let all: Vec<&Indicator> = site.content.indicators.values().collect();
    out.push(OutputFile::new(
        "data/indicators.csv".into(),
        indicators_csv(site, &all),
        "open data (indicators)".into(),
    ));
    let array: Vec<Value> = all.iter().map(|i| indicator_json(site, i)).collect();
    out.push(OutputFile::new(
        "data/indicators.json".into(),
        to_bytes(&Value::Array(array)),
        "open data (indicators)".into(),
    ));
    for ind in all {
        let owner = display_path(&ind.source);
        out.push(OutputFile::new(
            format!("data/indicators/{}.csv", ind.id),
            indicators_csv(site, &[ind]),
            owner.clone(),
        ));
        out.push(OutputFile::new(
            format!("data/indicators/{}.json", ind.id),
            to_bytes(&indicator_json(site, ind)),
            owner,
        ));
    }
    out
}

/// Pretty JSON with a final newline.
pub fn to_bytes(value: &Value) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// A value as written in CSV and JSON: numbers as the shortest text that
/// reads back the same, levels as their id.
pub fn measure_text(m: &Measure) -> String {
    match m {
        Measure::Number(n) => format_number(*n),
        Measure::Level(id) => id.clone(),
    }
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn measure_json(m: &Measure) -> Value {
    match m {
        Measure::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => json!(*n as i64),
        Measure::Number(n) => json!(n),
        Measure::Level(id) => json!(id),
    }
}

/// The long-format CSV of `indicators`.
fn indicators_csv(site: &Site, indicators: &[&Indicator]) -> Vec<u8> {
    let langs = &site.config.languages;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut header: Vec<String> = ["indicator", "dimension", "kind", "level", "period", "value"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.extend(langs.iter().map(|l| format!("unit_{l}")));
    header.extend(langs.iter().map(|l| format!("note_{l}")));
    let _ = w.write_record(&header);
    for ind in indicators {
        for o in &ind.observations {
            let mut row = vec![
                ind.id.clone(),
                ind.dimension.to_string(),
                ind.kind.to_string(),
                ind.level.to_string(),
                o.period.to_string(),
                measure_text(&o.value),
            ];
            row.extend(langs.iter().map(|l| {
                ind.unit
                    .as_ref()
                    .and_then(|u| u.0.get(l))
                    .cloned()
                    .unwrap_or_default()
            }));
            row.extend(langs.iter().map(|l| {
                o.note
                    .as_ref()
                    .and_then(|n| n.0.get(l))
                    .cloned()
                    .unwrap_or_default()
            }));
            let _ = w.write_record(&row);
        }
    }
    w.into_inner().unwrap_or_default()
}

/// The JSON description of one indicator, with its derived figures.
pub fn indicator_json(site: &Site, ind: &Indicator) -> Value {
    let figures = site.figures.get(&ind.id);
    let point = |p: &crate::content::indicator::Point| json!({"period": p.period, "value": measure_json(&p.value)});
    let obs = |o: &crate::content::indicator::Observation| json!({"period": o.period, "value": measure_json(&o.value)});
    let urls: serde_json::Map<String, Value> = site
        .config
        .languages
        .iter()
        .filter_map(|l| {
            site.routes
                .doc(Kind::Indicator, &ind.id, l)
                .map(|r| (l.clone(), json!(r.permalink)))
        })
        .collect();
    json!({
        "id": ind.id,
        "name": ind.name,
        "description": ind.description,
        "category": ind.category,
        "unit": ind.unit,
        "method": ind.method,
        "sources": ind.sources,
        "audiences": ind.audiences,
        "dimension": ind.dimension,
        "kind": ind.kind,
        "scale": ind.scale.as_ref().map(|scale| json!({
            "name": scale.name,
            "levels": scale.levels.iter().map(|l| {
                let labels: serde_json::Map<String, Value> = site.config.languages.iter()
                    .map(|lang| (lang.clone(), json!(crate::render::format::level_label(site, lang, ind, &l.id))))
                    .collect();
                json!({"id": l.id, "label": labels})
            }).collect::<Vec<_>>(),
        })),
        "level": ind.level,
        "hierarchy": ind.hierarchy,
        "quality": ind.quality,
        "periodicity": ind.periodicity,
        "direction": ind.direction,
        "baseline": point(&ind.baseline),
        "target": point(&ind.target),
        "observations": ind.observations.iter().map(|o| {
            let mut v = obs(o);
            if let (Some(note), Value::Object(map)) = (&o.note, &mut v) {
                map.insert("note".into(), json!(note));
            }
            v
        }).collect::<Vec<_>>(),
        "sdgs": ind.sdgs,
        "related_cases": ind.related_cases,
        "latest": figures.and_then(|f| f.latest.as_ref()).map(obs),
        "previous": figures.and_then(|f| f.previous.as_ref()).map(obs),
        "change": figures.and_then(|f| f.change),
        "progress": figures.and_then(|f| f.progress),
        "status": figures.map(|f| f.status.id()),
        "url": urls,
    })
}

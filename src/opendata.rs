//! Open data under `/data/`: the indicators as CSV (RFC 4180, UTF-8, long
//! format: one row per observation) and JSON, for all of them and for each;
//! the registry of agreements and actions; each report's data bundle.
//!
//! Columns and keys come in a fixed order and values are written the same
//! way on every run, so the files only change when the data does.

use serde_json::{json, Value};

use crate::content::indicator::{Indicator, Measure, PartObservation};
use crate::content::name::Name;
use crate::content::Kind;
use crate::diagnostics::display_path;
use crate::output::OutputFile;
use crate::period::Period;
use crate::site::Site;

mod datapackage;

/// Every open-data file of the site, with `/data/datapackage.json`
/// describing every CSV file last.
pub fn files(site: &Site) -> Vec<OutputFile> {
    let mut out = registry_files(site);
    out.extend(report_files(site));
    out.extend(indicator_files(site));
    if let Some(package) = crate::opendata::datapackage::datapackage(site, &out) {
        out.push(package);
    }
    out
}

/// `/data/indicators.{csv,json}` and `/data/indicators/<id>.{csv,json}`.
fn indicator_files(site: &Site) -> Vec<OutputFile> {
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

/// The columns of the long indicator table before the per-language ones.
const INDICATOR_COLUMNS: [&str; 10] = [
    "indicator",
    "dimension",
    "kind",
    "level",
    "period",
    "period_start",
    "period_end",
    "value",
    "scale_level",
    "scale_rank",
];

/// The cells of a value: a number in `value`; a level of a scale in
/// `scale_level` with its rank (1 for the first level of the scale).
fn value_cells(ind: &Indicator, m: &Measure) -> [String; 3] {
    match m {
        Measure::Number(n) => [format_number(*n), String::new(), String::new()],
        Measure::Level(id) => {
            let rank = ind
                .scale
                .as_ref()
                .and_then(|s| s.levels.iter().position(|l| &l.id == id))
                .map(|p| (p + 1).to_string())
                .unwrap_or_default();
            [String::new(), id.clone(), rank]
        }
    }
}

/// The last day of a period.
fn period_end(p: Period) -> String {
    p.end_exclusive()
        .pred_opt()
        .unwrap_or(p.start())
        .to_string()
}

/// The dimensions of breakdown of `indicators`, each once, in the order
/// they are first declared: one column each in the indicator tables.
fn breakdown_columns(indicators: &[&Indicator]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for b in indicators.iter().flat_map(|i| &i.breakdowns) {
        if !out.contains(&b.id) {
            out.push(b.id.clone());
        }
    }
    out
}

/// An observation as a row of the indicator table: its period, its place
/// (0 for the total, then each part), value, note and the part itself.
type CsvRow<'a> = (
    Period,
    usize,
    &'a Measure,
    Option<&'a crate::yaml::LangText>,
    Option<&'a PartObservation>,
);

/// The long-format CSV of `indicators`: one row per observation, in the
/// tidy layout of Open SDG: a column per dimension of breakdown after the
/// period, blank in the rows of the total.
fn indicators_csv(site: &Site, indicators: &[&Indicator]) -> Vec<u8> {
    let langs = &site.config.languages;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let dimensions = breakdown_columns(indicators);
    let mut header: Vec<String> = INDICATOR_COLUMNS[..7]
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.extend(dimensions.iter().cloned());
    header.extend(INDICATOR_COLUMNS[7..].iter().map(|s| s.to_string()));
    header.extend(langs.iter().map(|l| format!("unit_{l}")));
    header.extend(langs.iter().map(|l| format!("note_{l}")));
    let _ = w.write_record(&header);
    for ind in indicators {
        // The total first, then its parts, period by period.
        let mut rows: Vec<CsvRow<'_>> = ind
            .observations
            .iter()
            .map(|o| (o.period, 0, &o.value, o.note.as_ref(), None))
            .chain(
                ind.parts
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p.period, i + 1, &p.value, p.note.as_ref(), Some(p))),
            )
            .collect();
        rows.sort_by_key(|(period, order, ..)| (*period, *order));
        for (period, _, value, note, part) in rows {
            let mut row = vec![
                ind.id.clone(),
                ind.dimension.to_string(),
                ind.kind.to_string(),
                ind.level.to_string(),
                period.to_string(),
                period.start().to_string(),
                period_end(period),
            ];
            row.extend(dimensions.iter().map(|d| {
                part.and_then(|p| p.value_of(d))
                    .unwrap_or_default()
                    .to_string()
            }));
            row.extend(value_cells(ind, value));
            row.extend(langs.iter().map(|l| {
                ind.unit
                    .as_ref()
                    .and_then(|u| u.0.get(l))
                    .cloned()
                    .unwrap_or_default()
            }));
            row.extend(
                langs
                    .iter()
                    .map(|l| note.and_then(|n| n.0.get(l)).cloned().unwrap_or_default()),
            );
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
                    .map(|lang| (lang.clone(), json!(crate::format::level_label(site, lang, ind, &l.id))))
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
        "breakdowns": ind.breakdowns.iter().map(|b| json!({
            "id": b.id,
            "label": b.label,
            "values": b.values.iter().map(|v| json!({"id": v.id, "label": v.label})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "parts": ind.parts.iter().map(|p| {
            let breakdown: serde_json::Map<String, Value> = p.breakdown.iter()
                .map(|(d, v)| (d.clone(), json!(v)))
                .collect();
            let mut v = json!({"period": p.period, "breakdown": breakdown, "value": measure_json(&p.value)});
            if let (Some(note), Value::Object(map)) = (&p.note, &mut v) {
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

fn csv_bytes(header: &[String], rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(r);
    }
    w.into_inner().unwrap_or_default()
}

fn money_cells(m: &Option<crate::content::money::Money>) -> [String; 2] {
    match m {
        Some(m) => [format_number(m.value), m.currency.clone()],
        None => [String::new(), String::new()],
    }
}

/// `/data/agreements.{csv,json}` and `/data/actions.{csv,json}`.
fn registry_files(site: &Site) -> Vec<OutputFile> {
    let mut out = Vec::new();
    let agreements = &site.content.agreements;
    let header = [
        "id",
        "type",
        "status",
        "partner",
        "partner_country",
        "signed",
        "ends",
        "amount",
        "currency",
        "approved_by",
    ];
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    let names: Vec<String> = other_language_columns(site, "partner").collect();
    out.extend(registry_pair(
        site,
        "agreements",
        [&header, &names],
        agreements.values(),
        |a| {
            let [amount, currency] = money_cells(&a.amount);
            let cells = vec![
                a.id.clone(),
                a.kind.to_string(),
                a.status.to_string(),
                a.partner.default_name().to_string(),
                a.partner_country.clone(),
                a.signed.to_string(),
                a.ends.map(|d| d.to_string()).unwrap_or_default(),
                amount,
                currency,
                a.approved_by.clone().unwrap_or_default(),
            ];
            let names = names_in_other_languages(site, &a.partner);
            (cells, &a.title, names, agreement_json(site, a))
        },
    ));
    let header = [
        "id",
        "type",
        "date",
        "end_date",
        "city",
        "country",
        "participants",
        "cost",
        "currency",
        "funded_by",
        "agreements",
    ];
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    let names: Vec<String> = other_language_columns(site, "city")
        .chain(other_language_columns(site, "funded_by"))
        .collect();
    let actions = &site.content.actions;
    out.extend(registry_pair(
        site,
        "actions",
        [&header, &names],
        actions.values(),
        |a| {
            let [cost, currency] = money_cells(&a.cost);
            let agreements: Vec<&str> = a.agreements.iter().map(|r| r.value.as_str()).collect();
            let cells = vec![
                a.id.clone(),
                a.kind.to_string(),
                a.date.to_string(),
                a.end_date.map(|d| d.to_string()).unwrap_or_default(),
                a.place.city.default_name().to_string(),
                a.place.country.clone(),
                a.participants.join("; "),
                cost,
                currency,
                a.funded_by
                    .as_ref()
                    .map(|n| n.default_name().to_string())
                    .unwrap_or_default(),
                agreements.join(" "),
            ];
            let mut names = names_in_other_languages(site, &a.place.city);
            match &a.funded_by {
                Some(n) => names.extend(names_in_other_languages(site, n)),
                None => names.extend(other_language_columns(site, "").map(|_| String::new())),
            }
            (cells, &a.title, names, action_json(site, a))
        },
    ));
    out
}

/// The columns `<field>_<lang>` of a name, one for each language but the
/// default one (whose name is in the column `<field>`).
fn other_language_columns<'s>(site: &'s Site, field: &'s str) -> impl Iterator<Item = String> + 's {
    let default = site.config.default_language();
    site.config
        .languages
        .iter()
        .filter(move |l| *l != default)
        .map(move |l| format!("{field}_{l}"))
}

/// The cells of [`other_language_columns`]: the name a reader of each
/// language but the default one sees (written in that language, else the
/// default language's).
fn names_in_other_languages(site: &Site, name: &Name) -> Vec<String> {
    let default = site.config.default_language();
    site.config
        .languages
        .iter()
        .filter(|l| *l != default)
        .map(|l| name.get(l).to_string())
        .collect()
}

/// A name as the JSON files give it besides its default-language text: the
/// name a reader of each site language sees, by language code.
fn names_json(site: &Site, name: &Name) -> Value {
    Value::Object(
        site.config
            .languages
            .iter()
            .map(|l| (l.clone(), json!(name.get(l))))
            .collect(),
    )
}

/// `/data/<name>.csv` and `/data/<name>.json` of a part of the registry
/// (none when it is empty): `entry` gives each item's CSV cells (those of
/// `header`; its title in each language follows, one `title_<lang>`
/// column each, then the cells of `names`: its names in the languages
/// other than the default one) and its JSON record.
fn registry_pair<'a, T: 'a>(
    site: &Site,
    name: &str,
    [header, names]: [&[String]; 2],
    items: impl ExactSizeIterator<Item = &'a T>,
    entry: impl Fn(&'a T) -> (Vec<String>, &'a crate::yaml::LangText, Vec<String>, Value),
) -> Vec<OutputFile> {
    if items.len() == 0 {
        return Vec::new();
    }
    let langs = &site.config.languages;
    let mut head: Vec<String> = header.to_vec();
    head.extend(langs.iter().map(|l| format!("title_{l}")));
    head.extend(names.iter().cloned());
    let mut rows = Vec::new();
    let mut json = Vec::new();
    for item in items {
        let (mut cells, title, name_cells, record) = entry(item);
        cells.extend(
            langs
                .iter()
                .map(|l| title.0.get(l).cloned().unwrap_or_default()),
        );
        cells.extend(name_cells);
        rows.push(cells);
        json.push(record);
    }
    let made_by = format!("open data ({name})");
    vec![
        OutputFile::new(
            format!("data/{name}.csv"),
            csv_bytes(&head, &rows),
            made_by.clone(),
        ),
        OutputFile::new(
            format!("data/{name}.json"),
            to_bytes(&Value::Array(json)),
            made_by,
        ),
    ]
}

fn permalinks(site: &Site, kind: Kind, id: &str) -> Value {
    let urls: serde_json::Map<String, Value> = site
        .config
        .languages
        .iter()
        .filter_map(|l| {
            site.routes
                .doc(kind, id, l)
                .map(|r| (l.clone(), json!(r.permalink)))
        })
        .collect();
    Value::Object(urls)
}

fn money_json(m: &Option<crate::content::money::Money>) -> Value {
    m.as_ref().map_or(
        Value::Null,
        |m| json!({"value": measure_json(&Measure::Number(m.value)), "currency": m.currency}),
    )
}

/// The `funds` of an agreement or action: each amount in its own currency.
fn funds_json(funds: &[crate::content::money::Fund]) -> Value {
    funds
        .iter()
        .map(|f| {
            json!({
                "kind": f.kind, "direction": f.direction,
                "value": measure_json(&Measure::Number(f.money.value)), "currency": f.money.currency,
                "date": f.date, "description": f.description,
            })
        })
        .collect()
}

fn agreement_json(site: &Site, a: &crate::content::Agreement) -> Value {
    json!({
        "id": a.id, "title": a.title, "summary": a.summary, "partner": a.partner.default_name(), "partner_names": names_json(site, &a.partner), "partner_country": a.partner_country,
        "partner_type": a.partner_type,
        "other_counterparts": a.counterparts.iter().map(|c| json!({"name": c.name.default_name(), "names": names_json(site, &c.name), "country": c.country, "type": c.kind})).collect::<Vec<_>>(),
        "type": a.kind, "signed": a.signed, "ends": a.ends, "status": a.status, "amount": money_json(&a.amount),
        "funds": funds_json(&a.funds),
        "approved_by": a.approved_by,
        "registration": a.registration.as_ref().map(|r| json!({"authority": r.authority, "reference": r.reference, "date": r.date})),
        "city_bodies": a.city_bodies.iter().map(Name::default_name).collect::<Vec<_>>(),
        "city_bodies_names": a.city_bodies.iter().map(|b| names_json(site, b)).collect::<Vec<_>>(),
        "signatories": a.signatories.iter().map(|x| json!({"name": x.name, "office": x.office})).collect::<Vec<_>>(),
        "commitments": a.commitments,
        "sdgs": a.sdgs, "themes": a.themes, "documents": a.documents,
        "url": permalinks(site, Kind::Agreement, &a.id),
    })
}

fn action_json(site: &Site, a: &crate::content::Action) -> Value {
    json!({
        "id": a.id, "title": a.title, "summary": a.summary, "type": a.kind, "date": a.date, "end_date": a.end_date,
        "place": {"city": a.place.city.default_name(), "city_names": names_json(site, &a.place.city), "country": a.place.country},
        "participants": a.participants, "cost": money_json(&a.cost),
        "funded_by": a.funded_by.as_ref().map(Name::default_name),
        "funded_by_names": a.funded_by.as_ref().map(|n| names_json(site, n)),
        "funds": funds_json(&a.funds),
        "agreements": a.agreements, "results": a.results, "sdgs": a.sdgs, "themes": a.themes,
        "url": permalinks(site, Kind::Action, &a.id),
    })
}

/// `/data/reports/<period>.{json,csv}`: each report's canonical content per
/// language with its fingerprint, and its items as a table.
fn report_files(site: &Site) -> Vec<OutputFile> {
    let langs = &site.config.languages;
    let mut out = Vec::new();
    for entry in site.content.reports.entries.values() {
        let Some(period) = entry.docs.values().next().map(|d| d.meta.period) else {
            continue;
        };
        let mut languages = serde_json::Map::new();
        for doc in entry.docs.values() {
            let content = crate::reports::report_content(&site.content, doc, langs);
            let fingerprint = crate::reports::canonical::fingerprint(&content);
            let mut part = json!({
                "fingerprint": fingerprint,
                "presented": doc.meta.presented,
                "errata": doc.meta.errata,
                "content": content,
            });
            // The version as presented, when memoria keeps it: its page,
            // and its content with the fingerprint recorded then.
            let key = (doc.id.clone(), doc.lang.clone());
            if let (Some(kept), Some(route)) = (
                site.presented.get(&key),
                crate::render::report_presented::route(site, &doc.id, &doc.lang),
            ) {
                part["as_presented"] = json!({
                    "fingerprint": kept.fingerprint,
                    "url": route.permalink,
                    "content": kept.content,
                });
            }
            languages.insert(doc.lang.clone(), part);
        }
        let owner = format!("data bundle of report {}", entry.id);
        let bundle = json!({"period": entry.id, "languages": languages, "url": permalinks(site, Kind::Report, &entry.id)});
        out.push(OutputFile::new(
            format!("data/reports/{}.json", entry.id),
            to_bytes(&bundle),
            owner.clone(),
        ));
        out.push(OutputFile::new(
            format!("data/reports/{}.csv", entry.id),
            report_csv(site, period),
            owner,
        ));
    }
    out
}

/// The items of a report as one table: agreements (signed, active,
/// concluded), actions, indicator values and cases. Amounts have their
/// currency; indicator values their unit in each language.
fn report_csv(site: &Site, period: Period) -> Vec<u8> {
    let langs = &site.config.languages;
    let c = crate::reports::compose(&site.content, period);
    let mut header: Vec<String> = [
        "section",
        "id",
        "type",
        "date",
        "period",
        "status",
        "value",
        "currency",
        "scale_level",
        "scale_rank",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(langs.iter().map(|l| format!("title_{l}")));
    header.extend(langs.iter().map(|l| format!("unit_{l}")));
    let in_each = |t: Option<&crate::yaml::LangText>| -> Vec<String> {
        langs
            .iter()
            .map(|l| t.and_then(|t| t.0.get(l)).cloned().unwrap_or_default())
            .collect()
    };
    let titles = |t: &crate::yaml::LangText| in_each(Some(t));
    let no_unit = || in_each(None);
    let mut rows = Vec::new();
    for (section, list) in [
        ("agreement-signed", &c.signed),
        ("agreement-active", &c.active),
        ("agreement-concluded", &c.concluded),
    ] {
        for a in list {
            let [v, cur] = money_cells(&a.amount);
            let mut r = vec![
                section.into(),
                a.id.clone(),
                a.kind.to_string(),
                a.signed.to_string(),
                String::new(),
                a.status.to_string(),
                v,
                cur,
                String::new(),
                String::new(),
            ];
            r.extend(titles(&a.title));
            r.extend(no_unit());
            rows.push(r);
        }
    }
    for a in &c.actions {
        let [v, cur] = money_cells(&a.cost);
        let mut r = vec![
            "action".into(),
            a.id.clone(),
            a.kind.to_string(),
            a.date.to_string(),
            String::new(),
            String::new(),
            v,
            cur,
            String::new(),
            String::new(),
        ];
        r.extend(titles(&a.title));
        r.extend(no_unit());
        rows.push(r);
    }
    for l in &c.indicators {
        let ind = l.indicator;
        let [value, level, rank] = value_cells(ind, &l.observation.value);
        let mut r = vec![
            "indicator".into(),
            ind.id.clone(),
            ind.kind.to_string(),
            period_end(l.observation.period),
            l.observation.period.to_string(),
            l.status.id().into(),
            value,
            String::new(),
            level,
            rank,
        ];
        r.extend(titles(&ind.name));
        r.extend(in_each(ind.unit.as_ref()));
        rows.push(r);
    }
    for id in &c.cases {
        if let Some(e) = site.content.cases.get(id) {
            let date = e
                .docs
                .values()
                .next()
                .map(|d| d.meta.date.to_string())
                .unwrap_or_default();
            let mut r = vec![
                "case".into(),
                id.to_string(),
                String::new(),
                date,
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ];
            r.extend(
                langs
                    .iter()
                    .map(|l| e.get(l).map(|d| d.meta.title.clone()).unwrap_or_default()),
            );
            r.extend(no_unit());
            rows.push(r);
        }
    }
    csv_bytes(&header, &rows)
}

//! The indicator pages: the index (grouped by dimension and category, with
//! filter pages that work without JavaScript), one page per indicator with
//! its chart and table, and one page per dimension along the intervention
//! chain.

use serde_json::{json, Value};

use super::context::{self, LanguageContext, Version};
use crate::chart::{self, Axis, Chart, Reference};
use crate::config::Section;
use crate::content::case::Dimension;
use crate::content::indicator::{Hierarchy, Indicator, IndicatorKind, Level};
use crate::content::Kind;
use crate::figures::{Figures, Status};
use crate::format;
use crate::routes::{self, Route};
use crate::site::Site;
use crate::yaml::YamlEnum;

/// The facets the index can be filtered by, with their values.
pub fn facets() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        (
            "dimension",
            Dimension::ALL.iter().map(|(id, _)| *id).collect(),
        ),
        ("level", Level::ALL.iter().map(|(id, _)| *id).collect()),
        (
            "hierarchy",
            Hierarchy::ALL.iter().map(|(id, _)| *id).collect(),
        ),
        (
            "kind",
            IndicatorKind::ALL.iter().map(|(id, _)| *id).collect(),
        ),
    ]
}

fn facet_value(ind: &Indicator, facet: &str) -> &'static str {
    match facet {
        "dimension" => ind.dimension.id(),
        "level" => ind.level.id(),
        "hierarchy" => ind.hierarchy.id(),
        _ => ind.kind.id(),
    }
}

fn text(site: &Site, lang: &str, t: &crate::yaml::LangText) -> String {
    t.get(lang, &site.config.fallbacks(lang))
        .unwrap_or("")
        .to_string()
}

fn figures<'a>(site: &'a Site, id: &str) -> Option<&'a Figures> {
    site.figures.get(id)
}

/// What listings show of an indicator.
pub fn summary(site: &Site, lang: &str, ind: &Indicator) -> Value {
    let f = figures(site, &ind.id);
    let url = site
        .routes
        .doc(Kind::Indicator, &ind.id, lang)
        .map(|r| r.url.clone())
        .unwrap_or_default();
    let status = f.map_or(Status::NoData, |f| f.status);
    let latest = f.and_then(|f| f.latest.as_ref());
    json!({
        "id": ind.id,
        "url": url,
        "name": text(site, lang, &ind.name),
        "category": text(site, lang, &ind.category),
        "dimension": ind.dimension,
        "dimension_label": context::label(site, lang, "dimension", ind.dimension),
        "kind": ind.kind,
        "kind_label": context::label(site, lang, "kind", ind.kind),
        "level": ind.level,
        "level_label": context::label(site, lang, "level", ind.level),
        "hierarchy": ind.hierarchy,
        "hierarchy_label": context::label(site, lang, "hierarchy", ind.hierarchy),
        "latest": latest.map(|o| format::measure(site, lang, ind, &o.value)),
        "latest_period": latest.map(|o| format::period(site, lang, o.period)),
        "status": status.id(),
        "status_label": site.theme.i18n.strings(lang).get(&format!("status_{}", status.id().replace('-', "_"))),
    })
}

/// Everything the page of an indicator shows.
pub fn full(site: &Site, lang: &str, ind: &Indicator) -> Value {
    let f = figures(site, &ind.id);
    let mut v = summary(site, lang, ind);
    let point = |p: &crate::content::indicator::Point| json!({"period": p.period, "period_display": format::period(site, lang, p.period), "value": format::measure(site, lang, ind, &p.value)});
    let observations: Vec<Value> = ind
        .observations
        .iter()
        .map(|o| {
            json!({
                "period": o.period,
                "period_display": format::period(site, lang, o.period),
                "value": format::measure(site, lang, ind, &o.value),
                "note": o.note.as_ref().map(|n| text(site, lang, n)),
            })
        })
        .collect();
    let change = f.and_then(|f| change_text(site, lang, ind, f));
    let related = related_cases(site, lang, ind);
    let data_csv = routes::data_file(&site.config, &format!("indicators/{}.csv", ind.id));
    let data_json = routes::data_file(&site.config, &format!("indicators/{}.json", ind.id));
    if let Value::Object(map) = &mut v {
        map.insert(
            "description".into(),
            json!(text(site, lang, &ind.description)),
        );
        map.insert("method".into(), json!(text(site, lang, &ind.method)));
        map.insert("sources".into(), json!(text(site, lang, &ind.sources)));
        map.insert("audiences".into(), json!(text(site, lang, &ind.audiences)));
        map.insert("unit".into(), json!(format::unit(site, lang, ind)));
        map.insert(
            "quality_label".into(),
            json!(ind
                .quality
                .map(|q| context::label(site, lang, "quality", q))),
        );
        map.insert(
            "periodicity_label".into(),
            json!(context::label(site, lang, "periodicity", ind.periodicity)),
        );
        map.insert(
            "direction_label".into(),
            json!(context::label(site, lang, "direction", ind.direction)),
        );
        map.insert(
            "scale_levels".into(),
            json!(ind.scale.as_ref().map(|s| s
                .levels
                .iter()
                .map(|l| format::level_label(site, lang, ind, &l.id))
                .collect::<Vec<_>>())),
        );
        map.insert("baseline".into(), point(&ind.baseline));
        map.insert("target".into(), point(&ind.target));
        map.insert("observations".into(), json!(observations));
        map.insert(
            "previous".into(),
            json!(f
                .and_then(|f| f.previous.as_ref())
                .map(|o| format::measure(site, lang, ind, &o.value))),
        );
        map.insert("change".into(), json!(change));
        map.insert(
            "progress".into(),
            json!(f
                .and_then(|f| f.progress)
                .map(|p| format!("{} %", format::number(site, lang, p * 100.0)))),
        );
        map.insert("chart".into(), json!(chart_svg(site, lang, ind)));
        map.insert("sdgs".into(), json!(ind.sdgs));
        map.insert("related_cases".into(), json!(related));
        map.insert("csv_url".into(), json!(data_csv.url));
        map.insert("json_url".into(), json!(data_json.url));
    }
    v
}

/// The change from the previous observation to the latest, in words that
/// fit the indicator: a signed number (`+1,250`), the two levels of a yes/no
/// scale (`from No to Yes`), or the levels climbed or lost on an ordinal
/// scale (`up 1 level`, `down 2 levels`).
fn change_text(site: &Site, lang: &str, ind: &Indicator, f: &Figures) -> Option<String> {
    let c = f.change?;
    let strings = site.theme.i18n.strings(lang);
    if ind.kind == IndicatorKind::Quantitative {
        let sign = if c > 0.0 { "+" } else { "" };
        return Some(format!("{sign}{}", format::number(site, lang, c)));
    }
    let steps = c.abs().round() as u64;
    if steps == 0 {
        return Some(strings.get("change_none").to_string());
    }
    if ind.scale.as_ref().is_some_and(|s| s.levels.len() == 2) {
        let label = |o: &Option<crate::content::indicator::Observation>| {
            o.as_ref()
                .map(|o| format::measure(site, lang, ind, &o.value))
                .unwrap_or_default()
        };
        return Some(
            strings
                .get("change_from_to")
                .replace("{from}", &label(&f.previous))
                .replace("{to}", &label(&f.latest)),
        );
    }
    let key = match (c > 0.0, steps == 1) {
        (true, true) => "change_up_one",
        (true, false) => "change_up_many",
        (false, true) => "change_down_one",
        (false, false) => "change_down_many",
    };
    Some(strings.get(key).replace("{n}", &steps.to_string()))
}

/// Cases this indicator names, and cases that name it, without repeats, in
/// id order.
fn related_cases(site: &Site, lang: &str, ind: &Indicator) -> Vec<Value> {
    let fallbacks = site.config.fallbacks(lang);
    site.links
        .cases_of(&ind.id)
        .filter_map(|id| {
            let doc = site
                .content
                .cases
                .get(id)?
                .get_or_fallback(lang, &fallbacks)?;
            let route = site.routes.doc(Kind::Case, id, &doc.lang)?;
            Some(context::case_summary(site, lang, doc, &route.url))
        })
        .collect()
}

/// Indicators related to a case (named by it, or naming it), for its page.
pub fn for_case(site: &Site, lang: &str, case_id: &str) -> Vec<Value> {
    site.links
        .indicators_of(case_id)
        .filter_map(|id| site.content.indicators.get(id))
        .map(|ind| summary(site, lang, ind))
        .collect()
}

fn chart_svg(site: &Site, lang: &str, ind: &Indicator) -> String {
    let strings = site.theme.i18n.strings(lang);
    let name = text(site, lang, &ind.name);
    let values: Vec<f64> = ind
        .observations
        .iter()
        .filter_map(|o| ind.numeric(&o.value))
        .collect();
    let labels: Vec<String> = ind
        .observations
        .iter()
        .map(|o| format::period(site, lang, o.period))
        .collect();
    let axis = match &ind.scale {
        Some(scale) if ind.kind == IndicatorKind::Qualitative => Axis::Levels(
            scale
                .levels
                .iter()
                .map(|l| format::level_label(site, lang, ind, &l.id))
                .collect(),
        ),
        _ => Axis::Numeric {
            unit: format::unit(site, lang, ind),
        },
    };
    let reference = |key: &str, p: &crate::content::indicator::Point| {
        ind.numeric(&p.value).map(|value| Reference {
            value,
            label: format!(
                "{}: {} ({})",
                strings.get(key),
                format::measure(site, lang, ind, &p.value),
                format::period(site, lang, p.period)
            ),
        })
    };
    let latest = ind
        .observations
        .last()
        .map(|o| format::measure(site, lang, ind, &o.value))
        .unwrap_or_default();
    let description = strings
        .get("chart_description")
        .replace("{count}", &ind.observations.len().to_string())
        .replace("{first}", labels.first().map(String::as_str).unwrap_or("—"))
        .replace("{last}", labels.last().map(String::as_str).unwrap_or("—"))
        .replace("{latest}", &latest)
        .replace(
            "{baseline}",
            &format::measure(site, lang, ind, &ind.baseline.value),
        )
        .replace(
            "{target}",
            &format::measure(site, lang, ind, &ind.target.value),
        );
    let number = |v: f64| format::number(site, lang, v);
    chart::svg(&Chart {
        id: &format!("chart-{}", ind.id),
        title: strings.get("chart_title").replace("{name}", &name),
        description,
        x_labels: labels,
        values,
        baseline: reference("ind_baseline", &ind.baseline),
        target: reference("ind_target", &ind.target),
        axis,
        format: &number,
        legend: [
            strings.get("legend_observed").into(),
            strings.get("ind_baseline").into(),
            strings.get("ind_target").into(),
        ],
    })
}

/// Indicators grouped by dimension, then by category (in the language's
/// order of category names).
fn grouped(site: &Site, lang: &str, keep: &dyn Fn(&Indicator) -> bool) -> Vec<Value> {
    Dimension::ALL
        .iter()
        .filter_map(|(_, dim)| {
            let mut inds: Vec<&Indicator> = site.content.indicators.values().filter(|i| i.dimension == *dim && keep(i)).collect();
            if inds.is_empty() {
                return None;
            }
            inds.sort_by_cached_key(|i| (text(site, lang, &i.category), text(site, lang, &i.name), i.id.clone()));
            let mut categories: Vec<(String, Vec<Value>)> = Vec::new();
            for ind in inds {
                let cat = text(site, lang, &ind.category);
                match categories.last_mut() {
                    Some((c, list)) if *c == cat => list.push(summary(site, lang, ind)),
                    _ => categories.push((cat, vec![summary(site, lang, ind)])),
                }
            }
            Some(json!({
                "dimension": dim,
                "label": context::label(site, lang, "dimension", *dim),
                "url": routes::indicator_facet(&site.config, lang, "dimension", dim.id()).url,
                "categories": categories.into_iter().map(|(label, indicators)| json!({"label": label, "indicators": indicators})).collect::<Vec<_>>(),
            }))
        })
        .collect()
}

/// The filter links of the index, marking the current one.
fn facet_links(site: &Site, lang: &str, current: Option<(&str, &str)>) -> Vec<Value> {
    let strings = site.theme.i18n.strings(lang);
    facets()
        .into_iter()
        .map(|(facet, values)| {
            let values: Vec<Value> = values
                .into_iter()
                .map(|v| {
                    let count = site
                        .content
                        .indicators
                        .values()
                        .filter(|i| facet_value(i, facet) == v)
                        .count();
                    json!({
                        "id": v,
                        "label": strings.get(&format!("{facet}_{v}")),
                        "url": routes::indicator_facet(&site.config, lang, facet, v).url,
                        "count": count,
                        "current": current == Some((facet, v)),
                    })
                })
                .collect();
            json!({"facet": facet, "label": strings.get(&format!("ind_{facet}")), "values": values})
        })
        .collect()
}

/// A rendered page: template, route, context, owner.
pub type Page = (&'static str, Route, tera::Context, String);

/// `/<lang>/<indicators>/`, or one of its filter pages.
pub fn index(site: &Site, lc: &LanguageContext, lang: &str, filter: Option<(&str, &str)>) -> Page {
    let config = &site.config;
    let strings = site.theme.i18n.strings(lang);
    let route_of = |l: &str| match filter {
        Some((facet, value)) => routes::indicator_facet(config, l, facet, value),
        None => routes::section(config, Section::Indicators, l),
    };
    let all: Vec<(String, Route)> = config
        .languages
        .iter()
        .map(|l| (l.clone(), route_of(l)))
        .collect();
    let route = route_of(lang);
    let versions: Vec<Version<'_>> = context::all_languages(config, &all);
    let title = match filter {
        Some((facet, value)) => format!(
            "{}: {}",
            strings.get("indicators_title"),
            strings.get(&format!("{facet}_{value}"))
        ),
        None => strings.get("indicators_title").to_string(),
    };
    let page = context::page_object(
        site,
        lang,
        "indicators",
        &title,
        Some(strings.get("indicators_intro")),
        &route,
        &versions,
    );
    let keep = |i: &Indicator| filter.is_none_or(|(facet, value)| facet_value(i, facet) == value);
    let groups = grouped(site, lang, &keep);
    let count: usize = site.content.indicators.values().filter(|i| keep(i)).count();
    let filter_json = filter.map(|(facet, value)| json!({"facet": facet, "facet_label": strings.get(&format!("ind_{facet}")), "value": value, "label": strings.get(&format!("{facet}_{value}"))}));
    let extra = vec![
        ("groups", json!(groups)),
        ("facets", json!(facet_links(site, lang, filter))),
        ("filter", json!(filter_json)),
        ("count", json!(count)),
        (
            "index_url",
            json!(routes::section(config, Section::Indicators, lang).url),
        ),
        ("downloads", downloads(site)),
    ];
    let owner = format!("indicator index ({lang})");
    ("indicators.html", route, lc.page(page, extra), owner)
}

/// A dimension's page: its indicators along the intervention chain, and how
/// many stand at each status.
pub fn dimension(site: &Site, lc: &LanguageContext, lang: &str, dim: Dimension) -> Page {
    let config = &site.config;
    let strings = site.theme.i18n.strings(lang);
    let all: Vec<(String, Route)> = config
        .languages
        .iter()
        .map(|l| {
            (
                l.clone(),
                routes::indicator_facet(config, l, "dimension", dim.id()),
            )
        })
        .collect();
    let route = routes::indicator_facet(config, lang, "dimension", dim.id());
    let versions = context::all_languages(config, &all);
    let inds: Vec<&Indicator> = site
        .content
        .indicators
        .values()
        .filter(|i| i.dimension == dim)
        .collect();
    let chain: Vec<Value> = Level::ALL
        .iter()
        .map(|(_, level)| {
            let mut at: Vec<&&Indicator> = inds.iter().filter(|i| i.level == *level).collect();
            at.sort_by_cached_key(|i| text(site, lang, &i.name));
            json!({
                "level": level,
                "label": context::label(site, lang, "level", *level),
                "indicators": at.iter().map(|i| summary(site, lang, i)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let counts: Vec<Value> = Status::ALL
        .iter()
        .map(|s| {
            let n = inds.iter().filter(|i| figures(site, &i.id).map_or(Status::NoData, |f| f.status) == *s).count();
            json!({"status": s.id(), "label": strings.get(&format!("status_{}", s.id().replace('-', "_"))), "count": n})
        })
        .collect();
    let label = context::label(site, lang, "dimension", dim);
    let title = format!("{}: {label}", strings.get("ind_dimension"));
    let description = strings
        .get(&format!("dimension_{}_intro", dim.id()))
        .to_string();
    let page = context::page_object(
        site,
        lang,
        "dimension",
        &title,
        Some(&description),
        &route,
        &versions,
    );
    let extra = vec![
        (
            "dimension",
            json!({"id": dim, "label": label, "intro": description, "total": inds.len()}),
        ),
        ("chain", json!(chain)),
        ("status_counts", json!(counts)),
        (
            "index_url",
            json!(routes::section(config, Section::Indicators, lang).url),
        ),
    ];
    (
        "dimension.html",
        route,
        lc.page(page, extra),
        format!("dimension page {} ({lang})", dim.id()),
    )
}

/// The page of one indicator.
pub fn page(site: &Site, lc: &LanguageContext, lang: &str, ind: &Indicator) -> Option<Page> {
    let config = &site.config;
    let all: Vec<(String, Route)> = config
        .languages
        .iter()
        .filter_map(|l| {
            site.routes
                .doc(Kind::Indicator, &ind.id, l)
                .map(|r| (l.clone(), r.clone()))
        })
        .collect();
    let route = site.routes.doc(Kind::Indicator, &ind.id, lang)?.clone();
    let versions = context::all_languages(config, &all);
    let name = text(site, lang, &ind.name);
    let description = text(site, lang, &ind.description);
    let mut page = context::page_object(
        site,
        lang,
        "indicator",
        &name,
        Some(&description),
        &route,
        &versions,
    );
    page["jsonld"] = json!(super::jsonld::indicator(site, lang, ind, &route.permalink));
    let extra = vec![
        ("indicator", full(site, lang, ind)),
        (
            "index_url",
            json!(routes::section(config, Section::Indicators, lang).url),
        ),
    ];
    Some((
        "indicator.html",
        route,
        lc.page(page, extra),
        crate::diagnostics::display_path(&ind.source),
    ))
}

/// Links to the open data of all indicators.
fn downloads(site: &Site) -> Value {
    json!({
        "csv": routes::data_file(&site.config, "indicators.csv").url,
        "json": routes::data_file(&site.config, "indicators.json").url,
    })
}

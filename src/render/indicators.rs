//! The indicator pages: the index (grouped by dimension and category, with
//! filter pages that work without JavaScript), one page per indicator with
//! its chart and table, and one page per dimension along the intervention
//! chain.

use super::context::{self, LanguageContext, Version};
use super::data::indicators::{BreakdownChart, BreakdownData, BreakdownRow};
use super::data::indicators::{
    Category, ChainLevel, DimensionData, DimensionGroup, DimensionTemplate, FacetLinks, FacetValue,
    FilterData, IndicatorFull, IndicatorSummary, IndicatorTemplate, IndicatorsTemplate,
    ObservationData, PointData, StatusCount,
};
use super::data::listing::Downloads;
use super::data::CaseSummary;
use crate::chart::{self, Axis, Chart, PeriodLabel, Reference};
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

/// `t` in `lang` (else in the first language of the fallback order that
/// has it), or empty.
fn text<'a>(site: &Site, lang: &str, t: &'a crate::yaml::LangText) -> &'a str {
    t.get(lang, &site.config.fallbacks(lang)).unwrap_or("")
}

fn figures<'a>(site: &'a Site, id: &str) -> Option<&'a Figures> {
    site.figures.get(id)
}

/// The label of `status` in `lang` (its `status_<id>` word, hyphens as `_`).
fn status_label(site: &Site, lang: &str, status: Status) -> String {
    site.theme
        .i18n
        .strings(lang)
        .get(&format!("status_{}", status.id().replace('-', "_")))
        .to_string()
}

/// What listings show of an indicator.
pub(crate) fn summary<'a>(site: &'a Site, lang: &str, ind: &'a Indicator) -> IndicatorSummary<'a> {
    let f = figures(site, &ind.id);
    let url = site
        .routes
        .doc(Kind::Indicator, &ind.id, lang)
        .map_or("", |r| r.url.as_str());
    let status = f.map_or(Status::NoData, |f| f.status);
    let latest = f.and_then(|f| f.latest.as_ref());
    IndicatorSummary {
        id: &ind.id,
        url,
        name: text(site, lang, &ind.name),
        category: text(site, lang, &ind.category),
        dimension: ind.dimension,
        dimension_label: context::label(site, lang, "dimension", ind.dimension),
        kind: ind.kind,
        kind_label: context::label(site, lang, "kind", ind.kind),
        level: ind.level,
        level_label: context::label(site, lang, "level", ind.level),
        hierarchy: ind.hierarchy,
        hierarchy_label: context::label(site, lang, "hierarchy", ind.hierarchy),
        latest: latest.map(|o| format::measure(site, lang, ind, &o.value)),
        latest_period: latest.map(|o| format::period(site, lang, o.period)),
        status: status.id(),
        status_label: status_label(site, lang, status),
    }
}

/// Everything the page of an indicator shows.
pub(crate) fn full<'a>(
    site: &'a Site,
    lc: &'a LanguageContext<'_>,
    lang: &str,
    ind: &'a Indicator,
) -> IndicatorFull<'a> {
    let f = figures(site, &ind.id);
    let measure = |m: &crate::content::indicator::Measure| format::measure(site, lang, ind, m);
    let point = |p: &crate::content::indicator::Point| PointData {
        period: p.period,
        period_display: format::period(site, lang, p.period),
        value: measure(&p.value),
    };
    let observations = ind
        .observations
        .iter()
        .map(|o| ObservationData {
            period: o.period,
            period_display: format::period(site, lang, o.period),
            value: measure(&o.value),
            note: o.note.as_ref().map(|n| text(site, lang, n)),
        })
        .collect();
    IndicatorFull {
        summary: summary(site, lang, ind),
        description: text(site, lang, &ind.description),
        method: text(site, lang, &ind.method),
        sources: text(site, lang, &ind.sources),
        audiences: text(site, lang, &ind.audiences),
        unit: format::unit(site, lang, ind),
        quality_label: ind
            .quality
            .map(|q| context::label(site, lang, "quality", q)),
        periodicity_label: context::label(site, lang, "periodicity", ind.periodicity),
        direction_label: context::label(site, lang, "direction", ind.direction),
        scale_levels: ind.scale.as_ref().map(|s| {
            s.levels
                .iter()
                .map(|l| format::level_label(site, lang, ind, &l.id))
                .collect()
        }),
        baseline: point(&ind.baseline),
        target: point(&ind.target),
        observations,
        previous: f
            .and_then(|f| f.previous.as_ref())
            .map(|o| measure(&o.value)),
        change: f.and_then(|f| change_text(site, lang, ind, f)),
        progress: f
            .and_then(|f| f.progress)
            .map(|p| format!("{} %", format::number(site, lang, p * 100.0))),
        chart: chart_svg(site, lang, ind),
        breakdowns: breakdowns(site, lang, ind),
        sdgs: &ind.sdgs,
        related_cases: related_cases(site, lc, ind),
        csv_url: routes::data_file(&site.config, &format!("indicators/{}.csv", ind.id)).url,
        json_url: routes::data_file(&site.config, &format!("indicators/{}.json", ind.id)).url,
    }
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
/// id order: their summaries in the page's language.
fn related_cases<'a>(
    site: &Site,
    lc: &'a LanguageContext<'_>,
    ind: &Indicator,
) -> Vec<&'a CaseSummary<'a>> {
    site.links
        .cases_of(&ind.id)
        .filter_map(|id| lc.case_summary(id))
        .collect()
}

/// Indicators related to a case (named by it, or naming it), for its page.
pub(crate) fn for_case<'a>(site: &'a Site, lang: &str, case_id: &str) -> Vec<IndicatorSummary<'a>> {
    site.links
        .indicators_of(case_id)
        .filter_map(|id| site.content.indicators.get(id))
        .map(|ind| summary(site, lang, ind))
        .collect()
}

/// The table and charts of each dimension of breakdown, from the
/// observations broken down by that dimension alone (those that combine
/// several dimensions are in the open data only).
fn breakdowns(site: &Site, lang: &str, ind: &Indicator) -> Vec<BreakdownData> {
    let name = text(site, lang, &ind.name);
    ind.breakdowns
        .iter()
        .filter_map(|b| {
            let parts: Vec<&crate::content::indicator::PartObservation> = ind
                .parts
                .iter()
                .filter(|p| p.breakdown.len() == 1 && p.breakdown[0].0 == b.id)
                .collect();
            if parts.is_empty() {
                return None;
            }
            let mut periods: Vec<crate::period::Period> = parts.iter().map(|p| p.period).collect();
            periods.dedup();
            let rows = periods
                .iter()
                .map(|period| BreakdownRow {
                    period_display: format::period(site, lang, *period),
                    total: ind
                        .observations
                        .iter()
                        .find(|o| o.period == *period)
                        .map(|o| format::measure(site, lang, ind, &o.value))
                        .unwrap_or_default(),
                    cells: b
                        .values
                        .iter()
                        .map(|v| {
                            parts
                                .iter()
                                .find(|p| p.period == *period && p.breakdown[0].1 == v.id)
                                .map(|p| format::measure(site, lang, ind, &p.value))
                                .unwrap_or_default()
                        })
                        .collect(),
                })
                .collect();
            let charts = b
                .values
                .iter()
                .filter_map(|v| {
                    let series: Vec<(crate::period::Period, &crate::content::indicator::Measure)> =
                        parts
                            .iter()
                            .filter(|p| p.breakdown[0].1 == v.id)
                            .map(|p| (p.period, &p.value))
                            .collect();
                    if series.is_empty() {
                        return None;
                    }
                    let value_label = text(site, lang, &v.label);
                    let title = format!("{name} — {}: {value_label}", text(site, lang, &b.label));
                    Some(BreakdownChart {
                        label: value_label.to_string(),
                        svg: series_svg(
                            site,
                            lang,
                            ind,
                            &format!("chart-{}-{}-{}", ind.id, b.id, v.id),
                            title,
                            &series,
                            false,
                        ),
                    })
                })
                .collect();
            Some(BreakdownData {
                id: b.id.clone(),
                label: text(site, lang, &b.label).to_string(),
                values: b
                    .values
                    .iter()
                    .map(|v| text(site, lang, &v.label).to_string())
                    .collect(),
                rows,
                charts,
            })
        })
        .collect()
}

fn chart_svg(site: &Site, lang: &str, ind: &Indicator) -> String {
    let strings = site.theme.i18n.strings(lang);
    let name = text(site, lang, &ind.name);
    let series: Vec<(crate::period::Period, &crate::content::indicator::Measure)> = ind
        .observations
        .iter()
        .map(|o| (o.period, &o.value))
        .collect();
    series_svg(
        site,
        lang,
        ind,
        &format!("chart-{}", ind.id),
        strings.get("chart_title").replace("{name}", name),
        &series,
        true,
    )
}

/// The chart of one series of `ind` (its total, or one part of it); the
/// baseline and the target are drawn with the total only, since they are
/// figures of the total.
fn series_svg(
    site: &Site,
    lang: &str,
    ind: &Indicator,
    id: &str,
    title: String,
    series: &[(crate::period::Period, &crate::content::indicator::Measure)],
    references: bool,
) -> String {
    let strings = site.theme.i18n.strings(lang);
    let values: Vec<f64> = series.iter().filter_map(|(_, v)| ind.numeric(v)).collect();
    let labels: Vec<String> = series
        .iter()
        .map(|(p, _)| format::period(site, lang, *p))
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
        ind.numeric(&p.value).map(|value| {
            let short_label = format!(
                "{}: {}",
                strings.get(key),
                format::measure(site, lang, ind, &p.value)
            );
            Reference {
                value,
                label: format!("{short_label} ({})", format::period(site, lang, p.period)),
                short_label,
            }
        })
    };
    let latest = series
        .last()
        .map(|(_, v)| format::measure(site, lang, ind, v))
        .unwrap_or_default();
    let description_word = if references {
        "chart_description"
    } else {
        "chart_part_description"
    };
    let description = strings
        .get(description_word)
        .replace("{count}", &series.len().to_string())
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
        id,
        title,
        description,
        x_labels: labels
            .into_iter()
            .zip(&ind.observations)
            .map(|(full, o)| PeriodLabel {
                full,
                short: format::period_short(site, lang, o.period),
            })
            .collect(),
        values,
        baseline: references
            .then(|| reference("ind_baseline", &ind.baseline))
            .flatten(),
        target: references
            .then(|| reference("ind_target", &ind.target))
            .flatten(),
        axis,
        format: &number,
        legend: [
            strings.get("legend_observed").into(),
            strings.get("ind_baseline").into(),
            strings.get("ind_target").into(),
        ],
        rtl: crate::i18n::direction(lang) == "rtl",
    })
}

/// Indicators grouped by dimension, then by category (in the language's
/// order of category names).
fn grouped<'a>(
    site: &'a Site,
    lang: &str,
    keep: &dyn Fn(&Indicator) -> bool,
) -> Vec<DimensionGroup<'a>> {
    Dimension::ALL
        .iter()
        .filter_map(|(_, dim)| {
            let mut inds: Vec<&Indicator> = site
                .content
                .indicators
                .values()
                .filter(|i| i.dimension == *dim && keep(i))
                .collect();
            if inds.is_empty() {
                return None;
            }
            inds.sort_by_cached_key(|i| {
                (
                    text(site, lang, &i.category),
                    text(site, lang, &i.name),
                    i.id.clone(),
                )
            });
            Some(DimensionGroup {
                dimension: *dim,
                label: context::label(site, lang, "dimension", *dim),
                url: routes::indicator_facet(&site.config, lang, "dimension", dim.id()).url,
                categories: categories(site, lang, inds),
            })
        })
        .collect()
}

/// Sorted indicators cut into runs of the same category.
fn categories<'a>(site: &'a Site, lang: &str, inds: Vec<&'a Indicator>) -> Vec<Category<'a>> {
    let mut out: Vec<Category<'a>> = Vec::new();
    for ind in inds {
        let cat = text(site, lang, &ind.category);
        match out.last_mut() {
            Some(c) if c.label == cat => c.indicators.push(summary(site, lang, ind)),
            _ => out.push(Category {
                label: cat,
                indicators: vec![summary(site, lang, ind)],
            }),
        }
    }
    out
}

/// The filter links of the index, marking the current one.
fn facet_links(site: &Site, lang: &str, current: Option<(&str, &str)>) -> Vec<FacetLinks<'static>> {
    let strings = site.theme.i18n.strings(lang);
    facets()
        .into_iter()
        .map(|(facet, values)| {
            let values = values
                .into_iter()
                .map(|v| FacetValue {
                    id: v,
                    label: strings.get(&format!("{facet}_{v}")).to_string(),
                    url: routes::indicator_facet(&site.config, lang, facet, v).url,
                    count: site
                        .content
                        .indicators
                        .values()
                        .filter(|i| facet_value(i, facet) == v)
                        .count(),
                    current: current == Some((facet, v)),
                })
                .collect();
            FacetLinks {
                facet,
                label: strings.get(&format!("ind_{facet}")).to_string(),
                values,
            }
        })
        .collect()
}

/// A rendered page: template, route, context, owner.
pub type Page = (&'static str, Route, tera::Context, String);

/// The routes of a page every language has, from its route in a language.
fn in_every_language(site: &Site, route_of: &dyn Fn(&str) -> Route) -> Vec<(String, Route)> {
    site.config
        .languages
        .iter()
        .map(|l| (l.clone(), route_of(l)))
        .collect()
}

/// `/<lang>/<indicators>/`, or one of its filter pages.
pub fn index(site: &Site, lc: &LanguageContext, lang: &str, filter: Option<(&str, &str)>) -> Page {
    let config = &site.config;
    let strings = site.theme.i18n.strings(lang);
    let route_of = |l: &str| match filter {
        Some((facet, value)) => routes::indicator_facet(config, l, facet, value),
        None => routes::section(config, Section::Indicators, l),
    };
    let all = in_every_language(site, &route_of);
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
    let page = context::page_data(
        site,
        lang,
        "indicators",
        title,
        Some(strings.get("indicators_intro")),
        &route,
        &versions,
    );
    let keep = |i: &Indicator| filter.is_none_or(|(facet, value)| facet_value(i, facet) == value);
    let data = IndicatorsTemplate {
        groups: grouped(site, lang, &keep),
        facets: facet_links(site, lang, filter),
        filter: filter.map(|(facet, value)| FilterData {
            facet,
            facet_label: strings.get(&format!("ind_{facet}")).to_string(),
            value,
            label: strings.get(&format!("{facet}_{value}")).to_string(),
        }),
        count: site.content.indicators.values().filter(|i| keep(i)).count(),
        index_url: routes::section(config, Section::Indicators, lang).url,
        downloads: downloads(site),
    };
    let ctx = lc.typed(&page, &data);
    let owner = format!("indicator index ({lang})");
    ("indicators.html", route, ctx, owner)
}

/// A dimension's page: its indicators along the intervention chain, and how
/// many stand at each status.
pub fn dimension(site: &Site, lc: &LanguageContext, lang: &str, dim: Dimension) -> Page {
    let config = &site.config;
    let strings = site.theme.i18n.strings(lang);
    let route_of = |l: &str| routes::indicator_facet(config, l, "dimension", dim.id());
    let all = in_every_language(site, &route_of);
    let route = route_of(lang);
    let versions = context::all_languages(config, &all);
    let inds: Vec<&Indicator> = site
        .content
        .indicators
        .values()
        .filter(|i| i.dimension == dim)
        .collect();
    let label = context::label(site, lang, "dimension", dim);
    let title = format!("{}: {label}", strings.get("ind_dimension"));
    let intro = strings
        .get(&format!("dimension_{}_intro", dim.id()))
        .to_string();
    let mut page = context::page_data(site, lang, "dimension", title, None, &route, &versions);
    page.description = Some(intro.as_str().into());
    let data = DimensionTemplate {
        dimension: DimensionData {
            id: dim,
            label,
            intro: intro.clone(),
            total: inds.len(),
        },
        chain: chain(site, lang, &inds),
        status_counts: status_counts(site, lang, &inds),
        index_url: routes::section(config, Section::Indicators, lang).url,
    };
    let ctx = lc.typed(&page, &data);
    let owner = format!("dimension page {} ({lang})", dim.id());
    ("dimension.html", route, ctx, owner)
}

/// The indicators of a dimension per level, from input to impact, by name.
fn chain<'a>(site: &'a Site, lang: &str, inds: &[&'a Indicator]) -> Vec<ChainLevel<'a>> {
    Level::ALL
        .iter()
        .map(|(_, level)| {
            let mut at: Vec<&'a Indicator> =
                inds.iter().copied().filter(|i| i.level == *level).collect();
            at.sort_by_cached_key(|i| text(site, lang, &i.name));
            ChainLevel {
                level: *level,
                label: context::label(site, lang, "level", *level),
                indicators: at.into_iter().map(|i| summary(site, lang, i)).collect(),
            }
        })
        .collect()
}

/// How many of `inds` stand at each status, every status in order (also
/// the rows of the progress overview).
pub(crate) fn status_counts(
    site: &Site,
    lang: &str,
    inds: &[&Indicator],
) -> Vec<StatusCount<'static>> {
    Status::ALL
        .iter()
        .map(|s| StatusCount {
            status: s.id(),
            label: status_label(site, lang, *s),
            count: inds
                .iter()
                .filter(|i| figures(site, &i.id).map_or(Status::NoData, |f| f.status) == *s)
                .count(),
        })
        .collect()
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
    let data = IndicatorTemplate {
        indicator: full(site, lc, lang, ind),
        index_url: routes::section(config, Section::Indicators, lang).url,
    };
    let mut page = context::page_data(
        site,
        lang,
        "indicator",
        data.indicator.summary.name,
        Some(data.indicator.description),
        &route,
        &versions,
    );
    page.jsonld = Some(super::jsonld::indicator(site, lang, ind, &route.permalink));
    let ctx = lc.typed(&page, &data);
    let owner = crate::diagnostics::display_path(&ind.source);
    Some(("indicator.html", route, ctx, owner))
}

/// Links to the open data of all indicators.
fn downloads(site: &Site) -> Downloads {
    Downloads {
        csv: routes::data_file(&site.config, "indicators.csv").url,
        json: routes::data_file(&site.config, "indicators.json").url,
    }
}

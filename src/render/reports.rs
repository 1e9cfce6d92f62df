//! The report pages: the index of every semester, and each report with its
//! six parts (narrative, agreements, actions, indicators, cases, annex).

use std::collections::BTreeMap;

use super::context::{self, LanguageContext};
use super::data::reports::{
    ActionGroup, CountryCount, ErratumData, PdfLink, ReportActions, ReportAgreements, ReportData,
    ReportIndicator, ReportItem, ReportTemplate, ReportsTemplate, TypeCount,
};
use super::indicators::Page;
use super::registry;
use crate::config::Section;
use crate::content::action::ActionType;
use crate::content::agreement::AgreementType;
use crate::content::{Action, Agreement, Document, Kind, ReportMeta};
use crate::format;
use crate::period::Period;
use crate::reports::{self, canonical, Composition};
use crate::routes;
use crate::site::Site;
use crate::yaml::YamlEnum;

fn totals(site: &Site, lang: &str, t: &BTreeMap<String, f64>) -> Vec<String> {
    t.iter()
        .map(|(c, v)| format!("{} {c}", format::number(site, lang, *v)))
        .collect()
}

/// `/<lang>/<reports>/`: every semester, newest first, presented or draft.
pub fn index(site: &Site, lc: &LanguageContext, lang: &str) -> Page {
    let config = &site.config;
    let strings = site.theme.i18n.strings(lang);
    let fallbacks = config.fallbacks(lang);
    let mut items: Vec<(Period, ReportItem<'_>)> = site
        .content
        .reports
        .entries
        .values()
        .filter_map(|e| {
            let doc = e.get_or_fallback(lang, &fallbacks)?;
            let url = &site.routes.doc(Kind::Report, &e.id, &doc.lang)?.url;
            Some((doc.meta.period, report_item(site, lang, doc, url)))
        })
        .collect();
    items.sort_by_key(|(p, _)| std::cmp::Reverse(*p));
    let (route, all) = context::listing_routes(site, lang, Section::Reports, 1);
    let versions = context::all_languages(config, &all);
    let page = context::page_data(
        site,
        lang,
        "reports",
        strings.get("reports_title"),
        Some(strings.get("reports_intro")),
        &route,
        &versions,
    );
    let data = ReportsTemplate {
        reports: items.into_iter().map(|(_, v)| v).collect(),
    };
    let ctx = lc.typed(&page, &data);
    (
        "reports.html",
        route,
        ctx,
        format!("list of reports ({lang})"),
    )
}

/// What the list of reports shows of `doc` (the version shown in `lang`).
pub(crate) fn report_item<'a>(
    site: &Site,
    lang: &str,
    doc: &'a Document<ReportMeta>,
    url: &'a str,
) -> ReportItem<'a> {
    let m = &doc.meta;
    ReportItem {
        period: &doc.id,
        period_display: format::period(site, lang, m.period),
        title: &m.title,
        lang: &doc.lang,
        translated: doc.lang == lang,
        url,
        legislature: &m.legislature,
        presented: m.presented,
        presented_display: m.presented.map(|d| site.theme.i18n.format_date(lang, d)),
        errata: m.errata.len(),
    }
}

/// The agreements part of a report in `lang`.
fn agreements_part<'a>(site: &'a Site, lang: &str, c: &Composition<'a>) -> ReportAgreements<'a> {
    let strings = site.theme.i18n.strings(lang);
    let list = |list: &[&'a Agreement]| {
        list.iter()
            .map(|a| registry::agreement(site, lang, a))
            .collect::<Vec<_>>()
    };
    let by_type = AgreementType::ALL
        .iter()
        .filter_map(|(_, t)| {
            let count = c.signed.iter().filter(|a| a.kind == *t).count();
            (count > 0).then(|| TypeCount {
                label: context::label(site, lang, "agreement_type", *t),
                count,
            })
        })
        .collect();
    let mut countries: BTreeMap<&'a str, usize> = BTreeMap::new();
    for a in &c.signed {
        for code in a.countries() {
            *countries.entry(code).or_default() += 1;
        }
    }
    let by_country = countries
        .into_iter()
        .map(|(code, count)| CountryCount {
            code,
            name: strings
                .map
                .get(&format!("country_{code}"))
                .map_or(code, String::as_str),
            count,
        })
        .collect();
    let amounts = |list: &[&Agreement]| {
        totals(
            site,
            lang,
            &reports::totals(
                list.iter()
                    .flat_map(|a| a.committed_received(chrono::NaiveDate::MAX)),
            ),
        )
    };
    ReportAgreements {
        signed: list(&c.signed),
        active: list(&c.active),
        concluded: list(&c.concluded),
        by_type,
        by_country,
        signed_totals: amounts(&c.signed),
        active_totals: amounts(&c.active),
    }
}

/// The actions part of a report in `lang`.
fn actions_part<'a>(site: &'a Site, lang: &str, c: &Composition<'a>) -> ReportActions<'a> {
    let costs = |list: &[&Action]| {
        totals(
            site,
            lang,
            &reports::totals(list.iter().filter_map(|a| a.cost.as_ref())),
        )
    };
    let data = |list: &[&'a Action]| {
        list.iter()
            .map(|a| registry::action(site, lang, a))
            .collect::<Vec<_>>()
    };
    let groups = ActionType::ALL
        .iter()
        .filter_map(|(id, t)| {
            let of_type: Vec<&'a Action> =
                c.actions.iter().copied().filter(|a| a.kind == *t).collect();
            (!of_type.is_empty()).then(|| ActionGroup {
                kind: id,
                label: context::label(site, lang, "action_type", *t),
                count: of_type.len(),
                cost_totals: costs(&of_type),
                items: data(&of_type),
            })
        })
        .collect();
    ReportActions {
        groups,
        count: c.actions.len(),
        cost_totals: costs(&c.actions),
        all: data(&c.actions),
    }
}

/// The indicators part of a report in `lang`: each indicator measured in
/// the semester.
fn indicators_part<'a>(
    site: &'a Site,
    lang: &str,
    c: &Composition<'a>,
) -> Vec<ReportIndicator<'a>> {
    let strings = site.theme.i18n.strings(lang);
    let fallbacks = site.config.fallbacks(lang);
    c.indicators
        .iter()
        .map(|l| {
            let ind = l.indicator;
            let measure =
                |m: &crate::content::indicator::Measure| format::measure(site, lang, ind, m);
            let period = |p| format::period(site, lang, p);
            ReportIndicator {
                id: &ind.id,
                name: ind.name.get(lang, &fallbacks).unwrap_or(""),
                url: site
                    .routes
                    .doc(Kind::Indicator, &ind.id, lang)
                    .map(|r| r.url.as_str()),
                period_display: period(l.observation.period),
                value: measure(&l.observation.value),
                previous: l
                    .previous
                    .as_ref()
                    .map(|p| format!("{} ({})", measure(&p.value), period(p.period))),
                target: format!(
                    "{} ({})",
                    measure(&ind.target.value),
                    period(ind.target.period)
                ),
                status: l.status.id(),
                status_label: strings
                    .get(&format!("status_{}", l.status.id().replace('-', "_")))
                    .to_string(),
            }
        })
        .collect()
}

/// The page of the report `doc` (in its own language).
pub fn page(site: &Site, lc: &LanguageContext, doc: &Document<ReportMeta>) -> Option<Page> {
    let config = &site.config;
    let lang = doc.lang.as_str();
    let entry = site.content.reports.get(&doc.id)?;
    let versions = context::entry_versions(site, Kind::Report, entry);
    let route = site.routes.doc(Kind::Report, &doc.id, lang)?.clone();
    let c = reports::compose(&site.content, doc.meta.period);
    let mut page = context::page_data(
        site,
        lang,
        "report",
        doc.meta.title.as_str(),
        Some(&doc.meta.legislature),
        &route,
        &versions,
    );
    page.jsonld = Some(super::jsonld::report(site, doc, &route.permalink));
    let data = ReportTemplate {
        report: report_data(site, lc, doc, &c),
        index_url: routes::section(config, Section::Reports, lang).url,
    };
    let ctx = lc.typed(&page, &data);
    let owner = crate::diagnostics::display_path(&doc.source);
    Some(("report.html", route, ctx, owner))
}

/// The `report` object of `doc` for its printed version: the same as its
/// page's. `lc` needs the summaries of the cases of its semester.
pub(crate) fn print_data<'a>(
    site: &'a Site,
    lc: &'a LanguageContext<'a>,
    doc: &'a Document<ReportMeta>,
) -> ReportData<'a> {
    let c = reports::compose(&site.content, doc.meta.period);
    report_data(site, lc, doc, &c)
}

/// The `report` object of the page of `doc`, from its composition `c`.
fn report_data<'a>(
    site: &'a Site,
    lc: &'a LanguageContext<'_>,
    doc: &'a Document<ReportMeta>,
    c: &Composition<'a>,
) -> ReportData<'a> {
    let config = &site.config;
    let lang = doc.lang.as_str();
    let m = &doc.meta;
    let i18n = &site.theme.i18n;
    let content = m
        .presented
        .map(|_| reports::report_content(&site.content, doc, &config.languages));
    let fingerprint = content.as_ref().map(canonical::fingerprint);
    ReportData {
        period: &doc.id,
        period_display: format::period(site, lang, m.period),
        title: &m.title,
        legislature: &m.legislature,
        presented: m.presented,
        presented_display: m.presented.map(|d| i18n.format_date(lang, d)),
        draft: m.presented.is_none(),
        fingerprint,
        letter: m.letter.as_deref(),
        received: m
            .received
            .as_ref()
            .map(|r| super::data::reports::ReceivedData {
                date: r.date,
                date_display: i18n.format_date(lang, r.date),
                entry: &r.entry,
            }),
        errata: m
            .errata
            .iter()
            .enumerate()
            .map(|(i, e)| ErratumData {
                date: e.date,
                date_display: i18n.format_date(lang, e.date),
                description: &e.description,
                number: i + 1,
                kind: e.kind.map(crate::yaml::YamlEnum::id),
                kind_label: e
                    .kind
                    .map(|k| super::context::label(site, lang, "report_erratum_kind", k)),
                section: e.section.map(crate::yaml::YamlEnum::id),
                section_label: e
                    .section
                    .map(|s| super::context::label(site, lang, "report_part", s)),
            })
            .collect(),
        html: &doc.html,
        headings: &doc.headings,
        agreements: agreements_part(site, lang, c),
        actions: actions_part(site, lang, c),
        indicators: indicators_part(site, lang, c),
        cases: c
            .cases
            .iter()
            .filter_map(|id| lc.case_summary(id))
            .collect(),
        data_json: routes::data_file(config, &format!("reports/{}.json", doc.id)).url,
        data_csv: routes::data_file(config, &format!("reports/{}.csv", doc.id)).url,
        pdf: site
            .printed
            .get(&(doc.id.clone(), doc.lang.clone()))
            .map(|p| PdfLink {
                url: p.url.clone(),
                size: file_size(site, lang, p.bytes),
            }),
        as_presented: content
            .as_ref()
            .and_then(|c| super::report_presented::link(site, doc, c)),
    }
}

/// A file's size written for readers of `lang`: whole kilobytes below a
/// megabyte (at least 1 KB), else megabytes with one decimal (1 KB = 1,024 bytes).
pub(crate) fn file_size(site: &Site, lang: &str, bytes: usize) -> String {
    const KB: f64 = 1024.0;
    let kb = bytes as f64 / KB;
    if kb < 1000.0 {
        format!("{} KB", format::number(site, lang, kb.ceil().max(1.0)))
    } else {
        let mb = (kb / KB * 10.0).round() / 10.0;
        format!("{} MB", format::number(site, lang, mb))
    }
}

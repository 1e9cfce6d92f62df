//! The report pages: the index of every semester, and each report with its
//! six parts (narrative, agreements, actions, indicators, cases, annex).

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::context::{self, LanguageContext};
use super::indicators::Page;
use super::registry;
use crate::config::Section;
use crate::content::action::ActionType;
use crate::content::agreement::AgreementType;
use crate::content::{Document, Kind, ReportMeta};
use crate::format;
use crate::period::Period;
use crate::reports::{self, canonical};
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
    let mut items: Vec<(Period, Value)> = site
        .content
        .reports
        .entries
        .values()
        .filter_map(|e| {
            let doc = e.get_or_fallback(lang, &fallbacks)?;
            let url = site.routes.doc(Kind::Report, &e.id, &doc.lang)?.url.clone();
            let p = doc.meta.period;
            Some((
                p,
                json!({
                    "period": e.id,
                    "period_display": format::period(site, lang, p),
                    "title": doc.meta.title,
                    "lang": doc.lang,
                    "translated": doc.lang == lang,
                    "url": url,
                    "legislature": doc.meta.legislature,
                    "presented": doc.meta.presented,
                    "presented_display": doc.meta.presented.map(|d| site.theme.i18n.format_date(lang, d)),
                    "errata": doc.meta.errata.len(),
                }),
            ))
        })
        .collect();
    items.sort_by_key(|(p, _)| std::cmp::Reverse(*p));
    let title = strings.get("reports_title").to_string();
    let (route, page) = context::section_page(
        site,
        lang,
        Section::Reports,
        "reports",
        &title,
        Some(strings.get("reports_intro")),
    );
    let items: Vec<Value> = items.into_iter().map(|(_, v)| v).collect();
    (
        "reports.html",
        route,
        lc.page(page, vec![("reports", json!(items))]),
        format!("list of reports ({lang})"),
    )
}

/// The page of the report `doc` (in its own language).
pub fn page(site: &Site, lc: &LanguageContext, doc: &Document<ReportMeta>) -> Option<Page> {
    let config = &site.config;
    let lang = doc.lang.as_str();
    let strings = site.theme.i18n.strings(lang);
    let entry = site.content.reports.get(&doc.id)?;
    let versions = context::entry_versions(site, Kind::Report, entry);
    let route = site.routes.doc(Kind::Report, &doc.id, lang)?.clone();
    let period = doc.meta.period;
    let c = reports::compose(&site.content, period);

    let agreement_list = |list: &[&crate::content::Agreement]| {
        list.iter()
            .map(|a| registry::agreement(site, lang, a))
            .collect::<Vec<_>>()
    };
    let by_type: Vec<Value> = AgreementType::ALL
        .iter()
        .filter_map(|(_, t)| {
            let n = c.signed.iter().filter(|a| a.kind == *t).count();
            (n > 0).then(
                || json!({"label": context::label(site, lang, "agreement_type", *t), "count": n}),
            )
        })
        .collect();
    let mut countries: BTreeMap<String, usize> = BTreeMap::new();
    for a in &c.signed {
        *countries.entry(a.partner_country.clone()).or_default() += 1;
    }
    let by_country: Vec<Value> = countries
        .iter()
        .map(|(code, n)| json!({"code": code, "name": strings.map.get(&format!("country_{code}")).cloned().unwrap_or_else(|| code.clone()), "count": n}))
        .collect();
    let agreements = json!({
        "signed": agreement_list(&c.signed),
        "active": agreement_list(&c.active),
        "concluded": agreement_list(&c.concluded),
        "by_type": by_type,
        "by_country": by_country,
        "signed_totals": totals(site, lang, &reports::totals(c.signed.iter().filter_map(|a| a.amount.as_ref()))),
        "active_totals": totals(site, lang, &reports::totals(c.active.iter().filter_map(|a| a.amount.as_ref()))),
    });
    let groups: Vec<Value> = ActionType::ALL
        .iter()
        .filter_map(|(id, t)| {
            let of_type: Vec<&&crate::content::Action> = c.actions.iter().filter(|a| a.kind == *t).collect();
            (!of_type.is_empty()).then(|| {
                json!({
                    "type": id,
                    "label": context::label(site, lang, "action_type", *t),
                    "count": of_type.len(),
                    "cost_totals": totals(site, lang, &reports::totals(of_type.iter().filter_map(|a| a.cost.as_ref()))),
                    "items": of_type.iter().map(|a| registry::action(site, lang, a)).collect::<Vec<_>>(),
                })
            })
        })
        .collect();
    let actions = json!({
        "groups": groups,
        "count": c.actions.len(),
        "cost_totals": totals(site, lang, &reports::totals(c.actions.iter().filter_map(|a| a.cost.as_ref()))),
        "all": c.actions.iter().map(|a| registry::action(site, lang, a)).collect::<Vec<_>>(),
    });
    let indicators: Vec<Value> = c
        .indicators
        .iter()
        .map(|l| {
            let ind = l.indicator;
            let fallbacks = config.fallbacks(lang);
            json!({
                "id": ind.id,
                "name": ind.name.get(lang, &fallbacks).unwrap_or(""),
                "url": site.routes.doc(Kind::Indicator, &ind.id, lang).map(|r| r.url.clone()),
                "period_display": format::period(site, lang, l.observation.period),
                "value": format::measure(site, lang, ind, &l.observation.value),
                "previous": l.previous.as_ref().map(|p| format!("{} ({})", format::measure(site, lang, ind, &p.value), format::period(site, lang, p.period))),
                "target": format!("{} ({})", format::measure(site, lang, ind, &ind.target.value), format::period(site, lang, ind.target.period)),
                "status": l.status.id(),
                "status_label": strings.get(&format!("status_{}", l.status.id().replace('-', "_"))),
            })
        })
        .collect();
    let fallbacks = config.fallbacks(lang);
    let cases: Vec<Value> = c
        .cases
        .iter()
        .filter_map(|id| {
            let d = site
                .content
                .cases
                .get(id)?
                .get_or_fallback(lang, &fallbacks)?;
            let r = site.routes.doc(Kind::Case, id, &d.lang)?;
            Some(context::case_summary(site, lang, d, &r.url))
        })
        .collect();
    let fingerprint = doc.meta.presented.map(|_| {
        canonical::fingerprint(&reports::report_content(
            &site.content,
            doc,
            &config.languages,
        ))
    });
    let report = json!({
        "period": doc.id,
        "period_display": format::period(site, lang, period),
        "title": doc.meta.title,
        "legislature": doc.meta.legislature,
        "presented": doc.meta.presented,
        "presented_display": doc.meta.presented.map(|d| site.theme.i18n.format_date(lang, d)),
        "draft": doc.meta.presented.is_none(),
        "fingerprint": fingerprint,
        "errata": doc.meta.errata.iter().map(|e| json!({"date": e.date, "date_display": site.theme.i18n.format_date(lang, e.date), "description": e.description})).collect::<Vec<_>>(),
        "html": doc.html,
        "headings": doc.headings,
        "agreements": agreements,
        "actions": actions,
        "indicators": indicators,
        "cases": cases,
        "data_json": routes::data_file(config, &format!("reports/{}.json", doc.id)).url,
        "data_csv": routes::data_file(config, &format!("reports/{}.csv", doc.id)).url,
    });
    let mut page = context::page_object(
        site,
        lang,
        "report",
        &doc.meta.title,
        Some(&doc.meta.legislature),
        &route,
        &versions,
    );
    page["jsonld"] = json!(super::jsonld::report(site, doc, &route.permalink));
    let extra = vec![
        ("report", report),
        (
            "index_url",
            json!(routes::section(config, Section::Reports, lang).url),
        ),
    ];
    Some((
        "report.html",
        route,
        lc.page(page, extra),
        crate::diagnostics::display_path(&doc.source),
    ))
}

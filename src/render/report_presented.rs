//! A report as presented, at `/<lang>/<reports>/<period>/as-presented/`:
//! made from the content kept in `reports.presented/` alone (titles,
//! figures, narrative as they were), so that later changes of the registry,
//! the cases or the narrative do not change it; and, on the current
//! version, the link to it with the sections that differ.

use std::collections::BTreeMap;

use serde_json::Value;

use super::context::{self, LanguageContext};
use super::data::reports::{
    AsPresentedLink, PresentedAction, PresentedActionGroup, PresentedActions, PresentedAgreement,
    PresentedAgreements, PresentedCase, PresentedCounterpart, PresentedCountryCount, PresentedData,
    PresentedFund, PresentedIndicator, PresentedName, PresentedPlace, PresentedRegistration,
    PresentedSignatory, PresentedTemplate, SectionChange, TypeCount,
};
use super::indicators::Page;
use crate::config::Section;
use crate::content::{Document, Kind, ReportMeta};
use crate::diagnostics::Diagnostic;
use crate::format;
use crate::period::Period;
use crate::reports::canonical::fingerprint;
use crate::reports::presented::{self, Stored, StoredAction, StoredAgreement, StoredMeasure};
use crate::reports::SECTIONS;
use crate::routes::{self, Route};
use crate::site::Site;

/// The last segment of the address of a report as presented, the same in
/// every language so that the address cited stays the same.
pub(crate) const SEGMENT: &str = "as-presented";

/// The address of the report of `period` in `lang` as presented: under the
/// report's own address.
pub(crate) fn route(site: &Site, period: &str, lang: &str) -> Option<Route> {
    let r = site.routes.doc(Kind::Report, period, lang)?;
    let folder = r.file.strip_suffix("index.html")?;
    Some(Route {
        url: format!("{}{SEGMENT}/", r.url),
        permalink: format!("{}{SEGMENT}/", r.permalink),
        file: format!("{folder}{SEGMENT}/index.html"),
    })
}

/// What the current version of `doc` says of its version as presented,
/// from its current content `current`; `None` when it is not known.
pub(crate) fn link(
    site: &Site,
    doc: &Document<ReportMeta>,
    current: &Value,
) -> Option<AsPresentedLink> {
    let kept = site.presented.get(&(doc.id.clone(), doc.lang.clone()))?;
    let lang = doc.lang.as_str();
    let changes = SECTIONS
        .iter()
        .filter(|s| {
            fingerprint(&kept.content["sections"][**s]) != fingerprint(&current["sections"][**s])
        })
        .map(|s| SectionChange {
            section: s,
            section_label: site
                .theme
                .i18n
                .strings(lang)
                .get(&format!("report_part_{s}"))
                .to_string(),
            errata: doc
                .meta
                .errata
                .iter()
                .enumerate()
                .filter(|(_, e)| {
                    e.section
                        .is_some_and(|x| crate::yaml::YamlEnum::id(x) == *s)
                })
                .map(|(i, _)| i + 1)
                .collect(),
        })
        .collect();
    Some(AsPresentedLink {
        url: route(site, &doc.id, lang)?.url,
        fingerprint: kept.fingerprint.clone(),
        changed: kept.fingerprint != fingerprint(current),
        changes,
    })
}

/// The report of `period` in `lang` as presented: its document and its
/// data as the page and the printed version show it.
pub(crate) fn print_data<'a>(
    site: &'a Site,
    period: &str,
    lang: &str,
) -> Result<(&'a Document<ReportMeta>, PresentedData), Diagnostic> {
    let file = presented::file(period, lang);
    let missing = || {
        Diagnostic::error(&file, "the report as presented has no page")
            .help("this is a fault of memoria: please report it")
    };
    let kept = site
        .presented
        .get(&(period.to_string(), lang.to_string()))
        .ok_or_else(missing)?;
    let doc = site
        .content
        .reports
        .get(period)
        .and_then(|e| e.get(lang))
        .ok_or_else(missing)?;
    let stored: Stored = serde_json::from_value(kept.content.clone()).map_err(|e| {
        Diagnostic::error(&file, format!("this report as presented cannot be shown: {e}"))
            .help("restore the file from version control (git checkout reports.presented/); it is written by memoria, not by hand")
    })?;
    let presented_on = doc.meta.presented.ok_or_else(missing)?;
    let current_print = fingerprint(&crate::reports::report_content(
        &site.content,
        doc,
        &site.config.languages,
    ));
    Ok((
        doc,
        data(site, lang, &stored, kept, presented_on, doc, current_print),
    ))
}

/// The page of the report of `period` in `lang` as presented.
pub(crate) fn page(
    site: &Site,
    lc: &LanguageContext,
    period: &str,
    lang: &str,
) -> Result<Page, Diagnostic> {
    let file = presented::file(period, lang);
    let missing = || {
        Diagnostic::error(&file, "the report as presented has no page")
            .help("this is a fault of memoria: please report it")
    };
    let (_, report) = print_data(site, period, lang)?;
    let route = route(site, period, lang).ok_or_else(missing)?;
    let current = site
        .routes
        .doc(Kind::Report, period, lang)
        .ok_or_else(missing)?;
    let others: Vec<(String, Route)> = site
        .config
        .languages
        .iter()
        .filter(|l| {
            site.presented
                .contains_key(&(period.to_string(), (*l).clone()))
        })
        .filter_map(|l| Some((l.clone(), self::route(site, period, l)?)))
        .collect();
    let versions = context::all_languages(&site.config, &others);
    let strings = site.theme.i18n.strings(lang);
    let title = format!("{} ({})", report.title, strings.get("report_as_presented"));
    let page = context::page_data(
        site,
        lang,
        "report-presented",
        title,
        Some(strings.get("report_as_presented_intro")),
        &route,
        &versions,
    );
    let data = PresentedTemplate {
        report,
        current_url: current.url.clone(),
        index_url: routes::section(&site.config, Section::Reports, lang).url,
    };
    let ctx = lc.typed(&page, &data);
    Ok((
        "report_presented.html",
        route,
        ctx,
        crate::diagnostics::display_path(&file),
    ))
}

/// The report's data as presented, written for readers of `lang`.
fn data(
    site: &Site,
    lang: &str,
    stored: &Stored,
    kept: &presented::AsPresented,
    presented_on: chrono::NaiveDate,
    doc: &Document<ReportMeta>,
    current_print: String,
) -> PresentedData {
    let i18n = &site.theme.i18n;
    let period_display = Period::parse(&doc.id)
        .map(|p| format::period(site, lang, p))
        .unwrap_or_else(|_| doc.id.clone());
    let config = &site.config;
    let resolver = |target: &str| {
        crate::derive::resolve_link(config, &site.content, &site.routes, lang, target)
    };
    // A link to something the site no longer has is shown as its text.
    let narrative =
        crate::markdown::render(&stored.sections.narrative, &resolver, config.allow_raw_html);
    let s = &stored.sections;
    PresentedData {
        period: doc.id.clone(),
        period_display,
        title: stored.title.clone(),
        legislature: stored.legislature.clone(),
        presented: presented_on,
        presented_display: i18n.format_date(lang, presented_on),
        fingerprint: kept.fingerprint.clone(),
        changed: current_print != kept.fingerprint,
        errata_since: doc.meta.errata.len(),
        draft: false,
        errata: Vec::new(),
        pdf: site
            .printed_presented
            .get(&(doc.id.clone(), lang.to_string()))
            .map(|p| super::data::reports::PdfLink {
                url: p.url.clone(),
                size: super::reports::file_size(site, lang, p.bytes),
            }),
        html: narrative.html,
        headings: narrative.headings,
        agreements: agreements(site, lang, &s.agreements),
        actions: actions(site, lang, &s.actions),
        indicators: s
            .indicators
            .iter()
            .map(|i| indicator(site, lang, i))
            .collect(),
        cases: s
            .cases
            .iter()
            .map(|c| PresentedCase {
                title: c.title.clone(),
                url: site
                    .content
                    .cases
                    .get(&c.id)
                    .and_then(|_| site.routes.doc(Kind::Case, &c.id, lang))
                    .map(|r| r.url.clone()),
                lang: c.language.clone(),
                translated: c.language == lang,
                city: c.city.clone(),
                date_display: i18n.format_date(lang, c.date),
            })
            .collect(),
    }
}

/// The theme's word `<prefix>_<id>` in `lang`.
fn word(site: &Site, lang: &str, prefix: &str, id: &str) -> String {
    site.theme
        .i18n
        .strings(lang)
        .get(&format!("{prefix}_{id}"))
        .to_string()
}

/// A country's name in `lang`, else its code.
fn country(site: &Site, lang: &str, code: &str) -> String {
    site.theme
        .i18n
        .strings(lang)
        .map
        .get(&format!("country_{code}"))
        .cloned()
        .unwrap_or_else(|| code.to_string())
}

/// Amounts per currency written for readers.
fn totals(site: &Site, lang: &str, t: &BTreeMap<String, f64>) -> Vec<String> {
    t.iter()
        .map(|(c, v)| format!("{} {c}", format::number(site, lang, *v)))
        .collect()
}

/// An amount written for readers.
fn money(site: &Site, lang: &str, m: &presented::StoredMoney) -> String {
    format!("{} {}", format::number(site, lang, m.value), m.currency)
}

/// The page today of the item `id` of `kind` in `lang`, when it has one.
fn url_of(site: &Site, kind: Kind, id: &str, lang: &str) -> Option<String> {
    let exists = match kind {
        Kind::Agreement => site.content.agreements.contains_key(id),
        Kind::Action => site.content.actions.contains_key(id),
        Kind::Indicator => site.content.indicators.contains_key(id),
        _ => false,
    };
    exists
        .then(|| site.routes.doc(kind, id, lang).map(|r| r.url.clone()))
        .flatten()
}

fn agreement(site: &Site, lang: &str, a: &StoredAgreement) -> PresentedAgreement {
    let i18n = &site.theme.i18n;
    let f = &a.facts;
    PresentedAgreement {
        id: a.id.clone(),
        url: url_of(site, Kind::Agreement, &a.id, lang),
        title: a.title.clone(),
        partner: a.partner.clone(),
        partner_lang: None,
        partner_country: a.partner_country.clone(),
        partner_country_name: country(site, lang, &a.partner_country),
        type_label: word(site, lang, "agreement_type", &a.kind),
        status_label: word(site, lang, "agreement_status", &a.status),
        signed: a.signed,
        signed_display: i18n.format_date(lang, a.signed),
        ends: a.ends,
        ends_display: a.ends.map(|d| i18n.format_date(lang, d)),
        amount: a.amount.as_ref().map(|m| money(site, lang, m)),
        approved_by: a.approved_by.clone(),
        counterparts: counterparts(site, lang, a),
        city_bodies: f
            .city_bodies
            .iter()
            .map(|b| PresentedName {
                name: b.clone(),
                lang: None,
            })
            .collect(),
        signatories: f
            .signatories
            .iter()
            .map(|x| PresentedSignatory {
                name: x.name.clone(),
                office: x.office.clone(),
            })
            .collect(),
        registration: f.registration.as_ref().map(|r| PresentedRegistration {
            authority: r.authority.clone(),
            reference: r.reference.clone(),
            date: r.date,
            date_display: r.date.map(|d| i18n.format_date(lang, d)),
        }),
        commitments: f.commitments.clone(),
        funds: funds(site, lang, &f.funds),
        details: f.partner_type.is_some()
            || !f.other_counterparts.is_empty()
            || !f.city_bodies.is_empty()
            || !f.signatories.is_empty()
            || f.registration.is_some()
            || !f.commitments.is_empty()
            || !f.funds.is_empty(),
    }
}

/// The partner of `a`, then its other counterparts, as presented.
fn counterparts(site: &Site, lang: &str, a: &StoredAgreement) -> Vec<PresentedCounterpart> {
    let f = &a.facts;
    let partner = (&a.partner, &a.partner_country, f.partner_type.as_deref());
    let others = f
        .other_counterparts
        .iter()
        .map(|c| (&c.name, &c.country, Some(c.kind.as_str())));
    std::iter::once(partner)
        .chain(others)
        .map(|(name, country, kind)| PresentedCounterpart {
            name: name.clone(),
            name_lang: None,
            country: country.clone(),
            country_name: self::country(site, lang, country),
            type_label: kind.map(|k| word(site, lang, "counterpart_type", k)),
        })
        .collect()
}

/// Amounts of money as presented, each in its own currency.
fn funds(site: &Site, lang: &str, funds: &[presented::StoredFund]) -> Vec<PresentedFund> {
    funds
        .iter()
        .map(|x| PresentedFund {
            amount: money(
                site,
                lang,
                &presented::StoredMoney {
                    value: x.value,
                    currency: x.currency.clone(),
                },
            ),
            kind: x.kind.clone(),
            kind_label: word(site, lang, "fund_kind", &x.kind),
            direction: x.direction.clone(),
            direction_label: word(site, lang, "fund_direction", &x.direction),
            date: x.date,
            date_display: x.date.map(|d| site.theme.i18n.format_date(lang, d)),
            description: x.description.clone(),
        })
        .collect()
}

fn agreements(site: &Site, lang: &str, s: &presented::StoredAgreements) -> PresentedAgreements {
    let named = |ids: &[String]| {
        ids.iter()
            .filter_map(|id| s.all.iter().find(|a| &a.id == id))
            .map(|a| agreement(site, lang, a))
            .collect::<Vec<_>>()
    };
    PresentedAgreements {
        signed: s.signed.iter().map(|a| agreement(site, lang, a)).collect(),
        active: named(&s.active),
        concluded: named(&s.concluded),
        by_type: s
            .signed_by_type
            .iter()
            .map(|(id, n)| TypeCount {
                label: word(site, lang, "agreement_type", id),
                count: *n,
            })
            .collect(),
        by_country: s
            .signed_by_country
            .iter()
            .map(|(code, n)| PresentedCountryCount {
                code: code.clone(),
                name: country(site, lang, code),
                count: *n,
            })
            .collect(),
        signed_totals: totals(site, lang, &s.signed_amounts),
        active_totals: totals(site, lang, &s.active_amounts),
    }
}

fn action(site: &Site, lang: &str, a: &StoredAction) -> PresentedAction {
    let i18n = &site.theme.i18n;
    PresentedAction {
        id: a.id.clone(),
        url: url_of(site, Kind::Action, &a.id, lang),
        title: a.title.clone(),
        type_label: word(site, lang, "action_type", &a.kind),
        date: a.date,
        date_display: i18n.format_date(lang, a.date),
        end_date: a.end_date,
        end_date_display: a.end_date.map(|d| i18n.format_date(lang, d)),
        place: PresentedPlace {
            city: a.place.city.clone(),
            city_lang: None,
            country: a.place.country.clone(),
            country_name: country(site, lang, &a.place.country),
        },
        participants: a.participants.clone(),
        cost: a.cost.as_ref().map(|m| money(site, lang, m)),
        funded_by: a.funded_by.clone(),
        funded_by_lang: None,
        authorisation: a.authorisation.as_ref().map(|x| {
            format!(
                "{}, {}, {}",
                x.by,
                x.reference,
                i18n.format_date(lang, x.date)
            )
        }),
        funds: funds(site, lang, &a.funds),
    }
}

fn actions(site: &Site, lang: &str, s: &presented::StoredActions) -> PresentedActions {
    let all: Vec<PresentedAction> = s.items.iter().map(|a| action(site, lang, a)).collect();
    let mut kinds: Vec<&str> = Vec::new();
    for a in &s.items {
        if !kinds.contains(&a.kind.as_str()) {
            kinds.push(&a.kind);
        }
    }
    // In the order of the closed list of types, as the current version.
    kinds.sort_by_key(|k| {
        <crate::content::action::ActionType as crate::yaml::YamlEnum>::ALL
            .iter()
            .position(|(id, _)| id == k)
    });
    let groups = kinds
        .into_iter()
        .map(|kind| {
            let of: Vec<&StoredAction> = s.items.iter().filter(|a| a.kind == kind).collect();
            let mut cost: BTreeMap<String, f64> = BTreeMap::new();
            for m in of.iter().filter_map(|a| a.cost.as_ref()) {
                *cost.entry(m.currency.clone()).or_default() += m.value;
            }
            PresentedActionGroup {
                kind: kind.to_string(),
                label: word(site, lang, "action_type", kind),
                count: of.len(),
                cost_totals: totals(site, lang, &cost),
                items: of.iter().map(|a| action(site, lang, a)).collect(),
            }
        })
        .collect();
    PresentedActions {
        groups,
        count: all.len(),
        cost_totals: totals(site, lang, &s.cost),
        all,
    }
}

fn indicator(site: &Site, lang: &str, i: &presented::StoredIndicator) -> PresentedIndicator {
    let current = site.content.indicators.get(&i.id);
    let measure = |m: &StoredMeasure| match m {
        StoredMeasure::Number(n) => {
            let n = format::number(site, lang, *n);
            match i.unit.as_deref().unwrap_or("") {
                "" => n,
                "%" => format!("{n} %"),
                u => format!("{n} {u}"),
            }
        }
        StoredMeasure::Level(id) => match current {
            Some(ind) => format::level_label(site, lang, ind, id),
            None => word(site, lang, "scale_level", id),
        },
    };
    let period = |p: &str| {
        Period::parse(p)
            .map(|p| format::period(site, lang, p))
            .unwrap_or_else(|_| p.to_string())
    };
    PresentedIndicator {
        name: i.name.clone(),
        url: url_of(site, Kind::Indicator, &i.id, lang),
        period_display: period(&i.period),
        value: measure(&i.value),
        previous: i
            .previous
            .as_ref()
            .map(|p| format!("{} ({})", measure(&p.value), period(&p.period))),
        target: format!(
            "{} ({})",
            measure(&i.target.value),
            period(&i.target.period)
        ),
        status: i.status.clone(),
        status_label: word(site, lang, "status", &i.status),
    }
}

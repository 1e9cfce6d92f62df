//! The registry pages: agreements and international actions, each with a
//! listing per language and a page per item.

use super::context::{self, LanguageContext};
use super::data::listing::Downloads;
use super::data::registry::{
    ActionData, ActionTemplate, ActionsTemplate, AgreementData, AgreementFull, AgreementLink,
    AgreementTemplate, AgreementsTemplate, AmendmentData, AuthorisationData, CounterpartData,
    FundData, NameData, PlaceData, RegistrationData, SignatoryData, TripReportData,
};
use super::indicators::Page;
use crate::config::Section;
use crate::content::money::{Direction, Fund, FundKind, Money};
use crate::content::{Action, Agreement, Kind};
use crate::format;
use crate::routes::{self, Route};
use crate::site::Site;
use crate::yaml::LangText;

/// `t` in `lang` (else in the first language of the fallback order that
/// has it), or empty.
fn text<'a>(site: &Site, lang: &str, t: &'a LangText) -> &'a str {
    t.get(lang, &site.config.fallbacks(lang)).unwrap_or("")
}

/// The name of country `code` in `lang` (its `country_XX` word), else the code.
fn country<'a>(site: &'a Site, lang: &str, code: &'a str) -> &'a str {
    site.theme
        .i18n
        .strings(lang)
        .map
        .get(&format!("country_{code}"))
        .map_or(code, String::as_str)
}

/// The address of registry item `id` of `kind` in `lang`.
fn url<'a>(site: &'a Site, kind: Kind, id: &str, lang: &str) -> Option<&'a str> {
    site.routes.doc(kind, id, lang).map(|r| r.url.as_str())
}

/// An amount written for readers: `250.000 EUR`.
pub fn money(site: &Site, lang: &str, m: &Money) -> String {
    format!("{} {}", format::number(site, lang, m.value), m.currency)
}

/// Amounts per currency written for readers, joined by `; `
/// (`12.000.000 USD; 400.000 EUR`), or None when there are none. Amounts
/// in different currencies are never added together.
fn per_currency<'m>(
    site: &Site,
    lang: &str,
    amounts: impl Iterator<Item = &'m Money>,
) -> Option<String> {
    let totals = crate::reports::totals(amounts);
    (!totals.is_empty()).then(|| {
        totals
            .into_iter()
            .map(|(currency, value)| money(site, lang, &Money { value, currency }))
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// What pages show of one amount of money.
fn fund<'a>(
    site: &Site,
    lang: &str,
    (kind, direction): (FundKind, Direction),
    m: &Money,
    date: Option<chrono::NaiveDate>,
    description: Option<&'a str>,
) -> FundData<'a> {
    FundData {
        kind,
        kind_label: context::label(site, lang, "fund_kind", kind),
        direction,
        direction_label: context::label(site, lang, "fund_direction", direction),
        amount: money(site, lang, m),
        date,
        date_display: date.map(|d| site.theme.i18n.format_date(lang, d)),
        description,
    }
}

/// What pages show of the entries of `funds`.
fn funds<'a>(site: &'a Site, lang: &str, list: &'a [Fund]) -> Vec<FundData<'a>> {
    list.iter()
        .map(|f| {
            fund(
                site,
                lang,
                (f.kind, f.direction),
                &f.money,
                f.date,
                f.description.as_ref().map(|d| text(site, lang, d)),
            )
        })
        .collect()
}

/// What listings and reports show of an agreement.
pub(crate) fn agreement<'a>(site: &'a Site, lang: &str, a: &'a Agreement) -> AgreementData<'a> {
    let i18n = &site.theme.i18n;
    AgreementData {
        id: &a.id,
        url: url(site, Kind::Agreement, &a.id, lang),
        title: text(site, lang, &a.title),
        summary: text(site, lang, &a.summary),
        partner: a.partner.get(lang),
        partner_lang: a.partner.shown(lang).lang,
        counterparts: std::iter::once((&a.partner, a.partner_country.as_str(), a.partner_type))
            .chain(
                a.counterparts
                    .iter()
                    .map(|c| (&c.name, c.country.as_str(), Some(c.kind))),
            )
            .map(|(name, code, kind)| CounterpartData {
                name: name.get(lang),
                name_lang: name.shown(lang).lang,
                country: code,
                country_name: country(site, lang, code),
                kind,
                type_label: kind.map(|k| context::label(site, lang, "counterpart_type", k)),
            })
            .collect(),
        city_bodies: a
            .city_bodies
            .iter()
            .map(|b| NameData::of(b, lang))
            .collect(),
        signatories: a
            .signatories
            .iter()
            .map(|x| SignatoryData {
                name: &x.name,
                office: &x.office,
            })
            .collect(),
        registration: a.registration.as_ref().map(|r| RegistrationData {
            authority: &r.authority,
            reference: &r.reference,
            date: r.date,
            date_display: r.date.map(|d| i18n.format_date(lang, d)),
        }),
        commitments: a.commitments.iter().map(|c| text(site, lang, c)).collect(),
        funds: a
            .amount
            .iter()
            .map(|m| {
                fund(
                    site,
                    lang,
                    (FundKind::Committed, Direction::Received),
                    m,
                    None,
                    None,
                )
            })
            .chain(funds(site, lang, &a.funds))
            .collect(),
        partner_country: &a.partner_country,
        partner_country_name: country(site, lang, &a.partner_country),
        kind: a.kind,
        type_label: context::label(site, lang, "agreement_type", a.kind),
        signed: a.signed,
        signed_display: i18n.format_date(lang, a.signed),
        ends: a.end(),
        ends_display: a.end().map(|d| i18n.format_date(lang, d)),
        status: a.status,
        status_label: context::label(site, lang, "agreement_status", a.status),
        amount: per_currency(site, lang, a.committed_received(chrono::NaiveDate::MAX)),
        approved_by: a.approved_by.as_deref(),
        amendments: a
            .amendments
            .iter()
            .map(|m| AmendmentData {
                kind: m.kind,
                kind_label: context::label(site, lang, "agreement_amendment_kind", m.kind),
                date: m.date,
                date_display: i18n.format_date(lang, m.date),
                description: text(site, lang, &m.description),
            })
            .collect(),
        details: !(a.partner_type.is_none()
            && a.counterparts.is_empty()
            && a.city_bodies.is_empty()
            && a.signatories.is_empty()
            && a.registration.is_none()
            && a.commitments.is_empty()
            && a.funds.is_empty()),
        sdgs: &a.sdgs,
        themes: &a.themes,
        documents: &a.documents,
    }
}

/// What listings and reports show of an action.
pub(crate) fn action<'a>(site: &'a Site, lang: &str, a: &'a Action) -> ActionData<'a> {
    let i18n = &site.theme.i18n;
    let agreements = a
        .agreements
        .iter()
        .filter_map(|r| site.content.agreements.get(&r.value))
        .map(|ag| AgreementLink {
            title: text(site, lang, &ag.title),
            url: url(site, Kind::Agreement, &ag.id, lang),
        })
        .collect();
    ActionData {
        id: &a.id,
        url: url(site, Kind::Action, &a.id, lang),
        title: text(site, lang, &a.title),
        summary: text(site, lang, &a.summary),
        kind: a.kind,
        type_label: context::label(site, lang, "action_type", a.kind),
        date: a.date,
        date_display: i18n.format_date(lang, a.date),
        end_date: a.end_date,
        end_date_display: a.end_date.map(|d| i18n.format_date(lang, d)),
        place: PlaceData {
            city: a.place.city.get(lang),
            city_lang: a.place.city.shown(lang).lang,
            country: &a.place.country,
            country_name: country(site, lang, &a.place.country),
        },
        participants: &a.participants,
        cost: a.cost.as_ref().map(|m| money(site, lang, m)),
        funded_by: a.funded_by.as_ref().map(|n| n.get(lang)),
        funded_by_lang: a.funded_by.as_ref().and_then(|n| n.shown(lang).lang),
        funds: funds(site, lang, &a.funds),
        authorisation: a.authorisation.as_ref().map(|x| AuthorisationData {
            by: &x.by,
            reference: &x.reference,
            date: x.date,
            date_display: i18n.format_date(lang, x.date),
        }),
        trip_report: a.trip_report.as_ref().map(|r| TripReportData {
            date: r.date,
            date_display: i18n.format_date(lang, r.date),
            document: r.document.as_deref(),
        }),
        trip_report_due: a
            .trip_report_due(site.config.trip_report_days)
            .map(|d| i18n.format_date(lang, d)),
        agreements,
        results: a.results.as_ref().map(|r| text(site, lang, r)),
        sdgs: &a.sdgs,
    }
}

/// The part every page of a registry listing shares: its route, its `page`
/// data (which borrows the route, so the caller builds it) and its links.
struct Listing {
    route: Route,
    all: Vec<(String, Route)>,
    title: String,
    intro: String,
    pagination: super::data::listing::Pagination,
    downloads: Downloads,
}

/// Page `n` (1-based) of the listing of `kind` (`agreements`, `actions`)
/// of `count` items in all.
fn listing(
    site: &Site,
    lang: &str,
    section: Section,
    kind: &str,
    count: usize,
    n: usize,
) -> Listing {
    let config = &site.config;
    let strings = site.theme.i18n.strings(lang);
    let (route, all) = context::listing_routes(site, lang, section, n);
    let title = strings.get(&format!("{kind}_title")).to_string();
    let total = context::page_count(count, config.per_page);
    let first = routes::section(config, section, lang);
    Listing {
        route,
        all,
        title: context::paged_title(site, lang, &title, n),
        intro: strings.get(&format!("{kind}_intro")).to_string(),
        pagination: context::pagination(n, total, &|k| routes::paged(config, &first, lang, k)),
        downloads: Downloads {
            csv: routes::data_file(config, &format!("{kind}.csv")).url,
            json: routes::data_file(config, &format!("{kind}.json")).url,
        },
    }
}

/// Page `n` of `/<lang>/<agreements>/`: every agreement, newest first.
pub fn agreements_index(site: &Site, lc: &LanguageContext, lang: &str, n: usize) -> Page {
    let mut list: Vec<&Agreement> = site.content.agreements.values().collect();
    list.sort_by(|a, b| b.signed.cmp(&a.signed).then_with(|| a.id.cmp(&b.id)));
    let l = listing(site, lang, Section::Agreements, "agreements", list.len(), n);
    let versions = context::all_languages(&site.config, &l.all);
    let page = context::page_data(
        site,
        lang,
        "agreements",
        l.title.as_str(),
        Some(&l.intro),
        &l.route,
        &versions,
    );
    let data = AgreementsTemplate {
        count: list.len(),
        items: context::page_items(&list, site.config.per_page, n)
            .iter()
            .map(|a| agreement(site, lang, a))
            .collect(),
        pagination: l.pagination,
        downloads: l.downloads,
    };
    let ctx = lc.typed(&page, &data);
    let owner = format!("list of agreements ({lang}), page {n}");
    ("agreements.html", l.route, ctx, owner)
}

/// Page `n` of `/<lang>/<actions>/`: every action, newest first.
pub fn actions_index(site: &Site, lc: &LanguageContext, lang: &str, n: usize) -> Page {
    let mut list: Vec<&Action> = site.content.actions.values().collect();
    list.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    let l = listing(site, lang, Section::Actions, "actions", list.len(), n);
    let versions = context::all_languages(&site.config, &l.all);
    let page = context::page_data(
        site,
        lang,
        "actions",
        l.title.as_str(),
        Some(&l.intro),
        &l.route,
        &versions,
    );
    let data = ActionsTemplate {
        count: list.len(),
        items: context::page_items(&list, site.config.per_page, n)
            .iter()
            .map(|a| action(site, lang, a))
            .collect(),
        pagination: l.pagination,
        downloads: l.downloads,
    };
    let ctx = lc.typed(&page, &data);
    let owner = format!("list of actions ({lang}), page {n}");
    ("actions.html", l.route, ctx, owner)
}

/// The route of registry item `id` of `kind` in `lang`, and its routes in
/// every language that has one.
fn item_routes(
    site: &Site,
    kind: Kind,
    id: &str,
    lang: &str,
) -> Option<(Route, Vec<(String, Route)>)> {
    let all = site
        .config
        .languages
        .iter()
        .filter_map(|l| site.routes.doc(kind, id, l).map(|r| (l.clone(), r.clone())))
        .collect();
    Some((site.routes.doc(kind, id, lang)?.clone(), all))
}

/// The page of one agreement, with the actions that relate to it.
pub fn agreement_page(
    site: &Site,
    lc: &LanguageContext,
    lang: &str,
    a: &Agreement,
) -> Option<Page> {
    let (route, all) = item_routes(site, Kind::Agreement, &a.id, lang)?;
    let versions = context::all_languages(&site.config, &all);
    let summary = agreement(site, lang, a);
    let page = context::page_data(
        site,
        lang,
        "agreement",
        summary.title,
        Some(summary.summary),
        &route,
        &versions,
    );
    let mut related: Vec<&Action> = site
        .content
        .actions
        .values()
        .filter(|x| x.agreements.iter().any(|r| r.value == a.id))
        .collect();
    related.sort_by(|x, y| x.date.cmp(&y.date).then_with(|| x.id.cmp(&y.id)));
    let data = AgreementTemplate {
        agreement: AgreementFull {
            summary,
            actions: related.into_iter().map(|x| action(site, lang, x)).collect(),
        },
        index_url: routes::section(&site.config, Section::Agreements, lang).url,
    };
    let ctx = lc.typed(&page, &data);
    let owner = crate::diagnostics::display_path(&a.source);
    Some(("agreement.html", route, ctx, owner))
}

/// The page of one action.
pub fn action_page(site: &Site, lc: &LanguageContext, lang: &str, a: &Action) -> Option<Page> {
    let (route, all) = item_routes(site, Kind::Action, &a.id, lang)?;
    let versions = context::all_languages(&site.config, &all);
    let data = ActionTemplate {
        action: action(site, lang, a),
        index_url: routes::section(&site.config, Section::Actions, lang).url,
    };
    let page = context::page_data(
        site,
        lang,
        "action",
        data.action.title,
        Some(data.action.summary),
        &route,
        &versions,
    );
    let ctx = lc.typed(&page, &data);
    let owner = crate::diagnostics::display_path(&a.source);
    Some(("action.html", route, ctx, owner))
}

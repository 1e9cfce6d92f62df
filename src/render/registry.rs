//! The registry pages: agreements and international actions, each with a
//! listing per language and a page per item.

use serde_json::{json, Value};

use super::context::{self, LanguageContext};
use super::indicators::Page;
use crate::config::Section;
use crate::content::{Action, Agreement, Kind};
use crate::format;
use crate::routes::{self, Route};
use crate::site::Site;
use crate::yaml::LangText;

fn text(site: &Site, lang: &str, t: &LangText) -> String {
    t.get(lang, &site.config.fallbacks(lang))
        .unwrap_or("")
        .to_string()
}

fn country(site: &Site, lang: &str, code: &str) -> String {
    site.theme
        .i18n
        .strings(lang)
        .map
        .get(&format!("country_{code}"))
        .cloned()
        .unwrap_or_else(|| code.to_string())
}

/// An amount written for readers: `250.000 EUR`.
pub fn money(site: &Site, lang: &str, m: &crate::content::fields::Money) -> String {
    format!("{} {}", format::number(site, lang, m.value), m.currency)
}

/// What listings and reports show of an agreement.
pub fn agreement(site: &Site, lang: &str, a: &Agreement) -> Value {
    let i18n = &site.theme.i18n;
    json!({
        "id": a.id,
        "url": site.routes.doc(Kind::Agreement, &a.id, lang).map(|r| r.url.clone()),
        "title": text(site, lang, &a.title),
        "summary": text(site, lang, &a.summary),
        "partner": a.partner,
        "partner_country": a.partner_country,
        "partner_country_name": country(site, lang, &a.partner_country),
        "type": a.kind,
        "type_label": context::label(site, lang, "agreement_type", a.kind),
        "signed": a.signed,
        "signed_display": i18n.format_date(lang, a.signed),
        "ends": a.ends,
        "ends_display": a.ends.map(|d| i18n.format_date(lang, d)),
        "status": a.status,
        "status_label": context::label(site, lang, "agreement_status", a.status),
        "amount": a.amount.as_ref().map(|m| money(site, lang, m)),
        "approved_by": a.approved_by,
        "sdgs": a.sdgs,
        "themes": a.themes,
        "documents": a.documents,
    })
}

/// What listings and reports show of an action.
pub fn action(site: &Site, lang: &str, a: &Action) -> Value {
    let i18n = &site.theme.i18n;
    let agreements: Vec<Value> = a
        .agreements
        .iter()
        .filter_map(|r| site.content.agreements.get(&r.value))
        .map(|ag| json!({"title": text(site, lang, &ag.title), "url": site.routes.doc(Kind::Agreement, &ag.id, lang).map(|r| r.url.clone())}))
        .collect();
    json!({
        "id": a.id,
        "url": site.routes.doc(Kind::Action, &a.id, lang).map(|r| r.url.clone()),
        "title": text(site, lang, &a.title),
        "summary": text(site, lang, &a.summary),
        "type": a.kind,
        "type_label": context::label(site, lang, "action_type", a.kind),
        "date": a.date,
        "date_display": i18n.format_date(lang, a.date),
        "end_date": a.end_date,
        "end_date_display": a.end_date.map(|d| i18n.format_date(lang, d)),
        "place": {"city": a.place.city, "country": a.place.country, "country_name": country(site, lang, &a.place.country)},
        "participants": a.participants,
        "cost": a.cost.as_ref().map(|m| money(site, lang, m)),
        "funded_by": a.funded_by,
        "agreements": agreements,
        "results": a.results.as_ref().map(|r| text(site, lang, r)),
        "sdgs": a.sdgs,
    })
}

/// Page `n` (1-based) of the listing of `kind` (`agreements`, `actions`):
/// how many items it lists in all, and the data of those on this page.
fn listing(
    site: &Site,
    lc: &LanguageContext,
    lang: &str,
    (section, kind): (Section, &str),
    (count, items): (usize, Vec<Value>),
    n: usize,
) -> Page {
    let config = &site.config;
    let strings = site.theme.i18n.strings(lang);
    let title = strings.get(&format!("{kind}_title")).to_string();
    let intro = strings.get(&format!("{kind}_intro")).to_string();
    let (route, page) = context::listing_page(site, lang, section, kind, &title, Some(&intro), n);
    let data = json!({
        "csv": routes::data_file(config, &format!("{kind}.csv")).url,
        "json": routes::data_file(config, &format!("{kind}.json")).url,
    });
    let template = if kind == "agreements" {
        "agreements.html"
    } else {
        "actions.html"
    };
    let total = context::page_count(count, config.per_page);
    let first = routes::section(config, section, lang);
    let pagination = context::pagination(n, total, &|k| routes::paged(config, &first, lang, k));
    let extra = vec![
        ("count", json!(count)),
        ("items", json!(items)),
        ("pagination", pagination),
        ("downloads", data),
    ];
    (
        template,
        route,
        lc.page(page, extra),
        format!("list of {kind} ({lang}), page {n}"),
    )
}

/// Page `n` of `/<lang>/<agreements>/`: every agreement, newest first.
pub fn agreements_index(site: &Site, lc: &LanguageContext, lang: &str, n: usize) -> Page {
    let mut list: Vec<&Agreement> = site.content.agreements.values().collect();
    list.sort_by(|a, b| b.signed.cmp(&a.signed).then_with(|| a.id.cmp(&b.id)));
    let items = context::page_items(&list, site.config.per_page, n)
        .iter()
        .map(|a| agreement(site, lang, a))
        .collect();
    let listed = (list.len(), items);
    listing(
        site,
        lc,
        lang,
        (Section::Agreements, "agreements"),
        listed,
        n,
    )
}

/// Page `n` of `/<lang>/<actions>/`: every action, newest first.
pub fn actions_index(site: &Site, lc: &LanguageContext, lang: &str, n: usize) -> Page {
    let mut list: Vec<&Action> = site.content.actions.values().collect();
    list.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    let items = context::page_items(&list, site.config.per_page, n)
        .iter()
        .map(|a| action(site, lang, a))
        .collect();
    let listed = (list.len(), items);
    listing(site, lc, lang, (Section::Actions, "actions"), listed, n)
}

/// One registry item to render on its own page.
struct Item<'a> {
    kind: Kind,
    id: &'a str,
    title: String,
    summary: String,
    /// The template variable holding the item's data, and the data.
    data: (&'static str, Value),
    template: &'static str,
    owner: String,
}

fn item_page(site: &Site, lc: &LanguageContext, lang: &str, item: Item<'_>) -> Option<Page> {
    let config = &site.config;
    let all: Vec<(String, Route)> = config
        .languages
        .iter()
        .filter_map(|l| {
            site.routes
                .doc(item.kind, item.id, l)
                .map(|r| (l.clone(), r.clone()))
        })
        .collect();
    let route = site.routes.doc(item.kind, item.id, lang)?.clone();
    let versions = context::all_languages(config, &all);
    let kind_name = item.template.trim_end_matches(".html");
    let page = context::page_object(
        site,
        lang,
        kind_name,
        &item.title,
        Some(&item.summary),
        &route,
        &versions,
    );
    let section = if item.kind == Kind::Agreement {
        Section::Agreements
    } else {
        Section::Actions
    };
    let index = json!(routes::section(config, section, lang).url);
    Some((
        item.template,
        route,
        lc.page(page, vec![item.data, ("index_url", index)]),
        item.owner,
    ))
}

/// The page of one agreement, with the actions that relate to it.
pub fn agreement_page(
    site: &Site,
    lc: &LanguageContext,
    lang: &str,
    a: &Agreement,
) -> Option<Page> {
    let mut data = agreement(site, lang, a);
    let mut related: Vec<&Action> = site
        .content
        .actions
        .values()
        .filter(|x| x.agreements.iter().any(|r| r.value == a.id))
        .collect();
    related.sort_by(|x, y| x.date.cmp(&y.date).then_with(|| x.id.cmp(&y.id)));
    data["actions"] = json!(related
        .into_iter()
        .map(|x| action(site, lang, x))
        .collect::<Vec<_>>());
    let title = text(site, lang, &a.title);
    let summary = text(site, lang, &a.summary);
    item_page(
        site,
        lc,
        lang,
        Item {
            kind: Kind::Agreement,
            id: &a.id,
            title,
            summary,
            data: ("agreement", data),
            template: "agreement.html",
            owner: crate::diagnostics::display_path(&a.source),
        },
    )
}

/// The page of one action.
pub fn action_page(site: &Site, lc: &LanguageContext, lang: &str, a: &Action) -> Option<Page> {
    let data = action(site, lang, a);
    let title = text(site, lang, &a.title);
    let summary = text(site, lang, &a.summary);
    item_page(
        site,
        lc,
        lang,
        Item {
            kind: Kind::Action,
            id: &a.id,
            title,
            summary,
            data: ("action", data),
            template: "action.html",
            owner: crate::diagnostics::display_path(&a.source),
        },
    )
}

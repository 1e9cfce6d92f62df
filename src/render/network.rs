//! A network's portal: the index of every member's practices with its
//! facets and counts, a page per member and per facet value, and a page per
//! practice that links to the practice on its member's site.

use super::context::{self, LanguageContext};
use super::data::listing::{Facet as FacetData, FacetTerm};
use super::data::network::{
    FilterData, MemberData, NetworkTemplate, PracticeCard, PracticeContact, PracticePeriod,
    PracticeTemplate,
};
use super::data::taxonomies::TermLink;
use super::indicators::Page;
use super::taxonomies;
use crate::config::Section;
use crate::diagnostics::Diagnostic;
use crate::exchange::FeedStatus;
use crate::members::MemberFeed;
use crate::portal::{Facet, Portal};
use crate::routes::{self, Route};
use crate::site::Site;
use crate::taxonomy::Taxonomy;

/// The taxonomy of the cases whose labels a facet shares.
fn taxonomy(facet: Facet) -> Option<Taxonomy> {
    match facet {
        Facet::Members => None,
        Facet::Themes => Some(Taxonomy::Themes),
        Facet::Sdgs => Some(Taxonomy::Sdgs),
        Facet::Dimensions => Some(Taxonomy::Dimensions),
        Facet::Scales => Some(Taxonomy::Scales),
        Facet::Countries => Some(Taxonomy::Countries),
    }
}

/// The label of value `id` of `facet` in `lang`.
fn value_label(site: &Site, portal: &Portal, lang: &str, facet: Facet, id: &str) -> String {
    match taxonomy(facet) {
        Some(tax) => taxonomies::label(site, lang, tax, id),
        None => portal
            .member(id)
            .map(|m| portal.members[m].member.name.clone())
            .unwrap_or_else(|| id.to_string()),
    }
}

/// The name of `facet` in `lang`.
fn facet_label(site: &Site, lang: &str, facet: Facet) -> String {
    let strings = site.theme.i18n.strings(lang);
    match taxonomy(facet) {
        Some(tax) => strings.get(&format!("taxonomy_{}", tax.id())).to_string(),
        None => strings.get("network_members").to_string(),
    }
}

/// Every facet of the portal with its values and counts, in `lang`.
fn facets<'a>(site: &'a Site, portal: &'a Portal, lang: &str) -> Vec<FacetData<'a>> {
    Facet::ALL
        .iter()
        .filter_map(|f| {
            let values = portal.facets.get(f)?;
            let mut terms: Vec<(String, FacetTerm<'a>)> = values
                .iter()
                .map(|v| {
                    let label = value_label(site, portal, lang, *f, &v.id);
                    let key = match f {
                        Facet::Sdgs => format!("{:03}", v.id.parse::<u32>().unwrap_or(999)),
                        // Members in the order of site.toml.
                        Facet::Members => format!("{:06}", portal.member(&v.id).unwrap_or(0)),
                        _ => format!("{}\u{0}{}", crate::search::fold(&label), v.id),
                    };
                    let term = FacetTerm {
                        id: &v.id,
                        label,
                        count: v.practices.len(),
                        url: routes::network_facet(&site.config, lang, *f, &v.id).url,
                    };
                    (key, term)
                })
                .collect();
            terms.sort_by(|a, b| a.0.cmp(&b.0));
            Some(FacetData {
                taxonomy: f.id(),
                label: facet_label(site, lang, *f),
                url: routes::section(&site.config, Section::Network, lang).url,
                terms: terms.into_iter().map(|(_, t)| t).collect(),
            })
        })
        .collect()
}

fn country_name(site: &Site, lang: &str, code: &str) -> String {
    taxonomies::label(site, lang, Taxonomy::Countries, &code.to_ascii_lowercase())
}

/// Member `m` as the pages show it.
fn member_data<'a>(site: &Site, portal: &Portal, lang: &str, m: &'a MemberFeed) -> MemberData<'a> {
    let count = portal
        .facets
        .get(&Facet::Members)
        .and_then(|v| v.iter().find(|v| v.id == m.member.id))
        .map_or(0, |v| v.practices.len());
    MemberData {
        id: &m.member.id,
        name: &m.member.name,
        country_name: country_name(site, lang, &m.member.country),
        url: routes::network_member(&site.config, lang, &m.member.id).url,
        site_url: &m.feed.site.url,
        fetched: m.fetched_day(),
        fetched_display: chrono::NaiveDate::parse_from_str(m.fetched_day(), "%Y-%m-%d")
            .map(|d| site.theme.i18n.format_date(lang, d))
            .unwrap_or_else(|_| m.fetched_day().to_string()),
        practice_count: count,
    }
}

/// Practice `i` of the portal as a card in `lang`.
fn card<'a>(site: &Site, portal: &'a Portal, lang: &str, i: usize) -> PracticeCard<'a> {
    let (m, case) = portal.practice(i);
    let (shown, t) = portal.text(i, lang);
    let dimension = crate::portal::yaml_id(&case.dimension);
    let scale = crate::portal::yaml_id(&case.scale);
    PracticeCard {
        id: &case.id,
        member_id: &m.member.id,
        member_name: &m.member.name,
        url: routes::network_practice(&site.config, lang, &m.member.id, &case.id).url,
        source_url: &t.url,
        lang: shown,
        dir: crate::i18n::direction(shown),
        translated: shown == lang,
        title: &t.title,
        city: &t.city,
        summary: &t.summary,
        country: &case.country,
        country_name: country_name(site, lang, &case.country),
        date: case.date.to_string(),
        date_display: site.theme.i18n.format_date(lang, case.date),
        dimension_label: taxonomies::label(site, lang, Taxonomy::Dimensions, &dimension),
        scale_label: taxonomies::label(site, lang, Taxonomy::Scales, &scale),
    }
}

/// The routes of a page of the portal in every language.
fn in_every_language(site: &Site, f: impl Fn(&str) -> Route) -> Vec<(String, Route)> {
    site.config
        .languages
        .iter()
        .map(|l| (l.clone(), f(l)))
        .collect()
}

/// The portal's index in `lang`, or the page of one value of a facet
/// (`filter`); `None` when the value has no practice.
pub(crate) fn listing(
    site: &Site,
    lc: &LanguageContext,
    lang: &str,
    filter: Option<(Facet, &str)>,
) -> Result<Page, Diagnostic> {
    let portal = site.portal.as_ref().ok_or_else(missing)?;
    let config = &site.config;
    let strings = site.theme.i18n.strings(lang);
    let route_in = |l: &str| match filter {
        None => routes::section(config, Section::Network, l),
        Some((f, v)) => routes::network_facet(config, l, f, v),
    };
    let route = route_in(lang);
    let all = in_every_language(site, route_in);
    let versions = context::all_languages(config, &all);
    let selected: Vec<usize> = match filter {
        None => (0..portal.practices.len()).collect(),
        Some((f, v)) => portal
            .facets
            .get(&f)
            .and_then(|values| values.iter().find(|x| x.id == v))
            .map(|x| x.practices.clone())
            .ok_or_else(missing)?,
    };
    let member = match filter {
        Some((Facet::Members, id)) => portal
            .member(id)
            .map(|m| member_data(site, portal, lang, &portal.members[m])),
        _ => None,
    };
    let filter_data = match filter {
        Some((f, v)) if f != Facet::Members => Some(FilterData {
            facet: facet_label(site, lang, f),
            value: value_label(site, portal, lang, f, v),
        }),
        _ => None,
    };
    let title = match (&member, &filter_data) {
        (Some(m), _) => format!("{}: {}", strings.get("network_title"), m.name),
        (_, Some(f)) => format!("{}: {}", strings.get("network_title"), f.value),
        _ => strings.get("network_title").to_string(),
    };
    let page = context::page_data(
        site,
        lang,
        "network",
        title,
        Some(strings.get("network_intro")),
        &route,
        &versions,
    );
    let data = NetworkTemplate {
        practices: selected
            .iter()
            .map(|i| card(site, portal, lang, *i))
            .collect(),
        practice_count: selected.len(),
        facets: facets(site, portal, lang),
        members: portal
            .members
            .iter()
            .map(|m| member_data(site, portal, lang, m))
            .collect(),
        member,
        filter: filter_data,
        index_url: routes::section(config, Section::Network, lang).url,
    };
    let ctx = lc.typed(&page, &data);
    let owner = match filter {
        None => format!("network portal ({lang})"),
        Some((f, v)) => format!("network portal, {} {v} ({lang})", f.id()),
    };
    Ok(("network.html", route, ctx, owner))
}

/// Practice `id` of member `member` in `lang`.
pub(crate) fn practice(
    site: &Site,
    lc: &LanguageContext,
    lang: &str,
    member: &str,
    id: &str,
) -> Result<Page, Diagnostic> {
    let portal = site.portal.as_ref().ok_or_else(missing)?;
    let config = &site.config;
    let strings = site.theme.i18n.strings(lang);
    let i = portal.find(member, id).ok_or_else(missing)?;
    let (m, case) = portal.practice(i);
    let (_, t) = portal.text(i, lang);
    let route_in = |l: &str| routes::network_practice(config, l, member, id);
    let route = route_in(lang);
    let all = in_every_language(site, route_in);
    let versions = context::all_languages(config, &all);
    let mut page = context::page_data(
        site,
        lang,
        "practice",
        t.title.as_str(),
        Some(t.summary.as_str()),
        &route,
        &versions,
    );
    // The practice's own page is on its member's site.
    page.canonical = Some(&t.url);
    let p = &portal.practices[i];
    let period = case.period.map(|p| PracticePeriod {
        start: p.start.to_string(),
        start_display: site.theme.i18n.format_date(lang, p.start),
        end: p.end.map(|d| d.to_string()),
        end_display: p.end.map(|d| site.theme.i18n.format_date(lang, d)),
    });
    let data = PracticeTemplate {
        practice: card(site, portal, lang, i),
        member: member_data(site, portal, lang, m),
        actors: &t.actors,
        lessons: &t.lessons,
        partners: &t.partners,
        resources: t.resources.as_deref(),
        transferability: t.transferability.as_deref(),
        contact: t.contact.as_ref().map(|c| PracticeContact {
            office: c.office.as_deref(),
            email: &c.email,
        }),
        status_label: case.status.map(|s| {
            strings
                .get(match s {
                    FeedStatus::Ongoing => "case_status_ongoing",
                    FeedStatus::Finished => "case_status_finished",
                })
                .to_string()
        }),
        period,
        sdg_targets: &case.sdg_targets,
        sdgs: case
            .sdgs
            .iter()
            .map(|s| {
                let v = s.0.to_string();
                TermLink {
                    label: taxonomies::label(site, lang, Taxonomy::Sdgs, &v),
                    url: routes::network_facet(config, lang, Facet::Sdgs, &v).url,
                    id: v,
                }
            })
            .collect(),
        themes: p
            .themes
            .iter()
            .map(|v| TermLink {
                label: taxonomies::label(site, lang, Taxonomy::Themes, v),
                url: routes::network_facet(config, lang, Facet::Themes, v).url,
                id: v.clone(),
            })
            .collect(),
        index_url: routes::section(config, Section::Network, lang).url,
    };
    let ctx = lc.typed(&page, &data);
    Ok((
        "practice.html",
        route,
        ctx,
        format!("practice {member}/{id} of the network ({lang})"),
    ))
}

fn missing() -> Diagnostic {
    Diagnostic::error(
        crate::members::CACHE_DIR,
        "a page of the network portal has no practice to show",
    )
    .help("report this to the people who maintain memoria")
}

//! schema.org metadata embedded in pages as JSON-LD (`page.jsonld`), so that
//! search engines and other cities' tools read what each page is:
//!
//! - a case is an `Article`, an indicator a `Dataset` with its downloads as
//!   `distribution`, a report a `Report` (for the legislature as its
//!   `audience`): their renderers make these, as they have the documents at
//!   hand;
//! - every other page gets its description here ([`for_page`]): the home
//!   page is the `WebSite`; the listings (cases and their pages, groupings,
//!   indicators, agreements, actions, reports) are `CollectionPage`s whose
//!   `mainEntity` is the `ItemList` they show; an agreement's or an action's
//!   page is a `WebPage` about it (see [`registry`]); the free pages, the
//!   search page and the language chooser are `WebPage`s.
//!
//! The pages not meant to be indexed (the not-found page, the notice of a
//! missing translation) carry none. Every document has the office as
//! `publisher` (the same `@id` as in the open-data catalogue), the licence as
//! its address (`Config::licence`), absolute addresses, and no `null`: the
//! nodes are typed structs whose empty values are left out.
//!
//! `tests/jsonld.rs` expands every page's document against the schema.org
//! context and checks each type and property against the vocabulary.

mod listing;
pub(crate) mod nodes;
mod registry;

use serde::{Deserialize, Serialize};

use crate::content::{CaseMeta, Document, Indicator, ReportMeta};
use crate::site::Site;
use crate::taxonomy::Taxonomy;
use nodes::{Organization, Place, WebSiteRef};

use super::Job;

/// Serialises JSON-LD for a `<script>` element: `<` is escaped so no text
/// can close the element.
pub fn script_text<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}

/// The licence's address (schema.org reads a plain name as a relative address).
fn licence(site: &Site) -> Option<&str> {
    site.config.licence.as_ref().map(|l| l.url.as_str())
}

/// An Article describing a case.
#[derive(Serialize)]
struct Article<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    description: &'a str,
    #[serde(rename = "datePublished")]
    published: String,
    #[serde(rename = "inLanguage")]
    lang: &'a str,
    url: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    keywords: Vec<String>,
    #[serde(rename = "spatialCoverage")]
    place: Place<'a>,
    #[serde(rename = "isPartOf")]
    part_of: WebSiteRef<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    license: Option<&'a str>,
    publisher: Organization<'a>,
    /// Who translated the text (`machine translation`…), when it says.
    #[serde(rename = "creativeWorkStatus", skip_serializing_if = "Option::is_none")]
    status: Option<String>,
    /// When the experience ran: `start/end`, or `start/..` while ongoing.
    #[serde(rename = "temporalCoverage", skip_serializing_if = "Option::is_none")]
    period: Option<String>,
    /// The goals and targets of the 2030 Agenda it contributes to.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    about: Vec<SdgTerm>,
    /// Its partners.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    contributor: Vec<Named<'a>>,
    /// The office peers write to about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    maintainer: Option<ContactOffice<'a>>,
}

/// A goal or target of the 2030 Agenda, by its address in the UN's SDG
/// vocabulary.
#[derive(Serialize)]
struct SdgTerm {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "termCode")]
    code: String,
    #[serde(rename = "inDefinedTermSet")]
    set: &'static str,
}

/// The UN's vocabulary of the SDGs, their targets and indicators.
const SDG_TERM_SET: &str = "http://metadata.un.org/sdg/";

impl SdgTerm {
    fn new(code: String) -> SdgTerm {
        SdgTerm {
            kind: "DefinedTerm",
            id: format!("{SDG_TERM_SET}{code}"),
            code,
            set: SDG_TERM_SET,
        }
    }
}

/// An organisation known by its name only.
#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// An office and its e-mail.
#[derive(Serialize)]
struct ContactOffice<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    email: &'a str,
}

/// An Article describing a case.
pub fn case(site: &Site, lang: &str, doc: &Document<CaseMeta>, permalink: &str) -> String {
    let m = &doc.meta;
    script_text(&nodes::Document::new(Article {
        kind: "Article",
        headline: &m.title,
        description: &m.summary,
        published: m.date.to_string(),
        lang: &doc.lang,
        url: permalink,
        keywords: m
            .themes
            .iter()
            .map(|t| super::taxonomies::label(site, lang, Taxonomy::Themes, &t.value))
            .collect(),
        place: Place::city(&m.city, &m.country),
        part_of: WebSiteRef::of(site, lang),
        license: licence(site),
        publisher: Organization::office(site, lang),
        status: m.translation.map(|t| format!("{t} translation")),
        period: m.period.map(|p| match p.end {
            Some(end) => format!("{}/{end}", p.start),
            None => format!("{}/..", p.start),
        }),
        about: m
            .sdgs
            .iter()
            .map(u8::to_string)
            .chain(m.sdg_targets.iter().cloned())
            .map(SdgTerm::new)
            .collect(),
        contributor: m
            .partners
            .iter()
            .map(|name| Named {
                kind: "Organization",
                name,
            })
            .collect(),
        maintainer: m.contact.as_ref().map(|c| ContactOffice {
            kind: "Organization",
            name: c.office.as_deref(),
            email: &c.email,
        }),
    }))
}

/// A Dataset describing an indicator and its downloads.
#[derive(Serialize)]
struct Dataset<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    description: &'a str,
    url: &'a str,
    #[serde(rename = "inLanguage")]
    lang: &'a str,
    #[serde(rename = "variableMeasured")]
    variable: &'a str,
    #[serde(rename = "temporalCoverage", skip_serializing_if = "Option::is_none")]
    coverage: Option<String>,
    #[serde(rename = "isPartOf")]
    part_of: WebSiteRef<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    license: Option<&'a str>,
    creator: Organization<'a>,
    publisher: Organization<'a>,
    distribution: [DataDownload; 2],
}

/// One download of an indicator's data.
#[derive(Serialize)]
struct DataDownload {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "encodingFormat")]
    format: &'static str,
    #[serde(rename = "contentUrl")]
    url: String,
}

/// A period of days as ISO 8601 writes it: `2025-01-01/2025-06-30`.
fn days(first: chrono::NaiveDate, after_last: chrono::NaiveDate) -> String {
    format!("{first}/{}", after_last.pred_opt().unwrap_or(first))
}

/// A Dataset describing an indicator and its downloads.
pub fn indicator(site: &Site, lang: &str, ind: &Indicator, permalink: &str) -> String {
    let fallbacks = site.config.fallbacks(lang);
    let text = |t: &'_ crate::yaml::LangText| -> String {
        t.get(lang, &fallbacks).unwrap_or("").to_string()
    };
    let (name, description) = (text(&ind.name), text(&ind.description));
    let coverage = match (ind.observations.first(), ind.observations.last()) {
        (Some(a), Some(b)) => Some(days(a.period.start(), b.period.end_exclusive())),
        _ => None,
    };
    let base = &site.config.base_url;
    let download = |format, ext| DataDownload {
        kind: "DataDownload",
        format,
        url: format!("{base}data/indicators/{}.{ext}", ind.id),
    };
    script_text(&nodes::Document::new(Dataset {
        kind: "Dataset",
        name: &name,
        description: &description,
        url: permalink,
        lang,
        variable: &name,
        coverage,
        part_of: WebSiteRef::of(site, lang),
        license: licence(site),
        creator: Organization::office(site, lang),
        publisher: Organization::office(site, lang),
        distribution: [
            download("text/csv", "csv"),
            download("application/json", "json"),
        ],
    }))
}

/// A Report describing a semiannual report. schema.org has no property for
/// whom a report is presented to (`recipient` belongs to messages and
/// actions): the legislature is its `audience`.
#[derive(Serialize)]
struct Report<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(rename = "reportNumber")]
    number: &'a str,
    #[serde(rename = "inLanguage")]
    lang: &'a str,
    url: &'a str,
    #[serde(rename = "temporalCoverage")]
    coverage: String,
    #[serde(rename = "creativeWorkStatus")]
    status: &'static str,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    audience: Audience<'a>,
    #[serde(rename = "isPartOf")]
    part_of: WebSiteRef<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    license: Option<&'a str>,
    author: Organization<'a>,
    publisher: Organization<'a>,
}

/// Who a report is for.
#[derive(Serialize)]
struct Audience<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "audienceType")]
    audience: &'a str,
}

/// A Report describing a semiannual report.
pub fn report(site: &Site, doc: &Document<ReportMeta>, permalink: &str) -> String {
    let m = &doc.meta;
    script_text(&nodes::Document::new(Report {
        kind: "Report",
        name: &m.title,
        number: &doc.id,
        lang: &doc.lang,
        url: permalink,
        coverage: days(m.period.start(), m.period.end_exclusive()),
        status: if m.presented.is_some() {
            "Published"
        } else {
            "Draft"
        },
        published: m.presented.map(|d| d.to_string()),
        audience: Audience {
            kind: "Audience",
            audience: &m.legislature,
        },
        part_of: WebSiteRef::of(site, &doc.lang),
        license: licence(site),
        author: Organization::office(site, &doc.lang),
        publisher: Organization::office(site, &doc.lang),
    }))
}

/// What every page's data says of it (`page`), as the template receives it.
#[derive(Deserialize)]
struct PageHead {
    title: String,
    description: Option<String>,
    permalink: String,
    noindex: bool,
    jsonld: Option<String>,
}

/// A web page of the site: a plain `WebPage`, a `CollectionPage` whose
/// main entity is its list, or a page about one thing (`mainEntity`).
#[derive(Serialize)]
struct WebPage<'a, E: Serialize> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    url: &'a str,
    #[serde(rename = "inLanguage")]
    lang: &'a str,
    #[serde(rename = "isPartOf")]
    part_of: WebSiteRef<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    license: Option<&'a str>,
    publisher: Organization<'a>,
    #[serde(rename = "mainEntity", skip_serializing_if = "Option::is_none")]
    main: Option<E>,
}

/// The home page of a language: the website, published by the office. Its
/// address is the site's root (the language chooser) in every language, so
/// that the home pages of all languages describe one website.
#[derive(Serialize)]
struct WebSite<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    url: &'a str,
    #[serde(rename = "inLanguage")]
    lang: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    license: Option<&'a str>,
    publisher: Organization<'a>,
}

/// The JSON-LD of a `WebPage` (or of its subtype `kind`) about `main`.
fn web_page<E: Serialize>(
    site: &Site,
    head: &PageHead,
    lang: &str,
    kind: &'static str,
    main: Option<E>,
) -> String {
    script_text(&nodes::Document::new(WebPage {
        kind,
        name: &head.title,
        description: head.description.as_deref(),
        url: &head.permalink,
        lang,
        part_of: WebSiteRef::of(site, lang),
        license: licence(site),
        publisher: Organization::office(site, lang),
        main,
    }))
}

/// The JSON-LD of the page that `job` made with the data `ctx`, for the
/// pages whose renderer gave none (see the module's documentation); `None`
/// for a page that has one already or is not meant to be indexed.
pub(crate) fn for_page(site: &Site, job: &Job, ctx: &tera::Context) -> Option<String> {
    // These renderers give their own (and the 404 page has none): the
    // many case pages skip reading the page's data again.
    if matches!(
        job,
        Job::NotFound | Job::Case(..) | Job::Indicator(..) | Job::Report(..)
    ) {
        return None;
    }
    let mut head = PageHead::deserialize(ctx.get("page")?).ok()?;
    if head.noindex || head.jsonld.is_some() {
        return None;
    }
    let lang = job.lang(site.config.default_language());
    if *job == Job::Chooser && head.description.is_none() {
        // The chooser is described by the site's description, as in its `<head>`.
        head.description = site.config.description.get(lang).cloned();
    }
    let page = |kind, main| web_page(site, &head, lang, kind, main);
    let text = match job {
        Job::Home(_) => script_text(&nodes::Document::new(WebSite {
            kind: "WebSite",
            id: nodes::website_id(site),
            name: &head.title,
            description: head.description.as_deref(),
            url: &site.config.base_url,
            lang,
            license: licence(site),
            publisher: Organization::office(site, lang),
        })),
        Job::Chooser
        | Job::Page(..)
        | Job::Search(_)
        | Job::ReportAsPresented(..)
        | Job::Progress(_)
        | Job::NetworkPractice(..) => page("WebPage", None::<()>),
        Job::Network(_) | Job::NetworkFacet(..) => page("CollectionPage", None::<()>),
        Job::Agreement(id, _) => {
            let about = registry::agreement(site, lang, site.content.agreements.get(id)?);
            web_page(site, &head, lang, "WebPage", Some(about))
        }
        Job::Action(id, _) => {
            let about = registry::action(site, lang, site.content.actions.get(id)?);
            web_page(site, &head, lang, "WebPage", Some(about))
        }
        Job::Cases(..)
        | Job::Term(..)
        | Job::Taxonomy(..)
        | Job::Indicators(_)
        | Job::IndicatorFacet(..)
        | Job::Agreements(..)
        | Job::Actions(..)
        | Job::Reports(_) => {
            let list = listing::item_list(site, job, ctx)?;
            web_page(site, &head, lang, "CollectionPage", Some(list))
        }
        Job::NotFound | Job::Case(..) | Job::Indicator(..) | Job::Report(..) => return None,
    };
    Some(text)
}

/// Adds to the data `ctx` of the page `job` made its JSON-LD
/// (`page.jsonld`), when its renderer gave none ([`for_page`]).
pub(crate) fn describe(site: &Site, job: &Job, ctx: &mut tera::Context) {
    let Some(text) = for_page(site, job, ctx) else {
        return;
    };
    if let Some(serde_json::Value::Object(mut page)) = ctx.get("page").cloned() {
        page.insert("jsonld".into(), text.into());
        ctx.insert("page", &page);
    }
}

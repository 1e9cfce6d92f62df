//! Typed template data: what each template receives, as structs that
//! borrow from the model (the site's settings, the content, the routes)
//! instead of copying it into JSON objects page by page.
//!
//! Every struct derives `Serialize` (Tera reads it) and `JsonSchema`: the
//! doc comments of the fields are the descriptions theme authors read in
//! the tables of `docs/themes.md`, which [`docs`] generates.

pub mod docs;
pub(crate) mod identity;
pub(crate) mod indicators;
pub(crate) mod listing;
pub(crate) mod network;
pub(crate) mod pages;
pub(crate) mod progress;
pub(crate) mod registry;
pub(crate) mod reports;
pub(crate) mod taxonomies;

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use self::indicators::IndicatorSummary;
use self::listing::{Facet, Pagination};
use self::taxonomies::CaseTermGroup;

use crate::markdown::Heading;

/// About the whole site, in the page's language (`site`). Built once per
/// language.
#[derive(Serialize, JsonSchema)]
pub(crate) struct SiteData<'a> {
    /// The site's title in this language (else the default language's).
    pub title: &'a str,
    /// Its description in this language, else the default language's; may be null.
    pub description: Option<&'a str>,
    /// The public address, ending in `/` (`https://memoria.example.org/`).
    pub base_url: &'a str,
    /// The path of `base_url`, ending in `/` (`/`, or `/international/`); every address starts with it.
    pub base_path: &'a str,
    /// The code of the default language.
    pub default_language: &'a str,
    /// Every language of the site, in order.
    pub languages: Vec<LanguageLink<'a>>,
    /// True when the figures are illustrative (show a notice).
    pub sample_data: bool,
    /// The licence text, or null.
    pub license: Option<&'a str>,
    /// This language's home page.
    pub home_url: String,
    /// This language's list of good practices.
    pub cases_url: String,
    /// This language's search page.
    pub search_url: String,
    /// This language's Atom feed.
    pub feed_url: String,
    /// Where the static files are: `{{ site.static_url }}style.css` (the same as `base_path`).
    pub static_url: &'a str,
    /// This language's indicators page, or null when the site has no indicators.
    pub indicators_url: Option<String>,
    /// This language's progress overview of the indicators, or null when the site has no indicators.
    pub progress_url: Option<String>,
    /// Who publishes the site: name, logo, contact, footer links, accessibility statement and privacy notice (`[identity]` in `site.toml`).
    pub identity: identity::IdentityData<'a>,
}

/// One language of the site, in `site.languages`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct LanguageLink<'a> {
    /// The language's code (`es`).
    pub code: &'a str,
    /// The direction it is written in, `ltr` or `rtl`: put `dir="{{ l.dir }}"` beside `lang="{{ l.code }}"` on its name.
    pub dir: &'static str,
    /// Its name, in itself (its `language_name` word).
    pub name: &'a str,
    /// Its home page.
    pub url: String,
}

/// One item of the main menu (`nav`).
#[derive(Serialize, JsonSchema)]
pub(crate) struct NavItem<'a> {
    /// The item's text.
    pub title: &'a str,
    /// Its address.
    pub url: String,
    /// `home`, `cases`, `indicators`, `reports`, `agreements`, `actions` or `page`.
    pub kind: &'a str,
}

/// About the page being rendered (`page`).
#[derive(Serialize, JsonSchema)]
pub(crate) struct PageData<'a> {
    /// The kind of page: `chooser`, `home`, `cases`, `case`, `page`, `untranslated`, `404`, `indicators` (also for filtered listings), `indicator`, `dimension`, `progress`, `agreements`, `agreement`, `actions`, `action`, `reports`, `report`, `terms`, `term`, `search`, `network` (a network's portal, also for a member's or a facet value's page), `practice` (a member's practice in the portal).
    pub kind: &'a str,
    /// The page's title (for the stand-in of a missing translation, the original's title).
    pub title: Cow<'a, str>,
    /// A one-line description (a case's summary, a listing's introduction…), or null.
    pub description: Option<Cow<'a, str>>,
    /// The page's root-relative address.
    pub url: &'a str,
    /// Its absolute address (from `base_url`).
    pub permalink: &'a str,
    /// The address of the page's own version elsewhere, for `<link rel="canonical">` instead of `permalink`: on a practice of a network's portal, its page on the member's site; null otherwise.
    pub canonical: Option<&'a str>,
    /// True for pages search engines should not index: the stand-in for a missing translation, and the 404 page.
    pub noindex: bool,
    /// The versions of this page that exist, one per language; for `<link rel="alternate" hreflang="…">`.
    pub alternates: Vec<Alternate<'a>>,
    /// The absolute address of the version for readers of any other language: the default language's version if it exists, else the first existing one; on the chooser, the chooser itself; null on the 404 page.
    pub x_default: Option<&'a str>,
    /// The language switcher: every language of the site, in order.
    pub translations: Vec<Translation<'a>>,
    /// Schema.org JSON-LD as a string: a `WebSite` on a home page, an `Article` for a case, a `Dataset` for an indicator, a `Report` for a report, a `CollectionPage` with its `ItemList` for a listing, a `WebPage` about an agreement (`CreativeWork`) or an action (`Event`), a `WebPage` otherwise; absent on the 404 page and the stand-in for a missing translation. Print it with `| safe` inside `<script type="application/ld+json">`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jsonld: Option<String>,
}

/// One existing version of a page, in `page.alternates`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct Alternate<'a> {
    /// Its language.
    pub lang: &'a str,
    /// Its root-relative address.
    pub url: &'a str,
    /// Its absolute address.
    pub permalink: &'a str,
}

/// One language of the switcher, in `page.translations`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct Translation<'a> {
    /// The language's code.
    pub lang: &'a str,
    /// The direction that language is written in, `ltr` or `rtl`: put `dir="{{ tr.dir }}"` beside `lang="{{ tr.lang }}"` on its name.
    pub dir: &'static str,
    /// The language's name, in that language.
    pub name: &'a str,
    /// The address of the page in that language.
    pub url: &'a str,
    /// True for this page's language.
    pub current: bool,
    /// False when that version is the stand-in for a missing translation.
    pub available: bool,
}

/// The data of a whole page: what every template receives, plus the
/// kind's own data (`extra`, whose fields are top-level variables).
/// `t` (the theme's words) is added by the renderer, which knows the
/// template.
#[derive(Serialize)]
pub(crate) struct PageContext<'a, E: Serialize> {
    /// The code of the page's language.
    pub lang: &'a str,
    /// The direction the page's language is written in: `rtl` or `ltr`.
    pub dir: &'static str,
    /// About the whole site, in this language.
    pub site: &'a SiteData<'a>,
    /// The main menu of this language.
    pub nav: &'a [NavItem<'a>],
    /// About this page.
    pub page: &'a PageData<'a>,
    /// The kind's own data.
    #[serde(flatten)]
    pub extra: &'a E,
}

/// A theme of a case, in `case.themes` on the case's own page.
#[derive(Serialize, JsonSchema)]
pub(crate) struct ThemeLink<'a> {
    /// The theme's id.
    pub id: &'a str,
    /// Its label in the page's language.
    pub label: String,
    /// The theme's page.
    pub url: String,
}

/// What listings show of a case (a case summary), in the page's language.
#[derive(Serialize, JsonSchema)]
pub(crate) struct CaseSummary<'a> {
    /// The case's id.
    pub id: &'a str,
    /// The language of the version shown: the page's language, or another one when the case is not translated yet.
    pub lang: &'a str,
    /// The direction of `lang`, `ltr` or `rtl`: put `dir="{{ case.dir }}"` beside `lang="{{ case.lang }}"` when `translated` is false.
    pub dir: &'static str,
    /// True when `lang` is the page's language. When false, put `lang="{{ case.lang }}"` on the title and on the summary (the texts of the other version) and `hreflang` on the link; labels, dates and country names are in the page's language and keep its `lang`.
    pub translated: bool,
    /// The address of the version shown.
    pub url: &'a str,
    /// The title of the version shown.
    pub title: &'a str,
    /// The city or organisation, as written in the version shown.
    pub city: &'a str,
    /// The country's ISO code (`MX`).
    pub country: &'a str,
    /// The country's name in the page's language (its `country_XX` word, else the code).
    pub country_name: &'a str,
    /// The ISO date (`2025-06-30`), for `<time datetime="…">`.
    pub date: String,
    /// The date written for the page's language.
    pub date_display: String,
    /// `local`, `regional` or `international`.
    #[schemars(with = "String")]
    pub scale: crate::content::case::Scale,
    /// The scale's label.
    pub scale_label: String,
    /// `institutional`, `political` or `territorial`.
    #[schemars(with = "String")]
    pub dimension: crate::content::case::Dimension,
    /// The dimension's label.
    pub dimension_label: String,
    /// Term ids per grouping, for `data-` attributes of client-side filtering: an object such as `{"themes": "city-networks financing", "sdgs": "11 17", "countries": "mx", …}` (ids separated by spaces).
    pub filters: BTreeMap<&'static str, String>,
    /// The numbers of its Sustainable Development Goals.
    pub sdgs: &'a [u8],
    /// The summary of the version shown.
    pub summary: &'a str,
}

/// A case on its own page (`case`): its summary plus the whole text.
#[derive(Serialize, JsonSchema)]
pub(crate) struct CaseFull<'a> {
    /// Everything the case summary has.
    #[serde(flatten)]
    pub summary: &'a CaseSummary<'a>,
    /// Institutions and people involved (texts).
    pub actors: &'a [String],
    /// Key lessons (texts).
    pub lessons: &'a [String],
    /// Whether the experience is `ongoing` or `finished`, or null when the case does not say.
    #[schemars(with = "Option<String>")]
    pub status: Option<crate::content::case::Status>,
    /// The status's label (its `case_status_…` word), or null.
    pub status_label: Option<String>,
    /// When the experience ran: `start` and `end` (ISO dates, `end` null while unknown) with `start_display` and `end_display` written for the page's language; null when the case does not say.
    pub period: Option<CasePeriodData>,
    /// Targets of its goals (`11.3`), as written.
    pub sdg_targets: &'a [String],
    /// Whom peers write to: `office` (a text, or null) and `email`; null when the case does not say.
    #[schemars(with = "Option<ContactDoc>")]
    pub contact: Option<&'a crate::content::case::Contact>,
    /// The resources mobilised (a text), or null.
    pub resources: Option<&'a str>,
    /// Partner cities and organisations (texts).
    pub partners: &'a [String],
    /// What another city needs to adapt the practice (a text), or null.
    pub transferability: Option<&'a str>,
    /// The body, rendered from Markdown (print with `| safe`).
    pub html: &'a str,
    /// The body's headings, in order, for a table of contents.
    #[schemars(with = "Vec<HeadingDoc>")]
    pub headings: &'a [Heading],
    /// The source file (`content/cases/lima.es.md`).
    pub source: String,
    /// Who translated the text shown: `machine`, `human`, `reviewed`, or null when it does not say. Show the `translation_machine_notice` word on machine translations.
    #[schemars(with = "Option<String>")]
    pub translation: Option<crate::content::translation::Translation>,
    /// The case's themes, each with its label and page. (Case summaries
    /// carry the theme ids only, in `filters.themes`: a listing that named
    /// them would have to be made again whenever a label changes.)
    pub themes: Vec<ThemeLink<'a>>,
    /// The terms the case is filed under, per grouping.
    pub terms: Vec<CaseTermGroup<'a>>,
    /// Up to four case summaries of related practices, best first.
    pub related: Vec<&'a CaseSummary<'a>>,
    /// Indicator summaries of the indicators linked to the case.
    pub indicators: Vec<IndicatorSummary<'a>>,
}

/// When an experience ran, on a case's page.
#[derive(Serialize, JsonSchema)]
pub(crate) struct CasePeriodData {
    /// The first day (`2016-03-01`).
    pub start: String,
    /// The first day written for the page's language.
    pub start_display: String,
    /// The last day, or null while unknown.
    pub end: Option<String>,
    /// The last day written for the page's language, or null.
    pub end_display: Option<String>,
}

// Describes the fields of `crate::content::case::Contact`, which the pages
// serialize as it is.
/// Whom peers write to about a practice.
#[derive(JsonSchema)]
#[schemars(rename = "Contact")]
#[allow(dead_code)]
pub(crate) struct ContactDoc {
    /// The office, or null.
    office: Option<String>,
    /// Its e-mail address.
    email: String,
}

// Describes the fields of `crate::markdown::Heading`, which the pages
// serialize as they are.
/// A heading of the body, for a table of contents.
#[derive(JsonSchema)]
#[schemars(rename = "Heading")]
#[allow(dead_code)]
pub(crate) struct HeadingDoc {
    /// 2 for `##`, 3 for `###`…
    level: u8,
    /// The heading's `id` attribute, for links to it.
    id: String,
    /// The heading's text.
    text: String,
}

/// The data `case.html` adds.
#[derive(Serialize, JsonSchema)]
pub(crate) struct CaseTemplate<'a> {
    /// The case.
    pub case: CaseFull<'a>,
}

/// The data `home.html` adds.
#[derive(Serialize, JsonSchema)]
pub(crate) struct HomeTemplate<'a> {
    /// The six newest case summaries.
    pub latest_cases: Vec<&'a CaseSummary<'a>>,
    /// The number of cases.
    pub case_count: usize,
    /// The report of the latest semester that was presented (drafts are left out), or null when none was presented yet.
    pub latest_report: Option<HomeReport<'a>>,
    /// The list of reports, or null when the site has no reports.
    pub reports_url: Option<String>,
    /// How many indicators of each dimension stand at each status (every dimension, also those without indicators); empty when the site has no indicators. The progress overview is `site.progress_url`.
    pub progress: Vec<progress::ProgressRow>,
    /// The number of indicators.
    pub indicator_count: usize,
}

/// The latest report presented, in `latest_report` of `home.html`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct HomeReport<'a> {
    /// Everything the list of reports shows of it (`period_display`, `title`, `url`, `presented_display`, `lang`, `translated`…).
    #[serde(flatten)]
    pub report: reports::ReportItem<'a>,
    /// The report printed to PDF, or null when the site was built without `--pdf`.
    pub pdf: Option<reports::PdfLink>,
}

/// The data `cases.html` adds.
#[derive(Serialize, JsonSchema)]
pub(crate) struct CasesTemplate<'a> {
    /// The case summaries of this page, newest first (then by title).
    pub cases: Vec<&'a CaseSummary<'a>>,
    /// The number of cases on all pages.
    pub case_count: usize,
    /// The links to the other pages of the list.
    pub pagination: Pagination,
    /// The address of the combined filter's data file (`/es/casos/filter.json`): a JSON list of every case of the language, in the order of the list, each with `url`, `lang`, `translated`, `title`, `city`, `country_name`, `date`, `date_display`, `dimension_label`, `scale_label` and `filters` (as in the case summary).
    pub filter_data: String,
    /// The page size.
    pub per_page: usize,
    /// On the first page only: the groupings, in this order: themes, SDGs, dimensions, scales, countries, cities; only those with at least one term. Empty on the other pages, which link to them with `facets_url`.
    pub facets: Vec<Facet<'a>>,
    /// On the other pages: the address of the groupings on the first page (`/es/casos/#browse-heading`); null on the first page.
    pub facets_url: Option<String>,
}

/// One case in the combined filter's data file (`filter.json`): enough to
/// show a short card for each match. The fields are in alphabetical order,
/// the order the file has always had.
#[derive(Serialize)]
pub(crate) struct FilterCard<'a> {
    pub city: &'a str,
    pub country_name: &'a str,
    pub date: &'a str,
    pub date_display: &'a str,
    pub dimension_label: &'a str,
    pub filters: &'a BTreeMap<&'static str, String>,
    pub lang: &'a str,
    pub scale_label: &'a str,
    pub title: &'a str,
    pub translated: bool,
    pub url: &'a str,
}

impl<'a> FilterCard<'a> {
    /// The card of a case summary.
    pub(crate) fn of(s: &'a CaseSummary<'a>) -> FilterCard<'a> {
        FilterCard {
            city: s.city,
            country_name: s.country_name,
            date: &s.date,
            date_display: &s.date_display,
            dimension_label: &s.dimension_label,
            filters: &s.filters,
            lang: s.lang,
            scale_label: &s.scale_label,
            title: s.title,
            translated: s.translated,
            url: s.url,
        }
    }
}

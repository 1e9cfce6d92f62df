//! Typed data of a network portal's pages: `network.html` (the portal's
//! index, a member's page and a facet value's page) and `practice.html` (a
//! member's practice).

use schemars::JsonSchema;
use serde::Serialize;

use super::listing::Facet;
use super::taxonomies::TermLink;

/// A member of the network (`member`, `members`).
#[derive(Serialize, JsonSchema)]
pub(crate) struct MemberData<'a> {
    /// Its id in the network (`ciudad-ejemplo`).
    pub id: &'a str,
    /// Its name, as `site.toml` writes it.
    pub name: &'a str,
    /// Its country's name in the page's language.
    pub country_name: String,
    /// Its page in the portal: the list of its practices.
    pub url: String,
    /// The address of its own site.
    pub site_url: &'a str,
    /// The day its feed was fetched (`2026-11-30`), for `<time datetime>`.
    pub fetched: &'a str,
    /// That day written for the page's language.
    pub fetched_display: String,
    /// How many practices the portal shows of it.
    pub practice_count: usize,
}

/// A practice on a card of the portal (`practices`) and on its own page.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PracticeCard<'a> {
    /// Its id on the member's site.
    pub id: &'a str,
    /// The member's id.
    pub member_id: &'a str,
    /// The member's name.
    pub member_name: &'a str,
    /// Its page in the portal.
    pub url: String,
    /// Its page on the member's site, in the language shown: the address to
    /// link to as the practice's own (canonical) page.
    pub source_url: &'a str,
    /// The language of the texts shown: the page's language, or the
    /// member's when the member has not translated it.
    pub lang: &'a str,
    /// The direction of `lang`, `ltr` or `rtl`.
    pub dir: &'static str,
    /// True when `lang` is the page's language. When false, put
    /// `lang="{{ practice.lang }}" dir="{{ practice.dir }}"` on its texts.
    pub translated: bool,
    /// Its title.
    pub title: &'a str,
    /// The city or organisation, as the member writes it.
    pub city: &'a str,
    /// Its summary.
    pub summary: &'a str,
    /// The country's ISO code (`CO`).
    pub country: &'a str,
    /// The country's name in the page's language.
    pub country_name: String,
    /// The date it was published (`2025-06-30`).
    pub date: String,
    /// That date written for the page's language.
    pub date_display: String,
    /// Its dimension's label.
    pub dimension_label: String,
    /// Its scale's label.
    pub scale_label: String,
}

/// The data `network.html` adds.
#[derive(Serialize, JsonSchema)]
pub(crate) struct NetworkTemplate<'a> {
    /// The practices listed, newest first.
    pub practices: Vec<PracticeCard<'a>>,
    /// How many they are.
    pub practice_count: usize,
    /// The ways to browse every practice of the portal, in this order:
    /// members, themes, SDGs, dimensions, scales, countries (only those
    /// with a value); each term's `url` is its page in the portal and its
    /// `count` its number of practices.
    pub facets: Vec<Facet<'a>>,
    /// Every member, in the order of `site.toml`.
    pub members: Vec<MemberData<'a>>,
    /// On a member's page: the member; null elsewhere.
    pub member: Option<MemberData<'a>>,
    /// On a facet value's page: the facet's name and the value's label
    /// (`{"facet": "Country", "value": "Colombia"}`); null elsewhere.
    pub filter: Option<FilterData>,
    /// The portal's index.
    pub index_url: String,
}

/// The facet and the value a page of the portal lists.
#[derive(Serialize, JsonSchema)]
pub(crate) struct FilterData {
    /// The facet's name in the page's language.
    pub facet: String,
    /// The value's label in the page's language.
    pub value: String,
}

/// When the experience of a practice ran.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PracticePeriod {
    /// The first day, ISO.
    pub start: String,
    /// It written for the page's language.
    pub start_display: String,
    /// The last day, ISO, or null while it runs.
    pub end: Option<String>,
    /// It written for the page's language, or null.
    pub end_display: Option<String>,
}

/// Whom peers write to about a practice.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PracticeContact<'a> {
    /// The office, or null.
    pub office: Option<&'a str>,
    /// Its e-mail address.
    pub email: &'a str,
}

/// The data `practice.html` adds.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PracticeTemplate<'a> {
    /// The practice (as on its card).
    pub practice: PracticeCard<'a>,
    /// Its member.
    pub member: MemberData<'a>,
    /// Institutions and people involved.
    pub actors: &'a [String],
    /// Key lessons.
    pub lessons: &'a [String],
    /// Partner cities and organisations.
    pub partners: &'a [String],
    /// The resources mobilised, or null.
    pub resources: Option<&'a str>,
    /// What another city needs to adapt it, or null.
    pub transferability: Option<&'a str>,
    /// Whom to write to, or null.
    pub contact: Option<PracticeContact<'a>>,
    /// The label of its status (ongoing, finished), or null.
    pub status_label: Option<String>,
    /// When it ran, or null.
    pub period: Option<PracticePeriod>,
    /// Targets of its goals (`11.3`).
    pub sdg_targets: &'a [String],
    /// Its goals, each with its page in the portal.
    pub sdgs: Vec<TermLink>,
    /// The network's themes it is filed under, each with its page.
    pub themes: Vec<TermLink>,
    /// The portal's index.
    pub index_url: String,
}

//! Typed data shared by several templates: the links between the pages of
//! a listing, the groupings of the cases (facets) and the links to open
//! data files.

use schemars::JsonSchema;
use serde::Serialize;

/// The links to the other pages of a listing (`pagination`).
#[derive(Serialize, JsonSchema)]
pub(crate) struct Pagination {
    /// This page's number (1 for the first).
    pub current: usize,
    /// The number of pages.
    pub total: usize,
    /// The address of the page before, or null on the first.
    pub previous: Option<String>,
    /// The address of the page after, or null on the last.
    pub next: Option<String>,
    /// The page links to show, in order: the first, the last, and the two either side of the current one, with a `gap` entry where numbers are left out.
    pub pages: Vec<PageLink>,
}

/// One entry of `pagination.pages`: a page, or a gap where numbers are left out.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PageLink {
    /// True for a gap (print `…`); the other fields are then null or false.
    pub gap: bool,
    /// The page's number; null for a gap.
    pub number: Option<usize>,
    /// The page's address; null for a gap.
    pub url: Option<String>,
    /// True for the page being shown.
    pub current: bool,
}

/// One grouping of the cases (themes, SDGs, dimensions, scales, countries, cities) with its terms.
#[derive(Serialize, JsonSchema)]
pub(crate) struct Facet<'a> {
    /// The grouping's id: `themes`, `sdgs`, `dimensions`, `scales`, `countries` or `cities`.
    pub taxonomy: &'a str,
    /// Its name in the page's language (its `taxonomy_<id>` word).
    pub label: String,
    /// Its page (`terms.html`).
    pub url: String,
    /// Its terms, sorted by label (SDGs by number).
    pub terms: Vec<FacetTerm<'a>>,
}

/// One term of a grouping, in a facet's `terms`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct FacetTerm<'a> {
    /// The term's id (`city-networks`, `11`, `mx`).
    pub id: &'a str,
    /// Its label in the page's language.
    pub label: String,
    /// Its number of cases.
    pub count: usize,
    /// Its page (`term.html`).
    pub url: String,
}

/// The open data of a registry or of the indicators (`downloads`).
#[derive(Serialize, JsonSchema)]
pub(crate) struct Downloads {
    /// The CSV file.
    pub csv: String,
    /// The JSON file.
    pub json: String,
}

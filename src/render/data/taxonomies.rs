//! Typed data of the pages that browse the cases by grouping: the index of
//! a grouping (`terms.html`), the pages of a term (`term.html`), and the
//! terms a case is filed under.

use schemars::JsonSchema;
use serde::Serialize;

use super::listing::{Facet, Pagination};
use super::CaseSummary;

/// The data `terms.html` adds.
#[derive(Serialize, JsonSchema)]
pub(crate) struct TermsTemplate<'a> {
    /// The grouping, as one item of `facets` of `cases.html`; null when it has no terms.
    pub taxonomy: Option<Facet<'a>>,
    /// The other groupings that have terms.
    pub other_taxonomies: Vec<TaxonomyLink>,
}

/// A grouping of the cases with its page, in `other_taxonomies`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct TaxonomyLink {
    /// Its name in the page's language.
    pub label: String,
    /// Its page (`terms.html`).
    pub url: String,
}

/// The data `term.html` adds.
#[derive(Serialize, JsonSchema)]
pub(crate) struct TermTemplate<'a> {
    /// The term.
    pub term: TermData<'a>,
    /// Its grouping.
    pub taxonomy: TaxonomyRef<'a>,
    /// The case summaries of this page, newest first.
    pub cases: Vec<&'a CaseSummary<'a>>,
    /// The links to the other pages of the term's list.
    pub pagination: Pagination,
}

/// The term of `term.html`, in `term`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct TermData<'a> {
    /// The term's id.
    pub id: &'a str,
    /// Its label in the page's language.
    pub label: String,
    /// Its number of cases (on all pages).
    pub count: usize,
    /// Its description (from `vocabulary.yaml`, for themes), else null.
    pub description: Option<&'a str>,
}

/// The grouping of a term, in `term.html`'s `taxonomy`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct TaxonomyRef<'a> {
    /// The grouping's id.
    pub id: &'a str,
    /// Its name in the page's language.
    pub label: String,
    /// Its page (`terms.html`).
    pub url: String,
}

/// The terms of one grouping a case is filed under, in `case.terms`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct CaseTermGroup<'a> {
    /// The grouping's id.
    pub taxonomy: &'a str,
    /// Its name in the page's language.
    pub label: String,
    /// The case's terms in it.
    pub terms: Vec<TermLink>,
}

/// A term a case is filed under, in `case.terms[].terms`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct TermLink {
    /// The term's id.
    pub id: String,
    /// Its label in the page's language.
    pub label: String,
    /// Its page (`term.html`).
    pub url: String,
}

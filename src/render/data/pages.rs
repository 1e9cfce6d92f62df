//! Typed data of the pages that are neither listings nor registry items:
//! the language chooser, the 404 page, free pages, the stand-ins for
//! missing translations and the search page.

use schemars::JsonSchema;
use serde::Serialize;

use super::listing::Facet;
use super::HeadingDoc;
use crate::markdown::Heading;

/// The data `chooser.html` adds. The page itself is in the default language.
#[derive(Serialize, JsonSchema)]
pub(crate) struct ChooserTemplate<'a> {
    /// One entry per language of the site, in order.
    pub choices: Vec<Choice<'a>>,
}

/// One language on the chooser, in `choices`: mark its texts with `lang="{{ choice.lang }}"`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct Choice<'a> {
    /// The language's code.
    pub lang: &'a str,
    /// The direction it is written in, `ltr` or `rtl`: put `dir="{{ choice.dir }}"` beside `lang="{{ choice.lang }}"`.
    pub dir: &'static str,
    /// The language's name, in itself (its `language_name` word).
    pub name: &'a str,
    /// Its home page.
    pub url: String,
    /// The site's title in that language.
    pub title: &'a str,
    /// The site's description in that language, or null.
    pub description: Option<&'a str>,
    /// The `chooser_enter` word of that language.
    pub enter: &'a str,
}

/// The data `404.html` adds: none. The page is in the default language; use `site.languages` to link to every home page.
#[derive(Serialize, JsonSchema)]
pub(crate) struct NotFoundTemplate {}

/// The data `page.html` adds.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PageTemplate<'a> {
    /// The free page.
    pub doc: PageDoc<'a>,
}

/// A free page, in `doc`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PageDoc<'a> {
    /// The page's id.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its summary, or null.
    pub summary: Option<&'a str>,
    /// Who translated it: `machine`, `human`, `reviewed`, or null when it does not say. Show the `translation_machine_notice` word on machine translations.
    #[schemars(with = "Option<String>")]
    pub translation: Option<crate::content::translation::Translation>,
    /// The body, rendered from Markdown (print with `| safe`).
    pub html: &'a str,
    /// The body's headings, in order, for a table of contents.
    #[schemars(with = "Vec<HeadingDoc>")]
    pub headings: &'a [Heading],
}

/// The data `untranslated.html` adds.
#[derive(Serialize, JsonSchema)]
pub(crate) struct UntranslatedTemplate<'a> {
    /// About the content that is not translated yet.
    pub original: Original<'a>,
}

/// The content that is not translated yet, in `original`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct Original<'a> {
    /// The language of the version whose title and summary are given: the first that exists in the site's fallback order (the page's language, then the languages of `languages` in `site.toml`, in that order).
    pub lang: &'a str,
    /// Its title (also in `page.title`).
    pub title: &'a str,
    /// Its summary (for a report, its legislature), or null. Mark it with `lang="{{ original.lang }}"`.
    pub summary: Option<&'a str>,
    /// The versions that exist, in the order of `languages`.
    pub available: Vec<AvailableVersion<'a>>,
    /// The `untranslated_notice` word of the page's language.
    pub notice: &'a str,
}

/// A version that exists, in `original.available`: mark `title` and `name` with `lang="{{ v.lang }}"`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct AvailableVersion<'a> {
    /// Its language.
    pub lang: &'a str,
    /// The language's name, in that language.
    pub name: &'a str,
    /// That version's own title.
    pub title: &'a str,
    /// Its address.
    pub url: &'a str,
}

/// The data `search.html` adds.
#[derive(Serialize, JsonSchema)]
pub(crate) struct SearchTemplate<'a> {
    /// The folder of this language's search index (`/search/es/`).
    pub search_index: String,
    /// The groupings of the cases, as in `cases.html`, for browsing links.
    pub facets: Vec<Facet<'a>>,
}

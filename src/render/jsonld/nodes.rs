//! The schema.org nodes that several kinds of page share: the office that
//! publishes the site, the site itself, places, lists. Every one is a typed
//! struct whose empty values are left out, so no page carries a `null`.

use serde::Serialize;

use crate::config::ReportCover;
use crate::site::Site;

/// A JSON-LD document: the schema.org context and one node.
#[derive(Serialize)]
pub(crate) struct Document<T: Serialize> {
    #[serde(rename = "@context")]
    pub context: &'static str,
    #[serde(flatten)]
    pub node: T,
}

impl<T: Serialize> Document<T> {
    /// `node` with the schema.org context.
    pub(crate) fn new(node: T) -> Document<T> {
        Document {
            context: "https://schema.org",
            node,
        }
    }
}

/// The office that publishes the site (`[report] office` in `site.toml`,
/// else the site's title), with the same `@id` as the publisher of the
/// open-data catalogue, so that both describe one organisation.
#[derive(Serialize)]
pub(crate) struct Organization<'a> {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    #[serde(rename = "@id")]
    pub id: String,
    pub name: &'a str,
    pub url: &'a str,
}

impl<'a> Organization<'a> {
    /// The site's office, named in `lang`.
    pub(crate) fn office(site: &'a Site, lang: &str) -> Organization<'a> {
        let config = &site.config;
        let office = ReportCover::text(&config.report.office, &config.fallbacks(lang));
        Organization {
            kind: "Organization",
            id: format!("{}#publisher", config.base_url),
            name: if office.is_empty() {
                config.title(lang)
            } else {
                office
            },
            url: &config.base_url,
        }
    }
}

/// Another organisation, known by its name (an agreement's partner).
#[derive(Serialize)]
pub(crate) struct Party<'a> {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub name: &'a str,
    pub address: PostalAddress<'a>,
}

/// The website, as the pages name what they are part of.
#[derive(Serialize)]
pub(crate) struct WebSiteRef<'a> {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    #[serde(rename = "@id")]
    pub id: String,
    pub name: &'a str,
    pub url: &'a str,
}

impl<'a> WebSiteRef<'a> {
    /// The site, named in `lang`.
    pub(crate) fn of(site: &'a Site, lang: &str) -> WebSiteRef<'a> {
        WebSiteRef {
            kind: "WebSite",
            id: website_id(site),
            name: site.config.title(lang),
            url: &site.config.base_url,
        }
    }
}

/// The `@id` of the website node (the home pages describe it in full).
pub(crate) fn website_id(site: &Site) -> String {
    format!("{}#website", site.config.base_url)
}

/// A city and its country.
#[derive(Serialize)]
pub(crate) struct Place<'a> {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub name: &'a str,
    pub address: PostalAddress<'a>,
}

impl<'a> Place<'a> {
    /// The city `city` of the country with ISO 3166-1 code `country`.
    pub(crate) fn city(city: &'a str, country: &'a str) -> Place<'a> {
        Place {
            kind: "Place",
            name: city,
            address: PostalAddress {
                kind: "PostalAddress",
                locality: (!city.is_empty()).then_some(city),
                country,
            },
        }
    }
}

/// A country (ISO 3166-1 alpha-2 code) and, when known, a city.
#[derive(Serialize)]
pub(crate) struct PostalAddress<'a> {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    #[serde(rename = "addressLocality", skip_serializing_if = "Option::is_none")]
    pub locality: Option<&'a str>,
    #[serde(rename = "addressCountry")]
    pub country: &'a str,
}

/// The list a listing page shows.
#[derive(Serialize)]
pub(crate) struct ItemList {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    /// How many items the whole list has (a page of a long list shows
    /// some of them).
    #[serde(rename = "numberOfItems")]
    pub count: usize,
    #[serde(rename = "itemListElement")]
    pub items: Vec<ListItem>,
}

/// One item of a list: its place in the whole list and its address.
#[derive(Serialize)]
pub(crate) struct ListItem {
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub position: usize,
    pub url: String,
}

//! `/sitemap.xml`: every page that exists in at least one language, with
//! `xhtml:link` alternates for its translations.

use std::fmt::Write;

use crate::config::{Config, Section};
use crate::content::{Collection, Kind};
use crate::output::OutputFile;
use crate::render::context::page_count;
use crate::routes::{self, Route};
use crate::site::Site;
use crate::theme::escape_markup;

/// A group of pages that are translations of each other: (lang, route).
type Group<'a> = Vec<(&'a str, Route)>;

/// The pages of the listing of `section` when it lists `items` items, each
/// with its versions in every language.
fn paged(config: &Config, section: Section, items: usize) -> Vec<Group<'_>> {
    (1..=page_count(items, config.per_page))
        .map(|n| {
            config
                .languages
                .iter()
                .map(|l| {
                    let first = routes::section(config, section, l);
                    (l.as_str(), routes::paged(config, &first, l, n))
                })
                .collect()
        })
        .collect()
}

/// Renders the sitemap of `site`.
pub fn render(site: &Site) -> OutputFile {
    let config = &site.config;
    let mut groups: Vec<Group<'_>> = Vec::new();
    let every = |f: &dyn Fn(&str) -> Route| -> Group<'_> {
        config
            .languages
            .iter()
            .map(|l| (l.as_str(), f(l)))
            .collect()
    };
    groups.push(every(&|l| routes::home(config, l)));
    groups.extend(paged(config, Section::Cases, super::listed_cases(site)));
    add_collection(site, Kind::Case, &site.content.cases, &mut groups);
    if !site.content.indicators.is_empty() {
        groups.push(every(&|l| routes::section(config, Section::Indicators, l)));
        for (facet, values) in crate::render::indicators::facets() {
            for value in values {
                groups.push(every(&|l| routes::indicator_facet(config, l, facet, value)));
            }
        }
        for id in site.content.indicators.keys() {
            let group: Group<'_> = config
                .languages
                .iter()
                .filter_map(|l| {
                    site.routes
                        .doc(Kind::Indicator, id, l)
                        .map(|r| (l.as_str(), r.clone()))
                })
                .collect();
            groups.push(group);
        }
    }
    add_collection(site, Kind::Page, &site.content.pages, &mut groups);
    add_collection(site, Kind::Report, &site.content.reports, &mut groups);
    groups.push(every(&|l| routes::section(config, Section::Search, l)));
    for (tax, terms) in &site.taxonomies.terms {
        groups.push(every(&|l| routes::taxonomy(config, l, *tax)));
        for t in terms {
            for n in 1..=page_count(t.cases.len(), config.per_page) {
                groups.push(every(&|l| routes::term(config, l, *tax, &t.id, n)));
            }
        }
    }
    for (present, section, kind, ids) in [
        (
            !site.content.reports.is_empty(),
            Section::Reports,
            Kind::Report,
            Vec::new(),
        ),
        (
            !site.content.agreements.is_empty(),
            Section::Agreements,
            Kind::Agreement,
            site.content.agreements.keys().collect::<Vec<_>>(),
        ),
        (
            !site.content.actions.is_empty(),
            Section::Actions,
            Kind::Action,
            site.content.actions.keys().collect(),
        ),
    ] {
        if !present {
            continue;
        }
        // Reports are listed on one page: there are two a year.
        let items = if kind == Kind::Report { 0 } else { ids.len() };
        groups.extend(paged(config, section, items));
        for id in ids {
            let group: Group<'_> = config
                .languages
                .iter()
                .filter_map(|l| {
                    site.routes
                        .doc(kind, id, l)
                        .map(|r| (l.as_str(), r.clone()))
                })
                .collect();
            groups.push(group);
        }
    }

    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    // The language chooser is the x-default of the home pages.
    let chooser = routes::chooser(config);
    let _ = writeln!(
        xml,
        "  <url>\n    <loc>{}</loc>",
        escape_markup(&chooser.permalink)
    );
    for l in &config.languages {
        let _ = writeln!(
            xml,
            "    <xhtml:link rel=\"alternate\" hreflang=\"{l}\" href=\"{}\"/>",
            escape_markup(&routes::home(config, l).permalink)
        );
    }
    let _ = writeln!(
        xml,
        "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n  </url>",
        escape_markup(&chooser.permalink)
    );
    for group in &groups {
        let homes = group.iter().all(|(l, r)| *r == routes::home(config, l));
        let x_default = if homes {
            Some(chooser.permalink.clone())
        } else {
            group
                .iter()
                .find(|(l, _)| *l == config.default_language())
                .or_else(|| group.first())
                .map(|(_, r)| r.permalink.clone())
        };
        for (_, route) in group {
            let _ = writeln!(
                xml,
                "  <url>\n    <loc>{}</loc>",
                escape_markup(&route.permalink)
            );
            if group.len() > 1 || config.languages.len() > 1 {
                for (l, r) in group {
                    let _ = writeln!(
                        xml,
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{l}\" href=\"{}\"/>",
                        escape_markup(&r.permalink)
                    );
                }
                if let Some(x) = &x_default {
                    let _ = writeln!(
                        xml,
                        "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                        escape_markup(x)
                    );
                }
            }
            xml.push_str("  </url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    OutputFile::new("sitemap.xml".into(), xml.into_bytes(), "sitemap".into())
}

fn add_collection<'a, M>(
    site: &'a Site,
    kind: Kind,
    collection: &'a Collection<M>,
    groups: &mut Vec<Group<'a>>,
) {
    for entry in collection.entries.values() {
        let group: Group<'a> = site
            .config
            .languages
            .iter()
            .filter(|l| entry.docs.contains_key(*l))
            .filter_map(|l| {
                site.routes
                    .doc(kind, &entry.id, l)
                    .map(|r| (l.as_str(), r.clone()))
            })
            .collect();
        if !group.is_empty() {
            groups.push(group);
        }
    }
}

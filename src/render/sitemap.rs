//! `/sitemap.xml`: every page that exists in at least one language, with
//! `xhtml:link` alternates for its translations.

use std::fmt::Write;

use std::collections::BTreeMap;

use crate::output::OutputFile;
use crate::render::{jobs, Job};
use crate::routes::{self, Route};
use crate::site::Site;
use crate::theme::escape_markup;

/// A group of pages that are translations of each other: (lang, route).
type Group<'a> = Vec<(&'a str, Route)>;

/// Renders the sitemap of `site`: every page of the page registry but the
/// stand-ins ([`Job::is_stand_in`]), grouped with its translations, in the
/// order of the registry.
pub fn render(site: &Site) -> OutputFile {
    let config = &site.config;
    let mut groups: Vec<Group<'_>> = Vec::new();
    let mut group_of: BTreeMap<Job, usize> = BTreeMap::new();
    for job in jobs(site) {
        if job.is_stand_in(site) {
            continue;
        }
        let Some(route) = job.route(site) else {
            continue;
        };
        let lang = config
            .languages
            .iter()
            .find(|l| l.as_str() == job.lang(""))
            .map_or("", String::as_str);
        let key = job.in_language("");
        let i = *group_of.entry(key).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[i].push((lang, route));
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

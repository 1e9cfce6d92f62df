//! `/sitemap.xml`: every page that exists in at least one language, with
//! `xhtml:link` alternates for its translations and, for the pages that
//! have a date, the day they last changed (`<lastmod>`); and `/robots.txt`,
//! which lets every crawler in and names the sitemap and the open-data
//! catalogue.

use std::fmt::Write;

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::output::OutputFile;
use crate::render::{jobs, Job};
use crate::routes::{self, Route};
use crate::site::Site;
use crate::theme::escape_markup;

/// A group of pages that are translations of each other: (lang, route,
/// the day the page last changed).
type Group<'a> = Vec<(&'a str, Route, Option<NaiveDate>)>;

/// The day page `job` last changed, as its content says (never the day of
/// the build, so that the sitemap is the same for the same sources): a
/// case's date; a report's latest of the day it was presented, the day
/// the legislature received it and its errata; an indicator's last day of
/// its latest period measured; an agreement's signature or latest
/// amendment; an action's latest day (its end, its authorisation, its trip
/// report); the progress overview, the latest of its indicators'. Other
/// pages (listings, free pages) have no date of their own.
pub(crate) fn last_changed(site: &Site, job: &Job) -> Option<NaiveDate> {
    let content = &site.content;
    match job {
        Job::Case(id, lang) => content.cases.get(id)?.get(lang).map(|d| d.meta.date),
        Job::Report(id, lang) => {
            let m = &content.reports.get(id)?.get(lang)?.meta;
            m.presented
                .into_iter()
                .chain(m.received.iter().map(|r| r.date))
                .chain(m.errata.iter().map(|e| e.date))
                .max()
        }
        Job::Indicator(id, _) => content
            .indicators
            .get(id)?
            .observations
            .iter()
            .map(|o| o.period.end_exclusive())
            .max()
            .and_then(|d| d.pred_opt()),
        Job::Agreement(id, _) => {
            let a = content.agreements.get(id)?;
            a.amendments.iter().map(|m| m.date).chain([a.signed]).max()
        }
        Job::Action(id, _) => {
            let a = content.actions.get(id)?;
            [Some(a.date), a.end_date]
                .into_iter()
                .flatten()
                .chain(a.authorisation.iter().map(|x| x.date))
                .chain(a.trip_report.iter().map(|r| r.date))
                .max()
        }
        // The overview changes with every indicator.
        Job::Progress(lang) => content
            .indicators
            .keys()
            .filter_map(|id| last_changed(site, &Job::Indicator(id.clone(), lang.clone())))
            .max(),
        _ => None,
    }
}

/// Renders the sitemap of `site`: every page of the page registry but the
/// stand-ins ([`Job::is_stand_in`]) and the practices of a network's portal
/// (whose canonical page is their member's), grouped with its translations, in the
/// order of the registry.
pub fn render(site: &Site) -> OutputFile {
    let config = &site.config;
    let mut groups: Vec<Group<'_>> = Vec::new();
    let mut group_of: BTreeMap<Job, usize> = BTreeMap::new();
    for job in jobs(site) {
        // Stand-ins, and a network's practices, whose own page (their
        // canonical address) is on the member's site.
        if job.is_stand_in(site) || matches!(job, Job::NetworkPractice(..)) {
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
        groups[i].push((lang, route, last_changed(site, &job)));
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
        let homes = group.iter().all(|(l, r, _)| *r == routes::home(config, l));
        let x_default = if homes {
            Some(chooser.permalink.clone())
        } else {
            group
                .iter()
                .find(|(l, ..)| *l == config.default_language())
                .or_else(|| group.first())
                .map(|(_, r, _)| r.permalink.clone())
        };
        for (_, route, changed) in group {
            let _ = writeln!(
                xml,
                "  <url>\n    <loc>{}</loc>",
                escape_markup(&route.permalink)
            );
            if let Some(day) = changed {
                // The W3C date format (YYYY-MM-DD) the sitemap protocol asks for.
                let _ = writeln!(xml, "    <lastmod>{day}</lastmod>");
            }
            if group.len() > 1 || config.languages.len() > 1 {
                for (l, r, _) in group {
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

/// `/robots.txt`: every crawler may read every page; the sitemap and the
/// open-data catalogue are named with their absolute addresses. Crawlers
/// read it only at the root of a host: a site published in a sub-folder
/// gives these lines to the host's own file (see docs/content-format.md).
pub fn robots(site: &Site) -> OutputFile {
    let base = &site.config.base_url;
    let text = format!(
        "# Every page of this site may be read and indexed.\n\
         User-agent: *\n\
         Allow: /\n\
         \n\
         Sitemap: {base}sitemap.xml\n\
         \n\
         # The open data of this site, described in DCAT-AP for open-data portals:\n\
         # {base}data/catalog.jsonld\n"
    );
    OutputFile::new("robots.txt".into(), text.into_bytes(), "robots.txt".into())
}

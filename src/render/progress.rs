//! The progress overview of the indicators: one page per language
//! (`/<lang>/<indicators>/<progress>/`) that counts every indicator's
//! status by dimension and by level and lists each indicator with its
//! status; and the counts by dimension the home page shows.

use super::context::{self, LanguageContext};
use super::data::progress::{ProgressGroup, ProgressRow, ProgressTemplate};
use super::indicators::{self, Page};
use crate::content::case::Dimension;
use crate::content::indicator::{Indicator, Level};
use crate::routes::{self, Route};
use crate::site::Site;
use crate::yaml::YamlEnum;

/// The indicators of `site` that `keep` accepts.
fn select(site: &Site, keep: impl Fn(&Indicator) -> bool) -> Vec<&Indicator> {
    site.content
        .indicators
        .values()
        .filter(|i| keep(i))
        .collect()
}

/// One row per dimension: how many indicators stand at each status.
pub(crate) fn by_dimension(site: &Site, lang: &str) -> Vec<ProgressRow> {
    Dimension::ALL
        .iter()
        .map(|&(id, dim)| {
            let inds = select(site, |i| i.dimension == dim);
            ProgressRow {
                id,
                label: context::label(site, lang, "dimension", dim),
                url: routes::indicator_facet(&site.config, lang, "dimension", id).url,
                total: inds.len(),
                counts: indicators::status_counts(site, lang, &inds),
            }
        })
        .collect()
}

/// One row per level: how many indicators stand at each status.
fn by_level(site: &Site, lang: &str) -> Vec<ProgressRow> {
    Level::ALL
        .iter()
        .map(|&(id, level)| {
            let inds = select(site, |i| i.level == level);
            ProgressRow {
                id,
                label: context::label(site, lang, "level", level),
                url: routes::indicator_facet(&site.config, lang, "level", id).url,
                total: inds.len(),
                counts: indicators::status_counts(site, lang, &inds),
            }
        })
        .collect()
}

/// The indicators of each dimension that has some, from input to impact,
/// then by name.
fn groups<'a>(site: &'a Site, lang: &str) -> Vec<ProgressGroup<'a>> {
    let fallbacks = site.config.fallbacks(lang);
    Dimension::ALL
        .iter()
        .filter_map(|&(id, dim)| {
            let mut inds = select(site, |i| i.dimension == dim);
            if inds.is_empty() {
                return None;
            }
            inds.sort_by_cached_key(|i| {
                (
                    Level::ALL.iter().position(|(_, l)| *l == i.level),
                    i.name.get(lang, &fallbacks).unwrap_or("").to_lowercase(),
                    i.id.clone(),
                )
            });
            Some(ProgressGroup {
                id,
                label: context::label(site, lang, "dimension", dim),
                url: routes::indicator_facet(&site.config, lang, "dimension", id).url,
                indicators: inds
                    .into_iter()
                    .map(|i| indicators::summary(site, lang, i))
                    .collect(),
            })
        })
        .collect()
}

/// The progress overview in `lang`.
pub fn page(site: &Site, lc: &LanguageContext, lang: &str) -> Page {
    let config = &site.config;
    let strings = site.theme.i18n.strings(lang);
    let all: Vec<(String, Route)> = config
        .languages
        .iter()
        .map(|l| (l.clone(), routes::progress(config, l)))
        .collect();
    let route = routes::progress(config, lang);
    let versions = context::all_languages(config, &all);
    let page = context::page_data(
        site,
        lang,
        "progress",
        strings.get("progress_title"),
        Some(strings.get("progress_intro")),
        &route,
        &versions,
    );
    let every = select(site, |_| true);
    let data = ProgressTemplate {
        total: every.len(),
        statuses: indicators::status_counts(site, lang, &every),
        by_dimension: by_dimension(site, lang),
        by_level: by_level(site, lang),
        groups: groups(site, lang),
        index_url: routes::section(config, crate::config::Section::Indicators, lang).url,
    };
    let ctx = lc.typed(&page, &data);
    let owner = format!("progress overview ({lang})");
    ("progress.html", route, ctx, owner)
}

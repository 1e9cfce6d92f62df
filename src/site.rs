//! A site loaded, validated and derived: the one model every output is
//! rendered from.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::{self, Config};
use crate::content::{self, Content};
use crate::derive;
use crate::diagnostics::Diagnostics;
use crate::figures::{self, Figures};
use crate::reports::lock::{self, Lock, Mode};
use crate::reports::presented::{AsPresented, ToStore};
use crate::routes::Routes;
use crate::taxonomy::{self, Taxonomies};
use crate::theme::{self, Theme};

/// How to load a site.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Include content marked `draft: true`.
    pub drafts: bool,
    /// Replace `base_url` from site.toml.
    pub base_url: Option<String>,
    /// Record newly presented reports and errata in `reports.lock` (build).
    pub record_reports: bool,
}

/// Everything needed to render a site.
pub(crate) struct Site {
    /// The folder that holds `site.toml`.
    pub(crate) root: PathBuf,
    /// `site.toml`.
    pub(crate) config: Config,
    /// Everything under `content/`, with bodies rendered.
    pub(crate) content: Content,
    /// Where every content page lives.
    pub(crate) routes: Routes,
    /// The derived figures of every indicator, by id.
    pub(crate) figures: BTreeMap<String, Figures>,
    /// The terms of every case taxonomy.
    pub(crate) taxonomies: Taxonomies,
    /// The links between cases and indicators, both ways.
    pub(crate) links: taxonomy::IndicatorLinks,
    /// The related practices of each case, best first, by case id.
    pub(crate) related: std::collections::HashMap<String, Vec<String>>,
    /// The ids of the cases listed in each language (in it, or in the first
    /// language of its fallback order that has them), newest first, then
    /// by title: the order of the cases index, made once.
    pub(crate) listed: BTreeMap<String, Vec<String>>,
    /// A number for each case id (its place among the ids), where the
    /// data of each language keeps what it made of the case.
    pub(crate) case_slots: std::collections::HashMap<String, usize>,
    /// The new `reports.lock` to write after a successful build, when it changed.
    pub(crate) lock_update: Option<Lock>,
    /// The reports as presented, by period and language, when known.
    pub(crate) presented: BTreeMap<(String, String), AsPresented>,
    /// The reports as presented to store after a successful build.
    pub(crate) presented_update: Vec<ToStore>,
    /// Templates, words and static files.
    pub(crate) theme: Theme,
    /// The reports printed to PDF for this build (`build --pdf`), by period
    /// and language; empty otherwise. The report pages link them.
    pub(crate) printed: BTreeMap<(String, String), Printed>,
    /// The reports as presented printed to PDF for this build, likewise.
    pub(crate) printed_presented: BTreeMap<(String, String), Printed>,
    /// A network's portal: its members' practices (`[network]`); none for
    /// a site that is not a network.
    pub(crate) portal: Option<crate::portal::Portal>,
}

/// A report printed to PDF, as the pages and the catalogue refer to it.
#[derive(Debug, Clone)]
pub(crate) struct Printed {
    /// Its output path (`es/informes/2025-s1/2025-S1.pdf`).
    pub(crate) path: String,
    /// Its address on the site, from the root.
    pub(crate) url: String,
    /// Its size in bytes.
    pub(crate) bytes: usize,
}

/// Loads, validates and derives the site in `root`. The diagnostics hold
/// every problem found. The site is `None` when `site.toml` or the theme
/// could not be read; with errors in content it holds what could be read
/// (for the checks that still make sense), and must not be published.
pub(crate) fn load(root: &Path, options: &LoadOptions) -> (Option<Site>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let Some(mut config) = config::load(root, &mut diags) else {
        return (None, diags);
    };
    if let Some(url) = &options.base_url {
        if let Err(e) = config.set_base_url(url) {
            diags.push(e.error("--base-url"));
            return (None, diags);
        }
    }
    let theme = theme::load(root, &config, &mut diags);
    let t = std::time::Instant::now();
    let mut content = content::load(root, &config, options.drafts, &mut diags);
    crate::timing::timing("load: content", t);
    let routes = Routes::build(&config, &content);
    let t = std::time::Instant::now();
    derive::render_bodies(&config, &mut content, &routes, &mut diags);
    crate::timing::timing("derive: Markdown", t);
    let t = std::time::Instant::now();
    let taxonomies = taxonomy::build(&content, config.default_language());
    let links = taxonomy::IndicatorLinks::build(&content);
    let related = taxonomy::related_all(&content, &taxonomies, config.default_language(), 4);
    let listed = listing_order(&config, &content, &routes);
    let case_slots = content
        .cases
        .entries
        .keys()
        .enumerate()
        .map(|(i, id)| (id.clone(), i))
        .collect();
    crate::timing::timing("derive: taxonomies and related practices", t);
    let mode = if options.record_reports {
        Mode::Record
    } else {
        Mode::Verify
    };
    let verified = lock::verify(root, &content, &config.languages, mode, &mut diags);
    let members = crate::members::load(root, &config, &mut diags);
    let portal = crate::portal::derive(root, members, &config, &content.vocabulary, &mut diags);
    let figures = content
        .indicators
        .iter()
        .map(|(id, ind)| (id.clone(), figures::compute(ind)))
        .collect();
    match theme {
        Some(theme) => (
            Some(Site {
                root: root.to_path_buf(),
                config,
                content,
                routes,
                figures,
                lock_update: verified.lock,
                presented: verified.presented,
                presented_update: verified.store,
                taxonomies,
                related,
                listed,
                case_slots,
                links,
                theme,
                printed: BTreeMap::new(),
                printed_presented: BTreeMap::new(),
                portal,
            }),
            diags,
        ),
        _ => (None, diags),
    }
}

/// The ids of the cases listed in each language of `config`, newest first,
/// then by title (then by id): each case in the language, or in the first
/// language of the fallback order that has it, when it has an address.
fn listing_order(
    config: &Config,
    content: &Content,
    routes: &Routes,
) -> BTreeMap<String, Vec<String>> {
    config
        .languages
        .iter()
        .map(|lang| {
            let fallbacks = config.fallbacks(lang);
            let mut docs: Vec<_> = content
                .cases
                .entries
                .iter()
                .filter_map(|(id, e)| {
                    let doc = e.get_or_fallback(lang, &fallbacks)?;
                    routes.doc(crate::content::Kind::Case, id, &doc.lang)?;
                    Some(doc)
                })
                .collect();
            docs.sort_by(|a, b| {
                b.meta
                    .date
                    .cmp(&a.meta.date)
                    .then_with(|| a.meta.title.cmp(&b.meta.title))
                    .then_with(|| a.id.cmp(&b.id))
            });
            let ids = docs.into_iter().map(|d| d.id.clone()).collect();
            (lang.clone(), ids)
        })
        .collect()
}

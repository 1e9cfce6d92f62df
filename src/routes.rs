//! Where every page lives: its URL and its file in the output directory.
//!
//! URLs are "pretty" (`/es/casos/lima/` is the file `es/casos/lima/index.html`),
//! start with the path of `base_url`, and are made only of validated slugs
//! and language codes, so no output path can leave the output directory.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::{address_word, Config, Section};
use crate::content::{Content, Kind};
use crate::taxonomy::Taxonomy;

/// A page's address and file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// Root-relative URL, with the base path (`/es/casos/lima/`).
    pub url: String,
    /// Absolute URL (`https://…/es/casos/lima/`), or `url` when the base URL
    /// names no host.
    pub permalink: String,
    /// File path relative to the output directory (`es/casos/lima/index.html`).
    pub file: String,
}

impl Route {
    /// The route of the folder made of `segments` (each a validated slug or
    /// language code).
    pub fn folder(config: &Config, segments: &[&str]) -> Route {
        let joined: String = segments.iter().map(|s| format!("{s}/")).collect();
        Route {
            url: format!("{}{joined}", config.base_path),
            permalink: format!("{}{joined}", config.base_url),
            file: format!("{joined}index.html"),
        }
    }

    /// The route of a single file at the root of the site (`sitemap.xml`).
    pub fn file(config: &Config, name: &str) -> Route {
        Route {
            url: format!("{}{name}", config.base_path),
            permalink: format!("{}{name}", config.base_url),
            file: name.to_string(),
        }
    }
}

/// The routes of every content document and of every page a language has.
#[derive(Debug, Clone, Default)]
pub struct Routes {
    docs: BTreeMap<(Kind, String, String), Route>,
    /// The files of items whose source could not be read: their addresses
    /// are known (from the file name) but their pages are not rendered, so
    /// links to them cannot be checked until the file is fixed.
    unchecked: BTreeSet<String>,
}

impl Routes {
    /// Computes the route of every document of `content`, and of the page that
    /// stands in for each missing translation.
    pub fn build(config: &Config, content: &Content) -> Routes {
        let mut docs = BTreeMap::new();
        for lang in &config.languages {
            for entry in content.cases.entries.values() {
                let slug = entry
                    .get(lang)
                    .map_or(entry.id.as_str(), |d| d.slug.as_str());
                let seg = config.section_segment(Section::Cases, lang);
                docs.insert(
                    (Kind::Case, entry.id.clone(), lang.clone()),
                    Route::folder(config, &[lang, seg, slug]),
                );
            }
            for id in content.indicators.keys() {
                let seg = config.section_segment(Section::Indicators, lang);
                docs.insert(
                    (Kind::Indicator, id.clone(), lang.clone()),
                    Route::folder(config, &[lang, seg, id]),
                );
            }
            for (kind, section, ids) in [
                (
                    Kind::Agreement,
                    Section::Agreements,
                    content.agreements.keys().collect::<Vec<_>>(),
                ),
                (
                    Kind::Action,
                    Section::Actions,
                    content.actions.keys().collect(),
                ),
            ] {
                let seg = config.section_segment(section, lang);
                for id in ids {
                    docs.insert(
                        (kind, id.clone(), lang.clone()),
                        Route::folder(config, &[lang, seg, id]),
                    );
                }
            }
            for entry in content.reports.entries.values() {
                let slug = entry
                    .get(lang)
                    .map_or_else(|| entry.id.to_ascii_lowercase(), |d| d.slug.clone());
                let seg = config.section_segment(Section::Reports, lang);
                docs.insert(
                    (Kind::Report, entry.id.clone(), lang.clone()),
                    Route::folder(config, &[lang, seg, &slug]),
                );
            }
            for entry in content.pages.entries.values() {
                let slug = entry
                    .get(lang)
                    .map_or(entry.id.as_str(), |d| d.slug.as_str());
                docs.insert(
                    (Kind::Page, entry.id.clone(), lang.clone()),
                    Route::folder(config, &[lang, slug]),
                );
            }
        }
        // An item whose file could not be read keeps the address its file
        // name gives, so that links to it are not reported as a second fault.
        let mut unchecked = BTreeSet::new();
        for (kind, id) in content.unreadable.ids() {
            for lang in &config.languages {
                let key = (kind, id.to_string(), lang.clone());
                if docs.contains_key(&key) {
                    continue;
                }
                let route = match kind {
                    Kind::Page => Route::folder(config, &[lang, id]),
                    _ => {
                        let seg = config.section_segment(section_of(kind), lang);
                        let slug = if kind == Kind::Report {
                            id.to_ascii_lowercase()
                        } else {
                            id.to_string()
                        };
                        Route::folder(config, &[lang, seg, &slug])
                    }
                };
                unchecked.insert(route.file.clone());
                docs.insert(key, route);
            }
        }
        Routes { docs, unchecked }
    }

    /// The files of the pages of items whose source could not be read (see
    /// [`Routes::build`]).
    pub(crate) fn unchecked_files(&self) -> impl Iterator<Item = &str> {
        self.unchecked.iter().map(String::as_str)
    }

    /// The route of content item `id` of `kind` in `lang` (its own page, or
    /// the page that says it is not translated yet).
    pub fn doc(&self, kind: Kind, id: &str, lang: &str) -> Option<&Route> {
        self.docs.get(&(kind, id.to_string(), lang.to_string()))
    }
}

/// The section whose pages hold items of `kind` (pages have none: they use
/// [`Section::Cases`] only as a placeholder and are handled by the caller).
fn section_of(kind: Kind) -> Section {
    match kind {
        Kind::Case | Kind::Page => Section::Cases,
        Kind::Indicator => Section::Indicators,
        Kind::Agreement => Section::Agreements,
        Kind::Action => Section::Actions,
        Kind::Report => Section::Reports,
    }
}

/// The home page of `lang`.
pub fn home(config: &Config, lang: &str) -> Route {
    Route::folder(config, &[lang])
}

/// The listing page of `section` in `lang`.
pub fn section(config: &Config, section: Section, lang: &str) -> Route {
    Route::folder(config, &[lang, config.section_segment(section, lang)])
}

/// The language chooser at the root of the site.
pub fn chooser(config: &Config) -> Route {
    Route {
        url: config.base_path.clone(),
        permalink: config.base_url.clone(),
        file: "index.html".into(),
    }
}

/// A filtered listing of indicators: `/<lang>/<indicators>/<facet>/<value>/`
/// (facets: `dimension`, `level`, `hierarchy`, `kind`), the facet and the
/// value in the words of `lang` (`/es/indicadores/nivel/producto/`).
pub fn indicator_facet(config: &Config, lang: &str, facet: &str, value: &str) -> Route {
    Route::folder(
        config,
        &[
            lang,
            config.section_segment(Section::Indicators, lang),
            address_word(lang, facet),
            address_word(lang, value),
        ],
    )
}

/// The progress overview of the indicators:
/// `/<lang>/<indicators>/<progress>/`.
pub fn progress(config: &Config, lang: &str) -> Route {
    Route::folder(
        config,
        &[
            lang,
            config.section_segment(Section::Indicators, lang),
            config.section_segment(Section::Progress, lang),
        ],
    )
}

/// A file under `/data/` (`indicators.csv`, `indicators/<id>.json`…).
pub fn data_file(config: &Config, name: &str) -> Route {
    Route::file(config, &format!("data/{name}"))
}

/// The index of a case taxonomy: `/<lang>/<cases>/<taxonomy>/`.
pub fn taxonomy(config: &Config, lang: &str, tax: crate::taxonomy::Taxonomy) -> Route {
    Route::folder(
        config,
        &[
            lang,
            config.section_segment(Section::Cases, lang),
            config.section_segment(tax.section(), lang),
        ],
    )
}

/// Page `page` (1-based) of the cases filed under a term:
/// `/<lang>/<cases>/<taxonomy>/<term>/`, then `…/page/2/` (the page
/// segment in the site's words: `[sections.page]`).
pub fn term(
    config: &Config,
    lang: &str,
    tax: crate::taxonomy::Taxonomy,
    term: &str,
    page: usize,
) -> Route {
    let cases = config.section_segment(Section::Cases, lang);
    let tax_seg = config.section_segment(tax.section(), lang);
    // Scales and dimensions are closed lists: their ids have words in the
    // page's language. Other terms are named by the content itself.
    let term = match tax {
        Taxonomy::Scales | Taxonomy::Dimensions => address_word(lang, term),
        _ => term,
    };
    paged(
        config,
        &Route::folder(config, &[lang, cases, tax_seg, term]),
        lang,
        page,
    )
}

/// Page `page` (1-based) of the listing whose first page is `first`: `first`
/// itself, then `<first>/<page>/2/` with the page segment of `lang`
/// (`/es/casos/pagina/2/`). `first` must be a folder route.
pub fn paged(config: &Config, first: &Route, lang: &str, page: usize) -> Route {
    if page <= 1 {
        return first.clone();
    }
    let tail = format!("{}/{page}/", config.section_segment(Section::Page, lang));
    let folder = first.file.strip_suffix("index.html").unwrap_or(&first.file);
    Route {
        url: format!("{}{tail}", first.url),
        permalink: format!("{}{tail}", first.permalink),
        file: format!("{folder}{tail}index.html"),
    }
}

/// A network portal's page of the practices of one member:
/// `/<lang>/<network>/<member>/`.
pub fn network_member(config: &Config, lang: &str, member: &str) -> Route {
    Route::folder(
        config,
        &[lang, config.section_segment(Section::Network, lang), member],
    )
}

/// A network portal's page of the practices with one value of a facet:
/// `/<lang>/<network>/<facet>/<value>/` (`/es/red/ods/11/`), or the
/// member's page for [`crate::portal::Facet::Members`].
pub fn network_facet(
    config: &Config,
    lang: &str,
    facet: crate::portal::Facet,
    value: &str,
) -> Route {
    let Some(section) = facet.section() else {
        return network_member(config, lang, value);
    };
    // Scales and dimensions are closed lists with words in each language,
    // as in the cases' taxonomies.
    let value = match facet {
        crate::portal::Facet::Scales | crate::portal::Facet::Dimensions => {
            address_word(lang, value)
        }
        _ => value,
    };
    Route::folder(
        config,
        &[
            lang,
            config.section_segment(Section::Network, lang),
            config.section_segment(section, lang),
            value,
        ],
    )
}

/// A practice of a member in a network's portal:
/// `/<lang>/<network>/<member>/<practice id>/`. Both ids are checked slugs
/// (the member's name made an id, and the feed's id as the profile allows).
pub fn network_practice(config: &Config, lang: &str, member: &str, practice: &str) -> Route {
    Route::folder(
        config,
        &[
            lang,
            config.section_segment(Section::Network, lang),
            member,
            practice,
        ],
    )
}

//! The data each template receives.
//!
//! Every template gets `lang`, `dir`, `site`, `t` (the theme's words), `nav` and
//! `page` (title, URLs, alternates and the language switcher); each kind of
//! page adds its own object (`case`, `doc`, `cases`…). The full list is in
//! `docs/themes.md`.

use std::borrow::Cow;

use serde::Serialize;
use serde_json::{json, Map, Value};

use super::data::listing::{PageLink, Pagination};
use super::data::pages::PageDoc;

use crate::config::{Config, Section};
use crate::content::{CaseMeta, Document, Entry, Kind, PageMeta};
use crate::routes::{self, Route};
use crate::site::Site;
use crate::taxonomy::Taxonomy;
use crate::yaml::YamlEnum;

use super::data::{
    Alternate, CaseFull, CaseSummary, LanguageLink, NavItem, PageContext, PageData, SiteData,
    ThemeLink, Translation,
};
use super::taxonomies;

/// What is the same on every page of one language: computed once, and
/// lent to every page's data.
pub struct LanguageContext<'a> {
    /// `lang`.
    lang: &'a str,
    /// `site`.
    site: SiteData<'a>,
    /// `nav`.
    nav: Vec<NavItem<'a>>,
    /// The site.
    model: &'a Site,
    /// The fallback order of `lang`.
    fallbacks: Vec<String>,
    /// What listings show of each case in this language, in the case's slot
    /// (`Site::case_slots`): made the first time a page shows it.
    summaries: Vec<std::sync::OnceLock<Option<CaseSummary<'a>>>>,
    /// The theme's words each template uses, in this language.
    words: std::collections::HashMap<String, Value>,
}

/// One language's version of a page, for alternates and the switcher.
pub struct Version<'a> {
    /// The language.
    pub lang: &'a str,
    /// Where it is.
    pub route: &'a Route,
    /// False for the page that stands in for a missing translation.
    pub available: bool,
}

impl<'a> LanguageContext<'a> {
    /// Builds the shared part of the context of `lang`. The summaries of
    /// the cases are made when a page first asks for one: a rebuild that
    /// renders a few pages makes only theirs.
    pub fn new(site: &'a Site, lang: &'a str) -> LanguageContext<'a> {
        LanguageContext {
            lang,
            site: site_data(site, lang),
            nav: nav(site, lang),
            model: site,
            fallbacks: site.config.fallbacks(lang),
            summaries: (0..site.case_slots.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            words: words(site, lang),
        }
    }

    /// The typed listing summary of case `id` in this language (in it, or
    /// in the first language of the fallback order that has it).
    pub(crate) fn case_summary(&self, id: &str) -> Option<&CaseSummary<'a>> {
        let site = self.model;
        let slot = self.summaries.get(*site.case_slots.get(id)?)?;
        slot.get_or_init(|| {
            let entry = site.content.cases.entries.get(id)?;
            let doc = entry.get_or_fallback(self.lang, &self.fallbacks)?;
            let route = site.routes.doc(Kind::Case, &entry.id, &doc.lang)?;
            Some(summary_of(site, self.lang, doc, &route.url))
        })
        .as_ref()
    }

    /// The words (`t`) a template needs, in this language.
    pub fn words_for(&self, template: &str) -> Value {
        self.words
            .get(template)
            .cloned()
            .unwrap_or_else(|| Value::Object(Map::new()))
    }

    /// A page context from typed data: the shared part, `page`, and the
    /// fields of `extra` as top-level variables.
    pub(crate) fn typed<E: Serialize>(&self, page: &PageData<'_>, extra: &E) -> tera::Context {
        let data = PageContext {
            lang: self.lang,
            dir: crate::i18n::direction(self.lang),
            site: &self.site,
            nav: &self.nav,
            page,
            extra,
        };
        // Every field serializes (no maps with non-text keys): this cannot fail.
        tera::Context::from_serialize(&data).unwrap_or_else(|_| self.shared_context())
    }

    /// `lang`, `site` and `nav`.
    fn shared_context(&self) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("lang", self.lang);
        ctx.insert("dir", crate::i18n::direction(self.lang));
        ctx.insert("site", &self.site);
        ctx.insert("nav", &self.nav);
        ctx
    }
}

/// `site`: about the whole site, in `lang`.
fn site_data<'a>(site: &'a Site, lang: &str) -> SiteData<'a> {
    let config = &site.config;
    SiteData {
        title: config.title(lang),
        description: config
            .description
            .get(lang)
            .or_else(|| config.description.get(config.default_language()))
            .map(String::as_str),
        base_url: &config.base_url,
        base_path: &config.base_path,
        default_language: config.default_language(),
        languages: config
            .languages
            .iter()
            .map(|l| LanguageLink {
                code: l,
                dir: crate::i18n::direction(l),
                name: site.theme.i18n.strings(l).get("language_name"),
                url: routes::home(config, l).url,
            })
            .collect(),
        sample_data: config.sample_data,
        license: config.license.as_deref(),
        home_url: routes::home(config, lang).url,
        cases_url: routes::section(config, Section::Cases, lang).url,
        search_url: routes::section(config, Section::Search, lang).url,
        feed_url: format!("{}{lang}/atom.xml", config.base_path),
        static_url: &config.base_path,
        indicators_url: (!site.content.indicators.is_empty())
            .then(|| routes::section(config, Section::Indicators, lang).url),
        progress_url: (!site.content.indicators.is_empty())
            .then(|| routes::progress(config, lang).url),
        identity: super::data::identity::IdentityData::of(site, lang),
    }
}

/// The words (`t`) of each template, in `lang`: only those it uses (see
/// `words_for`).
fn words(site: &Site, lang: &str) -> std::collections::HashMap<String, Value> {
    let strings = site.theme.i18n.strings(lang);
    site.theme
        .words_used
        .iter()
        .map(|(template, keys)| {
            let map: Map<String, Value> = match keys {
                Some(keys) => keys
                    .iter()
                    .filter_map(|k| strings.map.get(k).map(|v| (k.clone(), json!(v))))
                    .collect(),
                None => strings
                    .map
                    .iter()
                    .map(|(k, v)| (k.clone(), json!(v)))
                    .collect(),
            };
            (template.clone(), Value::Object(map))
        })
        .collect()
}

/// The main menu of `lang`: home, good practices, then free pages by weight.
fn nav<'a>(site: &'a Site, lang: &str) -> Vec<NavItem<'a>> {
    let config = &site.config;
    let strings = site.theme.i18n.strings(lang);
    let item = |key: &'static str, section: Option<Section>, kind: &'static str| NavItem {
        title: strings.get(key),
        url: match section {
            Some(s) => routes::section(config, s, lang).url,
            None => routes::home(config, lang).url,
        },
        kind,
    };
    let mut items = vec![
        item("nav_home", None, "home"),
        item("nav_cases", Some(Section::Cases), "cases"),
    ];
    for (present, key, section, kind) in [
        (
            !site.content.indicators.is_empty(),
            "nav_indicators",
            Section::Indicators,
            "indicators",
        ),
        (
            !site.content.reports.is_empty(),
            "nav_reports",
            Section::Reports,
            "reports",
        ),
        (
            !site.content.agreements.is_empty(),
            "nav_agreements",
            Section::Agreements,
            "agreements",
        ),
        (
            !site.content.actions.is_empty(),
            "nav_actions",
            Section::Actions,
            "actions",
        ),
        (
            site.portal.is_some(),
            "nav_network",
            Section::Network,
            "network",
        ),
    ] {
        if present {
            items.push(item(key, Some(section), kind));
        }
    }
    let mut pages: Vec<(&Entry<PageMeta>, &Document<PageMeta>)> = site
        .content
        .pages
        .entries
        .values()
        .filter_map(|e| e.get(lang).map(|d| (e, d)))
        // The accessibility statement and the privacy notice are in the
        // footer, not in the menu.
        .filter(|(e, _)| {
            let identity = &config.identity;
            ![&identity.accessibility, &identity.privacy]
                .iter()
                .any(|id| id.as_deref() == Some(e.id.as_str()))
        })
        .collect();
    pages.sort_by_key(|(e, d)| (d.meta.weight.unwrap_or(i64::MAX), e.id.clone()));
    for (entry, doc) in pages {
        if let Some(route) = site.routes.doc(Kind::Page, &entry.id, lang) {
            items.push(NavItem {
                title: &doc.meta.title,
                url: route.url.clone(),
                kind: "page",
            });
        }
    }
    items
}

/// The `page` object: title, description, URLs, alternates, switcher.
pub(crate) fn page_data<'a>(
    site: &'a Site,
    lang: &str,
    kind: &'a str,
    title: impl Into<Cow<'a, str>>,
    description: Option<&'a str>,
    route: &'a Route,
    versions: &[Version<'a>],
) -> PageData<'a> {
    let config = &site.config;
    let current_available = versions.iter().any(|v| v.lang == lang && v.available);
    let alternates = versions
        .iter()
        .filter(|v| v.available)
        .map(|v| Alternate {
            lang: v.lang,
            url: &v.route.url,
            permalink: &v.route.permalink,
        })
        .collect();
    let x_default = versions
        .iter()
        .filter(|v| v.available)
        .find(|v| v.lang == config.default_language())
        .or_else(|| versions.iter().find(|v| v.available))
        .map(|v| v.route.permalink.as_str());
    let translations = config
        .languages
        .iter()
        .filter_map(|l| versions.iter().find(|v| v.lang == l))
        .map(|v| Translation {
            lang: v.lang,
            dir: crate::i18n::direction(v.lang),
            name: site.theme.i18n.strings(v.lang).get("language_name"),
            url: &v.route.url,
            current: v.lang == lang,
            available: v.available,
        })
        .collect();
    PageData {
        kind,
        title: title.into(),
        description: description.map(Cow::Borrowed),
        url: &route.url,
        permalink: &route.permalink,
        canonical: None,
        noindex: !current_available,
        alternates,
        x_default,
        translations,
        jsonld: None,
    }
}

/// The route of page `n` (1-based) of the listing of `section` in `lang`,
/// and the routes of that page in every language.
pub(crate) fn listing_routes(
    site: &Site,
    lang: &str,
    section: Section,
    n: usize,
) -> (Route, Vec<(String, Route)>) {
    let config = &site.config;
    let route_in = |l: &str| routes::paged(config, &routes::section(config, section, l), l, n);
    let all = config
        .languages
        .iter()
        .map(|l| (l.clone(), route_in(l)))
        .collect();
    (route_in(lang), all)
}

/// How many pages a listing of `items` items has (at least one, so that an
/// empty listing still has its page).
pub(crate) fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page.max(1)).max(1)
}

/// The items shown on page `n` (1-based) of a listing.
pub(crate) fn page_items<T>(items: &[T], per_page: usize, n: usize) -> &[T] {
    let per_page = per_page.max(1);
    let start = n
        .saturating_sub(1)
        .saturating_mul(per_page)
        .min(items.len());
    let end = start.saturating_add(per_page).min(items.len());
    &items[start..end]
}

/// A listing's title on page `n`: `Casos (página 2)`; page 1 keeps the title.
pub(crate) fn paged_title(site: &Site, lang: &str, title: &str, n: usize) -> String {
    if n > 1 {
        let word = site.theme.i18n.strings(lang).get("page_word").to_string();
        format!("{title} ({word} {n})")
    } else {
        title.to_string()
    }
}

/// The `pagination` object of page `n` of `total`: the current page, the
/// total, the addresses of the previous and next pages (or null) and the
/// page links to show: the first, the last and the two either side of the
/// current one, with `gap` entries where numbers are left out, so the
/// navigation stays small however many pages there are.
pub(crate) fn pagination(n: usize, total: usize, route_of: &dyn Fn(usize) -> Route) -> Pagination {
    let mut numbers: Vec<usize> = [1, total]
        .into_iter()
        .chain(n.saturating_sub(2).max(1)..=(n + 2).min(total))
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    let mut pages = Vec::with_capacity(numbers.len() * 2);
    let mut last = 0;
    for k in numbers {
        if k > last + 1 {
            pages.push(PageLink {
                gap: true,
                number: None,
                url: None,
                current: false,
            });
        }
        pages.push(PageLink {
            gap: false,
            number: Some(k),
            url: Some(route_of(k).url),
            current: k == n,
        });
        last = k;
    }
    Pagination {
        current: n,
        total,
        previous: (n > 1).then(|| route_of(n - 1).url),
        next: (n < total).then(|| route_of(n + 1).url),
        pages,
    }
}

/// The versions of a page that exists in every language (home, listings).
pub fn all_languages<'a>(config: &'a Config, routes: &'a [(String, Route)]) -> Vec<Version<'a>> {
    config
        .languages
        .iter()
        .filter_map(|l| routes.iter().find(|(rl, _)| rl == l))
        .map(|(l, r)| Version {
            lang: l,
            route: r,
            available: true,
        })
        .collect()
}

/// The versions of content item `entry`: its translations, and the pages
/// standing in for the missing ones.
pub fn entry_versions<'a, M>(site: &'a Site, kind: Kind, entry: &'a Entry<M>) -> Vec<Version<'a>> {
    site.config
        .languages
        .iter()
        .filter_map(|l| {
            site.routes.doc(kind, &entry.id, l).map(|route| Version {
                lang: l,
                route,
                available: entry.docs.contains_key(l),
            })
        })
        .collect()
}

/// Label of an enum value through the theme's words (`scale_local`).
pub fn label<E: YamlEnum>(site: &Site, lang: &str, prefix: &str, value: E) -> String {
    site.theme
        .i18n
        .strings(lang)
        .get(&format!("{prefix}_{}", value.id()))
        .to_string()
}

/// The case whose neutral fields (themes, filters) are used in every
/// language: the default language's version, else `doc`.
fn neutral<'a>(site: &'a Site, doc: &'a Document<CaseMeta>) -> &'a CaseMeta {
    site.content
        .cases
        .get(&doc.id)
        .and_then(|e| crate::taxonomy::reference(e, site.config.default_language()))
        .map_or(&doc.meta, |d| &d.meta)
}

/// A case summary: everything listings show about a case in `lang`.
pub(crate) fn summary_of<'a>(
    site: &'a Site,
    lang: &str,
    doc: &'a Document<CaseMeta>,
    url: &'a str,
) -> CaseSummary<'a> {
    let m = &doc.meta;
    let neutral = neutral(site, doc);
    let strings = site.theme.i18n.strings(lang);
    let country_key = format!("country_{}", m.country);
    CaseSummary {
        id: &doc.id,
        lang: &doc.lang,
        dir: crate::i18n::direction(&doc.lang),
        translated: doc.lang == lang,
        url,
        title: &m.title,
        city: &m.city,
        country: &m.country,
        country_name: strings
            .map
            .get(&country_key)
            .map_or(m.country.as_str(), String::as_str),
        date: m.date.to_string(),
        date_display: site.theme.i18n.format_date(lang, m.date),
        scale: m.scale,
        scale_label: label(site, lang, "scale", m.scale),
        dimension: m.dimension,
        dimension_label: label(site, lang, "dimension", m.dimension),
        filters: taxonomies::filter_data(neutral),
        sdgs: &m.sdgs,
        summary: &m.summary,
    }
}

/// A case's full data for its own page: its summary (`summary`, the one
/// listings show) and the rest of the case.
pub(crate) fn case_full<'a>(
    site: &'a Site,
    lc: &'a LanguageContext<'_>,
    lang: &str,
    doc: &'a Document<CaseMeta>,
    summary: &'a CaseSummary<'a>,
) -> CaseFull<'a> {
    CaseFull {
        summary,
        actors: &doc.meta.actors,
        lessons: &doc.meta.lessons,
        status: doc.meta.status,
        status_label: doc.meta.status.map(|s| label(site, lang, "case_status", s)),
        period: doc.meta.period.map(|p| super::data::CasePeriodData {
            start: p.start.to_string(),
            start_display: site.theme.i18n.format_date(lang, p.start),
            end: p.end.map(|e| e.to_string()),
            end_display: p.end.map(|e| site.theme.i18n.format_date(lang, e)),
        }),
        sdg_targets: &doc.meta.sdg_targets,
        contact: doc.meta.contact.as_ref(),
        resources: doc.meta.resources.as_deref(),
        partners: &doc.meta.partners,
        transferability: doc.meta.transferability.as_deref(),
        html: &doc.html,
        headings: &doc.headings,
        source: crate::diagnostics::display_path(&doc.source),
        translation: doc.meta.translation,
        themes: neutral(site, doc)
            .themes
            .iter()
            .map(|t| ThemeLink {
                id: &t.value,
                label: taxonomies::label(site, lang, Taxonomy::Themes, &t.value),
                url: routes::term(&site.config, lang, Taxonomy::Themes, &t.value, 1).url,
            })
            .collect(),
        terms: taxonomies::case_links(site, lang, neutral(site, doc)),
        related: site
            .related
            .get(&doc.id)
            .map(|ids| ids.iter().filter_map(|id| lc.case_summary(id)).collect())
            .unwrap_or_default(),
        indicators: super::indicators::for_case(site, lang, &doc.id),
    }
}

/// A free page's data (`doc`).
pub(crate) fn page_doc(doc: &Document<PageMeta>) -> PageDoc<'_> {
    PageDoc {
        id: &doc.id,
        title: &doc.meta.title,
        summary: doc.meta.summary.as_deref(),
        translation: doc.meta.translation,
        html: &doc.html,
        headings: &doc.headings,
    }
}

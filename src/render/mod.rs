//! Rendering: every page of the site, in parallel, from the derived model.
//!
//! The list of pages is made first ([`Job`]); each is then rendered on its
//! own with the templates parsed once and the per-language context built
//! once. The result is the complete list of output files, in a stable order.

pub mod context;
pub mod data;
pub(crate) mod home;
pub mod indicators;
pub(crate) mod inputs;
pub mod jsonld;
pub(crate) mod network;
pub(crate) mod page_registry;
pub(crate) mod progress;
pub mod registry;
pub(crate) mod report_presented;
pub mod reports;
pub mod sitemap;
pub mod taxonomies;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::config::Section;
use crate::content::markdown_file::Meta;
use crate::content::{CaseMeta, Document, Entry, Kind};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::{OutputFile, Sink};
use crate::routes::{self, Route};
use crate::site::Site;
use crate::theme::error_chain;
use crate::yaml::YamlEnum;
use context::{LanguageContext, Version};
use data::pages::{
    AvailableVersion, Choice, ChooserTemplate, NotFoundTemplate, Original, PageTemplate,
    SearchTemplate, UntranslatedTemplate,
};
use data::{CaseSummary, CaseTemplate, CasesTemplate, FilterCard, HomeTemplate};
use inputs::PageInputs;
pub use page_registry::{jobs, Job};

/// Data computed once per language and shared by the pages that list it.
struct Shared<'a> {
    lang: BTreeMap<String, LanguageContext<'a>>,
    /// The ids of the cases listed in each language, newest first.
    cases: BTreeMap<String, Vec<&'a str>>,
}

impl<'a> Shared<'a> {
    /// The summaries of the cases listed in `lang`, newest first.
    fn summaries(&self, lang: &str) -> Vec<&CaseSummary<'a>> {
        self.summaries_of(lang, &self.cases[lang])
    }

    /// The summaries of the cases `ids` in `lang`, in that order.
    fn summaries_of(&self, lang: &str, ids: &[&str]) -> Vec<&CaseSummary<'a>> {
        let lc = &self.lang[lang];
        ids.iter().filter_map(|id| lc.case_summary(id)).collect()
    }
}

/// Renders every page of the site, in parallel, and the data file of the
/// combined filter of each language, each file given to `sink` as soon as
/// it is rendered. Errors (a template that fails) are all collected; the
/// other output files (data, search, feeds, sitemap) are produced beside
/// the pages by `crate::pipeline`. With `record`, what each page read is
/// noted and returned (see [`inputs`]).
pub(crate) fn pages(site: &Site, sink: &dyn Sink, record: bool) -> (Diagnostics, PageInputs) {
    let shared = Shared::new(site, |_| true);
    let (files, diags, read) = render_jobs(site, &shared, &jobs(site), record, Some(sink));
    debug_assert!(files.is_empty());
    if !site.content.cases.is_empty() {
        for l in &site.config.languages {
            sink.put(filter_data(site, &shared, l));
        }
    }
    (diags, read)
}

/// Renders `jobs` in parallel, each file given to `sink` (or returned when
/// there is none), with what each page read when `record`.
fn render_jobs(
    site: &Site,
    shared: &Shared<'_>,
    jobs: &[Job],
    record: bool,
    sink: Option<&dyn Sink>,
) -> (Vec<OutputFile>, Diagnostics, PageInputs) {
    let results: Vec<_> = jobs
        .par_iter()
        .map(|job| {
            let (result, read) = if record {
                inputs::record(|| render_job(site, shared, job))
            } else {
                (render_job(site, shared, job), BTreeSet::new())
            };
            let result = match (result, sink) {
                (Ok(f), Some(sink)) => {
                    sink.put(f);
                    None
                }
                (other, _) => Some(other),
            };
            (job, result, read)
        })
        .collect();
    let mut files = Vec::new();
    let mut diags = Diagnostics::new();
    let mut read = PageInputs::default();
    for (job, result, r) in results {
        match result {
            Some(Ok(f)) => files.push(f),
            Some(Err(d)) => diags.push(d),
            None => {}
        }
        read.set(job.clone(), r);
    }
    (files, diags, read)
}

/// The pages of the cases `ids` in every language: what `serve` renders
/// again when nothing but the text of these cases changed (the summaries
/// of the cases their pages show are made as they are asked for).
pub(crate) fn case_pages(
    site: &Site,
    ids: &BTreeSet<&str>,
) -> (Vec<OutputFile>, Diagnostics, PageInputs) {
    let jobs: Vec<Job> = site
        .config
        .languages
        .iter()
        .flat_map(|l| ids.iter().map(|id| Job::Case(id.to_string(), l.clone())))
        .collect();
    pages_again(site, &jobs)
}

/// The pages `jobs`, rendered again with what each read: what `serve` does
/// for the pages that read a value that changed (see [`inputs`]). The data
/// shared by the pages of a language is made for their languages only.
pub(crate) fn pages_again(site: &Site, jobs: &[Job]) -> (Vec<OutputFile>, Diagnostics, PageInputs) {
    let default = site.config.default_language();
    let started = std::time::Instant::now();
    let shared = Shared::new(site, |l| jobs.iter().any(|j| j.lang(default) == l));
    crate::timing::timing("quick rebuild: data shared by the pages", started);
    render_jobs(site, &shared, jobs, true, None)
}

impl<'a> Shared<'a> {
    /// The shared data of the site's languages that `wanted` accepts.
    fn new(site: &'a Site, wanted: impl Fn(&str) -> bool) -> Shared<'a> {
        let mut lang = BTreeMap::new();
        let mut cases = BTreeMap::new();
        for l in site.config.languages.iter().filter(|l| wanted(l)) {
            let lc = LanguageContext::new(site, l);
            cases.insert(
                l.clone(),
                site.listed[l].iter().map(String::as_str).collect(),
            );
            lang.insert(l.clone(), lc);
        }
        Shared { lang, cases }
    }
}

/// Renders one page: its kind's own function builds its typed data (the
/// match only dispatches), then the template is rendered with the words it
/// uses.
fn render_job(site: &Site, shared: &Shared<'_>, job: &Job) -> Result<OutputFile, Diagnostic> {
    let lc = |lang: &str| &shared.lang[lang];
    let mut rendered = match job {
        Job::Chooser => chooser(site, shared),
        Job::NotFound => not_found(site, shared),
        Job::Home(lang) => home(site, shared, lang),
        Job::Cases(lang, n) => cases_index(site, shared, lang, *n),
        Job::Case(id, lang) => case(site, shared, id, lang)?,
        Job::Page(id, lang) => free_page(site, shared, id, lang)?,
        Job::Indicators(lang) => indicators::index(site, lc(lang), lang, None),
        Job::Progress(lang) => progress::page(site, lc(lang), lang),
        Job::IndicatorFacet(lang, facet, value) => {
            indicator_facet(site, lc(lang), lang, facet, value)?
        }
        Job::Indicator(id, lang) => {
            indicators::page(site, lc(lang), lang, &site.content.indicators[id])
                .ok_or_else(|| missing_route(id))?
        }
        Job::Agreements(lang, n) => registry::agreements_index(site, lc(lang), lang, *n),
        Job::Agreement(id, lang) => {
            registry::agreement_page(site, lc(lang), lang, &site.content.agreements[id])
                .ok_or_else(|| missing_route(id))?
        }
        Job::Actions(lang, n) => registry::actions_index(site, lc(lang), lang, *n),
        Job::Action(id, lang) => {
            registry::action_page(site, lc(lang), lang, &site.content.actions[id])
                .ok_or_else(|| missing_route(id))?
        }
        Job::Reports(lang) => reports::index(site, lc(lang), lang),
        Job::Report(id, lang) => report(site, shared, id, lang)?,
        Job::ReportAsPresented(id, lang) => report_presented::page(site, lc(lang), id, lang)?,
        Job::Taxonomy(lang, tax) => taxonomies::index(site, lc(lang), lang, *tax),
        Job::Term(lang, tax, i, n) => {
            let term = &site.taxonomies.terms[tax][*i];
            taxonomies::term_page(site, lc(lang), lang, *tax, term, *n)
        }
        Job::Search(lang) => search(site, shared, lang),
        Job::Network(lang) => network::listing(site, lc(lang), lang, None)?,
        Job::NetworkFacet(lang, facet, value) => {
            network::listing(site, lc(lang), lang, Some((*facet, value)))?
        }
        Job::NetworkPractice(lang, member, id) => {
            network::practice(site, lc(lang), lang, member, id)?
        }
    };
    // The page registry gives every page's address: the sitemap and
    // `serve` rely on it being the one each page is written at.
    debug_assert_eq!(
        job.route(site).map(|r| r.file),
        Some(rendered.1.file.clone()),
        "{job:?}"
    );
    jsonld::describe(site, job, &mut rendered.2);
    render(site, shared, rendered)
}

/// Renders a page's template with its data and the words (`t`) the
/// template uses, in the page's language.
fn render(site: &Site, shared: &Shared<'_>, rendered: Rendered) -> Result<OutputFile, Diagnostic> {
    let (template, route, mut ctx, owner) = rendered;
    let lang = ctx
        .get("lang")
        .and_then(|v| v.as_str())
        .unwrap_or(site.config.default_language())
        .to_string();
    if let Some(lc) = shared.lang.get(&lang) {
        ctx.insert("t", &lc.words_for(template));
    }
    let html = site.theme.tera.render(template, &ctx).map_err(|e| {
        Diagnostic::error(
            site.theme.template_shown(template),
            format!("rendering {owner} failed: {}", error_chain(&e)),
        )
        .help("check the template against the data described in docs/themes.md")
    })?;
    Ok(OutputFile::new(route.file, html.into_bytes(), owner))
}

/// The routes of every language's home page.
fn homes(config: &crate::config::Config) -> Vec<(String, Route)> {
    config
        .languages
        .iter()
        .map(|l| (l.clone(), routes::home(config, l)))
        .collect()
}

/// `/index.html`: the language chooser, in the default language.
fn chooser(site: &Site, shared: &Shared<'_>) -> Rendered {
    let config = &site.config;
    let default = config.default_language();
    let route = routes::chooser(config);
    let homes = homes(config);
    let versions = context::all_languages(config, &homes);
    let mut page = context::page_data(
        site,
        default,
        "chooser",
        config.title(default),
        None,
        &route,
        &versions,
    );
    // The chooser itself is the x-default of the whole site.
    page.x_default = Some(&route.permalink);
    let data = ChooserTemplate {
        choices: config
            .languages
            .iter()
            .map(|l| {
                let s = site.theme.i18n.strings(l);
                Choice {
                    lang: l,
                    dir: crate::i18n::direction(l),
                    name: s.get("language_name"),
                    url: routes::home(config, l).url,
                    title: config.title(l),
                    description: config.description.get(l).map(String::as_str),
                    enter: s.get("chooser_enter"),
                }
            })
            .collect(),
    };
    let ctx = shared.lang[default].typed(&page, &data);
    ("chooser.html", route, ctx, "language chooser".into())
}

/// `/404.html`, in the default language.
fn not_found(site: &Site, shared: &Shared<'_>) -> Rendered {
    let config = &site.config;
    let default = config.default_language();
    let route = Route::file(config, "404.html");
    let title = site.theme.i18n.strings(default).get("not_found_title");
    // No version is available, so the page is not indexed.
    let page = context::page_data(site, default, "404", title, None, &route, &[]);
    let ctx = shared.lang[default].typed(&page, &NotFoundTemplate {});
    ("404.html", route, ctx, "not-found page".into())
}

/// A case in `lang`: its own page, or the stand-in for a missing translation.
fn case(site: &Site, shared: &Shared<'_>, id: &str, lang: &str) -> Result<Rendered, Diagnostic> {
    let entry = &site.content.cases.entries[id];
    let versions = context::entry_versions(site, Kind::Case, entry);
    let route = site
        .routes
        .doc(Kind::Case, id, lang)
        .cloned()
        .ok_or_else(|| missing_route(id))?;
    match entry.get(lang) {
        Some(doc) => case_page(site, shared, lang, doc, route, &versions),
        None => untranslated(site, shared, lang, route, &versions, entry),
    }
}

/// A free page in `lang`, or the stand-in for a missing translation.
fn free_page(
    site: &Site,
    shared: &Shared<'_>,
    id: &str,
    lang: &str,
) -> Result<Rendered, Diagnostic> {
    let entry = &site.content.pages.entries[id];
    let versions = context::entry_versions(site, Kind::Page, entry);
    let route = site
        .routes
        .doc(Kind::Page, id, lang)
        .cloned()
        .ok_or_else(|| missing_route(id))?;
    let Some(doc) = entry.get(lang) else {
        return untranslated(site, shared, lang, route, &versions, entry);
    };
    let page = context::page_data(
        site,
        lang,
        "page",
        doc.meta.title.as_str(),
        doc.meta.summary.as_deref(),
        &route,
        &versions,
    );
    let data = PageTemplate {
        doc: context::page_doc(doc),
    };
    let ctx = shared.lang[lang].typed(&page, &data);
    let owner = crate::diagnostics::display_path(&doc.source);
    Ok(("page.html", route, ctx, owner))
}

/// A filtered indicator listing; the `dimension` facet has pages of its own.
fn indicator_facet(
    site: &Site,
    lc: &LanguageContext<'_>,
    lang: &str,
    facet: &str,
    value: &str,
) -> Result<Rendered, Diagnostic> {
    if facet != "dimension" {
        return Ok(indicators::index(site, lc, lang, Some((facet, value))));
    }
    let dim = crate::content::case::Dimension::ALL
        .iter()
        .find(|(id, _)| *id == value)
        .map(|(_, d)| *d)
        .ok_or_else(|| missing_route(value))?;
    Ok(indicators::dimension(site, lc, lang, dim))
}

/// A report in `lang`: its page, or the stand-in for a missing translation.
fn report(site: &Site, shared: &Shared<'_>, id: &str, lang: &str) -> Result<Rendered, Diagnostic> {
    let entry = &site.content.reports.entries[id];
    if let Some(doc) = entry.get(lang) {
        return reports::page(site, &shared.lang[lang], doc).ok_or_else(|| missing_route(id));
    }
    let versions = context::entry_versions(site, Kind::Report, entry);
    let route = site
        .routes
        .doc(Kind::Report, id, lang)
        .cloned()
        .ok_or_else(|| missing_route(id))?;
    untranslated(site, shared, lang, route, &versions, entry)
}

/// `/<lang>/<search>/`: the search page, with the groupings for browsing.
fn search(site: &Site, shared: &Shared<'_>, lang: &str) -> Rendered {
    let config = &site.config;
    let strings = site.theme.i18n.strings(lang);
    let (route, all) = context::listing_routes(site, lang, Section::Search, 1);
    let versions = context::all_languages(config, &all);
    let page = context::page_data(
        site,
        lang,
        "search",
        strings.get("search_title"),
        Some(strings.get("search_intro")),
        &route,
        &versions,
    );
    let data = SearchTemplate {
        search_index: format!("{}search/{lang}/", config.base_path),
        facets: taxonomies::facets(site, lang),
    };
    let ctx = shared.lang[lang].typed(&page, &data);
    ("search.html", route, ctx, format!("search page ({lang})"))
}

type Rendered = (&'static str, Route, tera::Context, String);

/// The home page of `lang`: the latest report presented, the progress of
/// the indicators, the newest cases and a search form.
fn home(site: &Site, shared: &Shared<'_>, lang: &str) -> Rendered {
    let config = &site.config;
    let homes = homes(config);
    let route = routes::home(config, lang);
    let chooser = routes::chooser(config);
    let versions = context::all_languages(config, &homes);
    let description = config.description.get(lang).map(String::as_str);
    let mut page = context::page_data(
        site,
        lang,
        "home",
        config.title(lang),
        description,
        &route,
        &versions,
    );
    // The language chooser is the page for readers of no particular language.
    page.x_default = Some(&chooser.permalink);
    // Every listed case has a summary (see `case_list`).
    let all = &shared.cases[lang];
    let has_indicators = !site.content.indicators.is_empty();
    let data = HomeTemplate {
        case_count: all.len(),
        latest_cases: shared.summaries_of(lang, &all[..all.len().min(6)]),
        latest_report: home::latest_report(site, lang),
        reports_url: (!site.content.reports.is_empty())
            .then(|| routes::section(config, Section::Reports, lang).url),
        progress: if has_indicators {
            progress::by_dimension(site, lang)
        } else {
            Vec::new()
        },
        indicator_count: site.content.indicators.len(),
    };
    let ctx = shared.lang[lang].typed(&page, &data);
    ("home.html", route, ctx, format!("home page ({lang})"))
}

/// The own page of case `doc`, in its language `lang`.
fn case_page(
    site: &Site,
    shared: &Shared<'_>,
    lang: &str,
    doc: &Document<CaseMeta>,
    route: Route,
    versions: &[Version<'_>],
) -> Result<Rendered, Diagnostic> {
    let lc = &shared.lang[lang];
    let summary = lc
        .case_summary(&doc.id)
        .ok_or_else(|| missing_route(&doc.id))?;
    let mut page = context::page_data(
        site,
        lang,
        "case",
        doc.meta.title.as_str(),
        Some(&doc.meta.summary),
        &route,
        versions,
    );
    page.jsonld = Some(jsonld::case(site, lang, doc, &route.permalink));
    let data = CaseTemplate {
        case: context::case_full(site, lc, lang, doc, summary),
    };
    let ctx = lc.typed(&page, &data);
    let owner = crate::diagnostics::display_path(&doc.source);
    Ok(("case.html", route, ctx, owner))
}

/// Page `n` (1-based) of the cases index of `lang`: its share of the cases,
/// newest first, with the facets and the links to the other pages.
fn cases_index(site: &Site, shared: &Shared<'_>, lang: &str, n: usize) -> Rendered {
    let config = &site.config;
    let strings = site.theme.i18n.strings(lang);
    let (route, all_routes) = context::listing_routes(site, lang, Section::Cases, n);
    let versions = context::all_languages(config, &all_routes);
    let title = context::paged_title(site, lang, strings.get("cases_title"), n);
    let page = context::page_data(
        site,
        lang,
        "cases",
        title,
        Some(strings.get("cases_intro")),
        &route,
        &versions,
    );
    // Every listed case has a summary (see `case_list`): only this page's
    // are looked up.
    let all = &shared.cases[lang];
    let total = context::page_count(all.len(), config.per_page);
    let first = routes::section(config, Section::Cases, lang);
    let data = CasesTemplate {
        cases: shared.summaries_of(lang, context::page_items(all, config.per_page, n)),
        case_count: all.len(),
        pagination: context::pagination(n, total, &|k| routes::paged(config, &first, lang, k)),
        filter_data: filter_file(config, lang).url,
        per_page: config.per_page,
        // The groupings are on the first page: the others stay short (on
        // a phone the cards come first) and do not change with a label.
        facets: if n == 1 {
            taxonomies::facets(site, lang)
        } else {
            Vec::new()
        },
        facets_url: (n > 1).then(|| format!("{}#browse-heading", first.url)),
    };
    let ctx = shared.lang[lang].typed(&page, &data);
    (
        "cases.html",
        route,
        ctx,
        format!("list of cases ({lang}), page {n}"),
    )
}

/// The data file of the combined filter of the cases index of `lang`:
/// `/<lang>/<cases>/filter.json`.
pub(crate) fn filter_file(config: &crate::config::Config, lang: &str) -> Route {
    let cases = routes::section(config, Section::Cases, lang);
    Route {
        url: format!("{}filter.json", cases.url),
        permalink: format!("{}filter.json", cases.permalink),
        file: cases.file.replace("index.html", "filter.json"),
    }
}

/// What the combined filter needs of every case listed in `lang`, in the
/// order of the index: enough to show a short card for each match.
fn filter_data(site: &Site, shared: &Shared<'_>, lang: &str) -> OutputFile {
    let cases: Vec<FilterCard<'_>> = shared
        .summaries(lang)
        .into_iter()
        .map(FilterCard::of)
        .collect();
    let bytes = serde_json::to_vec(&cases).unwrap_or_default();
    let route = filter_file(&site.config, lang);
    OutputFile::new(
        route.file,
        bytes,
        format!("filter data of the cases ({lang})"),
    )
}

/// The page that stands in for a missing translation: it says so, in the
/// reader's language, shows the title and summary of the version the site's
/// fallback order picks (`Config::fallbacks`), and links to every version
/// that exists, each under its own title.
fn untranslated<M: Meta>(
    site: &Site,
    shared: &Shared<'_>,
    lang: &str,
    route: Route,
    versions: &[Version<'_>],
    entry: &Entry<M>,
) -> Result<Rendered, Diagnostic> {
    let fallbacks = site.config.fallbacks(lang);
    let doc = entry
        .get_or_fallback(lang, &fallbacks)
        .ok_or_else(|| missing_route(&route.url))?;
    let strings = site.theme.i18n.strings(lang);
    // The summary is in another language: it is shown marked as such, not used as this page's description.
    let page = context::page_data(
        site,
        lang,
        "untranslated",
        doc.meta.title(),
        None,
        &route,
        versions,
    );
    let data = UntranslatedTemplate {
        original: Original {
            lang: &doc.lang,
            title: doc.meta.title(),
            summary: doc.meta.summary(),
            available: available_versions(site, entry, versions),
            notice: strings.get("untranslated_notice"),
        },
    };
    let ctx = shared.lang[lang].typed(&page, &data);
    let owner = format!(
        "notice for the missing `{lang}` translation of {}",
        crate::diagnostics::display_path(&doc.source)
    );
    Ok(("untranslated.html", route, ctx, owner))
}

/// The versions of `entry` that exist, in the site's language order, each
/// with its language, the name of that language, its title and address.
fn available_versions<'a, M: Meta>(
    site: &'a Site,
    entry: &'a Entry<M>,
    versions: &[Version<'a>],
) -> Vec<AvailableVersion<'a>> {
    versions
        .iter()
        .filter(|v| v.available)
        .filter_map(|v| {
            let doc = entry.get(v.lang)?;
            Some(AvailableVersion {
                lang: v.lang,
                name: site.theme.i18n.strings(v.lang).get("language_name"),
                title: doc.meta.title(),
                url: &v.route.url,
            })
        })
        .collect()
}

fn missing_route(what: &str) -> Diagnostic {
    Diagnostic::error(
        "content",
        format!("internal inconsistency: no address was computed for {what}"),
    )
    .help("please report this problem with the content that causes it")
}

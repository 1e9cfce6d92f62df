//! The page registry: every page the site has ([`Job`]), with its
//! language and its address. Rendering, the sitemap and `serve`'s record
//! of what each page read ([`super::inputs`]) all take their pages from
//! here.

use crate::config::Section;
use crate::content::Kind;
use crate::routes::{self, Route};
use crate::site::Site;

use super::{context, indicators, taxonomies};

/// One page to render.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Job {
    /// `/index.html`: the language chooser.
    Chooser,
    /// `/404.html`.
    NotFound,
    /// `/<lang>/`.
    Home(String),
    /// Page `n` of `/<lang>/<cases>/`: language, page number (1-based).
    Cases(String, usize),
    /// A case in a language (its own page, or the notice that it is not translated).
    Case(String, String),
    /// A free page in a language.
    Page(String, String),
    /// `/<lang>/<indicators>/`.
    Indicators(String),
    /// `/<lang>/<indicators>/<progress>/`: the progress overview.
    Progress(String),
    /// A filtered indicator listing: language, facet, value.
    IndicatorFacet(String, &'static str, &'static str),
    /// An indicator's page: id, language.
    Indicator(String, String),
    /// Page `n` of `/<lang>/<agreements>/`: language, page number.
    Agreements(String, usize),
    /// An agreement's page: id, language.
    Agreement(String, String),
    /// Page `n` of `/<lang>/<actions>/`: language, page number.
    Actions(String, usize),
    /// An action's page: id, language.
    Action(String, String),
    /// `/<lang>/<reports>/`.
    Reports(String),
    /// A report in a language (or the notice that it is not translated): period, language.
    Report(String, String),
    /// A report as presented, in a language that has it: period, language.
    ReportAsPresented(String, String),
    /// The index of a case taxonomy in a language.
    Taxonomy(String, crate::taxonomy::Taxonomy),
    /// A page of a term's cases: language, taxonomy, term index, page number.
    Term(String, crate::taxonomy::Taxonomy, usize, usize),
    /// `/<lang>/<search>/`.
    Search(String),
    /// `/<lang>/<network>/`: a network's portal, every member's practices.
    Network(String),
    /// The portal's practices with one value of a facet (a member's page
    /// for members): language, facet, value id.
    NetworkFacet(String, crate::portal::Facet, String),
    /// A practice of a member in the portal: language, member id, practice id.
    NetworkPractice(String, String, String),
}

impl Job {
    /// The language of the page: `default` for the language chooser and
    /// the not-found page, which are in the site's default language.
    pub(crate) fn lang<'a>(&'a self, default: &'a str) -> &'a str {
        match self {
            Job::Chooser | Job::NotFound => default,
            Job::Home(l)
            | Job::Cases(l, _)
            | Job::Indicators(l)
            | Job::Progress(l)
            | Job::IndicatorFacet(l, ..)
            | Job::Agreements(l, _)
            | Job::Actions(l, _)
            | Job::Reports(l)
            | Job::Taxonomy(l, _)
            | Job::Term(l, ..)
            | Job::Search(l)
            | Job::Network(l)
            | Job::NetworkFacet(l, ..)
            | Job::NetworkPractice(l, ..) => l,
            Job::Case(_, l)
            | Job::Page(_, l)
            | Job::Indicator(_, l)
            | Job::Agreement(_, l)
            | Job::Action(_, l)
            | Job::Report(_, l)
            | Job::ReportAsPresented(_, l) => l,
        }
    }
}

/// How many cases the cases index lists: every case with a version in one
/// of the site's languages (the same number in every language).
pub(crate) fn listed_cases(site: &Site) -> usize {
    let langs = &site.config.languages;
    site.content
        .cases
        .entries
        .values()
        .filter(|e| e.get_or_fallback(&langs[0], langs).is_some())
        .count()
}

/// Every page the site has.
pub fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs = vec![Job::Chooser, Job::NotFound];
    let per_page = site.config.per_page;
    let case_pages = context::page_count(listed_cases(site), per_page);
    for lang in &site.config.languages {
        jobs.push(Job::Home(lang.clone()));
        jobs.extend((1..=case_pages).map(|n| Job::Cases(lang.clone(), n)));
        for id in site.content.cases.entries.keys() {
            jobs.push(Job::Case(id.clone(), lang.clone()));
        }
        for id in site.content.pages.entries.keys() {
            jobs.push(Job::Page(id.clone(), lang.clone()));
        }
        if !site.content.indicators.is_empty() {
            jobs.push(Job::Indicators(lang.clone()));
            jobs.push(Job::Progress(lang.clone()));
            for (facet, values) in indicators::facets() {
                for value in values {
                    jobs.push(Job::IndicatorFacet(lang.clone(), facet, value));
                }
            }
            for id in site.content.indicators.keys() {
                jobs.push(Job::Indicator(id.clone(), lang.clone()));
            }
        }
        if !site.content.agreements.is_empty() {
            let pages = context::page_count(site.content.agreements.len(), per_page);
            jobs.extend((1..=pages).map(|n| Job::Agreements(lang.clone(), n)));
            jobs.extend(
                site.content
                    .agreements
                    .keys()
                    .map(|id| Job::Agreement(id.clone(), lang.clone())),
            );
        }
        if !site.content.actions.is_empty() {
            let pages = context::page_count(site.content.actions.len(), per_page);
            jobs.extend((1..=pages).map(|n| Job::Actions(lang.clone(), n)));
            jobs.extend(
                site.content
                    .actions
                    .keys()
                    .map(|id| Job::Action(id.clone(), lang.clone())),
            );
        }
        jobs.push(Job::Search(lang.clone()));
        for tax in site.taxonomies.terms.keys() {
            jobs.push(Job::Taxonomy(lang.clone(), *tax));
        }
        for (tax, i, n) in taxonomies::pages(site) {
            jobs.push(Job::Term(lang.clone(), tax, i, n));
        }
        if !site.content.reports.is_empty() {
            jobs.push(Job::Reports(lang.clone()));
            jobs.extend(
                site.content
                    .reports
                    .entries
                    .keys()
                    .map(|id| Job::Report(id.clone(), lang.clone())),
            );
            jobs.extend(
                site.presented
                    .keys()
                    .filter(|(_, l)| l == lang)
                    .map(|(id, _)| Job::ReportAsPresented(id.clone(), lang.clone())),
            );
        }
        if let Some(portal) = &site.portal {
            jobs.push(Job::Network(lang.clone()));
            for (facet, values) in &portal.facets {
                for v in values {
                    jobs.push(Job::NetworkFacet(lang.clone(), *facet, v.id.clone()));
                }
            }
            for i in 0..portal.practices.len() {
                let (m, case) = portal.practice(i);
                jobs.push(Job::NetworkPractice(
                    lang.clone(),
                    m.member.id.clone(),
                    case.id.clone(),
                ));
            }
        }
    }
    jobs
}

impl Job {
    /// The page's address and output file; `None` for a document the
    /// routes do not know (which rendering reports as an inconsistency).
    pub(crate) fn route(&self, site: &Site) -> Option<Route> {
        let config = &site.config;
        let doc = |kind: Kind, id: &str, lang: &str| site.routes.doc(kind, id, lang).cloned();
        let paged = |section: Section, lang: &str, n: usize| {
            routes::paged(config, &routes::section(config, section, lang), lang, n)
        };
        Some(match self {
            Job::Chooser => routes::chooser(config),
            Job::NotFound => Route::file(config, "404.html"),
            Job::Home(l) => routes::home(config, l),
            Job::Cases(l, n) => paged(Section::Cases, l, *n),
            Job::Case(id, l) => doc(Kind::Case, id, l)?,
            Job::Page(id, l) => doc(Kind::Page, id, l)?,
            Job::Indicators(l) => routes::section(config, Section::Indicators, l),
            Job::Progress(l) => routes::progress(config, l),
            Job::IndicatorFacet(l, facet, value) => {
                routes::indicator_facet(config, l, facet, value)
            }
            Job::Indicator(id, l) => doc(Kind::Indicator, id, l)?,
            Job::Agreements(l, n) => paged(Section::Agreements, l, *n),
            Job::Agreement(id, l) => doc(Kind::Agreement, id, l)?,
            Job::Actions(l, n) => paged(Section::Actions, l, *n),
            Job::Action(id, l) => doc(Kind::Action, id, l)?,
            Job::Reports(l) => routes::section(config, Section::Reports, l),
            Job::Report(id, l) => doc(Kind::Report, id, l)?,
            Job::ReportAsPresented(id, l) => super::report_presented::route(site, id, l)?,
            Job::Taxonomy(l, tax) => routes::taxonomy(config, l, *tax),
            Job::Term(l, tax, i, n) => routes::term(
                config,
                l,
                *tax,
                &site.taxonomies.terms.get(tax)?.get(*i)?.id,
                *n,
            ),
            Job::Search(l) => routes::section(config, Section::Search, l),
            Job::Network(l) => routes::section(config, Section::Network, l),
            Job::NetworkFacet(l, facet, value) => routes::network_facet(config, l, *facet, value),
            Job::NetworkPractice(l, member, id) => routes::network_practice(config, l, member, id),
        })
    }

    /// The same page in another language: the job with `lang` for its own.
    pub(crate) fn in_language(&self, lang: &str) -> Job {
        let mut job = self.clone();
        match &mut job {
            Job::Chooser | Job::NotFound => {}
            Job::Home(l)
            | Job::Cases(l, _)
            | Job::Indicators(l)
            | Job::Progress(l)
            | Job::IndicatorFacet(l, ..)
            | Job::Agreements(l, _)
            | Job::Actions(l, _)
            | Job::Reports(l)
            | Job::Taxonomy(l, _)
            | Job::Term(l, ..)
            | Job::Search(l)
            | Job::Network(l)
            | Job::NetworkFacet(l, ..)
            | Job::NetworkPractice(l, ..)
            | Job::Case(_, l)
            | Job::Page(_, l)
            | Job::Indicator(_, l)
            | Job::Agreement(_, l)
            | Job::Action(_, l)
            | Job::Report(_, l)
            | Job::ReportAsPresented(_, l) => *l = lang.to_string(),
        }
        job
    }

    /// True for the pages that stand for something else and are not
    /// listed in the sitemap: the language chooser (the sitemap gives it
    /// as the x-default of the home pages), the not-found page, and the
    /// notice shown for a case, page or report not translated into the
    /// page's language.
    pub(crate) fn is_stand_in(&self, site: &Site) -> bool {
        let content = &site.content;
        match self {
            Job::Chooser | Job::NotFound => true,
            Job::Case(id, l) => content.cases.get(id).is_none_or(|e| e.get(l).is_none()),
            Job::Page(id, l) => content.pages.get(id).is_none_or(|e| e.get(l).is_none()),
            Job::Report(id, l) => content.reports.get(id).is_none_or(|e| e.get(l).is_none()),
            _ => false,
        }
    }
}

//! Browsing the good practices: an index of every taxonomy's terms with
//! counts, a paginated page per term, term links on each case, and the
//! facets of the cases index (plain links, enhanced by JavaScript).

use std::collections::BTreeMap;

use super::data::listing::{Facet, FacetTerm};
use super::data::taxonomies::{
    CaseTermGroup, TaxonomyLink, TaxonomyRef, TermData, TermLink, TermTemplate, TermsTemplate,
};

use super::context::{self, LanguageContext};
use super::indicators::Page;
use crate::content::case::{Dimension, Scale};
use crate::content::CaseMeta;
use crate::routes::{self, Route};
use crate::site::Site;
use crate::slug::slugify;
use crate::taxonomy::{case_terms, Taxonomy, TermCases};
use crate::yaml::YamlEnum;

/// A theme id made readable when the vocabulary has no label for it.
fn humanize(id: &str) -> String {
    let text = id.replace('-', " ");
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// The label of term `id` of `tax` in `lang`.
pub fn label(site: &Site, lang: &str, tax: Taxonomy, id: &str) -> String {
    let strings = site.theme.i18n.strings(lang);
    let fallbacks = site.config.fallbacks(lang);
    match tax {
        Taxonomy::Themes => {
            super::inputs::read(|| super::inputs::Input::Theme(id.to_string()));
            site.content
                .vocabulary
                .themes
                .get(id)
                .and_then(|t| t.label.get(lang, &fallbacks))
                .map(str::to_string)
                .unwrap_or_else(|| humanize(id))
        }
        Taxonomy::Cities => city_label(site, lang, id).unwrap_or_else(|| humanize(id)),
        Taxonomy::Countries => {
            let code = id.to_ascii_uppercase();
            strings
                .map
                .get(&format!("country_{code}"))
                .cloned()
                .unwrap_or(code)
        }
        Taxonomy::Scales => Scale::ALL.iter().find(|(i, _)| *i == id).map_or_else(
            || id.to_string(),
            |(_, v)| context::label(site, lang, "scale", *v),
        ),
        Taxonomy::Dimensions => Dimension::ALL.iter().find(|(i, _)| *i == id).map_or_else(
            || id.to_string(),
            |(_, v)| context::label(site, lang, "dimension", *v),
        ),
        Taxonomy::Sdgs => format!(
            "{} {id}: {}",
            strings.get("sdg_short"),
            strings.get(&format!("sdg_{id}"))
        ),
    }
}

/// A city as written in `lang` by the first case filed under it.
fn city_label(site: &Site, lang: &str, id: &str) -> Option<String> {
    let term = site
        .taxonomies
        .terms
        .get(&Taxonomy::Cities)?
        .iter()
        .find(|t| t.id == id)?;
    let fallbacks = site.config.fallbacks(lang);
    term.cases.iter().find_map(|c| {
        let doc = site
            .content
            .cases
            .get(c)?
            .get_or_fallback(lang, &fallbacks)?;
        (slugify(&doc.meta.city) == id || doc.lang == lang).then(|| doc.meta.city.clone())
    })
}

fn heading(site: &Site, lang: &str, tax: Taxonomy) -> String {
    site.theme
        .i18n
        .strings(lang)
        .get(&format!("taxonomy_{}", tax.id()))
        .to_string()
}

/// The terms a case is filed under, grouped by taxonomy, with links.
pub(crate) fn case_links(site: &Site, lang: &str, meta: &CaseMeta) -> Vec<CaseTermGroup<'static>> {
    let terms = case_terms(meta);
    Taxonomy::ALL
        .iter()
        .filter_map(|tax| {
            let items: Vec<TermLink> = terms
                .iter()
                .filter(|(t, _)| t == tax)
                .map(|(_, id)| TermLink {
                    label: label(site, lang, *tax, id),
                    url: routes::term(&site.config, lang, *tax, id, 1).url,
                    id: id.clone(),
                })
                .collect();
            (!items.is_empty()).then(|| CaseTermGroup {
                taxonomy: tax.id(),
                label: heading(site, lang, *tax),
                terms: items,
            })
        })
        .collect()
}

/// The ids a case card carries for filtering in the browser: per
/// taxonomy, its term ids separated by spaces.
pub(crate) fn filter_data(meta: &CaseMeta) -> BTreeMap<&'static str, String> {
    let mut by_tax: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    for (tax, id) in case_terms(meta) {
        by_tax.entry(tax.id()).or_default().push(id);
    }
    by_tax.into_iter().map(|(k, v)| (k, v.join(" "))).collect()
}

/// The facets of the cases index: every taxonomy with its terms and counts.
pub(crate) fn facets<'a>(site: &'a Site, lang: &str) -> Vec<Facet<'a>> {
    Taxonomy::ALL
        .iter()
        .filter_map(|tax| Some(facet(site, lang, *tax, site.taxonomies.terms.get(tax)?)))
        .collect()
}

/// One taxonomy of the facets, with its terms sorted (see [`sort_key`]).
fn facet<'a>(site: &'a Site, lang: &str, tax: Taxonomy, terms: &'a [TermCases]) -> Facet<'a> {
    let mut items: Vec<(String, FacetTerm<'a>)> = terms
        .iter()
        .map(|t| {
            let l = label(site, lang, tax, &t.id);
            let key = sort_key(tax, &t.id, &l);
            let term = FacetTerm {
                id: &t.id,
                label: l,
                count: t.cases.len(),
                url: routes::term(&site.config, lang, tax, &t.id, 1).url,
            };
            (key, term)
        })
        .collect();
    items.sort_by(|a, b| a.0.cmp(&b.0));
    Facet {
        taxonomy: tax.id(),
        label: heading(site, lang, tax),
        url: routes::taxonomy(&site.config, lang, tax).url,
        terms: items.into_iter().map(|(_, v)| v).collect(),
    }
}

/// SDGs sort by number, other terms by their label.
fn sort_key(tax: Taxonomy, id: &str, label: &str) -> String {
    match tax {
        Taxonomy::Sdgs => format!("{:03}", id.parse::<u32>().unwrap_or(999)),
        _ => format!("{}\u{0}{id}", crate::search::fold(label)),
    }
}

fn versions_of(site: &Site, f: &dyn Fn(&str) -> Route) -> Vec<(String, Route)> {
    site.config
        .languages
        .iter()
        .map(|l| (l.clone(), f(l)))
        .collect()
}

/// The index of one taxonomy: every term with its number of cases.
pub fn index(site: &Site, lc: &LanguageContext, lang: &str, tax: Taxonomy) -> Page {
    let all = versions_of(site, &|l| routes::taxonomy(&site.config, l, tax));
    let route = routes::taxonomy(&site.config, lang, tax);
    let versions = context::all_languages(&site.config, &all);
    let title = heading(site, lang, tax);
    let page = context::page_data(site, lang, "terms", title, None, &route, &versions);
    let data = TermsTemplate {
        taxonomy: site
            .taxonomies
            .terms
            .get(&tax)
            .map(|terms| facet(site, lang, tax, terms)),
        other_taxonomies: Taxonomy::ALL
            .iter()
            .filter(|t| **t != tax && site.taxonomies.terms.contains_key(t))
            .map(|t| TaxonomyLink {
                label: heading(site, lang, *t),
                url: routes::taxonomy(&site.config, lang, *t).url,
            })
            .collect(),
    };
    let ctx = lc.typed(&page, &data);
    let owner = format!("{} index ({lang})", tax.id());
    ("terms.html", route, ctx, owner)
}

/// Page `n` (1-based) of the cases filed under `term`.
pub fn term_page(
    site: &Site,
    lc: &LanguageContext,
    lang: &str,
    tax: Taxonomy,
    term: &TermCases,
    n: usize,
) -> Page {
    let config = &site.config;
    let all = versions_of(site, &|l| routes::term(config, l, tax, &term.id, n));
    let route = routes::term(config, lang, tax, &term.id, n);
    let versions = context::all_languages(config, &all);
    let pages = context::page_count(term.cases.len(), config.per_page);
    let fallbacks = config.fallbacks(lang);
    let cases: Vec<_> = context::page_items(&term.cases, config.per_page, n)
        .iter()
        .filter_map(|id| lc.case_summary(id))
        .collect();
    let term_label = label(site, lang, tax, &term.id);
    let title = context::paged_title(
        site,
        lang,
        &format!("{}: {term_label}", heading(site, lang, tax)),
        n,
    );
    let description = match tax {
        // The label was read with the title above.
        Taxonomy::Themes => site
            .content
            .vocabulary
            .themes
            .get(&term.id)
            .and_then(|t| t.description.as_ref())
            .and_then(|d| d.get(lang, &fallbacks)),
        _ => None,
    };
    let page = context::page_data(site, lang, "term", title, description, &route, &versions);
    let data = TermTemplate {
        term: TermData {
            id: &term.id,
            label: term_label,
            count: term.cases.len(),
            description,
        },
        taxonomy: TaxonomyRef {
            id: tax.id(),
            label: heading(site, lang, tax),
            url: routes::taxonomy(config, lang, tax).url,
        },
        cases,
        pagination: context::pagination(n, pages, &|k| {
            routes::term(config, lang, tax, &term.id, k)
        }),
    };
    let ctx = lc.typed(&page, &data);
    let owner = format!("{} term {} page {n} ({lang})", tax.id(), term.id);
    ("term.html", route, ctx, owner)
}

/// Every (taxonomy, term, page number) the site has.
pub fn pages(site: &Site) -> Vec<(Taxonomy, usize, usize)> {
    let mut out = Vec::new();
    for (tax, terms) in &site.taxonomies.terms {
        for (i, t) in terms.iter().enumerate() {
            for n in 1..=context::page_count(t.cases.len(), site.config.per_page) {
                out.push((*tax, i, n));
            }
        }
    }
    out
}

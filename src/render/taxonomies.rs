//! Browsing the good practices: an index of every taxonomy's terms with
//! counts, a paginated page per term, term links on each case, and the
//! facets of the cases index (plain links, enhanced by JavaScript).

use serde_json::{json, Value};

use super::context::{self, LanguageContext};
use super::data::CaseSummary;
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
        Taxonomy::Themes => site
            .content
            .vocabulary
            .themes
            .get(id)
            .and_then(|t| t.label.get(lang, &fallbacks))
            .map(str::to_string)
            .unwrap_or_else(|| humanize(id)),
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
pub fn case_links(site: &Site, lang: &str, meta: &CaseMeta) -> Vec<Value> {
    let terms = case_terms(meta);
    Taxonomy::ALL
        .iter()
        .filter_map(|tax| {
            let items: Vec<Value> = terms
                .iter()
                .filter(|(t, _)| t == tax)
                .map(|(_, id)| json!({"id": id, "label": label(site, lang, *tax, id), "url": routes::term(&site.config, lang, *tax, id, 1).url}))
                .collect();
            (!items.is_empty()).then(|| json!({"taxonomy": tax.id(), "label": heading(site, lang, *tax), "terms": items}))
        })
        .collect()
}

/// The ids a case card carries for filtering in the browser.
pub fn filter_data(meta: &CaseMeta) -> Value {
    let mut by_tax: std::collections::BTreeMap<&str, Vec<String>> =
        std::collections::BTreeMap::new();
    for (tax, id) in case_terms(meta) {
        by_tax.entry(tax.id()).or_default().push(id);
    }
    json!(by_tax
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.join(" ")))
        .collect::<std::collections::BTreeMap<_, _>>())
}

/// The facets of the cases index: every taxonomy with its terms and counts.
pub fn facets(site: &Site, lang: &str) -> Vec<Value> {
    Taxonomy::ALL
        .iter()
        .filter_map(|tax| {
            let terms = site.taxonomies.terms.get(tax)?;
            let mut items: Vec<(String, Value)> = terms
                .iter()
                .map(|t| {
                    let l = label(site, lang, *tax, &t.id);
                    (sort_key(*tax, &t.id, &l), json!({"id": t.id, "label": l, "count": t.cases.len(), "url": routes::term(&site.config, lang, *tax, &t.id, 1).url}))
                })
                .collect();
            items.sort_by(|a, b| a.0.cmp(&b.0));
            Some(json!({
                "taxonomy": tax.id(),
                "label": heading(site, lang, *tax),
                "url": routes::taxonomy(&site.config, lang, *tax).url,
                "terms": items.into_iter().map(|(_, v)| v).collect::<Vec<_>>(),
            }))
        })
        .collect()
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
    let page = context::page_object(site, lang, "terms", &title, None, &route, &versions);
    let facet = facets(site, lang)
        .into_iter()
        .find(|f| f["taxonomy"] == tax.id())
        .unwrap_or(Value::Null);
    let others: Vec<Value> = Taxonomy::ALL
        .iter()
        .filter(|t| **t != tax && site.taxonomies.terms.contains_key(t))
        .map(|t| json!({"label": heading(site, lang, *t), "url": routes::taxonomy(&site.config, lang, *t).url}))
        .collect();
    let extra = vec![("taxonomy", facet), ("other_taxonomies", json!(others))];
    (
        "terms.html",
        route,
        lc.page(page, extra),
        format!("{} index ({lang})", tax.id()),
    )
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
    // The typed summaries, converted once, straight into the context.
    let cases: Vec<&CaseSummary> = context::page_items(&term.cases, config.per_page, n)
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
        Taxonomy::Themes => site
            .content
            .vocabulary
            .themes
            .get(&term.id)
            .and_then(|t| t.description.as_ref())
            .and_then(|d| d.get(lang, &fallbacks))
            .map(str::to_string),
        _ => None,
    };
    let page = context::page_object(
        site,
        lang,
        "term",
        &title,
        description.as_deref(),
        &route,
        &versions,
    );
    let pagination =
        context::pagination(n, pages, &|k| routes::term(config, lang, tax, &term.id, k));
    let extra = vec![
        (
            "term",
            json!({"id": term.id, "label": term_label, "count": term.cases.len(), "description": description}),
        ),
        (
            "taxonomy",
            json!({"id": tax.id(), "label": heading(site, lang, tax), "url": routes::taxonomy(config, lang, tax).url}),
        ),
        ("pagination", pagination),
    ];
    let mut ctx = lc.page(page, extra);
    ctx.insert("cases", &cases);
    (
        "term.html",
        route,
        ctx,
        format!("{} term {} page {n} ({lang})", tax.id(), term.id),
    )
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

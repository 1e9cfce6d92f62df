//! The `ItemList` of a listing page. It is read from the very data the
//! page's template receives (the cases, terms, indicators, agreements,
//! actions or reports it shows, in its order), so that the list search
//! engines read is always the list readers see: each item's place in the
//! whole list (counted from the first page of a listing that has several)
//! and its address, as schema.org suggests for a list of pages.

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::nodes::{ItemList, ListItem};
use crate::site::Site;

use super::super::Job;

/// One item a listing shows: its address (root-relative). Its name is left
/// out: an item not translated into the page's language is shown under
/// its title in another language, which the list, in the page's language,
/// would mislabel; the address leads to everything about it.
#[derive(Deserialize)]
struct Shown {
    url: Option<String>,
}

/// A group of the indicators index (and of its filtered versions): a
/// dimension, with its categories.
#[derive(Deserialize)]
struct Group {
    categories: Vec<Category>,
}

#[derive(Deserialize)]
struct Category {
    indicators: Vec<Shown>,
}

/// A level of the results chain, on the page of a dimension.
#[derive(Deserialize)]
struct Level {
    indicators: Vec<Shown>,
}

/// The index of a grouping: its terms.
#[derive(Deserialize)]
struct TermList {
    terms: Vec<Shown>,
}

/// A term's page: how many cases it has in all.
#[derive(Deserialize)]
struct TermCount {
    count: usize,
}

/// The template variable `key` of `ctx`, read as `T`.
fn get<T: DeserializeOwned>(ctx: &tera::Context, key: &str) -> Option<T> {
    T::deserialize(ctx.get(key)?).ok()
}

/// The list that the listing page `job` shows, from its data `ctx`; `None`
/// when the data is not the shape of a listing (a theme test catches it).
pub(super) fn item_list(site: &Site, job: &Job, ctx: &tera::Context) -> Option<ItemList> {
    let per_page = site.config.per_page.max(1);
    // The items shown, where the first stands in the whole list, and how
    // many the whole list has.
    let (shown, first, total): (Vec<Shown>, usize, Option<usize>) = match job {
        Job::Cases(_, n) => (
            get(ctx, "cases")?,
            n.saturating_sub(1) * per_page,
            get(ctx, "case_count"),
        ),
        Job::Term(.., n) => (
            get(ctx, "cases")?,
            n.saturating_sub(1) * per_page,
            get::<TermCount>(ctx, "term").map(|t| t.count),
        ),
        Job::Agreements(_, n) | Job::Actions(_, n) => (
            get(ctx, "items")?,
            n.saturating_sub(1) * per_page,
            get(ctx, "count"),
        ),
        Job::Reports(_) => (get(ctx, "reports")?, 0, None),
        Job::Taxonomy(..) => (get::<TermList>(ctx, "taxonomy")?.terms, 0, None),
        Job::IndicatorFacet(_, "dimension", _) => (
            get::<Vec<Level>>(ctx, "chain")?
                .into_iter()
                .flat_map(|l| l.indicators)
                .collect(),
            0,
            None,
        ),
        Job::Indicators(_) | Job::IndicatorFacet(..) => (
            get::<Vec<Group>>(ctx, "groups")?
                .into_iter()
                .flat_map(|g| g.categories)
                .flat_map(|c| c.indicators)
                .collect(),
            0,
            None,
        ),
        _ => return None,
    };
    let config = &site.config;
    let items: Vec<ListItem> = shown
        .into_iter()
        .filter_map(|s| {
            let url = s.url?;
            let path = url.strip_prefix(config.base_path.as_str())?;
            Some(format!("{}{path}", config.base_url))
        })
        .enumerate()
        .map(|(i, url)| ListItem {
            kind: "ListItem",
            position: first + i + 1,
            url,
        })
        .collect();
    Some(ItemList {
        kind: "ItemList",
        count: total.unwrap_or(items.len()),
        items,
    })
}

//! Taxonomies of the good practices (themes, cities, countries, scales,
//! dimensions, SDGs) and the ranking of related practices.
//!
//! Terms are computed once, language-neutrally (ids and case ids); their
//! labels are looked up per language when pages are rendered. Everything is
//! built with one pass over the cases and inverted indexes, so the cost grows
//! linearly with the number of cases and terms.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::config::Section;
use crate::content::{CaseMeta, Content, Entry};
use crate::slug::slugify;
use crate::yaml::YamlEnum;

/// A taxonomy of the cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Taxonomy {
    /// Theme ids (labels from the vocabulary).
    Themes,
    /// Cities (or organisations).
    Cities,
    /// Countries.
    Countries,
    /// Local, regional, international.
    Scales,
    /// Institutional, political, territorial.
    Dimensions,
    /// Sustainable Development Goals.
    Sdgs,
}

impl Taxonomy {
    /// Every taxonomy, in the order pages show them.
    pub const ALL: [Taxonomy; 6] = [
        Taxonomy::Themes,
        Taxonomy::Sdgs,
        Taxonomy::Dimensions,
        Taxonomy::Scales,
        Taxonomy::Countries,
        Taxonomy::Cities,
    ];

    /// The section that names it in URLs.
    pub fn section(self) -> Section {
        match self {
            Taxonomy::Themes => Section::Themes,
            Taxonomy::Cities => Section::Cities,
            Taxonomy::Countries => Section::Countries,
            Taxonomy::Scales => Section::Scales,
            Taxonomy::Dimensions => Section::Dimensions,
            Taxonomy::Sdgs => Section::Sdgs,
        }
    }

    /// Its id (`themes`, `sdgs`…).
    pub fn id(self) -> &'static str {
        self.section().id()
    }
}

/// A term and the cases filed under it, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermCases {
    /// The term's id, used in its URL.
    pub id: String,
    /// Case ids.
    pub cases: Vec<String>,
}

/// Every term of every taxonomy.
#[derive(Debug, Clone, Default)]
pub struct Taxonomies {
    /// Terms by taxonomy, sorted by id.
    pub terms: BTreeMap<Taxonomy, Vec<TermCases>>,
}

/// The document a case is described by in language-neutral terms (themes,
/// SDGs, country…): the default language's, else the first one. Term pages
/// and term links of every language use it, so they always agree.
pub fn reference<'a>(
    entry: &'a Entry<CaseMeta>,
    default: &str,
) -> Option<&'a crate::content::Document<CaseMeta>> {
    entry.get(default).or_else(|| entry.docs.values().next())
}

/// The ids of the terms a case is filed under, per taxonomy.
pub fn case_terms(meta: &CaseMeta) -> Vec<(Taxonomy, String)> {
    let mut out = Vec::new();
    out.extend(
        meta.themes
            .iter()
            .map(|t| (Taxonomy::Themes, t.value.clone())),
    );
    let city = slugify(&meta.city);
    if !city.is_empty() {
        out.push((Taxonomy::Cities, city));
    }
    out.push((Taxonomy::Countries, meta.country.to_ascii_lowercase()));
    out.push((Taxonomy::Scales, meta.scale.id().to_string()));
    out.push((Taxonomy::Dimensions, meta.dimension.id().to_string()));
    out.extend(meta.sdgs.iter().map(|n| (Taxonomy::Sdgs, n.to_string())));
    out
}

/// Builds every taxonomy of `content`.
pub fn build(content: &Content, default_language: &str) -> Taxonomies {
    let mut index: BTreeMap<Taxonomy, BTreeMap<String, Vec<(NaiveDate, String)>>> = BTreeMap::new();
    for entry in content.cases.entries.values() {
        let Some(doc) = reference(entry, default_language) else {
            continue;
        };
        let mut seen = BTreeSet::new();
        for (tax, term) in case_terms(&doc.meta) {
            if seen.insert((tax, term.clone())) {
                index
                    .entry(tax)
                    .or_default()
                    .entry(term)
                    .or_default()
                    .push((doc.meta.date, entry.id.clone()));
            }
        }
    }
    let terms = index
        .into_iter()
        .map(|(tax, terms)| {
            let list = terms
                .into_iter()
                .map(|(id, mut cases)| {
                    cases.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
                    TermCases {
                        id,
                        cases: cases.into_iter().map(|(_, c)| c).collect(),
                    }
                })
                .collect();
            (tax, list)
        })
        .collect();
    Taxonomies { terms }
}

/// How many of the newest cases of each of a case's themes and SDGs are
/// considered as its related practices. It keeps the ranking linear in the
/// number of cases: a large network does not compare every case with every
/// other one.
pub const CANDIDATES_PER_TERM: usize = 200;

/// The related practices of every case, computed in parallel: up to `n`
/// for each, best first. Each shared theme counts 3, each shared SDG 2, the
/// same dimension 1 and the same country 1; ties go to the newer case, then
/// to the id. Candidates are the newest [`CANDIDATES_PER_TERM`] cases of
/// each of its themes and SDGs, found through the taxonomies.
pub fn related_all(
    content: &Content,
    taxonomies: &Taxonomies,
    default_language: &str,
    n: usize,
) -> std::collections::HashMap<String, Vec<String>> {
    use rayon::prelude::*;
    let index = RelatedIndex::new(content, taxonomies, default_language);
    (0..index.ids.len())
        .into_par_iter()
        .map(|i| (index.ids[i].to_string(), index.related(i, n)))
        .collect()
}

/// Cases and term lists as numbers, so ranking compares integers, not strings.
struct RelatedIndex<'a> {
    ids: Vec<&'a str>,
    metas: Vec<Option<&'a CaseMeta>>,
    themes: std::collections::HashMap<&'a str, Vec<u32>>,
    sdgs: std::collections::HashMap<&'a str, Vec<u32>>,
}

impl<'a> RelatedIndex<'a> {
    fn new(content: &'a Content, taxonomies: &'a Taxonomies, default_language: &str) -> Self {
        let ids: Vec<&str> = content.cases.entries.keys().map(String::as_str).collect();
        let metas = content
            .cases
            .entries
            .values()
            .map(|e| reference(e, default_language).map(|d| &d.meta))
            .collect();
        // Ids are sorted, so positions are found by binary search.
        let pos = |id: &str| ids.binary_search(&id).ok().map(|i| i as u32);
        let lists = |tax: Taxonomy| -> std::collections::HashMap<&'a str, Vec<u32>> {
            taxonomies
                .terms
                .get(&tax)
                .map(|terms| {
                    terms
                        .iter()
                        .map(|t| {
                            (
                                t.id.as_str(),
                                t.cases
                                    .iter()
                                    .take(CANDIDATES_PER_TERM)
                                    .filter_map(|c| pos(c))
                                    .collect(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let themes = lists(Taxonomy::Themes);
        let sdgs = lists(Taxonomy::Sdgs);
        RelatedIndex {
            ids,
            metas,
            themes,
            sdgs,
        }
    }

    fn related(&self, i: usize, n: usize) -> Vec<String> {
        let Some(me) = self.metas[i] else {
            return Vec::new();
        };
        let mut scores: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
        for theme in &me.themes {
            for j in self.themes.get(theme.value.as_str()).into_iter().flatten() {
                *scores.entry(*j).or_default() += 3;
            }
        }
        for sdg in &me.sdgs {
            for j in self
                .sdgs
                .get(sdg.to_string().as_str())
                .into_iter()
                .flatten()
            {
                *scores.entry(*j).or_default() += 2;
            }
        }
        scores.remove(&(i as u32));
        let mut ranked: Vec<(u32, NaiveDate, &str)> = scores
            .into_iter()
            .filter_map(|(j, score)| {
                let other = self.metas[j as usize]?;
                let bonus = u32::from(other.dimension == me.dimension)
                    + u32::from(other.country == me.country);
                Some((score + bonus, other.date, self.ids[j as usize]))
            })
            .collect();
        ranked.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| b.1.cmp(&a.1))
                .then_with(|| a.2.cmp(b.2))
        });
        ranked
            .into_iter()
            .take(n)
            .map(|(_, _, c)| c.to_string())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::files::{Kind, SourceFile};
    use crate::content::markdown_file;

    /// The practices related to case `id`.
    fn related(
        content: &Content,
        taxonomies: &Taxonomies,
        default_language: &str,
        id: &str,
        n: usize,
    ) -> Vec<String> {
        related_all(content, taxonomies, default_language, n)
            .remove(id)
            .unwrap_or_default()
    }

    fn case(
        content: &mut Content,
        id: &str,
        date: &str,
        themes: &str,
        sdgs: &str,
        dimension: &str,
        country: &str,
    ) {
        let text = format!("---\ntitle: {id}\ncity: \"Ciudad {id}\"\ncountry: {country}\ndate: {date}\nscale: local\ndimension: {dimension}\nthemes: [{themes}]\nsdgs: [{sdgs}]\nactors: [a]\nsummary: s\n---\nbody\n");
        let file = SourceFile {
            kind: Kind::Case,
            abs: "/x".into(),
            rel: format!("content/cases/{id}.en.md").into(),
            id: id.into(),
            lang: "en".into(),
        };
        let (doc, diags) = markdown_file::parse::<CaseMeta>(&file, text, &["en".to_string()]);
        assert!(diags.is_empty(), "{diags:?}");
        content.cases.insert(doc.unwrap());
    }

    fn sample() -> Content {
        let mut c = Content::default();
        case(
            &mut c,
            "me",
            "2020-01-01",
            "networks, sdg-localization",
            "11, 17",
            "political",
            "MX",
        );
        case(
            &mut c,
            "two-themes",
            "2019-01-01",
            "networks, sdg-localization",
            "",
            "institutional",
            "CO",
        );
        case(
            &mut c,
            "one-theme-sdgs",
            "2021-01-01",
            "networks",
            "11, 17",
            "institutional",
            "CO",
        );
        case(
            &mut c,
            "one-theme-same-dim",
            "2018-01-01",
            "networks",
            "",
            "political",
            "CO",
        );
        case(
            &mut c,
            "one-theme-newer",
            "2022-01-01",
            "networks",
            "",
            "territorial",
            "PE",
        );
        case(
            &mut c,
            "nothing-shared",
            "2023-01-01",
            "other",
            "3",
            "political",
            "MX",
        );
        c
    }

    #[test]
    fn related_practices_are_ranked_by_what_they_share() {
        let c = sample();
        let t = build(&c, "en");
        // 3+3+1(no)… two-themes: 6; one-theme-sdgs: 3+2+2 = 7; same-dim: 3+1 = 4; newer: 3.
        assert_eq!(
            related(&c, &t, "en", "me", 10),
            [
                "one-theme-sdgs",
                "two-themes",
                "one-theme-same-dim",
                "one-theme-newer"
            ]
        );
        assert_eq!(related(&c, &t, "en", "me", 2).len(), 2);
        assert!(
            !related(&c, &t, "en", "me", 10).contains(&"nothing-shared".to_string()),
            "a shared country alone does not relate"
        );
    }

    #[test]
    fn terms_list_their_cases_newest_first() {
        let c = sample();
        let t = build(&c, "en");
        let networks = t.terms[&Taxonomy::Themes]
            .iter()
            .find(|x| x.id == "networks")
            .unwrap();
        assert_eq!(networks.cases[0], "one-theme-newer");
        assert_eq!(networks.cases.len(), 5);
        let countries: Vec<&str> = t.terms[&Taxonomy::Countries]
            .iter()
            .map(|x| x.id.as_str())
            .collect();
        assert_eq!(countries, ["co", "mx", "pe"]);
        assert!(t.terms[&Taxonomy::Cities]
            .iter()
            .any(|x| x.id == "ciudad-me"));
    }
}

/// The links between cases and indicators, both ways: an indicator naming a
/// case in `related_cases`, or a case naming an indicator in `indicators`.
#[derive(Debug, Clone, Default)]
pub struct IndicatorLinks {
    by_case: std::collections::HashMap<String, BTreeSet<String>>,
    by_indicator: std::collections::HashMap<String, BTreeSet<String>>,
}

impl IndicatorLinks {
    /// Indexes every link of `content` once.
    pub fn build(content: &Content) -> IndicatorLinks {
        let mut links = IndicatorLinks::default();
        let mut add = |case: &str, ind: &str| {
            links
                .by_case
                .entry(case.to_string())
                .or_default()
                .insert(ind.to_string());
            links
                .by_indicator
                .entry(ind.to_string())
                .or_default()
                .insert(case.to_string());
        };
        for ind in content.indicators.values() {
            for case in &ind.related_cases {
                add(&case.value, &ind.id);
            }
        }
        for doc in content.cases.documents() {
            for ind in &doc.meta.indicators {
                add(&doc.id, &ind.value);
            }
        }
        links
    }

    /// The indicators linked to case `id`, by id.
    pub fn indicators_of<'a>(&'a self, id: &str) -> impl Iterator<Item = &'a String> + 'a {
        self.by_case.get(id).into_iter().flatten()
    }

    /// The cases linked to indicator `id`, by id.
    pub fn cases_of<'a>(&'a self, id: &str) -> impl Iterator<Item = &'a String> + 'a {
        self.by_indicator.get(id).into_iter().flatten()
    }
}

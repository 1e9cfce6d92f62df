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

/// Up to `n` practices related to case `id`, best first: each shared theme
/// counts 3, each shared SDG 2, the same dimension 1 and the same country 1;
/// ties go to the newer case, then to the id. Only cases sharing a theme or
/// an SDG are candidates, found through the taxonomies (no pass over all cases).
pub fn related(
    content: &Content,
    taxonomies: &Taxonomies,
    default_language: &str,
    id: &str,
    n: usize,
) -> Vec<String> {
    let Some(me) = content
        .cases
        .get(id)
        .and_then(|e| reference(e, default_language))
    else {
        return Vec::new();
    };
    let lookup = |tax: Taxonomy, term: &str| -> &[String] {
        taxonomies
            .terms
            .get(&tax)
            .and_then(|list| {
                list.binary_search_by(|t| t.id.as_str().cmp(term))
                    .ok()
                    .map(|i| list[i].cases.as_slice())
            })
            .unwrap_or(&[])
    };
    let mut scores: BTreeMap<&str, u32> = BTreeMap::new();
    for theme in &me.meta.themes {
        for other in lookup(Taxonomy::Themes, &theme.value) {
            *scores.entry(other).or_default() += 3;
        }
    }
    for sdg in &me.meta.sdgs {
        for other in lookup(Taxonomy::Sdgs, &sdg.to_string()) {
            *scores.entry(other).or_default() += 2;
        }
    }
    scores.remove(id);
    let mut ranked: Vec<(u32, NaiveDate, &str)> = scores
        .into_iter()
        .filter_map(|(other, score)| {
            let doc = content
                .cases
                .get(other)
                .and_then(|e| reference(e, default_language))?;
            let bonus = u32::from(doc.meta.dimension == me.meta.dimension)
                + u32::from(doc.meta.country == me.meta.country);
            Some((score + bonus, doc.meta.date, other))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::files::{Kind, SourceFile};
    use crate::content::markdown_file;

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

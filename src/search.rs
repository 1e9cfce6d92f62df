//! The client-side search index, written by memoria itself.
//!
//! For each language: `/search/<lang>/docs.json` (what a result shows) and
//! one shard per first letter, `/search/<lang>/<letter>.json`, mapping every
//! word of the texts (lowercased, accents removed) to its stem, and every
//! stem to the documents that contain it, with a weight. The browser loads
//! the document list and only the shards of the letters typed, the first
//! time the search box is used, and never needs a stemmer of its own: a word
//! typed as it appears in some text finds every form of it through the
//! stem; any other word is looked up as the start of indexed words.
//! `docs/content-format.md` explains the choice and reports the sizes.

use std::collections::{BTreeMap, HashMap};

use pulldown_cmark::{Event, Parser};
use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use serde_json::{json, Value};
use unicode_normalization::UnicodeNormalization;

use crate::content::Kind;
use crate::output::OutputFile;
use crate::site::Site;

/// Weight of a word in a title, a summary, and the body (per occurrence).
const TITLE: u32 = 10;
const SUMMARY: u32 = 4;
const BODY: u32 = 1;
/// The most a body can add for one stem, so long texts do not drown short ones.
const BODY_CAP: u32 = 8;
/// Characters of summary kept for the result list.
const SUMMARY_CHARS: usize = 220;

/// Lowercases and removes accents (the combining marks U+0300–U+036F after
/// canonical decomposition) — the same as the browser's
/// `s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()`.
pub(crate) fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !('\u{0300}'..='\u{036f}').contains(c))
        .collect::<String>()
        .to_lowercase()
}

/// The folded words of `text` (letters and digits), two characters or more.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    raw_words(text).map(fold)
}

/// The words of `text` as written, two characters or more.
fn raw_words(text: &str) -> impl Iterator<Item = &str> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
}

/// The folded stem of a lowercase word. Stemmers know the accented endings
/// ("-ación"), so the word is stemmed as written and the stem folded
/// afterwards.
fn stem_of(lower: &str, stemmer: Option<&Stemmer>) -> String {
    match stemmer {
        Some(s) => fold(&s.stem(lower)),
        None => fold(lower),
    }
}

/// The stemmer for `lang`, when Snowball has one.
pub(crate) fn stemmer(lang: &str) -> Option<Stemmer> {
    let algorithm = match lang.split('-').next().unwrap_or(lang) {
        "es" => Algorithm::Spanish,
        "en" => Algorithm::English,
        "fr" => Algorithm::French,
        "pt" => Algorithm::Portuguese,
        "it" => Algorithm::Italian,
        "de" => Algorithm::German,
        "nl" => Algorithm::Dutch,
        "ro" => Algorithm::Romanian,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// The plain text of a Markdown body.
pub(crate) fn markdown_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                out.push_str(&t);
                out.push(' ');
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out
}

/// The weight of each word (lowercase, as written) of a document: title and
/// summary words count fully, body words once per occurrence up to a cap.
fn weights(doc: &SearchDoc) -> HashMap<String, u32> {
    let mut out: HashMap<String, u32> = HashMap::new();
    let mut body: HashMap<String, u32> = HashMap::new();
    for (text, weight) in [(&doc.title, TITLE), (&doc.summary, SUMMARY)] {
        for raw in raw_words(text) {
            *out.entry(raw.to_lowercase()).or_default() += weight;
        }
    }
    for raw in raw_words(&doc.body) {
        let n = body.entry(raw.to_lowercase()).or_default();
        if *n < BODY_CAP {
            *n += BODY;
        }
    }
    for (w, n) in body {
        *out.entry(w).or_default() += n;
    }
    out
}

/// One searchable document.
struct SearchDoc {
    url: String,
    title: String,
    summary: String,
    kind: String,
    body: String,
}

/// One shard: words → stems, and stems → flat postings, sorted (the
/// fields in the order of their names, as written before).
#[derive(Default, serde::Serialize)]
struct Shard<'a> {
    stems: BTreeMap<&'a str, Postings<'a>>,
    words: BTreeMap<&'a str, &'a str>,
}

/// The postings of a stem, written flat: document, weight, document…
struct Postings<'a>(&'a [(u32, u32)]);

impl serde::Serialize for Postings<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().flat_map(|(d, w)| [*d, *w]))
    }
}

/// The index of one language, before it is split into files.
#[derive(Default)]
struct Index {
    docs: Vec<(String, String, String, String)>,
    /// word → stem
    words: BTreeMap<String, String>,
    /// stem → (doc, weight), by doc
    postings: BTreeMap<String, Vec<(u32, u32)>>,
}

impl Index {
    /// Indexes `docs`: words are counted per document in parallel, each
    /// distinct word is stemmed once, then the postings are filled.
    fn build(docs: Vec<SearchDoc>, stemmer: Option<&Stemmer>) -> Index {
        let per_doc: Vec<HashMap<String, u32>> = docs.par_iter().map(weights).collect();
        let mut unique: Vec<&str> = per_doc
            .iter()
            .flat_map(|m| m.keys().map(String::as_str))
            .collect();
        unique.par_sort_unstable();
        unique.dedup();
        let stems: HashMap<&str, (String, String)> = unique
            .par_iter()
            .map(|w| (*w, (fold(w), stem_of(w, stemmer))))
            .collect();
        let mut index = Index::default();
        // Sorted, so a folded form keeps the stem of its first spelling.
        for w in &unique {
            let (folded, stem) = &stems[w];
            index
                .words
                .entry(folded.clone())
                .or_insert_with(|| stem.clone());
        }
        // Documents come in order, so each list stays sorted by document;
        // the words of one document that share a stem add up.
        let mut postings: HashMap<&str, Vec<(u32, u32)>> = HashMap::new();
        for (n, counts) in per_doc.iter().enumerate() {
            for (word, weight) in counts {
                let stem = stems[word.as_str()].1.as_str();
                let list = postings.entry(stem).or_default();
                match list.last_mut() {
                    Some((doc, w)) if *doc == n as u32 => *w += weight,
                    _ => list.push((n as u32, *weight)),
                }
            }
        }
        index.postings = postings
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        index.docs = docs
            .into_iter()
            .map(|d| {
                let summary: String = d.summary.chars().take(SUMMARY_CHARS).collect();
                (d.url, d.title, summary, d.kind)
            })
            .collect();
        index
    }

    /// The shard a word or stem belongs to: its first letter or digit.
    fn shard(word: &str) -> String {
        match word.chars().next() {
            Some(c) if c.is_ascii_alphanumeric() => c.to_string(),
            _ => "_".to_string(),
        }
    }

    fn files(self, lang: &str) -> Vec<OutputFile> {
        let owner = format!("search index ({lang})");
        let docs: Vec<Value> = self
            .docs
            .iter()
            .map(|(u, t, s, k)| json!({"u": u, "t": t, "s": s, "k": k}))
            .collect();
        let mut out = vec![OutputFile::new(
            format!("search/{lang}/docs.json"),
            compact(&Value::Array(docs)),
            owner.clone(),
        )];
        let mut shards: BTreeMap<String, Shard> = BTreeMap::new();
        for (word, stem) in &self.words {
            shards
                .entry(Self::shard(word))
                .or_default()
                .words
                .insert(word, stem);
        }
        for (stem, docs) in &self.postings {
            shards
                .entry(Self::shard(stem))
                .or_default()
                .stems
                .insert(stem, Postings(docs));
        }
        for (shard, content) in shards {
            out.push(OutputFile::new(
                format!("search/{lang}/{shard}.json"),
                serde_json::to_vec(&content).unwrap_or_default(),
                owner.clone(),
            ));
        }
        out
    }
}

fn compact(value: &Value) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_default()
}

/// The search index files of every language.
pub(crate) fn files(site: &Site) -> Vec<OutputFile> {
    site.config
        .languages
        .par_iter()
        .flat_map_iter(|lang| {
            Index::build(documents(site, lang), stemmer(lang).as_ref()).files(lang)
        })
        .collect()
}

/// Everything searchable in `lang`: cases, pages, indicators, agreements and
/// reports that exist in that language.
fn documents(site: &Site, lang: &str) -> Vec<SearchDoc> {
    let strings = site.theme.i18n.strings(lang);
    let fallbacks = site.config.fallbacks(lang);
    let url = |kind: Kind, id: &str| {
        site.routes
            .doc(kind, id, lang)
            .map(|r| r.url.clone())
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for doc in site.content.cases.documents().filter(|d| d.lang == lang) {
        let m = &doc.meta;
        let extra = format!("{} {} {}", m.city, m.actors.join(" "), m.lessons.join(" "));
        out.push(SearchDoc {
            url: url(Kind::Case, &doc.id),
            title: m.title.clone(),
            summary: m.summary.clone(),
            kind: strings.get("search_kind_case").into(),
            body: format!("{extra} {}", markdown_text(doc.body())),
        });
    }
    for doc in site.content.pages.documents().filter(|d| d.lang == lang) {
        out.push(SearchDoc {
            url: url(Kind::Page, &doc.id),
            title: doc.meta.title.clone(),
            summary: doc.meta.summary.clone().unwrap_or_default(),
            kind: strings.get("search_kind_page").into(),
            body: markdown_text(doc.body()),
        });
    }
    for doc in site.content.reports.documents().filter(|d| d.lang == lang) {
        out.push(SearchDoc {
            url: url(Kind::Report, &doc.id),
            title: doc.meta.title.clone(),
            summary: doc.meta.legislature.clone(),
            kind: strings.get("search_kind_report").into(),
            body: markdown_text(doc.body()),
        });
    }
    let text = |t: &crate::yaml::LangText| t.get(lang, &fallbacks).unwrap_or("").to_string();
    for ind in site.content.indicators.values() {
        out.push(SearchDoc {
            url: url(Kind::Indicator, &ind.id),
            title: text(&ind.name),
            summary: text(&ind.description),
            kind: strings.get("search_kind_indicator").into(),
            body: format!(
                "{} {} {}",
                text(&ind.category),
                text(&ind.method),
                text(&ind.sources)
            ),
        });
    }
    for a in site.content.agreements.values() {
        out.push(SearchDoc {
            url: url(Kind::Agreement, &a.id),
            title: text(&a.title),
            summary: text(&a.summary),
            kind: strings.get("search_kind_agreement").into(),
            body: format!(
                "{} {}",
                a.partner,
                a.approved_by.clone().unwrap_or_default()
            ),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_accents_and_case() {
        assert_eq!(
            fold("Cooperación Técnica ÑANDÚ"),
            "cooperacion tecnica nandu"
        );
        assert_eq!(fold("São Paulo"), "sao paulo");
        let w: Vec<String> = words("La cooperación, en 2025: ¡sí!").collect();
        assert_eq!(w, ["la", "cooperacion", "en", "2025", "si"]);
    }

    #[test]
    fn typed_with_or_without_accents_the_same_stem() {
        let es = stemmer("es").unwrap();
        let index = Index::build(
            vec![SearchDoc {
                url: "/a/".into(),
                title: "Cooperación descentralizada".into(),
                summary: String::new(),
                kind: "case".into(),
                body: "cooperaciones entre ciudades".into(),
            }],
            Some(&es),
        );
        // The query word "cooperacion" (no accent) is an indexed word form…
        let stem = index.words.get("cooperacion").expect("folded word indexed");
        // …whose stem is shared with "cooperaciones".
        assert_eq!(index.words.get("cooperaciones"), Some(stem));
        assert_eq!(index.postings[stem], [(0, TITLE + BODY)]);
    }

    #[test]
    fn english_stems_join_word_forms() {
        let en = stemmer("en").unwrap();
        assert_eq!(en.stem("twinning"), en.stem("twinned"));
        assert_eq!(en.stem("agreements"), en.stem("agreement"));
    }

    #[test]
    fn shards_split_by_first_letter() {
        let index = Index::build(
            vec![SearchDoc {
                url: "/a/".into(),
                title: "Alfa beta".into(),
                summary: "Ñu".into(),
                kind: "k".into(),
                body: String::new(),
            }],
            None,
        );
        let files = index.files("es");
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            names,
            [
                "search/es/docs.json",
                "search/es/a.json",
                "search/es/b.json",
                "search/es/n.json"
            ]
        );
    }

    #[test]
    fn body_weight_is_capped() {
        let index = Index::build(
            vec![SearchDoc {
                url: "/a/".into(),
                title: "x".into(),
                summary: String::new(),
                kind: "k".into(),
                body: "red ".repeat(100),
            }],
            None,
        );
        assert_eq!(index.postings["red"], [(0, BODY_CAP)]);
    }
}

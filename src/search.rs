//! The client-side search index, written by memoria itself.
//!
//! For each language: `/search/<lang>/docs.json` (what a result shows) and
//! one shard per first two letters, `/search/<lang>/<ab>.json`, mapping every
//! word of the texts (lowercased, accents removed) to its stem, and every
//! stem to the documents that contain it, with a weight. The browser loads
//! the document list and only the shards of the words typed, the first
//! time the search box is used, and never needs a stemmer of its own: a word
//! typed as it appears in some text finds every form of it through the
//! stem; any other word is looked up as the start of indexed words.
//! `docs/content-format.md` explains the choice and reports the sizes.

use std::collections::{BTreeMap, BTreeSet, HashMap};

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

/// The shard (`search/<lang>/<shard>.json`) a folded word or stem belongs
/// to: its first two characters when they are ASCII letters or digits
/// (`ci`), the first and `_` when only the first is (`a_`, for a one-letter
/// stem), `_` otherwise. Two
/// characters keep each shard small at any size of site: a save rewrites
/// the shards of the words it changed, and a query loads only those of
/// its words (words have two characters at least).
pub fn shard_of(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) if first.is_ascii_alphanumeric() => {
            let second = chars
                .next()
                .filter(char::is_ascii_alphanumeric)
                .unwrap_or('_');
            format!("{first}{second}")
        }
        _ => "_".to_string(),
    }
}

/// One searchable document.
#[derive(Clone)]
struct SearchDoc {
    url: String,
    title: String,
    summary: String,
    kind: String,
    body: String,
}

/// One shard: words → stems, and stems → flat postings, sorted (the
/// fields in the order of their names).
#[derive(Default, serde::Serialize)]
struct Shard<'a> {
    stems: BTreeMap<&'a str, Postings<'a>>,
    words: BTreeMap<&'a str, &'a str>,
}

/// The postings of a stem, written flat: document, weight, document…
struct Postings<'a>(&'a BTreeMap<usize, u32>);

impl serde::Serialize for Postings<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().flat_map(|(d, w)| [*d as u32, *w]))
    }
}

/// The index of one language, before it is split into files.
#[derive(Default)]
struct Index {
    /// The words of the result list.
    ui: UiWords,
    docs: Vec<(String, String, String, String)>,
    /// word → stem
    words: BTreeMap<String, String>,
    /// stem → doc → weight
    postings: BTreeMap<String, BTreeMap<usize, u32>>,
}

impl Index {
    /// Indexes `docs`: words are counted per document in parallel, each
    /// distinct word is stemmed once, then the postings are filled.
    #[cfg(test)]
    fn build(docs: Vec<SearchDoc>, stemmer: Option<&Stemmer>) -> Index {
        let per_doc: Vec<HashMap<String, u32>> = docs.par_iter().map(weights).collect();
        Index::from_weights(&docs, &per_doc, stemmer)
    }

    /// The index of `docs`, whose words and weights are `per_doc`.
    fn from_weights(
        docs: &[SearchDoc],
        per_doc: &[HashMap<String, u32>],
        stemmer: Option<&Stemmer>,
    ) -> Index {
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
        let mut postings: HashMap<&str, BTreeMap<usize, u32>> = HashMap::new();
        for (n, counts) in per_doc.iter().enumerate() {
            for (word, weight) in counts {
                let stem = stems[word.as_str()].1.as_str();
                *postings.entry(stem).or_default().entry(n).or_default() += weight;
            }
        }
        index.postings = postings
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        index.docs = docs.iter().map(Index::shown).collect();
        index
    }

    /// What the result of `d` shows: address, title, start of the summary, kind.
    fn shown(d: &SearchDoc) -> (String, String, String, String) {
        (
            d.url.clone(),
            d.title.clone(),
            snippet(&d.summary),
            d.kind.clone(),
        )
    }

    /// The shard a word or stem belongs to: see [`shard_of`].
    fn shard(word: &str) -> String {
        shard_of(word)
    }

    fn files(&self, lang: &str) -> Vec<OutputFile> {
        let mut letters: BTreeSet<String> = self.words.keys().map(|w| Self::shard(w)).collect();
        letters.extend(self.postings.keys().map(|s| Self::shard(s)));
        let mut out = vec![self.docs_file(lang), self.ui.file(lang)];
        out.extend(letters.iter().filter_map(|l| self.shard_file(lang, l)));
        out
    }

    /// `search/<lang>/docs.json`: what each result shows.
    fn docs_file(&self, lang: &str) -> OutputFile {
        let docs: Vec<Value> = self
            .docs
            .iter()
            .map(|(u, t, s, k)| json!({"u": u, "t": t, "s": s, "k": k}))
            .collect();
        OutputFile::new(
            format!("search/{lang}/docs.json"),
            compact(&Value::Array(docs)),
            format!("search index ({lang})"),
        )
    }

    /// The path of the shard `letter` of `lang`.
    fn shard_path(lang: &str, letter: &str) -> String {
        format!("search/{lang}/{letter}.json")
    }

    /// The shard of the words and stems that start with `letter`, or `None`
    /// when there are none.
    fn shard_file(&self, lang: &str, letter: &str) -> Option<OutputFile> {
        let mut shard = Shard::default();
        for (word, stem) in in_letter(&self.words, letter) {
            shard.words.insert(word, stem);
        }
        for (stem, docs) in in_letter(&self.postings, letter) {
            shard.stems.insert(stem, Postings(docs));
        }
        if shard.words.is_empty() && shard.stems.is_empty() {
            return None;
        }
        Some(OutputFile::new(
            Self::shard_path(lang, letter),
            serde_json::to_vec(&shard).unwrap_or_default(),
            format!("search index ({lang})"),
        ))
    }
}

/// The entries of `map` whose keys belong to the shard `letter` (see
/// [`Index::shard`]): keys that start with the same ASCII characters are
/// together in the map, so only the shard `_` reads all of it.
fn in_letter<'a, V>(
    map: &'a BTreeMap<String, V>,
    letter: &'a str,
) -> Box<dyn Iterator<Item = (&'a String, &'a V)> + 'a> {
    let after = |prefix: &[u8]| -> String {
        let mut end = prefix.to_vec();
        if let Some(last) = end.last_mut() {
            *last += 1;
        }
        String::from_utf8_lossy(&end).into_owned()
    };
    match letter.as_bytes() {
        [a, b] if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() => {
            Box::new(map.range(letter.to_string()..after(letter.as_bytes())))
        }
        [a, b'_'] if a.is_ascii_alphanumeric() => Box::new(
            map.range(char::from(*a).to_string()..after(&[*a]))
                .filter(move |(k, _)| Index::shard(k) == letter),
        ),
        _ => Box::new(map.iter().filter(move |(k, _)| Index::shard(k) == letter)),
    }
}

/// The search index of every language, kept by `serve` between rebuilds so
/// that a change of one document's text rewrites only the shards whose
/// words or stems it changes (and the list of documents when what a result
/// shows changed). The files it gives are byte for byte those of a full
/// build.
pub(crate) struct LiveIndex {
    langs: BTreeMap<String, LiveLanguage>,
}

/// The live index of one language.
struct LiveLanguage {
    index: Index,
    stemmer: Option<Stemmer>,
    /// Each document's position, by address.
    positions: HashMap<String, usize>,
    /// The documents, as indexed (to take their words out again).
    docs: Vec<SearchDoc>,
    /// Folded word → each lowercase spelling of it → how many documents have it.
    spellings: HashMap<String, BTreeMap<String, u32>>,
}

/// What [`LiveIndex::update`] gives: the files to write and the paths of
/// shards that no longer exist.
#[derive(Default)]
pub(crate) struct SearchChanges {
    /// Files to write.
    pub(crate) files: Vec<OutputFile>,
    /// Files to remove.
    pub(crate) removed: Vec<String>,
}

impl LiveIndex {
    /// The index of `site`, as a full build makes it.
    pub(crate) fn build(site: &Site) -> LiveIndex {
        let langs = site
            .config
            .languages
            .par_iter()
            .map(|lang| {
                let stemmer = stemmer(lang);
                let docs = documents(site, lang);
                let mut spellings: HashMap<String, BTreeMap<String, u32>> = HashMap::new();
                let per_doc: Vec<HashMap<String, u32>> = docs.iter().map(weights).collect();
                for counts in &per_doc {
                    for w in counts.keys() {
                        *spellings
                            .entry(fold(w))
                            .or_default()
                            .entry(w.clone())
                            .or_default() += 1;
                    }
                }
                let positions = docs
                    .iter()
                    .enumerate()
                    .map(|(n, d)| (d.url.clone(), n))
                    .collect();
                let mut index = Index::from_weights(&docs, &per_doc, stemmer.as_ref());
                index.ui = UiWords::of(site, lang);
                let live = LiveLanguage {
                    index,
                    stemmer,
                    positions,
                    docs,
                    spellings,
                };
                (lang.clone(), live)
            })
            .collect();
        LiveIndex { langs }
    }

    /// Every file of the index.
    pub(crate) fn files(&self) -> Vec<OutputFile> {
        self.langs
            .iter()
            .flat_map(|(lang, live)| live.index.files(lang))
            .collect()
    }

    /// Takes the cases `cases` (id, language) of `site` into the index
    /// again; `None` when one of them is not in the index yet (then only a
    /// full rebuild of the index is right).
    pub(crate) fn update_cases(
        &mut self,
        site: &Site,
        cases: &BTreeSet<(String, String)>,
    ) -> Option<SearchChanges> {
        let mut changes = SearchChanges::default();
        for (lang, live) in &mut self.langs {
            let mut letters = BTreeSet::new();
            let mut docs_changed = false;
            for (id, _) in cases.iter().filter(|(_, l)| l == lang) {
                let doc = site.content.cases.get(id)?.get(lang)?;
                let new = case_document(site, lang, doc);
                let n = *live.positions.get(&new.url)?;
                let (touched, shown) = live.replace(n, new);
                letters.extend(touched);
                docs_changed |= shown;
            }
            if docs_changed {
                changes.files.push(live.index.docs_file(lang));
            }
            for letter in letters {
                match live.index.shard_file(lang, &letter) {
                    Some(f) => changes.files.push(f),
                    None => changes.removed.push(Index::shard_path(lang, &letter)),
                }
            }
        }
        Some(changes)
    }
}

impl LiveLanguage {
    /// Puts `new` in the place of document `n`: the shard letters whose
    /// words or stems changed, and whether what its result shows changed.
    fn replace(&mut self, n: usize, new: SearchDoc) -> (BTreeSet<String>, bool) {
        let old = weights(&self.docs[n]);
        let current = weights(&new);
        let mut letters = BTreeSet::new();
        let mut folded = BTreeSet::new();
        let words: BTreeSet<&String> = old.keys().chain(current.keys()).collect();
        for w in words {
            let (before, after) = (
                old.get(w).copied().unwrap_or(0),
                current.get(w).copied().unwrap_or(0),
            );
            if before == after {
                continue;
            }
            let stem = stem_of(w, self.stemmer.as_ref());
            let postings = self.index.postings.entry(stem.clone()).or_default();
            let weight = postings.get(&n).copied().unwrap_or(0) + after - before;
            if weight == 0 {
                postings.remove(&n);
            } else {
                postings.insert(n, weight);
            }
            if postings.is_empty() {
                self.index.postings.remove(&stem);
            }
            letters.insert(Index::shard(&stem));
            if (before == 0) != (after == 0) {
                let f = fold(w);
                let spellings = self.spellings.entry(f.clone()).or_default();
                if after == 0 {
                    if let Some(count) = spellings.get_mut(w.as_str()) {
                        *count -= 1;
                        if *count == 0 {
                            spellings.remove(w.as_str());
                        }
                    }
                } else {
                    *spellings.entry(w.clone()).or_default() += 1;
                }
                folded.insert(f);
            }
        }
        for f in folded {
            let first = self
                .spellings
                .get(&f)
                .and_then(|s| s.keys().next().cloned());
            let entry = first.map(|w| stem_of(&w, self.stemmer.as_ref()));
            if entry.is_none() {
                self.spellings.remove(&f);
            }
            if self.index.words.get(&f) != entry.as_ref() {
                match entry {
                    Some(stem) => self.index.words.insert(f.clone(), stem),
                    None => self.index.words.remove(&f),
                };
                letters.insert(Index::shard(&f));
            }
        }
        let shown = Index::shown(&new);
        let changed = self.index.docs[n] != shown;
        self.index.docs[n] = shown;
        self.docs[n] = new;
        (letters, changed)
    }
}

/// The start of `text` shown in a result: whole when short, else cut at the
/// last space within [`SUMMARY_CHARS`] characters, with an ellipsis.
pub(crate) fn snippet(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= SUMMARY_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(SUMMARY_CHARS).collect();
    let head = match cut.rfind(char::is_whitespace) {
        Some(i) if i > 0 => &cut[..i],
        _ => cut.as_str(),
    };
    let head = head.trim_end_matches(|c: char| !c.is_alphanumeric());
    format!("{head}…")
}

/// The words the search page writes with its results, per language:
/// `search/<lang>/words.json`.
#[derive(Default, Clone, serde::Serialize)]
struct UiWords {
    /// The count of results when the language's plural rule says "one"
    /// (`{n}` is the number).
    one: String,
    /// The count otherwise.
    other: String,
    /// The short name of the Sustainable Development Goals (`ODS`, `SDG`).
    sdg: String,
}

impl UiWords {
    fn of(site: &Site, lang: &str) -> UiWords {
        let strings = site.theme.i18n.strings(lang);
        UiWords {
            one: strings.get("search_count_one").to_string(),
            other: strings.get("search_count").to_string(),
            sdg: strings.get("sdg_short").to_string(),
        }
    }

    fn file(&self, lang: &str) -> OutputFile {
        OutputFile::new(
            format!("search/{lang}/words.json"),
            serde_json::to_vec(self).unwrap_or_default(),
            format!("search index ({lang})"),
        )
    }
}

/// The word an SDG is indexed under, in every language: `sdg11`. The search
/// page reads "ODS 11", "SDG 11", "sdg11" as this word.
fn sdg_token(n: u8) -> String {
    format!("sdg{n}")
}

/// What is indexed of the SDGs `sdgs`: their words and their names in `lang`.
fn sdg_text(site: &Site, lang: &str, sdgs: &[u8]) -> String {
    let strings = site.theme.i18n.strings(lang);
    sdgs.iter()
        .map(|n| format!("{} {}", sdg_token(*n), strings.get(&format!("sdg_{n}"))))
        .collect::<Vec<_>>()
        .join(" ")
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
            let docs = documents(site, lang);
            let per_doc: Vec<HashMap<String, u32>> = docs.par_iter().map(weights).collect();
            let mut index = Index::from_weights(&docs, &per_doc, stemmer(lang).as_ref());
            index.ui = UiWords::of(site, lang);
            index.files(lang)
        })
        .collect()
}

/// What is searchable of the case `doc`, in its language `lang`.
fn case_document(
    site: &Site,
    lang: &str,
    doc: &crate::content::Document<crate::content::CaseMeta>,
) -> SearchDoc {
    let m = &doc.meta;
    let extra = format!(
        "{} {} {} {}",
        m.city,
        m.actors.join(" "),
        m.lessons.join(" "),
        sdg_text(site, lang, &m.sdgs)
    );
    SearchDoc {
        url: site
            .routes
            .doc(Kind::Case, &doc.id, lang)
            .map(|r| r.url.clone())
            .unwrap_or_default(),
        title: m.title.clone(),
        summary: m.summary.clone(),
        kind: site.theme.i18n.strings(lang).get("search_kind_case").into(),
        body: format!("{extra} {}", markdown_text(doc.body())),
    }
}

/// Everything searchable in `lang`: cases, pages, indicators, agreements,
/// actions and reports that exist in that language, and the practices of a
/// network's members (in their own words when not translated). Cases, indicators,
/// agreements and actions carry their SDGs as `sdg<n>` and the goals' names.
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
        out.push(case_document(site, lang, doc));
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
                "{} {} {} {}",
                text(&ind.category),
                text(&ind.method),
                text(&ind.sources),
                sdg_text(site, lang, &ind.sdgs)
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
                "{} {} {}",
                a.partner.get(lang),
                a.approved_by.clone().unwrap_or_default(),
                sdg_text(site, lang, &a.sdgs)
            ),
        });
    }
    for a in site.content.actions.values() {
        let country = strings
            .get(&format!("country_{}", a.place.country))
            .to_string();
        out.push(SearchDoc {
            url: url(Kind::Action, &a.id),
            title: text(&a.title),
            summary: text(&a.summary),
            kind: strings.get("search_kind_action").into(),
            body: format!(
                "{} {} {} {} {} {}",
                a.place.city.get(lang),
                country,
                a.participants.join(" "),
                a.funded_by.as_ref().map_or("", |n| n.get(lang)),
                a.results.as_ref().map(text).unwrap_or_default(),
                sdg_text(site, lang, &a.sdgs)
            ),
        });
    }
    if let Some(portal) = &site.portal {
        for i in 0..portal.practices.len() {
            let (m, case) = portal.practice(i);
            let (_, t) = portal.text(i, lang);
            let sdgs: Vec<u8> = case.sdgs.iter().map(|s| s.0).collect();
            out.push(SearchDoc {
                url: crate::routes::network_practice(&site.config, lang, &m.member.id, &case.id)
                    .url,
                title: t.title.clone(),
                summary: t.summary.clone(),
                kind: strings.get("search_kind_practice").into(),
                body: format!(
                    "{} {} {} {} {} {} {}",
                    t.city,
                    m.member.name,
                    strings.get(&format!("country_{}", case.country)),
                    t.actors.join(" "),
                    t.lessons.join(" "),
                    t.partners.join(" "),
                    sdg_text(site, lang, &sdgs)
                ),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_end_at_a_word_with_an_ellipsis() {
        assert_eq!(snippet("Short text."), "Short text.");
        let long = "palabra ".repeat(40);
        let cut = snippet(&long);
        assert!(cut.ends_with("palabra…"), "{cut}");
        assert!(cut.chars().count() <= SUMMARY_CHARS + 1);
        let commas = format!("{}, más", "a".repeat(SUMMARY_CHARS - 3));
        assert_eq!(
            snippet(&commas),
            format!("{}…", "a".repeat(SUMMARY_CHARS - 3))
        );
    }

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
        assert_eq!(index.postings[stem][&0], TITLE + BODY);
    }

    #[test]
    fn english_stems_join_word_forms() {
        let en = stemmer("en").unwrap();
        assert_eq!(en.stem("twinning"), en.stem("twinned"));
        assert_eq!(en.stem("agreements"), en.stem("agreement"));
    }

    #[test]
    fn shards_split_by_first_two_letters() {
        let index = Index::build(
            vec![SearchDoc {
                url: "/a/".into(),
                title: "Alfa alto beta".into(),
                summary: "Ñu a1 ψx".into(),
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
                "search/es/words.json",
                "search/es/_.json",
                "search/es/a1.json",
                "search/es/al.json",
                "search/es/be.json",
                "search/es/nu.json"
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
        assert_eq!(index.postings["red"][&0], BODY_CAP);
    }

    fn doc(url: &str, title: &str, body: &str) -> SearchDoc {
        SearchDoc {
            url: url.into(),
            title: title.into(),
            summary: String::new(),
            kind: "k".into(),
            body: body.into(),
        }
    }

    #[test]
    fn replacing_a_document_gives_the_index_a_full_build_gives() {
        let es = || stemmer("es");
        let before = vec![
            doc("/a/", "Cooperación", "ciudades cooperaciones Ñandú"),
            doc("/b/", "Ciudad", "ciudad ciudades zorro"),
        ];
        let after = vec![
            doc("/a/", "Cooperación", "ciudades Cooperaciones árbol"),
            doc("/b/", "Ciudad", "ciudad ciudades zorro"),
        ];
        let weights_of = |d: &[SearchDoc]| d.iter().map(weights).collect::<Vec<_>>();
        let mut spellings: HashMap<String, BTreeMap<String, u32>> = HashMap::new();
        for counts in weights_of(&before) {
            for w in counts.keys() {
                *spellings
                    .entry(fold(w))
                    .or_default()
                    .entry(w.clone())
                    .or_default() += 1;
            }
        }
        let mut live = LiveLanguage {
            index: Index::from_weights(&before, &weights_of(&before), es().as_ref()),
            stemmer: es(),
            positions: HashMap::new(),
            docs: before,
            spellings,
        };
        let (letters, shown) = live.replace(0, after[0].clone());
        let full = Index::from_weights(&after, &weights_of(&after), es().as_ref());
        assert_eq!(live.index.words, full.words);
        assert_eq!(live.index.postings, full.postings);
        assert!(!shown, "title and summary are the same");
        // "ñandu" went, "arbol" came, the weight of "cooper…" stayed.
        assert_eq!(
            letters,
            BTreeSet::from(["ar".to_string(), "na".to_string()])
        );
        let files = |i: &Index| {
            i.files("es")
                .into_iter()
                .map(|f| (f.path, f.bytes))
                .collect::<Vec<_>>()
        };
        assert_eq!(files(&live.index), files(&full));
    }
}

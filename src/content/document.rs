//! The shape every Markdown content type shares: a document per language,
//! translations grouped in an entry, entries grouped in a collection.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::markdown::Heading;

/// One Markdown file: one content item in one language.
#[derive(Debug, Clone)]
pub struct Document<M> {
    /// The identity shared by all translations: the file name before `.<lang>.md`.
    pub id: String,
    /// The language of this file.
    pub lang: String,
    /// The file, relative to the site root (`content/cases/lima.es.md`).
    pub source: PathBuf,
    /// The URL slug in this language (front matter `slug`, else the id).
    pub slug: String,
    /// Whether the file is marked `draft: true`.
    pub draft: bool,
    /// The fields particular to the content type.
    pub meta: M,
    /// The whole text of the file (for positions and snippets).
    pub text: String,
    /// Byte offset where the Markdown body starts in `text`.
    pub body_offset: usize,
    /// The body rendered to HTML (filled in by the derive step).
    pub html: String,
    /// The body's headings, in order (filled in by the derive step).
    pub headings: Vec<Heading>,
}

impl<M> Document<M> {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }
}

/// All translations of one content item, by language.
#[derive(Debug, Clone)]
pub struct Entry<M> {
    /// The identity shared by the translations.
    pub id: String,
    /// The documents, keyed by language code.
    pub docs: BTreeMap<String, Document<M>>,
}

impl<M> Entry<M> {
    /// The document in `lang`, if that translation exists.
    pub fn get(&self, lang: &str) -> Option<&Document<M>> {
        self.docs.get(lang)
    }

    /// The document in `lang`, else the first of `fallbacks` that exists.
    pub fn get_or_fallback(&self, lang: &str, fallbacks: &[String]) -> Option<&Document<M>> {
        self.docs
            .get(lang)
            .or_else(|| fallbacks.iter().find_map(|l| self.docs.get(l)))
    }
}

/// Every entry of one content type, by id (so iteration order is stable).
#[derive(Debug, Clone)]
pub struct Collection<M> {
    /// The entries, keyed by id.
    pub entries: BTreeMap<String, Entry<M>>,
}

impl<M> Default for Collection<M> {
    fn default() -> Self {
        Collection {
            entries: BTreeMap::new(),
        }
    }
}

impl<M> Collection<M> {
    /// Adds a document to the entry of its id.
    pub fn insert(&mut self, doc: Document<M>) {
        self.entries
            .entry(doc.id.clone())
            .or_insert_with(|| Entry {
                id: doc.id.clone(),
                docs: BTreeMap::new(),
            })
            .docs
            .insert(doc.lang.clone(), doc);
    }

    /// The entry with `id`.
    pub fn get(&self, id: &str) -> Option<&Entry<M>> {
        self.entries.get(id)
    }

    /// Every document of every entry.
    pub fn documents(&self) -> impl Iterator<Item = &Document<M>> {
        self.entries.values().flat_map(|e| e.docs.values())
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

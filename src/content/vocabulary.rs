//! `content/vocabulary.yaml`: the translated labels of the theme ids that
//! cases, agreements and actions use.
//!
//! ```yaml
//! themes:
//!   city-networks:
//!     label: { es: "Redes de ciudades", en: "City networks" }
//!     description: { es: "…", en: "…" }
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_yaml::Value;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::yaml::model::{Field, Kind};
use crate::yaml::{self, child_key, describe, scalar_text, LangText, Reader};

/// The fields of one theme.
const TERM_FIELDS: &[Field] = &[
    Field::required(
        "label",
        Kind::Texts(&Kind::Line),
        "The theme's name, in each language.",
    ),
    Field::optional(
        "description",
        Kind::Texts(&Kind::Paragraph),
        "A sentence that explains it, in each language.",
    ),
];

/// The fields of `content/vocabulary.yaml`.
pub const FIELDS: &[Field] = &[Field::optional(
    "themes",
    Kind::Keyed(TERM_FIELDS),
    "The themes, each under its id (written like `city-networks`).",
)
.words("taxonomy_themes")];

/// The file's name, directly under `content/`.
pub const VOCABULARY_FILE: &str = "vocabulary.yaml";

/// A term of the vocabulary.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// Its label per language.
    pub label: LangText,
    /// A sentence that explains it, per language.
    pub description: Option<LangText>,
}

/// The site's vocabulary.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// Theme terms, by id.
    pub themes: BTreeMap<String, Term>,
    /// Whether the site has a vocabulary file at all.
    pub present: bool,
}

/// Reads `content/vocabulary.yaml` under `root`, if there is one.
pub fn load(root: &Path, languages: &[String], diags: &mut Diagnostics) -> Vocabulary {
    let rel = PathBuf::from(crate::content::files::CONTENT_DIR).join(VOCABULARY_FILE);
    let abs = root.join(&rel);
    if !abs.is_file() {
        return Vocabulary::default();
    }
    let text = match crate::text::read_source(&abs, &rel) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return Vocabulary::default();
        }
    };
    let (vocabulary, _) = parse(&rel, &text, languages, diags);
    vocabulary
}

/// Reads the text of a vocabulary file `rel`; also returns the paths of the
/// fields read (e.g. `themes.city-networks.label`), for tests that try every
/// one of them.
pub fn parse(
    rel: &Path,
    text: &str,
    languages: &[String],
    diags: &mut Diagnostics,
) -> (Vocabulary, Vec<String>) {
    let doc = match yaml::parse(text, 0) {
        Ok(d) => d,
        Err(e) => {
            diags.push(
                Diagnostic::error(rel, e.message)
                    .at(e.position)
                    .with_source(text)
                    .help(e.help),
            );
            return (Vocabulary::default(), Vec::new());
        }
    };
    let tables = [FIELDS];
    let reader = Reader::new(rel, text, &doc, languages).with_fields(&tables);
    let mut vocabulary = Vocabulary {
        present: true,
        ..Vocabulary::default()
    };
    if let Some(mut root_map) = reader.root() {
        if let Some(themes) = root_map.raw("themes") {
            match themes {
                Value::Mapping(map) => {
                    for (k, v) in map {
                        let id = scalar_text(k).unwrap_or_default();
                        let path = child_key("themes", &id);
                        if let Err(e) = crate::slug::validate(&id) {
                            reader.report(
                                Diagnostic::error(rel, format!("the theme id \"{id}\" cannot be used: {}", e.message)),
                                reader.key_position(&path),
                                Some("ids are written like `city-networks`".into()),
                            );
                            continue;
                        }
                        let Some(mut m) = reader.mapping(v, &path) else { continue };
                        let label = m.required::<LangText>("label");
                        let description = m.optional::<LangText>("description");
                        m.finish();
                        if let Some(label) = label {
                            vocabulary.themes.insert(id, Term { label, description });
                        }
                    }
                }
                other => reader.error("themes", format!("`themes` must list theme ids with their labels, not {}", describe(other)), Some("write `themes:` then, indented, `city-networks: { label: { es: \"…\", en: \"…\" } }`".into())),
            }
        }
        root_map.finish();
    }
    let fields = reader.asked_fields();
    diags.extend(reader.into_diagnostics());
    (vocabulary, fields)
}

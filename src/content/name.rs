//! A name of the registry (a partner, a counterpart, a city body, the city
//! of an action) written once for every language (`partner: "Alcaldía de
//! Medellín"`) or per language (`city: { es: Bruselas, en: Brussels }`).
//!
//! A name written per language must give the site's default language: a
//! page in a language the name lacks shows the default language's name,
//! marked as being in that language.

use std::collections::BTreeMap;

use serde_yaml::Value;

use crate::diagnostics::{closest, Diagnostic};
use crate::yaml::{child_key, describe, scalar_text, FromYaml, Reader};

/// A name written once, or once per language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Name {
    /// The same name in every language.
    Once(String),
    /// One name per language; always has the default language's.
    PerLanguage {
        /// The site's default language (whose name is always given).
        default: String,
        /// The names, by language code.
        names: BTreeMap<String, String>,
    },
}

/// A name as a page in one language shows it: the text, and the language
/// it is in when that is not the page's (a name missing in the page's
/// language, shown in the default language).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown<'a> {
    /// The name.
    pub text: &'a str,
    /// The language of `text` when it differs from the page's, else None.
    pub lang: Option<&'a str>,
}

impl Name {
    /// The name for a reader of `lang`: the one written in `lang`, else the
    /// default language's (the name written once, for a name written once).
    pub fn get(&self, lang: &str) -> &str {
        self.shown(lang).text
    }

    /// The name in the site's default language (the name written once, for
    /// a name written once): what the open data's columns and a report
    /// written in a language the name lacks give.
    pub fn default_name(&self) -> &str {
        match self {
            Name::Once(text) => text,
            Name::PerLanguage { default, names } => {
                names.get(default).map(String::as_str).unwrap_or_default()
            }
        }
    }

    /// The name for a page in `lang`, with its language when it falls back
    /// to the default language's.
    pub fn shown(&self, lang: &str) -> Shown<'_> {
        match self {
            Name::Once(text) => Shown { text, lang: None },
            Name::PerLanguage { default, names } => match names.get(lang) {
                Some(text) => Shown { text, lang: None },
                None => Shown {
                    text: self.default_name(),
                    lang: Some(default.as_str()),
                },
            },
        }
    }

    /// The name written in `lang` itself, if any (no fallback): for a name
    /// written once, that name.
    pub fn written_in(&self, lang: &str) -> Option<&str> {
        match self {
            Name::Once(text) => Some(text),
            Name::PerLanguage { names, .. } => names.get(lang).map(String::as_str),
        }
    }

    /// True when the name is written per language.
    pub fn is_per_language(&self) -> bool {
        matches!(self, Name::PerLanguage { .. })
    }
}

impl FromYaml for Name {
    const EXAMPLE: &'static str = "\"Bruselas\" or { es: \"Bruselas\", en: \"Brussels\" }";
    fn from_yaml(reader: &Reader<'_>, path: &str, value: &Value) -> Option<Self> {
        let langs = reader.languages();
        let default = langs.first().cloned().unwrap_or_default();
        let example = langs
            .iter()
            .map(|l| format!("{l}: \"…\""))
            .collect::<Vec<_>>()
            .join(", ");
        let Value::Mapping(map) = value else {
            if scalar_text(value).is_none() {
                reader.error(
                    path,
                    format!(
                        "`{path}` must be a name, not {}",
                        describe(value)
                    ),
                    Some(format!(
                        "write the name once, between quotes (`\"…\"`), or once per language as {{ {example} }}"
                    )),
                );
                return None;
            }
            return String::from_yaml(reader, path, value).map(Name::Once);
        };
        let mut names = BTreeMap::new();
        let mut sound = true;
        for (k, v) in map {
            let lang = scalar_text(k).unwrap_or_default();
            let sub = child_key(path, &lang);
            if !langs.contains(&lang) {
                let advice = match closest(&lang, langs.iter().map(String::as_str)) {
                    Some(near) => format!(
                        "did you mean `{near}`? The site's languages (site.toml) are: {}",
                        langs.join(", ")
                    ),
                    None => format!(
                        "write the name in the site's languages (site.toml): {}",
                        langs.join(", ")
                    ),
                };
                reader.report(
                    Diagnostic::error(
                        reader.file(),
                        format!(
                            "`{path}` has a name in `{lang}`, which is not a language of this site"
                        ),
                    ),
                    reader.key_position(&sub),
                    Some(advice),
                );
                sound = false;
                continue;
            }
            if v.is_mapping() || v.is_sequence() || scalar_text(v).is_none() {
                reader.error(
                    &sub,
                    format!("`{sub}` must be a name, not {}", describe(v)),
                    Some(format!(
                        "write the name in `{lang}` between quotes: `{lang}: \"…\"`"
                    )),
                );
                sound = false;
                continue;
            }
            match String::from_yaml(reader, &sub, v) {
                Some(text) => {
                    names.insert(lang, text.trim().to_string());
                }
                None => sound = false,
            }
        }
        if !map.contains_key(default.as_str()) {
            reader.error(
                path,
                format!("`{path}` is written per language but has no name in `{default}`, the site's default language"),
                Some(format!(
                    "add `{default}: \"…\"` to it (pages in a language without its own name show the `{default}` one), or write the name once, between quotes, if it is the same in every language"
                )),
            );
            return None;
        }
        (sound && !names.is_empty()).then_some(Name::PerLanguage { default, names })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(yaml: &str) -> (Option<Name>, Vec<String>) {
        let doc = crate::yaml::parse(yaml, 0).unwrap();
        let languages = vec!["es".to_string(), "en".to_string()];
        let reader =
            crate::yaml::Reader::new(std::path::Path::new("x.yaml"), yaml, &doc, &languages);
        let mut map = reader.root().unwrap();
        let name = map
            .raw("city")
            .and_then(|v| Name::from_yaml(&reader, "city", v));
        drop(map);
        let messages = reader
            .into_diagnostics()
            .into_iter()
            .map(|d| d.message)
            .collect();
        (name, messages)
    }

    #[test]
    fn a_name_written_once_is_the_same_in_every_language() {
        let (name, problems) = read("city: Lima\n");
        let name = name.unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(name.get("en"), "Lima");
        assert_eq!(name.shown("en").lang, None);
        assert_eq!(name.default_name(), "Lima");
    }

    #[test]
    fn a_missing_language_falls_back_to_the_default_marked() {
        let (name, problems) = read("city: { es: Bruselas }\n");
        assert!(problems.is_empty(), "{problems:?}");
        let name = name.unwrap();
        assert_eq!(
            name.shown("en"),
            Shown {
                text: "Bruselas",
                lang: Some("es")
            }
        );
        assert_eq!(name.shown("es").lang, None);
        let (name, _) = read("city: { es: Bruselas, en: Brussels }\n");
        assert_eq!(name.unwrap().get("en"), "Brussels");
    }

    #[test]
    fn wrong_names_are_errors() {
        for (yaml, expected) in [
            ("city: { es: Bruselas, eng: Brussels }\n", "did not matter"),
            ("city: { en: Brussels }\n", "default language"),
            ("city: { es: \"\" }\n", "is empty"),
            ("city: { es: [a] }\n", "must be a name"),
            ("city: [a]\n", "must be a name"),
        ] {
            let (name, problems) = read(yaml);
            assert!(name.is_none(), "{yaml}");
            assert!(!problems.is_empty(), "{yaml}");
            if expected != "did not matter" {
                assert!(
                    problems.iter().any(|p| p.contains(expected)),
                    "{yaml}: {problems:?}"
                );
            }
        }
    }
}

//! Typed access to YAML mappings that reports every problem with its position.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use serde_yaml::{Mapping, Value};

use super::model::{fields_at, Field, Need};
use super::spans::{child_index, child_key};
use super::Document;
use crate::diagnostics::{closest, Diagnostic, Position};

/// Reads one YAML document of one file and collects its diagnostics.
pub struct Reader<'a> {
    file: &'a Path,
    source: &'a str,
    doc: &'a Document,
    languages: &'a [String],
    diagnostics: RefCell<Vec<Diagnostic>>,
    asked: RefCell<Vec<String>>,
    tables: &'a [&'static [Field]],
}

impl<'a> Reader<'a> {
    /// A reader over `doc`, which was parsed out of `source`, the text of
    /// `file`. `languages` are the site's languages, for per-language texts.
    pub fn new(
        file: &'a Path,
        source: &'a str,
        doc: &'a Document,
        languages: &'a [String],
    ) -> Self {
        Reader {
            file,
            source,
            doc,
            languages,
            diagnostics: RefCell::new(Vec::new()),
            asked: RefCell::new(Vec::new()),
            tables: &[],
        }
    }

    /// The same reader, checking what the loaders read against the declared
    /// fields of this kind of file (see [`super::model`]): in debug builds,
    /// asking for a field the tables do not declare, or reading it as
    /// required when they say optional (or the other way round), panics.
    pub fn with_fields(mut self, tables: &'a [&'static [Field]]) -> Self {
        self.tables = tables;
        self
    }

    /// Every field path the loaders asked for, sorted: the fields this kind
    /// of file can have (nested ones only where their parent is written).
    pub fn asked_fields(&self) -> Vec<String> {
        let mut all = self.asked.borrow().clone();
        all.sort();
        all.dedup();
        all
    }

    /// The site's languages.
    pub fn languages(&self) -> &[String] {
        self.languages
    }

    /// The file being read.
    pub fn file(&self) -> &Path {
        self.file
    }

    /// Position of the value at `path`, or of the nearest enclosing value.
    pub fn position(&self, path: &str) -> Option<Position> {
        let mut p = path;
        loop {
            if let Some(pos) = self.doc.spans.value(p) {
                return Some(pos);
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return self.doc.spans.value(""),
            }
        }
    }

    /// Position of the key that introduces `path`.
    pub fn key_position(&self, path: &str) -> Option<Position> {
        self.doc.spans.key(path).or_else(|| self.position(path))
    }

    /// Records an error about the value at `path`.
    pub fn error(&self, path: &str, message: impl Into<String>, help: Option<String>) {
        self.report(
            Diagnostic::error(self.file, message),
            self.position(path),
            help,
        );
    }

    /// Records a warning about the value at `path`.
    pub fn warning(&self, path: &str, message: impl Into<String>, help: Option<String>) {
        self.report(
            Diagnostic::warning(self.file, message),
            self.position(path),
            help,
        );
    }

    /// Records a diagnostic at a known position.
    pub fn report(&self, mut d: Diagnostic, position: Option<Position>, help: Option<String>) {
        d = d.at(position).with_source(self.source);
        d.help = help;
        self.diagnostics.borrow_mut().push(d);
    }

    /// A reader for the mapping at the root of the document.
    pub fn root(&self) -> Option<MapReader<'_, 'a>> {
        self.mapping(&self.doc.value, "")
    }

    /// A reader for `value`, which must be a mapping, found at `path`.
    pub fn mapping<'r, 'v>(&'r self, value: &'v Value, path: &str) -> Option<MapReader<'r, 'v>>
    where
        'a: 'r,
    {
        match value {
            Value::Mapping(map) => Some(MapReader {
                reader: self,
                map,
                path: path.to_string(),
                known: Vec::new(),
                declared: if self.tables.is_empty() {
                    None
                } else {
                    fields_at(self.tables, path)
                },
            }),
            Value::Null if path.is_empty() => {
                self.error(
                    path,
                    "this file has no fields",
                    Some(
                        "write at least the required fields, one per line as `name: value`".into(),
                    ),
                );
                None
            }
            other => {
                let what = if path.is_empty() {
                    "the file".to_string()
                } else {
                    format!("`{path}`")
                };
                self.error(
                    path,
                    format!(
                        "{what} must be a set of `name: value` fields, not {}",
                        describe(other)
                    ),
                    None,
                );
                None
            }
        }
    }

    /// The collected diagnostics.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics.into_inner()
    }

    /// True when an error was recorded.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.borrow().iter().any(Diagnostic::is_error)
    }
}

/// Reads the fields of one mapping, remembering which keys were asked for so
/// that unknown ones can be reported.
pub struct MapReader<'r, 'v> {
    reader: &'r Reader<'r>,
    map: &'v Mapping,
    path: String,
    known: Vec<&'static str>,
    declared: Option<Vec<&'static Field>>,
}

impl<'r, 'v> MapReader<'r, 'v> {
    /// The reader this mapping belongs to.
    pub fn reader(&self) -> &'r Reader<'r> {
        self.reader
    }

    /// The path of field `key`.
    pub fn path_of(&self, key: &str) -> String {
        child_key(&self.path, key)
    }

    /// Where this mapping starts: its first key, else its value's position.
    fn start(&self) -> Option<Position> {
        self.map
            .keys()
            .next()
            .and_then(scalar_text)
            .and_then(|k| self.reader.doc.spans.key(&child_key(&self.path, &k)))
            .or_else(|| self.reader.position(&self.path))
    }

    /// Checks, in debug builds, that `key` is declared in this mapping's
    /// table and that reading it as `read_as` agrees with the table.
    fn check_declared(&self, key: &str, read_as: Option<Need>) {
        if !cfg!(debug_assertions) {
            return;
        }
        let Some(declared) = &self.declared else {
            if !self.reader.tables.is_empty() {
                panic!(
                    "{}: the mapping at `{}` has no declared fields, yet `{key}` is read in it",
                    self.reader.file.display(),
                    self.path
                );
            }
            return;
        };
        let Some(field) = declared.iter().find(|f| f.name == key) else {
            panic!(
                "{}: the field `{}` is read but not declared in the table of its kind of file",
                self.reader.file.display(),
                self.path_of(key)
            );
        };
        let agrees = match read_as {
            None => true,
            Some(Need::Optional) => field.need != Need::Required,
            Some(_) => field.need != Need::Optional,
        };
        assert!(
            agrees,
            "{}: the field `{}` is read as {:?} but declared {:?}",
            self.reader.file.display(),
            self.path_of(key),
            read_as,
            field.need
        );
    }

    /// The raw value of `key`, if present and not null.
    pub fn raw(&mut self, key: &'static str) -> Option<&'v Value> {
        self.check_declared(key, None);
        self.known.push(key);
        self.reader.asked.borrow_mut().push(self.path_of(key));
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    /// True when `key` is present (even if empty).
    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// A field that must be present.
    pub fn required<T: FromYaml>(&mut self, key: &'static str) -> Option<T> {
        self.check_declared(key, Some(Need::Required));
        let path = self.path_of(key);
        match self.raw(key) {
            Some(Value::String(s)) if s.trim().is_empty() => {
                self.absent(key, T::EXAMPLE);
                None
            }
            Some(v) => T::from_yaml(self.reader, &path, v),
            None => {
                self.absent(key, T::EXAMPLE);
                None
            }
        }
    }

    /// Reports the required field `key` as missing, or as empty when its line
    /// is there, with advice that leads to a valid file (`example` is a value
    /// to show).
    pub fn absent(&self, key: &str, example: &str) {
        self.check_declared(key, Some(Need::Required));
        let path = self.path_of(key);
        let (message, position, help) = if self.has(key) {
            (
                format!("`{path}` is empty, but it is required"),
                self.reader.key_position(&path),
                format!("write a value after `{key}:`, e.g. `{key}: {example}`"),
            )
        } else {
            let place = if self.path.is_empty() {
                String::new()
            } else {
                format!(" in `{}`", self.path)
            };
            (
                format!("the required field `{key}` is missing{place}"),
                self.start(),
                format!("add a line `{key}: {example}`"),
            )
        };
        self.reader.report(
            Diagnostic::error(self.reader.file, message),
            position,
            Some(help),
        );
    }

    /// A field that may be absent; a wrong value is reported and read as absent.
    pub fn optional<T: FromYaml>(&mut self, key: &'static str) -> Option<T> {
        self.check_declared(key, Some(Need::Optional));
        let path = self.path_of(key);
        self.raw(key)
            .and_then(|v| T::from_yaml(self.reader, &path, v))
    }

    /// Reports every key that was never asked for, suggesting the closest
    /// known one.
    pub fn finish(self) {
        for key in self.map.keys() {
            let name = match key {
                Value::String(s) => s.clone(),
                other => scalar_text(other).unwrap_or_else(|| "?".into()),
            };
            if self.known.iter().any(|k| *k == name) {
                continue;
            }
            let path = self.path_of(&name);
            let help = match closest(&name, self.known.iter().copied()) {
                Some(k) => format!(
                    "did you mean `{k}`? Known fields: {}",
                    self.known.join(", ")
                ),
                None => format!("known fields: {}", self.known.join(", ")),
            };
            self.reader.report(
                Diagnostic::warning(
                    self.reader.file,
                    format!("unknown field `{name}` is ignored"),
                ),
                self.reader.key_position(&path),
                Some(help),
            );
        }
    }
}

/// A type that can be read from a YAML value, reporting its own errors.
pub trait FromYaml: Sized {
    /// An example value, used in "add a line" advice.
    const EXAMPLE: &'static str;
    /// Reads `value` found at `path`, or reports why it cannot and returns None.
    fn from_yaml(reader: &Reader<'_>, path: &str, value: &Value) -> Option<Self>;
}

/// Describes a value's type in words an author understands.
pub fn describe(value: &Value) -> String {
    match value {
        Value::Null => "an empty value".into(),
        Value::Bool(b) => format!("the yes/no value `{b}`"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the text \"{}\"", shorten(s)),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a set of `name: value` fields".into(),
        Value::Tagged(t) => format!("a value tagged {}", t.tag),
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_string()
    }
}

/// The text of a scalar (strings, numbers, booleans).
pub fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

impl FromYaml for String {
    const EXAMPLE: &'static str = "\"…\"";
    fn from_yaml(reader: &Reader<'_>, path: &str, value: &Value) -> Option<Self> {
        match scalar_text(value) {
            Some(s) if s.trim().is_empty() => {
                reader.error(
                    path,
                    format!("`{path}` is empty"),
                    Some("write a text between the quotes, or remove the line if the field is optional".into()),
                );
                None
            }
            Some(s) => Some(s),
            None => {
                reader.error(
                    path,
                    format!("`{path}` must be a text, not {}", describe(value)),
                    Some("write it on one line, between quotes if it contains `:` or `#`".into()),
                );
                None
            }
        }
    }
}

impl FromYaml for bool {
    const EXAMPLE: &'static str = "true";
    fn from_yaml(reader: &Reader<'_>, path: &str, value: &Value) -> Option<Self> {
        match value {
            Value::Bool(b) => Some(*b),
            other => {
                reader.error(
                    path,
                    format!("`{path}` must be true or false, not {}", describe(other)),
                    None,
                );
                None
            }
        }
    }
}

impl FromYaml for i64 {
    const EXAMPLE: &'static str = "1";
    fn from_yaml(reader: &Reader<'_>, path: &str, value: &Value) -> Option<Self> {
        match value.as_i64() {
            Some(n) => Some(n),
            None => {
                reader.error(
                    path,
                    format!("`{path}` must be a whole number, not {}", describe(value)),
                    None,
                );
                None
            }
        }
    }
}

impl FromYaml for f64 {
    const EXAMPLE: &'static str = "12.5";
    fn from_yaml(reader: &Reader<'_>, path: &str, value: &Value) -> Option<Self> {
        match value.as_f64() {
            Some(n) if n.is_finite() => Some(n),
            _ => {
                reader.error(
                    path,
                    format!("`{path}` must be a number, not {}", describe(value)),
                    Some("write digits with a dot for decimals, e.g. 12.5 (no units or thousands separators)".into()),
                );
                None
            }
        }
    }
}

impl FromYaml for NaiveDate {
    const EXAMPLE: &'static str = "2025-06-30";
    fn from_yaml(reader: &Reader<'_>, path: &str, value: &Value) -> Option<Self> {
        let text = scalar_text(value).unwrap_or_default();
        match NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
            Ok(d) if text.trim().len() == 10 => Some(d),
            _ => {
                reader.error(
                    path,
                    format!("`{path}` must be a date written YYYY-MM-DD, not {}", describe(value)),
                    Some("for example 2025-06-30 (year, month, day, with two digits for month and day)".into()),
                );
                None
            }
        }
    }
}

impl<T: FromYaml> FromYaml for Vec<T> {
    const EXAMPLE: &'static str = "[…, …]";
    fn from_yaml(reader: &Reader<'_>, path: &str, value: &Value) -> Option<Self> {
        match value {
            Value::Sequence(items) => {
                let mut out = Vec::with_capacity(items.len());
                let mut ok = true;
                for (i, item) in items.iter().enumerate() {
                    match T::from_yaml(reader, &child_index(path, i), item) {
                        Some(v) => out.push(v),
                        None => ok = false,
                    }
                }
                ok.then_some(out)
            }
            other => {
                reader.error(
                    path,
                    format!("`{path}` must be a list, not {}", describe(other)),
                    Some(format!("write it as [first, second] or as lines starting with `- `; for one item: [{}]", scalar_text(other).unwrap_or_default())),
                );
                None
            }
        }
    }
}

/// A closed set of values written as ids in YAML (e.g. `scale: local`).
pub trait YamlEnum: Sized + Copy + 'static {
    /// Every value with its id, in documentation order.
    const ALL: &'static [(&'static str, Self)];

    /// Every id, in documentation order (the same list as [`Self::ALL`]).
    const IDS: &'static [&'static str];

    /// The id of this value.
    fn id(self) -> &'static str;

    /// Every id, comma-separated.
    fn allowed() -> String {
        Self::ALL
            .iter()
            .map(|(id, _)| *id)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Reads an enum value, reporting an unknown id with the allowed ones.
    fn read(reader: &Reader<'_>, path: &str, value: &Value) -> Option<Self> {
        let text = scalar_text(value).unwrap_or_default();
        if let Some((_, v)) = Self::ALL.iter().find(|(id, _)| *id == text.trim()) {
            return Some(*v);
        }
        let suggestion = closest(text.trim(), Self::ALL.iter().map(|(id, _)| *id))
            .map(|s| format!("did you mean `{s}`? "))
            .unwrap_or_default();
        reader.error(
            path,
            format!(
                "`{path}` cannot be {}: it must be one of {}",
                describe(value),
                Self::allowed()
            ),
            Some(format!("{suggestion}allowed values: {}", Self::allowed())),
        );
        None
    }
}

/// Declares a [`YamlEnum`] with serde support, e.g.
/// `yaml_enum!(Scale { Local = "local", Regional = "regional" });`
#[macro_export]
macro_rules! yaml_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $id:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $crate::yaml::YamlEnum for $name {
            const ALL: &'static [(&'static str, Self)] = &[$(($id, $name::$variant)),+];
            const IDS: &'static [&'static str] = &[$($id),+];
            fn id(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }
        }

        impl $crate::yaml::FromYaml for $name {
            const EXAMPLE: &'static str = [$($id),+][0];
            fn from_yaml(reader: &$crate::yaml::Reader<'_>, path: &str, value: &serde_yaml::Value) -> Option<Self> {
                <Self as $crate::yaml::YamlEnum>::read(reader, path, value)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str($crate::yaml::YamlEnum::id(*self))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str($crate::yaml::YamlEnum::id(*self))
            }
        }
    };
}

/// A text written once per language: `{ es: "…", en: "…" }`.
///
/// Reading one warns about each site language it lacks (an error under
/// `--strict`) and about languages the site does not have.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct LangText(pub BTreeMap<String, String>);

impl LangText {
    /// The text in `lang`, else in the first language that has it, following
    /// the order of `fallbacks`.
    pub fn get<'s>(&'s self, lang: &str, fallbacks: &[String]) -> Option<&'s str> {
        self.0
            .get(lang)
            .or_else(|| fallbacks.iter().find_map(|l| self.0.get(l)))
            .map(String::as_str)
    }
}

impl FromYaml for LangText {
    const EXAMPLE: &'static str = "{ es: \"…\", en: \"…\" }";
    fn from_yaml(reader: &Reader<'_>, path: &str, value: &Value) -> Option<Self> {
        let langs = reader.languages();
        let example = langs
            .iter()
            .map(|l| format!("{l}: \"…\""))
            .collect::<Vec<_>>()
            .join(", ");
        let Value::Mapping(map) = value else {
            reader.error(
                path,
                format!(
                    "`{path}` must give one text per language, not {}",
                    describe(value)
                ),
                Some(format!("write it as {{ {example} }}")),
            );
            return None;
        };
        let mut out = BTreeMap::new();
        for (k, v) in map {
            let lang = scalar_text(k).unwrap_or_default();
            let sub = child_key(path, &lang);
            if !langs.contains(&lang) {
                reader.report(
                    Diagnostic::warning(
                        reader.file(),
                        format!(
                            "`{path}` has a text in `{lang}`, which is not a language of this site"
                        ),
                    ),
                    reader.key_position(&sub),
                    Some(format!(
                        "the site's languages (site.toml) are: {}",
                        langs.join(", ")
                    )),
                );
                continue;
            }
            if let Some(text) = String::from_yaml(reader, &sub, v) {
                out.insert(lang, text);
            }
        }
        for lang in langs {
            if !out.contains_key(lang) && !map.contains_key(lang.as_str()) {
                reader.warning(
                    path,
                    format!("`{path}` has no translation in `{lang}`"),
                    Some(format!("add `{lang}: \"…\"` to it")),
                );
            }
        }
        if out.is_empty() {
            if !langs.iter().any(|l| map.contains_key(l.as_str())) {
                reader.error(
                    path,
                    format!("`{path}` has no text in any language of this site"),
                    Some(format!("write it as {{ {example} }}")),
                );
            }
            return None;
        }
        Some(LangText(out))
    }
}

/// A value together with where it was written, for checks made later
/// (e.g. that a case id named in an indicator exists).
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it stands in its file.
    pub position: Option<Position>,
}

impl<T: FromYaml> FromYaml for Located<T> {
    const EXAMPLE: &'static str = T::EXAMPLE;
    fn from_yaml(reader: &Reader<'_>, path: &str, value: &Value) -> Option<Self> {
        T::from_yaml(reader, path, value).map(|v| Located {
            value: v,
            position: reader.position(path),
        })
    }
}

impl<T: serde::Serialize> serde::Serialize for Located<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

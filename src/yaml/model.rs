//! The declared fields of a kind of file: one table per content type, the
//! single source from which the readers check what they read, the JSON
//! Schemas are written and the browser editor is configured.
//!
//! A table is a `&'static [Field]`. A [`super::Reader`] given the tables of
//! its file checks, in debug builds (so in every test), that each field a
//! loader asks for is declared there, as required when it is read as
//! required and as optional when it is read as optional. The other way round
//! (every declared field is read) is checked by the tests that read the
//! bundled example files.

use super::spans::child_key;

/// One field of a kind of file.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The name written before the `:`.
    pub name: &'static str,
    /// What the value is.
    pub kind: Kind,
    /// Whether the field must be written.
    pub need: Need,
    /// One line that says what the field holds, for people.
    pub description: &'static str,
    /// The key of the theme's word that names the field (empty when the
    /// theme has none; the name is shown then).
    pub words: &'static str,
}

/// Whether a field must be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Always.
    Required,
    /// Never.
    Optional,
    /// Only in files where another field has a given value.
    RequiredWhen(When),
}

/// The condition of a field required only in some files: `field` has `value`
/// (e.g. `kind: quantitative`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    /// The other field.
    pub field: &'static str,
    /// Its value.
    pub value: &'static str,
}

impl std::fmt::Display for When {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.value)
    }
}

/// The kinds of content a content type links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Good practices (`content/cases/`).
    Cases,
    /// Indicators (`content/indicators/`).
    Indicators,
    /// Agreements (`content/agreements/`).
    Agreements,
}

impl Target {
    /// The folder under `content/`, also the name of its editor collection.
    pub fn folder(self) -> &'static str {
        match self {
            Target::Cases => "cases",
            Target::Indicators => "indicators",
            Target::Agreements => "agreements",
        }
    }
}

/// A closed list of values: the ids of a [`super::YamlEnum`] and the prefix
/// of the theme's words that name them (`scale_` + `local`).
#[derive(Debug, Clone, Copy)]
pub struct Choice {
    /// The values, in documentation order.
    pub ids: &'static [&'static str],
    /// The prefix of their labels among the theme's words.
    pub words: &'static str,
}

/// What a field's value is.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// A text on one line.
    Line,
    /// A longer text (one or more sentences).
    Paragraph,
    /// A whole number.
    Integer,
    /// A number.
    Number,
    /// `true` or `false`.
    Bool,
    /// A date written YYYY-MM-DD.
    Date,
    /// A measurement period: `2025`, `2025-S1`, `2025-Q1`, `2025-03`, `2025-W12`.
    Period,
    /// A web address or a path on the site.
    Link,
    /// An id: lowercase letters, digits and hyphens.
    Id,
    /// The last part of a page's address.
    Slug,
    /// One value of a closed list.
    Choice(Choice),
    /// An ISO 3166-1 alpha-2 country code.
    Country,
    /// An ISO 4217 currency code.
    Currency,
    /// A Sustainable Development Goal, 1 to 17.
    Sdg,
    /// A target of a Sustainable Development Goal: `11.3`, `11.a`.
    SdgTarget,
    /// An e-mail address.
    Email,
    /// A theme id of the vocabulary.
    Theme,
    /// The id of another content item.
    Ref(Target),
    /// One text per site language, `{ es: …, en: … }`, each of the kind given.
    Texts(&'static Kind),
    /// A name (of an institution, a place) written once for every language,
    /// or once per language `{ es: Bruselas, en: Brussels }` with the
    /// default language's always given (`crate::content::name::Name`).
    Name,
    /// A list of values of the kind given.
    List(&'static Kind),
    /// A set of fields.
    Object(&'static [Field]),
    /// Ids, each with the same set of fields (the vocabulary's themes).
    Keyed(&'static [Field]),
    /// A value of an indicator: a number, or a level of its scale.
    Measure,
    /// The part of an indicator's total an observation measures: for each
    /// dimension of breakdown, the id of one of its values (`{ sex: women }`).
    Breakdown,
    /// An indicator's scale: a built-in scale's name, or its levels listed
    /// worst first, each with the given fields.
    Scale {
        /// The names of the built-in scales.
        built_in: &'static [&'static str],
        /// The fields of one level.
        level: &'static [Field],
    },
}

impl Field {
    /// A required field.
    pub const fn required(name: &'static str, kind: Kind, description: &'static str) -> Field {
        Field {
            name,
            kind,
            need: Need::Required,
            description,
            words: "",
        }
    }

    /// An optional field.
    pub const fn optional(name: &'static str, kind: Kind, description: &'static str) -> Field {
        Field {
            name,
            kind,
            need: Need::Optional,
            description,
            words: "",
        }
    }

    /// A field required only in files where field `field` is `value`.
    pub const fn required_when(
        name: &'static str,
        kind: Kind,
        (field, value): (&'static str, &'static str),
        description: &'static str,
    ) -> Field {
        Field {
            name,
            kind,
            need: Need::RequiredWhen(When { field, value }),
            description,
            words: "",
        }
    }

    /// The same field, named in the theme's words by `key`.
    pub const fn words(mut self, key: &'static str) -> Field {
        self.words = key;
        self
    }

    /// True when the field must always be written.
    pub fn is_required(&self) -> bool {
        self.need == Need::Required
    }
}

/// The field called `name` in `tables`.
pub fn find<'t>(tables: &[&'t [Field]], name: &str) -> Option<&'t Field> {
    tables
        .iter()
        .flat_map(|t| t.iter())
        .find(|f| f.name == name)
}

/// The required fields of `tables`, comma-separated, for advice.
pub fn required_names(tables: &[&[Field]]) -> String {
    tables
        .iter()
        .flat_map(|t| t.iter())
        .filter(|f| f.is_required())
        .map(|f| f.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The fields of the mapping found at `path` (as the readers write paths:
/// `errata[0]`, `place`, `themes.city-networks`), when `tables` declare one
/// there.
pub fn fields_at(tables: &[&'static [Field]], path: &str) -> Option<Vec<&'static Field>> {
    if path.is_empty() {
        return Some(tables.iter().flat_map(|t| t.iter()).collect());
    }
    let mut steps = steps(path).into_iter();
    let Some(Step::Key(first)) = steps.next() else {
        return None;
    };
    let mut kind = find(tables, &first)?.kind;
    for step in steps {
        kind = match (kind, step) {
            (Kind::Object(fields), Step::Key(k)) => fields.iter().find(|f| f.name == k)?.kind,
            (Kind::Keyed(fields), Step::Key(_)) => Kind::Object(fields),
            (Kind::List(inner), Step::Index) => *inner,
            (Kind::Scale { level, .. }, Step::Index) => Kind::Object(level),
            _ => return None,
        };
    }
    match kind {
        Kind::Object(fields) => Some(fields.iter().collect()),
        _ => None,
    }
}

/// Every field path of `tables`, nested ones written `parent.child` (list
/// items and ids of keyed sets are left out of the path), sorted.
pub fn paths(tables: &[&[Field]]) -> Vec<String> {
    fn walk(prefix: &str, fields: &[Field], out: &mut Vec<String>) {
        for f in fields {
            let path = child_key(prefix, f.name);
            out.push(path.clone());
            let mut kind = f.kind;
            while let Kind::List(inner) = kind {
                kind = *inner;
            }
            match kind {
                Kind::Object(sub) | Kind::Keyed(sub) => walk(&path, sub, out),
                Kind::Scale { level, .. } => walk(&path, level, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for t in tables {
        walk("", t, &mut out);
    }
    out.sort();
    out.dedup();
    out
}

enum Step {
    Key(String),
    Index,
}

fn steps(path: &str) -> Vec<Step> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, rest) = part.split_once('[').unwrap_or((part, ""));
        if !key.is_empty() {
            out.push(Step::Key(key.to_string()));
        }
        out.extend(
            rest.split('[')
                .filter(|s| !s.is_empty())
                .map(|_| Step::Index),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const INNER: &[Field] = &[Field::required("date", Kind::Date, "when")];
    const TABLE: &[Field] = &[
        Field::required("title", Kind::Line, "the title"),
        Field::optional("errata", Kind::List(&Kind::Object(INNER)), "corrections"),
        Field::optional("themes", Kind::Keyed(INNER), "themes"),
    ];

    /// Reads `yaml` with TABLE declared, through `read`.
    fn read_with_table(yaml: &str, read: impl Fn(&mut crate::yaml::MapReader<'_, '_>)) {
        let doc = crate::yaml::parse(yaml, 0).unwrap();
        let languages = vec!["es".to_string()];
        let tables = [TABLE];
        let reader =
            crate::yaml::Reader::new(std::path::Path::new("x.yaml"), yaml, &doc, &languages)
                .with_fields(&tables);
        let mut map = reader.root().unwrap();
        read(&mut map);
        map.finish();
    }

    #[test]
    fn reading_as_declared_is_fine() {
        read_with_table("title: a\n", |m| {
            m.required::<String>("title");
            m.optional::<Vec<String>>("errata");
        });
    }

    #[test]
    #[should_panic(expected = "not declared")]
    fn reading_an_undeclared_field_panics_in_debug_builds() {
        read_with_table("title: a\n", |m| {
            m.optional::<String>("subtitle");
        });
    }

    #[test]
    #[should_panic(expected = "declared Required")]
    fn reading_a_required_field_as_optional_panics_in_debug_builds() {
        read_with_table("title: a\n", |m| {
            m.optional::<String>("title");
        });
    }

    #[test]
    #[should_panic(expected = "declared Optional")]
    fn reading_an_optional_field_as_required_panics_in_debug_builds() {
        read_with_table("title: a\n", |m| {
            m.required::<String>("errata");
        });
    }

    #[test]
    fn nested_mappings_find_their_fields() {
        let names = |p: &str| -> Option<Vec<&str>> {
            fields_at(&[TABLE], p).map(|v| v.iter().map(|f| f.name).collect())
        };
        assert_eq!(names("errata[2]"), Some(vec!["date"]));
        assert_eq!(names("themes.city-networks"), Some(vec!["date"]));
        assert_eq!(names("title"), None);
        assert_eq!(names("").map(|v| v.len()), Some(3));
        assert_eq!(
            paths(&[TABLE]),
            vec!["errata", "errata.date", "themes", "themes.date", "title"]
        );
        assert_eq!(required_names(&[TABLE]), "title");
    }
}

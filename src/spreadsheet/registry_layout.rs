//! The sheets of the registry (`agreements`, `actions`): one row per entry,
//! one column per field, the columns derived from the content type's
//! `FIELDS` — the same declarations that check the files, configure the
//! editor and write the JSON Schemas.
//!
//! A field of one value is one column (`status`); a text per language is a
//! column per site language (`title.es`, `title.en`); a set of fields is a
//! column per field (`place.city`, `cost.currency`); a list of plain values
//! is one column, its items separated by `;` (`sdgs`: `11; 17`). Lists of
//! sets of fields (`funds`, `other_counterparts`, `amendments`…) and lists
//! of texts per language (`commitments`) are not in the sheets: they stay
//! as written in the files.

use serde_yaml::Value;

use crate::yaml::model::{Field, Kind};

/// The name of the first column of a registry sheet, that names its file.
pub(crate) const ID: &str = "id";
/// The row (0-based) of the columns' names for people.
pub(crate) const LABEL_ROW: u32 = 0;
/// The row (0-based) of the columns' names for memoria; entries follow it.
pub(crate) const KEY_ROW: u32 = 1;
/// How many empty rows a registry sheet offers for new entries.
pub(crate) const NEW_ROWS: u32 = 200;
/// What separates the items of a list in one cell.
pub(crate) const LIST_SEPARATOR: &str = "; ";

/// One of the two registries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Registry {
    /// `content/agreements/`.
    Agreements,
    /// `content/actions/`.
    Actions,
}

impl Registry {
    /// Both, in the order of the workbook.
    pub(crate) const ALL: [Registry; 2] = [Registry::Agreements, Registry::Actions];

    /// The sheet's name, also the folder under `content/` and the CSV
    /// file's name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Registry::Agreements => "agreements",
            Registry::Actions => "actions",
        }
    }

    /// The registry a sheet or CSV file is named after.
    pub(crate) fn named(name: &str) -> Option<Registry> {
        Registry::ALL.into_iter().find(|r| r.name() == name)
    }

    /// The declared fields of its files.
    pub(crate) fn fields(self) -> &'static [Field] {
        match self {
            Registry::Agreements => crate::content::agreement::FIELDS,
            Registry::Actions => crate::content::action::FIELDS,
        }
    }
}

/// One column of a registry sheet.
#[derive(Debug, Clone)]
pub(crate) struct Column {
    /// Its name in the key row: the path of the value in the file
    /// (`status`, `title.en`, `place.city`).
    pub key: String,
    /// The steps of that path.
    pub path: Vec<String>,
    /// The top-level field.
    pub top: &'static Field,
    /// The field itself (the same as `top`, or one of its fields).
    pub field: &'static Field,
    /// What one value of the cell is.
    pub kind: Kind,
    /// True when the cell holds a list of such values.
    pub list: bool,
    /// The language of a text per language.
    pub lang: Option<String>,
    /// For a name (written once or per language, `Kind::Name`): the site's
    /// default language, whose name the cell holds.
    pub name_lang: Option<String>,
}

impl Column {
    /// True when the cell must be filled: a required field (of the default
    /// language, for a text per language) of a required set, or of an
    /// optional set that has other cells filled (said by `set_filled`).
    pub(crate) fn required(&self, default_lang: &str, set_filled: bool) -> bool {
        let lang_ok = self.lang.as_deref().is_none_or(|l| l == default_lang);
        if std::ptr::eq(self.top, self.field) {
            return self.field.is_required() && lang_ok;
        }
        self.field.is_required() && (self.top.is_required() || set_filled) && lang_ok
    }
}

/// The columns of `registry` for a site in `languages`: `id`, then its
/// fields in declaration order.
pub(crate) fn columns(registry: Registry, languages: &[String]) -> Vec<Column> {
    let mut out = Vec::new();
    for top in registry.fields() {
        add(top, top, vec![top.name.to_string()], languages, &mut out);
    }
    out
}

fn add(
    top: &'static Field,
    field: &'static Field,
    path: Vec<String>,
    languages: &[String],
    out: &mut Vec<Column>,
) {
    let column = |kind: Kind, list: bool, path: Vec<String>, lang: Option<String>| Column {
        key: path.join("."),
        path,
        top,
        field,
        kind,
        list,
        lang,
        name_lang: None,
    };
    let name = |list: bool, path: Vec<String>| Column {
        name_lang: languages.first().cloned(),
        ..column(Kind::Line, list, path, None)
    };
    match field.kind {
        Kind::Name => out.push(name(false, path)),
        Kind::List(Kind::Name) => out.push(name(true, path)),
        Kind::Texts(inner) if is_plain(*inner) => {
            for lang in languages {
                let mut p = path.clone();
                p.push(lang.clone());
                out.push(column(*inner, false, p, Some(lang.clone())));
            }
        }
        Kind::Object(fields) if std::ptr::eq(top, field) => {
            for f in fields {
                let mut p = path.clone();
                p.push(f.name.to_string());
                add(top, f, p, languages, out);
            }
        }
        Kind::List(inner) if is_plain(*inner) => out.push(column(*inner, true, path, None)),
        kind if is_plain(kind) => out.push(column(kind, false, path, None)),
        _ => {}
    }
}

/// True for the kinds of one value a cell holds.
fn is_plain(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Line
            | Kind::Paragraph
            | Kind::Integer
            | Kind::Number
            | Kind::Date
            | Kind::Link
            | Kind::Id
            | Kind::Slug
            | Kind::Choice(_)
            | Kind::Country
            | Kind::Currency
            | Kind::Sdg
            | Kind::Theme
            | Kind::Ref(_)
    )
}

/// The fields of `registry` that are not in its sheet.
#[cfg(test)]
pub(crate) fn left_out(registry: Registry) -> Vec<&'static str> {
    let cols = columns(registry, &["es".to_string()]);
    registry
        .fields()
        .iter()
        .filter(|f| !cols.iter().any(|c| std::ptr::eq(c.top, *f)))
        .map(|f| f.name)
        .collect()
}

/// The value at `path` in `doc`, if written.
pub(crate) fn value_at<'v>(doc: &'v Value, path: &[String]) -> Option<&'v Value> {
    let mut v = doc;
    for step in path {
        v = v.get(step.as_str())?;
    }
    (!v.is_null()).then_some(v)
}

/// The text of one value as a cell shows it: a string as written, a number
/// plainly.
fn scalar_cell(v: &Value) -> String {
    crate::yaml::scalar_text(v).unwrap_or_default()
}

/// The cell of a name (`Kind::Name`): a name written once as written, a
/// name written per language in the default language `lang`. This is the
/// one place that reads them.
pub(crate) fn name_cell(v: &Value, lang: &str) -> String {
    match v {
        Value::Mapping(_) => v.get(lang).map(scalar_cell).unwrap_or_default(),
        other => scalar_cell(other),
    }
}

/// True when the name (or a name of the list) `v` is written per language.
pub(crate) fn is_per_language(v: &Value) -> bool {
    match v {
        Value::Mapping(_) => true,
        Value::Sequence(items) => items.iter().any(Value::is_mapping),
        _ => false,
    }
}

/// The text of `column`'s cell for the entry whose file holds `doc`:
/// empty when the field is not written, a list's items joined by `; `.
pub(crate) fn cell_text(doc: &Value, column: &Column) -> String {
    let Some(v) = value_at(doc, &column.path) else {
        return String::new();
    };
    let one = |v: &Value| match &column.name_lang {
        Some(lang) => name_cell(v, lang),
        None => scalar_cell(v),
    };
    match v {
        Value::Sequence(items) if column.list => items
            .iter()
            .map(one)
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR),
        other => one(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_follow_the_declared_fields() {
        let langs = vec!["es".to_string(), "en".to_string()];
        let keys: Vec<String> = columns(Registry::Actions, &langs)
            .into_iter()
            .map(|c| c.key)
            .collect();
        assert_eq!(
            &keys[..4],
            ["title.es", "title.en", "summary.es", "summary.en"]
        );
        assert!(keys.contains(&"place.city".to_string()));
        assert!(keys.contains(&"funded_by".to_string()));
        assert!(keys.contains(&"cost.currency".to_string()));
        assert!(keys.contains(&"participants".to_string()));
        assert_eq!(left_out(Registry::Actions), ["funds"]);
        assert_eq!(
            left_out(Registry::Agreements),
            [
                "other_counterparts",
                "funds",
                "signatories",
                "commitments",
                "amendments"
            ]
        );
    }

    #[test]
    fn a_name_shows_its_default_language_once_or_per_language() {
        let langs = vec!["es".to_string(), "en".to_string()];
        let cols = columns(Registry::Agreements, &langs);
        let col = |key: &str| cols.iter().find(|c| c.key == key).unwrap();
        let doc: Value = serde_yaml::from_str(
            "partner: { es: Bruselas, en: Brussels }\ncity_bodies: [Alcaldía, { es: Concejo, en: Council }]\n",
        )
        .unwrap();
        assert_eq!(cell_text(&doc, col("partner")), "Bruselas");
        assert_eq!(cell_text(&doc, col("city_bodies")), "Alcaldía; Concejo");
        assert!(is_per_language(&doc["partner"]));
        assert!(is_per_language(&doc["city_bodies"]));
        let once: Value =
            serde_yaml::from_str("partner: FAMSI\ncity_bodies: [Alcaldía]\n").unwrap();
        assert_eq!(cell_text(&once, col("partner")), "FAMSI");
        assert!(!is_per_language(&once["partner"]));
        assert!(!is_per_language(&once["city_bodies"]));
    }
}

//! Names of the registry (an agreement's `partner`, its counterparts'
//! `name`, its `city_bodies`, an action's `place.city` and `funded_by`) may
//! be written once or per language, and the editor shows one input per
//! language, which needs a name per language. So a name written once is
//! handed to the editor as the default language's name, and a name saved
//! with no language but the default one is written once again: a file
//! opened and saved in the editor keeps its names as they were written
//! (and a presented report that shows them, its fingerprint).

use serde_yaml::{Mapping, Value};

use crate::content::files::{Kind as ContentKind, CONTENT_DIR};
use crate::content::{action, agreement};
use crate::yaml::model::{Field, Kind};

/// The fields of the registry file at `rel` (relative to the site, with
/// `/`), or `None` for any other file.
fn fields_of(rel: &str) -> Option<&'static [Field]> {
    let (folder, file) = rel.rsplit_once('/')?;
    if !(file.ends_with(".yaml") || file.ends_with(".yml")) {
        return None;
    }
    let registry = |kind: ContentKind| folder == format!("{CONTENT_DIR}/{}", kind.folder());
    if registry(ContentKind::Agreement) {
        Some(agreement::FIELDS)
    } else if registry(ContentKind::Action) {
        Some(action::FIELDS)
    } else {
        None
    }
}

/// The text of the file at `rel` as the editor gets it: its names written
/// once are given as `{default: name}`. `None` when nothing changes (any
/// other file, no name written once, or a text that is not YAML).
pub(crate) fn for_editor(rel: &str, text: &str, default: &str) -> Option<String> {
    rewrite(rel, text, &|v| {
        if let Value::String(s) = v {
            let mut map = Mapping::new();
            map.insert(Value::String(default.into()), Value::String(s.clone()));
            *v = Value::Mapping(map);
            true
        } else {
            false
        }
    })
}

/// The text the editor saved for the file at `rel`, with the names that
/// have no language but the default one (the others left empty) written
/// once. `None` when nothing changes.
pub(crate) fn from_editor(rel: &str, text: &str, default: &str) -> Option<String> {
    rewrite(rel, text, &|v| {
        let Value::Mapping(map) = v else {
            return false;
        };
        let written: Vec<(&Value, &Value)> = map
            .iter()
            .filter(|(_, name)| !matches!(name, Value::Null) && name.as_str() != Some(""))
            .collect();
        match written.as_slice() {
            [(lang, name)] if lang.as_str() == Some(default) => {
                let name = (*name).clone();
                *v = name;
                true
            }
            _ if written.len() < map.len() => {
                // Empty inputs of other languages are not names.
                let kept: Mapping = written
                    .into_iter()
                    .map(|(k, n)| (k.clone(), n.clone()))
                    .collect();
                *v = Value::Mapping(kept);
                true
            }
            _ => false,
        }
    })
}

/// Applies `change` to every name of the registry file at `rel`; the new
/// text when any changed.
fn rewrite(rel: &str, text: &str, change: &dyn Fn(&mut Value) -> bool) -> Option<String> {
    let fields = fields_of(rel)?;
    let mut doc: Value = serde_yaml::from_str(text).ok()?;
    if !walk(&mut doc, fields, change) {
        return None;
    }
    serde_yaml::to_string(&doc).ok()
}

/// Applies `change` to the names among `fields` in the mapping `value`.
fn walk(value: &mut Value, fields: &[Field], change: &dyn Fn(&mut Value) -> bool) -> bool {
    let Value::Mapping(map) = value else {
        return false;
    };
    let mut changed = false;
    for field in fields {
        if let Some(v) = map.get_mut(field.name) {
            changed |= apply(v, &field.kind, change);
        }
    }
    changed
}

/// Applies `change` to the names in `value`, of kind `kind`.
fn apply(value: &mut Value, kind: &Kind, change: &dyn Fn(&mut Value) -> bool) -> bool {
    match (kind, value) {
        (Kind::Name, v) => change(v),
        (Kind::Object(fields), v) => walk(v, fields, change),
        (Kind::List(inner), Value::Sequence(items)) => items
            .iter_mut()
            .fold(false, |any, item| apply(item, inner, change) | any),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "content/agreements/lisbon.yaml";

    #[test]
    fn names_written_once_go_to_the_editor_per_language_and_come_back_once() {
        let text = "title: { es: T, en: T }\npartner: Bruselas\ncity_bodies: [Alcaldía]\nother_counterparts:\n  - { name: UNAM, country: MX }\n";
        let given = for_editor(FILE, text, "es").unwrap();
        let doc: Value = serde_yaml::from_str(&given).unwrap();
        assert_eq!(doc["partner"]["es"], "Bruselas");
        assert_eq!(doc["city_bodies"][0]["es"], "Alcaldía");
        assert_eq!(doc["other_counterparts"][0]["name"]["es"], "UNAM");
        assert_eq!(doc["title"]["en"], "T", "other fields are left alone");
        // The editor sends the other language empty.
        let saved = given.replace("es: Bruselas", "es: Bruselas\n  en: ''");
        let back = from_editor(FILE, &saved, "es").unwrap();
        let doc: Value = serde_yaml::from_str(&back).unwrap();
        assert_eq!(doc["partner"], "Bruselas");
        assert_eq!(doc["city_bodies"][0], "Alcaldía");
        assert_eq!(doc["other_counterparts"][0]["name"], "UNAM");
    }

    #[test]
    fn names_per_language_stay_per_language_without_their_empty_inputs() {
        let text = "partner: { es: Bruselas, en: Brussels, fr: '' }\n";
        assert_eq!(for_editor(FILE, text, "es"), None);
        let back = from_editor(FILE, text, "es").unwrap();
        let doc: Value = serde_yaml::from_str(&back).unwrap();
        assert_eq!(doc["partner"]["en"], "Brussels");
        assert!(doc["partner"].get("fr").is_none());
        assert_eq!(from_editor(FILE, "partner: { es: B, en: C }\n", "es"), None);
    }

    #[test]
    fn an_actions_place_is_a_name_and_other_files_are_left_alone() {
        let text = "place: { city: Madrid, country: ES }\n";
        let given = for_editor("content/actions/a.yaml", text, "es").unwrap();
        assert!(given.contains("es: Madrid"), "{given}");
        assert_eq!(for_editor("content/indicators/a.yaml", text, "es"), None);
        assert_eq!(for_editor("content/cases/a.es.md", text, "es"), None);
        assert_eq!(for_editor(FILE, "partner: [unclosed", "es"), None);
    }
}

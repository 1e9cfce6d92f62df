//! JSON Schemas (draft 2020-12) of the front matter of each Markdown content
//! type and of each YAML data file type, written from the field tables so
//! that they say what the loaders check. They are kept in `docs/schemas/`
//! (`tests/schemas.rs` compares them with what this module writes) for
//! editors such as VS Code to complete and check fields as people type.

use std::collections::BTreeMap;

use serde::Serialize;

use super::types::{ContentType, Layout, TYPES};
use crate::yaml::model::{Field, Kind, Need, When};

/// The dialect every schema declares.
const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// How ids, slugs and theme ids are written.
const ID_PATTERN: &str = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";

/// A JSON Schema, with the keywords these schemas use.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Schema {
    /// The dialect (root only).
    #[serde(rename = "$schema", skip_serializing_if = "Option::is_none")]
    pub dialect: Option<&'static str>,
    /// A title (root only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What the value holds, for people.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The JSON types allowed.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub types: Option<Types>,
    /// The only values allowed.
    #[serde(rename = "enum", skip_serializing_if = "Option::is_none")]
    pub one_of_values: Option<Vec<Constant>>,
    /// The one value allowed.
    #[serde(rename = "const", skip_serializing_if = "Option::is_none")]
    pub constant: Option<Constant>,
    /// A regular expression texts must match.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<&'static str>,
    /// A named format (`date`, `uri-reference`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
    /// The shortest text.
    #[serde(rename = "minLength", skip_serializing_if = "Option::is_none")]
    pub min_length: Option<usize>,
    /// The longest text.
    #[serde(rename = "maxLength", skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
    /// The smallest number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<i64>,
    /// The largest number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<i64>,
    /// The fewest items of a list.
    #[serde(rename = "minItems", skip_serializing_if = "Option::is_none")]
    pub min_items: Option<usize>,
    /// The schema of each item of a list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Box<Schema>>,
    /// The fields of a mapping.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<BTreeMap<String, Schema>>,
    /// The fields that must be written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<Vec<&'static str>>,
    /// The fewest fields of a mapping.
    #[serde(rename = "minProperties", skip_serializing_if = "Option::is_none")]
    pub min_properties: Option<usize>,
    /// How the names of a mapping's fields are written.
    #[serde(rename = "propertyNames", skip_serializing_if = "Option::is_none")]
    pub property_names: Option<Box<Schema>>,
    /// Fields besides `properties`: false (none), or their schema.
    #[serde(
        rename = "additionalProperties",
        skip_serializing_if = "Option::is_none"
    )]
    pub additional_properties: Option<Box<Additional>>,
    /// Schemas of which at least one must hold.
    #[serde(rename = "anyOf", skip_serializing_if = "Option::is_none")]
    pub any_of: Option<Vec<Schema>>,
    /// Schemas of which exactly one must hold.
    #[serde(rename = "oneOf", skip_serializing_if = "Option::is_none")]
    pub one_of: Option<Vec<Schema>>,
    /// Schemas that must all hold.
    #[serde(rename = "allOf", skip_serializing_if = "Option::is_none")]
    pub all_of: Option<Vec<Schema>>,
    /// A condition…
    #[serde(rename = "if", skip_serializing_if = "Option::is_none")]
    pub condition: Option<Box<Schema>>,
    /// …and what must hold when it does.
    #[serde(rename = "then", skip_serializing_if = "Option::is_none")]
    pub then: Option<Box<Schema>>,
}

/// One JSON type, or several.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Types {
    /// One type.
    One(&'static str),
    /// Any of these.
    Many(Vec<&'static str>),
}

/// A value written in `enum` or `const`.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Constant {
    /// A text.
    Text(&'static str),
}

/// `additionalProperties`: forbidden, or of a schema.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Additional {
    /// `false`: no other field.
    Allowed(bool),
    /// Other fields, each of this schema.
    Of(Box<Schema>),
}

/// The name of the schema file of content type `t`, in `docs/schemas/`.
pub fn file_name(t: &ContentType) -> String {
    match t.layout {
        Layout::Markdown => format!("{}-front-matter.schema.json", singular(t.name)),
        _ => format!("{}.schema.json", singular(t.name)),
    }
}

fn singular(name: &str) -> &str {
    name.strip_suffix('s').unwrap_or(name)
}

/// Every schema: its file name and its text (pretty JSON ending in a newline).
pub fn all() -> Vec<(String, String)> {
    TYPES
        .iter()
        .map(|t| (file_name(t), to_text(&of_type(t))))
        .collect()
}

/// The text of a schema file.
pub fn to_text(schema: &Schema) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The schema of the files of content type `t`.
pub fn of_type(t: &ContentType) -> Schema {
    let fields: Vec<&Field> = t.tables.iter().flat_map(|f| f.iter()).collect();
    let what = match t.layout {
        Layout::Markdown => format!(
            "The front matter of a Markdown file of {}/<id>.<lang>.md, as memoria checks it.",
            t.path()
        ),
        Layout::Data => format!(
            "A YAML file of {}/<id>.yaml, as memoria checks it.",
            t.path()
        ),
        Layout::Single => format!("The file {}, as memoria checks it.", t.path()),
    };
    Schema {
        dialect: Some(DIALECT),
        title: Some(format!(
            "memoria: {}",
            file_name(t).trim_end_matches(".schema.json")
        )),
        description: Some(what),
        ..object(&fields)
    }
}

/// The schema of a mapping with `fields`.
fn object(fields: &[&Field]) -> Schema {
    let required: Vec<&'static str> = fields
        .iter()
        .filter(|f| f.need == Need::Required)
        .map(|f| f.name)
        .collect();
    let conditions: Vec<Schema> = fields
        .iter()
        .filter_map(|f| match f.need {
            Need::RequiredWhen(when) => Some(condition(when, f.name)),
            _ => None,
        })
        .collect();
    Schema {
        types: Some(Types::One("object")),
        properties: Some(
            fields
                .iter()
                .map(|f| (f.name.to_string(), field(f)))
                .collect(),
        ),
        required: (!required.is_empty()).then_some(required),
        additional_properties: Some(Box::new(Additional::Allowed(false))),
        all_of: (!conditions.is_empty()).then_some(conditions),
        ..Schema::default()
    }
}

/// "`field` is required when `when` holds" as a schema.
fn condition(when: When, field: &'static str) -> Schema {
    let mut properties = BTreeMap::new();
    properties.insert(
        when.field.to_string(),
        Schema {
            constant: Some(Constant::Text(when.value)),
            ..Schema::default()
        },
    );
    Schema {
        condition: Some(Box::new(Schema {
            properties: Some(properties),
            required: Some(vec![when.field]),
            ..Schema::default()
        })),
        then: Some(Box::new(Schema {
            required: Some(vec![field]),
            ..Schema::default()
        })),
        ..Schema::default()
    }
}

/// The schema of one field, with its description.
fn field(f: &Field) -> Schema {
    Schema {
        description: Some(describe(f)),
        ..kind(&f.kind)
    }
}

fn describe(f: &Field) -> String {
    match f.need {
        Need::RequiredWhen(when) => format!("{} Required when `{when}`.", f.description),
        _ => f.description.to_string(),
    }
}

fn text(min: usize) -> Schema {
    Schema {
        types: Some(Types::One("string")),
        min_length: Some(min),
        ..Schema::default()
    }
}

fn id() -> Schema {
    Schema {
        types: Some(Types::One("string")),
        pattern: Some(ID_PATTERN),
        max_length: Some(crate::slug::MAX_LEN),
        ..Schema::default()
    }
}

fn values(ids: &[&'static str]) -> Schema {
    Schema {
        types: Some(Types::One("string")),
        one_of_values: Some(ids.iter().map(|v| Constant::Text(v)).collect()),
        ..Schema::default()
    }
}

/// One value of schema `each` per language code.
fn per_language(each: Schema) -> Schema {
    Schema {
        types: Some(Types::One("object")),
        min_properties: Some(1),
        property_names: Some(Box::new(Schema {
            pattern: Some(LANGUAGE_PATTERN),
            ..Schema::default()
        })),
        additional_properties: Some(Box::new(Additional::Of(Box::new(each)))),
        ..Schema::default()
    }
}

/// How language codes are written (`es`, `pt-BR`).
const LANGUAGE_PATTERN: &str = "^[a-z]{2,3}(-[A-Za-z0-9]+)*$";

/// The schema of a value of kind `k`.
fn kind(k: &Kind) -> Schema {
    match k {
        Kind::Line | Kind::Paragraph => text(1),
        Kind::Integer => Schema {
            types: Some(Types::One("integer")),
            ..Schema::default()
        },
        Kind::Number => Schema {
            types: Some(Types::One("number")),
            ..Schema::default()
        },
        Kind::Bool => Schema {
            types: Some(Types::One("boolean")),
            ..Schema::default()
        },
        Kind::Date => Schema {
            types: Some(Types::One("string")),
            format: Some("date"),
            pattern: Some("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
            ..Schema::default()
        },
        Kind::Period => Schema {
            types: Some(Types::Many(vec!["string", "integer"])),
            pattern: Some("^[0-9]{4}(-(S[12]|Q[1-4]|0[1-9]|1[0-2]|W(0[1-9]|[1-4][0-9]|5[0-3])))?$"),
            minimum: Some(1000),
            maximum: Some(9999),
            ..Schema::default()
        },
        Kind::Link => Schema {
            types: Some(Types::One("string")),
            pattern: Some("^(https?://|/)[^\\s]*$"),
            ..Schema::default()
        },
        Kind::Id | Kind::Slug | Kind::Theme | Kind::Ref(_) => id(),
        Kind::SdgTarget => Schema {
            // Unquoted in YAML, 11.3 is a number.
            types: Some(Types::Many(vec!["string", "number"])),
            pattern: Some(crate::content::fields::SDG_TARGET_PATTERN),
            ..Schema::default()
        },
        Kind::Email => Schema {
            types: Some(Types::One("string")),
            format: Some("email"),
            pattern: Some(crate::content::fields::EMAIL_PATTERN),
            ..Schema::default()
        },
        Kind::Choice(choice) => values(choice.ids),
        Kind::Country => values(crate::countries::all()),
        Kind::Currency => values(crate::currencies::all()),
        Kind::Sdg => Schema {
            types: Some(Types::One("integer")),
            minimum: Some(1),
            maximum: Some(17),
            ..Schema::default()
        },
        Kind::Texts(inner) => per_language(kind(inner)),
        // Written once, or once per language (the default language's being
        // required, which a schema written for every site cannot say).
        Kind::Name => Schema {
            one_of: Some(vec![text(1), per_language(text(1))]),
            ..Schema::default()
        },
        Kind::List(inner) => Schema {
            types: Some(Types::One("array")),
            items: Some(Box::new(kind(inner))),
            ..Schema::default()
        },
        Kind::Object(fields) => object(&fields.iter().collect::<Vec<_>>()),
        Kind::Keyed(fields) => Schema {
            types: Some(Types::One("object")),
            property_names: Some(Box::new(id())),
            additional_properties: Some(Box::new(Additional::Of(Box::new(object(
                &fields.iter().collect::<Vec<_>>(),
            ))))),
            ..Schema::default()
        },
        Kind::Measure => Schema {
            types: Some(Types::Many(vec!["number", "string"])),
            ..Schema::default()
        },
        Kind::Breakdown => Schema {
            types: Some(Types::One("object")),
            min_properties: Some(1),
            property_names: Some(Box::new(id())),
            additional_properties: Some(Box::new(Additional::Of(Box::new(id())))),
            ..Schema::default()
        },
        Kind::Scale { built_in, level } => Schema {
            any_of: Some(vec![
                values(built_in),
                Schema {
                    types: Some(Types::One("array")),
                    min_items: Some(2),
                    items: Some(Box::new(object(&level.iter().collect::<Vec<_>>()))),
                    ..Schema::default()
                },
            ]),
            ..Schema::default()
        },
    }
}

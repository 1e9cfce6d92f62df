//! The tables of template data in `docs/themes.md`, generated from the
//! typed data of each template (their doc comments).
//!
//! Each table sits between two marker comments, `<!-- generated:NAME -->`
//! and `<!-- /generated:NAME -->`; [`regenerate`] rewrites what is between
//! them and leaves the rest of the file as it is.

use schemars::{JsonSchema, Schema};
use serde_json::{Map, Value};

use super::indicators::{
    DimensionTemplate, IndicatorSummary, IndicatorTemplate, IndicatorsTemplate,
};
use super::listing::{Facet, Pagination};
use super::network::{NetworkTemplate, PracticeTemplate};
use super::pages::{ChooserTemplate, PageTemplate, SearchTemplate, UntranslatedTemplate};
use super::progress::ProgressTemplate;
use super::registry::{
    ActionData, ActionTemplate, ActionsTemplate, AgreementData, AgreementTemplate,
    AgreementsTemplate,
};
use super::reports::{PresentedTemplate, ReportTemplate, ReportsTemplate};
use super::taxonomies::{TermTemplate, TermsTemplate};
use super::{CaseFull, CaseSummary, CasesTemplate, HomeTemplate, PageData, SiteData};

/// One generated table: its marker name and its Markdown.
struct Table {
    name: &'static str,
    markdown: String,
}

/// The tables of template data, in the order of `docs/themes.md`.
fn tables() -> Vec<Table> {
    let summary_fields = field_names(&schemars::schema_for!(CaseSummary<'static>));
    vec![
        table::<SiteData<'static>>("site", "site.", &[]),
        table::<PageData<'static>>("page", "page.", &[]),
        table::<CaseSummary<'static>>("case-summary", "", &[]),
        table::<IndicatorSummary<'static>>("indicator-summary", "", &[]),
        table::<AgreementData<'static>>("agreement-summary", "", &[]),
        table::<ActionData<'static>>("action-summary", "", &[]),
        table::<Facet<'static>>("facet", "", &[]),
        table::<ChooserTemplate<'static>>("chooser", "", &[]),
        table::<HomeTemplate<'static>>("home", "", &[]),
        table::<Pagination>("pagination", "pagination.", &[]),
        table::<CasesTemplate<'static>>("cases", "", &[]),
        table::<CaseFull<'static>>("case", "case.", &summary_fields),
        table::<PageTemplate<'static>>("free-page", "", &[]),
        table::<UntranslatedTemplate<'static>>("untranslated", "", &[]),
        table::<TermsTemplate<'static>>("terms", "", &[]),
        table::<TermTemplate<'static>>("term", "", &[]),
        table::<IndicatorsTemplate<'static>>("indicators", "", &[]),
        table::<IndicatorTemplate<'static>>("indicator", "", &[]),
        table::<DimensionTemplate<'static>>("dimension", "", &[]),
        table::<ProgressTemplate<'static>>("progress", "", &[]),
        table::<AgreementsTemplate<'static>>("agreements", "", &[]),
        table::<ActionsTemplate<'static>>("actions", "", &[]),
        table::<AgreementTemplate<'static>>("agreement", "", &[]),
        table::<ActionTemplate<'static>>("action", "", &[]),
        table::<ReportsTemplate<'static>>("reports", "", &[]),
        table::<ReportTemplate<'static>>("report", "", &[]),
        table::<PresentedTemplate>("report-presented", "", &[]),
        table::<SearchTemplate<'static>>("search", "", &[]),
        table::<NetworkTemplate<'static>>("network", "", &[]),
        table::<PracticeTemplate<'static>>("practice", "", &[]),
    ]
}

/// The objects shared by several templates, each with the table that
/// describes it (the other tables only name it).
const OWN_TABLES: &[(&str, &str)] = &[
    ("CaseSummary", "case-summary"),
    ("ThemeLink", "case"),
    ("IndicatorSummary", "indicator-summary"),
    ("AgreementData", "agreement-summary"),
    ("ActionData", "action-summary"),
    ("PlaceData", "action-summary"),
    ("AgreementLink", "action-summary"),
    ("Facet", "facet"),
    ("FacetTerm", "facet"),
    ("Pagination", "pagination"),
    ("PageLink", "pagination"),
    ("Heading", "case"),
    ("StatusCount", "dimension"),
    ("ProgressRow", "progress"),
    ("PracticeCard", "network"),
    ("MemberData", "network"),
];

/// The fields an object has from the summary it starts with (flattened
/// into it), which the summary's own table lists.
fn summary_fields_of(def: &str) -> Vec<String> {
    match def {
        "IndicatorFull" => field_names(&schemars::schema_for!(IndicatorSummary<'static>)),
        "AgreementFull" => field_names(&schemars::schema_for!(AgreementData<'static>)),
        _ => Vec::new(),
    }
}

/// The text of `docs/themes.md` (given as `text`) with every generated table
/// brought up to date; an error names a marker that is missing.
pub fn regenerate(text: &str) -> Result<String, String> {
    let mut out = text.to_string();
    for t in tables() {
        let open = format!("<!-- generated:{} -->", t.name);
        let close = format!("<!-- /generated:{} -->", t.name);
        let start = out
            .find(&open)
            .map(|i| i + open.len())
            .ok_or_else(|| format!("the marker `{open}` is missing"))?;
        let end = out[start..]
            .find(&close)
            .map(|i| start + i)
            .ok_or_else(|| format!("the marker `{close}` is missing after `{open}`"))?;
        out.replace_range(start..end, &format!("\n{}", t.markdown));
    }
    Ok(out)
}

/// The table of the data of `T`: one row per field (prefixed with
/// `prefix`), except the fields in `skip`, then a table for each kind of
/// object its fields hold.
fn table<T: JsonSchema>(name: &'static str, prefix: &str, skip: &[String]) -> Table {
    let schema = schemars::schema_for!(T);
    let root = schema.as_value();
    let defs = root.get("$defs").and_then(Value::as_object);
    let mut markdown = rows(root, prefix, skip);
    let mut seen: Vec<String> = Vec::new();
    let mut queue = refs(root);
    while let Some(def) = queue.first().cloned() {
        queue.remove(0);
        // Shared objects have their own table.
        let elsewhere = OWN_TABLES
            .iter()
            .any(|(d, table)| *d == def && *table != name);
        if seen.contains(&def) || elsewhere {
            continue;
        }
        let Some(schema) = defs.and_then(|d| d.get(&def)) else {
            continue;
        };
        let title = description(schema);
        markdown.push_str(&format!(
            "\n{} (`{}`):\n\n",
            title.trim_end_matches('.'),
            def
        ));
        markdown.push_str(&rows(schema, "", &summary_fields_of(&def)));
        queue.extend(refs(schema));
        seen.push(def);
    }
    Table { name, markdown }
}

/// The names of the fields of a schema.
fn field_names(schema: &Schema) -> Vec<String> {
    properties(schema.as_value())
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

fn properties(schema: &Value) -> Option<&Map<String, Value>> {
    schema.get("properties").and_then(Value::as_object)
}

/// The Markdown rows (with the header) of the fields of `schema`.
fn rows(schema: &Value, prefix: &str, skip: &[String]) -> String {
    let mut out = String::from("| field | type | description |\n| --- | --- | --- |\n");
    for (field, s) in properties(schema).into_iter().flatten() {
        if skip.contains(field) {
            continue;
        }
        out.push_str(&format!(
            "| `{prefix}{field}` | {} | {} |\n",
            type_name(s),
            cell(&description(s))
        ));
    }
    out
}

/// The description of a schema (its doc comment).
fn description(schema: &Value) -> String {
    schema
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .replace('\n', " ")
}

/// Text fit for a table cell: `|` escaped.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// The definitions a schema refers to, in order.
fn refs(schema: &Value) -> Vec<String> {
    let mut out = Vec::new();
    collect_refs(schema, &mut out);
    out
}

fn collect_refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            if let Some(r) = map.get("$ref").and_then(Value::as_str) {
                out.push(r.trim_start_matches("#/$defs/").to_string());
            }
            for (k, child) in map {
                if k != "$defs" {
                    collect_refs(child, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|c| collect_refs(c, out)),
        _ => {}
    }
}

/// The type of a field, in words for theme authors.
fn type_name(schema: &Value) -> String {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        return object_name(r);
    }
    if let Some(Value::Array(options)) = schema.get("anyOf") {
        let names: Vec<String> = options.iter().map(type_name).collect();
        return names.join(" or ");
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => return "object".into(),
    };
    let words: Vec<String> = types
        .iter()
        .map(|t| match *t {
            "string" => "text".to_string(),
            "integer" | "number" => "number".to_string(),
            "boolean" => "true/false".to_string(),
            "null" => "null".to_string(),
            "array" => format!(
                "list of {}",
                plural(&schema.get("items").map(type_name).unwrap_or_default())
            ),
            _ => "object".to_string(),
        })
        .collect();
    words.join(" or ")
}

/// The name of the object a reference points to.
fn object_name(reference: &str) -> String {
    match reference.trim_start_matches("#/$defs/") {
        "CaseSummary" => "case summary".into(),
        "IndicatorSummary" => "indicator summary".into(),
        "AgreementData" => "agreement summary".into(),
        "ActionData" => "action summary".into(),
        "Facet" => "facet".into(),
        "Pagination" => "pagination".into(),
        def => format!("object (`{def}`)"),
    }
}

/// The plural of a type name, for `list of …`.
fn plural(name: &str) -> String {
    match name {
        "text" => "texts".into(),
        "number" => "numbers".into(),
        "object" => "objects".into(),
        other => match (other.strip_prefix("object "), other.strip_suffix("summary")) {
            (Some(rest), _) => format!("objects {rest}"),
            (None, Some(stem)) => format!("{stem}summaries"),
            (None, None) => format!("{other}s"),
        },
    }
}

//! The JSON Schemas of `docs/schemas/` are the ones memoria writes from its
//! field tables, every file of the bundled site passes its schema, and wrong
//! files do not.
//!
//! After a change of the tables: `MEMORIA_UPDATE_DOCS=1 cargo test --test schemas`.

mod common;

use std::path::{Path, PathBuf};

use memoria::content::schema;
use memoria::content::types::{ContentType, Layout, TYPES};
use serde_json::Value;

fn schema_dir() -> PathBuf {
    common::repo_root().join("docs/schemas")
}

#[test]
fn the_schema_files_are_the_ones_memoria_writes() {
    let update = std::env::var("MEMORIA_UPDATE_DOCS").as_deref() == Ok("1");
    for (name, text) in schema::all() {
        let path = schema_dir().join(&name);
        if update {
            std::fs::write(&path, &text).unwrap();
            continue;
        }
        let written = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            written == text,
            "docs/schemas/{name} is out of date; run `MEMORIA_UPDATE_DOCS=1 cargo test --test schemas` to rewrite it"
        );
    }
}

#[test]
fn every_schema_is_valid_draft_2020_12() {
    for (name, text) in schema::all() {
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            value["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{name}"
        );
        jsonschema::meta::validate(&value).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

/// The validator of content type `t` (the text of its file in
/// `docs/schemas/`, which the first test keeps equal).
fn validator(t: &ContentType) -> jsonschema::Validator {
    let value: Value = serde_json::from_str(&schema::to_text(&schema::of_type(t))).unwrap();
    jsonschema::draft202012::new(&value).unwrap()
}

/// The YAML that a schema checks in the file `path`: the whole file, or the
/// front matter of a Markdown file.
fn yaml_of(t: &ContentType, path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    match t.layout {
        Layout::Markdown => memoria::frontmatter::split(&text).unwrap().yaml.to_string(),
        _ => text,
    }
}

fn to_json(yaml: &str) -> Value {
    serde_yaml::from_str::<Value>(yaml).unwrap()
}

/// The files of content type `t` in the bundled site.
fn files_of(t: &ContentType) -> Vec<PathBuf> {
    let path = common::repo_root().join(t.path());
    if t.layout == Layout::Single {
        return vec![path];
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&path)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let ext = p.extension().and_then(|e| e.to_str());
            match t.layout {
                Layout::Markdown => ext == Some("md"),
                _ => ext == Some("yaml"),
            }
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_file_of_the_bundled_site_passes_its_schema() {
    let mut checked = 0;
    for t in TYPES {
        let validator = validator(t);
        let files = files_of(t);
        assert!(!files.is_empty(), "the bundled site has {}", t.name);
        for file in files {
            let value = to_json(&yaml_of(t, &file));
            let errors: Vec<String> = validator
                .iter_errors(&value)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
            checked += 1;
        }
    }
    assert!(checked > 50, "{checked} files checked");
}

fn type_named(name: &str) -> &'static ContentType {
    TYPES.iter().find(|t| t.name == name).unwrap()
}

/// The errors of the schema of `t` on `yaml`.
fn schema_errors(t: &ContentType, yaml: &str) -> Vec<String> {
    validator(t)
        .iter_errors(&to_json(yaml))
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn bundled(rel: &str) -> String {
    std::fs::read_to_string(common::repo_root().join(rel)).unwrap()
}

#[test]
fn an_unknown_value_of_a_closed_list_fails() {
    let cases = type_named("cases");
    let front = memoria::frontmatter::split(&bundled("content/cases/lima.es.md"))
        .unwrap()
        .yaml
        .to_string();
    assert!(schema_errors(cases, &front).is_empty());
    let wrong = front.replacen("scale: ", "scale: planetary\nx_scale: ", 1);
    let errors = schema_errors(cases, &wrong);
    assert!(errors.iter().any(|e| e.contains("/scale")), "{errors:?}");
    let agreement = bundled("content/agreements/quito-twinning.yaml");
    let wrong = agreement.replacen("status: ", "status: signed\nx_status: ", 1);
    let errors = schema_errors(type_named("agreements"), &wrong);
    assert!(errors.iter().any(|e| e.contains("/status")), "{errors:?}");
}

#[test]
fn a_missing_required_field_fails_and_a_missing_optional_one_does_not() {
    let indicators = type_named("indicators");
    let text = bundled("content/indicators/people-trained.yaml");
    assert!(schema_errors(indicators, &text).is_empty());
    let mut value: serde_yaml::Mapping = serde_yaml::from_str(&text).unwrap();
    value.remove("periodicity");
    let errors = schema_errors(indicators, &serde_yaml::to_string(&value).unwrap());
    assert!(
        errors.iter().any(|e| e.contains("periodicity")),
        "{errors:?}"
    );
    // `unit` is required for a quantitative indicator only.
    let mut value: serde_yaml::Mapping = serde_yaml::from_str(&text).unwrap();
    value.remove("unit");
    let errors = schema_errors(indicators, &serde_yaml::to_string(&value).unwrap());
    assert!(errors.iter().any(|e| e.contains("unit")), "{errors:?}");
    let qualitative = bundled("content/indicators/coordination-quality.yaml");
    let mut value: serde_yaml::Mapping = serde_yaml::from_str(&qualitative).unwrap();
    assert!(value.get("unit").is_none());
    assert!(schema_errors(indicators, &qualitative).is_empty());
    value.remove("quality");
    assert!(schema_errors(indicators, &serde_yaml::to_string(&value).unwrap()).is_empty());
}

#[test]
fn a_misspelt_field_fails() {
    let pages = type_named("pages");
    let errors = schema_errors(pages, "title: About\nsumary: typo\n");
    assert!(errors.iter().any(|e| e.contains("sumary")), "{errors:?}");
    assert!(schema_errors(pages, "title: About\nsummary: fine\n").is_empty());
}

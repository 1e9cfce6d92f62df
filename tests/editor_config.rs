//! The browser editor's configuration (`config.yml` of Decap CMS) is made
//! from the field tables: every field of every content type is there with
//! the widget its kind calls for and the `required` flag the loader applies
//! (checked against the real loader by taking each field out of a bundled
//! file), one collection per content type, the site's languages.

mod common;

use std::path::{Path, PathBuf};

use memoria::content::data_file::{self, DataItem};
use memoria::content::files::{Kind as FileKind, SourceFile};
use memoria::content::markdown_file::{self, Meta};
use memoria::content::types::{ContentType, Layout, TYPES};
use memoria::content::{vocabulary, Action, Agreement, CaseMeta, Indicator, PageMeta, ReportMeta};
use memoria::diagnostics::{Diagnostic, Diagnostics};
use memoria::yaml::model::{Field, Kind, Need};
use serde_yaml::{Mapping, Value};

const LOCAL: &str = "http://localhost:8081/api/v1";

/// The configuration of the bundled site, parsed.
fn bundled_config() -> Value {
    let text = memoria::site_editor_config(&common::repo_root(), Some(LOCAL))
        .unwrap_or_else(|d| panic!("the bundled site loads: {d:?}"));
    serde_yaml::from_str(&text).expect("config.yml is YAML")
}

fn collection<'v>(config: &'v Value, name: &str) -> &'v Value {
    config["collections"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no collection {name}"))
}

/// The editor fields of content type `t` in `config`.
fn fields_of<'v>(config: &'v Value, t: &ContentType) -> &'v Vec<Value> {
    let c = collection(config, t.name);
    let fields = match t.layout {
        Layout::Single => &c["files"][0]["fields"],
        _ => &c["fields"],
    };
    fields.as_sequence().unwrap()
}

fn named<'v>(fields: &'v [Value], name: &str) -> Option<&'v Value> {
    fields.iter().find(|f| f["name"] == name)
}

/// The widget Decap shows for a value of `kind`, with `multiple` for lists
/// of choices.
fn expected_widget(kind: &Kind) -> (&'static str, bool) {
    match kind {
        Kind::Line
        | Kind::Period
        | Kind::Link
        | Kind::Id
        | Kind::Slug
        | Kind::Measure
        | Kind::SdgTarget
        | Kind::Email => ("string", false),
        Kind::Paragraph => ("text", false),
        Kind::Integer | Kind::Number => ("number", false),
        Kind::Bool => ("boolean", false),
        Kind::Date => ("datetime", false),
        Kind::Choice(_)
        | Kind::Country
        | Kind::Currency
        | Kind::Sdg
        | Kind::Theme
        | Kind::Scale { .. } => ("select", false),
        Kind::Ref(_) => ("relation", false),
        Kind::Texts(_) | Kind::Name | Kind::Object(_) | Kind::Keyed(_) | Kind::Breakdown => {
            ("object", false)
        }
        Kind::List(inner) => match expected_widget(inner) {
            ("select", _) => ("select", true),
            ("relation", _) => ("relation", true),
            _ => ("list", false),
        },
    }
}

/// Checks field `f` (at `path`) against its editor widget `w`, and its
/// sub-fields; returns how many fields were checked.
fn check_field(f: &Field, w: &Value, path: &str, languages: &[&str]) -> usize {
    check_field_in(f, w, path, languages, None)
}

/// The name of the optional object (not a list) that holds field `f`, if
/// any: Decap checks the fields of an object even when it is left empty,
/// so what such an object requires is required only when it is written.
fn optional_parent(f: &Field) -> Option<&'static str> {
    (matches!(f.kind, Kind::Object(_)) && f.need != Need::Required).then_some(f.name)
}

fn check_field_in(
    f: &Field,
    w: &Value,
    path: &str,
    languages: &[&str],
    within_optional: Option<&str>,
) -> usize {
    let (widget, multiple) = expected_widget(&f.kind);
    assert_eq!(w["widget"], widget, "{path}: widget");
    if multiple {
        assert_eq!(w["multiple"], true, "{path}: several values");
    }
    assert_eq!(
        w["required"].as_bool(),
        Some(f.need == Need::Required && within_optional.is_none()),
        "{path}: required"
    );
    if let (Need::Required, Some(parent)) = (f.need, within_optional) {
        let hint = w["hint"].as_str().unwrap();
        assert!(
            hint.contains(&format!("Required when {parent} is written")),
            "{path}: {hint}"
        );
    }
    if let Need::RequiredWhen(when) = f.need {
        let hint = w["hint"].as_str().unwrap();
        assert!(hint.contains(&when.to_string()), "{path}: {hint}");
    }
    let mut checked = 1;
    let mut kind = f.kind;
    if let Kind::List(inner) = kind {
        kind = *inner;
    }
    match kind {
        Kind::Object(sub) => {
            let ws = w["fields"].as_sequence().unwrap();
            assert_eq!(ws.len(), sub.len(), "{path}: sub-fields");
            for s in sub {
                let sw = named(ws, s.name).unwrap_or_else(|| panic!("{path}.{}", s.name));
                checked += check_field_in(
                    s,
                    sw,
                    &format!("{path}.{}", s.name),
                    languages,
                    optional_parent(f),
                );
            }
        }
        Kind::Texts(inner) => {
            // A list of texts per language (`commitments`) is a list whose
            // one item is the object of the languages.
            let w = if w["widget"] == "list" {
                &w["field"]
            } else {
                w
            };
            let ws = w["fields"].as_sequence().unwrap();
            let names: Vec<&str> = ws.iter().map(|w| w["name"].as_str().unwrap()).collect();
            assert_eq!(names, languages, "{path}: one input per language");
            let (inner_widget, _) = expected_widget(inner);
            assert!(ws.iter().all(|w| w["widget"] == inner_widget), "{path}");
        }
        Kind::Name => {
            // One input per language, as for texts; only the default
            // language's is required (a name may be the same in every
            // language), and only when the name itself is.
            let w = if w["widget"] == "list" {
                &w["field"]
            } else {
                w
            };
            let ws = w["fields"].as_sequence().unwrap();
            let names: Vec<&str> = ws.iter().map(|w| w["name"].as_str().unwrap()).collect();
            assert_eq!(names, languages, "{path}: one input per language");
            assert!(ws.iter().all(|w| w["widget"] == "string"), "{path}");
            let required: Vec<bool> = ws.iter().map(|w| w["required"] == true).collect();
            let mut expected = vec![false; languages.len()];
            expected[0] = f.need == Need::Required && within_optional.is_none()
                || matches!(f.kind, Kind::List(_));
            assert_eq!(
                required, expected,
                "{path}: only the default language is required"
            );
        }
        Kind::Keyed(sub) => {
            for theme in w["fields"].as_sequence().unwrap() {
                let ws = theme["fields"].as_sequence().unwrap();
                for s in sub {
                    let sw = named(ws, s.name).unwrap();
                    checked += check_field(s, sw, &format!("{path}.<id>.{}", s.name), languages);
                }
            }
        }
        _ => {}
    }
    checked
}

#[test]
fn every_field_of_every_content_type_has_its_widget_and_required_flag() {
    let config = bundled_config();
    let mut checked = 0;
    for t in TYPES {
        let widgets = fields_of(&config, t);
        let declared: Vec<&Field> = t.tables.iter().flat_map(|f| f.iter()).collect();
        let extra = usize::from(t.layout == Layout::Markdown);
        assert_eq!(
            widgets.len(),
            declared.len() + extra,
            "{}: the editor has the declared fields (and the text of Markdown files)",
            t.name
        );
        for f in declared {
            let w = named(widgets, f.name)
                .unwrap_or_else(|| panic!("{}: no editor field {}", t.name, f.name));
            checked += check_field(f, w, &format!("{}.{}", t.name, f.name), &["es", "en"]);
        }
    }
    assert!(checked > 90, "{checked} fields checked");
}

#[test]
fn closed_lists_are_selects_labelled_in_the_default_language() {
    let config = bundled_config();
    let cases = fields_of(&config, &TYPES[0]);
    let scale = named(cases, "scale").unwrap();
    assert_eq!(scale["label"], "Escala");
    // The theme's word when it has one, else the field's name.
    assert_eq!(named(cases, "draft").unwrap()["label"], "Borrador");
    assert_eq!(named(cases, "title").unwrap()["label"], "Title");
    let options = scale["options"].as_sequence().unwrap();
    let values: Vec<&str> = options
        .iter()
        .map(|o| o["value"].as_str().unwrap())
        .collect();
    assert_eq!(values, ["local", "regional", "international"]);
    assert_eq!(options[2]["label"], "Internacional");
    let sdgs = named(cases, "sdgs").unwrap()["options"]
        .as_sequence()
        .unwrap();
    assert_eq!(sdgs.len(), 17);
    assert_eq!(sdgs[10]["value"], 11);
    assert!(sdgs[10]["label"]
        .as_str()
        .unwrap()
        .starts_with("11. Ciudades"));
    let country = named(cases, "country").unwrap()["options"]
        .as_sequence()
        .unwrap();
    assert!(country.len() > 240);
    assert!(country
        .iter()
        .any(|o| o["value"] == "MX" && o["label"] == "México (MX)"));
    let themes = named(cases, "themes").unwrap()["options"]
        .as_sequence()
        .unwrap();
    let vocabulary: Mapping = serde_yaml::from_str(
        &std::fs::read_to_string(common::repo_root().join("content/vocabulary.yaml")).unwrap(),
    )
    .unwrap();
    let ids: Vec<&Value> = vocabulary["themes"].as_mapping().unwrap().keys().collect();
    let offered: Vec<&Value> = themes.iter().map(|o| &o["value"]).collect();
    assert_eq!(offered.len(), ids.len());
    assert!(ids.iter().all(|id| offered.contains(id)), "{offered:?}");
    let indicators = named(cases, "indicators").unwrap();
    assert_eq!(indicators["collection"], "indicators");
    assert_eq!(indicators["value_field"], "{{slug}}");
    let date = named(cases, "date").unwrap();
    assert_eq!(date["time_format"], false);
    assert_eq!(date["format"], "YYYY-MM-DD");
}

#[test]
fn markdown_types_are_edited_side_by_side_and_a_new_case_starts_with_the_fiche() {
    let config = bundled_config();
    assert_eq!(config["i18n"]["structure"], "multiple_files");
    assert_eq!(config["i18n"]["locales"], Value::from(vec!["es", "en"]));
    assert_eq!(config["i18n"]["default_locale"], "es");
    assert_eq!(config["locale"], "es");
    let cases = collection(&config, "cases");
    assert_eq!(cases["i18n"], true);
    assert_eq!(cases["folder"], "content/cases");
    assert_eq!(cases["extension"], "md");
    let fields = cases["fields"].as_sequence().unwrap();
    assert_eq!(named(fields, "title").unwrap()["i18n"], true);
    assert_eq!(named(fields, "country").unwrap()["i18n"], "duplicate");
    assert_eq!(named(fields, "date").unwrap()["i18n"], "duplicate");
    let body = named(fields, "body").unwrap();
    assert_eq!(body["widget"], "markdown");
    let start = body["default"].as_str().unwrap();
    assert!(start.starts_with("## Contexto\n"), "{start}");
    assert_eq!(start.matches("## ").count(), 7, "{start}");
    // Decap has one default for every language: the hint gives the
    // headings of the other languages.
    let hint = body["hint"].as_str().unwrap();
    assert!(
        hint.contains("in en: Context · What was done and by whom"),
        "{hint}"
    );
    for name in ["indicators", "agreements", "actions"] {
        let c = collection(&config, name);
        assert_eq!(c["extension"], "yaml", "{name}");
        assert_eq!(c["format"], "yml", "{name}");
        assert!(c.get("i18n").is_none(), "{name}");
    }
    assert_eq!(
        collection(&config, "vocabulary")["files"][0]["file"],
        "content/vocabulary.yaml"
    );
}

#[test]
fn the_configuration_is_yaml_with_one_collection_per_content_type() {
    let config = bundled_config();
    let names: Vec<&str> = config["collections"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    let types: Vec<&str> = TYPES.iter().map(|t| t.name).collect();
    assert_eq!(names, types);
    assert_eq!(
        names,
        [
            "cases",
            "pages",
            "reports",
            "indicators",
            "agreements",
            "actions",
            "vocabulary"
        ]
    );
    assert_eq!(config["local_backend"]["url"], LOCAL);
    // Decap uses the local backend only on the host names it is given (it
    // knows `localhost` and `127.0.0.1` by itself): every loopback name
    // `serve` answers on, `[::1]` included.
    let hosts: Vec<&str> = config["local_backend"]["allowed_hosts"]
        .as_sequence()
        .expect("allowed_hosts is a list")
        .iter()
        .map(|h| h.as_str().unwrap())
        .collect();
    assert_eq!(hosts, ["127.0.0.1", "localhost", "[::1]"]);
    assert_eq!(config["backend"]["name"], "git-gateway");
    assert_eq!(config["media_folder"], "static/media");
    assert_eq!(config["public_folder"], "/media");
    let online = memoria::site_editor_config(&common::repo_root(), None).unwrap();
    let online: Value = serde_yaml::from_str(&online).unwrap();
    assert!(online.get("local_backend").is_none());
    assert_eq!(online["backend"], config["backend"]);
    // Same sources, same bytes.
    assert_eq!(
        memoria::site_editor_config(&common::repo_root(), Some(LOCAL)).unwrap(),
        memoria::site_editor_config(&common::repo_root(), Some(LOCAL)).unwrap()
    );
}

#[test]
fn texts_per_language_give_one_input_per_language_of_a_three_language_site() {
    let site = common::Fixture::bundled();
    site.edit(
        "site.toml",
        "languages = [\"es\", \"en\"]",
        "languages = [\"es\", \"en\", \"fr\"]",
    );
    let text = memoria::site_editor_config(site.root(), None).unwrap_or_else(|d| panic!("{d:?}"));
    let config: Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(
        config["i18n"]["locales"],
        Value::from(vec!["es", "en", "fr"])
    );
    let indicators = collection(&config, "indicators")["fields"]
        .as_sequence()
        .unwrap();
    let name = named(indicators, "name").unwrap();
    let inputs = name["fields"].as_sequence().unwrap();
    let langs: Vec<&str> = inputs.iter().map(|w| w["name"].as_str().unwrap()).collect();
    assert_eq!(langs, ["es", "en", "fr"]);
    let labels: Vec<&str> = inputs
        .iter()
        .map(|w| w["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["Español", "English", "Français"]);
    // Only the default language is asked for: a missing translation is a
    // warning of the loader, not an error; nothing, for an optional text.
    let required = |w: &Value| -> Vec<bool> {
        w["fields"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|w| w["required"].as_bool().unwrap())
            .collect()
    };
    assert_eq!(required(name), [true, false, false]);
    assert_eq!(
        required(named(indicators, "unit").unwrap()),
        [false, false, false]
    );
    let checked: usize = TYPES
        .iter()
        .flat_map(|t| {
            let widgets = fields_of(&config, t).clone();
            t.tables
                .iter()
                .flat_map(|f| f.iter())
                .map(move |f| {
                    check_field(
                        f,
                        named(&widgets, f.name).unwrap(),
                        f.name,
                        &["es", "en", "fr"],
                    )
                })
                .collect::<Vec<_>>()
        })
        .sum();
    assert!(checked > 90);
}

// ---- the required flags against the real loader ----

fn languages() -> Vec<String> {
    vec!["es".into(), "en".into()]
}

/// A presented report with a correction (the bundled reports have none).
const CORRECTED_REPORT: &str = "---\ntitle: Informe\nlegislature: Concejo\npresented: 2025-07-15\nerrata:\n  - { date: 2025-08-01, description: \"Se corrigió una cifra.\" }\n---\n\nTexto.\n";

/// The files of content type `t` to take fields out of: (path, text).
fn samples(t: &ContentType) -> Vec<(PathBuf, String)> {
    let root = common::repo_root();
    let mut out = Vec::new();
    if t.layout == Layout::Single {
        let rel = PathBuf::from(t.path());
        out.push((
            rel.clone(),
            std::fs::read_to_string(root.join(rel)).unwrap(),
        ));
        return out;
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(t.path()))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for p in paths {
        let rel = p.strip_prefix(&root).unwrap().to_path_buf();
        out.push((rel, std::fs::read_to_string(&p).unwrap()));
    }
    if t.name == "reports" {
        out.push((
            PathBuf::from("content/reports/2024-S1.es.md"),
            CORRECTED_REPORT.into(),
        ));
    }
    if t.name == "agreements" {
        // No bundled agreement links to its documents.
        let rel = PathBuf::from("content/agreements/quito-twinning.yaml");
        let text = std::fs::read_to_string(root.join(&rel)).unwrap();
        out.push((
            rel,
            format!("{text}documents: [\"https://example.org/a.pdf\"]\n"),
        ));
    }
    if t.name == "actions" {
        // No bundled action has goals or themes.
        let rel = PathBuf::from("content/actions/2025-05-lima-visit.yaml");
        let text = std::fs::read_to_string(root.join(&rel)).unwrap();
        out.push((
            rel,
            format!("{text}sdgs: [17]\nthemes: [international-strategy]\n"),
        ));
    }
    if t.name == "cases" {
        // No bundled case names its indicators.
        let rel = PathBuf::from("content/cases/lima.es.md");
        let text = std::fs::read_to_string(root.join(&rel)).unwrap();
        let with = text.replacen("---\n", "---\nindicators: [people-trained]\n", 1);
        out.push((rel, with));
    }
    for (field, line) in [("draft", "draft: false"), ("slug", "slug: a-slug")] {
        let has = |text: &str| text.contains(&format!("\n{field}:"));
        if t.layout == Layout::Markdown && !out.iter().any(|(_, text)| has(text)) {
            let (rel, text) = out[0].clone();
            out.push((rel, text.replacen("---\n", &format!("---\n{line}\n"), 1)));
        }
    }
    out
}

/// The errors of the real loader of `t` on `text` (the file `rel`).
fn loader_errors(t: &ContentType, rel: &Path, text: String) -> Vec<Diagnostic> {
    fn markdown<M: Meta>(kind: FileKind, rel: &Path, text: String) -> Vec<Diagnostic> {
        let name = rel.file_name().unwrap().to_string_lossy().into_owned();
        let mut parts = name.split('.');
        let file = SourceFile {
            kind,
            abs: common::repo_root().join(rel),
            rel: rel.to_path_buf(),
            id: parts.next().unwrap().into(),
            lang: parts.next().unwrap().into(),
        };
        markdown_file::parse::<M>(&file, text, &languages()).1
    }
    fn data<T: DataItem>(rel: &Path, text: String) -> Vec<Diagnostic> {
        let id = rel.file_stem().unwrap().to_string_lossy().into_owned();
        data_file::parse::<T>(&id, rel.to_path_buf(), text, &languages()).1
    }
    let all = match t.name {
        "cases" => markdown::<CaseMeta>(FileKind::Case, rel, text),
        "pages" => markdown::<PageMeta>(FileKind::Page, rel, text),
        "reports" => markdown::<ReportMeta>(FileKind::Report, rel, text),
        "indicators" => data::<Indicator>(rel, text),
        "agreements" => data::<Agreement>(rel, text),
        "actions" => data::<Action>(rel, text),
        "vocabulary" => {
            let mut diags = Diagnostics::new();
            vocabulary::parse(rel, &text, &languages(), &mut diags);
            diags.into_iter().collect()
        }
        other => panic!("a loader for {other} is missing here"),
    };
    all.into_iter().filter(Diagnostic::is_error).collect()
}

/// The YAML of a file (the front matter of a Markdown file) and what
/// surrounds it.
fn split(t: &ContentType, text: &str) -> (String, String) {
    match t.layout {
        Layout::Markdown => {
            let s = memoria::frontmatter::split(text).unwrap();
            (s.yaml.to_string(), s.body.to_string())
        }
        _ => (text.to_string(), String::new()),
    }
}

fn join(t: &ContentType, yaml: &str, body: &str) -> String {
    match t.layout {
        Layout::Markdown => format!("---\n{yaml}---\n{body}"),
        _ => yaml.to_string(),
    }
}

/// Removes the field at the end of `steps` (from the first item of a list
/// that has it, and the first entry of keyed sets); false when it is not
/// there.
fn remove(node: &mut Value, steps: &[&str]) -> bool {
    if let Value::Sequence(items) = node {
        return items.iter_mut().any(|n| remove(n, steps));
    }
    let Some(map) = node.as_mapping_mut() else {
        return false;
    };
    let [first, rest @ ..] = steps else {
        return false;
    };
    if !map.contains_key(*first) {
        // A set keyed by id (the vocabulary's themes): go into its first entry.
        return map
            .values_mut()
            .next()
            .is_some_and(|n| n.is_mapping() && remove(n, steps));
    }
    if rest.is_empty() {
        map.remove(*first);
        return true;
    }
    remove(map.get_mut(*first).unwrap(), rest)
}

/// Fields with their paths (`errata.date`), nested ones included.
fn all_fields(
    fields: &'static [Field],
    prefix: &str,
    within_optional: Option<&'static str>,
    out: &mut Vec<(String, &'static Field, Option<&'static str>)>,
) {
    for f in fields {
        let path = if prefix.is_empty() {
            f.name.to_string()
        } else {
            format!("{prefix}.{}", f.name)
        };
        out.push((path.clone(), f, within_optional));
        let mut kind = f.kind;
        if let Kind::List(inner) = kind {
            kind = *inner;
        }
        if let Kind::Object(sub) | Kind::Keyed(sub) = kind {
            all_fields(sub, &path, optional_parent(f), out);
        }
    }
}

/// The editor widget at `path` of content type `t`.
fn widget_at<'v>(config: &'v Value, t: &ContentType, path: &str) -> &'v Value {
    let mut ws = fields_of(config, t);
    let mut w = None;
    for step in path.split('.') {
        let found = match named(ws, step) {
            Some(found) => found,
            // The sets of a keyed field: one per id.
            None => named(ws[0]["fields"].as_sequence().unwrap(), step).unwrap(),
        };
        w = Some(found);
        if let Some(sub) = found["fields"].as_sequence() {
            ws = sub;
        }
    }
    w.unwrap()
}

#[test]
fn the_editor_requires_exactly_what_the_loader_requires() {
    let config = bundled_config();
    let mut tried = 0;
    for t in TYPES {
        let mut fields = Vec::new();
        for table in t.tables {
            all_fields(table, "", None, &mut fields);
        }
        let samples = samples(t);
        for (rel, text) in &samples {
            assert!(
                loader_errors(t, rel, text.clone()).is_empty(),
                "{} loads without errors",
                rel.display()
            );
        }
        for (path, field, within_optional) in fields {
            let w = widget_at(&config, t, &path);
            let says_required = w["required"].as_bool().unwrap();
            let steps: Vec<&str> = path.split('.').collect();
            let mut outcomes = Vec::new();
            for (rel, text) in &samples {
                let (yaml, body) = split(t, text);
                let mut value: Value = serde_yaml::from_str(&yaml).unwrap();
                if !remove(&mut value, &steps) {
                    continue;
                }
                let new = join(t, &serde_yaml::to_string(&value).unwrap(), &body);
                let errors = loader_errors(t, rel, new);
                outcomes.push((rel.clone(), errors));
            }
            assert!(
                !outcomes.is_empty(),
                "{}: no bundled file has `{path}` to take out",
                t.name
            );
            for (rel, errors) in &outcomes {
                match field.need {
                    Need::Required => assert!(
                        errors.iter().any(|e| e.message.contains(field.name)),
                        "{}: without `{path}` the loader must refuse it, as the editor requires it: {errors:?}",
                        rel.display()
                    ),
                    // An indicator's `breakdowns` are optional, but the
                    // observations that name them need them: without them
                    // those observations are refused, as they must be.
                    // Likewise, an observation without its `breakdown` is
                    // the total, which the file already has.
                    Need::Optional if path == "breakdowns" || path == "observations.breakdown" => assert!(
                        errors.iter().all(|e| e.message.contains("declares no `breakdowns`") || e.message.contains("is measured twice")),
                        "{}: {errors:?}",
                        rel.display()
                    ),
                    Need::Optional => assert!(
                        errors.is_empty(),
                        "{}: `{path}` is optional in the editor, yet the loader refuses the file without it: {errors:?}",
                        rel.display()
                    ),
                    Need::RequiredWhen(_) => {}
                }
            }
            if let Need::RequiredWhen(when) = field.need {
                // Required in the files where the condition holds only.
                assert!(!says_required, "{path}");
                let (holds, not): (Vec<_>, Vec<_>) = outcomes.iter().partition(|(rel, _)| {
                    let text = &samples.iter().find(|(r, _)| r == rel).unwrap().1;
                    text.contains(&format!("{}: {}", when.field, when.value))
                });
                assert!(!holds.is_empty(), "{path}: a file where {when}");
                assert!(
                    holds.iter().all(|(_, e)| !e.is_empty()),
                    "{path}: {holds:?}"
                );
                assert!(not.iter().all(|(_, e)| e.is_empty()), "{path}: {not:?}");
            } else {
                // Inside an optional object, the editor asks for a field
                // only when the object is written (see `optional_parent`);
                // the loader refuses the object without it (above).
                assert_eq!(
                    says_required,
                    field.need == Need::Required && within_optional.is_none(),
                    "{path}"
                );
            }
            tried += 1;
        }
    }
    assert!(tried > 80, "{tried} fields tried");
}

// ---- what the editor writes, the loader reads ----

#[test]
fn a_number_the_editor_writes_as_text_is_read_as_a_number() {
    // The value of an indicator is a number or a level of its scale, so the
    // editor's input is a text, and Decap writes "180" between quotes.
    let site = common::Fixture::new(&["es", "en"]);
    let text = common::indicator_text()
        .replace("value: 180", "value: \"180\"")
        .replace("value: 1500", "value: \"1500.5\"");
    site.write("content/indicators/people.yaml", &text);
    let out = site.run(&["check"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    // A text with anything else than a number is still refused, where it is.
    site.write(
        "content/indicators/people.yaml",
        &common::indicator_text().replace("value: 420", "value: \"420 people\""),
    );
    let (error, help) = common::only_error_and_help(&site.run(&["check"]));
    assert!(
        error.starts_with(
            "error: content/indicators/people.yaml:18:33: `observations[1].value` must be a number, not the text \"420 people\""
        ),
        "{error}"
    );
    assert!(help.contains("digits with a dot"), "{help}");
}

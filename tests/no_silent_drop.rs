//! No content item vanishes in silence: for every field the loaders read, of
//! every content type (cases, pages and reports front matter, indicators with
//! their observations, agreements, actions, the vocabulary), whatever value
//! it is given (empty, null, wrong type, list, map, very long text…), either
//! the item loads or there is at least one error naming its file, and nothing
//! panics. The fields are enumerated by the loaders themselves
//! (`fields_read`), from the bundled example files.

mod common;

use std::path::{Path, PathBuf};

use memoria::content::data_file::{self, DataItem};
use memoria::content::files::{Kind, SourceFile};
use memoria::content::markdown_file::{self, Meta};
use memoria::content::{vocabulary, Action, Agreement, CaseMeta, Indicator, PageMeta, ReportMeta};
use memoria::diagnostics::{Diagnostic, Diagnostics};
use proptest::prelude::*;
use serde_yaml::{Mapping, Value};

fn languages() -> Vec<String> {
    vec!["es".into(), "en".into()]
}

/// The bundled example file `rel`.
fn example(rel: &str) -> String {
    std::fs::read_to_string(common::repo_root().join(rel)).unwrap()
}

/// The values every field is tried with.
fn fixed_values() -> Vec<Value> {
    let y = |s: &str| serde_yaml::from_str::<Value>(s).unwrap();
    vec![
        Value::Null,
        Value::String(String::new()),
        Value::String("   ".into()),
        Value::String("x".repeat(20_000)),
        Value::String("a: b # c".into()),
        y("0"),
        y("-1"),
        y("1.0e300"),
        y("true"),
        y("[]"),
        y("[1, x, null, [2]]"),
        y("{}"),
        y("{a: 1}"),
        y("{es: '', en: null}"),
        y("{period: 2025, value: null}"),
        y("[[[[[[[[[[[[1]]]]]]]]]]]]"),
    ]
}

/// One step of a field path: a key or a list index.
enum Step {
    Key(String),
    Index(usize),
}

/// Splits `observations[1].value` into its steps.
fn steps(path: &str) -> Vec<Step> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, rest) = part.split_once('[').unwrap_or((part, ""));
        if !key.is_empty() {
            out.push(Step::Key(key.to_string()));
        }
        for index in rest.split('[').filter(|s| !s.is_empty()) {
            out.push(Step::Index(index.trim_end_matches(']').parse().unwrap()));
        }
    }
    out
}

/// Sets the value at `path` (adding the key where it is absent).
fn set(root: &mut Value, path: &str, value: Value) {
    let mut node = root;
    for step in steps(path) {
        node = match step {
            Step::Key(k) => {
                if !node.is_mapping() {
                    *node = Value::Mapping(Mapping::new());
                }
                node.as_mapping_mut()
                    .unwrap()
                    .entry(Value::String(k))
                    .or_insert(Value::Null)
            }
            Step::Index(i) => match node.as_sequence_mut() {
                Some(seq) if i < seq.len() => &mut seq[i],
                _ => return,
            },
        };
    }
    *node = value;
}

/// The text of a YAML file with the field at `path` set to `value`.
fn mutated(yaml: &str, path: &str, value: &Value) -> String {
    let mut root: Value = serde_yaml::from_str(yaml).unwrap();
    set(&mut root, path, value.clone());
    serde_yaml::to_string(&root).unwrap()
}

/// Asserts the rule for one loaded file.
fn assert_not_dropped(loaded: bool, diagnostics: &[Diagnostic], rel: &Path, what: &str) {
    let explained = diagnostics.iter().any(|d| d.is_error() && d.path == rel);
    assert!(
        loaded || explained,
        "{what}: {} vanished without an error: {diagnostics:?}",
        rel.display()
    );
}

/// A Markdown content type: its example file and kind.
fn markdown_case<M: Meta>(kind: Kind, rel: &str, path: &str, value: &Value) {
    let text = example(rel);
    let split = memoria::frontmatter::split(&text).unwrap();
    let yaml = mutated(split.yaml, path, value);
    let new = format!("---\n{yaml}---\n{}", split.body);
    let name = Path::new(rel)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let mut parts = name.split('.');
    let file = SourceFile {
        kind,
        abs: common::repo_root().join(rel),
        rel: PathBuf::from(rel),
        id: parts.next().unwrap().into(),
        lang: parts.next().unwrap().into(),
    };
    let (doc, diagnostics) = markdown_file::parse::<M>(&file, new, &languages());
    assert_not_dropped(
        doc.is_some(),
        &diagnostics,
        &file.rel,
        &format!("{path} = {value:?}"),
    );
}

fn markdown_fields<M: Meta>(kind: Kind, rel: &str) -> Vec<String> {
    let file = SourceFile {
        kind,
        abs: common::repo_root().join(rel),
        rel: PathBuf::from(rel),
        id: "x".into(),
        lang: "es".into(),
    };
    markdown_file::fields_read::<M>(&file, example(rel), &languages())
}

fn data_case<T: DataItem>(rel: &str, path: &str, value: &Value) {
    let new = mutated(&example(rel), path, value);
    let (item, diagnostics) =
        data_file::parse::<T>("example", PathBuf::from(rel), new, &languages());
    assert_not_dropped(
        item.is_some(),
        &diagnostics,
        Path::new(rel),
        &format!("{path} = {value:?}"),
    );
}

fn data_fields<T: DataItem>(rel: &str) -> Vec<String> {
    data_file::fields_read::<T>("example", PathBuf::from(rel), example(rel), &languages())
}

const VOCABULARY: &str = "content/vocabulary.yaml";

fn vocabulary_case(path: &str, value: &Value) {
    let new = mutated(&example(VOCABULARY), path, value);
    let mut diags = Diagnostics::new();
    let (vocabulary, _) = vocabulary::parse(Path::new(VOCABULARY), &new, &languages(), &mut diags);
    let written: Value = serde_yaml::from_str(&new).unwrap();
    let diagnostics: Vec<Diagnostic> = diags.into_iter().collect();
    if let Some(themes) = written.get("themes").and_then(Value::as_mapping) {
        for id in themes.keys() {
            let loaded = id
                .as_str()
                .is_some_and(|id| vocabulary.themes.contains_key(id));
            assert_not_dropped(
                loaded,
                &diagnostics,
                Path::new(VOCABULARY),
                &format!("{path} = {value:?}, theme {id:?}"),
            );
        }
    }
}

fn vocabulary_fields() -> Vec<String> {
    let mut diags = Diagnostics::new();
    vocabulary::parse(
        Path::new(VOCABULARY),
        &example(VOCABULARY),
        &languages(),
        &mut diags,
    )
    .1
}

const CASE: &str = "content/cases/lima.es.md";
const PAGE: &str = "content/pages/about.es.md";
const REPORT: &str = "content/reports/2025-S1.es.md";
const QUANTITATIVE: &str = "content/indicators/people-trained.yaml";
const QUALITATIVE: &str = "content/indicators/coordination-quality.yaml";
const AGREEMENT: &str = "content/agreements/quito-twinning.yaml";
const ACTION: &str = "content/actions/2025-05-lima-visit.yaml";

/// Every (file, field) pair, each field as the loaders enumerate it.
fn all_fields() -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let mut add = |file: &'static str, fields: Vec<String>| {
        assert!(!fields.is_empty(), "{file} has fields");
        out.extend(fields.into_iter().map(|f| (file, f)));
    };
    add(CASE, markdown_fields::<CaseMeta>(Kind::Case, CASE));
    add(PAGE, markdown_fields::<PageMeta>(Kind::Page, PAGE));
    add(REPORT, markdown_fields::<ReportMeta>(Kind::Report, REPORT));
    add(QUANTITATIVE, data_fields::<Indicator>(QUANTITATIVE));
    add(QUALITATIVE, data_fields::<Indicator>(QUALITATIVE));
    add(AGREEMENT, data_fields::<Agreement>(AGREEMENT));
    add(ACTION, data_fields::<Action>(ACTION));
    add(VOCABULARY, vocabulary_fields());
    out
}

/// Loads `file` with `path` set to `value` and checks the rule.
fn try_field(file: &str, path: &str, value: &Value) {
    match file {
        CASE => markdown_case::<CaseMeta>(Kind::Case, file, path, value),
        PAGE => markdown_case::<PageMeta>(Kind::Page, file, path, value),
        REPORT => markdown_case::<ReportMeta>(Kind::Report, file, path, value),
        QUANTITATIVE | QUALITATIVE => data_case::<Indicator>(file, path, value),
        AGREEMENT => data_case::<Agreement>(file, path, value),
        ACTION => data_case::<Action>(file, path, value),
        VOCABULARY => vocabulary_case(path, value),
        other => panic!("no loader for {other}"),
    }
}

#[test]
fn the_fields_include_nested_ones() {
    let fields: Vec<String> = all_fields().into_iter().map(|(_, f)| f).collect();
    for expected in [
        "place.city",
        "place.country",
        "baseline.value",
        "observations[1].value",
        "title",
        "themes",
    ] {
        assert!(
            fields.iter().any(|f| f == expected),
            "{expected} in {fields:?}"
        );
    }
}

#[test]
fn every_field_of_every_type_with_every_wrong_value_loads_or_is_an_error() {
    for (file, path) in all_fields() {
        for value in fixed_values() {
            try_field(file, &path, &value);
        }
    }
}

/// Any YAML value: scalars, lists and maps, nested a few levels.
fn any_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| Value::Number(n.into())),
        any::<f64>().prop_map(|n| Value::Number(n.into())),
        any::<String>().prop_map(Value::String),
        "[a-z0-9 :\\-]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Sequence),
            prop::collection::vec(("[a-z]{1,8}", inner), 0..4).prop_map(|kv| {
                Value::Mapping(kv.into_iter().map(|(k, v)| (Value::String(k), v)).collect())
            }),
        ]
    })
}

proptest! {
    #[test]
    fn any_value_in_any_field_loads_or_is_an_error(
        pick in any::<prop::sample::Index>(),
        value in any_value(),
    ) {
        let fields = all_fields();
        let (file, path) = &fields[pick.index(fields.len())];
        try_field(file, path, &value);
    }
}

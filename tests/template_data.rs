//! The data templates receive: the tables of `docs/themes.md` are those
//! the typed data generates, and the pages get exactly what the tables say.

mod common;

use std::collections::BTreeSet;

use common::{stderr, Fixture};
use serde_json::Value;

/// The path of the theme manual.
fn themes_doc() -> std::path::PathBuf {
    common::repo_root().join("docs/themes.md")
}

#[test]
fn themes_doc_tables_are_generated_from_the_types() {
    let path = themes_doc();
    let text = std::fs::read_to_string(&path).unwrap();
    let fresh = memoria::regenerate_theme_docs(&text).unwrap_or_else(|e| panic!("{e}"));
    if std::env::var("MEMORIA_UPDATE_DOCS").as_deref() == Ok("1") {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    assert!(
        fresh == text,
        "docs/themes.md: the tables of template data are out of date; \
         run `MEMORIA_UPDATE_DOCS=1 cargo test --test template_data` to rewrite them"
    );
}

#[test]
fn a_missing_marker_is_named() {
    let err = memoria::regenerate_theme_docs("# no tables\n").unwrap_err();
    assert!(err.contains("<!-- generated:site -->"), "{err}");
}

/// Only the first table of a generated block (the object itself, not the
/// objects its fields hold).
fn documented_first_table(name: &str, prefix: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(themes_doc()).unwrap();
    let open = format!("<!-- generated:{name} -->");
    let start = text.find(&open).unwrap() + open.len();
    let block = text[start..].trim_start();
    block
        .lines()
        .take_while(|l| l.starts_with('|'))
        .filter_map(|l| l.strip_prefix(&format!("| `{prefix}")))
        .filter_map(|l| l.split('`').next())
        .map(str::to_string)
        .collect()
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

/// A site with one case whose `case.html` prints the whole data it gets.
fn dumped_case_page() -> Value {
    let site = Fixture::new(&["es"]);
    site.case("lima", "es", "Lima", "", "## Contexto\n\nTexto.");
    site.write("themes/default/templates/case.html", "{{ __tera_context }}");
    let out = site.build_ok();
    let err = stderr(&out);
    assert!(
        !err.contains("error:") && !err.contains("warning:"),
        "{err}"
    );
    let text = site.output("es/casos/lima/index.html");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn case_page_gets_what_the_manual_lists() {
    let data = dumped_case_page();
    let top = keys(&data);
    for k in ["lang", "site", "nav", "page", "case", "t"] {
        assert!(top.contains(k), "no `{k}` in {top:?}");
    }
    assert_eq!(keys(&data["site"]), documented_first_table("site", "site."));
    assert!(data["page"]["jsonld"].is_string());
    assert_eq!(keys(&data["page"]), documented_first_table("page", "page."));
    let summary = documented_first_table("case-summary", "");
    let own = documented_first_table("case", "case.");
    let all: BTreeSet<String> = summary.union(&own).cloned().collect();
    assert_eq!(keys(&data["case"]), all);
    assert_eq!(
        data["case"]["html"].as_str().map(|h| h.contains("<h2")),
        Some(true)
    );
    assert_eq!(data["case"]["headings"][0]["text"], "Contexto");
    assert_eq!(data["case"]["source"], "content/cases/lima.es.md");
    assert_eq!(data["lang"], "es");
}

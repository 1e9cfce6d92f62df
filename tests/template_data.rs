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

/// The bundled site with every required template replaced by a dump of
/// the data it gets: the data of the first page of each kind (by
/// `page.kind`), in output order. Built once for the tests that read it.
fn dumped_bundled_pages() -> &'static std::collections::BTreeMap<String, Value> {
    static PAGES: std::sync::OnceLock<std::collections::BTreeMap<String, Value>> =
        std::sync::OnceLock::new();
    PAGES.get_or_init(dump_bundled_pages)
}

fn dump_bundled_pages() -> std::collections::BTreeMap<String, Value> {
    let site = Fixture::bundled();
    // A case in one language only, for the stand-in of its translation.
    site.case("solo", "es", "Solo en español", "", "Texto.");
    let templates = site.root().join("themes/default/templates");
    for entry in std::fs::read_dir(&templates).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if !["base.html", "macros.html"].contains(&name.as_str()) {
            site.write(
                &format!("themes/default/templates/{name}"),
                "{{ __tera_context }}",
            );
        }
    }
    let out = site.build_ok();
    let err = stderr(&out);
    assert!(!err.contains("error:"), "{err}");
    let mut by_kind = std::collections::BTreeMap::new();
    for (path, text) in common::html_pages(&site.root().join("public")) {
        let data: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}: {text}"));
        let kind = data["page"]["kind"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        by_kind.entry(kind).or_insert(data);
    }
    by_kind
}

/// The variables a template gets besides those every template gets.
fn own_keys(data: &Value) -> BTreeSet<String> {
    let mut k = keys(data);
    for shared in ["lang", "dir", "site", "nav", "page", "t"] {
        assert!(k.remove(shared), "no `{shared}` in {k:?}");
    }
    k
}

/// The rows of the table of object `def` inside the generated block
/// `name` (the table under the line ending in ``(`def`):``).
fn documented_object(name: &str, def: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(themes_doc()).unwrap();
    let open = format!("<!-- generated:{name} -->");
    let start = text.find(&open).unwrap() + open.len();
    let title = format!("(`{def}`):\n");
    let at = start
        + text[start..]
            .find(&title)
            .unwrap_or_else(|| panic!("{def}"))
        + title.len();
    text[at..]
        .trim_start()
        .lines()
        .take_while(|l| l.starts_with('|'))
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .map(str::to_string)
        .collect()
}

fn union(a: BTreeSet<String>, b: BTreeSet<String>) -> BTreeSet<String> {
    a.union(&b).cloned().collect()
}

#[test]
fn every_template_gets_what_the_manual_lists() {
    let pages = dumped_bundled_pages();
    let tables = [
        ("chooser", "chooser"),
        ("home", "home"),
        ("cases", "cases"),
        ("page", "free-page"),
        ("untranslated", "untranslated"),
        ("terms", "terms"),
        ("term", "term"),
        ("indicators", "indicators"),
        ("indicator", "indicator"),
        ("dimension", "dimension"),
        ("progress", "progress"),
        ("agreements", "agreements"),
        ("agreement", "agreement"),
        ("actions", "actions"),
        ("action", "action"),
        ("reports", "reports"),
        ("report", "report"),
        ("search", "search"),
    ];
    for (kind, table) in tables {
        let data = pages
            .get(kind)
            .unwrap_or_else(|| panic!("the bundled site has no page of kind `{kind}`"));
        assert_eq!(
            own_keys(data),
            documented_first_table(table, ""),
            "{kind}.html"
        );
    }
    assert_eq!(own_keys(&pages["404"]), BTreeSet::new());
    assert!(pages.contains_key("case"));
}

#[test]
fn shared_objects_are_what_the_manual_lists() {
    let pages = dumped_bundled_pages();
    let first_table = |name: &str| documented_first_table(name, "");
    let indicator_summary = first_table("indicator-summary");
    let agreement_summary = first_table("agreement-summary");
    let action_summary = first_table("action-summary");
    let indicators = &pages["indicators"];
    assert_eq!(
        keys(&indicators["groups"][0]["categories"][0]["indicators"][0]),
        indicator_summary
    );
    assert_eq!(
        keys(&pages["indicator"]["indicator"]),
        union(
            indicator_summary.clone(),
            documented_object("indicator", "IndicatorFull")
        )
    );
    assert_eq!(keys(&pages["agreements"]["items"][0]), agreement_summary);
    assert_eq!(keys(&pages["actions"]["items"][0]), action_summary);
    assert_eq!(
        keys(&pages["agreement"]["agreement"]),
        union(
            agreement_summary,
            documented_object("agreement", "AgreementFull")
        )
    );
    assert_eq!(keys(&pages["action"]["action"]), action_summary);
    assert_eq!(keys(&pages["cases"]["facets"][0]), first_table("facet"));
    assert_eq!(
        keys(&pages["cases"]["pagination"]),
        documented_first_table("pagination", "pagination.")
    );
    assert_eq!(
        keys(&pages["report"]["report"]),
        documented_object("report", "ReportData")
    );
    assert_eq!(
        keys(&pages["untranslated"]["original"]),
        documented_object("untranslated", "Original")
    );
}

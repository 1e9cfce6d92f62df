//! Property tests over the front-matter splitter, the YAML reader, the
//! content loader and the Markdown renderer: whatever the text, they return a
//! document or diagnostics, and never panic. `PROPTEST_CASES` raises the
//! number of inputs (CI runs more than a local `cargo test`).

mod common;

use std::path::PathBuf;

use memoria::content::files::{Kind, SourceFile};
use memoria::content::markdown_file;
use memoria::content::{CaseMeta, PageMeta};
use memoria::{frontmatter, markdown, yaml};
use proptest::prelude::*;

/// Text made of the pieces content files are made of, in any order.
fn content_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("---\n".to_string()),
        Just("---\r\n".to_string()),
        Just("title: ".to_string()),
        Just("slug: ".to_string()),
        Just("date: 2025-13-45\n".to_string()),
        Just("sdgs: [1, 18, -3, x]\n".to_string()),
        Just("themes:\n  - a\n  - [b]\n".to_string()),
        Just("scale: {a: b}\n".to_string()),
        Just("&a [*a]\n".to_string()),
        Just("\t".to_string()),
        Just("\u{feff}".to_string()),
        Just("[x](@/cases/a.md#b)".to_string()),
        Just("<script>".to_string()),
        Just("## Título {#id}\n".to_string()),
        Just("| a | b |\n|---|---|\n".to_string()),
        "[a-z:\\-\\[\\]{}#&*!|>'\" \n]{0,20}",
        hostile_piece(),
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

/// Pieces of Markdown that try to put script into a page.
fn hostile_piece() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "[a](",
        "![i](",
        "](",
        ")",
        "<",
        ">",
        "\n\n[r]: ",
        "[r]",
        "[^n]",
        "\n\n[^n]: ",
        "javascript:alert(1)",
        "JaVaScRiPt:x",
        "&#106;avascript:x",
        "&#x6A;avascript:x",
        "java&#x09;script:x",
        "java\tscript:x",
        " javascript:x",
        "vbscript:x",
        "data:text/html,x",
        "## H {onclick=x tabindex=0 #i\" .c\"onload=y}\n",
        "{",
        "}",
        "onerror=",
        "<img src=x onerror=alert(1)>",
        "<iframe srcdoc=x>",
        "<script>",
        "<svg onload=x>",
        "<a href=\"javascript:x\">",
        "| a | b |\n|---|---|\n| ",
    ])
    .prop_map(str::to_string)
}

fn source(id: &str) -> SourceFile {
    SourceFile {
        kind: Kind::Case,
        abs: PathBuf::from(format!("/nonexistent/{id}.es.md")),
        rel: PathBuf::from(format!("content/cases/{id}.es.md")),
        id: id.into(),
        lang: "es".into(),
    }
}

fn languages() -> Vec<String> {
    vec!["es".into(), "en".into()]
}

proptest! {
    #[test]
    fn splitter_never_panics(text in content_like()) {
        if let Ok(split) = frontmatter::split(&text) {
            prop_assert!(split.body_offset <= text.len());
            prop_assert_eq!(&text[split.body_offset..], split.body);
        }
    }

    #[test]
    fn yaml_reader_never_panics(text in content_like()) {
        if let Err(e) = yaml::parse(&text, 1) {
            prop_assert!(!e.message.is_empty());
        }
    }

    #[test]
    fn loader_never_panics(text in content_like()) {
        let (doc, diags) = markdown_file::parse::<CaseMeta>(&source("a"), text.clone(), &languages());
        // A document without errors, or errors without a document.
        let has_errors = diags.iter().any(|d| d.is_error());
        prop_assert_eq!(doc.is_some(), !has_errors);
        for d in &diags {
            if let Some(p) = d.position {
                prop_assert!(p.line >= 1 && p.line <= text.lines().count() + 2, "line {} of {}", p.line, text.lines().count());
            }
        }
        let _ = markdown_file::parse::<PageMeta>(&source("b"), text, &languages());
    }

    #[test]
    fn markdown_never_panics_and_never_emits_script(text in content_like()) {
        let resolver = |t: &str| if t.starts_with("cases/a.md") { Ok("/es/casos/a/".to_string()) } else { Err(memoria::diagnostics::Problem::new("no", "no")) };
        let r = markdown::render(&text, &resolver, false);
        let found = common::unsafe_markup(&r.html, "/");
        prop_assert!(found.is_empty(), "{:?} in {}", found, r.html);
    }
}

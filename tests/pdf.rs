//! `build --pdf`: reports printed through their print stylesheet, without
//! navigation and with their table of contents; a clear message without a
//! browser.
//!
//! Printing needs Chromium, and reading the PDF back needs `pdftotext`
//! (poppler-utils), so that test is ignored by default: `cargo test` reports
//! it as ignored, `cargo test --test pdf -- --ignored` runs it (`.ci/run`
//! does), failing when a tool is missing. Under `CI=true` the small test
//! below fails when one is missing.

mod common;

use std::io::Write;
use std::process::Command;

use common::{stderr, Fixture};

/// True when `pdftotext` (poppler-utils) runs.
fn has_pdftotext() -> bool {
    Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// What printing and reading PDFs back needs and this machine lacks.
fn missing_tools() -> Vec<&'static str> {
    let mut missing = Vec::new();
    if memoria::pdf::find_browser().is_none() {
        missing.push("Chromium (apt-get install chromium)");
    }
    if !has_pdftotext() {
        missing.push("pdftotext (apt-get install poppler-utils)");
    }
    missing
}

#[test]
fn under_ci_the_pdf_tools_are_installed() {
    let missing = missing_tools();
    if std::env::var("CI").as_deref() == Ok("true") {
        assert!(
            missing.is_empty(),
            "PDF printing cannot be tested: missing {}",
            missing.join("; ")
        );
    } else if !missing.is_empty() {
        // Written past the test harness's capture, so the message is seen.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: reports_print_without_navigation_and_with_their_contents: missing {}",
            missing.join("; ")
        );
    }
}

fn site() -> Fixture {
    let f = Fixture::new(&["es", "en"]);
    for lang in ["es", "en"] {
        f.write(
            &format!("content/reports/2025-S1.{lang}.md"),
            "---\ntitle: \"Informe 2025-S1\"\nlegislature: \"Concejo\"\n---\n\n## Introducción\n\nTexto del informe.\n",
        );
    }
    f
}

#[test]
fn without_a_browser_the_message_says_how_to_install_one() {
    let f = site();
    let out = Command::new(env!("CARGO_BIN_EXE_memoria"))
        .args(["build", "--pdf"])
        .current_dir(f.root())
        .env("MEMORIA_CHROMIUM", "/nonexistent/chromium")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("apt-get install chromium"),
        "{}",
        stderr(&out)
    );
    assert!(
        f.has_output("es/informes/2025-s1/index.html"),
        "the site is built anyway"
    );
}

#[test]
#[ignore = "needs Chromium and pdftotext (poppler-utils): run with `cargo test --test pdf -- --ignored` (.ci/run does)"]
fn reports_print_without_navigation_and_with_their_contents() {
    let missing = missing_tools();
    assert!(missing.is_empty(), "missing {}", missing.join("; "));
    let browser = memoria::pdf::find_browser().unwrap_or_default();
    let f = site();
    let out = Command::new(env!("CARGO_BIN_EXE_memoria"))
        .args(["build", "--pdf"])
        .current_dir(f.root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{} ({})",
        stderr(&out),
        browser.display()
    );
    let pdf = f.root().join("public/en/reports/2025-s1/2025-S1.pdf");
    let bytes = std::fs::read(&pdf).expect("the PDF is written next to the report");
    assert!(bytes.starts_with(b"%PDF"));
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Contents") && text.contains("1. Introduction") && text.contains("6. Annex"),
        "{text}"
    );
    assert!(
        !text.contains("Skip to content") && !text.contains("Good practices\n"),
        "no navigation: {text}"
    );
}

//! `build --pdf`: reports printed through their print stylesheet, without
//! navigation and with their table of contents; a clear message without a
//! browser.

mod common;

use std::process::Command;

use common::{stderr, Fixture};

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
fn reports_print_without_navigation_and_with_their_contents() {
    let Some(browser) = memoria::pdf::find_browser() else {
        eprintln!("no Chromium: PDF printing not tested here");
        return;
    };
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
    // With pdftotext (poppler-utils) the text itself is checked.
    if let Ok(text) = Command::new("pdftotext").arg(&pdf).arg("-").output() {
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(
            text.contains("Contents")
                && text.contains("1. Introduction")
                && text.contains("6. Annex"),
            "{text}"
        );
        assert!(
            !text.contains("Skip to content") && !text.contains("Good practices\n"),
            "no navigation: {text}"
        );
    }
}

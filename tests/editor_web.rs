//! The editor of `memoria serve` in headless Chromium: it loads, lists the
//! site's entries and opens one, with every request staying on this
//! computer; a change published and taken back leaves every served file as
//! it was; a save that breaks the site shows the error in the editor's
//! banner, and the banner goes once the site builds again.
//!
//! This needs Node, Chromium and `tests/web/node_modules` (playwright-core),
//! so the test that drives the browser is ignored by default: `cargo test`
//! reports it as ignored (never as passed), and
//! `cargo test --test editor_web -- --ignored` runs it (`.ci/run` does),
//! failing when a tool is missing. Under `CI=true` the small test below
//! fails when one is missing.

mod common;

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

use common::server::Server;
use common::{repo_root, snapshot, Fixture};

/// What driving the editor in a browser needs and this machine lacks.
fn missing_tools() -> Vec<String> {
    let mut missing = Vec::new();
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !node {
        missing.push("node".to_string());
    }
    if !repo_root()
        .join("tests/web/node_modules/playwright-core")
        .is_dir()
    {
        missing.push("tests/web/node_modules (npm ci --prefix tests/web)".to_string());
    }
    if !chromium().is_file() {
        missing.push(format!(
            "chromium at {} (apt-get install chromium)",
            chromium().display()
        ));
    }
    missing
}

fn chromium() -> PathBuf {
    PathBuf::from(std::env::var_os("CHROMIUM").unwrap_or_else(|| "/usr/bin/chromium".into()))
}

#[test]
fn under_ci_the_editor_browser_tools_are_installed() {
    let missing = missing_tools();
    if std::env::var("CI").as_deref() == Ok("true") {
        assert!(
            missing.is_empty(),
            "the editor cannot be tested in a browser: missing {}",
            missing.join("; ")
        );
    } else if !missing.is_empty() {
        // Written past the test harness's capture, so the message is seen.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: the_editor_works_in_chromium_without_leaving_this_computer: missing {}",
            missing.join("; ")
        );
    }
}

#[test]
#[ignore = "needs Node, Chromium and tests/web/node_modules: run with `cargo test --test editor_web -- --ignored` (.ci/run does)"]
fn the_editor_works_in_chromium_without_leaving_this_computer() {
    let missing = missing_tools();
    assert!(missing.is_empty(), "missing {}", missing.join("; "));
    let f = Fixture::bundled();
    let server = Server::start(&f, &[]);
    let case = "content/cases/bogota.en.md";
    let original = f.read(case);
    let sources_before = snapshot(&f.root().join("content"));
    let served_before = snapshot(&server.served());
    let shots = tempfile::tempdir().unwrap();
    // MEMORIA_SCREENSHOTS=DIR keeps the screenshots, to look at them.
    let shot_dir = std::env::var_os("MEMORIA_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| shots.path().to_path_buf());
    let shot = shot_dir.join("editor.png");
    let run = Command::new("node")
        .arg(repo_root().join("tests/web/editor.mjs"))
        .arg(format!("http://127.0.0.1:{}/admin/", server.port))
        .arg(&shot)
        .arg(case)
        .env("CHROMIUM", chromium())
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "the browser run failed:\n{stdout}\n{}\nserver:\n{}",
        String::from_utf8_lossy(&run.stderr),
        server.log()
    );
    let report: serde_json::Value = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|e| panic!("not the report ({e}): {stdout}"));

    // The interface was in the site's default language (Spanish), the
    // language the editor's configuration sets.
    assert_eq!(report["locale"], "es", "{report}");
    // Nothing left this computer, and the page met no error (a
    // Content-Security-Policy violation would be one).
    assert_eq!(report["outside"], serde_json::json!([]), "{report}");
    assert!(report["requests"].as_u64().unwrap() > 3, "{report}");
    assert_eq!(report["problems"], serde_json::json!([]), "{report}");
    // The editor showed the site's content: collections, entries, fields.
    assert!(report["collections"].as_u64().unwrap() >= 1, "{report}");
    assert!(report["entries"].as_u64().unwrap() >= 2, "{report}");
    assert!(report["fields"].as_u64().unwrap() >= 2, "{report}");
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");

    // The banner: hidden, then the error of the broken save with its file,
    // line:column and advice, then hidden again after the fix.
    assert_eq!(report["bannerBefore"], false, "{report}");
    assert_eq!(report["brokenSave"], 200, "{report}");
    let banner = report["banner"].as_str().unwrap_or_default();
    assert!(
        banner.contains(&format!(
            "error: {case}:4:10: \"ZZ\" is not an ISO 3166-1 alpha-2 country code"
        )),
        "{banner}"
    );
    assert!(banner.contains("help: use the two-letter code"), "{banner}");
    assert_eq!(report["fixedSave"], 200, "{report}");
    assert_eq!(report["bannerAfter"], false, "{report}");
    assert_eq!(f.read(case), original, "the fix restored the file");
    // Saved through the editor, a change taken back leaves the site as it
    // was, byte for byte, although the editor wrote the files anew in its
    // own layout.
    let first = report["firstSave"].as_str().unwrap_or_default();
    let second = report["secondSave"].as_str().unwrap_or_default();
    assert!(first.ends_with(" x"), "{report}");
    assert_eq!(format!("{second} x"), first, "{report}");
    let rewritten: Vec<String> = snapshot(&f.root().join("content"))
        .into_iter()
        .zip(sources_before)
        .filter(|(now, before)| now != before)
        .map(|(now, _)| now.0)
        .collect();
    assert!(!rewritten.is_empty(), "the editor saved some file");
    let start = std::time::Instant::now();
    while snapshot(&server.served()) != served_before {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "the served site differs after saving {rewritten:?} unchanged; server:\n{}",
            server.log()
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }

    // The server reported the broken save (once per rebuild it started),
    // and nothing else.
    let expected = format!("error: {case}:4:10: \"ZZ\" is not an ISO 3166-1 alpha-2 country code");
    let errors = server.errors();
    assert!(
        !errors.is_empty() && errors.iter().all(|e| *e == expected),
        "{}",
        server.log()
    );
}

/// Runs `tests/web/editor-e2e.mjs` STEP against `server`, screenshots into
/// `shots`; its report.
fn drive(server: &Server, step: &str, shots: &std::path::Path) -> serde_json::Value {
    let run = Command::new("node")
        .arg(repo_root().join("tests/web/editor-e2e.mjs"))
        .arg(format!("http://127.0.0.1:{}/admin/", server.port))
        .arg(step)
        .arg(shots)
        .env("CHROMIUM", chromium())
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "the browser run {step} failed:\n{stdout}\n{}\nserver:\n{}",
        String::from_utf8_lossy(&run.stderr),
        server.log()
    );
    let report: serde_json::Value = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|e| panic!("not the report ({e}): {stdout}"));
    // Nothing left this computer (every other request was blocked and
    // counted), and the page met no error.
    assert_eq!(report["outside"], serde_json::json!([]), "{report}");
    assert!(report["requests"].as_u64().unwrap() > 3, "{report}");
    assert_eq!(report["problems"], serde_json::json!([]), "{report}");
    assert_eq!(report["locale"], "es", "{report}");
    report
}

#[test]
#[ignore = "needs Node, Chromium and tests/web/node_modules: run with `cargo test --test editor_web -- --ignored` (.ci/run does)"]
fn a_case_and_a_measurement_written_in_the_forms_are_checked_and_published() {
    let missing = missing_tools();
    assert!(missing.is_empty(), "missing {}", missing.join("; "));
    let f = Fixture::bundled();
    let server = Server::start(&f, &[]);
    let indicator = "/es/indicadores/agreement-processing-days/";
    assert!(
        server
            .get(indicator)
            .body
            .contains("Último valor: 80 días."),
        "the bundled value before"
    );
    // MEMORIA_UPDATE_DOCS=1 writes the screenshots of docs/editing.md;
    // otherwise they go to a temporary folder.
    let temp = tempfile::tempdir().unwrap();
    let update_docs = std::env::var("MEMORIA_UPDATE_DOCS").as_deref() == Ok("1");
    let shots = if update_docs {
        repo_root().join("docs/images")
    } else if let Some(dir) = std::env::var_os("MEMORIA_SCREENSHOTS") {
        PathBuf::from(dir)
    } else {
        temp.path().to_path_buf()
    };

    let report = drive(&server, "new-case", &shots);
    // The new case: one file per language, with what was filled in.
    let es = f.read("content/cases/red-de-prueba-de-ciudades.es.md");
    let en = f.read("content/cases/red-de-prueba-de-ciudades.en.md");
    assert!(es.contains("title: Red de prueba de ciudades\n"), "{es}");
    assert!(en.contains("title: Test network of cities\n"), "{en}");
    for text in [&es, &en] {
        for line in [
            "country: PE\n",
            "date: 2026-03-15\n",
            "scale: regional\n",
            "dimension: political\n",
            "themes:\n  - citizen-participation\n",
            "sdgs:\n  - 17\n",
            "indicators:\n  - agreements-signed\n",
        ] {
            assert!(text.contains(line), "{line:?} in:\n{text}");
        }
    }
    assert!(es.contains("actors:\n  - Concejo Municipal\n"), "{es}");
    assert!(en.contains("actors:\n  - City Council\n"), "{en}");
    // The measurement.
    let yaml = f.read("content/indicators/agreement-processing-days.yaml");
    assert!(
        yaml.contains("- period: 2025-Q4\n    value: \"77\"\n"),
        "{yaml}"
    );
    assert_eq!(report["valueBefore"], "80", "{report}");

    // Both pages of the case are served, and the indicator shows the new
    // latest value.
    for (path, title) in [
        (
            "/es/casos/red-de-prueba-de-ciudades/",
            "Red de prueba de ciudades",
        ),
        (
            "/en/cases/red-de-prueba-de-ciudades/",
            "Test network of cities",
        ),
    ] {
        server.wait_for(path, "served with its title", |r| {
            r.status == 200 && r.body.contains(title)
        });
    }
    server.wait_for(indicator, "showing the new value", |r| {
        r.body.contains("Último valor: 77 días.")
    });
    assert_eq!(server.errors(), Vec::<String>::new(), "{}", server.log());

    // What the forms wrote passes the strictest check, run as an author
    // runs it, from the site's folder.
    let check = f.run(&["check", "--strict"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(common::error_lines(&check).is_empty());

    // The banner of build errors, for its screenshot.
    let report = drive(&server, "error", &shots);
    let banner = report["banner"].as_str().unwrap_or_default();
    assert!(
        banner.contains("error: content/cases/bogota.en.md:4:10: \"ZZ\" is not an ISO 3166-1 alpha-2 country code"),
        "{banner}"
    );
    assert_eq!(report["fixedSave"], 200, "{report}");

    let names = [
        "editor-collection.png",
        "editor-new-case.png",
        "editor-new-case-390.png",
        "editor-error.png",
    ];
    for name in names {
        let png = std::fs::read(shots.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(png.starts_with(b"\x89PNG"), "{name} is a PNG");
    }
}

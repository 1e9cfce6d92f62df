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

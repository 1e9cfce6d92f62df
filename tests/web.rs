//! The HTML validity and accessibility checks (`tests/web/run.sh`) from
//! `cargo test`: they run when Java, Chromium and `tests/web/node_modules`
//! are there, and are skipped with a visible message otherwise. `.ci/run`
//! runs the script itself, so it sets `MEMORIA_WEB_CHECKS=separately`.

mod common;

use std::io::Write;
use std::process::Command;

/// Writes past the test harness's capture, so the message is seen.
fn say(message: &str) {
    let _ = writeln!(std::io::stderr(), "{message}");
}

#[test]
fn bundled_site_passes_the_web_checks() {
    if std::env::var("MEMORIA_WEB_CHECKS").as_deref() == Ok("separately") {
        say("web checks: run separately by .ci/run");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let build = Command::new(env!("CARGO_BIN_EXE_memoria"))
        .args([
            "build",
            "--root",
            common::repo_root().to_str().unwrap(),
            "--output",
            site.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let run = Command::new("bash")
        .arg(common::repo_root().join("tests/web/run.sh"))
        .arg(&site)
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    if let Some(line) = stdout.lines().find(|l| l.starts_with("SKIPPED")) {
        say(line);
        return;
    }
    assert!(
        run.status.success(),
        "web checks failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

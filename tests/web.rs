//! The HTML validity and accessibility checks (`tests/web/run.sh`) from
//! `cargo test`.
//!
//! They need Java, Node, Chromium and `tests/web/node_modules`, which a
//! developer's machine may lack, so the test that runs them is ignored by
//! default: `cargo test` reports it as ignored (never as passed), and
//! `cargo test --test web -- --ignored` runs it, failing when a tool is
//! missing. `.ci/run` runs `tests/web/run.sh` itself, once, with `CI=true`;
//! under `CI=true` the small test below fails, naming the missing tools.
//!
//! `run.sh` also takes screenshots of one page of every template in two
//! languages at 320, 390 and 1280 px (`tests/web/layout.mjs`, under
//! `target/screenshots/`), failing when a page scrolls sideways on a phone;
//! `chart_labels_never_overlap_in_five_languages` measures the labels of
//! charts in the browser (`tests/web/charts.mjs`).

mod common;

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

/// Writes past the test harness's capture, so the message is seen.
fn say(message: &str) {
    let _ = writeln!(std::io::stderr(), "{message}");
}

/// True when `program` answers `--version` (or `-version`, for Java).
fn runs(program: &str, flag: &str) -> bool {
    Command::new(program)
        .arg(flag)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// What the web checks need and this machine lacks, as `run.sh` sees it.
fn missing_tools() -> Vec<String> {
    let web = common::repo_root().join("tests/web");
    let chromium =
        PathBuf::from(std::env::var_os("CHROMIUM").unwrap_or_else(|| "/usr/bin/chromium".into()));
    let mut missing = Vec::new();
    if !runs("java", "-version") {
        missing.push("java (apt-get install default-jre-headless)".to_string());
    }
    if !runs("node", "--version") {
        missing.push("node".to_string());
    }
    let modules = [
        "node_modules/vnu-jar/build/dist/vnu.jar",
        "node_modules/playwright-core",
        "node_modules/axe-core",
    ];
    if !modules.iter().all(|m| web.join(m).exists()) {
        missing.push("tests/web/node_modules (npm ci --prefix tests/web)".to_string());
    }
    if !chromium.is_file() {
        missing.push(format!(
            "chromium at {} (apt-get install chromium)",
            chromium.display()
        ));
    }
    missing
}

/// Runs `memoria ARGS` from `folder`, as a user does, and asserts that it
/// succeeded.
fn build_in(folder: &std::path::Path, args: &[&str]) {
    let build = Command::new(env!("CARGO_BIN_EXE_memoria"))
        .args(args)
        .current_dir(folder)
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
}

/// Runs `tests/web/run.sh` on the built site `public` with `CI=true` (a
/// missing tool is a failure, not a skip) and the variables `env`; returns
/// its standard output, failing with `what` and both outputs when it fails.
fn run_web_checks(public: &std::path::Path, env: &[(&str, PathBuf)], what: &str) -> String {
    let mut run = Command::new("bash");
    run.arg(common::repo_root().join("tests/web/run.sh"))
        .arg(public)
        .env("CI", "true");
    for (name, value) in env {
        run.env(name, value);
    }
    let run = run.output().expect("bash runs");
    let stdout = String::from_utf8_lossy(&run.stdout).into_owned();
    assert!(
        run.status.success(),
        "{what} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    stdout
}

#[test]
fn under_ci_the_web_check_tools_are_installed() {
    let missing = missing_tools();
    if std::env::var("CI").as_deref() == Ok("true") {
        assert!(
            missing.is_empty(),
            "the web checks cannot run: missing {}",
            missing.join("; ")
        );
    } else if !missing.is_empty() {
        say(&format!(
            "SKIPPED: bundled_site_passes_the_web_checks: missing {}",
            missing.join("; ")
        ));
    }
}

#[test]
#[ignore = "needs Java, Node, Chromium and tests/web/node_modules: run with `cargo test --test web -- --ignored` (.ci/run runs tests/web/run.sh)"]
fn bundled_site_passes_the_web_checks() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    // As a user builds it: from the site's folder, into another folder.
    build_in(
        &common::repo_root(),
        &["build", "--output", site.to_str().unwrap()],
    );
    run_web_checks(&site, &[], "web checks");
}

#[test]
#[ignore = "needs Java, Node, Chromium and tests/web/node_modules: run with `cargo test --test web -- --ignored` (.ci/run runs it)"]
fn arabic_site_passes_the_web_checks() {
    // A site in Arabic (written right to left, its default language) and
    // English, built as a user builds it: from its folder, with defaults.
    let site = common::arabic_site();
    build_in(site.root(), &["build"]);
    let home = site.output("ar/index.html");
    assert!(home.contains("<html lang=\"ar\" dir=\"rtl\">"), "{home}");
    // vnu on every page, axe at 1280 and 320 px (where no page may scroll
    // sideways), the keyboard and the search box, in both languages.
    let shots = common::repo_root().join("target/screenshots/arabic");
    run_web_checks(
        &site.root().join("public"),
        &[("MEMORIA_SCREENSHOTS", shots)],
        "web checks of the Arabic site",
    );
}

#[test]
#[ignore = "needs Java, Node, Chromium and tests/web/node_modules: run with `cargo test --test web -- --ignored` (.ci/run runs it)"]
fn network_portal_passes_the_web_checks() {
    // A network's portal in Spanish and English with two members: the
    // bundled example's feed, and a city without memoria that wrote its
    // feed by hand (one practice only in English), both sent as files.
    let site = common::Fixture::new(&["es", "en"]);
    // The network's own practice, beside its members'.
    site.case("secretariat", "es", "La secretaría de la red", "", "Texto.");
    site.case(
        "secretariat",
        "en",
        "The network's secretariat",
        "",
        "Text.",
    );
    let bundled = common::Fixture::bundled();
    build_in(bundled.root(), &["build"]);
    site.write("members/ejemplo.json", &bundled.output("data/cases.json"));
    site.write(
        "members/villa.json",
        &common::feeds::handmade_feed(
            "https://villa.example.org/",
            &[
                (
                    "green-roofs",
                    "CL",
                    &[11, 13],
                    "Green roofs",
                    Some("Techos verdes"),
                ),
                ("night-buses", "CL", &[11], "Night buses", None),
            ],
        ),
    );
    let mut toml = site.read("site.toml");
    toml.push_str(
        "\n[network]\n\n[[network.members]]\nname = \"Ciudad Ejemplo\"\ncountry = \"CO\"\nfeed = \"members/ejemplo.json\"\n\n[[network.members]]\nname = \"Villa Prueba\"\ncountry = \"CL\"\nfeed = \"members/villa.json\"\n",
    );
    site.write("site.toml", &toml);
    build_in(site.root(), &["network", "fetch"]);
    build_in(site.root(), &["build"]);
    assert!(site.has_output("es/red/villa-prueba/night-buses/index.html"));
    // vnu on every page, axe at 1280 and 320 px (where no page may scroll
    // sideways), the keyboard and the search box, in both languages.
    let shots = common::repo_root().join("target/screenshots/network");
    run_web_checks(
        &site.root().join("public"),
        &[("MEMORIA_SCREENSHOTS", shots)],
        "web checks of a network's portal",
    );
}

#[test]
#[ignore = "needs Node, Chromium and tests/web/node_modules: run with `cargo test --test web -- --ignored` (.ci/run runs it)"]
fn chart_labels_never_overlap_in_five_languages() {
    // The longest period labels of Spanish, English, French, Portuguese and
    // Arabic (quarters, months, weeks), built as a user builds a site.
    let site = common::chart_labels_site();
    build_in(site.root(), &["build"]);
    // In Chromium at 320 and 1280 px: no two labels of a time axis overlap,
    // none leaves its chart, no text under 11 px.
    let stdout = run_web_checks(
        &site.root().join("public"),
        &[("MEMORIA_WEB_STEPS", PathBuf::from("charts"))],
        "chart checks",
    );
    // Every indicator page of every language was measured at both widths.
    for lang in ["es", "en", "fr", "pt", "ar"] {
        for width in ["320px", "1280px"] {
            let seen = stdout
                .lines()
                .filter(|l| l.starts_with(&format!("charts: {lang} {width} ")))
                .count();
            assert_eq!(seen, 3, "{lang} at {width}:\n{stdout}");
        }
    }
    assert!(stdout.contains("charts: 30 charts on 15 pages"), "{stdout}");
}

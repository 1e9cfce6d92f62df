//! `memoria init --ci github|gitlab`: the file that builds the site with
//! memoria and publishes it on GitHub Pages or GitLab Pages, written into a
//! new site or into an existing site's folder (never over an existing
//! file), valid YAML with the steps docs/publishing.md describes.

mod common;

use std::process::{Command, Output};

use common::{snapshot, stderr, Fixture};
use serde_yaml::Value;

fn memoria_in(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_memoria"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("memoria runs")
}

fn yaml(path: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{} is not YAML: {e}", path.display()))
}

/// The shell lines of every step of a GitHub workflow job, joined.
fn runs(job: &Value) -> String {
    job["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn init_ci_github_in_a_site_writes_a_pages_workflow_that_builds_and_deploys() {
    let f = Fixture::new(&["es", "en"]);
    let out = f.run(&["init", "--ci", "github"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "created ./.github/workflows/pages.yml"
    );
    let workflow = yaml(&f.root().join(".github/workflows/pages.yml"));
    assert_eq!(workflow["on"]["push"]["branches"][0], "main");
    assert_eq!(workflow["permissions"]["pages"], "write");
    assert_eq!(workflow["permissions"]["id-token"], "write");
    let build = &workflow["jobs"]["build"];
    let uses: Vec<&str> = build["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|s| s["uses"].as_str())
        .collect();
    assert!(uses.contains(&"actions/checkout@v4"), "{uses:?}");
    assert!(uses.contains(&"actions/configure-pages@v5"), "{uses:?}");
    assert!(
        uses.contains(&"actions/upload-pages-artifact@v3"),
        "{uses:?}"
    );
    let script = runs(build);
    assert!(
        script.contains("cargo install --locked --git \"$MEMORIA_GIT\""),
        "{script}"
    );
    assert!(
        script.contains(
            "memoria build --output public --base-url \"${{ steps.pages.outputs.base_url }}/\""
        ),
        "{script}"
    );
    let deploy = &workflow["jobs"]["deploy"];
    assert_eq!(deploy["needs"], "build");
    assert_eq!(deploy["steps"][0]["uses"], "actions/deploy-pages@v4");
    // Nothing else of the site changed.
    assert!(!f.root().join(".gitlab-ci.yml").exists());
}

#[test]
fn init_ci_gitlab_writes_a_pages_job_that_publishes_public() {
    let f = Fixture::new(&["es", "en"]);
    let out = f.run(&["init", "--ci", "gitlab"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ci = yaml(&f.root().join(".gitlab-ci.yml"));
    let pages = &ci["pages"];
    assert_eq!(pages["artifacts"]["paths"][0], "public");
    assert_eq!(
        pages["rules"][0]["if"],
        "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"
    );
    let script: Vec<&str> = pages["script"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let script = script.join("\n");
    assert!(
        script.contains("cargo install --locked --root .memoria-bin --git \"$MEMORIA_GIT\""),
        "{script}"
    );
    assert!(
        script.contains(
            ".memoria-bin/bin/memoria build --output public --base-url \"$CI_PAGES_URL/\""
        ),
        "{script}"
    );
}

#[test]
fn init_ci_never_overwrites_and_needs_a_site() {
    let f = Fixture::new(&["es", "en"]);
    f.write(".gitlab-ci.yml", "# ours\n");
    let before = snapshot(f.root());
    let out = f.run(&["init", "--ci", "gitlab"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("error: .gitlab-ci.yml already exists; nothing was written"),
        "{err}"
    );
    assert!(err.contains("rename or remove .gitlab-ci.yml"), "{err}");
    assert_eq!(snapshot(f.root()), before, "nothing changed");

    let empty = tempfile::tempdir().unwrap();
    let out = memoria_in(empty.path(), &["init", "--ci", "github"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("holds no site.toml"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("memoria init my-site --ci github"),
        "{}",
        stderr(&out)
    );
    assert!(
        std::fs::read_dir(empty.path()).unwrap().next().is_none(),
        "nothing written"
    );

    let out = memoria_in(empty.path(), &["init", "--ci", "bitbucket"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = memoria_in(empty.path(), &["init"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn a_new_site_with_ci_has_the_workflow_and_still_builds() {
    let dir = tempfile::tempdir().unwrap();
    let out = memoria_in(dir.path(), &["init", "city", "--ci", "github"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let site = dir.path().join("city");
    yaml(&site.join(".github/workflows/pages.yml"));
    assert!(site.join("site.toml").is_file());
    let build = memoria_in(
        &site,
        &[
            "build",
            "--output",
            "public",
            "--base-url",
            "https://owner.github.io/city/",
        ],
    );
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(site.join("public/es/index.html").is_file());
    assert!(!site.join("public/.github").exists());
}

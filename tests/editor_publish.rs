//! The online editor is opt-in: with `[editor]` in `site.toml`, `memoria
//! build` (run from the site's folder, as the README says) also writes
//! `/admin/` — the page, the vendored Decap CMS and a `config.yml` that saves
//! to the named Git host — and without it writes no `/admin/` at all. Every
//! mistake in `[editor]` is one error at the line and column of its value,
//! with advice, and all of them are reported in one run.

mod common;

use common::{error_lines, stderr, Fixture};
use serde_yaml::Value;

fn site() -> Fixture {
    let f = Fixture::new(&["es", "en"]);
    f.case("lima", "es", "Lima", "", "Texto.");
    f.case("lima", "en", "Lima", "", "Text.");
    f
}

/// `site.toml` with `table` added at its end.
fn with_editor(f: &Fixture, table: &str) {
    let toml = f.read("site.toml");
    f.write("site.toml", &format!("{toml}\n{table}"));
}

/// The line (1-based) of `site.toml` that starts with `start`, from
/// `[editor]` on.
fn line_of(f: &Fixture, start: &str) -> usize {
    let text = f.read("site.toml");
    let lines: Vec<&str> = text.lines().collect();
    let table = lines
        .iter()
        .position(|l| *l == "[editor]")
        .expect("[editor]");
    lines[table..]
        .iter()
        .position(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line {start}"))
        + table
        + 1
}

fn published_config(f: &Fixture) -> Value {
    serde_yaml::from_str(&f.output("admin/config.yml")).expect("config.yml is YAML")
}

#[test]
fn without_an_editor_table_the_build_has_no_admin_folder() {
    let f = site();
    f.build_ok();
    assert!(f.has_output("es/index.html"), "the site was built");
    assert!(!f.has_output("admin"), "no /admin/ without [editor]");
}

#[test]
fn with_github_the_build_publishes_the_editor_saving_to_that_repository() {
    let f = site();
    with_editor(
        &f,
        "[editor]\nbackend = \"github\"\nrepo = \"our-city/memoria-site\"\nbase_url = \"https://auth.example.org/\"\n",
    );
    let out = f.build_ok();
    assert!(error_lines(&out).is_empty(), "{}", stderr(&out));
    let page = f.output("admin/index.html");
    // Relative addresses: the site may be published under a path.
    assert!(
        page.contains("<script src=\"decap-cms.js\"></script>"),
        "{page}"
    );
    assert!(page.contains("href=\"config.yml\""), "{page}");
    assert!(!page.contains("/admin/"), "{page}");
    let bundle = std::fs::read(f.root().join("public/admin/decap-cms.js")).unwrap();
    let vendored = std::fs::read(common::repo_root().join("editor/vendor/decap-cms.js")).unwrap();
    assert_eq!(bundle, vendored, "the vendored bundle, as it is");
    assert!(f.output("admin/LICENSE").contains("MIT License"));
    let parts = std::fs::read_dir(common::repo_root().join("editor/vendor"))
        .unwrap()
        .count();
    let published = std::fs::read_dir(f.root().join("public/admin"))
        .unwrap()
        .count();
    assert_eq!(
        published,
        parts + 2,
        "every vendored file, the page and config.yml"
    );

    let config = published_config(&f);
    let backend = &config["backend"];
    assert_eq!(backend["name"], "github");
    assert_eq!(backend["repo"], "our-city/memoria-site");
    assert_eq!(backend["branch"], "main", "the default branch");
    assert_eq!(backend["base_url"], "https://auth.example.org");
    assert!(backend.get("auth_type").is_none(), "{backend:?}");
    assert!(backend.get("api_root").is_none(), "{backend:?}");
    assert!(
        config.get("local_backend").is_none(),
        "no local backend online"
    );
    assert_eq!(config["locale"], "es");
    assert_eq!(config["i18n"]["structure"], "multiple_files");
    assert!(config["collections"].as_sequence().unwrap().len() >= 5);

    // Same sources, same bytes.
    let first = f.output("admin/config.yml");
    f.build_ok();
    assert_eq!(f.output("admin/config.yml"), first);
}

#[test]
fn with_gitlab_and_an_application_id_the_sign_in_is_pkce_on_that_gitlab() {
    let f = site();
    with_editor(
        &f,
        "[editor]\nbackend = \"gitlab\"\nrepo = \"city/international/memoria\"\nbranch = \"published\"\napp_id = \"4f2c9a\"\nbase_url = \"https://git.city.example\"\n",
    );
    f.build_ok();
    let config = published_config(&f);
    let backend = &config["backend"];
    assert_eq!(backend["name"], "gitlab");
    assert_eq!(backend["repo"], "city/international/memoria");
    assert_eq!(backend["branch"], "published");
    assert_eq!(backend["auth_type"], "pkce");
    assert_eq!(backend["app_id"], "4f2c9a");
    assert_eq!(backend["base_url"], "https://git.city.example");
    assert_eq!(backend["api_root"], "https://git.city.example/api/v4");
    assert_eq!(backend["auth_endpoint"], "oauth/authorize");
}

#[test]
fn serve_keeps_its_local_editor_when_the_site_has_an_editor_table() {
    // The configuration serve gives its page: the site's backend, with the
    // local backend (which Decap then uses instead) on top.
    let f = site();
    with_editor(&f, "[editor]\nbackend = \"gitlab\"\nrepo = \"a/b\"\n");
    let text = memoria::site_editor_config(f.root(), Some("http://127.0.0.1:1111/api/v1")).unwrap();
    let config: Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(config["backend"]["name"], "gitlab");
    assert_eq!(
        config["local_backend"]["url"],
        "http://127.0.0.1:1111/api/v1"
    );
}

#[test]
fn every_mistake_in_the_editor_table_is_an_error_at_its_value_with_advice() {
    let f = site();
    with_editor(
        &f,
        "[editor]\nbackend = \"githb\"\nrepo = \"https://github.com/our-city/site\"\nbranch = \"draft copy\"\nbase_url = \"http://auth.example.org\"\nauth_endpoint = \"https://auth.example.org/auth\"\napp_id = \"\"\n",
    );
    let out = f.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!f.has_output(""), "nothing written:\n{err}");
    let col = |key: &str| key.len() + 4; // `key = ` then the value
    let expected = [
        (
            "backend",
            "the editor's `backend` \"githb\" is not a Git host it knows",
            "did you mean \"github\"?",
        ),
        (
            "repo",
            "the editor's `repo` \"https://github.com/our-city/site\" is an address, not owner/name",
            "owner/name",
        ),
        (
            "branch",
            "the editor's `branch` \"draft copy\" is not a name Git allows for a branch",
            "branch = \"main\"",
        ),
        (
            "base_url",
            "the editor's `base_url` \"http://auth.example.org\" does not start with https://",
            "starting with https://",
        ),
        (
            "auth_endpoint",
            "the editor's `auth_endpoint` \"https://auth.example.org/auth\" is not a path on the sign-in server",
            "the path alone",
        ),
        (
            "app_id",
            "the editor's `app_id` \"\" is not an application id",
            "Application ID",
        ),
    ];
    let errors = error_lines(&out);
    assert_eq!(
        errors.len(),
        expected.len(),
        "one error per mistake:\n{err}"
    );
    for (key, message, help) in expected {
        let at = format!(
            "error: site.toml:{}:{}: {message}",
            line_of(&f, &format!("{key} =")),
            col(key)
        );
        assert!(
            errors.iter().any(|e| e.starts_with(&at)),
            "{at}\nin:\n{err}"
        );
        assert!(err.contains(help), "advice {help:?} in:\n{err}");
    }
}

#[test]
fn a_table_without_backend_or_repo_is_reported_at_its_heading() {
    let f = site();
    with_editor(&f, "[editor]\nbranch = \"main\"\n");
    let out = f.run(&["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let line = line_of(&f, "[editor]");
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 2, "{err}");
    assert!(
        errors[0].starts_with(&format!(
            "error: site.toml:{line}:1: [editor] has no `backend`"
        )),
        "{err}"
    );
    assert!(
        errors[1].starts_with(&format!(
            "error: site.toml:{line}:1: [editor] has no `repo`"
        )),
        "{err}"
    );
    assert!(
        err.contains("or remove [editor] to publish the site without the editor"),
        "{err}"
    );
    assert!(err.contains("add repo = \"owner/name\""), "{err}");
}

#[test]
fn app_id_with_github_is_refused_and_a_typo_in_a_key_is_warned_about_at_its_line() {
    let f = site();
    with_editor(
        &f,
        "[editor]\nbackend = \"github\"\nrepo = \"a/b\"\napp_id = \"123\"\nbrnch = \"main\"\n",
    );
    let out = f.run(&["check"]);
    let err = stderr(&out);
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 1, "{err}");
    assert!(
        errors[0].starts_with(&format!(
            "error: site.toml:{}:10: `app_id` is for GitLab",
            line_of(&f, "app_id")
        )),
        "{err}"
    );
    assert!(
        err.contains("remove app_id, or set backend = \"gitlab\""),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "warning: site.toml:{}:1: unknown setting `editor.brnch` is ignored",
            line_of(&f, "brnch")
        )),
        "{err}"
    );
    assert!(err.contains("did you mean `branch`?"), "{err}");
}

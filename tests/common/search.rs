//! Search as a reader uses it: the theme's `search.js`, unchanged, runs on a
//! built search page with Node (`tests/search/page.mjs`, a small stand-in for
//! the page instead of a browser), and the tests read what the page shows.
//!
//! Without Node, a test that needs it says `SKIPPED`; under `CI=true` it fails.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use super::repo_root;

/// True when Node runs. When it does not, says that `test` is skipped, or
/// fails under `CI=true`.
pub fn has_node(test: &str) -> bool {
    let ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{test} cannot run: node is missing"
        );
        eprintln!("SKIPPED: {test}: node is missing");
    }
    ok
}

/// What the search page `page` (`en/search/index.html`) of the built site in
/// `public` shows for `query`: `status` (the count line) and `results`, each
/// with `title`, `href`, `kind`, `text` and `marks` (the words marked).
pub fn search(public: &Path, page: &str, query: &str) -> Value {
    let out = Command::new("node")
        .arg(repo_root().join("tests/search/page.mjs"))
        .args([public.to_str().unwrap(), page, query])
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{query}: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

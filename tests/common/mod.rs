//! Fixture sites for the integration tests: a temporary folder with a
//! site.toml, the default theme of this repository and content written by
//! the test.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// A site in a temporary folder.
pub struct Fixture {
    dir: TempDir,
}

/// The repository root (where the bundled site and theme live).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

impl Fixture {
    /// A site with `languages`, the default theme and no content.
    pub fn new(languages: &[&str]) -> Fixture {
        let dir = tempfile::tempdir().expect("temporary folder");
        let fixture = Fixture { dir };
        let titles: Vec<String> = languages
            .iter()
            .map(|l| format!("{l} = \"Site {l}\""))
            .collect();
        let langs: Vec<String> = languages.iter().map(|l| format!("\"{l}\"")).collect();
        fixture.write(
            "site.toml",
            &format!(
                "title = {{ {} }}\nbase_url = \"https://example.org/\"\nlanguages = [{}]\n",
                titles.join(", "),
                langs.join(", ")
            ),
        );
        copy_dir(
            &repo_root().join("themes/default"),
            &fixture.root().join("themes/default"),
        );
        fs::create_dir_all(fixture.root().join("content/cases")).unwrap();
        fs::create_dir_all(fixture.root().join("content/pages")).unwrap();
        fixture
    }

    /// A copy of the bundled example site of this repository: its
    /// site.toml, reports.lock, content/ and themes/.
    pub fn bundled() -> Fixture {
        let dir = tempfile::tempdir().expect("temporary folder");
        let fixture = Fixture { dir };
        for file in ["site.toml", "reports.lock"] {
            fs::copy(repo_root().join(file), fixture.root().join(file)).unwrap();
        }
        for folder in ["content", "themes"] {
            copy_dir(&repo_root().join(folder), &fixture.root().join(folder));
        }
        fixture
    }

    /// Reads the file `rel` of the site.
    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root().join(rel)).unwrap()
    }

    /// Replaces the first `from` with `to` in the file `rel`, asserting
    /// that `from` is there.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} has no {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// The site's root folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `text` to `rel` (creating folders).
    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// Removes the file `rel`.
    pub fn remove(&self, rel: &str) {
        fs::remove_file(self.root().join(rel)).unwrap();
    }

    /// Writes a valid case `id` in `lang`, with `extra` front matter lines
    /// appended and `body` as its text.
    pub fn case(&self, id: &str, lang: &str, title: &str, extra: &str, body: &str) {
        self.write(
            &format!("content/cases/{id}.{lang}.md"),
            &case_text(title, extra, body),
        );
    }

    /// Writes a free page.
    pub fn page(&self, id: &str, lang: &str, title: &str, extra: &str, body: &str) {
        self.write(
            &format!("content/pages/{id}.{lang}.md"),
            &format!("---\ntitle: \"{title}\"\n{extra}---\n\n{body}\n"),
        );
    }

    /// Runs `memoria` with `args` in the site's root.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_memoria"))
            .args(args)
            .current_dir(self.root())
            .output()
            .expect("memoria runs")
    }

    /// `memoria build`, asserting success.
    pub fn build_ok(&self) -> Output {
        let out = self.run(&["build"]);
        assert!(out.status.success(), "build failed:\n{}", stderr(&out));
        out
    }

    /// Reads a file of the output folder.
    pub fn output(&self, rel: &str) -> String {
        let path = self.root().join("public").join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// True when the output has `rel`.
    pub fn has_output(&self, rel: &str) -> bool {
        self.root().join("public").join(rel).exists()
    }
}

/// The text of a valid case file.
pub fn case_text(title: &str, extra: &str, body: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ncity: Lima\ncountry: PE\ndate: 2018-05-02\nscale: local\ndimension: political\nthemes: [legislative-oversight]\nsdgs: [16, 17]\nactors: [Concejo]\nsummary: \"Summary of {title}\"\n{extra}---\n\n{body}\n"
    )
}

/// Standard error of a run, as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The lines of a run's standard error that start an error.
pub fn error_lines(out: &Output) -> Vec<String> {
    stderr(out)
        .lines()
        .filter(|l| l.starts_with("error: "))
        .map(String::from)
        .collect()
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir`, as (relative path, bytes), sorted.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

//! `memoria init --ci github|gitlab`: the file that makes the Git host build
//! the site with memoria and publish it (GitHub Pages, GitLab Pages) at
//! every change of the main branch. docs/publishing.md explains them.

use std::fs;
use std::path::{Path, PathBuf};

use super::ScaffoldError;

/// The Git hosts `init` writes a publishing workflow for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CiHost {
    /// GitHub Actions publishing to GitHub Pages.
    Github,
    /// GitLab CI publishing to GitLab Pages.
    Gitlab,
}

impl CiHost {
    /// Where the file goes, relative to the site's folder, and its text.
    fn file(self) -> (&'static str, &'static str) {
        match self {
            CiHost::Github => (
                ".github/workflows/pages.yml",
                include_str!("github-pages.yml"),
            ),
            CiHost::Gitlab => (".gitlab-ci.yml", include_str!("gitlab-ci.yml")),
        }
    }
}

/// Writes the publishing workflow of `host` into the site in `root`; an
/// existing file is never overwritten.
pub(super) fn write(root: &Path, host: CiHost) -> Result<PathBuf, ScaffoldError> {
    let (rel, text) = host.file();
    let path = root.join(rel);
    if path.exists() {
        return Err(ScaffoldError::content(
            format!("{rel} already exists; nothing was written"),
            format!("to start again from memoria's version, rename or remove {rel}, then run the command again"),
        ));
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| ScaffoldError::io(format!("cannot create {}", parent.display()), e))?;
    }
    fs::write(&path, text)
        .map_err(|e| ScaffoldError::io(format!("cannot write {}", path.display()), e))?;
    Ok(path)
}

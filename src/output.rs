//! The output-file model: what rendering produces, one file of the built
//! site at a time, and the checks every output path must pass (a plain
//! relative path, produced once). Writing is in `crate::publish` (the whole
//! site, all or nothing) and `crate::serve` (only what changed).

use std::collections::BTreeSet;

use crate::diagnostics::{Diagnostic, Problem};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, with `/` separators.
    pub path: String,
    /// The bytes to write.
    pub bytes: Vec<u8>,
    /// What produced it (a source file, "sitemap"…), for collision reports.
    pub owner: String,
}

impl OutputFile {
    /// A file to write at `path` (relative to the output folder).
    pub fn new(path: String, bytes: Vec<u8>, owner: String) -> Self {
        OutputFile { path, bytes, owner }
    }
}

/// What to do about an output path that cannot be written.
const PATH_HELP: &str = "rename the file that produces it, or change its `slug:`, so that its address holds only letters, digits, hyphens and / between folder names";

/// Where produced files go, one at a time and from any thread: kept in
/// memory (for `serve` and `check`), or written to disk as they come (for
/// `build`, `crate::publish::Staging`).
pub(crate) trait Sink: Sync {
    /// Takes one file of the built site.
    fn put(&self, file: OutputFile);
}

/// A sink that keeps every file in memory.
#[derive(Default)]
pub(crate) struct Collect(std::sync::Mutex<Vec<OutputFile>>);

impl Collect {
    /// Every file put, in the order they came.
    pub(crate) fn into_files(self) -> Vec<OutputFile> {
        self.0
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Sink for Collect {
    fn put(&self, file: OutputFile) {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(file);
    }
}

/// Checks that `path` is a plain relative path that stays inside the output
/// folder on every common file system.
pub fn check_path(path: &str) -> Result<(), Problem> {
    let bad = |why: String| Err(Problem::new(why, PATH_HELP));
    if path.is_empty() {
        return bad("the path is empty".into());
    }
    if path.starts_with('/') || path.contains('\\') || path.contains('\0') || path.contains(':') {
        return bad(format!("\"{path}\" is not a plain relative path"));
    }
    for part in path.split('/') {
        if part.is_empty() || part == "." || part == ".." {
            return bad(format!("\"{path}\" has an empty, . or .. part"));
        }
        if part
            .chars()
            .any(|c| c.is_control() || "<>\"|?*".contains(c))
        {
            return bad(format!(
                "\"{path}\" has a character that file systems do not allow"
            ));
        }
    }
    Ok(())
}

/// Sorts `files` by path and reports every path produced twice (keeping the
/// first), or that would not stay inside the output folder (dropping it).
pub fn find_collisions(files: &mut Vec<OutputFile>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    files.sort_by(|a, b| a.path.cmp(&b.path).then_with(|| a.owner.cmp(&b.owner)));
    files.retain(|f| match check_path(&f.path) {
        Ok(()) => true,
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    &f.owner,
                    format!("refusing to write outside the output folder: {}", e.message),
                )
                .help(e.help),
            );
            false
        }
    });
    let mut kept: Vec<OutputFile> = Vec::with_capacity(files.len());
    for f in files.drain(..) {
        match kept.last() {
            Some(prev) if prev.path == f.path => {
                diags.push(
                    Diagnostic::error(
                        &f.owner,
                        format!("this would be written to /{}, like {}", f.path, prev.owner),
                    )
                    .help(
                        "give one of them another slug (front matter `slug:`) or another file name",
                    ),
                );
            }
            _ => kept.push(f),
        }
    }
    // A file and a folder with the same path cannot both exist.
    let folders: BTreeSet<&str> = kept.iter().flat_map(|f| parents(&f.path)).collect();
    for f in &kept {
        if folders.contains(f.path.as_str()) {
            diags.push(
                Diagnostic::error(
                    &f.owner,
                    format!("/{} would be both a file and a folder", f.path),
                )
                .help("give this file, or the page whose address starts with it, another name or `slug:`"),
            );
        }
    }
    *files = kept;
    diags
}

pub(crate) fn parents(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(move |(i, _)| &path[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_must_stay_inside() {
        assert!(check_path("es/casos/lima/index.html").is_ok());
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a//b",
            "a\\b",
            "c:/x",
            "a/\0",
            "./a",
        ] {
            assert!(check_path(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn collisions_name_both_owners() {
        let mut files = vec![
            OutputFile::new(
                "es/a/index.html".into(),
                vec![],
                "content/cases/a.es.md".into(),
            ),
            OutputFile::new(
                "es/a/index.html".into(),
                vec![],
                "content/pages/a.es.md".into(),
            ),
            OutputFile::new("../evil".into(), vec![], "x".into()),
        ];
        let d = find_collisions(&mut files);
        assert_eq!(files.len(), 1);
        assert_eq!(d.len(), 2);
        let text = d
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            text.contains("content/cases/a.es.md") && text.contains("content/pages/a.es.md"),
            "{text}"
        );
    }
}

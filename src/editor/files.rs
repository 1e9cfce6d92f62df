//! Reading, listing, writing and deleting the files the editor may use
//! (already checked by `paths`). A write never leaves a half-written file:
//! the new bytes go to a hidden temporary file in the same folder, are
//! flushed to the disk, and the temporary file is renamed over the old one
//! in one step; when anything fails, the old file is left as it was.

use std::io::Write;
use std::path::Path;

use super::paths::{self, Allowed, Kind};

/// A new version of a file, written and flushed beside it, not yet in place.
pub(crate) struct Prepared {
    temp: tempfile::NamedTempFile,
    file: Allowed,
}

/// Writes `bytes` to a temporary file beside `file`, creating its folders if
/// needed. Nothing is replaced until [`Prepared::commit`]; a `Prepared`
/// dropped uncommitted removes its temporary file.
pub(crate) fn prepare(file: &Allowed, bytes: &[u8]) -> Result<Prepared, String> {
    let fail = |e: std::io::Error| format!("cannot save {}: {e}", file.rel);
    let folder = file
        .path
        .parent()
        .ok_or_else(|| format!("cannot save {}: it has no folder", file.rel))?;
    std::fs::create_dir_all(folder).map_err(fail)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".memoria-save-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(fail)?;
    temp.write_all(bytes).map_err(fail)?;
    let permissions = match std::fs::metadata(&file.path) {
        Ok(m) => m.permissions(),
        Err(_) => new_file_permissions(),
    };
    std::fs::set_permissions(temp.path(), permissions).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    Ok(Prepared {
        temp,
        file: file.clone(),
    })
}

impl Prepared {
    /// Puts the new version in place of the old one, in one step.
    pub(crate) fn commit(self) -> Result<(), String> {
        let rel = self.file.rel;
        self.temp
            .persist(&self.file.path)
            .map(drop)
            .map_err(|e| format!("cannot save {rel}: {}", e.error))
    }
}

/// Writes several files: every new version is written beside its file
/// first, and only when all were written are they put in place. A failure
/// while writing leaves every old file as it was.
pub(crate) fn write_all(files: &[(Allowed, Vec<u8>)]) -> Result<(), String> {
    let prepared = files
        .iter()
        .map(|(file, bytes)| prepare(file, bytes))
        .collect::<Result<Vec<_>, _>>()?;
    prepared.into_iter().try_for_each(Prepared::commit)
}

#[cfg(unix)]
fn new_file_permissions() -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::Permissions::from_mode(0o644)
}

#[cfg(not(unix))]
fn new_file_permissions() -> std::fs::Permissions {
    // Elsewhere a new file is simply writable.
    let mut p = std::fs::metadata(".").map(|m| m.permissions()).unwrap();
    p.set_readonly(false);
    p
}

/// Deletes `file`; a file that is already gone is not an error.
pub(crate) fn delete(file: &Allowed) -> Result<(), String> {
    match std::fs::remove_file(&file.path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("cannot delete {}: {e}", file.rel)),
    }
}

/// The files under `folder` whose names end with `extension` (empty: every
/// file), `depth` levels deep at most (1: the folder alone), sorted. Hidden
/// files, symbolic links and what the editor may not use are left out.
pub(crate) fn list(root: &Path, folder: &Allowed, extension: &str, depth: usize) -> Vec<Allowed> {
    if depth == 0 || !folder.path.is_dir() {
        return Vec::new();
    }
    let mut found: Vec<Allowed> = walkdir::WalkDir::new(&folder.path)
        .min_depth(1)
        .max_depth(depth)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| e.file_name().to_string_lossy().ends_with(extension))
        .filter_map(|e| {
            let rel = e.path().strip_prefix(root).ok()?;
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_str())
                .collect::<Option<Vec<_>>>()?
                .join("/");
            paths::check(root, &rel, Kind::File).ok()
        })
        .collect();
    found.sort_by(|a, b| a.rel.cmp(&b.rel));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("content/cases")).unwrap();
        (dir, root)
    }

    #[test]
    fn writes_replace_the_file_and_leave_no_temporary_file() {
        let (_dir, root) = site();
        std::fs::write(root.join("content/cases/a.md"), "old").unwrap();
        let a = paths::check(&root, "content/cases/a.md", Kind::File).unwrap();
        let b = paths::check(&root, "content/cases/new/b.md", Kind::File).unwrap();
        write_all(&[(a.clone(), b"new".to_vec()), (b.clone(), b"b".to_vec())]).unwrap();
        assert_eq!(std::fs::read(&a.path).unwrap(), b"new");
        assert_eq!(std::fs::read(&b.path).unwrap(), b"b");
        let names: Vec<_> = std::fs::read_dir(root.join("content/cases"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn a_failed_write_leaves_every_old_file() {
        let (_dir, root) = site();
        std::fs::write(root.join("content/cases/a.md"), "old").unwrap();
        let a = paths::check(&root, "content/cases/a.md", Kind::File).unwrap();
        // A folder that cannot be made: a file has its name.
        let b = paths::check(&root, "content/cases/a.md/b.md", Kind::File).unwrap();
        let error = write_all(&[(a.clone(), b"new".to_vec()), (b, b"b".to_vec())]).unwrap_err();
        assert!(
            error.starts_with("cannot save content/cases/a.md/b.md: "),
            "{error}"
        );
        assert_eq!(std::fs::read(&a.path).unwrap(), b"old");
        let names: Vec<_> = std::fs::read_dir(root.join("content/cases"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.md"], "no temporary file left");
    }
}

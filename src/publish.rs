//! Publishing the site: all or nothing.
//!
//! The whole site is written into a fresh folder beside the output folder and
//! swapped in only once complete, so a failed or interrupted build leaves the
//! previous output whole. Files whose bytes did not change are hard-linked
//! from the previous output instead of written (nothing is ever written
//! into an existing file, so the previous output cannot change through a
//! link), and the previous output is removed in the background. Every path is checked to stay inside the output
//! folder, and memoria refuses to replace a folder that holds anything but a
//! previous build (the site's own sources, a home folder…).

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::thread::JoinHandle;

use rayon::prelude::*;

use crate::config::{CONFIG_FILE, SOURCE_FOLDERS};
use crate::diagnostics::{display_path, Diagnostic, Problem};
use crate::output::{check_path, parents, OutputFile};

/// Makes sure `target` may be replaced by a build of the site in `root`;
/// the problem says why not and which folder to choose instead.
pub fn guard_target(root: &Path, target: &Path) -> Result<(), Problem> {
    let root = absolute(root);
    let target = absolute(target);
    let inside = "choose a folder for the website inside the site's folder, e.g. --output public, or output_dir = \"public\" in site.toml";
    let elsewhere = "choose an empty folder, or the folder of a previous build, with --output or output_dir in site.toml";
    if target == root || root.starts_with(&target) {
        return Err(Problem::new(
            format!(
                "the output folder {} contains the site itself",
                target.display()
            ),
            inside,
        ));
    }
    for protected in SOURCE_FOLDERS {
        if target.starts_with(root.join(protected)) {
            return Err(Problem::new(
                format!(
                    "the output folder {} is inside the site's {protected}/ folder",
                    target.display()
                ),
                inside,
            ));
        }
    }
    if target.is_file() {
        return Err(Problem::new(
            format!("{} is a file, not a folder", target.display()),
            elsewhere,
        ));
    }
    if target.is_dir() {
        if target.join(CONFIG_FILE).exists() || target.join("content").is_dir() {
            return Err(Problem::new(
                format!("{} holds a site's sources", target.display()),
                elsewhere,
            ));
        }
        let mut entries = fs::read_dir(&target).map_err(|e| {
            Problem::new(
                format!("cannot read {}: {e}", target.display()),
                "check that you may open this folder, or choose another one with --output or output_dir in site.toml",
            )
        })?;
        let empty = entries.next().is_none();
        let built = target.join("index.html").is_file() || target.join("sitemap.xml").is_file();
        if !empty && !built {
            return Err(Problem::new(
                format!(
                    "{} is not empty and does not look like a site built by memoria",
                    target.display()
                ),
                "a build replaces the whole output folder: choose an empty folder, or the folder of a previous build, with --output or output_dir in site.toml",
            ));
        }
    }
    Ok(())
}

/// The absolute form of `path`, with `.` and `..` resolved lexically, and
/// symbolic links of its existing part resolved.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    // Resolve links in the longest existing prefix.
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => return out,
        }
    }
    let mut resolved = fs::canonicalize(&existing).unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    resolved
}

/// What [`write_site`] did. The previous output, swapped out, is removed
/// in the background: [`Published::finish`] waits for that and reports a
/// failure; dropping a `Published` waits too, so the removal never outlives
/// the command.
#[derive(Debug)]
pub(crate) struct Published {
    /// Files written from their bytes (new or changed).
    pub(crate) written: usize,
    /// Files carried unchanged from the previous output by a hard link.
    pub(crate) unchanged: usize,
    /// The removal of the previous output, when there was one.
    removal: Option<Removal>,
}

/// A previous output being removed by a background thread.
#[derive(Debug)]
struct Removal {
    folder: PathBuf,
    thread: JoinHandle<io::Result<()>>,
}

impl Published {
    /// Waits until the previous output is removed; a warning naming its
    /// folder when it could not be.
    pub(crate) fn finish(mut self) -> Option<Diagnostic> {
        let removal = self.removal.take()?;
        let failed = match removal.thread.join() {
            Ok(result) => result.err(),
            Err(_) => Some(io::Error::other("the removal stopped unexpectedly")),
        };
        failed.map(|e| removal_warning(&removal.folder, &e))
    }
}

impl Drop for Published {
    fn drop(&mut self) {
        if let Some(removal) = self.removal.take() {
            let _ = removal.thread.join();
        }
    }
}

/// The warning for a previous output that could not be removed.
fn removal_warning(folder: &Path, e: &io::Error) -> Diagnostic {
    Diagnostic::warning(
        folder,
        format!("the previous output could not be removed from this folder: {e}"),
    )
    .help(
        "the new site is in place; delete this folder yourself (it holds only the previous build)",
    )
}

/// Writes `files` as the new content of `target`, all or nothing.
///
/// The new site is written into a fresh folder beside `target` and swapped
/// in. A file whose bytes equal those of the previous output at the same
/// path is carried into the new folder by a hard link instead of being
/// written; nothing is ever written into an existing file, so the previous
/// output can never change through a link.
pub(crate) fn write_site(
    files: &[OutputFile],
    root: &Path,
    target: &Path,
) -> Result<Published, Diagnostic> {
    let shown = display_path(target.strip_prefix(root).unwrap_or(target));
    guard_target(root, target).map_err(|e| {
        let folder = if shown.is_empty() {
            "."
        } else {
            shown.as_str()
        };
        Diagnostic::error(
            folder,
            format!("refusing to write the site here: {}", e.message),
        )
        .help(e.help)
    })?;
    let fail = |what: &str, e: io::Error| {
        Diagnostic::error(&shown, format!("{what}: {e}")).help("the previous output is unchanged; check the disk space and permissions of the output folder")
    };
    let target = absolute(target);
    let parent = target
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    fs::create_dir_all(&parent)
        .map_err(|e| fail("cannot create the folder that holds the output", e))?;
    remove_leftovers(&parent, &name);

    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.memoria-new-"))
        .tempdir_in(&parent)
        .map_err(|e| fail("cannot create a temporary folder beside the output", e))?;
    let started = std::time::Instant::now();
    let previous = target.is_dir().then_some(target.as_path());
    let (written, unchanged) = write_tree(files, staging.path(), previous)
        .map_err(|e| fail("writing the new site failed", e))?;
    crate::timing::timing("write: files", started);
    set_public_permissions(staging.path());
    let staging = staging.keep();
    let old = swap_in(&staging, &target).map_err(|e| {
        let _ = fs::remove_dir_all(&staging);
        fail("replacing the previous output failed", e)
    })?;
    Ok(Published {
        written,
        unchanged,
        removal: old.map(remove_in_background),
    })
}

/// Starts removing `folder` (a previous output) in a background thread.
fn remove_in_background(folder: PathBuf) -> Removal {
    let doomed = folder.clone();
    Removal {
        folder,
        thread: std::thread::spawn(move || fs::remove_dir_all(doomed)),
    }
}

/// Writes every file under `dir`, creating folders first, in parallel; a
/// file equal to the one at the same path under `previous` is hard-linked
/// from there instead. Returns how many files were written and how many
/// were linked.
pub(crate) fn write_tree(
    files: &[OutputFile],
    dir: &Path,
    previous: Option<&Path>,
) -> io::Result<(usize, usize)> {
    let folders: BTreeSet<&str> = files.iter().flat_map(|f| parents(&f.path)).collect();
    for folder in &folders {
        fs::create_dir_all(dir.join(folder))?;
    }
    let previous = previous.map(|p| PreviousTree::new(p, &folders));
    let linked = files
        .par_iter()
        .map(|f| {
            check_path(&f.path).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
            let dest = dir.join(&f.path);
            if previous.as_ref().is_some_and(|p| p.link(f, &dest)) {
                return Ok(1);
            }
            write_new(&dest, &f.bytes).map(|()| 0)
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))?;
    Ok((files.len() - linked, linked))
}

/// Writes `bytes` to `path`, which must not exist yet: never into an
/// existing file (which could be shared with the previous output).
fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    io::Write::write_all(&mut file, bytes)
}

/// The previous output, as a source of unchanged files.
struct PreviousTree<'a> {
    dir: &'a Path,
    /// The folders of the new site that are real folders (no symbolic link
    /// on the way) in the previous output, "" for its root.
    folders: HashSet<&'a str>,
}

impl<'a> PreviousTree<'a> {
    /// The previous output in `dir`, for a new site with `folders`.
    fn new(dir: &'a Path, folders: &BTreeSet<&'a str>) -> Self {
        let mut real = HashSet::new();
        if is_real_dir(dir) {
            real.insert("");
            // Parents come before their children in the sorted set.
            for folder in folders {
                let parent = folder.rsplit_once('/').map_or("", |(p, _)| p);
                if real.contains(parent) && is_real_dir(&dir.join(folder)) {
                    real.insert(*folder);
                }
            }
        }
        PreviousTree { dir, folders: real }
    }

    /// Hard-links the previous copy of `file` to `dest` when its bytes are
    /// the same; false when they differ or the link cannot be made.
    fn link(&self, file: &OutputFile, dest: &Path) -> bool {
        let folder = file.path.rsplit_once('/').map_or("", |(p, _)| p);
        if !self.folders.contains(folder) {
            return false;
        }
        let old = self.dir.join(&file.path);
        same_bytes(&old, &file.bytes) && fs::hard_link(&old, dest).is_ok()
    }
}

/// True when `path` is a folder and not a symbolic link.
fn is_real_dir(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

/// True when `path` is a regular file (not a link) holding exactly `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return false;
    };
    meta.is_file() && meta.len() == bytes.len() as u64 && fs::read(path).is_ok_and(|b| b == bytes)
}

/// Puts `new` in place of `target`, atomically where the system allows it.
/// Returns the folder that now holds the previous output, to be removed.
fn swap_in(new: &Path, target: &Path) -> io::Result<Option<PathBuf>> {
    if !target.exists() {
        return fs::rename(new, target).map(|()| None);
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        if renameat_with(CWD, new, CWD, target, RenameFlags::EXCHANGE).is_ok() {
            // `new` now holds the previous output.
            return Ok(Some(new.to_path_buf()));
        }
    }
    let parent = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let old = tempfile::Builder::new()
        .prefix(&format!(".{name}.memoria-old-"))
        .tempdir_in(parent)?
        .keep();
    fs::remove_dir(&old)?;
    fs::rename(target, &old)?;
    if let Err(e) = fs::rename(new, target) {
        let _ = fs::rename(&old, target);
        return Err(e);
    }
    Ok(Some(old))
}

/// Removes folders left by a build that was killed before it finished.
fn remove_leftovers(parent: &Path, name: &str) {
    let prefixes = [
        format!(".{name}.memoria-new-"),
        format!(".{name}.memoria-old-"),
    ];
    if let Ok(entries) = fs::read_dir(parent) {
        for e in entries.flatten() {
            let file_name = e.file_name().to_string_lossy().to_string();
            if prefixes.iter().any(|p| file_name.starts_with(p)) && e.path().is_dir() {
                let _ = fs::remove_dir_all(e.path());
            }
        }
    }
}

#[cfg(unix)]
fn set_public_permissions(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o755));
}

#[cfg(not(unix))]
fn set_public_permissions(_dir: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_replace_sources() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join(CONFIG_FILE), "").unwrap();
        fs::create_dir_all(root.join("content/cases")).unwrap();
        assert!(guard_target(root, root).is_err());
        assert!(guard_target(root, &root.join("content")).is_err());
        assert!(guard_target(root, root.parent().unwrap()).is_err());
        assert!(guard_target(root, &root.join("public")).is_ok());
        let other = root.join("notes");
        fs::create_dir_all(&other).unwrap();
        fs::write(other.join("x.txt"), "keep me").unwrap();
        assert!(guard_target(root, &other).is_err());
    }

    #[test]
    fn swaps_whole_trees() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let out = root.join("public");
        let v1 = vec![
            OutputFile::new("index.html".into(), b"one".to_vec(), "t".into()),
            OutputFile::new("a/old.html".into(), b"x".to_vec(), "t".into()),
        ];
        write_site(&v1, root, &out).unwrap();
        let v2 = vec![OutputFile::new(
            "index.html".into(),
            b"two".to_vec(),
            "t".into(),
        )];
        write_site(&v2, root, &out).unwrap();
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"two");
        assert!(!out.join("a/old.html").exists());
        let leftovers: Vec<_> = fs::read_dir(root)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("memoria-"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn a_failed_removal_is_a_warning_naming_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join(".public.memoria-new-x");
        let published = Published {
            written: 0,
            unchanged: 0,
            removal: Some(remove_in_background(gone.clone())),
        };
        let warning = published.finish().expect("a warning").to_string();
        assert!(warning.starts_with("warning: "), "{warning}");
        assert!(warning.contains(".public.memoria-new-x"), "{warning}");
        assert!(warning.contains("delete this folder yourself"), "{warning}");
    }

    #[cfg(unix)]
    #[test]
    fn never_links_through_a_symbolic_link_of_the_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let (old, new, elsewhere) = (
            dir.path().join("old"),
            dir.path().join("new"),
            dir.path().join("elsewhere"),
        );
        fs::create_dir_all(&elsewhere).unwrap();
        fs::create_dir_all(&old).unwrap();
        fs::create_dir_all(&new).unwrap();
        fs::write(elsewhere.join("page.html"), "same").unwrap();
        fs::write(old.join("index.html"), "same").unwrap();
        std::os::unix::fs::symlink(&elsewhere, old.join("a")).unwrap();
        std::os::unix::fs::symlink(elsewhere.join("page.html"), old.join("b.html")).unwrap();
        let files = vec![
            OutputFile::new("index.html".into(), b"same".to_vec(), "t".into()),
            OutputFile::new("a/page.html".into(), b"same".to_vec(), "t".into()),
            OutputFile::new("b.html".into(), b"same".to_vec(), "t".into()),
        ];
        assert_eq!(write_tree(&files, &new, Some(&old)).unwrap(), (2, 1));
        assert!(!fs::symlink_metadata(new.join("a")).unwrap().is_symlink());
        assert!(!fs::symlink_metadata(new.join("b.html"))
            .unwrap()
            .is_symlink());
    }
}

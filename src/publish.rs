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

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::thread::JoinHandle;

use rayon::prelude::*;

use crate::config::{CONFIG_FILE, SOURCE_FOLDERS};
use crate::diagnostics::{display_path, Diagnostic, Problem};
use crate::output::{check_path, OutputFile};

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
    let staging = Staging::new(root, target)?;
    let started = std::time::Instant::now();
    files
        .par_iter()
        .for_each(|f| staging.write(&f.path, &f.owner, &f.bytes));
    crate::timing::timing("write: files", started);
    staging.publish()
}

/// A new output being written, file by file, into a fresh folder beside
/// the output folder, as the files are produced: nothing holds the whole
/// site in memory. [`Staging::publish`] swaps it in once complete; dropping
/// it instead removes the folder, and the previous output stays as it was.
pub(crate) struct Staging {
    /// The fresh folder (removed when dropped before it is published).
    dir: tempfile::TempDir,
    /// The output folder, absolute.
    target: PathBuf,
    /// The output folder as shown in messages.
    shown: String,
    /// The previous output, as a source of unchanged files.
    previous: Option<PreviousTree>,
    /// Folders of the new output already created, "" for its root.
    folders: Mutex<HashSet<String>>,
    /// Every file given, with its owner (without its bytes), in any order.
    files: Mutex<Vec<OutputFile>>,
    /// How many files were written from their bytes.
    written: AtomicUsize,
    /// How many files were carried from the previous output by a hard link.
    linked: AtomicUsize,
    /// The first failure to write.
    failure: Mutex<Option<io::Error>>,
}

impl Staging {
    /// A fresh folder beside `target`, the output folder of the site in
    /// `root`, once `target` is known to be replaceable (see [`guard_target`]).
    pub(crate) fn new(root: &Path, target: &Path) -> Result<Staging, Diagnostic> {
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
        let target = absolute(target);
        let parent = target
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "public".into());
        let fail = |what: &str, e: io::Error| write_failure(&shown, what, e);
        fs::create_dir_all(&parent)
            .map_err(|e| fail("cannot create the folder that holds the output", e))?;
        remove_leftovers(&parent, &name);
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.memoria-new-"))
            .tempdir_in(&parent)
            .map_err(|e| fail("cannot create a temporary folder beside the output", e))?;
        let previous = target.is_dir().then(|| PreviousTree::new(target.clone()));
        Ok(Staging {
            dir,
            target,
            shown,
            previous,
            folders: Mutex::new(HashSet::from([String::new()])),
            files: Mutex::new(Vec::new()),
            written: AtomicUsize::new(0),
            linked: AtomicUsize::new(0),
            failure: Mutex::new(None),
        })
    }

    /// The folder the new output is written into.
    pub(crate) fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Writes one file of the new output (or links its unchanged previous
    /// copy). A path that would leave the output folder is never written;
    /// it and a path given twice are reported by [`Staging::files`].
    pub(crate) fn write(&self, path: &str, owner: &str, bytes: &[u8]) {
        lock(&self.files).push(OutputFile::new(path.into(), Vec::new(), owner.into()));
        let written = check_path(path)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))
            .and_then(|()| self.write_file(path, bytes));
        if let Err(e) = written {
            lock(&self.failure).get_or_insert(e);
        }
    }

    fn write_file(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let folder = path.rsplit_once('/').map_or("", |(p, _)| p);
        if !lock(&self.folders).contains(folder) {
            fs::create_dir_all(self.dir.path().join(folder))?;
            lock(&self.folders).insert(folder.to_string());
        }
        let dest = self.dir.path().join(path);
        if self
            .previous
            .as_ref()
            .is_some_and(|p| p.link(path, bytes, &dest))
        {
            self.linked.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        write_new(&dest, bytes)?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Every file written so far, sorted by path, without their bytes; and
    /// the errors of the paths given twice, or that would leave the output
    /// folder (see [`crate::output::find_collisions`]).
    pub(crate) fn files(&self) -> (Vec<OutputFile>, Vec<Diagnostic>) {
        let mut files = std::mem::take(&mut *lock(&self.files));
        let errors = crate::output::find_collisions(&mut files);
        (files, errors)
    }

    /// Swaps the new output in place of the previous one, which is then
    /// removed in the background.
    pub(crate) fn publish(self) -> Result<Published, Diagnostic> {
        let shown = self.shown.clone();
        let fail = |what: &str, e: io::Error| write_failure(&shown, what, e);
        if let Some(e) = lock(&self.failure).take() {
            return Err(fail("writing the new site failed", e));
        }
        set_public_permissions(self.dir.path());
        let staging = self.dir.keep();
        let old = swap_in(&staging, &self.target).map_err(|e| {
            let _ = fs::remove_dir_all(&staging);
            fail("replacing the previous output failed", e)
        })?;
        Ok(Published {
            written: self.written.load(Ordering::Relaxed),
            unchanged: self.linked.load(Ordering::Relaxed),
            removal: old.map(remove_in_background),
        })
    }
}

/// The error of a failed write into the output folder `shown`.
fn write_failure(shown: &str, what: &str, e: io::Error) -> Diagnostic {
    Diagnostic::error(shown, format!("{what}: {e}")).help(
        "the previous output is unchanged; check the disk space and permissions of the output folder",
    )
}

/// Locks `m`, even when a thread panicked while holding it.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl crate::output::Sink for Staging {
    fn put(&self, file: OutputFile) {
        self.write(&file.path, &file.owner, &file.bytes);
    }
}

/// Starts removing `folder` (a previous output) in a background thread.
fn remove_in_background(folder: PathBuf) -> Removal {
    let doomed = folder.clone();
    Removal {
        folder,
        thread: std::thread::spawn(move || fs::remove_dir_all(doomed)),
    }
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
struct PreviousTree {
    dir: PathBuf,
    /// Whether each folder asked about is a real folder (no symbolic link
    /// on the way) in the previous output, "" for its root.
    real: Mutex<HashMap<String, bool>>,
}

impl PreviousTree {
    /// The previous output in `dir`.
    fn new(dir: PathBuf) -> Self {
        PreviousTree {
            dir,
            real: Mutex::new(HashMap::new()),
        }
    }

    /// True when `folder` and every folder above it are real folders of
    /// the previous output, not symbolic links.
    fn is_real(&self, folder: &str) -> bool {
        if let Some(known) = lock(&self.real).get(folder) {
            return *known;
        }
        let real = match folder.rsplit_once('/') {
            _ if folder.is_empty() => is_real_dir(&self.dir),
            Some((parent, _)) => self.is_real(parent) && is_real_dir(&self.dir.join(folder)),
            None => self.is_real("") && is_real_dir(&self.dir.join(folder)),
        };
        lock(&self.real).insert(folder.to_string(), real);
        real
    }

    /// Hard-links the previous copy of the file at `path` to `dest` when its
    /// bytes are `bytes`; false when they differ or the link cannot be made.
    fn link(&self, path: &str, bytes: &[u8], dest: &Path) -> bool {
        let folder = path.rsplit_once('/').map_or("", |(p, _)| p);
        if !self.is_real(folder) {
            return false;
        }
        let old = self.dir.join(path);
        same_bytes(&old, bytes) && fs::hard_link(&old, dest).is_ok()
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
        fs::create_dir_all(new.join("a")).unwrap();
        let previous = PreviousTree::new(old.clone());
        assert!(previous.link("index.html", b"same", &new.join("index.html")));
        assert!(!previous.link("a/page.html", b"same", &new.join("a/page.html")));
        assert!(!previous.link("b.html", b"same", &new.join("b.html")));
        assert!(!new.join("a/page.html").exists());
        assert!(!new.join("b.html").exists());
    }
}

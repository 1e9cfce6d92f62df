//! `serve`'s synchronisation: brings the served folder to a new build by
//! writing only the files whose bytes changed.

use std::fs;
use std::io;
use std::path::Path;

use rayon::prelude::*;

use crate::output::{check_path, OutputFile};

/// What the served folder holds, by path: the hash of each file's bytes.
pub(crate) type Manifest = std::collections::HashMap<String, u128>;

/// The manifest of `files`.
pub(crate) fn manifest(files: &[OutputFile]) -> Manifest {
    files
        .par_iter()
        .map(|f| (f.path.clone(), xxhash_rust::xxh3::xxh3_128(&f.bytes)))
        .collect()
}

/// What [`sync_tree`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SyncStats {
    /// Files written because they are new or changed.
    pub written: usize,
    /// Files removed because the site no longer has them.
    pub removed: usize,
    /// Files left alone because their bytes did not change.
    pub unchanged: usize,
    /// After a quick rebuild (only texts of cases changed): how many files
    /// were made again; `None` after a full rebuild.
    pub rendered: Option<usize>,
}

/// Brings `dir` (whose files are described by `previous`) to exactly
/// `files`: writes only new and changed files (see [`write_file`]), removes
/// files the site no longer has, and returns the new manifest. Used by
/// `serve`, where most rebuilds change a handful of files.
pub(crate) fn sync_tree(
    files: &[OutputFile],
    dir: &Path,
    previous: &Manifest,
) -> io::Result<(Manifest, SyncStats)> {
    let current = manifest(files);
    let changed: Vec<&OutputFile> = files
        .iter()
        .filter(|f| previous.get(&f.path) != current.get(&f.path))
        .collect();
    changed.par_iter().try_for_each(|f| write_file(dir, f))?;
    let mut stale: Vec<&String> = previous
        .keys()
        .filter(|p| !current.contains_key(*p))
        .collect();
    stale.sort();
    let removed = stale.into_iter().filter(|p| remove_file(dir, p)).count();
    let stats = SyncStats {
        written: changed.len(),
        removed,
        unchanged: files.len() - changed.len(),
        rendered: None,
    };
    Ok((current, stats))
}

/// Writes `f` into `dir`, in place: the new bytes over the old ones, then
/// the length set. The served folder belongs to `serve` alone and its
/// server reads no file while a rebuild writes (`http::State::gate`), so no
/// reader sees half a file. Replacing each file by renaming a new one over
/// it (or truncating it to nothing first) would make ext4 send it to the
/// disk at once: about 1.7 ms a file against 0.1 ms, most of a vocabulary
/// label's rebuild (BENCHMARKS.md, "Serving"). A file with another hard
/// link is replaced instead, never written through. Its folders are made
/// only when it is new: most rebuilds write files that are there already,
/// and asking for each folder first cost as much as writing.
fn write_file(dir: &Path, f: &OutputFile) -> io::Result<()> {
    check_path(&f.path).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    let target = dir.join(&f.path);
    let open = || {
        fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(&target)
    };
    let mut file = match open() {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            fs::create_dir_all(target.parent().unwrap_or(dir))?;
            open()?
        }
        other => other?,
    };
    let metadata = file.metadata()?;
    if is_only_link(&metadata) {
        io::Write::write_all(&mut file, &f.bytes)?;
        // Setting the length it has already would change the file's inode a second time.
        if metadata.len() > f.bytes.len() as u64 {
            file.set_len(f.bytes.len() as u64)?;
        }
        return Ok(());
    }
    drop(file);
    let parent = target.parent().unwrap_or(dir);
    let mut tmp = tempfile::NamedTempFile::new_in(parent)?;
    io::Write::write_all(&mut tmp, &f.bytes)?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

/// True when the file of `metadata` has no other name (hard link) than the one opened.
#[cfg(unix)]
fn is_only_link(metadata: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    metadata.nlink() == 1
}

/// Elsewhere links are not counted: every file is replaced.
#[cfg(not(unix))]
fn is_only_link(_: &fs::Metadata) -> bool {
    false
}

/// Removes the file `path` of `dir` and the folders it leaves empty; true
/// when it was removed.
fn remove_file(dir: &Path, path: &str) -> bool {
    if check_path(path).is_err() || fs::remove_file(dir.join(path)).is_err() {
        return false;
    }
    let mut folder = Path::new(path).parent();
    while let Some(f) = folder.filter(|f| !f.as_os_str().is_empty()) {
        if fs::remove_dir(dir.join(f)).is_err() {
            break;
        }
        folder = f.parent();
    }
    true
}

/// Brings `dir`, described by `manifest`, up to date with some of its files:
/// writes those of `files` whose bytes changed and removes `removed`, and
/// records both in `manifest`. The other files of the site stay as they are.
pub(crate) fn apply(
    files: &[OutputFile],
    removed: &[String],
    dir: &Path,
    manifest: &mut Manifest,
) -> io::Result<SyncStats> {
    let hashes = self::manifest(files);
    let changed: Vec<&OutputFile> = files
        .iter()
        .filter(|f| manifest.get(&f.path) != hashes.get(&f.path))
        .collect();
    changed.par_iter().try_for_each(|f| write_file(dir, f))?;
    let mut gone = 0;
    for path in removed {
        if manifest.remove(path).is_some() && remove_file(dir, path) {
            gone += 1;
        }
    }
    for f in &changed {
        manifest.insert(f.path.clone(), hashes[&f.path]);
    }
    Ok(SyncStats {
        written: changed.len(),
        removed: gone,
        unchanged: manifest.len() - changed.len(),
        rendered: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sync_writes_only_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let f = |p: &str, b: &str| OutputFile::new(p.into(), b.as_bytes().to_vec(), "t".into());
        let v1 = vec![
            f("a/index.html", "one"),
            f("b/index.html", "two"),
            f("gone/deep/x.html", "x"),
        ];
        let (m1, s1) = sync_tree(&v1, dir.path(), &Manifest::new()).unwrap();
        assert_eq!(
            s1,
            SyncStats {
                written: 3,
                removed: 0,
                unchanged: 0,
                rendered: None
            }
        );
        let v2 = vec![
            f("a/index.html", "one"),
            f("b/index.html", "TWO"),
            f("c.html", "new"),
        ];
        let (_, s2) = sync_tree(&v2, dir.path(), &m1).unwrap();
        assert_eq!(
            s2,
            SyncStats {
                written: 2,
                removed: 1,
                unchanged: 1,
                rendered: None
            }
        );
        assert_eq!(fs::read(dir.path().join("b/index.html")).unwrap(), b"TWO");
        assert!(
            !dir.path().join("gone").exists(),
            "emptied folders are removed"
        );
    }

    #[test]
    fn a_shorter_file_leaves_nothing_of_the_longer_one() {
        let dir = tempfile::tempdir().unwrap();
        let f = |b: &str| {
            vec![OutputFile::new(
                "a.html".into(),
                b.as_bytes().to_vec(),
                "t".into(),
            )]
        };
        let (m, _) = sync_tree(&f("a long first version"), dir.path(), &Manifest::new()).unwrap();
        sync_tree(&f("short"), dir.path(), &m).unwrap();
        assert_eq!(fs::read(dir.path().join("a.html")).unwrap(), b"short");
    }

    #[cfg(unix)]
    #[test]
    fn a_file_linked_elsewhere_is_replaced_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let f = |b: &str| {
            vec![OutputFile::new(
                "a.html".into(),
                b.as_bytes().to_vec(),
                "t".into(),
            )]
        };
        let (m, _) = sync_tree(&f("old"), dir.path(), &Manifest::new()).unwrap();
        let elsewhere = dir.path().join("elsewhere.html");
        fs::hard_link(dir.path().join("a.html"), &elsewhere).unwrap();
        sync_tree(&f("new"), dir.path(), &m).unwrap();
        assert_eq!(fs::read(dir.path().join("a.html")).unwrap(), b"new");
        assert_eq!(
            fs::read(&elsewhere).unwrap(),
            b"old",
            "the other name keeps its bytes"
        );
    }
}

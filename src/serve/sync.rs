//! `serve`'s synchronisation: brings the served folder to a new build by
//! writing only the files whose bytes changed.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::Path;

use rayon::prelude::*;

use crate::output::{check_path, parents, OutputFile};

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
/// `files`: writes only new and changed files (each through a temporary file
/// renamed into place, so a reader never sees half a file), removes files the
/// site no longer has, and returns the new manifest. Used by `serve`, where
/// most rebuilds change a handful of files.
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
    let folders: BTreeSet<&str> = changed.iter().flat_map(|f| parents(&f.path)).collect();
    for folder in &folders {
        fs::create_dir_all(dir.join(folder))?;
    }
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

/// Writes `f` into `dir` through a temporary file renamed into place, so
/// that a reader never sees half a file.
fn write_file(dir: &Path, f: &OutputFile) -> io::Result<()> {
    check_path(&f.path).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    let target = dir.join(&f.path);
    let parent = target.parent().unwrap_or(dir);
    let mut tmp = tempfile::NamedTempFile::new_in(parent)?;
    io::Write::write_all(&mut tmp, &f.bytes)?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
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
    for f in &changed {
        if let Some(parent) = Path::new(&f.path).parent() {
            fs::create_dir_all(dir.join(parent))?;
        }
    }
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
}

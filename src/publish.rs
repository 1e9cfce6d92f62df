//! Publishing the site: all or nothing.
//!
//! The whole site is written into a fresh folder beside the output folder and
//! swapped in only once complete, so a failed or interrupted build leaves the
//! previous output whole. Every path is checked to stay inside the output
//! folder, and memoria refuses to replace a folder that holds anything but a
//! previous build (the site's own sources, a home folder…).

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::config::CONFIG_FILE;
use crate::diagnostics::{display_path, Diagnostic};
use crate::output::{check_path, parents, OutputFile};

/// Makes sure `target` may be replaced by a build of the site in `root`.
pub fn guard_target(root: &Path, target: &Path) -> Result<(), String> {
    let root = absolute(root);
    let target = absolute(target);
    if target == root || root.starts_with(&target) {
        return Err(format!(
            "the output folder {} contains the site itself",
            target.display()
        ));
    }
    for protected in ["content", "themes", "static", "docs", "src", ".git"] {
        if target.starts_with(root.join(protected)) {
            return Err(format!(
                "the output folder {} is inside the site's {protected}/ folder",
                target.display()
            ));
        }
    }
    if target.is_file() {
        return Err(format!("{} is a file, not a folder", target.display()));
    }
    if target.is_dir() {
        if target.join(CONFIG_FILE).exists() || target.join("content").is_dir() {
            return Err(format!("{} holds a site's sources", target.display()));
        }
        let mut entries =
            fs::read_dir(&target).map_err(|e| format!("cannot read {}: {e}", target.display()))?;
        let empty = entries.next().is_none();
        let built = target.join("index.html").is_file() || target.join("sitemap.xml").is_file();
        if !empty && !built {
            return Err(format!(
                "{} is not empty and does not look like a site built by memoria",
                target.display()
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

/// Writes `files` as the new content of `target`, all or nothing.
pub fn write_site(files: &[OutputFile], root: &Path, target: &Path) -> Result<(), Diagnostic> {
    let shown = display_path(target.strip_prefix(root).unwrap_or(target));
    guard_target(root, target).map_err(|e| {
        Diagnostic::error(&shown, format!("refusing to write the site here: {e}"))
            .help("choose an empty folder, or the folder of a previous build, with --output or output_dir in site.toml")
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
    write_tree(files, staging.path()).map_err(|e| fail("writing the new site failed", e))?;
    crate::timing::timing("write: files", started);
    set_public_permissions(staging.path());
    let staging = staging.keep();
    swap_in(&staging, &target).map_err(|e| {
        let _ = fs::remove_dir_all(&staging);
        fail("replacing the previous output failed", e)
    })
}

/// Writes every file under `dir`, creating folders first, in parallel.
pub fn write_tree(files: &[OutputFile], dir: &Path) -> io::Result<()> {
    let folders: BTreeSet<&str> = files.iter().flat_map(|f| parents(&f.path)).collect();
    for folder in &folders {
        fs::create_dir_all(dir.join(folder))?;
    }
    files.par_iter().try_for_each(|f| {
        check_path(&f.path).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
        fs::write(dir.join(&f.path), &f.bytes)
    })
}

/// Puts `new` in place of `target`, atomically where the system allows it.
fn swap_in(new: &Path, target: &Path) -> io::Result<()> {
    if !target.exists() {
        return fs::rename(new, target);
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        if renameat_with(CWD, new, CWD, target, RenameFlags::EXCHANGE).is_ok() {
            // `new` now holds the previous output.
            let _ = fs::remove_dir_all(new);
            return Ok(());
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
    let _ = fs::remove_dir_all(&old);
    Ok(())
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
}

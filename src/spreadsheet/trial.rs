//! Before import writes anything, the site is loaded as it would be with
//! the new files — in a trial copy made of hard links (a copy where links
//! cannot be made), with the new texts written over — and every error
//! `memoria check` would give is an error of the import: an entry that
//! does not pass the checks of its file, an agreement an action names that
//! does not exist, a change to a report already presented to the
//! legislature without its erratum. The site's own files are not touched.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::LoadOptions;

/// The folders and files of a site root that the trial leaves out: the
/// output, version control, build folders.
fn skipped(name: &str, output: &Path) -> bool {
    name.starts_with('.') || ["target", "node_modules"].contains(&name) || Path::new(name) == output
}

/// The errors of the site in `root` with `texts` (paths relative to `root`)
/// written in.
pub(crate) fn check(root: &Path, output: &Path, texts: &[(PathBuf, String)]) -> Diagnostics {
    let mut all = Diagnostics::new();
    let fail = |e: std::io::Error| {
        Diagnostic::error(root, format!("memoria could not try the import in a copy of the site: {e}"))
            .help("check that you may write in the site's folder and that the disk is not full, then import again")
    };
    let trial = match tempfile::Builder::new()
        .prefix(".memoria-import-")
        .tempdir_in(root)
    {
        Ok(t) => t,
        Err(e) => {
            all.push(fail(e));
            return all;
        }
    };
    if let Err(e) = mirror(root, trial.path(), output) {
        all.push(fail(e));
        return all;
    }
    for (rel, text) in texts {
        let path = trial.path().join(rel);
        // Never write through a hard link: that would change the site's file.
        let _ = std::fs::remove_file(&path);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text));
        if let Err(e) = written {
            all.push(fail(e));
            return all;
        }
    }
    let (_, diagnostics) = crate::site::load(trial.path(), &LoadOptions::default());
    for d in diagnostics.iter().filter(|d| d.is_error()) {
        let mut d = d.clone();
        if let Ok(rel) = d.path.strip_prefix(trial.path()) {
            d.path = rel.to_path_buf();
        }
        all.push(d);
    }
    all
}

/// Makes `to` a copy of `from` of hard links, leaving out what [`skipped`]
/// names at the top.
fn mirror(from: &Path, to: &Path, output: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if skipped(&name, output) {
            continue;
        }
        copy_tree(&entry.path(), &to.join(&name))?;
    }
    Ok(())
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    let kind = std::fs::symlink_metadata(from)?.file_type();
    if kind.is_dir() {
        std::fs::create_dir_all(to)?;
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            copy_tree(&entry.path(), &to.join(entry.file_name()))?;
        }
        Ok(())
    } else if kind.is_file() {
        std::fs::hard_link(from, to).or_else(|_| std::fs::copy(from, to).map(|_| ()))
    } else {
        // A symbolic link is left out, as the loader leaves it out.
        Ok(())
    }
}

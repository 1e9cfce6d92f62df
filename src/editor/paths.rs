//! Which files the editor may read and write: the site's texts under
//! `content/` and the pictures and documents under the media folder
//! `static/`, nothing else. A path the editor sends is relative to the
//! site's folder (`content/cases/lima.es.md`); it is refused when it is
//! absolute, has `..`, `.`, hidden or empty parts, backslashes, colons or
//! NUL, lies outside those two folders, goes through a symbolic link, or
//! names a file of a kind that does not belong there.

use std::path::{Path, PathBuf};

/// The folder of the site's texts.
pub(crate) const CONTENT: &str = "content";

/// The folder of pictures and documents (copied as they are to the site).
pub(crate) const MEDIA: &str = "static";

/// The kinds of file the editor may write under `content/`.
const CONTENT_EXTENSIONS: [&str; 3] = ["md", "yaml", "yml"];

/// The kinds of file the editor may write under `static/`: pictures and
/// documents. Not SVG (a drawing can hold a script that would run on this
/// site's address) nor HTML, CSS or JavaScript.
const MEDIA_EXTENSIONS: [&str; 13] = [
    "jpg", "jpeg", "png", "gif", "webp", "avif", "pdf", "docx", "xlsx", "pptx", "odt", "ods", "csv",
];

/// Why a path was refused.
#[derive(Debug)]
pub(crate) struct Refused(pub(crate) String);

/// A path the editor may use: the form it was sent in and where it is.
#[derive(Debug, Clone)]
pub(crate) struct Allowed {
    /// The path relative to the site's folder, with `/`.
    pub(crate) rel: String,
    /// The absolute path.
    pub(crate) path: PathBuf,
}

/// What a path must name.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    /// A file, of a kind allowed in its folder.
    File,
    /// A folder (to list).
    Folder,
}

/// Checks `rel` against the site in `root` (absolute and canonical).
pub(crate) fn check(root: &Path, rel: &str, kind: Kind) -> Result<Allowed, Refused> {
    let refuse = |why: &str| Err(Refused(format!("{rel:?}: {why}")));
    if rel.is_empty() {
        return refuse("an empty path");
    }
    if rel.starts_with('/') || rel.starts_with('\\') {
        return refuse("an absolute path; the editor may only use paths inside content/ and static/ of the site");
    }
    let trimmed = match kind {
        Kind::Folder => rel.trim_end_matches('/'),
        Kind::File => rel,
    };
    let parts: Vec<&str> = trimmed.split('/').collect();
    for part in &parts {
        match *part {
            "" | "." => return refuse("a path with an empty or `.` part"),
            ".." => return refuse("a path with `..`; the editor may only use paths inside content/ and static/ of the site"),
            p if p.contains(['\\', ':', '\0']) => {
                return refuse("a path with a backslash, a colon or a NUL character")
            }
            p if p.starts_with('.') => {
                return refuse("a hidden file or folder (its name starts with a dot)")
            }
            _ => {}
        }
    }
    let area = parts[0];
    if area != CONTENT && area != MEDIA {
        return refuse(
            "outside content/ and static/; the editor may only use the site's texts and media",
        );
    }
    if kind == Kind::File {
        if parts.len() < 2 {
            return refuse("not a file");
        }
        let name = parts[parts.len() - 1];
        let extension = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        let allowed: &[&str] = if area == CONTENT {
            &CONTENT_EXTENSIONS
        } else {
            &MEDIA_EXTENSIONS
        };
        if !allowed.contains(&extension.as_str()) {
            return refuse(&format!(
                "not a kind of file the editor may write in {area}/ (allowed: {})",
                allowed.join(", ")
            ));
        }
    }
    // No part of the path may be a symbolic link: the file, its folders, or
    // content/ and static/ themselves.
    let mut path = root.to_path_buf();
    for (i, part) in parts.iter().enumerate() {
        path.push(part);
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                return refuse("goes through a symbolic link, which may lead outside the site")
            }
            Ok(m) if kind == Kind::File && i + 1 == parts.len() && !m.is_file() => {
                return refuse("not a file");
            }
            Ok(_) => {}
            // What does not exist yet is created by a write, inside the checked folders.
            Err(_) => break,
        }
    }
    // And what exists of it is, once every link is resolved, inside the
    // area (or is the site's folder, when the area is still to be created).
    let area_dir = root.join(area);
    let mut existing = root.join(parts.join("/"));
    while std::fs::symlink_metadata(&existing).is_err() && existing.pop() {}
    let inside = existing
        .canonicalize()
        .is_ok_and(|real| real.starts_with(&area_dir) || real == root);
    if !inside {
        return refuse("resolves to a place outside content/ and static/ of the site");
    }
    Ok(Allowed {
        rel: parts.join("/"),
        path: root.join(parts.join("/")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_outside_the_texts_and_media_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("content/cases")).unwrap();
        std::fs::create_dir_all(root.join("static/img")).unwrap();
        for good in [
            "content/cases/lima.es.md",
            "content/cases/new/x.yaml",
            "static/img/photo.JPG",
        ] {
            let allowed = check(&root, good, Kind::File).unwrap();
            assert_eq!(allowed.path, root.join(good));
        }
        assert!(check(&root, "content/cases/", Kind::Folder).is_ok());
        for bad in [
            "",
            "../site.toml",
            "/etc/passwd",
            "content/../site.toml",
            "content/./cases/x.md",
            "content//x.md",
            "content\\x.md",
            "C:/x.md",
            "site.toml",
            "themes/default/templates/base.html",
            "content/cases/x.html",
            "static/img/x.svg",
            "static/app.js",
            "content/cases/.hidden.md",
            "content/.git/x.md",
            "content/cases",
            "content",
        ] {
            assert!(check(&root, bad, Kind::File).is_err(), "{bad}");
        }
        for bad in ["..", "/", "themes", "content/.."] {
            assert!(check(&root, bad, Kind::Folder).is_err(), "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("content/cases")).unwrap();
        std::fs::write(outside.path().join("secret.md"), "x").unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("content/out")).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.md"),
            root.join("content/cases/link.md"),
        )
        .unwrap();
        assert!(check(&root, "content/out/secret.md", Kind::File).is_err());
        assert!(check(&root, "content/out/new.md", Kind::File).is_err());
        assert!(check(&root, "content/out", Kind::Folder).is_err());
        assert!(check(&root, "content/cases/link.md", Kind::File).is_err());
        std::os::unix::fs::symlink(outside.path(), root.join("static")).unwrap();
        assert!(check(&root, "static/img.png", Kind::File).is_err());
    }
}

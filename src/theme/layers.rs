//! Where each file of the theme is read from: the site's own folders first,
//! then the theme's folder, then the default theme built into memoria.
//!
//! The lookup order for a file such as `templates/case.html`:
//!
//! 1. the site's own `templates/case.html` (likewise `static/`, `print/`,
//!    `i18n/` at the site's root);
//! 2. `themes/<theme>/templates/case.html`, when that folder exists;
//! 3. with `theme = "default"`, the built-in default theme.
//!
//! A theme with another name must have its folder, and it is not completed
//! from the built-in default theme: its templates may use other names and
//! other words, and a file it lacks should be reported, not silently taken
//! from a different design.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use walkdir::WalkDir;

use crate::diagnostics::{display_path, Diagnostic, Diagnostics};
use crate::text::read_source;

/// The default theme, built into the program: a site needs no theme folder.
static BUILT_IN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The name of the theme that is built in.
pub(crate) const BUILT_IN_NAME: &str = "default";

/// How a file of the built-in theme is named in messages.
const BUILT_IN_LABEL: &str = "(built-in theme)";

/// The note on overriding that `init` writes in the site's own folders,
/// never published.
pub(crate) const FOLDER_NOTE: &str = "README.md";

/// One place theme files are read from.
#[derive(Debug, Clone)]
enum Layer {
    /// A folder on disk: absolute, and as shown (relative to the site).
    Folder { abs: PathBuf, shown: PathBuf },
    /// The default theme built into memoria.
    BuiltIn,
}

/// Where one theme file was found.
#[derive(Debug, Clone)]
pub enum ThemeFile {
    /// A file on disk: absolute path, and path relative to the site.
    Disk { abs: PathBuf, shown: PathBuf },
    /// A file of the built-in theme: its path inside the theme, its bytes.
    BuiltIn {
        /// e.g. `templates/case.html`.
        name: String,
        /// The file's bytes.
        bytes: &'static [u8],
    },
}

impl ThemeFile {
    /// The name shown in messages: the path relative to the site, or
    /// `(built-in theme) templates/case.html`.
    pub fn shown(&self) -> PathBuf {
        match self {
            ThemeFile::Disk { shown, .. } => shown.clone(),
            ThemeFile::BuiltIn { name, .. } => PathBuf::from(format!("{BUILT_IN_LABEL} {name}")),
        }
    }

    /// The file's text (UTF-8), or the problem reading it.
    pub(crate) fn text(&self) -> Result<String, Diagnostic> {
        match self {
            ThemeFile::Disk { abs, shown } => read_source(abs, shown),
            ThemeFile::BuiltIn { bytes, .. } => Ok(String::from_utf8_lossy(bytes).into_owned()),
        }
    }

    /// The file's bytes, or the problem reading them.
    pub(crate) fn bytes(&self) -> Result<Vec<u8>, Diagnostic> {
        match self {
            ThemeFile::Disk { abs, shown } => std::fs::read(abs).map_err(|e| {
                Diagnostic::error(shown, format!("cannot read this file: {e}"))
                    .help(crate::text::UNREADABLE_HELP)
            }),
            ThemeFile::BuiltIn { bytes, .. } => Ok(bytes.to_vec()),
        }
    }
}

/// The places a site's theme files are read from, the first that has a file
/// winning.
#[derive(Debug, Clone)]
pub struct Layers {
    layers: Vec<Layer>,
}

impl Layers {
    /// The layers of the site in `root` whose theme is `theme`; `None` (with
    /// the error) when a theme other than the built-in one has no folder.
    pub(crate) fn of_site(root: &Path, theme: &str, diags: &mut Diagnostics) -> Option<Layers> {
        let mut layers = vec![Layer::Folder {
            abs: root.to_path_buf(),
            shown: PathBuf::new(),
        }];
        let rel_dir = PathBuf::from("themes").join(theme);
        let dir = root.join(&rel_dir);
        if dir.is_dir() {
            layers.push(Layer::Folder {
                abs: dir,
                shown: rel_dir,
            });
        } else if theme != BUILT_IN_NAME {
            diags.push(
                Diagnostic::error(
                    "site.toml",
                    format!(
                        "the theme `{theme}` does not exist (no folder {})",
                        display_path(&rel_dir)
                    ),
                )
                .help("set theme = \"default\" in site.toml to use the theme built into memoria, or copy a theme into themes/"),
            );
            return None;
        }
        if theme == BUILT_IN_NAME {
            layers.push(Layer::BuiltIn);
        }
        Some(Layers { layers })
    }

    /// The theme's own folder as shown (`themes/<name>`), or nothing when the
    /// theme is only the built-in one.
    pub(crate) fn theme_folder(&self) -> PathBuf {
        self.layers
            .iter()
            .find_map(|l| match l {
                Layer::Folder { shown, .. } if !shown.as_os_str().is_empty() => Some(shown.clone()),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// The file `name` (e.g. `templates/case.html`) from the first layer
    /// that has it.
    pub fn find(&self, name: &str) -> Option<ThemeFile> {
        self.layers.iter().find_map(|layer| match layer {
            Layer::Folder { abs, shown } => {
                let path = abs.join(name);
                path.is_file().then(|| ThemeFile::Disk {
                    abs: path,
                    shown: shown.join(name),
                })
            }
            Layer::BuiltIn => built_in(name),
        })
    }

    /// The file `name` in every layer that has it, the lowest first (the
    /// built-in theme, then the theme's folder, then the site's own).
    pub(crate) fn find_all(&self, name: &str) -> Vec<ThemeFile> {
        let mut found: Vec<ThemeFile> = self
            .layers
            .iter()
            .filter_map(|layer| {
                Layers {
                    layers: vec![layer.clone()],
                }
                .find(name)
            })
            .collect();
        found.reverse();
        found
    }

    /// Every file under `folder` (e.g. `static`), by its path inside that
    /// folder, each from the first layer that has it.
    pub(crate) fn list(
        &self,
        folder: &str,
        diags: &mut Diagnostics,
    ) -> BTreeMap<String, ThemeFile> {
        let mut out = BTreeMap::new();
        for layer in self.layers.iter().rev() {
            match layer {
                Layer::Folder { abs, shown } => {
                    let dir = abs.join(folder);
                    let site_own = shown.as_os_str().is_empty();
                    for (name, path) in list_folder(&dir, &shown.join(folder), diags) {
                        // The note `init` leaves in the site's own folders.
                        if site_own && name == FOLDER_NOTE {
                            continue;
                        }
                        let shown = shown.join(folder).join(&name);
                        out.insert(name, ThemeFile::Disk { abs: path, shown });
                    }
                }
                Layer::BuiltIn => {
                    if let Some(dir) = BUILT_IN.get_dir(folder) {
                        for file in files_of(dir) {
                            let full = display_path(file.path());
                            let name = full
                                .strip_prefix(&format!("{folder}/"))
                                .unwrap_or(&full)
                                .to_string();
                            out.insert(
                                name,
                                ThemeFile::BuiltIn {
                                    name: full,
                                    bytes: file.contents(),
                                },
                            );
                        }
                    }
                }
            }
        }
        out
    }
}

/// The file `name` of the built-in theme.
pub(crate) fn built_in(name: &str) -> Option<ThemeFile> {
    BUILT_IN.get_file(name).map(|f| ThemeFile::BuiltIn {
        name: name.to_string(),
        bytes: f.contents(),
    })
}

/// The paths of every file of the built-in theme, sorted.
pub fn built_in_names() -> Vec<String> {
    files_of(&BUILT_IN)
        .into_iter()
        .map(|f| display_path(f.path()))
        .collect()
}

/// Every file of `dir` and its sub-folders, sorted by path.
fn files_of<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut out: Vec<&include_dir::File> = dir.files().collect();
    for sub in dir.dirs() {
        out.extend(files_of(sub));
    }
    out.sort_by_key(|f| f.path());
    out
}

/// The files of the folder `dir` (shown as `shown`), by their path inside it;
/// hidden files and folders are left out.
fn list_folder(dir: &Path, shown: &Path, diags: &mut Diagnostics) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    for entry in WalkDir::new(dir).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
                let name = display_path(rel);
                if name.split('/').any(|p| p.starts_with('.')) {
                    continue;
                }
                out.push((name, e.path().to_path_buf()));
            }
            Ok(_) => {}
            Err(e) => {
                let rel = e
                    .path()
                    .and_then(|p| p.strip_prefix(dir).ok())
                    .map(|p| shown.join(p))
                    .unwrap_or_else(|| shown.to_path_buf());
                diags.push(
                    Diagnostic::error(rel, format!("cannot read the theme's files: {e}"))
                        .help(crate::text::UNREADABLE_HELP),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_built_in_file_is_named_as_such() {
        let file = built_in("templates/case.html").expect("built in");
        assert_eq!(
            file.shown(),
            PathBuf::from("(built-in theme) templates/case.html")
        );
        assert!(file.text().unwrap().contains("{% extends \"base.html\" %}"));
        assert!(built_in("templates/nope.html").is_none());
        assert!(built_in("../Cargo.toml").is_none());
    }

    #[test]
    fn a_theme_other_than_the_built_in_one_needs_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let mut diags = Diagnostics::new();
        assert!(Layers::of_site(dir.path(), "civic", &mut diags).is_none());
        assert_eq!(diags.error_count(), 1);
        let mut diags = Diagnostics::new();
        let layers = Layers::of_site(dir.path(), "default", &mut diags).unwrap();
        assert!(matches!(
            layers.find("static/style.css"),
            Some(ThemeFile::BuiltIn { .. })
        ));
        std::fs::create_dir_all(dir.path().join("static")).unwrap();
        std::fs::write(dir.path().join("static/style.css"), "a{}").unwrap();
        assert_eq!(
            layers.find("static/style.css").unwrap().shown(),
            PathBuf::from("static/style.css")
        );
        assert_eq!(layers.find_all("static/style.css").len(), 2);
    }
}

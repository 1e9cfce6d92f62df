//! Finding content files and reading what their names say.
//!
//! Markdown content is named `<id>.<lang>.md` (`lima.es.md`): files that share
//! an id are translations of each other. Folders under `content/` say what the
//! files hold; subfolders inside them are allowed for the authors' own order.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{closest, Diagnostic, Diagnostics, Problem};
use crate::slug;

/// The folder that holds a site's content.
pub const CONTENT_DIR: &str = "content";

/// What a content file holds, by the folder it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// `content/cases/`: good practices, Markdown.
    Case,
    /// `content/pages/`: free pages, Markdown.
    Page,
    /// `content/indicators/`: indicators, YAML.
    Indicator,
    /// `content/agreements/`: the registry of agreements, YAML.
    Agreement,
    /// `content/actions/`: the registry of international actions, YAML.
    Action,
    /// `content/reports/`: semiannual reports, Markdown named by semester.
    Report,
}

impl Kind {
    /// Every kind, in the order they are loaded.
    pub const ALL: [Kind; 6] = [
        Kind::Case,
        Kind::Page,
        Kind::Indicator,
        Kind::Agreement,
        Kind::Action,
        Kind::Report,
    ];

    /// The folder name under `content/`, also used in `@/<folder>/<id>.md` links.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Case => "cases",
            Kind::Page => "pages",
            Kind::Indicator => "indicators",
            Kind::Agreement => "agreements",
            Kind::Action => "actions",
            Kind::Report => "reports",
        }
    }

    /// True for kinds written as one YAML file per item (`<id>.yaml`),
    /// false for Markdown written once per language (`<id>.<lang>.md`).
    pub fn is_data(self) -> bool {
        matches!(self, Kind::Indicator | Kind::Agreement | Kind::Action)
    }

    /// The kind whose folder is `name`.
    pub fn from_folder(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.folder() == name)
    }
}

/// A content file found on disk, with what its name says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// What it holds.
    pub kind: Kind,
    /// Absolute (or root-joined) path, for reading.
    pub abs: PathBuf,
    /// Path relative to the site root, for messages.
    pub rel: PathBuf,
    /// The id (file name before the language).
    pub id: String,
    /// The language, for Markdown files (empty for data files).
    pub lang: String,
}

/// Lists every content file under `root/content`, sorted by path. Files whose
/// names break the rules are reported and left out.
pub fn discover(root: &Path, languages: &[String], diags: &mut Diagnostics) -> Vec<SourceFile> {
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        diags.push(
            Diagnostic::error(CONTENT_DIR, "there is no content folder")
                .help("create content/cases/ and content/pages/ next to site.toml (memoria init DIR makes a new site)"),
        );
        return Vec::new();
    }
    let mut found = Vec::new();
    let walker = WalkDir::new(&content)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let rel = e
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| PathBuf::from(CONTENT_DIR));
                diags.push(
                    Diagnostic::error(rel, format!("cannot read this folder: {e}"))
                        .help(crate::text::UNREADABLE_HELP),
                );
                continue;
            }
        };
        let rel = relative(root, entry.path());
        let depth = entry.depth();
        let name = entry.file_name().to_string_lossy().to_string();
        if entry.file_type().is_dir() {
            if depth == 1 && Kind::from_folder(&name).is_none() {
                let known: Vec<&str> = Kind::ALL.iter().map(|k| k.folder()).collect();
                let hint = closest(&name, known.iter().copied())
                    .map(|k| format!("did you mean `{k}`? "))
                    .unwrap_or_default();
                diags.push(
                    Diagnostic::warning(
                        &rel,
                        "this folder is not a content folder; its files are ignored",
                    )
                    .help(format!("{hint}content folders are: {}", known.join(", "))),
                );
            }
            continue;
        }
        if entry.file_type().is_symlink() {
            diags.push(
                Diagnostic::warning(
                    &rel,
                    "links to other files are not followed; this one is ignored",
                )
                .help("copy the file here instead of linking to it"),
            );
            continue;
        }
        let Some(kind) = top_folder(entry.path().strip_prefix(&content).unwrap_or(entry.path()))
            .and_then(|f| Kind::from_folder(&f))
        else {
            if depth == 1 && name != super::vocabulary::VOCABULARY_FILE {
                diags.push(
                    Diagnostic::warning(&rel, "files directly in content/ are ignored")
                        .help("put cases in content/cases/ and pages in content/pages/"),
                );
            }
            continue;
        };
        let parsed = if kind.is_data() {
            parse_data_name(&name).map(|id| (id, String::new()))
        } else {
            parse_markdown_name(&name, languages, kind == Kind::Report).and_then(|(id, lang)| {
                if kind == Kind::Report {
                    check_report_period(&id, &lang)?;
                }
                Ok((id, lang))
            })
        };
        match parsed {
            Ok((id, lang)) => found.push(SourceFile {
                kind,
                abs: entry.path().to_path_buf(),
                rel,
                id,
                lang,
            }),
            Err(problem) => diags.push(problem.error(&rel)),
        }
    }
    found
}

/// Splits `lima.es.md` into (`lima`, `es`), or says what is wrong.
/// With `period_ids`, the id may also be a period (`2025-S1.es.md`).
pub fn parse_markdown_name(
    name: &str,
    languages: &[String],
    period_ids: bool,
) -> Result<(String, String), Problem> {
    let example = format!("name it like lima.{}.md (id, language, .md)", languages[0]);
    let Some(stem) = name.strip_suffix(".md") else {
        return Err(Problem::new(
            "this is not a Markdown file (.md); it is not used",
            format!("move it out of content/, or {example}"),
        ));
    };
    let Some((id, lang)) = stem.rsplit_once('.') else {
        return Err(Problem::new(
            "the file name does not say its language",
            format!(
                "{example}; the site's languages are {}",
                languages.join(", ")
            ),
        ));
    };
    if !languages.iter().any(|l| l == lang) {
        return Err(Problem::new(
            format!(
                "the language `{lang}` in the file name is not one of the site's languages ({})",
                languages.join(", ")
            ),
            "add it to `languages` in site.toml, or rename the file",
        ));
    }
    // Reports are named by their semester (2025-S1), other content by a slug.
    if slug::validate(id).is_ok() || (period_ids && crate::period::Period::parse(id).is_ok()) {
        return Ok((id.to_string(), lang.to_string()));
    }
    let e = slug::validate(id)
        .err()
        .map(|p| p.message)
        .unwrap_or_default();
    let better = slug::slugify(id);
    let help = if better.is_empty() {
        "use lowercase letters a-z, digits and hyphens in file names".to_string()
    } else {
        format!("rename it to {better}.{lang}.md")
    };
    Err(Problem::new(
        format!("the name `{id}` cannot be used in addresses: {e}"),
        help,
    ))
}

/// A report is named by its semester: `2025-S1.es.md`.
fn check_report_period(id: &str, lang: &str) -> Result<(), Problem> {
    match crate::period::Period::parse(id) {
        Ok(crate::period::Period::Semester(..)) => Ok(()),
        _ => Err(Problem::new(
            format!("a report's file is named by its semester, and `{id}` is not a semester"),
            format!("name it like 2025-S1.{lang}.md (first half of 2025) or 2025-S2.{lang}.md (second half)"),
        )),
    }
}

/// Reads the id of a data file named `<id>.yaml`, or says what is wrong.
pub fn parse_data_name(name: &str) -> Result<String, Problem> {
    let Some(id) = name
        .strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
    else {
        return Err(Problem::new(
            "this is not a YAML file (.yaml); it is not used",
            "data files are named like agreements-signed.yaml",
        ));
    };
    if let Err(e) = slug::validate(id) {
        let better = slug::slugify(id);
        let help = if better.is_empty() {
            "use lowercase letters a-z, digits and hyphens in file names".to_string()
        } else {
            format!("rename it to {better}.yaml")
        };
        return Err(Problem::new(
            format!("the name `{id}` cannot be used in addresses: {}", e.message),
            help,
        ));
    }
    Ok(id.to_string())
}

/// Files and folders that are never content: hidden ones and editor leftovers.
fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.starts_with('#')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
}

fn top_folder(rel_to_content: &Path) -> Option<String> {
    let mut parts = rel_to_content.components();
    let first = parts.next()?;
    parts.next()?; // a file directly in content/ has no folder
    Some(first.as_os_str().to_string_lossy().to_string())
}

/// `path` relative to `root` (unchanged when it is not inside it).
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs() -> Vec<String> {
        vec!["es".into(), "en".into()]
    }

    #[test]
    fn names() {
        assert_eq!(
            parse_markdown_name("lima.es.md", &langs(), false),
            Ok(("lima".into(), "es".into()))
        );
        assert!(parse_markdown_name("lima.md", &langs(), false).is_err());
        assert!(parse_markdown_name("lima.fr.md", &langs(), false).is_err());
        let Problem { message: msg, help } =
            parse_markdown_name("Ciudad de México.es.md", &langs(), false).unwrap_err();
        assert!(msg.contains("cannot be used"));
        assert!(help.contains("ciudad-de-mexico.es.md"), "{help}");
        assert!(parse_markdown_name("lima.es.txt", &langs(), false).is_err());
    }
}

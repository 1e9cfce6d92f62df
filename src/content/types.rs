//! The content types with their field tables, in the order the manual
//! presents them: what the JSON Schemas and the browser editor are made from.

use crate::yaml::model::Field;

/// How the files of a content type are laid out under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Markdown files `<folder>/<id>.<lang>.md`: front matter and a text.
    Markdown,
    /// YAML files `<folder>/<id>.yaml`, one item a file.
    Data,
    /// The one YAML file `content/<name>.yaml`.
    Single,
}

/// One content type.
#[derive(Debug, Clone, Copy)]
pub struct ContentType {
    /// Its name: the folder under `content/` (or the file's name without
    /// `.yaml` for [`Layout::Single`]), also the name of its schema.
    pub name: &'static str,
    /// How its files are laid out.
    pub layout: Layout,
    /// Its declared fields (for Markdown: the front matter's).
    pub tables: &'static [&'static [Field]],
    /// The key of the theme's word that names the type.
    pub words: &'static str,
}

impl ContentType {
    /// Its folder (or file) relative to the site's root.
    pub fn path(&self) -> String {
        match self.layout {
            Layout::Single => format!("{}/{}.yaml", super::files::CONTENT_DIR, self.name),
            _ => format!("{}/{}", super::files::CONTENT_DIR, self.name),
        }
    }
}

const CASE: &[&[Field]] = &[super::case::FIELDS, super::markdown_file::COMMON_FIELDS];
const PAGE: &[&[Field]] = &[super::page::FIELDS, super::markdown_file::COMMON_FIELDS];
const REPORT: &[&[Field]] = &[super::report::FIELDS, super::markdown_file::COMMON_FIELDS];

/// Every content type.
pub const TYPES: &[ContentType] = &[
    ContentType {
        name: "cases",
        layout: Layout::Markdown,
        tables: CASE,
        words: "nav_cases",
    },
    ContentType {
        name: "pages",
        layout: Layout::Markdown,
        tables: PAGE,
        words: "",
    },
    ContentType {
        name: "reports",
        layout: Layout::Markdown,
        tables: REPORT,
        words: "nav_reports",
    },
    ContentType {
        name: "indicators",
        layout: Layout::Data,
        tables: &[super::indicator::FIELDS],
        words: "indicators_title",
    },
    ContentType {
        name: "agreements",
        layout: Layout::Data,
        tables: &[super::agreement::FIELDS],
        words: "nav_agreements",
    },
    ContentType {
        name: "actions",
        layout: Layout::Data,
        tables: &[super::action::FIELDS],
        words: "nav_actions",
    },
    ContentType {
        name: "vocabulary",
        layout: Layout::Single,
        tables: &[super::vocabulary::FIELDS],
        words: "taxonomy_themes",
    },
];

//! Loading one Markdown content file: name, front matter, common fields, body.

use crate::content::document::Document;
use crate::content::files::SourceFile;
use crate::diagnostics::Diagnostic;
use crate::frontmatter;
use crate::slug;
use crate::text::read_source;
use crate::yaml::model::{self, Field, Kind};
use crate::yaml::{self, MapReader, Reader};

/// The fields every Markdown content file may have, whatever its type.
pub const COMMON_FIELDS: &[Field] = &[
    Field::optional(
        "slug",
        Kind::Slug,
        "The last part of the page's address in this language; the file's id when left out.",
    ),
    Field::optional(
        "draft",
        Kind::Bool,
        "Marks a text that is not ready (true): it is left out of the site.",
    )
    .words("report_draft"),
];

/// The front matter particular to one content type.
pub trait Meta: Sized + Send + Sync {
    /// The declared fields of the type (besides [`COMMON_FIELDS`]): the
    /// loader reads exactly these, and the schemas and the editor are made
    /// from them.
    const FIELDS: &'static [Field];

    /// Reads the type's own fields; each problem is reported through `map`.
    /// Returns None when a required field is missing or wrong.
    fn read(map: &mut MapReader<'_, '_>) -> Option<Self>;

    /// The title, for messages and listings.
    fn title(&self) -> &str;

    /// A sentence that sums the content up, shown where it is not translated.
    fn summary(&self) -> Option<&str> {
        None
    }

    /// The URL slug of a file with id `id` that sets no `slug`.
    fn default_slug(id: &str) -> String {
        id.to_string()
    }
}

/// Reads `file` into a document of type `M`. All problems found are returned,
/// with the document when it is usable despite warnings.
///
/// Unless `publish_drafts`, the problems of a file marked `draft: true` are
/// only warnings: a draft that is not published cannot break the site (it is
/// left out), yet its author still sees what to fix.
pub fn load<M: Meta>(
    file: &SourceFile,
    languages: &[String],
    publish_drafts: bool,
) -> (Option<Document<M>>, Vec<Diagnostic>) {
    match read_source(&file.abs, &file.rel) {
        Ok(text) => {
            let (doc, mut diagnostics) = parse(file, text, languages);
            if !publish_drafts && doc.is_none() && is_draft(&file.abs) {
                for d in &mut diagnostics {
                    if d.is_error() {
                        d.severity = crate::diagnostics::Severity::Warning;
                        d.message = format!("in this unpublished draft: {}", d.message);
                    }
                }
            }
            (doc, diagnostics)
        }
        Err(d) => (None, vec![d]),
    }
}

/// True when the front matter of the file at `path` says `draft: true`
/// (read leniently, since the file may have other problems).
fn is_draft(path: &std::path::Path) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    let Ok(split) = frontmatter::split(text.trim_start_matches('\u{feff}')) else {
        return false;
    };
    split.yaml.lines().any(|l| {
        let l = l.trim_end();
        l.starts_with("draft:") && l["draft:".len()..].trim() == "true"
    })
}

/// Parses the text of `file` (already read) into a document of type `M`.
/// Never panics, whatever the text.
pub fn parse<M: Meta>(
    file: &SourceFile,
    text: String,
    languages: &[String],
) -> (Option<Document<M>>, Vec<Diagnostic>) {
    let (document, diagnostics, _) = parse_fields(file, text, languages);
    (document, diagnostics)
}

/// The paths of the front matter fields the loader of `M` reads in this
/// file's text (e.g. `title`, `errata[0].date`): the fields a file of this
/// kind can have, for tests that try every one of them.
pub fn fields_read<M: Meta>(file: &SourceFile, text: String, languages: &[String]) -> Vec<String> {
    parse_fields::<M>(file, text, languages).2
}

type Parsed<M> = (Option<Document<M>>, Vec<Diagnostic>, Vec<String>);

fn parse_fields<M: Meta>(file: &SourceFile, text: String, languages: &[String]) -> Parsed<M> {
    let split = match frontmatter::split(&text) {
        Ok(s) => s,
        Err(e) => {
            let d = Diagnostic::error(&file.rel, e.message)
                .at(Some(e.position))
                .with_source(&text)
                .help(format!(
                    "{}; the fields of this kind of file are: {}",
                    e.help,
                    model::required_names(&[M::FIELDS])
                ));
            return (None, vec![d], Vec::new());
        }
    };
    let doc = match yaml::parse(split.yaml, split.yaml_line_offset) {
        Ok(d) => d,
        Err(e) => {
            let d = Diagnostic::error(&file.rel, e.message)
                .at(e.position)
                .with_source(&text)
                .help(e.help);
            return (None, vec![d], Vec::new());
        }
    };
    let body_offset = split.body_offset;
    let tables = [M::FIELDS, COMMON_FIELDS];
    let reader = Reader::new(&file.rel, &text, &doc, languages).with_fields(&tables);
    let loaded = reader.root().map(|mut map| {
        let url_slug = map.optional::<String>("slug");
        let draft = map.optional::<bool>("draft").unwrap_or(false);
        let meta = M::read(&mut map);
        let url_slug = match url_slug {
            Some(s) => match slug::validate(&s) {
                Ok(()) => Some(s),
                Err(e) => {
                    map.reader().error(
                        "slug",
                        format!(
                            "the slug \"{s}\" cannot be used in addresses: {}",
                            e.message
                        ),
                        Some(format!("write it like `{}`", fallback_slug(&s, &file.id))),
                    );
                    None
                }
            },
            None => None,
        };
        map.finish();
        (meta, url_slug, draft)
    });
    let failed = reader.has_errors();
    let fields = reader.asked_fields();
    let mut diagnostics = reader.into_diagnostics();
    if loaded.as_ref().is_none_or(|(meta, _, _)| meta.is_none()) {
        crate::content::ensure_reported(&file.rel, &mut diagnostics);
    }
    let document = match loaded {
        Some((Some(meta), url_slug, draft)) if !failed => Some(Document {
            id: file.id.clone(),
            lang: file.lang.clone(),
            source: file.rel.clone(),
            slug: url_slug.unwrap_or_else(|| M::default_slug(&file.id)),
            draft,
            meta,
            text,
            body_offset,
            html: String::new(),
            headings: Vec::new(),
        }),
        _ => None,
    };
    (document, diagnostics, fields)
}

fn fallback_slug(wanted: &str, id: &str) -> String {
    let s = slug::slugify(wanted);
    if s.is_empty() {
        id.to_string()
    } else {
        s
    }
}

//! Loading one YAML data file (`content/<folder>/<id>.yaml`): one item a
//! file, its id taken from the file name.

use std::path::PathBuf;

use crate::diagnostics::Diagnostic;
use crate::yaml::model::Field;
use crate::yaml::{self, MapReader, Reader};

/// A content type written as one YAML file per item.
pub trait DataItem: Sized + Send {
    /// The declared fields of the type: the loader reads exactly these, and
    /// the schemas and the editor are made from them.
    const FIELDS: &'static [Field];
    /// Reads the item's fields; every problem is reported through `map`.
    fn read(map: &mut MapReader<'_, '_>, id: &str) -> Option<Self>;
    /// Records where the item came from (for later cross-file checks).
    fn set_source(&mut self, source: PathBuf, text: String);
    /// The item's id.
    fn id(&self) -> &str;
    /// The file it was read from.
    fn source(&self) -> &std::path::Path;
}

/// Parses the text of data file `rel` (with id `id`). All problems are returned.
pub fn parse<T: DataItem>(
    id: &str,
    rel: PathBuf,
    text: String,
    languages: &[String],
) -> (Option<T>, Vec<Diagnostic>) {
    let (item, diagnostics, _) = parse_fields::<T>(id, rel, text, languages);
    (item, diagnostics)
}

/// The paths of the fields the loader of `T` reads in this file's text
/// (e.g. `title`, `place.city`, `observations[0].value`): the fields a file
/// of this kind can have, for tests that try every one of them.
pub fn fields_read<T: DataItem>(
    id: &str,
    rel: PathBuf,
    text: String,
    languages: &[String],
) -> Vec<String> {
    parse_fields::<T>(id, rel, text, languages).2
}

fn parse_fields<T: DataItem>(
    id: &str,
    rel: PathBuf,
    text: String,
    languages: &[String],
) -> (Option<T>, Vec<Diagnostic>, Vec<String>) {
    let doc = match yaml::parse(&text, 0) {
        Ok(d) => d,
        Err(e) => {
            let d = Diagnostic::error(&rel, e.message)
                .at(e.position)
                .with_source(&text)
                .help(e.help);
            return (None, vec![d], Vec::new());
        }
    };
    let tables = [T::FIELDS];
    let reader = Reader::new(&rel, &text, &doc, languages).with_fields(&tables);
    let read = reader.root().and_then(|mut map| {
        let item = T::read(&mut map, id);
        map.finish();
        item
    });
    let failed = reader.has_errors();
    let fields = reader.asked_fields();
    let mut diagnostics = reader.into_diagnostics();
    if read.is_none() {
        super::ensure_reported(&rel, &mut diagnostics);
    }
    match read {
        Some(mut item) if !failed => {
            item.set_source(rel, text);
            (Some(item), diagnostics, fields)
        }
        _ => (None, diagnostics, fields),
    }
}

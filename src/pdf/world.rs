//! What Typst sees when it typesets a report: one source (the theme's
//! print template), a few files kept in memory (the report's data, the
//! cover logo), the fonts bundled with memoria, and no clock.
//!
//! Nothing is read from the disk or the network while typesetting, so the
//! same sources always give the same document.

use std::collections::HashMap;
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// Typst's standard library, made once.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// The fonts bundled with memoria (Libertinus Serif, New Computer Modern,
/// DejaVu Sans Mono), read once.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

/// The id of the file at `path` (`/data.json`) of the project.
pub(crate) fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("a fixed absolute path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// One report to typeset.
pub(crate) struct PrintWorld {
    /// The template, as the main source.
    main: Source,
    /// The other files it may read, by id.
    files: HashMap<FileId, Bytes>,
}

impl PrintWorld {
    /// A world whose main source is `template`, read as `/report.typ`, and
    /// whose other files are `files` (path, bytes).
    pub(crate) fn new(template: String, files: Vec<(&str, Vec<u8>)>) -> PrintWorld {
        PrintWorld {
            main: Source::new(file_id("/report.typ"), template),
            files: files
                .into_iter()
                .map(|(path, bytes)| (file_id(path), Bytes::new(bytes)))
                .collect(),
        }
    }

    /// The main source, to place the template's problems.
    pub(crate) fn main_source(&self) -> &Source {
        &self.main
    }
}

impl World for PrintWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.get().vpath().get_with_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    /// No clock: a document that asks for today's date gets none.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

//! Reading source files as text, and turning byte offsets into positions.

use std::io::Read;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Position};

/// Largest source file memoria reads. Content files are written by people;
/// anything bigger is almost certainly a mistake (an export, a binary).
pub const MAX_SOURCE_BYTES: u64 = 8 * 1024 * 1024;

/// What to do about a file or folder that cannot be read.
pub(crate) const UNREADABLE_HELP: &str = "check that it still exists and that you may open it (another program may hold it), then run memoria again";

/// Reads `abs` as UTF-8 text, dropping a byte-order mark. Errors name `rel`
/// (the path relative to the site root) and the position of a bad byte.
pub fn read_source(abs: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let unreadable = |e: std::io::Error| {
        Diagnostic::error(rel, format!("cannot read this file: {e}")).help(UNREADABLE_HELP)
    };
    let file = std::fs::File::open(abs).map_err(unreadable)?;
    let mut bytes = Vec::new();
    file.take(MAX_SOURCE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        return Err(Diagnostic::error(
            rel,
            format!(
                "this file is larger than {} MiB",
                MAX_SOURCE_BYTES / (1024 * 1024)
            ),
        )
        .help("split the text into several files, and keep images and documents out of content/"));
    }
    decode(bytes, rel)
}

/// Decodes UTF-8 bytes, dropping a byte-order mark.
pub fn decode(mut bytes: Vec<u8>, rel: &Path) -> Result<String, Diagnostic> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        // The valid prefix is UTF-8 by construction.
        let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or("");
        Diagnostic::error(rel, "this file is not UTF-8 text")
            .at(Some(position_of(prefix, prefix.len())))
            .help("save it again as \"UTF-8\" in your editor (in Word or LibreOffice: Save as → Text, encoding UTF-8)")
    })
}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
/// Offsets past the end give the end; offsets inside a character give that
/// character.
pub fn position_of(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].trim_end_matches('\r').chars().count() + 1;
    Position::new(line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let t = "ab\ncañón x";
        assert_eq!(position_of(t, 0), Position::new(1, 1));
        assert_eq!(position_of(t, 3), Position::new(2, 1));
        assert_eq!(position_of(t, t.find('x').unwrap()), Position::new(2, 7));
    }

    #[test]
    fn invalid_utf8_is_located() {
        let d = decode(b"ok\nbad \xff here".to_vec(), Path::new("a.md")).unwrap_err();
        assert_eq!(d.position, Some(Position::new(2, 5)));
    }

    #[test]
    fn bom_is_dropped() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFhi".to_vec(), Path::new("a")).unwrap(),
            "hi"
        );
    }
}

//! Splitting a Markdown file into its YAML front matter and its body.
//!
//! A content file starts with a line `---`, then YAML fields, then another
//! line `---`, then the Markdown body. Windows line endings are accepted.

use crate::diagnostics::Position;

/// The two parts of a content file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML text between the `---` lines.
    pub yaml: &'a str,
    /// Number of lines before the YAML (always 1: the opening `---`).
    pub yaml_line_offset: usize,
    /// The Markdown body after the closing `---` line.
    pub body: &'a str,
    /// Byte offset of the body in the whole file.
    pub body_offset: usize,
}

/// Why a file could not be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitError {
    /// What is wrong.
    pub message: &'static str,
    /// Where.
    pub position: Position,
    /// What to do.
    pub help: &'static str,
}

/// Splits `text` (already without a byte-order mark).
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let mut lines = LineIter { text, pos: 0 };
    match lines.next() {
        Some((_, line)) if is_fence(line) => {}
        _ if text.trim().is_empty() => {
            return Err(SplitError {
                message: "this file is empty",
                position: Position::new(1, 1),
                help: "a content file starts with a line ---, its fields (title: …), another line ---, then the text",
            })
        }
        _ => {
            return Err(SplitError {
                message: "this file does not start with front matter (a line ---)",
                position: Position::new(1, 1),
                help: "put a line --- first, then the fields (title: …), then another line ---, then the text",
            })
        }
    }
    let yaml_start = lines.pos;
    while let Some((start, line)) = lines.next() {
        if is_fence(line) {
            return Ok(Split {
                yaml: &text[yaml_start..start],
                yaml_line_offset: 1,
                body: &text[lines.pos..],
                body_offset: lines.pos,
            });
        }
    }
    Err(SplitError {
        message: "the front matter that starts here is never closed",
        position: Position::new(1, 1),
        help: "add a line --- after the last field, before the text",
    })
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Iterates lines with their byte offsets, keeping track of the next offset.
struct LineIter<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for LineIter<'a> {
    type Item = (usize, &'a str);
    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let rest = &self.text[start..];
        let (line, advance) = match rest.find('\n') {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        self.pos += advance;
        Some((start, line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_unix_and_windows_files() {
        for text in [
            "---\ntitle: a\n---\nbody\n",
            "---\r\ntitle: a\r\n---\r\nbody\r\n",
        ] {
            let s = split(text).unwrap();
            assert_eq!(s.yaml.trim_end(), "title: a");
            assert_eq!(s.body.trim_end(), "body");
            assert_eq!(&text[s.body_offset..], s.body);
        }
    }

    #[test]
    fn empty_body_and_empty_front_matter() {
        let s = split("---\n---\n").unwrap();
        assert_eq!(s.yaml, "");
        assert_eq!(s.body, "");
    }

    #[test]
    fn errors() {
        assert_eq!(split("").unwrap_err().message, "this file is empty");
        assert!(split("title: a\n")
            .unwrap_err()
            .message
            .contains("does not start"));
        assert!(split("---\ntitle: a\n")
            .unwrap_err()
            .message
            .contains("never closed"));
    }

    #[test]
    fn a_horizontal_rule_in_the_body_is_kept() {
        let s = split("---\na: 1\n---\ntext\n---\nmore\n").unwrap();
        assert_eq!(s.body, "text\n---\nmore\n");
    }
}

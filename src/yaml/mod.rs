//! Reading YAML (front matter and data files) with positions for every problem.
//!
//! [`parse`] turns text into a [`Document`]: the value tree from `serde_yaml`
//! plus a [`SpanIndex`] of where each path stands. A [`Reader`] then pulls typed
//! fields out of mappings, reporting every wrong type, wrong value and unknown
//! key with its `line:column`, and carrying on so all problems of a file are
//! reported in one run.

mod fields;
pub mod model;
mod quotes;
mod spans;

pub use fields::{describe, scalar_text, FromYaml, LangText, Located, MapReader, Reader, YamlEnum};
pub use spans::{child_index, child_key, Faults, SpanIndex};

use serde_yaml::Value;

use crate::diagnostics::Position;

/// A parsed YAML document and the positions of its parts.
#[derive(Debug, Clone)]
pub struct Document {
    /// The value tree.
    pub value: Value,
    /// Where each path stands in the enclosing file.
    pub spans: SpanIndex,
}

/// A YAML syntax problem, already placed in the enclosing file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// What the parser said, with positions relative to the file.
    pub message: String,
    /// Where.
    pub position: Option<Position>,
    /// What the author can do about it.
    pub help: String,
}

/// Parses `text`, which starts `line_offset` lines into its file.
pub fn parse(text: &str, line_offset: usize) -> Result<Document, SyntaxError> {
    let (spans, faults) = SpanIndex::build_checked(text, line_offset);
    match serde_yaml::from_str::<Value>(text) {
        Ok(value) => Ok(Document { value, spans }),
        Err(err) => Err(placed_fault(&err, &faults, text, line_offset)
            .unwrap_or_else(|| parser_error(&err, text, line_offset))),
    }
}

/// The error for the faults people make most, on the line where they made
/// it: parsers notice most of them later (at the next key, or at the end of
/// the file).
fn placed_fault(
    err: &serde_yaml::Error,
    faults: &Faults,
    text: &str,
    line_offset: usize,
) -> Option<SyntaxError> {
    let full = err.to_string();
    if full.starts_with("duplicate entry") {
        let (key, at, first) = faults.duplicate.clone()?;
        return Some(SyntaxError {
            message: format!(
                "the field `{key}` is written twice (first on line {})",
                first.line
            ),
            position: Some(at),
            help: "keep one of the two lines and remove the other".into(),
        });
    }
    if !faults.failed {
        return None;
    }
    let noticed = err.location().map(|l| l.line() + line_offset);
    let before = |p: Position| noticed.is_none_or(|n| p.line < n);
    let noticed_in_text = err.location().map_or(usize::MAX, |l| l.line());
    if let Some((quote, at)) = quotes::open_before(text, noticed_in_text) {
        let at = Position::new(at.line + line_offset, at.column);
        return Some(unclosed_quote(quote, at));
    }
    if full.contains("while scanning a quoted scalar") {
        // The useful place is where the quote was opened, the last position named.
        let start = last_position(&full)?;
        return Some(unclosed_quote(
            '"',
            Position::new(start.line + line_offset, start.column),
        ));
    }
    if let Some((open, at)) = faults.open_bracket.filter(|(_, p)| before(*p)) {
        let close = if open == '[' { ']' } else { '}' };
        return Some(SyntaxError {
            message: format!("the `{open}` that opens here is never closed"),
            position: Some(at),
            help: format!("close it with `{close}` on the same line, e.g. themes: [city-networks, sdg-localization]"),
        });
    }
    if full.contains("could not find expected ':'") {
        let at = line_without_colon(text, err.location()?.line())?;
        return Some(SyntaxError {
            message: "this line has no `:` after the field's name".into(),
            position: Some(Position::new(at.line + line_offset, at.column)),
            help: "write each field as `name: value`, with a colon and a space after the name"
                .into(),
        });
    }
    None
}

fn unclosed_quote(quote: char, at: Position) -> SyntaxError {
    SyntaxError {
        message: "the text in quotes that starts here is never closed".into(),
        position: Some(at),
        help: format!("close the quote ({quote}) at the end of the text, on the same line"),
    }
}

/// The last line with content before line `noticed` (1-based, of `text`),
/// where a key without its `:` stands, with the column of its first character.
fn line_without_colon(text: &str, noticed: usize) -> Option<Position> {
    let lines: Vec<&str> = text.lines().collect();
    (0..noticed.saturating_sub(1).min(lines.len()))
        .rev()
        .find(|&i| {
            let t = lines[i].trim();
            !t.is_empty() && !t.starts_with('#')
        })
        .map(|i| {
            let indent = lines[i].chars().take_while(|c| *c == ' ').count();
            Position::new(i + 1, indent + 1)
        })
}

/// The parser's own error, placed in the enclosing file.
fn parser_error(err: &serde_yaml::Error, text: &str, line_offset: usize) -> SyntaxError {
    let position = err
        .location()
        .map(|l| Position::new(l.line() + line_offset, l.column()));
    let message = shift_lines(&strip_location(&err.to_string()), line_offset);
    let line_text = err
        .location()
        .and_then(|l| text.lines().nth(l.line().saturating_sub(1)))
        .unwrap_or("");
    SyntaxError {
        help: syntax_help(&message, line_text),
        message: format!("this is not valid YAML: {message}"),
        position,
    }
}

/// Advice for the commonest YAML mistakes of people who are not programmers.
fn syntax_help(message: &str, line: &str) -> String {
    if line.contains('\t') || message.contains("tab") {
        "YAML does not allow tab characters for indentation: use spaces instead".into()
    } else if message.contains("mapping values are not allowed") {
        "a text that contains \": \" must be put between quotes, e.g. title: \"Lima: a council that approves\"".into()
    } else if message.contains("recursion limit") {
        "the data is nested too deeply; simplify it".into()
    } else if message.contains("repetition limit") {
        "the file repeats aliases (*name) too many times; write the values out".into()
    } else if message.contains("did not find expected")
        || message.contains("could not find expected")
    {
        "check the indentation of this line and the one before it, and that every quote, [ and { is closed".into()
    } else {
        "check the line shown; each field is written `name: value`, lists as `[a, b]` or as lines starting with `- `".into()
    }
}

/// The last "line N column M" of a parser message.
fn last_position(message: &str) -> Option<Position> {
    let i = message.rfind("line ")?;
    let mut parts = message[i + 5..]
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty());
    let line = parts.next()?.parse().ok()?;
    let column = parts.next()?.parse().ok()?;
    Some(Position::new(line, column))
}

/// Removes the trailing "at line N column M" that serde_yaml appends, since
/// the position is reported separately.
fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) if message[i..].contains(" column ") && !message[i..].contains(',') => {
            message[..i].to_string()
        }
        _ => message.to_string(),
    }
}

/// Adds `offset` to every "line N" in a parser message.
fn shift_lines(message: &str, offset: usize) -> String {
    if offset == 0 {
        return message.to_string();
    }
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find("line ") {
        out.push_str(&rest[..i + 5]);
        rest = &rest[i + 5..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(n) = digits.parse::<usize>() {
            out.push_str(&(n + offset).to_string());
            rest = &rest[digits.len()..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_are_placed_in_the_file() {
        let err = parse("title: a\nsummary: b: c\n", 1).unwrap_err();
        assert_eq!(err.position.map(|p| p.line), Some(3));
        assert!(err.help.contains("quotes"), "{}", err.help);
        assert!(
            !err.message.contains(" at line 2 column"),
            "{}",
            err.message
        );
    }

    #[test]
    fn an_unclosed_quote_points_where_it_opens() {
        let err = parse("title: \"Lima\ncity: x\n", 1).unwrap_err();
        assert_eq!(err.position, Some(Position::new(2, 8)));
        assert!(err.message.contains("never closed"), "{}", err.message);
    }

    #[test]
    fn tabs_get_their_own_advice() {
        let err = parse("title: a\n\tsummary: b\n", 0).unwrap_err();
        assert!(err.help.contains("tab"), "{}", err.help);
    }

    #[test]
    fn billion_laughs_is_refused() {
        let mut text = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let mut prev = 'a';
        for name in ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] {
            let refs = vec![format!("*{prev}"); 9].join(",");
            text.push_str(&format!("{name}: &{name} [{refs}]\n"));
            prev = name;
        }
        assert!(parse(&text, 0).is_err());
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse(&text, 0).is_err());
    }

    #[test]
    fn shift_lines_moves_every_line_number() {
        assert_eq!(
            shift_lines("x at line 2 column 3, while parsing at line 1 column 1", 1),
            "x at line 3 column 3, while parsing at line 2 column 1"
        );
    }
}

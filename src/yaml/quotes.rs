//! Finding a quote that was opened and never closed on its line.
//!
//! A YAML text in quotes may run over several lines, so a forgotten closing
//! quote swallows the following fields until the next quote, and the parser
//! complains only there. Authors write their texts on one line, so the line
//! that opened the quote is the one to point at.

use crate::diagnostics::Position;

/// Where a text in quotes is opened, before line `line` (1-based) of `text`,
/// and still not closed when that line starts: the quote and its position.
pub(super) fn open_before(text: &str, line: usize) -> Option<(char, Position)> {
    let mut open: Option<(char, Position)> = None;
    for (i, l) in text.lines().enumerate().take(line.saturating_sub(1)) {
        open = scan_line(l, i + 1, open);
    }
    open
}

/// Follows the quotes of one line, starting inside `open` if it is set;
/// returns the quote still open at its end.
fn scan_line(
    line: &str,
    number: usize,
    mut open: Option<(char, Position)>,
) -> Option<(char, Position)> {
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match open {
            Some((q, _)) => {
                let escape = (q == '"' && c == '\\')
                    || (q == '\'' && c == q && chars.get(i + 1) == Some(&q));
                if escape {
                    i += 1;
                } else if c == q {
                    open = None;
                }
            }
            None => {
                let after = chars[..i].iter().rev().find(|c| **c != ' ').copied();
                if c == '#' && (i == 0 || chars[i - 1] == ' ') {
                    break;
                }
                if matches!(c, '"' | '\'')
                    && matches!(after, None | Some(':' | '-' | '[' | '{' | ','))
                {
                    open = Some((c, Position::new(number, i + 1)));
                }
            }
        }
        i += 1;
    }
    open
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_quote_left_open() {
        let text = "a: \"x\"\nb: \"y\nc: 1\nd: \"z\"\n";
        assert_eq!(open_before(text, 4), Some(('"', Position::new(2, 4))));
        assert_eq!(open_before(text, 2), None);
    }

    #[test]
    fn escaped_quotes_and_apostrophes_do_not_open_or_close() {
        let text = "a: \"say \\\"hi\\\"\"\nb: it's\nc: 'l''x'\nd: 1\n";
        assert_eq!(open_before(text, 4), None);
    }
}

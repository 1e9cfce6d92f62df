//! Where each key and value of a YAML document stands in its source.
//!
//! `serde_yaml` gives values but not their positions, so this index walks the
//! parser events of `yaml-rust2` once and records, for every path such as
//! `observations[2].value`, the line and column of the value and of its key.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::diagnostics::Position;

/// Deepest nesting the index follows; deeper documents are rejected by the
/// value parser anyway.
const MAX_DEPTH: usize = 256;

/// What the event parser saw of a document it could not read, to place a
/// syntax error on the line of the fault rather than where the parser noticed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Faults {
    /// The event parser stopped with an error.
    pub failed: bool,
    /// A key written twice in one mapping: its name, where it is written the
    /// second time and where the first.
    pub duplicate: Option<(String, Position, Position)>,
    /// The innermost `[` or `{` still open when the parser stopped.
    pub open_bracket: Option<(char, Position)>,
}

/// Positions of the keys and values of one YAML document, by path.
#[derive(Debug, Default, Clone)]
pub struct SpanIndex {
    values: HashMap<String, Position>,
    keys: HashMap<String, Position>,
}

impl SpanIndex {
    /// Indexes `text`; positions are shifted down by `line_offset` lines so
    /// they refer to the enclosing file. Text the event parser cannot read
    /// gives a partial index (positions then fall back to the caller's).
    pub fn build(text: &str, line_offset: usize) -> SpanIndex {
        Self::build_checked(text, line_offset).0
    }

    /// Indexes `text` like [`SpanIndex::build`], and also says what went
    /// wrong where, for text the event parser cannot read.
    pub fn build_checked(text: &str, line_offset: usize) -> (SpanIndex, Faults) {
        let mut builder = Builder {
            index: SpanIndex::default(),
            stack: Vec::new(),
            flows: Vec::new(),
            line_offset,
            done: false,
            text,
            faults: Faults::default(),
        };
        let mut parser = Parser::new_from_str(text);
        if parser.load(&mut builder, false).is_err() {
            builder.faults.failed = true;
            builder.faults.open_bracket = builder.flows.iter().rev().find_map(|f| *f);
        }
        (builder.index, builder.faults)
    }

    /// Position of the value at `path` (`""` is the whole document).
    pub fn value(&self, path: &str) -> Option<Position> {
        self.values.get(path).copied()
    }

    /// Position of the key that introduces `path`.
    pub fn key(&self, path: &str) -> Option<Position> {
        self.keys.get(path).copied()
    }
}

/// Joins a mapping key onto a path.
pub fn child_key(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// Joins a sequence index onto a path.
pub fn child_index(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

enum Frame {
    Map {
        path: String,
        key: Option<String>,
        expecting_key: bool,
    },
    Seq {
        path: String,
        next: usize,
    },
}

struct Builder<'t> {
    index: SpanIndex,
    stack: Vec<Frame>,
    /// For each open container, its opening bracket when it is written in
    /// brackets (flow style).
    flows: Vec<Option<(char, Position)>>,
    line_offset: usize,
    done: bool,
    text: &'t str,
    faults: Faults,
}

impl Builder<'_> {
    /// The character at `mark` in the text.
    fn char_at(&self, mark: Marker) -> Option<char> {
        self.text
            .lines()
            .nth(mark.line().checked_sub(1)?)?
            .chars()
            .nth(mark.col())
    }

    fn position(&self, mark: Marker) -> Position {
        Position::new(mark.line() + self.line_offset, mark.col() + 1)
    }

    /// Handles the start of a node. Returns the node's path when it is a
    /// value (not a key), so containers can be pushed with it.
    fn node(&mut self, mark: Marker, scalar: Option<&str>) -> Option<String> {
        let pos = self.position(mark);
        match self.stack.last_mut() {
            None => {
                self.index.values.entry(String::new()).or_insert(pos);
                Some(String::new())
            }
            Some(Frame::Map {
                path,
                key,
                expecting_key,
            }) => {
                if *expecting_key {
                    *expecting_key = false;
                    let name = scalar.unwrap_or("").to_string();
                    let full = child_key(path, &name);
                    if let Some(first) = self.index.keys.get(&full) {
                        if self.faults.duplicate.is_none() && scalar.is_some() {
                            self.faults.duplicate = Some((name.clone(), pos, *first));
                        }
                    }
                    self.index.keys.entry(full).or_insert(pos);
                    *key = Some(name);
                    None
                } else {
                    *expecting_key = true;
                    let full = child_key(path, key.as_deref().unwrap_or(""));
                    self.index.values.entry(full.clone()).or_insert(pos);
                    Some(full)
                }
            }
            Some(Frame::Seq { path, next }) => {
                let full = child_index(path, *next);
                *next += 1;
                self.index.values.entry(full.clone()).or_insert(pos);
                Some(full)
            }
        }
    }
}

impl MarkedEventReceiver for Builder<'_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.done {
            return;
        }
        match ev {
            Event::Scalar(value, ..) => {
                self.node(mark, Some(&value));
            }
            Event::Alias(_) => {
                self.node(mark, None);
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let is_map = matches!(ev, Event::MappingStart(..));
                // A mapping used as a key gets an empty path: it is never looked up.
                let path = self.node(mark, None).unwrap_or_default();
                if self.stack.len() >= MAX_DEPTH {
                    self.done = true;
                    return;
                }
                let flow = self
                    .char_at(mark)
                    .filter(|c| matches!(c, '[' | '{'))
                    .map(|c| (c, self.position(mark)));
                self.flows.push(flow);
                self.stack.push(if is_map {
                    Frame::Map {
                        path,
                        key: None,
                        expecting_key: true,
                    }
                } else {
                    Frame::Seq { path, next: 0 }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                self.flows.pop();
            }
            Event::DocumentEnd => self.done = true,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_nested_positions() {
        let text = "title: Hola\nitems:\n  - a\n  - { period: 2025, value: 3 }\n";
        let idx = SpanIndex::build(text, 1);
        assert_eq!(idx.value("title"), Some(Position::new(2, 8)));
        assert_eq!(idx.key("title"), Some(Position::new(2, 1)));
        assert_eq!(idx.value("items[0]"), Some(Position::new(4, 5)));
        assert_eq!(idx.value("items[1].value"), Some(Position::new(5, 28)));
    }

    #[test]
    fn tolerates_broken_yaml() {
        let idx = SpanIndex::build("a: [1, 2\nb: {", 0);
        assert_eq!(idx.key("a"), Some(Position::new(1, 1)));
    }
}

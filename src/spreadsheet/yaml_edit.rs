//! Changing fields of a registry file in place: a changed value is replaced
//! where it is written, in the file's own quoting; a field added is one new
//! line after the field declared before it; every other byte (comments,
//! order, quotes) stays as it was. A change the file's layout does not
//! allow to make in place (a nested field added or removed, a list or a
//! block of text) rewrites that one field on one line.

use serde_yaml::{Mapping, Value};

use crate::diagnostics::Position;

/// One change: the value at `path` becomes `new` (`None`: removed).
#[derive(Debug, Clone)]
pub(crate) struct Edit {
    /// The steps of the path (`["place", "city"]`).
    pub path: Vec<String>,
    /// The new value.
    pub new: Option<Value>,
    /// A free text (always written in quotes).
    pub text: bool,
}

/// The byte offsets of the places (line and column, from 1) of a text.
pub(crate) struct Offsets<'a> {
    text: &'a str,
    /// The offset of the start of each line.
    starts: Vec<usize>,
}

impl<'a> Offsets<'a> {
    /// The offsets of `text`.
    pub(crate) fn new(text: &'a str) -> Offsets<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Offsets { text, starts }
    }

    /// The offset of the start of each line.
    pub(crate) fn starts(&self) -> &[usize] {
        &self.starts
    }

    /// The byte offset of `p` (the end of its line when the column is past it).
    pub(crate) fn at(&self, p: Position) -> Option<usize> {
        let start = *self.starts.get(p.line.checked_sub(1)?)?;
        let line = &self.text[start..];
        Some(
            start
                + line
                    .char_indices()
                    .nth(p.column.checked_sub(1)?)
                    .map_or(line.len(), |(i, _)| i),
        )
    }
}

/// `text` with `edits` made; `order` is the declared order of the
/// top-level fields (where a new one goes). An error says why the file
/// could not be changed.
pub(crate) fn apply(text: &str, edits: &[Edit], order: &[&str]) -> Result<String, String> {
    let doc =
        crate::yaml::parse(text, 0).map_err(|_| "the file could not be read again".to_string())?;
    let offsets = Offsets::new(text);
    let offset = |p: Position| offsets.at(p);
    let lines = offsets.starts();
    // (byte offset, bytes to remove, text to insert), applied from the end.
    let mut changes: Vec<(usize, usize, String)> = Vec::new();
    let mut tops: Vec<&str> = edits.iter().map(|e| e.path[0].as_str()).collect();
    tops.dedup();
    tops.sort();
    tops.dedup();
    for top in tops {
        let group: Vec<&Edit> = edits.iter().filter(|e| e.path[0] == top).collect();
        // In place: each value is a plain or quoted scalar already written.
        let mut in_place = Vec::new();
        for e in &group {
            let Some(new @ (Value::String(_) | Value::Number(_) | Value::Bool(_))) = &e.new else {
                break;
            };
            let old = super::registry_layout::value_at(&doc.value, &e.path);
            if !matches!(
                old,
                Some(Value::String(_) | Value::Number(_) | Value::Bool(_))
            ) {
                break;
            }
            let Some(at) = doc.spans.value(&dotted(&e.path)).and_then(offset) else {
                break;
            };
            let first = text[at..].chars().next().unwrap_or(' ');
            if matches!(first, '|' | '>' | '[' | '{' | '&' | '*' | '!') {
                break;
            }
            let len = token_len(&text[at..]);
            in_place.push((at, len, token(new, e.text, Some(first))));
        }
        if in_place.len() == group.len() {
            changes.extend(in_place);
            continue;
        }
        // The whole field, rewritten on one line.
        let mut value = doc.value.get(top).cloned().unwrap_or(Value::Null);
        for e in &group {
            set(&mut value, &e.path[1..], e.new.clone());
        }
        let empty = match &value {
            Value::Null => true,
            Value::Mapping(m) => m.is_empty(),
            Value::Sequence(s) => s.is_empty(),
            Value::String(s) => s.is_empty(),
            _ => false,
        };
        let line = (!empty).then(|| format!("{top}: {}\n", flow(&value, group[0].text)));
        match doc.spans.key(top) {
            Some(k) => {
                let start = lines[k.line - 1];
                let end = block_end(text, lines, k.line);
                let mut insert = line.unwrap_or_default();
                if end == text.len() && !text.ends_with('\n') && !insert.is_empty() {
                    insert.pop();
                }
                changes.push((start, end - start, insert));
            }
            None => {
                let Some(line) = line else { continue };
                let place = order.iter().position(|f| *f == top).unwrap_or(order.len());
                let before = order[..place].iter().rev().find_map(|f| doc.spans.key(f));
                let at = match before {
                    Some(k) => block_end(text, lines, k.line),
                    None => text.len(),
                };
                let mut insert = line;
                if at == text.len() && !text.is_empty() && !text.ends_with('\n') {
                    insert.insert(0, '\n');
                }
                changes.push((at, 0, insert));
            }
        }
    }
    changes.sort_by_key(|c| std::cmp::Reverse(c.0));
    let mut out = text.to_string();
    for (at, len, insert) in changes {
        out.replace_range(at..at + len, &insert);
    }
    Ok(out)
}

/// `steps` joined as the span index writes paths.
fn dotted(steps: &[String]) -> String {
    let mut path = String::new();
    for s in steps {
        path = crate::yaml::child_key(&path, s);
    }
    path
}

/// Sets (or removes, with `None`) the value at `steps` under `value`;
/// a set of fields left empty is removed.
fn set(value: &mut Value, steps: &[String], new: Option<Value>) {
    let Some((first, rest)) = steps.split_first() else {
        *value = new.unwrap_or(Value::Null);
        return;
    };
    if !value.is_mapping() {
        *value = Value::Mapping(Mapping::new());
    }
    let Value::Mapping(map) = value else { return };
    let key = Value::String(first.clone());
    if rest.is_empty() {
        match new {
            Some(v) => {
                map.insert(key, v);
            }
            None => {
                map.remove(&key);
            }
        }
        return;
    }
    let child = map.entry(key.clone()).or_insert(Value::Null);
    set(child, rest, new);
    if child.as_mapping().is_some_and(Mapping::is_empty) || child.is_null() {
        map.remove(&key);
    }
}

/// The byte offset after the block of the key on line `line` (1-based):
/// its own line and the more indented lines under it.
fn block_end(text: &str, lines: &[usize], line: usize) -> usize {
    let mut end = line; // 1-based, inclusive
    for (l, start) in lines.iter().enumerate().skip(line) {
        let rest = &text[*start..];
        let this = &rest[..rest.find('\n').unwrap_or(rest.len())];
        if (this.starts_with(' ') || this.starts_with('\t')) && !this.trim().is_empty() {
            end = l + 1;
        } else {
            break;
        }
    }
    lines.get(end).copied().unwrap_or(text.len())
}

/// The length of the plain or quoted scalar at the start of `rest`.
fn token_len(rest: &str) -> usize {
    match rest.chars().next() {
        Some('"') => {
            let mut escaped = false;
            for (i, c) in rest.char_indices().skip(1) {
                match c {
                    '\\' if !escaped => escaped = true,
                    '"' if !escaped => return i + 1,
                    _ => escaped = false,
                }
            }
            rest.len()
        }
        Some('\'') => {
            let bytes = rest.as_bytes();
            let mut i = 1;
            while i < bytes.len() {
                if bytes[i] == b'\'' {
                    if bytes.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    return i + 1;
                }
                i += 1;
            }
            rest.len()
        }
        _ => {
            let end = rest
                .char_indices()
                .find(|(i, c)| {
                    matches!(c, ',' | '}' | ']' | '\n' | '\r')
                        || (*c == '#' && rest[..*i].ends_with(' '))
                })
                .map_or(rest.len(), |(i, _)| i);
            rest[..end].trim_end().len()
        }
    }
}

/// A value written on one line, in flow style.
pub(crate) fn flow(v: &Value, text: bool) -> String {
    match v {
        Value::Mapping(m) => {
            let items: Vec<String> = m
                .iter()
                .map(|(k, v)| {
                    let key = crate::yaml::scalar_text(k).unwrap_or_default();
                    format!("{key}: {}", flow(v, text))
                })
                .collect();
            format!("{{ {} }}", items.join(", "))
        }
        Value::Sequence(items) => {
            let items: Vec<String> = items.iter().map(|v| flow(v, text)).collect();
            format!("[{}]", items.join(", "))
        }
        other => token(other, text, None),
    }
}

/// One scalar as the file writes it: in the quotes of `was` (the first
/// character of the value it replaces) when it was quoted, in double quotes
/// when it is a free text or could be read as something else, else plain.
pub(crate) fn token(v: &Value, text: bool, was: Option<char>) -> String {
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Null => return "null".into(),
        other => return crate::yaml::scalar_text(other).unwrap_or_default(),
    };
    match was {
        Some('\'') => format!("'{}'", s.replace('\'', "''")),
        Some('"') => serde_json::to_string(&s).unwrap_or_default(),
        _ if !text && plain(&s) => s,
        _ if text && was.is_some() && plain(&s) && !s.contains(' ') => s,
        _ => serde_json::to_string(&s).unwrap_or_default(),
    }
}

/// True when `s` reads back as the same string without quotes: a date, or
/// a code or id of letters, digits, hyphens and underscores that is not a
/// number or a word YAML reads as true, false or nothing.
fn plain(s: &str) -> bool {
    let date = s.len() == 10 && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok();
    if date {
        return true;
    }
    let word = s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let special = [
        "true", "false", "yes", "no", "on", "off", "null", "y", "n", "nan", "inf",
    ]
    .contains(&s.to_ascii_lowercase().as_str());
    word && !special && s.parse::<f64>().is_err() && !s.starts_with("0x") && !s.starts_with("0o")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(path: &str, new: Option<&str>, text: bool) -> Edit {
        Edit {
            path: path.split('.').map(String::from).collect(),
            new: new.map(|s| Value::String(s.to_string())),
            text,
        }
    }

    #[test]
    fn a_scalar_is_replaced_in_its_own_quotes() {
        let text = "# note\ntitle: { es: \"Uno\", en: 'One' }\nstatus: active # why\n";
        let out = apply(
            text,
            &[
                edit("status", Some("concluded"), false),
                edit("title.en", Some("It's one"), true),
            ],
            &["title", "status"],
        )
        .unwrap();
        assert_eq!(
            out,
            "# note\ntitle: { es: \"Uno\", en: 'It''s one' }\nstatus: concluded # why\n"
        );
    }

    #[test]
    fn a_new_field_goes_after_the_one_declared_before_it() {
        let text = "title: { es: \"Uno\" }\nsigned: 2024-01-02\nstatus: active\n";
        let out = apply(
            text,
            &[edit("ends", Some("2026-01-01"), false)],
            &["title", "signed", "ends", "status"],
        )
        .unwrap();
        assert_eq!(
            out,
            "title: { es: \"Uno\" }\nsigned: 2024-01-02\nends: 2026-01-01\nstatus: active\n"
        );
    }

    #[test]
    fn a_nested_field_added_or_removed_rewrites_its_field() {
        let text = "title:\n  es: \"Uno\" # keep?\ncost: { value: 5, currency: EUR }\nx: 1\n";
        let out = apply(
            text,
            &[
                edit("title.en", Some("One"), true),
                edit("cost.value", None, false),
                edit("cost.currency", None, false),
            ],
            &["title", "cost", "x"],
        )
        .unwrap();
        assert_eq!(out, "title: { es: \"Uno\", en: \"One\" }\nx: 1\n");
    }

    #[test]
    fn tokens_end_where_their_values_do() {
        assert_eq!(token_len("\"a \\\" b\", x"), 8);
        assert_eq!(token_len("'it''s' }"), 7);
        assert_eq!(token_len("active # c\n"), 6);
        assert!(plain("2024-01-02") && plain("in-negotiation") && plain("ES"));
        assert!(!plain("yes") && !plain("2024") && !plain("a b"));
    }
}

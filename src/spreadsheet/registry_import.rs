//! Importing the registry's sheets (`agreements`, `actions`): each row
//! whose id names an entry of the site changes that entry's file where its
//! cells differ from what the file says (see [`super::yaml_edit`]); a row
//! with a new id makes a new file, `content/<registry>/<id>.yaml`. A row
//! that is missing deletes nothing. Every cell is checked against the
//! field's declaration (dates, closed lists, countries, currencies,
//! numbers, required cells); each problem names its sheet and cell.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use serde_yaml::{Mapping, Value};

use super::messages::say;
use super::problems::Problems;
use super::read::{Cell, Table};
use super::registry_export::entries;
use super::registry_layout::{self as layout, Column, Registry, ID};
use super::yaml_edit::{self, Edit};
use crate::site::Site;
use crate::yaml::model::Kind;

/// One field changed in a registry file by an import.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    /// The field's path (`status`, `place.city`).
    pub field: String,
    /// What the file said (empty when the field was not written).
    pub before: String,
    /// What it says now (empty when the field is removed).
    pub after: String,
}

/// One row read from a registry sheet.
#[derive(Debug)]
pub(crate) struct Row {
    registry: Registry,
    /// The sheet's name and the row (0-based), for messages.
    sheet: String,
    row: usize,
    id: String,
    /// For each column of the sheet: the column and the value read (`None`
    /// for an empty cell).
    cells: Vec<(Column, Option<Value>)>,
}

/// True for the kinds written as free text (always quoted in files).
fn is_text(kind: Kind) -> bool {
    matches!(kind, Kind::Line | Kind::Paragraph | Kind::Link)
}

/// Reads the rows of a registry sheet or CSV file into `out`.
pub(crate) fn read_table(
    table: &Table,
    registry: Registry,
    site: &Site,
    problems: &mut Problems<'_>,
    out: &mut Vec<Row>,
) {
    let lang = site.config.default_language().to_string();
    let all = layout::columns(registry, &site.config.languages);
    // The row of names for memoria: `id` in column A and names of columns
    // after it (the row above, for people, also starts with `id`).
    let starts_with_id = |r: &usize| table.text(*r, 0).trim() == ID;
    let names_known = |r: &usize| {
        let b = table.text(*r, 1);
        all.iter().any(|c| c.key == b.trim())
    };
    let first_rows = 0..table.rows.len().min(10);
    let Some(header) = first_rows
        .clone()
        .find(|r| starts_with_id(r) && names_known(r))
        .or_else(|| first_rows.clone().find(starts_with_id))
    else {
        problems.at(table, 0, 0, "no_id_row", "id_row", &[]);
        return;
    };
    let mut columns: Vec<(usize, Column)> = Vec::new();
    for c in 1..table.rows[header].len() {
        let name = table.text(header, c).trim().to_string();
        if name.is_empty() {
            continue;
        }
        match all.iter().find(|col| col.key == name) {
            Some(col) => columns.push((c, col.clone())),
            None => {
                let mut known = vec![ID.to_string()];
                known.extend(all.iter().map(|c| c.key.clone()));
                problems.at(
                    table,
                    header,
                    c,
                    "unknown_field_column",
                    "columns",
                    &[("value", &name), ("list", &known.join(", "))],
                );
            }
        }
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for r in header + 1..table.rows.len() {
        if table.rows[r].iter().all(|c| *c == Cell::Empty) {
            continue;
        }
        let cells = std::iter::once(0).chain(columns.iter().map(|(c, _)| *c));
        if problems.merged_or_formula(table, r, cells, "unmerge_row") {
            continue;
        }
        let id = table.text(r, 0).trim().to_string();
        let example = match registry {
            Registry::Agreements => "quito-twinning",
            Registry::Actions => "2026-03-madrid-mission",
        };
        if id.is_empty() {
            problems.at(table, r, 0, "no_id", "add_id", &[("example", example)]);
            continue;
        }
        if crate::slug::validate(&id).is_err() {
            let better = crate::slug::slugify(&id);
            let better = if better.is_empty() {
                example.to_string()
            } else {
                better
            };
            problems.at(
                table,
                r,
                0,
                "bad_id",
                "write_id",
                &[("value", &id), ("example", &better)],
            );
            continue;
        }
        if let Some(first) = seen.get(&id) {
            let row = (first + 1).to_string();
            problems.at(
                table,
                r,
                0,
                "duplicate_id",
                "one_row_each",
                &[("value", &id), ("row", &row)],
            );
            continue;
        }
        seen.insert(id.clone(), r);
        let mut cells = Vec::new();
        let mut ok = true;
        for (c, column) in &columns {
            match read_cell(table, r, *c, column, problems) {
                Ok(v) => cells.push((column.clone(), v)),
                Err(()) => ok = false,
            }
        }
        // Required cells: of the entry, and of each set of fields used.
        for (c, column) in &columns {
            let filled = |col: &Column| cells.iter().any(|(k, v)| k.key == col.key && v.is_some());
            let set_filled = columns
                .iter()
                .any(|(_, k)| std::ptr::eq(k.top, column.top) && k.path.len() > 1 && filled(k));
            let failed = cells.iter().all(|(k, _)| k.key != column.key);
            if !failed && !filled(column) && column.required(&lang, set_filled) {
                problems.at(
                    table,
                    r,
                    *c,
                    "required",
                    "fill_required",
                    &[("value", &column.key)],
                );
                ok = false;
            }
        }
        if ok {
            out.push(Row {
                registry,
                sheet: table.name.clone(),
                row: r,
                id,
                cells,
            });
        }
    }
}

/// The value of one cell for `column`: `None` when empty, `Err` when a
/// problem was reported.
fn read_cell(
    table: &Table,
    r: usize,
    c: usize,
    column: &Column,
    problems: &mut Problems<'_>,
) -> Result<Option<Value>, ()> {
    let cell = table.cell(r, c);
    if *cell == Cell::Empty {
        return Ok(None);
    }
    if column.list {
        let text = table.text(r, c);
        let mut items = Vec::new();
        let mut ok = true;
        for item in text.split(';').map(str::trim).filter(|t| !t.is_empty()) {
            match one(&Cell::Text(item.to_string()), item, column.kind) {
                Ok(v) => items.push(v),
                Err((message, help, fill)) => {
                    let fill: Vec<(&str, &str)> =
                        fill.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    problems.at(table, r, c, message, help, &fill);
                    ok = false;
                }
            }
        }
        return match (ok, items.is_empty()) {
            (false, _) => Err(()),
            (true, true) => Ok(None),
            (true, false) => Ok(Some(Value::Sequence(items))),
        };
    }
    let text = match cell {
        Cell::Date(Some(d)) if !matches!(column.kind, Kind::Date) => d.to_string(),
        _ => table.text(r, c),
    };
    match one(cell, text.trim(), column.kind) {
        Ok(v) if v.as_str() == Some("") => Ok(None),
        Ok(v) => Ok(Some(v)),
        Err((message, help, fill)) => {
            let fill: Vec<(&str, &str)> = fill.iter().map(|(k, v)| (*k, v.as_str())).collect();
            problems.at(table, r, c, message, help, &fill);
            Err(())
        }
    }
}

/// A problem: the keys of its message and advice, and their `{…}`.
type Fault = (&'static str, &'static str, Vec<(&'static str, String)>);

/// One value of `kind` read from `cell`, whose text is `text`.
fn one(cell: &Cell, text: &str, kind: Kind) -> Result<Value, Fault> {
    let s = |t: &str| Value::String(t.to_string());
    match kind {
        Kind::Date => match cell {
            Cell::Date(Some(d)) => Ok(s(&d.to_string())),
            _ => match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                Ok(d) if text.len() == 10 => Ok(s(&d.to_string())),
                _ => Err((
                    "not_date",
                    "write_date",
                    vec![
                        ("value", text.to_string()),
                        ("example", "2026-03-05".into()),
                    ],
                )),
            },
        },
        Kind::Choice(choice) => {
            if choice.ids.contains(&text) {
                Ok(s(text))
            } else {
                Err((
                    "not_in_list",
                    "pick_list",
                    vec![("value", text.to_string()), ("list", choice.ids.join(", "))],
                ))
            }
        }
        Kind::Country => {
            let upper = text.to_ascii_uppercase();
            if crate::countries::is_alpha2(&upper) {
                Ok(s(&upper))
            } else {
                Err((
                    "not_country",
                    "pick_country",
                    vec![("value", text.to_string())],
                ))
            }
        }
        Kind::Currency => {
            let upper = text.to_ascii_uppercase();
            if crate::currencies::is_code(&upper) {
                Ok(s(&upper))
            } else {
                Err((
                    "not_currency",
                    "pick_currency",
                    vec![("value", text.to_string())],
                ))
            }
        }
        Kind::Number | Kind::Integer | Kind::Sdg => {
            let n = match cell {
                Cell::Number(n) => Some(*n),
                _ => super::read::plain_number(text),
            };
            let whole = !matches!(kind, Kind::Number);
            match n {
                Some(n) if n.fract() == 0.0 && n.abs() < 1e15 => {
                    Ok(Value::Number((n as i64).into()))
                }
                Some(n) if !whole => Ok(Value::Number(n.into())),
                _ => Err((
                    "not_number",
                    if whole { "write_whole" } else { "write_number" },
                    vec![("value", text.to_string())],
                )),
            }
        }
        _ => Ok(s(text)),
    }
}

/// What the rows change: the new texts of the files (relative to the
/// site root) and, by file, the fields changed (all of them for a new file).
pub(crate) fn changes(
    site: &Site,
    rows: &[Row],
    problems: &mut Problems<'_>,
) -> Vec<(PathBuf, String, Vec<FieldChange>)> {
    let mut out = Vec::new();
    for registry in Registry::ALL {
        let current: BTreeMap<String, Value> = entries(site, registry).into_iter().collect();
        let order: Vec<&str> = registry.fields().iter().map(|f| f.name).collect();
        for row in rows.iter().filter(|r| r.registry == registry) {
            let new_text = |v: &Option<Value>, column: &Column| {
                v.as_ref().map_or(String::new(), |v| {
                    let mut doc = Value::Mapping(Mapping::new());
                    put(&mut doc, &column.path, v.clone());
                    layout::cell_text(&doc, column)
                })
            };
            match current.get(&row.id) {
                Some(doc) => {
                    let mut edits = Vec::new();
                    let mut fields = Vec::new();
                    for (column, v) in &row.cells {
                        let before = layout::cell_text(doc, column);
                        let after = new_text(v, column);
                        // Cells are read without the spaces around them.
                        if before.trim() == after {
                            continue;
                        }
                        let per_language = column.name_lang.as_ref().filter(|_| {
                            layout::value_at(doc, &column.path).is_some_and(layout::is_per_language)
                        });
                        if let Some(lang) = per_language {
                            let source = source_of(site, registry, &row.id);
                            let fill = |key: &str| {
                                say(problems.lang, key)
                                    .replace("{field}", &column.key)
                                    .replace("{file}", &source.display().to_string())
                                    .replace("{lang}", lang)
                            };
                            let d = crate::diagnostics::Diagnostic::error(
                                &source,
                                fill("name_per_language"),
                            )
                            .help(fill("name_per_language_help"));
                            problems.row(&row.sheet, row.row, &row.id, &d);
                            continue;
                        }
                        edits.push(Edit {
                            path: column.path.clone(),
                            new: v.clone(),
                            text: is_text(column.kind),
                        });
                        fields.push(FieldChange {
                            field: column.key.clone(),
                            before,
                            after,
                        });
                    }
                    if edits.is_empty() {
                        continue;
                    }
                    let source = source_of(site, registry, &row.id);
                    let text = source_text(site, registry, &row.id);
                    match yaml_edit::apply(&text, &edits, &order) {
                        Ok(t) => out.push((source, t, fields)),
                        Err(why) => {
                            let d = crate::diagnostics::Diagnostic::error(&source, why).help(
                                "nothing was written; make this change in the file by hand, and report this to the people who maintain memoria",
                            );
                            problems.row(&row.sheet, row.row, &row.id, &d);
                        }
                    }
                }
                None => {
                    let mut text = String::new();
                    let mut fields = Vec::new();
                    for top in registry.fields() {
                        let filled: Vec<(&Column, &Value)> = row
                            .cells
                            .iter()
                            .filter(|(c, _)| std::ptr::eq(c.top, top))
                            .filter_map(|(c, v)| Some((c, v.as_ref()?)))
                            .collect();
                        let written: Vec<String> = filled
                            .iter()
                            .map(|(c, v)| {
                                fields.push(FieldChange {
                                    field: c.key.clone(),
                                    before: String::new(),
                                    after: new_text(&Some((*v).clone()), c),
                                });
                                let value = yaml_edit::flow(v, is_text(c.kind));
                                match c.path.get(1) {
                                    Some(key) => format!("{key}: {value}"),
                                    None => value,
                                }
                            })
                            .collect();
                        match filled.first() {
                            None => {}
                            Some((c, _)) if c.path.len() == 1 => {
                                text.push_str(&format!("{}: {}\n", top.name, written[0]));
                            }
                            Some(_) => text.push_str(&format!(
                                "{}: {{ {} }}\n",
                                top.name,
                                written.join(", ")
                            )),
                        }
                    }
                    let source = PathBuf::from("content")
                        .join(registry.name())
                        .join(format!("{}.yaml", row.id));
                    out.push((source, text, fields));
                }
            }
        }
    }
    out
}

/// Puts `v` at `path` under `doc`, making the sets of fields on the way.
fn put(doc: &mut Value, path: &[String], v: Value) {
    let Some((first, rest)) = path.split_first() else {
        *doc = v;
        return;
    };
    if !doc.is_mapping() {
        *doc = Value::Mapping(Mapping::new());
    }
    if let Value::Mapping(m) = doc {
        let child = m.entry(Value::String(first.clone())).or_insert(Value::Null);
        put(child, rest, v);
    }
}

fn source_of(site: &Site, registry: Registry, id: &str) -> PathBuf {
    match registry {
        Registry::Agreements => site.content.agreements[id].source.clone(),
        Registry::Actions => site.content.actions[id].source.clone(),
    }
}

fn source_text(site: &Site, registry: Registry, id: &str) -> String {
    match registry {
        Registry::Agreements => site.content.agreements[id].text.clone(),
        Registry::Actions => site.content.actions[id].text.clone(),
    }
}

/// The rows of `rows` and the file each would write, to name the row of a
/// problem the trial load finds in a file.
pub(crate) fn row_of(rows: &[Row], file: &std::path::Path) -> Option<(String, usize, String)> {
    rows.iter()
        .find(|r| {
            file.ends_with(format!("{}/{}.yaml", r.registry.name(), r.id))
                || file.ends_with(format!("{}\\{}.yaml", r.registry.name(), r.id))
        })
        .map(|r| (r.sheet.clone(), r.row, r.id.clone()))
}

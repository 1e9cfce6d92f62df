//! `memoria import FILE`: the observations of a filled-in workbook or CSV
//! file written back into the indicators' files, in place.
//!
//! Only what changed is touched: a changed value is replaced where it is
//! written, a new observation is one new line inserted in period order, and
//! every other byte of the file (comments, order, quotes) stays as it was,
//! so that the change history shows just the new figures. Every problem of
//! every sheet is reported at once, in the site's default language, with
//! the sheet and the cell; nothing is written when there is one.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::layout;
use super::messages::say;
use super::problems::Problems;
use super::read::{self, plain_number, Cell, Table, Unreadable};
use super::registry_import::{self, FieldChange};
use super::registry_layout::Registry;
use crate::content::indicator::{Indicator, IndicatorKind, Measure};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::period::Period;
use crate::site::LoadOptions;

/// The most rows of data one sheet may have: an indicator has one row per
/// period and group, far fewer.
pub(crate) const MAX_ROWS: usize = 10_000;

/// One observation to write: new, or with a new value.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The indicator's id.
    pub indicator: String,
    /// Its period.
    pub period: Period,
    /// Its dimension–value pairs, in the order the dimensions are declared
    /// (empty for the total).
    pub breakdown: Vec<(String, String)>,
    /// The value now in the file, if the observation is there.
    pub before: Option<String>,
    /// The value read.
    pub after: String,
    /// The notes changed: language, the note in the file, the note read
    /// (`None`: none).
    pub notes: Vec<(String, Option<String>, Option<String>)>,
}

impl Change {
    /// True when the value is new or changed (not only a note).
    pub fn value_changed(&self) -> bool {
        self.before.as_deref() != Some(self.after.as_str())
    }
}

/// The changes to one file of the registry.
#[derive(Debug, Clone)]
pub struct RegistryChange {
    /// The file, relative to the site root.
    pub file: PathBuf,
    /// True when the import makes the file (a row with a new id).
    pub new: bool,
    /// The fields changed (every field written, for a new file).
    pub fields: Vec<FieldChange>,
}

/// What an import did, or would do with `dry_run`.
#[derive(Debug, Default)]
pub struct Imported {
    /// The changes, by indicator file, in the order of the files.
    pub changes: Vec<(PathBuf, Vec<Change>)>,
    /// The changes to agreements and actions, in the order of the files.
    pub registry: Vec<RegistryChange>,
}

/// Reads `file` and writes its observations into the indicators of the site
/// in `root` (unless `dry_run`). All problems, or what changed.
pub fn import(root: &Path, file: &Path, dry_run: bool) -> Result<Imported, Diagnostics> {
    let (site, diagnostics) = crate::site::load(root, &LoadOptions::default());
    let site = match site {
        Some(site) if !diagnostics.has_errors() => site,
        _ => return Err(diagnostics),
    };
    let lang = site.config.default_language().to_string();
    let mut problems = Problems {
        lang: &lang,
        file,
        all: Diagnostics::new(),
    };
    let tables = match read::read(file) {
        Ok(t) => t,
        Err((name, why)) => {
            let (message, help) = match why {
                Unreadable::Empty => ("empty", "export_again"),
                Unreadable::NotSpreadsheet => ("not_spreadsheet", "save_as"),
                Unreadable::NotUtf8 => ("not_utf8", "save_utf8"),
                Unreadable::Io(e) => {
                    problems.all.push(
                        Diagnostic::error(file, format!("{name}: {e}")).help(
                            "check the file's name and that it is not open in another program",
                        ),
                    );
                    return Err(problems.all);
                }
            };
            let prefix = say(&lang, "file").replace("{name}", &name);
            problems.all.push(
                Diagnostic::error(file, format!("{prefix}: {}", say(&lang, message)))
                    .help(say(&lang, help)),
            );
            return Err(problems.all);
        }
    };
    let indicators = &site.content.indicators;
    let mut read_rows: Vec<Row> = Vec::new();
    let mut registry_rows = Vec::new();
    for table in &tables {
        let named = if table.is_file {
            &table.stem
        } else {
            &table.name
        };
        match Registry::named(named) {
            Some(r) => {
                registry_import::read_table(table, r, &site, &mut problems, &mut registry_rows);
            }
            None => read_table(
                table,
                indicators,
                &site.config.languages,
                &mut problems,
                &mut read_rows,
            ),
        }
    }
    if problems.all.has_errors() {
        return Err(problems.all);
    }
    // What changed, indicator by indicator, in the order of the files.
    let mut imported = Imported::default();
    let mut texts: Vec<(PathBuf, String)> = Vec::new();
    for ind in indicators.values() {
        let rows: Vec<&Row> = read_rows.iter().filter(|r| r.indicator == ind.id).collect();
        let changes = changes(ind, &rows);
        if changes.is_empty() {
            continue;
        }
        let path = root.join(&ind.source);
        let text = match edit(&ind.text, ind, &changes) {
            Ok(t) => t,
            Err(message) => {
                problems.all.push(
                    Diagnostic::error(&ind.source, message).help(
                        "write the observations one per line, `- { period: …, value: … }`, and import again",
                    ),
                );
                continue;
            }
        };
        // The file as edited must read as the same indicator with the new
        // values: anything else is a fault of this program, not of the sheet.
        let (again, faults) = crate::content::indicator::parse(
            &ind.id,
            ind.source.clone(),
            text.clone(),
            &site.config.languages,
        );
        if again.is_none() || faults.iter().any(Diagnostic::is_error) {
            problems.all.push(
                Diagnostic::error(&ind.source, "memoria could not write the new observations into this file without changing its meaning")
                    .help("nothing was written; add them by hand, and report this to the people who maintain memoria"),
            );
            continue;
        }
        texts.push((path, text));
        imported.changes.push((ind.source.clone(), changes));
    }
    for (file, text, fields) in registry_import::changes(&site, &registry_rows, &mut problems) {
        let new = !root.join(&file).exists();
        texts.push((root.join(&file), text));
        imported.registry.push(RegistryChange { file, new, fields });
    }
    if problems.all.has_errors() {
        return Err(problems.all);
    }
    // The site as it would be: every error `memoria check` would give.
    if !texts.is_empty() {
        let relative: Vec<(PathBuf, String)> = texts
            .iter()
            .map(|(p, t)| (p.strip_prefix(root).unwrap_or(p).to_path_buf(), t.clone()))
            .collect();
        let found = super::trial::check(root, &site.config.output_dir, &relative);
        let mut presented = false;
        for d in found.iter() {
            match registry_import::row_of(&registry_rows, &d.path) {
                Some((sheet, row, id)) => problems.row(&sheet, row, &id, d),
                None => {
                    presented |= d.path.starts_with("content/reports")
                        || d.path.as_os_str() == "reports.lock";
                    problems.all.push(d.clone());
                }
            }
        }
        if presented {
            problems.all.push(
                Diagnostic::error(file, say(&lang, "presented")).help(say(&lang, "errata_first")),
            );
        }
    }
    if problems.all.has_errors() {
        return Err(problems.all);
    }
    if !dry_run {
        write_all(&texts).map_err(|d| {
            let mut all = Diagnostics::new();
            all.push(d);
            all
        })?;
    }
    Ok(imported)
}

/// One observation read from a sheet.
#[derive(Debug)]
struct Row {
    indicator: String,
    period: Period,
    breakdown: Vec<(String, String)>,
    value: Measure,
    /// The notes of the columns of notes the sheet has: language, note.
    notes: Vec<(String, Option<String>)>,
}

/// Names of the open-data columns a tidy file may carry, which import
/// leaves aside (it reads `value`, or `scale_level` when `value` is empty).
const IGNORED_COLUMNS: [&str; 7] = [
    "dimension",
    "kind",
    "level",
    "period_start",
    "period_end",
    "scale_rank",
    "scale_level",
];

/// An observation's indicator, period and breakdown.
type Key = (String, Period, Vec<(String, String)>);

/// Reads the observations of one table into `out`, reporting problems.
fn read_table(
    table: &Table,
    indicators: &std::collections::BTreeMap<String, Indicator>,
    languages: &[String],
    problems: &mut Problems<'_>,
    out: &mut Vec<Row>,
) {
    let ids: Vec<&str> = indicators.keys().map(String::as_str).collect();
    // A workbook's sheet names its indicator in B2, after `id` in A2.
    let sheet_indicator = if table.is_file {
        None
    } else {
        let r = layout::ID_ROW as usize;
        if table.text(r, 0).trim() != "id" {
            if table.name == "lists"
                || table
                    .rows
                    .iter()
                    .all(|r| r.iter().all(|c| *c == Cell::Empty))
            {
                return; // the drop-down lists memoria writes, or an empty sheet
            }
            problems.at(table, r, 1, "unknown_sheet", "sheet_id", &[]);
            return;
        }
        let id = table.text(r, 1).trim().to_string();
        if !indicators.contains_key(&id) {
            let list = ids.join(", ");
            problems.at(
                table,
                r,
                1,
                "unknown_indicator",
                "indicator_ids",
                &[("value", &id), ("list", &list)],
            );
            return;
        }
        Some(id)
    };
    let Some(header) = (0..table.rows.len()).find(|r| {
        table.text(*r, 0).trim() == layout::PERIOD
            || (table.is_file
                && (0..table.rows[*r].len()).any(|c| table.text(*r, c).trim() == layout::PERIOD))
    }) else {
        problems.at(table, 0, 0, "no_header", "header", &[]);
        return;
    };
    let names: Vec<String> = (0..table.rows[header].len())
        .map(|c| table.text(header, c).trim().to_string())
        .collect();
    let col = |name: &str| names.iter().position(|n| n == name);
    let Some(period_col) = col(layout::PERIOD) else {
        problems.at(table, header, 0, "no_header", "header", &[]);
        return;
    };
    let value_col = col(layout::VALUE);
    let level_col = col("scale_level");
    let indicator_col = col("indicator");
    // A CSV file without an `indicator` column is about the indicator it is named after.
    let file_indicator = match (&sheet_indicator, indicator_col) {
        (Some(id), _) => Some(id.clone()),
        (None, Some(_)) => None,
        (None, None) => {
            if indicators.contains_key(&table.stem) {
                Some(table.stem.clone())
            } else {
                problems.at(table, header, 0, "no_indicator", "name_file", &[]);
                return;
            }
        }
    };
    // The columns of dimensions: every other named column.
    let mut dimension_cols: Vec<(usize, &str)> = Vec::new();
    for (c, name) in names.iter().enumerate() {
        if name.is_empty()
            || [layout::PERIOD, layout::VALUE, "indicator"].contains(&name.as_str())
            || IGNORED_COLUMNS.contains(&name.as_str())
            || name.starts_with("unit_")
            || name.starts_with(layout::NOTE_PREFIX)
        {
            continue;
        }
        let declared = indicators.values().any(|i| {
            file_indicator.as_ref().is_none_or(|f| *f == i.id)
                && i.breakdowns.iter().any(|b| b.id == *name)
        });
        if declared {
            dimension_cols.push((c, name.as_str()));
        } else {
            let mut known = vec![layout::PERIOD.to_string()];
            if let Some(ind) = file_indicator.as_ref().and_then(|f| indicators.get(f)) {
                known.extend(ind.breakdowns.iter().map(|b| b.id.clone()));
            }
            known.push(layout::VALUE.to_string());
            let known: Vec<&str> = known.iter().map(String::as_str).collect();
            problems.at(
                table,
                header,
                c,
                "unknown_column",
                "columns",
                &[("value", name), ("list", &known.join(", "))],
            );
        }
    }
    // The columns of notes, one per site language.
    let note_cols: Vec<(usize, String)> = names
        .iter()
        .enumerate()
        .filter_map(|(c, n)| {
            let lang = n.strip_prefix(layout::NOTE_PREFIX)?;
            languages
                .contains(&lang.to_string())
                .then(|| (c, lang.to_string()))
        })
        .collect();
    let data_rows = (header + 1..table.rows.len())
        .filter(|r| table.rows[*r].iter().any(|c| *c != Cell::Empty))
        .count();
    if data_rows > MAX_ROWS {
        let n = data_rows.to_string();
        let max = MAX_ROWS.to_string();
        problems.at(
            table,
            header + 1 + MAX_ROWS,
            0,
            "too_many_rows",
            "trim_rows",
            &[("value", &n), ("max", &max)],
        );
        return;
    }
    // Where each observation was read, for the check that none is there twice.
    let mut seen: HashMap<Key, usize> = HashMap::new();
    for r in header + 1..table.rows.len() {
        let Some(id) = file_indicator
            .clone()
            .or_else(|| indicator_col.map(|c| table.text(r, c).trim().to_string()))
        else {
            continue;
        };
        let value_cell = value_col
            .filter(|c| *table.cell(r, *c) != Cell::Empty)
            .or(level_col);
        let row_cells: Vec<usize> = std::iter::once(period_col)
            .chain(dimension_cols.iter().map(|(c, _)| *c))
            .chain(value_cell)
            .chain(note_cols.iter().map(|(c, _)| *c))
            .collect();
        // A cell that is part of the data must not be merged or a formula.
        if problems.merged_or_formula(table, r, row_cells.iter().copied(), "unmerge") {
            continue;
        }
        let value_col = match value_cell {
            Some(c) if *table.cell(r, c) != Cell::Empty => c,
            // A row without a value (a period offered to fill, left empty)
            // says nothing; a note there would be lost.
            _ => {
                if let Some((c, _)) = note_cols
                    .iter()
                    .find(|(c, _)| *table.cell(r, *c) != Cell::Empty)
                {
                    problems.at(table, r, *c, "note_without_value", "add_value", &[]);
                }
                continue;
            }
        };
        if id.is_empty() && indicator_col.is_some() {
            continue;
        }
        let Some(ind) = indicators.get(&id) else {
            let list = ids.join(", ");
            problems.at(
                table,
                r,
                indicator_col.unwrap_or(0),
                "unknown_indicator",
                "indicator_ids",
                &[("value", &id), ("list", &list)],
            );
            continue;
        };
        let example = ind.periodicity.example();
        // The period.
        let period = match table.cell(r, period_col) {
            Cell::Empty => {
                problems.at(
                    table,
                    r,
                    period_col,
                    "no_period",
                    "add_period",
                    &[("example", example)],
                );
                None
            }
            Cell::Date(_) => {
                problems.at(
                    table,
                    r,
                    period_col,
                    "date",
                    "write_period",
                    &[("example", example)],
                );
                None
            }
            _ => {
                let text = table.text(r, period_col);
                match Period::parse(&text) {
                    Ok(p) if p.periodicity() == ind.periodicity => Some(p),
                    Ok(p) => {
                        let periodicity = ind.periodicity.to_string();
                        problems.at(
                            table,
                            r,
                            period_col,
                            "wrong_periodicity",
                            "write_period",
                            &[
                                ("value", &p.to_string()),
                                ("periodicity", &periodicity),
                                ("example", example),
                            ],
                        );
                        None
                    }
                    Err(_) => {
                        problems.at(
                            table,
                            r,
                            period_col,
                            "not_period",
                            "write_period",
                            &[("value", &text), ("example", example)],
                        );
                        None
                    }
                }
            }
        };
        // The groups.
        let mut breakdown: Vec<(usize, String, String)> = Vec::new();
        let mut groups_ok = true;
        for (c, name) in &dimension_cols {
            let text = table.text(r, *c);
            if text.trim().is_empty() {
                continue;
            }
            let Some((place, b)) = ind
                .breakdowns
                .iter()
                .enumerate()
                .find(|(_, b)| b.id == *name)
            else {
                let known: Vec<&str> = ind.breakdowns.iter().map(|b| b.id.as_str()).collect();
                problems.at(
                    table,
                    header,
                    *c,
                    "unknown_column",
                    "columns",
                    &[("value", name), ("list", &known.join(", "))],
                );
                groups_ok = false;
                continue;
            };
            if b.index(&text).is_some() {
                breakdown.push((place, b.id.clone(), text));
            } else {
                let values: Vec<&str> = b.values.iter().map(|v| v.id.as_str()).collect();
                let list = problems.list(&values);
                problems.at(
                    table,
                    r,
                    *c,
                    "not_dimension_value",
                    "use_levels",
                    &[("value", &text), ("dimension", name), ("list", &list)],
                );
                groups_ok = false;
            }
        }
        breakdown.sort();
        let breakdown: Vec<(String, String)> =
            breakdown.into_iter().map(|(_, d, v)| (d, v)).collect();
        // The value.
        let value = read_value(table, r, value_col, ind, problems);
        let (Some(period), Some(value), true) = (period, value, groups_ok) else {
            continue;
        };
        let key = (ind.id.clone(), period, breakdown.clone());
        if let Some(first) = seen.get(&key) {
            let row = (first + 1).to_string();
            problems.at(
                table,
                r,
                period_col,
                "duplicate",
                "keep_one",
                &[("value", &period.to_string()), ("row", &row)],
            );
            continue;
        }
        seen.insert(key, r);
        let notes = note_cols
            .iter()
            .map(|(c, lang)| {
                let text = table.text(r, *c).trim().to_string();
                (lang.clone(), (!text.is_empty()).then_some(text))
            })
            .collect();
        out.push(Row {
            indicator: ind.id.clone(),
            period,
            breakdown,
            value,
            notes,
        });
    }
}

/// The value at (`r`, `c`) for `ind`: a number, or a level of its scale.
fn read_value(
    table: &Table,
    r: usize,
    c: usize,
    ind: &Indicator,
    problems: &mut Problems<'_>,
) -> Option<Measure> {
    let cell = table.cell(r, c).clone();
    match (ind.kind, &ind.scale) {
        (IndicatorKind::Qualitative, Some(scale)) => {
            let text = table.text(r, c);
            if scale.index(&text).is_some() {
                return Some(Measure::Level(text));
            }
            let levels: Vec<&str> = scale.levels.iter().map(|l| l.id.as_str()).collect();
            let list = problems.list(&levels);
            let trimmed = text.trim().to_string();
            let help = if scale.index(&trimmed).is_some() {
                "spaces"
            } else {
                "use_levels"
            };
            problems.at(
                table,
                r,
                c,
                "not_level",
                help,
                &[("value", &text), ("list", &list), ("trimmed", &trimmed)],
            );
            None
        }
        (IndicatorKind::Qualitative, None) => None,
        (IndicatorKind::Quantitative, _) => match cell {
            Cell::Number(n) if n.is_finite() => Some(Measure::Number(n)),
            Cell::Text(text) => {
                let t = text.trim();
                if let Some(n) = plain_number(t) {
                    return Some(Measure::Number(n));
                }
                let fixed = t.replace('.', "").replace(',', ".");
                let comma = t.contains(',') && plain_number(&fixed).is_some();
                if comma && table.decimal_comma {
                    return plain_number(&fixed).map(Measure::Number);
                }
                if comma {
                    problems.at(
                        table,
                        r,
                        c,
                        "decimal_comma",
                        "write_dot",
                        &[("value", &text), ("fixed", &fixed)],
                    );
                } else {
                    problems.at(
                        table,
                        r,
                        c,
                        "not_number",
                        "write_number",
                        &[("value", &text)],
                    );
                }
                None
            }
            Cell::Date(_) => {
                problems.at(table, r, c, "not_number", "write_number", &[("value", "")]);
                None
            }
            other => {
                let text = match other {
                    Cell::Other(t) => t,
                    _ => String::new(),
                };
                problems.at(
                    table,
                    r,
                    c,
                    "not_number",
                    "write_number",
                    &[("value", &text)],
                );
                None
            }
        },
    }
}

/// A value as the indicator's file writes it.
fn value_text(m: &Measure) -> String {
    match m {
        Measure::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
        Measure::Number(n) => format!("{n}"),
        Measure::Level(id) => id.clone(),
    }
}

/// The observations of `rows` that are new or have a new value, in period order.
fn changes(ind: &Indicator, rows: &[&Row]) -> Vec<Change> {
    let mut out = Vec::new();
    for row in rows {
        let (before, note) = if row.breakdown.is_empty() {
            ind.observations
                .iter()
                .find(|o| o.period == row.period)
                .map(|o| (&o.value, o.note.as_ref()))
                .unzip()
        } else {
            ind.parts
                .iter()
                .find(|p| p.period == row.period && p.breakdown == row.breakdown)
                .map(|p| (&p.value, p.note.as_ref()))
                .unzip()
        };
        let note = note.flatten();
        let notes: Vec<(String, Option<String>, Option<String>)> = row
            .notes
            .iter()
            .filter_map(|(lang, after)| {
                let before = note.and_then(|n| n.0.get(lang)).cloned();
                (before != *after).then(|| (lang.clone(), before, after.clone()))
            })
            .collect();
        if before == Some(&row.value) && notes.is_empty() {
            continue;
        }
        out.push(Change {
            indicator: ind.id.clone(),
            period: row.period,
            breakdown: row.breakdown.clone(),
            before: before.map(value_text),
            after: value_text(&row.value),
            notes,
        });
    }
    out.sort_by(|a, b| (a.period, &a.breakdown).cmp(&(b.period, &b.breakdown)));
    out
}

/// `text` with `changes` written in: values replaced where they are
/// written, new observations inserted as lines in period order.
fn edit(text: &str, ind: &Indicator, changes: &[Change]) -> Result<String, String> {
    let doc =
        crate::yaml::parse(text, 0).map_err(|_| "the file could not be read again".to_string())?;
    let items: Vec<(Period, Vec<(String, String)>)> = match doc.value.get("observations") {
        Some(serde_yaml::Value::Sequence(items)) => items
            .iter()
            .map(|item| {
                let period = item
                    .get("period")
                    .and_then(crate::yaml::scalar_text)
                    .and_then(|t| Period::parse(&t).ok())
                    .unwrap_or(Period::Year(0));
                let mut pairs: Vec<(usize, String, String)> = match item.get("breakdown") {
                    Some(serde_yaml::Value::Mapping(m)) => m
                        .iter()
                        .filter_map(|(k, v)| {
                            let d = crate::yaml::scalar_text(k)?;
                            let v = crate::yaml::scalar_text(v)?;
                            let place = ind.breakdowns.iter().position(|b| b.id == d)?;
                            (!v.trim().is_empty()).then(|| (place, d, v.trim().to_string()))
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                pairs.sort();
                (period, pairs.into_iter().map(|(_, d, v)| (d, v)).collect())
            })
            .collect(),
        _ => Vec::new(),
    };
    let offsets = super::yaml_edit::Offsets::new(text);
    let offset = |p: crate::diagnostics::Position| offsets.at(p);
    let line_starts = offsets.starts();
    // (byte offset, bytes to remove, text to insert), applied from the end.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let item_line = |i: usize| -> Option<usize> {
        let p = doc.spans.value(&format!("observations[{i}]"))?;
        Some(p.line)
    };
    let indent = item_line(0)
        .and_then(|l| {
            let line = &text[line_starts[l - 1]..];
            line.find('-').map(|d| line[..d].to_string())
        })
        .unwrap_or_else(|| "  ".to_string());
    for change in changes {
        let found = items
            .iter()
            .position(|(p, b)| *p == change.period && *b == change.breakdown);
        match found {
            Some(i) => {
                if change.value_changed() {
                    let at = doc
                        .spans
                        .value(&format!("observations[{i}].value"))
                        .and_then(offset)
                        .ok_or("the value of an observation could not be found")?;
                    let len = token_len(&text[at..]);
                    // The file's own way of writing values: quoted or not.
                    let new = match text[at..].chars().next() {
                        Some(q @ ('"' | '\'')) => format!("{q}{}{q}", change.after),
                        _ => change.after.clone(),
                    };
                    edits.push((at, len, new));
                }
                if !change.notes.is_empty() {
                    let item = format!("observations[{i}]");
                    edits.push(note_edit(text, &doc, &item, &offset, change)?);
                }
            }
            None => {
                let mut line = format!(
                    "{indent}- {{ period: \"{}\", value: {}",
                    change.period, change.after
                );
                if !change.breakdown.is_empty() {
                    let pairs: Vec<String> = change
                        .breakdown
                        .iter()
                        .map(|(d, v)| format!("{d}: {v}"))
                        .collect();
                    line.push_str(&format!(", breakdown: {{ {} }}", pairs.join(", ")));
                }
                if let Some(note) = new_note(&[], change) {
                    line.push_str(&format!(", note: {note}"));
                }
                line.push_str(" }\n");
                if items.is_empty() {
                    if doc.value.get("observations").is_some() {
                        return Err(
                            "the list of observations is not written one observation per line"
                                .into(),
                        );
                    }
                    let mut add = String::new();
                    if !text.ends_with('\n') {
                        add.push('\n');
                    }
                    add.push_str("observations:\n");
                    add.push_str(&line);
                    edits.push((text.len(), 0, add));
                    continue;
                }
                // Before the first observation of a later period, else after
                // the last observation.
                let next = items.iter().position(|(p, _)| *p > change.period);
                let at = match next {
                    Some(i) => {
                        let l = item_line(i).ok_or("an observation could not be found")?;
                        line_starts[l - 1]
                    }
                    None => end_of_list(
                        text,
                        line_starts,
                        item_line(items.len() - 1).ok_or("an observation could not be found")?,
                    ),
                };
                let first_on_line = text[at..].trim_start_matches([' ', '\t']).starts_with('-');
                if !first_on_line && next.is_some() {
                    return Err(
                        "the list of observations is not written one observation per line".into(),
                    );
                }
                edits.push((at, 0, line));
            }
        }
    }
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (at, len, insert) in edits {
        out.replace_range(at..at + len, &insert);
    }
    Ok(out)
}

/// The note of an observation whose note now is `current` (language,
/// text) after `change`, written `{ es: "…", en: "…" }`; `None` when no
/// language has a note any more.
fn new_note(current: &[(String, String)], change: &Change) -> Option<String> {
    let mut notes: Vec<(String, String)> = current.to_vec();
    for (lang, _, after) in &change.notes {
        match (notes.iter().position(|(l, _)| l == lang), after) {
            (Some(i), Some(t)) => notes[i].1.clone_from(t),
            (Some(i), None) => {
                notes.remove(i);
            }
            (None, Some(t)) => notes.push((lang.clone(), t.clone())),
            (None, None) => {}
        }
    }
    let pairs: Vec<String> = notes
        .iter()
        .map(|(l, t)| format!("{l}: {}", serde_json::to_string(t).unwrap_or_default()))
        .collect();
    (!pairs.is_empty()).then(|| format!("{{ {} }}", pairs.join(", ")))
}

/// The edit that writes the notes of `change` into the observation at
/// `item` (`observations[3]`), written on one line in braces: its note
/// replaced, added before the closing brace, or removed.
fn note_edit(
    text: &str,
    doc: &crate::yaml::Document,
    item: &str,
    offset: &dyn Fn(crate::diagnostics::Position) -> Option<usize>,
    change: &Change,
) -> Result<(usize, usize, String), String> {
    const ONE_LINE: &str =
        "the observation is not written on one line in braces, `- { period: …, value: … }`";
    let item_at = doc.spans.value(item).and_then(offset).ok_or(ONE_LINE)?;
    if !text[item_at..].starts_with('{') {
        return Err(ONE_LINE.into());
    }
    let item_end = item_at + flow_len(&text[item_at..]).ok_or(ONE_LINE)?;
    let note_path = format!("{item}.note");
    let current: Vec<(String, String)> = match doc
        .value
        .get("observations")
        .and_then(|o| o.get(item_index(item)?))
        .and_then(|o| o.get("note"))
    {
        Some(serde_yaml::Value::Mapping(m)) => m
            .iter()
            .filter_map(|(k, v)| Some((crate::yaml::scalar_text(k)?, crate::yaml::scalar_text(v)?)))
            .collect(),
        _ => Vec::new(),
    };
    let note = new_note(&current, change);
    match doc.spans.value(&note_path).and_then(offset) {
        Some(at) => {
            if !text[at..].starts_with('{') {
                return Err(ONE_LINE.into());
            }
            let end = at + flow_len(&text[at..]).ok_or(ONE_LINE)?;
            match note {
                Some(n) => Ok((at, end - at, n)),
                None => {
                    // From the comma before `note:` to the end of its value.
                    let key = doc.spans.key(&note_path).and_then(offset).ok_or(ONE_LINE)?;
                    let start = text[item_at..key].rfind(',').map_or(key, |c| item_at + c);
                    Ok((start, end - start, String::new()))
                }
            }
        }
        None => {
            let inner = text[item_at..item_end - 1].trim_end();
            let at = item_at + inner.len();
            Ok((
                at,
                0,
                note.map_or(String::new(), |n| format!(", note: {n}")),
            ))
        }
    }
}

/// The index in `observations[3]`.
fn item_index(item: &str) -> Option<usize> {
    item.strip_prefix("observations[")?
        .strip_suffix(']')?
        .parse()
        .ok()
}

/// The length of the flow collection (`{…}` or `[…]`) at the start of
/// `rest`, through its closing bracket; quotes are skipped.
fn flow_len(rest: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        if let Some(q) = quote {
            if q == '"' && c == '\\' && !escaped {
                escaped = true;
                continue;
            }
            if c == q && !escaped {
                quote = None;
            }
            escaped = false;
            continue;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            '\n' => return None,
            _ => {}
        }
    }
    None
}

/// The length of the plain or quoted scalar at the start of `rest`.
fn token_len(rest: &str) -> usize {
    if let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
        return rest[1..].find(q).map_or(rest.len(), |i| i + 2);
    }
    let end = rest
        .char_indices()
        .find(|(i, c)| {
            matches!(c, ',' | '}' | ']' | '\n' | '\r') || (*c == '#' && rest[..*i].ends_with(' '))
        })
        .map_or(rest.len(), |(i, _)| i);
    rest[..end].trim_end().len()
}

/// The byte offset just after the last line of the list whose last item
/// starts on line `last` (1-based): the item's own lines and the deeper
/// ones under it, before blank lines, comments and the next field.
fn end_of_list(text: &str, line_starts: &[usize], last: usize) -> usize {
    let mut end_line = last; // 1-based, inclusive
    for (l, start) in line_starts.iter().enumerate().skip(last) {
        let line = &text[*start..];
        let line = &line[..line.find('\n').unwrap_or(line.len())];
        let trimmed = line.trim_start();
        let deeper = line.starts_with(' ')
            && !trimmed.starts_with('-')
            && !trimmed.starts_with('#')
            && !trimmed.is_empty();
        if deeper {
            end_line = l + 1;
        } else {
            break;
        }
    }
    line_starts.get(end_line).copied().unwrap_or(text.len())
}

/// Writes every file, each through a temporary file renamed over it.
fn write_all(texts: &[(PathBuf, String)]) -> Result<(), Diagnostic> {
    for (path, text) in texts {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let tmp = path.with_extension("yaml.import-tmp");
        std::fs::write(&tmp, text)
            .and_then(|()| std::fs::rename(&tmp, path))
            .map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                Diagnostic::error(path, format!("the file could not be written: {e}"))
                    .help("check that it is not open in another program, and import again")
            })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_ends_where_the_value_does() {
        assert_eq!(token_len("180 }"), 3);
        assert_eq!(token_len("\"12.5\", note: x"), 6);
        assert_eq!(token_len("12 # a comment\n"), 2);
        assert_eq!(token_len("high\n"), 4);
    }

    #[test]
    fn plain_numbers_only() {
        assert_eq!(plain_number("12.5"), Some(12.5));
        assert_eq!(plain_number("-3"), Some(-3.0));
        assert_eq!(plain_number("12,5"), None);
        assert_eq!(plain_number("1e5"), None);
    }
}

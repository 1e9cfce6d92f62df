//! Reading a spreadsheet into plain tables: `.xlsx`, `.xlsm` and `.ods`
//! workbooks (with calamine), `.csv` files (UTF-8, with or without a byte
//! order mark, comma- or semicolon-separated) and folders of CSV files.
//!
//! What a table keeps of a workbook is what import needs to judge it: the
//! value of each cell, which cells hold a formula, which are merged.

use std::path::Path;

use calamine::{Data, Reader};

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// Nothing written.
    Empty,
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// A date or a time, with its day when it has one.
    Date(Option<chrono::NaiveDate>),
    /// Anything else (a truth value, an error of the spreadsheet).
    Other(String),
}

/// A sheet of a workbook, or a CSV file.
#[derive(Debug)]
pub(crate) struct Table {
    /// The sheet's name, or the file's name.
    pub name: String,
    /// True for a CSV file (messages then say "file", not "sheet").
    pub is_file: bool,
    /// A CSV file separated by `;`, where a decimal comma is read as such.
    pub decimal_comma: bool,
    /// The cells, row by row from the first row (0-based, as the sheet's
    /// row 1 and column A).
    pub rows: Vec<Vec<Cell>>,
    /// The cells that hold a formula.
    pub formulas: Vec<(u32, u32)>,
    /// The merged areas: first and last (row, column).
    pub merged: Vec<((u32, u32), (u32, u32))>,
    /// The file's name without extension (CSV files), for the indicator it
    /// is about.
    pub stem: String,
}

impl Table {
    /// The cell at `row`, `col`.
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }

    /// The text of the cell at `row`, `col` (numbers written plainly).
    pub fn text(&self, row: usize, col: usize) -> String {
        match self.cell(row, col) {
            Cell::Text(t) => t.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Other(t) => t.clone(),
            Cell::Empty | Cell::Date(_) => String::new(),
        }
    }

    /// True when the cell at `row`, `col` holds a formula.
    pub fn is_formula(&self, row: usize, col: usize) -> bool {
        self.formulas.contains(&(row as u32, col as u32))
    }

    /// True when the cell at `row`, `col` is part of a merged area.
    pub fn is_merged(&self, row: usize, col: usize) -> bool {
        let (r, c) = (row as u32, col as u32);
        self.merged
            .iter()
            .any(|((r0, c0), (r1, c1))| (*r0..=*r1).contains(&r) && (*c0..=*c1).contains(&c))
    }
}

/// Why a file could not be read at all; the words are the keys of
/// [`super::messages`].
#[derive(Debug)]
pub(crate) enum Unreadable {
    /// The file has no bytes, or no cells.
    Empty,
    /// Not a workbook or CSV file memoria reads.
    NotSpreadsheet,
    /// A CSV file not written in UTF-8.
    NotUtf8,
    /// The file or folder could not be opened.
    Io(String),
}

/// Reads `path`: a workbook, a CSV file, or a folder of CSV files.
pub(crate) fn read(path: &Path) -> Result<Vec<Table>, (String, Unreadable)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if path.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(path)
            .map_err(|e| (name.clone(), Unreadable::Io(e.to_string())))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")))
            .collect();
        files.sort();
        if files.is_empty() {
            return Err((name, Unreadable::Empty));
        }
        let mut out = Vec::new();
        for f in files {
            out.extend(read(&f)?);
        }
        return Ok(out);
    }
    let bytes = std::fs::read(path).map_err(|e| (name.clone(), Unreadable::Io(e.to_string())))?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err((name, Unreadable::Empty));
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "txt" => csv_table(&name, &stem, bytes)
            .map(|t| vec![t])
            .map_err(|e| (name, e)),
        "xlsx" | "xlsm" | "ods" => workbook(&bytes, &ext).map_err(|e| (name, e)),
        _ => Err((name, Unreadable::NotSpreadsheet)),
    }
}

/// The tables of a CSV file.
fn csv_table(name: &str, stem: &str, bytes: Vec<u8>) -> Result<Table, Unreadable> {
    let text = String::from_utf8(bytes).map_err(|_| Unreadable::NotUtf8)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.contains('\0') {
        return Err(Unreadable::NotSpreadsheet);
    }
    // Spanish-, French- and Portuguese-locale spreadsheet programs separate
    // with `;` (the comma is their decimal sign): the first line tells.
    let first = text.lines().next().unwrap_or("");
    let semicolon = first.matches(';').count() > first.matches(',').count();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(if semicolon { b';' } else { b',' })
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|_| Unreadable::NotSpreadsheet)?;
        rows.push(
            record
                .iter()
                .map(|t| {
                    if t.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(t.to_string())
                    }
                })
                .collect(),
        );
    }
    if rows.is_empty() {
        return Err(Unreadable::Empty);
    }
    Ok(Table {
        name: name.to_string(),
        is_file: true,
        decimal_comma: semicolon,
        rows,
        formulas: Vec::new(),
        merged: Vec::new(),
        stem: stem.to_string(),
    })
}

/// The sheets of a workbook.
fn workbook(bytes: &[u8], ext: &str) -> Result<Vec<Table>, Unreadable> {
    let cursor = std::io::Cursor::new(bytes);
    let mut book: calamine::Sheets<_> = match ext {
        "ods" => calamine::Sheets::Ods(
            calamine::open_workbook_from_rs(cursor).map_err(|_| Unreadable::NotSpreadsheet)?,
        ),
        _ => calamine::Sheets::Xlsx(
            calamine::open_workbook_from_rs(cursor).map_err(|_| Unreadable::NotSpreadsheet)?,
        ),
    };
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|_| Unreadable::NotSpreadsheet)?;
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        if let (Some((r0, c0)), Some((r1, c1))) = (range.start(), range.end()) {
            for r in 0..=r1 {
                let row: Vec<Cell> = (0..=c1)
                    .map(|c| {
                        if r < r0 || c < c0 {
                            return Cell::Empty;
                        }
                        match range.get_value((r, c)) {
                            None | Some(Data::Empty) => Cell::Empty,
                            Some(Data::String(s)) if s.is_empty() => Cell::Empty,
                            Some(Data::String(s)) => Cell::Text(s.clone()),
                            Some(Data::Float(f)) => Cell::Number(*f),
                            Some(Data::Int(i)) => Cell::Number(*i as f64),
                            Some(Data::DateTime(d)) => Cell::Date(excel_day(d)),
                            Some(Data::DateTimeIso(t)) => Cell::Date(
                                chrono::NaiveDate::parse_from_str(
                                    t.get(..10).unwrap_or(t),
                                    "%Y-%m-%d",
                                )
                                .ok(),
                            ),
                            Some(Data::DurationIso(_)) => Cell::Date(None),
                            Some(Data::Bool(b)) => Cell::Other(b.to_string()),
                            Some(Data::Error(e)) => Cell::Other(e.to_string()),
                        }
                    })
                    .collect();
                rows.push(row);
            }
        }
        let formulas = match book.worksheet_formula(&name) {
            Ok(f) => f
                .used_cells()
                .filter(|(_, _, t)| !t.is_empty())
                .map(|(r, c, _)| {
                    let (r0, c0) = f.start().unwrap_or((0, 0));
                    (r0 + r as u32, c0 + c as u32)
                })
                .collect(),
            Err(_) => Vec::new(),
        };
        let merged = match &mut book {
            calamine::Sheets::Xlsx(x) => x
                .merge_cells_by_sheet_name(&name)
                .unwrap_or_default()
                .into_iter()
                .map(|d| (d.start, d.end))
                .collect(),
            _ => Vec::new(),
        };
        out.push(Table {
            name: name.clone(),
            is_file: false,
            decimal_comma: false,
            rows,
            formulas,
            merged,
            stem: String::new(),
        });
    }
    if out.iter().all(|t| t.rows.is_empty()) {
        return Err(Unreadable::Empty);
    }
    Ok(out)
}

/// A number written with digits, an optional minus and a decimal dot.
pub(crate) fn plain_number(t: &str) -> Option<f64> {
    let digits = t.strip_prefix('-').unwrap_or(t);
    let plain = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.matches('.').count() <= 1
        && !digits.starts_with('.')
        && !digits.ends_with('.');
    if plain {
        t.parse().ok().filter(|n: &f64| n.is_finite())
    } else {
        None
    }
}

/// The day of a spreadsheet's date (a count of days from 1899-12-30);
/// None for a time or a duration.
fn excel_day(d: &calamine::ExcelDateTime) -> Option<chrono::NaiveDate> {
    if !d.is_datetime() {
        return None;
    }
    let days = d.as_f64().floor();
    if !(0.0..1e6).contains(&days) {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(days as u64))
}

/// The name of a cell as spreadsheets write it: `C7` for row 6, column 2
/// (both 0-based).
pub(crate) fn cell_name(row: usize, col: usize) -> String {
    let mut letters = String::new();
    let mut n = col + 1;
    while n > 0 {
        let r = (n - 1) % 26;
        letters.insert(0, (b'A' + r as u8) as char);
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        assert_eq!(cell_name(6, 2), "C7");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
    }

    #[test]
    fn a_semicolon_file_with_a_byte_order_mark_is_read() {
        let t = csv_table(
            "x.csv",
            "x",
            "\u{feff}period;value\n2025-S1;12,5\n".as_bytes().to_vec(),
        )
        .unwrap();
        assert!(t.decimal_comma);
        assert_eq!(t.text(0, 0), "period");
        assert_eq!(t.text(1, 1), "12,5");
    }
}

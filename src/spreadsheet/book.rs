//! A workbook to fill in, before it is written in a file format: its
//! sheets, their cells, column widths, drop-down lists and other checks.
//! `export` builds one; `book_xlsx` and `book_ods` write it as `.xlsx` and
//! `.ods`, so both formats hold exactly the same sheets.

use std::collections::BTreeMap;

use chrono::NaiveDate;

/// The name of the hidden sheet that holds the lists of the drop-downs.
pub(crate) const LISTS_SHEET: &str = "lists";

/// A workbook: its title, its sheets in order, and the lists its
/// drop-downs offer (written last, on the hidden sheet [`LISTS_SHEET`]).
#[derive(Debug, Default)]
pub(crate) struct Book {
    /// The title in the file's properties.
    pub(crate) title: String,
    /// The visible sheets, in order.
    pub(crate) sheets: Vec<Sheet>,
    /// The lists of the drop-downs, one column of the sheet of lists each.
    pub(crate) lists: Vec<Vec<String>>,
}

impl Book {
    /// A new empty book titled `title`.
    pub(crate) fn new(title: impl Into<String>) -> Book {
        Book {
            title: title.into(),
            ..Book::default()
        }
    }

    /// A drop-down offering `values`: they become a column of the sheet of
    /// lists, unless the same list is there already. A list written in the
    /// check itself would be limited to 255 characters.
    pub(crate) fn list(&mut self, values: Vec<String>) -> Rule {
        let len = values.len().max(1);
        let column = match self.lists.iter().position(|l| *l == values) {
            Some(c) => c,
            None => {
                self.lists.push(values);
                self.lists.len() - 1
            }
        };
        Rule::List {
            column: column as u16,
            len,
        }
    }
}

/// One sheet.
#[derive(Debug, Default)]
pub(crate) struct Sheet {
    /// Its name (at most 31 characters).
    pub(crate) name: String,
    /// Cells by row, then by column, from 0.
    pub(crate) rows: BTreeMap<u32, BTreeMap<u16, Cell>>,
    /// Column widths, in characters.
    pub(crate) widths: BTreeMap<u16, f64>,
    /// Columns whose empty cells are formatted as dates, so that a date
    /// typed into them is a date.
    pub(crate) date_columns: Vec<u16>,
    /// The checks (drop-downs, numbers, dates) of ranges of a column.
    pub(crate) checks: Vec<Check>,
    /// The rows and columns kept in view while scrolling.
    pub(crate) freeze: (u32, u16),
}

impl Sheet {
    /// A new empty sheet named `name`.
    pub(crate) fn new(name: impl Into<String>) -> Sheet {
        Sheet {
            name: name.into(),
            ..Sheet::default()
        }
    }

    /// Puts `value` in the cell at `row`, `col`, in `style`.
    pub(crate) fn put(&mut self, row: u32, col: u16, value: Value, style: Style) {
        self.rows
            .entry(row)
            .or_default()
            .insert(col, Cell { value, style });
    }

    /// Puts a plain text in the cell at `row`, `col`.
    pub(crate) fn text(&mut self, row: u32, col: u16, text: impl Into<String>) {
        self.put(row, col, Value::Text(text.into()), Style::Plain);
    }

    /// Checks the cells of column `col` from `first` to `last` with `rule`;
    /// `title` heads the message shown when a cell breaks it.
    pub(crate) fn check(&mut self, col: u16, first: u32, last: u32, rule: Rule, title: &str) {
        self.checks.push(Check {
            col,
            first,
            last,
            rule,
            title: title.chars().take(32).collect(),
        });
    }

    /// The last row that has a cell or a check (0 for an empty sheet).
    pub(crate) fn last_row(&self) -> u32 {
        let cells = self.rows.keys().next_back().copied().unwrap_or(0);
        let checks = self.checks.iter().map(|c| c.last).max().unwrap_or(0);
        cells.max(checks)
    }

    /// The last column that has a cell, a width or a check.
    pub(crate) fn last_col(&self) -> u16 {
        let cells = self
            .rows
            .values()
            .filter_map(|r| r.keys().next_back().copied())
            .max()
            .unwrap_or(0);
        let widths = self.widths.keys().next_back().copied().unwrap_or(0);
        let checks = self.checks.iter().map(|c| c.col).max().unwrap_or(0);
        cells.max(widths).max(checks)
    }
}

/// A cell: its value and how it looks.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cell {
    pub(crate) value: Value,
    pub(crate) style: Style,
}

/// What a cell holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Text(String),
    Number(f64),
    /// A date, shown `YYYY-MM-DD`.
    Date(NaiveDate),
}

/// How a cell looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Plain,
    /// A name for people: bold.
    Bold,
    /// A name for memoria: grey italics.
    Grey,
}

/// A check on the cells `first..=last` of column `col`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Check {
    pub(crate) col: u16,
    pub(crate) first: u32,
    pub(crate) last: u32,
    pub(crate) rule: Rule,
    /// The title of the message shown when a cell breaks the rule.
    pub(crate) title: String,
}

/// What a check allows.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Rule {
    /// One of the values of column `column` of the sheet of lists, rows
    /// `0..len`.
    List { column: u16, len: usize },
    /// A number between `min` and `max`.
    Number { min: f64, max: f64 },
    /// A date between `from` and `to`.
    Date { from: NaiveDate, to: NaiveDate },
}

/// The name of column `col` (0 is `A`, 26 is `AA`).
pub(crate) fn column_letters(col: u16) -> String {
    let mut n = u32::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_spreadsheets_name_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn the_same_list_is_written_once() {
        let mut book = Book::new("t");
        let a = book.list(vec!["x".into(), "y".into()]);
        let b = book.list(vec!["z".into()]);
        let c = book.list(vec!["x".into(), "y".into()]);
        assert_eq!(a, c);
        assert_ne!(a, b);
        assert_eq!(book.lists.len(), 2);
        assert_eq!(a, Rule::List { column: 0, len: 2 });
    }

    #[test]
    fn a_sheet_reaches_as_far_as_its_checks() {
        let mut s = Sheet::new("s");
        s.text(2, 1, "a");
        s.check(4, 3, 60, Rule::Number { min: 0.0, max: 1.0 }, "n");
        assert_eq!(s.last_row(), 60);
        assert_eq!(s.last_col(), 4);
    }
}

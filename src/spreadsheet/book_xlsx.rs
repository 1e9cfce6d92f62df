//! A [`Book`] written as an `.xlsx` workbook (with `rust_xlsxwriter`).
//! The same book gives the same bytes: the creation date is fixed and the
//! parts are zipped with a fixed time.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, Formula, Workbook,
    Worksheet, XlsxError,
};

use super::book::{column_letters, Book, Check, Rule, Sheet, Style, Value, LISTS_SHEET};

/// The bytes of the `.xlsx` file of `book`.
pub(crate) fn write(book: &Book) -> Result<Vec<u8>, XlsxError> {
    let mut out = Workbook::new();
    out.set_properties(
        &DocProperties::new()
            .set_title(&book.title)
            .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?),
    );
    let formats = Formats::new();
    for sheet in &book.sheets {
        let ws = out.add_worksheet();
        ws.set_name(&sheet.name)?;
        write_sheet(ws, sheet, &formats)?;
    }
    let ws = out.add_worksheet();
    ws.set_name(LISTS_SHEET)?;
    for (c, list) in book.lists.iter().enumerate() {
        for (r, value) in list.iter().enumerate() {
            ws.write_string(r as u32, c as u16, value)?;
        }
    }
    ws.set_hidden(true);
    out.save_to_buffer()
}

/// The looks of cells.
struct Formats {
    bold: Format,
    grey: Format,
    date: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            bold: Format::new().set_bold(),
            grey: Format::new().set_font_color("#595959").set_italic(),
            date: Format::new().set_num_format("yyyy-mm-dd"),
        }
    }
}

fn write_sheet(ws: &mut Worksheet, sheet: &Sheet, f: &Formats) -> Result<(), XlsxError> {
    for (&col, &width) in &sheet.widths {
        ws.set_column_width(col, width)?;
    }
    for &col in &sheet.date_columns {
        ws.set_column_format(col, &f.date)?;
    }
    for (&row, cells) in &sheet.rows {
        for (&col, cell) in cells {
            let format = match cell.style {
                Style::Plain => None,
                Style::Bold => Some(&f.bold),
                Style::Grey => Some(&f.grey),
            };
            match (&cell.value, format) {
                (Value::Text(t), Some(format)) => ws.write_string_with_format(row, col, t, format),
                (Value::Text(t), None) => ws.write_string(row, col, t),
                (Value::Number(n), Some(format)) => {
                    ws.write_number_with_format(row, col, *n, format)
                }
                (Value::Number(n), None) => ws.write_number(row, col, *n),
                (Value::Date(d), _) => ws.write_datetime_with_format(row, col, day(*d)?, &f.date),
            }?;
        }
    }
    for check in &sheet.checks {
        validate(ws, check)?;
    }
    let (rows, cols) = sheet.freeze;
    if rows > 0 || cols > 0 {
        ws.set_freeze_panes(rows, cols)?;
    }
    Ok(())
}

fn validate(ws: &mut Worksheet, check: &Check) -> Result<(), XlsxError> {
    let rule = match &check.rule {
        Rule::List { column, len } => {
            let letter = column_letters(*column);
            DataValidation::new().allow_list_formula(Formula::new(format!(
                "={LISTS_SHEET}!${letter}$1:${letter}${len}"
            )))
        }
        Rule::Number { min, max } => {
            DataValidation::new().allow_decimal_number(DataValidationRule::Between(*min, *max))
        }
        Rule::Date { from, to } => {
            DataValidation::new().allow_date(DataValidationRule::Between(day(*from)?, day(*to)?))
        }
    }
    .set_error_title(&check.title)?;
    ws.add_data_validation(check.first, check.col, check.last, check.col, &rule)?;
    Ok(())
}

fn day(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

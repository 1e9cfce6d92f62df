//! The registry's sheets of the workbook (`agreements`, `actions`) and
//! their CSV files: a row of names for people, a row of names for memoria,
//! then one row per entry, with empty rows to add new ones. Closed lists
//! (types, statuses, countries, currencies) are drop-downs; dates are date
//! cells.

use rust_xlsxwriter::{
    DataValidation, DataValidationRule, ExcelDateTime, Format, Workbook, XlsxError,
};
use serde_yaml::Value;

use super::export::{list_formula, validate};
use super::registry_layout::{self as layout, Column, Registry, ID, KEY_ROW, LABEL_ROW, NEW_ROWS};
use crate::site::Site;
use crate::yaml::model::Kind;

/// Each entry of `registry` in `site`: its id and the value tree of its file.
pub(crate) fn entries(site: &Site, registry: Registry) -> Vec<(String, Value)> {
    let texts: Vec<(&String, &String)> = match registry {
        Registry::Agreements => site
            .content
            .agreements
            .iter()
            .map(|(id, a)| (id, &a.text))
            .collect(),
        Registry::Actions => site
            .content
            .actions
            .iter()
            .map(|(id, a)| (id, &a.text))
            .collect(),
    };
    texts
        .into_iter()
        .map(|(id, text)| {
            let doc = serde_yaml::from_str(text).unwrap_or(Value::Null);
            (id.clone(), doc)
        })
        .collect()
}

/// The label of `column` for people, in the theme's words of `lang`.
fn label(site: &Site, lang: &str, column: &Column) -> String {
    let words = site.theme.i18n.strings(lang);
    let name = |f: &crate::yaml::model::Field| {
        if f.words.is_empty() {
            f.name.replace('_', " ")
        } else {
            words.get(f.words).to_string()
        }
    };
    let mut out = name(column.top);
    if !std::ptr::eq(column.top, column.field) {
        out = format!("{out}: {}", name(column.field));
    }
    if let Some(l) = &column.lang {
        out = format!("{out} ({l})");
    }
    out
}

/// Adds the sheet of `registry` to `book`; the drop-down lists go to `lists`.
pub(crate) fn sheet(
    book: &mut Workbook,
    site: &Site,
    registry: Registry,
    lists: &mut Vec<Vec<String>>,
) -> Result<(), XlsxError> {
    let lang = site.config.default_language().to_string();
    let columns = layout::columns(registry, &site.config.languages);
    let bold = Format::new().set_bold();
    let grey = Format::new().set_font_color("#595959").set_italic();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = book.add_worksheet();
    sheet.set_name(registry.name())?;
    sheet.write_string_with_format(LABEL_ROW, 0, "id", &bold)?;
    sheet.write_string_with_format(KEY_ROW, 0, ID, &grey)?;
    sheet.set_column_width(0, 28)?;
    for (i, column) in columns.iter().enumerate() {
        let c = 1 + i as u16;
        sheet.write_string_with_format(LABEL_ROW, c, label(site, &lang, column), &bold)?;
        sheet.write_string_with_format(KEY_ROW, c, &column.key, &grey)?;
        let wide = matches!(column.kind, Kind::Line | Kind::Paragraph | Kind::Link);
        sheet.set_column_width(c, if wide { 30 } else { 14 })?;
    }
    let entries = entries(site, registry);
    let mut row = KEY_ROW + 1;
    for (id, doc) in &entries {
        sheet.write_string(row, 0, id)?;
        for (i, column) in columns.iter().enumerate() {
            let c = 1 + i as u16;
            let text = layout::cell_text(doc, column);
            if text.is_empty() {
                continue;
            }
            match column.kind {
                Kind::Date if !column.list => match day(&text) {
                    Some(d) => sheet.write_datetime_with_format(row, c, &d, &date)?,
                    None => sheet.write_string(row, c, &text)?,
                },
                Kind::Number | Kind::Integer if !column.list => match text.parse::<f64>() {
                    Ok(n) => sheet.write_number(row, c, n)?,
                    Err(_) => sheet.write_string(row, c, &text)?,
                },
                _ => sheet.write_string(row, c, &text)?,
            };
        }
        row += 1;
    }
    let first = KEY_ROW + 1;
    let last = row + NEW_ROWS;
    // The date format also for the empty rows, so a typed date is a date.
    for (i, column) in columns.iter().enumerate() {
        let c = 1 + i as u16;
        let title = label(site, &lang, column);
        let rule = match column.kind {
            _ if column.list => None,
            Kind::Choice(choice) => Some(DataValidation::new().allow_list_formula(list_formula(
                lists,
                choice.ids.iter().map(|s| s.to_string()).collect(),
            ))),
            Kind::Country => Some(
                DataValidation::new().allow_list_formula(list_formula(
                    lists,
                    crate::countries::all()
                        .iter()
                        .map(|s| s.to_string())
                        .collect(),
                )),
            ),
            Kind::Currency => Some(
                DataValidation::new().allow_list_formula(list_formula(
                    lists,
                    crate::currencies::all()
                        .iter()
                        .map(|s| s.to_string())
                        .collect(),
                )),
            ),
            Kind::Date => {
                sheet.set_column_format(c, &date)?;
                Some(
                    DataValidation::new().allow_date(DataValidationRule::Between(
                        ExcelDateTime::from_ymd(1900, 1, 1)?,
                        ExcelDateTime::from_ymd(2999, 12, 31)?,
                    )),
                )
            }
            Kind::Number => Some(
                DataValidation::new().allow_decimal_number(DataValidationRule::Between(0.0, 1e15)),
            ),
            _ => None,
        };
        if let Some(rule) = rule {
            validate(sheet, first, c, last, rule, &title)?;
        }
    }
    sheet.set_freeze_panes(KEY_ROW + 1, 1)?;
    Ok(())
}

/// The date written `YYYY-MM-DD` in `text`, as a spreadsheet date.
fn day(text: &str) -> Option<ExcelDateTime> {
    let d = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    use chrono::Datelike;
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).ok()
}

/// The CSV file of `registry`: the row of names for memoria, then one row
/// per entry (UTF-8, comma-separated, dates written `YYYY-MM-DD`).
pub(crate) fn csv(site: &Site, registry: Registry) -> Vec<u8> {
    let columns = layout::columns(registry, &site.config.languages);
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut header = vec![ID.to_string()];
    header.extend(columns.iter().map(|c| c.key.clone()));
    let _ = w.write_record(&header);
    for (id, doc) in entries(site, registry) {
        let mut row = vec![id];
        row.extend(columns.iter().map(|c| layout::cell_text(&doc, c)));
        let _ = w.write_record(&row);
    }
    w.into_inner().unwrap_or_default()
}

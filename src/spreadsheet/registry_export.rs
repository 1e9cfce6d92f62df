//! The registry's sheets of the workbook (`agreements`, `actions`) and
//! their CSV files: a row of names for people, a row of names for memoria,
//! then one row per entry, with empty rows to add new ones. Closed lists
//! (types, statuses, countries, currencies) are drop-downs; dates are date
//! cells.

use chrono::NaiveDate;
use serde_yaml::Value;

use super::book::{self, Book, Rule, Sheet, Style};
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

/// The sheet of `registry`; its drop-down lists go to `book`.
pub(crate) fn sheet(book: &mut Book, site: &Site, registry: Registry) -> Sheet {
    let lang = site.config.default_language().to_string();
    let columns = layout::columns(registry, &site.config.languages);
    let mut sheet = Sheet::new(registry.name());
    sheet.put(LABEL_ROW, 0, book::Value::Text("id".into()), Style::Bold);
    sheet.put(KEY_ROW, 0, book::Value::Text(ID.into()), Style::Grey);
    sheet.widths.insert(0, 28.0);
    for (i, column) in columns.iter().enumerate() {
        let c = 1 + i as u16;
        sheet.put(
            LABEL_ROW,
            c,
            book::Value::Text(label(site, &lang, column)),
            Style::Bold,
        );
        sheet.put(
            KEY_ROW,
            c,
            book::Value::Text(column.key.clone()),
            Style::Grey,
        );
        let wide = matches!(column.kind, Kind::Line | Kind::Paragraph | Kind::Link);
        sheet.widths.insert(c, if wide { 30.0 } else { 14.0 });
    }
    let entries = entries(site, registry);
    let mut row = KEY_ROW + 1;
    for (id, doc) in &entries {
        sheet.text(row, 0, id.clone());
        for (i, column) in columns.iter().enumerate() {
            let c = 1 + i as u16;
            let text = layout::cell_text(doc, column);
            if text.is_empty() {
                continue;
            }
            let value = match column.kind {
                Kind::Date if !column.list => match day(&text) {
                    Some(d) => book::Value::Date(d),
                    None => book::Value::Text(text),
                },
                Kind::Number | Kind::Integer if !column.list => match text.parse::<f64>() {
                    Ok(n) => book::Value::Number(n),
                    Err(_) => book::Value::Text(text),
                },
                _ => book::Value::Text(text),
            };
            sheet.put(row, c, value, Style::Plain);
        }
        row += 1;
    }
    let first = KEY_ROW + 1;
    let last = row + NEW_ROWS;
    for (i, column) in columns.iter().enumerate() {
        let c = 1 + i as u16;
        let all = |codes: &[&str]| codes.iter().map(|s| s.to_string()).collect();
        let rule = match column.kind {
            _ if column.list => None,
            Kind::Choice(choice) => Some(book.list(all(choice.ids))),
            Kind::Country => Some(book.list(all(crate::countries::all()))),
            Kind::Currency => Some(book.list(all(crate::currencies::all()))),
            Kind::Date => {
                // Formatted as dates also in the empty rows, so that a typed
                // date is a date.
                sheet.date_columns.push(c);
                match (day("1900-01-01"), day("2999-12-31")) {
                    (Some(from), Some(to)) => Some(Rule::Date { from, to }),
                    _ => None,
                }
            }
            Kind::Number => Some(Rule::Number {
                min: 0.0,
                max: 1e15,
            }),
            _ => None,
        };
        if let Some(rule) = rule {
            sheet.check(c, first, last, rule, &label(site, &lang, column));
        }
    }
    sheet.freeze = (KEY_ROW + 1, 1);
    sheet
}

/// The date written `YYYY-MM-DD` in `text`.
fn day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
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

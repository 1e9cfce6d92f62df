//! A [`Book`] written as an OpenDocument spreadsheet (`.ods`, ODF 1.3),
//! the format of LibreOffice Calc.
//!
//! memoria writes the few parts it needs itself rather than through an
//! ODS library: the library available keeps its styles in hash maps and
//! stamps the time of writing into the archive, so the same site would give
//! different bytes at each export. Here the parts are written in a fixed
//! order and zipped with a fixed time: the same book gives the same bytes.
//! The file is read back by the same reader as `import` (calamine) in the
//! tests.

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::book::{column_letters, Book, Check, Rule, Sheet, Style, Value, LISTS_SHEET};
use crate::theme::escape_markup as esc;

const MIMETYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";

const NAMESPACES: &str = concat!(
    " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"",
    " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\"",
    " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"",
    " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"",
    " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\"",
    " xmlns:number=\"urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0\"",
    " xmlns:of=\"urn:oasis:names:tc:opendocument:xmlns:of:1.2\"",
    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"",
    " xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\"",
    " xmlns:config=\"urn:oasis:names:tc:opendocument:xmlns:config:1.0\"",
);

/// The bytes of the `.ods` file of `book`.
pub(crate) fn write(book: &Book) -> std::io::Result<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let at = SimpleFileOptions::default().last_modified_time(DateTime::default());
    // The first part, stored as is, tells what the file is.
    zip.start_file("mimetype", at.compression_method(CompressionMethod::Stored))?;
    zip.write_all(MIMETYPE.as_bytes())?;
    let deflated = at.compression_method(CompressionMethod::Deflated);
    for (name, text) in [
        ("content.xml", content(book)),
        ("meta.xml", meta(book)),
        ("settings.xml", settings(book)),
        ("META-INF/manifest.xml", manifest()),
    ] {
        zip.start_file(name, deflated)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

fn manifest() -> String {
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">\n",
    ));
    let _ = writeln!(
        out,
        " <manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" manifest:media-type=\"{MIMETYPE}\"/>"
    );
    for part in ["content.xml", "meta.xml", "settings.xml"] {
        let _ = writeln!(
            out,
            " <manifest:file-entry manifest:full-path=\"{part}\" manifest:media-type=\"text/xml\"/>"
        );
    }
    out.push_str("</manifest:manifest>\n");
    out
}

fn meta(book: &Book) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-meta{NAMESPACES} office:version=\"1.3\"><office:meta><meta:generator>memoria</meta:generator><dc:title>{}</dc:title></office:meta></office:document-meta>\n",
        esc(&book.title)
    )
}

/// The view: the rows and columns kept in view on each sheet that has
/// some, and the sheet of lists hidden.
fn settings(book: &Book) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-settings{NAMESPACES} office:version=\"1.3\"><office:settings>\
         <config:config-item-set config:name=\"ooo:view-settings\"><config:config-item-map-indexed config:name=\"Views\">\
         <config:config-item-map-entry><config:config-item config:name=\"ViewId\" config:type=\"string\">view1</config:config-item>\
         <config:config-item-map-named config:name=\"Tables\">"
    );
    let item = |out: &mut String, name: &str, kind: &str, value: u32| {
        let _ = write!(
            out,
            "<config:config-item config:name=\"{name}\" config:type=\"{kind}\">{value}</config:config-item>"
        );
    };
    for sheet in &book.sheets {
        let (rows, cols) = sheet.freeze;
        if rows == 0 && cols == 0 {
            continue;
        }
        let _ = write!(
            out,
            "<config:config-item-map-entry config:name=\"{}\">",
            esc(&sheet.name)
        );
        let (rows, cols) = (rows, u32::from(cols));
        item(
            &mut out,
            "HorizontalSplitMode",
            "short",
            if cols > 0 { 2 } else { 0 },
        );
        item(
            &mut out,
            "VerticalSplitMode",
            "short",
            if rows > 0 { 2 } else { 0 },
        );
        item(&mut out, "HorizontalSplitPosition", "int", cols);
        item(&mut out, "VerticalSplitPosition", "int", rows);
        item(&mut out, "ActiveSplitRange", "short", 2);
        item(&mut out, "PositionLeft", "int", 0);
        item(&mut out, "PositionRight", "int", cols);
        item(&mut out, "PositionTop", "int", 0);
        item(&mut out, "PositionBottom", "int", rows);
        out.push_str("</config:config-item-map-entry>");
    }
    out.push_str("</config:config-item-map-named></config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set></office:settings></office:document-settings>\n");
    out
}

/// The width of a column of `chars` characters, in centimetres.
fn width_cm(chars: f64) -> f64 {
    (chars * 0.19 * 100.0).round() / 100.0
}

fn content(book: &Book) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content{NAMESPACES} office:version=\"1.3\">\n"
    );
    // Styles: the looks of cells, one style per column width, the sheets
    // shown and the sheet of lists hidden.
    out.push_str("<office:automatic-styles>\n");
    out.push_str(concat!(
        "<number:date-style style:name=\"N1\"><number:year number:style=\"long\"/><number:text>-</number:text>",
        "<number:month number:style=\"long\"/><number:text>-</number:text><number:day number:style=\"long\"/></number:date-style>\n",
        "<style:style style:name=\"date\" style:family=\"table-cell\" style:data-style-name=\"N1\"/>\n",
        "<style:style style:name=\"bold\" style:family=\"table-cell\"><style:text-properties fo:font-weight=\"bold\"/></style:style>\n",
        "<style:style style:name=\"grey\" style:family=\"table-cell\"><style:text-properties fo:color=\"#595959\" fo:font-style=\"italic\"/></style:style>\n",
        "<style:style style:name=\"shown\" style:family=\"table\"><style:table-properties table:display=\"true\"/></style:style>\n",
        "<style:style style:name=\"hidden\" style:family=\"table\"><style:table-properties table:display=\"false\"/></style:style>\n",
    ));
    let mut widths: Vec<u64> = book
        .sheets
        .iter()
        .flat_map(|s| s.widths.values().map(|w| (width_cm(*w) * 100.0) as u64))
        .collect();
    widths.sort_unstable();
    widths.dedup();
    for w in &widths {
        let _ = writeln!(
            out,
            "<style:style style:name=\"w{w}\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"{:.2}cm\"/></style:style>",
            *w as f64 / 100.0
        );
    }
    out.push_str("</office:automatic-styles>\n<office:body><office:spreadsheet>\n");
    // The checks, each named after its sheet and place.
    let named: Vec<Vec<String>> = book
        .sheets
        .iter()
        .enumerate()
        .map(|(s, sheet)| {
            (0..sheet.checks.len())
                .map(|c| format!("check-{}-{}", s + 1, c + 1))
                .collect()
        })
        .collect();
    if book.sheets.iter().any(|s| !s.checks.is_empty()) {
        out.push_str("<table:content-validations>\n");
        for (sheet, names) in book.sheets.iter().zip(&named) {
            for (check, name) in sheet.checks.iter().zip(names) {
                validation(&mut out, sheet, check, name);
            }
        }
        out.push_str("</table:content-validations>\n");
    }
    for (sheet, names) in book.sheets.iter().zip(&named) {
        table(&mut out, sheet, names, "shown");
    }
    let mut lists = Sheet::new(LISTS_SHEET);
    for (c, list) in book.lists.iter().enumerate() {
        for (r, value) in list.iter().enumerate() {
            lists.text(r as u32, c as u16, value.clone());
        }
    }
    table(&mut out, &lists, &[], "hidden");
    out.push_str("</office:spreadsheet></office:body></office:document-content>\n");
    out
}

/// A sheet's name as a reference in a formula.
fn sheet_ref(name: &str) -> String {
    if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        format!("${name}")
    } else {
        format!("$'{}'", name.replace('\'', "''"))
    }
}

fn validation(out: &mut String, sheet: &Sheet, check: &Check, name: &str) {
    let condition = match &check.rule {
        Rule::List { column, len } => {
            let l = column_letters(*column);
            format!(
                "of:cell-content-is-in-list([{}.${l}$1:.${l}${len}])",
                sheet_ref(LISTS_SHEET)
            )
        }
        Rule::Number { min, max } => {
            format!(
                "of:cell-content-is-decimal-number() and cell-content-is-between({min:E},{max:E})"
            )
        }
        Rule::Date { from, to } => format!(
            "of:cell-content-is-date() and cell-content-is-between({},{})",
            serial(*from),
            serial(*to)
        ),
    };
    let list = if matches!(check.rule, Rule::List { .. }) {
        " table:display-list=\"unsorted\""
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "<table:content-validation table:name=\"{name}\" table:condition=\"{}\" table:allow-empty-cell=\"true\"{list} table:base-cell-address=\"{}.{}{}\">\
         <table:error-message table:display=\"true\" table:message-type=\"stop\" table:title=\"{}\"/></table:content-validation>",
        esc(&condition),
        esc(&sheet_ref(&sheet.name)),
        column_letters(check.col),
        check.first + 1,
        esc(&check.title),
    );
}

/// The number a spreadsheet gives day `d` (days since 1899-12-30).
fn serial(d: chrono::NaiveDate) -> i64 {
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    (d - epoch).num_days()
}

fn table(out: &mut String, sheet: &Sheet, checks: &[String], style: &str) {
    let _ = writeln!(
        out,
        "<table:table table:name=\"{}\" table:style-name=\"{style}\">",
        esc(&sheet.name)
    );
    let last_col = sheet.last_col();
    for col in 0..=last_col {
        let width = sheet
            .widths
            .get(&col)
            .map(|w| format!(" table:style-name=\"w{}\"", (width_cm(*w) * 100.0) as u64))
            .unwrap_or_default();
        let date = if sheet.date_columns.contains(&col) {
            " table:default-cell-style-name=\"date\""
        } else {
            ""
        };
        let _ = write!(out, "<table:table-column{width}{date}/>");
    }
    out.push('\n');
    for row in 0..=sheet.last_row() {
        out.push_str("<table:table-row>");
        let cells = sheet.rows.get(&row);
        for col in 0..=last_col {
            let check = sheet
                .checks
                .iter()
                .zip(checks)
                .find(|(c, _)| c.col == col && (c.first..=c.last).contains(&row))
                .map(|(_, name)| format!(" table:content-validation-name=\"{name}\""))
                .unwrap_or_default();
            match cells.and_then(|c| c.get(&col)) {
                None => {
                    let _ = write!(out, "<table:table-cell{check}/>");
                }
                Some(cell) => {
                    let style = match (&cell.value, cell.style) {
                        (Value::Date(_), _) => " table:style-name=\"date\"",
                        (_, Style::Bold) => " table:style-name=\"bold\"",
                        (_, Style::Grey) => " table:style-name=\"grey\"",
                        (_, Style::Plain) => "",
                    };
                    let (kind, shown) = match &cell.value {
                        Value::Text(t) => (String::from("office:value-type=\"string\""), t.clone()),
                        Value::Number(n) => (
                            format!("office:value-type=\"float\" office:value=\"{n}\""),
                            n.to_string(),
                        ),
                        Value::Date(d) => {
                            let d = d.format("%Y-%m-%d").to_string();
                            (
                                format!("office:value-type=\"date\" office:date-value=\"{d}\""),
                                d,
                            )
                        }
                    };
                    let _ = write!(
                        out,
                        "<table:table-cell{style}{check} {kind}>{}</table:table-cell>",
                        paragraphs(&shown)
                    );
                }
            }
        }
        out.push_str("</table:table-row>\n");
    }
    out.push_str("</table:table>\n");
}

/// A cell's text as paragraphs, one per line. Readers collapse runs of
/// spaces and drop those at either end of a paragraph, so each space that
/// would be lost is written as a space element.
fn paragraphs(text: &str) -> String {
    let mut out = String::new();
    for line in text.split('\n') {
        out.push_str("<text:p>");
        let chars: Vec<char> = line.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            match c {
                ' ' if i == 0 || i + 1 == chars.len() || chars[i - 1] == ' ' => {
                    out.push_str("<text:s/>")
                }
                '\t' => out.push_str("<text:tab/>"),
                c => out.push_str(&esc(c.encode_utf8(&mut [0; 4]))),
            }
        }
        out.push_str("</text:p>");
    }
    out
}

//! Changing cells of a workbook as a person would in a spreadsheet
//! program: read with calamine, written again with rust_xlsxwriter.

use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};

/// Rewrites the workbook `from` as `to`, cell by cell (dates as dates),
/// after `change` has changed the cells it wants (sheet, row, col → data).
pub fn rewrite(from: &Path, to: &Path, change: &dyn Fn(&str, u32, u32) -> Option<Data>) {
    let mut book: Xlsx<_> = open_workbook(from).unwrap();
    let mut out = rust_xlsxwriter::Workbook::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        let sheet = out.add_worksheet();
        sheet.set_name(&name).unwrap();
        let (rows, cols) = (range.end().unwrap().0 + 1, range.end().unwrap().1 + 1);
        for r in 0..rows + 2 {
            for c in 0..cols {
                let data = change(&name, r, c)
                    .or_else(|| range.get_value((r, c)).cloned())
                    .unwrap_or(Data::Empty);
                match data {
                    Data::String(s) => {
                        sheet.write_string(r, c as u16, s).unwrap();
                    }
                    Data::Float(n) => {
                        sheet.write_number(r, c as u16, n).unwrap();
                    }
                    Data::Int(n) => {
                        sheet.write_number(r, c as u16, n as f64).unwrap();
                    }
                    Data::DateTime(d) => {
                        let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
                        sheet
                            .write_number_with_format(r, c as u16, d.as_f64(), &date)
                            .unwrap();
                    }
                    Data::Bool(b) => {
                        sheet.write_boolean(r, c as u16, b).unwrap();
                    }
                    _ => {}
                }
            }
        }
    }
    out.save(to).unwrap();
}

//! `memoria export FILE`: the indicators as a workbook to fill in (`.xlsx`,
//! one sheet per indicator, with drop-down lists) or as a folder of CSV
//! files (one per indicator).
//!
//! The same site gives the same bytes: the workbook's creation date is
//! fixed and its parts are zipped with a fixed time.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{
    DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, Formula, Workbook,
    Worksheet, XlsxError,
};

use super::layout::{self, HEADER_ROW, ID_ROW, SPARE_ROWS};
use super::registry_export;
use super::registry_layout::Registry;
use crate::content::indicator::{Indicator, IndicatorKind, Measure};
use crate::diagnostics::{Diagnostic, Diagnostics, Problem};
use crate::period::Period;
use crate::site::{LoadOptions, Site};
use crate::yaml::LangText;

/// What an export wrote.
#[derive(Debug)]
pub struct Exported {
    /// The files written.
    pub files: Vec<PathBuf>,
    /// How many indicators they hold.
    pub indicators: usize,
    /// How many agreements and actions (the registry's sheets).
    pub registry: usize,
}

/// The name of the hidden sheet that holds the lists of the drop-downs.
const LISTS_SHEET: &str = "lists";

/// Writes the indicators of the site in `root` to `target`: a workbook when
/// it ends in `.xlsx`, else a folder of CSV files. The site must load
/// without errors.
pub fn export(root: &Path, target: &Path) -> Result<Exported, Diagnostics> {
    let format = Target::of(target).map_err(|p| one(p.error(target)))?;
    let (site, diagnostics) = crate::site::load(root, &LoadOptions::default());
    let site = match site {
        Some(site) if !diagnostics.has_errors() => site,
        _ => return Err(diagnostics),
    };
    let indicators: Vec<&Indicator> = site.content.indicators.values().collect();
    let registry = site.content.agreements.len() + site.content.actions.len();
    if indicators.is_empty() && registry == 0 {
        return Err(one(Problem::new(
            "the site has no indicators, agreements or actions to export",
            "add an indicator under content/indicators/ first (see docs/content-format.md, section 13)",
        )
        .error("content/indicators")));
    }
    let files = match format {
        Target::Xlsx => {
            let bytes = workbook(&site, &indicators).map_err(|e| {
                one(Problem::new(
                    format!("the workbook could not be made: {e}"),
                    "report this to the people who maintain memoria",
                )
                .error(target))
            })?;
            write(target, &bytes)?;
            vec![target.to_path_buf()]
        }
        Target::CsvFolder => {
            std::fs::create_dir_all(target).map_err(|e| write_error(target, &e))?;
            let mut files = Vec::new();
            for ind in &indicators {
                let path = target.join(format!("{}.csv", ind.id));
                write(&path, &csv(ind, &site.config.languages))?;
                files.push(path);
            }
            for r in Registry::ALL {
                let path = target.join(format!("{}.csv", r.name()));
                write(&path, &registry_export::csv(&site, r))?;
                files.push(path);
            }
            files
        }
    };
    Ok(Exported {
        files,
        indicators: indicators.len(),
        registry,
    })
}

/// The kinds of file `export` writes.
enum Target {
    Xlsx,
    CsvFolder,
}

impl Target {
    fn of(target: &Path) -> Result<Target, Problem> {
        let ext = target
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match ext.as_deref() {
            Some("xlsx") => Ok(Target::Xlsx),
            None => Ok(Target::CsvFolder),
            Some("ods") => Err(Problem::new(
                "memoria cannot write .ods files",
                "export to .xlsx (LibreOffice Calc opens it and keeps its drop-down lists) or to a folder of CSV files; memoria imports .ods files",
            )),
            Some(other) => Err(Problem::new(
                format!("memoria cannot write .{other} files"),
                "name a file ending in .xlsx, or a folder (without an extension) for CSV files",
            )),
        }
    }
}

fn one(d: Diagnostic) -> Diagnostics {
    let mut all = Diagnostics::new();
    all.push(d);
    all
}

fn write_error(path: &Path, e: &std::io::Error) -> Diagnostics {
    one(Problem::new(
        format!("{} could not be written: {e}", path.display()),
        "check that the folder exists and that the file is not open in another program",
    )
    .error(path))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Diagnostics> {
    std::fs::write(path, bytes).map_err(|e| write_error(path, &e))
}

/// A value as its sheet holds it: a number, or a level's id.
fn measure_text(m: &Measure) -> String {
    match m {
        Measure::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
        Measure::Number(n) => format!("{n}"),
        Measure::Level(id) => id.clone(),
    }
}

/// One row of observations: its period, the value of each dimension
/// (empty for the total), the value and the note.
type ObservationRow<'a> = (Period, Vec<String>, &'a Measure, Option<&'a LangText>);

/// The rows of observations of `ind`, the total first in each period.
fn observation_rows(ind: &Indicator) -> Vec<ObservationRow<'_>> {
    let mut rows: Vec<(usize, ObservationRow<'_>)> = ind
        .observations
        .iter()
        .map(|o| {
            (
                0,
                (
                    o.period,
                    vec![String::new(); ind.breakdowns.len()],
                    &o.value,
                    o.note.as_ref(),
                ),
            )
        })
        .chain(ind.parts.iter().enumerate().map(|(i, p)| {
            let dims = ind
                .breakdowns
                .iter()
                .map(|b| p.value_of(&b.id).unwrap_or_default().to_string())
                .collect();
            (i + 1, (p.period, dims, &p.value, p.note.as_ref()))
        }))
        .collect();
    rows.sort_by_key(|(order, row)| (row.0, *order));
    rows.into_iter().map(|(_, row)| row).collect()
}

/// The note of a row in `lang`, as written (no other language's).
fn note_in<'a>(note: Option<&'a LangText>, lang: &str) -> &'a str {
    note.and_then(|n| n.0.get(lang)).map_or("", String::as_str)
}

/// The CSV file of one indicator: the column names, then one row per
/// observation (UTF-8, comma-separated).
fn csv(ind: &Indicator, languages: &[String]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut header = layout::columns(ind);
    header.extend(layout::note_columns(languages));
    let _ = w.write_record(header);
    for (period, dims, value, note) in observation_rows(ind) {
        let mut row = vec![period.to_string()];
        row.extend(dims);
        row.push(measure_text(value));
        row.extend(languages.iter().map(|l| note_in(note, l).to_string()));
        let _ = w.write_record(&row);
    }
    w.into_inner().unwrap_or_default()
}

/// The workbook: one sheet per indicator, then the hidden sheet of lists.
fn workbook(site: &Site, indicators: &[&Indicator]) -> Result<Vec<u8>, XlsxError> {
    let lang = site.config.default_language().to_string();
    let words = site.theme.i18n.strings(&lang);
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(site.config.title(&lang))
            .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?),
    );
    let bold = Format::new().set_bold();
    let grey = Format::new().set_font_color("#595959").set_italic();
    // The lists of the drop-downs, one column per list, on a hidden sheet:
    // a list written in the validation itself is limited to 255 characters.
    let mut lists: Vec<Vec<String>> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for ind in indicators {
        let sheet = book.add_worksheet();
        let name = sheet_name(&ind.id, &names);
        sheet.set_name(&name)?;
        names.push(name);
        let text = |t: &crate::yaml::LangText| {
            t.get(&lang, &site.config.fallbacks(&lang))
                .unwrap_or("")
                .to_string()
        };
        let facts: [(&str, String, String); 7] = [
            ("ind_name", text(&ind.name), String::new()),
            ("id", ind.id.clone(), String::new()),
            (
                "ind_unit",
                crate::format::unit(site, &lang, ind),
                String::new(),
            ),
            (
                "ind_periodicity",
                ind.periodicity.to_string(),
                words
                    .get(&format!("periodicity_{}", ind.periodicity))
                    .to_string(),
            ),
            (
                "ind_baseline",
                ind.baseline.period.to_string(),
                measure_text(&ind.baseline.value),
            ),
            (
                "ind_target",
                ind.target.period.to_string(),
                measure_text(&ind.target.value),
            ),
            (
                "ind_scale",
                ind.scale
                    .as_ref()
                    .map(|s| {
                        s.levels
                            .iter()
                            .map(|l| l.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .unwrap_or_default(),
                String::new(),
            ),
        ];
        for (row, (key, value, extra)) in facts.iter().enumerate() {
            let label = if *key == "id" { "id" } else { words.get(key) };
            sheet.write_string_with_format(row as u32, 0, label, &bold)?;
            sheet.write_string(row as u32, 1, value)?;
            if !extra.is_empty() {
                sheet.write_string(row as u32, 2, extra)?;
            }
        }
        debug_assert_eq!(facts[ID_ROW as usize].0, "id");
        let columns = layout::columns(ind);
        // The names of the columns for people, then for memoria.
        for (c, column) in columns.iter().enumerate() {
            let label = match column.as_str() {
                layout::PERIOD => words.get("ind_period").to_string(),
                layout::VALUE => words.get("ind_value").to_string(),
                dim => ind
                    .breakdowns
                    .iter()
                    .find(|b| b.id == dim)
                    .map(|b| text(&b.label))
                    .unwrap_or_default(),
            };
            sheet.write_string_with_format(HEADER_ROW - 1, c as u16, &label, &bold)?;
            sheet.write_string_with_format(HEADER_ROW, c as u16, column, &grey)?;
            sheet.set_column_width(c as u16, if c == 0 { 22 } else { 14 })?;
        }
        let notes = layout::note_columns(&site.config.languages);
        for (i, (column, l)) in notes.iter().zip(&site.config.languages).enumerate() {
            let c = (columns.len() + i) as u16;
            let label = format!("{} ({l})", words.get("ind_note"));
            sheet.write_string_with_format(HEADER_ROW - 1, c, &label, &bold)?;
            sheet.write_string_with_format(HEADER_ROW, c, column, &grey)?;
            sheet.set_column_width(c, 30)?;
        }
        let mut row = HEADER_ROW + 1;
        for (period, dims, value, note) in observation_rows(ind) {
            sheet.write_string(row, 0, period.to_string())?;
            for (i, l) in site.config.languages.iter().enumerate() {
                let text = note_in(note, l);
                if !text.is_empty() {
                    sheet.write_string(row, (columns.len() + i) as u16, text)?;
                }
            }
            for (i, d) in dims.iter().enumerate() {
                if !d.is_empty() {
                    sheet.write_string(row, 1 + i as u16, d)?;
                }
            }
            let c = columns.len() as u16 - 1;
            match value {
                Measure::Number(n) => sheet.write_number(row, c, *n)?,
                Measure::Level(id) => sheet.write_string(row, c, id)?,
            };
            row += 1;
        }
        for period in layout::periods_to_fill(ind) {
            sheet.write_string(row, 0, period.to_string())?;
            row += 1;
        }
        let last = row + SPARE_ROWS;
        let first = HEADER_ROW + 1;
        // Drop-downs: the periods the indicator's periodicity allows…
        let periods: Vec<String> = layout::offered_periods(ind)
            .iter()
            .map(|p| p.to_string())
            .collect();
        let list = list_formula(&mut lists, periods);
        validate(
            sheet,
            first,
            0,
            last,
            DataValidation::new().allow_list_formula(list),
            words.get("ind_period"),
        )?;
        // …the values of each dimension of breakdown…
        for (i, b) in ind.breakdowns.iter().enumerate() {
            let values = b.values.iter().map(|v| v.id.clone()).collect();
            let list = list_formula(&mut lists, values);
            validate(
                sheet,
                first,
                1 + i as u16,
                last,
                DataValidation::new().allow_list_formula(list),
                &text(&b.label),
            )?;
        }
        // …and the levels of the scale, or any number.
        let c = columns.len() as u16 - 1;
        let rule = match (&ind.scale, ind.kind) {
            (Some(scale), IndicatorKind::Qualitative) => {
                let levels = scale.levels.iter().map(|l| l.id.clone()).collect();
                DataValidation::new().allow_list_formula(list_formula(&mut lists, levels))
            }
            _ => {
                DataValidation::new().allow_decimal_number(DataValidationRule::Between(-1e15, 1e15))
            }
        };
        validate(sheet, first, c, last, rule, words.get("ind_value"))?;
        sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    }
    for r in Registry::ALL {
        registry_export::sheet(&mut book, site, r, &mut lists)?;
    }
    let sheet = book.add_worksheet();
    sheet.set_name(LISTS_SHEET)?;
    for (c, list) in lists.iter().enumerate() {
        for (r, value) in list.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, value)?;
        }
    }
    sheet.set_hidden(true);
    book.save_to_buffer()
}

/// Adds `values` as a column of the sheet of lists (unless the same list is
/// there already); the formula that names it.
pub(super) fn list_formula(lists: &mut Vec<Vec<String>>, values: Vec<String>) -> Formula {
    let rows = values.len().max(1);
    let column = match lists.iter().position(|l| *l == values) {
        Some(c) => c as u16,
        None => {
            lists.push(values);
            lists.len() as u16 - 1
        }
    };
    let letter = rust_xlsxwriter::utility::column_number_to_name(column);
    Formula::new(format!("={LISTS_SHEET}!${letter}$1:${letter}${rows}"))
}

/// Applies `rule` to rows `first..=last` of column `col`, with `title` as the
/// title of its messages.
pub(super) fn validate(
    sheet: &mut Worksheet,
    first: u32,
    col: u16,
    last: u32,
    rule: DataValidation,
    title: &str,
) -> Result<(), XlsxError> {
    let title: String = title.chars().take(32).collect();
    let rule = rule.set_error_title(title)?;
    sheet.add_data_validation(first, col, last, col, &rule)?;
    Ok(())
}

/// A sheet name for indicator `id`: at most 31 characters (the limit of
/// spreadsheet programs), different from the names already given.
fn sheet_name(id: &str, taken: &[String]) -> String {
    let base: String = id.chars().take(31).collect();
    let free = |name: &str| {
        !taken.iter().any(|t| t == name) && name != LISTS_SHEET && Registry::named(name).is_none()
    };
    if free(&base) {
        return base;
    }
    (2..)
        .map(|n| {
            let suffix = format!("~{n}");
            let keep: String = id.chars().take(31 - suffix.len()).collect();
            format!("{keep}{suffix}")
        })
        .find(|name| free(name))
        .unwrap_or_default()
}

//! `memoria export FILE`: the indicators and the registry as a workbook to
//! fill in (`.xlsx` or `.ods`: one sheet per indicator, then `agreements`
//! and `actions`, with drop-down lists) or as a folder of CSV files (one per
//! sheet). The same site gives the same bytes.

use std::path::{Path, PathBuf};

use super::book::{Book, Rule, Sheet, Style, Value, LISTS_SHEET};
use super::layout::{self, HEADER_ROW, ID_ROW, SPARE_ROWS};
use super::registry_layout::Registry;
use super::{book_ods, book_xlsx, registry_export};
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

/// Writes the indicators and the registry of the site in `root` to
/// `target`: a workbook when it ends in `.xlsx` or `.ods`, else a folder of
/// CSV files. The site must load without errors.
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
        Target::Xlsx | Target::Ods => {
            let book = workbook(&site, &indicators);
            let bytes = match format {
                Target::Xlsx => book_xlsx::write(&book).map_err(|e| e.to_string()),
                _ => book_ods::write(&book).map_err(|e| e.to_string()),
            }
            .map_err(|e| {
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
    Ods,
    CsvFolder,
}

impl Target {
    fn of(target: &Path) -> Result<Target, Problem> {
        let ext = target
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match ext.as_deref() {
            Some("xlsx") => Ok(Target::Xlsx),
            Some("ods") => Ok(Target::Ods),
            None => Ok(Target::CsvFolder),
            Some(other) => Err(Problem::new(
                format!("memoria cannot write .{other} files"),
                "name a file ending in .xlsx or .ods, or a folder (without an extension) for CSV files",
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

/// The workbook: one sheet per indicator, then the registry's sheets (the
/// writers add the hidden sheet of lists).
fn workbook(site: &Site, indicators: &[&Indicator]) -> Book {
    let lang = site.config.default_language().to_string();
    let mut book = Book::new(site.config.title(&lang));
    let mut names: Vec<String> = Vec::new();
    for ind in indicators {
        let name = sheet_name(&ind.id, &names);
        names.push(name.clone());
        let sheet = indicator_sheet(&mut book, site, &lang, ind, name);
        book.sheets.push(sheet);
    }
    for r in Registry::ALL {
        let sheet = registry_export::sheet(&mut book, site, r);
        book.sheets.push(sheet);
    }
    book
}

/// The sheet of indicator `ind`, named `name`: its facts, the row of names
/// for people and the row for memoria, its observations, then empty rows.
fn indicator_sheet(
    book: &mut Book,
    site: &Site,
    lang: &str,
    ind: &Indicator,
    name: String,
) -> Sheet {
    let words = site.theme.i18n.strings(lang);
    let mut sheet = Sheet::new(name);
    let text = |t: &crate::yaml::LangText| {
        t.get(lang, &site.config.fallbacks(lang))
            .unwrap_or("")
            .to_string()
    };
    let facts: [(&str, String, String); 7] = [
        ("ind_name", text(&ind.name), String::new()),
        ("id", ind.id.clone(), String::new()),
        (
            "ind_unit",
            crate::format::unit(site, lang, ind),
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
        sheet.put(row as u32, 0, Value::Text(label.to_string()), Style::Bold);
        sheet.text(row as u32, 1, value.clone());
        if !extra.is_empty() {
            sheet.text(row as u32, 2, extra.clone());
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
        sheet.put(HEADER_ROW - 1, c as u16, Value::Text(label), Style::Bold);
        sheet.put(
            HEADER_ROW,
            c as u16,
            Value::Text(column.clone()),
            Style::Grey,
        );
        sheet
            .widths
            .insert(c as u16, if c == 0 { 22.0 } else { 14.0 });
    }
    let notes = layout::note_columns(&site.config.languages);
    for (i, (column, l)) in notes.iter().zip(&site.config.languages).enumerate() {
        let c = (columns.len() + i) as u16;
        let label = format!("{} ({l})", words.get("ind_note"));
        sheet.put(HEADER_ROW - 1, c, Value::Text(label), Style::Bold);
        sheet.put(HEADER_ROW, c, Value::Text(column.clone()), Style::Grey);
        sheet.widths.insert(c, 30.0);
    }
    let value_col = columns.len() as u16 - 1;
    let mut row = HEADER_ROW + 1;
    for (period, dims, value, note) in observation_rows(ind) {
        sheet.text(row, 0, period.to_string());
        for (i, l) in site.config.languages.iter().enumerate() {
            let text = note_in(note, l);
            if !text.is_empty() {
                sheet.text(row, (columns.len() + i) as u16, text);
            }
        }
        for (i, d) in dims.iter().enumerate() {
            if !d.is_empty() {
                sheet.text(row, 1 + i as u16, d.clone());
            }
        }
        let value = match value {
            Measure::Number(n) => Value::Number(*n),
            Measure::Level(id) => Value::Text(id.clone()),
        };
        sheet.put(row, value_col, value, Style::Plain);
        row += 1;
    }
    for period in layout::periods_to_fill(ind) {
        sheet.text(row, 0, period.to_string());
        row += 1;
    }
    let last = row + SPARE_ROWS;
    let first = HEADER_ROW + 1;
    // Drop-downs: the periods the indicator's periodicity allows…
    let periods: Vec<String> = layout::offered_periods(ind)
        .iter()
        .map(|p| p.to_string())
        .collect();
    let rule = book.list(periods);
    sheet.check(0, first, last, rule, words.get("ind_period"));
    // …the values of each dimension of breakdown…
    for (i, b) in ind.breakdowns.iter().enumerate() {
        let rule = book.list(b.values.iter().map(|v| v.id.clone()).collect());
        sheet.check(1 + i as u16, first, last, rule, &text(&b.label));
    }
    // …and the levels of the scale, or any number.
    let rule = match (&ind.scale, ind.kind) {
        (Some(scale), IndicatorKind::Qualitative) => {
            book.list(scale.levels.iter().map(|l| l.id.clone()).collect())
        }
        _ => Rule::Number {
            min: -1e15,
            max: 1e15,
        },
    };
    sheet.check(value_col, first, last, rule, words.get("ind_value"));
    sheet.freeze = (HEADER_ROW + 1, 0);
    sheet
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

//! `memoria import`: a filled-in workbook or CSV file written back into the
//! indicators' files, only what changed; and each kind of bad input named
//! by its sheet and cell, with nothing written.

mod common;

use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::workbook::rewrite;
use common::{error_lines, only_error_and_help, stderr, Fixture};

/// Every file under `content/indicators/` with its bytes.
fn indicator_files(f: &Fixture) -> Vec<(String, Vec<u8>)> {
    common::snapshot(&f.root().join("content/indicators"))
}

/// The row (0-based) of the sheet `name` of `path` whose column A is
/// `period` and column B is `group` (empty for the total).
fn row_of(path: &Path, name: &str, period: &str, group: &str) -> u32 {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range(name).unwrap();
    let text = |r: u32, c: u32| match range.get_value((r, c)) {
        Some(Data::String(s)) => s.clone(),
        _ => String::new(),
    };
    (0..range.end().unwrap().0 + 1)
        .find(|r| text(*r, 0) == period && (text(*r, 1) == group || name != "people-trained"))
        .unwrap_or_else(|| panic!("{name}: no row {period} {group}"))
}

/// The lines of `after` that are not in `before`, and those of `before`
/// that are not in `after` (a line diff is enough for one-line observations).
fn line_diff(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let b: Vec<&str> = before.lines().collect();
    let a: Vec<&str> = after.lines().collect();
    let added = a
        .iter()
        .filter(|l| !b.contains(l))
        .map(|l| l.to_string())
        .collect();
    let removed = b
        .iter()
        .filter(|l| !a.contains(l))
        .map(|l| l.to_string())
        .collect();
    (added, removed)
}

#[test]
fn a_round_trip_changes_exactly_the_three_cells_and_the_pages_show_them() {
    let f = Fixture::bundled();
    assert!(f.run(&["export", "indicators.xlsx"]).status.success());
    let exported = f.root().join("indicators.xlsx");
    let total_2025_s2 = row_of(&exported, "people-trained", "2025-S2", "");
    let fill_2026_s1 = row_of(&exported, "people-trained", "2026-S1", "");
    let level_2025_s2 = row_of(&exported, "coordination-quality", "2025-S2", "");
    rewrite(&exported, &f.root().join("filled.xlsx"), &|sheet, r, c| {
        match (sheet, r, c) {
            // A number, a level and a new period.
            ("people-trained", r, 2) if r == total_2025_s2 => Some(Data::Float(1100.0)),
            ("people-trained", r, 2) if r == fill_2026_s1 => Some(Data::Float(1250.0)),
            ("coordination-quality", r, 1) if r == level_2025_s2 => {
                Some(Data::String("high".into()))
            }
            _ => None,
        }
    });
    let before = indicator_files(&f);
    let people = f.read("content/indicators/people-trained.yaml");
    let quality = f.read("content/indicators/coordination-quality.yaml");
    let out = f.run(&["import", "filled.xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("3 observations changed in 2 files"),
        "{}",
        stderr(&out)
    );
    // Exactly those three observations changed.
    let after = indicator_files(&f);
    let changed: Vec<&str> = before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b != a)
        .map(|(b, _)| b.0.as_str())
        .collect();
    assert_eq!(
        changed,
        ["coordination-quality.yaml", "people-trained.yaml"]
    );
    let new_people = f.read("content/indicators/people-trained.yaml");
    assert_eq!(
        line_diff(&people, &new_people),
        (
            vec![
                "  - { period: \"2025-S2\", value: 1100 }".to_string(),
                "  - { period: \"2026-S1\", value: 1250 }".to_string()
            ],
            vec!["  - { period: \"2025-S2\", value: 1050 }".to_string()]
        )
    );
    // The new period comes after the last observation, in period order.
    let lines: Vec<&str> = new_people.lines().collect();
    let new_line = lines.iter().position(|l| l.contains("2026-S1")).unwrap();
    assert!(
        lines[new_line - 1].contains("2025-S2\", value: 467"),
        "{new_people}"
    );
    assert!(lines[new_line + 1].starts_with("sdgs:"), "{new_people}");
    let new_quality = f.read("content/indicators/coordination-quality.yaml");
    let (added, removed) = line_diff(&quality, &new_quality);
    assert_eq!(added.len(), 1);
    assert_eq!(removed.len(), 1);
    assert_eq!(
        added[0],
        removed[0].replace("value: \"medium\"", "value: \"high\""),
        "only the value changed, in the file's own quoting"
    );
    // The pages show them.
    f.build_ok();
    let page = f.output("en/indicators/people-trained/index.html");
    assert!(page.contains("1,100"), "the changed number");
    assert!(page.contains("1,250"), "the new period");
    let page = f.output("en/indicators/coordination-quality/index.html");
    let doc = scraper::Html::parse_document(&page);
    let last = scraper::Selector::parse("table tbody tr:last-child td").unwrap();
    let cell: String = doc.select(&last).next().unwrap().text().collect();
    assert_eq!(cell, "High");
    // The same file again changes nothing.
    let again = indicator_files(&f);
    let out = f.run(&["import", "filled.xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("nothing to change"),
        "{}",
        stderr(&out)
    );
    assert!(
        indicator_files(&f) == again,
        "a second import changed files"
    );
}

#[test]
fn dry_run_prints_the_changes_and_writes_nothing() {
    let f = Fixture::bundled();
    f.write(
        "people-trained.csv",
        "period,sex,value\n2025-S2,women,600\n2026-S1,,1250\n",
    );
    let before = indicator_files(&f);
    let out = f.run(&["import", "--dry-run", "people-trained.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        printed.contains("people-trained.yaml: 2025-S2 sex: women: 583 → 600"),
        "{printed}"
    );
    assert!(
        printed.contains("people-trained.yaml: 2026-S1: new, 1250"),
        "{printed}"
    );
    assert!(
        stderr(&out).contains("nothing was written"),
        "{}",
        stderr(&out)
    );
    assert!(indicator_files(&f) == before);
}

#[test]
fn the_open_data_csv_imports_as_is_and_a_semicolon_file_with_decimal_commas_too() {
    let f = Fixture::bundled();
    f.build_ok();
    // The tidy CSV of the open data, as downloaded: nothing to change.
    std::fs::copy(
        f.root().join("public/data/indicators.csv"),
        f.root().join("all.csv"),
    )
    .unwrap();
    let before = indicator_files(&f);
    let out = f.run(&["import", "all.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("nothing to change"),
        "{}",
        stderr(&out)
    );
    assert!(indicator_files(&f) == before);
    // As Spanish-locale Excel saves it: a byte order mark, `;`, decimal commas.
    f.write(
        "investment-attracted.csv",
        "\u{feff}period;value\r\n2026;1234,5\r\n",
    );
    let csv_period = f.read("content/indicators/investment-attracted.yaml");
    let periodicity = csv_period
        .lines()
        .find(|l| l.starts_with("periodicity:"))
        .unwrap()
        .to_string();
    let out = f.run(&["import", "investment-attracted.csv"]);
    if periodicity.contains("annual") && !periodicity.contains("semi") {
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(f
            .read("content/indicators/investment-attracted.yaml")
            .contains("{ period: \"2026\", value: 1234.5 }"));
    } else {
        panic!("the test needs an annual indicator: {periodicity}");
    }
}

/// A site, the workbook it exports, and that workbook with `change` applied
/// saved as `bad.xlsx`.
fn bad_workbook(change: &dyn Fn(&str, u32, u32) -> Option<Data>) -> Fixture {
    let f = Fixture::bundled();
    assert!(f.run(&["export", "indicators.xlsx"]).status.success());
    rewrite(
        &f.root().join("indicators.xlsx"),
        &f.root().join("bad.xlsx"),
        change,
    );
    f
}

/// Runs `import FILE` and checks it fails with one error that names
/// `place` and says `what`, with `advice`, leaving every file as it was.
fn fails_with(f: &Fixture, file: &str, place: &str, what: &str, advice: &str) {
    let before = indicator_files(f);
    let (error, help) = only_error_and_help(&f.run(&["import", file]));
    assert!(error.contains(place), "{error}");
    assert!(error.contains(what), "{error}");
    assert!(help.contains(advice), "{help}");
    assert!(indicator_files(f) == before, "nothing is written");
}

#[test]
fn a_level_not_in_the_scale_names_the_sheet_and_the_cell_in_the_sites_language() {
    let f = bad_workbook(&|sheet, r, c| {
        (sheet == "coordination-quality" && r == 12 && c == 1).then(|| Data::String("alto ".into()))
    });
    fails_with(
        &f,
        "bad.xlsx",
        "Hoja 'coordination-quality', celda B13",
        "«alto » no es un nivel de esta escala",
        "use low, medium o high",
    );
}

#[test]
fn a_level_with_spaces_around_it_says_to_remove_them() {
    let f = bad_workbook(&|sheet, r, c| {
        (sheet == "coordination-quality" && r == 12 && c == 1).then(|| Data::String("high ".into()))
    });
    fails_with(
        &f,
        "bad.xlsx",
        "celda B13",
        "«high » no es un nivel",
        "quite los espacios",
    );
}

#[test]
fn a_decimal_comma_in_a_workbook_is_an_error_with_the_number_to_write() {
    let f = bad_workbook(&|sheet, r, c| {
        (sheet == "people-trained" && r == 9 && c == 2).then(|| Data::String("180,5".into()))
    });
    fails_with(
        &f,
        "bad.xlsx",
        "Hoja 'people-trained', celda C10",
        "«180,5» tiene coma decimal",
        "escriba 180.5",
    );
}

#[test]
fn a_date_typed_as_text_is_not_a_period() {
    let f = bad_workbook(&|sheet, r, c| {
        (sheet == "people-trained" && r == 9 && c == 0).then(|| Data::String("30/06/2024".into()))
    });
    fails_with(
        &f,
        "bad.xlsx",
        "celda A10",
        "«30/06/2024» no es un periodo",
        "p. ej. 2025-S1",
    );
}

#[test]
fn a_period_the_periodicity_does_not_allow() {
    let f = bad_workbook(&|sheet, r, c| {
        (sheet == "people-trained" && r == 9 && c == 0).then(|| Data::String("2024-Q1".into()))
    });
    fails_with(
        &f,
        "bad.xlsx",
        "celda A10",
        "el periodo 2024-Q1 no corresponde a este indicador",
        "2025-S1",
    );
}

#[test]
fn a_duplicate_period_names_both_rows() {
    // Row 11 (2024-S1 women) becomes a second total of 2024-S1.
    let f = bad_workbook(&|sheet, r, c| {
        (sheet == "people-trained" && r == 10 && c == 1).then(|| Data::String(String::new()))
    });
    let before = indicator_files(&f);
    let out = f.run(&["import", "bad.xlsx"]);
    let errors = error_lines(&out);
    // The emptied group makes 2024-S1 a second total; nothing else is wrong.
    assert_eq!(errors.len(), 1, "{}", stderr(&out));
    assert!(errors[0].contains("celda A11"), "{errors:?}");
    assert!(
        errors[0].contains("el periodo 2024-S1 aparece dos veces (también en la fila 10)"),
        "{errors:?}"
    );
    assert!(indicator_files(&f) == before);
}

#[test]
fn an_unknown_sheet_is_named() {
    let f = bad_workbook(&|sheet, r, c| {
        (sheet == "people-trained" && r == 1 && c == 0).then(|| Data::String("código".into()))
    });
    fails_with(
        &f,
        "bad.xlsx",
        "Hoja 'people-trained', celda B2",
        "esta hoja no es de un indicador",
        "la celda B2 debe tener el id",
    );
}

#[test]
fn all_errors_at_once_one_per_fault() {
    let f = bad_workbook(&|sheet, r, c| match (sheet, r, c) {
        ("people-trained", 9, 2) => Some(Data::String("mucho".into())),
        ("people-trained", 10, 1) => Some(Data::String("mujeres".into())),
        ("coordination-quality", 9, 0) => Some(Data::String("2024".into())),
        _ => None,
    });
    let before = indicator_files(&f);
    let out = f.run(&["import", "bad.xlsx"]);
    assert_eq!(out.status.code(), Some(1));
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 3, "{}", stderr(&out));
    let all = errors.join("\n");
    assert!(all.contains("celda C10: «mucho» no es un número"), "{all}");
    assert!(
        all.contains("celda B11: «mujeres» no es un valor de sex"),
        "{all}"
    );
    assert!(
        all.contains("Hoja 'coordination-quality', celda A10"),
        "{all}"
    );
    assert!(
        stderr(&out).contains("did you mean") || stderr(&out).contains("use women o men"),
        "{}",
        stderr(&out)
    );
    assert!(indicator_files(&f) == before);
}

#[test]
fn a_formula_and_a_merged_cell_are_refused() {
    let f = Fixture::bundled();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Personas").unwrap();
    sheet.write_string(1, 0, "id").unwrap();
    sheet.write_string(1, 1, "people-trained").unwrap();
    for (c, name) in ["period", "sex", "value"].iter().enumerate() {
        sheet.write_string(8, c as u16, *name).unwrap();
    }
    sheet.write_string(9, 0, "2026-S1").unwrap();
    sheet
        .write_formula(
            9,
            2,
            rust_xlsxwriter::Formula::new("=600+650").set_result("1250"),
        )
        .unwrap();
    sheet
        .merge_range(10, 0, 11, 0, "2026-S2", &rust_xlsxwriter::Format::new())
        .unwrap();
    sheet.write_number(10, 2, 1300.0).unwrap();
    book.save(f.root().join("bad.xlsx")).unwrap();
    let before = indicator_files(&f);
    let out = f.run(&["import", "bad.xlsx"]);
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 2, "{}", stderr(&out));
    let all = errors.join("\n");
    assert!(
        all.contains("Hoja 'Personas', celda C10: la celda tiene una fórmula"),
        "{all}"
    );
    assert!(
        all.contains("Hoja 'Personas', celda A11: la celda está combinada con otras"),
        "{all}"
    );
    assert!(stderr(&out).contains("péguela como valor"));
    assert!(indicator_files(&f) == before);
}

#[test]
fn an_empty_file_and_a_file_that_is_not_a_spreadsheet() {
    let f = Fixture::bundled();
    f.write("empty.csv", "");
    fails_with(
        &f,
        "empty.csv",
        "Archivo 'empty.csv'",
        "el archivo está vacío",
        "memoria export",
    );
    f.write("notes.xlsx", "these are notes, not a workbook\n");
    fails_with(
        &f,
        "notes.xlsx",
        "Archivo 'notes.xlsx'",
        "no puede leer este archivo como hoja de cálculo",
        "guárdelo como .xlsx, .ods o .csv",
    );
    f.write("photo.png", "\u{89}PNG");
    fails_with(
        &f,
        "photo.png",
        "Archivo 'photo.png'",
        "no puede leer",
        ".csv",
    );
}

#[test]
fn a_sheet_of_100000_rows_is_refused_at_once() {
    let f = Fixture::bundled();
    let mut text = String::from("period,value\n");
    for i in 0..100_000 {
        text.push_str(&format!("{},{i}\n", 1000 + i % 9000));
    }
    f.write("people-trained.csv", &text);
    let started = std::time::Instant::now();
    fails_with(
        &f,
        "people-trained.csv",
        "Archivo 'people-trained.csv', celda A10002",
        "la hoja tiene 100000 filas con datos; memoria lee como máximo 10000",
        "quite las filas",
    );
    assert!(started.elapsed().as_secs() < 60);
}

/// The column (0-based) named `name` in the row of column names of sheet
/// `sheet` (row 9).
fn column_of(path: &Path, sheet: &str, name: &str) -> u32 {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    (0..range.end().unwrap().1 + 1)
        .find(|c| matches!(range.get_value((8, *c)), Some(Data::String(s)) if s == name))
        .unwrap_or_else(|| panic!("{sheet}: no column {name}"))
}

#[test]
fn notes_go_out_in_a_column_per_language_and_come_back_when_changed() {
    let f = Fixture::bundled();
    assert!(f.run(&["export", "indicators.xlsx"]).status.success());
    let exported = f.root().join("indicators.xlsx");
    let quality = row_of(&exported, "coordination-quality", "2025-S2", "");
    let people = row_of(&exported, "people-trained", "2025-S2", "");
    let quality_en = column_of(&exported, "coordination-quality", "note_en");
    let people_es = column_of(&exported, "people-trained", "note_es");
    // The notes are in the sheet, each language in its column.
    let mut book: Xlsx<_> = open_workbook(&exported).unwrap();
    let range = book.worksheet_range("coordination-quality").unwrap();
    assert_eq!(
        range.get_value((quality, quality_en)),
        Some(&Data::String(
            "A formal agreement with the foreign ministry is still missing.".into()
        ))
    );
    rewrite(
        &exported,
        &f.root().join("filled.xlsx"),
        &|sheet, r, c| match (sheet, r, c) {
            ("coordination-quality", r, c) if r == quality && c == quality_en => Some(
                Data::String("The agreement with the foreign ministry is being drafted.".into()),
            ),
            ("people-trained", r, c) if r == people && c == people_es => {
                Some(Data::String("Incluye dos cursos en línea.".into()))
            }
            _ => None,
        },
    );
    let before = indicator_files(&f);
    let people_text = f.read("content/indicators/people-trained.yaml");
    let quality_text = f.read("content/indicators/coordination-quality.yaml");
    let out = f.run(&["import", "filled.xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let after = indicator_files(&f);
    let changed: Vec<&str> = before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b != a)
        .map(|(b, _)| b.0.as_str())
        .collect();
    assert_eq!(
        changed,
        ["coordination-quality.yaml", "people-trained.yaml"]
    );
    assert_eq!(
        line_diff(&quality_text, &f.read("content/indicators/coordination-quality.yaml")),
        (
            vec!["  - { period: \"2025-S2\", value: \"medium\", note: { es: \"Falta un acuerdo formal con la Cancillería.\", en: \"The agreement with the foreign ministry is being drafted.\" } }".to_string()],
            vec!["  - { period: \"2025-S2\", value: \"medium\", note: { es: \"Falta un acuerdo formal con la Cancillería.\", en: \"A formal agreement with the foreign ministry is still missing.\" } }".to_string()]
        )
    );
    assert_eq!(
        line_diff(&people_text, &f.read("content/indicators/people-trained.yaml")),
        (
            vec!["  - { period: \"2025-S2\", value: 1050, note: { es: \"Incluye dos cursos en línea.\" } }".to_string()],
            vec!["  - { period: \"2025-S2\", value: 1050 }".to_string()]
        )
    );
    let out = f.run(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Again: nothing to change.
    let out = f.run(&["import", "filled.xlsx"]);
    assert!(
        stderr(&out).contains("nothing to change"),
        "{}",
        stderr(&out)
    );
}

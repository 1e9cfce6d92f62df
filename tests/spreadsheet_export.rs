//! `memoria export`: the bundled site as a workbook to fill in and as a
//! folder of CSV files, run from the site's folder as a user would.

mod common;

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::{only_error_and_help, stderr, Fixture};

/// The text of a cell of `range` (row and column 0-based).
fn cell(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => format!("{other:?}"),
    }
}

/// The XML of part `name` of the workbook at `path`.
fn part(path: &std::path::Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
    text
}

#[test]
fn the_workbook_has_a_sheet_per_indicator_with_its_facts_rows_and_drop_downs() {
    let f = Fixture::bundled();
    let out = f.run(&["export", "indicators.xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("exported 15 indicators"),
        "{}",
        stderr(&out)
    );
    let path = f.root().join("indicators.xlsx");
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let names = book.sheet_names();
    assert_eq!(
        names.len(),
        18,
        "15 indicators, the agreements, the actions and the hidden lists: {names:?}"
    );
    assert_eq!(&names[15..], ["agreements", "actions", "lists"]);
    assert_eq!(names.last().unwrap(), "lists");
    let sheet = book.worksheet_range("people-trained").unwrap();
    // The facts at the top, in the site's default language (Spanish).
    assert_eq!(cell(&sheet, 0, 0), "Indicador");
    assert_eq!(
        cell(&sheet, 0, 1),
        "Personas formadas en cooperación descentralizada"
    );
    assert_eq!(
        (cell(&sheet, 1, 0), cell(&sheet, 1, 1)),
        ("id".into(), "people-trained".into())
    );
    assert_eq!(cell(&sheet, 3, 1), "semiannual");
    assert_eq!(
        (cell(&sheet, 4, 1), cell(&sheet, 4, 2)),
        ("2023-S2".into(), "0".into())
    );
    assert_eq!(
        (cell(&sheet, 5, 1), cell(&sheet, 5, 2)),
        ("2026-S2".into(), "1500".into())
    );
    // The column names, for people and for memoria.
    assert_eq!(
        [cell(&sheet, 7, 0), cell(&sheet, 7, 1), cell(&sheet, 7, 2)],
        ["Periodo".to_string(), "Sexo".into(), "Valor".into()]
    );
    assert_eq!(
        [cell(&sheet, 8, 0), cell(&sheet, 8, 1), cell(&sheet, 8, 2)],
        ["period".to_string(), "sex".into(), "value".into()]
    );
    // The observations: the total first, then its parts.
    let rows: Vec<[String; 3]> = (9..15)
        .map(|r| [cell(&sheet, r, 0), cell(&sheet, r, 1), cell(&sheet, r, 2)])
        .collect();
    assert_eq!(
        rows[0],
        ["2024-S1".to_string(), String::new(), "180".into()]
    );
    assert_eq!(
        rows[1],
        ["2024-S1".to_string(), "women".into(), "104".into()]
    );
    assert_eq!(rows[2], ["2024-S1".to_string(), "men".into(), "76".into()]);
    // After the 12 observations, the periods to fill, up to the target's.
    assert_eq!(cell(&sheet, 21, 0), "2026-S1");
    assert_eq!(cell(&sheet, 21, 2), "");
    assert_eq!(cell(&sheet, 22, 0), "2026-S2");
    assert_eq!(cell(&sheet, 23, 0), "");
    // A qualitative indicator offers the levels of its scale.
    let quality = book.worksheet_range("coordination-quality").unwrap();
    assert_eq!(cell(&quality, 6, 1), "low, medium, high");
    // Drop-down lists: periods, the values of the breakdown, and the levels.
    let sheets = part(&path, "xl/workbook.xml");
    assert!(sheets.contains("state=\"hidden\""), "{sheets}");
    let index = names.iter().position(|n| n == "people-trained").unwrap() + 1;
    let xml = part(&path, &format!("xl/worksheets/sheet{index}.xml"));
    assert_eq!(
        xml.matches("<dataValidation type=\"list\"").count(),
        2,
        "{xml}"
    );
    assert!(xml.contains("<dataValidation type=\"decimal\""), "{xml}");
    assert!(xml.contains("<formula1>lists!$"), "{xml}");
}

#[test]
fn the_same_site_gives_the_same_workbook() {
    let f = Fixture::bundled();
    assert!(f.run(&["export", "a.xlsx"]).status.success());
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert!(f.run(&["export", "b.xlsx"]).status.success());
    let a = std::fs::read(f.root().join("a.xlsx")).unwrap();
    let b = std::fs::read(f.root().join("b.xlsx")).unwrap();
    assert!(a == b, "two exports differ");
}

#[test]
fn a_folder_gets_one_csv_file_per_indicator() {
    let f = Fixture::bundled();
    let out = f.run(&["export", "sheets"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = f.read("sheets/people-trained.csv");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "period,sex,value,note_es,note_en");
    assert!(lines[1].starts_with("2024-S1,,180,"), "{}", lines[1]);
    assert!(lines[2].starts_with("2024-S1,women,104,"), "{}", lines[2]);
    assert_eq!(lines.len(), 13);
    assert_eq!(
        f.read("sheets/coordination-quality.csv").lines().next(),
        Some("period,value,note_es,note_en")
    );
    assert_eq!(
        std::fs::read_dir(f.root().join("sheets")).unwrap().count(),
        17,
        "15 indicators, agreements.csv and actions.csv"
    );
}

#[test]
fn an_ods_file_is_refused_with_what_to_do_instead() {
    let f = Fixture::bundled();
    let (error, help) = only_error_and_help(&f.run(&["export", "indicators.ods"]));
    assert!(error.contains("indicators.ods"), "{error}");
    assert!(error.contains("cannot write .ods"), "{error}");
    assert!(help.contains(".xlsx"), "{help}");
    assert!(!f.root().join("indicators.ods").exists());
}

#[test]
fn a_site_with_errors_is_not_exported() {
    let f = Fixture::bundled();
    f.edit(
        "content/indicators/people-trained.yaml",
        "value: 104, breakdown: { sex: women }",
        "value: 104, breakdown: { sex: woman }",
    );
    let (error, help) = only_error_and_help(&f.run(&["export", "indicators.xlsx"]));
    assert!(
        error.contains("content/indicators/people-trained.yaml:"),
        "{error}"
    );
    assert!(help.contains("did you mean `women`"), "{help}");
    assert!(!f.root().join("indicators.xlsx").exists());
}

//! The registry in spreadsheets: `memoria export` writes the sheets
//! `agreements` and `actions` (one row per entry, one column per field,
//! drop-downs for the closed lists), and `memoria import` writes their
//! changes back into the files — only the changed fields, a new file for a
//! new row, nothing deleted — or, for bad cells, names each sheet and cell
//! with advice and writes nothing. Driven from the site's folder, as a
//! user would.

mod common;

use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::workbook::rewrite;
use common::{stderr, Fixture};

/// Every registry file with its bytes.
fn registry_files(f: &Fixture) -> Vec<(String, Vec<u8>)> {
    let mut all = common::snapshot(&f.root().join("content/agreements"));
    all.extend(common::snapshot(&f.root().join("content/actions")));
    all
}

/// The key row (row 2) of sheet `name`: column names → column numbers.
fn column(path: &Path, name: &str, key: &str) -> u32 {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range(name).unwrap();
    (0..range.end().unwrap().1 + 1)
        .find(|c| matches!(range.get_value((1, *c)), Some(Data::String(s)) if s == key))
        .unwrap_or_else(|| panic!("{name}: no column {key}"))
}

/// The row (0-based) of sheet `name` whose id is `id`.
fn row(path: &Path, name: &str, id: &str) -> u32 {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range(name).unwrap();
    (0..range.end().unwrap().0 + 1)
        .find(|r| matches!(range.get_value((*r, 0)), Some(Data::String(s)) if s == id))
        .unwrap_or_else(|| panic!("{name}: no row {id}"))
}

/// The first empty row after the entries of sheet `name`.
fn first_empty(path: &Path, name: &str) -> u32 {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range(name).unwrap();
    (2..)
        .find(|r| matches!(range.get_value((*r, 0)), None | Some(Data::Empty)))
        .unwrap()
}

/// A spreadsheet date (days since 1899-12-30) for `y-m-d`.
fn serial(y: i32, m: u32, d: u32) -> f64 {
    let day = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let zero = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    (day - zero).num_days() as f64
}

/// A date cell, as a spreadsheet program writes one.
fn date(y: i32, m: u32, d: u32) -> Data {
    Data::DateTime(calamine::ExcelDateTime::new(
        serial(y, m, d),
        calamine::ExcelDateTimeType::DateTime,
        false,
    ))
}

/// The lines of `after` not in `before`, and those of `before` not in `after`.
fn line_diff(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let b: Vec<&str> = before.lines().collect();
    let a: Vec<&str> = after.lines().collect();
    (
        a.iter()
            .filter(|l| !b.contains(l))
            .map(|l| l.to_string())
            .collect(),
        b.iter()
            .filter(|l| !a.contains(l))
            .map(|l| l.to_string())
            .collect(),
    )
}

#[test]
fn the_workbook_has_the_registry_sheets_with_their_drop_downs() {
    let f = Fixture::bundled();
    let out = f.run(&["export", "registro.xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = f.root().join("registro.xlsx");
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert!(book.sheet_names().contains(&"agreements".to_string()));
    assert!(book.sheet_names().contains(&"actions".to_string()));
    let range = book.worksheet_range("agreements").unwrap();
    let keys: Vec<String> = (0..range.end().unwrap().1 + 1)
        .map(|c| match range.get_value((1, c)) {
            Some(Data::String(s)) => s.clone(),
            _ => String::new(),
        })
        .collect();
    // The columns come from the declared fields: a column per language for
    // texts, a column per field of a set.
    for key in [
        "id",
        "title.es",
        "title.en",
        "partner",
        "partner_country",
        "type",
        "signed",
        "status",
        "amount.value",
        "amount.currency",
        "registration.reference",
        "sdgs",
    ] {
        assert!(keys.contains(&key.to_string()), "{key} in {keys:?}");
    }
    assert!(!keys.contains(&"funds".to_string()));
    // One row per agreement, with its values; dates as dates.
    let r = row(&path, "agreements", "lima-council-exchange");
    let at = |key: &str| {
        range
            .get_value((r, column(&path, "agreements", key)))
            .cloned()
    };
    assert_eq!(at("status"), Some(Data::String("active".into())));
    assert_eq!(at("partner_country"), Some(Data::String("PE".into())));
    assert_eq!(at("sdgs"), Some(Data::String("16".into())));
    match at("signed") {
        Some(Data::DateTime(d)) => assert_eq!(d.as_f64(), serial(2025, 10, 14)),
        other => panic!("signed: {other:?}"),
    }
    let range = book.worksheet_range("actions").unwrap();
    let r = row(&path, "actions", "2025-11-bogota-mission");
    let at = |key: &str| range.get_value((r, column(&path, "actions", key))).cloned();
    assert_eq!(at("place.city"), Some(Data::String("Bogotá".into())));
    assert_eq!(at("cost.currency"), Some(Data::String("USD".into())));
    assert_eq!(
        at("participants"),
        Some(Data::String(
            "Directora de Relaciones Internacionales; Jefa de gabinete".into()
        ))
    );
    // Drop-downs: statuses, countries and currencies on the hidden list sheet.
    let lists = book.worksheet_range("lists").unwrap();
    let all: Vec<String> = lists.used_cells().map(|(_, _, d)| d.to_string()).collect();
    for value in [
        "in-negotiation",
        "memorandum",
        "mission",
        "UY",
        "EUR",
        "MXN",
    ] {
        assert!(all.contains(&value.to_string()), "{value} in the lists");
    }
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    let mut lists_used = 0;
    for name in names
        .iter()
        .filter(|n| n.starts_with("xl/worksheets/sheet"))
    {
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut xml).unwrap();
        if xml.contains("type=\"date\"") {
            lists_used += xml.matches("type=\"list\"").count();
        }
    }
    // agreements: partner_country, partner_type, type, status, amount.currency;
    // actions: type, place.country, cost.currency.
    assert!(lists_used >= 8, "{lists_used} drop-down lists");
    // The same site gives the same bytes.
    assert!(f.run(&["export", "again.xlsx"]).status.success());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(f.root().join("again.xlsx")).unwrap()
    );
}

#[test]
fn a_round_trip_changes_a_status_a_date_and_adds_an_action() {
    let f = Fixture::bundled();
    assert!(f.run(&["export", "registro.xlsx"]).status.success());
    let exported = f.root().join("registro.xlsx");
    let lima = row(&exported, "agreements", "lima-council-exchange");
    let status = column(&exported, "agreements", "status");
    let bogota = row(&exported, "actions", "2025-11-bogota-mission");
    let trip_report = column(&exported, "actions", "trip_report.date");
    let new = first_empty(&exported, "actions");
    let new_cells: Vec<(u32, Data)> = [
        ("id", Data::String("2026-01-madrid-visit".into())),
        ("title.es", Data::String("Visita de Madrid".into())),
        ("title.en", Data::String("Visit from Madrid".into())),
        (
            "summary.es",
            Data::String("Una delegación de Madrid conoce el plan de movilidad.".into()),
        ),
        (
            "summary.en",
            Data::String("A delegation from Madrid learns about the mobility plan.".into()),
        ),
        ("type", Data::String("visit".into())),
        ("date", date(2026, 1, 20)),
        ("place.city", Data::String("Ciudad Ejemplo".into())),
        ("place.country", Data::String("UY".into())),
        (
            "participants",
            Data::String("Alcaldía; Secretaría de Movilidad".into()),
        ),
        ("sdgs", Data::Float(11.0)),
    ]
    .into_iter()
    .map(|(k, d)| (column(&exported, "actions", k), d))
    .collect();
    rewrite(
        &exported,
        &f.root().join("filled.xlsx"),
        &|sheet, r, c| match (sheet, r, c) {
            ("agreements", r, c) if r == lima && c == status => {
                Some(Data::String("suspended".into()))
            }
            ("actions", r, c) if r == bogota && c == trip_report => Some(date(2025, 12, 18)),
            ("actions", r, c) if r == new => new_cells
                .iter()
                .find(|(k, _)| *k == c)
                .map(|(_, d)| d.clone()),
            _ => None,
        },
    );
    let before = registry_files(&f);
    let lima_text = f.read("content/agreements/lima-council-exchange.yaml");
    let bogota_text = f.read("content/actions/2025-11-bogota-mission.yaml");
    // A dry run says what would change and writes nothing.
    let out = f.run(&["import", "filled.xlsx", "--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        said.contains("lima-council-exchange.yaml: status: active → suspended"),
        "{said}"
    );
    assert_eq!(registry_files(&f), before);
    let out = f.run(&["import", "filled.xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Exactly those changes: two lines replaced, one file added.
    let after = registry_files(&f);
    let changed: Vec<&str> = after
        .iter()
        .filter(|a| !before.contains(a))
        .map(|a| a.0.as_str())
        .collect();
    assert_eq!(
        changed,
        [
            "lima-council-exchange.yaml",
            "2025-11-bogota-mission.yaml",
            "2026-01-madrid-visit.yaml"
        ]
    );
    assert_eq!(
        line_diff(
            &lima_text,
            &f.read("content/agreements/lima-council-exchange.yaml")
        ),
        (
            vec!["status: suspended".to_string()],
            vec!["status: active".to_string()]
        )
    );
    assert_eq!(
        line_diff(
            &bogota_text,
            &f.read("content/actions/2025-11-bogota-mission.yaml")
        ),
        (
            vec!["trip_report: { date: 2025-12-18 }".to_string()],
            vec!["trip_report: { date: 2025-12-15 }".to_string()]
        )
    );
    assert_eq!(
        f.read("content/actions/2026-01-madrid-visit.yaml"),
        "title: { es: \"Visita de Madrid\", en: \"Visit from Madrid\" }\n\
         summary: { es: \"Una delegación de Madrid conoce el plan de movilidad.\", en: \"A delegation from Madrid learns about the mobility plan.\" }\n\
         type: visit\n\
         date: 2026-01-20\n\
         place: { city: \"Ciudad Ejemplo\", country: UY }\n\
         participants: [\"Alcaldía\", \"Secretaría de Movilidad\"]\n\
         sdgs: [11]\n"
    );
    // The site checks clean, and the pages show the changes.
    // (On a fixed day: the bundled agreements near their end are warnings.)
    let out = f.run_on("2026-01-25", &["check", "--strict"]);
    assert!(out.status.success(), "{}", stderr(&out));
    f.build_ok();
    let visit = f.output("en/actions/2026-01-madrid-visit/index.html");
    assert!(visit.contains("Visit from Madrid"), "the new action's page");
    assert!(
        visit.contains("Secretaría de Movilidad"),
        "its participants"
    );
    let lima = f.output("en/agreements/lima-council-exchange/index.html");
    assert!(lima.contains("Suspended"), "the new status");
    let bogota = f.output("en/actions/2025-11-bogota-mission/index.html");
    assert!(
        bogota.contains("18 December 2025") || bogota.contains("December 18, 2025"),
        "the new date"
    );
    // The same file again changes nothing.
    let again = registry_files(&f);
    let out = f.run(&["import", "filled.xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("nothing to change"),
        "{}",
        stderr(&out)
    );
    assert_eq!(registry_files(&f), again);
}

#[test]
fn an_unchanged_export_or_missing_rows_change_nothing() {
    let f = Fixture::bundled();
    assert!(f.run(&["export", "registro.xlsx"]).status.success());
    let before = registry_files(&f);
    let out = f.run(&["import", "registro.xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("nothing to change"),
        "{}",
        stderr(&out)
    );
    // Rows removed from the sheet: no entry is deleted.
    let exported = f.root().join("registro.xlsx");
    rewrite(&exported, &f.root().join("fewer.xlsx"), &|sheet, r, _| {
        (sheet == "agreements" && r > 3).then_some(Data::Empty)
    });
    let out = f.run(&["import", "fewer.xlsx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("nothing to change"),
        "{}",
        stderr(&out)
    );
    assert_eq!(registry_files(&f), before);
    // The CSV folder too.
    assert!(f.run(&["export", "tablas"]).status.success());
    assert!(f.root().join("tablas/agreements.csv").exists());
    let out = f.run(&["import", "tablas"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("nothing to change"),
        "{}",
        stderr(&out)
    );
    assert_eq!(registry_files(&f), before);
}

#[test]
fn each_bad_cell_is_named_with_advice_in_the_sites_language_and_nothing_is_written() {
    let f = Fixture::bundled();
    assert!(f.run(&["export", "registro.xlsx"]).status.success());
    let x = f.root().join("registro.xlsx");
    let lima = row(&x, "agreements", "lima-council-exchange");
    let caf = row(&x, "agreements", "caf-mobility-loan");
    let quito = row(&x, "agreements", "quito-twinning");
    let new = first_empty(&x, "agreements");
    let col = |k: &str| column(&x, "agreements", k);
    let cells: Vec<(u32, u32, Data)> = vec![
        // A date typed as text.
        (lima, col("signed"), Data::String("14 de octubre".into())),
        // An unknown status, country and currency.
        (lima, col("status"), Data::String("vigente".into())),
        (lima, col("partner_country"), Data::String("PER".into())),
        (caf, col("amount.currency"), Data::String("DOLARES".into())),
        // An empty required cell.
        (caf, col("partner"), Data::Empty),
        // A duplicate id, and an id that cannot name a file.
        (new, 0, Data::String("quito-twinning".into())),
        (new, col("status"), Data::String("active".into())),
        (new + 1, 0, Data::String("Convenio Nuevo!".into())),
        (new + 1, col("status"), Data::String("active".into())),
    ];
    rewrite(&x, &f.root().join("bad.xlsx"), &|sheet, r, c| {
        if sheet != "agreements" {
            return None;
        }
        cells
            .iter()
            .find(|(rr, cc, _)| *rr == r && *cc == c)
            .map(|(_, _, d)| d.clone())
    });
    let before = registry_files(&f);
    let out = f.run(&["import", "bad.xlsx"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    let cell = |r: u32, c: u32| {
        let mut letters = String::new();
        let mut n = c + 1;
        while n > 0 {
            letters.insert(0, (b'A' + ((n - 1) % 26) as u8) as char);
            n = (n - 1) / 26;
        }
        format!("Hoja 'agreements', celda {letters}{}", r + 1)
    };
    let expect = [
        (
            cell(lima, col("signed")),
            "«14 de octubre» no es una fecha",
            "escriba la fecha como 2026-03-05",
        ),
        (
            cell(lima, col("status")),
            "«vigente» no es uno de los valores",
            "in-negotiation, active, concluded",
        ),
        (
            cell(lima, col("partner_country")),
            "«PER» no es un código ISO de país",
            "código de dos letras",
        ),
        (
            cell(caf, col("amount.currency")),
            "«DOLARES» no es un código ISO de moneda",
            "EUR, USD, MXN",
        ),
        (
            cell(caf, col("partner")),
            "la columna partner es obligatoria",
            "complete esta celda",
        ),
        (
            cell(new, 0),
            "el id quito-twinning aparece dos veces",
            &format!("fila {}", quito + 1),
        ),
        (
            cell(new + 1, 0),
            "«Convenio Nuevo!» no puede ser un id",
            "convenio-nuevo",
        ),
    ];
    for (place, message, advice) in &expect {
        let line = err
            .lines()
            .find(|l| l.contains(place.as_str()) && l.contains(message))
            .unwrap_or_else(|| panic!("no «{place}: {message}» in\n{err}"));
        let at = err.find(line).unwrap();
        let help = err[at..].lines().nth(1).unwrap_or("");
        assert!(
            help.contains(advice) || line.contains(advice),
            "advice «{advice}» for {place}:\n{err}"
        );
    }
    // One error per fault, no more.
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error")).count(),
        expect.len(),
        "{err}"
    );
    assert_eq!(registry_files(&f), before, "nothing written");
}

#[test]
fn a_change_to_what_a_presented_report_showed_is_refused_like_check_does() {
    let f = Fixture::bundled();
    assert!(f.run(&["export", "registro.xlsx"]).status.success());
    let x = f.root().join("registro.xlsx");
    // Quito's twinning was signed in 2024 and is in the reports presented.
    let quito = row(&x, "agreements", "quito-twinning");
    let partner = column(&x, "agreements", "partner");
    rewrite(&x, &f.root().join("filled.xlsx"), &|sheet, r, c| {
        (sheet == "agreements" && r == quito && c == partner)
            .then(|| Data::String("Municipio de Quito".into()))
    });
    let before = registry_files(&f);
    let out = f.run(&["import", "filled.xlsx"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    // The error memoria check gives, and what it means for the import.
    assert!(err.contains("has changed since it was presented"), "{err}");
    assert!(err.contains("errata"), "{err}");
    assert!(
        err.contains("estos cambios modificarían un informe ya presentado"),
        "{err}"
    );
    assert!(err.contains("fe de erratas"), "{err}");
    assert_eq!(registry_files(&f), before, "nothing written");
    assert!(
        !std::fs::read_dir(f.root()).unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with(".memoria")),
        "the trial copy is removed"
    );
}

#[test]
fn a_name_written_per_language_is_shown_in_the_default_language_and_not_overwritten() {
    let f = Fixture::bundled();
    assert!(f.run(&["export", "registro.xlsx"]).status.success());
    let x = f.root().join("registro.xlsx");
    // The partner of this agreement is written per language in its file.
    let cdmx = row(&x, "agreements", "mexico-city-reporting");
    let partner = column(&x, "agreements", "partner");
    let mut book: Xlsx<_> = open_workbook(&x).unwrap();
    let sheet = book.worksheet_range("agreements").unwrap();
    assert_eq!(
        sheet.get_value((cdmx, partner)),
        Some(&Data::String("Gobierno de la Ciudad de México".into())),
        "the cell holds the name in the site's default language"
    );
    rewrite(&x, &f.root().join("filled.xlsx"), &|name, r, c| {
        (name == "agreements" && r == cdmx && c == partner)
            .then(|| Data::String("Gobierno de la CDMX".into()))
    });
    let before = registry_files(&f);
    let out = f.run(&["import", "filled.xlsx"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("Hoja 'agreements'"), "{err}");
    assert!(
        err.contains(
            "«partner» está escrito por idioma en content/agreements/mexico-city-reporting.yaml"
        ),
        "{err}"
    );
    assert!(err.contains("editor de memoria serve"), "{err}");
    assert_eq!(err.matches("error:").count(), 1, "one error: {err}");
    assert_eq!(registry_files(&f), before, "nothing written");
}

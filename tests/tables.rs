//! The CSV files under `/data/` as data tools read them: typed columns (a
//! number column holds only numbers, levels of a scale have their own
//! columns, periods come with their first and last day), described by
//! `/data/datapackage.json` and checked with `frictionless validate`.

mod common;

use std::process::Command;

use common::Fixture;
use serde_json::Value;

#[test]
fn bundled_tables_are_valid_against_their_data_package() {
    let test = "bundled_tables_are_valid_against_their_data_package";
    let has = Command::new("python3")
        .args(["-c", "import frictionless"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{test} cannot run: python3 cannot import frictionless (.ci/run installs it)"
        );
        eprintln!("SKIPPED: {test}: python3 cannot import frictionless (pip install frictionless)");
        return;
    }
    let f = Fixture::bundled();
    f.build_ok();
    let script = r#"
import json, sys
from frictionless import validate
report = validate(sys.argv[1])
print(json.dumps({"valid": report.valid, "tasks": len(report.tasks),
                  "rows": sum(t.stats.get("rows", 0) or 0 for t in report.tasks),
                  "errors": [e.message for e in report.flatten(["message"])][:20]}))
"#;
    let out = Command::new("python3")
        .args(["-c", script, "public/data/datapackage.json"])
        .current_dir(f.root())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(report["valid"], true, "{report}");
    assert_eq!(report["errors"], serde_json::json!([]), "{report}");
    // Every CSV file is checked, and they are not empty.
    let csv_files = walkdir::WalkDir::new(f.root().join("public/data"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "csv"))
        .count();
    assert_eq!(report["tasks"], csv_files, "{report}");
    assert!(report["rows"].as_u64().unwrap() > 100, "{report}");
}

#[test]
fn the_indicator_table_has_one_type_per_column() {
    let f = Fixture::bundled();
    f.build_ok();
    let package: Value = serde_json::from_str(&f.output("data/datapackage.json")).unwrap();
    let indicators = package["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["path"] == "indicators.csv")
        .expect("indicators.csv is described");
    let types: Vec<(String, String)> = indicators["schema"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["name"].as_str().unwrap().to_string(),
                f["type"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for (name, kind) in [
        ("period", "string"),
        ("period_start", "date"),
        ("period_end", "date"),
        ("value", "number"),
        ("scale_level", "string"),
        ("scale_rank", "integer"),
    ] {
        assert!(
            types.contains(&(name.to_string(), kind.to_string())),
            "{name}: {kind} not in {types:?}"
        );
    }
    let csv = f.output("data/indicators.csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (mut numbers, mut levels) = (0, 0);
    for row in reader.records() {
        let row = row.unwrap();
        let value = &row[col("value")];
        if value.is_empty() {
            // A level of a scale: its id and its rank.
            assert!(!row[col("scale_level")].is_empty(), "{row:?}");
            assert!(
                row[col("scale_rank")].parse::<u32>().unwrap() >= 1,
                "{row:?}"
            );
            levels += 1;
        } else {
            value
                .parse::<f64>()
                .unwrap_or_else(|_| panic!("{value} is not a number"));
            assert!(row[col("scale_level")].is_empty(), "{row:?}");
            numbers += 1;
        }
        assert!(
            row[col("period_start")] <= row[col("period_end")],
            "{row:?}"
        );
    }
    assert!(
        numbers > 0 && levels > 0,
        "{numbers} numbers, {levels} levels"
    );
    // The city's perception in 2025 is "fair", the second level of its scale
    // (the empty `sex` column before `value`: it is a total).
    assert!(
        csv.contains(
            "citizen-perception,territorial,qualitative,impact,2025,2025-01-01,2025-12-31,,,fair,2,"
        ),
        "{csv}"
    );
}

//! `/data/datapackage.json`: a Frictionless Tabular Data Package that
//! describes every CSV file under `/data/` with a Table Schema, so that data
//! tools type each column (numbers, whole numbers, dates, text) without
//! guessing.

use serde::Serialize;

use crate::output::OutputFile;
use crate::site::Site;

/// The package.
#[derive(Serialize)]
struct DataPackage {
    profile: &'static str,
    name: &'static str,
    title: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    licenses: Vec<PackageLicence>,
    resources: Vec<Resource>,
}

/// The licence of the package, by its address.
#[derive(Serialize)]
struct PackageLicence {
    path: String,
}

/// One CSV file.
#[derive(Serialize)]
struct Resource {
    profile: &'static str,
    name: String,
    path: String,
    format: &'static str,
    mediatype: &'static str,
    encoding: &'static str,
    schema: TableSchema,
}

/// The columns of a CSV file.
#[derive(Serialize)]
struct TableSchema {
    fields: Vec<Field>,
    /// An empty cell is a missing value.
    #[serde(rename = "missingValues")]
    missing_values: [&'static str; 1],
}

/// One column.
#[derive(Serialize)]
struct Field {
    name: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    constraints: Option<Constraints>,
}

#[derive(Serialize)]
struct Constraints {
    minimum: u32,
}

/// The type of a column of memoria's CSV files, by its name: every file
/// names its columns the same way (`value`, `amount`, `cost` are numbers,
/// `period_start`, `signed`, `date`… are dates).
fn column_type(name: &str) -> &'static str {
    match name {
        "value" | "amount" | "cost" => "number",
        "scale_rank" => "integer",
        "period_start" | "period_end" | "signed" | "ends" | "date" | "end_date" => "date",
        _ => "string",
    }
}

/// The package describing the CSV files of `files`; `None` when there are none.
pub(crate) fn datapackage(site: &Site, files: &[OutputFile]) -> Option<OutputFile> {
    let resources: Vec<Resource> = files
        .iter()
        .filter(|f| f.path.ends_with(".csv"))
        .filter_map(|f| {
            let path = f.path.strip_prefix("data/")?.to_string();
            let header = csv::Reader::from_reader(f.bytes.as_slice())
                .headers()
                .ok()?
                .clone();
            let fields = header
                .iter()
                .map(|name| {
                    let kind = column_type(name);
                    Field {
                        name: name.to_string(),
                        kind,
                        constraints: (name == "scale_rank").then_some(Constraints { minimum: 1 }),
                    }
                })
                .collect();
            Some(Resource {
                profile: "tabular-data-resource",
                name: path
                    .trim_end_matches(".csv")
                    .to_lowercase()
                    .replace('/', "-"),
                path,
                format: "csv",
                mediatype: "text/csv",
                encoding: "utf-8",
                schema: TableSchema {
                    fields,
                    missing_values: [""],
                },
            })
        })
        .collect();
    if resources.is_empty() {
        return None;
    }
    let config = &site.config;
    let package = DataPackage {
        profile: "tabular-data-package",
        name: "memoria-open-data",
        title: config.title(config.default_language()).to_string(),
        licenses: config
            .licence
            .iter()
            .map(|l| PackageLicence {
                path: l.url.clone(),
            })
            .collect(),
        resources,
    };
    let value = serde_json::to_value(&package).ok()?;
    Some(OutputFile::new(
        "data/datapackage.json".into(),
        super::to_bytes(&value),
        "open data (table schemas)".into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::column_type;

    #[test]
    fn columns_are_typed_by_name() {
        assert_eq!(column_type("value"), "number");
        assert_eq!(column_type("scale_rank"), "integer");
        assert_eq!(column_type("period_start"), "date");
        assert_eq!(column_type("period"), "string");
        assert_eq!(column_type("title_es"), "string");
    }
}

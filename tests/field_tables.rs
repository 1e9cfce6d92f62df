//! The field tables and the loaders cannot drift apart. A loader that reads
//! a field its table does not declare, or reads it as required when the
//! table says optional (or the other way round), panics in debug builds
//! (see `memoria::yaml::model`); here, the other way round: every field the
//! tables declare is read by the loader from the files of the bundled site.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use memoria::content::data_file;
use memoria::content::files::{Kind, SourceFile};
use memoria::content::markdown_file;
use memoria::content::types::TYPES;
use memoria::content::{vocabulary, Action, Agreement, CaseMeta, Indicator, PageMeta, ReportMeta};
use memoria::diagnostics::Diagnostics;
use memoria::yaml::model;

fn languages() -> Vec<String> {
    vec!["es".into(), "en".into()]
}

fn files(folder: &str, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(common::repo_root().join("content").join(folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some(ext))
        .collect();
    out.sort();
    out
}

fn rel(path: &Path) -> PathBuf {
    path.strip_prefix(common::repo_root())
        .unwrap()
        .to_path_buf()
}

/// The fields read in the bundled files of `folder` and in `extra` texts
/// (named like files of that folder), for fields the bundled site lacks.
fn markdown<M: markdown_file::Meta>(
    kind: Kind,
    folder: &str,
    extra: &[(&str, &str)],
) -> Vec<String> {
    let mut texts: Vec<(PathBuf, String)> = files(folder, "md")
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect();
    for (name, text) in extra {
        let path = common::repo_root().join("content").join(folder).join(name);
        texts.push((path, text.to_string()));
    }
    let mut out = Vec::new();
    for (path, text) in texts {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut parts = name.split('.');
        let file = SourceFile {
            kind,
            abs: path.clone(),
            rel: rel(&path),
            id: parts.next().unwrap().into(),
            lang: parts.next().unwrap().into(),
        };
        out.extend(markdown_file::fields_read::<M>(&file, text, &languages()));
    }
    out
}

/// A presented report with a correction (the bundled reports have none).
const CORRECTED_REPORT: &str = "---\ntitle: Informe\nlegislature: Concejo\npresented: 2025-07-15\nerrata:\n  - { date: 2025-08-01, description: \"Se corrigió una cifra.\" }\n---\n\nTexto.\n";

fn data<T: data_file::DataItem>(folder: &str) -> Vec<String> {
    let mut out = Vec::new();
    for path in files(folder, "yaml") {
        let text = std::fs::read_to_string(&path).unwrap();
        out.extend(data_file::fields_read::<T>(
            "example",
            rel(&path),
            text,
            &languages(),
        ));
    }
    out
}

/// A path as read (`observations[1].value`, `themes.city-networks.label`)
/// written as the tables write it (`observations.value`, `themes.label`).
fn normalised(type_name: &str, path: &str) -> String {
    let mut out = String::new();
    let mut skip = false;
    for c in path.chars() {
        match c {
            '[' => skip = true,
            ']' => skip = false,
            _ if !skip => out.push(c),
            _ => {}
        }
    }
    if type_name == "vocabulary" {
        let parts: Vec<&str> = out.split('.').collect();
        if parts.len() > 2 {
            return format!("{}.{}", parts[0], parts[2..].join("."));
        }
    }
    out
}

#[test]
fn every_declared_field_is_read_by_its_loader() {
    for t in TYPES {
        let read = match t.name {
            "cases" => markdown::<CaseMeta>(Kind::Case, "cases", &[]),
            "pages" => markdown::<PageMeta>(Kind::Page, "pages", &[]),
            "reports" => markdown::<ReportMeta>(
                Kind::Report,
                "reports",
                &[("2024-S1.es.md", CORRECTED_REPORT)],
            ),
            "indicators" => data::<Indicator>("indicators"),
            "agreements" => data::<Agreement>("agreements"),
            "actions" => data::<Action>("actions"),
            "vocabulary" => {
                let rel = Path::new("content/vocabulary.yaml");
                let text = std::fs::read_to_string(common::repo_root().join(rel)).unwrap();
                vocabulary::parse(rel, &text, &languages(), &mut Diagnostics::new()).1
            }
            other => panic!("a test for the content type {other} is missing here"),
        };
        let read: BTreeSet<String> = read.iter().map(|p| normalised(t.name, p)).collect();
        let declared: BTreeSet<String> = model::paths(t.tables).into_iter().collect();
        assert_eq!(
            declared, read,
            "{}: the fields declared (left) and those its loader reads in the bundled site (right) differ",
            t.name
        );
    }
}

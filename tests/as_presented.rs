//! A presented report stays published as it was presented: `build` keeps
//! its content in `reports.presented/`, checked against `reports.lock`,
//! and publishes it at `/<lang>/<reports>/<period>/as-presented/` next to
//! the current version, which lists what changed since.

mod common;

use common::{only_error_and_help, snapshot, stderr, Fixture};
use sha2::Digest;

/// `sha256:` and the hex SHA-256 of `bytes`.
fn sha256(bytes: &[u8]) -> String {
    let hex: String = sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("sha256:{hex}")
}

/// The fingerprints of the report of `period` in `lang` in the lock of
/// `f`: the one recorded first (as presented) and the current one.
fn recorded(f: &Fixture, period: &str, lang: &str) -> (String, String) {
    let lock: toml::Value = toml::from_str(&f.read("reports.lock")).unwrap();
    let entry = lock["report"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["period"].as_str() == Some(period) && e["language"].as_str() == Some(lang))
        .unwrap_or_else(|| panic!("{period} ({lang}) is not in the lock"));
    let current = entry["fingerprint"].as_str().unwrap().to_string();
    let first = entry
        .get("previous")
        .and_then(|p| p.as_array())
        .and_then(|p| p.first())
        .map_or(current.clone(), |v| {
            v["fingerprint"].as_str().unwrap().to_string()
        });
    (first, current)
}

/// The HTML of the pages under `as-presented/` of the output of `f`.
fn as_presented_pages(f: &Fixture) -> Vec<(String, Vec<u8>)> {
    snapshot(&f.root().join("public"))
        .into_iter()
        .filter(|(p, _)| p.contains("/as-presented/"))
        .collect()
}

const EN: &str = "en/reports/2025-s1/";
const ES: &str = "es/informes/2025-s1/";

#[test]
fn the_bundled_corrected_report_is_published_as_presented_in_each_language() {
    let f = Fixture::bundled();
    let stored_before = snapshot(&f.root().join("reports.presented"));
    let out = f.build_ok();
    assert!(
        stderr(&out).contains("0 errors, 0 warnings"),
        "{}",
        stderr(&out)
    );
    for (lang, page, wording, corrected) in [
        (
            "en",
            EN,
            "the plan will be presented to the Council",
            "the plan will be submitted to the Council",
        ),
        (
            "es",
            ES,
            "que será presentado al Concejo",
            "que será sometido al Concejo",
        ),
    ] {
        let (first, current) = recorded(&f, "2025-S1", lang);
        assert_ne!(first, current, "2025-S1 ({lang}) was corrected");
        let stored = std::fs::read(
            f.root()
                .join(format!("reports.presented/2025-S1.{lang}.json")),
        )
        .unwrap();
        assert_eq!(
            sha256(&stored),
            first,
            "the stored file is what was fingerprinted"
        );
        let presented = f.output(&format!("{page}as-presented/index.html"));
        assert!(presented.contains(&first), "original fingerprint shown");
        assert!(!presented.contains(&current), "not the current fingerprint");
        assert!(presented.contains(wording), "original wording: {lang}");
        assert!(!presented.contains(corrected), "not the corrected wording");
        assert!(
            presented.contains(&format!("href=\"/{page}\"")),
            "links to the current version"
        );
        let now = f.output(&format!("{page}index.html"));
        assert!(now.contains(corrected) && !now.contains(wording));
        assert!(now.contains(&format!("href=\"/{page}as-presented/\"")));
        assert!(now.contains(&first) && now.contains(&current));
    }
    // The differences, section by section, with the erratum explaining each.
    let en = f.output(&format!("{EN}index.html"));
    assert!(
        en.contains("Changes since the version as presented"),
        "{en}"
    );
    assert!(
        en.contains("<a href=\"#part-narrative\">Presentation</a>: explained by <a href=\"#erratum-1\">erratum 1</a>"),
        "{en}"
    );
    assert!(en.contains(
        "<a href=\"#part-actions\">International actions</a>: explained by <a href=\"#erratum-2\">erratum 2</a>"
    ));
    assert!(
        !en.contains("<a href=\"#part-agreements\">Agreements</a>: "),
        "only the sections that changed"
    );
    let es = f.output(&format!("{ES}index.html"));
    assert!(es.contains(
        "<a href=\"#part-narrative\">Presentación</a>: explicado por <a href=\"#erratum-1\">errata 1</a>"
    ));
    // The open data gives the version as presented with its content, which
    // recomputes to the fingerprint recorded then.
    let bundle: serde_json::Value =
        serde_json::from_str(&f.output("data/reports/2025-S1.json")).unwrap();
    for lang in ["en", "es"] {
        let part = &bundle["languages"][lang]["as_presented"];
        let (first, _) = recorded(&f, "2025-S1", lang);
        assert_eq!(part["fingerprint"], first.as_str());
        let text = serde_json::to_string(&part["content"]).unwrap();
        assert_eq!(sha256(text.as_bytes()), first);
        assert!(part["url"]
            .as_str()
            .unwrap()
            .ends_with("/2025-s1/as-presented/"));
    }
    // A report never corrected has its version as presented too.
    let s2 = f.output("en/reports/2024-s2/as-presented/index.html");
    assert!(s2.contains("The current version has the same content."));
    // The sitemap lists them, with their translations.
    let sitemap = f.output("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.org/en/reports/2025-s1/as-presented/</loc>")
            || sitemap.contains("/en/reports/2025-s1/as-presented/</loc>"),
        "{sitemap}"
    );
    assert!(
        sitemap.contains("hreflang=\"es\" href=\"")
            && sitemap.contains("/es/informes/2025-s1/as-presented/\"")
    );
    // Building does not touch what is stored, and gives the same bytes again.
    assert_eq!(snapshot(&f.root().join("reports.presented")), stored_before);
    let first_build = snapshot(&f.root().join("public"));
    f.build_ok();
    assert_eq!(snapshot(&f.root().join("public")), first_build);
    let check = f.run(&["check", "--strict"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn the_version_as_presented_does_not_change_when_the_registry_does() {
    let f = Fixture::bundled();
    f.build_ok();
    let before = as_presented_pages(&f);
    assert_eq!(before.len(), 4, "2024-S2 and 2025-S1 in two languages");
    // The amount of an agreement signed in 2025-S1 is corrected, with an
    // erratum in each language.
    f.edit(
        "content/agreements/famsi-solidarity-fund.yaml",
        "value: 180000",
        "value: 185000",
    );
    f.edit(
        "content/reports/2025-S1.en.md",
        "\n---\n",
        "\n  - { date: 2025-10-01, kind: correction, section: agreements, description: \"The amount of the FAMSI fund was corrected.\" }\n---\n",
    );
    f.edit(
        "content/reports/2025-S1.es.md",
        "\n---\n",
        "\n  - { date: 2025-10-01, kind: correction, section: agreements, description: \"Se corrigió el monto del fondo con FAMSI.\" }\n---\n",
    );
    let out = f.build_ok();
    assert!(
        stderr(&out).contains("0 errors, 0 warnings"),
        "{}",
        stderr(&out)
    );
    let now = f.output(&format!("{EN}index.html"));
    assert!(now.contains("185,000 EUR"), "the current version changed");
    assert!(now.contains(
        "<a href=\"#part-agreements\">Agreements</a>: explained by <a href=\"#erratum-3\">erratum 3</a>"
    ), "{now}");
    let after = as_presented_pages(&f);
    assert_eq!(
        after, before,
        "the versions as presented are byte for byte the same"
    );
    assert!(f
        .output(&format!("{EN}as-presented/index.html"))
        .contains("180,000 EUR"));
}

#[test]
fn an_edited_stored_report_is_an_error_naming_the_file() {
    let f = Fixture::bundled();
    f.edit(
        "reports.presented/2025-S1.en.json",
        "presented to the Council",
        "submitted to the Council",
    );
    for command in [&["build"][..], &["check"][..]] {
        let out = f.run(command);
        let (error, help) = only_error_and_help(&out);
        assert!(
            error.starts_with("error: reports.presented/2025-S1.en.json: ")
                && error.contains("edited or damaged")
                && error.contains("reports.lock"),
            "{error}"
        );
        assert!(
            help.contains("git checkout reports.presented/2025-S1.en.json"),
            "{help}"
        );
        assert!(!stderr(&out).contains("warning:"), "{}", stderr(&out));
    }
    assert!(!f.has_output("index.html"), "nothing is written");
    // With another fault elsewhere, both are reported in the same run.
    f.edit(
        "content/reports/2024-S2.en.md",
        "legislature:",
        "legislatur:",
    );
    let out = f.run(&["build"]);
    let err = stderr(&out);
    let errors = common::error_lines_in(&err);
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("error: reports.presented/2025-S1.en.json: "))
            && errors
                .iter()
                .any(|e| e.starts_with("error: content/reports/2024-S2.en.md:")),
        "{err}"
    );
}

/// A site with one report, presented, in Spanish and English.
fn small_site() -> Fixture {
    let f = Fixture::new(&["es", "en"]);
    for (lang, text) in [("es", "Texto del informe."), ("en", "The report's text.")] {
        f.write(
            &format!("content/reports/2025-S1.{lang}.md"),
            &format!("---\ntitle: \"Informe {lang}\"\nlegislature: \"Concejo Municipal\"\npresented: 2025-07-20\n---\n\n## Introducción\n\n{text}\n"),
        );
    }
    f
}

#[test]
fn build_stores_a_newly_presented_report_and_check_does_not() {
    let f = small_site();
    let check = f.run(&["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(!f.root().join("reports.presented").exists());
    assert!(!f.root().join("reports.lock").exists());
    let out = f.build_ok();
    assert!(
        stderr(&out).contains("stored 2 report(s) as presented in reports.presented"),
        "{}",
        stderr(&out)
    );
    for (lang, page) in [("es", ES), ("en", EN)] {
        let stored = std::fs::read(
            f.root()
                .join(format!("reports.presented/2025-S1.{lang}.json")),
        )
        .unwrap();
        let (first, current) = recorded(&f, "2025-S1", lang);
        assert_eq!(first, current);
        assert_eq!(sha256(&stored), first);
        let html = f.output(&format!("{page}as-presented/index.html"));
        assert!(html.contains(&first));
    }
    // The stored content is the canonical JSON the data bundle publishes.
    let bundle: serde_json::Value =
        serde_json::from_str(&f.output("data/reports/2025-S1.json")).unwrap();
    let stored: serde_json::Value =
        serde_json::from_str(&f.read("reports.presented/2025-S1.es.json")).unwrap();
    assert_eq!(bundle["languages"]["es"]["content"], stored);
    // A second build writes nothing new there, and the same site.
    let stored = snapshot(&f.root().join("reports.presented"));
    let site = snapshot(&f.root().join("public"));
    let again = f.build_ok();
    assert!(!stderr(&again).contains("stored"), "{}", stderr(&again));
    assert_eq!(snapshot(&f.root().join("reports.presented")), stored);
    assert_eq!(snapshot(&f.root().join("public")), site);
}

#[test]
fn a_report_corrected_before_versions_were_kept_is_not_invented() {
    let f = Fixture::bundled();
    f.remove("reports.presented/2025-S1.en.json");
    f.remove("reports.presented/2025-S1.es.json");
    let out = f.build_ok();
    let err = stderr(&out);
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(warnings.len(), 2, "one per language:\n{err}");
    for lang in ["en", "es"] {
        assert!(
            warnings.iter().any(|w| w.starts_with(&format!(
                "warning: content/reports/2025-S1.{lang}.md: the report 2025-S1 ({lang}) was corrected before memoria kept reports as presented"
            ))),
            "{err}"
        );
    }
    assert!(
        err.contains("help: to publish it, put back in content/reports/2025-S1.en.md and in the registry what the errata changed"),
        "{err}"
    );
    assert!(!f.root().join("reports.presented/2025-S1.en.json").exists());
    assert!(!f.has_output(&format!("{EN}as-presented/index.html")));
    assert!(!f
        .output(&format!("{EN}index.html"))
        .contains("as-presented/"));
    assert!(!f.output("sitemap.xml").contains("2025-s1/as-presented/"));
    assert!(f.has_output("en/reports/2024-s2/as-presented/index.html"));
}

/// Undoes the third erratum of 2025-S1 (en): the actions of the first half
/// of 2025 name their places and funders once, in Spanish, as when the
/// report was presented. Gives each file changed and its corrected text.
fn names_as_presented(f: &Fixture) -> Vec<(String, String)> {
    let mut changed = Vec::new();
    let folder = f.root().join("content/actions");
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("2025-0") && n.as_str() < "2025-07")
        .collect();
    names.sort();
    for name in names {
        let path = format!("content/actions/{name}");
        let text = f.read(&path);
        let mut once = String::new();
        for line in text.lines() {
            let line = match (line.find("{ es: "), line.find(", en: \"")) {
                (Some(start), Some(en))
                    if line.starts_with("place:") || line.starts_with("funded_by:") =>
                {
                    let close = en + line[en..].find(" }").unwrap();
                    format!(
                        "{}{}{}",
                        &line[..start],
                        &line[start + 6..en],
                        &line[close + 2..]
                    )
                }
                _ => line.to_string(),
            };
            once.push_str(&line);
            once.push('\n');
        }
        if once != text {
            f.write(&path, &once);
            changed.push((path, text));
        }
    }
    assert!(changed.len() > 3, "{changed:?}");
    changed
}

#[test]
fn putting_the_presented_content_back_stores_it() {
    let f = Fixture::bundled();
    f.remove("reports.presented/2025-S1.en.json");
    f.remove("reports.presented/2025-S1.es.json");
    let lock = f.read("reports.lock");
    // What the errata changed, as it was when presented.
    let action = "content/actions/2025-05-brussels-mission.yaml";
    let corrected_action = f.read(action);
    let authorisation = corrected_action
        .lines()
        .find(|l| l.starts_with("authorisation:"))
        .unwrap();
    f.edit(action, &format!("{authorisation}\n"), "");
    let renamed = names_as_presented(&f);
    f.edit(
        "content/reports/2025-S1.en.md",
        "will be submitted to",
        "will be presented to",
    );
    f.edit(
        "content/reports/2025-S1.es.md",
        "será sometido al",
        "será presentado al",
    );
    let out = f.build_ok();
    assert!(
        stderr(&out).contains("stored 2 report(s) as presented"),
        "{}",
        stderr(&out)
    );
    assert_eq!(f.read("reports.lock"), lock, "the lock is kept as it is");
    for lang in ["en", "es"] {
        let stored = f.read(&format!("reports.presented/2025-S1.{lang}.json"));
        assert_eq!(sha256(stored.as_bytes()), recorded(&f, "2025-S1", lang).0);
        assert_eq!(
            stored,
            std::fs::read_to_string(
                common::repo_root().join(format!("reports.presented/2025-S1.{lang}.json"))
            )
            .unwrap(),
            "the same as the bundled one"
        );
    }
    // The corrections come back: no error, the page as presented is there.
    for (path, text) in renamed {
        f.write(&path, &text);
    }
    f.write(action, &corrected_action);
    f.edit(
        "content/reports/2025-S1.en.md",
        "will be presented to",
        "will be submitted to",
    );
    f.edit(
        "content/reports/2025-S1.es.md",
        "será presentado al",
        "será sometido al",
    );
    let out = f.build_ok();
    assert!(
        stderr(&out).contains("0 errors, 0 warnings"),
        "{}",
        stderr(&out)
    );
    assert!(f
        .output(&format!("{EN}as-presented/index.html"))
        .contains("will be presented to the Council"));
}

#[test]
fn an_unchanged_report_presented_before_versions_were_kept_is_stored_by_build() {
    let f = Fixture::bundled();
    f.remove("reports.presented/2024-S2.en.json");
    f.remove("reports.presented/2024-S2.es.json");
    let check = f.run(&["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let err = stderr(&check);
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(warnings.len(), 2, "one per language:\n{err}");
    assert!(
        warnings.contains(&"warning: content/reports/2024-S2.es.md: the report 2024-S2 (es) as presented is not stored in reports.presented yet"),
        "{err}"
    );
    assert!(
        err.contains("help: run `memoria build` to store it, then commit reports.presented"),
        "{err}"
    );
    assert!(!f.root().join("reports.presented/2024-S2.es.json").exists());
    let out = f.build_ok();
    assert!(
        stderr(&out).contains("stored 2 report(s) as presented"),
        "{}",
        stderr(&out)
    );
    for lang in ["en", "es"] {
        let stored = f.read(&format!("reports.presented/2024-S2.{lang}.json"));
        assert_eq!(
            stored,
            std::fs::read_to_string(
                common::repo_root().join(format!("reports.presented/2024-S2.{lang}.json"))
            )
            .unwrap()
        );
    }
    let check = f.run(&["check", "--strict"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn a_kept_report_missing_from_the_lock_is_an_error_with_what_to_do() {
    let f = small_site();
    f.build_ok();
    // The lock loses its entries (restored from an old copy, say) while the
    // report, since then, was corrected.
    f.remove("reports.lock");
    f.edit(
        "content/reports/2025-S1.en.md",
        "The report's text.",
        "The report's corrected text.",
    );
    let out = f.run(&["build"]);
    let (error, help) = only_error_and_help(&out);
    assert!(
        error.starts_with("error: reports.presented/2025-S1.en.json: this file is not the report 2025-S1 (en) as presented"),
        "{error}"
    );
    assert!(
        help.starts_with("reports.lock has no entry for this report: restore reports.lock"),
        "{help}"
    );
    assert!(!f.root().join("reports.lock").exists(), "nothing recorded");
}

/// The registry's fuller facts (counterparts, signatories, registration,
/// commitments, money) a report held when presented stay on its version
/// as presented, in the page and in the printed PDF, after the agreement
/// changes.
#[test]
fn the_registry_facts_of_a_report_stay_on_its_version_as_presented() {
    let f = Fixture::bundled();
    for lang in ["es", "en"] {
        f.edit(
            &format!("content/reports/2025-S2.{lang}.md"),
            "legislature: \"",
            "presented: 2026-02-10\nlegislature: \"",
        );
    }
    let out = f.run(&["build", "--pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stored = f.read("reports.presented/2025-S2.es.json");
    for fact in [
        "\"signatories\"",
        "\"registration\"",
        "\"funds\"",
        "RAI-2025-0417",
    ] {
        assert!(stored.contains(fact), "{fact} in {stored}");
    }
    // The agreement changes afterwards, with an erratum.
    f.edit(
        "content/agreements/mexico-city-reporting.yaml",
        "Carlos Méndez Ríos",
        "Carla Méndez Ríos",
    );
    for lang in ["es", "en"] {
        f.edit(
            &format!("content/reports/2025-S2.{lang}.md"),
            "presented: 2026-02-10\n",
            "presented: 2026-02-10\nerrata:\n  - { date: 2026-03-01, kind: typo, section: agreements, description: \"Signatory's name\" }\n",
        );
    }
    let out = f.run(&["build", "--pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for (page, words) in [
        (
            "es/informes/2025-s2/as-presented/index.html",
            [
                "Carlos Méndez Ríos, Alcalde de Ciudad Ejemplo",
                "RAI-2025-0417",
                "175.000 MXN",
                "Universidad Nacional Autónoma de México (México) — Universidad",
            ],
        ),
        (
            "en/reports/2025-s2/as-presented/index.html",
            [
                "Carlos Méndez Ríos, Alcalde de Ciudad Ejemplo",
                "RAI-2025-0417",
                "175,000 MXN",
                "Universidad Nacional Autónoma de México (Mexico) — University",
            ],
        ),
    ] {
        let html = f.output(page);
        for w in words {
            assert!(html.contains(w), "{w:?} on {page}");
        }
        assert!(!html.contains("Carla Méndez"), "{page}");
    }
    let current = f.output("en/reports/2025-s2/index.html");
    assert!(current.contains("Carla Méndez Ríos"), "the current version");
    // The printed version as presented holds them too (read back when
    // pdftotext is here: tests/pdf.rs requires it under CI).
    let pdf = f
        .root()
        .join("public/en/reports/2025-s2/as-presented/2025-S2.pdf");
    assert!(pdf.exists(), "the PDF as presented");
    if let Ok(text) = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
    {
        let text = String::from_utf8_lossy(&text.stdout).replace('\n', " ");
        assert!(text.contains("RAI-2025-0417"), "{text}");
        assert!(text.contains("Carlos Méndez Ríos"), "{text}");
    }
}

//! `build --pdf`: each report typeset to a paginated PDF (Typst, no browser),
//! linked from its page and listed in the catalogue; the cover facts of
//! `site.toml` and their errors; the same bytes from the same sources.
//!
//! Reading the printed text back needs `pdftotext` and `pdfinfo`
//! (poppler-utils). The tests that do are ignored by default: `cargo test`
//! reports them as ignored, `cargo test --test pdf -- --ignored` runs them
//! (`.ci/run` does), failing when the tool is missing. Under `CI=true` the
//! small test below fails when it is missing. The other tests need nothing.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::Command;

use common::{only_error_and_help, stderr, Fixture};

/// True when `pdftotext` and `pdfinfo` (poppler-utils) run.
fn has_poppler() -> bool {
    ["pdftotext", "pdfinfo"].iter().all(|tool| {
        Command::new(tool)
            .arg("-v")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

#[test]
fn under_ci_the_pdf_reading_tools_are_installed() {
    if std::env::var("CI").as_deref() == Ok("true") {
        assert!(
            has_poppler(),
            "printed reports cannot be read back: install poppler-utils"
        );
    } else if !has_poppler() {
        // Written past the test harness's capture, so the message is seen.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: the printed text of reports (tests/pdf.rs, ignored tests): missing pdftotext (apt-get install poppler-utils)"
        );
    }
}

/// The text of each page of the PDF at `path` (`-layout` keeps the lines).
fn pages(path: &Path, layout: bool) -> Vec<String> {
    let mut cmd = Command::new("pdftotext");
    if layout {
        cmd.arg("-layout");
    }
    let out = cmd.arg(path).arg("-").output().expect("pdftotext runs");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8 text");
    let mut pages: Vec<String> = text.split('\u{c}').map(String::from).collect();
    // The text ends with a form feed: the last piece is empty.
    assert_eq!(pages.pop().as_deref(), Some(""), "{text}");
    pages
}

/// `text` with every run of white space made one space, and the soft
/// hyphens of words broken at the end of a line taken out.
fn flat(text: &str) -> String {
    text.replace("\u{ad}\n", "")
        .replace(['\u{ad}', '\u{2060}'], "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The non-empty lines of a page.
fn lines(page: &str) -> Vec<&str> {
    page.lines().filter(|l| !l.trim().is_empty()).collect()
}

/// `pdfinfo`'s `Key: value` lines.
fn info(path: &Path) -> std::collections::BTreeMap<String, String> {
    let out = Command::new("pdfinfo")
        .arg(path)
        .output()
        .expect("pdfinfo runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// The words of the PDF at `path` that stand outside the left and right
/// margins of an A4 page (2.2 cm), with a little room for punctuation that
/// hangs into the margin.
fn words_outside_the_margins(path: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let number = |line: &str, key: &str| -> f64 {
        let at = line.find(key).unwrap() + key.len();
        line[at..at + line[at..].find('"').unwrap()]
            .parse()
            .unwrap()
    };
    let (margin, width, slack) = (2.2 / 2.54 * 72.0, 595.28, 4.0);
    text.lines()
        .filter(|l| l.trim_start().starts_with("<word "))
        .filter(|l| {
            number(l, "xMin=\"") < margin - slack || number(l, "xMax=\"") > width - margin + slack
        })
        .map(String::from)
        .collect()
}

/// The text of the first `<time …>TEXT</time>` of `html` after `after`.
fn time_text<'a>(html: &'a str, after: &str) -> &'a str {
    let rest = &html[html.find(after).expect(after)..];
    let rest = &rest[rest.find("<time").expect("a <time>")..];
    let start = rest.find('>').unwrap() + 1;
    &rest[start..rest.find("</time>").unwrap()]
}

/// What a report's language writes, for the checks.
struct Words {
    lang: &'static str,
    folder: &'static str,
    page_of: fn(usize, usize) -> String,
    toc: &'static str,
    parts: [&'static str; 6],
    city: &'static str,
    office: &'static str,
    legislature: &'static str,
    period: &'static str,
    draft: &'static str,
}

const ES: Words = Words {
    lang: "es",
    folder: "es/informes",
    page_of: |x, y| format!("Página {x} de {y}"),
    toc: "Contenido",
    parts: [
        "1. Presentación",
        "2. Convenios",
        "3. Acciones internacionales",
        "4. Indicadores",
        "5. Buenas prácticas publicadas",
        "6. Anexo",
    ],
    city: "Ciudad Ejemplo",
    office: "Dirección de Relaciones Internacionales",
    legislature: "Concejo Municipal de Ciudad Ejemplo",
    period: "1.º semestre de 2025",
    draft: "BORRADOR",
};

const EN: Words = Words {
    lang: "en",
    folder: "en/reports",
    page_of: |x, y| format!("Page {x} of {y}"),
    toc: "Contents",
    parts: [
        "1. Presentation",
        "2. Agreements",
        "3. International actions",
        "4. Indicators",
        "5. Good practices published",
        "6. Annex",
    ],
    city: "Example City",
    office: "Office of International Relations",
    legislature: "City Council of Example City",
    period: "H1 2025",
    draft: "DRAFT",
};

/// The entries of the table of contents on `page` (`-layout` text): each
/// title and the page number it gives.
fn toc_entries(page: &str) -> Vec<(String, usize)> {
    page.lines()
        .filter_map(|l| {
            let l = l.replace('\u{2060}', "");
            let (title, number) = l.trim().rsplit_once(' ')?;
            let title = title.trim_end_matches([' ', '.']);
            // An entry is its title, a leader of dots, and the page.
            (l.contains(". . .") && !title.is_empty())
                .then(|| Some((title.trim().to_string(), number.parse().ok()?)))?
        })
        .collect()
}

/// Checks the printed report of 2025-S1 in one language, as a legislature
/// receives it; returns its bytes.
fn check_presented_report(f: &Fixture, w: &Words) -> Vec<u8> {
    let pdf = f
        .root()
        .join(format!("public/{}/2025-s1/2025-S1.pdf", w.folder));
    let html = f.output(&format!("{}/2025-s1/index.html", w.folder));
    let presented = time_text(&html, "<dd>").to_string();
    let title = {
        let h1 = &html[html.find("<h1>").unwrap() + 4..];
        h1[..h1.find("</h1>").unwrap()].to_string()
    };
    let lock = std::fs::read_to_string(f.root().join("reports.lock")).unwrap();
    let fingerprint = {
        let at = lock
            .find(&format!("period = \"2025-S1\"\nlanguage = \"{}\"", w.lang))
            .expect("2025-S1 is in reports.lock");
        let rest = &lock[at..];
        let rest = &rest[rest.find("fingerprint = \"").unwrap() + 15..];
        rest[..rest.find('"').unwrap()].to_string()
    };

    let layout = pages(&pdf, true);
    let plain = pages(&pdf, false);
    let n = layout.len();
    assert!(n >= 3, "{n} pages");
    let lang = w.lang;

    // "Page X of Y" on every page, with the right Y.
    for (i, page) in layout.iter().enumerate() {
        let expected = (w.page_of)(i + 1, n);
        assert!(
            flat(page).contains(&expected),
            "{lang}: page {} lacks \"{expected}\":\n{page}",
            i + 1
        );
    }

    // The cover: city, office, title, legislature, period, date presented,
    // fingerprint and how to verify it.
    let cover = flat(&plain[0]);
    for fact in [
        w.city,
        w.office,
        &flat(&title),
        w.legislature,
        w.period,
        &presented,
        &fingerprint,
        "memoria check",
        "https://memoria.example.org/data/reports/2025-S1.json",
    ] {
        assert!(
            cover.contains(fact),
            "{lang}: the cover lacks {fact}:\n{cover}"
        );
    }
    assert!(!cover.contains(w.draft), "{lang}: presented, not a draft");

    // The running header on every page but the cover: title, city, period.
    for (i, page) in plain.iter().enumerate().skip(1) {
        let page = flat(page);
        for part in [flat(&title), format!("{} · {}", w.city, w.period)] {
            assert!(
                page.contains(&part),
                "{lang}: page {} has no running header {part}:\n{page}",
                i + 1
            );
        }
    }

    // The table of contents, on page 2, and each section where it says.
    let toc_page = layout
        .iter()
        .position(|p| lines(p).iter().any(|l| l.trim() == w.toc))
        .expect("a table of contents");
    assert_eq!(toc_page, 1, "{lang}: contents on page 2, after the cover");
    let entries = toc_entries(&layout[toc_page]);
    let titles: Vec<&str> = entries.iter().map(|(t, _)| t.as_str()).collect();
    for part in w.parts {
        assert!(titles.contains(&part), "{lang}: {part} not in {entries:?}");
    }
    assert!(
        entries.len() > w.parts.len(),
        "with the narrative's headings: {entries:?}"
    );
    let mut last = 0;
    for (title, page) in &entries {
        assert!(*page >= last, "{lang}: contents out of order: {entries:?}");
        last = *page;
        // The first page after the contents where the heading stands alone
        // on its line (on the contents' page, after the contents).
        let found = layout.iter().enumerate().skip(toc_page).find_map(|(i, p)| {
            let mut ls: Vec<&str> = lines(p);
            if i == toc_page {
                let end = ls.iter().rposition(|l| l.contains(". . .")).unwrap();
                ls.drain(..=end);
            }
            ls.iter().any(|l| l.trim() == title).then_some(i + 1)
        });
        assert_eq!(
            found,
            Some(*page),
            "{lang}: the contents say {title} is on page {page}"
        );
    }

    // No page with fewer than five lines of text, but the cover and the last
    // (header and footer not counted).
    for (i, page) in layout.iter().enumerate().skip(1).take(n.saturating_sub(2)) {
        let body = lines(page).len() - 2;
        assert!(
            body >= 5,
            "{lang}: page {} has {body} lines:\n{page}",
            i + 1
        );
    }

    // Every table fits the page: no word beyond the margins.
    let outside = words_outside_the_margins(&pdf);
    assert!(
        outside.is_empty(),
        "{lang}: beyond the margins: {outside:#?}"
    );

    // Sections flow: the parts before the annex take no page of their own.
    let starts: Vec<usize> = entries
        .iter()
        .filter(|(t, _)| w.parts[..5].contains(&t.as_str()))
        .map(|(_, p)| *p)
        .collect();
    assert!(
        starts.windows(2).any(|p| p[0] == p[1]),
        "{lang}: some parts share a page: {starts:?}"
    );

    // A link of the narrative prints its address.
    let all = flat(&plain.join(" "));
    let case = if lang == "es" {
        "es/casos/ciudad-de-mexico/"
    } else {
        "en/cases/mexico-city/"
    };
    assert!(
        all.contains(&format!("https://memoria.example.org/{case}")),
        "{lang}: the link's address is printed: {all}"
    );

    // The document's metadata: title, author = the office, tagged, fixed date.
    let meta = info(&pdf);
    assert_eq!(meta.get("Title"), Some(&title), "{meta:?}");
    assert_eq!(meta.get("Author").map(String::as_str), Some(w.office));
    assert_eq!(meta.get("Tagged").map(String::as_str), Some("yes"));
    assert_eq!(meta.get("Creator").map(String::as_str), Some("memoria"));
    assert!(
        meta.get("CreationDate").is_some_and(|d| d.contains("2025")),
        "the date presented: {meta:?}"
    );
    let bytes = std::fs::read(&pdf).unwrap();
    let raw = String::from_utf8_lossy(&bytes);
    assert!(
        raw.contains(&format!("/Lang({lang})")) || raw.contains(&format!("/Lang ({lang})")),
        "{lang}: the language is set"
    );
    assert!(raw.contains("/Outlines"), "{lang}: bookmarks");
    bytes
}

#[test]
#[ignore = "needs pdftotext (poppler-utils): run with `cargo test --test pdf -- --ignored` (.ci/run does)"]
fn the_presented_report_prints_as_a_legislature_files_it_in_both_languages() {
    assert!(
        has_poppler(),
        "missing pdftotext (apt-get install poppler-utils)"
    );
    let f = Fixture::bundled();
    let out = f.run(&["build", "--pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let first: Vec<Vec<u8>> = [&ES, &EN]
        .iter()
        .map(|w| check_presented_report(&f, w))
        .collect();
    let out = f.run(&["build", "--pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for (w, bytes) in [&ES, &EN].iter().zip(first) {
        let again = std::fs::read(
            f.root()
                .join(format!("public/{}/2025-s1/2025-S1.pdf", w.folder)),
        )
        .unwrap();
        assert!(
            again == bytes,
            "{}: a second build gives other bytes",
            w.lang
        );
    }
}

#[test]
#[ignore = "needs pdftotext (poppler-utils): run with `cargo test --test pdf -- --ignored` (.ci/run does)"]
fn a_draft_says_so_on_every_page() {
    assert!(
        has_poppler(),
        "missing pdftotext (apt-get install poppler-utils)"
    );
    let f = Fixture::bundled();
    let out = f.run(&["build", "--pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for w in [&ES, &EN] {
        let pdf = f
            .root()
            .join(format!("public/{}/2025-s2/2025-S2.pdf", w.folder));
        let pages = pages(&pdf, false);
        assert!(pages.len() > 2);
        for (i, page) in pages.iter().enumerate() {
            assert!(
                flat(page).contains(w.draft),
                "{}: page {} does not say draft:\n{page}",
                w.lang,
                i + 1
            );
        }
        assert!(
            !flat(&pages[0]).contains("sha256:"),
            "no fingerprint before presenting"
        );
        assert!(
            !info(&pdf).contains_key("CreationDate"),
            "no date before presenting"
        );
    }
}

#[test]
#[ignore = "needs pdftotext (poppler-utils): run with `cargo test --test pdf -- --ignored` (.ci/run does)"]
fn whatever_an_author_writes_prints_as_written() {
    assert!(
        has_poppler(),
        "missing pdftotext (apt-get install poppler-utils)"
    );
    let f = Fixture::new(&["en"]);
    let body = "## A #heading with $math$\n\nText with *stars*, _under_, `code #x`, \"quotes\", back\\\\slash, [brackets], <angle> @ref = #set page(width: 1cm) ] ) }.\n\n#### Deeper, a level skipped\n\n| a | b |\n|---|---|\n| #x | ]y |\n\n```\n#let x = 1\n\"raw\" \\\n```\n";
    f.write(
        "content/reports/2025-S1.en.md",
        &format!("---\ntitle: \"Report #1 [draft] $5\"\nlegislature: \"Council\"\n---\n\n{body}"),
    );
    let out = f.run(&["build", "--pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = flat(
        &pages(
            &f.root().join("public/en/reports/2025-s1/2025-S1.pdf"),
            false,
        )
        .join(" "),
    );
    for written in [
        "Report #1 [draft] $5",
        "A #heading with $math$",
        "#set page(width: 1cm) ] ) }",
        "[brackets], <angle> @ref =",
        "code #x",
        "back\\slash",
        "#let x = 1",
        "\"raw\" \\",
        "]y",
        "Deeper, a level skipped",
    ] {
        assert!(
            text.contains(written),
            "{written:?} not printed as written: {text}"
        );
    }
}

/// The bundled site, built with `--pdf`.
fn built_with_pdf() -> Fixture {
    let f = Fixture::bundled();
    let out = f.run(&["build", "--pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    f
}

#[test]
fn every_report_is_printed_in_each_language_and_twice_the_same() {
    let f = built_with_pdf();
    let mut first = Vec::new();
    for folder in ["es/informes", "en/reports"] {
        for period in ["2024-S2", "2025-S1", "2025-S2"] {
            let rel = format!("public/{folder}/{}/{period}.pdf", period.to_lowercase());
            let bytes = std::fs::read(f.root().join(&rel)).unwrap_or_else(|_| panic!("{rel}"));
            assert!(bytes.starts_with(b"%PDF-"), "{rel}");
            first.push((rel, bytes));
        }
        // The versions as presented (2025-S2 is a draft: it has none).
        for period in ["2024-S2", "2025-S1"] {
            let rel = format!(
                "public/{folder}/{}/as-presented/{period}.pdf",
                period.to_lowercase()
            );
            let bytes = std::fs::read(f.root().join(&rel)).unwrap_or_else(|_| panic!("{rel}"));
            assert!(bytes.starts_with(b"%PDF-"), "{rel}");
            first.push((rel, bytes));
        }
        assert!(!f.has_output(&format!("{folder}/2025-s2/as-presented/2025-S2.pdf")));
    }
    let out = f.run(&["build", "--pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for (rel, bytes) in first {
        assert!(
            std::fs::read(f.root().join(&rel)).unwrap() == bytes,
            "{rel} changed"
        );
    }
}

#[test]
fn the_report_page_links_its_pdf_with_its_size_only_when_printed() {
    let f = built_with_pdf();
    for (folder, words, period) in [
        ("es/informes", "Descargar el PDF", "2025-S1"),
        ("en/reports", "Download the PDF", "2025-S1"),
    ] {
        let dir = format!("{folder}/{}", period.to_lowercase());
        let html = f.output(&format!("{dir}/index.html"));
        let size = std::fs::metadata(f.root().join(format!("public/{dir}/{period}.pdf")))
            .unwrap()
            .len();
        let kb = size.div_ceil(1024);
        let kb = if folder.starts_with("es") && kb >= 10_000 {
            format!("{}.{:03}", kb / 1000, kb % 1000)
        } else {
            kb.to_string()
        };
        let link = format!(
            "<a href=\"/{dir}/{period}.pdf\" type=\"application/pdf\" download>{words}</a> (PDF, {kb} KB)"
        );
        assert!(html.contains(&link), "{link} not in {dir}/index.html");
    }
    // Built again without --pdf: no PDF, no link.
    let out = f.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!f.has_output("es/informes/2025-s1/2025-S1.pdf"));
    assert!(!f.output("es/informes/2025-s1/index.html").contains(".pdf"));
    assert!(!f.output("data/catalog.jsonld").contains("application/pdf"));
}

#[test]
fn the_catalogue_lists_each_pdf_as_a_distribution_of_its_report() {
    let f = built_with_pdf();
    let catalog: serde_json::Value =
        serde_json::from_str(&f.output("data/catalog.jsonld")).unwrap();
    let report = catalog["dcat:dataset"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["@id"].as_str().unwrap().ends_with("#report-2025-S1"))
        .expect("the dataset of 2025-S1");
    let pdfs: Vec<&serde_json::Value> = report["dcat:distribution"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["schema:encodingFormat"] == "application/pdf")
        .collect();
    assert_eq!(pdfs.len(), 2, "one per language: {report:#}");
    for (d, (lang, rel)) in pdfs.iter().zip([
        ("en", "en/reports/2025-s1/2025-S1.pdf"),
        ("es", "es/informes/2025-s1/2025-S1.pdf"),
    ]) {
        let language = d["dct:language"]["@id"].as_str().unwrap_or_default();
        let code = if lang == "es" { "SPA" } else { "ENG" };
        assert!(language.ends_with(code), "{lang}: {language}");
        assert_eq!(
            d["dcat:downloadURL"]["@id"],
            format!("https://memoria.example.org/{rel}")
        );
        let size = std::fs::metadata(f.root().join("public").join(rel))
            .unwrap()
            .len();
        assert_eq!(d["dcat:byteSize"]["@value"], size.to_string());
    }
}

/// A one-language site with a report and `[report]` written as `table`.
fn site_with_cover(table: &str) -> Fixture {
    let f = Fixture::new(&["es", "en"]);
    f.write(
        "site.toml",
        &format!("title = \"Sitio\"\nbase_url = \"https://example.org/\"\nlanguages = [\"es\", \"en\"]\n\n[report]\n{table}"),
    );
    for lang in ["es", "en"] {
        f.write(
            &format!("content/reports/2025-S1.{lang}.md"),
            "---\ntitle: \"Informe 2025-S1\"\nlegislature: \"Concejo\"\n---\n\n## Introducción\n\nTexto del informe.\n",
        );
    }
    f
}

#[test]
fn a_logo_that_is_not_there_is_one_error_at_its_line() {
    let f = site_with_cover("city = \"Ciudad\"\nlogo = \"static/escudo.png\"\n");
    let out = f.run(&["build", "--pdf"]);
    let (error, help) = only_error_and_help(&out);
    assert!(
        error.starts_with(
            "error: site.toml:7:1: `report.logo` \"static/escudo.png\": there is no such file"
        ),
        "{error}"
    );
    assert!(
        help.contains("logo = \"static/logo.png\"") && help.contains("remove the line"),
        "{help}"
    );
    assert!(!f.root().join("public").exists(), "nothing written");
}

#[test]
fn a_logo_outside_the_site_or_not_an_image_is_an_error_at_its_line() {
    for (logo, why, advice) in [
        (
            "../escudo.png",
            "is not a file inside the site's folder",
            "put the image in the site's folder",
        ),
        (
            "/etc/escudo.png",
            "is not a file inside the site's folder",
            "put the image in the site's folder",
        ),
        (
            "static/escudo.gif",
            "is not a PNG, JPEG or SVG image",
            "save the logo as .png, .jpg or .svg",
        ),
    ] {
        let f = site_with_cover(&format!("office = \"Oficina\"\nlogo = \"{logo}\"\n"));
        let out = f.run(&["build"]);
        let (error, help) = only_error_and_help(&out);
        assert_eq!(
            error,
            format!("error: site.toml:7:1: `report.logo` \"{logo}\" {why}"),
            "{logo}"
        );
        assert!(help.starts_with(advice), "{logo}: {help}");
    }
}

#[test]
fn cover_texts_in_a_language_the_site_lacks_or_empty_are_errors() {
    let f = site_with_cover("city = { es = \"Ciudad\", de = \"Stadt\" }\n");
    let (error, help) = only_error_and_help(&f.run(&["check"]));
    assert_eq!(
        error,
        "error: site.toml:6:1: `report.city` is given in `de`, which is not a language of the site"
    );
    assert!(
        help.contains("es, en") && help.contains("city = { es = "),
        "{help}"
    );

    let f = site_with_cover("office = { es = \" \", en = \"Office\" }\n");
    let (error, help) = only_error_and_help(&f.run(&["check"]));
    assert_eq!(
        error,
        "error: site.toml:6:1: `report.office` is empty in `es`"
    );
    assert!(help.contains("es = \""), "{help}");
}

/// A PNG image of 2 × 2 grey pixels.
const PNG: [u8; 71] = [
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2, 0, 0, 0, 2, 8, 0, 0,
    0, 0, 87, 221, 82, 248, 0, 0, 0, 14, 73, 68, 65, 84, 120, 156, 99, 96, 96, 96, 248, 255, 31, 0,
    3, 3, 1, 255, 50, 135, 3, 106, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

#[test]
fn a_logo_prints_on_the_cover_and_the_office_is_the_author() {
    let f = site_with_cover(
        "city = { es = \"Ciudad Ejemplo\", en = \"Example City\" }\noffice = \"Oficina Internacional\"\nlogo = \"static/escudo.png\"\n",
    );
    std::fs::create_dir_all(f.root().join("static")).unwrap();
    std::fs::write(f.root().join("static/escudo.png"), PNG).unwrap();
    let out = f.run(&["build", "--pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let with_logo = std::fs::read(f.root().join("public/es/informes/2025-s1/2025-S1.pdf")).unwrap();
    let raw = String::from_utf8_lossy(&with_logo);
    let image = |raw: &str| raw.contains("/Subtype/Image") || raw.contains("/Subtype /Image");
    assert!(image(&raw), "the logo is drawn");
    assert!(
        raw.contains("Oficina Internacional"),
        "the office is the author"
    );

    f.edit("site.toml", "logo = \"static/escudo.png\"\n", "");
    let out = f.run(&["build", "--pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let without = std::fs::read(f.root().join("public/es/informes/2025-s1/2025-S1.pdf")).unwrap();
    assert!(
        !image(&String::from_utf8_lossy(&without)),
        "no logo, no image"
    );
}

#[test]
fn a_broken_print_template_is_an_error_at_its_line_and_nothing_is_written() {
    let f = site_with_cover("city = \"Ciudad\"\n");
    let template = f.read("themes/default/print/report.typ");
    f.write(
        "themes/default/print/report.typ",
        &template.replacen(
            "#let r = data.report",
            "#let r = data.report\n#let broken = (",
            1,
        ),
    );
    let out = f.run(&["build", "--pdf"]);
    let (error, help) = only_error_and_help(&out);
    assert_eq!(
        error,
        "error: themes/default/print/report.typ:11:15: the print template failed: unclosed delimiter"
    );
    assert!(
        help.contains("print/report.typ") && help.contains("Typst"),
        "{help}"
    );
    assert!(!f.root().join("public").exists(), "nothing written");
    // Without --pdf the template is not read: the site builds.
    let out = f.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_theme_without_a_print_template_is_one_error_only_with_pdf() {
    let f = site_with_cover("city = \"Ciudad\"\n");
    // A theme of the site's own is not completed from the built-in one.
    std::fs::rename(
        f.root().join("themes/default"),
        f.root().join("themes/civic"),
    )
    .unwrap();
    f.edit("site.toml", "languages", "theme = \"civic\"\nlanguages");
    f.remove("themes/civic/print/report.typ");
    let out = f.run(&["build", "--pdf"]);
    let (error, help) = only_error_and_help(&out);
    assert!(
        error.starts_with(
            "error: themes/civic/print/report.typ: cannot read the theme's print template, needed by --pdf"
        ),
        "{error}"
    );
    assert!(
        help.contains("memoria theme copy print/report.typ")
            && help.contains("build without --pdf"),
        "{help}"
    );
    assert!(!f.root().join("public").exists(), "nothing written");
    let out = f.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_warning_of_the_template_is_a_warning_of_the_build_at_its_line() {
    let f = site_with_cover("city = \"Ciudad\"\n");
    let template = f.read("themes/default/print/report.typ");
    f.write(
        "themes/default/print/report.typ",
        &template.replacen(
            "#let r = data.report",
            "#let r = data.report\n#text(font: \"No Such Font\")[]",
            1,
        ),
    );
    let out = f.run(&["build", "--pdf"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning: ")).collect();
    assert_eq!(warnings.len(), 1, "once, not once per report:\n{err}");
    assert!(
        warnings[0].starts_with("warning: themes/default/print/report.typ:11:")
            && warnings[0].to_lowercase().contains("no such font"),
        "{err}"
    );
    assert!(err.contains("= help: correct the print template"), "{err}");
    assert!(f.has_output("es/informes/2025-s1/2025-S1.pdf"));
}

#[test]
#[ignore = "needs pdftotext (poppler-utils): run with `cargo test --test pdf -- --ignored` (.ci/run does)"]
fn the_version_as_presented_prints_what_was_presented() {
    assert!(
        has_poppler(),
        "missing pdftotext (apt-get install poppler-utils)"
    );
    let f = built_with_pdf();
    for (dir, notice, link, original, corrected, first) in [
        (
            "es/informes/2025-s1",
            "Versión presentada",
            "Descargar el PDF",
            "que será presentado al Concejo",
            "que será sometido al Concejo",
            "sha256:0c4ed14d3b97046f630c8763f8300f82d165b49853f67937781014203932d4b3",
        ),
        (
            "en/reports/2025-s1",
            "Version as presented",
            "Download the PDF",
            "the plan will be presented to the Council",
            "the plan will be submitted to the Council",
            "sha256:dbd51567b894ca3ddb52ee1d9555129f105b0a370a662f219bfff51be9a451ff",
        ),
    ] {
        let pdf = f
            .root()
            .join(format!("public/{dir}/as-presented/2025-S1.pdf"));
        let text = flat(&pages(&pdf, false).join("\n"));
        assert!(text.contains(notice), "{dir}: the cover says which version");
        assert!(text.contains(original), "{dir}: the wording presented");
        assert!(
            !text.contains(corrected),
            "{dir}: not the corrected wording"
        );
        assert!(text.contains(first), "{dir}: the fingerprint as presented");
        assert!(
            text.contains(&format!("https://memoria.example.org/{dir}/")),
            "{dir}: the current version's address"
        );
        let now =
            flat(&pages(&f.root().join(format!("public/{dir}/2025-S1.pdf")), false).join("\n"));
        assert!(
            now.contains(corrected) && !now.contains(notice),
            "{dir}: current"
        );
        // Its page links it.
        let html = f.output(&format!("{dir}/as-presented/index.html"));
        assert!(
            html.contains(&format!(
                "<a href=\"/{dir}/as-presented/2025-S1.pdf\" type=\"application/pdf\" download>{link}</a>"
            )),
            "{dir}"
        );
    }
}

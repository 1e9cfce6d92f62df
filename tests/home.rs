//! The home page (the latest report presented, the progress of the
//! indicators by dimension, the newest good practices, a search form) and
//! the progress overview of the indicators; and the pages `memoria init`
//! writes for the accessibility statement and the privacy notice.

mod common;

use std::fs;
use std::process::Command;

use common::{repo_root, stderr, Fixture};

/// The statuses in the order of the columns.
const STATUSES: [&str; 5] = [
    "achieved",
    "on-track",
    "needs-attention",
    "not-achieved",
    "no-data",
];

/// An indicator whose status is known by construction: baseline 0 in
/// 2023-S2, target 1500 in `target`, growing; `observations` are
/// (period, value).
fn indicator(
    name: &str,
    dimension: &str,
    level: &str,
    target: &str,
    observations: &[(&str, i64)],
) -> String {
    let mut text = format!(
        "name: {{ es: \"{name} es\", en: \"{name} en\" }}\ndescription: {{ es: \"D\", en: \"D\" }}\ncategory: {{ es: \"C\", en: \"C\" }}\nunit: {{ es: \"personas\", en: \"people\" }}\nmethod: {{ es: \"M\", en: \"M\" }}\nsources: {{ es: \"S\", en: \"S\" }}\naudiences: {{ es: \"A\", en: \"A\" }}\ndimension: {dimension}\nkind: quantitative\nlevel: {level}\nhierarchy: management\nperiodicity: semiannual\ndirection: increase\nbaseline: {{ period: \"2023-S2\", value: 0 }}\ntarget: {{ period: \"{target}\", value: 1500 }}\nobservations:\n"
    );
    if observations.is_empty() {
        text = text.replace("observations:\n", "observations: []\n");
    }
    for (period, value) in observations {
        text.push_str(&format!("  - {{ period: \"{period}\", value: {value} }}\n"));
    }
    text
}

/// id, dimension, level, the status it must have, its file.
fn indicators() -> Vec<(
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    String,
)> {
    vec![
        // 1600 ≥ 1500: achieved.
        (
            "met",
            "territorial",
            "output",
            "achieved",
            indicator(
                "Met",
                "territorial",
                "output",
                "2026-S2",
                &[("2024-S2", 1600)],
            ),
        ),
        // 93 % of the way after a third of the time: on track.
        (
            "ahead",
            "territorial",
            "outcome",
            "on-track",
            indicator(
                "Ahead",
                "territorial",
                "outcome",
                "2026-S2",
                &[("2024-S2", 1400)],
            ),
        ),
        // No observation: no data.
        (
            "empty",
            "territorial",
            "output",
            "no-data",
            indicator("Empty", "territorial", "output", "2026-S2", &[]),
        ),
        // Under 1 % of the way after a third of the time: needs attention.
        (
            "behind",
            "institutional",
            "process",
            "needs-attention",
            indicator(
                "Behind",
                "institutional",
                "process",
                "2026-S2",
                &[("2024-S2", 10)],
            ),
        ),
        // The target's period came without reaching it: not achieved.
        (
            "missed",
            "institutional",
            "input",
            "not-achieved",
            indicator(
                "Missed",
                "institutional",
                "input",
                "2024-S2",
                &[("2024-S1", 50), ("2024-S2", 100)],
            ),
        ),
    ]
}

fn site() -> Fixture {
    let f = Fixture::new(&["es", "en"]);
    for (id, _, _, _, text) in indicators() {
        f.write(&format!("content/indicators/{id}.yaml"), &text);
    }
    f
}

/// The word of `id` in the Spanish addresses (English keeps the id): the
/// facets and values of the indicator listings are in the page's language.
fn address(lang: &str, id: &str) -> &'static str {
    let words = [
        ("institutional", "institucional"),
        ("political", "politica"),
        ("territorial", "territorial"),
        ("level", "nivel"),
        ("input", "insumo"),
        ("process", "proceso"),
        ("output", "producto"),
        ("outcome", "resultado"),
        ("impact", "impacto"),
        ("dimension", "dimension"),
    ];
    let (en, es) = words.iter().find(|(en, _)| *en == id).expect(id);
    if lang == "es" {
        es
    } else {
        en
    }
}

/// The numbers of the table row whose heading links to `href`.
fn row(html: &str, href: &str) -> Vec<usize> {
    let start = html
        .find(&format!("<th scope=\"row\"><a href=\"{href}\">"))
        .unwrap_or_else(|| panic!("no row for {href}"));
    let rest = &html[start..];
    let row = &rest[..rest.find("</tr>").unwrap()];
    // Each cell is `<td data-label="…">N</td>` (the label shows on phones).
    row.split("<td")
        .skip(1)
        .map(|c| {
            let value = &c[c.find('>').unwrap() + 1..];
            value[..value.find("</td>").unwrap()].parse().unwrap()
        })
        .collect()
}

/// The expected row (counts per status, then the total) of the indicators
/// `keep` accepts, from the table of the test.
fn expected(keep: impl Fn(&str, &str) -> bool) -> Vec<usize> {
    let inds = indicators();
    let chosen: Vec<_> = inds.iter().filter(|(_, d, l, _, _)| keep(d, l)).collect();
    let mut counts: Vec<usize> = STATUSES
        .iter()
        .map(|s| chosen.iter().filter(|i| i.3 == *s).count())
        .collect();
    counts.push(chosen.len());
    counts
}

#[test]
fn the_overview_counts_every_indicator_by_dimension_and_level() {
    let f = site();
    let out = f.build_ok();
    assert!(!stderr(&out).contains("warning:"), "{}", stderr(&out));
    for (lang, file, section) in [
        ("es", "es/indicadores/progreso/index.html", "indicadores"),
        ("en", "en/indicators/progress/index.html", "indicators"),
    ] {
        let html = f.output(file);
        for dim in ["institutional", "political", "territorial"] {
            assert_eq!(
                row(
                    &html,
                    &format!("/{lang}/{section}/dimension/{}/", address(lang, dim))
                ),
                expected(|d, _| d == dim),
                "{file}: {dim}"
            );
        }
        for level in ["input", "process", "output", "outcome", "impact"] {
            assert_eq!(
                row(
                    &html,
                    &format!(
                        "/{lang}/{section}/{}/{}/",
                        address(lang, "level"),
                        address(lang, level)
                    )
                ),
                expected(|_, l| l == level),
                "{file}: {level}"
            );
        }
        // Each indicator is linked, with its status.
        for (id, _, _, status, _) in indicators() {
            let start = html
                .find(&format!("<a href=\"/{lang}/{section}/{id}/\">"))
                .unwrap_or_else(|| panic!("{file}: {id} not linked"));
            let rest = &html[start..];
            let line = &rest[..rest.find("</tr>").unwrap()];
            assert!(
                line.contains(&format!("status status-{status}")),
                "{file}: {id}: {line}"
            );
        }
        // The other language's version is its alternate; it has JSON-LD.
        assert!(
            html.contains("hreflang=\"en\" href=\"https://example.org/en/indicators/progress/\""),
            "{html}"
        );
        assert!(
            html.contains("<script type=\"application/ld+json\">"),
            "{html}"
        );
    }
    // The target closes the table of each indicator's observations.
    let page = f.output("en/indicators/ahead/index.html");
    let tfoot = &page[page.find("<tfoot>").expect("a target row")..];
    assert!(
        tfoot.starts_with("<tfoot><tr><th scope=\"row\">Target ("),
        "{tfoot}"
    );
    assert!(
        tfoot[..tfoot.find("</tfoot>").unwrap()].contains("1,500"),
        "{tfoot}"
    );
    let sitemap = f.output("sitemap.xml");
    assert!(
        sitemap.contains("https://example.org/es/indicadores/progreso/"),
        "{sitemap}"
    );
    assert!(
        sitemap.contains("https://example.org/en/indicators/progress/"),
        "{sitemap}"
    );
}

#[test]
fn the_home_page_shows_the_progress_by_dimension_and_links_the_overview() {
    let f = site();
    f.build_ok();
    let html = f.output("es/index.html");
    for dim in ["institutional", "political", "territorial"] {
        assert_eq!(
            row(
                &html,
                &format!("/es/indicadores/dimension/{}/", address("es", dim))
            ),
            expected(|d, _| d == dim),
            "{dim}"
        );
    }
    assert!(
        html.contains("<a class=\"more\" href=\"/es/indicadores/progreso/\">"),
        "{html}"
    );
    // No report was presented: no such part.
    assert!(!html.contains("home-report"), "{html}");
}

#[test]
fn the_home_page_has_a_search_form_that_needs_no_javascript() {
    let f = site();
    f.build_ok();
    for (lang, search) in [("es", "/es/buscar/"), ("en", "/en/search/")] {
        let html = f.output(&format!("{lang}/index.html"));
        assert!(
            html.contains(&format!(
                "<form class=\"home-search\" role=\"search\" action=\"{search}\" method=\"get\">"
            )),
            "{html}"
        );
        assert!(
            html.contains("<input type=\"search\" id=\"home-search-input\" name=\"q\">"),
            "{html}"
        );
        // The search page reads the words from the address.
        assert!(f.has_output(&format!("{}index.html", &search[1..])));
    }
    let script = fs::read_to_string(repo_root().join("themes/default/static/search.js")).unwrap();
    assert!(script.contains("new URLSearchParams(location.search).get(\"q\")"));
}

/// The front matter value `key` of a Markdown file, if it has one.
fn front(text: &str, key: &str) -> Option<String> {
    text.split("---").nth(1)?.lines().find_map(|l| {
        l.strip_prefix(&format!("{key}:"))
            .map(|v| v.trim().trim_matches('"').to_string())
    })
}

#[test]
fn the_bundled_home_page_shows_the_latest_report_presented_and_every_indicator() {
    let f = Fixture::bundled();
    f.build_ok();
    // The latest presented report, read from the sources: the greatest
    // period whose Spanish version has a `presented` date.
    let dir = repo_root().join("content/reports");
    let mut presented: Vec<(String, String)> = fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let period = name.strip_suffix(".es.md")?.to_string();
            let text = fs::read_to_string(e.path()).unwrap();
            front(&text, "presented")?;
            Some((period, front(&text, "title")?))
        })
        .collect();
    presented.sort();
    let (period, title) = presented.last().expect("a presented report").clone();
    let mut drafts: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".es.md"))
        .map(|e| fs::read_to_string(e.path()).unwrap())
        .filter(|t| front(t, "presented").is_none())
        .filter_map(|t| front(&t, "title"))
        .collect();
    drafts.retain(|t| t != &title);
    let html = f.output("es/index.html");
    let part = &html[html.find("class=\"home-report\"").expect("the report part")..];
    let part = &part[..part.find("</section>").unwrap()];
    assert!(part.contains(&title), "{period}: {part}");
    assert!(
        part.contains(&format!(
            "href=\"/es/informes/{}/\"",
            period.to_ascii_lowercase()
        )),
        "{part}"
    );
    for draft in drafts {
        assert!(!part.contains(&draft), "a draft is not presented: {draft}");
    }
    // Every indicator is counted once, in its dimension.
    let files: Vec<String> = fs::read_dir(repo_root().join("content/indicators"))
        .unwrap()
        .flatten()
        .map(|e| fs::read_to_string(e.path()).unwrap())
        .collect();
    for dim in ["institutional", "political", "territorial"] {
        let counts = row(
            &html,
            &format!("/es/indicadores/dimension/{}/", address("es", dim)),
        );
        let total = files
            .iter()
            .filter(|t| t.contains(&format!("\ndimension: {dim}\n")))
            .count();
        assert_eq!(counts[5], total, "{dim}");
        assert_eq!(counts[..5].iter().sum::<usize>(), total, "{dim}");
    }
}

#[test]
fn init_writes_the_accessibility_and_privacy_pages_and_the_build_links_them() {
    let parent = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_memoria"))
        .args(["init", "mi-sitio"])
        .current_dir(parent.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let site = parent.path().join("mi-sitio");
    for page in [
        "accessibility.es.md",
        "accessibility.en.md",
        "privacy.es.md",
        "privacy.en.md",
    ] {
        let text = fs::read_to_string(site.join("content/pages").join(page)).unwrap();
        let mark = if page.contains(".es.") {
            "[POR COMPLETAR]"
        } else {
            "[TO COMPLETE]"
        };
        assert!(
            text.contains(mark),
            "{page} is marked as a text to complete"
        );
    }
    let config = fs::read_to_string(site.join("site.toml")).unwrap();
    assert!(
        config.contains("accessibility = \"accessibility\"")
            && config.contains("privacy = \"privacy\""),
        "{config}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_memoria"))
        .arg("build")
        .current_dir(&site)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning:"), "{}", stderr(&out));
    for (home, links) in [
        ("es/index.html", ["/es/accesibilidad/", "/es/privacidad/"]),
        ("en/index.html", ["/en/accessibility/", "/en/privacy/"]),
    ] {
        let html = fs::read_to_string(site.join("public").join(home)).unwrap();
        let footer = &html[html.find("<footer").unwrap()..];
        for link in links {
            assert!(
                footer.contains(&format!("<a href=\"{link}\">")),
                "{home}: {footer}"
            );
            let page = fs::read_to_string(site.join("public").join(&link[1..]).join("index.html"))
                .unwrap();
            assert!(
                page.contains("COMPLETAR") || page.contains("COMPLETE"),
                "{link}"
            );
        }
    }
}

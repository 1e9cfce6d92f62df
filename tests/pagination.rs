//! Long listings are split into numbered pages so that no page grows with
//! the number of cases, agreements or actions (`[pagination] per_page`).

mod common;

use std::collections::BTreeMap;

use common::{error_lines, stderr, Fixture};
use serde_json::Value;

/// A site in Spanish and English with `n` cases (each in both languages),
/// `registry` agreements and actions, listing `per_page` items a page.
fn site(n: usize, registry: usize, per_page: usize) -> Fixture {
    let f = Fixture::new(&["es", "en"]);
    f.edit(
        "site.toml",
        "languages = [\"es\", \"en\"]\n",
        &format!("languages = [\"es\", \"en\"]\n\n[pagination]\nper_page = {per_page}\n"),
    );
    for i in 0..n {
        let theme = if i % 2 == 0 {
            "even-cases"
        } else {
            "odd-cases"
        };
        for lang in ["es", "en"] {
            let text = common::case_text(&format!("Caso {i:04} {lang}"), "", "Texto.")
                .replace(
                    "themes: [legislative-oversight]",
                    &format!("themes: [{theme}]"),
                )
                .replace(
                    "date: 2018-05-02",
                    &format!("date: 2018-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
                );
            f.write(&format!("content/cases/c{i:04}.{lang}.md"), &text);
        }
    }
    for i in 0..registry {
        f.write(
            &format!("content/agreements/a{i:03}.yaml"),
            &common::agreement_text(),
        );
        f.write(
            &format!("content/actions/x{i:03}.yaml"),
            &common::action_text(),
        );
    }
    f
}

/// The addresses of the case cards of a listing page.
fn card_links(html: &str) -> Vec<String> {
    html.split("<h2 class=\"case-card-title\"><a href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(String::from)
        .collect()
}

/// The `href` of the link with `rel`, if any.
fn rel_link(html: &str, rel: &str) -> Option<String> {
    let at = html.find(&format!("rel=\"{rel}\""))?;
    let start = html[..at].rfind("href=\"")? + 6;
    Some(html[start..].split('"').next()?.to_string())
}

#[test]
fn the_cases_index_is_split_into_linked_pages_listing_each_case_once() {
    let f = site(120, 0, 50);
    let out = f.build_ok();
    assert!(error_lines(&out).is_empty(), "{}", stderr(&out));
    for (lang, cases, word) in [("es", "casos", "pagina"), ("en", "cases", "page")] {
        let files = [
            format!("{lang}/{cases}/index.html"),
            format!("{lang}/{cases}/{word}/2/index.html"),
            format!("{lang}/{cases}/{word}/3/index.html"),
        ];
        assert!(!f.has_output(&format!("{lang}/{cases}/{word}/4/index.html")));
        assert!(!f.has_output(&format!("{lang}/{cases}/{word}/1/index.html")));
        let pages: Vec<String> = files.iter().map(|p| f.output(p)).collect();
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (i, html) in pages.iter().enumerate() {
            let cards = card_links(html);
            assert_eq!(cards.len(), if i < 2 { 50 } else { 20 }, "page {}", i + 1);
            for c in cards {
                *seen.entry(c).or_default() += 1;
            }
            // The total is that of the whole listing, on every page.
            assert!(html.contains("data-total=\"120\""), "page {}", i + 1);
            assert!(html.contains("<nav class=\"pagination\" aria-label="));
            let current = "aria-current=\"page\" aria-label=\"";
            assert_eq!(html.matches(current).count(), 1, "one current page");
        }
        assert_eq!(seen.len(), 120, "every case is listed");
        assert!(seen.values().all(|n| *n == 1), "and only once");
        let first = format!("/{lang}/{cases}/");
        let second = format!("/{lang}/{cases}/{word}/2/");
        let third = format!("/{lang}/{cases}/{word}/3/");
        assert_eq!(rel_link(&pages[0], "prev"), None);
        assert_eq!(rel_link(&pages[0], "next"), Some(second.clone()));
        assert_eq!(rel_link(&pages[1], "prev"), Some(first.clone()));
        assert_eq!(rel_link(&pages[1], "next"), Some(third.clone()));
        assert_eq!(rel_link(&pages[2], "prev"), Some(second.clone()));
        assert_eq!(rel_link(&pages[2], "next"), None);
    }
    // Each page has the same page of the other language as its alternate.
    let es2 = f.output("es/casos/pagina/2/index.html");
    assert!(
        es2.contains("hreflang=\"en\" href=\"https://example.org/en/cases/page/2/\""),
        "{es2}"
    );
    assert!(
        es2.contains("<title>Buenas prácticas (página 2)"),
        "titles differ by page number"
    );
}

#[test]
fn the_sitemap_lists_every_page_and_check_finds_no_broken_link() {
    let f = site(120, 0, 50);
    f.build_ok();
    let sitemap = f.output("sitemap.xml");
    for url in [
        "https://example.org/es/casos/",
        "https://example.org/es/casos/pagina/2/",
        "https://example.org/es/casos/pagina/3/",
        "https://example.org/en/cases/page/3/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{url}</loc>")),
            "{url} in {sitemap}"
        );
    }
    assert!(!sitemap.contains("pagina/4/"));
    assert!(sitemap.contains(
        "<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/en/cases/page/2/\"/>"
    ));
    let out = f.run(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(error_lines(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn term_pages_and_registry_listings_use_the_same_page_size() {
    let f = site(120, 7, 5);
    f.build_ok();
    // 60 cases under each theme: 12 pages of 5.
    let term = "es/casos/temas/even-cases/pagina/12/index.html";
    assert!(f.has_output(term));
    assert!(!f.has_output("es/casos/temas/even-cases/pagina/13/index.html"));
    assert_eq!(card_links(&f.output(term)).len(), 5);
    // 7 agreements and 7 actions: two pages each, the count is the total.
    for (first, second) in [
        (
            "es/convenios/index.html",
            "es/convenios/pagina/2/index.html",
        ),
        ("en/actions/index.html", "en/actions/page/2/index.html"),
    ] {
        let one = f.output(first);
        let two = f.output(second);
        assert_eq!(one.matches("<th scope=\"row\">").count(), 5, "{first}");
        assert_eq!(two.matches("<th scope=\"row\">").count(), 2, "{second}");
        assert!(one.contains(": 7</p>"), "{first} counts every item");
        assert!(two.contains("rel=\"prev\""));
    }
    // The long navigation leaves out the far pages.
    let middle = f.output("es/casos/pagina/12/index.html");
    assert!(middle.contains("class=\"gap\""));
    assert!(
        middle.contains("href=\"/es/casos/pagina/24/\""),
        "the last page is linked"
    );
    assert!(
        !middle.contains("href=\"/es/casos/pagina/5/\""),
        "far pages are not"
    );
}

#[test]
fn the_combined_filter_reads_a_data_file_of_every_case() {
    let f = site(120, 0, 50);
    f.build_ok();
    let index = f.output("es/casos/index.html");
    assert!(
        index.contains("data-src=\"/es/casos/filter.json\""),
        "{index}"
    );
    let data: Vec<Value> = serde_json::from_str(&f.output("es/casos/filter.json")).unwrap();
    assert_eq!(data.len(), 120);
    let even = data
        .iter()
        .filter(|c| c["filters"]["themes"] == "even-cases")
        .count();
    assert_eq!(even, 60);
    assert!(data[0]["url"].as_str().unwrap().starts_with("/es/casos/"));
    // The script loads it rather than reading the cards of one page.
    let js = f.output("filter.js");
    assert!(js.contains("data-src") && js.contains("fetch("));
}

#[test]
fn a_page_size_out_of_range_is_located_with_advice() {
    let f = site(2, 0, 0);
    let out = f.run(&["build"]);
    assert!(!out.status.success());
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 1, "{}", stderr(&out));
    assert!(
        errors[0].starts_with("error: site.toml:6:1: `per_page` is 0"),
        "{}",
        errors[0]
    );
    assert!(stderr(&out).contains("help: write a number from 1 to 200"));
}

#[test]
fn addresses_of_small_listings_do_not_change() {
    let f = site(3, 2, 50);
    f.build_ok();
    assert!(f.has_output("es/casos/index.html"));
    assert!(!f.has_output("es/casos/pagina/2/index.html"));
    let index = f.output("es/casos/index.html");
    assert!(
        !index.contains("class=\"pagination\""),
        "no page links for one page"
    );
    assert_eq!(card_links(&index).len(), 3);
}

//! What every page of the bundled site carries in its `<head>`: a
//! description (the site's when the page has none of its own, also on the
//! language chooser), the theme's favicon and the link to the open-data
//! catalogue.

mod common;

use common::{html_pages, Fixture};

#[test]
fn every_page_has_a_description_a_favicon_and_the_catalogue() {
    let f = Fixture::bundled();
    f.build_ok();
    let public = f.root().join("public");
    let pages = html_pages(&public);
    assert!(pages.len() > 100, "{} pages", pages.len());
    for (path, html) in &pages {
        let head = html.split("</head>").next().unwrap();
        let description = head
            .split("<meta name=\"description\" content=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("{path}: no description"));
        assert!(description.len() > 20, "{path}: {description:?}");
        assert!(
            head.contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"/favicon.svg\">"),
            "{path}: no favicon"
        );
        assert!(
            head.contains("type=\"application/ld+json\"")
                && head.contains("href=\"/data/catalog.jsonld\""),
            "{path}: no link to the catalogue"
        );
    }
    let chooser = f.output("index.html");
    assert!(chooser.contains("<meta name=\"description\" content=\"Buenas prácticas, resultados e informes semestrales de la acción internacional de las ciudades.\">"), "{chooser}");
    let svg = f.output("favicon.svg");
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
}

/// The dates `YYYY-MM-DD` written in `text`.
fn dates_in(text: &str) -> Vec<String> {
    text.as_bytes()
        .windows(10)
        .filter(|w| {
            w.iter().enumerate().all(|(i, c)| match i {
                4 | 7 => *c == b'-',
                _ => c.is_ascii_digit(),
            })
        })
        .map(|w| String::from_utf8(w.to_vec()).unwrap())
        .collect()
}

/// The `<url>` entries of a sitemap: address → `<lastmod>`, if any.
fn lastmods(xml: &str) -> std::collections::BTreeMap<String, Option<String>> {
    let doc = roxmltree::Document::parse(xml).expect("sitemap.xml is XML");
    let child = |n: roxmltree::Node<'_, '_>, name: &str| {
        n.children()
            .find(|c| c.is_element() && c.tag_name().name() == name)
            .and_then(|c| c.text())
            .map(str::to_string)
    };
    doc.root_element()
        .children()
        .filter(|n| n.is_element())
        .map(|url| (child(url, "loc").unwrap(), child(url, "lastmod")))
        .collect()
}

#[test]
fn robots_txt_lets_every_crawler_in_and_names_the_sitemap_and_the_catalogue() {
    let f = Fixture::bundled();
    f.build_ok();
    assert_eq!(
        f.output("robots.txt"),
        "# Every page of this site may be read and indexed.\n\
         User-agent: *\n\
         Allow: /\n\
         \n\
         Sitemap: https://memoria.example.org/sitemap.xml\n\
         \n\
         # The open data of this site, described in DCAT-AP for open-data portals:\n\
         # https://memoria.example.org/data/catalog.jsonld\n"
    );
    // Both addresses are files of the site.
    assert!(f.has_output("sitemap.xml") && f.has_output("data/catalog.jsonld"));
}

#[test]
fn robots_txt_names_the_sitemap_of_a_site_in_a_sub_folder() {
    let f = Fixture::new(&["en"]);
    f.edit(
        "site.toml",
        "https://example.org/",
        "https://example.org/international/",
    );
    f.case("harbour", "en", "A harbour", "", "Text.");
    f.build_ok();
    let robots = f.output("robots.txt");
    assert!(
        robots.contains("\nSitemap: https://example.org/international/sitemap.xml\n"),
        "{robots}"
    );
}

#[test]
fn a_robots_txt_of_the_site_replaces_memorias_without_a_complaint() {
    let f = Fixture::new(&["en"]);
    f.case("harbour", "en", "A harbour", "", "Text.");
    let own = "User-agent: *\nDisallow: /drafts/\n";
    f.write("static/robots.txt", own);
    let out = f.build_ok();
    let err = common::stderr(&out);
    assert!(err.contains("(0 errors, 0 warnings)"), "{err}");
    assert!(common::error_lines(&out).is_empty(), "{err}");
    assert_eq!(f.output("robots.txt"), own);
}

#[test]
fn the_sitemap_gives_the_day_each_dated_page_last_changed() {
    let f = Fixture::bundled();
    f.build_ok();
    let xml = f.output("sitemap.xml");
    let urls = lastmods(&xml);
    let base = "https://memoria.example.org/";
    let front_matter = |rel: &str| {
        let text = f.read(rel);
        text.split("---").nth(1).unwrap().to_string()
    };
    let max_date = |text: &str| dates_in(text).into_iter().max().unwrap();
    let line_date = |rel: &str, key: &str| {
        let text = f.read(rel);
        let line = text.lines().find(|l| l.starts_with(key)).unwrap();
        dates_in(line).remove(0)
    };
    let expected = [
        // A case: its date.
        (
            "en/cases/quito/",
            line_date("content/cases/quito.en.md", "date:"),
        ),
        // A report: the latest of presented, received and its errata.
        (
            "en/reports/2025-s1/",
            max_date(&front_matter("content/reports/2025-S1.en.md")),
        ),
        // An action: its latest day (here its trip report).
        (
            "es/acciones/2025-11-bogota-mission/",
            max_date(&f.read("content/actions/2025-11-bogota-mission.yaml")),
        ),
        // An agreement: signed, with no amendment since.
        (
            "en/agreements/quito-twinning/",
            line_date("content/agreements/quito-twinning.yaml", "signed:"),
        ),
        // An indicator: the last day of its latest period (2026-Q1).
        ("en/indicators/agreements-signed/", "2026-03-31".to_string()),
    ];
    for (path, day) in expected {
        let url = format!("{base}{path}");
        assert_eq!(
            urls.get(&url),
            Some(&Some(day.clone())),
            "{url}: expected {day}"
        );
    }
    // Every page of a case, report, indicator, agreement or action has a
    // date in the W3C format; listings and other pages have none.
    let mut dated = 0;
    for (url, lastmod) in &urls {
        let path = url.strip_prefix(base).unwrap();
        let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        let section = parts.get(1).copied().unwrap_or("");
        let detail = parts.len() == 3
            && [
                "cases",
                "casos",
                "reports",
                "informes",
                "indicators",
                "indicadores",
                "agreements",
                "convenios",
                "actions",
                "acciones",
            ]
            .contains(&section)
            && ![
                "themes",
                "temas",
                "cities",
                "ciudades",
                "countries",
                "paises",
                "scales",
                "escalas",
                "dimensions",
                "dimensiones",
                "sdgs",
                "ods",
                "page",
                "pagina",
            ]
            .contains(&parts[2])
            && !parts[2].starts_with("dimension");
        match lastmod {
            Some(day) => {
                assert!(detail, "{url} is not a dated page but has {day}");
                assert_eq!(dates_in(day), vec![day.clone()], "{url}");
                assert_eq!(day.len(), 10, "{url}");
                dated += 1;
            }
            // A report not yet presented has no date.
            None => assert!(
                !detail || section.starts_with("report") || section.starts_with("inform"),
                "{url} has no <lastmod>"
            ),
        }
    }
    assert!(dated > 100, "{dated} dated pages");
}

#[test]
fn atom_feeds_give_the_licence_by_name_and_address_or_no_rights_without_one() {
    let f = Fixture::bundled();
    f.build_ok();
    for lang in ["es", "en"] {
        let xml = f.output(&format!("{lang}/atom.xml"));
        let doc = roxmltree::Document::parse(&xml).expect("the feed is XML");
        let feed = doc.root_element();
        let rights: Vec<_> = feed
            .children()
            .filter(|c| c.tag_name().name() == "rights")
            .collect();
        assert_eq!(rights.len(), 1, "{xml}");
        assert_eq!(
            rights[0].text(),
            Some("CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)")
        );
        let licence: Vec<_> = feed
            .children()
            .filter(|c| c.tag_name().name() == "link" && c.attribute("rel") == Some("license"))
            .collect();
        assert_eq!(licence.len(), 1, "{xml}");
        assert_eq!(
            licence[0].attribute("href"),
            Some("https://creativecommons.org/licenses/by/4.0/")
        );
    }

    // A licence memoria does not know by name: its address alone.
    let f = Fixture::new(&["en"]);
    f.edit(
        "site.toml",
        "languages",
        "license = \"https://example.org/our-licence\"\nlanguages",
    );
    f.case("harbour", "en", "A harbour", "", "Text.");
    f.build_ok();
    let xml = f.output("en/atom.xml");
    assert!(
        xml.contains("<rights>https://example.org/our-licence</rights>"),
        "{xml}"
    );

    // No licence: no rights and no licence link.
    let f = Fixture::new(&["en"]);
    f.case("harbour", "en", "A harbour", "", "Text.");
    f.build_ok();
    let xml = f.output("en/atom.xml");
    assert!(
        !xml.contains("<rights") && !xml.contains("rel=\"license\""),
        "{xml}"
    );
}

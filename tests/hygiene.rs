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

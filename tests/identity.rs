//! `[identity]` in site.toml: the organisation, its logo and contact in the
//! header and footer of every page in every language, the accessibility
//! statement and privacy notice, and an error at its line for each fault.

mod common;

use common::{only_error_and_help, stderr, Fixture};

/// The site.toml of the fixture: `identity` is the `[identity]` table
/// (starting on line 5).
fn config(identity: &str) -> String {
    format!(
        "title = {{ es = \"Sitio\", en = \"Site\" }}\nbase_url = \"https://example.org/\"\nlanguages = [\"es\", \"en\"]\n\n{identity}"
    )
}

const FULL: &str = r#"[identity]
name = { es = "Oficina Internacional", en = "International Office" }
logo = "static/escudo.svg"
logo_alt = { es = "Escudo de la ciudad", en = "The city's coat of arms" }
email = "oficina@example.org"
phone = "+34 900 123 456"
address = { es = "Plaza Mayor 1", en = "1 Main Square" }
accessibility = "accessibility"
privacy = "privacy"

[[identity.links]]
label = { es = "Ayuntamiento", en = "City council" }
url = "https://www.example.org/"

[[identity.links]]
label = { es = "Datos", en = "Data" }
url = "/data/catalog.jsonld"
"#;

const LOGO: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>\n";

/// A site with every identity setting, its logo and its two pages.
fn full_site() -> Fixture {
    let f = Fixture::new(&["es", "en"]);
    f.write("site.toml", &config(FULL));
    f.write("static/escudo.svg", LOGO);
    f.page(
        "accessibility",
        "es",
        "Accesibilidad",
        "slug: accesibilidad\n",
        "Texto.",
    );
    f.page("accessibility", "en", "Accessibility", "", "Text.");
    f.page(
        "privacy",
        "es",
        "Privacidad",
        "slug: privacidad\n",
        "Texto.",
    );
    f.page("privacy", "en", "Privacy", "", "Text.");
    f.page("about", "es", "Acerca", "slug: acerca\n", "Texto.");
    f.page("about", "en", "About", "", "Text.");
    f
}

/// The part of `html` between `start` and the next `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in:\n{html}"));
    let rest = &html[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

#[test]
fn the_header_and_footer_show_the_identity_in_each_language() {
    let f = full_site();
    let out = f.build_ok();
    assert!(!stderr(&out).contains("warning:"), "{}", stderr(&out));
    for (lang, page, name, alt, address, link, accessibility, privacy) in [
        (
            "es",
            "es/acerca/index.html",
            "Oficina Internacional",
            "Escudo de la ciudad",
            "Plaza Mayor 1",
            "Ayuntamiento",
            "/es/accesibilidad/",
            "/es/privacidad/",
        ),
        (
            "en",
            "en/about/index.html",
            "International Office",
            "The city&#39;s coat of arms",
            "1 Main Square",
            "City council",
            "/en/accessibility/",
            "/en/privacy/",
        ),
    ] {
        for file in [format!("{lang}/index.html"), page.to_string()] {
            let html = f.output(&file);
            let header = between(&html, "<header", "</header>");
            assert!(
                header.contains(&format!("<a href=\"/{lang}/\"><img class=\"site-logo\" src=\"/escudo.svg\" alt=\"{alt}\">")),
                "{file}: {header}"
            );
            assert!(
                header.contains(&format!("<span class=\"site-organisation\">{name}</span>")),
                "{file}: {header}"
            );
            let footer = between(&html, "<footer", "</footer>");
            assert!(
                footer.contains(&format!(
                    "<span class=\"footer-organisation\">{name}</span>"
                )),
                "{file}: {footer}"
            );
            assert!(
                footer.contains(&format!("<span>{address}</span>")),
                "{file}: {footer}"
            );
            assert!(
                footer.contains("<a href=\"mailto:oficina@example.org\">oficina@example.org</a>"),
                "{file}: {footer}"
            );
            assert!(
                footer.contains("<a href=\"tel:+34900123456\">+34 900 123 456</a>"),
                "{file}: {footer}"
            );
            assert!(
                footer.contains(&format!("<a href=\"https://www.example.org/\">{link}</a>")),
                "{file}: {footer}"
            );
            assert!(
                footer.contains("<a href=\"/data/catalog.jsonld\">"),
                "{file}: {footer}"
            );
            assert!(
                footer.contains(&format!("<a href=\"{accessibility}\">")),
                "{file}: {footer}"
            );
            assert!(
                footer.contains(&format!("<a href=\"{privacy}\">")),
                "{file}: {footer}"
            );
            // The two pages are in the footer, not in the main menu; other pages stay there.
            let nav = between(&html, "<nav class=\"main-nav\"", "</nav>");
            assert!(
                !nav.contains(accessibility) && !nav.contains(privacy),
                "{file}: {nav}"
            );
            assert!(
                nav.contains(if lang == "es" {
                    "/es/acerca/"
                } else {
                    "/en/about/"
                }),
                "{file}: {nav}"
            );
        }
        assert!(
            f.has_output(&format!("{}index.html", &accessibility[1..])),
            "{accessibility}"
        );
    }
    assert_eq!(f.output("escudo.svg"), LOGO, "the logo is published");
    // The words of the footer are the page's language's.
    assert!(f
        .output("es/index.html")
        .contains("Declaración de accesibilidad"));
    assert!(f
        .output("en/index.html")
        .contains("Accessibility statement"));
    // The organisation publishes the site (schema.org), and is the office of the reports.
    assert!(
        f.output("en/index.html")
            .contains("\"name\":\"International Office\""),
        "{}",
        f.output("en/index.html")
    );
}

#[test]
fn without_identity_the_header_is_the_title_alone() {
    let f = Fixture::new(&["es", "en"]);
    f.build_ok();
    let html = f.output("es/index.html");
    let header = between(&html, "<header", "</header>");
    assert!(!header.contains("<img"), "{header}");
    assert!(
        !html.contains("footer-contact") && !html.contains("footer-links"),
        "{html}"
    );
}

/// Builds the fixture with `[identity]` replaced by `identity` and returns
/// its one error and its advice.
fn one_error(identity: &str, prepare: impl Fn(&Fixture)) -> (String, String) {
    let f = full_site();
    f.write("site.toml", &config(identity));
    prepare(&f);
    let out = f.run(&["build"]);
    let result = only_error_and_help(&out);
    assert!(!f.root().join("public").exists(), "nothing is written");
    result
}

#[test]
fn a_logo_that_is_not_there_is_one_error_at_its_line() {
    let (error, help) = one_error(FULL, |f| f.remove("static/escudo.svg"));
    assert_eq!(
        error,
        "error: site.toml:7:1: `identity.logo` \"static/escudo.svg\": there is no such file in the site's folder"
    );
    assert!(
        help.contains("put the image there") && help.contains("static/logo.svg"),
        "{help}"
    );
}

#[test]
fn a_logo_without_alternative_text_is_an_error_at_the_logo() {
    let identity = FULL.replace(
        "logo_alt = { es = \"Escudo de la ciudad\", en = \"The city's coat of arms\" }\n",
        "",
    );
    let (error, help) = one_error(&identity, |_| {});
    assert!(
        error.starts_with("error: site.toml:7:1: `identity.logo` has no `logo_alt`"),
        "{error}"
    );
    assert!(
        help.contains("logo_alt = { es = \"") && help.contains("en = \""),
        "{help}"
    );
}

#[test]
fn alternative_text_missing_in_a_language_is_a_warning_at_logo_alt() {
    let f = full_site();
    f.write(
        "site.toml",
        &config(&FULL.replace(", en = \"The city's coat of arms\"", "")),
    );
    let out = f.run(&["build"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(
        warnings,
        ["warning: site.toml:8:1: `identity.logo_alt` has no text in `en`"],
        "{err}"
    );
    assert!(err.contains("en = \"…\""), "{err}");
    // Meanwhile the English pages describe the logo in Spanish.
    assert!(f
        .output("en/index.html")
        .contains("alt=\"Escudo de la ciudad\""));
}

#[test]
fn a_logo_outside_static_or_not_an_image_is_an_error() {
    for (logo, why) in [
        (
            "escudo.svg",
            "is not a file inside the site's static/ folder",
        ),
        (
            "../escudo.svg",
            "is not a file inside the site's static/ folder",
        ),
        ("static/escudo.gif", "is not an SVG, PNG or JPEG image"),
    ] {
        let identity = FULL.replace("static/escudo.svg", logo);
        let (error, help) = one_error(&identity, |_| {});
        assert_eq!(
            error,
            format!("error: site.toml:7:1: `identity.logo` \"{logo}\" {why}")
        );
        assert!(help.contains("logo = \"static/logo.svg\""), "{help}");
    }
}

#[test]
fn a_bad_email_is_an_error_at_its_line() {
    let identity = FULL.replace("oficina@example.org", "oficina at example");
    let (error, help) = one_error(&identity, |_| {});
    assert_eq!(
        error,
        "error: site.toml:9:1: `identity.email` \"oficina at example\" is not an e-mail address"
    );
    assert!(
        help.contains("email = \"international@example.gov\""),
        "{help}"
    );
}

#[test]
fn a_bad_phone_is_an_error_at_its_line() {
    let identity = FULL.replace("+34 900 123 456", "call the office");
    let (error, help) = one_error(&identity, |_| {});
    assert_eq!(
        error,
        "error: site.toml:10:1: `identity.phone` \"call the office\" is not a telephone number"
    );
    assert!(help.contains("phone = \"+34 900 000 000\""), "{help}");
}

#[test]
fn a_missing_accessibility_page_is_an_error_at_its_line() {
    let (error, help) = one_error(FULL, |f| {
        f.remove("content/pages/accessibility.es.md");
        f.remove("content/pages/accessibility.en.md");
    });
    assert_eq!(
        error,
        "error: site.toml:12:1: `identity.accessibility` names the page \"accessibility\", but content/pages/ has no accessibility.<language>.md"
    );
    assert!(
        help.contains("content/pages/accessibility.en.md") && help.contains("memoria init"),
        "{help}"
    );
}

#[test]
fn a_footer_link_that_is_no_address_is_an_error_at_its_url() {
    let identity = FULL.replace("url = \"/data/catalog.jsonld\"", "url = \"data/catalog\"");
    let (error, help) = one_error(&identity, |_| {});
    assert_eq!(
        error,
        "error: site.toml:21:1: footer link 2: \"data/catalog\" is neither a web address nor a path of this site"
    );
    assert!(
        help.contains("url = \"https://www.example.gov/\"") && help.contains("/en/methodology/"),
        "{help}"
    );
}

#[test]
fn texts_in_a_language_the_site_lacks_are_errors() {
    let identity = FULL.replace("en = \"1 Main Square\"", "de = \"Marktplatz 1\"");
    let (error, help) = one_error(&identity, |_| {});
    assert_eq!(
        error,
        "error: site.toml:11:1: `identity.address` is given in `de`, which is not a language of the site"
    );
    assert!(help.contains("es, en"), "{help}");
}

#[test]
fn an_unknown_identity_setting_is_named_with_a_suggestion() {
    let f = full_site();
    f.write(
        "site.toml",
        &config(&FULL.replace("phone =", "telephone =")),
    );
    let out = f.run(&["build"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("unknown setting `identity.telephone`"),
        "{err}"
    );
    assert!(err.contains("did you mean `phone`?"), "{err}");
}

#[test]
fn the_bundled_site_shows_its_office_and_coat_of_arms() {
    let f = Fixture::bundled();
    f.build_ok();
    let es = f.output("es/index.html");
    let en = f.output("en/index.html");
    assert!(
        es.contains("<img class=\"site-logo\" src=\"/logo.svg\" alt=\"Escudo de Ciudad Ejemplo\">"),
        "{es}"
    );
    assert!(
        en.contains(
            "<img class=\"site-logo\" src=\"/logo.svg\" alt=\"Coat of arms of Example City\">"
        ),
        "{en}"
    );
    assert!(es.contains("Dirección de Relaciones Internacionales"));
    assert!(en.contains("Office of International Relations"));
    assert!(es.contains("href=\"/es/accesibilidad/\"") && en.contains("href=\"/en/privacy/\""));
}

//! `memoria build` on small fixture sites: translations paired by file name,
//! alternates, the language switcher, missing translations, three languages,
//! escaping, `@/` links, the sitemap, atomic output and determinism.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use common::{snapshot, stderr, Fixture};

/// Appends `text` to the fixture's site.toml.
fn append_config(f: &Fixture, text: &str) {
    let path = f.root().join("site.toml");
    let mut config = fs::read_to_string(&path).unwrap();
    config.push_str(text);
    fs::write(path, config).unwrap();
}

/// The `<link rel="alternate" hreflang=…>` elements of a page, as
/// (hreflang, href), in document order.
fn alternates(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for piece in html.split("<link rel=\"alternate\" hreflang=\"").skip(1) {
        let (lang, rest) = piece.split_once('"').unwrap();
        let href = rest
            .strip_prefix(" href=\"")
            .and_then(|r| r.split_once('"'))
            .map(|(h, _)| h)
            .unwrap_or_else(|| panic!("alternate without href: {piece}"));
        out.push((lang.to_string(), href.to_string()));
    }
    out
}

fn alt(lang: &str, href: &str) -> (String, String) {
    (lang.to_string(), href.to_string())
}

/// The language switcher of a page (`<nav class="lang-switcher" …>…</nav>`).
fn switcher(html: &str) -> &str {
    let start = html
        .find("<nav class=\"lang-switcher\"")
        .unwrap_or_else(|| panic!("no language switcher in:\n{html}"));
    let end = html[start..].find("</nav>").unwrap() + start;
    &html[start..end]
}

/// Every `href="…"` of a piece of HTML.
fn hrefs(html: &str) -> Vec<&str> {
    html.split("href=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect()
}

/// A site in Spanish and English with a paired case (Lima), a case with a
/// Spanish slug of its own (Mexico City), a case only in Spanish (Quito) and
/// an "about" page in both languages.
fn bilingual() -> Fixture {
    let f = Fixture::new(&["es", "en"]);
    f.case("lima", "es", "Concejo de Lima", "", "Texto.");
    f.case("lima", "en", "Lima council", "", "Text.");
    f.case(
        "mexico-city",
        "es",
        "Ciudad de México",
        "slug: ciudad-de-mexico\n",
        "Texto.",
    );
    f.case("mexico-city", "en", "Mexico City", "", "Text.");
    f.case("quito", "es", "Quito solo", "", "Texto.");
    f.page("about", "es", "Acerca", "", "Texto.");
    f.page("about", "en", "About", "", "Text.");
    f
}

#[test]
fn translations_are_paired_by_file_name() {
    let f = bilingual();
    f.build_ok();
    let es = f.output("es/casos/lima/index.html");
    let en = f.output("en/cases/lima/index.html");
    assert!(es.contains("<html lang=\"es\" dir=\"ltr\">"), "{es}");
    assert!(en.contains("<html lang=\"en\" dir=\"ltr\">"), "{en}");
    assert!(es.contains("<h1>Concejo de Lima</h1>"));
    assert!(en.contains("<h1>Lima council</h1>"));
    // A slug of its own in one language, the id in the other.
    assert!(f.has_output("es/casos/ciudad-de-mexico/index.html"));
    assert!(f.has_output("en/cases/mexico-city/index.html"));
    assert!(!f.has_output("es/casos/mexico-city/index.html"));
    assert!(!f.has_output("en/cases/ciudad-de-mexico/index.html"));
    assert!(f
        .output("es/casos/ciudad-de-mexico/index.html")
        .contains("<html lang=\"es\" dir=\"ltr\">"));
    // Section names are translated; no case leaks into the other language's section.
    assert!(!f.has_output("es/cases/lima/index.html"));
    assert!(!f.has_output("en/casos/lima/index.html"));
    // Free pages live at /<lang>/<slug>/.
    assert!(f
        .output("es/about/index.html")
        .contains("<html lang=\"es\" dir=\"ltr\">"));
    assert!(f
        .output("en/about/index.html")
        .contains("<html lang=\"en\" dir=\"ltr\">"));
}

#[test]
fn every_translation_is_an_alternate_and_x_default_is_the_first_language() {
    let f = bilingual();
    f.build_ok();
    let lima = vec![
        alt("es", "https://example.org/es/casos/lima/"),
        alt("en", "https://example.org/en/cases/lima/"),
        alt("x-default", "https://example.org/es/casos/lima/"),
    ];
    assert_eq!(alternates(&f.output("es/casos/lima/index.html")), lima);
    assert_eq!(alternates(&f.output("en/cases/lima/index.html")), lima);

    let mexico = vec![
        alt("es", "https://example.org/es/casos/ciudad-de-mexico/"),
        alt("en", "https://example.org/en/cases/mexico-city/"),
        alt(
            "x-default",
            "https://example.org/es/casos/ciudad-de-mexico/",
        ),
    ];
    assert_eq!(
        alternates(&f.output("es/casos/ciudad-de-mexico/index.html")),
        mexico
    );
    assert_eq!(
        alternates(&f.output("en/cases/mexico-city/index.html")),
        mexico
    );

    // Only in Spanish: no alternate for the missing English version.
    assert_eq!(
        alternates(&f.output("es/casos/quito/index.html")),
        vec![
            alt("es", "https://example.org/es/casos/quito/"),
            alt("x-default", "https://example.org/es/casos/quito/"),
        ]
    );
}

#[test]
fn x_default_follows_the_order_of_languages_in_site_toml() {
    let f = Fixture::new(&["en", "es"]);
    f.case("lima", "es", "Concejo de Lima", "", "Texto.");
    f.case("lima", "en", "Lima council", "", "Text.");
    f.build_ok();
    for page in ["es/casos/lima/index.html", "en/cases/lima/index.html"] {
        let alts = alternates(&f.output(page));
        assert!(
            alts.contains(&alt("x-default", "https://example.org/en/cases/lima/")),
            "{page}: {alts:?}"
        );
        assert_eq!(
            alts.iter().filter(|(l, _)| l == "x-default").count(),
            1,
            "{page}: {alts:?}"
        );
    }
}

#[test]
fn the_switcher_leads_to_the_same_page_in_the_other_language() {
    let f = bilingual();
    f.build_ok();
    let es = f.output("es/casos/lima/index.html");
    let nav = switcher(&es);
    assert_eq!(hrefs(nav), vec!["/en/cases/lima/"], "{nav}");
    assert!(
        nav.contains("<span aria-current=\"page\" lang=\"es\" dir=\"ltr\">Español</span>"),
        "{nav}"
    );
    assert!(!nav.contains("href=\"/en/\""), "not the home page: {nav}");
    assert_eq!(nav.matches("aria-current").count(), 1, "{nav}");

    let en = f.output("en/cases/lima/index.html");
    let nav = switcher(&en);
    assert_eq!(hrefs(nav), vec!["/es/casos/lima/"], "{nav}");
    assert!(
        nav.contains("<span aria-current=\"page\" lang=\"en\" dir=\"ltr\">English</span>"),
        "{nav}"
    );

    // Slugs that differ by language.
    let en = f.output("en/cases/mexico-city/index.html");
    assert_eq!(hrefs(switcher(&en)), vec!["/es/casos/ciudad-de-mexico/"]);
    let es = f.output("es/casos/ciudad-de-mexico/index.html");
    assert_eq!(hrefs(switcher(&es)), vec!["/en/cases/mexico-city/"]);

    // Listings switch to the same listing.
    let cases = f.output("es/casos/index.html");
    assert_eq!(hrefs(switcher(&cases)), vec!["/en/cases/"]);
}

#[test]
fn a_missing_translation_warns_and_gets_a_notice_page() {
    let f = Fixture::new(&["es", "en"]);
    f.case("lima", "es", "Concejo de Lima", "", "Texto.");
    f.case("lima", "en", "Lima council", "", "Text.");
    f.case("quito", "es", "Quito solo", "", "Texto.");

    let check = f.run(&["check"]);
    let err = stderr(&check);
    assert_eq!(check.status.code(), Some(0), "{err}");
    let warning = err
        .lines()
        .find(|l| l.starts_with("warning:") && l.contains("content/cases/quito.es.md"))
        .unwrap_or_else(|| panic!("no warning about quito.es.md:\n{err}"));
    assert!(warning.contains("`en`"), "{warning}");
    assert!(
        !err.contains("lima.es.md") && !err.contains("lima.en.md"),
        "only the untranslated case is reported:\n{err}"
    );

    let strict = f.run(&["check", "--strict"]);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
    assert!(stderr(&strict).contains("content/cases/quito.es.md"));

    let build = f.build_ok();
    assert!(stderr(&build).contains("content/cases/quito.es.md"));
    let notice = f.output("en/cases/quito/index.html");
    assert!(notice.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(
        notice.contains("This content is not available in English yet."),
        "{notice}"
    );
    assert!(notice.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(
        !notice.contains("rel=\"canonical\""),
        "a notice is not canonical"
    );
    let main = &notice[notice.find("<main").unwrap()..];
    assert!(
        main.contains("href=\"/es/casos/quito/\""),
        "the notice links to the Spanish version: {main}"
    );
    // The switcher of the Spanish page marks English as not translated.
    let es = f.output("es/casos/quito/index.html");
    assert!(switcher(&es).contains("class=\"untranslated-mark\""));
    assert!(!es.contains("<meta name=\"robots\" content=\"noindex\">"));
}

#[test]
fn three_languages() {
    let f = Fixture::new(&["es", "en", "fr"]);
    for lang in ["es", "en", "fr"] {
        f.case("lima", lang, &format!("Lima {lang}"), "", "Texte.");
    }
    f.build_ok();
    let pages = [
        ("es", "es/casos/lima/index.html", "2 de mayo de 2018"),
        ("en", "en/cases/lima/index.html", "May 2, 2018"),
        ("fr", "fr/cas/lima/index.html", "2 mai 2018"),
    ];
    let expected = vec![
        alt("es", "https://example.org/es/casos/lima/"),
        alt("en", "https://example.org/en/cases/lima/"),
        alt("fr", "https://example.org/fr/cas/lima/"),
        alt("x-default", "https://example.org/es/casos/lima/"),
    ];
    for (lang, path, date) in pages {
        let page = f.output(path);
        assert!(
            page.contains(&format!("<html lang=\"{lang}\" dir=\"ltr\">")),
            "{path}"
        );
        assert!(
            page.contains(&format!("<time datetime=\"2018-05-02\">{date}</time>")),
            "{path}: {date}"
        );
        assert_eq!(alternates(&page), expected, "{path}");
        let nav = switcher(&page);
        assert_eq!(nav.matches("<li>").count(), 3, "{path}: {nav}");
        for name in ["Español", "English", "Français"] {
            assert!(nav.contains(name), "{path}: {name} in {nav}");
        }
        let others: Vec<&str> = [
            ("es", "/es/casos/lima/"),
            ("en", "/en/cases/lima/"),
            ("fr", "/fr/cas/lima/"),
        ]
        .iter()
        .filter(|(l, _)| *l != lang)
        .map(|(_, u)| *u)
        .collect();
        assert_eq!(hrefs(nav), others, "{path}");
    }
    // Every page of the site has the three-language switcher.
    for (rel, bytes) in snapshot(&f.root().join("public")) {
        if !rel.ends_with(".html") || rel == "index.html" || rel == "404.html" {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        assert_eq!(
            switcher(&html).matches("<li>").count(),
            3,
            "{rel} lists three languages"
        );
    }
    let chooser = f.output("index.html");
    for home in ["/es/", "/en/", "/fr/"] {
        assert!(chooser.contains(&format!("href=\"{home}\"")), "{home}");
    }
}

const EVIL: &str = "<script>alert(1)</script>";

#[test]
fn text_from_authors_is_escaped_everywhere() {
    let f = Fixture::new(&["es", "en"]);
    let extra = format!("actors: [\"{EVIL}\"]\nlessons: [\"{EVIL}\"]\n");
    let case = common::case_text(
        &format!("{EVIL} title"),
        "",
        &format!(
            "{EVIL}\n\nInline {EVIL} and [x](javascript:alert(1)) and [y](JavaScript:alert(2)).\n\n## {EVIL}\n"
        ),
    )
    .replace("actors: [Concejo]\n", &extra)
    .replace("city: Lima\n", &format!("city: \"{EVIL}\"\n"))
    .replace(
        "summary: \"Summary of <script>alert(1)</script> title\"",
        &format!("summary: \"{EVIL} summary\""),
    );
    assert!(case.contains(&format!("summary: \"{EVIL} summary\"")));
    assert!(case.contains(&format!("city: \"{EVIL}\"")));
    append_config(
        &f,
        &format!("description = {{ es = \"{EVIL}\", en = \"{EVIL}\" }}\n"),
    );
    f.write("content/cases/lima.es.md", &case);
    f.write("content/cases/lima.en.md", &case);
    f.page("about", "es", &format!("{EVIL} page"), "", EVIL);
    f.build_ok();

    let page = f.output("es/casos/lima/index.html");
    assert!(
        page.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt; title</h1>"),
        "the title is shown as text: {page}"
    );
    assert!(
        page.contains("<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>"),
        "actors are shown as text"
    );
    assert!(
        page.contains("<p>&lt;script&gt;alert(1)&lt;/script&gt;"),
        "raw HTML in the body is shown as text"
    );
    assert!(
        !page.to_lowercase().contains("href=\"javascript:"),
        "{page}"
    );
    assert!(
        page.contains(" and x and y.</p>"),
        "the text of a dropped link stays: {page}"
    );
    let mut checked = 0;
    for (rel, bytes) in snapshot(&f.root().join("public")) {
        let text = String::from_utf8_lossy(&bytes);
        // Markup and scripts: never the raw element. (JSON data files hold
        // the author's text as a JSON string, to be shown with textContent.)
        if [".html", ".xml", ".js", ".css", ".svg"]
            .iter()
            .any(|e| rel.ends_with(e))
        {
            checked += 1;
            assert!(!text.contains(EVIL), "{rel} has raw markup:\n{text}");
            assert!(!text.contains("<script>alert"), "{rel}");
            assert!(
                !text.to_lowercase().contains("href=\"javascript:"),
                "{rel} links to script"
            );
        }
        if rel.ends_with(".json") {
            // Data, not markup: valid JSON whose strings hold the text as written.
            let value: serde_json::Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel} is not JSON: {e}"));
            json_strings_ok(&rel, &value);
        }
    }
    assert!(checked > 10, "the site has markup files ({checked})");
}

/// Walks a JSON value: a string that holds the script must hold it whole
/// (the text as the author wrote it), never half-escaped.
fn json_strings_ok(rel: &str, value: &serde_json::Value) {
    match value {
        serde_json::Value::String(s) if s.contains("alert(1)") => {
            assert!(
                s.contains(EVIL) || !s.contains('<'),
                "{rel}: odd text {s:?}"
            );
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| json_strings_ok(rel, v)),
        serde_json::Value::Object(map) => map.values().for_each(|v| json_strings_ok(rel, v)),
        _ => {}
    }
}

#[test]
fn raw_html_passes_only_when_allowed() {
    let body = "<aside class=\"box\">Raw</aside>\n\nText with <kbd>Ctrl</kbd> and [x](javascript:alert(1)).";
    let strict = Fixture::new(&["es"]);
    strict.case("lima", "es", "Lima", "", body);
    strict.build_ok();
    let page = strict.output("es/casos/lima/index.html");
    assert!(!page.contains("<aside class=\"box\">"), "{page}");
    assert!(!page.contains("<kbd>Ctrl</kbd>"), "{page}");
    assert!(page.contains("&lt;kbd&gt;Ctrl&lt;/kbd&gt;"), "{page}");

    let allowed = Fixture::new(&["es"]);
    append_config(&allowed, "allow_raw_html = true\n");
    allowed.case("lima", "es", "Lima", "", body);
    allowed.build_ok();
    let page = allowed.output("es/casos/lima/index.html");
    assert!(page.contains("<aside class=\"box\">Raw</aside>"), "{page}");
    assert!(page.contains("<kbd>Ctrl</kbd>"), "{page}");
    assert!(
        !page.contains("href=\"javascript:"),
        "script links are dropped even so: {page}"
    );
}

#[test]
fn source_links_resolve_in_the_reader_language_or_the_default_one() {
    let f = Fixture::new(&["es", "en"]);
    f.case(
        "lima",
        "es",
        "Lima",
        "",
        "Ver [Quito](@/cases/quito.md), [Cusco](@/cases/cusco.md), [CDMX](@/cases/mexico-city.md) y [Acerca](@/pages/about.md).",
    );
    f.case(
        "lima",
        "en",
        "Lima",
        "",
        "See [Quito](@/cases/quito.md), [Cusco](@/cases/cusco.md), [About](@/pages/about.md) and [context](@/cases/quito.md#context).",
    );
    f.case(
        "quito",
        "es",
        "Quito",
        "",
        "## Contexto {#context}\n\nTexto.",
    );
    f.case("quito", "en", "Quito", "", "## Context\n\nText.");
    f.case("cusco", "es", "Cusco", "", "Texto.");
    f.case(
        "mexico-city",
        "es",
        "CDMX",
        "slug: ciudad-de-mexico\n",
        "Texto.",
    );
    f.case("mexico-city", "en", "Mexico City", "", "Text.");
    f.page("about", "es", "Acerca", "slug: acerca-de\n", "Texto.");
    f.page("about", "en", "About", "", "Text.");
    f.build_ok();
    let en = f.output("en/cases/lima/index.html");
    assert!(
        en.contains("<a href=\"/en/cases/quito/\">Quito</a>"),
        "{en}"
    );
    assert!(
        en.contains("<a href=\"/es/casos/cusco/\">Cusco</a>"),
        "falls back to the default language: {en}"
    );
    assert!(en.contains("<a href=\"/en/about/\">About</a>"), "{en}");
    assert!(en.contains("<a href=\"/en/cases/quito/#context\">context</a>"));
    assert!(!en.contains("@/"), "no source link is left: {en}");
    let es = f.output("es/casos/lima/index.html");
    assert!(
        es.contains("<a href=\"/es/casos/quito/\">Quito</a>"),
        "{es}"
    );
    assert!(
        es.contains("<a href=\"/es/casos/cusco/\">Cusco</a>"),
        "{es}"
    );
    assert!(es.contains("<a href=\"/es/acerca-de/\">Acerca</a>"), "{es}");
    assert!(
        es.contains("<a href=\"/es/casos/ciudad-de-mexico/\">CDMX</a>"),
        "the slug of the target's language: {es}"
    );
    // The links it makes are valid: check finds nothing wrong but the
    // missing translation of Cusco.
    let check = f.run(&["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert_eq!(
        stderr(&check).matches("warning:").count(),
        1,
        "{}",
        stderr(&check)
    );
}

/// The child elements of `node` named `name`.
fn children<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    name: &'a str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'i>> + 'a {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

#[test]
fn the_sitemap_lists_every_page_with_its_alternates() {
    let f = bilingual();
    f.build_ok();
    let xml = f.output("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap.xml is XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    let mut listed = std::collections::BTreeMap::new();
    for url in children(root, "url") {
        let loc = children(url, "loc")
            .next()
            .and_then(|l| l.text())
            .expect("every url has a loc")
            .to_string();
        let links: Vec<(String, String)> = children(url, "link")
            .map(|l| {
                assert_eq!(
                    l.tag_name().namespace(),
                    Some("http://www.w3.org/1999/xhtml"),
                    "xhtml:link"
                );
                assert_eq!(l.attribute("rel"), Some("alternate"));
                (
                    l.attribute("hreflang").unwrap().to_string(),
                    l.attribute("href").unwrap().to_string(),
                )
            })
            .collect();
        assert!(
            listed.insert(loc.clone(), links).is_none(),
            "{loc} is listed twice"
        );
    }
    // Every indexable page is listed, with the alternates the page itself has.
    let mut pages = 0;
    for (rel, bytes) in snapshot(&f.root().join("public")) {
        if !rel.ends_with(".html") || rel == "404.html" {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        if html.contains("<meta name=\"robots\" content=\"noindex\">") {
            let url = format!("https://example.org/{}", rel.trim_end_matches("index.html"));
            assert!(!listed.contains_key(&url), "{url} is a notice, not listed");
            continue;
        }
        let permalink = html
            .split("<link rel=\"canonical\" href=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or_else(|| panic!("{rel} has no canonical link"));
        assert_eq!(
            permalink,
            format!("https://example.org/{}", rel.trim_end_matches("index.html")),
            "{rel}"
        );
        let links = listed
            .get(permalink)
            .unwrap_or_else(|| panic!("{permalink} is missing from the sitemap"));
        if rel != "index.html" {
            assert_eq!(links, &alternates(&html), "{rel}: sitemap alternates");
            assert!(!links.is_empty(), "{rel} has alternates");
        }
        pages += 1;
    }
    assert_eq!(pages, listed.len(), "the sitemap lists only real pages");
    let lima = &listed["https://example.org/en/cases/lima/"];
    assert!(lima.contains(&alt("es", "https://example.org/es/casos/lima/")));
    assert!(lima.contains(&alt("en", "https://example.org/en/cases/lima/")));
    assert!(listed.contains_key("https://example.org/es/casos/ciudad-de-mexico/"));
    assert!(!listed.contains_key("https://example.org/en/cases/quito/"));

    let chooser = f.output("index.html");
    let links: BTreeSet<&str> = hrefs(&chooser[chooser.find("<main").unwrap()..])
        .into_iter()
        .collect();
    assert!(
        links.contains("/es/") && links.contains("/en/"),
        "{links:?}"
    );
}

/// Folders beside `dir` left by a build (`.<name>.memoria-…`).
fn leftovers(parent: &Path) -> Vec<String> {
    fs::read_dir(parent)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".memoria-"))
        .collect()
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let f = bilingual();
    f.build_ok();
    let public = f.root().join("public");
    let before = snapshot(&public);
    assert!(before.len() > 10);
    f.write(
        "content/cases/lima.en.md",
        &common::case_text("Lima council", "", "Text.")
            .replace("summary: \"Summary of Lima council\"", "summary: a: b"),
    );
    let out = f.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error: content/cases/lima.en.md:11:"),
        "names the file and line: {err}"
    );
    assert_eq!(snapshot(&public), before, "public/ is untouched");
    assert!(leftovers(f.root()).is_empty(), "{:?}", leftovers(f.root()));

    // Once fixed, the next build replaces the output, and no leftovers remain.
    f.case("lima", "en", "Lima council fixed", "", "Text.");
    f.build_ok();
    assert!(f
        .output("en/cases/lima/index.html")
        .contains("Lima council fixed"));
    assert_ne!(snapshot(&public), before);
    assert!(leftovers(f.root()).is_empty(), "{:?}", leftovers(f.root()));
}

#[test]
fn a_build_replaces_the_previous_one_completely() {
    let f = bilingual();
    f.build_ok();
    assert!(f.has_output("es/casos/quito/index.html"));
    f.remove("content/cases/quito.es.md");
    f.build_ok();
    assert!(
        !f.has_output("es/casos/quito/index.html"),
        "pages of removed content do not linger"
    );
    assert!(!f.has_output("en/cases/quito/index.html"));
}

#[test]
fn output_goes_where_asked_and_never_over_other_files() {
    let f = bilingual();
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("site");
    let out = f.run(&["build", "--output", target.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(target.join("es/casos/lima/index.html").is_file());
    assert!(target.join("sitemap.xml").is_file());
    assert!(!f.root().join("public").exists(), "public/ is not written");
    assert!(leftovers(elsewhere.path()).is_empty());

    // A second build into the same folder is allowed: it is a previous build.
    let again = f.run(&["build", "--output", target.to_str().unwrap()]);
    assert!(again.status.success(), "{}", stderr(&again));

    // A folder with other files is refused, and left as it was.
    let notes = elsewhere.path().join("notes");
    fs::create_dir_all(notes.join("sub")).unwrap();
    fs::write(notes.join("notes.txt"), "my notes").unwrap();
    fs::write(notes.join("sub/more.txt"), "more").unwrap();
    let before = snapshot(&notes);
    let refused = f.run(&["build", "--output", notes.to_str().unwrap()]);
    let err = stderr(&refused);
    assert_eq!(refused.status.code(), Some(1), "{err}");
    assert!(err.contains("error:"), "{err}");
    assert_eq!(snapshot(&notes), before);
    assert!(leftovers(elsewhere.path()).is_empty());

    // output_dir in site.toml is honoured too.
    append_config(&f, "output_dir = \"dist\"\n");
    f.build_ok();
    assert!(f.root().join("dist/en/cases/lima/index.html").is_file());
    assert!(!f.root().join("public").exists());
}

#[test]
fn builds_are_deterministic() {
    let f = Fixture::new(&["es", "en", "fr"]);
    for (id, date) in [("lima", "2018-05-02"), ("quito", "2019-01-10")] {
        for lang in ["es", "en", "fr"] {
            f.case(
                id,
                lang,
                &format!("{id} {lang}"),
                "",
                &format!("## Uno\n\n[Otro](@/cases/lima.md) {date}."),
            );
        }
    }
    f.case("cusco", "es", "Cusco", "", "Texto.");
    f.page("about", "en", "About", "", "Text.");
    let a = f.root().join("out-a");
    let b = f.root().join("out-b");
    for dir in [&a, &b] {
        let out = f.run(&["build", "--output", dir.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let (sa, sb) = (snapshot(&a), snapshot(&b));
    assert!(sa.len() > 20, "{} files", sa.len());
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&sa), names(&sb), "same files");
    for ((name, x), (_, y)) in sa.iter().zip(&sb) {
        assert!(x == y, "{name} differs between two builds");
    }
}

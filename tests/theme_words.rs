//! The theme's words (`t`): a template gets every word it can print, however
//! it reads them (`t.<key>`, `t["…"]`, an alias of `t`, `t` passed to a macro).

mod common;

use common::{stderr, Fixture};

/// A site whose `page.html` prints two words through `body`, and an `about`
/// page in Spanish and English.
fn site(body: &str) -> Fixture {
    let f = Fixture::new(&["es", "en"]);
    f.write(
        "themes/default/templates/words.html",
        "{% macro country(words, code) %}{% set key = \"country_\" ~ code %}{{ words[key] }}{% endmacro country %}\n",
    );
    f.write(
        "themes/default/templates/page.html",
        &format!(
            "{{% extends \"base.html\" %}}\n{{% import \"words.html\" as w %}}\n{{% block content %}}\n{body}\n{{% endblock content %}}\n"
        ),
    );
    f.page("about", "es", "Acerca", "", "Texto.");
    f.page("about", "en", "About", "", "Text.");
    f
}

fn check_page(f: &Fixture, marker: &str) {
    let out = f.run(&["build"]);
    assert!(out.status.success(), "build failed:\n{}", stderr(&out));
    let es = f.output("es/about/index.html");
    let en = f.output("en/about/index.html");
    assert!(
        es.contains(&format!("<p id=\"{marker}\">México Perú</p>")),
        "{es}"
    );
    assert!(
        en.contains(&format!("<p id=\"{marker}\">Mexico Peru</p>")),
        "{en}"
    );
}

#[test]
fn an_alias_of_t_has_every_word() {
    let f = site(
        "{% set words = t %}<p id=\"alias\">{{ words.country_MX }} {{ words.country_PE }}</p>",
    );
    check_page(&f, "alias");
}

#[test]
fn t_passed_to_a_macro_has_every_word() {
    let f = site(
        "<p id=\"macro\">{{ w::country(words = t, code = \"MX\") }} {{ w::country(words=t, code=\"PE\") }}</p>",
    );
    check_page(&f, "macro");
}

#[test]
fn words_written_as_t_dot_key_and_t_brackets() {
    let f = site("<p id=\"direct\">{{ t.country_MX }} {{ t[\"country_PE\"] }}</p>");
    check_page(&f, "direct");
}

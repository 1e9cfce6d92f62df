//! Languages written right to left: `dir` on every page and on every link
//! to another language, the default theme's words in Arabic, charts whose
//! text reads right to left, and the warning for a language the theme has
//! no words for.

mod common;

use common::{arabic_site, stderr, Fixture};

#[test]
fn an_arabic_site_says_its_direction_on_every_page() {
    let f = arabic_site();
    let out = f.build_ok();
    let err = stderr(&out);
    // The one warning: the case written in Arabic only.
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(
        warnings,
        ["warning: content/cases/tangier.ar.md: there is no `en` translation of this content"],
        "{err}"
    );
    assert!(!err.contains("error:"), "{err}");
    for (path, html) in common::html_pages(&f.root().join("public")) {
        let ar = path.starts_with("/ar/") || path.starts_with("ar/");
        let en = path.starts_with("/en/") || path.starts_with("en/");
        if ar {
            assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"), "{path}");
        } else if en {
            assert!(html.contains("<html lang=\"en\" dir=\"ltr\">"), "{path}");
        }
    }
    let home = f.output("ar/index.html");
    // The theme's words in Arabic, and the switcher's links each in their own
    // language and direction.
    assert!(home.contains(">الممارسات الجيدة<"), "{home}");
    assert!(
        home.contains("<span aria-current=\"page\" lang=\"ar\" dir=\"rtl\">العربية</span>"),
        "{home}"
    );
    assert!(
        home.contains("hreflang=\"en\" lang=\"en\" dir=\"ltr\">English</a>"),
        "{home}"
    );
    let en_home = f.output("en/index.html");
    assert!(
        en_home.contains("hreflang=\"ar\" lang=\"ar\" dir=\"rtl\">العربية</a>"),
        "{en_home}"
    );
    // The chooser at the root lists each language with its direction.
    let chooser = f.output("index.html");
    assert!(
        chooser.contains("<li lang=\"ar\" dir=\"rtl\">"),
        "{chooser}"
    );
    assert!(
        chooser.contains("<li lang=\"en\" dir=\"ltr\">"),
        "{chooser}"
    );
    // The 404 page links to every home page with its direction.
    let missing = f.output("404.html");
    assert!(
        missing.contains("lang=\"en\" dir=\"ltr\">English</a>"),
        "{missing}"
    );
}

#[test]
fn charts_say_their_direction_and_keep_time_left_to_right() {
    let f = arabic_site();
    f.build_ok();
    let pages = common::html_pages(&f.root().join("public"));
    let chart_of = |lang: &str| -> String {
        let (_, html) = pages
            .iter()
            .find(|(p, h)| p.contains(&format!("{lang}/")) && h.contains("kind-indicator\""))
            .unwrap_or_else(|| panic!("no indicator page in {lang}"));
        let start = html.find("<svg").expect("a chart");
        html[start..start + html[start..].find("</svg>").unwrap()].to_string()
    };
    let ar = chart_of("ar");
    let en = chart_of("en");
    assert!(ar.contains(" direction=\"rtl\""), "{ar}");
    assert!(en.contains(" direction=\"ltr\""), "{en}");
    // The Arabic words of the legend, and the line through the same points.
    assert!(ar.contains(">القياسات</text>"), "{ar}");
    let path = |svg: &str| {
        svg.split("<path d=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(path(&ar), path(&en));
}

#[test]
fn the_arabic_words_cover_every_key_of_the_english_ones() {
    let words = |lang: &str| -> std::collections::BTreeSet<String> {
        let text = std::fs::read_to_string(
            common::repo_root().join(format!("themes/default/i18n/{lang}.yaml")),
        )
        .unwrap();
        let map: serde_yaml::Mapping = serde_yaml::from_str(&text).unwrap();
        map.keys()
            .filter_map(|k| k.as_str().map(str::to_string))
            .collect()
    };
    let en = words("en");
    let ar = words("ar");
    let missing: Vec<_> = en.difference(&ar).collect();
    let extra: Vec<_> = ar.difference(&en).collect();
    assert!(missing.is_empty(), "ar.yaml lacks {missing:?}");
    assert!(
        extra.is_empty(),
        "ar.yaml has keys en.yaml lacks: {extra:?}"
    );
}

/// The warning of a build, and its help, for a language the theme lacks.
fn missing_language_warning(languages: &[&str]) -> (Fixture, String) {
    let f = Fixture::new(languages);
    for lang in languages {
        f.page("about", lang, "About", "", "Text.");
    }
    let out = f.run(&["build"]);
    (f, stderr(&out))
}

#[test]
fn a_language_the_theme_lacks_names_the_file_to_copy() {
    let (f, err) = missing_language_warning(&["en", "he"]);
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(
        warnings,
        ["warning: i18n/he.yaml: the theme has no words for `he`; the texts of `en` are used instead"],
        "{err}"
    );
    assert!(
        err.contains("  = help: get the words of `en` with `memoria theme copy i18n/en.yaml`, rename the copy i18n/he.yaml and translate it"),
        "{err}"
    );
    assert!(!err.contains("error:"), "{err}");
    // Hebrew is written right to left, with the English words.
    let he = f.output("he/index.html");
    assert!(he.contains("<html lang=\"he\" dir=\"rtl\">"), "{he}");
}

#[test]
fn a_default_language_the_theme_lacks_names_another_file_not_itself() {
    // It used to read "copy de.yaml to de.yaml".
    let (f, err) = missing_language_warning(&["de", "en"]);
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(
        warnings,
        ["warning: i18n/de.yaml: the theme has no words for `de`; the texts of `en` are used instead"],
        "{err}"
    );
    assert!(
        err.contains("  = help: get the words of `en` with `memoria theme copy i18n/en.yaml`, rename the copy i18n/de.yaml and translate it"),
        "{err}"
    );
    assert!(!err.contains("error:"), "{err}");
    let de = f.output("de/index.html");
    assert!(de.contains("<html lang=\"de\" dir=\"ltr\">"), "{de}");
    assert!(de.contains(">Good practices<"), "the English words: {de}");
}

#[test]
fn a_site_whose_languages_the_theme_all_lacks_is_told_which_file_to_copy() {
    let (_, err) = missing_language_warning(&["de"]);
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(
        warnings,
        ["warning: i18n/de.yaml: the theme has no words for `de`, nor for any other language of the site"],
        "{err}"
    );
    assert!(
        err.contains("  = help: get the words of `en` with `memoria theme copy i18n/en.yaml`, rename the copy i18n/de.yaml and translate it"),
        "{err}"
    );
}

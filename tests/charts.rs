//! The charts of indicators as built: two drawings (wide, and narrow for
//! phones), time-axis labels in each language's short form when the full
//! ones do not fit, the last period always labelled, and the short month
//! names a site can give. The same charts in a browser, measured, are
//! checked by `tests/web.rs` (`chart_labels_never_overlap_in_five_languages`).

mod common;

use common::{chart_labels_site, only_error_and_help, Fixture};

/// The `<svg>` elements of a page, in order.
fn charts(page: &str) -> Vec<&str> {
    page.match_indices("<svg")
        .map(|(at, _)| &page[at..at + page[at..].find("</svg>").unwrap()])
        .collect()
}

/// The time-axis labels of a drawing, each with its lines joined by a space.
fn time_labels(svg: &str) -> Vec<String> {
    let start = svg.find("<g class=\"x-labels\">").expect("time labels");
    let group = &svg[start..start + svg[start..].find("</g>").unwrap()];
    group
        .split("<text ")
        .skip(1)
        .map(|t| {
            let inner = &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()];
            if inner.contains("<tspan") {
                inner
                    .split("<tspan ")
                    .skip(1)
                    .map(|s| s[s.find('>').unwrap() + 1..s.find("</tspan>").unwrap()].to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                inner.to_string()
            }
        })
        .collect()
}

#[test]
fn every_chart_is_drawn_wide_and_narrow_with_labels_that_fit() {
    let f = chart_labels_site();
    f.build_ok();
    let es = f.output("es/indicadores/quarterly/index.html");
    let drawn = charts(&es);
    assert_eq!(drawn.len(), 2, "{es}");
    assert!(
        drawn[0].contains("class=\"chart chart-wide\""),
        "{}",
        drawn[0]
    );
    assert!(
        drawn[1].contains("class=\"chart chart-narrow\""),
        "{}",
        drawn[1]
    );
    // Ids differ between the drawings, each names its own title.
    assert!(drawn[0].contains("aria-labelledby=\"chart-quarterly-title chart-quarterly-desc\""));
    assert!(drawn[1]
        .contains("aria-labelledby=\"chart-quarterly-narrow-title chart-quarterly-narrow-desc\""));
    // Twelve quarters in Spanish: "4.º trimestre de 2024" does not fit
    // twelve times across the wide drawing, even in two lines; "T4 2024"
    // does (in two lines: "T4", "2024").
    let wide = time_labels(drawn[0]);
    assert_eq!(wide.len(), 12, "{wide:?}");
    assert_eq!(wide[0], "T1 2022");
    assert_eq!(wide[11], "T4 2024");
    // The points still say the full period.
    assert!(
        drawn[0].contains("<title>4.º trimestre de 2024: "),
        "{}",
        drawn[0]
    );
    // On a phone fewer labels are shown, the last period always among them.
    let narrow = time_labels(drawn[1]);
    assert!(narrow.len() < 12 && narrow.len() >= 3, "{narrow:?}");
    assert!(narrow.last().unwrap() == "T4 2024", "{narrow:?}");
    // The full labels fit when there are few: English quarters are short.
    let en = f.output("en/indicators/quarterly/index.html");
    assert_eq!(time_labels(charts(&en)[0])[11], "Q4 2024");
    // Months: the short names of each language.
    for (page, last) in [
        ("es/indicadores/monthly/index.html", "dic 2024"),
        ("en/indicators/monthly/index.html", "Dec 2024"),
        ("fr/indicateurs/monthly/index.html", "déc. 2024"),
        ("pt/indicadores/monthly/index.html", "dez 2024"),
    ] {
        let html = f.output(page);
        let labels = time_labels(charts(&html)[0]);
        assert_eq!(labels.last().unwrap(), last, "{page}: {labels:?}");
    }
    // Arabic keeps its month names, and says its direction.
    let ar = f.output("ar/indicators/monthly/index.html");
    let ar_chart = charts(&ar)[0];
    assert!(ar_chart.contains("direction=\"rtl\""));
    assert!(
        time_labels(ar_chart).last().unwrap().contains("ديسمبر"),
        "{ar_chart}"
    );
}

#[test]
fn short_month_names_must_be_twelve() {
    let f = Fixture::new(&["es", "en"]);
    f.case("lima", "es", "Concejo de Lima", "", "Texto.");
    f.write(
        "i18n/es.yaml",
        "nav_cases: \"Prácticas\"\nmonths_short: [ene, feb, mar]\n",
    );
    let out = f.run(&["build"]);
    let (error, help) = only_error_and_help(&out);
    assert_eq!(
        error,
        "error: i18n/es.yaml:2:15: `months_short` must list the twelve short month names"
    );
    assert_eq!(
        help,
        "months_short: [Jan, Feb, Mar, Apr, May, Jun, Jul, Aug, Sep, Oct, Nov, Dec]"
    );
    assert!(!f.has_output("es/index.html"), "nothing is written");
}

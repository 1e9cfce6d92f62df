//! Numbers, periods and measured values written the way each language
//! writes them (separators, month names, "2.º semestre"), from the theme's
//! words.

use crate::content::indicator::{Indicator, IndicatorKind, Measure};
use crate::period::Period;
use crate::site::Site;

/// `value` with at most two decimals, the language's decimal separator and
/// thousands grouping (`1.250,5` in Spanish, `1,250.5` in English).
pub fn number(site: &Site, lang: &str, value: f64) -> String {
    let strings = site.theme.i18n.strings(lang);
    let decimal = strings
        .map
        .get("decimal_separator")
        .map(String::as_str)
        .unwrap_or(".");
    let thousands = strings
        .map
        .get("thousands_separator")
        .map(String::as_str)
        .unwrap_or(",");
    let rounded = (value * 100.0).round() / 100.0;
    let text = format!("{:.2}", rounded.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac = frac.trim_end_matches('0');
    let mut grouped = String::new();
    let digits: Vec<char> = int.chars().collect();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 && digits.len() > 4 {
            grouped.push_str(thousands);
        }
        grouped.push(*c);
    }
    let sign = if rounded < 0.0 { "−" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{decimal}{frac}")
    }
}

/// A period written for readers ("2.º semestre de 2025", "Q1 2025").
pub fn period(site: &Site, lang: &str, p: Period) -> String {
    let strings = site.theme.i18n.strings(lang);
    let fill = |key: &str, n: String| -> String {
        strings
            .map
            .get(key)
            .map(|pattern| {
                pattern
                    .replace("{year}", &p.year().to_string())
                    .replace("{n}", &n)
            })
            .unwrap_or_else(|| p.to_string())
    };
    match p {
        Period::Year(_) => p.year().to_string(),
        Period::Semester(_, s) => fill("period_semester", s.to_string()),
        Period::Quarter(_, q) => fill("period_quarter", q.to_string()),
        Period::Month(_, m) => {
            let month = strings
                .months
                .get(m as usize - 1)
                .cloned()
                .unwrap_or_else(|| format!("{m:02}"));
            fill("period_month", month)
        }
        Period::Week(_, w) => fill("period_week", w.to_string()),
    }
}

/// The label of level `id` of an indicator's scale in `lang`.
pub fn level_label(site: &Site, lang: &str, ind: &Indicator, id: &str) -> String {
    let fallbacks = site.config.fallbacks(lang);
    let custom = ind
        .scale
        .as_ref()
        .and_then(|s| s.levels.iter().find(|l| l.id == id))
        .and_then(|l| l.label.as_ref())
        .and_then(|t| t.get(lang, &fallbacks));
    match custom {
        Some(label) => label.to_string(),
        None => site
            .theme
            .i18n
            .strings(lang)
            .get(&format!("scale_level_{id}"))
            .to_string(),
    }
}

/// A measured value with its unit, or a level's label.
pub fn measure(site: &Site, lang: &str, ind: &Indicator, m: &Measure) -> String {
    match m {
        Measure::Level(id) => level_label(site, lang, ind, id),
        Measure::Number(n) => {
            let unit = unit(site, lang, ind);
            let n = number(site, lang, *n);
            match unit.as_str() {
                "" => n,
                "%" => format!("{n} %"),
                u => format!("{n} {u}"),
            }
        }
    }
}

/// The unit in `lang` (empty for qualitative indicators).
pub fn unit(site: &Site, lang: &str, ind: &Indicator) -> String {
    if ind.kind == IndicatorKind::Qualitative {
        return String::new();
    }
    let fallbacks = site.config.fallbacks(lang);
    ind.unit
        .as_ref()
        .and_then(|u| u.get(lang, &fallbacks))
        .unwrap_or("")
        .to_string()
}

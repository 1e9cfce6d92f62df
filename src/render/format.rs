//! Numbers, periods and measured values written the way each language
//! writes them (separators, month names, "2.º semestre"), from the theme's
//! words.

use crate::content::indicator::{Indicator, IndicatorKind, Measure};
use crate::period::Period;
use crate::site::Site;

/// How one language writes numbers, from the theme's words
/// (`decimal_separator`, `thousands_separator`, `group_from_digits`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NumberStyle<'a> {
    /// The decimal mark (`,` in Spanish, `.` in English).
    pub decimal: &'a str,
    /// What separates groups of three digits (`.`, `,`, a narrow no-break space).
    pub thousands: &'a str,
    /// The fewest integer digits that are grouped: 4 writes `1,250`, 5
    /// writes `1250` but `12.500` (the Spanish rule of the RAE).
    pub group_from: usize,
}

impl<'a> NumberStyle<'a> {
    /// The style of `lang` in the theme of `site`.
    pub(crate) fn of(site: &'a Site, lang: &str) -> NumberStyle<'a> {
        let strings = site.theme.i18n.strings(lang);
        let word = |key: &str, default: &'a str| -> &'a str {
            strings.map.get(key).map(String::as_str).unwrap_or(default)
        };
        NumberStyle {
            decimal: word("decimal_separator", "."),
            thousands: word("thousands_separator", ","),
            group_from: strings
                .map
                .get("group_from_digits")
                .and_then(|n| n.trim().parse().ok())
                .unwrap_or(4),
        }
    }

    /// `value` rounded to two decimals, written in this style.
    pub(crate) fn write(&self, value: f64) -> String {
        let rounded = (value * 100.0).round() / 100.0;
        let text = format!("{:.2}", rounded.abs());
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        let frac = frac.trim_end_matches('0');
        let grouped = self.group(int);
        let sign = if rounded < 0.0 { "−" } else { "" };
        if frac.is_empty() {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped}{}{frac}", self.decimal)
        }
    }

    /// The digits `int` with the thousands separator between groups of three.
    fn group(&self, int: &str) -> String {
        let digits: Vec<char> = int.chars().collect();
        if digits.len() < self.group_from {
            return int.to_string();
        }
        let mut grouped = String::new();
        for (i, c) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push_str(self.thousands);
            }
            grouped.push(*c);
        }
        grouped
    }
}

/// `value` with at most two decimals, the language's decimal mark and
/// thousands grouping (`1,250.5` in English, `1 250,5` in French, `1250,5`
/// but `12.500` in Spanish). Every number and amount of every page is
/// written through this; open data files keep plain machine numbers.
pub fn number(site: &Site, lang: &str, value: f64) -> String {
    NumberStyle::of(site, lang).write(value)
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

#[cfg(test)]
mod tests {
    use super::NumberStyle;

    const EN: NumberStyle<'static> = NumberStyle {
        decimal: ".",
        thousands: ",",
        group_from: 4,
    };
    const ES: NumberStyle<'static> = NumberStyle {
        decimal: ",",
        thousands: ".",
        group_from: 5,
    };
    const FR: NumberStyle<'static> = NumberStyle {
        decimal: ",",
        thousands: "\u{202F}",
        group_from: 4,
    };

    #[test]
    fn numbers_per_language() {
        let cases: [(f64, &str, &str, &str); 9] = [
            (1250.5, "1,250.5", "1250,5", "1\u{202F}250,5"),
            (1200.0, "1,200", "1200", "1\u{202F}200"),
            (14500.0, "14,500", "14.500", "14\u{202F}500"),
            (
                1234567.0,
                "1,234,567",
                "1.234.567",
                "1\u{202F}234\u{202F}567",
            ),
            (-1250.5, "−1,250.5", "−1250,5", "−1\u{202F}250,5"),
            (-7.25, "−7.25", "−7,25", "−7,25"),
            (0.333, "0.33", "0,33", "0,33"),
            (999.999, "1,000", "1000", "1\u{202F}000"),
            (-0.001, "0", "0", "0"),
        ];
        for (value, en, es, fr) in cases {
            assert_eq!(EN.write(value), en, "en {value}");
            assert_eq!(ES.write(value), es, "es {value}");
            assert_eq!(FR.write(value), fr, "fr {value}");
        }
    }
}

//! The theme's words in each language, and numbers, periods and dates
//! written the way each language writes them (separators, month names,
//! "2.º semestre").
//!
//! `i18n/<lang>.yaml` (of the theme, or the site's own, which overrides
//! single keys) is a flat list of `key: text`, plus
//! `months` (twelve names), `months_short` (twelve short names, for the
//! labels of charts; the full names when absent) and `date_format` (e.g.
//! `"{day} de {month} de {year}"`). A language whose file is missing, or a
//! key missing from a language, falls back to the default language's text
//! with a warning.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use serde_yaml::Value;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::period::Period;
use crate::yaml;

/// A theme language file as read: its name in messages and its text.
pub(crate) struct WordsFile {
    /// The path shown in messages (relative to the site, or the built-in name).
    pub(crate) shown: PathBuf,
    /// The file's text.
    pub(crate) text: String,
}

/// The words of the theme in one language.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    /// Every `key: text`.
    pub map: BTreeMap<String, String>,
    /// The twelve month names.
    pub months: Vec<String>,
    /// The twelve short month names ("sept"), for chart labels; the full
    /// names when the language has none.
    pub months_short: Vec<String>,
}

impl Strings {
    /// The text of `key`, or the key itself when the theme lacks it.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map(String::as_str).unwrap_or(key)
    }
}

/// The theme's words in every language of the site.
#[derive(Debug, Clone, Default)]
pub struct I18n {
    by_lang: BTreeMap<String, Strings>,
}

impl I18n {
    /// The words of every language of the site from the files read for it,
    /// the lowest first (`files[lang]`: the built-in theme's, the theme
    /// folder's, the site's own `i18n/<lang>.yaml`): a later file replaces
    /// the keys it has and keeps the others.
    pub(crate) fn from_files(
        files: &BTreeMap<String, Vec<WordsFile>>,
        languages: &[String],
        diags: &mut Diagnostics,
    ) -> I18n {
        let mut by_lang = BTreeMap::new();
        // The file each language's warnings name: the top one read.
        let mut shown = BTreeMap::new();
        for lang in languages {
            let read = files.get(lang).map(Vec::as_slice).unwrap_or_default();
            if read.is_empty() {
                diags.push(missing_language(files, languages, lang));
                continue;
            }
            let mut merged: Option<Strings> = None;
            for file in read {
                if let Some(strings) = read_strings(&file.text, &file.shown, diags) {
                    let into = merged.get_or_insert_with(Strings::default);
                    into.map.extend(strings.map);
                    if strings.months.len() == 12 {
                        into.months = strings.months;
                    }
                    if strings.months_short.len() == 12 {
                        into.months_short = strings.months_short;
                    }
                }
            }
            if let Some(strings) = merged {
                by_lang.insert(lang.clone(), strings);
                shown.insert(lang.clone(), read[read.len() - 1].shown.clone());
            }
        }
        let mut i18n = I18n { by_lang };
        i18n.fill_gaps(&shown, languages, diags);
        i18n
    }

    /// Makes every language have every key, taking missing ones from the
    /// default language (or any other that has them), with a warning at
    /// the file `shown[lang]`.
    fn fill_gaps(
        &mut self,
        shown: &BTreeMap<String, PathBuf>,
        languages: &[String],
        diags: &mut Diagnostics,
    ) {
        let all_keys: Vec<String> = {
            let mut keys: Vec<String> = self
                .by_lang
                .values()
                .flat_map(|s| s.map.keys().cloned())
                .collect();
            keys.sort();
            keys.dedup();
            keys
        };
        let order: Vec<String> = languages.to_vec();
        let snapshot = self.by_lang.clone();
        for lang in languages {
            let file = shown.get(lang);
            let entry = self.by_lang.entry(lang.clone()).or_default();
            for key in &all_keys {
                if entry.map.contains_key(key) {
                    continue;
                }
                if let Some(text) = order
                    .iter()
                    .find_map(|l| snapshot.get(l).and_then(|s| s.map.get(key)))
                {
                    entry.map.insert(key.clone(), text.clone());
                }
                if let Some(rel) = file {
                    diags.push(
                        Diagnostic::warning(
                            rel,
                            format!("the theme text `{key}` has no translation in `{lang}`"),
                        )
                        .help(format!("add a line `{key}: \"…\"`")),
                    );
                }
            }
            if entry.months.len() != 12 {
                entry.months = order
                    .iter()
                    .find_map(|l| {
                        snapshot
                            .get(l)
                            .filter(|s| s.months.len() == 12)
                            .map(|s| s.months.clone())
                    })
                    .unwrap_or_default();
            }
            // Short names come from the language itself: another
            // language's would be wrong, its own full names are not.
            if entry.months_short.len() != 12 {
                entry.months_short = entry.months.clone();
            }
        }
    }

    /// The words of `lang`.
    pub fn strings(&self, lang: &str) -> &Strings {
        static EMPTY: std::sync::OnceLock<Strings> = std::sync::OnceLock::new();
        self.by_lang
            .get(lang)
            .unwrap_or_else(|| EMPTY.get_or_init(Strings::default))
    }

    /// `date` written the way `lang` writes dates ("23 de noviembre de 2026",
    /// "November 23, 2026"); ISO 8601 when the theme says nothing.
    pub fn format_date(&self, lang: &str, date: NaiveDate) -> String {
        let strings = self.strings(lang);
        let Some(pattern) = strings.map.get("date_format") else {
            return date.to_string();
        };
        let month = strings
            .months
            .get(date.month0() as usize)
            .cloned()
            .unwrap_or_else(|| format!("{:02}", date.month()));
        pattern
            .replace("{day}", &date.day().to_string())
            .replace("{day2}", &format!("{:02}", date.day()))
            .replace("{month}", &month)
            .replace("{month_number}", &format!("{:02}", date.month()))
            .replace("{year}", &date.year().to_string())
    }

    /// `value` with at most two decimals, the decimal mark and thousands
    /// grouping of `lang` (`1,250.5` in English, `1 250,5` in French,
    /// `1250,5` but `12.500` in Spanish).
    pub(crate) fn format_number(&self, lang: &str, value: f64) -> String {
        NumberStyle::of(self.strings(lang)).write(value)
    }

    /// A period written for readers ("2.º semestre de 2025", "Q1 2025").
    pub(crate) fn format_period(&self, lang: &str, p: Period) -> String {
        self.period_in(lang, p, false)
    }

    /// A period written short, for the labels of a chart's time axis
    /// ("T1 2025", "sept 2025"): the `period_*_short` patterns and the
    /// short month names, or the full ones when the language lacks them.
    pub(crate) fn format_period_short(&self, lang: &str, p: Period) -> String {
        self.period_in(lang, p, true)
    }

    fn period_in(&self, lang: &str, p: Period, short: bool) -> String {
        let strings = self.strings(lang);
        let fill = |key: &str, n: String| -> String {
            let short_key = format!("{key}_short");
            let pattern = if short {
                strings.map.get(&short_key).or_else(|| strings.map.get(key))
            } else {
                strings.map.get(key)
            };
            pattern
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
                let names = if short {
                    &strings.months_short
                } else {
                    &strings.months
                };
                let month = names
                    .get(m as usize - 1)
                    .cloned()
                    .unwrap_or_else(|| format!("{m:02}"));
                fill("period_month", month)
            }
            Period::Week(_, w) => fill("period_week", w.to_string()),
        }
    }
}

/// The warning for `lang`, for which no file of words was found: it names
/// the first language of the site that has words (never `lang` itself) and
/// the command that gets its file to translate.
fn missing_language(
    files: &BTreeMap<String, Vec<WordsFile>>,
    languages: &[String],
    lang: &str,
) -> Diagnostic {
    let rel = PathBuf::from("i18n").join(format!("{lang}.yaml"));
    let has_words = |l: &str| files.get(l).is_some_and(|read| !read.is_empty());
    let (message, source) = match languages
        .iter()
        .find(|l| l.as_str() != lang && has_words(l))
    {
        Some(source) => (
            format!(
                "the theme has no words for `{lang}`; the texts of `{source}` are used instead"
            ),
            source.as_str(),
        ),
        None => (
            format!("the theme has no words for `{lang}`, nor for any other language of the site"),
            "en",
        ),
    };
    Diagnostic::warning(&rel, message).help(format!(
        "get the words of `{source}` with `memoria theme copy i18n/{source}.yaml`, rename the copy i18n/{lang}.yaml and translate it"
    ))
}

/// The direction a language is written in, for `dir` on the HTML element
/// and on links to other languages: `rtl` for the languages written right
/// to left (Arabic, Hebrew, Persian, Urdu, Pashto, Sindhi, Kurdish Sorani,
/// Uyghur, Dhivehi, Yiddish) in any regional form (`ar-EG`), and for any
/// language tagged with a right-to-left script (`az-Arab`); `ltr` for
/// every other one.
pub(crate) fn direction(lang: &str) -> &'static str {
    const RTL_LANGUAGES: [&str; 12] = [
        "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ps", "sd", "ug", "ur", "yi",
    ];
    const RTL_SCRIPTS: [&str; 7] = ["arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg"];
    let mut subtags = lang.split(['-', '_']).map(str::to_ascii_lowercase);
    let primary = subtags.next().unwrap_or_default();
    let script = subtags.find(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_alphabetic()));
    let rtl = match script {
        Some(script) => RTL_SCRIPTS.contains(&script.as_str()),
        None => RTL_LANGUAGES.contains(&primary.as_str()),
    };
    if rtl {
        "rtl"
    } else {
        "ltr"
    }
}

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
    /// The style written in `strings`.
    pub(crate) fn of(strings: &'a Strings) -> NumberStyle<'a> {
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
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push_str(self.thousands);
            }
            grouped.push(*c);
        }
        grouped
    }
}

fn read_strings(text: &str, rel: &Path, diags: &mut Diagnostics) -> Option<Strings> {
    let doc = match yaml::parse(text, 0) {
        Ok(d) => d,
        Err(e) => {
            diags.push(
                Diagnostic::error(rel, e.message)
                    .at(e.position)
                    .with_source(text)
                    .help(e.help),
            );
            return None;
        }
    };
    let Value::Mapping(map) = &doc.value else {
        diags.push(
            Diagnostic::error(rel, "a theme language file is a list of `key: text` lines")
                .help("see memoria's own words: memoria theme copy i18n/en.yaml"),
        );
        return None;
    };
    let mut strings = Strings::default();
    for (k, v) in map {
        let key = yaml::scalar_text(k).unwrap_or_default();
        let position = doc.spans.value(&key);
        if key == "months" || key == "months_short" {
            let months: Option<Vec<String>> = v
                .as_sequence()
                .map(|s| s.iter().filter_map(yaml::scalar_text).collect());
            match months {
                Some(m) if m.len() == 12 && key == "months" => strings.months = m,
                Some(m) if m.len() == 12 => strings.months_short = m,
                _ if key == "months" => diags.push(
                    Diagnostic::error(rel, "`months` must list the twelve month names")
                        .at(position)
                        .with_source(text)
                        .help("months: [January, February, March, April, May, June, July, August, September, October, November, December]"),
                ),
                _ => diags.push(
                    Diagnostic::error(rel, "`months_short` must list the twelve short month names")
                        .at(position)
                        .with_source(text)
                        .help("months_short: [Jan, Feb, Mar, Apr, May, Jun, Jul, Aug, Sep, Oct, Nov, Dec]"),
                ),
            }
            continue;
        }
        match yaml::scalar_text(v) {
            Some(s) => {
                strings.map.insert(key, s);
            }
            None => diags.push(
                Diagnostic::error(
                    rel,
                    format!(
                        "the theme text `{key}` must be a text, not {}",
                        yaml::describe(v)
                    ),
                )
                .at(position)
                .with_source(text)
                .help(format!(
                    "write the text after the colon, between double quotes: {key}: \"…\""
                )),
            ),
        }
    }
    Some(strings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(lang: &str, pattern: &str, months: &[&str]) -> I18n {
        let mut s = Strings::default();
        s.map.insert("date_format".into(), pattern.into());
        s.months = months.iter().map(|m| m.to_string()).collect();
        let mut by_lang = BTreeMap::new();
        by_lang.insert(lang.to_string(), s);
        I18n { by_lang }
    }

    #[test]
    fn directions() {
        for lang in [
            "ar", "ar-EG", "AR-eg", "he", "fa", "fa-IR", "ur", "ur-PK", "az-Arab", "yi",
        ] {
            assert_eq!(direction(lang), "rtl", "{lang}");
        }
        for lang in [
            "en", "es", "es-419", "fr", "pt-BR", "de", "", "ku-Latn", "ar-Latn", "hr",
        ] {
            assert_eq!(direction(lang), "ltr", "{lang}");
        }
    }

    #[test]
    fn dates_per_language() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let es = with(
            "es",
            "{day} de {month} de {year}",
            &[
                "enero",
                "febrero",
                "marzo",
                "abril",
                "mayo",
                "junio",
                "julio",
                "agosto",
                "septiembre",
                "octubre",
                "noviembre",
                "diciembre",
            ],
        );
        assert_eq!(es.format_date("es", date), "23 de noviembre de 2026");
        let en = with(
            "en",
            "{month} {day}, {year}",
            &[
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ],
        );
        assert_eq!(en.format_date("en", date), "November 23, 2026");
        assert_eq!(en.format_date("fr", date), "2026-11-23");
    }

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

//! The values of a site written for readers in each language: numbers and
//! periods (through the theme's words, `crate::i18n`), measured values with
//! their units, and the levels of qualitative scales.

use crate::content::indicator::{Indicator, IndicatorKind, Measure};
use crate::period::Period;
use crate::site::Site;

/// `value` with at most two decimals, the language's decimal mark and
/// thousands grouping (`1,250.5` in English, `1 250,5` in French, `1250,5`
/// but `12.500` in Spanish). Every number and amount of every page is
/// written through this; open data files keep plain machine numbers.
pub fn number(site: &Site, lang: &str, value: f64) -> String {
    site.theme.i18n.format_number(lang, value)
}

/// A period written for readers ("2.º semestre de 2025", "Q1 2025").
pub fn period(site: &Site, lang: &str, p: Period) -> String {
    site.theme.i18n.format_period(lang, p)
}

/// A period written short, for a chart's time axis ("T1 2025", "sept 2025").
pub(crate) fn period_short(site: &Site, lang: &str, p: Period) -> String {
    site.theme.i18n.format_period_short(lang, p)
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

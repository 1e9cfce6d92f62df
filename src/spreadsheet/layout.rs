//! The layout shared by export and import: where the indicator's facts are
//! written at the top of its sheet, the row of column names, and the
//! periods a sheet offers to fill.

use crate::content::indicator::Indicator;
use crate::period::Period;

/// The name of the column of periods, in the row of column names.
pub(crate) const PERIOD: &str = "period";
/// The name of the column of values.
pub(crate) const VALUE: &str = "value";
/// The row (0-based) that holds the indicator's id in its second column.
pub(crate) const ID_ROW: u32 = 1;
/// The row (0-based) of the column names; observations follow it.
pub(crate) const HEADER_ROW: u32 = 8;
/// How many empty rows a sheet offers at most beyond the periods it lists.
pub(crate) const SPARE_ROWS: u32 = 200;

/// The column names of `ind`'s sheet: `period`, its dimensions of
/// breakdown, `value`.
pub(crate) fn columns(ind: &Indicator) -> Vec<String> {
    let mut out = vec![PERIOD.to_string()];
    out.extend(ind.breakdowns.iter().map(|b| b.id.clone()));
    out.push(VALUE.to_string());
    out
}

/// The names of the columns of notes, one per site language (`note_es`),
/// after the value: the names the open data's CSV files give them.
pub(crate) fn note_columns(languages: &[String]) -> Vec<String> {
    languages
        .iter()
        .map(|l| format!("{NOTE_PREFIX}{l}"))
        .collect()
}

/// The start of the name of a column of notes.
pub(crate) const NOTE_PREFIX: &str = "note_";

/// The period after `p`, of the same periodicity.
pub(crate) fn next(p: Period) -> Period {
    match p {
        Period::Year(y) => Period::Year(y + 1),
        Period::Semester(y, 1) => Period::Semester(y, 2),
        Period::Semester(y, _) => Period::Semester(y + 1, 1),
        Period::Quarter(y, 4) => Period::Quarter(y + 1, 1),
        Period::Quarter(y, q) => Period::Quarter(y, q + 1),
        Period::Month(y, 12) => Period::Month(y + 1, 1),
        Period::Month(y, m) => Period::Month(y, m + 1),
        Period::Week(..) => {
            use chrono::Datelike;
            let week = p.end_exclusive().iso_week();
            Period::Week(week.year(), week.week() as u8)
        }
    }
}

/// The periods a sheet offers, in order: from the baseline's period to the
/// target's, and on to two periods after the latest observation when that
/// is later.
pub(crate) fn offered_periods(ind: &Indicator) -> Vec<Period> {
    let latest = ind
        .observations
        .iter()
        .map(|o| o.period)
        .chain(ind.parts.iter().map(|p| p.period))
        .max();
    let mut last = ind.target.period;
    if let Some(l) = latest {
        let after = next(next(l));
        if after > last {
            last = after;
        }
    }
    let mut out = Vec::new();
    let mut p = ind.baseline.period;
    // Weeks make the longest list: a few years of them stay far below this.
    while p <= last && out.len() < 2000 {
        out.push(p);
        p = next(p);
    }
    out
}

/// The periods to offer as empty rows to fill: those after the latest
/// total observed, up to the target's period (at least one).
pub(crate) fn periods_to_fill(ind: &Indicator) -> Vec<Period> {
    let latest = ind.observations.iter().map(|o| o.period).max();
    let first = latest.map_or(ind.baseline.period, next);
    let mut out = vec![first];
    let mut p = next(first);
    while p <= ind.target.period && out.len() < 24 {
        out.push(p);
        p = next(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_period_keeps_the_periodicity() {
        let p = |t: &str| Period::parse(t).unwrap();
        assert_eq!(next(p("2025-S2")), p("2026-S1"));
        assert_eq!(next(p("2025-Q4")), p("2026-Q1"));
        assert_eq!(next(p("2025-12")), p("2026-01"));
        assert_eq!(next(p("2026-W53")), p("2027-W01"));
        assert_eq!(next(p("2025-W52")), p("2026-W01"));
        assert_eq!(next(p("2025")), p("2026"));
    }
}

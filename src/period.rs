//! Measurement periods: `2025` (year), `2025-S1` (semester), `2025-Q3`
//! (quarter), `2025-03` (month) and `2025-W12` (ISO week).

use std::cmp::Ordering;
use std::fmt;

use chrono::{NaiveDate, Weekday};

use crate::diagnostics::Problem;
use crate::yaml_enum;

/// How periods are written: the advice of every period that cannot be read.
const WRITTEN_AS: &str = "write years as 2025, semesters as 2025-S1, quarters as 2025-Q1, months as 2025-03 and weeks as 2025-W12";

yaml_enum!(
    /// How often an indicator is measured; its periods are written accordingly.
    Periodicity {
        /// `2025-W12`.
        Weekly = "weekly",
        /// `2025-03`.
        Monthly = "monthly",
        /// `2025-Q1`.
        Quarterly = "quarterly",
        /// `2025-S1`.
        Semiannual = "semiannual",
        /// `2025`.
        Annual = "annual",
    }
);

impl Periodicity {
    /// An example period of this periodicity, for advice.
    pub fn example(self) -> &'static str {
        match self {
            Periodicity::Weekly => "2025-W12",
            Periodicity::Monthly => "2025-03",
            Periodicity::Quarterly => "2025-Q1",
            Periodicity::Semiannual => "2025-S1",
            Periodicity::Annual => "2025",
        }
    }
}

/// One measurement period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// A calendar year.
    Year(i32),
    /// First (1) or second (2) half of a year.
    Semester(i32, u8),
    /// Quarter 1 to 4.
    Quarter(i32, u8),
    /// Month 1 to 12.
    Month(i32, u8),
    /// ISO 8601 week 1 to 53 of an ISO year.
    Week(i32, u8),
}

impl Period {
    /// Parses a period as written in data files; the problem says how
    /// periods are written.
    pub fn parse(text: &str) -> Result<Period, Problem> {
        let text = text.trim();
        let bad = || Problem::new(format!("\"{text}\" is not a period"), WRITTEN_AS);
        let (year, rest) = match text.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (text, None),
        };
        if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i32 = year.parse().map_err(|_| bad())?;
        let number = |s: &str, max: u8| -> Result<u8, Problem> {
            match s.parse::<u8>() {
                Ok(n) if (1..=max).contains(&n) && !s.starts_with('+') => Ok(n),
                _ => Err(bad()),
            }
        };
        let period = match rest {
            None => Period::Year(year),
            Some(r) if r.starts_with('S') => Period::Semester(year, number(&r[1..], 2)?),
            Some(r) if r.starts_with('Q') => Period::Quarter(year, number(&r[1..], 4)?),
            Some(r) if r.starts_with('W') && r.len() == 3 => {
                Period::week(year, number(&r[1..], 53)?)?
            }
            Some(r) if r.len() == 2 => Period::Month(year, number(r, 12)?),
            Some(_) => return Err(bad()),
        };
        Ok(period)
    }

    /// ISO week `week` of `year`, if that year has it.
    fn week(year: i32, week: u8) -> Result<Period, Problem> {
        if NaiveDate::from_isoywd_opt(year, week as u32, Weekday::Mon).is_none() {
            return Err(Problem::new(
                format!("{year} has no ISO week {week}"),
                format!("{year} has 52 ISO weeks: write a week from {year}-W01 to {year}-W52"),
            ));
        }
        Ok(Period::Week(year, week))
    }

    /// The periodicity this period belongs to.
    pub fn periodicity(self) -> Periodicity {
        match self {
            Period::Year(_) => Periodicity::Annual,
            Period::Semester(..) => Periodicity::Semiannual,
            Period::Quarter(..) => Periodicity::Quarterly,
            Period::Month(..) => Periodicity::Monthly,
            Period::Week(..) => Periodicity::Weekly,
        }
    }

    /// The first day of the period.
    pub fn start(self) -> NaiveDate {
        let ymd = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(NaiveDate::MIN);
        match self {
            Period::Year(y) => ymd(y, 1),
            Period::Semester(y, s) => ymd(y, if s == 1 { 1 } else { 7 }),
            Period::Quarter(y, q) => ymd(y, 1 + 3 * (q as u32 - 1)),
            Period::Month(y, m) => ymd(y, m as u32),
            Period::Week(y, w) => {
                NaiveDate::from_isoywd_opt(y, w as u32, Weekday::Mon).unwrap_or(NaiveDate::MIN)
            }
        }
    }

    /// The day after the period ends.
    pub fn end_exclusive(self) -> NaiveDate {
        match self {
            Period::Year(y) => Period::Year(y + 1).start(),
            Period::Semester(y, 1) => Period::Semester(y, 2).start(),
            Period::Semester(y, _) => Period::Year(y + 1).start(),
            Period::Quarter(y, 4) => Period::Year(y + 1).start(),
            Period::Quarter(y, q) => Period::Quarter(y, q + 1).start(),
            Period::Month(y, 12) => Period::Year(y + 1).start(),
            Period::Month(y, m) => Period::Month(y, m + 1).start(),
            Period::Week(..) => self.start() + chrono::Days::new(7),
        }
    }

    /// The year the period belongs to (the ISO year for weeks).
    pub fn year(self) -> i32 {
        match self {
            Period::Year(y)
            | Period::Semester(y, _)
            | Period::Quarter(y, _)
            | Period::Month(y, _)
            | Period::Week(y, _) => y,
        }
    }

    /// True when `date` falls inside the period.
    pub fn contains(self, date: NaiveDate) -> bool {
        self.start() <= date && date < self.end_exclusive()
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> Ordering {
        self.start()
            .cmp(&other.start())
            .then_with(|| other.end_exclusive().cmp(&self.end_exclusive()))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Semester(y, s) => write!(f, "{y}-S{s}"),
            Period::Quarter(y, q) => write!(f, "{y}-Q{q}"),
            Period::Month(y, m) => write!(f, "{y}-{m:02}"),
            Period::Week(y, w) => write!(f, "{y}-W{w:02}"),
        }
    }
}

impl serde::Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        assert_eq!(Period::parse("2025"), Ok(Period::Year(2025)));
        assert_eq!(Period::parse("2025-S2"), Ok(Period::Semester(2025, 2)));
        assert_eq!(Period::parse("2025-Q4"), Ok(Period::Quarter(2025, 4)));
        assert_eq!(Period::parse("2025-03"), Ok(Period::Month(2025, 3)));
        assert_eq!(Period::parse("2025-W12"), Ok(Period::Week(2025, 12)));
        for bad in [
            "25", "2025-S3", "2025-Q0", "2025-13", "2025-3", "2025-W54", "2025-X1", "2025-",
            "abcd", "2025-W+1",
        ] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
        // 2020 has 53 ISO weeks, 2021 has 52.
        assert!(Period::parse("2020-W53").is_ok());
        assert!(Period::parse("2021-W53").is_err());
    }

    #[test]
    fn every_wrong_period_has_advice() {
        let p = Period::parse("2025-S3").unwrap_err();
        assert_eq!(p.message, "\"2025-S3\" is not a period");
        assert!(p.help.contains("semesters as 2025-S1"), "{}", p.help);
        let p = Period::parse("2021-W53").unwrap_err();
        assert_eq!(p.message, "2021 has no ISO week 53");
        assert!(p.help.contains("2021-W52"), "{}", p.help);
    }

    #[test]
    fn starts_and_order() {
        assert_eq!(
            Period::Semester(2025, 2).start(),
            NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()
        );
        assert_eq!(
            Period::Quarter(2025, 3).start(),
            NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()
        );
        assert_eq!(
            Period::Week(2025, 1).start(),
            NaiveDate::from_ymd_opt(2024, 12, 30).unwrap()
        );
        assert!(Period::Quarter(2024, 4) < Period::Quarter(2025, 1));
        assert_eq!(Period::Semester(2025, 1).to_string(), "2025-S1");
        assert_eq!(Period::Month(2025, 3).to_string(), "2025-03");
        assert!(Period::Semester(2025, 1).contains(NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()));
        assert!(!Period::Semester(2025, 1).contains(NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()));
    }
}

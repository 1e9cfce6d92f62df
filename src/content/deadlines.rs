//! The reminders `memoria check` gives about dates that have come or are
//! coming: a mission's trip report past its term, an agreement that ends
//! within the next [`ENDING_SOON_DAYS`] days or has ended while its status
//! still says it is in force.
//!
//! These depend on the day of the check, so they are warnings of `check`
//! only: `build` and `serve` give the same output whatever the day.

use chrono::{Days, NaiveDate};

use super::agreement::AgreementStatus;
use super::Content;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Problem};
use crate::yaml::{SpanIndex, YamlEnum};

/// How many days ahead an agreement's end is announced.
pub(crate) const ENDING_SOON_DAYS: u64 = 90;

/// The environment variable that sets the day of the check (`YYYY-MM-DD`).
pub(crate) const TODAY_VARIABLE: &str = "MEMORIA_TODAY";

/// The day of the check: `MEMORIA_TODAY` when set, else today's date (UTC).
pub(crate) fn today() -> Result<NaiveDate, Problem> {
    match std::env::var(TODAY_VARIABLE) {
        Ok(text) => NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
            Problem::new(
                format!("{TODAY_VARIABLE} is \"{text}\", which is not a date"),
                format!("write it as YYYY-MM-DD (e.g. {TODAY_VARIABLE}=2026-01-15), or unset it to use today's date"),
            )
        }),
        Err(_) => {
            let days = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() / 86_400)
                .unwrap_or(0);
            NaiveDate::from_ymd_opt(1970, 1, 1)
                .and_then(|d| d.checked_add_days(Days::new(days)))
                .ok_or_else(|| {
                    Problem::new(
                        "the system clock gives no usable date",
                        format!("set the date by hand: {TODAY_VARIABLE}=YYYY-MM-DD"),
                    )
                })
        }
    }
}

/// Adds to `diags` a warning for every deadline passed or near on `today`.
pub(crate) fn warn(content: &Content, config: &Config, today: NaiveDate, diags: &mut Diagnostics) {
    if let Some(days) = config.trip_report_days {
        for action in content.actions.values() {
            let Some(due) = action.trip_report_due(Some(days)) else {
                continue;
            };
            let back = action.last_day();
            if today > due {
                let key = if action.end_date.is_some() {
                    "end_date"
                } else {
                    "date"
                };
                diags.push(
                    Diagnostic::warning(
                        &action.source,
                        format!("the trip report of this mission was due on {due} ({days} days after the return on {back}) and is not recorded"),
                    )
                    .at(SpanIndex::build(&action.text, 0).key(key))
                    .with_source(&action.text)
                    .help("when it is handed in, add `trip_report: { date: YYYY-MM-DD, document: \"https://…\" }`; the term comes from `[missions] trip_report_days` in site.toml"),
                );
            }
        }
    }
    for agreement in content.agreements.values() {
        let in_force = matches!(
            agreement.status,
            AgreementStatus::Active | AgreementStatus::Suspended
        );
        let Some(ends) = agreement.end().filter(|_| in_force) else {
            continue;
        };
        let spans = SpanIndex::build(&agreement.text, 0);
        let status = agreement.status.id();
        if ends < today {
            diags.push(
                Diagnostic::warning(
                    &agreement.source,
                    format!("this agreement ended on {ends}, but its status is still `{status}`"),
                )
                .at(spans.key("status"))
                .with_source(&agreement.text)
                .help("change `status` to concluded (or cancelled); if it was renewed, add the renewal under `amendments` (`kind: renewal`, with its new `ends`)"),
            );
        } else if today
            .checked_add_days(Days::new(ENDING_SOON_DAYS))
            .is_some_and(|limit| ends <= limit)
        {
            let left = (ends - today).num_days();
            diags.push(
                Diagnostic::warning(
                    &agreement.source,
                    format!("this agreement ends on {ends}, in {left} days"),
                )
                .at(spans.key("ends"))
                .with_source(&agreement.text)
                .help("renew it in time or prepare its closing; once it has ended, change `status` to concluded"),
            );
        }
    }
}

//! The figures derived from an indicator's own file: latest and previous
//! observation, change, progress towards the target and status.
//!
//! They depend only on the file (never on the date of the build), so builds
//! are reproducible. Qualitative values count by their level on the scale
//! (worst = 0, next = 1, …). The definitions are documented in
//! `docs/content-format.md`.

use serde::Serialize;

use crate::content::indicator::{Direction, Indicator, Observation};

/// Where an indicator stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// No observation yet.
    NoData,
    /// The latest observation meets or passes the target.
    Achieved,
    /// Not achieved, and the target's period has come.
    NotAchieved,
    /// Progress keeps pace with the time elapsed towards the target.
    OnTrack,
    /// Progress lags behind the time elapsed.
    NeedsAttention,
}

impl Status {
    /// Every status, in the order listings show them.
    pub const ALL: [Status; 5] = [
        Status::Achieved,
        Status::OnTrack,
        Status::NeedsAttention,
        Status::NotAchieved,
        Status::NoData,
    ];

    /// The id used in data files and theme texts (`status_<id>` with `_`).
    pub fn id(self) -> &'static str {
        match self {
            Status::NoData => "no-data",
            Status::Achieved => "achieved",
            Status::NotAchieved => "not-achieved",
            Status::OnTrack => "on-track",
            Status::NeedsAttention => "needs-attention",
        }
    }
}

/// The derived figures of one indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// The observation with the greatest period.
    pub latest: Option<Observation>,
    /// The observation before it.
    pub previous: Option<Observation>,
    /// latest − previous (on level indexes for qualitative indicators).
    pub change: Option<f64>,
    /// (latest − baseline) / (target − baseline), not clamped.
    pub progress: Option<f64>,
    /// Share of the time from the baseline's period to the target's period
    /// elapsed at the latest observation's period (by period start dates).
    pub elapsed: Option<f64>,
    /// Where the indicator stands.
    pub status: Status,
}

/// The figures of `ind` as they stood when the observation of `period` was
/// the latest (later observations are left out), for reports of the past.
pub fn compute_at(ind: &Indicator, period: crate::period::Period) -> Figures {
    let mut earlier = ind.clone();
    earlier.observations.retain(|o| o.period <= period);
    compute(&earlier)
}

/// Computes the figures of `ind`.
pub fn compute(ind: &Indicator) -> Figures {
    // Observations are kept sorted by period.
    let latest = ind.observations.last().cloned();
    let previous = ind
        .observations
        .len()
        .checked_sub(2)
        .and_then(|i| ind.observations.get(i))
        .cloned();
    let value = |o: &Option<Observation>| o.as_ref().and_then(|o| ind.numeric(&o.value));
    let (latest_v, previous_v) = (value(&latest), value(&previous));
    let baseline_v = ind.numeric(&ind.baseline.value);
    let target_v = ind.numeric(&ind.target.value);

    let change = match (latest_v, previous_v) {
        (Some(l), Some(p)) => Some(round(l - p)),
        _ => None,
    };
    let progress = match (latest_v, baseline_v, target_v) {
        (Some(l), Some(b), Some(t)) if t != b => Some(round((l - b) / (t - b))),
        _ => None,
    };
    let elapsed = latest.as_ref().map(|l| {
        let start = ind.baseline.period.start();
        let end = ind.target.period.start();
        let total = (end - start).num_days();
        if total <= 0 {
            1.0
        } else {
            round((l.period.start() - start).num_days() as f64 / total as f64)
        }
    });

    let status = match (&latest, latest_v, target_v) {
        (None, ..) => Status::NoData,
        (Some(l), Some(lv), Some(tv)) => {
            let achieved = match ind.direction {
                Direction::Increase => lv >= tv,
                Direction::Decrease => lv <= tv,
            };
            if achieved {
                Status::Achieved
            } else if l.period >= ind.target.period {
                Status::NotAchieved
            } else if matches!((progress, elapsed), (Some(p), Some(e)) if p >= e) {
                Status::OnTrack
            } else {
                Status::NeedsAttention
            }
        }
        _ => Status::NeedsAttention,
    };
    Figures {
        latest,
        previous,
        change,
        progress,
        elapsed,
        status,
    }
}

/// Rounds to 6 decimals so figures print the same everywhere.
fn round(x: f64) -> f64 {
    let r = (x * 1e6).round() / 1e6;
    if r == 0.0 {
        0.0 // no negative zero
    } else {
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::indicator;

    fn load(body: &str) -> Indicator {
        let text = format!(
            "name: {{ en: N }}\ndescription: {{ en: D }}\ncategory: {{ en: C }}\nmethod: {{ en: M }}\nsources: {{ en: S }}\naudiences: {{ en: A }}\ndimension: political\nlevel: outcome\nhierarchy: strategic\n{body}"
        );
        let (ind, diags) = indicator::parse(
            "x",
            "content/indicators/x.yaml".into(),
            text,
            &["en".to_string()],
        );
        assert!(diags.iter().all(|d| !d.is_error()), "{diags:#?}");
        ind.expect("indicator")
    }

    fn quantitative(
        direction: &str,
        baseline: &str,
        target: &str,
        obs: &[(&str, f64)],
    ) -> Indicator {
        let obs: String = obs
            .iter()
            .map(|(p, v)| format!("  - {{ period: {p}, value: {v} }}\n"))
            .collect();
        load(&format!(
            "kind: quantitative\nunit: {{ en: u }}\nperiodicity: quarterly\ndirection: {direction}\nbaseline: {baseline}\ntarget: {target}\nobservations:\n{obs}"
        ))
    }

    #[test]
    fn no_observation_is_no_data() {
        let ind = load("kind: quantitative\nunit: { en: u }\nperiodicity: annual\ndirection: increase\nbaseline: { period: 2023, value: 1 }\ntarget: { period: 2026, value: 2 }\n");
        let f = compute(&ind);
        assert_eq!(f.status, Status::NoData);
        assert_eq!((f.latest, f.change, f.progress), (None, None, None));
    }

    #[test]
    fn increase_on_track_and_needs_attention() {
        // Baseline 2024-Q1 = 10, target 2025-Q1 = 20 (365 days).
        let b = "{ period: 2024-Q1, value: 10 }";
        let t = "{ period: 2025-Q1, value: 20 }";
        // At 2024-Q3 (182 days, ~0.497 elapsed) progress 0.6: on track.
        let f = compute(&quantitative(
            "increase",
            b,
            t,
            &[("2024-Q2", 12.0), ("2024-Q3", 16.0)],
        ));
        assert_eq!(
            f.latest.as_ref().map(|o| o.period.to_string()),
            Some("2024-Q3".into())
        );
        assert_eq!(
            f.previous.as_ref().map(|o| o.period.to_string()),
            Some("2024-Q2".into())
        );
        assert_eq!(f.change, Some(4.0));
        assert_eq!(f.progress, Some(0.6));
        assert_eq!(f.elapsed, Some(0.497268));
        assert_eq!(f.status, Status::OnTrack);
        // Progress 0.3 at the same time: needs attention.
        let f = compute(&quantitative("increase", b, t, &[("2024-Q3", 13.0)]));
        assert_eq!(f.status, Status::NeedsAttention);
        assert_eq!(f.change, None);
    }

    #[test]
    fn achieved_and_missed_targets() {
        let b = "{ period: 2024-Q1, value: 10 }";
        let t = "{ period: 2025-Q1, value: 20 }";
        assert_eq!(
            compute(&quantitative("increase", b, t, &[("2024-Q2", 21.0)])).status,
            Status::Achieved
        );
        // The target period has come and the value is short of it.
        let f = compute(&quantitative("increase", b, t, &[("2025-Q1", 19.0)]));
        assert_eq!(f.status, Status::NotAchieved);
        assert_eq!(f.progress, Some(0.9));
        let f = compute(&quantitative("increase", b, t, &[("2025-Q3", 15.0)]));
        assert_eq!(f.status, Status::NotAchieved);
    }

    #[test]
    fn decrease_indicators() {
        // Days to process an agreement: 60 → 30.
        let b = "{ period: 2024-Q1, value: 60 }";
        let t = "{ period: 2026-Q1, value: 30 }";
        let f = compute(&quantitative(
            "decrease",
            b,
            t,
            &[("2024-Q4", 50.0), ("2025-Q1", 40.0)],
        ));
        assert_eq!(f.change, Some(-10.0));
        assert_eq!(f.progress, Some(0.666667));
        assert_eq!(f.status, Status::OnTrack);
        let f = compute(&quantitative("decrease", b, t, &[("2025-Q1", 28.0)]));
        assert_eq!(f.status, Status::Achieved);
        let f = compute(&quantitative("decrease", b, t, &[("2025-Q1", 70.0)]));
        assert_eq!(f.progress, Some(-0.333333));
        assert_eq!(f.status, Status::NeedsAttention);
    }

    #[test]
    fn qualitative_indicators_use_level_indexes() {
        let ind = load(
            "kind: qualitative\nscale: good-acceptable-fair-poor\nperiodicity: semiannual\ndirection: increase\nbaseline: { period: 2024-S1, value: poor }\ntarget: { period: 2026-S1, value: good }\nobservations:\n  - { period: 2024-S2, value: fair }\n  - { period: 2025-S1, value: acceptable }\n",
        );
        let f = compute(&ind);
        assert_eq!(f.change, Some(1.0));
        assert_eq!(f.progress, Some(0.666667));
        assert_eq!(f.elapsed, Some(0.500684)); // 366 of 731 days
        assert_eq!(f.status, Status::OnTrack);
        let custom = load(
            "kind: qualitative\nscale: [{ id: initial, label: { en: Initial } }, { id: developing, label: { en: Developing } }, { id: consolidated, label: { en: Consolidated } }]\nperiodicity: annual\ndirection: increase\nbaseline: { period: \"2023\", value: initial }\ntarget: { period: \"2025\", value: consolidated }\nobservations:\n  - { period: \"2025\", value: developing }\n",
        );
        let f = compute(&custom);
        assert_eq!(f.progress, Some(0.5));
        assert_eq!(f.status, Status::NotAchieved);
    }

    #[test]
    fn target_equal_to_baseline_has_no_progress() {
        let f = compute(&quantitative(
            "increase",
            "{ period: 2024-Q1, value: 10 }",
            "{ period: 2025-Q1, value: 10 }",
            &[("2024-Q2", 9.0)],
        ));
        assert_eq!(f.progress, None);
        assert_eq!(f.status, Status::NeedsAttention);
    }
}

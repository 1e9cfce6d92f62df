//! Typed data of the progress overview of the indicators (`progress.html`)
//! and of the progress the home page shows.

use schemars::JsonSchema;
use serde::Serialize;

use super::indicators::{IndicatorSummary, StatusCount};

/// The data `progress.html` adds: every indicator's status, counted by
/// dimension and by level, and each indicator with its status.
#[derive(Serialize, JsonSchema)]
pub(crate) struct ProgressTemplate<'a> {
    /// The number of indicators.
    pub total: usize,
    /// The statuses, in the order of the columns: achieved, on track, needs attention, not achieved, no data.
    pub statuses: Vec<StatusCount<'static>>,
    /// One row per dimension (institutional, political, territorial), also those with no indicator.
    pub by_dimension: Vec<ProgressRow>,
    /// One row per level of the intervention chain (input … impact), also those with no indicator.
    pub by_level: Vec<ProgressRow>,
    /// The indicators of each dimension, from input to impact, then by name; dimensions without indicators are left out.
    pub groups: Vec<ProgressGroup<'a>>,
    /// The indicators page.
    pub index_url: String,
}

/// How many indicators of one dimension or level stand at each status, in
/// `by_dimension` and `by_level` of `progress.html` and in `progress` of
/// `home.html`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct ProgressRow {
    /// The dimension's or level's id (`institutional`, `input`…).
    pub id: &'static str,
    /// Its label.
    pub label: String,
    /// Its page (the dimension's page, or the indicators filtered by level).
    pub url: String,
    /// How many indicators it has.
    pub total: usize,
    /// How many stand at each status, in the order of `statuses` (every status, also those at 0).
    pub counts: Vec<StatusCount<'static>>,
}

/// The indicators of a dimension, in `groups` of `progress.html`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct ProgressGroup<'a> {
    /// The dimension's id.
    pub id: &'static str,
    /// Its label.
    pub label: String,
    /// Its page.
    pub url: String,
    /// Indicator summaries of its indicators (each with `status` and `status_label`).
    pub indicators: Vec<IndicatorSummary<'a>>,
}

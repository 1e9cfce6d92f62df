//! Typed data of the indicator pages: the index and its filtered listings,
//! the page of each dimension and the page of each indicator.

use schemars::JsonSchema;
use serde::Serialize;

use super::listing::Downloads;
use super::CaseSummary;
use crate::content::case::Dimension;
use crate::content::indicator::{Hierarchy, IndicatorKind, Level};
use crate::period::Period;

/// What listings show of an indicator (an indicator summary), in the page's language.
#[derive(Serialize, JsonSchema)]
pub(crate) struct IndicatorSummary<'a> {
    /// The indicator's id.
    pub id: &'a str,
    /// Its page.
    pub url: &'a str,
    /// Its name.
    pub name: &'a str,
    /// Its category.
    pub category: &'a str,
    /// `institutional`, `political` or `territorial`.
    #[schemars(with = "String")]
    pub dimension: Dimension,
    /// The dimension's label.
    pub dimension_label: String,
    /// `quantitative` or `qualitative`.
    #[schemars(with = "String")]
    pub kind: IndicatorKind,
    /// The kind's label.
    pub kind_label: String,
    /// `input`, `process`, `output`, `outcome` or `impact`.
    #[schemars(with = "String")]
    pub level: Level,
    /// The level's label.
    pub level_label: String,
    /// `management` or `strategic`.
    #[schemars(with = "String")]
    pub hierarchy: Hierarchy,
    /// The hierarchy's label.
    pub hierarchy_label: String,
    /// The latest value with its unit or level label, written for readers; null without observations.
    pub latest: Option<String>,
    /// The period of the latest value, written for readers; null without observations.
    pub latest_period: Option<String>,
    /// `achieved`, `on-track`, `needs-attention`, `not-achieved` or `no-data`.
    pub status: &'a str,
    /// The status's label.
    pub status_label: String,
}

/// An indicator on its own page (`indicator`): its summary plus the rest.
#[derive(Serialize, JsonSchema)]
pub(crate) struct IndicatorFull<'a> {
    /// Everything the indicator summary has.
    #[serde(flatten)]
    pub summary: IndicatorSummary<'a>,
    /// Its description in the page's language.
    pub description: &'a str,
    /// How it is measured.
    pub method: &'a str,
    /// Where the figures come from.
    pub sources: &'a str,
    /// Who it is for.
    pub audiences: &'a str,
    /// The unit in the page's language (empty for qualitative indicators).
    pub unit: String,
    /// The label of the quality assessed, or null.
    pub quality_label: Option<String>,
    /// The label of how often it is measured.
    pub periodicity_label: String,
    /// The label of the direction that counts as progress.
    pub direction_label: String,
    /// Qualitative indicators: the level labels from worst to best; null otherwise.
    pub scale_levels: Option<Vec<String>>,
    /// The baseline.
    pub baseline: PointData,
    /// The target.
    pub target: PointData,
    /// The observations, in period order.
    pub observations: Vec<ObservationData<'a>>,
    /// The value before the latest, or null.
    pub previous: Option<String>,
    /// The change from the previous value to the latest, in words that fit the indicator, or null: for a quantitative one the signed difference (`+1,250`, `−3`); for a scale of two levels (yes/no) both levels (`from No to Yes`, word `change_from_to`); for a longer scale the levels climbed or lost (`up 1 level`, `down 2 levels`, words `change_up_one`, `change_up_many`, `change_down_one`, `change_down_many`); `change_none` when the level stayed the same.
    pub change: Option<String>,
    /// Progress towards the target as a percentage (`45 %`), or null.
    pub progress: Option<String>,
    /// The SVG chart (print with `| safe`); it has its own title and description.
    pub chart: String,
    /// One per dimension of breakdown that has observations broken down by it alone, in the order declared.
    pub breakdowns: Vec<BreakdownData>,
    /// The numbers of its Sustainable Development Goals.
    pub sdgs: &'a [u8],
    /// Case summaries of the cases linked to it (named by it, or naming it), in id order.
    pub related_cases: Vec<&'a CaseSummary<'a>>,
    /// Its open data, as CSV.
    pub csv_url: String,
    /// Its open data, as JSON.
    pub json_url: String,
}

/// The observations of an indicator broken down by one dimension, in `indicator.breakdowns`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct BreakdownData {
    /// The dimension's id (`sex`).
    pub id: String,
    /// Its name in the page's language.
    pub label: String,
    /// The names of its values, in the order declared: the columns of the table.
    pub values: Vec<String>,
    /// One row per period with a value of the dimension, in period order.
    pub rows: Vec<BreakdownRow>,
    /// One chart per value of the dimension that has observations, in the order of `values`.
    pub charts: Vec<BreakdownChart>,
}

/// The chart of one group, in `indicator.breakdowns[].charts`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct BreakdownChart {
    /// The group's name (`Women`), shown above its chart.
    pub label: String,
    /// The SVG chart (print with `| safe`); it has its own title and description.
    pub svg: String,
}

/// One period of a breakdown, in `indicator.breakdowns[].rows`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct BreakdownRow {
    /// The period written for readers.
    pub period_display: String,
    /// The total of the period, with its unit or level label, or empty.
    pub total: String,
    /// The value of each value of the dimension, in the order of `values` (empty when not measured).
    pub cells: Vec<String>,
}

/// A baseline or a target, in `indicator.baseline` and `indicator.target`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PointData {
    /// The period (`2025-Q1`).
    #[schemars(with = "String")]
    pub period: Period,
    /// The period written for readers.
    pub period_display: String,
    /// The value, with its unit or level label.
    pub value: String,
}

/// One observation, in `indicator.observations`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct ObservationData<'a> {
    /// The period (`2025-Q1`).
    #[schemars(with = "String")]
    pub period: Period,
    /// The period written for readers.
    pub period_display: String,
    /// The value, with its unit or level label.
    pub value: String,
    /// A note in the page's language, or null.
    pub note: Option<&'a str>,
}

/// The data `indicator.html` adds.
#[derive(Serialize, JsonSchema)]
pub(crate) struct IndicatorTemplate<'a> {
    /// The indicator.
    pub indicator: IndicatorFull<'a>,
    /// The indicators index.
    pub index_url: String,
}

/// The data `indicators.html` adds: it renders the full index (`/es/indicadores/`) and each filtered listing (`/es/indicadores/<facet>/<value>/` for `level`, `hierarchy` and `kind`).
#[derive(Serialize, JsonSchema)]
pub(crate) struct IndicatorsTemplate<'a> {
    /// Per dimension that has indicators shown, in the order institutional, political, territorial.
    pub groups: Vec<DimensionGroup<'a>>,
    /// The filters, per facet (`dimension`, `level`, `hierarchy`, `kind`).
    pub facets: Vec<FacetLinks<'a>>,
    /// On a filtered listing, the filter; null on the full index.
    pub filter: Option<FilterData<'a>>,
    /// The number of indicators shown.
    pub count: usize,
    /// The full index.
    pub index_url: String,
    /// The open data of all indicators.
    pub downloads: Downloads,
}

/// The indicators of one dimension, in `groups`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct DimensionGroup<'a> {
    /// The dimension's id.
    #[schemars(with = "String")]
    pub dimension: Dimension,
    /// Its label.
    pub label: String,
    /// Its page (`dimension.html`).
    pub url: String,
    /// Its indicators per category, in the order of the category names.
    pub categories: Vec<Category<'a>>,
}

/// The indicators of one category, in `groups[].categories`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct Category<'a> {
    /// The category's name in the page's language.
    pub label: &'a str,
    /// Its indicator summaries, by name.
    pub indicators: Vec<IndicatorSummary<'a>>,
}

/// One facet of the filters, in `facets`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct FacetLinks<'a> {
    /// `dimension`, `level`, `hierarchy` or `kind`.
    pub facet: &'a str,
    /// The facet's name (its `ind_<facet>` word).
    pub label: String,
    /// Its values.
    pub values: Vec<FacetValue<'a>>,
}

/// One value of a facet, in `facets[].values`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct FacetValue<'a> {
    /// The value's id.
    pub id: &'a str,
    /// Its label.
    pub label: String,
    /// Its listing (for `dimension`, the dimension's page).
    pub url: String,
    /// The number of indicators with that value.
    pub count: usize,
    /// True on the listing of that value.
    pub current: bool,
}

/// The filter of a filtered listing, in `filter`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct FilterData<'a> {
    /// The facet.
    pub facet: &'a str,
    /// The facet's name.
    pub facet_label: String,
    /// The value's id.
    pub value: &'a str,
    /// The value's label.
    pub label: String,
}

/// The data `dimension.html` adds.
#[derive(Serialize, JsonSchema)]
pub(crate) struct DimensionTemplate<'a> {
    /// The dimension.
    pub dimension: DimensionData,
    /// Per level, from input to impact.
    pub chain: Vec<ChainLevel<'a>>,
    /// Per status, in the order achieved, on-track, needs-attention, not-achieved, no-data.
    pub status_counts: Vec<StatusCount<'a>>,
    /// The indicators index.
    pub index_url: String,
}

/// The dimension of `dimension.html`, in `dimension`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct DimensionData {
    /// Its id.
    #[schemars(with = "String")]
    pub id: Dimension,
    /// Its label.
    pub label: String,
    /// Its introduction (the `dimension_<id>_intro` word).
    pub intro: String,
    /// Its number of indicators.
    pub total: usize,
}

/// One level of the intervention chain, in `chain`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct ChainLevel<'a> {
    /// The level's id.
    #[schemars(with = "String")]
    pub level: Level,
    /// Its label.
    pub label: String,
    /// The indicator summaries at that level, by name.
    pub indicators: Vec<IndicatorSummary<'a>>,
}

/// How many indicators of the dimension stand at one status, in `status_counts`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct StatusCount<'a> {
    /// The status's id.
    pub status: &'a str,
    /// Its label.
    pub label: String,
    /// How many.
    pub count: usize,
}

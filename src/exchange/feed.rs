//! The types of a good-practices feed (`/data/cases.json`, profile
//! [`super::PROFILE`]). Field names and meanings are documented for people
//! in `docs/network.md`; the doc comments here become the descriptions of
//! the JSON Schema.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A site's good practices, with what a network needs to show them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Feed {
    /// The profile and its version: `memoria-cases/1`.
    #[schemars(regex(pattern = r"^memoria-cases/1$"))]
    pub profile: String,
    /// The site that publishes the practices.
    pub site: FeedSite,
    /// The licence of the feed: an address (such as
    /// https://creativecommons.org/licenses/by/4.0/), or null when none is
    /// given.
    pub license: Option<String>,
    /// The practices.
    pub cases: Vec<FeedCase>,
    /// On a network's portal: the members whose practices it shows, each
    /// credited with its site, its feed and when it was fetched. Absent on
    /// a city's own feed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<FeedMember>,
}

/// A member of a network, as the network's portal credits it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FeedMember {
    /// The member's name.
    pub name: String,
    /// Its country, as an ISO 3166-1 alpha-2 code.
    #[schemars(regex(pattern = r"^[A-Z]{2}$"))]
    pub country: String,
    /// The address of its site.
    #[schemars(regex(pattern = r"^https?://"))]
    pub url: String,
    /// Where the network reads its feed (an address, or a file the network
    /// keeps).
    pub feed: String,
    /// When the network last fetched it, in UTC (2026-11-30T15:40:00Z).
    #[schemars(extend("format" = "date-time"))]
    pub fetched: String,
    /// How many of its practices the portal shows.
    pub cases: usize,
    /// The licence of its feed, as the member gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
}

/// The site that publishes a feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FeedSite {
    /// Its title, per language code.
    pub title: BTreeMap<String, String>,
    /// Its address, ending in `/`.
    #[schemars(regex(pattern = r"^https?://"))]
    pub url: String,
    /// Its languages, the default one first.
    #[schemars(length(min = 1))]
    pub languages: Vec<String>,
}

/// One good practice: the facts shared by its translations, and each
/// translation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FeedCase {
    /// Its id on the site: lowercase letters, digits and hyphens.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: String,
    /// The country, as an ISO 3166-1 alpha-2 code (MX, CO, ES).
    #[schemars(regex(pattern = r"^[A-Z]{2}$"))]
    pub country: String,
    /// The date of publication, YYYY-MM-DD.
    #[schemars(with = "String", extend("format" = "date"))]
    pub date: NaiveDate,
    /// The reach of the experience.
    pub scale: FeedScale,
    /// The dimension of international action it strengthens.
    pub dimension: FeedDimension,
    /// Theme ids of the site's vocabulary.
    pub themes: Vec<String>,
    /// Sustainable Development Goals, by number.
    pub sdgs: Vec<Sdg>,
    /// Targets of those goals (`11.3`, `11.a`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(regex(pattern = crate::sdg::SDG_TARGET_PATTERN)))]
    pub sdg_targets: Vec<String>,
    /// Whether the experience is ongoing or finished.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<FeedStatus>,
    /// When the experience ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<FeedPeriod>,
    /// Ids of the site's indicators that measure it.
    #[serde(default)]
    pub indicators: Vec<String>,
    /// The practice in each language it is written in, by language code.
    pub translations: BTreeMap<String, FeedTranslation>,
}

/// A Sustainable Development Goal number, 1 to 17.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Sdg(#[schemars(range(min = 1, max = 17))] pub u8);

/// The reach of an experience.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FeedScale {
    /// Within the city.
    Local,
    /// A region or metropolitan area.
    Regional,
    /// Between countries.
    International,
}

/// The dimension of international action a practice strengthens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FeedDimension {
    /// Structures, capacities and coordination of the city government.
    Institutional,
    /// Positioning, advocacy and political will.
    Political,
    /// Effects on the territory and its people.
    Territorial,
}

/// Whether an experience still runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FeedStatus {
    /// It still runs.
    Ongoing,
    /// It has ended.
    Finished,
}

/// When an experience ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FeedPeriod {
    /// The day it began, YYYY-MM-DD.
    #[schemars(with = "String", extend("format" = "date"))]
    pub start: NaiveDate,
    /// The day it ended, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    pub end: Option<NaiveDate>,
}

/// A practice in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FeedTranslation {
    /// Its title.
    pub title: String,
    /// The city or organisation, as written in this language.
    pub city: String,
    /// One or two sentences that sum it up.
    pub summary: String,
    /// Institutions and people involved.
    #[serde(default)]
    pub actors: Vec<String>,
    /// Key lessons.
    #[serde(default)]
    pub lessons: Vec<String>,
    /// The address of its page in this language (its canonical URL).
    #[schemars(regex(pattern = r"^https?://"))]
    pub url: String,
    /// Whom peers write to about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// The resources mobilised: budget, staff, time, in-kind support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<String>,
    /// Partner cities and organisations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<String>,
    /// What another city needs to adapt it, and what would not travel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transferability: Option<String>,
}

/// Whom peers write to about a practice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Contact {
    /// The office, in the translation's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// Its e-mail address.
    #[schemars(email)]
    pub email: String,
}

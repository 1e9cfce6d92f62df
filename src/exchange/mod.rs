//! The exchange profile of good practices: the format of `/data/cases.json`,
//! which every memoria site publishes and a network portal reads from its
//! members (`docs/network.md`). A city that does not use memoria publishes
//! the same file to join a network.
//!
//! The types of [`feed`] are the one source of the file: memoria writes its
//! own feed with them, reads members' feeds with them, and writes the JSON
//! Schema `docs/schemas/cases.schema.json` from them ([`schema_text`]).

pub mod check;
pub mod feed;

pub use feed::{
    Contact, Feed, FeedCase, FeedDimension, FeedMember, FeedPeriod, FeedScale, FeedSite,
    FeedStatus, FeedTranslation, Sdg,
};

/// The profile this version of memoria writes and reads: its name and its
/// major version. Fields may be added within a version; a change that
/// removes or redefines one takes a new version.
pub const PROFILE: &str = "memoria-cases/1";

/// The address the schema declares as its `$id`.
const SCHEMA_ID: &str = "https://memoria.example.org/docs/schemas/cases.schema.json";

/// The file name of the profile's JSON Schema in `docs/schemas/`.
pub const SCHEMA_FILE: &str = "cases.schema.json";

/// The JSON Schema (draft 2020-12) of the profile, as the text kept in
/// `docs/schemas/cases.schema.json` (pretty JSON ending in a newline).
pub fn schema_text() -> String {
    let mut schema = schemars::schema_for!(Feed);
    schema.insert("$id".into(), SCHEMA_ID.into());
    schema.insert(
        "title".into(),
        "memoria good-practices feed (/data/cases.json), profile memoria-cases/1".into(),
    );
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

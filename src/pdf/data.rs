//! The data a print template reads as `/data.json`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::render::data::reports::{PresentedData, ReportData};

/// The report a print template gets: the current version, or the version
/// as presented (the same fields a template reads).
#[derive(Serialize)]
#[serde(untagged)]
pub(crate) enum PrintReport<'a> {
    /// The current version, as `report` of `report.html`.
    Current(ReportData<'a>),
    /// The version as presented, as `report` of `report_presented.html`.
    AsPresented(PresentedData),
}

/// Everything `print/report.typ` gets: the report as its page shows it,
/// the cover facts of `site.toml`, the theme's words and the narrative as
/// Typst markup.
#[derive(Serialize)]
pub(crate) struct PrintData<'a> {
    /// The report's language (`es`).
    pub(crate) lang: &'a str,
    /// The theme's words in that language, by key (as `t` in the HTML templates).
    pub(crate) t: &'a BTreeMap<String, String>,
    /// The site's title in that language.
    pub(crate) site_title: &'a str,
    /// `[report] city` in that language (may be empty).
    pub(crate) city: &'a str,
    /// `[report] office` in that language (may be empty); the PDF's author.
    pub(crate) office: &'a str,
    /// The cover logo's path for the template (`/logo.png`), or null.
    pub(crate) logo: Option<String>,
    /// The full address of the report's page.
    pub(crate) page_url: String,
    /// The full address of the report's JSON data (what the fingerprint covers).
    pub(crate) data_url: String,
    /// The full address of the report's CSV table.
    pub(crate) csv_url: String,
    /// `https://host` to put before the site's paths (`/es/…`), or empty.
    pub(crate) origin: String,
    /// Whether the annex starts a page of its own: false when that would
    /// leave the page before it less than half full.
    pub(crate) annex_on_new_page: bool,
    /// The narrative, as Typst markup (to `eval` in markup mode).
    pub(crate) narrative: String,
    /// The report, as `report` of `report.html` (or of `report_presented.html`).
    pub(crate) report: PrintReport<'a>,
    /// For the version as presented, the full address of the current
    /// version; null for the current version.
    pub(crate) current_url: Option<String>,
}

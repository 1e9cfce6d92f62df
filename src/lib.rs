//! memoria: a bilingual static site generator for the international action
//! of cities — good practices, indicators and semiannual reports to the
//! legislature — from Markdown and YAML files, through Tera themes.
//!
//! The flow is **load → validate → derive → render → write**, and the
//! modules form one-way layers in that order: a module uses modules of its
//! own layer or of a layer below, never one above, and there is no import
//! cycle (`tests/module_graph.rs` checks it; docs/architecture.md says what
//! each module holds). Bottom to top:
//!
//! 1. foundations: `diagnostics` (the one problem type), `text`, `slug`,
//!    `yaml`, `period`, `countries`, `currencies`, `timing`, `i18n` (words,
//!    numbers, periods and dates per language), [`frontmatter`], [`markdown`],
//!    `sdg` (the goals and targets of the 2030 Agenda), [`exchange`] (the
//!    good-practices feed that networks of cities read);
//! 2. `config`: `site.toml`;
//! 3. load: [`content`] (loading and validation), `theme`, `members` (the
//!    practices of a network's members, from the cache of their feeds);
//! 4. derive: `taxonomy`, `routes`, `figures`, `reports`, `derive`, `portal`
//!    (a network's portal), [`site`], `format`;
//! 5. render: `output` (the output-file model), `chart`, `render`, [`search`],
//!    `feeds`, `opendata`, `catalog`;
//! 6. write: `publish` (all-or-nothing swap);
//! 7. commands: `linkcheck`, `http` (the server of `serve`),
//!    [`pdf`], [`pipeline`] (which orchestrates the steps), `editor` (the
//!    editor in the browser and its API), [`serve`], [`scaffold`],
//!    [`spreadsheet`] (export and import of indicator data), [`network`]
//!    (`network fetch`: the feeds of a network's members).
//!
//! Modules and items are `pub(crate)` unless the binary or a test uses them.

// Errors are `Diagnostic`s carrying a message, advice and the offending line:
// larger than clippy's default, but only ever built on the failure path.
#![allow(clippy::result_large_err)]

pub(crate) mod catalog;
pub(crate) mod chart;
pub(crate) mod config;
pub mod content;
pub(crate) mod countries;
pub(crate) mod currencies;
pub(crate) mod derive;
pub(crate) mod editor;
/// The browser editor's `config.yml` of a site (see `editor::config`).
pub use editor::config::site_editor_config;
pub mod diagnostics;
pub mod exchange;
pub(crate) mod feeds;
pub(crate) mod figures;
pub(crate) mod format;
pub mod frontmatter;
pub(crate) mod http;
pub(crate) mod i18n;
pub(crate) mod linkcheck;
pub mod markdown;
pub(crate) mod members;
pub mod network;
pub(crate) mod opendata;
pub(crate) mod output;
pub mod pdf;
pub(crate) mod period;
pub mod pipeline;
pub(crate) mod portal;
pub(crate) mod publish;
pub(crate) mod render;
/// Regenerates the tables of template data in `docs/themes.md` (see `tests/template_data.rs`).
pub use render::data::docs::regenerate as regenerate_theme_docs;
pub(crate) mod reports;
pub(crate) mod routes;
pub mod scaffold;
pub(crate) mod sdg;
pub mod search;
pub mod serve;
pub mod site;
pub(crate) mod slug;
pub mod spreadsheet;
pub(crate) mod taxonomy;
pub(crate) mod text;
pub(crate) mod theme;
pub(crate) mod timing;
pub mod yaml;

//! memoria: a bilingual static site generator for the international action
//! of cities — good practices, indicators and semiannual reports to the
//! legislature — from Markdown and YAML files, through Tera themes.
//!
//! The flow is **load → validate → derive → render → write**:
//! [`config`] and [`content`] load and validate the sources into one model,
//! [`derive`] computes what is shared by many pages once (Markdown bodies,
//! resolved links), [`render`] renders every page in parallel through the
//! [`theme`], and [`output`] swaps the finished site in atomically.
//! [`pipeline`] strings the steps together for the commands; [`serve`]
//! rebuilds and reloads while authors write.

// Errors are `Diagnostic`s carrying a message, advice and the offending line:
// larger than clippy's default, but only ever built on the failure path.
#![allow(clippy::result_large_err)]

pub mod catalog;
pub mod chart;
pub mod config;
pub mod content;
pub mod countries;
pub mod currencies;
pub mod derive;
pub mod diagnostics;
pub mod feeds;
pub mod figures;
pub mod frontmatter;
pub mod i18n;
pub mod linkcheck;
pub mod markdown;
pub mod opendata;
pub mod output;
pub mod pdf;
pub mod period;
pub mod pipeline;
pub mod render;
pub mod reports;
pub mod routes;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod slug;
pub mod taxonomy;
pub mod text;
pub mod theme;
pub mod yaml;

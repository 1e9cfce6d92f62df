//! Spreadsheets in and out: `memoria export` writes the indicators as a
//! workbook a department can fill in (`.xlsx` or `.ods`) or as a folder of CSV files;
//! `memoria import` reads them back into the indicators' files.
//!
//! Each indicator is one sheet (one CSV file) in the tidy layout of the open
//! data: a row per observation, with the columns `period`, one per
//! dimension of breakdown and `value`. A blank dimension is the total.

mod book;
mod book_ods;
mod book_xlsx;
pub(crate) mod export;
pub(crate) mod import;
mod layout;
mod messages;
mod problems;
mod read;
mod registry_export;
mod registry_import;
mod registry_layout;
mod trial;
mod yaml_edit;

pub use export::{export, Exported};
pub use import::{import, Change, Imported, RegistryChange};
pub use registry_import::FieldChange;

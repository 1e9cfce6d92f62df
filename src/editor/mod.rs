//! Editing in the browser: the configuration of the editor, made from the
//! content model.

pub(crate) mod config;

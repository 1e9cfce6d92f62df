//! The problems an import finds, in the words of the site's default
//! language, named by sheet and cell (or by sheet and row).

use std::path::Path;

use super::messages::say;
use super::read::{cell_name, Table};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// The problems found, with the words of the site's default language.
pub(super) struct Problems<'a> {
    /// The site's default language.
    pub lang: &'a str,
    /// The file imported.
    pub file: &'a Path,
    /// The problems.
    pub all: Diagnostics,
}

impl Problems<'_> {
    /// A problem `d` that checking the file row `row` (0-based) of sheet
    /// `sheet` would write finds in it.
    pub(super) fn row(&mut self, sheet: &str, row: usize, id: &str, d: &Diagnostic) {
        let place = say(self.lang, "sheet").replace("{name}", sheet);
        let row = say(self.lang, "row")
            .replace("{row}", &(row + 1).to_string())
            .replace("{value}", id);
        let mut out = Diagnostic::error(self.file, format!("{place}, {row}: {}", d.message));
        out.severity = d.severity;
        if let Some(help) = &d.help {
            out = out.help(help.clone());
        }
        self.all.push(out);
    }

    /// A problem at cell (`row`, `col`) of `table`: `message` and `help` are
    /// keys of the messages, `fill` the values of their `{…}`.
    /// Reports each cell of row `row` among `cols` that is merged (with the
    /// advice `unmerge`) or holds a formula; true when one does, and the row
    /// cannot be read.
    pub(super) fn merged_or_formula(
        &mut self,
        table: &Table,
        row: usize,
        cols: impl IntoIterator<Item = usize>,
        unmerge: &str,
    ) -> bool {
        let mut bad = false;
        for c in cols {
            if table.is_merged(row, c) {
                self.at(table, row, c, "merged", unmerge, &[]);
                bad = true;
            } else if table.is_formula(row, c) {
                self.at(table, row, c, "formula", "paste_value", &[]);
                bad = true;
            }
        }
        bad
    }

    pub(super) fn at(
        &mut self,
        table: &Table,
        row: usize,
        col: usize,
        message: &str,
        help: &str,
        fill: &[(&str, &str)],
    ) {
        let fill_in = |key: &str| {
            let mut text = say(self.lang, key).to_string();
            for (k, v) in fill {
                text = text.replace(&format!("{{{k}}}"), v);
            }
            text
        };
        let place = say(self.lang, if table.is_file { "file" } else { "sheet" })
            .replace("{name}", &table.name);
        let cell = say(self.lang, "cell").replace("{cell}", &cell_name(row, col));
        self.all.push(
            Diagnostic::error(self.file, format!("{place}, {cell}: {}", fill_in(message)))
                .help(fill_in(help)),
        );
    }

    /// `items` joined as a list a person reads: `a, b or c`.
    pub(super) fn list(&self, items: &[&str]) -> String {
        match items {
            [] => String::new(),
            [one] => one.to_string(),
            [rest @ .., last] => format!("{} {} {last}", rest.join(", "), say(self.lang, "or")),
        }
    }
}

//! Errors and warnings about a site's sources, with the position they refer to.
//!
//! Every problem memoria finds is a [`Diagnostic`]: a severity, the file it is
//! about (relative to the site root), an optional line and column, a message
//! that says what is wrong and an optional `help` that says what to do. The
//! loader collects them all in a [`Diagnostics`] list instead of stopping at the
//! first one, so a communications team sees every problem of a run at once.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The site cannot be built until this is fixed.
    Error,
    /// The site builds, but something is probably not what the author meant.
    /// `memoria check --strict` treats warnings as errors.
    Warning,
}

/// A position inside a source file: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// Line number, starting at 1.
    pub line: usize,
    /// Column number in characters, starting at 1.
    pub column: usize,
}

impl Position {
    /// A position at `line`, `column` (both 1-based).
    pub fn new(line: usize, column: usize) -> Self {
        Position {
            line: line.max(1),
            column: column.max(1),
        }
    }
}

/// One problem found in the sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file concerned, relative to the site root where possible.
    pub path: PathBuf,
    /// Where in the file, when known.
    pub position: Option<Position>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The text of the offending line, shown under the message.
    pub snippet: Option<String>,
}

impl Diagnostic {
    /// An error about `path`.
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            position: None,
            message: message.into(),
            help: None,
            snippet: None,
        }
    }

    /// A warning about `path`.
    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// Sets the position.
    pub fn at(mut self, position: Option<Position>) -> Self {
        self.position = position;
        self
    }

    /// Sets the advice that tells the author what to do.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Attaches the text of the offending line, taken from `source`.
    pub fn with_source(mut self, source: &str) -> Self {
        if let Some(pos) = self.position {
            self.snippet = source
                .lines()
                .nth(pos.line - 1)
                .map(|l| l.trim_end_matches('\r').to_string());
        }
        self
    }

    /// `path:line:column` (or `path:line`, or `path`) with `/` separators.
    pub fn location(&self) -> String {
        let path = display_path(&self.path);
        match self.position {
            Some(p) => format!("{path}:{}:{}", p.line, p.column),
            None => path,
        }
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A problem found before the file and line it concerns are known: what is
/// wrong and what to do. The caller makes it a [`Diagnostic`] at its file
/// with [`Problem::error`]; it is the same message and advice, not a second
/// kind of error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: String,
}

impl Problem {
    /// A problem with its advice.
    pub fn new(message: impl Into<String>, help: impl Into<String>) -> Self {
        Problem {
            message: message.into(),
            help: help.into(),
        }
    }

    /// This problem as an error in the file at `path`.
    pub(crate) fn error(self, path: impl Into<PathBuf>) -> Diagnostic {
        Diagnostic::error(path, self.message).help(self.help)
    }
}

/// The message, then the advice on its own line, the way a [`Diagnostic`]
/// shows it: `"x" is not a period` / `  = help: write …`.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\n  = help: {}", self.message, self.help)
    }
}

impl std::error::Error for Problem {}

/// Writes a path with forward slashes, the way authors see it in messages.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}: {}", self.location(), self.message)?;
        if let (Some(snippet), Some(pos)) = (&self.snippet, self.position) {
            let number = pos.line.to_string();
            let pad = " ".repeat(number.len());
            let caret_pad: String = snippet
                .chars()
                .take(pos.column - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(
                f,
                "\n {pad} |\n {number} | {snippet}\n {pad} | {caret_pad}^"
            )?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

/// An ordered collection of diagnostics from one run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds every diagnostic of `other`.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// Keeps only the diagnostics for which `keep` is true.
    pub(crate) fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
    }

    /// True when at least one diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// All diagnostics, sorted by file, position and message, so that output
    /// does not depend on the order in which files were processed.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut all: Vec<&Diagnostic> = self.items.iter().collect();
        all.sort_by(|a, b| {
            (&a.path, a.position, a.severity, &a.message)
                .cmp(&(&b.path, b.position, b.severity, &b.message))
        });
        all.dedup_by(|a, b| a == b);
        all
    }

    /// Turns every warning into an error (`--strict`).
    pub fn make_strict(&mut self) {
        for d in &mut self.items {
            d.severity = Severity::Error;
        }
    }

    /// Iterates in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// True when there is nothing to report.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Number of diagnostics.
    pub fn len(&self) -> usize {
        self.items.len()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

/// Suggests the candidate closest to `word`, if any is close enough to be a
/// plausible typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 3).max(1) + 1)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_and_snippet() {
        let d = Diagnostic::error("content/cases/a.es.md", "bad value")
            .at(Some(Position::new(2, 8)))
            .with_source("---\nscale: urban\n---")
            .help("use local");
        let text = d.to_string();
        assert!(text.starts_with("error: content/cases/a.es.md:2:8: bad value"));
        assert!(text.contains("2 | scale: urban"));
        assert!(text.contains("  |        ^"));
        assert!(text.contains("help: use local"));
    }

    #[test]
    fn a_problem_shows_its_advice() {
        let p = Problem::new("bad value", "use local");
        assert_eq!(p.to_string(), "bad value\n  = help: use local");
        let d = p.error("site.toml").at(Some(Position::new(3, 1)));
        assert_eq!(
            d.to_string(),
            "error: site.toml:3:1: bad value\n  = help: use local"
        );
    }

    #[test]
    fn closest_suggests_typos_only() {
        let keys = ["title", "summary", "themes"];
        assert_eq!(closest("tittle", keys), Some("title"));
        assert_eq!(closest("theme", keys), Some("themes"));
        assert_eq!(closest("zzzzzzzz", keys), None);
    }

    #[test]
    fn strict_turns_warnings_into_errors() {
        let mut all = Diagnostics::new();
        all.push(Diagnostic::warning("a", "w"));
        assert!(!all.has_errors());
        all.make_strict();
        assert!(all.has_errors());
    }
}

//! The whole flow, load → validate → derive → render → write, as the
//! commands use it.

use std::path::{Path, PathBuf};

use crate::diagnostics::{display_path, Diagnostic, Diagnostics, Severity};
use crate::output::{self, OutputFile};
use crate::site::{self, LoadOptions, Site};
use crate::timing::timing;
use crate::{catalog, feeds, linkcheck, opendata, publish, render, search};

/// What `memoria build` is asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The folder that holds `site.toml`.
    pub root: PathBuf,
    /// Where to write; default: `output_dir` of site.toml under the root.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` of site.toml.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Also print every report to PDF (needs a Chromium).
    pub pdf: bool,
}

impl BuildOptions {
    fn load_options(&self) -> LoadOptions {
        LoadOptions {
            drafts: self.drafts,
            base_url: self.base_url.clone(),
            record_reports: true,
        }
    }
}

/// A finished build.
#[derive(Debug)]
pub struct BuildReport {
    /// Where the site was written.
    pub output: PathBuf,
    /// How many files the site has.
    pub files: usize,
    /// How many of them were written (new or changed).
    pub written: usize,
    /// How many were carried unchanged from the previous output.
    pub unchanged: usize,
    /// The warnings of the run.
    pub diagnostics: Diagnostics,
    /// The reports printed to PDF (with `pdf`), relative to the output.
    pub pdfs: Vec<PathBuf>,
    /// Why printing to PDF failed, when it did (the site is built anyway).
    pub pdf_error: Option<crate::diagnostics::Problem>,
}

/// A site rendered in memory, not yet written.
pub(crate) struct Rendered {
    /// The model it was rendered from.
    pub(crate) site: Site,
    /// Every output file, sorted by path.
    pub(crate) files: Vec<OutputFile>,
    /// Warnings.
    pub(crate) diagnostics: Diagnostics,
    /// The links already checked in the Markdown they were written in.
    pub(crate) checked: linkcheck::Checked,
    /// The search index, kept for updating (when asked for: `serve`).
    pub(crate) search: Option<search::LiveIndex>,
}

/// Whether [`render_site`] keeps the search index it makes, for `serve` to
/// update it later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SearchIndex {
    /// Only its files.
    Files,
    /// Its files and the index itself.
    Live,
}

/// Loads and renders the site in `root`; every problem is returned.
///
/// Links written as addresses in Markdown are checked against the rendered
/// pages and reported at their line with `links` as severity (a warning in
/// `build` and `serve`, an error in `check`). When some content has errors,
/// what could be read is still rendered in memory, so that its broken links
/// are reported in the same run; links to the items that could not be read
/// are not (their files have their own errors), and neither are rendering
/// errors, which may only follow from the missing items.
pub(crate) fn render_site(
    root: &Path,
    options: &LoadOptions,
    links: Severity,
    search: SearchIndex,
) -> Result<Rendered, Diagnostics> {
    let started = std::time::Instant::now();
    let (site, mut diagnostics) = site::load(root, options);
    timing("load, validate and derive", started);
    let Some(site) = site else {
        return Err(diagnostics);
    };
    let failed = diagnostics.has_errors();
    let started = std::time::Instant::now();
    let rendered = produce(&site, search);
    timing("render", started);
    match rendered {
        Ok((files, search)) => {
            let started = std::time::Instant::now();
            let index = linkcheck::Index::new(&files).with_routes(&site.routes);
            let (found, checked) = linkcheck::check_sources(&site, &index, links);
            drop(index);
            timing("check links in Markdown", started);
            diagnostics.extend(found);
            if failed {
                return Err(diagnostics);
            }
            Ok(Rendered {
                site,
                files,
                diagnostics,
                checked,
                search,
            })
        }
        Err(errors) => {
            if !failed {
                diagnostics.extend(errors);
            }
            Err(diagnostics)
        }
    }
}

/// Every output file of `site`, sorted by path: the pages, the open data
/// and its catalogue, the search index, the feeds, the sitemap and the
/// theme's static files, produced at the same time. Errors (a template that
/// fails, two files with the same address) are all collected.
fn produce(
    site: &Site,
    index: SearchIndex,
) -> Result<(Vec<OutputFile>, Option<search::LiveIndex>), Diagnostics> {
    let search_files = || match index {
        SearchIndex::Files => (search::files(site), None),
        SearchIndex::Live => {
            let live = search::LiveIndex::build(site);
            (live.files(), Some(live))
        }
    };
    let ((pages, mut diags), (data, ((search, live), feeds))) = rayon::join(
        || render::pages(site),
        || {
            rayon::join(
                || data_files(site),
                || rayon::join(search_files, || feeds::files(site)),
            )
        },
    );
    let mut files = pages;
    files.reserve(data.len() + search.len() + feeds.len() + 8);
    files.push(render::sitemap::render(site));
    files.extend(data);
    files.extend(search);
    files.extend(feeds);
    for (name, abs) in &site.theme.static_files {
        match std::fs::read(abs) {
            Ok(bytes) => files.push(OutputFile::new(
                name.clone(),
                bytes,
                display_path(abs.strip_prefix(&site.root).unwrap_or(abs)),
            )),
            Err(e) => diags.push(Diagnostic::error(
                abs.strip_prefix(&site.root).unwrap_or(abs),
                format!("cannot read this file: {e}"),
            )),
        }
    }
    diags.extend(output::find_collisions(&mut files));
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok((files, live))
    }
}

/// Everything under `/data/`, the catalogue that describes it last.
fn data_files(site: &Site) -> Vec<OutputFile> {
    let mut files = opendata::files(site);
    if !site.content.cases.is_empty() {
        files.push(catalog::cases_json(site));
    }
    let catalog = catalog::catalog(site, &files.iter().collect::<Vec<_>>());
    files.push(catalog);
    files
}

/// The output folder a build of `site` writes to.
pub(crate) fn output_dir(options: &BuildOptions, site: &Site) -> PathBuf {
    match &options.output {
        Some(o) => o.clone(),
        None => options.root.join(&site.config.output_dir),
    }
}

/// `memoria build`: renders everything, then swaps the new output in. On any
/// error nothing is written and the previous output stays as it was. The
/// previous output is removed while the lock is written and the reports
/// are printed, and before this returns.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let rendered = render_site(
        &options.root,
        &options.load_options(),
        Severity::Warning,
        SearchIndex::Files,
    )?;
    let output = output_dir(options, &rendered.site);
    let started = std::time::Instant::now();
    let written = publish::write_site(&rendered.files, &options.root, &output);
    timing("write", started);
    let mut diagnostics = rendered.diagnostics;
    let published = match written {
        Ok(p) => p,
        Err(d) => {
            diagnostics.push(d);
            return Err(diagnostics);
        }
    };
    let (written, unchanged) = (published.written, published.unchanged);
    if let Some(lock) = &rendered.site.lock_update {
        // The site is written; now the lock records what was presented.
        if let Err(d) = crate::reports::lock::write(&options.root, lock) {
            diagnostics.push(d);
            return Err(diagnostics);
        }
        eprintln!(
            "recorded the fingerprints of presented reports in {}",
            crate::reports::lock::LOCK_FILE
        );
    }
    let (pdfs, pdf_error) = if options.pdf {
        match crate::pdf::print_reports(&rendered.site, &output) {
            Ok(p) => (p, None),
            Err(e) => (Vec::new(), Some(e)),
        }
    } else {
        (Vec::new(), None)
    };
    let started = std::time::Instant::now();
    diagnostics.extend(published.finish());
    timing(
        "write: wait for the removal of the previous output",
        started,
    );
    Ok(BuildReport {
        output,
        files: rendered.files.len(),
        written,
        unchanged,
        diagnostics,
        pdfs,
        pdf_error,
    })
}

/// `memoria check`: everything a build does except writing, plus a check
/// that every internal link and `#fragment` of the rendered pages resolves.
/// With `strict`, warnings count as errors.
pub fn check(root: &Path, strict: bool) -> Diagnostics {
    let mut diagnostics = match render_site(
        root,
        &LoadOptions::default(),
        Severity::Error,
        SearchIndex::Files,
    ) {
        Ok(r) => {
            let mut diagnostics = r.diagnostics;
            let index = linkcheck::Index::new(&r.files).with_routes(&r.site.routes);
            diagnostics.extend(linkcheck::check_pages(&index, &r.site.config, &r.checked));
            diagnostics
        }
        Err(d) => d,
    };
    if strict {
        diagnostics.make_strict();
    }
    diagnostics
}

/// A one-line summary such as "2 errors, 1 warning".
pub fn summary(diagnostics: &Diagnostics) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{}, {}",
        plural(diagnostics.error_count(), "error", "errors"),
        plural(diagnostics.warning_count(), "warning", "warnings")
    )
}

/// Prints diagnostics to standard error, sorted.
pub fn print_diagnostics(diagnostics: &Diagnostics) {
    for d in diagnostics.sorted() {
        eprintln!("{d}\n");
    }
}

/// An error not tied to a content file (e.g. an output folder problem).
pub(crate) fn general_error(message: impl Into<String>) -> Diagnostic {
    Diagnostic::error("memoria", message)
}

//! The whole flow, load → validate → derive → render → write, as the
//! commands use it.

use std::path::{Path, PathBuf};

use crate::diagnostics::{display_path, Diagnostic, Diagnostics, Severity};
use crate::output::{self, OutputFile, Sink};
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
    /// Also print every report to PDF, in each language.
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
    /// What is kept for updating the site later (when asked for: `serve`).
    pub(crate) live: Option<Live>,
}

/// What `serve` keeps of a build to update it after a change without
/// making everything again.
pub(crate) struct Live {
    /// The search index.
    pub(crate) search: search::LiveIndex,
    /// What each page read (the page registry's inputs).
    pub(crate) pages: render::inputs::PageInputs,
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
    let (site, diagnostics) = load(root, options)?;
    render_loaded(site, diagnostics, links, search)
}

/// Loads, validates and derives the site in `root`: the site when it could
/// be read (perhaps with errors in `Diagnostics`), else every problem.
fn load(root: &Path, options: &LoadOptions) -> Result<(Site, Diagnostics), Diagnostics> {
    let started = std::time::Instant::now();
    let (site, diagnostics) = site::load(root, options);
    timing("load, validate and derive", started);
    match site {
        Some(site) => Ok((site, diagnostics)),
        None => Err(diagnostics),
    }
}

/// Renders the loaded `site` in memory (see [`render_site`]); `diagnostics`
/// are those of its loading.
fn render_loaded(
    site: Site,
    mut diagnostics: Diagnostics,
    links: Severity,
    search: SearchIndex,
) -> Result<Rendered, Diagnostics> {
    let failed = diagnostics.has_errors();
    let started = std::time::Instant::now();
    let rendered = produce(&site, search);
    timing("render", started);
    match rendered {
        Ok((files, live)) => {
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
                live,
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

/// Every output file of `site`, sorted by path, in memory (see
/// [`produce_into`]). Errors (a template that fails, two files with the
/// same address) are all collected.
fn produce(
    site: &Site,
    search: SearchIndex,
) -> Result<(Vec<OutputFile>, Option<Live>), Diagnostics> {
    let sink = output::Collect::default();
    let (mut diags, live) = produce_into(site, &sink, search);
    let mut files = sink.into_files();
    diags.extend(output::find_collisions(&mut files));
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok((files, live))
    }
}

/// Gives every output file of `site` to `sink` as soon as it is made: the
/// pages, the open data and its catalogue, the search index, the feeds, the
/// sitemap and the theme's static files, produced at the same time. The
/// errors of rendering and reading are returned; paths given twice are the
/// sink's to find.
fn produce_into(site: &Site, sink: &dyn Sink, search: SearchIndex) -> (Diagnostics, Option<Live>) {
    let record = search == SearchIndex::Live;
    let search_files = || match search {
        SearchIndex::Files => {
            search::files(site).into_iter().for_each(|f| sink.put(f));
            None
        }
        SearchIndex::Live => {
            let live = search::LiveIndex::build(site);
            live.files().into_iter().for_each(|f| sink.put(f));
            Some(live)
        }
    };
    let ((mut diags, pages), ((), (search, ()))) = rayon::join(
        || render::pages(site, sink, record),
        || {
            rayon::join(
                || data_files(site).into_iter().for_each(|f| sink.put(f)),
                || {
                    rayon::join(search_files, || {
                        feeds::files(site).into_iter().for_each(|f| sink.put(f))
                    })
                },
            )
        },
    );
    sink.put(render::sitemap::render(site));
    // A `robots.txt` of the site's own (in `static/`) replaces memoria's.
    if !site
        .theme
        .static_files
        .iter()
        .any(|(name, _)| name == "robots.txt")
    {
        sink.put(render::sitemap::robots(site));
    }
    for (name, file) in &site.theme.static_files {
        match file.bytes() {
            Ok(bytes) => sink.put(OutputFile::new(
                name.clone(),
                bytes,
                display_path(&file.shown()),
            )),
            Err(d) => diags.push(d),
        }
    }
    (diags, search.map(|search| Live { search, pages }))
}

/// Everything under `/data/`, the catalogue that describes it last.
fn data_files(site: &Site) -> Vec<OutputFile> {
    let mut files = opendata::files(site);
    if !site.content.cases.is_empty() || site.portal.is_some() {
        files.push(catalog::cases_json(site));
    }
    files.extend(catalog::member_feeds(site));
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
    let (mut site, mut diagnostics) = load(&options.root, &options.load_options())?;
    let output = output_dir(options, &site);
    // The reports are printed first: their pages link each PDF with its size.
    let mut pdfs = Vec::new();
    if options.pdf && !diagnostics.has_errors() {
        let started = std::time::Instant::now();
        match crate::pdf::print_reports(&site) {
            Ok((printed, warnings)) => {
                diagnostics.extend(warnings);
                for p in printed {
                    if p.as_presented {
                        site.printed_presented.insert(p.key, p.printed);
                    } else {
                        site.printed.insert(p.key, p.printed);
                    }
                    pdfs.push(p.file);
                }
            }
            Err(errors) => diagnostics.extend(errors),
        }
        timing("print the reports to PDF", started);
    }
    let staging =
        (!diagnostics.has_errors()).then(|| publish::Staging::new(&options.root, &output));
    let (staging, mut diagnostics) = match staging {
        Some(Ok(staging)) => (staging, diagnostics),
        // Nothing will be written: the site is rendered in memory for its
        // other problems to be reported as well.
        refused => {
            let rendered = render_loaded(site, diagnostics, Severity::Warning, SearchIndex::Files)?;
            let mut diagnostics = rendered.diagnostics;
            diagnostics.extend(refused.and_then(Result::err));
            return Err(diagnostics);
        }
    };
    let printed: Vec<PathBuf> = pdfs.iter().map(|f| PathBuf::from(&f.path)).collect();
    for file in pdfs {
        staging.put(file);
    }
    let started = std::time::Instant::now();
    let (files, errors) = stream(&site, &staging);
    timing("render and write the files", started);
    if errors.has_errors() {
        diagnostics.extend(errors);
        return Err(diagnostics);
    }
    let started = std::time::Instant::now();
    let index = linkcheck::Index::on_disk(&files, staging.dir()).with_routes(&site.routes);
    diagnostics.extend(linkcheck::check_sources(&site, &index, Severity::Warning).0);
    drop(index);
    timing("check links in Markdown", started);
    let files = files.len();
    let started = std::time::Instant::now();
    let written = staging.publish();
    timing("write", started);
    let published = match written {
        Ok(p) => p,
        Err(d) => {
            diagnostics.push(d);
            return Err(diagnostics);
        }
    };
    let (written, unchanged) = (published.written, published.unchanged);
    if let Some(lock) = &site.lock_update {
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
    if !site.presented_update.is_empty() {
        // And the content of each newly recorded report as presented.
        use crate::reports::presented;
        if let Err(d) = presented::write(&options.root, &site.presented_update) {
            diagnostics.push(d);
            return Err(diagnostics);
        }
        eprintln!(
            "stored {} report(s) as presented in {}",
            site.presented_update.len(),
            presented::PRESENTED_DIR
        );
    }
    let started = std::time::Instant::now();
    diagnostics.extend(published.finish());
    timing(
        "write: wait for the removal of the previous output",
        started,
    );
    Ok(BuildReport {
        output,
        files,
        written,
        unchanged,
        diagnostics,
        pdfs: printed,
    })
}

/// Renders `site` straight into `staging`: every file is written as soon
/// as it is made. Returns the files written (without their bytes, sorted by
/// path) and every error of rendering, and of paths given twice.
fn stream(site: &Site, staging: &publish::Staging) -> (Vec<OutputFile>, Diagnostics) {
    let (mut errors, _) = produce_into(site, staging, SearchIndex::Files);
    // With `[editor]` in site.toml, the online editor at /admin/.
    for file in crate::editor::published::files(site) {
        staging.put(file);
    }
    let (files, collisions) = staging.files();
    errors.extend(collisions);
    (files, errors)
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
            match crate::content::deadlines::today() {
                Ok(today) => crate::content::deadlines::warn(
                    &r.site.content,
                    &r.site.config,
                    today,
                    &mut diagnostics,
                ),
                Err(p) => diagnostics.push(p.error("memoria")),
            }
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

//! `memoria build --pdf`: each semiannual report typeset as a paginated PDF
//! with Typst, in each language, next to its page
//! (`/es/informes/2025-s1/2025-S1.pdf`).
//!
//! The layout is the theme's `print/report.typ`; memoria gives it the
//! report's data (the same typed data as the report's page, plus the cover
//! facts of `site.toml` and the theme's words) as `/data.json`, and the
//! narrative as Typst markup made from its Markdown ([`markup`]). Nothing
//! else is read while typesetting and the document's date is the date the
//! report was presented, so the same sources give the same bytes. The PDF is
//! tagged (PDF/UA-1), with the document's language, title, author (the
//! office) and bookmarks for its sections. Why Typst and not a browser:
//! `docs/reports-pdf.md`.

mod data;
pub(crate) mod markup;
mod world;

use std::collections::BTreeSet;
use std::path::Path;

use chrono::Datelike;
use rayon::prelude::*;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Label, Smart};
use typst::introspection::Introspector;
use typst::utils::PicoStr;
use typst::WorldExt;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::config::ReportCover;
use crate::content::{Document, Kind, ReportMeta};
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};
use crate::output::OutputFile;
use crate::render::context::LanguageContext;
use crate::site::{Printed, Site};
use crate::text::position_of;
use data::{PrintData, PrintReport};
use world::PrintWorld;

/// The print template, found like every theme file (the site's own
/// `print/`, then the theme's folder, then the built-in theme).
pub(crate) const TEMPLATE: &str = "print/report.typ";

/// What to do when the theme's print template fails.
const TEMPLATE_HELP: &str = "correct the print template (its language is Typst: https://typst.app/docs/), or get memoria's own again with `memoria theme copy print/report.typ` after deleting yours; the site is not written until every report prints";

/// What to do about a warning of the theme's print template.
const TEMPLATE_WARNING_HELP: &str = "correct the print template (its language is Typst: https://typst.app/docs/); the reports were printed as it is";

/// A report printed: its language and period, what the pages say of it, and
/// the file.
pub(crate) struct PrintedReport {
    /// (period, language).
    pub(crate) key: (String, String),
    /// True for the version as presented.
    pub(crate) as_presented: bool,
    /// Its address and size, for the report's page and the catalogue.
    pub(crate) printed: Printed,
    /// The PDF.
    pub(crate) file: OutputFile,
}

/// Typesets every report of `site` in each of its languages. Returns the
/// files to publish and the warnings, or every problem (of the template,
/// of the logo).
pub(crate) fn print_reports(site: &Site) -> Result<(Vec<PrintedReport>, Diagnostics), Diagnostics> {
    // The site's own print/report.typ, else the theme's, else the built-in one.
    let Some(file) = site.theme.layers.find(TEMPLATE) else {
        let shown = display_path(&site.theme.layers.theme_folder().join(TEMPLATE));
        return Err(Diagnostics::from_iter([Diagnostic::error(
            &shown,
            "cannot read the theme's print template, needed by --pdf: the theme has no such file",
        )
        .help("get memoria's own with `memoria theme copy print/report.typ` (it goes to the site's print/ folder), or build without --pdf")]));
    };
    let shown = display_path(&file.shown());
    let template = file.text().map_err(|d| Diagnostics::from_iter([d]))?;
    let logo = match &site.config.report.logo {
        None => None,
        Some(path) => {
            let bytes = std::fs::read(site.root.join(path)).map_err(|e| {
                Diagnostics::from_iter([Diagnostic::error(
                    crate::config::CONFIG_FILE,
                    format!("cannot read the logo `report.logo` \"{}\": {e}", display_path(path)),
                )
                .help("check that the file is there and readable, or remove the line to print the cover without a logo")])
            })?;
            let ending = path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            Some((format!("/logo.{ending}"), bytes))
        }
    };
    // Each report in each language, and each version as presented.
    let docs: Vec<(&Document<ReportMeta>, bool)> = site
        .content
        .reports
        .documents()
        .map(|d| (d, false))
        .chain(site.presented.keys().filter_map(|(period, lang)| {
            Some((site.content.reports.get(period)?.get(lang)?, true))
        }))
        .collect();
    let results: Vec<Result<Typeset, Vec<Diagnostic>>> = docs
        .par_iter()
        .map(|(doc, as_presented)| {
            let print = Print {
                template: &template,
                template_shown: &shown,
                logo: logo.as_ref(),
            };
            if *as_presented {
                print_as_presented(site, doc, &print)
            } else {
                print_one(site, doc, &print)
            }
        })
        .collect();
    let mut printed = Vec::new();
    let mut problems = Diagnostics::new();
    // A fault of the template fails every report the same way: it is
    // reported once, at its line.
    let mut seen = BTreeSet::new();
    for r in results {
        let found = match r {
            Ok((p, warnings)) => {
                printed.push(p);
                warnings
            }
            Err(errors) => errors,
        };
        problems.extend(found.into_iter().filter(|d| seen.insert(d.to_string())));
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        printed.sort_by(|a, b| a.file.path.cmp(&b.file.path));
        Ok((printed, problems))
    }
}

/// A report typeset, and the warnings of its typesetting.
type Typeset = (PrintedReport, Vec<Diagnostic>);

/// Typesets the report `doc`: its PDF and the warnings, or its problems
/// (the first of each: a fault in the template makes others follow).
fn print_one(
    site: &Site,
    doc: &Document<ReportMeta>,
    print: &Print<'_>,
) -> Result<Typeset, Vec<Diagnostic>> {
    let config = &site.config;
    let lang = doc.lang.as_str();
    let route = site
        .routes
        .doc(Kind::Report, &doc.id, lang)
        .ok_or_else(Vec::new)?;
    let lc = LanguageContext::new(site, lang);
    let fallbacks = config.fallbacks(lang);
    let report = crate::render::reports::print_data(site, &lc, doc);
    let narrative =
        markup::from_markdown(doc.body(), &|target: &str| link_address(site, lang, target));
    let data = PrintData {
        lang,
        t: &site.theme.i18n.strings(lang).map,
        site_title: config.title(lang),
        city: ReportCover::text(&config.report.city, &fallbacks),
        office: ReportCover::text(&config.report.office, &fallbacks),
        logo: print.logo.map(|(path, _)| path.clone()),
        page_url: route.permalink.clone(),
        data_url: absolute(config, &report.data_json),
        csv_url: absolute(config, &report.data_csv),
        origin: origin(config),
        annex_on_new_page: true,
        narrative,
        report: PrintReport::Current(report),
        current_url: None,
    };
    let source_shown = display_path(&doc.source);
    let ident = format!("memoria-report-{}-{lang}", doc.id);
    let (bytes, warnings) = typeset(data, &ident, doc.meta.presented, print, &source_shown)?;
    let key = (doc.id.clone(), lang.to_string());
    let report = printed_beside(route, key, false, bytes, source_shown);
    Ok((report, warnings))
}

/// The PDF `bytes` of the report `key` as the file `<id>.pdf` next to the
/// page at `route` (`…/2025-s1/2025-S1.pdf`, or `…/as-presented/2025-S1.pdf`
/// for the version as presented).
fn printed_beside(
    route: &crate::routes::Route,
    key: (String, String),
    as_presented: bool,
    bytes: Vec<u8>,
    source_shown: String,
) -> PrintedReport {
    let folder = Path::new(&route.file)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let name = format!("{}.pdf", key.0);
    let path = folder.join(&name).to_string_lossy().replace('\\', "/");
    let printed = Printed {
        path: path.clone(),
        url: format!("{}{name}", route.url),
        bytes: bytes.len(),
    };
    PrintedReport {
        key,
        as_presented,
        printed,
        file: OutputFile::new(path, bytes, source_shown),
    }
}

/// The print template and the logo, the same for every report.
struct Print<'a> {
    /// The template's text.
    template: &'a str,
    /// Its path, as problems name it.
    template_shown: &'a str,
    /// The logo's path for the template, and its bytes.
    logo: Option<&'a (String, Vec<u8>)>,
}

/// Typesets the report `doc` as presented, from its kept content alone,
/// next to the page of that version (`…/2025-s1/as-presented/2025-S1.pdf`).
fn print_as_presented(
    site: &Site,
    doc: &Document<ReportMeta>,
    print: &Print<'_>,
) -> Result<Typeset, Vec<Diagnostic>> {
    let config = &site.config;
    let lang = doc.lang.as_str();
    let route = crate::render::report_presented::route(site, &doc.id, lang).ok_or_else(Vec::new)?;
    let current = site
        .routes
        .doc(Kind::Report, &doc.id, lang)
        .ok_or_else(Vec::new)?;
    let key = (doc.id.clone(), lang.to_string());
    let source_shown = display_path(&crate::reports::presented::file(&doc.id, lang));
    let narrative_md = site
        .presented
        .get(&key)
        .and_then(|k| k.content["sections"]["narrative"].as_str())
        .unwrap_or_default();
    let (_, report) =
        crate::render::report_presented::print_data(site, &doc.id, lang).map_err(|d| vec![d])?;
    let fallbacks = config.fallbacks(lang);
    let narrative = markup::from_markdown(narrative_md, &|target: &str| {
        link_address(site, lang, target)
    });
    let data_file = |name: &str| {
        absolute(
            config,
            &crate::routes::data_file(config, &format!("reports/{}.{name}", doc.id)).url,
        )
    };
    let data = PrintData {
        lang,
        t: &site.theme.i18n.strings(lang).map,
        site_title: config.title(lang),
        city: ReportCover::text(&config.report.city, &fallbacks),
        office: ReportCover::text(&config.report.office, &fallbacks),
        logo: print.logo.map(|(path, _)| path.clone()),
        page_url: route.permalink.clone(),
        data_url: data_file("json"),
        csv_url: data_file("csv"),
        origin: origin(config),
        annex_on_new_page: true,
        narrative,
        report: PrintReport::AsPresented(report),
        current_url: Some(current.permalink.clone()),
    };
    let ident = format!("memoria-report-{}-{lang}-as-presented", doc.id);
    let (bytes, warnings) = typeset(data, &ident, doc.meta.presented, print, &source_shown)?;
    let report = printed_beside(&route, key, true, bytes, source_shown);
    Ok((report, warnings))
}

/// Typesets `data` with the print template: the PDF's bytes and the
/// warnings, or the first error. The document's date is `presented`.
fn typeset(
    mut data: PrintData<'_>,
    ident: &str,
    presented: Option<chrono::NaiveDate>,
    print: &Print<'_>,
    source_shown: &str,
) -> Result<(Vec<u8>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (template, template_shown, logo) = (print.template, print.template_shown, print.logo);
    let problems = |world: &PrintWorld, found: &[SourceDiagnostic], severity: Severity| {
        found
            .iter()
            .filter(|e| e.severity == severity)
            .map(|e| typst_problem(world, e, template_shown, source_shown))
            .collect::<Vec<_>>()
    };
    let typeset = |data: &PrintData| {
        let json = serde_json::to_vec(data).expect("the print data serialises");
        let mut files = vec![("/data.json", json)];
        if let Some((path, bytes)) = logo {
            files.push((path.as_str(), bytes.clone()));
        }
        let world = PrintWorld::new(template.to_string(), files);
        let warned = typst::compile::<PagedDocument>(&world);
        let warnings = problems(&world, &warned.warnings, Severity::Warning);
        match warned.output {
            Ok(document) => Ok((document, warnings, world)),
            Err(errors) => {
                let mut errors = problems(&world, errors.as_slice(), Severity::Error);
                errors.truncate(1);
                Err(errors)
            }
        }
    };
    let (mut document, mut warnings, mut world) = typeset(&data)?;
    if annex_follows_a_short_page(&document) {
        data.annex_on_new_page = false;
        (document, warnings, world) = typeset(&data)?;
    }
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some("memoria".into())),
        timestamp: presented.and_then(|d| {
            Datetime::from_ymd(d.year(), d.month() as u8, d.day() as u8).map(Timestamp::new_utc)
        }),
        standards: PdfStandards::new(&[PdfStandard::Ua_1])
            .expect("PDF/UA-1 alone is a valid choice"),
        tagged: true,
        ..PdfOptions::default()
    };
    let bytes = typst_pdf::pdf(&document, &options).map_err(|errors| {
        let mut errors = problems(&world, errors.as_slice(), Severity::Error);
        errors.truncate(1);
        errors
    })?;
    Ok((bytes, warnings))
}

/// The page a template leaves before the annex is less than half full
/// when the annex starts a page of its own: such a page is not left
/// almost empty, the annex follows on it. The template marks the place
/// with `<before-annex>`.
fn annex_follows_a_short_page(document: &PagedDocument) -> bool {
    let Some(label) = Label::new(PicoStr::intern("before-annex")) else {
        return false;
    };
    let introspector = document.introspector();
    introspector
        .query_label(label)
        .ok()
        .and_then(|mark| mark.location())
        .and_then(|at| introspector.position(at))
        .is_some_and(|p| p.point.y.to_cm() < HALF_PAGE_CM)
}

/// Half of an A4 page's height, in centimetres.
const HALF_PAGE_CM: f64 = 14.85;

/// A problem Typst found, at its line in the template when it is there;
/// else at the report (the problem came from its text or its data).
fn typst_problem(
    world: &PrintWorld,
    e: &SourceDiagnostic,
    template_shown: &str,
    source_shown: &str,
) -> Diagnostic {
    let hints: Vec<String> = e.hints.iter().map(|h| h.v.to_string()).collect();
    let error = e.severity == Severity::Error;
    let new = |path: &str, message: String| {
        if error {
            Diagnostic::error(path, message)
        } else {
            Diagnostic::warning(path, message)
        }
    };
    let main = world.main_source();
    let in_template = e.span.id() == Some(main.id());
    match world.range(e.span).filter(|_| in_template) {
        Some(range) => new(
            template_shown,
            if error {
                format!("the print template failed: {}", e.message)
            } else {
                format!("the print template: {}", e.message)
            },
        )
        .at(Some(position_of(main.text(), range.start)))
        .with_source(main.text())
        .help({
            let advice = if error { TEMPLATE_HELP } else { TEMPLATE_WARNING_HELP };
            if hints.is_empty() {
                advice.to_string()
            } else {
                format!("{}; {advice}", hints.join("; "))
            }
        }),
        None => new(
            source_shown,
            format!("printing this report to PDF: {}", e.message),
        )
        .help(format!(
            "{}this is likely a fault of the theme's {TEMPLATE} with this report's data; build without --pdf to publish the site meanwhile",
            hints.iter().map(|h| format!("{h}; ")).collect::<String>()
        )),
    }
}

/// `https://host` of the site's address, or nothing when it names no host.
fn origin(config: &crate::config::Config) -> String {
    url::Url::parse(&config.base_url)
        .map(|u| u.origin().ascii_serialization())
        .ok()
        .filter(|o| o != "null")
        .unwrap_or_default()
}

/// `url` (a path from the root of the server, or a full address) as a full
/// address, when the site's address names a host.
fn absolute(config: &crate::config::Config, url: &str) -> String {
    if url.starts_with('/') {
        format!("{}{url}", origin(config))
    } else {
        url.to_string()
    }
}

/// The address to print for a link of a report's Markdown written as
/// `target`, or none (a link that would run script or that does not
/// resolve: both already reported when the site was loaded).
fn link_address(site: &Site, lang: &str, target: &str) -> Option<String> {
    if crate::markdown::is_unsafe_url(target) {
        return None;
    }
    if let Some(inner) = target.strip_prefix("@/") {
        let url =
            crate::derive::resolve_link(&site.config, &site.content, &site.routes, lang, inner)
                .ok()?;
        return Some(absolute(&site.config, &url));
    }
    if target.starts_with('#') {
        return None;
    }
    match url::Url::parse(target) {
        Ok(u) => Some(u.to_string()),
        Err(_) => {
            let base = url::Url::parse(&site.config.base_url).ok()?;
            base.join(target).ok().map(|u| u.to_string())
        }
    }
}

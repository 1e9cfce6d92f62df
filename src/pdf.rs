//! `memoria build --pdf`: each report printed to PDF by a headless Chromium,
//! through the report's print stylesheet.
//!
//! The built site is served on this computer for the time of the printing
//! (pages link their stylesheet by absolute path), and each report page is
//! printed next to itself: `/es/informes/2025-s1/2025-S1.pdf`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use crate::content::Kind;
use crate::diagnostics::Problem;
use crate::http::{self, State};
use crate::site::Site;

/// Where to find a browser: `MEMORIA_CHROMIUM`, else these names on the PATH.
const BROWSERS: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// How to get a browser, when none is found.
pub(crate) const INSTALL_HELP: &str = "install Chromium or Google Chrome (Debian or Ubuntu: `apt-get install chromium`; Windows or macOS: install Google Chrome), or set MEMORIA_CHROMIUM to the browser's path. The site itself was built; each report page can also be printed from a browser (Print → Save as PDF)";

/// The browser to print with, if any.
pub fn find_browser() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("MEMORIA_CHROMIUM") {
        let path = PathBuf::from(path);
        return path.is_file().then_some(path);
    }
    let dirs = std::env::var_os("PATH")?;
    std::env::split_paths(&dirs)
        .find_map(|dir| BROWSERS.iter().map(|b| dir.join(b)).find(|p| p.is_file()))
}

/// What to do when the printing itself fails.
const RETRY_HELP: &str = "the site itself was built; run the build with --pdf again, and if it fails again, print each report page from a browser (Print → Save as PDF)";

/// A problem with printing: `what` failed because of `e`.
fn failed(what: String, e: impl std::fmt::Display) -> Problem {
    Problem::new(format!("{what}: {e}"), RETRY_HELP)
}

/// Prints every report of `site`, built in `output`, to PDF. Returns the
/// files written, relative to `output`.
pub(crate) fn print_reports(site: &Site, output: &Path) -> Result<Vec<PathBuf>, Problem> {
    let browser = find_browser().ok_or_else(|| {
        Problem::new(
            "printing reports to PDF needs Chromium or Google Chrome, and neither was found",
            INSTALL_HELP,
        )
    })?;
    let reports: Vec<(String, PathBuf)> = site
        .content
        .reports
        .documents()
        .filter_map(|doc| {
            let route = site.routes.doc(Kind::Report, &doc.id, &doc.lang)?;
            let folder = Path::new(&route.file).parent()?.to_path_buf();
            Some((route.url.clone(), folder.join(format!("{}.pdf", doc.id))))
        })
        .collect();
    if reports.is_empty() {
        return Ok(Vec::new());
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .map_err(|e| failed("cannot start the print server".into(), e))?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .map_err(|e| failed("cannot start the print server".into(), e))?;
    let port = listener
        .local_addr()
        .map_err(|e| failed("cannot start the print server".into(), e))?
        .port();
    let app = http::router(Arc::new(State::fixed(
        output.to_path_buf(),
        &site.config.base_path,
    )));
    runtime.spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    let profile = tempfile::tempdir()
        .map_err(|e| failed("cannot create a browser profile folder".into(), e))?;
    let mut written = Vec::new();
    for (url, pdf) in reports {
        let path = &url;
        let target = output.join(&pdf);
        let status = Command::new(&browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("--print-to-pdf={}", target.display()))
            .arg(format!("http://127.0.0.1:{port}{path}"))
            .output()
            .map_err(|e| failed(format!("cannot run {}", browser.display()), e))?;
        if !status.status.success() || !target.is_file() {
            let why = String::from_utf8_lossy(&status.stderr)
                .lines()
                .last()
                .unwrap_or("no message")
                .to_string();
            return Err(failed(
                format!("{} could not print {url}", browser.display()),
                why,
            ));
        }
        written.push(pdf);
    }
    runtime.shutdown_background();
    Ok(written)
}

//! `memoria serve`: build, serve on this computer, rebuild on every change and
//! reload the open pages.
//!
//! The site is built into a private temporary folder (the published `public/`
//! is left alone) with the same all-or-nothing swap as `build`, so the server
//! always reads a complete site, also during a rebuild. A failed rebuild keeps
//! the last good site online and shows the errors in the terminal and on
//! every page.

mod quick;
mod sync;
mod watch;

pub use sync::SyncStats;

use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Instant;

use tokio::sync::broadcast;

use crate::config;
use crate::diagnostics::{Diagnostics, Problem};
use crate::editor::{self, Editor};
use crate::http::{self, Notice, State};
use crate::pipeline::{self, render_site, SearchIndex};
use crate::publish;
use crate::site::LoadOptions;

/// What `memoria serve` is asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The folder that holds `site.toml`.
    pub root: PathBuf,
    /// Port to listen on; 0 picks a free one (printed at start).
    pub port: u16,
    /// Address to listen on.
    pub bind: IpAddr,
    /// Include drafts.
    pub drafts: bool,
}

/// Runs the development server until interrupted.
pub fn run(options: &ServeOptions) -> Result<(), Problem> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| {
            Problem::new(
                format!("cannot start the server: {e}"),
                "try again; if it keeps failing, the computer may be short of memory or of threads",
            )
        })?;
    runtime.block_on(serve(options))
}

async fn serve(options: &ServeOptions) -> Result<(), Problem> {
    let listener = tokio::net::TcpListener::bind(SocketAddr::new(options.bind, options.port))
        .await
        .map_err(|e| {
            Problem::new(
                format!("cannot listen on {}:{}: {e}", options.bind, options.port),
                "another program (maybe another memoria serve) uses this port: stop it, or choose another one with --port N (--port 0 picks a free one)",
            )
        })?;
    let addr = listener.local_addr().map_err(|e| {
        Problem::new(
            format!("cannot tell where the server listens: {e}"),
            "try again, or choose another port with --port N",
        )
    })?;
    let host = match addr.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    let base_url = format!("http://{host}:{}/", addr.port());

    let root = site_folder(&options.root)?;
    let work = tempfile::Builder::new()
        .prefix("memoria-serve-")
        .tempdir()
        .map_err(|e| {
            Problem::new(
                format!("cannot create a temporary folder to build the preview in: {e}"),
                "free some disk space, or set TMPDIR to a folder you can write to",
            )
        })?;
    let out_dir = work.path().join("site");
    let load = LoadOptions {
        drafts: options.drafts,
        base_url: Some(base_url.clone()),
        record_reports: false,
    };
    let (notices, _) = broadcast::channel(16);
    let state = Arc::new(State {
        out_dir: out_dir.clone(),
        last_error: RwLock::new(None),
        gate: RwLock::new(()),
        notices,
        live_reload: true,
        base_path: "/".into(),
    });

    let editor = Arc::new(Editor::new(root.clone(), load.clone(), addr, state.clone()));
    let mut site = Incremental::new(root.clone(), load, out_dir.clone());
    rebuild(&mut site, &state, None, &BTreeSet::new());
    if !out_dir.exists() {
        // Nothing good to show yet: serve an empty site that shows the errors.
        let _ = std::fs::create_dir_all(&out_dir);
    }
    let published = published_folder(&root);
    let _watch = watch::start(root.clone(), published, site, state.clone())?;
    println!(
        "serving {} on {base_url} (press Ctrl+C to stop)",
        root.display()
    );
    match editor.off() {
        // Not `println!`: a reader that stopped after the first line (a
        // closed pipe) must not stop the server.
        None => {
            use std::io::Write;
            let _ = writeln!(
                std::io::stdout(),
                "edit in the browser at {base_url}{} (Decap CMS {})",
                editor::ADMIN_PATH.trim_start_matches('/'),
                editor::decap_version()
            );
        }
        Some(why) => eprintln!("note: {why}"),
    }

    let app = editor::own_host_only(
        http::router(state).merge(editor::router(editor.clone())),
        &editor,
    );
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| {
            Problem::new(
                format!("the server stopped: {e}"),
                "start memoria serve again",
            )
        })?;
    drop(work);
    Ok(())
}

/// The site's folder as an absolute path without `.`, `..` or links, the
/// way the watcher reports the paths of changes: `--root .` (the default)
/// and relative folders are resolved once, at the start.
fn site_folder(root: &Path) -> Result<PathBuf, Problem> {
    root.canonicalize().map_err(|e| {
        Problem::new(
            format!(
                "{}: cannot open the site's folder: {e}",
                crate::diagnostics::display_path(root)
            ),
            "run memoria serve in the folder that holds site.toml, or pass --root DIR",
        )
    })
}

/// The folder `memoria build` publishes to (`output_dir` of site.toml, else
/// `public/`), under `root`: never watched, since serve does not use it.
fn published_folder(root: &Path) -> PathBuf {
    let mut ignored = Diagnostics::new();
    let output = config::load(root, &mut ignored)
        .map(|c| c.output_dir)
        .unwrap_or_else(|| PathBuf::from("public"));
    root.join(output)
}

/// The served copy of a site, kept up to date by rebuilding in memory and
/// writing only the files whose bytes changed. When a save changed nothing
/// but the text of some good practices, only what shows that text is made
/// again (see `quick.rs`).
pub struct Incremental {
    root: PathBuf,
    load: LoadOptions,
    out_dir: PathBuf,
    /// What `out_dir` holds, once a first build has succeeded.
    manifest: Option<sync::Manifest>,
    /// The model of the served site, for quick rebuilds.
    served: Option<quick::Served>,
}

impl Incremental {
    /// A site in `root`, served from `out_dir`.
    pub fn new(root: PathBuf, load: LoadOptions, out_dir: PathBuf) -> Incremental {
        Incremental {
            root,
            load,
            out_dir,
            manifest: None,
            served: None,
        }
    }

    /// Rebuilds everything: the first time the whole folder is written and
    /// swapped in; afterwards only new and changed files are written and
    /// removed ones deleted. On error the folder is left as it was.
    pub fn rebuild(&mut self) -> Result<(sync::SyncStats, Diagnostics), Diagnostics> {
        self.rebuild_with(&BTreeSet::new(), || ())
    }

    /// Rebuilds after the files `changed` (absolute paths) changed: the
    /// quick way when only the texts of cases changed, else in full.
    pub fn rebuild_changed(
        &mut self,
        changed: &BTreeSet<PathBuf>,
    ) -> Result<(sync::SyncStats, Diagnostics), Diagnostics> {
        self.rebuild_with(changed, || ())
    }

    /// [`Incremental::rebuild_changed`], calling `rendered` once the site
    /// has rendered without errors, before its files are written; what it
    /// returns is held while they are written (the server's gate).
    fn rebuild_with<G>(
        &mut self,
        changed: &BTreeSet<PathBuf>,
        rendered: impl FnOnce() -> G,
    ) -> Result<(sync::SyncStats, Diagnostics), Diagnostics> {
        if let (Some(served), Some(manifest)) = (self.served.as_mut(), self.manifest.as_mut()) {
            if let Some(update) = quick::update(served, changed) {
                let writing = rendered();
                let started = Instant::now();
                let stats = sync::apply(&update.files, &update.removed, &self.out_dir, manifest)
                    .map_err(|e| served_error(&e));
                drop(writing);
                crate::timing::timing("quick rebuild: write", started);
                match stats {
                    Ok(mut stats) => {
                        quick::check_links(
                            served,
                            &update.cases,
                            manifest.keys().map(String::as_str),
                            &self.out_dir,
                        );
                        stats.rendered = Some(update.pages);
                        return Ok((stats, served.warnings.clone()));
                    }
                    Err(e) => {
                        // What is on disk is no longer known: start again.
                        self.served = None;
                        self.manifest = None;
                        return Err(e);
                    }
                }
            }
        }
        // The quick way may have taken part of a change in: start afresh.
        self.served = None;
        let site = render_site(
            &self.root,
            &self.load,
            crate::diagnostics::Severity::Warning,
            SearchIndex::Live,
        )?;
        let writing = rendered();
        let rendered = site;
        let stats = match &self.manifest {
            None => {
                publish::write_site(&rendered.files, &self.root, &self.out_dir)
                    .map_err(|d| std::iter::once(d).collect::<Diagnostics>())?;
                self.manifest = Some(sync::manifest(&rendered.files));
                sync::SyncStats {
                    written: rendered.files.len(),
                    ..Default::default()
                }
            }
            Some(previous) => {
                let (manifest, stats) = sync::sync_tree(&rendered.files, &self.out_dir, previous)
                    .map_err(|e| served_error(&e))?;
                self.manifest = Some(manifest);
                stats
            }
        };
        drop(writing);
        if let Some(live) = rendered.live {
            self.served = Some(quick::Served {
                site: rendered.site,
                search: live.search,
                pages: live.pages,
                warnings: rendered.diagnostics.clone(),
            });
        }
        Ok((stats, rendered.diagnostics))
    }
}

/// The error of a served folder that could not be updated.
fn served_error(e: &std::io::Error) -> Diagnostics {
    std::iter::once(crate::pipeline::general_error(format!(
        "cannot update the served site: {e}"
    )))
    .collect()
}

/// Rebuilds and tells open pages. A failure keeps the previous build and
/// records the errors for the pages to show. `changed` is when the first
/// change that started the rebuild arrived, if one did: the line printed
/// then also gives the time from it to the last write (for `bench/serve.sh`).
pub fn rebuild(
    site: &mut Incremental,
    state: &State,
    changed: Option<Instant>,
    paths: &BTreeSet<PathBuf>,
) -> bool {
    let started = Instant::now();
    // The error goes before the new files arrive: a page is never served new
    // with the error it fixed. Then the server reads no file until they are
    // all written.
    let before_writing = || {
        if let Ok(mut e) = state.last_error.write() {
            *e = None;
        }
        state
            .gate
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    };
    let result = site.rebuild_with(paths, before_writing);
    let took = started.elapsed().as_millis();
    let since = changed.map_or_else(String::new, |c| {
        format!(" ({} ms since the change)", c.elapsed().as_millis())
    });
    match result {
        Ok((stats, diagnostics)) => {
            pipeline::print_diagnostics(&diagnostics);
            let how = stats.rendered.map_or_else(String::new, |n| {
                format!(", the quick way: {n} files made again")
            });
            eprintln!(
                "rebuilt in {took} ms{since}: {} files written, {} removed, {} unchanged ({}){how}",
                stats.written,
                stats.removed,
                stats.unchanged,
                pipeline::summary(&diagnostics)
            );
            let _ = state.notices.send(Notice::Reload);
            true
        }
        Err(diagnostics) => {
            pipeline::print_diagnostics(&diagnostics);
            eprintln!(
                "rebuild failed ({}); still serving the last good build",
                pipeline::summary(&diagnostics)
            );
            let text = diagnostics
                .sorted()
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n\n");
            if let Ok(mut e) = state.last_error.write() {
                *e = Some(text.clone());
            }
            let _ = state.notices.send(Notice::Failed(text));
            false
        }
    }
}

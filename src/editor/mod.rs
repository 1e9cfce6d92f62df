//! Editing in the browser through `memoria serve`: the editor's page at
//! `/admin/` (Decap CMS, built into memoria), its configuration generated
//! from the site (`config`), and the local-backend API at `/api/v1` that
//! reads and writes the site's files for it (`backend`), restricted to
//! `content/` and `static/` (`paths`), written atomically (`files`), and
//! answered only to the editor's own page (`guard`). With `[editor]` in
//! `site.toml`, `build` also publishes the editor with the site, saving to
//! the Git host named there (`published`). docs/editing.md says how to use
//! it and why it is made this way; docs/publishing.md how to put it online.

mod assets;
mod backend;
pub(crate) mod config;
mod files;
mod guard;
mod names;
mod paths;
pub(crate) mod published;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path as UrlPath, State as AxumState};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;

pub(crate) use assets::decap_version;

use crate::http;
use crate::site::{self, LoadOptions};

/// Where the editor's page is served.
pub(crate) const ADMIN_PATH: &str = "/admin/";

/// Where the editor sends its requests.
pub(crate) const API_PATH: &str = "/api/v1";

/// The largest request the API takes (a picture or document, in base64).
const MAX_REQUEST: usize = 64 * 1024 * 1024;

/// The editor of a site served by `memoria serve`.
pub(crate) struct Editor {
    /// The site's folder, absolute and canonical.
    root: PathBuf,
    /// How the site is loaded (for the configuration).
    load: LoadOptions,
    /// The port served.
    port: u16,
    /// Why editing is off, when it is.
    off: Option<String>,
    /// The server's state: the errors of the last rebuild.
    http: Arc<http::State>,
}

impl Editor {
    /// The editor of the site in `root`, served at `addr`. Editing is on
    /// only when `addr` is a loopback address: the API can change the
    /// site's files, so other computers must not reach it.
    pub(crate) fn new(
        root: PathBuf,
        load: LoadOptions,
        addr: SocketAddr,
        http: Arc<http::State>,
    ) -> Editor {
        let off = (!addr.ip().is_loopback()).then(|| {
            format!(
                "the editor (/admin/) is off: memoria serve listens on {}, which other computers can reach, and the editor can change the site's files; to edit in the browser, run memoria serve without --bind (it then listens on 127.0.0.1, this computer only)",
                addr.ip()
            )
        });
        Editor {
            root,
            load,
            port: addr.port(),
            off,
            http,
        }
    }

    /// Why editing is off, when it is.
    pub(crate) fn off(&self) -> Option<&str> {
        self.off.as_deref()
    }
}

/// The routes of the editor: `/admin/`, its files and the API.
pub(crate) fn router(editor: Arc<Editor>) -> Router {
    Router::new()
        .route("/admin", get(|| async { Redirect::permanent(ADMIN_PATH) }))
        .route(ADMIN_PATH, get(page))
        .route("/admin/config.yml", get(config_file))
        .route("/admin/{name}", get(admin_file))
        .route(
            API_PATH,
            post(api)
                .fallback(|| async {
                    json(
                        StatusCode::METHOD_NOT_ALLOWED,
                        backend::Answer::error(405, "the editor's API takes POST requests only")
                            .body,
                    )
                })
                .layer(DefaultBodyLimit::max(MAX_REQUEST)),
        )
        .with_state(editor)
}

/// The headers of every page and file of the editor.
fn page_headers(content_type: &'static str) -> [(header::HeaderName, &'static str); 6] {
    [
        (header::CONTENT_TYPE, content_type),
        (
            header::CONTENT_SECURITY_POLICY,
            assets::CONTENT_SECURITY_POLICY,
        ),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
    ]
}

/// Checks a request for the editor's page or files: editing must be on and
/// the request must name this server (not a host name rebound to it).
fn check_page(editor: &Editor, headers: &HeaderMap) -> Result<String, Response> {
    if let Some(why) = &editor.off {
        return Err(refusal(why.clone()));
    }
    guard::own_host(headers, editor.port).map_err(refusal)
}

/// `app` answering only requests whose `Host` names this server
/// (`127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT`) while `serve`
/// listens on this computer only. Without it a page of another site could,
/// through DNS rebinding (its own host name pointed at 127.0.0.1), read the
/// preview's pages and its stream of rebuild events. When `serve` listens
/// on an address others reach (`--bind`), they name it as they like, and
/// the editor is off: `app` is returned as it is.
pub(crate) fn own_host_only(app: Router, editor: &Editor) -> Router {
    if editor.off.is_some() {
        return app;
    }
    let port = editor.port;
    app.layer(axum::middleware::from_fn(
        move |request: axum::extract::Request, next: axum::middleware::Next| async move {
            // The editor's page and its API check the Host themselves (the
            // API with its other guards, answering in the JSON the editor
            // reads).
            let path = request.uri().path();
            if path == API_PATH || path.starts_with(ADMIN_PATH) {
                return next.run(request).await;
            }
            match guard::own_host(request.headers(), port) {
                Ok(_) => next.run(request).await,
                Err(_) => {
                    let host = request
                        .headers()
                        .get(header::HOST)
                        .and_then(|h| h.to_str().ok())
                        .unwrap_or("")
                        .to_string();
                    eprintln!("serve: refused a request for {host:?}: not this server's address");
                    (
                        StatusCode::FORBIDDEN,
                        [
                            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                            (header::CACHE_CONTROL, "no-store"),
                        ],
                        format!("memoria: this preview answers only at http://127.0.0.1:{port}/ (or localhost:{port}); the request was for {host:?}\n"),
                    )
                        .into_response()
                }
            }
        },
    ))
}

fn refusal(why: String) -> Response {
    eprintln!("editor: refused a request: {why}");
    (
        StatusCode::FORBIDDEN,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        format!("memoria: {why}\n"),
    )
        .into_response()
}

async fn page(AxumState(editor): AxumState<Arc<Editor>>, headers: HeaderMap) -> Response {
    if let Err(refused) = check_page(&editor, &headers) {
        return refused;
    }
    let error = editor.http.last_error.read().ok().and_then(|e| e.clone());
    (
        page_headers("text/html; charset=utf-8"),
        assets::index_html(error.as_deref()),
    )
        .into_response()
}

async fn admin_file(
    AxumState(editor): AxumState<Arc<Editor>>,
    UrlPath(name): UrlPath<String>,
    headers: HeaderMap,
) -> Response {
    if let Err(refused) = check_page(&editor, &headers) {
        return refused;
    }
    match assets::file(&name) {
        Some((bytes, kind)) => (page_headers(kind), bytes).into_response(),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

/// `/admin/config.yml`, made from the site as it is now, with the API at
/// the address the page was opened with (so that it is the page's own).
async fn config_file(AxumState(editor): AxumState<Arc<Editor>>, headers: HeaderMap) -> Response {
    let host = match check_page(&editor, &headers) {
        Ok(host) => host,
        Err(refused) => return refused,
    };
    let url = format!("http://{host}{API_PATH}");
    let made = tokio::task::spawn_blocking(move || {
        let (site, diagnostics) = site::load(&editor.root, &editor.load);
        match site {
            Some(site) => Ok(config::config_yml(&site, Some(&url))),
            None => Err(diagnostics
                .sorted()
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n\n")),
        }
    })
    .await;
    match made {
        Ok(Ok(yaml)) => (page_headers("text/yaml; charset=utf-8"), yaml).into_response(),
        Ok(Err(errors)) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!(
                "memoria: the editor cannot be set up until these errors are fixed:\n\n{errors}\n"
            ),
        )
            .into_response(),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("memoria: the editor's configuration could not be made: {e}"),
        )
            .into_response(),
    }
}

fn json(status: StatusCode, body: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// `POST /api/v1`: checked, then answered by `backend` on a thread that may
/// wait for the disk.
async fn api(
    AxumState(editor): AxumState<Arc<Editor>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let checked = match &editor.off {
        Some(why) => Err(why.clone()),
        None => guard::api_request(&headers, editor.port).map(drop),
    };
    if let Err(why) = checked {
        eprintln!("editor: refused a request: {why}");
        return json(
            StatusCode::FORBIDDEN,
            backend::Answer::error(403, format!("memoria: {why}")).body,
        );
    }
    let root = editor.root.clone();
    match tokio::task::spawn_blocking(move || backend::answer(&root, &body)).await {
        Ok(answer) => json(
            StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            answer.body,
        ),
        Err(e) => json(
            StatusCode::INTERNAL_SERVER_ERROR,
            backend::Answer::error(500, format!("the request failed: {e}")).body,
        ),
    }
}

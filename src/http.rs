//! The static-file HTTP server that `serve` and `--pdf` share: files of the
//! built site, and (for `serve`) a stream of rebuild notices that reloads
//! open pages.

use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use axum::body::Body;
use axum::extract::State as AxumState;
use axum::http::{header, Request, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::stream::{self, Stream};
use percent_encoding::percent_decode_str;
use tokio::sync::broadcast;

/// What the browser is told about a rebuild.
#[derive(Debug, Clone)]
pub enum Notice {
    /// A new build is in place: reload.
    Reload,
    /// The rebuild failed: show this text.
    Failed(String),
}

/// State shared by the server and the rebuild loop.
pub struct State {
    /// The folder the site is served from.
    pub out_dir: PathBuf,
    /// The errors of the last rebuild, when it failed.
    pub last_error: RwLock<Option<String>>,
    /// Held to read a file of `out_dir`, and by `serve` to write them: the
    /// served folder is updated in place (see `serve::sync`), so no file is
    /// read while a rebuild writes.
    pub gate: RwLock<()>,
    /// Tells open pages about rebuilds.
    pub notices: broadcast::Sender<Notice>,
    /// Whether served pages get the live-reload script (not when printing).
    pub live_reload: bool,
    /// The path of the site's base URL (`/` or `/sub/dir/`), removed from
    /// request paths so links work as published.
    pub base_path: String,
}

impl State {
    /// The state of a server of the finished site in `out_dir`, without
    /// live reload (used to print reports).
    pub fn fixed(out_dir: PathBuf, base_path: &str) -> State {
        State {
            out_dir,
            last_error: RwLock::new(None),
            gate: RwLock::new(()),
            notices: broadcast::channel(1).0,
            live_reload: false,
            base_path: base_path.to_string(),
        }
    }
}

/// Where open pages listen for rebuilds.
pub const EVENTS_PATH: &str = "/__memoria/events";

/// The script added to every served HTML page (never to the built files).
const LIVE_RELOAD: &str = r#"<script>
(function () {
  if (!window.EventSource) return;
  var source = new EventSource("/__memoria/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("failed", function (e) {
    var box = document.getElementById("memoria-build-error");
    if (!box) {
      box = document.createElement("pre");
      box.id = "memoria-build-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;z-index:9999;inset:auto 0 0 0;max-height:50vh;overflow:auto;margin:0;padding:1rem;background:#5c0011;color:#fff;font:14px/1.4 monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "memoria: the last change could not be built; this is the previous version.\n\n" + e.data;
  });
})();
</script>"#;

/// The server's routes.
pub fn router(state: Arc<State>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .fallback(get(file))
        .with_state(state)
}

async fn events(
    AxumState(state): AxumState<Arc<State>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let rx = state.notices.subscribe();
    let stream = stream::unfold(rx, |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(Notice::Reload) => {
                    return Some((Ok(Event::default().event("reload").data("reload")), rx))
                }
                Ok(Notice::Failed(text)) => {
                    return Some((Ok(Event::default().event("failed").data(text)), rx))
                }
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// Reads the file at `path` of the served folder, or its 404 page when
/// there is no such file, while no rebuild writes (`State::gate`).
fn read_served(state: &State, path: PathBuf) -> (StatusCode, PathBuf, Option<Vec<u8>>) {
    let _reading = state.gate.read();
    let (status, path) = match std::fs::metadata(&path) {
        Ok(m) if m.is_file() => (StatusCode::OK, path),
        _ => (StatusCode::NOT_FOUND, state.out_dir.join("404.html")),
    };
    let bytes = std::fs::read(&path).ok();
    (status, path, bytes)
}

/// Maps a request path to a file of the site, refusing anything that would
/// leave the site's folder (`..`, encoded or not, backslashes, NUL).
pub fn resolve(root: &std::path::Path, request_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode_str(request_path).decode_utf8().ok()?;
    let mut path = root.to_path_buf();
    for part in decoded.split('/') {
        match part {
            "" | "." => continue,
            ".." => return None,
            p if p.contains('\\') || p.contains('\0') || p.contains(':') => return None,
            p => path.push(p),
        }
    }
    if path.is_dir() {
        path.push("index.html");
    }
    Some(path)
}

async fn file(AxumState(state): AxumState<Arc<State>>, request: Request<Body>) -> Response {
    let request_path = request.uri().path();
    let site_path = match request_path.strip_prefix(state.base_path.trim_end_matches('/')) {
        Some(rest) if rest.starts_with('/') => rest,
        _ => request_path,
    };
    let Some(path) = resolve(&state.out_dir, site_path) else {
        return (StatusCode::BAD_REQUEST, "bad path").into_response();
    };
    // A folder asked for without its final slash: redirect so relative links work.
    if !request.uri().path().ends_with('/')
        && state
            .out_dir
            .join(request.uri().path().trim_start_matches('/'))
            .is_dir()
    {
        // Always a path of this site: one leading slash, so `//host` cannot
        // become a link to another host; the query is kept.
        let path = request.uri().path().trim_start_matches('/');
        let query = request
            .uri()
            .query()
            .map(|q| format!("?{q}"))
            .unwrap_or_default();
        let location = format!("/{path}/{query}");
        return (
            StatusCode::MOVED_PERMANENTLY,
            [(header::LOCATION, location)],
        )
            .into_response();
    }
    let read = {
        let state = state.clone();
        tokio::task::spawn_blocking(move || read_served(&state, path)).await
    };
    let (status, path, bytes) = match read {
        Ok((status, path, Some(bytes))) => (status, path, bytes),
        _ => {
            let body = page_with_error(b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><h1>Not found</h1></body></html>".to_vec(), &state);
            return (
                StatusCode::NOT_FOUND,
                [(header::CONTENT_TYPE, "text/html; charset=utf-8".to_string())],
                body,
            )
                .into_response();
        }
    };
    let mime = mime_guess::from_path(&path).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let content_type = if mime.type_() == "text"
        || mime.essence_str() == "application/javascript"
        || mime.essence_str() == "application/json"
    {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    };
    let body = if is_html {
        page_with_error(bytes, &state)
    } else {
        bytes
    };
    (
        status,
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

/// Adds the live-reload script, and the last build error if there is one, to
/// an HTML page.
fn page_with_error(html: Vec<u8>, state: &State) -> Vec<u8> {
    if !state.live_reload {
        return html;
    }
    let mut extra = String::new();
    if let Some(error) = state.last_error.read().ok().and_then(|e| e.clone()) {
        extra.push_str("<pre id=\"memoria-build-error\" role=\"alert\" style=\"position:fixed;z-index:9999;inset:auto 0 0 0;max-height:50vh;overflow:auto;margin:0;padding:1rem;background:#5c0011;color:#fff;font:14px/1.4 monospace;white-space:pre-wrap\">");
        extra.push_str(
            "memoria: the last change could not be built; this is the previous version.\n\n",
        );
        extra.push_str(&crate::theme::escape_markup(&error));
        extra.push_str("</pre>");
    }
    extra.push_str(LIVE_RELOAD);
    let text = String::from_utf8_lossy(&html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{extra}").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_escape() {
        let root = std::path::Path::new("/srv/site");
        assert_eq!(
            resolve(root, "/es/casos/lima/index.html"),
            Some(root.join("es/casos/lima/index.html"))
        );
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/es/%2E%2E/%2E%2E/x",
            "/a/..%2f..%2fx",
            "/a%5c..%5cx",
            "/a%00b",
            "/%ff",
        ] {
            assert_eq!(resolve(root, bad), None, "{bad}");
        }
    }
}

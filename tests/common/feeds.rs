//! Feeds of good practices for the network tests: a tiny HTTP server on the
//! loopback address that serves them from the test itself, and feeds written
//! by hand in the exchange profile, as a city without memoria would.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// One answer of the server.
#[derive(Clone)]
pub struct Answer {
    /// The status code.
    pub status: u16,
    /// Extra headers (`Location: …`).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// How long to wait before answering.
    pub delay: Duration,
}

impl Answer {
    /// 200 with `body`.
    pub fn ok(body: impl Into<Vec<u8>>) -> Answer {
        Answer {
            status: 200,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    /// A redirect to `to`.
    pub fn redirect(to: &str) -> Answer {
        Answer {
            status: 302,
            headers: vec![("Location".into(), to.into())],
            body: Vec::new(),
            delay: Duration::ZERO,
        }
    }

    /// `status` with an empty body.
    pub fn status(status: u16) -> Answer {
        Answer {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            delay: Duration::ZERO,
        }
    }
}

/// A server on 127.0.0.1 answering each path with its [`Answer`] (404 for
/// the others); stopped when dropped.
pub struct FeedServer {
    /// The port it listens on.
    pub port: u16,
    routes: Arc<Mutex<BTreeMap<String, Answer>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl FeedServer {
    /// Starts a server with no routes.
    pub fn start() -> FeedServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let routes: Arc<Mutex<BTreeMap<String, Answer>>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let (r, s) = (routes.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            while !s.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let r = r.clone();
                        std::thread::spawn(move || answer(stream, &r));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        FeedServer {
            port,
            routes,
            stop,
            thread: Some(thread),
        }
    }

    /// Serves `answer` at `path`.
    pub fn route(&self, path: &str, answer: Answer) {
        self.routes.lock().unwrap().insert(path.into(), answer);
    }

    /// The address of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for FeedServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn answer(mut stream: TcpStream, routes: &Mutex<BTreeMap<String, Answer>>) {
    stream.set_nonblocking(false).ok();
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok();
    let mut request = Vec::new();
    let mut buf = [0u8; 1024];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => request.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&request);
    let path = text.split_whitespace().nth(1).unwrap_or("/").to_string();
    let a = routes
        .lock()
        .unwrap()
        .get(&path)
        .cloned()
        .unwrap_or_else(|| Answer::status(404));
    std::thread::sleep(a.delay);
    let mut head = format!(
        "HTTP/1.1 {} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        a.status,
        a.body.len()
    );
    for (k, v) in &a.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&a.body);
}

/// One practice of a handmade feed: id, country, goals, title in English,
/// title in Spanish (or none).
pub type Practice<'a> = (&'a str, &'a str, &'a [u8], &'a str, Option<&'a str>);

/// A feed written by hand, as a city without memoria would: `cases` is a
/// list of (id, country, sdgs, title in English, title in Spanish or None),
/// each practice's pages under `site`.
pub fn handmade_feed(site: &str, cases: &[Practice<'_>]) -> String {
    let items: Vec<serde_json::Value> = cases
        .iter()
        .map(|(id, country, sdgs, en, es)| {
            let mut translations = serde_json::json!({
                "en": {
                    "title": en,
                    "city": "Villa Prueba",
                    "summary": format!("Summary of {en}"),
                    "url": format!("{site}en/practices/{id}/"),
                }
            });
            if let Some(es) = es {
                translations["es"] = serde_json::json!({
                    "title": es,
                    "city": "Villa Prueba",
                    "summary": format!("Resumen de {es}"),
                    "url": format!("{site}es/practicas/{id}/"),
                });
            }
            serde_json::json!({
                "id": id,
                "country": country,
                "date": "2024-05-01",
                "scale": "local",
                "dimension": "territorial",
                "themes": ["climate"],
                "sdgs": sdgs,
                "translations": translations,
            })
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({
        "profile": "memoria-cases/1",
        "site": {"title": {"en": "Villa Prueba"}, "url": site, "languages": ["en", "es"]},
        "license": null,
        "cases": items,
    }))
    .unwrap()
}

//! `memoria serve`: serves the site, rebuilds after an edit, keeps the last
//! good build on errors and shows them, and refuses paths outside the site.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::Fixture;

/// Kills the server when the test ends, whatever happens.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(f: &Fixture) -> (Server, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_memoria"))
        .args(["serve", "--root", f.root().to_str().unwrap(), "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("memoria serve starts");
    let stdout = child.stdout.take().unwrap();
    let server = Server(child);
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("a first line");
    let url = line
        .split(" on ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .expect("serving … on URL")
        .trim_end_matches('/')
        .to_string();
    (server, url)
}

fn get(url: &str) -> (u16, String) {
    match ureq::get(url).timeout(Duration::from_secs(5)).call() {
        Ok(r) => (r.status(), r.into_string().unwrap_or_default()),
        Err(ureq::Error::Status(code, r)) => (code, r.into_string().unwrap_or_default()),
        Err(e) => panic!("{url}: {e}"),
    }
}

/// Polls `url` until `pred` holds on its body (10 s at most).
fn wait_for(url: &str, pred: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let (_, body) = get(url);
        if pred(&body) {
            return body;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out waiting on {url}; last body:\n{body}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A raw request, so the path reaches the server exactly as written.
fn raw_get(url: &str, path: &str) -> String {
    let host = url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(host).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response
}

#[test]
fn serve_rebuilds_after_an_edit_and_survives_errors() {
    let f = Fixture::new(&["es", "en"]);
    f.case("lima", "es", "Lima primera", "", "Texto.");
    f.case("lima", "en", "Lima first", "", "Text.");
    let (_server, url) = start(&f);
    assert!(
        url.starts_with("http://127.0.0.1:"),
        "binds to loopback: {url}"
    );

    let page = format!("{url}/es/casos/lima/");
    let (status, body) = get(&page);
    assert_eq!(status, 200);
    assert!(body.contains("Lima primera"));
    assert!(body.contains("/__memoria/events"), "live reload script");
    assert!(
        !f.root().join("public").exists(),
        "serve leaves public/ alone"
    );

    f.case("lima", "es", "Lima segunda", "", "Texto.");
    wait_for(&page, |b| b.contains("Lima segunda"));

    f.write(
        "content/cases/lima.es.md",
        "---\ntitle: \"Lima\ncity: x\n---\n",
    );
    let banner = "<pre id=\"memoria-build-error\" role=\"alert\"";
    let broken = wait_for(&page, |b| b.contains(banner));
    assert!(
        broken.contains("Lima segunda"),
        "the last good build is still served"
    );
    assert!(
        broken.contains("content/cases/lima.es.md"),
        "the error names the file: {broken}"
    );

    f.case("lima", "es", "Lima tercera", "", "Texto.");
    // The new page and the end of the error banner arrive together.
    wait_for(&page, |b| b.contains("Lima tercera") && !b.contains(banner));

    let (status, body) = get(&format!("{url}/es/no-such-page/"));
    assert_eq!(status, 404);
    assert!(body.contains("<html"));

    for path in [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/es/..%2f..%2f..%2fetc/passwd",
    ] {
        let response = raw_get(&url, path);
        let status_line = response.lines().next().unwrap_or("");
        assert!(
            status_line.contains(" 400 ") || status_line.contains(" 404 "),
            "{path}: {status_line}"
        );
        assert!(!response.contains("root:"), "{path} leaked a file");
    }
}

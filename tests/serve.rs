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

/// Starts `memoria serve --port 0` in the site's folder, as the README says,
/// with `extra` arguments: (server, its address).
fn start(f: &Fixture, extra: &[&str]) -> (Server, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_memoria"))
        .args(["serve", "--port", "0"])
        .args(extra)
        .current_dir(f.root())
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
    match ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(5)))
        .http_status_as_error(false)
        .build()
        .new_agent()
        .get(url)
        .call()
    {
        Ok(mut r) => (
            r.status().as_u16(),
            r.body_mut().read_to_string().unwrap_or_default(),
        ),
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
    rebuilds_after_an_edit_and_survives_errors(false);
}

#[test]
fn serve_with_an_absolute_root_rebuilds_after_an_edit_and_survives_errors() {
    rebuilds_after_an_edit_and_survives_errors(true);
}

#[test]
fn serve_says_when_the_site_folder_does_not_exist() {
    let f = Fixture::new(&["es", "en"]);
    let out = f.run(&["serve", "--root", "no-such-folder", "--port", "0"]);
    assert_eq!(out.status.code(), Some(1));
    let err = common::stderr(&out);
    assert!(
        err.starts_with("error: no-such-folder: cannot open the site's folder: "),
        "names the folder: {err}"
    );
    assert!(
        err.contains(
            "= help: run memoria serve in the folder that holds site.toml, or pass --root DIR"
        ),
        "says what to do: {err}"
    );
    assert_eq!(err.matches("error: ").count(), 1, "one error: {err}");
}

#[test]
fn serve_says_what_to_do_when_its_port_is_taken() {
    let f = Fixture::new(&["es", "en"]);
    f.case("lima", "es", "Lima", "", "Texto.");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = f.run(&["serve", "--port", &port]);
    assert_eq!(out.status.code(), Some(1));
    let err = common::stderr(&out);
    assert!(
        err.starts_with(&format!("error: cannot listen on 127.0.0.1:{port}: ")),
        "{err}"
    );
    assert!(
        err.contains("= help: another program (maybe another memoria serve) uses this port: stop it, or choose another one with --port N"),
        "{err}"
    );
    assert_eq!(err.matches("error: ").count(), 1, "one error: {err}");
}

fn rebuilds_after_an_edit_and_survives_errors(absolute_root: bool) {
    let f = Fixture::new(&["es", "en"]);
    f.case("lima", "es", "Lima primera", "", "Texto.");
    f.case("lima", "en", "Lima first", "", "Text.");
    let root = f.root().to_str().unwrap().to_string();
    let extra: &[&str] = if absolute_root {
        &["--root", &root]
    } else {
        &[]
    };
    let (_server, url) = start(&f, extra);
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

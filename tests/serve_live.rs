//! `memoria serve` as a child process: it serves the site with the
//! live-reload script, rebuilds after edits, keeps serving the last good
//! build when an edit breaks the site (and shows the error), and never
//! serves files outside the site.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use common::{case_text, Fixture};

/// A running `memoria serve`, stopped when dropped (also when a test fails).
struct Server {
    child: Child,
    port: u16,
    stderr: Arc<Mutex<String>>,
    /// The server's TMPDIR, where it builds the served copy: removed with
    /// the guard even if the server had to be killed.
    tmp: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        if !self.interrupt() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `memoria serve --root <fixture> --port 0` and waits for the
    /// line that says where it listens.
    fn start(f: &Fixture) -> Server {
        let tmp = tempfile::tempdir().expect("a temporary folder for the server");
        let mut child = Command::new(env!("CARGO_BIN_EXE_memoria"))
            .args(["serve", "--root", f.root().to_str().unwrap(), "--port", "0"])
            .env("TMPDIR", tmp.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("memoria serve starts");
        let stdout = child.stdout.take().unwrap();
        let stderr_pipe = child.stderr.take().unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        // Standard error is drained all along, so the server never blocks on it.
        let sink = stderr.clone();
        thread::spawn(move || {
            for line in BufReader::new(stderr_pipe).lines().map_while(Result::ok) {
                let mut s = sink.lock().unwrap();
                s.push_str(&line);
                s.push('\n');
            }
        });
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            port: 0,
            stderr,
            tmp,
        };
        let line = loop {
            match rx.recv_timeout(Duration::from_secs(60)) {
                Ok(line) if line.starts_with("serving ") => break line,
                Ok(_) => continue,
                Err(e) => panic!(
                    "no `serving …` line ({e}); stderr:\n{}",
                    server.stderr.lock().unwrap()
                ),
            }
        };
        assert!(
            line.ends_with("(press Ctrl+C to stop)"),
            "unexpected line: {line}"
        );
        assert!(
            line.contains(f.root().to_str().unwrap()),
            "names the root: {line}"
        );
        let port = line
            .split("http://127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|p| p.parse::<u16>().ok())
            .unwrap_or_else(|| panic!("no loopback address and port in: {line}"));
        assert_ne!(port, 0);
        server.port = port;
        server
    }

    /// Stops the server as Ctrl+C would (SIGINT to its process id) and waits
    /// for it, 10 s at most. True when it exited by itself.
    fn interrupt(&mut self) -> bool {
        if let Ok(Some(_)) = self.child.try_wait() {
            return true;
        }
        #[cfg(unix)]
        {
            let sent = Command::new("kill")
                .args(["-INT", &self.child.id().to_string()])
                .status()
                .is_ok_and(|s| s.success());
            if sent {
                let start = Instant::now();
                while start.elapsed() < Duration::from_secs(10) {
                    if let Ok(Some(_)) = self.child.try_wait() {
                        return true;
                    }
                    thread::sleep(Duration::from_millis(50));
                }
            }
        }
        false
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// GETs `path`: (status, body).
    fn get(&self, path: &str) -> (u16, String) {
        let url = self.url(path);
        match ureq::get(&url).timeout(Duration::from_secs(10)).call() {
            Ok(r) => (r.status(), r.into_string().unwrap_or_default()),
            Err(ureq::Error::Status(code, r)) => (code, r.into_string().unwrap_or_default()),
            Err(e) => panic!("{url}: {e}"),
        }
    }

    /// Polls `path` every 100 ms, for 10 s at most, until `ready` holds.
    fn wait_for(&self, path: &str, what: &str, ready: impl Fn(u16, &str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let (status, body) = self.get(path);
            if ready(status, &body) {
                return body;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!(
                    "{path}: never {what}; last status {status}, body:\n{body}\nserver stderr:\n{}",
                    self.stderr.lock().unwrap()
                );
            }
            thread::sleep(Duration::from_millis(100));
        }
    }

    /// Sends `GET <path>` exactly as written (ureq would normalise it):
    /// (status line, whole response).
    fn raw_get(&self, path: &str) -> (String, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.port
        )
        .unwrap();
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
        let response = String::from_utf8_lossy(&bytes).into_owned();
        let status = response.lines().next().unwrap_or("").to_string();
        (status, response)
    }
}

fn site() -> Fixture {
    let f = Fixture::new(&["es", "en"]);
    f.case("lima", "es", "Concejo de Lima", "", "Texto.");
    f.case("lima", "en", "Lima council", "", "Text.");
    f
}

#[test]
fn serve_rebuilds_after_edits_and_keeps_the_last_good_build_on_errors() {
    let f = site();
    let server = Server::start(&f);
    let page = "/es/casos/lima/";

    let (status, body) = server.get(page);
    assert_eq!(status, 200);
    assert!(body.contains("<h1>Concejo de Lima</h1>"), "{body}");
    assert!(
        body.contains("/__memoria/events"),
        "live-reload script: {body}"
    );
    assert!(!body.contains("memoria-build-error\" role"), "no error yet");
    assert!(
        !f.root().join("public").exists(),
        "serve does not write the published output"
    );

    // An edit shows up.
    f.case("lima", "es", "Concejo de Lima editado", "", "Texto.");
    let edited = server.wait_for(page, "shows the new title", |s, b| {
        s == 200 && b.contains("<h1>Concejo de Lima editado</h1>")
    });
    assert!(edited.contains("/__memoria/events"));

    // A broken edit: the last good build stays, with the error on the page.
    let broken = case_text("Concejo roto", "", "Texto.")
        .replace("summary: \"Summary of Concejo roto\"", "summary: a: b");
    f.write("content/cases/lima.es.md", &broken);
    let shown = server.wait_for(page, "shows the build error", |_, b| {
        b.contains("id=\"memoria-build-error\"")
    });
    assert!(
        shown.contains("<h1>Concejo de Lima editado</h1>"),
        "still the previous good build: {shown}"
    );
    assert!(!shown.contains("Concejo roto"));
    let banner = &shown[shown.find("id=\"memoria-build-error\"").unwrap()..];
    assert!(
        banner.contains("content/cases/lima.es.md:11:11"),
        "the error names the file, line and column: {banner}"
    );
    // Every page shows it, not only the broken one.
    let (_, other) = server.get("/en/cases/lima/");
    assert!(other.contains("id=\"memoria-build-error\""));
    assert!(other.contains("<h1>Lima council</h1>"));

    // Fixed: the error goes away and the new text is served.
    f.case("lima", "es", "Concejo de Lima arreglado", "", "Texto.");
    let fixed = server.wait_for(page, "shows the fixed title", |s, b| {
        s == 200 && b.contains("<h1>Concejo de Lima arreglado</h1>")
    });
    assert!(!fixed.contains("id=\"memoria-build-error\""), "{fixed}");
}

#[test]
fn serve_follows_new_and_removed_content() {
    let f = site();
    let server = Server::start(&f);
    assert_eq!(server.get("/es/casos/quito/").0, 404);
    f.case("quito", "es", "Quito nuevo", "", "Texto.");
    f.case("quito", "en", "Quito new", "", "Text.");
    server.wait_for("/en/cases/quito/", "appears", |s, b| {
        s == 200 && b.contains("<h1>Quito new</h1>")
    });
    let (status, body) = server.get("/es/casos/quito/");
    assert_eq!(status, 200);
    assert!(body.contains("<h1>Quito nuevo</h1>"));
    let list = server.get("/en/cases/").1;
    assert!(list.contains("/en/cases/quito/"), "listed: {list}");

    f.remove("content/cases/quito.es.md");
    f.remove("content/cases/quito.en.md");
    server.wait_for("/en/cases/quito/", "disappears", |s, _| s == 404);
    let (status, body) = server.get("/es/casos/quito/");
    assert_eq!(status, 404);
    assert!(body.contains("<html"), "the site's own 404 page");
    assert!(!server.get("/en/cases/").1.contains("/en/cases/quito/"));
}

#[test]
fn serve_refuses_paths_outside_the_site() {
    let f = site();
    // A file beside the site that a traversal could reach.
    f.write("secret.txt", "root:x:0:0:secret\n");
    let server = Server::start(&f);
    assert_eq!(server.get("/es/casos/lima/").0, 200);
    for path in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "/es/../../../../etc/passwd",
        "/es/..%2f..%2f..%2f..%2fetc/passwd",
        "/..%5c..%5cetc%5cpasswd",
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/../site.toml",
    ] {
        let (status, response) = server.raw_get(path);
        assert!(
            status.starts_with("HTTP/1.1 400") || status.starts_with("HTTP/1.1 404"),
            "{path}: {status}"
        );
        assert!(
            !response.contains("root:"),
            "{path} leaked a file:\n{response}"
        );
        assert!(!response.contains("base_url"), "{path} leaked site.toml");
    }
    // A normal raw request works, so the refusals above are meaningful.
    let (status, response) = server.raw_get("/es/casos/lima/");
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");
    assert!(response.contains("Concejo de Lima"));
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_and_removes_its_folder() {
    let f = site();
    let mut server = Server::start(&f);
    assert_eq!(server.get("/es/casos/lima/").0, 200);
    let work: Vec<String> = std::fs::read_dir(server.tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        work.iter().any(|n| n.starts_with("memoria-serve-")),
        "the served copy is built in TMPDIR: {work:?}"
    );
    assert!(server.interrupt(), "the server stops on Ctrl+C");
    let status = server.child.wait().unwrap();
    assert!(status.success(), "exit status {status}");
    let left: Vec<_> = std::fs::read_dir(server.tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(left.is_empty(), "the served copy is removed: {left:?}");
    assert!(
        TcpStream::connect(("127.0.0.1", server.port)).is_err(),
        "the port is closed"
    );
}

#[test]
fn a_site_broken_from_the_start_shows_its_error_until_fixed() {
    let f = site();
    // The offending line holds markup: the banner must show it as text.
    let broken = case_text("Lima", "", "Texto.").replace(
        "summary: \"Summary of Lima\"",
        "summary: <script>alert(1)</script>: b",
    );
    f.write("content/cases/lima.es.md", &broken);
    let server = Server::start(&f);
    let (status, body) = server.get("/es/casos/lima/");
    assert_eq!(status, 404, "nothing good was built yet");
    let banner = &body[body
        .find("id=\"memoria-build-error\"")
        .unwrap_or_else(|| panic!("no error banner: {body}"))..];
    assert!(
        banner.contains("content/cases/lima.es.md:11:"),
        "names the file and line: {banner}"
    );
    assert!(
        !body.contains("<script>alert(1)</script>"),
        "the error is shown as text: {body}"
    );
    assert!(banner.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));

    f.case("lima", "es", "Lima arreglada", "", "Texto.");
    let fixed = server.wait_for("/es/casos/lima/", "builds once fixed", |s, b| {
        s == 200 && b.contains("<h1>Lima arreglada</h1>")
    });
    assert!(!fixed.contains("id=\"memoria-build-error\""), "{fixed}");
}

#[test]
fn a_folder_without_its_slash_is_redirected_within_the_site() {
    let f = site();
    let server = Server::start(&f);
    let (status, response) = server.raw_get("/es/casos/lima");
    assert!(status.starts_with("HTTP/1.1 301"), "{status}");
    assert!(
        response
            .to_ascii_lowercase()
            .contains("\r\nlocation: /es/casos/lima/\r\n"),
        "{response}"
    );
}

#[test]
fn a_redirect_never_leaves_the_site() {
    let f = site();
    let server = Server::start(&f);
    for path in ["//es", "///en", "//es/casos"] {
        let (status, response) = server.raw_get(path);
        let location = response
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("location:"))
            .map(|l| l["location:".len()..].trim().to_string());
        match location {
            // A redirect may only lead to a path of this site.
            Some(to) => assert!(
                to.starts_with('/') && !to.starts_with("//"),
                "{path}: {status} to {to}"
            ),
            None => assert!(
                status.starts_with("HTTP/1.1 200")
                    || status.starts_with("HTTP/1.1 400")
                    || status.starts_with("HTTP/1.1 404"),
                "{path}: {status}"
            ),
        }
    }
}

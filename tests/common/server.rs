//! `memoria serve` as a child process, for the tests of the editor: raw
//! HTTP requests with exactly the headers a browser (or an attacker's page)
//! sends.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::Fixture;

/// A running `memoria serve`, stopped when dropped.
pub struct Server {
    /// The process.
    pub child: Child,
    /// The port it listens on.
    pub port: u16,
    stderr: Arc<Mutex<String>>,
    /// The server's TMPDIR, where it builds the served copy: removed with
    /// the guard even if the server had to be killed.
    pub tmp: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        if !self.interrupt() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// A response: status, headers (lowercase names), body.
pub struct Response {
    /// The status code.
    pub status: u16,
    /// The status line and headers, in lowercase.
    pub head: String,
    /// The body.
    pub body: String,
}

impl Response {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn error(&self) -> String {
        self.json()["error"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

impl Server {
    /// `memoria serve --port 0 ARGS` in the site's folder, as the README
    /// tells users; waits for the line that says where it listens and for
    /// the first build.
    pub fn start(f: &Fixture, args: &[&str]) -> Server {
        let (server, _) = Server::launch(f.root(), args);
        server.wait_for_rebuilds(1);
        server
    }

    /// `memoria serve --port 0 ARGS` run from `cwd`: the server and the
    /// line that says where it listens (`serving … on http://…`), as soon
    /// as it is printed.
    pub fn launch(cwd: &Path, args: &[&str]) -> (Server, String) {
        Server::launch_with(cwd, args, true)
    }

    /// [`Server::launch`], with `TMPDIR` set to [`Server::tmp`] when
    /// `own_tmpdir`, else without any `TMPDIR`, as most people run it.
    pub fn launch_with(cwd: &Path, args: &[&str], own_tmpdir: bool) -> (Server, String) {
        let tmp = tempfile::tempdir().expect("a temporary folder for the server");
        let mut command = Command::new(env!("CARGO_BIN_EXE_memoria"));
        command
            .args(["serve", "--port", "0"])
            .args(args)
            .current_dir(cwd);
        if own_tmpdir {
            command.env("TMPDIR", tmp.path());
        } else {
            command.env_remove("TMPDIR");
        }
        let mut child = command
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
                Err(e) => panic!("no `serving …` line ({e}); stderr:\n{}", server.log()),
            }
        };
        // `serving FOLDER on http://ADDRESS:PORT/ (press Ctrl+C to stop)`
        server.port = line
            .split(" on http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|address| address.rsplit(':').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no address and port in: {line}"));
        assert_ne!(server.port, 0, "{line}");
        (server, line)
    }

    /// Stops the server as Ctrl+C would (SIGINT to its process id) and waits
    /// for it, 10 s at most. True when it exited by itself.
    pub fn interrupt(&mut self) -> bool {
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

    pub fn log(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// How many rebuilds the server has reported (the first build included).
    pub fn rebuilds(&self) -> usize {
        self.log()
            .lines()
            .filter(|l| l.starts_with("rebuilt in ") || l.starts_with("rebuild failed"))
            .count()
    }

    pub fn wait_for_rebuilds(&self, count: usize) {
        let start = Instant::now();
        while self.rebuilds() < count {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "never reached {count} rebuilds; stderr:\n{}",
                self.log()
            );
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// The folder the server serves the site from.
    pub fn served(&self) -> PathBuf {
        let work = std::fs::read_dir(self.tmp.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("memoria-serve-")
            })
            .expect("the server's build folder");
        work.join("site")
    }

    /// Sends a raw HTTP/1.1 request with `headers` (the `Host` included).
    pub fn raw(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, String)],
        body: &[u8],
    ) -> Response {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        let mut request = format!("{method} {path} HTTP/1.1\r\n");
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        ));
        stream.write_all(request.as_bytes()).unwrap();
        stream.write_all(body).unwrap();
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status: {head}"));
        Response {
            status,
            head: head.to_ascii_lowercase(),
            body: body.to_string(),
        }
    }

    /// The headers Chromium sends with the editor's `fetch` from
    /// `http://127.0.0.1:PORT/admin/`.
    pub fn editor_headers(&self) -> Vec<(&'static str, String)> {
        vec![
            ("Host", format!("127.0.0.1:{}", self.port)),
            ("Origin", format!("http://127.0.0.1:{}", self.port)),
            ("Sec-Fetch-Site", "same-origin".into()),
            ("Content-Type", "application/json; charset=utf-8".into()),
        ]
    }

    /// Posts `{action, params}` to the API as the editor does.
    pub fn api(&self, action: &str, params: Value) -> Response {
        let body = json!({ "action": action, "params": params }).to_string();
        self.raw("POST", "/api/v1", &self.editor_headers(), body.as_bytes())
    }

    /// GETs a page as a browser at the served address does.
    pub fn get(&self, path: &str) -> Response {
        self.raw(
            "GET",
            path,
            &[("Host", format!("127.0.0.1:{}", self.port))],
            b"",
        )
    }

    /// Polls `path` until `ready`, 20 s at most.
    pub fn wait_for(&self, path: &str, what: &str, ready: impl Fn(&Response) -> bool) -> Response {
        let start = Instant::now();
        loop {
            let r = self.get(path);
            if ready(&r) {
                return r;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "{path}: never {what}; last status {}; stderr:\n{}",
                r.status,
                self.log()
            );
            thread::sleep(Duration::from_millis(100));
        }
    }

    /// The lines of the server's output that report errors.
    pub fn errors(&self) -> Vec<String> {
        self.log()
            .lines()
            .filter(|l| l.starts_with("error") || l.contains("panicked"))
            .map(String::from)
            .collect()
    }
}

//! `memoria serve` as a child process: it serves the site with the
//! live-reload script, rebuilds after edits, keeps serving the last good
//! build when an edit breaks the site (and shows the error), and never
//! serves files outside the site.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use common::{case_text, copy_dir, snapshot, Fixture};

/// `memoria serve` started as the README says ([`common::server::Server`],
/// stopped as Ctrl+C would when dropped), asked for pages the way a browser
/// asks.
struct Server(common::server::Server);

impl std::ops::Deref for Server {
    type Target = common::server::Server;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl std::ops::DerefMut for Server {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl Server {
    /// Starts `memoria serve --port 0` in the site's folder, as the README
    /// tells users, and waits for the line that says where it listens.
    fn start(f: &Fixture) -> Server {
        Server::launch(f, f.root(), &[])
    }

    /// Starts it with `--root ROOT` (relative to the site's folder, or
    /// absolute), from `cwd`.
    fn start_with_root(f: &Fixture, cwd: &Path, root: &str) -> Server {
        Server::launch(f, cwd, &["--root", root])
    }

    fn launch(f: &Fixture, cwd: &Path, extra: &[&str]) -> Server {
        let (server, line) = common::server::Server::launch(cwd, extra);
        assert!(
            line.ends_with("(press Ctrl+C to stop)"),
            "unexpected line: {line}"
        );
        let root = f.root().canonicalize().unwrap();
        assert!(
            line.contains(&format!("serving {} on ", root.display())),
            "names the site's folder in full: {line}"
        );
        assert!(
            line.contains(&format!(" on http://127.0.0.1:{}/", server.port)),
            "listens on the loopback address by default: {line}"
        );
        Server(server)
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// GETs `path`: (status, body).
    fn get(&self, path: &str) -> (u16, String) {
        let url = self.url(path);
        match ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(10)))
            .http_status_as_error(false)
            .build()
            .new_agent()
            .get(&url)
            .call()
        {
            Ok(mut r) => (
                r.status().as_u16(),
                r.body_mut().read_to_string().unwrap_or_default(),
            ),
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
                    self.log()
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
    // The files of one rebuild are written in parallel: the Spanish page
    // may land a moment after the English one (the browser is told to
    // reload only once all are written).
    server.wait_for("/es/casos/quito/", "appears", |s, b| {
        s == 200 && b.contains("<h1>Quito nuevo</h1>")
    });
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

/// The `memoria-serve-*` folders in `dir`.
fn serve_folders(dir: &Path) -> std::collections::BTreeSet<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .filter(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .starts_with("memoria-serve-")
                })
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default()
}

/// Without `TMPDIR` (as most people run it) the served copy is made in the
/// system's temporary folder: it serves and rebuilds as in the other
/// tests, and goes on Ctrl+C.
#[cfg(unix)]
#[test]
fn without_tmpdir_the_served_copy_is_in_the_system_temporary_folder_and_goes_with_the_server() {
    let system = std::env::temp_dir();
    let f = site();
    let before = serve_folders(&system);
    let (server, _) = common::server::Server::launch_with(f.root(), &[], false);
    let mut server = Server(server);
    server.wait_for_rebuilds(1);
    let ours: Vec<_> = serve_folders(&system)
        .difference(&before)
        .cloned()
        .collect();
    assert_eq!(ours.len(), 1, "one served copy in {system:?}: {ours:?}");
    assert!(ours[0].join("site/es/casos/lima/index.html").is_file());
    let (status, page) = server.get("/es/casos/lima/");
    assert_eq!(status, 200);
    assert!(!page.contains("sin TMPDIR"));
    let case = f.root().join("content/cases/lima.es.md");
    let text = std::fs::read_to_string(&case).unwrap();
    std::fs::write(&case, text.replacen("Texto.", "Texto sin TMPDIR.", 1)).unwrap();
    server.wait_for_rebuilds(2);
    let (_, page) = server.get("/es/casos/lima/");
    assert!(page.contains("sin TMPDIR"), "{}", server.log());
    assert!(server.interrupt(), "the server stops on Ctrl+C");
    assert!(
        !ours[0].exists(),
        "the served copy is removed: {:?}",
        ours[0]
    );
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

/// Saves a new Spanish title for Lima and waits until the page shows it and
/// the server has reported the rebuild.
fn save_and_see(server: &Server, f: &Fixture, title: &str) {
    let before = server.rebuilds();
    f.case("lima", "es", title, "", "Texto.");
    let expected = format!("<h1>{title}</h1>");
    server.wait_for("/es/casos/lima/", "shows the saved title", |s, b| {
        s == 200 && b.contains(&expected)
    });
    server.wait_for_rebuilds(before + 1);
}

/// Leaves the server alone for 5 s and asserts that it did not rebuild.
fn assert_quiet_when_idle(server: &Server) {
    let before = server.rebuilds();
    thread::sleep(Duration::from_secs(5));
    assert_eq!(
        server.rebuilds(),
        before,
        "rebuilt with nothing changed:\n{}",
        server.log()
    );
}

/// The paths of every file of the site's folder.
fn file_names(f: &Fixture) -> Vec<String> {
    snapshot(f.root())
        .into_iter()
        .map(|(path, _)| path)
        .collect()
}

/// The text of the error banner of `page`, from its opening tag.
fn banner(page: &str) -> &str {
    let at = page
        .find("id=\"memoria-build-error\"")
        .unwrap_or_else(|| panic!("no error banner: {page}"));
    &page[at..page[at..].find("</pre>").map_or(page.len(), |end| at + end)]
}

#[test]
fn serve_from_the_site_folder_rebuilds_on_save_and_rests_when_idle() {
    let f = site();
    let before = file_names(&f);
    let server = Server::start(&f);
    server.wait_for_rebuilds(1);
    save_and_see(&server, &f, "Concejo de Lima guardado");
    // Its own reads of the sources during that rebuild do not start another.
    assert_quiet_when_idle(&server);
    assert_eq!(
        file_names(&f),
        before,
        "serve writes nothing in the site's folder"
    );
}

#[test]
fn serve_with_root_dot_rebuilds_on_save() {
    let f = site();
    let server = Server::start_with_root(&f, f.root(), ".");
    save_and_see(&server, &f, "Concejo de Lima con root");
}

#[test]
fn serve_with_an_absolute_root_rebuilds_on_save_and_rests_when_idle() {
    let f = site();
    let elsewhere = tempfile::tempdir().unwrap();
    let server = Server::start_with_root(&f, elsewhere.path(), f.root().to_str().unwrap());
    server.wait_for_rebuilds(1);
    save_and_see(&server, &f, "Concejo de Lima absoluto");
    assert_quiet_when_idle(&server);
}

#[test]
fn an_editor_style_save_rebuilds_once() {
    let f = site();
    let server = Server::start(&f);
    server.wait_for_rebuilds(1);
    let before = server.rebuilds();
    // Written to a temporary file beside the original, then renamed over it.
    let temporary = f.root().join("content/cases/.goutputstream-X1Y2Z3");
    std::fs::write(
        &temporary,
        case_text("Lima guardada por un editor", "", "Texto."),
    )
    .unwrap();
    std::fs::rename(&temporary, f.root().join("content/cases/lima.es.md")).unwrap();
    server.wait_for("/es/casos/lima/", "shows the saved title", |s, b| {
        s == 200 && b.contains("<h1>Lima guardada por un editor</h1>")
    });
    // Give a second rebuild, if any, the time to report itself.
    thread::sleep(Duration::from_secs(2));
    let rebuilds = server.rebuilds() - before;
    assert!(
        (1..=2).contains(&rebuilds),
        "{rebuilds} rebuilds for one save:\n{}",
        server.log()
    );
}

#[test]
fn a_burst_of_saves_ends_with_the_last_one_served() {
    let f = site();
    let server = Server::start(&f);
    for i in 0..15 {
        f.case("lima", "es", &format!("Versión {i}"), "", "Texto.");
        thread::sleep(Duration::from_millis(30));
    }
    server.wait_for("/es/casos/lima/", "shows the last save", |s, b| {
        s == 200 && b.contains("<h1>Versión 14</h1>")
    });
}

#[test]
fn a_static_folder_created_after_start_is_watched() {
    let f = site();
    let server = Server::start(&f);
    assert_eq!(server.get("/hello.txt").0, 404);
    f.write("static/hello.txt", "first version");
    server.wait_for("/hello.txt", "is served", |s, b| {
        s == 200 && b == "first version"
    });
    f.write("static/hello.txt", "second version");
    server.wait_for("/hello.txt", "is served again", |s, b| {
        s == 200 && b == "second version"
    });
}

#[test]
fn a_change_of_reports_lock_rebuilds() {
    let f = site();
    let server = Server::start(&f);
    server.wait_for_rebuilds(1);
    f.write("reports.lock", "[[report]\n");
    let page = server.wait_for("/es/casos/lima/", "shows the damaged lock", |_, b| {
        b.contains("id=\"memoria-build-error\"")
    });
    let shown = banner(&page);
    assert!(
        shown.contains("error: reports.lock:1:"),
        "names the file, line and column: {shown}"
    );
    assert!(
        shown.contains("restore it from version control"),
        "says what to do: {shown}"
    );
    assert_eq!(shown.matches("error: ").count(), 1, "one error: {shown}");
    f.remove("reports.lock");
    server.wait_for("/es/casos/lima/", "drops the error", |s, b| {
        s == 200 && !b.contains("id=\"memoria-build-error\"")
    });
}

#[test]
fn a_theme_folder_added_after_start_is_watched() {
    let f = site();
    // A theme of the site's own, named in site.toml, whose folder is missing.
    std::fs::remove_dir_all(f.root().join("themes")).unwrap();
    f.edit("site.toml", "languages", "theme = \"civic\"\nlanguages");
    let server = Server::start(&f);
    let (_, page) = server.get("/es/casos/lima/");
    let shown = banner(&page);
    assert!(shown.contains("site.toml"), "names the file: {shown}");
    assert!(
        shown.contains("copy a theme into themes/"),
        "says what to do: {shown}"
    );
    assert_eq!(shown.matches("error: ").count(), 1, "one error: {shown}");
    copy_dir(
        &common::repo_root().join("themes/default"),
        &f.root().join("themes/civic"),
    );
    let page = server.wait_for("/es/casos/lima/", "is built with the theme", |s, b| {
        s == 200 && b.contains("<h1>Concejo de Lima</h1>")
    });
    assert!(!page.contains("id=\"memoria-build-error\""), "{page}");
    save_and_see(&server, &f, "Concejo de Lima con tema");
}

#[test]
fn saving_the_sites_own_case_template_rebuilds() {
    let f = site();
    // No theme folder: the theme built into memoria, and no templates/ yet.
    std::fs::remove_dir_all(f.root().join("themes")).unwrap();
    let server = Server::start(&f);
    let (status, page) = server.get("/es/casos/lima/");
    assert_eq!(status, 200);
    assert!(page.contains("<h1>Concejo de Lima</h1>"), "{page}");
    let layout = |class: &str| {
        format!("{{% extends \"base.html\" %}}\n{{% block content %}}<h1 class=\"{class}\">{{{{ case.title }}}}</h1>{{% endblock content %}}\n")
    };
    f.write("templates/case.html", &layout("ours"));
    server.wait_for(
        "/es/casos/lima/",
        "uses the new templates/case.html",
        |s, b| s == 200 && b.contains("<h1 class=\"ours\">Concejo de Lima</h1>"),
    );
    f.write("templates/case.html", &layout("changed"));
    server.wait_for(
        "/es/casos/lima/",
        "uses the saved templates/case.html",
        |s, b| s == 200 && b.contains("<h1 class=\"changed\">Concejo de Lima</h1>"),
    );
    std::fs::remove_file(f.root().join("templates/case.html")).unwrap();
    server.wait_for(
        "/es/casos/lima/",
        "goes back to the built-in layout",
        |s, b| s == 200 && b.contains("<h1>Concejo de Lima</h1>"),
    );
}

#[test]
fn a_content_folder_added_after_start_is_watched() {
    let f = site();
    std::fs::remove_dir_all(f.root().join("content")).unwrap();
    let server = Server::start(&f);
    let (_, page) = server.get("/");
    let shown = banner(&page);
    assert!(
        shown.contains("error: content: there is no content folder"),
        "names the folder: {shown}"
    );
    assert!(
        shown.contains("create content/cases/"),
        "says what to do: {shown}"
    );
    assert_eq!(shown.matches("error: ").count(), 1, "one error: {shown}");
    f.case("lima", "es", "Concejo de Lima", "", "Texto.");
    f.case("lima", "en", "Lima council", "", "Text.");
    server.wait_for("/es/casos/lima/", "is built", |s, b| {
        s == 200 && b.contains("<h1>Concejo de Lima</h1>")
    });
    save_and_see(&server, &f, "Concejo de Lima nuevo");
}

/// The numbers of a `rebuilt in N ms (M ms since the change): …` line:
/// (N, Some(M)), or (N, None) when the line gives no time since a change.
fn rebuild_times(line: &str) -> (u128, Option<u128>) {
    let rest = line.strip_prefix("rebuilt in ").expect("a rebuild line");
    let (took, rest) = rest.split_once(" ms").expect("`N ms`");
    let since = rest
        .strip_prefix(" (")
        .and_then(|r| r.split_once(" ms since the change):"))
        .map(|(m, _)| m.parse().expect("a number of ms since the change"));
    (took.parse().expect("a number of ms"), since)
}

#[test]
fn a_rebuild_after_a_save_reports_the_time_from_the_change_to_the_last_write() {
    let f = site();
    let server = Server::start(&f);
    server.wait_for_rebuilds(1);
    save_and_see(&server, &f, "Concejo de Lima medido");
    let log = server.log();
    let lines: Vec<&str> = log
        .lines()
        .filter(|l| l.starts_with("rebuilt in "))
        .collect();
    assert_eq!(lines.len(), 2, "one first build and one rebuild:\n{log}");
    assert_eq!(
        rebuild_times(lines[0]).1,
        None,
        "the first build follows no change: {}",
        lines[0]
    );
    let (took, since) = rebuild_times(lines[1]);
    let since = since.unwrap_or_else(|| panic!("no time since the change: {}", lines[1]));
    assert!(
        since >= took,
        "the time since the change includes the rebuild: {}",
        lines[1]
    );
    assert!(
        lines[1].contains(" files written, ") && lines[1].ends_with(')'),
        "the rest of the line is unchanged: {}",
        lines[1]
    );
    assert!(!log.contains("error:"), "no errors:\n{log}");
}

#[test]
fn a_saved_text_is_served_the_quick_way_and_searchable() {
    let f = site();
    let server = Server::start(&f);
    server.wait_for_rebuilds(1);
    // Only the body changes, as when a communications team fixes a sentence.
    let before = server.rebuilds();
    f.case(
        "lima",
        "es",
        "Concejo de Lima",
        "",
        "Texto con zarzaparrilla.",
    );
    server.wait_for("/es/casos/lima/", "shows the saved text", |s, b| {
        s == 200 && b.contains("zarzaparrilla")
    });
    server.wait_for_rebuilds(before + 1);
    let log = server.log();
    let line = log
        .lines()
        .filter(|l| l.starts_with("rebuilt in "))
        .nth(before)
        .unwrap_or_else(|| panic!("no rebuild line:\n{log}"));
    assert!(
        line.contains("the quick way") && line.contains("since the change"),
        "{line}"
    );
    let (status, shard) = server.get("/search/es/za.json");
    assert_eq!(status, 200);
    assert!(shard.contains("zarzaparrilla"), "{shard}");
    // A change of the title is a full rebuild, served all the same.
    save_and_see(&server, &f, "Concejo de Lima renombrado");
    let log = server.log();
    let last = log.lines().rfind(|l| l.starts_with("rebuilt in ")).unwrap();
    assert!(!last.contains("the quick way"), "{last}");
}

#[test]
fn a_saved_vocabulary_label_is_served_the_quick_way() {
    let f = site();
    let vocabulary = |es: &str| {
        format!("themes:\n  legislative-oversight:\n    label: {{ es: \"{es}\", en: \"Legislative oversight\" }}\n")
    };
    f.write(
        "content/vocabulary.yaml",
        &vocabulary("Control legislativo"),
    );
    let server = Server::start(&f);
    server.wait_for_rebuilds(1);
    let before = server.rebuilds();
    f.write(
        "content/vocabulary.yaml",
        &vocabulary("Vigilancia del concejo"),
    );
    server.wait_for("/es/casos/lima/", "shows the new label", |s, b| {
        s == 200 && b.contains("Vigilancia del concejo")
    });
    server.wait_for_rebuilds(before + 1);
    let log = server.log();
    let line = log
        .lines()
        .filter(|l| l.starts_with("rebuilt in "))
        .nth(before)
        .unwrap_or_else(|| panic!("no rebuild line:\n{log}"));
    assert!(line.contains("the quick way"), "{line}");
    let (_, english) = server.get("/en/cases/lima/");
    assert!(english.contains("Legislative oversight"), "{english}");
    let (_, themes) = server.get("/es/casos/temas/legislative-oversight/");
    assert!(themes.contains("Vigilancia del concejo"), "{themes}");
}

#[test]
fn a_label_saved_through_a_renamed_temporary_file_is_served_the_quick_way() {
    let f = site();
    let vocabulary = |es: &str| {
        format!("themes:\n  legislative-oversight:\n    label: {{ es: \"{es}\", en: \"Legislative oversight\" }}\n")
    };
    f.write(
        "content/vocabulary.yaml",
        &vocabulary("Control legislativo"),
    );
    let server = Server::start(&f);
    server.wait_for_rebuilds(1);
    let before = server.rebuilds();
    // As `sed -i` and many scripts save: a new file with a name of their
    // own beside the old one, renamed over it.
    let temporary = f.root().join("content/sedAb12Cd");
    std::fs::write(&temporary, vocabulary("Vigilancia del concejo")).unwrap();
    std::fs::rename(&temporary, f.root().join("content/vocabulary.yaml")).unwrap();
    server.wait_for("/es/casos/lima/", "shows the new label", |s, b| {
        s == 200 && b.contains("Vigilancia del concejo")
    });
    server.wait_for_rebuilds(before + 1);
    let log = server.log();
    let line = log
        .lines()
        .filter(|l| l.starts_with("rebuilt in "))
        .nth(before)
        .unwrap_or_else(|| panic!("no rebuild line:\n{log}"));
    assert!(line.contains("the quick way"), "{line}");
}

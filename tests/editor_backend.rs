//! The editor's local-backend API of `memoria serve`, driven as the editor
//! in the browser drives it: `memoria serve --port 0` runs in a copy of the
//! bundled site's folder, and JSON requests are posted to `/api/v1` with the
//! headers Chromium sends from the page `/admin/`. Every action does what it
//! says on the site's files, a save is rebuilt and served, and every request
//! that does not come from the editor's own page, or names a file outside
//! `content/` and `static/`, is refused and writes nothing.

mod common;

use std::thread;
use std::time::{Duration, Instant};

use common::server::{Response, Server};
use common::{snapshot, Fixture};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

const CASE_ES: &str = "---\ntitle: \"Editado en el navegador\"\ncity: Lima\ncountry: PE\ndate: 2019-03-04\nscale: local\ndimension: political\nthemes: [legislative-oversight]\nsdgs: [16, 17]\nactors: [Concejo]\nsummary: \"Un caso escrito desde el editor.\"\n---\n\nTexto escrito en el **editor**.\n";
const CASE_EN: &str = "---\ntitle: \"Edited in the browser\"\ncity: Lima\ncountry: PE\ndate: 2019-03-04\nscale: local\ndimension: political\nthemes: [legislative-oversight]\nsdgs: [16, 17]\nactors: [Concejo]\nsummary: \"A case written from the editor.\"\n---\n\nText written in the **editor**.\n";

/// A 1×1 PNG picture.
const PIXEL_PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

#[test]
fn every_action_reads_and_writes_the_site_s_files_and_saves_are_served() {
    let f = Fixture::bundled();
    let server = Server::start(&f, &[]);

    // info: what the editor looks for before it starts.
    let info = server.api("info", Value::Null);
    assert_eq!(info.status, 200, "{}", info.body);
    assert_eq!(info.json()["publish_modes"], json!(["simple"]));
    assert_eq!(info.json()["type"], "local_fs");
    assert!(info.json()["repo"].is_string());
    assert!(
        !info.head.contains("access-control-allow"),
        "no CORS header: {}",
        info.head
    );

    // entriesByFolder: every case file, with its text and a hash of it.
    let listed = server.api(
        "entriesByFolder",
        json!({"branch": "main", "folder": "content/cases", "extension": "md", "depth": 1}),
    );
    assert_eq!(listed.status, 200, "{}", listed.body);
    let entries = listed.json();
    let entries = entries.as_array().unwrap();
    let on_disk = std::fs::read_dir(f.root().join("content/cases"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().unwrap() == "md")
        .count();
    assert_eq!(entries.len(), on_disk);
    let bogota = f.read("content/cases/bogota.es.md");
    let entry = entries
        .iter()
        .find(|e| e["file"]["path"] == "content/cases/bogota.es.md")
        .expect("bogota.es.md is listed");
    assert_eq!(entry["data"], bogota.as_str());
    assert_eq!(entry["file"]["id"], sha256(bogota.as_bytes()).as_str());

    // entriesByFiles and getEntry read the files asked for.
    let by_files = server.api(
        "entriesByFiles",
        json!({"branch": "main", "files": [{"path": "content/cases/bogota.en.md", "label": "en"}]}),
    );
    assert_eq!(by_files.status, 200, "{}", by_files.body);
    assert_eq!(
        by_files.json()[0]["data"],
        f.read("content/cases/bogota.en.md").as_str()
    );
    assert_eq!(by_files.json()[0]["file"]["label"], "en");

    // persistEntry: a new case in two languages (Decap's `multiple_files`:
    // one data file per language), with a picture.
    let saved = server.api(
        "persistEntry",
        json!({
            "branch": "main",
            "dataFiles": [
                {"slug": "from-the-editor", "path": "content/cases/from-the-editor.es.md", "raw": CASE_ES},
                {"slug": "from-the-editor", "path": "content/cases/from-the-editor.en.md", "raw": CASE_EN},
            ],
            "assets": [{"path": "static/img/pixel.png", "content": PIXEL_PNG, "encoding": "base64"}],
            "options": {"commitMessage": "Create case", "useWorkflow": false, "status": ""},
        }),
    );
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert_eq!(f.read("content/cases/from-the-editor.es.md"), CASE_ES);
    assert_eq!(f.read("content/cases/from-the-editor.en.md"), CASE_EN);
    assert!(f.root().join("static/img/pixel.png").is_file());
    // The rebuild that follows serves it, in both languages.
    let es = server.wait_for("/es/casos/from-the-editor/", "shows the new case", |r| {
        r.status == 200 && r.body.contains("Editado en el navegador")
    });
    assert!(es.body.contains("<strong>editor</strong>"));
    server.wait_for("/en/cases/from-the-editor/", "shows the new case", |r| {
        r.status == 200 && r.body.contains("Edited in the browser")
    });
    server.wait_for("/img/pixel.png", "serves the picture", |r| r.status == 200);

    // getEntry reads it back as written.
    let back = server.api(
        "getEntry",
        json!({"branch": "main", "path": "content/cases/from-the-editor.en.md"}),
    );
    assert_eq!(back.json()["data"], CASE_EN);
    assert_eq!(
        back.json()["file"]["id"],
        sha256(CASE_EN.as_bytes()).as_str()
    );

    // getMedia, getMediaFile: the picture, in base64.
    let media = server.api(
        "getMedia",
        json!({"branch": "main", "mediaFolder": "static/img"}),
    );
    assert_eq!(media.status, 200, "{}", media.body);
    assert_eq!(
        media.json(),
        json!([{
            "id": sha256(&std::fs::read(f.root().join("static/img/pixel.png")).unwrap()),
            "content": PIXEL_PNG,
            "encoding": "base64",
            "path": "static/img/pixel.png",
            "name": "pixel.png",
        }])
    );
    let one = server.api(
        "getMediaFile",
        json!({"branch": "main", "path": "static/img/pixel.png"}),
    );
    assert_eq!(one.json()["content"], PIXEL_PNG);

    // persistMedia: a picture on its own.
    let put = server.api(
        "persistMedia",
        json!({"branch": "main", "asset": {"path": "static/img/second.png", "content": PIXEL_PNG, "encoding": "base64"}, "options": {"commitMessage": "Upload"}}),
    );
    assert_eq!(put.status, 200, "{}", put.body);
    assert_eq!(put.json()["path"], "static/img/second.png");
    assert!(f.root().join("static/img/second.png").is_file());

    // deleteFiles removes the case (both languages); deleteFile a picture.
    let deleted = server.api(
        "deleteFiles",
        json!({"branch": "main", "paths": ["content/cases/from-the-editor.es.md", "content/cases/from-the-editor.en.md"], "options": {"commitMessage": "Delete"}}),
    );
    assert_eq!(deleted.status, 200, "{}", deleted.body);
    assert!(!f
        .root()
        .join("content/cases/from-the-editor.es.md")
        .exists());
    assert!(!f
        .root()
        .join("content/cases/from-the-editor.en.md")
        .exists());
    server.wait_for("/es/casos/from-the-editor/", "is gone", |r| r.status == 404);
    let deleted = server.api(
        "deleteFile",
        json!({"branch": "main", "path": "static/img/second.png", "options": {"commitMessage": "Delete"}}),
    );
    assert_eq!(deleted.status, 200, "{}", deleted.body);
    assert!(!f.root().join("static/img/second.png").exists());

    // What the API does not do, it says.
    let preview = server.api(
        "getDeployPreview",
        json!({"branch": "main", "collection": "cases", "slug": "x"}),
    );
    assert_eq!((preview.status, preview.body.as_str()), (200, "null"));
    let workflow = server.api("unpublishedEntries", json!({"branch": "main"}));
    assert_eq!(workflow.status, 422);
    assert!(
        workflow.error().contains("editorial workflow"),
        "{}",
        workflow.body
    );
    let unknown = server.api("renameEverything", json!({}));
    assert_eq!(unknown.status, 422);
    assert!(
        unknown.error().contains("unknown action"),
        "{}",
        unknown.body
    );

    assert!(server.errors().is_empty(), "{}", server.log());
    assert!(!server.log().contains("rebuild failed"), "{}", server.log());
}

/// Posts `body` with `headers` and checks the answer is a refusal (403 and
/// a JSON error containing `says`, no CORS header).
fn assert_refused(r: &Response, says: &str, what: &str) {
    assert_eq!(r.status, 403, "{what}: {}", r.body);
    let error = r.error();
    assert!(
        error.contains(says),
        "{what}: {error:?} should say {says:?}"
    );
    assert!(
        !r.head.contains("access-control-allow"),
        "{what}: no CORS header: {}",
        r.head
    );
}

#[test]
fn paths_outside_content_and_static_are_refused_and_nothing_is_written() {
    let f = Fixture::bundled();
    let outside = tempfile::tempdir().unwrap();
    let outside_dir = outside.path().canonicalize().unwrap();
    std::fs::write(outside_dir.join("secret.md"), "SECRET").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&outside_dir, f.root().join("content/cases/elsewhere")).unwrap();
        std::os::unix::fs::symlink(
            outside_dir.join("secret.md"),
            f.root().join("content/cases/linked.en.md"),
        )
        .unwrap();
    }
    let server = Server::start(&f, &[]);
    let site_before = snapshot(f.root());
    let outside_before = snapshot(&outside_dir);
    let rebuilds = server.rebuilds();
    let target = outside_dir.join("written.md");
    let target = target.to_str().unwrap();

    let save = |path: &str| {
        server.api(
            "persistEntry",
            json!({"branch": "main", "dataFiles": [{"slug": "x", "path": path, "raw": "x"}], "assets": [], "options": {}}),
        )
    };
    for (path, says) in [
        ("../site.toml", "`..`"),
        ("content/../site.toml", "`..`"),
        ("content/cases/../../site.toml", "`..`"),
        ("/etc/passwd", "absolute path"),
        (target, "absolute path"),
        ("site.toml", "outside content/ and static/"),
        (
            "themes/default/templates/base.html",
            "outside content/ and static/",
        ),
        ("content/cases/x.html", "not a kind of file"),
        ("static/img/x.svg", "not a kind of file"),
        ("content/cases/elsewhere/written.md", "symbolic link"),
        ("content/cases/linked.en.md", "symbolic link"),
        ("content/.git/hooks.md", "hidden file or folder"),
        ("content/cases/.x.en.md", "hidden file or folder"),
    ] {
        assert_refused(&save(path), says, path);
    }
    // Renaming to a path outside is refused too, before anything is written.
    let renamed = server.api(
        "persistEntry",
        json!({"branch": "main", "dataFiles": [{"slug": "x", "path": "content/cases/new.es.md", "raw": "x", "newPath": "../x.md"}], "assets": [], "options": {}}),
    );
    assert_refused(&renamed, "`..`", "newPath ../x.md");
    // A picture outside.
    let media = server.api(
        "persistMedia",
        json!({"branch": "main", "asset": {"path": "../x.png", "content": PIXEL_PNG, "encoding": "base64"}}),
    );
    assert_refused(&media, "`..`", "persistMedia ../x.png");
    // Reading outside: nothing comes back.
    for (action, params) in [
        ("getEntry", json!({"branch": "main", "path": "/etc/passwd"})),
        (
            "getEntry",
            json!({"branch": "main", "path": "content/cases/linked.en.md"}),
        ),
        (
            "getEntry",
            json!({"branch": "main", "path": "content/cases/elsewhere/secret.md"}),
        ),
        (
            "entriesByFolder",
            json!({"branch": "main", "folder": "content/cases/elsewhere", "extension": "md", "depth": 1}),
        ),
        (
            "entriesByFolder",
            json!({"branch": "main", "folder": "..", "extension": "toml", "depth": 1}),
        ),
        (
            "entriesByFiles",
            json!({"branch": "main", "files": [{"path": "../site.toml"}]}),
        ),
        ("getMedia", json!({"branch": "main", "mediaFolder": "/etc"})),
        (
            "getMediaFile",
            json!({"branch": "main", "path": "../site.toml"}),
        ),
    ] {
        let r = server.api(action, params.clone());
        assert_eq!(r.status, 403, "{action} {params}: {}", r.body);
        assert!(
            !r.body.contains("SECRET") && !r.body.contains("languages"),
            "{}",
            r.body
        );
    }
    // Listing the folder skips the linked file and folder.
    let listed = server.api(
        "entriesByFolder",
        json!({"branch": "main", "folder": "content/cases", "extension": "md", "depth": 3}),
    );
    assert_eq!(listed.status, 200);
    let paths: Vec<String> = listed
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["file"]["path"].as_str().unwrap().to_string())
        .collect();
    assert!(paths.contains(&"content/cases/bogota.es.md".to_string()));
    assert!(
        !paths
            .iter()
            .any(|p| p.contains("linked") || p.contains("elsewhere")),
        "{paths:?}"
    );
    assert!(!listed.body.contains("SECRET"));
    // Deleting outside.
    for path in [
        "../site.toml",
        "content/cases/linked.en.md",
        "/etc/hostname",
    ] {
        let r = server.api("deleteFile", json!({"branch": "main", "path": path}));
        assert_eq!(r.status, 403, "deleteFile {path}: {}", r.body);
    }

    thread::sleep(Duration::from_millis(300));
    assert_eq!(
        snapshot(f.root()),
        site_before,
        "the site's files are unchanged"
    );
    assert_eq!(
        snapshot(&outside_dir),
        outside_before,
        "nothing written outside"
    );
    assert!(f.root().join("content/cases/linked.en.md").is_symlink());
    assert_eq!(server.rebuilds(), rebuilds, "no rebuild: nothing changed");
    assert!(server.errors().is_empty(), "{}", server.log());
}

/// Headers to replace (`Some`) or remove (`None`).
type Changes = Vec<(&'static str, Option<String>)>;

#[test]
fn only_the_editor_s_own_page_may_use_the_api() {
    let f = Fixture::bundled();
    let server = Server::start(&f, &[]);
    let before = snapshot(f.root());
    let port = server.port;
    let write = json!({
        "action": "persistEntry",
        "params": {"branch": "main", "dataFiles": [{"slug": "x", "path": "content/cases/bogota.es.md", "raw": "overwritten"}], "assets": [], "options": {}}
    })
    .to_string();
    let with = |changes: &[(&'static str, Option<String>)]| {
        let mut headers = server.editor_headers();
        for (name, value) in changes {
            headers.retain(|(n, _)| n != name);
            if let Some(v) = value {
                headers.push((name, v.clone()));
            }
        }
        server.raw("POST", "/api/v1", &headers, write.as_bytes())
    };
    let cases: Vec<(&str, Changes, &str)> = vec![
        (
            "a page of another site posting with fetch",
            vec![
                ("Origin", Some("http://evil.example".into())),
                ("Sec-Fetch-Site", None),
            ],
            "another web page",
        ),
        (
            "another site, as the browser marks it",
            vec![
                ("Origin", None),
                ("Sec-Fetch-Site", Some("cross-site".into())),
            ],
            "another site",
        ),
        (
            "a sandboxed page (Origin: null)",
            vec![("Origin", Some("null".into()))],
            "another web page",
        ),
        (
            "another port of this computer",
            vec![("Origin", Some("http://127.0.0.1:1".into()))],
            "another web page",
        ),
        (
            "DNS rebinding: the page's own host name, now pointing here",
            vec![
                ("Host", Some(format!("evil.example:{port}"))),
                ("Origin", Some(format!("http://evil.example:{port}"))),
            ],
            "not for this server",
        ),
        (
            "DNS rebinding without Origin",
            vec![
                ("Host", Some(format!("evil.example:{port}"))),
                ("Origin", None),
            ],
            "not for this server",
        ),
        ("no Host", vec![("Host", None)], "names no host"),
    ];
    for (what, changes, says) in &cases {
        assert_refused(&with(changes), says, what);
    }
    // A cross-site form post: form-encoded, or text/plain carrying JSON
    // (what a form or a "simple" fetch can send without a preflight).
    for (content_type, body) in [
        (
            "application/x-www-form-urlencoded",
            "action=persistEntry&params=x".to_string(),
        ),
        ("text/plain", write.clone()),
        ("multipart/form-data; boundary=x", "--x--".to_string()),
    ] {
        let headers = vec![
            ("Host", format!("127.0.0.1:{port}")),
            ("Origin", "http://evil.example".to_string()),
            ("Sec-Fetch-Site", "cross-site".to_string()),
            ("Content-Type", content_type.to_string()),
        ];
        let r = server.raw("POST", "/api/v1", &headers, body.as_bytes());
        assert_refused(&r, "another web page", content_type);
        // Even from the page's own origin, a form is not the editor.
        let headers = vec![
            ("Host", format!("127.0.0.1:{port}")),
            ("Content-Type", content_type.to_string()),
        ];
        let r = server.raw("POST", "/api/v1", &headers, body.as_bytes());
        assert_refused(&r, "not JSON", content_type);
    }
    // The preflight a page of another origin needs before it may send JSON
    // is never approved.
    let preflight = server.raw(
        "OPTIONS",
        "/api/v1",
        &[
            ("Host", format!("127.0.0.1:{port}")),
            ("Origin", "http://evil.example".to_string()),
            ("Access-Control-Request-Method", "POST".to_string()),
            ("Access-Control-Request-Headers", "content-type".to_string()),
        ],
        b"",
    );
    assert!(preflight.status >= 400, "preflight: {}", preflight.status);
    assert!(
        !preflight.head.contains("access-control-allow"),
        "{}",
        preflight.head
    );
    // The editor's page and configuration are not given to a rebound host
    // either, and may not be framed by another page.
    for path in ["/admin/", "/admin/config.yml", "/admin/decap-cms.js"] {
        let r = server.raw(
            "GET",
            path,
            &[("Host", format!("evil.example:{port}"))],
            b"",
        );
        assert_eq!(r.status, 403, "{path}");
    }
    let page = server.get("/admin/");
    assert_eq!(page.status, 200);
    assert!(page.head.contains("x-frame-options: deny"), "{}", page.head);
    // A link to the editor followed from another site opens it: reading the
    // page changes nothing.
    let followed = server.raw(
        "GET",
        "/admin/",
        &[
            ("Host", format!("127.0.0.1:{port}")),
            ("Sec-Fetch-Site", "cross-site".to_string()),
            ("Sec-Fetch-Mode", "navigate".to_string()),
        ],
        b"",
    );
    assert_eq!(followed.status, 200);
    assert!(
        page.head.contains("frame-ancestors 'none'"),
        "{}",
        page.head
    );

    // The same request from the editor's page is carried out: the refusals
    // above were about where they came from.
    thread::sleep(Duration::from_millis(300));
    assert_eq!(snapshot(f.root()), before, "nothing was written");
    let allowed = with(&[]);
    assert_eq!(allowed.status, 200, "{}", allowed.body);
    assert_eq!(f.read("content/cases/bogota.es.md"), "overwritten");
    // localhost and [::1] name this server too.
    for host in [format!("localhost:{port}"), format!("[::1]:{port}")] {
        let r = with(&[
            ("Host", Some(host.clone())),
            ("Origin", Some(format!("http://{host}"))),
        ]);
        assert_eq!(r.status, 200, "{host}: {}", r.body);
    }
    let refusals = server
        .log()
        .lines()
        .filter(|l| l.starts_with("editor: refused a request: "))
        .count();
    assert_eq!(
        refusals,
        cases.len() + 6 + 3,
        "each refusal is reported once:\n{}",
        server.log()
    );
}

#[test]
fn a_server_other_computers_can_reach_has_no_editor() {
    let f = Fixture::bundled();
    let server = Server::start(&f, &["--bind", "0.0.0.0"]);
    let start = Instant::now();
    let note = "note: the editor (/admin/) is off: memoria serve listens on 0.0.0.0, which other computers can reach";
    while !server.log().contains(note) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{}",
            server.log()
        );
        thread::sleep(Duration::from_millis(50));
    }
    let before = snapshot(f.root());
    let r = server.api(
        "persistEntry",
        json!({"branch": "main", "dataFiles": [{"slug": "x", "path": "content/cases/bogota.es.md", "raw": "overwritten"}], "assets": [], "options": {}}),
    );
    assert_refused(&r, "the editor (/admin/) is off", "--bind 0.0.0.0");
    let info = server.api("info", Value::Null);
    assert_eq!(info.status, 403);
    let page = server.get("/admin/");
    assert_eq!(page.status, 403);
    assert!(
        page.body.contains("run memoria serve without --bind"),
        "{}",
        page.body
    );
    // The site itself is still served.
    assert_eq!(server.get("/es/").status, 200);
    assert_eq!(snapshot(f.root()), before);
}

#[test]
fn saving_a_case_unchanged_leaves_every_served_file_byte_identical() {
    let f = Fixture::bundled();
    let server = Server::start(&f, &[]);
    let served_before = snapshot(&server.served());
    let rebuilds = server.rebuilds();
    let data_files: Vec<Value> = ["es", "en"]
        .iter()
        .map(|lang| {
            let path = format!("content/cases/aburra-valley.{lang}.md");
            let entry = server.api("getEntry", json!({"branch": "main", "path": path}));
            json!({"slug": "aburra-valley", "path": path, "raw": entry.json()["data"]})
        })
        .collect();
    let sources_before = snapshot(f.root());
    let saved = server.api(
        "persistEntry",
        json!({"branch": "main", "dataFiles": data_files, "assets": [], "options": {}}),
    );
    assert_eq!(saved.status, 200, "{}", saved.body);
    server.wait_for_rebuilds(rebuilds + 1);
    assert_eq!(snapshot(f.root()), sources_before);
    assert_eq!(
        snapshot(&server.served()),
        served_before,
        "every served file is byte for byte the same"
    );
    let last = server
        .log()
        .lines()
        .rfind(|l| l.starts_with("rebuilt in "))
        .unwrap()
        .to_string();
    assert!(last.contains(": 0 files written, 0 removed"), "{last}");
}

#[test]
fn a_hard_link_to_a_file_elsewhere_is_replaced_not_written_through() {
    let f = Fixture::bundled();
    // A file outside content/, and a name for it inside (a hard link).
    f.write("kept-aside.md", CASE_EN);
    let inside = "content/cases/hard-link.en.md";
    std::fs::hard_link(f.root().join("kept-aside.md"), f.root().join(inside)).unwrap();
    let server = Server::start(&f, &[]);
    let edited = CASE_EN.replace("Edited in the browser", "Edited again");
    let saved = server.api(
        "persistEntry",
        json!({"branch": "main", "dataFiles": [{"slug": "hard-link", "path": inside, "raw": edited}], "assets": [], "options": {}}),
    );
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert_eq!(f.read(inside), edited);
    assert_eq!(
        f.read("kept-aside.md"),
        CASE_EN,
        "the other name is untouched"
    );
}

#[test]
fn a_failed_save_leaves_the_old_files() {
    let f = Fixture::bundled();
    let server = Server::start(&f, &[]);
    let before = snapshot(f.root());
    // The second file cannot be written: a file has the name of its folder.
    let r = server.api(
        "persistEntry",
        json!({"branch": "main", "dataFiles": [
            {"slug": "bogota", "path": "content/cases/bogota.es.md", "raw": "lost"},
            {"slug": "bogota", "path": "content/cases/bogota.en.md/inside.md", "raw": "lost"},
        ], "assets": [], "options": {}}),
    );
    assert_eq!(r.status, 500, "{}", r.body);
    assert!(
        r.error()
            .starts_with("cannot save content/cases/bogota.en.md/inside.md: "),
        "{}",
        r.body
    );
    thread::sleep(Duration::from_millis(300));
    assert_eq!(
        snapshot(f.root()),
        before,
        "every old file kept, no temporary file left"
    );
}

#[test]
fn a_save_that_breaks_the_site_shows_the_error_in_the_editor_and_keeps_the_last_good_site() {
    let f = Fixture::bundled();
    let server = Server::start(&f, &[]);
    let path = "content/cases/aburra-valley.en.md";
    let good = f.read(path);
    let page = "/en/cases/aburra-valley/";
    let before = server.get(page);
    assert_eq!(before.status, 200);
    let admin = server.get("/admin/");
    assert!(admin.body.contains("role=\"alert\" hidden"), "no error yet");

    let broken = good
        .replace("country: CO\n", "country: ZZ\n")
        .replace("Aburrá Valley: international", "Broken: international");
    assert_ne!(broken, good);
    let rebuilds = server.rebuilds();
    let saved = server.api(
        "persistEntry",
        json!({"branch": "main", "dataFiles": [{"slug": "aburra-valley", "path": path, "raw": broken}], "assets": [], "options": {}}),
    );
    assert_eq!(saved.status, 200, "{}", saved.body);
    server.wait_for_rebuilds(rebuilds + 1);
    assert!(server.log().contains("rebuild failed"), "{}", server.log());
    // The editor's page shows the error: file, line:column, what to do.
    let admin = server.get("/admin/");
    assert!(
        admin.body.contains(&format!(
            "{path}:4:10: &quot;ZZ&quot; is not an ISO 3166-1 alpha-2 country code"
        )),
        "{}",
        admin.body
    );
    assert!(
        admin.body.contains("help: use the two-letter code"),
        "{}",
        admin.body
    );
    assert!(!admin.body.contains("role=\"alert\" hidden"));
    // The site still shows the last good version.
    let still = server.get(page);
    assert_eq!(still.status, 200);
    assert!(!still.body.contains("Broken: international"));

    // Saving the fix clears the error.
    let fixed = server.api(
        "persistEntry",
        json!({"branch": "main", "dataFiles": [{"slug": "aburra-valley", "path": path, "raw": good}], "assets": [], "options": {}}),
    );
    assert_eq!(fixed.status, 200);
    server.wait_for("/admin/", "clears the error", |r| {
        r.body.contains("role=\"alert\" hidden")
    });
}

#[test]
fn the_editor_s_page_loads_only_this_server_s_files() {
    let f = Fixture::bundled();
    let server = Server::start(&f, &[]);
    let page = server.get("/admin/");
    assert_eq!(page.status, 200);
    let csp = page
        .head
        .lines()
        .find_map(|l| l.strip_prefix("content-security-policy: "))
        .expect("a Content-Security-Policy")
        .to_string();
    assert!(csp.starts_with("default-src 'self';"), "{csp}");
    assert!(!csp.contains("http"), "no other computer: {csp}");
    assert!(csp.contains("connect-src 'self'"), "{csp}");
    // Every script of the page is one of this server's files, and is served.
    for src in page.body.split("src=\"").skip(1) {
        let src = src.split('"').next().unwrap();
        assert!(src.starts_with("/admin/"), "{src}");
        assert_eq!(server.get(src).status, 200, "{src}");
    }
    let bundle = server.get("/admin/decap-cms.js");
    assert!(
        bundle.head.contains("content-type: text/javascript"),
        "{}",
        bundle.head
    );
    // The configuration points the editor to this server's API, at the
    // address the page was opened with.
    let config = server.get("/admin/config.yml");
    assert_eq!(config.status, 200, "{}", config.body);
    assert!(
        config
            .body
            .contains(&format!("url: http://127.0.0.1:{}/api/v1", server.port)),
        "{}",
        config.body
    );
    let by_name = server.raw(
        "GET",
        "/admin/config.yml",
        &[("Host", format!("localhost:{}", server.port))],
        b"",
    );
    assert!(
        by_name
            .body
            .contains(&format!("url: http://localhost:{}/api/v1", server.port)),
        "{}",
        by_name.body
    );
    // The licence comes with the bundle.
    let licence = server.get("/admin/LICENSE");
    assert!(licence.body.contains("MIT License"));
    assert_eq!(server.get("/admin/..%2fCargo.toml").status, 404);
    let redirect = server.get("/admin");
    assert_eq!(redirect.status, 308);
    assert!(redirect.head.contains("location: /admin/"));
}

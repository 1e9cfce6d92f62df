//! `memoria serve` (on 127.0.0.1, the default) answers only requests that
//! name it in their `Host`: a page of another site that points its own host
//! name at 127.0.0.1 (DNS rebinding) can read neither the preview's pages
//! nor its stream of rebuild events, nor the editor.

mod common;

use common::server::Server;
use common::Fixture;

#[test]
fn the_preview_answers_only_at_its_own_addresses() {
    let f = Fixture::bundled();
    let server = Server::start(&f, &[]);
    let port = server.port;
    for path in ["/", "/es/", "/__memoria/events", "/data/cases.json"] {
        for host in [
            format!("evil.example:{port}"),
            format!("127.0.0.1:{}", port + 1),
            "127.0.0.1".to_string(),
        ] {
            let r = server.raw("GET", path, &[("Host", host.clone())], b"");
            assert_eq!(r.status, 403, "{path} for {host}: {}", r.body);
            assert!(
                r.body.contains(&format!(
                    "this preview answers only at http://127.0.0.1:{port}/"
                )),
                "{path}: {}",
                r.body
            );
            assert!(!r.body.contains("<html"), "nothing of the site: {}", r.body);
        }
    }
    // Its own addresses work as before.
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let r = server.raw("GET", "/es/", &[("Host", host.clone())], b"");
        assert_eq!(r.status, 200, "{host}");
        let r = server.raw("GET", "/admin/", &[("Host", host.clone())], b"");
        assert_eq!(r.status, 200, "/admin/ at {host}");
    }
    // The editor's page refuses a rebound Host itself (tests/editor_backend.rs).
    let r = server.raw(
        "GET",
        "/admin/",
        &[("Host", format!("evil.example:{port}"))],
        b"",
    );
    assert_eq!(r.status, 403, "{}", r.body);
    // Each refusal is reported on the terminal, and nothing else went wrong.
    let log = server.log();
    assert!(
        log.contains("serve: refused a request for \"evil.example:"),
        "{log}"
    );
    assert_eq!(server.errors(), Vec::<String>::new(), "{log}");
}

#[test]
fn a_preview_others_can_reach_keeps_answering_any_host() {
    // With --bind on an address of the network, other computers name the
    // server as they reach it; the editor is off there instead.
    let f = Fixture::bundled();
    let server = Server::start(&f, &["--bind", "0.0.0.0"]);
    let r = server.raw(
        "GET",
        "/es/",
        &[("Host", format!("192.0.2.10:{}", server.port))],
        b"",
    );
    assert_eq!(r.status, 200, "{}", r.body);
}

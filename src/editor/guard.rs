//! Who may use the editor. `serve` listens on this computer only, but any
//! web page open in the browser can still send requests to it: a page of
//! another site can post a form to `http://127.0.0.1:1111/`, or send
//! `fetch` requests, and a host name that the attacker's DNS answers first
//! with its own address and then with 127.0.0.1 ("DNS rebinding") even makes
//! the browser treat the reply as the attacker's own. So the editor answers
//! only requests that name this server itself (`Host` is a loopback address
//! with the served port) and, for the API, that come from its own page
//! (`Origin`, when sent, is this server; `Sec-Fetch-Site`, when sent, says
//! same-origin), and that carry JSON (which a form cannot send, and which a page of another origin
//! can send only after a preflight that is never approved: no CORS header
//! is ever sent). The editor's page and its files are given to any request
//! that names this server (a link followed from another site opens the
//! editor): reading them does nothing, and no other page can read them.

use axum::http::{header, HeaderMap};

/// The names under which this computer reaches the server.
const LOOPBACK_HOSTS: [&str; 3] = ["127.0.0.1", "localhost", "[::1]"];

/// The `Host` of a request, when it names this server: `127.0.0.1:PORT`,
/// `localhost:PORT` or `[::1]:PORT`, in lowercase.
pub(crate) fn own_host(headers: &HeaderMap, port: u16) -> Result<String, String> {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_ascii_lowercase)
        .ok_or("the request names no host")?;
    if LOOPBACK_HOSTS.iter().any(|h| host == format!("{h}:{port}")) {
        Ok(host)
    } else {
        Err(format!(
            "the request is for {host:?}, not for this server (127.0.0.1:{port}); the editor answers only at http://127.0.0.1:{port}/admin/"
        ))
    }
}

/// Checks a request to the API: see the module's documentation. Returns the
/// host the request names.
pub(crate) fn api_request(headers: &HeaderMap, port: u16) -> Result<String, String> {
    let host = own_host(headers, port)?;
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("").to_ascii_lowercase();
        let own = LOOPBACK_HOSTS
            .iter()
            .any(|h| origin == format!("http://{h}:{port}"));
        if !own {
            return Err(format!(
                "the request comes from another web page ({origin:?}); only the editor's own page at http://127.0.0.1:{port}/admin/ may use it"
            ));
        }
    }
    if let Some(site) = headers.get("sec-fetch-site") {
        let site = site.to_str().unwrap_or("");
        if site != "same-origin" {
            return Err(format!(
                "the browser says the request comes from another site (Sec-Fetch-Site: {site}); only the editor's own page may use it"
            ));
        }
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if essence != "application/json" {
        return Err(format!(
            "the request is not JSON (Content-Type {content_type:?}); only the editor's own page may use this address"
        ));
    }
    Ok(host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn only_this_server_s_own_page_may_use_the_api() {
        let json = ("content-type", "application/json; charset=utf-8");
        for host in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST:1111",
            "[::1]:1111",
        ] {
            assert!(
                api_request(&headers(&[("host", host), json]), 1111).is_ok(),
                "{host}"
            );
        }
        let ok = headers(&[
            ("host", "127.0.0.1:1111"),
            ("origin", "http://127.0.0.1:1111"),
            ("sec-fetch-site", "same-origin"),
            json,
        ]);
        assert_eq!(api_request(&ok, 1111).unwrap(), "127.0.0.1:1111");
        for bad in [
            headers(&[json]),
            headers(&[("host", "127.0.0.1:2222"), json]),
            headers(&[("host", "127.0.0.1"), json]),
            headers(&[("host", "evil.example:1111"), json]),
            headers(&[
                ("host", "127.0.0.1:1111"),
                ("origin", "http://evil.example"),
                json,
            ]),
            headers(&[("host", "127.0.0.1:1111"), ("origin", "null"), json]),
            headers(&[
                ("host", "127.0.0.1:1111"),
                ("origin", "https://127.0.0.1:1111"),
                json,
            ]),
            headers(&[
                ("host", "127.0.0.1:1111"),
                ("sec-fetch-site", "cross-site"),
                json,
            ]),
            headers(&[
                ("host", "127.0.0.1:1111"),
                ("sec-fetch-site", "same-site"),
                json,
            ]),
            headers(&[("host", "127.0.0.1:1111")]),
            headers(&[("host", "127.0.0.1:1111"), ("content-type", "text/plain")]),
            headers(&[
                ("host", "127.0.0.1:1111"),
                ("content-type", "application/x-www-form-urlencoded"),
            ]),
        ] {
            assert!(api_request(&bad, 1111).is_err(), "{bad:?}");
        }
    }
}

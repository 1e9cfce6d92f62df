//! Downloading a feed over HTTP(S): certificates verified (rustls with the
//! Mozilla roots), a time limit, a size limit, and redirects followed only
//! within the same site.

use std::time::Duration;

use crate::exchange::check::MAX_FEED_BYTES;

/// How many redirects are followed.
const MAX_REDIRECTS: usize = 3;

/// The `User-Agent` sent.
const USER_AGENT: &str = concat!("memoria/", env!("CARGO_PKG_VERSION"), " (network fetch)");

/// The body at `start` within `timeout` (connection, redirects and body
/// included), or why it could not be had.
pub(super) fn get(start: &url::Url, timeout: Duration) -> Result<Vec<u8>, String> {
    let agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        // Redirects are followed here, to check where they lead.
        .max_redirects(0)
        .http_status_as_error(false)
        .user_agent(USER_AGENT)
        .build()
        .new_agent();
    let mut url = start.clone();
    for _ in 0..=MAX_REDIRECTS {
        let mut response = agent
            .get(url.as_str())
            .call()
            .map_err(|e| describe(&e, timeout))?;
        let status = response.status();
        if status.is_redirection() {
            let location = response
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .ok_or_else(|| format!("the server answered {status} without saying where to"))?;
            let next = url.join(location).map_err(|_| {
                format!("the server redirects to \"{location}\", which is not an address")
            })?;
            if next.host_str() != start.host_str()
                || next.port_or_known_default() != start.port_or_known_default()
            {
                return Err(format!(
                    "the server redirects to another site, {next}: memoria only follows redirects within {}",
                    start.host_str().unwrap_or_default()
                ));
            }
            if start.scheme() == "https" && next.scheme() != "https" {
                return Err(format!(
                    "the server redirects to an unencrypted address, {next}"
                ));
            }
            url = next;
            continue;
        }
        if !status.is_success() {
            return Err(format!("the server answered {status}"));
        }
        return response
            .body_mut()
            .with_config()
            .limit(MAX_FEED_BYTES)
            .read_to_vec()
            .map_err(|e| describe(&e, timeout));
    }
    Err(format!(
        "the server redirects more than {MAX_REDIRECTS} times"
    ))
}

/// A request's failure, for people.
fn describe(e: &ureq::Error, timeout: Duration) -> String {
    match e {
        ureq::Error::Timeout(_) => format!("no complete answer within {} s", timeout.as_secs()),
        ureq::Error::BodyExceedsLimit(_) => format!(
            "the feed is larger than the {} MB memoria accepts",
            MAX_FEED_BYTES / 1024 / 1024
        ),
        ureq::Error::HostNotFound => "the server's name is not known (check the address)".into(),
        ureq::Error::ConnectionFailed => "the server could not be reached".into(),
        other => format!("the request failed: {other}"),
    }
}

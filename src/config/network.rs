//! `[network]` in `site.toml`: a network of cities whose portal gathers its
//! members' good practices (`docs/network.md`). Each member is one
//! `[[network.members]]` table:
//!
//! ```toml
//! [[network.members]]
//! name = "Ciudad Ejemplo"
//! country = "PE"
//! feed = "https://memoria.example.org/data/cases.json"
//! ```
//!
//! `feed` is the address of the member's `cases.json`: `https://…`,
//! `http://` only on this computer (127.0.0.1, localhost, ::1), or a path
//! to a file, relative to the site's folder.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::PathBuf;

use serde::Deserialize;

use crate::diagnostics::{closest, Diagnostic, Position};

/// The keys of a `[[network.members]]` table.
const MEMBER_KEYS: [&str; 4] = ["name", "country", "feed", "themes"];

/// The advice for an unknown key `key` of `[network]` (`members.x` inside a member).
pub(super) fn unknown_key_help(key: &str) -> String {
    match key.strip_prefix("members.") {
        Some(k) => match closest(k, MEMBER_KEYS) {
            Some(k) => format!("did you mean `{k}`?"),
            None => format!("a member has {}", MEMBER_KEYS.join(", ")),
        },
        None => {
            "[network] holds `timeout` and the members, each as a [[network.members]] table".into()
        }
    }
}

/// How long `network fetch` waits for one member's feed when `[network]`
/// does not say, in seconds.
pub const DEFAULT_TIMEOUT: u64 = 30;

/// The longest wait `timeout` may ask for, in seconds.
const MAX_TIMEOUT: i64 = 600;

/// The validated `[network]` table.
#[derive(Debug, Clone, Default)]
pub struct Network {
    /// The members, in the order written.
    pub members: Vec<Member>,
    /// How long `network fetch` waits for one member, in seconds.
    pub timeout: u64,
}

/// One member of the network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Its id in the network: its name written as an id (`ciudad-ejemplo`),
    /// which names its cached feed and prefixes its practices' ids.
    pub id: String,
    /// Its name, as written.
    pub name: String,
    /// Its country, an ISO 3166-1 alpha-2 code.
    pub country: String,
    /// Where its feed is.
    pub feed: FeedSource,
    /// Where `feed` is written in `site.toml`, for reports about the member.
    pub feed_position: Option<Position>,
    /// Where `name` is written in `site.toml`.
    pub name_position: Option<Position>,
    /// The member's theme ids mapped onto the network's own (`themes =
    /// { movilidad = "mobility" }`): member theme id → network theme id.
    pub themes: BTreeMap<String, String>,
    /// Where `themes` is written in `site.toml`.
    pub themes_position: Option<Position>,
}

/// Where a member's feed is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedSource {
    /// A web address (`https://`, or `http://` on this computer).
    Web(url::Url),
    /// A file, relative to the site's folder (or absolute).
    File(PathBuf),
}

impl std::fmt::Display for FeedSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FeedSource::Web(u) => write!(f, "{u}"),
            FeedSource::File(p) => write!(f, "{}", crate::diagnostics::display_path(p)),
        }
    }
}

/// `[network]` as written.
#[derive(Deserialize, Default)]
pub(super) struct RawNetwork {
    #[serde(default)]
    members: Vec<RawMember>,
    timeout: Option<i64>,
}

/// `[[network.members]]` as written.
#[derive(Deserialize)]
struct RawMember {
    name: Option<String>,
    country: Option<String>,
    feed: Option<String>,
    themes: Option<BTreeMap<String, String>>,
}

/// True for an address of this computer.
fn is_loopback(host: &url::Host<&str>) -> bool {
    match host {
        url::Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        url::Host::Ipv4(ip) => IpAddr::V4(*ip).is_loopback(),
        url::Host::Ipv6(ip) => IpAddr::V6(*ip).is_loopback(),
    }
}

/// Reads where a feed is, or says why it cannot be used.
fn feed_source(text: &str) -> Result<FeedSource, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("`feed` is empty".into());
    }
    if !t.contains("://") {
        return Ok(FeedSource::File(PathBuf::from(t)));
    }
    let url = url::Url::parse(t).map_err(|e| format!("\"{t}\" is not a web address ({e})"))?;
    match (url.scheme(), url.host()) {
        (_, None) => Err(format!("\"{t}\" has no host")),
        ("https", Some(_)) => Ok(FeedSource::Web(url)),
        ("http", Some(h)) if is_loopback(&h) => Ok(FeedSource::Web(url)),
        ("http", Some(_)) => Err(format!(
            "\"{t}\" is not encrypted: `http://` is only accepted on this computer"
        )),
        (scheme, _) => Err(format!(
            "\"{t}\": `{scheme}://` addresses cannot be fetched"
        )),
    }
}

/// Checks `[network]`; every problem is an error at the line of its key.
pub(super) fn settings(
    raw: Option<RawNetwork>,
    text: &str,
) -> Result<Option<Network>, Vec<Diagnostic>> {
    let Some(raw) = raw else {
        return Ok(None);
    };
    let mut errors = Vec::new();
    let error = |position: Option<Position>, message: String, help: String| {
        Diagnostic::error(super::CONFIG_FILE, message)
            .at(position.or_else(|| table_position(text)))
            .with_source(text)
            .help(help)
    };
    if raw.members.is_empty() {
        errors.push(error(
            None,
            "`[network]` has no members".into(),
            "add one [[network.members]] table per member, with name, country and feed (see docs/network.md)".into(),
        ));
    }
    let timeout = match raw.timeout {
        None => DEFAULT_TIMEOUT,
        Some(t @ 1..=MAX_TIMEOUT) => t as u64,
        Some(t) => {
            errors.push(error(
                super::key_position(text, "network.timeout"),
                format!("`timeout` is {t}: it is the number of seconds to wait for one member, from 1 to {MAX_TIMEOUT}"),
                format!("write e.g. timeout = {DEFAULT_TIMEOUT}, or remove the line ({DEFAULT_TIMEOUT} seconds)"),
            ));
            DEFAULT_TIMEOUT
        }
    };
    let mut members: Vec<Member> = Vec::new();
    for (i, m) in raw.members.into_iter().enumerate() {
        let at = |key: &str| member_position(text, i, key).or_else(|| member_position(text, i, ""));
        let n = i + 1;
        let name = m.name.map(|s| s.trim().to_string()).unwrap_or_default();
        let id = crate::slug::slugify(&name);
        if id.is_empty() {
            errors.push(error(
                at("name"),
                format!("member {n} has no `name`"),
                "write the member's name as readers know it, e.g. name = \"Ciudad Ejemplo\"".into(),
            ));
        } else if let Some(first) = members.iter().find(|o| o.id == id) {
            errors.push(error(
                at("name"),
                format!("member {n}, \"{name}\", has the same id (`{id}`) as \"{}\"", first.name),
                "give each member a different name (add the country or the region if two cities share one)".into(),
            ));
        }
        let country = m
            .country
            .map(|c| c.trim().to_ascii_uppercase())
            .unwrap_or_default();
        if !crate::countries::is_alpha2(&country) {
            errors.push(error(
                at("country"),
                if country.is_empty() {
                    format!("member {n} has no `country`")
                } else {
                    format!("member {n}: \"{country}\" is not an ISO 3166-1 alpha-2 country code")
                },
                "write the two-letter code, e.g. country = \"PE\" for Peru, \"ES\" for Spain"
                    .into(),
            ));
        }
        let feed = match feed_source(m.feed.as_deref().unwrap_or_default()) {
            Ok(f) => Some(f),
            Err(why) => {
                errors.push(error(
                    at("feed"),
                    if m.feed.is_none() {
                        format!("member {n} has no `feed`")
                    } else {
                        format!("member {n}: {why}")
                    },
                    "write the address of the member's cases.json, e.g. feed = \"https://city.example.org/data/cases.json\", or a path to the file in this site's folder".into(),
                ));
                None
            }
        };
        if let Some(feed) = feed {
            members.push(Member {
                id,
                name,
                country,
                feed,
                feed_position: member_position(text, i, "feed"),
                name_position: at("name"),
                themes: m
                    .themes
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                    .collect(),
                themes_position: member_position(text, i, "themes"),
            });
        }
    }
    if errors.is_empty() {
        Ok(Some(Network { members, timeout }))
    } else {
        Err(errors)
    }
}

/// Where the `[network]` table (or its first member) begins.
fn table_position(text: &str) -> Option<Position> {
    text.lines().enumerate().find_map(|(i, line)| {
        let header = line
            .trim()
            .trim_matches(|c: char| c == '[' || c == ']' || c == ' ');
        (line.trim_start().starts_with('[') && (header == "network" || header == "network.members"))
            .then(|| Position::new(i + 1, 1))
    })
}

/// Where the value of `key` of the `index`-th `[[network.members]]` is set
/// (its header when `key` is empty).
fn member_position(text: &str, index: usize, key: &str) -> Option<Position> {
    super::array_table_key(text, "network.members", index, key)
        .map(|(line, _, value)| Position::new(line, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_are_https_loopback_http_or_files() {
        assert!(matches!(
            feed_source("https://a.example.org/data/cases.json"),
            Ok(FeedSource::Web(_))
        ));
        assert!(matches!(
            feed_source("http://127.0.0.1:8080/data/cases.json"),
            Ok(FeedSource::Web(_))
        ));
        assert!(matches!(
            feed_source("http://localhost/data/cases.json"),
            Ok(FeedSource::Web(_))
        ));
        assert!(matches!(
            feed_source("http://[::1]:9/cases.json"),
            Ok(FeedSource::Web(_))
        ));
        assert!(feed_source("http://a.example.org/data/cases.json").is_err());
        assert!(feed_source("ftp://a.example.org/cases.json").is_err());
        assert!(matches!(
            feed_source("members/lima.json"),
            Ok(FeedSource::File(_))
        ));
    }
}

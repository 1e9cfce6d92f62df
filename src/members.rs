//! A network's members and their practices as `build` reads them: only from
//! the cache that `memoria network fetch` fills and the site commits,
//! never from the internet, so a portal builds offline and the same
//! sources give the same pages.
//!
//! The cache is the folder `network/`: `network/<member-id>.json`, each
//! member's last accepted feed exactly as it was received, and
//! `network/fetched.json`, when each was fetched, from where, and its
//! SHA-256.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::config::{Config, Member, CONFIG_FILE};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::exchange::{check, Feed};

/// The cache folder, inside the site's folder.
pub const CACHE_DIR: &str = "network";

/// The record of the fetched feeds, inside [`CACHE_DIR`].
pub const RECORD_FILE: &str = "fetched.json";

/// What is recorded of one member's cached feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Where it was fetched from.
    pub source: String,
    /// When, in UTC (`2026-11-30T15:40:00Z`).
    pub fetched: String,
    /// The SHA-256 of the file, in hexadecimal.
    pub sha256: String,
}

/// The records, by member id.
pub type RecordMap = BTreeMap<String, Record>;

/// The record of the site at `root` (none when there is none yet or it
/// cannot be read).
pub fn read_record(root: &Path) -> Option<RecordMap> {
    let text = std::fs::read_to_string(root.join(CACHE_DIR).join(RECORD_FILE)).ok()?;
    serde_json::from_str(&text).ok()
}

/// The SHA-256 of `bytes`, in hexadecimal.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A member of the network with its practices, from its cached feed.
#[derive(Debug, Clone)]
pub(crate) struct MemberFeed {
    /// The member, as `site.toml` lists it.
    pub(crate) member: Member,
    /// When its feed was fetched, in UTC (`2026-11-30T15:40:00Z`).
    pub(crate) fetched: String,
    /// Its feed.
    pub(crate) feed: Feed,
    /// The feed's bytes as received, which the portal publishes as they are.
    pub(crate) bytes: Vec<u8>,
}

impl MemberFeed {
    /// The day its feed was fetched (`2026-11-30`).
    pub(crate) fn fetched_day(&self) -> &str {
        self.fetched.get(..10).unwrap_or(&self.fetched)
    }
}

/// The cached feed of every member of the network of `config` (none when
/// the site is not a network), in the order of `site.toml`. A member
/// without a usable copy is a warning, and the portal is built without it.
pub(crate) fn load(root: &Path, config: &Config, diags: &mut Diagnostics) -> Vec<MemberFeed> {
    let Some(network) = &config.network else {
        return Vec::new();
    };
    let record = read_record(root).unwrap_or_default();
    let text = std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap_or_default();
    let mut out = Vec::new();
    for member in &network.members {
        let file = Path::new(CACHE_DIR).join(format!("{}.json", member.id));
        let Some(r) = record.get(&member.id) else {
            diags.push(
                Diagnostic::warning(
                    CONFIG_FILE,
                    format!(
                        "member \"{}\" has no copy of its feed yet: the portal lists none of its practices",
                        member.name
                    ),
                )
                .at(member.feed_position)
                .with_source(&text)
                .help("run `memoria network fetch` in the site's folder, then commit the folder network/"),
            );
            continue;
        };
        let bytes = match std::fs::read(root.join(&file)) {
            Ok(b) => b,
            Err(e) => {
                diags.push(
                    Diagnostic::warning(&file, format!("the copy of member \"{}\"'s feed cannot be read: {e}", member.name))
                        .help("run `memoria network fetch` again to fetch it, then commit the folder network/"),
                );
                continue;
            }
        };
        if sha256_hex(&bytes) != r.sha256 {
            diags.push(
                Diagnostic::warning(
                    &file,
                    format!(
                        "the copy of member \"{}\"'s feed is not the one fetched on {} (its SHA-256 differs from network/{RECORD_FILE}): it was changed by hand",
                        member.name, r.fetched
                    ),
                )
                .help("run `memoria network fetch` again to replace it with the member's feed; the portal lists none of its practices until then"),
            );
            continue;
        }
        match check::read(&bytes) {
            Ok(feed) => out.push(MemberFeed {
                member: member.clone(),
                fetched: r.fetched.clone(),
                feed,
                bytes,
            }),
            Err(reasons) => diags.push(
                Diagnostic::warning(
                    &file,
                    format!(
                        "the copy of member \"{}\"'s feed cannot be used: {}",
                        member.name,
                        reasons.join("; ")
                    ),
                )
                .help("run `memoria network fetch` again; the portal lists none of its practices until then"),
            ),
        }
    }
    out
}

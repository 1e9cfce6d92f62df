//! The cache of a network's portal: `network/<member-id>.json`, each
//! member's last accepted feed exactly as it was received, and
//! `network/fetched.json`, when each was fetched, from where, and its
//! SHA-256. Both are committed with the site.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::config::Member;

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

/// A member's cached feed, as `build` reads it.
#[derive(Debug, Clone)]
pub struct CachedMember {
    /// Its record.
    pub record: Record,
    /// The feed's bytes.
    pub bytes: Vec<u8>,
}

/// The current time in UTC, to the second.
pub(super) fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

/// The record of the site at `root` (empty when there is none yet).
pub fn read_record(root: &Path) -> Option<RecordMap> {
    let text = std::fs::read_to_string(root.join(CACHE_DIR).join(RECORD_FILE)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Writes the record, sorted by member id, ending in a newline.
pub(super) fn write_record(root: &Path, record: &RecordMap) -> std::io::Result<()> {
    let dir = root.join(CACHE_DIR);
    std::fs::create_dir_all(&dir)?;
    let mut text = serde_json::to_string_pretty(record).unwrap_or_default();
    text.push('\n');
    std::fs::write(dir.join(RECORD_FILE), text)
}

/// Keeps `bytes` as `member`'s feed, fetched `now`: the file is replaced
/// whole (written beside it, then renamed), so a failure leaves the last
/// good copy.
pub(super) fn store(
    root: &Path,
    record: &mut RecordMap,
    member: &Member,
    bytes: &[u8],
    now: &str,
) -> std::io::Result<()> {
    let dir = root.join(CACHE_DIR);
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("{}.json", member.id));
    let sha256 = hex(&Sha256::digest(bytes));
    let unchanged = record.get(&member.id).is_some_and(|r| r.sha256 == sha256) && path.exists();
    if !unchanged {
        let mut temp = tempfile::NamedTempFile::new_in(&dir)?;
        std::io::Write::write_all(&mut temp, bytes)?;
        temp.persist(&path).map_err(|e| e.error)?;
    }
    record.insert(
        member.id.clone(),
        Record {
            source: member.feed.to_string(),
            fetched: now.to_string(),
            sha256,
        },
    );
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The cached feed of member `id`, when it is there and matches its record.
pub fn read_member(root: &Path, record: &RecordMap, id: &str) -> Option<CachedMember> {
    let r = record.get(id)?;
    let bytes = std::fs::read(root.join(CACHE_DIR).join(format!("{id}.json"))).ok()?;
    (hex(&Sha256::digest(&bytes)) == r.sha256).then(|| CachedMember {
        record: r.clone(),
        bytes,
    })
}

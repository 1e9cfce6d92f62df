//! The cache of a network's portal: `network/<member-id>.json`, each
//! member's last accepted feed exactly as it was received, and
//! `network/fetched.json`, when each was fetched, from where, and its
//! SHA-256. Both are committed with the site.

use std::path::Path;

use crate::config::Member;
use crate::members::sha256_hex as hex;
pub use crate::members::{read_record, Record, RecordMap, CACHE_DIR, RECORD_FILE};

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
    let sha256 = hex(bytes);
    // The copy is rewritten unless it is already exactly these bytes (a
    // copy changed by hand is replaced even when the record matches).
    let unchanged = std::fs::read(&path).is_ok_and(|old| hex(&old) == sha256);
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

//! `memoria network fetch`: downloads the feed of every member of a network
//! (`[network]` in `site.toml`) into the site's cache folder, `network/`,
//! which is committed with the site; `build` reads only that folder, so a
//! portal builds offline and the same sources give the same pages.
//!
//! A member that cannot be fetched, or whose feed is refused, is reported
//! with the reason, and its last good copy stays in the cache.

pub mod cache;
mod download;

use std::path::Path;

use crate::config::{self, FeedSource, Member};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::exchange::check;

pub use cache::{Record, CACHE_DIR, RECORD_FILE};

/// What `network fetch` did for one member.
#[derive(Debug)]
pub struct MemberFetch {
    /// The member's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// How many practices its feed has, when it was fetched and accepted.
    pub cases: Option<usize>,
}

/// What `network fetch` did.
#[derive(Debug, Default)]
pub struct FetchReport {
    /// Each member, in the order of `site.toml`.
    pub members: Vec<MemberFetch>,
    /// The problems: one error per member that could not be fetched or
    /// whose feed was refused.
    pub diagnostics: Diagnostics,
}

/// Fetches every member's feed of the site at `root` into its cache.
/// Problems with `site.toml` itself are returned as the error.
pub fn fetch(root: &Path) -> Result<FetchReport, Diagnostics> {
    let mut diags = Diagnostics::new();
    let Some(config) = config::load(root, &mut diags) else {
        return Err(diags);
    };
    let Some(network) = config.network.as_ref() else {
        diags.push(
            Diagnostic::error(config::CONFIG_FILE, "this site is not a network: `site.toml` has no [network]")
                .help("add one [[network.members]] table per member, with name, country and feed (see docs/network.md)"),
        );
        return Err(diags);
    };
    let text = std::fs::read_to_string(root.join(config::CONFIG_FILE)).unwrap_or_default();
    let mut record = cache::read_record(root).unwrap_or_default();
    let mut report = FetchReport {
        diagnostics: diags,
        ..FetchReport::default()
    };
    let now = cache::now();
    for member in &network.members {
        let outcome = fetch_one(root, member, network.timeout)
            .and_then(|bytes| check::read(&bytes).map(|feed| (bytes, feed)));
        let cases = match outcome {
            Ok((bytes, feed)) => match cache::store(root, &mut record, member, &bytes, &now) {
                Ok(()) => Some(feed.cases.len()),
                Err(e) => {
                    report.diagnostics.push(member_error(
                        &text,
                        member,
                        vec![format!("its feed could not be saved in {CACHE_DIR}/: {e}")],
                        &record,
                    ));
                    None
                }
            },
            Err(reasons) => {
                report
                    .diagnostics
                    .push(member_error(&text, member, reasons, &record));
                None
            }
        };
        report.members.push(MemberFetch {
            id: member.id.clone(),
            name: member.name.clone(),
            cases,
        });
    }
    // Members no longer listed leave the record (their files stay until
    // removed by hand: nothing is deleted behind the network's back).
    record.retain(|id, _| network.members.iter().any(|m| &m.id == id));
    if let Err(e) = cache::write_record(root, &record) {
        report.diagnostics.push(
            Diagnostic::error(
                Path::new(CACHE_DIR).join(RECORD_FILE),
                format!("the record of the fetched feeds could not be written: {e}"),
            )
            .help("check that the site's folder can be written to"),
        );
    }
    Ok(report)
}

/// The bytes of `member`'s feed, or why they could not be had.
fn fetch_one(root: &Path, member: &Member, timeout: u64) -> Result<Vec<u8>, Vec<String>> {
    match &member.feed {
        FeedSource::Web(url) => {
            download::get(url, std::time::Duration::from_secs(timeout)).map_err(|e| vec![e])
        }
        FeedSource::File(path) => {
            let path = root.join(path);
            let size = std::fs::metadata(&path)
                .map_err(|e| vec![format!("{} cannot be read: {e}", path.display())])?
                .len();
            if size > check::MAX_FEED_BYTES {
                return Err(vec![format!(
                    "the feed is {size} bytes, more than the {} MB memoria accepts",
                    check::MAX_FEED_BYTES / 1024 / 1024
                )]);
            }
            std::fs::read(&path)
                .map_err(|e| vec![format!("{} cannot be read: {e}", path.display())])
        }
    }
}

/// The error about `member`, at its `feed` in `site.toml`, saying whether a
/// last good copy is kept.
fn member_error(
    text: &str,
    member: &Member,
    reasons: Vec<String>,
    record: &cache::RecordMap,
) -> Diagnostic {
    let reasons = reasons.join("; ");
    let kept = match record.get(&member.id) {
        Some(r) => format!(
            "its last good copy, fetched {}, is kept and the portal is built from it",
            r.fetched
        ),
        None => {
            "it has no copy yet: the portal lists no practice of it until one is fetched".into()
        }
    };
    Diagnostic::error(
        config::CONFIG_FILE,
        format!(
            "member \"{}\": its feed {} was not taken: {reasons}",
            member.name, member.feed
        ),
    )
    .at(member.feed_position)
    .with_source(text)
    .help(format!(
        "{kept}; check the address, or ask the member to check its cases.json against docs/schemas/cases.schema.json, then run `memoria network fetch` again"
    ))
}

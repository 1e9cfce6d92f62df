//! Reading a feed that comes from elsewhere (a member of a network): its
//! size, its JSON, its profile, its types, and what the types alone do not
//! say (ids, country codes, goals, targets, addresses). Everything in it is
//! untrusted: the reasons a feed is refused quote it only shortened.

use std::collections::BTreeSet;

use serde::Deserialize;

use super::{Feed, PROFILE};

/// The largest feed accepted, in bytes (a feed of a thousand practices in
/// three languages is about 5 MB).
pub const MAX_FEED_BYTES: u64 = 16 * 1024 * 1024;

/// At most this many reasons are given for one feed.
const MAX_REASONS: usize = 10;

/// Just the profile of a feed, read before the rest.
#[derive(Deserialize)]
struct ProfileOnly {
    profile: Option<serde_json::Value>,
}

/// `text` cut to 60 characters, for quoting untrusted values.
fn short(text: &str) -> String {
    let mut out: String = text.chars().take(60).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

/// Reads a feed from `bytes`, or says why it cannot be used (one reason per
/// fault, at most [`MAX_REASONS`]).
pub fn read(bytes: &[u8]) -> Result<Feed, Vec<String>> {
    if bytes.len() as u64 > MAX_FEED_BYTES {
        return Err(vec![format!(
            "the feed is {} bytes, more than the {} MB memoria accepts",
            bytes.len(),
            MAX_FEED_BYTES / 1024 / 1024
        )]);
    }
    let head: ProfileOnly = serde_json::from_slice(bytes)
        .map_err(|e| vec![format!("the feed is not valid JSON: {e}")])?;
    match head.profile {
        Some(serde_json::Value::String(p)) if p == PROFILE => {}
        Some(serde_json::Value::String(p)) => {
            return Err(vec![format!(
                "the feed is in profile \"{}\", which this version of memoria does not read (it reads {PROFILE})",
                short(&p)
            )])
        }
        Some(_) => return Err(vec!["`profile` is not a text".into()]),
        None => {
            return Err(vec![format!(
                "the feed has no `profile`: it should say \"profile\": \"{PROFILE}\""
            )])
        }
    }
    let feed: Feed = serde_json::from_slice(bytes)
        .map_err(|e| vec![format!("the feed does not follow {PROFILE}: {e}")])?;
    let mut reasons = Vec::new();
    check(&feed, &mut reasons);
    if reasons.len() > MAX_REASONS {
        let more = reasons.len() - MAX_REASONS;
        reasons.truncate(MAX_REASONS);
        reasons.push(format!("and {more} more"));
    }
    if reasons.is_empty() {
        Ok(feed)
    } else {
        Err(reasons)
    }
}

/// True for an `http://` or `https://` address with a host.
fn is_web_address(text: &str) -> bool {
    url::Url::parse(text)
        .map(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
        .unwrap_or(false)
}

/// The faults of `feed` the types do not catch.
fn check(feed: &Feed, reasons: &mut Vec<String>) {
    if !is_web_address(&feed.site.url) {
        reasons.push(format!(
            "`site.url` \"{}\" is not a web address",
            short(&feed.site.url)
        ));
    }
    let mut ids = BTreeSet::new();
    for (i, case) in feed.cases.iter().enumerate() {
        let name = format!("practice {} (`{}`)", i + 1, short(&case.id));
        if crate::slug::validate(&case.id).is_err() {
            reasons.push(format!(
                "{name}: the id is not written with small letters, digits and hyphens"
            ));
        } else if !ids.insert(case.id.as_str()) {
            reasons.push(format!("{name}: another practice has the same id"));
        }
        if !crate::countries::is_alpha2(&case.country) {
            reasons.push(format!(
                "{name}: \"{}\" is not an ISO 3166-1 alpha-2 country code",
                short(&case.country)
            ));
        }
        for sdg in &case.sdgs {
            if !(1..=17).contains(&sdg.0) {
                reasons.push(format!("{name}: {} is not a goal (1 to 17)", sdg.0));
            }
        }
        for target in &case.sdg_targets {
            if crate::sdg::sdg_target_goal(target).is_none() {
                reasons.push(format!(
                    "{name}: \"{}\" is not a target of the goals",
                    short(target)
                ));
            }
        }
        if case.translations.is_empty() {
            reasons.push(format!("{name}: it has no translation"));
        }
        for (lang, t) in &case.translations {
            if !is_web_address(&t.url) {
                reasons.push(format!(
                    "{name}, `{}`: \"{}\" is not a web address",
                    short(lang),
                    short(&t.url)
                ));
            }
            if t.title.trim().is_empty() {
                reasons.push(format!("{name}, `{}`: the title is empty", short(lang)));
            }
        }
    }
}

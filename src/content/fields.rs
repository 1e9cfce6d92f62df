//! Field types shared by several content types: SDG numbers, term ids,
//! country codes, references to other content.

use crate::yaml::{FromYaml, Reader};

/// A Sustainable Development Goal number.
pub struct Sdg(pub u8);

impl FromYaml for Sdg {
    const EXAMPLE: &'static str = "11";
    fn from_yaml(reader: &Reader<'_>, path: &str, value: &serde_yaml::Value) -> Option<Self> {
        match value.as_i64() {
            Some(n @ 1..=17) => Some(Sdg(n as u8)),
            _ => {
                reader.error(
                    path,
                    format!("`{path}` must be a Sustainable Development Goal number from 1 to 17, not {}", crate::yaml::describe(value)),
                    Some("write the goal's number only, e.g. sdgs: [11, 17]".into()),
                );
                None
            }
        }
    }
}

/// A theme id such as `decentralized-cooperation`.
pub struct TermId(pub String);

impl FromYaml for TermId {
    const EXAMPLE: &'static str = "city-networks";
    fn from_yaml(reader: &Reader<'_>, path: &str, value: &serde_yaml::Value) -> Option<Self> {
        let text = String::from_yaml(reader, path, value)?;
        match crate::slug::validate(&text) {
            Ok(()) => Some(TermId(text)),
            Err(e) => {
                let better = crate::slug::slugify(&text);
                reader.error(
                    path,
                    format!("the id \"{text}\" cannot be used: {}", e.message),
                    Some(format!("ids are the same in every language and written like `{}`; their labels are translated elsewhere", if better.is_empty() { "city-networks".into() } else { better })),
                );
                None
            }
        }
    }
}

/// An ISO 3166-1 alpha-2 country code.
pub struct Country(pub String);

impl FromYaml for Country {
    const EXAMPLE: &'static str = "MX";
    fn from_yaml(reader: &Reader<'_>, path: &str, value: &serde_yaml::Value) -> Option<Self> {
        let text = String::from_yaml(reader, path, value)?;
        let upper = text.trim().to_ascii_uppercase();
        if crate::countries::is_alpha2(&upper) {
            if upper != text.trim() {
                reader.warning(
                    path,
                    format!("country codes are written in capitals: {upper}"),
                    None,
                );
            }
            Some(Country(upper))
        } else {
            reader.error(
                path,
                format!("\"{text}\" is not an ISO 3166-1 alpha-2 country code"),
                Some("use the two-letter code, e.g. MX for Mexico, CO for Colombia, ES for Spain, FR for France".into()),
            );
            None
        }
    }
}

/// Sorts and removes repeated SDG numbers.
pub fn sdg_numbers(sdgs: Vec<Sdg>) -> Vec<u8> {
    let mut v: Vec<u8> = sdgs.into_iter().map(|s| s.0).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// A link to a document: a web address (http or https) or a path on the site.
pub struct DocumentLink(pub String);

impl FromYaml for DocumentLink {
    const EXAMPLE: &'static str = "https://example.org/agreement.pdf";
    fn from_yaml(reader: &Reader<'_>, path: &str, value: &serde_yaml::Value) -> Option<Self> {
        let text = String::from_yaml(reader, path, value)?;
        let t = text.trim();
        let ok = (t.starts_with("https://") || t.starts_with("http://") || t.starts_with('/'))
            && !t.contains(char::is_whitespace);
        if ok {
            Some(DocumentLink(t.to_string()))
        } else {
            reader.error(path, format!("\"{text}\" is not a web address"), Some("write the full address starting with https://, or a path on this site starting with /".into()));
            None
        }
    }
}

pub use crate::sdg::{sdg_target_goal, sdg_targets_of, SDG_TARGET_PATTERN};

/// How an e-mail address is written (what [`Email`] accepts).
pub const EMAIL_PATTERN: &str = "^[^@\\s]+@[^@\\s.][^@\\s]*\\.[^@\\s]*[^@\\s.]$";

/// A target of a Sustainable Development Goal, such as `11.3`.
pub struct SdgTarget(pub String);

impl FromYaml for SdgTarget {
    const EXAMPLE: &'static str = "\"11.3\"";
    fn from_yaml(reader: &Reader<'_>, path: &str, value: &serde_yaml::Value) -> Option<Self> {
        // `11.3` unquoted is read as a number; its text is the same.
        let text = crate::yaml::scalar_text(value).unwrap_or_default();
        let text = text.trim().to_ascii_lowercase();
        if let Some(goal) = sdg_target_goal(&text) {
            // Unquoted, 8.10 is the number 8.1: ask for quotes where it matters.
            if value.is_number() && crate::sdg::numbered_targets(goal) >= 10 {
                reader.error(
                    path,
                    format!("the target {text} must be written between quotes"),
                    Some(format!("without quotes {goal}.10 and {goal}.1 are the same number; write \"{text}\" (or \"{goal}.10\")")),
                );
                return None;
            }
            return Some(SdgTarget(text));
        }
        let goal = text
            .split_once('.')
            .and_then(|(g, _)| g.parse::<u8>().ok())
            .filter(|g| (1..=17).contains(g));
        let help = match goal {
            Some(g) => format!("the targets of goal {g} are {}; write one of them, e.g. sdg_targets: [\"{g}.1\"]", sdg_targets_of(g)),
            None => "write the goal's number, a dot and the target's number or letter, e.g. sdg_targets: [\"11.3\", \"11.a\"]".into(),
        };
        reader.error(
            path,
            format!(
                "{} is not a target of the Sustainable Development Goals",
                crate::yaml::describe(value)
            ),
            Some(help),
        );
        None
    }
}

/// An e-mail address.
pub struct Email(pub String);

impl FromYaml for Email {
    const EXAMPLE: &'static str = "office@example.org";
    fn from_yaml(reader: &Reader<'_>, path: &str, value: &serde_yaml::Value) -> Option<Self> {
        let text = String::from_yaml(reader, path, value)?;
        let t = text.trim();
        let parts: Vec<&str> = t.split('@').collect();
        let ok = parts.len() == 2
            && !parts[0].is_empty()
            && parts[1].contains('.')
            && !parts[1].starts_with('.')
            && !parts[1].ends_with('.')
            && !t.contains(char::is_whitespace);
        if ok {
            Some(Email(t.to_string()))
        } else {
            reader.error(
                path,
                format!("\"{text}\" is not an e-mail address"),
                Some("write the whole address, a name, @ and the domain, e.g. relaciones.internacionales@example.org".into()),
            );
            None
        }
    }
}

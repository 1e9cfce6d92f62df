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

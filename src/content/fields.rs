//! Field types shared by several content types: SDG numbers, term ids,
//! country codes, references to other content.

use crate::yaml::model::{Field, Kind};
use crate::yaml::{FromYaml, Reader};

/// The fields of an amount of money.
pub const MONEY_FIELDS: &[Field] = &[
    Field::required(
        "value",
        Kind::Number,
        "The amount, in digits with a dot for decimals.",
    ),
    Field::required(
        "currency",
        Kind::Currency,
        "The currency, as its three-letter ISO code (EUR, USD, MXN…).",
    ),
];

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

/// An amount of money in an ISO 4217 currency: `{ value: 250000, currency: EUR }`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Money {
    /// The amount.
    pub value: f64,
    /// The ISO 4217 code, uppercase.
    pub currency: String,
}

impl FromYaml for Money {
    const EXAMPLE: &'static str = "{ value: 250000, currency: EUR }";
    fn from_yaml(reader: &Reader<'_>, path: &str, value: &serde_yaml::Value) -> Option<Self> {
        let mut map = reader.mapping(value, path)?;
        let amount = map.required::<f64>("value");
        let currency = map.required::<String>("currency");
        map.finish();
        let currency = currency.and_then(|c| {
            let upper = c.trim().to_ascii_uppercase();
            if crate::currencies::is_code(&upper) {
                Some(upper)
            } else {
                reader.error(
                    &format!("{path}.currency"),
                    format!("\"{c}\" is not an ISO 4217 currency code"),
                    Some("use the three-letter code, e.g. EUR, USD, MXN, COP, PEN, UYU".into()),
                );
                None
            }
        });
        if let Some(v) = amount {
            if v < 0.0 {
                reader.error(
                    &format!("{path}.value"),
                    "an amount cannot be negative",
                    None,
                );
                return None;
            }
        }
        Some(Money {
            value: amount?,
            currency: currency?,
        })
    }
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

//! Good practices: case studies that capitalise an experience.
//!
//! `content/cases/<id>.<lang>.md`; the front matter fields are documented in
//! `docs/content-format.md`.

use chrono::NaiveDate;
use serde::Serialize;

use super::markdown_file::Meta;
use crate::yaml::{FromYaml, MapReader, Reader};
use crate::yaml_enum;

yaml_enum!(
    /// The reach of the experience.
    Scale {
        /// Within the city.
        Local = "local",
        /// A region or metropolitan area.
        Regional = "regional",
        /// Between countries.
        International = "international",
    }
);

yaml_enum!(
    /// The dimension of international action the case strengthens.
    Dimension {
        /// Structures, capacities and coordination of the city government.
        Institutional = "institutional",
        /// Positioning, advocacy and political will.
        Political = "political",
        /// Effects on the territory and its people.
        Territorial = "territorial",
    }
);

/// The front matter of a case study.
#[derive(Debug, Clone, Serialize)]
pub struct CaseMeta {
    /// Title in this language.
    pub title: String,
    /// The city or organisation, as written in this language.
    pub city: String,
    /// ISO 3166-1 alpha-2 code, uppercase.
    pub country: String,
    /// Publication date.
    pub date: NaiveDate,
    /// Reach of the experience.
    pub scale: Scale,
    /// Dimension of international action.
    pub dimension: Dimension,
    /// Theme ids (translated through the vocabulary).
    pub themes: Vec<String>,
    /// Sustainable Development Goals, 1 to 17.
    pub sdgs: Vec<u8>,
    /// Institutions and people involved.
    pub actors: Vec<String>,
    /// One or two sentences.
    pub summary: String,
    /// Key lessons.
    pub lessons: Vec<String>,
}

/// A Sustainable Development Goal number.
struct Sdg(u8);

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
pub(crate) struct TermId(pub String);

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
                    format!("the id \"{text}\" cannot be used: {e}"),
                    Some(format!("ids are the same in every language and written like `{}`; their labels are translated elsewhere", if better.is_empty() { "city-networks".into() } else { better })),
                );
                None
            }
        }
    }
}

/// An ISO 3166-1 alpha-2 country code.
struct Country(String);

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

impl Meta for CaseMeta {
    const FIELDS: &'static str =
        "title, city, country, date, scale, dimension, themes, sdgs, actors, summary";

    fn read(map: &mut MapReader<'_, '_>) -> Option<Self> {
        let title = map.required::<String>("title");
        let city = map.required::<String>("city");
        let country = map.required::<Country>("country");
        let date = map.required::<NaiveDate>("date");
        let scale = map.required::<Scale>("scale");
        let dimension = map.required::<Dimension>("dimension");
        let themes = map.required::<Vec<TermId>>("themes");
        let sdgs = map.required::<Vec<Sdg>>("sdgs");
        let actors = map.required::<Vec<String>>("actors");
        let summary = map.required::<String>("summary");
        let lessons = map.optional::<Vec<String>>("lessons").unwrap_or_default();
        if let Some(d) = date {
            crate::content::check_date_range(map, "date", d);
        }
        Some(CaseMeta {
            title: title?,
            city: city?,
            country: country?.0,
            date: date?,
            scale: scale?,
            dimension: dimension?,
            themes: themes?.into_iter().map(|t| t.0).collect(),
            sdgs: dedup_sorted(sdgs?.into_iter().map(|s| s.0).collect()),
            actors: actors?,
            summary: summary?,
            lessons,
        })
    }

    fn title(&self) -> &str {
        &self.title
    }
}

fn dedup_sorted(mut v: Vec<u8>) -> Vec<u8> {
    v.sort_unstable();
    v.dedup();
    v
}

/// Fields that must agree between the translations of a case, with their
/// values, so a disagreement can be reported.
pub fn shared_fields(meta: &CaseMeta) -> [(&'static str, String); 6] {
    [
        ("country", meta.country.clone()),
        ("date", meta.date.to_string()),
        ("scale", meta.scale.to_string()),
        ("dimension", meta.dimension.to_string()),
        ("themes", meta.themes.join(", ")),
        (
            "sdgs",
            meta.sdgs
                .iter()
                .map(u8::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
    ]
}

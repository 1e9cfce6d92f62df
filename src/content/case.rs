//! Good practices: case studies that capitalise an experience.
//!
//! `content/cases/<id>.<lang>.md`; the front matter fields are documented in
//! `docs/content-format.md`.

use chrono::NaiveDate;
use serde::Serialize;

use super::fields::{Country, Sdg, TermId};
use super::markdown_file::Meta;
use crate::yaml::model::{Choice, Field, Kind, Target};
use crate::yaml::{Located, MapReader, YamlEnum};
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

/// The fields of a case's front matter (besides `slug` and `draft`, which
/// every Markdown file has): the one list the loader, the JSON Schema and
/// the editor follow.
pub const FIELDS: &[Field] = &[
    Field::required(
        "title",
        Kind::Line,
        "The practice's title in this language.",
    ),
    Field::required(
        "city",
        Kind::Line,
        "The city or organisation, as written in this language.",
    )
    .words("case_city"),
    Field::required(
        "country",
        Kind::Country,
        "The country, as its two-letter ISO code (MX, CO, ES…).",
    ),
    Field::required("date", Kind::Date, "The date of publication.").words("case_date"),
    Field::required(
        "scale",
        Kind::Choice(Choice {
            ids: <Scale as YamlEnum>::IDS,
            words: "scale_",
        }),
        "The reach of the experience.",
    )
    .words("case_scale"),
    Field::required(
        "dimension",
        Kind::Choice(Choice {
            ids: <Dimension as YamlEnum>::IDS,
            words: "dimension_",
        }),
        "The dimension of international action it strengthens.",
    )
    .words("case_dimension"),
    Field::required(
        "themes",
        Kind::List(&Kind::Theme),
        "Themes of the vocabulary.",
    )
    .words("case_themes"),
    Field::required(
        "sdgs",
        Kind::List(&Kind::Sdg),
        "Sustainable Development Goals, by number.",
    )
    .words("case_sdgs"),
    Field::required(
        "actors",
        Kind::List(&Kind::Line),
        "Institutions and people involved.",
    )
    .words("case_actors"),
    Field::required(
        "summary",
        Kind::Paragraph,
        "One or two sentences that sum the practice up.",
    ),
    Field::optional(
        "lessons",
        Kind::List(&Kind::Paragraph),
        "Key lessons, one per item.",
    )
    .words("case_lessons"),
    Field::optional(
        "indicators",
        Kind::List(&Kind::Ref(Target::Indicators)),
        "Indicators that measure this practice.",
    )
    .words("case_indicators"),
    super::translation::TRANSLATION,
    super::translation::TRANSLATED_FROM,
];

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
    pub themes: Vec<Located<String>>,
    /// Sustainable Development Goals, 1 to 17.
    pub sdgs: Vec<u8>,
    /// Institutions and people involved.
    pub actors: Vec<String>,
    /// One or two sentences.
    pub summary: String,
    /// Key lessons.
    pub lessons: Vec<String>,
    /// Ids of the indicators that measure this practice.
    pub indicators: Vec<Located<String>>,
    /// Who translated this text, when it says.
    pub translation: Option<super::translation::Translation>,
    /// The source this translation was made from, as recorded.
    #[serde(skip)]
    pub translated_from: Option<super::translation::TranslatedFrom>,
}

impl Meta for CaseMeta {
    const FIELDS: &'static [Field] = FIELDS;

    fn read(map: &mut MapReader<'_, '_>) -> Option<Self> {
        let title = map.required::<String>("title");
        let city = map.required::<String>("city");
        let country = map.required::<Country>("country");
        let date = map.required::<NaiveDate>("date");
        let scale = map.required::<Scale>("scale");
        let dimension = map.required::<Dimension>("dimension");
        let themes = map.required::<Vec<Located<TermId>>>("themes");
        let sdgs = map.required::<Vec<Sdg>>("sdgs");
        let actors = map.required::<Vec<String>>("actors");
        let summary = map.required::<String>("summary");
        let lessons = map.optional::<Vec<String>>("lessons").unwrap_or_default();
        let indicators = map
            .optional::<Vec<Located<TermId>>>("indicators")
            .unwrap_or_default()
            .into_iter()
            .map(|l| Located {
                value: l.value.0,
                position: l.position,
            })
            .collect();
        let (translation, translated_from) = super::translation::read(map);
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
            themes: themes?
                .into_iter()
                .map(|t| Located {
                    value: t.value.0,
                    position: t.position,
                })
                .collect(),
            sdgs: super::fields::sdg_numbers(sdgs?),
            actors: actors?,
            summary: summary?,
            lessons,
            indicators,
            translation,
            translated_from,
        })
    }

    fn title(&self) -> &str {
        &self.title
    }

    fn summary(&self) -> Option<&str> {
        Some(&self.summary)
    }
}

impl super::translation::Translated for CaseMeta {
    fn translated_from(&self) -> Option<&super::translation::TranslatedFrom> {
        self.translated_from.as_ref()
    }
}

/// Fields that must agree between the translations of a case, with their
/// values, so a disagreement can be reported.
pub fn shared_fields(meta: &CaseMeta) -> [(&'static str, String); 6] {
    [
        ("country", meta.country.clone()),
        ("date", meta.date.to_string()),
        ("scale", meta.scale.to_string()),
        ("dimension", meta.dimension.to_string()),
        (
            "themes",
            meta.themes
                .iter()
                .map(|t| t.value.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ),
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

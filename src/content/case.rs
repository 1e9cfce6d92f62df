//! Good practices: case studies that capitalise an experience.
//!
//! `content/cases/<id>.<lang>.md`; the front matter fields are documented in
//! `docs/content-format.md`.

use chrono::NaiveDate;
use serde::Serialize;

use super::fields::{Country, Email, Sdg, SdgTarget, TermId};
use super::markdown_file::Meta;
use crate::yaml::model::{Choice, Field, Kind, Target};
use crate::yaml::{FromYaml, Located, MapReader, Reader, YamlEnum};
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

yaml_enum!(
    /// Whether the experience still runs.
    Status {
        /// It still runs.
        Ongoing = "ongoing",
        /// It has ended.
        Finished = "finished",
    }
);

/// The fields of `period`.
const PERIOD_FIELDS: &[Field] = &[
    Field::required("start", Kind::Date, "The day the experience began.")
        .words("case_period_start"),
    Field::optional(
        "end",
        Kind::Date,
        "The day it ended (or is planned to end); not before `start`.",
    )
    .words("case_period_end"),
];

/// The fields of `contact`.
const CONTACT_FIELDS: &[Field] = &[
    Field::optional(
        "office",
        Kind::Line,
        "The office that can tell peers about the practice, in this language.",
    )
    .words("case_contact_office"),
    Field::required("email", Kind::Email, "Its e-mail address.").words("case_contact_email"),
];

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
    Field::optional(
        "status",
        Kind::Choice(Choice {
            ids: <Status as YamlEnum>::IDS,
            words: "case_status_",
        }),
        "Whether the experience is ongoing or finished.",
    )
    .words("case_status"),
    Field::optional(
        "period",
        Kind::Object(PERIOD_FIELDS),
        "When the experience ran: its start and, once known, its end.",
    )
    .words("case_period"),
    Field::optional(
        "sdg_targets",
        Kind::List(&Kind::SdgTarget),
        "Targets of the goals in `sdgs`, between quotes (\"11.3\", \"11.a\").",
    )
    .words("case_sdg_targets"),
    Field::optional(
        "contact",
        Kind::Object(CONTACT_FIELDS),
        "Whom peers write to about the practice: the office and its e-mail.",
    )
    .words("case_contact"),
    Field::optional(
        "resources",
        Kind::Paragraph,
        "The resources mobilised: budget, staff, time, in-kind support.",
    )
    .words("case_resources"),
    Field::optional(
        "partners",
        Kind::List(&Kind::Line),
        "Partner cities and organisations, one per item.",
    )
    .words("case_partners"),
    Field::optional(
        "transferability",
        Kind::Paragraph,
        "What another city needs to adapt the practice, and what would not travel.",
    )
    .words("case_transferability"),
    super::translation::TRANSLATION,
    super::translation::TRANSLATED_FROM,
];

/// When an experience ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CasePeriod {
    /// The day it began.
    pub start: NaiveDate,
    /// The day it ended, when known.
    pub end: Option<NaiveDate>,
}

impl FromYaml for CasePeriod {
    const EXAMPLE: &'static str = "{ start: 2016-01-01, end: 2018-12-31 }";
    fn from_yaml(reader: &Reader<'_>, path: &str, value: &serde_yaml::Value) -> Option<Self> {
        let mut m = reader.mapping(value, path)?;
        let start = m.required::<NaiveDate>("start");
        let end = m.optional::<NaiveDate>("end");
        for (key, d) in [("start", start), ("end", end)] {
            if let Some(d) = d {
                crate::content::check_date_range(&m, key, d);
            }
        }
        if let (Some(a), Some(b)) = (start, end) {
            if b < a {
                reader.error(
                    &m.path_of("end"),
                    format!("the period ends ({b}) before it starts ({a})"),
                    Some("check both dates: `start` is the first day, `end` the last".into()),
                );
            }
        }
        m.finish();
        Some(CasePeriod { start: start?, end })
    }
}

/// Whom peers write to about a practice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contact {
    /// The office, in this language.
    pub office: Option<String>,
    /// Its e-mail address.
    pub email: String,
}

impl FromYaml for Contact {
    const EXAMPLE: &'static str = "{ office: \"…\", email: office@example.org }";
    fn from_yaml(reader: &Reader<'_>, path: &str, value: &serde_yaml::Value) -> Option<Self> {
        let mut m = reader.mapping(value, path)?;
        let office = m.optional::<String>("office");
        let email = m.required::<Email>("email");
        m.finish();
        Some(Contact {
            office,
            email: email?.0,
        })
    }
}

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
    /// Whether the experience is ongoing or finished.
    pub status: Option<Status>,
    /// When it ran.
    pub period: Option<CasePeriod>,
    /// Targets of the goals in `sdgs` (`11.3`), in the order written.
    pub sdg_targets: Vec<String>,
    /// Whom peers write to.
    pub contact: Option<Contact>,
    /// The resources mobilised.
    pub resources: Option<String>,
    /// Partner cities and organisations.
    pub partners: Vec<String>,
    /// What another city needs to adapt it.
    pub transferability: Option<String>,
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
        let status = map.optional::<Status>("status");
        let period = map.optional::<CasePeriod>("period");
        let sdg_targets = map
            .optional::<Vec<Located<SdgTarget>>>("sdg_targets")
            .unwrap_or_default();
        let contact = map.optional::<Contact>("contact");
        let resources = map.optional::<String>("resources");
        let partners = map.optional::<Vec<String>>("partners").unwrap_or_default();
        let transferability = map.optional::<String>("transferability");
        let (translation, translated_from) = super::translation::read(map);
        if let Some(d) = date {
            crate::content::check_date_range(map, "date", d);
        }
        let sdg_targets = targets_of_listed_goals(map, sdgs.as_deref(), sdg_targets);
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
            status,
            period,
            sdg_targets,
            contact,
            resources,
            partners,
            transferability,
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

/// The targets of `targets` whose goal is among `sdgs`; an error at each
/// other one (unless `sdgs` could not be read: its own error says why).
fn targets_of_listed_goals(
    map: &MapReader<'_, '_>,
    sdgs: Option<&[Sdg]>,
    targets: Vec<Located<SdgTarget>>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, t) in targets.into_iter().enumerate() {
        let goal = super::fields::sdg_target_goal(&t.value.0).unwrap_or(0);
        if let Some(sdgs) = sdgs {
            if !sdgs.iter().any(|s| s.0 == goal) {
                map.reader().error(
                    &format!("{}[{i}]", map.path_of("sdg_targets")),
                    format!(
                        "the target {} is of goal {goal}, which `sdgs` does not list",
                        t.value.0
                    ),
                    Some(format!("add {goal} to `sdgs`, or remove the target")),
                );
                continue;
            }
        }
        if !out.contains(&t.value.0) {
            out.push(t.value.0);
        }
    }
    out
}

/// Fields that must agree between the translations of a case, with their
/// values, so a disagreement can be reported.
pub fn shared_fields(meta: &CaseMeta) -> [(&'static str, String); 10] {
    [
        (
            "status",
            meta.status.map(|s| s.to_string()).unwrap_or_default(),
        ),
        (
            "period",
            meta.period
                .map(|p| {
                    format!(
                        "{}…{}",
                        p.start,
                        p.end.map(|e| e.to_string()).unwrap_or_default()
                    )
                })
                .unwrap_or_default(),
        ),
        ("sdg_targets", meta.sdg_targets.join(", ")),
        (
            "contact.email",
            meta.contact
                .as_ref()
                .map(|c| c.email.clone())
                .unwrap_or_default(),
        ),
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

//! The registry of international actions: `content/actions/<id>.yaml`.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use super::data_file::DataItem;
use super::fields::{sdg_numbers, Country, DocumentLink, Sdg, TermId};
use super::money::{read_funds, Fund, Money, FUND_FIELDS, MONEY_FIELDS};
use super::name::Name;
use crate::yaml::model::{Choice, Field, Kind, Target};
use crate::yaml::{LangText, Located, MapReader, YamlEnum};
use crate::yaml_enum;

yaml_enum!(
    /// The kind of action.
    ActionType {
        /// A trip abroad.
        Mission = "mission",
        /// An official visit received.
        Visit = "visit",
        /// An event organised or attended.
        Event = "event",
        /// Participation in a city network.
        Network = "network",
        /// An award received.
        Award = "award",
        /// Training given or received.
        Training = "training",
        /// Anything else.
        Other = "other",
    }
);

/// The value shown in advice about `place`.
const PLACE_EXAMPLE: &str = "{ city: \"Madrid\", country: ES }";

/// The fields of `place`.
const PLACE_FIELDS: &[Field] = &[
    Field::required("city", Kind::Name, "The city, once or per language."),
    Field::required(
        "country",
        Kind::Country,
        "The country, as its two-letter ISO code.",
    ),
];

/// The fields of `authorisation`: who allowed a mission abroad, under
/// which reference, on which day.
const AUTHORISATION_FIELDS: &[Field] = &[
    Field::required(
        "by",
        Kind::Line,
        "Who authorised it (the council, the mayor's office…).",
    )
    .words("action_authorised_by"),
    Field::required(
        "reference",
        Kind::Line,
        "The reference of the authorisation (resolution, decree, minutes).",
    )
    .words("action_authorisation_reference"),
    Field::required("date", Kind::Date, "The date of the authorisation.")
        .words("action_authorisation_date"),
];

/// The fields of `trip_report`: the report on a mission handed to the
/// legislature after the return.
const TRIP_REPORT_FIELDS: &[Field] = &[
    Field::required("date", Kind::Date, "The date it was handed in.")
        .words("action_trip_report_date"),
    Field::optional(
        "document",
        Kind::Link,
        "A link to it (https://… or a path on this site).",
    )
    .words("action_trip_report_document"),
];

/// The fields of an action's file.
pub const FIELDS: &[Field] = &[
    Field::required(
        "title",
        Kind::Texts(&Kind::Line),
        "The action's title, in each language.",
    )
    .words("action_title"),
    Field::required(
        "summary",
        Kind::Texts(&Kind::Paragraph),
        "What happened, in each language.",
    ),
    Field::required(
        "type",
        Kind::Choice(Choice {
            ids: <ActionType as YamlEnum>::IDS,
            words: "action_type_",
        }),
        "The kind of action.",
    )
    .words("action_type"),
    Field::required("date", Kind::Date, "Its first day.").words("action_date"),
    Field::optional(
        "end_date",
        Kind::Date,
        "Its last day, if it lasted more than one.",
    ),
    Field::required("place", Kind::Object(PLACE_FIELDS), "Where it took place.")
        .words("action_place"),
    Field::required("participants", Kind::List(&Kind::Line), "Who took part.")
        .words("action_participants"),
    Field::optional(
        "cost",
        Kind::Object(MONEY_FIELDS),
        "What it cost, with the currency.",
    )
    .words("action_cost"),
    Field::optional(
        "funded_by",
        Kind::Name,
        "Who paid for it, once or per language.",
    )
    .words("action_funded_by"),
    Field::optional(
        "funds",
        Kind::List(&Kind::Object(FUND_FIELDS)),
        "The money: each amount with its kind, direction and currency.",
    )
    .words("funds"),
    Field::optional(
        "authorisation",
        Kind::Object(AUTHORISATION_FIELDS),
        "For a mission abroad: who authorised it, the reference and the date.",
    )
    .words("action_authorisation"),
    Field::optional(
        "trip_report",
        Kind::Object(TRIP_REPORT_FIELDS),
        "For a mission abroad: the trip report handed in after the return.",
    )
    .words("action_trip_report"),
    Field::optional(
        "agreements",
        Kind::List(&Kind::Ref(Target::Agreements)),
        "Agreements it relates to, by id.",
    )
    .words("nav_agreements"),
    Field::optional(
        "results",
        Kind::Texts(&Kind::Paragraph),
        "Its results, in each language.",
    )
    .words("action_results"),
    Field::optional(
        "sdgs",
        Kind::List(&Kind::Sdg),
        "Sustainable Development Goals, by number.",
    )
    .words("case_sdgs"),
    Field::optional(
        "themes",
        Kind::List(&Kind::Theme),
        "Themes of the vocabulary.",
    )
    .words("case_themes"),
];

/// Where an action took place.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// The city, once or per language.
    pub city: Name,
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
}

/// Who authorised a mission abroad.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Authorisation {
    /// The body or office that authorised it.
    pub by: String,
    /// The reference of the act.
    pub reference: String,
    /// The date of the act.
    pub date: NaiveDate,
}

/// The report on a mission handed in after the return.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TripReport {
    /// When it was handed in.
    pub date: NaiveDate,
    /// A link to it.
    pub document: Option<String>,
}

/// One international action.
#[derive(Debug, Clone)]
pub struct Action {
    /// File name without `.yaml`.
    pub id: String,
    /// The file, relative to the site root.
    pub source: PathBuf,
    /// The file's text.
    pub text: String,
    /// Title per language.
    pub title: LangText,
    /// Summary per language.
    pub summary: LangText,
    /// Kind of action.
    pub kind: ActionType,
    /// First day.
    pub date: NaiveDate,
    /// Last day, if it lasted more than one.
    pub end_date: Option<NaiveDate>,
    /// Where.
    pub place: Place,
    /// Who took part.
    pub participants: Vec<String>,
    /// What it cost.
    pub cost: Option<Money>,
    /// Who paid, once or per language.
    pub funded_by: Option<Name>,
    /// The money received or contributed, as written in `funds`.
    pub funds: Vec<Fund>,
    /// Who authorised the mission.
    pub authorisation: Option<Authorisation>,
    /// The trip report.
    pub trip_report: Option<TripReport>,
    /// Agreements it relates to, with positions for the check that they exist.
    pub agreements: Vec<Located<String>>,
    /// Results per language.
    pub results: Option<LangText>,
    /// Sustainable Development Goals.
    pub sdgs: Vec<u8>,
    /// Theme ids.
    pub themes: Vec<String>,
}

impl Action {
    /// The last day of the action: its `end_date`, else its `date`.
    pub fn last_day(&self) -> NaiveDate {
        self.end_date.unwrap_or(self.date)
    }

    /// For a mission without a trip report, the day its report is due when
    /// the legislature gives `days` after the return; else None.
    pub fn trip_report_due(&self, days: Option<u32>) -> Option<NaiveDate> {
        if self.kind != ActionType::Mission || self.trip_report.is_some() {
            return None;
        }
        self.last_day()
            .checked_add_days(chrono::Days::new(u64::from(days?)))
    }
}

impl DataItem for Action {
    const FIELDS: &'static [Field] = FIELDS;

    fn read(map: &mut MapReader<'_, '_>, id: &str) -> Option<Self> {
        let reader = map.reader();
        let title = map.required::<LangText>("title");
        let summary = map.required::<LangText>("summary");
        let kind = map.required::<ActionType>("type");
        let date = map.required::<NaiveDate>("date");
        let end_date = map.optional::<NaiveDate>("end_date");
        let place = map.raw("place").and_then(|v| {
            let path = map.path_of("place");
            let mut m = reader.mapping(v, &path)?;
            let city = m.required::<Name>("city");
            let country = m.required::<Country>("country");
            m.finish();
            Some(Place {
                city: city?,
                country: country?.0,
            })
        });
        if place.is_none() && map.raw("place").is_none() {
            map.absent("place", PLACE_EXAMPLE);
        }
        let participants = map.required::<Vec<String>>("participants");
        let cost = map.optional::<Money>("cost");
        let funded_by = map.optional::<Name>("funded_by");
        let funds = read_funds(map);
        let authorisation = map.raw("authorisation").and_then(|v| {
            let path = map.path_of("authorisation");
            let mut m = reader.mapping(v, &path)?;
            let by = m.required::<String>("by");
            let reference = m.required::<String>("reference");
            let date = m.required::<NaiveDate>("date");
            if let Some(d) = date {
                super::check_date_range(&m, "date", d);
            }
            m.finish();
            Some(Authorisation {
                by: by?,
                reference: reference?,
                date: date?,
            })
        });
        let trip_report = map.raw("trip_report").and_then(|v| {
            let path = map.path_of("trip_report");
            let mut m = reader.mapping(v, &path)?;
            let date = m.required::<NaiveDate>("date");
            let document = m.optional::<DocumentLink>("document").map(|d| d.0);
            if let Some(d) = date {
                super::check_date_range(&m, "date", d);
            }
            m.finish();
            Some(TripReport {
                date: date?,
                document,
            })
        });
        let agreements = map
            .optional::<Vec<Located<TermId>>>("agreements")
            .unwrap_or_default()
            .into_iter()
            .map(|l| Located {
                value: l.value.0,
                position: l.position,
            })
            .collect();
        let results = map.optional::<LangText>("results");
        let sdgs = map
            .optional::<Vec<Sdg>>("sdgs")
            .map(sdg_numbers)
            .unwrap_or_default();
        let themes = map
            .optional::<Vec<TermId>>("themes")
            .unwrap_or_default()
            .into_iter()
            .map(|t| t.0)
            .collect();
        for (key, d) in [("date", date), ("end_date", end_date)] {
            if let Some(d) = d {
                super::check_date_range(map, key, d);
            }
        }
        if let (Some(s), Some(e)) = (date, end_date) {
            if e < s {
                reader.error(
                    &map.path_of("end_date"),
                    format!("the action ends ({e}) before it starts ({s})"),
                    Some("check both dates".into()),
                );
            }
        }
        if let (Some(report), Some(start)) = (&trip_report, date) {
            let back = end_date.unwrap_or(start);
            if report.date < back {
                reader.error(
                    &format!("{}.date", map.path_of("trip_report")),
                    format!(
                        "the trip report is dated {}, before the end of the trip ({back})",
                        report.date
                    ),
                    Some("a trip report is handed in after the return: check its date and the trip's `date` and `end_date`".into()),
                );
            }
        }
        Some(Action {
            id: id.to_string(),
            source: PathBuf::new(),
            text: String::new(),
            title: title?,
            summary: summary?,
            kind: kind?,
            date: date?,
            end_date,
            place: place?,
            participants: participants?,
            cost,
            funded_by,
            funds,
            authorisation,
            trip_report,
            agreements,
            results,
            sdgs,
            themes,
        })
    }

    fn set_source(&mut self, source: PathBuf, text: String) {
        self.source = source;
        self.text = text;
    }

    fn id(&self) -> &str {
        &self.id
    }

    fn source(&self) -> &std::path::Path {
        &self.source
    }
}

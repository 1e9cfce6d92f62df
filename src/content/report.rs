//! Semiannual reports to the legislature: `content/reports/<period>.<lang>.md`,
//! with `<period>` a semester (`2025-S1`, `2025-S2`). The Markdown body is the
//! narrative; the rest of the report is composed from the registry and the
//! indicators (see `crate::reports`).

use chrono::NaiveDate;
use serde::Serialize;

use super::markdown_file::Meta;
use crate::period::Period;
use crate::yaml::model::{Choice, Field, Kind};
use crate::yaml::{MapReader, YamlEnum};
use crate::yaml_enum;

yaml_enum!(
    /// What an erratum corrects.
    ErratumKind {
        /// Wording only: no figure or fact changes.
        Typo = "typo",
        /// A figure or a fact.
        Correction = "correction",
    }
);

yaml_enum!(
    /// A section of a report, as named in errata, data and `reports.lock`.
    ReportSection {
        /// The text of the report file.
        Narrative = "narrative",
        /// The agreements.
        Agreements = "agreements",
        /// The international actions.
        Actions = "actions",
        /// The indicators.
        Indicators = "indicators",
        /// The good practices.
        Cases = "cases",
    }
);

/// The fields of one correction.
const ERRATUM_FIELDS: &[Field] = &[
    Field::required("date", Kind::Date, "When the correction was made."),
    Field::optional(
        "kind",
        Kind::Choice(Choice {
            ids: <ErratumKind as YamlEnum>::IDS,
            words: "report_erratum_kind_",
        }),
        "typo (wording only) or correction (a figure or a fact).",
    ),
    Field::optional(
        "section",
        Kind::Choice(Choice {
            ids: <ReportSection as YamlEnum>::IDS,
            words: "report_part_",
        }),
        "The section it corrects: narrative, agreements, actions, indicators or cases.",
    ),
    Field::required(
        "description",
        Kind::Paragraph,
        "What was corrected, in the report's language.",
    ),
];

/// The fields of `received`.
const RECEIVED_FIELDS: &[Field] = &[
    Field::required(
        "date",
        Kind::Date,
        "The date of the legislature's record that shows it received.",
    ),
    Field::required(
        "entry",
        Kind::Line,
        "The entry of that record (minutes, item or file number).",
    ),
];

/// The fields of a report's front matter (besides `slug` and `draft`).
pub const FIELDS: &[Field] = &[
    Field::required("title", Kind::Line, "The report's title in this language."),
    Field::required(
        "legislature",
        Kind::Line,
        "The body the report is presented to.",
    )
    .words("report_legislature"),
    Field::optional(
        "presented",
        Kind::Date,
        "The date it was presented; leave it out while the report is a draft.",
    )
    .words("report_presented_on"),
    Field::optional(
        "letter",
        Kind::Line,
        "The reference of the official letter that sent the report to the legislature.",
    )
    .words("report_letter"),
    Field::optional(
        "received",
        Kind::Object(RECEIVED_FIELDS),
        "Where the legislature's record shows it was received: the date and the entry.",
    )
    .words("report_received"),
    Field::optional(
        "errata",
        Kind::List(&Kind::Object(ERRATUM_FIELDS)),
        "Corrections made after it was presented, each with its date.",
    )
    .words("report_errata"),
];

/// A correction made after the report was presented.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Erratum {
    /// When it was made.
    pub date: NaiveDate,
    /// Typo or correction, when given.
    pub kind: Option<ErratumKind>,
    /// The section it corrects, when given.
    pub section: Option<ReportSection>,
    /// What was corrected, in the report's language.
    pub description: String,
}

/// Where the legislature's record shows a report received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Received {
    /// The date of the record.
    pub date: NaiveDate,
    /// The entry (minutes, item or file number).
    pub entry: String,
}

/// The front matter of a report.
#[derive(Debug, Clone, Serialize)]
pub struct ReportMeta {
    /// The semester it reports on, from the file name (`2025-S1.es.md`).
    pub period: Period,
    /// Title in this language.
    pub title: String,
    /// The body it is presented to.
    pub legislature: String,
    /// The date it was presented; None while it is a draft.
    pub presented: Option<NaiveDate>,
    /// The reference of the official letter that sent it.
    pub letter: Option<String>,
    /// Where the legislature's record shows it received.
    pub received: Option<Received>,
    /// Corrections made after presentation, oldest first.
    pub errata: Vec<Erratum>,
}

impl Meta for ReportMeta {
    const FIELDS: &'static [Field] = FIELDS;

    fn read(map: &mut MapReader<'_, '_>) -> Option<Self> {
        let reader = map.reader();
        let period = period_of_file(reader.file());
        if period.is_none() {
            reader.error(
                "",
                "a report's file is named by its semester, and this name is not a semester",
                Some("name it like 2025-S1.es.md (first half of 2025) or 2025-S2.es.md (second half)".into()),
            );
        }
        let title = map.required::<String>("title");
        let legislature = map.required::<String>("legislature");
        let presented = map.optional::<NaiveDate>("presented");
        if let Some(d) = presented {
            super::check_date_range(map, "presented", d);
        }
        let letter = map.optional::<String>("letter");
        let received = map.raw("received").and_then(|v| {
            let path = map.path_of("received");
            let mut m = reader.mapping(v, &path)?;
            let date = m.required::<NaiveDate>("date");
            let entry = m.required::<String>("entry");
            if let Some(d) = date {
                super::check_date_range(&m, "date", d);
            }
            m.finish();
            Some(Received {
                date: date?,
                entry: entry?,
            })
        });
        let mut errata = Vec::new();
        if let Some(v) = map.raw("errata") {
            let path = map.path_of("errata");
            match v.as_sequence() {
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let p = crate::yaml::child_index(&path, i);
                        let Some(mut m) = reader.mapping(item, &p) else {
                            continue;
                        };
                        let date = m.required::<NaiveDate>("date");
                        let kind = m.optional::<ErratumKind>("kind");
                        let section = m.optional::<ReportSection>("section");
                        let description = m.required::<String>("description");
                        let named = m.raw("kind").is_some() && m.raw("section").is_some();
                        m.finish();
                        if !named {
                            reader.warning(
                                &p,
                                "this erratum does not say what kind of correction it is or which section it corrects",
                                Some("add `kind: typo` (wording only) or `kind: correction` (a figure or a fact), and `section:` narrative, agreements, actions, indicators or cases".into()),
                            );
                        }
                        if let (Some(date), Some(description)) = (date, description) {
                            errata.push(Erratum {
                                date,
                                kind,
                                section,
                                description,
                            });
                        }
                    }
                }
                None => reader.error(
                    &path,
                    "`errata` must be a list",
                    Some(
                        "write each correction as `- { date: 2025-03-01, description: \"…\" }`"
                            .into(),
                    ),
                ),
            }
        }
        errata.sort_by(|a, b| {
            a.date
                .cmp(&b.date)
                .then_with(|| a.description.cmp(&b.description))
        });
        if !errata.is_empty() && presented.is_none() {
            reader.warning(
                &map.path_of("errata"),
                "errata are for reports already presented; this report has no `presented` date",
                Some("add `presented: YYYY-MM-DD`, or fold the corrections into the text".into()),
            );
        }
        Some(ReportMeta {
            period: period?,
            title: title?,
            legislature: legislature?,
            presented,
            letter,
            received,
            errata,
        })
    }

    fn title(&self) -> &str {
        &self.title
    }

    fn summary(&self) -> Option<&str> {
        Some(&self.legislature)
    }

    fn default_slug(id: &str) -> String {
        id.to_ascii_lowercase()
    }
}

/// The semester a report's file is named after (`2025-S1` in
/// `content/reports/2025-S1.es.md`).
fn period_of_file(file: &std::path::Path) -> Option<Period> {
    let name = file.file_name()?.to_str()?;
    let id = name.split('.').next()?;
    match Period::parse(id) {
        Ok(p @ Period::Semester(..)) => Some(p),
        _ => None,
    }
}

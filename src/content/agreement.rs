//! The registry of agreements: `content/agreements/<id>.yaml`.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::data_file::DataItem;
use super::fields::{sdg_numbers, Country, DocumentLink, Money, Sdg, TermId, MONEY_FIELDS};
use crate::yaml::model::{Choice, Field, Kind};
use crate::yaml::{LangText, MapReader, YamlEnum};
use crate::yaml_enum;

yaml_enum!(
    /// The kind of agreement.
    AgreementType {
        /// Twinning between cities.
        Twinning = "twinning",
        /// Cooperation agreement.
        Cooperation = "cooperation",
        /// Memorandum of understanding.
        Memorandum = "memorandum",
        /// Membership of a network.
        Network = "network",
        /// A loan.
        Loan = "loan",
        /// A grant.
        Grant = "grant",
        /// Anything else.
        Other = "other",
    }
);

yaml_enum!(
    /// Where the agreement stands.
    AgreementStatus {
        /// Being negotiated (the date is the expected signature).
        InNegotiation = "in-negotiation",
        /// In force.
        Active = "active",
        /// Ended as planned.
        Concluded = "concluded",
        /// Put on hold.
        Suspended = "suspended",
        /// Ended before its term.
        Cancelled = "cancelled",
    }
);

/// The fields of an agreement's file.
pub const FIELDS: &[Field] = &[
    Field::required(
        "title",
        Kind::Texts(&Kind::Line),
        "The agreement's title, in each language.",
    )
    .words("agreement_title"),
    Field::required(
        "summary",
        Kind::Texts(&Kind::Paragraph),
        "What it is about, in each language.",
    ),
    Field::required("partner", Kind::Line, "The partner institution.").words("agreement_partner"),
    Field::required(
        "partner_country",
        Kind::Country,
        "The partner's country, as its two-letter ISO code.",
    )
    .words("agreement_country"),
    Field::required(
        "type",
        Kind::Choice(Choice {
            ids: <AgreementType as YamlEnum>::IDS,
            words: "agreement_type_",
        }),
        "The kind of agreement.",
    )
    .words("agreement_type"),
    Field::required(
        "signed",
        Kind::Date,
        "The date of signature (expected, while in negotiation).",
    )
    .words("agreement_signed"),
    Field::optional("ends", Kind::Date, "The date it ends, if it has one.").words("agreement_ends"),
    Field::required(
        "status",
        Kind::Choice(Choice {
            ids: <AgreementStatus as YamlEnum>::IDS,
            words: "agreement_status_",
        }),
        "Where it stands.",
    )
    .words("agreement_status"),
    Field::optional(
        "amount",
        Kind::Object(MONEY_FIELDS),
        "The amount involved, with its currency.",
    )
    .words("agreement_amount"),
    Field::optional(
        "approved_by",
        Kind::Line,
        "The legislative act that approved it.",
    )
    .words("agreement_approved_by"),
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
    Field::optional(
        "documents",
        Kind::List(&Kind::Link),
        "Links to its documents (https://… or a path on this site).",
    )
    .words("agreement_documents"),
];

/// One agreement of the registry.
#[derive(Debug, Clone)]
pub struct Agreement {
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
    /// The partner institution.
    pub partner: String,
    /// The partner's country (ISO 3166-1 alpha-2).
    pub partner_country: String,
    /// Kind of agreement.
    pub kind: AgreementType,
    /// Date of signature.
    pub signed: NaiveDate,
    /// End date, if any.
    pub ends: Option<NaiveDate>,
    /// Where it stands.
    pub status: AgreementStatus,
    /// The amount involved.
    pub amount: Option<Money>,
    /// The legislative act that approved it.
    pub approved_by: Option<String>,
    /// Sustainable Development Goals.
    pub sdgs: Vec<u8>,
    /// Theme ids.
    pub themes: Vec<String>,
    /// Links to documents.
    pub documents: Vec<String>,
}

impl Agreement {
    /// True when the agreement was in force at some time in [start, end).
    pub fn active_between(&self, start: NaiveDate, end: NaiveDate) -> bool {
        matches!(
            self.status,
            AgreementStatus::Active | AgreementStatus::Concluded | AgreementStatus::Suspended
        ) && self.signed < end
            && self.ends.is_none_or(|e| e >= start)
    }
}

impl DataItem for Agreement {
    const FIELDS: &'static [Field] = FIELDS;

    fn read(map: &mut MapReader<'_, '_>, id: &str) -> Option<Self> {
        let title = map.required::<LangText>("title");
        let summary = map.required::<LangText>("summary");
        let partner = map.required::<String>("partner");
        let partner_country = map.required::<Country>("partner_country");
        let kind = map.required::<AgreementType>("type");
        let signed = map.required::<NaiveDate>("signed");
        let ends = map.optional::<NaiveDate>("ends");
        let status = map.required::<AgreementStatus>("status");
        let amount = map.optional::<Money>("amount");
        let approved_by = map.optional::<String>("approved_by");
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
        let documents = map
            .optional::<Vec<DocumentLink>>("documents")
            .unwrap_or_default()
            .into_iter()
            .map(|d| d.0)
            .collect();
        for (key, date) in [("signed", signed), ("ends", ends)] {
            if let Some(d) = date {
                super::check_date_range(map, key, d);
            }
        }
        if let (Some(s), Some(e)) = (signed, ends) {
            if e < s {
                map.reader().error(
                    &map.path_of("ends"),
                    format!("the agreement ends ({e}) before it is signed ({s})"),
                    Some("check both dates".into()),
                );
            }
        }
        Some(Agreement {
            id: id.to_string(),
            source: PathBuf::new(),
            text: String::new(),
            title: title?,
            summary: summary?,
            partner: partner?,
            partner_country: partner_country?.0,
            kind: kind?,
            signed: signed?,
            ends,
            status: status?,
            amount,
            approved_by,
            sdgs,
            themes,
            documents,
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

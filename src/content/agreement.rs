//! The registry of agreements: `content/agreements/<id>.yaml`.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::data_file::DataItem;
use super::fields::{sdg_numbers, Country, DocumentLink, Sdg, TermId};
use super::money::{read_funds, Direction, Fund, FundKind, Money, FUND_FIELDS, MONEY_FIELDS};
use super::name::Name;
use crate::yaml::model::{Choice, Field, Kind};
use crate::yaml::{FromYaml, LangText, MapReader, Reader, YamlEnum};
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

yaml_enum!(
    /// What a later change to an agreement is.
    AmendmentKind {
        /// Its terms were changed.
        Amendment = "amendment",
        /// It was extended for a new term.
        Renewal = "renewal",
    }
);

yaml_enum!(
    /// What kind of institution a counterpart is.
    CounterpartType {
        /// A city, region or other local or regional government.
        LocalGovernment = "local-government",
        /// A national government or one of its bodies.
        NationalGovernment = "national-government",
        /// An international organisation (United Nations agencies,
        /// development banks, the European Union…).
        InternationalOrganisation = "international-organisation",
        /// A network or association of cities.
        Network = "network",
        /// A university or research centre.
        University = "university",
        /// A company or business association.
        Private = "private",
        /// A foundation, NGO or other civil-society organisation.
        CivilSociety = "civil-society",
    }
);

/// The fields of one counterpart.
const COUNTERPART_FIELDS: &[Field] = &[
    Field::required(
        "name",
        Kind::Name,
        "The institution's name, once or per language.",
    )
    .words("agreement_partner"),
    Field::required(
        "country",
        Kind::Country,
        "Its country, as its two-letter ISO code.",
    )
    .words("agreement_country"),
    Field::required(
        "type",
        Kind::Choice(Choice {
            ids: <CounterpartType as YamlEnum>::IDS,
            words: "counterpart_type_",
        }),
        "What kind of institution it is: local-government, national-government, international-organisation, network, university, private or civil-society.",
    )
    .words("counterpart_type"),
];

/// The fields of one signatory.
const SIGNATORY_FIELDS: &[Field] = &[
    Field::required("name", Kind::Line, "The person's name.").words("signatory_name"),
    Field::required(
        "office",
        Kind::Line,
        "Their office when they signed (Mayor of …, Director of …).",
    )
    .words("signatory_office"),
];

/// The fields of `registration`.
const REGISTRATION_FIELDS: &[Field] = &[
    Field::required(
        "authority",
        Kind::Line,
        "Who approved or registered it (the foreign ministry's registry…).",
    )
    .words("registration_authority"),
    Field::required(
        "reference",
        Kind::Line,
        "The approval or registration number.",
    )
    .words("registration_reference"),
    Field::optional(
        "date",
        Kind::Date,
        "The date of the approval or registration.",
    )
    .words("registration_date"),
];

/// The fields of one amendment or renewal.
const AMENDMENT_FIELDS: &[Field] = &[
    Field::required(
        "kind",
        Kind::Choice(Choice {
            ids: <AmendmentKind as YamlEnum>::IDS,
            words: "agreement_amendment_kind_",
        }),
        "amendment (its terms changed) or renewal (extended for a new term).",
    ),
    Field::required(
        "date",
        Kind::Date,
        "The date it was signed; not before the agreement's own signature.",
    ),
    Field::required(
        "description",
        Kind::Texts(&Kind::Paragraph),
        "What changed, in each language.",
    ),
    Field::optional(
        "ends",
        Kind::Date,
        "For a renewal: the new end date (leave the agreement's own `ends` as it was).",
    ),
];

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
    Field::required(
        "partner",
        Kind::Name,
        "The partner institution (the first counterpart), once or per language.",
    )
    .words("agreement_partner"),
    Field::required(
        "partner_country",
        Kind::Country,
        "The partner's country, as its two-letter ISO code.",
    )
    .words("agreement_country"),
    Field::optional(
        "partner_type",
        Kind::Choice(Choice {
            ids: <CounterpartType as YamlEnum>::IDS,
            words: "counterpart_type_",
        }),
        "What kind of institution the partner is: local-government, national-government, international-organisation, network, university, private or civil-society.",
    )
    .words("counterpart_type"),
    Field::optional(
        "other_counterparts",
        Kind::List(&Kind::Object(COUNTERPART_FIELDS)),
        "The other counterparts, when more than one institution signed with the city, each with its country and type.",
    )
    .words("agreement_other_counterparts"),
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
        "The amount committed to the city, with its currency (or write it in `funds`).",
    )
    .words("agreement_amount"),
    Field::optional(
        "funds",
        Kind::List(&Kind::Object(FUND_FIELDS)),
        "The money: each amount with its kind, direction and currency.",
    )
    .words("funds"),
    Field::optional(
        "approved_by",
        Kind::Line,
        "The legislative act that approved it.",
    )
    .words("agreement_approved_by"),
    Field::optional(
        "registration",
        Kind::Object(REGISTRATION_FIELDS),
        "The approval or registration national law requires: who, the reference, the date.",
    )
    .words("agreement_registration"),
    Field::optional(
        "city_bodies",
        Kind::List(&Kind::Name),
        "The city bodies that signed it (one or more), each once or per language.",
    )
    .words("agreement_city_bodies"),
    Field::optional(
        "signatories",
        Kind::List(&Kind::Object(SIGNATORY_FIELDS)),
        "The people who signed it, each with their office.",
    )
    .words("agreement_signatories"),
    Field::optional(
        "commitments",
        Kind::List(&Kind::Texts(&Kind::Paragraph)),
        "What was agreed, one commitment an item, in each language.",
    )
    .words("agreement_commitments"),
    Field::optional(
        "amendments",
        Kind::List(&Kind::Object(AMENDMENT_FIELDS)),
        "Amendments and renewals signed later, each with its date.",
    )
    .words("agreement_amendments"),
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

/// A counterpart of an agreement.
#[derive(Debug, Clone, PartialEq)]
pub struct Counterpart {
    /// The institution, once or per language.
    pub name: Name,
    /// Its country (ISO 3166-1 alpha-2).
    pub country: String,
    /// What kind of institution it is.
    pub kind: CounterpartType,
}

impl FromYaml for Counterpart {
    const EXAMPLE: &'static str =
        "{ name: \"Alcaldía de Medellín\", country: CO, type: local-government }";
    fn from_yaml(reader: &Reader<'_>, path: &str, value: &serde_yaml::Value) -> Option<Self> {
        let mut m = reader.mapping(value, path)?;
        let name = m.required::<Name>("name");
        let country = m.required::<Country>("country");
        let kind = m.required::<CounterpartType>("type");
        m.finish();
        Some(Counterpart {
            name: name?,
            country: country?.0,
            kind: kind?,
        })
    }
}

/// A person who signed an agreement.
#[derive(Debug, Clone, PartialEq)]
pub struct Signatory {
    /// Their name.
    pub name: String,
    /// Their office when they signed.
    pub office: String,
}

impl FromYaml for Signatory {
    const EXAMPLE: &'static str = "{ name: \"Ana Pérez\", office: \"Mayor\" }";
    fn from_yaml(reader: &Reader<'_>, path: &str, value: &serde_yaml::Value) -> Option<Self> {
        let mut m = reader.mapping(value, path)?;
        let name = m.required::<String>("name");
        let office = m.required::<String>("office");
        m.finish();
        Some(Signatory {
            name: name?,
            office: office?,
        })
    }
}

/// The approval or registration national law requires.
#[derive(Debug, Clone, PartialEq)]
pub struct Registration {
    /// Who approved or registered it.
    pub authority: String,
    /// The reference.
    pub reference: String,
    /// When, if given.
    pub date: Option<NaiveDate>,
}

impl FromYaml for Registration {
    const EXAMPLE: &'static str = "{ authority: \"…\", reference: \"…\", date: 2025-09-01 }";
    fn from_yaml(reader: &Reader<'_>, path: &str, value: &serde_yaml::Value) -> Option<Self> {
        let mut m = reader.mapping(value, path)?;
        let authority = m.required::<String>("authority");
        let reference = m.required::<String>("reference");
        let date = m.optional::<NaiveDate>("date");
        if let Some(d) = date {
            super::check_date_range(&m, "date", d);
        }
        m.finish();
        Some(Registration {
            authority: authority?,
            reference: reference?,
            date,
        })
    }
}

/// An amendment or renewal of an agreement.
#[derive(Debug, Clone)]
pub struct Amendment {
    /// Amendment or renewal.
    pub kind: AmendmentKind,
    /// When it was signed.
    pub date: NaiveDate,
    /// What changed, per language.
    pub description: LangText,
    /// For a renewal, the new end date.
    pub ends: Option<NaiveDate>,
}

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
    /// The partner institution (the first counterpart), once or per language.
    pub partner: Name,
    /// The partner's country (ISO 3166-1 alpha-2).
    pub partner_country: String,
    /// What kind of institution the partner is, if given.
    pub partner_type: Option<CounterpartType>,
    /// The other counterparts (`other_counterparts`).
    pub counterparts: Vec<Counterpart>,
    /// The city bodies that signed it, each once or per language.
    pub city_bodies: Vec<Name>,
    /// The people who signed it.
    pub signatories: Vec<Signatory>,
    /// The approval or registration required by national law.
    pub registration: Option<Registration>,
    /// What was agreed, one commitment an item.
    pub commitments: Vec<LangText>,
    /// The money, as written in `funds`.
    pub funds: Vec<Fund>,
    /// Kind of agreement.
    pub kind: AgreementType,
    /// Date of signature.
    pub signed: NaiveDate,
    /// End date, if any.
    pub ends: Option<NaiveDate>,
    /// Where it stands.
    pub status: AgreementStatus,
    /// The amount committed to the city (`amount`).
    pub amount: Option<Money>,
    /// The legislative act that approved it.
    pub approved_by: Option<String>,
    /// Amendments and renewals, oldest first.
    pub amendments: Vec<Amendment>,
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
            && self.end().is_none_or(|e| e >= start)
    }

    /// The end date as known on the day before `before`: the `ends` of the
    /// latest renewal signed by then that gives one, else its own `ends`.
    pub fn ends_before(&self, before: NaiveDate) -> Option<NaiveDate> {
        self.amendments
            .iter()
            .rev()
            .filter(|m| m.date < before)
            .find_map(|m| m.ends)
            .or(self.ends)
    }

    /// The end date today: after its latest renewal, if any.
    pub fn end(&self) -> Option<NaiveDate> {
        self.ends_before(NaiveDate::MAX)
    }

    /// Every amount of money: `amount` first (committed, received by the
    /// city, undated), then `funds` as written.
    pub fn all_funds(&self) -> Vec<Fund> {
        let amount = self.amount.iter().map(|m| Fund {
            kind: FundKind::Committed,
            direction: Direction::Received,
            money: m.clone(),
            date: None,
            description: None,
        });
        amount.chain(self.funds.iter().cloned()).collect()
    }

    /// The amounts committed to the city known on the day before `before`:
    /// `amount`, and the entries of `funds` committed and received that
    /// are undated or dated earlier. What a report adds up per currency.
    pub fn committed_received(&self, before: NaiveDate) -> impl Iterator<Item = &Money> {
        self.amount.iter().chain(
            self.funds
                .iter()
                .filter(move |f| {
                    f.kind == FundKind::Committed
                        && f.direction == Direction::Received
                        && f.date.is_none_or(|d| d < before)
                })
                .map(|f| &f.money),
        )
    }

    /// The countries of its counterparts, each once, in the order written.
    pub fn countries(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let all = std::iter::once(self.partner_country.as_str())
            .chain(self.counterparts.iter().map(|c| c.country.as_str()));
        for c in all {
            if !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }
}

/// Reads `amendments`, oldest first; an amendment dated before the
/// agreement's signature (`signed`) is an error at its date.
fn read_amendments(map: &mut MapReader<'_, '_>, signed: Option<NaiveDate>) -> Vec<Amendment> {
    let reader = map.reader();
    let mut out = Vec::new();
    let Some(v) = map.raw("amendments") else {
        return out;
    };
    let path = map.path_of("amendments");
    let Some(items) = v.as_sequence() else {
        reader.error(
            &path,
            "`amendments` must be a list",
            Some("write each one as `- { kind: amendment, date: 2026-03-01, description: { es: \"…\", en: \"…\" } }`".into()),
        );
        return out;
    };
    for (i, item) in items.iter().enumerate() {
        let p = crate::yaml::child_index(&path, i);
        let Some(mut m) = reader.mapping(item, &p) else {
            continue;
        };
        let kind = m.required::<AmendmentKind>("kind");
        let date = m.required::<NaiveDate>("date");
        let description = m.required::<LangText>("description");
        let ends = m.optional::<NaiveDate>("ends");
        if let Some(d) = date {
            super::check_date_range(&m, "date", d);
        }
        if let Some(e) = ends {
            super::check_date_range(&m, "ends", e);
            if kind == Some(AmendmentKind::Amendment) {
                reader.error(
                    &m.path_of("ends"),
                    "only a renewal has a new end date",
                    Some("write `kind: renewal` if the agreement was extended, or remove `ends` from this amendment".into()),
                );
            } else if date.is_some_and(|d| e < d) {
                reader.error(
                    &m.path_of("ends"),
                    format!("the renewal's new end date ({e}) comes before the renewal itself"),
                    Some("check both dates".into()),
                );
            }
        }
        let date_path = m.path_of("date");
        m.finish();
        if let (Some(d), Some(s)) = (date, signed) {
            if d < s {
                reader.error(
                    &date_path,
                    format!("this {} is dated {d}, before the agreement was signed ({s})", kind.map_or("amendment", |k| k.id())),
                    Some("an amendment or renewal comes after the signature: check this date and `signed`".into()),
                );
            }
        }
        if let (Some(kind), Some(date), Some(description)) = (kind, date, description) {
            out.push(Amendment {
                kind,
                date,
                description,
                ends,
            });
        }
    }
    out.sort_by_key(|a| a.date);
    out
}

impl DataItem for Agreement {
    const FIELDS: &'static [Field] = FIELDS;

    fn read(map: &mut MapReader<'_, '_>, id: &str) -> Option<Self> {
        let title = map.required::<LangText>("title");
        let summary = map.required::<LangText>("summary");
        let partner = map.required::<Name>("partner");
        let partner_country = map.required::<Country>("partner_country");
        let partner_type = map.optional::<CounterpartType>("partner_type");
        let counterparts = map
            .optional::<Vec<Counterpart>>("other_counterparts")
            .unwrap_or_default();
        let kind = map.required::<AgreementType>("type");
        let signed = map.required::<NaiveDate>("signed");
        let ends = map.optional::<NaiveDate>("ends");
        let status = map.required::<AgreementStatus>("status");
        let amount = map.optional::<Money>("amount");
        let funds = read_funds(map);
        if map.has("amount") && map.has("funds") {
            map.reader().error(
                &map.path_of("amount"),
                "this agreement has both `amount` and `funds`",
                Some("write the amount as one item of `funds`: `{ kind: committed, direction: received, value: …, currency: … }`, then remove `amount`".into()),
            );
        }
        let approved_by = map.optional::<String>("approved_by");
        let registration = map.optional::<Registration>("registration");
        let city_bodies = map.optional::<Vec<Name>>("city_bodies").unwrap_or_default();
        let signatories = map
            .optional::<Vec<Signatory>>("signatories")
            .unwrap_or_default();
        let commitments = map
            .optional::<Vec<LangText>>("commitments")
            .unwrap_or_default();
        let amendments = read_amendments(map, signed);
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
            partner_type,
            counterparts,
            city_bodies,
            signatories,
            registration,
            commitments,
            funds,
            kind: kind?,
            signed: signed?,
            ends,
            status: status?,
            amount,
            approved_by,
            amendments,
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

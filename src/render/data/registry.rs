//! Typed data of the registry pages: the agreements and the international
//! actions, their listings and their own pages (reports show the same
//! objects).

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use super::listing::{Downloads, Pagination};
use crate::content::action::ActionType;
use crate::content::agreement::{AgreementStatus, AgreementType, AmendmentKind, CounterpartType};
use crate::content::money::{Direction, FundKind};

/// What listings, reports and its own page show of an agreement.
#[derive(Serialize, JsonSchema)]
pub(crate) struct AgreementData<'a> {
    /// The agreement's id.
    pub id: &'a str,
    /// Its page in the page's language, or null.
    pub url: Option<&'a str>,
    /// Its title in the page's language (else in the first language that has one).
    pub title: &'a str,
    /// Its summary, likewise.
    pub summary: &'a str,
    /// The partner, in the page's language (else in the site's default language).
    pub partner: &'a str,
    /// The language of `partner` when it is not the page's (a name not
    /// written in the page's language, shown in the default language's), or
    /// null: mark it `<span lang="…">`.
    pub partner_lang: Option<&'a str>,
    /// The partner's country: its ISO code (`MX`).
    pub partner_country: &'a str,
    /// The partner's country: its name in the page's language (else the code).
    pub partner_country_name: &'a str,
    /// `twinning`, `cooperation`, `memorandum`, `network`, `loan`, `grant` or `other`.
    #[serde(rename = "type")]
    #[schemars(with = "String")]
    pub kind: AgreementType,
    /// The type's label.
    pub type_label: String,
    /// The ISO date of signature.
    #[schemars(with = "String")]
    pub signed: NaiveDate,
    /// The date of signature, written for the page's language.
    pub signed_display: String,
    /// The ISO end date, or null.
    #[schemars(with = "Option<String>")]
    pub ends: Option<NaiveDate>,
    /// The end date written for the page's language, or null.
    pub ends_display: Option<String>,
    /// `in-negotiation`, `active`, `concluded`, `suspended` or `cancelled`.
    #[schemars(with = "String")]
    pub status: AgreementStatus,
    /// The status's label.
    pub status_label: String,
    /// The amounts committed to the city (its `amount`, and its `funds`
    /// committed and received), per currency, written for readers
    /// (`12,000,000 USD`; several currencies joined by `; `), or null.
    pub amount: Option<String>,
    /// Who approved it, or null.
    pub approved_by: Option<&'a str>,
    /// Who it is with: its partner, then its `other_counterparts`.
    pub counterparts: Vec<CounterpartData<'a>>,
    /// The city bodies that signed it, each in the page's language (else in
    /// the default language, with its `lang`).
    pub city_bodies: Vec<NameData<'a>>,
    /// The people who signed it.
    pub signatories: Vec<SignatoryData<'a>>,
    /// The approval or registration national law requires, or null.
    pub registration: Option<RegistrationData<'a>>,
    /// What was agreed, in the page's language.
    pub commitments: Vec<&'a str>,
    /// Every amount of money: `amount` (committed, received) then `funds`.
    pub funds: Vec<FundData<'a>>,
    /// True when it has facts beyond what the report's annex table shows
    /// (`partner_type`, `other_counterparts`, `city_bodies`, `signatories`, `registration`,
    /// `commitments` or `funds`): the annex lists them after the table.
    pub details: bool,
    /// Its amendments and renewals, oldest first.
    pub amendments: Vec<AmendmentData<'a>>,
    /// The numbers of its Sustainable Development Goals.
    pub sdgs: &'a [u8],
    /// Its theme ids.
    pub themes: &'a [String],
    /// The addresses of its documents.
    pub documents: &'a [String],
}

/// A counterpart of an agreement: its partner or one of its other counterparts.
#[derive(Serialize, JsonSchema)]
pub(crate) struct CounterpartData<'a> {
    /// The institution, in the page's language (else in the site's default language).
    pub name: &'a str,
    /// The language of `name` when it is not the page's, or null.
    pub name_lang: Option<&'a str>,
    /// Its country's ISO code.
    pub country: &'a str,
    /// Its country's name in the page's language (else the code).
    pub country_name: &'a str,
    /// `local-government`, `national-government`, `international-organisation`,
    /// `network`, `university`, `private` or `civil-society`; null for a
    /// partner whose type is not given.
    #[serde(rename = "type")]
    #[schemars(with = "Option<String>")]
    pub kind: Option<CounterpartType>,
    /// The type's label, or null.
    pub type_label: Option<String>,
}

/// A name of the registry written once or per language, as a page shows it.
#[derive(Serialize, JsonSchema)]
pub(crate) struct NameData<'a> {
    /// The name in the page's language (else in the site's default language).
    pub name: &'a str,
    /// The language of `name` when it is not the page's, or null: mark it
    /// `<span lang="…">`.
    pub lang: Option<&'a str>,
}

impl<'a> NameData<'a> {
    /// `name` as a page in `lang` shows it.
    pub(crate) fn of(name: &'a crate::content::name::Name, lang: &str) -> NameData<'a> {
        let shown = name.shown(lang);
        NameData {
            name: shown.text,
            lang: shown.lang,
        }
    }
}

/// A person who signed, in an agreement's `signatories`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct SignatoryData<'a> {
    /// Their name.
    pub name: &'a str,
    /// Their office.
    pub office: &'a str,
}

/// An agreement's `registration`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct RegistrationData<'a> {
    /// Who approved or registered it.
    pub authority: &'a str,
    /// The reference.
    pub reference: &'a str,
    /// The ISO date, or null.
    #[schemars(with = "Option<String>")]
    pub date: Option<NaiveDate>,
    /// That date written for the page's language, or null.
    pub date_display: Option<String>,
}

/// One amount of money, in the `funds` of an agreement or an action.
#[derive(Serialize, JsonSchema)]
pub(crate) struct FundData<'a> {
    /// `committed`, `disbursed` or `in-kind`.
    #[schemars(with = "String")]
    pub kind: FundKind,
    /// The kind's label.
    pub kind_label: String,
    /// `received` or `contributed` (by the city).
    #[schemars(with = "String")]
    pub direction: Direction,
    /// The direction's label.
    pub direction_label: String,
    /// The amount written for readers, with its currency (`350,000 MXN`).
    pub amount: String,
    /// The ISO date, or null.
    #[schemars(with = "Option<String>")]
    pub date: Option<NaiveDate>,
    /// That date written for the page's language, or null.
    pub date_display: Option<String>,
    /// What it is for, in the page's language, or null.
    pub description: Option<&'a str>,
}

/// An amendment or renewal, in an agreement's `amendments`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct AmendmentData<'a> {
    /// `amendment` or `renewal`.
    #[schemars(with = "String")]
    pub kind: AmendmentKind,
    /// The kind's label.
    pub kind_label: String,
    /// The ISO date it was signed.
    #[schemars(with = "String")]
    pub date: NaiveDate,
    /// That date written for the page's language.
    pub date_display: String,
    /// What changed, in the page's language.
    pub description: &'a str,
}

/// What listings, reports and its own page show of an action.
#[derive(Serialize, JsonSchema)]
pub(crate) struct ActionData<'a> {
    /// The action's id.
    pub id: &'a str,
    /// Its page in the page's language, or null.
    pub url: Option<&'a str>,
    /// Its title in the page's language (else in the first language that has one).
    pub title: &'a str,
    /// Its summary, likewise.
    pub summary: &'a str,
    /// `mission`, `visit`, `event`, `network`, `award`, `training` or `other`.
    #[serde(rename = "type")]
    #[schemars(with = "String")]
    pub kind: ActionType,
    /// The type's label.
    pub type_label: String,
    /// The ISO date of its first day.
    #[schemars(with = "String")]
    pub date: NaiveDate,
    /// Its first day, written for the page's language.
    pub date_display: String,
    /// The ISO date of its last day, or null.
    #[schemars(with = "Option<String>")]
    pub end_date: Option<NaiveDate>,
    /// Its last day written for the page's language, or null.
    pub end_date_display: Option<String>,
    /// Where it took place.
    pub place: PlaceData<'a>,
    /// Who took part (texts).
    pub participants: &'a [String],
    /// Its cost written for readers, or null.
    pub cost: Option<String>,
    /// Who paid for it, in the page's language (else in the site's default language), or null.
    pub funded_by: Option<&'a str>,
    /// The language of `funded_by` when it is not the page's, or null.
    pub funded_by_lang: Option<&'a str>,
    /// The money received or contributed, as written in its `funds`.
    pub funds: Vec<FundData<'a>>,
    /// Who authorised the mission, or null.
    pub authorisation: Option<AuthorisationData<'a>>,
    /// The trip report handed in, or null.
    pub trip_report: Option<TripReportData<'a>>,
    /// For a mission without a trip report, when the site sets a term
    /// (`[missions] trip_report_days`): the day it is due, written for the
    /// page's language; else null.
    pub trip_report_due: Option<String>,
    /// The agreements it relates to.
    pub agreements: Vec<AgreementLink<'a>>,
    /// Its results in the page's language, or null.
    pub results: Option<&'a str>,
    /// The numbers of its Sustainable Development Goals.
    pub sdgs: &'a [u8],
}

/// Who authorised a mission, in an action's `authorisation`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct AuthorisationData<'a> {
    /// The body or office that authorised it.
    pub by: &'a str,
    /// The reference of the act.
    pub reference: &'a str,
    /// The ISO date of the act.
    #[schemars(with = "String")]
    pub date: NaiveDate,
    /// That date written for the page's language.
    pub date_display: String,
}

/// A mission's trip report, in an action's `trip_report`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct TripReportData<'a> {
    /// The ISO date it was handed in.
    #[schemars(with = "String")]
    pub date: NaiveDate,
    /// That date written for the page's language.
    pub date_display: String,
    /// The address of the report, or null.
    pub document: Option<&'a str>,
}

/// Where an action took place, in `place`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PlaceData<'a> {
    /// The city, in the page's language (else in the site's default language).
    pub city: &'a str,
    /// The language of `city` when it is not the page's, or null: mark it
    /// `<span lang="…">`.
    pub city_lang: Option<&'a str>,
    /// The country's ISO code.
    pub country: &'a str,
    /// The country's name in the page's language (else the code).
    pub country_name: &'a str,
}

/// An agreement an action relates to, in an action's `agreements`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct AgreementLink<'a> {
    /// Its title in the page's language.
    pub title: &'a str,
    /// Its page, or null.
    pub url: Option<&'a str>,
}

/// The data `agreements.html` adds.
#[derive(Serialize, JsonSchema)]
pub(crate) struct AgreementsTemplate<'a> {
    /// The number of agreements on all pages.
    pub count: usize,
    /// The agreements of this page, newest signature first.
    pub items: Vec<AgreementData<'a>>,
    /// The links to the other pages of the list.
    pub pagination: Pagination,
    /// The open data of the registry of agreements.
    pub downloads: Downloads,
}

/// The data `actions.html` adds.
#[derive(Serialize, JsonSchema)]
pub(crate) struct ActionsTemplate<'a> {
    /// The number of actions on all pages.
    pub count: usize,
    /// The actions of this page, newest first.
    pub items: Vec<ActionData<'a>>,
    /// The links to the other pages of the list.
    pub pagination: Pagination,
    /// The open data of the registry of actions.
    pub downloads: Downloads,
}

/// The data `agreement.html` adds.
#[derive(Serialize, JsonSchema)]
pub(crate) struct AgreementTemplate<'a> {
    /// The agreement, with its actions.
    pub agreement: AgreementFull<'a>,
    /// The registry of agreements.
    pub index_url: String,
}

/// An agreement on its own page (`agreement`): what listings show, plus its actions.
#[derive(Serialize, JsonSchema)]
pub(crate) struct AgreementFull<'a> {
    /// Everything listings show of it.
    #[serde(flatten)]
    pub summary: AgreementData<'a>,
    /// The actions related to it, oldest first.
    pub actions: Vec<ActionData<'a>>,
}

/// The data `action.html` adds.
#[derive(Serialize, JsonSchema)]
pub(crate) struct ActionTemplate<'a> {
    /// The action.
    pub action: ActionData<'a>,
    /// The registry of actions.
    pub index_url: String,
}

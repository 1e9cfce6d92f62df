//! Typed data of the report pages: the list of semesters and each report
//! with its six parts.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use super::registry::{ActionData, AgreementData};
use super::{CaseSummary, HeadingDoc};
use crate::markdown::Heading;

/// The data `reports.html` adds.
#[derive(Serialize, JsonSchema)]
pub(crate) struct ReportsTemplate<'a> {
    /// Every report, newest semester first, in the page's language or, when not translated, in another one.
    pub reports: Vec<ReportItem<'a>>,
}

/// A report in the list of reports, in `reports`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct ReportItem<'a> {
    /// The semester (`2025-S1`).
    pub period: &'a str,
    /// The semester written for readers.
    pub period_display: String,
    /// The title of the version shown.
    pub title: &'a str,
    /// The language of the version shown.
    pub lang: &'a str,
    /// True when `lang` is the page's language. When false, `title` and `legislature` are in the language `lang`: mark those two, not the whole item (its period and dates are in the page's language).
    pub translated: bool,
    /// The address of the version shown.
    pub url: &'a str,
    /// The legislature it is presented to, in the version shown.
    pub legislature: &'a str,
    /// The ISO date it was presented, or null for a report not yet presented.
    #[schemars(with = "Option<String>")]
    pub presented: Option<NaiveDate>,
    /// That date written for the page's language, or null.
    pub presented_display: Option<String>,
    /// The number of errata.
    pub errata: usize,
}

/// The data `report.html` adds. A report is always rendered in its own language (a missing translation gets `untranslated.html`).
#[derive(Serialize, JsonSchema)]
pub(crate) struct ReportTemplate<'a> {
    /// The report.
    pub report: ReportData<'a>,
    /// The list of reports.
    pub index_url: String,
}

/// A report on its own page, in `report`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct ReportData<'a> {
    /// The semester (`2025-S1`).
    pub period: &'a str,
    /// The semester written for readers.
    pub period_display: String,
    /// The report's title.
    pub title: &'a str,
    /// The legislature it is presented to.
    pub legislature: &'a str,
    /// The ISO date it was presented, or null while not presented.
    #[schemars(with = "Option<String>")]
    pub presented: Option<NaiveDate>,
    /// That date written for readers, or null.
    pub presented_display: Option<String>,
    /// True while not presented.
    pub draft: bool,
    /// `sha256:…` of the presented content, or null.
    pub fingerprint: Option<String>,
    /// The reference of the official letter that sent it, or null.
    pub letter: Option<&'a str>,
    /// Where the legislature's record shows it received, or null.
    pub received: Option<ReceivedData<'a>>,
    /// Its errata, oldest first.
    pub errata: Vec<ErratumData<'a>>,
    /// The narrative, rendered from Markdown (print with `| safe`).
    pub html: &'a str,
    /// The narrative's headings, in order.
    #[schemars(with = "Vec<HeadingDoc>")]
    pub headings: &'a [Heading],
    /// The agreements of the semester.
    pub agreements: ReportAgreements<'a>,
    /// The actions of the semester.
    pub actions: ReportActions<'a>,
    /// Each indicator measured in the semester.
    pub indicators: Vec<ReportIndicator<'a>>,
    /// Case summaries of the cases dated in the semester.
    pub cases: Vec<&'a CaseSummary<'a>>,
    /// The report's JSON data file.
    pub data_json: String,
    /// The report's CSV data file.
    pub data_csv: String,
    /// The report printed to PDF, or null when the site was built without `--pdf`.
    pub pdf: Option<PdfLink>,
    /// The version as presented, published at its own address, or null
    /// (a draft, or a report whose content as presented is not kept).
    pub as_presented: Option<AsPresentedLink>,
}

/// The version as presented, as the current version links it, in `report.as_presented`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct AsPresentedLink {
    /// Its address.
    pub url: String,
    /// Its fingerprint (`sha256:…`), the one recorded when it was presented.
    pub fingerprint: String,
    /// True when the current version differs from it.
    pub changed: bool,
    /// The sections that differ from it, in the report's order.
    pub changes: Vec<SectionChange>,
}

/// A section that differs from the version as presented, in `report.as_presented.changes`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct SectionChange {
    /// `narrative`, `agreements`, `actions`, `indicators` or `cases` (its part is `#part-<section>`).
    pub section: &'static str,
    /// The section's title.
    pub section_label: String,
    /// The numbers of the errata that name this section (`#erratum-N`), oldest first.
    pub errata: Vec<usize>,
}

/// The data `report_presented.html` adds: a report as it was presented,
/// made from the content kept in `reports.presented/` alone.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PresentedTemplate {
    /// The report as presented.
    pub report: PresentedData,
    /// The current version's page.
    pub current_url: String,
    /// The list of reports.
    pub index_url: String,
}

/// A report as presented, in `report` of `report_presented.html`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PresentedData {
    /// The semester (`2025-S1`).
    pub period: String,
    /// The semester written for readers.
    pub period_display: String,
    /// The title it was presented with.
    pub title: String,
    /// The legislature it was presented to.
    pub legislature: String,
    /// The ISO date it was presented.
    #[schemars(with = "String")]
    pub presented: NaiveDate,
    /// That date written for readers.
    pub presented_display: String,
    /// Its fingerprint (`sha256:…`): the SHA-256 of its stored content.
    pub fingerprint: String,
    /// True when the current version differs from it.
    pub changed: bool,
    /// The number of errata of the current version.
    pub errata_since: usize,
    /// Always false (as `report.draft` of `report.html`).
    pub draft: bool,
    /// Always empty: a report's errata come after it was presented (as `report.errata` of `report.html`).
    pub errata: Vec<ErratumData<'static>>,
    /// The report as presented printed to PDF, or null when the site was built without `--pdf`.
    pub pdf: Option<PdfLink>,
    /// The narrative as presented, rendered from Markdown (print with `| safe`).
    pub html: String,
    /// The narrative's headings, in order.
    #[schemars(with = "Vec<HeadingDoc>")]
    pub headings: Vec<Heading>,
    /// The agreements part.
    pub agreements: PresentedAgreements,
    /// The actions part.
    pub actions: PresentedActions,
    /// The indicators measured in the semester.
    pub indicators: Vec<PresentedIndicator>,
    /// The cases dated in the semester.
    pub cases: Vec<PresentedCase>,
}

/// The agreements part as presented, in `report.agreements`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PresentedAgreements {
    /// The agreements signed in the semester.
    pub signed: Vec<PresentedAgreement>,
    /// The agreements in force during the semester.
    pub active: Vec<PresentedAgreement>,
    /// The agreements that ended in the semester.
    pub concluded: Vec<PresentedAgreement>,
    /// The agreements signed, per type.
    pub by_type: Vec<TypeCount>,
    /// The agreements signed, per partner country.
    pub by_country: Vec<PresentedCountryCount>,
    /// The amounts signed, per currency, written for readers.
    pub signed_totals: Vec<String>,
    /// The amounts in force, likewise.
    pub active_totals: Vec<String>,
}

/// An agreement as presented.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PresentedAgreement {
    /// Its id.
    pub id: String,
    /// Its page today, or null when it no longer has one.
    pub url: Option<String>,
    /// Its title as presented.
    pub title: String,
    /// The partner, as presented in the report's language.
    pub partner: String,
    /// Always null: the content as presented holds each name as the report
    /// gave it, without its language (as `partner_lang` of `report.html`).
    pub partner_lang: Option<String>,
    /// The partner's country: its ISO code.
    pub partner_country: String,
    /// The country's name in the page's language (else the code).
    pub partner_country_name: String,
    /// The type's label.
    pub type_label: String,
    /// The status's label.
    pub status_label: String,
    /// The ISO date of signature.
    #[schemars(with = "String")]
    pub signed: NaiveDate,
    /// That date written for readers.
    pub signed_display: String,
    /// The ISO end date known when presented, or null.
    #[schemars(with = "Option<String>")]
    pub ends: Option<NaiveDate>,
    /// That date written for readers, or null.
    pub ends_display: Option<String>,
    /// The amount written for readers, or null.
    pub amount: Option<String>,
    /// Who approved it, or null.
    pub approved_by: Option<String>,
    /// Who it is with: its partner, then its other counterparts.
    pub counterparts: Vec<PresentedCounterpart>,
    /// The city bodies that signed it (each `lang` always null).
    pub city_bodies: Vec<PresentedName>,
    /// The people who signed it.
    pub signatories: Vec<PresentedSignatory>,
    /// The registration national law requires, or null.
    pub registration: Option<PresentedRegistration>,
    /// What was agreed.
    pub commitments: Vec<String>,
    /// The money as presented (`funds`).
    pub funds: Vec<PresentedFund>,
    /// True when the report held any of the facts above beyond the partner:
    /// the annex lists them after the table.
    pub details: bool,
}

/// The actions part as presented, in `report.actions`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PresentedActions {
    /// The actions per type that has any.
    pub groups: Vec<PresentedActionGroup>,
    /// How many.
    pub count: usize,
    /// Their costs per currency, written for readers.
    pub cost_totals: Vec<String>,
    /// Every action, by date.
    pub all: Vec<PresentedAction>,
}

/// The actions of one type as presented.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PresentedActionGroup {
    /// The type's id.
    #[serde(rename = "type")]
    pub kind: String,
    /// The type's label.
    pub label: String,
    /// How many.
    pub count: usize,
    /// Their costs per currency, written for readers.
    pub cost_totals: Vec<String>,
    /// The actions.
    pub items: Vec<PresentedAction>,
}

/// An action as presented.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PresentedAction {
    /// Its id.
    pub id: String,
    /// Its page today, or null.
    pub url: Option<String>,
    /// Its title as presented.
    pub title: String,
    /// The type's label.
    pub type_label: String,
    /// The ISO date of its first day.
    #[schemars(with = "String")]
    pub date: NaiveDate,
    /// That date written for readers.
    pub date_display: String,
    /// The ISO date of its last day, or null.
    #[schemars(with = "Option<String>")]
    pub end_date: Option<NaiveDate>,
    /// That date written for readers, or null.
    pub end_date_display: Option<String>,
    /// Where it took place.
    pub place: PresentedPlace,
    /// Who took part.
    pub participants: Vec<String>,
    /// Its cost written for readers, or null.
    pub cost: Option<String>,
    /// Who paid for it, or null.
    pub funded_by: Option<String>,
    /// Always null (as `funded_by_lang` of `report.html`).
    pub funded_by_lang: Option<String>,
    /// Who authorised it (`body, act, date`), or null.
    pub authorisation: Option<String>,
    /// The money as presented.
    pub funds: Vec<PresentedFund>,
}

/// A counterpart of an agreement as presented.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PresentedCounterpart {
    /// The institution.
    pub name: String,
    /// Always null (as `name_lang` of `report.html`).
    pub name_lang: Option<String>,
    /// Its country's ISO code.
    pub country: String,
    /// Its country's name in the page's language (else the code).
    pub country_name: String,
    /// The type's label, or null when no type was given.
    pub type_label: Option<String>,
}

/// A name as presented (a city body that signed an agreement).
#[derive(Serialize, JsonSchema)]
pub(crate) struct PresentedName {
    /// The name, as the report gave it.
    pub name: String,
    /// Always null: the content as presented holds the name without its language.
    pub lang: Option<String>,
}

/// A person who signed an agreement, as presented.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PresentedSignatory {
    /// Their name.
    pub name: String,
    /// Their office.
    pub office: String,
}

/// An agreement's registration, as presented.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PresentedRegistration {
    /// Who approved or registered it.
    pub authority: String,
    /// The reference.
    pub reference: String,
    /// The ISO date, or null.
    #[schemars(with = "Option<String>")]
    pub date: Option<NaiveDate>,
    /// That date written for readers, or null.
    pub date_display: Option<String>,
}

/// An amount of money, as presented.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PresentedFund {
    /// The amount written for readers, with its currency.
    pub amount: String,
    /// `committed`, `disbursed` or `in-kind`.
    pub kind: String,
    /// The kind's label.
    pub kind_label: String,
    /// `received` or `contributed` (by the city).
    pub direction: String,
    /// The direction's label.
    pub direction_label: String,
    /// The ISO date, or null.
    #[schemars(with = "Option<String>")]
    pub date: Option<NaiveDate>,
    /// That date written for readers, or null.
    pub date_display: Option<String>,
    /// What it is for, or null.
    pub description: Option<String>,
}

/// A number of agreements with partners of one country, as presented.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PresentedCountryCount {
    /// The country's ISO code.
    pub code: String,
    /// Its name in the page's language (else the code).
    pub name: String,
    /// How many.
    pub count: usize,
}

/// Where an action took place, as presented.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PresentedPlace {
    /// The city.
    pub city: String,
    /// Always null (as `city_lang` of `report.html`).
    pub city_lang: Option<String>,
    /// The country's ISO code.
    pub country: String,
    /// The country's name in the page's language (else the code).
    pub country_name: String,
}

/// An indicator as presented.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PresentedIndicator {
    /// Its name as presented.
    pub name: String,
    /// Its page today, or null.
    pub url: Option<String>,
    /// The period of the value, written for readers.
    pub period_display: String,
    /// The value with its unit or level.
    pub value: String,
    /// The value before, with its period, or null.
    pub previous: Option<String>,
    /// The target, with its period.
    pub target: String,
    /// The status id.
    pub status: String,
    /// The status's label.
    pub status_label: String,
}

/// A case as presented.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PresentedCase {
    /// Its title as presented.
    pub title: String,
    /// Its page today, or null.
    pub url: Option<String>,
    /// The language of the version named.
    pub lang: String,
    /// True when `lang` is the page's language.
    pub translated: bool,
    /// Its city.
    pub city: String,
    /// Its date written for readers.
    pub date_display: String,
}

/// The printed report, in `report.pdf`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PdfLink {
    /// Its address.
    pub url: String,
    /// Its size written for readers (`245 KB`, `1,2 MB`).
    pub size: String,
}

/// Where the legislature's record shows a report received, in `report.received`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct ReceivedData<'a> {
    /// The ISO date of the record.
    #[schemars(with = "String")]
    pub date: NaiveDate,
    /// That date written for readers.
    pub date_display: String,
    /// The entry of the record.
    pub entry: &'a str,
}

/// A correction of a presented report, in `report.errata`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct ErratumData<'a> {
    /// Its ISO date.
    #[schemars(with = "String")]
    pub date: NaiveDate,
    /// Its date written for readers.
    pub date_display: String,
    /// What was corrected.
    pub description: &'a str,
    /// Its number among the report's errata (1, 2…), for the anchor
    /// `#erratum-N` the corrected section links to.
    pub number: usize,
    /// `typo` or `correction`, or null when not given.
    pub kind: Option<&'static str>,
    /// The label of its kind, or null.
    pub kind_label: Option<String>,
    /// The section it corrects (`narrative`, `agreements`, `actions`,
    /// `indicators`, `cases`; its part is `#part-<section>`), or null.
    pub section: Option<&'static str>,
    /// The title of that section, or null.
    pub section_label: Option<String>,
}

/// The agreements part of a report, in `report.agreements`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct ReportAgreements<'a> {
    /// The agreements signed in the semester.
    pub signed: Vec<AgreementData<'a>>,
    /// The agreements in force during the semester.
    pub active: Vec<AgreementData<'a>>,
    /// The agreements that ended in the semester.
    pub concluded: Vec<AgreementData<'a>>,
    /// The agreements signed, per type that has any.
    pub by_type: Vec<TypeCount>,
    /// The agreements signed, per partner country.
    pub by_country: Vec<CountryCount<'a>>,
    /// The amounts of the agreements signed, per currency, written for readers (`["45,000 EUR", "12,000,000 USD"]`).
    pub signed_totals: Vec<String>,
    /// The amounts of the agreements in force, likewise.
    pub active_totals: Vec<String>,
}

/// A number of agreements of one type, in `report.agreements.by_type`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct TypeCount {
    /// The type's label.
    pub label: String,
    /// How many.
    pub count: usize,
}

/// A number of agreements with partners of one country, in `report.agreements.by_country`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct CountryCount<'a> {
    /// The country's ISO code.
    pub code: &'a str,
    /// Its name in the page's language (else the code).
    pub name: &'a str,
    /// How many.
    pub count: usize,
}

/// The actions part of a report, in `report.actions`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct ReportActions<'a> {
    /// The actions per type that has any.
    pub groups: Vec<ActionGroup<'a>>,
    /// The number of actions of the semester.
    pub count: usize,
    /// Their costs per currency, written for readers.
    pub cost_totals: Vec<String>,
    /// Every action of the semester, by date.
    pub all: Vec<ActionData<'a>>,
}

/// The actions of one type, in `report.actions.groups`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct ActionGroup<'a> {
    /// The type's id.
    #[serde(rename = "type")]
    pub kind: &'a str,
    /// The type's label.
    pub label: String,
    /// How many.
    pub count: usize,
    /// Their costs per currency, written for readers.
    pub cost_totals: Vec<String>,
    /// The actions.
    pub items: Vec<ActionData<'a>>,
}

/// An indicator measured in the semester, in `report.indicators`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct ReportIndicator<'a> {
    /// The indicator's id.
    pub id: &'a str,
    /// Its name in the page's language.
    pub name: &'a str,
    /// Its page, or null.
    pub url: Option<&'a str>,
    /// The period of the value, written for readers.
    pub period_display: String,
    /// The value, with its unit or level label.
    pub value: String,
    /// The value before, with its period (`1,200 (2024)`), or null.
    pub previous: Option<String>,
    /// The target, with its period.
    pub target: String,
    /// `achieved`, `on-track`, `needs-attention`, `not-achieved` or `no-data`.
    pub status: &'a str,
    /// The status's label.
    pub status_label: String,
}

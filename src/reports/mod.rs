//! Semiannual reports to the legislature, composed from the registry of
//! agreements and actions, the indicators and the cases.
//!
//! [`compose`] selects what belongs to a semester; [`report_content`] turns that
//! into the report's canonical content in one language (narrative and
//! composed data, not the theme), which [`canonical`] serialises and
//! fingerprints; [`lock`] keeps the fingerprints of presented reports in
//! `reports.lock` so that a presented report cannot change silently, and
//! [`presented`] keeps each report's content as presented, to publish it.

pub mod canonical;
pub mod lock;
pub mod presented;
mod registry_facts;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::{json, Map, Value};

use crate::content::action::ActionType;
use crate::content::agreement::{AgreementStatus, AgreementType};
use crate::content::indicator::{Indicator, Measure, Observation};
use crate::content::{Action, Agreement, Content, Document, ReportMeta};
use crate::figures::{self, Status};
use crate::period::Period;
use crate::yaml::{LangText, YamlEnum};

/// An indicator's figures as a report shows them.
#[derive(Debug, Clone)]
pub struct IndicatorLine<'a> {
    /// The indicator.
    pub indicator: &'a Indicator,
    /// Its latest observation inside the semester.
    pub observation: Observation,
    /// The observation before it.
    pub previous: Option<Observation>,
    /// Its status as of that observation.
    pub status: Status,
}

/// What belongs to one semester.
#[derive(Debug, Clone)]
pub struct Composition<'a> {
    /// Agreements signed in the semester (not those still in negotiation).
    pub signed: Vec<&'a Agreement>,
    /// Agreements in force at some time during the semester.
    pub active: Vec<&'a Agreement>,
    /// Agreements whose end date falls in the semester.
    pub concluded: Vec<&'a Agreement>,
    /// Actions that started in the semester, by date.
    pub actions: Vec<&'a Action>,
    /// Indicators with an observation inside the semester.
    pub indicators: Vec<IndicatorLine<'a>>,
    /// Ids of the cases dated in the semester, by date.
    pub cases: Vec<&'a str>,
}

/// Selects what belongs to `period` (a semester).
pub fn compose(content: &Content, period: Period) -> Composition<'_> {
    let (start, end) = (period.start(), period.end_exclusive());
    let inside = |d: NaiveDate| start <= d && d < end;
    let by_date =
        |a: &&Agreement, b: &&Agreement| a.signed.cmp(&b.signed).then_with(|| a.id.cmp(&b.id));
    let mut signed: Vec<&Agreement> = content
        .agreements
        .values()
        .filter(|a| inside(a.signed) && a.status != AgreementStatus::InNegotiation)
        .collect();
    signed.sort_by(by_date);
    let mut active: Vec<&Agreement> = content
        .agreements
        .values()
        .filter(|a| a.active_between(start, end))
        .collect();
    active.sort_by(by_date);
    let mut concluded: Vec<&Agreement> = content
        .agreements
        .values()
        .filter(|a| a.end().is_some_and(inside) && a.status != AgreementStatus::InNegotiation)
        .collect();
    concluded.sort_by(by_date);
    let mut actions: Vec<&Action> = content
        .actions
        .values()
        .filter(|a| inside(a.date))
        .collect();
    actions.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));

    let indicators = content
        .indicators
        .values()
        .filter_map(|ind| {
            let pos = ind
                .observations
                .iter()
                .rposition(|o| o.period.start() >= start && o.period.end_exclusive() <= end)?;
            let observation = ind.observations[pos].clone();
            let previous = pos.checked_sub(1).map(|i| ind.observations[i].clone());
            let status = figures::compute_at(ind, observation.period).status;
            Some(IndicatorLine {
                indicator: ind,
                observation,
                previous,
                status,
            })
        })
        .collect();

    let mut cases: Vec<(NaiveDate, &str)> = content
        .cases
        .entries
        .values()
        .filter_map(|e| e.docs.values().next().map(|d| (d.meta.date, e.id.as_str())))
        .filter(|(d, _)| inside(*d))
        .collect();
    cases.sort();
    Composition {
        signed,
        active,
        concluded,
        actions,
        indicators,
        cases: cases.into_iter().map(|(_, id)| id).collect(),
    }
}

/// The sections of a report, in order, as named in data and in the lock.
pub const SECTIONS: [&str; 5] = ["narrative", "agreements", "actions", "indicators", "cases"];

fn text(t: &LangText, lang: &str, fallbacks: &[String]) -> String {
    t.get(lang, fallbacks).unwrap_or("").to_string()
}

fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        json!(n as i64)
    } else {
        json!(n)
    }
}

fn measure(m: &Measure) -> Value {
    match m {
        Measure::Number(n) => number(*n),
        Measure::Level(id) => json!(id),
    }
}

/// Sums amounts per currency (never across currencies).
pub fn totals<'a>(
    amounts: impl Iterator<Item = &'a crate::content::money::Money>,
) -> BTreeMap<String, f64> {
    let mut out: BTreeMap<String, f64> = BTreeMap::new();
    for m in amounts {
        *out.entry(m.currency.clone()).or_default() += m.value;
    }
    out
}

fn totals_json(t: &BTreeMap<String, f64>) -> Value {
    Value::Object(t.iter().map(|(c, v)| (c.clone(), number(*v))).collect())
}

/// An agreement as a report presents it. Its amendments and renewals
/// appear only when there are some dated on or before the presentation
/// (`before`: the day after it; for a draft, no limit), and its end date is
/// the one known then, so a renewal signed after a report was presented
/// does not change that report. Its names (partner, counterparts, city
/// bodies) are those of the report's language, else the default
/// language's: a name written once gives the same content as before names
/// could be written per language.
fn agreement_json(a: &Agreement, lang: &str, fallbacks: &[String], before: NaiveDate) -> Value {
    let mut value = json!({
        "id": a.id,
        "title": text(&a.title, lang, fallbacks),
        "partner": a.partner.get(lang),
        "partner_country": a.partner_country,
        "type": a.kind,
        "signed": a.signed,
        "ends": a.ends_before(before),
        "status": a.status,
        "amount": a.amount.as_ref().map(|m| json!({"value": number(m.value), "currency": m.currency})),
        "approved_by": a.approved_by,
    });
    registry_facts::agreement(&mut value, a, lang, fallbacks, before);
    let amendments: Vec<Value> = a
        .amendments
        .iter()
        .filter(|m| m.date < before)
        .map(|m| json!({"kind": m.kind, "date": m.date, "description": text(&m.description, lang, fallbacks)}))
        .collect();
    if !amendments.is_empty() {
        value["amendments"] = json!(amendments);
    }
    value
}

/// An action as a report presents it. Facts added to the registry after
/// the first reports were presented (`authorisation`, `trip_report`) appear
/// only when given, so the content of reports that did not have them stays
/// the same; a trip report appears only in reports presented on or after
/// the day it was handed in (`before`: the day after the presentation; for
/// a draft, no limit), since a later one did not exist when it was
/// presented. The city and who paid are named in the report's language,
/// else in the default language, as for agreements.
fn action_json(a: &Action, lang: &str, fallbacks: &[String], before: NaiveDate) -> Value {
    let mut value = json!({
        "id": a.id,
        "title": text(&a.title, lang, fallbacks),
        "type": a.kind,
        "date": a.date,
        "end_date": a.end_date,
        "place": {"city": a.place.city.get(lang), "country": a.place.country},
        "participants": a.participants,
        "cost": a.cost.as_ref().map(|m| json!({"value": number(m.value), "currency": m.currency})),
        "funded_by": a.funded_by.as_ref().map(|n| n.get(lang)),
    });
    if let Some(x) = &a.authorisation {
        value["authorisation"] = json!({"by": x.by, "reference": x.reference, "date": x.date});
    }
    if let Some(r) = a.trip_report.as_ref().filter(|r| r.date < before) {
        value["trip_report"] = json!({"date": r.date, "document": r.document});
    }
    registry_facts::funds(&mut value, &a.funds, lang, fallbacks, before);
    value
}

/// Counts per id of a closed set, in the set's order, leaving out zeros.
fn counts<E: YamlEnum + PartialEq>(items: impl Iterator<Item = E>) -> Value {
    let items: Vec<E> = items.collect();
    let mut map = Map::new();
    for (id, value) in E::ALL {
        let n = items.iter().filter(|i| *i == value).count();
        if n > 0 {
            map.insert(id.to_string(), json!(n));
        }
    }
    Value::Object(map)
}

/// The canonical content of the report of `doc` in its language: the
/// narrative as written and the composed data, with language-neutral values
/// (ids, ISO dates, plain numbers). This is what the fingerprint covers.
pub fn report_content(
    content_model: &Content,
    doc: &Document<ReportMeta>,
    languages: &[String],
) -> Value {
    let lang = doc.lang.as_str();
    let mut fallbacks = vec![lang.to_string()];
    fallbacks.extend(languages.iter().filter(|l| *l != lang).cloned());
    let c = compose(content_model, doc.meta.period);
    let known_before = doc
        .meta
        .presented
        .and_then(|d| d.succ_opt())
        .unwrap_or(NaiveDate::MAX);

    let mut by_country: BTreeMap<&str, usize> = BTreeMap::new();
    for a in &c.signed {
        for country in a.countries() {
            *by_country.entry(country).or_default() += 1;
        }
    }
    let mut involved: Vec<&Agreement> = c
        .active
        .iter()
        .chain(&c.signed)
        .chain(&c.concluded)
        .copied()
        .collect();
    involved.sort_by(|a, b| a.id.cmp(&b.id));
    involved.dedup_by(|a, b| a.id == b.id);
    let all_agreements: Vec<Value> = involved
        .iter()
        .map(|a| agreement_json(a, lang, &fallbacks, known_before))
        .collect();
    let agreements = json!({
        "signed": c.signed.iter().map(|a| agreement_json(a, lang, &fallbacks, known_before)).collect::<Vec<_>>(),
        "active": c.active.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        "concluded": c.concluded.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        "signed_by_type": counts::<AgreementType>(c.signed.iter().map(|a| a.kind)),
        "signed_by_country": by_country,
        "signed_amounts": totals_json(&totals(c.signed.iter().flat_map(|a| a.committed_received(known_before)))),
        "active_amounts": totals_json(&totals(c.active.iter().flat_map(|a| a.committed_received(known_before)))),
        "all": all_agreements,
    });
    let mut by_type = Map::new();
    for (id, t) in ActionType::ALL {
        let of_type: Vec<&&Action> = c.actions.iter().filter(|a| a.kind == *t).collect();
        if !of_type.is_empty() {
            by_type.insert(
                id.to_string(),
                json!({"count": of_type.len(), "cost": totals_json(&totals(of_type.iter().filter_map(|a| a.cost.as_ref())))}),
            );
        }
    }
    let actions = json!({
        "items": c.actions.iter().map(|a| action_json(a, lang, &fallbacks, known_before)).collect::<Vec<_>>(),
        "by_type": by_type,
        "cost": totals_json(&totals(c.actions.iter().filter_map(|a| a.cost.as_ref()))),
    });
    let indicators: Vec<Value> = c
        .indicators
        .iter()
        .map(|l| {
            let ind = l.indicator;
            json!({
                "id": ind.id,
                "name": text(&ind.name, lang, &fallbacks),
                "kind": ind.kind,
                "unit": ind.unit.as_ref().map(|u| text(u, lang, &fallbacks)),
                "period": l.observation.period,
                "value": measure(&l.observation.value),
                "previous": l.previous.as_ref().map(|p| json!({"period": p.period, "value": measure(&p.value)})),
                "target": {"period": ind.target.period, "value": measure(&ind.target.value)},
                "status": l.status.id(),
            })
        })
        .collect();
    let cases: Vec<Value> = c
        .cases
        .iter()
        .filter_map(|id| {
            let entry = content_model.cases.get(id)?;
            let d = entry.get_or_fallback(lang, &fallbacks)?;
            Some(json!({"id": id, "title": d.meta.title, "city": d.meta.city, "country": d.meta.country, "date": d.meta.date, "language": d.lang}))
        })
        .collect();
    json!({
        "period": doc.id,
        "language": lang,
        "title": doc.meta.title,
        "legislature": doc.meta.legislature,
        "presented": doc.meta.presented,
        "sections": {
            "narrative": doc.body(),
            "agreements": agreements,
            "actions": actions,
            "indicators": indicators,
            "cases": cases,
        },
    })
}

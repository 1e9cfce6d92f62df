//! The facts of the registry added after the first reports were presented
//! (an agreement's partner type, other counterparts, who signed, its
//! registration and commitments; the funds of agreements and actions), as a
//! report's canonical content holds them: each key only when given, so the
//! content of reports that did not have them stays the same.

use chrono::NaiveDate;
use serde_json::{json, Value};

use super::{number, text};
use crate::content::money::Fund;
use crate::content::Agreement;

/// The facts of an agreement added to the registry after the first
/// reports were presented (the partner's type, other counterparts, signing bodies
/// and signatories, registration, commitments, funds): each appears only
/// when given, so reports that did not have them keep their content; a
/// registration or an amount dated after the presentation (`before`: the
/// day after it) is left out, as it was not known then.
pub(super) fn agreement(
    value: &mut Value,
    a: &Agreement,
    lang: &str,
    fallbacks: &[String],
    before: NaiveDate,
) {
    if let Some(t) = a.partner_type {
        value["partner_type"] = json!(t);
    }
    if !a.counterparts.is_empty() {
        value["other_counterparts"] = json!(a
            .counterparts
            .iter()
            .map(|c| json!({"name": c.name.get(lang), "country": c.country, "type": c.kind}))
            .collect::<Vec<_>>());
    }
    if !a.city_bodies.is_empty() {
        value["city_bodies"] = json!(a
            .city_bodies
            .iter()
            .map(|b| b.get(lang))
            .collect::<Vec<_>>());
    }
    if !a.signatories.is_empty() {
        value["signatories"] = json!(a
            .signatories
            .iter()
            .map(|x| json!({"name": x.name, "office": x.office}))
            .collect::<Vec<_>>());
    }
    if let Some(r) = a
        .registration
        .as_ref()
        .filter(|r| r.date.is_none_or(|d| d < before))
    {
        value["registration"] =
            json!({"authority": r.authority, "reference": r.reference, "date": r.date});
    }
    if !a.commitments.is_empty() {
        value["commitments"] = json!(a
            .commitments
            .iter()
            .map(|c| text(c, lang, fallbacks))
            .collect::<Vec<_>>());
    }
    funds(value, &a.funds, lang, fallbacks, before);
}

/// Adds `funds` to `value` when some are known on the day before `before`.
pub(super) fn funds(
    value: &mut Value,
    funds: &[Fund],
    lang: &str,
    fallbacks: &[String],
    before: NaiveDate,
) {
    let known: Vec<Value> = funds
        .iter()
        .filter(|f| f.date.is_none_or(|d| d < before))
        .map(|f| {
            json!({
                "kind": f.kind,
                "direction": f.direction,
                "value": number(f.money.value),
                "currency": f.money.currency,
                "date": f.date,
                "description": f.description.as_ref().map(|d| text(d, lang, fallbacks)),
            })
        })
        .collect();
    if !known.is_empty() {
        value["funds"] = json!(known);
    }
}

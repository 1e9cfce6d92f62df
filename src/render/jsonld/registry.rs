//! What an agreement's and an action's page are about. Each such page is a
//! `WebPage` (published by the office, under the site's licence) whose
//! `mainEntity` is the agreement or the action: the licence and the
//! publisher are the page's, not the agreement's or the mission's.

use serde::Serialize;

use super::nodes::{Organization, Party, Place, PostalAddress};
use crate::content::{Action, Agreement};
use crate::render::context;
use crate::render::taxonomies;
use crate::site::Site;
use crate::taxonomy::Taxonomy;
use crate::yaml::LangText;

/// An agreement, as a `CreativeWork`: schema.org has no type for an
/// agreement between institutions (no contract, and `Legislation` is for
/// acts of a legislature), and what the registry records is the written
/// agreement that the parties made. So its `author`s are the parties (the
/// office and the partner, with the partner's country), it was created
/// (`dateCreated`) when signed, it `expires` when it ends, its kind
/// (twinning, membership…) is its `genre` and its state (in force,
/// concluded…) its `creativeWorkStatus`; the themes are its `keywords`.
#[derive(Serialize)]
pub(super) struct AgreementNode<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    genre: String,
    #[serde(rename = "dateCreated")]
    signed: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    expires: Option<String>,
    #[serde(rename = "creativeWorkStatus")]
    status: String,
    author: (Organization<'a>, Party<'a>),
    #[serde(skip_serializing_if = "Vec::is_empty")]
    keywords: Vec<String>,
}

/// `t` in `lang` (else in the first language of the fallback order that
/// has it), or empty.
fn text<'a>(site: &Site, lang: &str, t: &'a LangText) -> &'a str {
    t.get(lang, &site.config.fallbacks(lang)).unwrap_or("")
}

/// The labels of the themes `ids` in `lang`.
fn themes(site: &Site, lang: &str, ids: &[String]) -> Vec<String> {
    ids.iter()
        .map(|id| taxonomies::label(site, lang, Taxonomy::Themes, id))
        .collect()
}

/// The agreement `a`, in `lang`.
pub(super) fn agreement<'a>(site: &'a Site, lang: &str, a: &'a Agreement) -> AgreementNode<'a> {
    AgreementNode {
        kind: "CreativeWork",
        name: text(site, lang, &a.title),
        description: text(site, lang, &a.summary),
        genre: context::label(site, lang, "agreement_type", a.kind),
        signed: a.signed.to_string(),
        expires: a.end().map(|d| d.to_string()),
        status: context::label(site, lang, "agreement_status", a.status),
        author: (
            Organization::office(site, lang),
            Party {
                kind: "Organization",
                name: a.partner.get(lang),
                address: PostalAddress {
                    kind: "PostalAddress",
                    locality: None,
                    country: &a.partner_country,
                },
            },
        ),
        keywords: themes(site, lang, &a.themes),
    }
}

/// An international action (a mission, a visit, a forum, a training, an
/// award…), as an `Event`: each happened at a place (`location`, the city
/// and its country) between two days (`startDate`, `endDate`), and the
/// office took part in it (`attendee`), whether it went abroad, received
/// a delegation or held the event. Its kind is not given as a subtype of
/// `Event`, whose subtypes (sports, music, sales…) do not fit these.
#[derive(Serialize)]
pub(super) struct ActionNode<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(rename = "startDate")]
    start: String,
    #[serde(rename = "endDate")]
    end: String,
    location: Place<'a>,
    attendee: Organization<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    keywords: Vec<String>,
}

/// The action `a`, in `lang`.
pub(super) fn action<'a>(site: &'a Site, lang: &str, a: &'a Action) -> ActionNode<'a> {
    let mut keywords = vec![context::label(site, lang, "action_type", a.kind)];
    keywords.extend(themes(site, lang, &a.themes));
    ActionNode {
        kind: "Event",
        name: text(site, lang, &a.title),
        description: text(site, lang, &a.summary),
        start: a.date.to_string(),
        end: a.end_date.unwrap_or(a.date).to_string(),
        location: Place::city(a.place.city.get(lang), &a.place.country),
        attendee: Organization::office(site, lang),
        keywords,
    }
}

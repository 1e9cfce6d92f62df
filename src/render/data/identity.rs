//! Typed data of who publishes the site (`site.identity`), from
//! `[identity]` in `site.toml`, in the page's language.

use schemars::JsonSchema;
use serde::Serialize;

use crate::config::ReportCover;
use crate::content::Kind;
use crate::site::Site;

/// Who publishes the site, in `site.identity`. Every field is null (or
/// empty) when `site.toml` does not give it.
#[derive(Serialize, JsonSchema)]
pub(crate) struct IdentityData<'a> {
    /// The organisation's name in this language (else another language's).
    pub name: Option<&'a str>,
    /// The address of the logo or coat of arms.
    pub logo_url: Option<String>,
    /// The logo's alternative text in this language (always given with a logo).
    pub logo_alt: Option<&'a str>,
    /// The e-mail address readers can write to.
    pub email: Option<&'a str>,
    /// The telephone number, as written in `site.toml`.
    pub phone: Option<&'a str>,
    /// The telephone number as a `tel:` link (`tel:+34900000000`).
    pub phone_url: Option<String>,
    /// The postal address in this language.
    pub address: Option<&'a str>,
    /// The links of the footer, in order.
    pub links: Vec<FooterLinkData<'a>>,
    /// This language's version of the accessibility statement (a free page).
    pub accessibility_url: Option<String>,
    /// This language's version of the privacy notice (a free page).
    pub privacy_url: Option<String>,
}

/// A link of the footer, in `site.identity.links`.
#[derive(Serialize, JsonSchema)]
pub(crate) struct FooterLinkData<'a> {
    /// Its text in this language (else another language's).
    pub label: &'a str,
    /// Its address.
    pub url: String,
}

impl<'a> IdentityData<'a> {
    /// The identity of `site` in `lang`.
    pub(crate) fn of(site: &'a Site, lang: &str) -> IdentityData<'a> {
        let config = &site.config;
        let identity = &config.identity;
        let fallbacks = config.fallbacks(lang);
        let text = |texts: &'a std::collections::BTreeMap<String, String>| {
            Some(ReportCover::text(texts, &fallbacks)).filter(|t| !t.is_empty())
        };
        let page = |id: &Option<String>| {
            let id = id.as_deref()?;
            Some(site.routes.doc(Kind::Page, id, lang)?.url.clone())
        };
        IdentityData {
            name: text(&identity.name),
            logo_url: identity.logo_url(&config.base_path),
            logo_alt: identity.logo.as_ref().and(text(&identity.logo_alt)),
            email: identity.email.as_deref(),
            phone: identity.phone.as_deref(),
            phone_url: identity
                .phone
                .as_deref()
                .and_then(crate::config::tel)
                .map(|t| format!("tel:{t}")),
            address: text(&identity.address),
            links: identity
                .links
                .iter()
                .map(|l| FooterLinkData {
                    label: ReportCover::text(&l.label, &fallbacks),
                    url: l.href(&config.base_path),
                })
                .collect(),
            accessibility_url: page(&identity.accessibility),
            privacy_url: page(&identity.privacy),
        }
    }
}

//! `[identity]` in `site.toml`: who publishes the site. The organisation's
//! name and logo shown in the header of every page, how to reach it and the
//! links shown in the footer, and which free pages are the accessibility
//! statement and the privacy notice.
//!
//! ```toml
//! [identity]
//! name = { es = "Dirección de Relaciones Internacionales", en = "Office of International Relations" }
//! logo = "static/logo.svg"        # SVG, PNG or JPEG, inside static/
//! logo_alt = { es = "Escudo de la ciudad", en = "The city's coat of arms" }
//! email = "international@example.gov"
//! phone = "+34 900 000 000"
//! address = { es = "Plaza Mayor 1, Ciudad Ejemplo", en = "1 Main Square, Example City" }
//! accessibility = "accessibility" # a page of content/pages/
//! privacy = "privacy"
//!
//! [[identity.links]]
//! label = { es = "Ayuntamiento", en = "City council" }
//! url = "https://www.example.gov/"  # or a path of this site: "/es/metodologia/"
//! ```
//!
//! `[report]` takes its `office` and `logo` from here when it gives none.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{closest, Diagnostic, Position};

use super::{key_position, TextOrMap, LOGO_FORMATS};

/// The keys of `[identity]`.
const KEYS: [&str; 9] = [
    "name",
    "logo",
    "logo_alt",
    "email",
    "phone",
    "address",
    "links",
    "accessibility",
    "privacy",
];

/// The folder whose files are published at the root of the site.
const STATIC: &str = "static";

/// The advice for an unknown key `key` of `[identity]`.
pub(super) fn unknown_key_help(key: &str) -> String {
    match key.strip_prefix("links.") {
        Some(k) => match closest(k, ["label", "url"]) {
            Some(k) => format!("did you mean `{k}`?"),
            None => "a footer link has a `label` (per language) and a `url`".into(),
        },
        None => match closest(key, KEYS) {
            Some(k) => format!("did you mean `{k}`?"),
            None => format!("the settings of [identity] are: {}", KEYS.join(", ")),
        },
    }
}

/// The validated `[identity]` table; every part is optional.
#[derive(Debug, Clone, Default)]
pub struct Identity {
    /// The organisation that publishes the site, per language.
    pub name: BTreeMap<String, String>,
    /// The logo or coat of arms, relative to the site's folder (always
    /// inside `static/`, which is published).
    pub logo: Option<PathBuf>,
    /// The logo's alternative text, in every language of the site when
    /// there is a logo.
    pub logo_alt: BTreeMap<String, String>,
    /// The e-mail address readers can write to.
    pub email: Option<String>,
    /// The telephone number, as written.
    pub phone: Option<String>,
    /// The postal address, per language.
    pub address: BTreeMap<String, String>,
    /// The links of the footer, in order.
    pub links: Vec<FooterLink>,
    /// The id of the free page that is the accessibility statement.
    pub accessibility: Option<String>,
    /// The id of the free page that is the privacy notice.
    pub privacy: Option<String>,
}

/// A link of the footer (`[[identity.links]]`).
#[derive(Debug, Clone)]
pub struct FooterLink {
    /// Its text, per language.
    pub label: BTreeMap<String, String>,
    /// An address on the web (`https://…`), or a path of this site
    /// beginning with `/`, written from the site's root.
    pub url: String,
}

impl Identity {
    /// The logo's address on the site (`/logo.svg` for `static/logo.svg`).
    pub(crate) fn logo_url(&self, base_path: &str) -> Option<String> {
        let rel = self.logo.as_ref()?.strip_prefix(STATIC).ok()?;
        Some(format!(
            "{base_path}{}",
            crate::diagnostics::display_path(rel)
        ))
    }
}

impl FooterLink {
    /// The link's address: web addresses as written, site paths after
    /// `base_path`.
    pub(crate) fn href(&self, base_path: &str) -> String {
        match self.url.strip_prefix('/') {
            Some(path) => format!("{base_path}{path}"),
            None => self.url.clone(),
        }
    }
}

/// `[identity]` as written.
#[derive(Deserialize, Default)]
pub(super) struct RawIdentity {
    name: Option<TextOrMap>,
    logo: Option<PathBuf>,
    logo_alt: Option<TextOrMap>,
    email: Option<String>,
    phone: Option<String>,
    address: Option<TextOrMap>,
    #[serde(default)]
    links: Vec<RawLink>,
    accessibility: Option<String>,
    privacy: Option<String>,
}

/// `[[identity.links]]` as written.
#[derive(Deserialize)]
pub(super) struct RawLink {
    label: Option<TextOrMap>,
    url: Option<String>,
}

/// Checks `[identity]`; every problem is an error at the line of its key,
/// except a `logo_alt` missing in some language: a warning in `warnings`.
pub(super) fn settings(
    raw: Option<RawIdentity>,
    languages: &[String],
    text: &str,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Identity, Vec<Diagnostic>> {
    let Some(raw) = raw else {
        return Ok(Identity::default());
    };
    let mut errors = Vec::new();
    let error = |key: &str, position: Option<Position>, message: String, help: String| {
        Diagnostic::error(super::CONFIG_FILE, message)
            .at(position
                .or_else(|| key_position(text, &format!("identity.{key}")))
                .or_else(|| key_position(text, "identity")))
            .with_source(text)
            .help(help)
    };
    let list = languages.join(", ");
    let texts = |errors: &mut Vec<Diagnostic>,
                 value: Option<TextOrMap>,
                 key: &str,
                 position: Option<Position>,
                 example: &str| {
        let map = match value {
            None => return BTreeMap::new(),
            Some(TextOrMap::Text(t)) => languages.iter().map(|l| (l.clone(), t.clone())).collect(),
            Some(TextOrMap::Map(m)) => m,
        };
        for (lang, t) in &map {
            if !languages.contains(lang) {
                errors.push(error(
                    key,
                    position,
                    format!("`identity.{key}` is given in `{lang}`, which is not a language of the site"),
                    format!("use the languages of `languages` ({list}), e.g. {lang_example}", lang_example = per_language(languages, example)),
                ));
            } else if t.trim().is_empty() {
                errors.push(error(
                    key,
                    position,
                    format!("`identity.{key}` is empty in `{lang}`"),
                    format!("write it, e.g. {lang} = \"{example}\", or remove `{lang}`"),
                ));
            }
        }
        map
    };
    let name = texts(
        &mut errors,
        raw.name,
        "name",
        None,
        "Office of International Relations",
    );
    let logo_alt = texts(
        &mut errors,
        raw.logo_alt,
        "logo_alt",
        None,
        "Coat of arms of the city",
    );
    let address = texts(
        &mut errors,
        raw.address,
        "address",
        None,
        "1 Main Square, Example City",
    );
    let mut links = Vec::new();
    for (i, link) in raw.links.into_iter().enumerate() {
        let at = |key: &str| link_position(text, i, key);
        let label = texts(
            &mut errors,
            link.label,
            "links",
            at("label"),
            "City council",
        );
        let url = link.url.map(|u| u.trim().to_string()).unwrap_or_default();
        if label.is_empty() {
            errors.push(error(
                "links",
                at("label").or_else(|| link_position(text, i, "")),
                format!("footer link {} has no `label`", i + 1),
                format!(
                    "write its text in each language, e.g. label = {{ {} }}",
                    per_language_inline(languages, "City council")
                ),
            ));
        }
        if let Err(why) = check_link(&url) {
            errors.push(error(
                "links",
                at("url").or_else(|| link_position(text, i, "")),
                format!("footer link {}: {why}", i + 1),
                "write an address on the web, e.g. url = \"https://www.example.gov/\", or a page of this site from its root, e.g. url = \"/en/methodology/\"".into(),
            ));
        }
        links.push(FooterLink { label, url });
    }
    let logo = raw.logo.and_then(|path| match check_logo(&path) {
        Ok(()) => Some(path),
        Err((message, help)) => {
            errors.push(error("logo", None, message, help));
            None
        }
    });
    if logo.is_some() {
        let missing: Vec<&str> = languages
            .iter()
            .filter(|l| !logo_alt.contains_key(*l))
            .map(String::as_str)
            .collect();
        if logo_alt.is_empty() {
            errors.push(error(
                "logo",
                None,
                "`identity.logo` has no `logo_alt`: readers who cannot see the logo would not know what it shows".into(),
                format!("describe the image in each language below the logo, e.g. logo_alt = {{ {} }}", per_language_inline(languages, "Coat of arms of Example City")),
            ));
        } else if !missing.is_empty() {
            // Like `title`: the page then shows another language's text.
            warnings.push(
                Diagnostic::warning(
                    super::CONFIG_FILE,
                    format!("`identity.logo_alt` has no text in `{}`", missing.join("`, `")),
                )
                .at(key_position(text, "identity.logo_alt"))
                .with_source(text)
                .help(format!("add the description of the logo in {}, e.g. {} = \"…\"; until then, pages in that language describe it in another language", missing.join(", "), missing[0])),
            );
        }
    }
    let email = raw.email.map(|e| e.trim().to_string());
    if let Some(e) = email.as_deref().filter(|e| !super::is_email(e)) {
        errors.push(error(
            "email",
            None,
            format!("`identity.email` \"{e}\" is not an e-mail address"),
            "write the address readers can write to, e.g. email = \"international@example.gov\""
                .into(),
        ));
    }
    let phone = raw.phone.map(|p| p.trim().to_string());
    if let Some(p) = phone.as_deref().filter(|p| tel(p).is_none()) {
        errors.push(error(
            "phone",
            None,
            format!("`identity.phone` \"{p}\" is not a telephone number"),
            "write the number with its country code, in digits, spaces and + - ( ) only, e.g. phone = \"+34 900 000 000\"".into(),
        ));
    }
    let mut page = |value: Option<String>, key: &str| {
        let id = value?.trim().to_string();
        match crate::slug::validate(&id) {
            Ok(()) => Some(id),
            Err(e) => {
                errors.push(error(
                    key,
                    None,
                    format!("`identity.{key}` \"{id}\" is not the id of a page: {}", e.message),
                    format!("write the id of a page of content/pages/ (the file name before the language), e.g. {key} = \"{key}\" for content/pages/{key}.en.md"),
                ));
                None
            }
        }
    };
    let accessibility = page(raw.accessibility, "accessibility");
    let privacy = page(raw.privacy, "privacy");
    if errors.is_empty() {
        Ok(Identity {
            name,
            logo,
            logo_alt,
            email,
            phone,
            address,
            links,
            accessibility,
            privacy,
        })
    } else {
        Err(errors)
    }
}

/// Checks, on the disk, what `[identity]` names: the logo file and the
/// free pages. Each problem is an error at the line of its key.
pub(super) fn check_files(identity: &Identity, root: &Path, text: &str) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let error = |key: &str, message: String, help: String| {
        Diagnostic::error(super::CONFIG_FILE, message)
            .at(key_position(text, &format!("identity.{key}")))
            .with_source(text)
            .help(help)
    };
    if let Some(logo) = &identity.logo {
        if !root.join(logo).is_file() {
            errors.push(error(
                "logo",
                format!("`identity.logo` \"{}\": there is no such file in the site's folder", crate::diagnostics::display_path(logo)),
                "put the image there, correct the path (written from the folder that holds site.toml, e.g. logo = \"static/logo.svg\"), or remove the logo and logo_alt lines".into(),
            ));
        }
    }
    for (key, id) in [
        ("accessibility", &identity.accessibility),
        ("privacy", &identity.privacy),
    ] {
        let Some(id) = id else { continue };
        if !page_exists(root, id) {
            errors.push(error(
                key,
                format!("`identity.{key}` names the page \"{id}\", but content/pages/ has no {id}.<language>.md"),
                format!("write the page (e.g. content/pages/{id}.en.md), correct the id, or remove the line; `memoria init` writes a first version of this page for new sites"),
            ));
        }
    }
    errors
}

/// True when `content/pages/` has a version of page `id`.
fn page_exists(root: &Path, id: &str) -> bool {
    let prefix = format!("{id}.");
    std::fs::read_dir(root.join("content").join("pages"))
        .map(|entries| {
            entries.flatten().any(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                name.starts_with(&prefix) && name.ends_with(".md")
            })
        })
        .unwrap_or(false)
}

/// A logo must be an image inside `static/`, the folder that is published.
fn check_logo(path: &Path) -> Result<(), (String, String)> {
    let shown = crate::diagnostics::display_path(path);
    let ending = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let inside = path
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !inside || !path.starts_with(STATIC) || path == Path::new(STATIC) {
        Err((
            format!("`identity.logo` \"{shown}\" is not a file inside the site's static/ folder"),
            "put the image in static/ (whose files are published with the site) and write its path from the site's folder, e.g. logo = \"static/logo.svg\"".into(),
        ))
    } else if !LOGO_FORMATS.contains(&ending.as_str()) {
        Err((
            format!("`identity.logo` \"{shown}\" is not an SVG, PNG or JPEG image"),
            "save the logo as .svg or .png and write that file's path, e.g. logo = \"static/logo.svg\"".into(),
        ))
    } else {
        Ok(())
    }
}

/// Why `url` cannot be a footer link, if it cannot.
fn check_link(url: &str) -> Result<(), String> {
    if url.is_empty() {
        return Err("it has no `url`".into());
    }
    if let Some(path) = url.strip_prefix('/') {
        if path.starts_with('/')
            || url.contains(char::is_whitespace)
            || path.split('/').any(|s| s == "..")
        {
            return Err(format!("\"{url}\" is not a path of this site"));
        }
        return Ok(());
    }
    match url::Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(()),
        Ok(u) if u.scheme() == "mailto" => Ok(()),
        _ => Err(format!(
            "\"{url}\" is neither a web address nor a path of this site"
        )),
    }
}

/// The `tel:` form of a telephone number (`+34900000000`), or `None` when
/// `phone` is not one.
pub(crate) fn tel(phone: &str) -> Option<String> {
    let allowed = |c: char| c.is_ascii_digit() || " +-().".contains(c);
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let plus = phone.trim_start().starts_with('+');
    (phone.chars().all(allowed) && digits.len() >= 3 && !phone[1..].contains('+'))
        .then(|| format!("{}{digits}", if plus { "+" } else { "" }))
}

/// `es = "example", en = "example"`, for advice.
fn per_language_inline(languages: &[String], example: &str) -> String {
    languages
        .iter()
        .map(|l| format!("{l} = \"{example}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `{ es = "example", en = "example" }`, for advice.
fn per_language(languages: &[String], example: &str) -> String {
    format!("{{ {} }}", per_language_inline(languages, example))
}

/// Where `key` of the `index`-th `[[identity.links]]` is (or, with an empty
/// key, its header).
fn link_position(text: &str, index: usize, key: &str) -> Option<Position> {
    super::array_table_key(text, "identity.links", index, key)
        .map(|(line, key, _)| Position::new(line, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telephone_numbers() {
        assert_eq!(tel("+34 900 000 000").as_deref(), Some("+34900000000"));
        assert_eq!(tel("(01) 555-1234").as_deref(), Some("015551234"));
        assert_eq!(tel("call us"), None);
        assert_eq!(tel("12+3"), None);
    }

    #[test]
    fn links_are_web_addresses_or_site_paths() {
        assert!(check_link("https://example.gov/").is_ok());
        assert!(check_link("/es/metodologia/").is_ok());
        assert!(check_link("mailto:a@b.org").is_ok());
        assert!(check_link("example.gov").is_err());
        assert!(check_link("//evil.example/").is_err());
        assert!(check_link("javascript:alert(1)").is_err());
        assert!(check_link("").is_err());
    }

    #[test]
    fn the_nth_link_is_found() {
        let text = "[identity]\n[[identity.links]]\nurl = \"a\"\n[[identity.links]]\nlabel = \"b\"\nurl = \"b\"\n";
        assert_eq!(link_position(text, 1, "url"), Some(Position::new(6, 1)));
        assert_eq!(link_position(text, 0, "label"), None);
        assert_eq!(link_position(text, 1, ""), Some(Position::new(4, 1)));
    }
}

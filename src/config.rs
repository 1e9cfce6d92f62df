//! `site.toml`: the site's title, languages, address, theme and URL names.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{closest, Diagnostic, Diagnostics, Position, Problem};
use crate::slug;

mod address_words;
mod licences;
pub(crate) use address_words::{address_word, facet_words};
pub use licences::Licence;
mod editor;
pub use editor::{EditorSettings, GitHost, DEFAULT_BRANCH};
mod identity;
pub(crate) use identity::tel;
pub use identity::Identity;
mod network;
pub use network::{FeedSource, Member, Network};

/// The name of the configuration file at the root of a site.
pub const CONFIG_FILE: &str = "site.toml";

/// A part of the site whose URL segment is translated (`/es/casos/`, `/en/cases/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// Good practices.
    Cases,
    /// Results.
    Indicators,
    /// Semiannual reports.
    Reports,
    /// Registry of agreements.
    Agreements,
    /// Registry of international actions.
    Actions,
    /// The search page.
    Search,
    /// Case taxonomy: themes (under the cases section).
    Themes,
    /// Case taxonomy: cities.
    Cities,
    /// Case taxonomy: countries.
    Countries,
    /// Case taxonomy: scales.
    Scales,
    /// Case taxonomy: dimensions.
    Dimensions,
    /// Case taxonomy: Sustainable Development Goals.
    Sdgs,
    /// The numbered pages of a long listing (`/es/casos/pagina/2/`).
    Page,
    /// The progress overview of the indicators (under the indicators
    /// section: `/es/indicadores/progreso/`).
    Progress,
    /// A network's portal: its members' practices (`/es/red/`).
    Network,
}

impl Section {
    /// Every section.
    pub const ALL: [Section; 15] = [
        Section::Cases,
        Section::Indicators,
        Section::Reports,
        Section::Agreements,
        Section::Actions,
        Section::Search,
        Section::Themes,
        Section::Cities,
        Section::Countries,
        Section::Scales,
        Section::Dimensions,
        Section::Sdgs,
        Section::Page,
        Section::Progress,
        Section::Network,
    ];

    /// The key used in `site.toml` (`[sections.cases]`) and in `@/` links.
    pub fn id(self) -> &'static str {
        match self {
            Section::Cases => "cases",
            Section::Indicators => "indicators",
            Section::Reports => "reports",
            Section::Agreements => "agreements",
            Section::Actions => "actions",
            Section::Search => "search",
            Section::Themes => "themes",
            Section::Cities => "cities",
            Section::Countries => "countries",
            Section::Scales => "scales",
            Section::Dimensions => "dimensions",
            Section::Sdgs => "sdgs",
            Section::Page => "page",
            Section::Progress => "progress",
            Section::Network => "network",
        }
    }

    /// The section with key `id`.
    pub fn from_id(id: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The built-in URL segment in `lang`; languages without one use the key.
    pub fn default_segment(self, lang: &str) -> &'static str {
        let base = lang.split('-').next().unwrap_or(lang);
        match (self, base) {
            (Section::Cases, "es") => "casos",
            (Section::Cases, "fr") => "cas",
            (Section::Cases, "pt") => "casos",
            (Section::Indicators, "es") => "indicadores",
            (Section::Indicators, "fr") => "indicateurs",
            (Section::Indicators, "pt") => "indicadores",
            (Section::Reports, "es") => "informes",
            (Section::Reports, "fr") => "rapports",
            (Section::Reports, "pt") => "relatorios",
            (Section::Agreements, "es") => "convenios",
            (Section::Agreements, "fr") => "accords",
            (Section::Agreements, "pt") => "acordos",
            (Section::Actions, "es") => "acciones",
            (Section::Actions, "fr") => "actions",
            (Section::Actions, "pt") => "acoes",
            (Section::Search, "es") => "buscar",
            (Section::Search, "fr") => "recherche",
            (Section::Search, "pt") => "busca",
            (Section::Themes, "es") => "temas",
            (Section::Themes, "pt") => "temas",
            (Section::Cities, "es") => "ciudades",
            (Section::Cities, "fr") => "villes",
            (Section::Cities, "pt") => "cidades",
            (Section::Countries, "es") => "paises",
            (Section::Countries, "fr") => "pays",
            (Section::Countries, "pt") => "paises",
            (Section::Scales, "es") => "escalas",
            (Section::Scales, "fr") => "echelles",
            (Section::Scales, "pt") => "escalas",
            (Section::Dimensions, "es") => "dimensiones",
            (Section::Dimensions, "pt") => "dimensoes",
            (Section::Sdgs, "es") => "ods",
            (Section::Sdgs, "fr") => "odd",
            (Section::Sdgs, "pt") => "ods",
            (Section::Page, "es") => "pagina",
            (Section::Progress, "es") => "progreso",
            (Section::Progress, "fr") => "progres",
            (Section::Progress, "pt") => "progresso",
            (Section::Page, "pt") => "pagina",
            (Section::Network, "es") => "red",
            (Section::Network, "fr") => "reseau",
            (Section::Network, "pt") => "rede",
            _ => self.id(),
        }
    }
}

/// The validated configuration of a site.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site's title in each language.
    pub title: BTreeMap<String, String>,
    /// A one-line description in each language (may be empty).
    pub description: BTreeMap<String, String>,
    /// The public address, always ending in `/`.
    pub base_url: String,
    /// The path part of `base_url` (`/` or `/sub/dir/`), prefixed to every link.
    pub base_path: String,
    /// The site's languages; the first is the default.
    pub languages: Vec<String>,
    /// Name of the theme folder under `themes/`.
    pub theme: String,
    /// Where `build` writes, relative to the site root, unless `--output` says otherwise.
    pub output_dir: PathBuf,
    /// Whether raw HTML in Markdown is passed through instead of escaped.
    pub allow_raw_html: bool,
    /// Whether the site's figures are illustrative (shown as a notice).
    pub sample_data: bool,
    /// The licence of the published content and data (a name or URL).
    pub license: Option<String>,
    /// How many items a listing page shows (`[pagination] per_page`).
    pub per_page: usize,
    // Open data (the DCAT catalogue): the licence as an address, the contact
    // point and the place the data is about.
    /// `license` resolved to the licence's web address.
    pub licence: Option<Licence>,
    /// `contact_email`: where readers of the open data write to.
    pub contact_email: Option<String>,
    /// `spatial`: the web address (GeoNames or Wikidata) of the city.
    pub spatial: Option<String>,
    /// `spatial_bbox`: the city's bounding box, west, south, east, north in degrees.
    pub spatial_bbox: Option<[f64; 4]>,
    /// Within how many days of a mission's return its trip report is due
    /// (`[missions] trip_report_days`); None when the legislature sets no term.
    pub trip_report_days: Option<u32>,
    /// Translated URL segments, by section and language.
    sections: BTreeMap<Section, BTreeMap<String, String>>,
    /// `[editor]`: the online editor `build` publishes at `/admin/`; `None`
    /// (no table) publishes none.
    pub editor: Option<EditorSettings>,
    /// Who presents the reports, for the cover of their PDF (`[report]`);
    /// its office and logo default to those of `[identity]`.
    pub report: ReportCover,
    /// Who publishes the site: name, logo, contact, footer links, and the
    /// accessibility statement and privacy notice (`[identity]`).
    pub identity: Identity,
    /// The members of the network whose portal this site is (`[network]`);
    /// `None` for a city's own site.
    pub network: Option<Network>,
}

/// `[report]` in `site.toml`: the facts the cover of a printed report shows
/// besides the report's own (title, legislature, period, date presented).
#[derive(Debug, Clone, Default)]
pub struct ReportCover {
    /// The city (or region) whose office presents the reports, per language.
    pub city: BTreeMap<String, String>,
    /// The office that writes them, per language; also the PDF's author.
    pub office: BTreeMap<String, String>,
    /// A PNG, JPEG or SVG image for the cover, relative to the site's folder.
    pub logo: Option<PathBuf>,
}

impl ReportCover {
    /// `texts` in `lang`, else in the first language that has one.
    pub(crate) fn text<'a>(texts: &'a BTreeMap<String, String>, fallbacks: &[String]) -> &'a str {
        fallbacks
            .iter()
            .find_map(|l| texts.get(l))
            .or_else(|| texts.values().next())
            .map_or("", String::as_str)
    }
}

impl Config {
    /// The default (first) language.
    pub fn default_language(&self) -> &str {
        &self.languages[0]
    }

    /// The URL segment of `section` in `lang`.
    pub fn section_segment(&self, section: Section, lang: &str) -> &str {
        self.sections
            .get(&section)
            .and_then(|m| m.get(lang))
            .map(String::as_str)
            .unwrap_or_else(|| section.default_segment(lang))
    }

    /// The title in `lang`, else in the default language.
    pub fn title(&self, lang: &str) -> &str {
        self.title
            .get(lang)
            .or_else(|| self.title.get(self.default_language()))
            .or_else(|| self.title.values().next())
            .map(String::as_str)
            .unwrap_or("")
    }

    /// The languages in fallback order for `lang`: itself, then the default,
    /// then the others in configuration order.
    pub fn fallbacks(&self, lang: &str) -> Vec<String> {
        let mut order = vec![lang.to_string()];
        for l in &self.languages {
            if !order.contains(l) {
                order.push(l.clone());
            }
        }
        order
    }

    /// Replaces the public address (`--base-url`, or the address of `serve`).
    pub fn set_base_url(&mut self, url: &str) -> Result<(), Problem> {
        let (base_url, base_path) = normalise_base_url(url)?;
        self.base_url = base_url;
        self.base_path = base_path;
        Ok(())
    }
}

#[derive(Deserialize)]
struct RawConfig {
    title: Option<TextOrMap>,
    description: Option<TextOrMap>,
    base_url: Option<String>,
    languages: Option<Vec<String>>,
    theme: Option<String>,
    output_dir: Option<PathBuf>,
    #[serde(default)]
    allow_raw_html: bool,
    #[serde(default)]
    sample_data: bool,
    license: Option<String>,
    contact_email: Option<String>,
    spatial: Option<String>,
    spatial_bbox: Option<Vec<f64>>,
    #[serde(default)]
    sections: BTreeMap<String, BTreeMap<String, String>>,
    #[serde(default)]
    pagination: RawPagination,
    editor: Option<editor::RawEditor>,
    #[serde(default)]
    report: RawReport,
    #[serde(default)]
    missions: RawMissions,
    identity: Option<identity::RawIdentity>,
    network: Option<network::RawNetwork>,
}

/// `[report]` in `site.toml`.
#[derive(Deserialize, Default)]
struct RawReport {
    city: Option<TextOrMap>,
    office: Option<TextOrMap>,
    logo: Option<PathBuf>,
}

/// The image formats a cover logo may have, by file ending.
pub(crate) const LOGO_FORMATS: [&str; 4] = ["png", "jpg", "jpeg", "svg"];

/// `[missions]` in `site.toml`.
#[derive(Deserialize, Default)]
struct RawMissions {
    trip_report_days: Option<i64>,
}

/// The longest term for a trip report accepted, in days (a year).
pub(crate) const MAX_TRIP_REPORT_DAYS: i64 = 366;

/// `[pagination]` in `site.toml`.
#[derive(Deserialize, Default)]
struct RawPagination {
    per_page: Option<i64>,
}

/// Items per listing page when `site.toml` does not say.
pub(crate) const DEFAULT_PER_PAGE: usize = 20;

/// The largest `per_page` accepted: beyond it a listing page is no longer
/// small (about 1 KB of HTML per item).
pub(crate) const MAX_PER_PAGE: usize = 200;

/// True for a plausible e-mail address: one `@` between a name and a
/// domain with a dot, no spaces.
fn is_email(e: &str) -> bool {
    let parts: Vec<&str> = e.split('@').collect();
    parts.len() == 2
        && !parts[0].is_empty()
        && parts[1].contains('.')
        && !parts[1].starts_with('.')
        && !parts[1].ends_with('.')
        && !e.contains(char::is_whitespace)
}

#[derive(Deserialize)]
#[serde(untagged)]
enum TextOrMap {
    Text(String),
    Map(BTreeMap<String, String>),
}

/// Reads and validates `site.toml` in `root`. Problems are added to `diags`;
/// `None` means the configuration is unusable.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Option<Config> {
    let path = root.join(CONFIG_FILE);
    let rel = PathBuf::from(CONFIG_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            diags.push(
                Diagnostic::error(&rel, format!("cannot read the site configuration: {e}"))
                    .help(format!("run memoria in the folder that holds site.toml, or pass --root DIR (looked in {})", root.display())),
            );
            return None;
        }
    };
    let config = parse(&text, diags)?;
    diags.extend(identity::check_files(
        &config.identity,
        root,
        text.strip_prefix('\u{feff}').unwrap_or(&text),
    ));
    // A logo taken from `[identity]` is checked there.
    let own_logo = config
        .report
        .logo
        .as_ref()
        .filter(|l| config.identity.logo.as_ref() != Some(*l));
    if let Some(logo) = own_logo {
        if !root.join(logo).is_file() {
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            diags.push(
                Diagnostic::error(&rel, format!("`report.logo` \"{}\": there is no such file in the site's folder", crate::diagnostics::display_path(logo)))
                    .at(key_position(text, "report.logo"))
                    .with_source(text)
                    .help("put the image there, correct the path (written from the folder that holds site.toml, e.g. logo = \"static/logo.png\"), or remove the line to print the cover without a logo"),
            );
        }
    }
    Some(config)
}

/// Validates the text of a `site.toml`.
pub fn parse(text: &str, diags: &mut Diagnostics) -> Option<Config> {
    let rel = PathBuf::from(CONFIG_FILE);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let err_at = |message: String, key: Option<&str>, help: String| {
        Diagnostic::error(CONFIG_FILE, message)
            .at(key.and_then(|k| key_position(text, k)))
            .with_source(text)
            .help(help)
    };

    let mut ignored = Vec::new();
    let de = match toml::Deserializer::parse(text) {
        Ok(de) => de,
        Err(e) => {
            diags.push(toml_error(text, &e));
            return None;
        }
    };
    let raw: RawConfig = match serde_ignored::deserialize(de, |p| ignored.push(p.to_string())) {
        Ok(r) => r,
        Err(e) => {
            diags.push(toml_error(text, &e));
            return None;
        }
    };
    const KNOWN: [&str; 19] = [
        "title",
        "description",
        "base_url",
        "languages",
        "theme",
        "output_dir",
        "allow_raw_html",
        "sample_data",
        "license",
        "contact_email",
        "spatial",
        "spatial_bbox",
        "sections",
        "pagination",
        "report",
        "missions",
        "editor",
        "identity",
        "network",
    ];
    for key in ignored {
        // serde_ignored writes `?` for the inside of an optional table.
        let key = key.replace(".?.", ".");
        let help = if let Some(k) = key.strip_prefix("editor.") {
            editor::unknown_key_help(k)
        } else if let Some(k) = key.strip_prefix("identity.") {
            // serde_ignored writes the index of a list item: links.0.x.
            let k: Vec<&str> = k
                .split('.')
                .filter(|p| p.parse::<usize>().is_err())
                .collect();
            identity::unknown_key_help(&k.join("."))
        } else if let Some(k) = key.strip_prefix("network.") {
            let k: Vec<&str> = k
                .split('.')
                .filter(|p| p.parse::<usize>().is_err())
                .collect();
            network::unknown_key_help(&k.join("."))
        } else {
            match closest(&key, KNOWN) {
                Some(k) => format!("did you mean `{k}`?"),
                None => format!("known settings: {}", KNOWN.join(", ")),
            }
        };
        diags.push(
            Diagnostic::warning(&rel, format!("unknown setting `{key}` is ignored"))
                .at(key_position(text, &key)
                    .or_else(|| key_position(text, key.rsplit('.').next().unwrap_or(&key))))
                .with_source(text)
                .help(help),
        );
    }

    let mut ok = true;
    let languages = raw.languages.unwrap_or_else(|| vec!["en".into()]);
    if languages.is_empty() {
        diags.push(err_at(
            "`languages` is empty".into(),
            Some("languages"),
            "list at least one language, e.g. languages = [\"es\", \"en\"]".into(),
        ));
        return None;
    }
    for (i, l) in languages.iter().enumerate() {
        if !is_language_code(l) {
            ok = false;
            diags.push(err_at(
                format!("\"{l}\" is not a language code"),
                Some("languages"),
                "use lowercase ISO 639-1 codes such as es, en, fr, pt (optionally with a region: pt-br)".into(),
            ));
        } else if languages[..i].contains(l) {
            ok = false;
            diags.push(err_at(
                format!("language \"{l}\" is listed twice"),
                Some("languages"),
                "remove the repeated code".into(),
            ));
        }
    }

    let (base_url, base_path) = match normalise_base_url(raw.base_url.as_deref().unwrap_or("/")) {
        Ok(v) => v,
        Err(e) => {
            diags.push(err_at(e.message, Some("base_url"), e.help));
            ok = false;
            (String::new(), "/".into())
        }
    };

    let title = match raw.title {
        Some(TextOrMap::Map(m)) => m,
        Some(TextOrMap::Text(t)) => languages.iter().map(|l| (l.clone(), t.clone())).collect(),
        None => {
            diags.push(err_at(
                "the required setting `title` is missing".into(),
                None,
                format!(
                    "add title = {{ {} }}",
                    languages
                        .iter()
                        .map(|l| format!("{l} = \"…\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
            ok = false;
            BTreeMap::new()
        }
    };
    for l in &languages {
        if !title.is_empty() && !title.contains_key(l) {
            diags.push(
                Diagnostic::warning(&rel, format!("`title` has no translation in `{l}`"))
                    .at(key_position(text, "title"))
                    .with_source(text)
                    .help(format!("add {l} = \"…\" to title")),
            );
        }
    }
    let description = match raw.description {
        Some(TextOrMap::Map(m)) => m,
        Some(TextOrMap::Text(t)) => languages.iter().map(|l| (l.clone(), t.clone())).collect(),
        None => BTreeMap::new(),
    };

    let mut sections = BTreeMap::new();
    for (key, names) in raw.sections {
        let Some(section) = Section::from_id(&key) else {
            let ids: Vec<&str> = Section::ALL.iter().map(|s| s.id()).collect();
            diags.push(
                Diagnostic::warning(&rel, format!("unknown section `{key}` is ignored"))
                    .at(key_position(text, &format!("sections.{key}")))
                    .with_source(text)
                    .help(match closest(&key, ids.iter().copied()) {
                        Some(k) => format!("did you mean `{k}`?"),
                        None => format!("sections are: {}", ids.join(", ")),
                    }),
            );
            continue;
        };
        for (lang, segment) in &names {
            if let Err(e) = slug::validate(segment) {
                ok = false;
                diags.push(err_at(format!("the URL name \"{segment}\" of section `{key}` in `{lang}` is not usable: {}", e.message), Some(&format!("sections.{key}")), "use lowercase letters, digits and hyphens, e.g. casos".into()));
            }
        }
        sections.insert(section, names);
    }
    for lang in &languages {
        let mut seen: BTreeMap<String, Section> = BTreeMap::new();
        for s in Section::ALL {
            let seg = sections
                .get(&s)
                .and_then(|m: &BTreeMap<String, String>| m.get(lang))
                .map(String::as_str)
                .unwrap_or_else(|| s.default_segment(lang))
                .to_string();
            if let Some(other) = seen.insert(seg.clone(), s) {
                ok = false;
                diags.push(err_at(
                    format!(
                        "sections `{}` and `{}` both use the URL name \"{seg}\" in `{lang}`",
                        other.id(),
                        s.id()
                    ),
                    Some("sections"),
                    "give each section its own name".into(),
                ));
            }
        }
    }

    let per_page = match raw.pagination.per_page {
        None => DEFAULT_PER_PAGE,
        Some(n) if (1..=MAX_PER_PAGE as i64).contains(&n) => n as usize,
        Some(n) => {
            ok = false;
            diags.push(err_at(
                format!("`per_page` is {n}: a listing page must show between 1 and {MAX_PER_PAGE} items"),
                Some("pagination.per_page"),
                format!("write a number from 1 to {MAX_PER_PAGE}, e.g. per_page = {DEFAULT_PER_PAGE}, or remove the line to use {DEFAULT_PER_PAGE}"),
            ));
            DEFAULT_PER_PAGE
        }
    };

    let trip_report_days = match raw.missions.trip_report_days {
        None => None,
        Some(n @ 1..=MAX_TRIP_REPORT_DAYS) => Some(n as u32),
        Some(n) => {
            ok = false;
            diags.push(err_at(
                format!("`trip_report_days` is {n}: a trip report is due between 1 and {MAX_TRIP_REPORT_DAYS} days after the return"),
                Some("missions.trip_report_days"),
                "write the number of days your legislature gives, e.g. trip_report_days = 30, or remove the line when it sets no term".into(),
            ));
            None
        }
    };

    let theme = raw.theme.unwrap_or_else(|| "default".into());
    if slug::validate(&theme).is_err() {
        ok = false;
        diags.push(err_at(
            format!("theme name \"{theme}\" is not a folder name"),
            Some("theme"),
            "name a folder of themes/, e.g. theme = \"default\"".into(),
        ));
    }

    let output_dir = raw.output_dir.unwrap_or_else(|| PathBuf::from("public"));
    if let Err(e) = check_output_dir(&output_dir) {
        ok = false;
        diags.push(err_at(e.message, Some("output_dir"), e.help));
    }

    let mut report = match report_cover(raw.report, &languages, &err_at) {
        Ok(r) => r,
        Err(errors) => {
            ok = false;
            diags.extend(errors);
            ReportCover::default()
        }
    };
    let mut warnings = Vec::new();
    let identity = identity::settings(raw.identity, &languages, text, &mut warnings);
    diags.extend(warnings);
    let identity = match identity {
        Ok(i) => i,
        Err(errors) => {
            ok = false;
            diags.extend(errors);
            Identity::default()
        }
    };
    // The cover of the reports names the office and shows the logo of the
    // site unless `[report]` gives its own.
    if report.office.is_empty() {
        report.office = identity.name.clone();
    }
    if report.logo.is_none() {
        report.logo = identity.logo.clone();
    }
    // Open data: the licence, the contact point, the place.
    let licence = match raw.license.as_deref().map(licences::resolve) {
        Some(Ok(l)) => Some(l),
        Some(Err(e)) => {
            ok = false;
            diags.push(err_at(e.message, Some("license"), e.help));
            None
        }
        None => None,
    };
    let contact_email = raw.contact_email.map(|e| e.trim().to_string());
    if let Some(e) = &contact_email {
        if !is_email(e) {
            ok = false;
            diags.push(err_at(
                format!("`contact_email` \"{e}\" is not an e-mail address"),
                Some("contact_email"),
                "write the address people can write to about the open data, e.g. contact_email = \"international@example.gov\"".into(),
            ));
        }
    }
    let spatial = raw.spatial.map(|s| s.trim().to_string());
    if let Some(s) = &spatial {
        let usable = url::Url::parse(s)
            .map(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
            .unwrap_or(false);
        if !usable {
            ok = false;
            diags.push(err_at(
                format!("`spatial` \"{s}\" is not a web address"),
                Some("spatial"),
                "write the address of your city in GeoNames or Wikidata, e.g. spatial = \"https://sws.geonames.org/3117735/\" or \"http://www.wikidata.org/entity/Q2807\"".into(),
            ));
        }
    }
    let spatial_bbox = match raw.spatial_bbox.as_deref() {
        None => None,
        Some(&[w, s, e, n])
            if (-180.0..=180.0).contains(&w)
                && (-180.0..=180.0).contains(&e)
                && (-90.0..=90.0).contains(&s)
                && (-90.0..=90.0).contains(&n)
                && w < e
                && s < n =>
        {
            Some([w, s, e, n])
        }
        Some(_) => {
            ok = false;
            diags.push(err_at(
                "`spatial_bbox` is not a box of four coordinates".into(),
                Some("spatial_bbox"),
                "write the west and east longitudes and the south and north latitudes in degrees, in the order west, south, east, north, e.g. spatial_bbox = [-3.89, 40.31, -3.52, 40.64]".into(),
            ));
            None
        }
    };
    let editor = editor::settings(raw.editor, text, diags).unwrap_or_else(|()| {
        ok = false;
        None
    });

    let network = network::settings(raw.network, text).unwrap_or_else(|errors| {
        ok = false;
        diags.extend(errors);
        None
    });

    ok.then_some(Config {
        title,
        description,
        base_url,
        base_path,
        languages,
        theme,
        output_dir,
        allow_raw_html: raw.allow_raw_html,
        sample_data: raw.sample_data,
        license: raw.license,
        per_page,
        licence,
        contact_email,
        spatial,
        spatial_bbox,
        trip_report_days,
        sections,
        report,
        editor,
        identity,
        network,
    })
}

/// Checks `[report]`: texts given for the site's languages, a logo that is
/// a relative path to an image inside the site's folder.
fn report_cover(
    raw: RawReport,
    languages: &[String],
    err_at: &dyn Fn(String, Option<&str>, String) -> Diagnostic,
) -> Result<ReportCover, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut texts = |value: Option<TextOrMap>, key: &str, example: &str| match value {
        None => BTreeMap::new(),
        Some(TextOrMap::Text(t)) => languages.iter().map(|l| (l.clone(), t.clone())).collect(),
        Some(TextOrMap::Map(m)) => {
            for (lang, text) in &m {
                if !languages.contains(lang) {
                    errors.push(err_at(
                        format!("`report.{key}` is given in `{lang}`, which is not a language of the site"),
                        Some(&format!("report.{key}")),
                        format!("use the languages of `languages` ({}), e.g. {key} = {{ {} }}", languages.join(", "), languages.iter().map(|l| format!("{l} = \"{example}\"")).collect::<Vec<_>>().join(", ")),
                    ));
                } else if text.trim().is_empty() {
                    errors.push(err_at(
                        format!("`report.{key}` is empty in `{lang}`"),
                        Some(&format!("report.{key}")),
                        format!("write it, e.g. {lang} = \"{example}\", or remove `{lang}` to use another language's"),
                    ));
                }
            }
            m
        }
    };
    let city = texts(raw.city, "city", "Ciudad Ejemplo");
    let office = texts(
        raw.office,
        "office",
        "Dirección de Relaciones Internacionales",
    );
    let logo = match raw.logo {
        None => None,
        Some(path) => {
            let ending = path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            let inside = path
                .components()
                .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
            let shown = crate::diagnostics::display_path(&path);
            if !inside {
                errors.push(err_at(
                    format!("`report.logo` \"{shown}\" is not a file inside the site's folder"),
                    Some("report.logo"),
                    "put the image in the site's folder and write its path from there, e.g. logo = \"static/logo.png\"".into(),
                ));
            } else if !LOGO_FORMATS.contains(&ending.as_str()) {
                errors.push(err_at(
                    format!("`report.logo` \"{shown}\" is not a PNG, JPEG or SVG image"),
                    Some("report.logo"),
                    "save the logo as .png, .jpg or .svg and write that file's path, e.g. logo = \"static/logo.png\"".into(),
                ));
            }
            Some(path)
        }
    };
    if errors.is_empty() {
        Ok(ReportCover { city, office, logo })
    } else {
        Err(errors)
    }
}

/// True for codes like `es`, `en`, `pt-br`.
fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// What to write as the public address of a site.
const BASE_URL_HELP: &str = "write the public address of the site, starting with https:// and the name of its server, e.g. https://international.example.gov/ (or / for a site served at the root of any address)";

/// Checks a base URL and splits off its path (`https://x.org/a` → `https://x.org/a/`, `/a/`).
/// A bare path such as `/` is accepted for sites served from the root of any host.
pub fn normalise_base_url(url: &str) -> Result<(String, String), Problem> {
    let url = url.trim();
    if url.starts_with('/') {
        let path = if url.ends_with('/') {
            url.to_string()
        } else {
            format!("{url}/")
        };
        return Ok((path.clone(), path));
    }
    let parsed = url::Url::parse(url).map_err(|e| {
        Problem::new(
            format!("`base_url` \"{url}\" is not a web address ({e})"),
            BASE_URL_HELP,
        )
    })?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() {
        return Err(Problem::new(
            format!("`base_url` \"{url}\" must start with https:// or http:// and name a host"),
            BASE_URL_HELP,
        ));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(Problem::new(
            format!("`base_url` \"{url}\" must not have a ? query or a # fragment"),
            "remove everything from the ? or the # on, e.g. https://international.example.gov/",
        ));
    }
    let mut s = parsed.to_string();
    if !s.ends_with('/') {
        s.push('/');
    }
    let mut path = parsed.path().to_string();
    if !path.ends_with('/') {
        path.push('/');
    }
    Ok((s, path))
}

/// The folders of a site's sources, which a build must never replace.
pub(crate) const SOURCE_FOLDERS: [&str; 9] = [
    "content",
    "themes",
    "static",
    "templates",
    "print",
    "i18n",
    "docs",
    "src",
    ".git",
];

/// What to write as `output_dir`.
const OUTPUT_DIR_HELP: &str = "write the name of a folder of its own, e.g. output_dir = \"public\"; to build somewhere else for one run, use memoria build --output FOLDER";

/// Checks `output_dir` of `site.toml`: neither the site's folder itself,
/// nor a folder that holds it, nor one inside its [`SOURCE_FOLDERS`]. A
/// folder outside the site is accepted here; when writing, `build` still
/// refuses a folder that is neither empty nor a previous build.
pub(crate) fn check_output_dir(dir: &Path) -> Result<(), Problem> {
    let shown = crate::diagnostics::display_path(dir);
    let bad = |why: String| Err(Problem::new(why, OUTPUT_DIR_HELP));
    let mut parts: Vec<String> = Vec::new();
    // How many folders the path climbs above the site's folder.
    let mut above = 0;
    for c in dir.components() {
        match c {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir if parts.pop().is_some() => {}
            Component::ParentDir => above += 1,
            // An absolute folder: where it is, is checked when writing.
            _ => return Ok(()),
        }
    }
    match parts.first() {
        None if above > 0 => bad(format!(
            "`output_dir` \"{shown}\" holds the site's folder: building would replace the site's sources"
        )),
        None => bad(format!(
            "`output_dir` \"{shown}\" is the site's folder itself: building would replace the site's sources"
        )),
        Some(first) if above == 0 && SOURCE_FOLDERS.contains(&first.as_str()) => bad(format!(
            "`output_dir` \"{shown}\" is inside the site's {first}/ folder: building would replace the site's sources"
        )),
        Some(_) => Ok(()),
    }
}

/// Where `key` (possibly dotted: `sections.cases`) is set in a TOML text.
fn key_position(text: &str, key: &str) -> Option<Position> {
    let (table, name) = match key.rsplit_once('.') {
        Some((t, n)) => (Some(t), n),
        None => (None, key),
    };
    let mut in_table = table.is_none();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            let header = trimmed.trim_matches(|c| c == '[' || c == ']' || c == ' ');
            if let Some(t) = table {
                if header == format!("{t}.{name}") {
                    return Some(Position::new(i + 1, 1));
                }
                in_table = header == t;
            } else {
                in_table = false;
            }
            continue;
        }
        if in_table {
            if let Some(rest) = trimmed.strip_prefix(name) {
                if rest.trim_start().starts_with('=') {
                    return Some(Position::new(i + 1, line.len() - trimmed.len() + 1));
                }
            }
        }
    }
    None
}

/// Where `key` of the `index`-th `[[table]]` of a TOML text is set: its
/// line, the column of the key and the column of its value. With an empty
/// `key`, the table's header (both columns 1).
fn array_table_key(
    text: &str,
    table: &str,
    index: usize,
    key: &str,
) -> Option<(usize, usize, usize)> {
    let mut seen = 0;
    let mut inside = false;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            let header = trimmed.trim_matches(|c: char| c == '[' || c == ']' || c == ' ');
            inside = false;
            if trimmed.starts_with("[[") && header == table {
                seen += 1;
                if seen == index + 1 {
                    if key.is_empty() {
                        return Some((i + 1, 1, 1));
                    }
                    inside = true;
                }
            }
            continue;
        }
        if inside {
            if let Some(rest) = trimmed.strip_prefix(key) {
                if let Some(after) = rest.trim_start().strip_prefix('=') {
                    let value = after.trim_start();
                    let key_column = line.len() - trimmed.len() + 1;
                    return Some((i + 1, key_column, line.len() - value.len() + 1));
                }
            }
        }
    }
    None
}

fn toml_error(text: &str, e: &toml::de::Error) -> Diagnostic {
    let position = e.span().map(|s| crate::text::position_of(text, s.start));
    Diagnostic::error(CONFIG_FILE, format!("site.toml is not valid TOML: {}", e.message()))
        .at(position)
        .with_source(text)
        .help("each setting is `name = value`; texts go between double quotes, lists between [ ], per-language texts as { es = \"…\", en = \"…\" }")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> (Option<Config>, Diagnostics) {
        let mut d = Diagnostics::new();
        (parse(text, &mut d), d)
    }

    #[test]
    fn reads_a_bilingual_config() {
        let (c, d) = parse_ok("title = { es = \"Hola\", en = \"Hello\" }\nbase_url = \"https://x.org/sub\"\nlanguages = [\"es\", \"en\"]\n[sections.cases]\nes = \"practicas\"\n");
        let c = c.expect("valid");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.base_url, "https://x.org/sub/");
        assert_eq!(c.base_path, "/sub/");
        assert_eq!(c.section_segment(Section::Cases, "es"), "practicas");
        assert_eq!(c.section_segment(Section::Cases, "en"), "cases");
        assert_eq!(c.section_segment(Section::Reports, "es"), "informes");
    }

    #[test]
    fn unknown_settings_warn_with_suggestion() {
        let (c, d) = parse_ok("title = \"T\"\nlanguages = [\"en\"]\ntheem = \"x\"\n");
        assert!(c.is_some());
        let w = d.iter().next().expect("a warning");
        assert_eq!(w.position, Some(Position::new(3, 1)));
        assert!(w.help.as_deref().unwrap_or("").contains("theme"));
    }

    #[test]
    fn syntax_errors_have_positions() {
        let (c, d) = parse_ok("title = \"T\"\nlanguages = [\"en\"\n");
        assert!(c.is_none());
        assert!(d.iter().next().unwrap().position.is_some());
    }

    #[test]
    fn bad_languages_and_urls_are_errors() {
        let (c, d) = parse_ok(
            "title = \"T\"\nlanguages = [\"Spanish\", \"en\", \"en\"]\nbase_url = \"ftp://x\"\n",
        );
        assert!(c.is_none());
        assert_eq!(d.error_count(), 3, "{d:?}");
    }

    #[test]
    fn output_dir_stays_inside_the_site() {
        for good in [
            "public",
            "dist/site",
            "./public",
            "a/../public",
            "../www",
            "/var/www",
            "../content",
        ] {
            assert!(check_output_dir(Path::new(good)).is_ok(), "{good}");
        }
        for bad in [
            "",
            ".",
            "..",
            "../..",
            "a/../..",
            "content",
            "content/out",
            "./themes",
        ] {
            let p = check_output_dir(Path::new(bad)).unwrap_err();
            assert!(
                p.message.starts_with("`output_dir`"),
                "{bad}: {}",
                p.message
            );
            assert!(p.help.contains("output_dir = \"public\""), "{bad}");
        }
    }
}

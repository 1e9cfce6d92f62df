//! A network's portal, derived once from its members' cached feeds
//! ([`crate::members`]): every practice of every member, in a stable order
//! (newest first), its themes mapped onto the network's own vocabulary, and
//! the facets that browse them (member, country, theme, SDG, dimension,
//! scale) with the practices under each value.

use std::collections::BTreeMap;
use std::path::Path;

use crate::config::{Config, Section, CONFIG_FILE};
use crate::content::vocabulary::Vocabulary;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::exchange::{FeedCase, FeedTranslation};
use crate::members::MemberFeed;

/// A way to browse the portal's practices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Facet {
    /// The member that publishes the practice.
    Members,
    /// Themes of the network's vocabulary.
    Themes,
    /// Sustainable Development Goals.
    Sdgs,
    /// Institutional, political, territorial.
    Dimensions,
    /// Local, regional, international.
    Scales,
    /// The country of the practice.
    Countries,
}

impl Facet {
    /// Every facet, in the order pages show them.
    pub const ALL: [Facet; 6] = [
        Facet::Members,
        Facet::Themes,
        Facet::Sdgs,
        Facet::Dimensions,
        Facet::Scales,
        Facet::Countries,
    ];

    /// Its id (`members`, `themes`…), as templates and tests see it.
    pub fn id(self) -> &'static str {
        match self {
            Facet::Members => "members",
            Facet::Themes => "themes",
            Facet::Sdgs => "sdgs",
            Facet::Dimensions => "dimensions",
            Facet::Scales => "scales",
            Facet::Countries => "countries",
        }
    }

    /// The section whose word names it in addresses (`/en/network/sdgs/11/`);
    /// none for members, whose pages are right under the portal
    /// (`/en/network/<member>/`).
    pub fn section(self) -> Option<Section> {
        match self {
            Facet::Members => None,
            Facet::Themes => Some(Section::Themes),
            Facet::Sdgs => Some(Section::Sdgs),
            Facet::Dimensions => Some(Section::Dimensions),
            Facet::Scales => Some(Section::Scales),
            Facet::Countries => Some(Section::Countries),
        }
    }
}

/// One practice of a member.
#[derive(Debug, Clone)]
pub(crate) struct Practice {
    /// The member's place in [`Portal::members`].
    pub(crate) member: usize,
    /// The practice's place in the member's feed.
    pub(crate) case: usize,
    /// The network's themes it is filed under (mapped from the member's).
    pub(crate) themes: Vec<String>,
}

/// A value of a facet and the practices under it, by their place in
/// [`Portal::practices`], newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FacetValue {
    /// The value's id, used in its address (`co`, `11`, `mobility`).
    pub(crate) id: String,
    /// The practices with this value.
    pub(crate) practices: Vec<usize>,
}

/// The portal of a network.
#[derive(Debug, Clone, Default)]
pub(crate) struct Portal {
    /// The members with a usable feed, in the order of `site.toml`.
    pub(crate) members: Vec<MemberFeed>,
    /// Every practice, newest first, then by member and id.
    pub(crate) practices: Vec<Practice>,
    /// The values of each facet, sorted by id.
    pub(crate) facets: BTreeMap<Facet, Vec<FacetValue>>,
}

impl Portal {
    /// The member and the feed entry of practice `i`.
    pub(crate) fn practice(&self, i: usize) -> (&MemberFeed, &FeedCase) {
        let p = &self.practices[i];
        let m = &self.members[p.member];
        (m, &m.feed.cases[p.case])
    }

    /// Practice `i` in `lang`: the member's own translation when it has
    /// one, else the member's default language's (or its first); with the
    /// language it is in.
    pub(crate) fn text<'a>(&'a self, i: usize, lang: &str) -> (&'a str, &'a FeedTranslation) {
        let (m, case) = self.practice(i);
        translation(m, case, lang)
    }

    /// The place of the practice `case_id` of member `member_id`.
    pub(crate) fn find(&self, member_id: &str, case_id: &str) -> Option<usize> {
        self.practices.iter().position(|p| {
            let m = &self.members[p.member];
            m.member.id == member_id && m.feed.cases[p.case].id == case_id
        })
    }

    /// The place of member `id`.
    pub(crate) fn member(&self, id: &str) -> Option<usize> {
        self.members.iter().position(|m| m.member.id == id)
    }
}

/// `case` of member `m` in `lang`, or in the member's default language, or
/// in its first language written; with the language it is in.
pub(crate) fn translation<'a>(
    m: &'a MemberFeed,
    case: &'a FeedCase,
    lang: &str,
) -> (&'a str, &'a FeedTranslation) {
    let default = m.feed.site.languages.first().map(String::as_str);
    let found = case
        .translations
        .get_key_value(lang)
        .or_else(|| default.and_then(|d| case.translations.get_key_value(d)))
        .or_else(|| case.translations.iter().next());
    // The feed's check refuses a practice without a translation, and
    // `derive` leaves any out: the empty text is never shown.
    found.map_or(("", &NO_TEXT), |(l, t)| (l.as_str(), t))
}

/// The text of a practice that has none.
static NO_TEXT: FeedTranslation = FeedTranslation {
    title: String::new(),
    city: String::new(),
    summary: String::new(),
    actors: Vec::new(),
    lessons: Vec::new(),
    url: String::new(),
    contact: None,
    resources: None,
    partners: Vec::new(),
    transferability: None,
};

/// Derives the portal of the network of `config` from its members' feeds.
/// A member theme mapped onto a theme the network's vocabulary lacks, and
/// a member whose id is a word the portal's addresses use, are errors at
/// their line of `site.toml`.
pub(crate) fn derive(
    root: &Path,
    members: Vec<MemberFeed>,
    config: &Config,
    vocabulary: &Vocabulary,
    diags: &mut Diagnostics,
) -> Option<Portal> {
    let network = config.network.as_ref()?;
    let text = std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap_or_default();
    for member in &network.members {
        let reserved = Facet::ALL.iter().filter_map(|f| f.section()).any(|s| {
            config
                .languages
                .iter()
                .any(|l| config.section_segment(s, l) == member.id)
        }) || member.id
            == config.section_segment(Section::Page, config.default_language());
        if reserved {
            diags.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    format!(
                        "member \"{}\" has the id `{}`, a word the portal's addresses already use",
                        member.name, member.id
                    ),
                )
                .at(member.name_position)
                .with_source(&text)
                .help("add the country or the region to the name, e.g. name = \"Temas, Chile\""),
            );
        }
        for (from, to) in &member.themes {
            if !vocabulary.themes.contains_key(to) {
                let known: Vec<&str> = vocabulary.themes.keys().map(String::as_str).collect();
                let hint = match crate::diagnostics::closest(to, known.iter().copied()) {
                    Some(k) => format!("did you mean `{k}`? "),
                    None => String::new(),
                };
                diags.push(
                    Diagnostic::error(
                        CONFIG_FILE,
                        format!(
                            "member \"{}\": its theme `{from}` is mapped onto `{to}`, which is not a theme of content/vocabulary.yaml",
                            member.name
                        ),
                    )
                    .at(member.themes_position)
                    .with_source(&text)
                    .help(format!(
                        "{hint}map it onto one of the network's themes ({}), or add `{to}` to content/vocabulary.yaml",
                        if known.is_empty() { "none yet".to_string() } else { known.join(", ") }
                    )),
                );
            }
        }
    }
    let mut practices: Vec<Practice> = Vec::new();
    for (mi, m) in members.iter().enumerate() {
        for (ci, case) in m.feed.cases.iter().enumerate() {
            if case.translations.is_empty() {
                continue;
            }
            let mut themes: Vec<String> = case
                .themes
                .iter()
                .filter_map(|t| match m.member.themes.get(t) {
                    Some(to) => Some(to.clone()),
                    None => vocabulary.themes.contains_key(t).then(|| t.clone()),
                })
                .filter(|t| vocabulary.themes.contains_key(t))
                .collect();
            themes.sort();
            themes.dedup();
            practices.push(Practice {
                member: mi,
                case: ci,
                themes,
            });
        }
    }
    practices.sort_by(|a, b| {
        let (ca, cb) = (
            &members[a.member].feed.cases[a.case],
            &members[b.member].feed.cases[b.case],
        );
        cb.date
            .cmp(&ca.date)
            .then(a.member.cmp(&b.member))
            .then_with(|| ca.id.cmp(&cb.id))
    });
    let mut facets: BTreeMap<Facet, BTreeMap<String, Vec<usize>>> = BTreeMap::new();
    for (i, p) in practices.iter().enumerate() {
        let m = &members[p.member];
        let case = &m.feed.cases[p.case];
        let mut add = |facet: Facet, value: String| {
            facets
                .entry(facet)
                .or_default()
                .entry(value)
                .or_default()
                .push(i);
        };
        add(Facet::Members, m.member.id.clone());
        add(Facet::Countries, case.country.to_ascii_lowercase());
        for t in &p.themes {
            add(Facet::Themes, t.clone());
        }
        let mut sdgs: Vec<u8> = case.sdgs.iter().map(|s| s.0).collect();
        sdgs.sort_unstable();
        sdgs.dedup();
        for s in sdgs {
            add(Facet::Sdgs, s.to_string());
        }
        add(Facet::Dimensions, yaml_id(&case.dimension));
        add(Facet::Scales, yaml_id(&case.scale));
    }
    let facets = facets
        .into_iter()
        .map(|(f, values)| {
            let values = values
                .into_iter()
                .map(|(id, practices)| FacetValue { id, practices })
                .collect();
            (f, values)
        })
        .collect();
    Some(Portal {
        members,
        practices,
        facets,
    })
}

/// The id a value of the feed is written with (`political`, `local`).
pub(crate) fn yaml_id<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

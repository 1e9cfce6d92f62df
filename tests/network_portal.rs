//! The portal of a network of cities, end to end (issue #17).
//!
//! Three member sites, the bundled example and two generated ones, are each
//! built with the address they are served at and served on their own
//! loopback server ([`FeedServer`]); a network's site lists them in
//! `[[network.members]]`, runs `memoria network fetch` and `memoria build`.
//! The tests then read the portal as a reader and a program would:
//!
//! - every member's `/data/cases.json` passes the feed's JSON Schema, and
//!   `fetch` keeps a copy of each;
//! - the portal's index (`/en/network/`, `/es/red/`) counts, in each facet
//!   (members, countries, themes, SDGs, dimensions, scales), as many
//!   practices as the members' feeds have with that value, and each facet
//!   value's page lists exactly those practices;
//! - each practice's page names its member, says when it was fetched, links
//!   to the practice's page on the member's site (which answers), and shows
//!   a practice not translated into the page's language in the member's
//!   language with a notice;
//! - search finds a practice of each member; the open data credits each
//!   member; markup in a member's title stays text;
//! - with one member stopped, `fetch` reports it, keeps its last good copy,
//!   and the portal still shows its practices.
//!
//! The search test needs Node: without it, it says `SKIPPED`; under
//! `CI=true` it fails.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use common::feeds::{Answer, FeedServer};
use common::search::{has_node, search};
use common::{error_lines, html_pages, stderr, Fixture};
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

// ---------------------------------------------------------------------------
// The portal's words and addresses
// ---------------------------------------------------------------------------

/// The portal's only theme (its `content/vocabulary.yaml`): id, English and
/// Spanish labels.
const PORTAL_THEME: (&str, &str, &str) = ("mobility", "Mobility", "Movilidad");

/// The facets of the portal's pages (`data-facet`).
const FACETS: [&str; 6] = [
    "members",
    "countries",
    "themes",
    "sdgs",
    "dimensions",
    "scales",
];

/// One language of the portal.
struct Lang {
    /// Its code.
    code: &'static str,
    /// The path of the network's pages (`/en/network`), without the final `/`.
    network: &'static str,
    /// Its search page, from the output folder.
    search: &'static str,
    /// The word of each of [`FACETS`] in the addresses of its values (none
    /// for the members).
    segments: [&'static str; 6],
}

/// The portal's languages, its default first.
const LANGS: [Lang; 2] = [
    Lang {
        code: "en",
        network: "/en/network",
        search: "en/search/index.html",
        segments: ["", "countries", "themes", "sdgs", "dimensions", "scales"],
    },
    Lang {
        code: "es",
        network: "/es/red",
        search: "es/buscar/index.html",
        segments: ["", "paises", "temas", "ods", "dimensiones", "escalas"],
    },
];

/// The title, in a member's feed, that has markup in it.
const HOSTILE_TITLE: &str = "Plazas seguras <script>alert(1)</script> \"quotes\" & <b>";

// ---------------------------------------------------------------------------
// The members
// ---------------------------------------------------------------------------

/// A practice written into a generated member site.
struct Written<'a> {
    id: &'a str,
    country: &'a str,
    date: &'a str,
    scale: &'a str,
    dimension: &'a str,
    themes: &'a [&'a str],
    sdgs: &'a [u8],
    /// (language, title, city) of each translation.
    texts: &'a [(&'a str, &'a str, &'a str)],
}

/// Writes `p` into `site`, one file per translation (texts quoted as JSON,
/// which YAML reads as its double-quoted strings).
fn write_practice(site: &Fixture, p: &Written) {
    let q = |s: &str| serde_json::to_string(s).unwrap();
    let sdgs: Vec<String> = p.sdgs.iter().map(u8::to_string).collect();
    for (lang, title, city) in p.texts {
        site.write(
            &format!("content/cases/{}.{lang}.md", p.id),
            &format!(
                "---\ntitle: {}\ncity: {}\ncountry: {}\ndate: {}\nscale: {}\ndimension: {}\nthemes: [{}]\nsdgs: [{}]\nactors: []\nsummary: {}\n---\n\n## Context\n\n{}\n",
                q(title),
                q(city),
                p.country,
                p.date,
                p.scale,
                p.dimension,
                p.themes.join(", "),
                sdgs.join(", "),
                q(&format!("Summary: {title}")),
                q(title),
            ),
        );
    }
}

/// "Villa Prueba", in English (its default language) and Spanish: three
/// practices, one of them in English only, with the portal's theme
/// `mobility` under the same id.
fn villa_prueba() -> Fixture {
    let site = Fixture::new(&["en", "es"]);
    for p in [
        Written {
            id: "huertos",
            country: "CL",
            date: "2023-03-01",
            scale: "local",
            dimension: "territorial",
            themes: &["urban-gardens"],
            sdgs: &[2, 11],
            texts: &[
                ("en", "Community gardens on public land", "Villa Prueba"),
                (
                    "es",
                    "Huertos comunitarios en suelo público",
                    "Villa Prueba",
                ),
            ],
        },
        Written {
            id: "tranvia",
            country: "CL",
            date: "2024-06-10",
            scale: "regional",
            dimension: "institutional",
            themes: &["mobility", "air-quality"],
            sdgs: &[11, 13],
            texts: &[
                (
                    "en",
                    "An electric tramway for the metropolitan area",
                    "Villa Prueba",
                ),
                (
                    "es",
                    "Un tranvía eléctrico para el área metropolitana",
                    "Villa Prueba",
                ),
            ],
        },
        Written {
            id: "cycle-lanes",
            country: "CL",
            date: "2025-01-20",
            scale: "local",
            dimension: "political",
            themes: &["mobility"],
            sdgs: &[3, 11],
            texts: &[("en", "Cycle lanes around every school", "Villa Prueba")],
        },
    ] {
        write_practice(&site, &p);
    }
    site
}

/// "Pueblo Río", in Spanish only: two practices, one with the same id as
/// one of Villa Prueba's and one with markup in its title, and the theme
/// `movilidad` that the portal maps onto its `mobility`.
fn pueblo_rio() -> Fixture {
    let site = Fixture::new(&["es"]);
    for p in [
        Written {
            id: "huertos",
            country: "AR",
            date: "2022-09-05",
            scale: "local",
            dimension: "territorial",
            themes: &["agua"],
            sdgs: &[6],
            texts: &[("es", "Huertos en las azoteas del barrio", "Pueblo Río")],
        },
        Written {
            id: "plazas",
            country: "AR",
            date: "2024-11-30",
            scale: "international",
            dimension: "political",
            themes: &["movilidad", "espacio-publico"],
            sdgs: &[9, 11],
            texts: &[("es", HOSTILE_TITLE, "Pueblo Río")],
        },
    ] {
        write_practice(&site, &p);
    }
    site
}

/// A member of the network: its site, built with the address it is served
/// at, and the loopback server that serves it.
struct Member {
    /// Its name in the network's `site.toml`.
    name: &'static str,
    /// Its id in the network (its name written as an id).
    id: &'static str,
    /// Its country in the network's `site.toml`.
    country: &'static str,
    /// The `themes` of its `[[network.members]]` table: its theme id → the
    /// portal's theme id.
    themes: &'static [(&'static str, &'static str)],
    /// Its site.
    site: Fixture,
    /// The server of its site; `None` once stopped.
    server: Option<FeedServer>,
    /// Its site's address, `http://127.0.0.1:PORT/`.
    url: String,
}

impl Member {
    /// Starts a server, builds `site` with the server's address as its base
    /// URL, and serves every file of its output.
    fn serve(
        name: &'static str,
        id: &'static str,
        country: &'static str,
        themes: &'static [(&'static str, &'static str)],
        site: Fixture,
    ) -> Member {
        let server = FeedServer::start();
        let url = server.url("/");
        let out = site.run(&["build", "--base-url", &url]);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        serve_folder(&server, &site.root().join("public"));
        Member {
            name,
            id,
            country,
            themes,
            site,
            server: Some(server),
            url,
        }
    }

    /// The address of its feed.
    fn feed(&self) -> String {
        format!("{}data/cases.json", self.url)
    }

    /// Its feed as built.
    fn built_feed(&self) -> Value {
        serde_json::from_str(&self.site.output("data/cases.json")).unwrap()
    }

    /// Stops its server: its site no longer answers.
    fn stop(&mut self) {
        self.server = None;
    }
}

/// Serves every file under `public` at its path, and each `…/index.html`
/// also at its folder's path `…/`, as a web server does.
fn serve_folder(server: &FeedServer, public: &Path) {
    for (rel, bytes) in common::snapshot(public) {
        let path = format!("/{}", rel.replace('\\', "/"));
        let mut answer = Answer::ok(bytes);
        answer.headers = vec![("Content-Type".into(), content_type(&path).into())];
        if let Some(folder) = path.strip_suffix("index.html") {
            server.route(folder, answer.clone());
        }
        server.route(&path, answer);
    }
}

/// The media type of the file at `path`.
fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "json" | "jsonld" => "application/json",
        "xml" => "application/xml",
        "css" => "text/css",
        "js" | "mjs" => "text/javascript",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// The status code that the loopback server of `url` (`http://127.0.0.1:PORT/…`)
/// answers for it.
fn status_of(url: &str) -> u16 {
    let rest = url
        .strip_prefix("http://")
        .unwrap_or_else(|| panic!("not a loopback address: {url}"));
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let mut stream = TcpStream::connect(host).unwrap_or_else(|e| panic!("{url}: {e}"));
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    let answer = String::from_utf8_lossy(&answer);
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("{url}: no status in {answer:?}"))
}

/// The validator of the feed's JSON Schema, `docs/schemas/cases.schema.json`.
fn feed_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(common::repo_root().join("docs/schemas/cases.schema.json"))
        .unwrap();
    jsonschema::draft202012::new(&serde_json::from_str(&text).unwrap()).unwrap()
}

/// The schema's complaints about `feed`, with where they are.
fn schema_errors(validator: &jsonschema::Validator, feed: &Value) -> Vec<String> {
    validator
        .iter_errors(feed)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

// ---------------------------------------------------------------------------
// The network
// ---------------------------------------------------------------------------

/// Three members, served, and the network's site (the portal) that lists
/// them.
struct Network {
    members: Vec<Member>,
    portal: Fixture,
}

impl Network {
    /// Builds and serves the three members, and writes the portal's site:
    /// English and Spanish, one theme of its own, and one
    /// `[[network.members]]` table per member, with the member's theme
    /// mapping (`themes = { "movilidad" = "mobility" }`) when it has one.
    fn start() -> Network {
        let members = vec![
            Member::serve(
                "Ciudad Ejemplo",
                "ciudad-ejemplo",
                "CO",
                &[],
                Fixture::bundled(),
            ),
            Member::serve("Villa Prueba", "villa-prueba", "CL", &[], villa_prueba()),
            Member::serve(
                "Pueblo Río",
                "pueblo-rio",
                "AR",
                &[("movilidad", "mobility")],
                pueblo_rio(),
            ),
        ];
        let portal = Fixture::new(&["en", "es"]);
        let (id, en, es) = PORTAL_THEME;
        portal.write(
            "content/vocabulary.yaml",
            &format!("themes:\n  {id}:\n    label: {{ en: \"{en}\", es: \"{es}\" }}\n"),
        );
        let mut toml = portal.read("site.toml");
        toml.push_str("\n[network]\n");
        for m in &members {
            toml.push_str(&format!(
                "\n[[network.members]]\nname = \"{}\"\ncountry = \"{}\"\nfeed = \"{}\"\n",
                m.name,
                m.country,
                m.feed()
            ));
            if !m.themes.is_empty() {
                let pairs: Vec<String> = m
                    .themes
                    .iter()
                    .map(|(from, to)| format!("\"{from}\" = \"{to}\""))
                    .collect();
                toml.push_str(&format!("themes = {{ {} }}\n", pairs.join(", ")));
            }
        }
        portal.write("site.toml", &toml);
        Network { members, portal }
    }

    /// `memoria network fetch` in the portal's folder, asserting success.
    fn fetch_ok(&self) -> Output {
        let out = self.portal.run(&["network", "fetch"]);
        assert!(out.status.success(), "fetch failed:\n{}", stderr(&out));
        out
    }

    /// Builds the portal, asserting success.
    fn build_portal(&self) {
        self.portal.build_ok();
    }

    /// The portal's output folder.
    fn public(&self) -> PathBuf {
        self.portal.root().join("public")
    }

    /// The member `id`.
    fn member(&self, id: &str) -> &Member {
        self.members.iter().find(|m| m.id == id).unwrap()
    }

    /// `network/fetched.json`: when, from where, and the SHA-256 of each
    /// member's copy.
    fn record(&self) -> Value {
        serde_json::from_str(&self.portal.read("network/fetched.json")).unwrap()
    }

    /// When the copy of member `id` was fetched (`2026-01-15T10:00:00Z`).
    fn fetched(&self, id: &str) -> String {
        self.record()[id]["fetched"].as_str().unwrap().to_string()
    }

    /// Every member's practices, from the copies `fetch` kept in `network/`.
    fn practices(&self) -> Vec<Practice> {
        self.members
            .iter()
            .flat_map(|m| {
                let feed: Value =
                    serde_json::from_str(&self.portal.read(&format!("network/{}.json", m.id)))
                        .unwrap();
                Practice::all_of(m, &feed)
            })
            .collect()
    }

    /// The portal's theme that theme `theme` of member `member` counts under:
    /// the one its table maps it to, else the portal's theme of the same
    /// id; none for the others.
    fn portal_theme(&self, member: &str, theme: &str) -> Option<String> {
        let mapped = self
            .member(member)
            .themes
            .iter()
            .find(|(from, _)| *from == theme);
        match mapped {
            Some((_, to)) => Some(to.to_string()),
            None => (theme == PORTAL_THEME.0).then(|| theme.to_string()),
        }
    }
}

/// A practice of a member, as its feed gives it.
#[derive(Debug)]
struct Practice {
    /// The member's id.
    member: String,
    /// The member's name.
    member_name: String,
    id: String,
    country: String,
    scale: String,
    dimension: String,
    themes: Vec<String>,
    sdgs: Vec<u64>,
    /// Title and address of each translation, by language.
    translations: BTreeMap<String, (String, String)>,
    /// The member's languages, its default first.
    languages: Vec<String>,
}

impl Practice {
    /// The practices of `feed`, member `m`'s.
    fn all_of(m: &Member, feed: &Value) -> Vec<Practice> {
        let strings = |v: &Value| -> Vec<String> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect()
        };
        let languages = strings(&feed["site"]["languages"]);
        feed["cases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| Practice {
                member: m.id.into(),
                member_name: m.name.into(),
                id: c["id"].as_str().unwrap().into(),
                country: c["country"].as_str().unwrap().into(),
                scale: c["scale"].as_str().unwrap().into(),
                dimension: c["dimension"].as_str().unwrap().into(),
                themes: strings(&c["themes"]),
                sdgs: c["sdgs"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|n| n.as_u64().unwrap())
                    .collect(),
                translations: c["translations"]
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(lang, t)| {
                        let text = |k: &str| t[k].as_str().unwrap().to_string();
                        (lang.clone(), (text("title"), text("url")))
                    })
                    .collect(),
                languages: languages.clone(),
            })
            .collect()
    }

    /// The language the portal shows it in on its pages in `lang`: `lang`
    /// when it is translated into it, else the first of the member's
    /// languages it is written in (the member's default language first).
    fn shown_lang<'a>(&'a self, lang: &'a str) -> &'a str {
        if self.translations.contains_key(lang) {
            return lang;
        }
        self.languages
            .iter()
            .find(|l| self.translations.contains_key(*l))
            .map(String::as_str)
            .unwrap_or_else(|| panic!("{self:?} has none of its site's languages"))
    }

    /// Its title on the portal's pages in `lang`.
    fn title<'a>(&'a self, lang: &'a str) -> &'a str {
        &self.translations[self.shown_lang(lang)].0
    }

    /// The address of its page on the member's site that the portal's
    /// pages in `lang` link to.
    fn canonical<'a>(&'a self, lang: &'a str) -> &'a str {
        &self.translations[self.shown_lang(lang)].1
    }

    /// The path of its page on the portal in `lang`.
    fn page(&self, lang: &Lang) -> String {
        format!("{}/{}/{}/", lang.network, self.member, self.id)
    }

    /// Its values of `facet` on the portal of `net`.
    fn values(&self, net: &Network, facet: &str) -> BTreeSet<String> {
        match facet {
            "members" => BTreeSet::from([self.member.clone()]),
            "countries" => BTreeSet::from([self.country.to_lowercase()]),
            "themes" => self
                .themes
                .iter()
                .filter_map(|t| net.portal_theme(&self.member, t))
                .collect(),
            "sdgs" => self.sdgs.iter().map(u64::to_string).collect(),
            "dimensions" => BTreeSet::from([self.dimension.clone()]),
            "scales" => BTreeSet::from([self.scale.clone()]),
            _ => panic!("no facet {facet}"),
        }
    }
}

/// For each facet, each value's practices: what the portal's index counts.
type Expected<'a> = BTreeMap<&'static str, BTreeMap<String, Vec<&'a Practice>>>;

/// The practices of each value of each facet, from the members' feeds.
fn expected_facets<'a>(net: &Network, practices: &'a [Practice]) -> Expected<'a> {
    let mut out = Expected::new();
    for facet in FACETS {
        let values = out.entry(facet).or_default();
        for p in practices {
            for v in p.values(net, facet) {
                values.entry(v).or_default().push(p);
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Reading the portal's pages
// ---------------------------------------------------------------------------

/// A CSS selector.
fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

/// The text of `el`, its runs of white space made one space.
fn text_of(el: ElementRef) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of the first `css` inside `el`, or "" when there is none.
fn text_in(el: ElementRef, css: &str) -> String {
    el.select(&sel(css)).next().map(text_of).unwrap_or_default()
}

/// The `href` of the first `css` inside `el`, as a path of the portal when
/// it is one, or "" when there is none.
fn href_in(el: ElementRef, css: &str) -> String {
    el.select(&sel(css))
        .next()
        .and_then(|a| a.value().attr("href"))
        .map(portal_path)
        .unwrap_or_default()
}

/// `href` without the portal's own address in front (`https://example.org`),
/// so that the portal's links read `/en/network/…`; other addresses as
/// they are.
fn portal_path(href: &str) -> String {
    href.strip_prefix("https://example.org")
        .unwrap_or(href)
        .to_string()
}

/// The portal's page at `path` (`/en/network/`), read from its output.
fn read_page(public: &Path, path: &str) -> String {
    assert!(path.starts_with('/') && path.ends_with('/'), "{path}");
    let file = public.join(path.trim_start_matches('/')).join("index.html");
    std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("the portal has no page {path} ({}): {e}", file.display()))
}

/// One value of a facet on a page.
#[derive(Debug)]
struct Term {
    href: String,
    label: String,
    count: usize,
}

/// The facets of a page: facet → value (`data-term`) → its link and count.
fn facets(page: &str, html: &str) -> BTreeMap<String, BTreeMap<String, Term>> {
    let doc = Html::parse_document(html);
    let mut out: BTreeMap<String, BTreeMap<String, Term>> = BTreeMap::new();
    for group in doc.select(&sel("details.facet-group[data-facet]")) {
        let facet = group.value().attr("data-facet").unwrap().to_string();
        assert!(!out.contains_key(&facet), "{page}: two groups of {facet}");
        let terms = out.entry(facet.clone()).or_default();
        for li in group.select(&sel("li[data-term]")) {
            let value = li.value().attr("data-term").unwrap().to_string();
            let count = text_in(li, "span.count");
            let count = count
                .trim_start_matches('(')
                .trim_end_matches(')')
                .parse()
                .unwrap_or_else(|_| panic!("{page}: {facet} {value}: count {count:?}"));
            let term = Term {
                href: href_in(li, "a"),
                label: text_in(li, "a"),
                count,
            };
            assert!(
                terms.insert(value.clone(), term).is_none(),
                "{page}: {facet} {value} twice"
            );
        }
    }
    out
}

/// One practice's card on a page.
#[derive(Debug)]
struct Card {
    /// `data-member`.
    member: String,
    /// The link of its title: the practice's page on the portal.
    href: String,
    title: String,
    /// The text of `p.practice-member`.
    member_name: String,
    /// The link to the practice on the member's site.
    source: String,
}

/// The cards of practices of a page.
fn cards(html: &str) -> Vec<Card> {
    let doc = Html::parse_document(html);
    doc.select(&sel("article.card.practice-card"))
        .map(|card| Card {
            member: card.value().attr("data-member").unwrap_or_default().into(),
            href: href_in(card, "h3 a"),
            title: text_in(card, "h3 a"),
            member_name: text_in(card, "p.practice-member"),
            source: href_in(card, "a.practice-source"),
        })
        .collect()
}

/// Asserts that the index `page` in `lang` counts, for every facet, the
/// practices of `expected` of each value, and links each value to a page
/// that lists exactly those practices.
fn assert_facets(public: &Path, lang: &Lang, page: &str, html: &str, expected: &Expected) {
    let found = facets(page, html);
    for (i, facet) in FACETS.iter().enumerate() {
        let terms = found
            .get(*facet)
            .unwrap_or_else(|| panic!("{page}: no facet group {facet}"));
        let counts: BTreeMap<&str, usize> =
            terms.iter().map(|(v, t)| (v.as_str(), t.count)).collect();
        let want: BTreeMap<&str, usize> = expected[facet]
            .iter()
            .map(|(v, ps)| (v.as_str(), ps.len()))
            .collect();
        assert_eq!(counts, want, "{page}: the counts of {facet}");
        for (value, term) in terms {
            let segment = lang.segments[i];
            if *facet != "members" {
                let prefix = format!("{}/{segment}/", lang.network);
                assert!(
                    term.href.starts_with(&prefix),
                    "{page}: {facet} {value}: {term:?}"
                );
                if lang.code == "en" {
                    assert_eq!(term.href, format!("{prefix}{value}/"), "{page}: {facet}");
                }
            }
            let listed = read_page(public, &term.href);
            assert_cards(
                &format!("{} ({facet} {value})", term.href),
                lang,
                &listed,
                &expected[facet][value],
            );
        }
    }
    let (theme, en, es) = PORTAL_THEME;
    let label = if lang.code == "en" { en } else { es };
    assert_eq!(
        found["themes"][theme].label, label,
        "{page}: the theme's label"
    );
}

/// Asserts that `page` in `lang` has one card for each of `practices` and
/// no other, each with the practice's title, member and links.
fn assert_cards(page: &str, lang: &Lang, html: &str, practices: &[&Practice]) {
    let found = cards(html);
    let mut by_page: BTreeMap<String, &Card> = BTreeMap::new();
    for card in &found {
        assert!(
            by_page.insert(card.href.clone(), card).is_none(),
            "{page}: two cards link to {}",
            card.href
        );
    }
    let want: BTreeSet<String> = practices.iter().map(|p| p.page(lang)).collect();
    let have: BTreeSet<String> = by_page.keys().cloned().collect();
    assert_eq!(have, want, "{page}: the practices listed");
    for p in practices {
        let card = by_page[&p.page(lang)];
        assert_eq!(card.member, p.member, "{page}: {card:?}");
        assert_eq!(card.title, p.title(lang.code), "{page}: {card:?}");
        assert!(
            card.member_name.contains(&p.member_name),
            "{page}: {card:?}"
        );
        assert_eq!(card.source, p.canonical(lang.code), "{page}: {card:?}");
    }
}

/// The practice of member `member` with id `id`.
fn practice<'a>(practices: &'a [Practice], member: &str, id: &str) -> &'a Practice {
    practices
        .iter()
        .find(|p| p.member == member && p.id == id)
        .unwrap_or_else(|| panic!("no practice {member}/{id}"))
}

// ---------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------

#[test]
fn three_members_are_built_served_and_fetched() {
    let net = Network::start();
    let validator = feed_validator();
    for m in &net.members {
        let feed = m.built_feed();
        let errors = schema_errors(&validator, &feed);
        assert!(errors.is_empty(), "{}: {errors:#?}", m.name);
        assert_eq!(feed["site"]["url"], m.url.as_str(), "{}", m.name);
        assert_eq!(status_of(&m.feed()), 200, "{}", m.feed());
        // Each practice's page, in every language, is on the member's server.
        for p in Practice::all_of(m, &feed) {
            for (title, url) in p.translations.values() {
                assert!(url.starts_with(&m.url), "{title}: {url}");
                assert_eq!(status_of(url), 200, "{title}: {url}");
            }
        }
    }

    let out = net.fetch_ok();
    let err = stderr(&out);
    for m in &net.members {
        let n = m.built_feed()["cases"].as_array().unwrap().len();
        let line = format!("fetched {} ({}): {n} practices", m.id, m.name);
        assert!(err.contains(&line), "{line:?} not in:\n{err}");
        assert_eq!(
            net.portal.read(&format!("network/{}.json", m.id)),
            m.site.output("data/cases.json"),
            "the copy of {}",
            m.name
        );
        assert_eq!(net.record()[m.id]["source"], m.feed().as_str());
    }
    assert!(err.contains("fetched 3 of 3 members"), "{err}");

    // The fixture has what the portal tests need.
    let practices = net.practices();
    assert_eq!(practices.len(), 15);
    let ids: Vec<&str> = practices
        .iter()
        .filter(|p| p.id == "huertos")
        .map(|p| p.member.as_str())
        .collect();
    assert_eq!(ids, ["villa-prueba", "pueblo-rio"], "an id in two members");
    let only_en = practice(&practices, "villa-prueba", "cycle-lanes");
    assert_eq!(only_en.translations.keys().collect::<Vec<_>>(), ["en"]);
    let only_es = practice(&practices, "pueblo-rio", "plazas");
    assert_eq!(only_es.translations["es"].0, HOSTILE_TITLE);
}

#[test]
fn the_portal_counts_every_members_practices_in_each_facet() {
    let net = Network::start();
    net.fetch_ok();
    net.build_portal();
    let public = net.public();
    let practices = net.practices();
    let expected = expected_facets(&net, &practices);
    // The mapped theme counts Villa Prueba's `mobility` (the same id) and
    // Pueblo Río's `movilidad` (mapped); the members' other themes are not
    // the portal's.
    assert_eq!(expected["themes"].len(), 1);
    assert_eq!(expected["themes"]["mobility"].len(), 3);
    let all: Vec<&Practice> = practices.iter().collect();
    for lang in &LANGS {
        let page = format!("{}/", lang.network);
        let index = read_page(&public, &page);
        assert_facets(&public, lang, &page, &index, &expected);
        assert_eq!(cards(&index).len(), practices.len(), "{page}: the cards");
        assert_cards(&page, lang, &index, &all);
        // Each member's page lists its practices.
        for m in &net.members {
            let page = format!("{}/{}/", lang.network, m.id);
            let theirs: Vec<&Practice> = practices.iter().filter(|p| p.member == m.id).collect();
            assert_cards(&page, lang, &read_page(&public, &page), &theirs);
        }
    }
}

#[test]
fn a_practice_page_credits_its_member_and_links_to_its_page() {
    let net = Network::start();
    net.fetch_ok();
    net.build_portal();
    let public = net.public();
    let practices = net.practices();
    // The sitemap lists the portal's own pages, not the practices, whose
    // canonical page is their member's.
    let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("/en/network/</loc>"), "{sitemap}");
    for p in &practices {
        for lang in &LANGS {
            assert!(
                !sitemap.contains(&format!("{}</loc>", p.page(lang))),
                "{sitemap}"
            );
        }
    }
    let mut untranslated = 0;
    for lang in &LANGS {
        for p in &practices {
            let path = p.page(lang);
            let html = read_page(&public, &path);
            let doc = Html::parse_document(&html);
            let canonical: Vec<&str> = doc
                .select(&sel("link[rel=canonical]"))
                .filter_map(|l| l.value().attr("href"))
                .collect();
            assert_eq!(canonical, [p.canonical(lang.code)], "{path}: canonical");
            let sources: Vec<&str> = doc
                .select(&sel("a.practice-source"))
                .filter_map(|a| a.value().attr("href"))
                .collect();
            assert!(!sources.is_empty(), "{path}: no link to the member's page");
            assert!(
                sources.iter().all(|s| *s == p.canonical(lang.code)),
                "{path}: {sources:?}"
            );
            let text = text_of(doc.root_element());
            assert!(
                text.contains(&p.member_name),
                "{path}: no {}",
                p.member_name
            );
            let day: Vec<&str> = doc
                .select(&sel("p.practice-fetched time[datetime]"))
                .filter_map(|t| t.value().attr("datetime"))
                .collect();
            assert_eq!(day, [&net.fetched(&p.member)[..10]], "{path}: fetched");
            let notices = doc.select(&sel("p.notice.practice-language")).count();
            if p.translations.contains_key(lang.code) {
                assert_eq!(notices, 0, "{path}: a notice on a translated practice");
                assert!(text.contains(p.title(lang.code)), "{path}: no title");
            } else {
                untranslated += 1;
                assert_eq!(notices, 1, "{path}: no notice of the language");
                let shown = p.shown_lang(lang.code);
                let in_its_language = doc
                    .select(&sel(&format!("[lang=\"{shown}\"]")))
                    .any(|el| text_of(el).contains(p.title(lang.code)));
                assert!(in_its_language, "{path}: no text marked lang=\"{shown}\"");
            }
        }
    }
    // Villa Prueba's English-only practice in Spanish, Pueblo Río's two in English.
    assert_eq!(untranslated, 3);

    // Every link to a member's page, on any page of the portal, answers.
    let mut links = BTreeSet::new();
    for (_, html) in html_pages(&public) {
        let doc = Html::parse_document(&html);
        for a in doc.select(&sel("a.practice-source")) {
            links.insert(a.value().attr("href").unwrap_or_default().to_string());
        }
    }
    let expected: BTreeSet<String> = practices
        .iter()
        .flat_map(|p| LANGS.iter().map(|l| p.canonical(l.code).to_string()))
        .collect();
    assert_eq!(links, expected, "the links to the members' pages");
    for url in &links {
        assert_eq!(status_of(url), 200, "{url}");
    }
}

#[test]
fn search_on_the_portal_finds_a_practice_of_each_member() {
    if !has_node("search_on_the_portal_finds_a_practice_of_each_member") {
        return;
    }
    let net = Network::start();
    net.fetch_ok();
    net.build_portal();
    let public = net.public();
    let practices = net.practices();
    let hrefs = |lang: &Lang, query: &str| -> Vec<String> {
        let v = search(&public, lang.search, query);
        v["results"]
            .as_array()
            .unwrap_or_else(|| panic!("{query}: {v}"))
            .iter()
            .map(|r| portal_path(r["href"].as_str().unwrap_or_default()))
            .collect()
    };
    let [en, es] = &LANGS;
    for (lang, member, id, word) in [
        (en, "ciudad-ejemplo", "montevideo", "Observatory"),
        (es, "ciudad-ejemplo", "montevideo", "Observatorio"),
        (en, "villa-prueba", "tranvia", "tramway"),
        (es, "villa-prueba", "tranvia", "tranvía"),
        (es, "pueblo-rio", "huertos", "azoteas"),
    ] {
        let p = practice(&practices, member, id);
        let title = &p.translations[lang.code].0;
        assert!(
            title.to_lowercase().contains(&word.to_lowercase()),
            "{title}"
        );
        let found = hrefs(lang, word);
        assert!(
            found.contains(&p.page(lang)),
            "{word}: {} not in {found:?}",
            p.page(lang)
        );
    }
    // The same id in two members gives two practices.
    let found = hrefs(es, "huertos");
    for member in ["villa-prueba", "pueblo-rio"] {
        let page = practice(&practices, member, "huertos").page(es);
        assert!(found.contains(&page), "huertos: {page} not in {found:?}");
    }
}

#[test]
fn the_portal_open_data_credits_each_member() {
    let net = Network::start();
    net.fetch_ok();
    net.build_portal();
    let data: Value = serde_json::from_str(&net.portal.output("data/cases.json")).unwrap();
    let errors = schema_errors(&feed_validator(), &data);
    assert!(errors.is_empty(), "the portal's cases.json: {errors:#?}");
    let credits = data["members"]
        .as_array()
        .unwrap_or_else(|| panic!("no `members` in the portal's cases.json"));
    assert_eq!(credits.len(), net.members.len(), "{credits:#?}");
    for m in &net.members {
        let credit = credits
            .iter()
            .find(|c| c["name"] == m.name)
            .unwrap_or_else(|| panic!("{} not credited: {credits:#?}", m.name));
        assert_eq!(credit["country"], m.country, "{credit}");
        assert_eq!(credit["url"], m.url.as_str(), "{credit}");
        assert_eq!(credit["feed"], m.feed().as_str(), "{credit}");
        let n = m.built_feed()["cases"].as_array().unwrap().len();
        assert_eq!(credit["cases"], n, "{credit}");
        // A date-time, of the fetch.
        let fetched = credit["fetched"].as_str().unwrap_or_default();
        let when = net.fetched(m.id);
        assert!(
            fetched.len() >= 20 && fetched.starts_with(&when[..19]),
            "{fetched:?} is not the date-time of the fetch, {when}"
        );
    }
}

#[test]
fn markup_in_a_members_title_is_escaped_on_the_portal() {
    let net = Network::start();
    net.fetch_ok();
    net.build_portal();
    let public = net.public();
    let practices = net.practices();
    let p = practice(&practices, "pueblo-rio", "plazas");
    for lang in &LANGS {
        let path = p.page(lang);
        let html = read_page(&public, &path);
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{path}: the title is not escaped"
        );
        let text = text_of(Html::parse_document(&html).root_element());
        assert!(
            text.contains(HOSTILE_TITLE),
            "{path}: the title is not its text"
        );
    }
    let pages = html_pages(&public);
    for (path, html) in &pages {
        assert!(!html.contains("<script>alert"), "{path}: a member's script");
    }
    common::assert_no_unsafe_markup(&public, "/");
}

#[test]
fn a_stopped_member_is_reported_and_the_portal_builds_from_its_cached_copy() {
    let mut net = Network::start();
    net.fetch_ok();
    let copy = net.portal.read("network/pueblo-rio.json");
    let record = net.record()["pueblo-rio"].clone();
    let when = net.fetched("pueblo-rio");

    net.members
        .iter_mut()
        .find(|m| m.id == "pueblo-rio")
        .unwrap()
        .stop();
    let out = net.portal.run(&["network", "fetch"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 1, "{err}");
    assert!(errors[0].contains("member \"Pueblo Río\""), "{err}");
    assert!(
        err.contains(&format!("its last good copy, fetched {when}, is kept")),
        "{err}"
    );
    assert!(err.contains("fetched 2 of 3 members"), "{err}");
    assert_eq!(net.portal.read("network/pueblo-rio.json"), copy);
    assert_eq!(net.record()["pueblo-rio"], record);

    net.build_portal();
    let public = net.public();
    let practices = net.practices();
    assert_eq!(
        practices
            .iter()
            .filter(|p| p.member == "pueblo-rio")
            .count(),
        2
    );
    let expected = expected_facets(&net, &practices);
    let all: Vec<&Practice> = practices.iter().collect();
    for lang in &LANGS {
        let page = format!("{}/", lang.network);
        let index = read_page(&public, &page);
        assert_facets(&public, lang, &page, &index, &expected);
        assert_cards(&page, lang, &index, &all);
        // Its own page and its practices' pages are there.
        let page = format!("{}/pueblo-rio/", lang.network);
        let theirs: Vec<&Practice> = all
            .iter()
            .copied()
            .filter(|p| p.member == "pueblo-rio")
            .collect();
        assert_cards(&page, lang, &read_page(&public, &page), &theirs);
        for p in theirs {
            read_page(&public, &p.page(lang));
        }
    }
}

//! Machine-readable descriptions of what the site publishes:
//! `/data/cases.json` (the good practices, for networks of cities) and
//! `/data/catalog.jsonld` (a DCAT catalogue, with schema.org equivalents, of
//! every file under `/data/`).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

mod vocabularies;

use vocabularies::{
    language_iri, FileType, AVAILABILITY_STABLE, DATA_THEMES, PUBLISHER_LOCAL_AUTHORITY,
    THEME_GOVERNMENT,
};

use crate::content::case::{Dimension, Scale, Status};
use crate::content::Kind;
use crate::exchange;
use crate::opendata::to_bytes;
use crate::output::OutputFile;
use crate::period::Period;
use crate::site::Site;

/// `/data/cases.json`: every case's metadata per language, with canonical
/// URLs and the licence, in the exchange profile ([`crate::exchange`]; its
/// JSON Schema is `docs/schemas/cases.schema.json`).
pub fn cases_json(site: &Site) -> OutputFile {
    let value = cases_feed(site);
    let bytes = serde_json::to_value(&value)
        .map(|v| to_bytes(&v))
        .unwrap_or_default();
    OutputFile::new("data/cases.json".into(), bytes, "open data (cases)".into())
}

/// The site's cases as a feed of the exchange profile.
pub(crate) fn cases_feed(site: &Site) -> exchange::Feed {
    let config = &site.config;
    let cases = site
        .content
        .cases
        .entries
        .values()
        .filter_map(|e| {
            let reference = e
                .get(config.default_language())
                .or_else(|| e.docs.values().next())?;
            let m = &reference.meta;
            let translations = e
                .docs
                .values()
                .filter_map(|d| {
                    let r = site.routes.doc(Kind::Case, &e.id, &d.lang)?;
                    let t = &d.meta;
                    Some((
                        d.lang.clone(),
                        exchange::FeedTranslation {
                            title: t.title.clone(),
                            city: t.city.clone(),
                            summary: t.summary.clone(),
                            actors: t.actors.clone(),
                            lessons: t.lessons.clone(),
                            url: r.permalink.clone(),
                            contact: t.contact.as_ref().map(|c| exchange::Contact {
                                office: c.office.clone(),
                                email: c.email.clone(),
                            }),
                            resources: t.resources.clone(),
                            partners: t.partners.clone(),
                            transferability: t.transferability.clone(),
                        },
                    ))
                })
                .collect();
            Some(exchange::FeedCase {
                id: e.id.clone(),
                country: m.country.clone(),
                date: m.date,
                scale: match m.scale {
                    Scale::Local => exchange::FeedScale::Local,
                    Scale::Regional => exchange::FeedScale::Regional,
                    Scale::International => exchange::FeedScale::International,
                },
                dimension: match m.dimension {
                    Dimension::Institutional => exchange::FeedDimension::Institutional,
                    Dimension::Political => exchange::FeedDimension::Political,
                    Dimension::Territorial => exchange::FeedDimension::Territorial,
                },
                themes: m.themes.iter().map(|t| t.value.clone()).collect(),
                sdgs: m.sdgs.iter().map(|&n| exchange::Sdg(n)).collect(),
                sdg_targets: m.sdg_targets.clone(),
                status: m.status.map(|s| match s {
                    Status::Ongoing => exchange::FeedStatus::Ongoing,
                    Status::Finished => exchange::FeedStatus::Finished,
                }),
                period: m.period.map(|p| exchange::FeedPeriod {
                    start: p.start,
                    end: p.end,
                }),
                indicators: m.indicators.iter().map(|i| i.value.clone()).collect(),
                translations,
            })
        })
        .collect();
    exchange::Feed {
        profile: exchange::PROFILE.into(),
        site: exchange::FeedSite {
            title: config
                .languages
                .iter()
                .map(|l| (l.clone(), config.title(l).to_string()))
                .collect(),
            url: config.base_url.clone(),
            languages: config.languages.clone(),
        },
        license: config.licence.as_ref().map(|l| l.url.clone()),
        cases,
        members: site
            .portal
            .iter()
            .flat_map(|p| p.members.iter())
            .map(|m| exchange::FeedMember {
                name: m.member.name.clone(),
                country: m.member.country.clone(),
                url: m.feed.site.url.clone(),
                feed: m.member.feed.to_string(),
                fetched: m.fetched.clone(),
                cases: m.feed.cases.len(),
                license: m.feed.license.clone(),
            })
            .collect(),
    }
}

/// The path under the output folder of the copy of member `id`'s feed
/// that a network's portal publishes.
fn member_feed_path(id: &str) -> String {
    format!("data/network/{id}.json")
}

/// A network's portal publishes each member's feed as it was fetched
/// (`/data/network/<member>.json`), the source of its pages, with the
/// member credited in the catalogue.
pub fn member_feeds(site: &Site) -> Vec<OutputFile> {
    site.portal
        .iter()
        .flat_map(|p| p.members.iter())
        .map(|m| {
            OutputFile::new(
                member_feed_path(&m.member.id),
                m.bytes.clone(),
                format!("open data (feed of member {})", m.member.name),
            )
        })
        .collect()
}

/// A reference to another resource by its address, with its class.
#[derive(Serialize)]
struct Ref {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type", skip_serializing_if = "Option::is_none")]
    class: Option<&'static str>,
}

impl Ref {
    fn to(id: impl Into<String>) -> Ref {
        Ref {
            id: id.into(),
            class: None,
        }
    }
    fn typed(id: impl Into<String>, class: &'static str) -> Ref {
        Ref {
            id: id.into(),
            class: Some(class),
        }
    }
}

/// A concept of a controlled vocabulary, with its label in English (the
/// vocabularies' own label; portals show theirs in the reader's language).
#[derive(Serialize)]
struct Concept {
    #[serde(rename = "@id")]
    id: &'static str,
    #[serde(rename = "@type")]
    class: &'static str,
    #[serde(rename = "skos:prefLabel")]
    label: Text,
}

fn concept(id: &'static str, label: &str) -> Concept {
    Concept {
        id,
        class: "skos:Concept",
        label: Text {
            value: label.into(),
            language: "en".into(),
        },
    }
}

/// A controlled vocabulary.
#[derive(Serialize)]
struct ConceptScheme {
    #[serde(rename = "@id")]
    id: &'static str,
    #[serde(rename = "@type")]
    class: &'static str,
    #[serde(rename = "dct:title")]
    title: Text,
}

/// The place the data is about: its address, its bounding box and centre.
#[derive(Serialize)]
struct Location {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    class: &'static str,
    #[serde(rename = "dcat:bbox", skip_serializing_if = "Option::is_none")]
    bbox: Option<Literal>,
    #[serde(rename = "dcat:centroid", skip_serializing_if = "Option::is_none")]
    centroid: Option<Literal>,
}

fn location(site: &Site) -> Option<Location> {
    let config = &site.config;
    let id = config.spatial.clone()?;
    let wkt = |value: String| Literal {
        value,
        datatype: "gsp:wktLiteral",
    };
    let [w, s, e, n] = match config.spatial_bbox {
        Some(b) => b,
        None => {
            return Some(Location {
                id,
                class: "dct:Location",
                bbox: None,
                centroid: None,
            })
        }
    };
    Some(Location {
        id,
        class: "dct:Location",
        bbox: Some(wkt(format!(
            "POLYGON(({w} {s}, {e} {s}, {e} {n}, {w} {n}, {w} {s}))"
        ))),
        centroid: Some(wkt(format!("POINT({} {})", (w + e) / 2.0, (s + n) / 2.0))),
    })
}

/// A text in one language.
#[derive(Serialize)]
struct Text {
    #[serde(rename = "@value")]
    value: String,
    #[serde(rename = "@language")]
    language: String,
}

/// A typed literal (a date, a byte count).
#[derive(Serialize)]
struct Literal {
    #[serde(rename = "@value")]
    value: String,
    #[serde(rename = "@type")]
    datatype: &'static str,
}

fn date(d: NaiveDate) -> Literal {
    Literal {
        value: d.to_string(),
        datatype: "xsd:date",
    }
}

/// The licence, with its kind when memoria knows it.
#[derive(Serialize)]
struct LicenceNode {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    class: &'static str,
    #[serde(rename = "dct:type", skip_serializing_if = "Option::is_none")]
    kind: Option<Concept>,
}

/// The time a dataset covers.
#[derive(Serialize)]
struct PeriodOfTime {
    #[serde(rename = "@type")]
    class: &'static str,
    #[serde(rename = "dcat:startDate")]
    start: Literal,
    #[serde(rename = "dcat:endDate")]
    end: Literal,
}

/// Where to write about the data.
#[derive(Serialize)]
struct ContactPoint {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    class: &'static str,
    #[serde(rename = "vcard:fn")]
    name: String,
    #[serde(rename = "vcard:hasEmail")]
    email: Ref,
}

/// The publisher of the catalogue and of every dataset.
#[derive(Serialize)]
struct Publisher {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    class: [&'static str; 2],
    #[serde(rename = "foaf:name")]
    name: Vec<Text>,
    #[serde(rename = "schema:name")]
    schema_name: String,
    #[serde(rename = "dct:type")]
    kind: Concept,
}

/// One file of a dataset: DCAT-AP's mandatory and recommended properties,
/// with their schema.org equivalents.
#[derive(Serialize)]
struct Distribution {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    class: [&'static str; 2],
    #[serde(rename = "dct:description")]
    description: Vec<Text>,
    #[serde(rename = "dcat:accessURL")]
    access_url: Ref,
    #[serde(rename = "dcat:downloadURL")]
    download_url: Ref,
    #[serde(rename = "schema:contentUrl")]
    content_url: String,
    #[serde(rename = "dcat:mediaType")]
    media_type: Ref,
    #[serde(rename = "schema:encodingFormat")]
    encoding_format: &'static str,
    #[serde(rename = "dct:format")]
    format: Ref,
    #[serde(rename = "dcat:byteSize")]
    byte_size: Literal,
    #[serde(rename = "dct:license", skip_serializing_if = "Option::is_none")]
    licence: Option<LicenceNode>,
    #[serde(rename = "dcatap:availability")]
    availability: Concept,
    /// The language of a document in one language (a printed report).
    #[serde(rename = "dct:language", skip_serializing_if = "Option::is_none")]
    language: Option<Ref>,
}

/// Someone credited for a dataset: a member of a network.
#[derive(Serialize)]
struct Agent {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    class: [&'static str; 2],
    #[serde(rename = "foaf:name")]
    name: String,
    #[serde(rename = "schema:name")]
    schema_name: String,
    #[serde(rename = "foaf:homepage")]
    homepage: Ref,
    #[serde(rename = "dct:type")]
    kind: Concept,
}

/// One dataset of the catalogue.
#[derive(Serialize)]
struct Dataset {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    class: [&'static str; 2],
    #[serde(rename = "dct:identifier")]
    identifier: String,
    #[serde(rename = "dct:title")]
    title: Vec<Text>,
    #[serde(rename = "schema:name")]
    schema_name: Vec<Text>,
    #[serde(rename = "dct:description")]
    description: Vec<Text>,
    #[serde(rename = "schema:description")]
    schema_description: Vec<Text>,
    #[serde(rename = "dcat:keyword")]
    keywords: Vec<Text>,
    #[serde(rename = "dcat:theme")]
    theme: Concept,
    #[serde(rename = "dct:language")]
    language: Vec<Ref>,
    #[serde(rename = "dct:issued", skip_serializing_if = "Option::is_none")]
    issued: Option<Literal>,
    #[serde(rename = "dct:modified", skip_serializing_if = "Option::is_none")]
    modified: Option<Literal>,
    #[serde(
        rename = "schema:dateModified",
        skip_serializing_if = "Option::is_none"
    )]
    schema_modified: Option<String>,
    #[serde(rename = "dct:temporal", skip_serializing_if = "Option::is_none")]
    temporal: Option<PeriodOfTime>,
    #[serde(rename = "dct:spatial", skip_serializing_if = "Option::is_none")]
    spatial: Option<Location>,
    #[serde(rename = "dct:license", skip_serializing_if = "Option::is_none")]
    licence: Option<LicenceNode>,
    #[serde(rename = "schema:license", skip_serializing_if = "Option::is_none")]
    schema_licence: Option<String>,
    #[serde(rename = "dct:publisher")]
    publisher: Ref,
    /// The member of a network whose practices the dataset holds.
    #[serde(rename = "dct:creator", skip_serializing_if = "Option::is_none")]
    creator: Option<Agent>,
    #[serde(rename = "dcat:contactPoint", skip_serializing_if = "Option::is_none")]
    contact: Option<ContactPoint>,
    #[serde(rename = "dcat:distribution")]
    distributions: Vec<Distribution>,
}

/// The catalogue: `/data/catalog.jsonld`.
#[derive(Serialize)]
struct Catalog {
    #[serde(rename = "@context")]
    context: BTreeMap<&'static str, &'static str>,
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    class: [&'static str; 2],
    #[serde(rename = "dct:title")]
    title: Vec<Text>,
    #[serde(rename = "schema:name")]
    schema_name: Vec<Text>,
    #[serde(rename = "dct:description")]
    description: Vec<Text>,
    #[serde(rename = "dct:language")]
    language: Vec<Ref>,
    #[serde(rename = "dct:license", skip_serializing_if = "Option::is_none")]
    licence: Option<LicenceNode>,
    #[serde(rename = "foaf:homepage")]
    homepage: Ref,
    #[serde(rename = "dct:publisher")]
    publisher: Publisher,
    #[serde(rename = "dct:issued", skip_serializing_if = "Option::is_none")]
    issued: Option<Literal>,
    #[serde(rename = "dct:modified", skip_serializing_if = "Option::is_none")]
    modified: Option<Literal>,
    #[serde(rename = "dct:spatial", skip_serializing_if = "Option::is_none")]
    spatial: Option<Location>,
    #[serde(rename = "dcat:themeTaxonomy")]
    theme_taxonomy: ConceptScheme,
    #[serde(rename = "dcat:dataset")]
    datasets: Vec<Dataset>,
}

/// The theme's word `key` in every language of the site, followed by `detail`.
fn texts(site: &Site, key: &str, detail: &str) -> Vec<Text> {
    site.config
        .languages
        .iter()
        .map(|l| {
            let base = site.theme.i18n.strings(l).get(key).to_string();
            let value = if detail.is_empty() {
                base
            } else {
                format!("{base}: {detail}")
            };
            Text {
                value,
                language: l.clone(),
            }
        })
        .collect()
}

/// The keywords of the theme's word `key` (a comma-separated list), per language.
fn keywords(site: &Site, key: &str) -> Vec<Text> {
    let mut out = Vec::new();
    for l in &site.config.languages {
        for k in site.theme.i18n.strings(l).get(key).split(',') {
            let k = k.trim();
            if !k.is_empty() {
                out.push(Text {
                    value: k.to_string(),
                    language: l.clone(),
                });
            }
        }
    }
    out
}

fn licence_node(site: &Site) -> Option<LicenceNode> {
    site.config.licence.as_ref().map(|l| LicenceNode {
        id: l.url.clone(),
        class: "dct:LicenseDocument",
        kind: l.kind.map(|(id, label)| concept(id, label)),
    })
}

/// The distribution of the file at `path` (under the output folder) of `size` bytes.
/// Files of an unknown type have none.
fn distribution(site: &Site, path: &str, size: usize) -> Option<Distribution> {
    let config = &site.config;
    let file_type = FileType::of(path)?;
    let url = format!("{}{}", config.base_url, path);
    let description = match file_type {
        FileType::Csv => texts(site, "distribution_csv", ""),
        _ if path == DATAPACKAGE => texts(site, "distribution_datapackage", ""),
        _ => texts(site, "distribution_json", ""),
    };
    Some(Distribution {
        id: format!("{}data/catalog.jsonld#{path}", config.base_url),
        class: ["dcat:Distribution", "schema:DataDownload"],
        description,
        access_url: Ref::to(url.clone()),
        download_url: Ref::to(url.clone()),
        content_url: url,
        media_type: Ref::typed(file_type.media_type_iri(), "dct:MediaType"),
        encoding_format: file_type.media_type(),
        format: Ref::typed(file_type.format_iri(), "dct:MediaTypeOrExtent"),
        byte_size: Literal {
            value: size.to_string(),
            datatype: "xsd:nonNegativeInteger",
        },
        licence: licence_node(site),
        availability: concept(AVAILABILITY_STABLE, "stable"),
        language: None,
    })
}

/// The Frictionless Data Package describing the CSV files.
const DATAPACKAGE: &str = "data/datapackage.json";

/// What is known of a dataset before its files are looked up.
struct DatasetInfo {
    /// Its id, the fragment of its address in the catalogue.
    id: String,
    /// The theme word of its title (its description is `<key>_description`,
    /// its keywords `<key>_keywords`).
    key: &'static str,
    /// What follows the title (the period of a report).
    detail: String,
    /// The beginning of the paths of its files.
    prefix: String,
    /// The first and last day the data covers.
    covers: Option<(NaiveDate, NaiveDate)>,
    /// When it was first published.
    issued: Option<NaiveDate>,
    /// When it last changed.
    modified: Option<NaiveDate>,
    /// The member of a network it comes from: its name and its site.
    creator: Option<(String, String)>,
}

fn span(dates: impl Iterator<Item = (NaiveDate, NaiveDate)>) -> Option<(NaiveDate, NaiveDate)> {
    dates.fold(None, |acc, (a, b)| match acc {
        None => Some((a, b)),
        Some((x, y)) => Some((x.min(a), y.max(b))),
    })
}

fn last_day(p: Period) -> NaiveDate {
    p.end_exclusive().pred_opt().unwrap_or(p.start())
}

/// The datasets of the site, in a fixed order.
fn datasets(site: &Site) -> Vec<DatasetInfo> {
    let c = &site.content;
    let periods = span(c.indicators.values().flat_map(|i| {
        i.observations
            .iter()
            .map(|o| (o.period.start(), last_day(o.period)))
    }));
    let agreements = span(
        c.agreements
            .values()
            .map(|a| (a.signed, a.ends.unwrap_or(a.signed).max(a.signed))),
    );
    let actions = span(
        c.actions
            .values()
            .map(|a| (a.date, a.end_date.unwrap_or(a.date).max(a.date))),
    );
    // A network's portal without practices of its own credits its members'
    // in its cases.json: their dates are the time it covers.
    let cases = span(c.cases.documents().map(|d| (d.meta.date, d.meta.date))).or_else(|| {
        span(
            site.portal
                .iter()
                .flat_map(|p| p.members.iter())
                .flat_map(|m| m.feed.cases.iter().map(|c| (c.date, c.date))),
        )
    });
    let first_published = |s: Option<(NaiveDate, NaiveDate)>| s.map(|(a, _)| a);
    let mut out = vec![
        DatasetInfo {
            id: "indicators".into(),
            key: "dataset_indicators",
            detail: String::new(),
            prefix: "data/indicators".into(),
            covers: periods,
            issued: c
                .indicators
                .values()
                .filter_map(|i| i.observations.iter().map(|o| last_day(o.period)).min())
                .min(),
            modified: periods.map(|(_, b)| b),
            creator: None,
        },
        DatasetInfo {
            id: "agreements".into(),
            key: "dataset_agreements",
            detail: String::new(),
            prefix: "data/agreements.".into(),
            covers: agreements,
            issued: first_published(agreements),
            modified: c.agreements.values().map(|a| a.signed).max(),
            creator: None,
        },
        DatasetInfo {
            id: "actions".into(),
            key: "dataset_actions",
            detail: String::new(),
            prefix: "data/actions.".into(),
            covers: actions,
            issued: first_published(actions),
            modified: actions.map(|(_, b)| b),
            creator: None,
        },
        DatasetInfo {
            id: "cases".into(),
            key: "dataset_cases",
            detail: String::new(),
            prefix: "data/cases.".into(),
            covers: cases,
            issued: first_published(cases),
            modified: cases.map(|(_, b)| b),
            creator: None,
        },
    ];
    for e in c.reports.entries.values() {
        let period = Period::parse(&e.id).ok();
        let presented = e.docs.values().filter_map(|d| d.meta.presented).min();
        let corrected = e
            .docs
            .values()
            .filter_map(|d| {
                d.meta
                    .errata
                    .iter()
                    .map(|x| x.date)
                    .max()
                    .or(d.meta.presented)
            })
            .max();
        out.push(DatasetInfo {
            id: format!("report-{}", e.id),
            key: "dataset_report",
            detail: e.id.clone(),
            prefix: format!("data/reports/{}.", e.id),
            covers: period.map(|p| (p.start(), last_day(p))),
            issued: presented.or(period.map(last_day)),
            modified: corrected.or(period.map(last_day)),
            creator: None,
        });
    }
    // A network's portal: the feed of each member, credited to it.
    for m in site.portal.iter().flat_map(|p| p.members.iter()) {
        let practices = span(m.feed.cases.iter().map(|c| (c.date, c.date)));
        out.push(DatasetInfo {
            id: format!("member-{}", m.member.id),
            key: "dataset_member",
            detail: m.member.name.clone(),
            prefix: member_feed_path(&m.member.id),
            covers: practices,
            issued: first_published(practices),
            modified: NaiveDate::parse_from_str(m.fetched_day(), "%Y-%m-%d").ok(),
            creator: Some((m.member.name.clone(), m.feed.site.url.clone())),
        });
    }
    out
}

/// `/data/catalog.jsonld`: a DCAT-AP 3 catalogue of every file of
/// `data_files`, one dataset per kind of data and per report, with
/// schema.org equivalents.
pub fn catalog(site: &Site, data_files: &[&OutputFile]) -> OutputFile {
    let config = &site.config;
    let catalog_id = format!("{}data/catalog.jsonld", config.base_url);
    let publisher_id = format!("{}#publisher", config.base_url);
    let languages: Vec<Ref> = config
        .languages
        .iter()
        .filter_map(|l| language_iri(l))
        .map(|iri| Ref::typed(iri, "dct:LinguisticSystem"))
        .collect();
    let contact = || {
        config.contact_email.as_ref().map(|email| ContactPoint {
            id: format!("{}#contact", config.base_url),
            class: "vcard:Kind",
            name: config.title(config.default_language()).to_string(),
            email: Ref::to(format!("mailto:{email}")),
        })
    };
    let mut entries = Vec::new();
    for info in datasets(site) {
        let mut distributions: Vec<Distribution> = data_files
            .iter()
            .filter(|f| f.path.starts_with(&info.prefix))
            .filter_map(|f| distribution(site, &f.path, f.bytes.len()))
            .collect();
        // The Table Schemas of the CSV files, with each dataset that has one.
        let has_csv = distributions
            .iter()
            .any(|d| d.encoding_format == "text/csv");
        if let Some(package) = data_files
            .iter()
            .find(|f| f.path == DATAPACKAGE)
            .filter(|_| has_csv)
        {
            distributions.extend(distribution(site, &package.path, package.bytes.len()));
        }
        // The report printed to PDF (`build --pdf`), in each language.
        if info.key == "dataset_report" {
            distributions.extend(
                site.printed
                    .iter()
                    .filter(|((period, _), _)| *period == info.detail)
                    .filter_map(|((_, lang), printed)| {
                        let mut d = distribution(site, &printed.path, printed.bytes)?;
                        d.language =
                            language_iri(lang).map(|iri| Ref::typed(iri, "dct:LinguisticSystem"));
                        Some(d)
                    }),
            );
        }
        if distributions.is_empty() {
            continue;
        }
        let title = texts(site, info.key, &info.detail);
        let description = texts(site, &format!("{}_description", info.key), &info.detail);
        let id = format!("{catalog_id}#{}", info.id);
        entries.push(Dataset {
            id: id.clone(),
            class: ["dcat:Dataset", "schema:Dataset"],
            identifier: id,
            schema_name: texts(site, info.key, &info.detail),
            title,
            schema_description: texts(site, &format!("{}_description", info.key), &info.detail),
            description,
            keywords: keywords(site, &format!("{}_keywords", info.key)),
            theme: concept(THEME_GOVERNMENT, "Government and public sector"),
            language: config
                .languages
                .iter()
                .filter_map(|l| language_iri(l))
                .map(|iri| Ref::typed(iri, "dct:LinguisticSystem"))
                .collect(),
            issued: info.issued.map(date),
            modified: info.modified.map(date),
            schema_modified: info.modified.map(|d| d.to_string()),
            temporal: info.covers.map(|(a, b)| PeriodOfTime {
                class: "dct:PeriodOfTime",
                start: date(a),
                end: date(b),
            }),
            spatial: location(site),
            licence: licence_node(site),
            schema_licence: config.licence.as_ref().map(|l| l.url.clone()),
            publisher: Ref::to(publisher_id.clone()),
            creator: info.creator.as_ref().map(|(name, url)| Agent {
                id: format!("{url}#member"),
                class: ["foaf:Agent", "schema:Organization"],
                name: name.clone(),
                schema_name: name.clone(),
                homepage: Ref::typed(url.clone(), "foaf:Document"),
                kind: concept(PUBLISHER_LOCAL_AUTHORITY, "Local authority"),
            }),
            contact: contact(),
            distributions,
        });
    }
    let site_title: Vec<Text> = config
        .languages
        .iter()
        .map(|l| Text {
            value: config.title(l).to_string(),
            language: l.clone(),
        })
        .collect();
    let description: Vec<Text> = config
        .languages
        .iter()
        .map(|l| Text {
            value: config
                .description
                .get(l)
                .filter(|d| !d.trim().is_empty())
                .cloned()
                .unwrap_or_else(|| {
                    site.theme
                        .i18n
                        .strings(l)
                        .get("catalog_description")
                        .to_string()
                }),
            language: l.clone(),
        })
        .collect();
    let issued = entries
        .iter()
        .filter_map(|d| d.issued.as_ref().map(|x| x.value.clone()))
        .min();
    let modified = entries
        .iter()
        .filter_map(|d| d.modified.as_ref().map(|x| x.value.clone()))
        .max();
    let as_date = |v: String| Literal {
        value: v,
        datatype: "xsd:date",
    };
    let value = Catalog {
        context: BTreeMap::from([
            ("dcat", "http://www.w3.org/ns/dcat#"),
            ("dcatap", "http://data.europa.eu/r5r/"),
            ("dct", "http://purl.org/dc/terms/"),
            ("foaf", "http://xmlns.com/foaf/0.1/"),
            ("gsp", "http://www.opengis.net/ont/geosparql#"),
            ("schema", "https://schema.org/"),
            ("skos", "http://www.w3.org/2004/02/skos/core#"),
            ("vcard", "http://www.w3.org/2006/vcard/ns#"),
            ("xsd", "http://www.w3.org/2001/XMLSchema#"),
        ]),
        id: catalog_id,
        class: ["dcat:Catalog", "schema:DataCatalog"],
        schema_name: site_title
            .iter()
            .map(|t| Text {
                value: t.value.clone(),
                language: t.language.clone(),
            })
            .collect(),
        title: site_title,
        description,
        language: languages,
        licence: licence_node(site),
        homepage: Ref::typed(config.base_url.clone(), "foaf:Document"),
        publisher: Publisher {
            id: publisher_id,
            class: ["foaf:Agent", "schema:Organization"],
            name: config
                .languages
                .iter()
                .map(|l| Text {
                    value: config.title(l).to_string(),
                    language: l.clone(),
                })
                .collect(),
            schema_name: config.title(config.default_language()).to_string(),
            kind: concept(PUBLISHER_LOCAL_AUTHORITY, "Local authority"),
        },
        issued: issued.map(as_date),
        modified: modified.map(as_date),
        spatial: location(site),
        theme_taxonomy: ConceptScheme {
            id: DATA_THEMES,
            class: "skos:ConceptScheme",
            title: Text {
                value: "Data theme".into(),
                language: "en".into(),
            },
        },
        datasets: entries,
    };
    let bytes = serde_json::to_value(&value)
        .map(|v| to_bytes(&v))
        .unwrap_or_default();
    OutputFile::new(
        "data/catalog.jsonld".into(),
        bytes,
        "open data catalogue".into(),
    )
}

//! Indicators: `content/indicators/<id>.yaml`, one indicator a file.
//!
//! An indicator measures one aspect of the international action, in one of
//! the three dimensions, at one level of the intervention chain, against a
//! baseline and a target. Quantitative values are numbers; qualitative ones
//! are levels of an ordinal scale (built in, or listed in the file).

use std::path::PathBuf;

use serde::Serialize;
use serde_yaml::Value as Yaml;

use super::case::Dimension;
use super::data_file::{self, DataItem};
use super::fields::{sdg_numbers, Sdg, TermId};
use crate::diagnostics::Diagnostic;
use crate::period::{Period, Periodicity};
use crate::yaml::model::{Choice, Field, Kind, Target};
use crate::yaml::{
    child_index, describe, scalar_text, FromYaml, LangText, Located, MapReader, Reader, YamlEnum,
};
use crate::yaml_enum;

/// Whether an indicator cannot be called `id`: the facets of the indicator
/// listings (`dimension`, `level`…, in every language's words: `nivel`,
/// `niveau`…) and the progress overview (`progress`, `progreso`…) name the
/// folders beside the indicators' pages.
pub(crate) fn is_reserved_id(id: &str) -> bool {
    let progress =
        ["en", "es", "fr", "pt"].map(|l| crate::config::Section::Progress.default_segment(l));
    crate::config::facet_words().any(|w| w == id) || progress.contains(&id)
}

yaml_enum!(
    /// Whether values are numbers or levels of a scale.
    IndicatorKind {
        /// Numbers.
        Quantitative = "quantitative",
        /// Levels of an ordinal scale.
        Qualitative = "qualitative",
    }
);

yaml_enum!(
    /// The link of the intervention chain the indicator measures.
    Level {
        /// Resources put in.
        Input = "input",
        /// Activities carried out.
        Process = "process",
        /// Products delivered.
        Output = "output",
        /// Short- and mid-term results.
        Outcome = "outcome",
        /// Long-term change.
        Impact = "impact",
    }
);

yaml_enum!(
    /// Who the indicator is for.
    Hierarchy {
        /// Day-to-day management of the office.
        Management = "management",
        /// The strategy and its decision makers.
        Strategic = "strategic",
    }
);

yaml_enum!(
    /// The quality the indicator assesses.
    Quality {
        /// Reaching the objectives.
        Efficacy = "efficacy",
        /// Reaching them with the resources used.
        Efficiency = "efficiency",
        /// Reaching them with the effect sought.
        Effectiveness = "effectiveness",
    }
);

yaml_enum!(
    /// Which way is better.
    Direction {
        /// Higher is better.
        Increase = "increase",
        /// Lower is better.
        Decrease = "decrease",
    }
);

/// One level of a qualitative scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScaleLevel {
    /// The id written in values.
    pub id: String,
    /// Its label per language; built-in scales take theirs from the theme.
    pub label: Option<LangText>,
}

/// An ordinal scale, from worst (index 0) to best.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scale {
    /// The built-in scale's name, or None for a scale listed in the file.
    pub name: Option<String>,
    /// The levels, worst first.
    pub levels: Vec<ScaleLevel>,
}

/// The built-in scales: name and levels, worst first.
pub const BUILT_IN_SCALES: [(&str, &[&str]); 3] = [
    ("high-medium-low", &["low", "medium", "high"]),
    (
        "good-acceptable-fair-poor",
        &["poor", "fair", "acceptable", "good"],
    ),
    ("yes-no", &["no", "yes"]),
];

impl Scale {
    /// The index of level `id` (0 = worst).
    pub fn index(&self, id: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.id == id)
    }
}

/// A measured or aimed-at value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Measure {
    /// A quantity.
    Number(f64),
    /// A level of the scale, by id.
    Level(String),
}

/// A value at a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// When.
    pub period: Period,
    /// What.
    pub value: Measure,
}

/// One observation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Observation {
    /// When.
    pub period: Period,
    /// What was measured.
    pub value: Measure,
    /// A note per language.
    pub note: Option<LangText>,
}

/// One value of a dimension of breakdown (`women`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BreakdownValue {
    /// The id written in observations.
    pub id: String,
    /// Its name per language.
    pub label: LangText,
}

/// A dimension of breakdown (disaggregation) of an indicator: `sex`, with
/// its values `women` and `men`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Breakdown {
    /// The id written in observations, also the name of its open-data column.
    pub id: String,
    /// Its name per language.
    pub label: LangText,
    /// Its values, in the order they are shown.
    pub values: Vec<BreakdownValue>,
}

impl Breakdown {
    /// The place of value `id` among the values.
    pub fn index(&self, id: &str) -> Option<usize> {
        self.values.iter().position(|v| v.id == id)
    }
}

/// The measurement of a part of the total: one value of one or more
/// dimensions of breakdown, at a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartObservation {
    /// When.
    pub period: Period,
    /// What was measured.
    pub value: Measure,
    /// The dimension and value of each part, in the order the dimensions
    /// are declared: `[("sex", "women")]`.
    pub breakdown: Vec<(String, String)>,
    /// A note per language.
    pub note: Option<LangText>,
}

impl PartObservation {
    /// The value of dimension `dimension`, if this part is broken down by it.
    pub fn value_of(&self, dimension: &str) -> Option<&str> {
        self.breakdown
            .iter()
            .find(|(d, _)| d == dimension)
            .map(|(_, v)| v.as_str())
    }
}

/// Ids a dimension of breakdown cannot have: they name other columns of the
/// open-data tables.
pub const RESERVED_BREAKDOWN_IDS: [&str; 16] = [
    "indicator",
    "dimension",
    "kind",
    "level",
    "period",
    "period-start",
    "period-end",
    "value",
    "scale-level",
    "scale-rank",
    "unit",
    "note",
    "amount",
    "cost",
    "date",
    "breakdown",
];

/// The fields of one value of a dimension of breakdown.
const BREAKDOWN_VALUE_FIELDS: &[Field] = &[
    Field::required("id", Kind::Id, "The value's id, written in observations."),
    Field::required(
        "label",
        Kind::Texts(&Kind::Line),
        "The value's name, in each language.",
    ),
];

/// The fields of one dimension of breakdown.
const BREAKDOWN_FIELDS: &[Field] = &[
    Field::required(
        "id",
        Kind::Id,
        "The dimension's id (e.g. sex, district), written in observations.",
    ),
    Field::required(
        "label",
        Kind::Texts(&Kind::Line),
        "The dimension's name, in each language.",
    ),
    Field::required(
        "values",
        Kind::List(&Kind::Object(BREAKDOWN_VALUE_FIELDS)),
        "Its values, each with an id and a name in each language.",
    ),
];

/// The fields of one level of a scale listed in the file.
const LEVEL_FIELDS: &[Field] = &[
    Field::required("id", Kind::Id, "The level's id, written in values."),
    Field::required(
        "label",
        Kind::Texts(&Kind::Line),
        "The level's name, in each language.",
    ),
];

/// The names of the built-in scales (taken from [`BUILT_IN_SCALES`]).
const BUILT_IN_NAMES: [&str; BUILT_IN_SCALES.len()] = {
    let mut names = [""; BUILT_IN_SCALES.len()];
    let mut i = 0;
    while i < names.len() {
        names[i] = BUILT_IN_SCALES[i].0;
        i += 1;
    }
    names
};

/// The fields of a baseline or a target.
const POINT_FIELDS: &[Field] = &[
    Field::required("period", Kind::Period, "The period, written as the indicator's periodicity says (2025, 2025-S1, 2025-Q1, 2025-03, 2025-W12).").words("ind_period"),
    Field::required("value", Kind::Measure, "A number, or a level of the scale for a qualitative indicator.").words("ind_value"),
];

/// The fields of one observation.
const OBSERVATION_FIELDS: &[Field] = &[
    Field::required(
        "period",
        Kind::Period,
        "The period measured, written as the indicator's periodicity says.",
    )
    .words("ind_period"),
    Field::required(
        "value",
        Kind::Measure,
        "A number, or a level of the scale for a qualitative indicator.",
    )
    .words("ind_value"),
    Field::optional(
        "note",
        Kind::Texts(&Kind::Paragraph),
        "A note about this measurement, in each language.",
    )
    .words("ind_note"),
    Field::optional(
        "breakdown",
        Kind::Breakdown,
        "The part of the total measured: a value for each dimension of breakdown, e.g. { sex: women }; without it the observation is the total.",
    )
    .words("ind_breakdown"),
];

/// The fields of an indicator's file.
pub const FIELDS: &[Field] = &[
    Field::required(
        "name",
        Kind::Texts(&Kind::Line),
        "The indicator's name, in each language.",
    )
    .words("ind_name"),
    Field::required(
        "description",
        Kind::Texts(&Kind::Paragraph),
        "What it measures, in each language.",
    ),
    Field::required(
        "category",
        Kind::Texts(&Kind::Line),
        "Its measurement category, in each language.",
    )
    .words("ind_category"),
    Field::required_when(
        "unit",
        Kind::Texts(&Kind::Line),
        ("kind", "quantitative"),
        "The unit of its values, in each language (quantitative indicators).",
    )
    .words("ind_unit"),
    Field::required(
        "method",
        Kind::Texts(&Kind::Paragraph),
        "How it is computed, in each language.",
    )
    .words("ind_method"),
    Field::required(
        "sources",
        Kind::Texts(&Kind::Paragraph),
        "Sources and collection methods, in each language.",
    )
    .words("ind_sources"),
    Field::required(
        "audiences",
        Kind::Texts(&Kind::Paragraph),
        "Who uses it, in each language.",
    )
    .words("ind_audiences"),
    Field::required(
        "dimension",
        Kind::Choice(Choice {
            ids: <Dimension as YamlEnum>::IDS,
            words: "dimension_",
        }),
        "The dimension of international action it measures.",
    )
    .words("ind_dimension"),
    Field::required(
        "kind",
        Kind::Choice(Choice {
            ids: <IndicatorKind as YamlEnum>::IDS,
            words: "kind_",
        }),
        "Whether its values are numbers or levels of a scale.",
    )
    .words("ind_kind"),
    Field::required_when(
        "scale",
        Kind::Scale {
            built_in: &BUILT_IN_NAMES,
            level: LEVEL_FIELDS,
        },
        ("kind", "qualitative"),
        "The scale of a qualitative indicator: a built-in one, or its levels from worst to best.",
    )
    .words("ind_scale"),
    Field::required(
        "level",
        Kind::Choice(Choice {
            ids: <Level as YamlEnum>::IDS,
            words: "level_",
        }),
        "The link of the intervention chain it measures.",
    )
    .words("ind_level"),
    Field::required(
        "hierarchy",
        Kind::Choice(Choice {
            ids: <Hierarchy as YamlEnum>::IDS,
            words: "hierarchy_",
        }),
        "Who it is for.",
    )
    .words("ind_hierarchy"),
    Field::optional(
        "quality",
        Kind::Choice(Choice {
            ids: <Quality as YamlEnum>::IDS,
            words: "quality_",
        }),
        "The quality it assesses.",
    )
    .words("ind_quality"),
    Field::required(
        "periodicity",
        Kind::Choice(Choice {
            ids: <Periodicity as YamlEnum>::IDS,
            words: "periodicity_",
        }),
        "How often it is measured.",
    )
    .words("ind_periodicity"),
    Field::required(
        "direction",
        Kind::Choice(Choice {
            ids: <Direction as YamlEnum>::IDS,
            words: "direction_",
        }),
        "Which way is better.",
    )
    .words("ind_direction"),
    Field::required(
        "baseline",
        Kind::Object(POINT_FIELDS),
        "The starting point: a period and a value.",
    )
    .words("ind_baseline"),
    Field::required(
        "target",
        Kind::Object(POINT_FIELDS),
        "The aim: a period and a value.",
    )
    .words("ind_target"),
    Field::optional(
        "breakdowns",
        Kind::List(&Kind::Object(BREAKDOWN_FIELDS)),
        "The dimensions its observations may be broken down by (e.g. sex, district), each with its values.",
    )
    .words("ind_breakdowns"),
    Field::optional(
        "observations",
        Kind::List(&Kind::Object(OBSERVATION_FIELDS)),
        "The measurements, one per period.",
    )
    .words("ind_observations"),
    Field::optional(
        "sdgs",
        Kind::List(&Kind::Sdg),
        "Sustainable Development Goals, by number.",
    )
    .words("case_sdgs"),
    Field::optional(
        "related_cases",
        Kind::List(&Kind::Ref(Target::Cases)),
        "Good practices it relates to, by id.",
    )
    .words("ind_related_cases"),
];

/// An indicator, as written in its file.
#[derive(Debug, Clone)]
pub struct Indicator {
    /// The file name without `.yaml`.
    pub id: String,
    /// The file, relative to the site root.
    pub source: PathBuf,
    /// The file's text, for messages found by later checks.
    pub text: String,
    /// Name per language.
    pub name: LangText,
    /// What it measures.
    pub description: LangText,
    /// Measurement category.
    pub category: LangText,
    /// Unit of quantitative values.
    pub unit: Option<LangText>,
    /// How it is computed.
    pub method: LangText,
    /// Collection methods and sources of information.
    pub sources: LangText,
    /// Who uses it.
    pub audiences: LangText,
    /// Dimension of international action.
    pub dimension: Dimension,
    /// Quantitative or qualitative.
    pub kind: IndicatorKind,
    /// The scale of a qualitative indicator.
    pub scale: Option<Scale>,
    /// Link of the intervention chain.
    pub level: Level,
    /// Management or strategic.
    pub hierarchy: Hierarchy,
    /// Quality assessed.
    pub quality: Option<Quality>,
    /// How often it is measured.
    pub periodicity: Periodicity,
    /// Which way is better.
    pub direction: Direction,
    /// Starting point.
    pub baseline: Point,
    /// Aim.
    pub target: Point,
    /// Measurements of the total, sorted by period.
    pub observations: Vec<Observation>,
    /// The dimensions of breakdown, in the order declared.
    pub breakdowns: Vec<Breakdown>,
    /// Measurements of parts of the total, sorted by period, then by the
    /// places of their values in the declared dimensions.
    pub parts: Vec<PartObservation>,
    /// Sustainable Development Goals.
    pub sdgs: Vec<u8>,
    /// Case ids, with their positions for the check that they exist.
    pub related_cases: Vec<Located<String>>,
}

impl Indicator {
    /// The value of `m` on a common numeric axis: the number itself, or the
    /// level's index on the scale (worst = 0).
    pub fn numeric(&self, m: &Measure) -> Option<f64> {
        match m {
            Measure::Number(n) => Some(*n),
            Measure::Level(id) => self
                .scale
                .as_ref()
                .and_then(|s| s.index(id))
                .map(|i| i as f64),
        }
    }
}

impl FromYaml for Period {
    const EXAMPLE: &'static str = "2025-Q1";
    fn from_yaml(reader: &Reader<'_>, path: &str, value: &Yaml) -> Option<Self> {
        let text = scalar_text(value).unwrap_or_default();
        match Period::parse(&text) {
            Ok(p) => Some(p),
            Err(e) => {
                reader.error(path, e.message, Some(e.help));
                None
            }
        }
    }
}

/// Parses the text of an indicator file. All problems are returned.
pub fn parse(
    id: &str,
    rel: PathBuf,
    text: String,
    languages: &[String],
) -> (Option<Indicator>, Vec<Diagnostic>) {
    data_file::parse::<Indicator>(id, rel, text, languages)
}

impl DataItem for Indicator {
    const FIELDS: &'static [Field] = FIELDS;

    fn read(map: &mut MapReader<'_, '_>, id: &str) -> Option<Self> {
        if is_reserved_id(id) {
            map.reader().error(
                "",
                format!("an indicator cannot be called `{id}`: that name is used by the indicator listings"),
                Some(format!("rename the file, e.g. to {id}-indicator.yaml")),
            );
        }
        read_fields(map, id)
    }

    fn set_source(&mut self, source: PathBuf, text: String) {
        self.source = source;
        self.text = text;
    }

    fn id(&self) -> &str {
        &self.id
    }

    fn source(&self) -> &std::path::Path {
        &self.source
    }
}

fn read_fields(map: &mut MapReader<'_, '_>, id: &str) -> Option<Indicator> {
    let reader = map.reader();
    let name = map.required::<LangText>("name");
    let description = map.required::<LangText>("description");
    let category = map.required::<LangText>("category");
    let method = map.required::<LangText>("method");
    let sources = map.required::<LangText>("sources");
    let audiences = map.required::<LangText>("audiences");
    let dimension = map.required::<Dimension>("dimension");
    let kind = map.required::<IndicatorKind>("kind");
    let level = map.required::<Level>("level");
    let hierarchy = map.required::<Hierarchy>("hierarchy");
    let quality = map.optional::<Quality>("quality");
    let periodicity = map.required::<Periodicity>("periodicity");
    let direction = map.required::<Direction>("direction");
    let sdgs = map
        .optional::<Vec<Sdg>>("sdgs")
        .map(sdg_numbers)
        .unwrap_or_default();
    let related_cases = map
        .optional::<Vec<Located<TermId>>>("related_cases")
        .unwrap_or_default()
        .into_iter()
        .map(|l| Located {
            value: l.value.0,
            position: l.position,
        })
        .collect();

    let unit = match kind {
        Some(IndicatorKind::Quantitative) => map.required::<LangText>("unit"),
        _ => map.optional::<LangText>("unit"),
    };
    let scale = match kind {
        Some(IndicatorKind::Qualitative) => match map.raw("scale") {
            Some(v) => read_scale(reader, &map.path_of("scale"), v),
            None => {
                let names: Vec<&str> = BUILT_IN_SCALES.iter().map(|(n, _)| *n).collect();
                reader.error("", "a qualitative indicator needs a `scale`", Some(format!("add `scale: high-medium-low` (built-in scales: {}) or list your own levels from worst to best", names.join(", "))));
                None
            }
        },
        _ => {
            if map.raw("scale").is_some() {
                reader.warning(
                    "scale",
                    "`scale` is only used by qualitative indicators; it is ignored",
                    Some("remove it, or set `kind: qualitative`".into()),
                );
            }
            None
        }
    };
    let kind = kind?;
    if kind == IndicatorKind::Qualitative && scale.is_none() {
        return None;
    }
    let value_reader = ValueReader {
        reader,
        kind,
        scale: scale.as_ref(),
        periodicity,
    };
    let baseline = map
        .raw("baseline")
        .and_then(|v| value_reader.point(&map.path_of("baseline"), v));
    let target = map
        .raw("target")
        .and_then(|v| value_reader.point(&map.path_of("target"), v));
    for key in ["baseline", "target"] {
        if map.raw(key).is_none() {
            let example = periodicity.map_or("2025", |p| p.example());
            map.absent(key, &format!("{{ period: {example}, value: … }}"));
        }
    }
    let breakdowns = match map.raw("breakdowns") {
        Some(v) => read_breakdowns(reader, &map.path_of("breakdowns"), v),
        None => Vec::new(),
    };
    let (observations, parts) = match map.raw("observations") {
        None => (Vec::new(), Vec::new()),
        Some(Yaml::Sequence(items)) => {
            let path = map.path_of("observations");
            // Each observation with the path of its item, keyed by its
            // period and the places of its breakdown values (empty for the
            // total), for the check that none is measured twice.
            type Key = (Period, Vec<usize>);
            let mut seen: Vec<(Key, String)> = Vec::new();
            let mut totals: Vec<Observation> = Vec::new();
            let mut parts: Vec<(Vec<usize>, PartObservation)> = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let item_path = child_index(&path, i);
                let Some(mut m) = reader.mapping(item, &item_path) else {
                    continue;
                };
                let period = m.required::<Period>("period");
                let note = m.optional::<LangText>("note");
                let value = value_reader.required_value(&mut m);
                let breakdown = m
                    .raw("breakdown")
                    .map(|v| read_breakdown(reader, &m.path_of("breakdown"), v, &breakdowns));
                m.finish();
                let Some(p) = period else { continue };
                value_reader.check_periodicity(&format!("{item_path}.period"), p);
                // A breakdown with a fault is reported; the observation is left out.
                let (places, pairs) = match breakdown {
                    None => (Vec::new(), Vec::new()),
                    Some(None) => continue,
                    Some(Some(b)) => b,
                };
                let key = (p, places.clone());
                if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
                    let what = if pairs.is_empty() {
                        String::new()
                    } else {
                        let parts: Vec<String> =
                            pairs.iter().map(|(d, v)| format!("{d}: {v}")).collect();
                        format!(" for {}", parts.join(", "))
                    };
                    reader.error(
                        &format!("{item_path}.period"),
                        format!("the period {p} is measured twice{what}"),
                        Some(format!(
                            "the other observation of {p}{what} is at `{first}`; keep one"
                        )),
                    );
                    continue;
                }
                seen.push((key, item_path.clone()));
                let Some(value) = value else { continue };
                if pairs.is_empty() {
                    totals.push(Observation {
                        period: p,
                        value,
                        note,
                    });
                } else {
                    parts.push((
                        places,
                        PartObservation {
                            period: p,
                            value,
                            breakdown: pairs,
                            note,
                        },
                    ));
                }
            }
            totals.sort_by_key(|o| o.period);
            parts.sort_by(|(a, pa), (b, pb)| (pa.period, a).cmp(&(pb.period, b)));
            (totals, parts.into_iter().map(|(_, p)| p).collect())
        }
        Some(other) => {
            reader.error(
                &map.path_of("observations"),
                format!("`observations` must be a list, not {}", describe(other)),
                Some("write one line per observation: `- { period: 2025-Q1, value: 12 }`".into()),
            );
            (Vec::new(), Vec::new())
        }
    };

    Some(Indicator {
        id: id.to_string(),
        source: PathBuf::new(),
        text: String::new(),
        name: name?,
        description: description?,
        category: category?,
        unit,
        method: method?,
        sources: sources?,
        audiences: audiences?,
        dimension: dimension?,
        kind,
        scale,
        level: level?,
        hierarchy: hierarchy?,
        quality,
        periodicity: periodicity?,
        direction: direction?,
        baseline: baseline?,
        target: target?,
        observations,
        breakdowns,
        parts,
        sdgs,
        related_cases,
    })
}

/// Reads values according to the indicator's kind, scale and periodicity.
struct ValueReader<'a, 'r> {
    reader: &'a Reader<'r>,
    kind: IndicatorKind,
    scale: Option<&'a Scale>,
    periodicity: Option<Periodicity>,
}

impl ValueReader<'_, '_> {
    /// The `value` of a point or observation, reported when missing or empty.
    fn required_value(&self, m: &mut MapReader<'_, '_>) -> Option<Measure> {
        match m.raw("value") {
            Some(Yaml::String(s)) if s.trim().is_empty() => {}
            Some(raw) => return self.value(&m.path_of("value"), raw),
            None => {}
        }
        m.absent("value", &self.example());
        None
    }

    /// A value to show in advice: a number, or the scale's best level.
    fn example(&self) -> String {
        match self.scale.and_then(|s| s.levels.last()) {
            Some(level) if self.kind == IndicatorKind::Qualitative => level.id.clone(),
            _ => "12".into(),
        }
    }

    fn value(&self, path: &str, v: &Yaml) -> Option<Measure> {
        match (self.kind, self.scale) {
            (IndicatorKind::Quantitative, _) => match number_in(v) {
                Some(n) if n.is_finite() => Some(Measure::Number(n)),
                _ => {
                    self.reader.error(path, format!("`{path}` must be a number, not {}", describe(v)), Some("write digits with a dot for decimals, e.g. 12.5; a percentage is written 45 with unit %".into()));
                    None
                }
            },
            (IndicatorKind::Qualitative, Some(scale)) => {
                let text = scalar_text(v).unwrap_or_default();
                let ids: Vec<&str> = scale.levels.iter().map(|l| l.id.as_str()).collect();
                if scale.index(text.trim()).is_some() {
                    Some(Measure::Level(text.trim().to_string()))
                } else {
                    let hint = crate::diagnostics::closest(text.trim(), ids.iter().copied())
                        .map(|c| format!("did you mean `{c}`? "))
                        .unwrap_or_default();
                    self.reader.error(
                        path,
                        format!("`{path}` must be a level of the scale, not {}", describe(v)),
                        Some(format!(
                            "{hint}the levels, from worst to best, are: {}",
                            ids.join(", ")
                        )),
                    );
                    None
                }
            }
            (IndicatorKind::Qualitative, None) => None,
        }
    }

    fn point(&self, path: &str, v: &Yaml) -> Option<Point> {
        let mut m = self.reader.mapping(v, path)?;
        let period = m.required::<Period>("period");
        let value = self.required_value(&mut m);
        m.finish();
        if let Some(p) = period {
            self.check_periodicity(&format!("{path}.period"), p);
        }
        Some(Point {
            period: period?,
            value: value?,
        })
    }

    fn check_periodicity(&self, path: &str, p: Period) {
        if let Some(expected) = self.periodicity {
            if p.periodicity() != expected {
                self.reader.error(
                    path,
                    format!(
                        "the period {p} is {}, but this indicator is measured `{}`",
                        p.periodicity().id(),
                        expected.id()
                    ),
                    Some(format!(
                        "write {} periods like {}, or change `periodicity`",
                        expected.id(),
                        expected.example()
                    )),
                );
            }
        }
    }
}

/// The number of a value: a YAML number, or a text that holds only a
/// number written with digits (`"12.5"`, as the browser editor writes it).
fn number_in(v: &Yaml) -> Option<f64> {
    match v {
        Yaml::String(s) => {
            let t = s.trim();
            let digits = t.strip_prefix('-').unwrap_or(t);
            let plain = !digits.is_empty()
                && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
                && digits.chars().filter(|c| *c == '.').count() <= 1
                && !digits.starts_with('.')
                && !digits.ends_with('.');
            if plain {
                t.parse().ok()
            } else {
                None
            }
        }
        other => other.as_f64(),
    }
}

/// The dimensions of breakdown listed at `path`. Each fault is reported;
/// a dimension with one is left out.
fn read_breakdowns(reader: &Reader<'_>, path: &str, v: &Yaml) -> Vec<Breakdown> {
    let Yaml::Sequence(items) = v else {
        reader.error(
            path,
            format!("`breakdowns` must be a list, not {}", describe(v)),
            Some("write one item per dimension: `- { id: sex, label: { es: Sexo, en: Sex }, values: [{ id: women, label: { es: Mujeres, en: Women } }, …] }`".into()),
        );
        return Vec::new();
    };
    let mut out: Vec<Breakdown> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let p = child_index(path, i);
        let Some(mut m) = reader.mapping(item, &p) else {
            continue;
        };
        let id = m.required::<TermId>("id");
        let label = m.required::<LangText>("label");
        let values_path = m.path_of("values");
        let values = m
            .raw("values")
            .map(|v| read_breakdown_values(reader, &values_path, v));
        if values.is_none() {
            m.absent(
                "values",
                "[{ id: women, label: { es: Mujeres, en: Women } }]",
            );
        }
        m.finish();
        let Some(id) = id else { continue };
        let id_path = format!("{p}.id");
        if RESERVED_BREAKDOWN_IDS.contains(&id.0.as_str()) {
            reader.error(
                &id_path,
                format!("a dimension of breakdown cannot be called `{}`: the open-data tables already have a column of that name", id.0),
                Some(format!("choose another id, e.g. `{}-group`", id.0)),
            );
            continue;
        }
        if out.iter().any(|b| b.id == id.0) {
            reader.error(
                &id_path,
                format!("the dimension `{}` is listed twice", id.0),
                Some("keep one, with all its values".into()),
            );
            continue;
        }
        if let (Some(label), Some(Some(values))) = (label, values) {
            out.push(Breakdown {
                id: id.0,
                label,
                values,
            });
        }
    }
    out
}

/// The values of one dimension of breakdown, at least two, each once.
fn read_breakdown_values(reader: &Reader<'_>, path: &str, v: &Yaml) -> Option<Vec<BreakdownValue>> {
    let Yaml::Sequence(items) = v else {
        reader.error(
            path,
            format!("`values` must be a list, not {}", describe(v)),
            Some(
                "write one item per value: `- { id: women, label: { es: Mujeres, en: Women } }`"
                    .into(),
            ),
        );
        return None;
    };
    let mut values: Vec<BreakdownValue> = Vec::new();
    let mut faults = false;
    for (i, item) in items.iter().enumerate() {
        let p = child_index(path, i);
        let Some(mut m) = reader.mapping(item, &p) else {
            faults = true;
            continue;
        };
        let id = m.required::<TermId>("id");
        let label = m.required::<LangText>("label");
        m.finish();
        match (id, label) {
            (Some(id), _) if values.iter().any(|v| v.id == id.0) => {
                reader.error(
                    &format!("{p}.id"),
                    format!("the value `{}` is listed twice", id.0),
                    Some("keep one".into()),
                );
                faults = true;
            }
            (Some(id), Some(label)) => values.push(BreakdownValue { id: id.0, label }),
            _ => faults = true,
        }
    }
    if values.len() < 2 && !faults {
        reader.error(
            path,
            "a dimension of breakdown needs at least two values",
            Some("list every value the total is split into, e.g. women and men".into()),
        );
        return None;
    }
    (!faults).then_some(values)
}

/// Dimension–value pairs of a breakdown, in the order the dimensions are declared.
type Pairs = Vec<(String, String)>;

/// The `breakdown` of an observation: the places of its values in the
/// declared dimensions (0 = not broken down by that dimension, else the
/// value's place + 1) and its dimension–value pairs in declared order.
/// `None` when it has a fault, which is reported.
fn read_breakdown(
    reader: &Reader<'_>,
    path: &str,
    v: &Yaml,
    breakdowns: &[Breakdown],
) -> Option<(Vec<usize>, Pairs)> {
    let example = match breakdowns.first() {
        Some(b) => format!(
            "{{ {}: {} }}",
            b.id,
            b.values.first().map_or("…", |v| v.id.as_str())
        ),
        None => "{ sex: women }".to_string(),
    };
    let Yaml::Mapping(map) = v else {
        reader.error(
            path,
            format!(
                "`breakdown` must be a set of `dimension: value` pairs, not {}",
                describe(v)
            ),
            Some(format!(
                "write e.g. `breakdown: {example}`; leave `breakdown` out for the total"
            )),
        );
        return None;
    };
    // A blank value is the total of that dimension, as in a tidy table.
    let given: Vec<(&Yaml, &Yaml)> = map
        .iter()
        .filter(|(_, v)| !scalar_text(v).is_some_and(|t| t.trim().is_empty()) && !v.is_null())
        .collect();
    if given.is_empty() {
        return Some((Vec::new(), Vec::new()));
    }
    if breakdowns.is_empty() {
        reader.error(
            path,
            "this observation has a `breakdown`, but the indicator declares no `breakdowns`",
            Some("list the dimensions under `breakdowns:` (e.g. sex, with the values women and men), or remove `breakdown` if this is the total".into()),
        );
        return None;
    }
    let mut places = vec![0; breakdowns.len()];
    let mut ok = true;
    for (k, val) in given {
        let dim = scalar_text(k).unwrap_or_default();
        let at = crate::yaml::child_key(path, &dim);
        let Some(d) = breakdowns.iter().position(|b| b.id == dim) else {
            let ids: Vec<&str> = breakdowns.iter().map(|b| b.id.as_str()).collect();
            let hint = crate::diagnostics::closest(&dim, ids.iter().copied())
                .map(|c| format!("did you mean `{c}`? "))
                .unwrap_or_default();
            reader.report(
                Diagnostic::error(
                    reader.file(),
                    format!("`{dim}` is not a dimension of breakdown of this indicator"),
                ),
                reader.key_position(&at),
                Some(format!(
                    "{hint}the dimensions declared under `breakdowns` are: {}",
                    ids.join(", ")
                )),
            );
            ok = false;
            continue;
        };
        let b = &breakdowns[d];
        let text = scalar_text(val).unwrap_or_default();
        match b.index(text.trim()) {
            Some(i) => places[d] = i + 1,
            None => {
                let ids: Vec<&str> = b.values.iter().map(|v| v.id.as_str()).collect();
                let hint = crate::diagnostics::closest(text.trim(), ids.iter().copied())
                    .map(|c| format!("did you mean `{c}`? "))
                    .unwrap_or_default();
                reader.error(
                    &at,
                    format!(
                        "\"{}\" is not a value of the dimension `{dim}`",
                        text.trim()
                    ),
                    Some(format!("{hint}its values are: {}", ids.join(", "))),
                );
                ok = false;
            }
        }
    }
    if !ok {
        return None;
    }
    let pairs = breakdowns
        .iter()
        .zip(&places)
        .filter(|(_, p)| **p > 0)
        .map(|(b, p)| (b.id.clone(), b.values[p - 1].id.clone()))
        .collect();
    Some((places, pairs))
}

fn read_scale(reader: &Reader<'_>, path: &str, v: &Yaml) -> Option<Scale> {
    match v {
        Yaml::String(name) => match BUILT_IN_SCALES.iter().find(|(n, _)| n == name) {
            Some((n, levels)) => Some(Scale {
                name: Some(n.to_string()),
                levels: levels
                    .iter()
                    .map(|id| ScaleLevel {
                        id: id.to_string(),
                        label: None,
                    })
                    .collect(),
            }),
            None => {
                let names: Vec<&str> = BUILT_IN_SCALES.iter().map(|(n, _)| *n).collect();
                let hint = crate::diagnostics::closest(name, names.iter().copied())
                    .map(|c| format!("did you mean `{c}`? "))
                    .unwrap_or_default();
                reader.error(
                    path,
                    format!("there is no built-in scale \"{name}\""),
                    Some(format!(
                        "{hint}built-in scales: {}; or list your own levels from worst to best",
                        names.join(", ")
                    )),
                );
                None
            }
        },
        Yaml::Sequence(items) => {
            let mut levels: Vec<ScaleLevel> = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let p = child_index(path, i);
                let Some(mut m) = reader.mapping(item, &p) else {
                    continue;
                };
                let id = m.required::<TermId>("id");
                let label = m.required::<LangText>("label");
                m.finish();
                if let Some(id) = id {
                    if levels.iter().any(|l| l.id == id.0) {
                        reader.error(&p, format!("the level `{}` is listed twice", id.0), None);
                    } else {
                        levels.push(ScaleLevel { id: id.0, label });
                    }
                }
            }
            if levels.len() < 2 {
                reader.error(path, "a scale needs at least two levels", Some("list them from worst to best: [{ id: initial, label: { es: \"Inicial\", en: \"Initial\" } }, …]".into()));
                return None;
            }
            Some(Scale { name: None, levels })
        }
        other => {
            reader.error(
                path,
                format!(
                    "`scale` must be the name of a built-in scale or a list of levels, not {}",
                    describe(other)
                ),
                None,
            );
            None
        }
    }
}

//! SVG charts of an indicator's evolution, drawn at build time.
//!
//! A chart is a few lines, points and labels, so it is written directly:
//! the output is small, identical on every machine (no font metrics from the
//! system are involved), and carries its own accessible name and description.
//! Colours come from the Okabe–Ito palette, safe for colour-blind readers,
//! and every series also differs by its dash pattern, so colour is never the
//! only cue. Qualitative indicators get an ordinal axis of named levels.
//!
//! In a language written right to left the plot is not mirrored: time runs
//! left to right along the horizontal axis and the values are on the left,
//! as in most charts printed in Arabic, Hebrew or Persian. What changes is
//! the text: the chart says its direction (`direction="rtl"`, and `ltr`
//! otherwise, so that it never takes it from the page around it), every
//! label keeps the place it has in a left-to-right chart (its anchor is
//! swapped, since `start` is then the right end of a text), and the legend
//! is read from the right, its first item at the right edge.

use std::fmt::Write;

use crate::theme::escape_markup;

/// The vertical axis.
pub enum Axis {
    /// Numbers; `unit` is shown beside the axis.
    Numeric {
        /// The unit, already translated.
        unit: String,
    },
    /// Ordered levels, worst first, already translated.
    Levels(Vec<String>),
}

/// A horizontal reference line (baseline or target).
pub struct Reference {
    /// Position on the vertical axis (a number, or a level index).
    pub value: f64,
    /// Its label, e.g. "Meta: 40 (2026-T4)".
    pub label: String,
}

/// What to draw.
pub struct Chart<'a> {
    /// A prefix for element ids, unique in the page.
    pub id: &'a str,
    /// The accessible name.
    pub title: String,
    /// The accessible description (a sentence summing up the data).
    pub description: String,
    /// The label of each observation's period.
    pub x_labels: Vec<String>,
    /// The observed values (numbers, or level indexes).
    pub values: Vec<f64>,
    /// The baseline.
    pub baseline: Option<Reference>,
    /// The target.
    pub target: Option<Reference>,
    /// The vertical axis.
    pub axis: Axis,
    /// Formats numbers in the page's language.
    pub format: &'a dyn Fn(f64) -> String,
    /// Legend labels: observations, baseline, target.
    pub legend: [String; 3],
    /// True when the page's language is written right to left.
    pub rtl: bool,
}

/// Where a label lies from its `x`, whatever the text's direction.
#[derive(Clone, Copy)]
enum Side {
    /// The label ends at `x` (it lies to its left).
    Left,
    /// The label is centred on `x`.
    Middle,
    /// The label starts at `x` (it lies to its right).
    Right,
}

impl Side {
    /// The `text-anchor` that puts a label on this side, in a chart
    /// written left to right or right to left.
    fn anchor(self, rtl: bool) -> &'static str {
        match (self, rtl) {
            (Side::Middle, _) => "middle",
            (Side::Left, false) | (Side::Right, true) => "end",
            (Side::Right, false) | (Side::Left, true) => "start",
        }
    }
}

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 340.0;
const TOP: f64 = 24.0;
const BOTTOM: f64 = 64.0;
const RIGHT: f64 = 24.0;
const SERIES: &str = "#0072B2";
const TARGET: &str = "#D55E00";
const BASELINE: &str = "#4D4D4D";
const GRID: &str = "#D9D9D9";
const INK: &str = "#1B1F24";

/// Draws `chart` as an inline SVG element.
pub fn svg(chart: &Chart<'_>) -> String {
    let left = match &chart.axis {
        Axis::Numeric { .. } => 72.0,
        Axis::Levels(levels) => {
            24.0 + 7.0
                * levels
                    .iter()
                    .map(|l| l.chars().count())
                    .max()
                    .unwrap_or(4)
                    .min(22) as f64
        }
    };
    let plot_w = WIDTH - left - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let (lo, hi, ticks) = vertical_range(chart);
    let y = |v: f64| TOP + plot_h - (v - lo) / (hi - lo) * plot_h;
    let n = chart.values.len().max(1);
    let step = plot_w / n as f64;
    let x = |i: usize| left + step * (i as f64 + 0.5);

    let mut s = String::with_capacity(4096);
    let title_id = format!("{}-title", chart.id);
    let desc_id = format!("{}-desc", chart.id);
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-labelledby=\"{title_id} {desc_id}\" font-family=\"system-ui, sans-serif\" font-size=\"13\" direction=\"{}\">",
        if chart.rtl { "rtl" } else { "ltr" }
    );
    let rtl = chart.rtl;
    let _ = write!(
        s,
        "<title id=\"{title_id}\">{}</title><desc id=\"{desc_id}\">{}</desc>",
        escape_markup(&chart.title),
        escape_markup(&chart.description)
    );

    // Grid and vertical axis labels.
    for (v, label) in &ticks {
        let yy = y(*v);
        let _ = write!(s, "<line x1=\"{left:.1}\" y1=\"{yy:.1}\" x2=\"{:.1}\" y2=\"{yy:.1}\" stroke=\"{GRID}\" stroke-width=\"1\"/>", WIDTH - RIGHT);
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{}\" fill=\"{INK}\">{}</text>",
            left - 8.0,
            yy + 4.0,
            Side::Left.anchor(rtl),
            escape_markup(label)
        );
    }
    if let Axis::Numeric { unit } = &chart.axis {
        if !unit.is_empty() {
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{}\" fill=\"{INK}\">{}</text>",
                4.0,
                TOP - 8.0,
                Side::Right.anchor(rtl),
                escape_markup(unit)
            );
        }
    }
    // Axes.
    let _ = write!(s, "<line x1=\"{left:.1}\" y1=\"{TOP:.1}\" x2=\"{left:.1}\" y2=\"{:.1}\" stroke=\"{INK}\" stroke-width=\"1\"/>", TOP + plot_h);
    let _ = write!(s, "<line x1=\"{left:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{INK}\" stroke-width=\"1\"/>", TOP + plot_h, WIDTH - RIGHT, TOP + plot_h);

    // Period labels: as many as fit, each given the room of the longest
    // (about 6.5 units a character at this size, and a gap), at least 64.
    let widest = chart
        .x_labels
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0) as f64;
    let room = (widest * 6.5 + 12.0).max(64.0);
    let every = (chart.x_labels.len() as f64 / (plot_w / room))
        .ceil()
        .max(1.0) as usize;
    for (i, label) in chart.x_labels.iter().enumerate() {
        if i % every == 0 || i + 1 == chart.x_labels.len() && i % every > every / 2 {
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{}\" fill=\"{INK}\">{}</text>",
                x(i),
                TOP + plot_h + 18.0,
                Side::Middle.anchor(rtl),
                escape_markup(label)
            );
        }
    }

    // Reference lines.
    for (reference, colour, dash) in [
        (&chart.baseline, BASELINE, "6 4"),
        (&chart.target, TARGET, "2 3"),
    ] {
        if let Some(r) = reference {
            let yy = y(r.value);
            let _ = write!(s, "<line x1=\"{left:.1}\" y1=\"{yy:.1}\" x2=\"{:.1}\" y2=\"{yy:.1}\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"{dash}\"/>", WIDTH - RIGHT);
            let _ = write!(s, "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{}\" fill=\"{INK}\" paint-order=\"stroke\" stroke=\"#FFFFFF\" stroke-width=\"4\">{}</text>", WIDTH - RIGHT - 4.0, yy - 6.0, Side::Left.anchor(rtl), escape_markup(&r.label));
        }
    }

    // The observations: a line (steps for levels) and points.
    if !chart.values.is_empty() {
        let mut path = String::new();
        for (i, v) in chart.values.iter().enumerate() {
            let (xx, yy) = (x(i), y(*v));
            if i == 0 {
                let _ = write!(path, "M{xx:.1} {yy:.1}");
            } else if matches!(chart.axis, Axis::Levels(_)) {
                let _ = write!(path, " H{xx:.1} V{yy:.1}");
            } else {
                let _ = write!(path, " L{xx:.1} {yy:.1}");
            }
        }
        let _ = write!(
            s,
            "<path d=\"{path}\" fill=\"none\" stroke=\"{SERIES}\" stroke-width=\"2.5\"/>"
        );
        for (i, v) in chart.values.iter().enumerate() {
            let shown = match &chart.axis {
                Axis::Levels(levels) => levels.get(*v as usize).cloned().unwrap_or_default(),
                Axis::Numeric { .. } => (chart.format)(*v),
            };
            let label = chart.x_labels.get(i).cloned().unwrap_or_default();
            let _ = write!(s, "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4.5\" fill=\"{SERIES}\" stroke=\"#FFFFFF\" stroke-width=\"1.5\"><title>{}: {}</title></circle>", x(i), y(*v), escape_markup(&label), escape_markup(&shown));
        }
    }

    // Legend: from the left edge of the plot rightwards, or, right to
    // left, from its right edge leftwards.
    let ly = HEIGHT - 16.0;
    let mut lx = if rtl { WIDTH - RIGHT } else { left };
    let towards: f64 = if rtl { -1.0 } else { 1.0 };
    let items: [(&str, &str, &str, bool); 3] = [
        (&chart.legend[0], SERIES, "", true),
        (&chart.legend[1], BASELINE, "6 4", chart.baseline.is_some()),
        (&chart.legend[2], TARGET, "2 3", chart.target.is_some()),
    ];
    for (label, colour, dash, shown) in items {
        if !shown {
            continue;
        }
        let dash_attr = if dash.is_empty() {
            String::new()
        } else {
            format!(" stroke-dasharray=\"{dash}\"")
        };
        let _ = write!(s, "<line x1=\"{lx:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{colour}\" stroke-width=\"2.5\"{dash_attr}/>", ly - 4.0, lx + towards * 28.0, ly - 4.0);
        // `start` is the end of the swatch in both directions.
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{ly:.1}\" text-anchor=\"start\" fill=\"{INK}\">{}</text>",
            lx + towards * 34.0,
            escape_markup(label)
        );
        lx += towards * (34.0 + 7.5 * label.chars().count() as f64 + 24.0);
    }
    s.push_str("</svg>");
    s
}

/// The vertical range and its labelled ticks.
fn vertical_range(chart: &Chart<'_>) -> (f64, f64, Vec<(f64, String)>) {
    if let Axis::Levels(levels) = &chart.axis {
        let n = levels.len().max(2) as f64;
        let ticks = levels
            .iter()
            .enumerate()
            .map(|(i, l)| (i as f64, l.clone()))
            .collect();
        return (-0.5, n - 0.5, ticks);
    }
    let mut all: Vec<f64> = chart.values.clone();
    all.extend(chart.baseline.iter().map(|r| r.value));
    all.extend(chart.target.iter().map(|r| r.value));
    let mut lo = all.iter().copied().fold(f64::INFINITY, f64::min);
    let mut hi = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !lo.is_finite() || !hi.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    if lo >= 0.0 {
        lo = 0.0; // quantities start at zero
    }
    if hi <= lo {
        hi = lo + 1.0;
    }
    let step = nice_step((hi - lo) / 5.0);
    let lo = (lo / step).floor() * step;
    let hi = (hi / step).ceil() * step;
    let mut ticks = Vec::new();
    let mut v = lo;
    while v <= hi + step / 2.0 {
        let rounded = (v / step).round() * step;
        ticks.push((rounded, (chart.format)(rounded)));
        v += step;
    }
    (lo, hi, ticks)
}

/// The nearest "round" step (1, 2 or 5 times a power of ten) at or above `raw`.
pub fn nice_step(raw: f64) -> f64 {
    if raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    let fraction = raw / magnitude;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart<'a>(axis: Axis, values: Vec<f64>, format: &'a dyn Fn(f64) -> String) -> Chart<'a> {
        Chart {
            id: "c1",
            title: "Agreements <signed>".into(),
            description: "From 2 to 5".into(),
            x_labels: values
                .iter()
                .enumerate()
                .map(|(i, _)| format!("2024-Q{}", i + 1))
                .collect(),
            values,
            baseline: Some(Reference {
                value: 1.0,
                label: "Baseline".into(),
            }),
            target: Some(Reference {
                value: 8.0,
                label: "Target".into(),
            }),
            axis,
            format,
            legend: ["Observed".into(), "Baseline".into(), "Target".into()],
            rtl: false,
        }
    }

    /// The `text-anchor` of the first `<text>` whose content is `label`,
    /// and its `x`.
    fn anchor_of(svg: &str, label: &str) -> (String, f64) {
        let end = svg.find(&format!(">{label}</text>")).expect(label);
        let start = svg[..end].rfind("<text ").unwrap();
        let tag = &svg[start..end];
        let attr = |name: &str| {
            let at = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
            tag[at..].split('"').next().unwrap().to_string()
        };
        (attr("text-anchor"), attr("x").parse().unwrap())
    }

    #[test]
    fn right_to_left_keeps_the_plot_and_places_the_text() {
        let f = |v: f64| format!("{v}");
        let axis = || Axis::Numeric {
            unit: "اتفاقيات".into(),
        };
        let ltr = svg(&chart(axis(), vec![2.0, 3.0, 5.0], &f));
        let mut c = chart(axis(), vec![2.0, 3.0, 5.0], &f);
        c.rtl = true;
        let rtl = svg(&c);
        assert!(ltr.contains(" direction=\"ltr\""), "{ltr}");
        assert!(rtl.contains(" direction=\"rtl\""), "{rtl}");
        // The same points: time still runs left to right.
        let points = |s: &str| -> Vec<String> {
            s.split("<circle ")
                .skip(1)
                .map(|c| c.split('>').next().unwrap().to_string())
                .collect()
        };
        assert_eq!(points(&ltr), points(&rtl));
        let path = |s: &str| {
            s.split("<path d=\"")
                .nth(1)
                .map(|p| p.split('"').next().unwrap().to_string())
        };
        assert!(path(&ltr).is_some());
        assert_eq!(path(&ltr), path(&rtl));
        // The value labels stay left of the axis, the reference labels at
        // the right edge, the unit above the axis: the anchor is swapped.
        assert_eq!(anchor_of(&ltr, "8"), ("end".into(), 64.0));
        assert_eq!(anchor_of(&rtl, "8"), ("start".into(), 64.0));
        assert_eq!(anchor_of(&ltr, "Target").0, "end");
        assert_eq!(anchor_of(&rtl, "Target").0, "start");
        assert_eq!(anchor_of(&ltr, "اتفاقيات"), ("start".into(), 4.0));
        assert_eq!(anchor_of(&rtl, "اتفاقيات"), ("end".into(), 4.0));
        assert_eq!(anchor_of(&rtl, "2024-Q2").0, "middle");
        // The legend reads from the right: its first item is right of the
        // second.
        let legend_x = |s: &str, label: &str| {
            s.rmatch_indices(&format!(">{label}</text>"))
                .map(|(at, _)| {
                    let start = s[..at].rfind("<text ").unwrap();
                    let tag = &s[start..at];
                    let x = tag.find(" x=\"").unwrap() + 4;
                    tag[x..].split('"').next().unwrap().parse::<f64>().unwrap()
                })
                .next()
                .unwrap()
        };
        assert!(legend_x(&ltr, "Observed") < legend_x(&ltr, "Baseline"));
        assert!(legend_x(&rtl, "Observed") > legend_x(&rtl, "Baseline"));
        assert!(legend_x(&rtl, "Observed") < 720.0);
    }

    #[test]
    fn numeric_chart_is_accessible_and_escaped() {
        let f = |v: f64| format!("{v}");
        let out = svg(&chart(
            Axis::Numeric {
                unit: "agreements".into(),
            },
            vec![2.0, 3.0, 5.0],
            &f,
        ));
        assert!(out.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(out.contains("role=\"img\" aria-labelledby=\"c1-title c1-desc\""));
        assert!(out.contains("<title id=\"c1-title\">Agreements &lt;signed&gt;</title>"));
        assert_eq!(out.matches("<circle").count(), 3);
        assert!(out.contains("stroke-dasharray=\"2 3\""), "target dashed");
        assert!(
            out.contains(">8</text>") && out.contains(">0</text>"),
            "ticks from zero to the target: {out}"
        );
        assert_eq!(
            out,
            svg(&chart(
                Axis::Numeric {
                    unit: "agreements".into()
                },
                vec![2.0, 3.0, 5.0],
                &f
            ))
        );
    }

    #[test]
    fn level_chart_names_levels_not_numbers() {
        let f = |v: f64| format!("{v}");
        let levels = vec!["Low".to_string(), "Medium".to_string(), "High".to_string()];
        let mut c = chart(Axis::Levels(levels), vec![0.0, 1.0, 1.0, 2.0], &f);
        c.baseline = Some(Reference {
            value: 0.0,
            label: "Baseline".into(),
        });
        c.target = Some(Reference {
            value: 2.0,
            label: "Target".into(),
        });
        let out = svg(&c);
        for l in ["Low", "Medium", "High"] {
            assert!(out.contains(&format!(">{l}</text>")), "{l}");
        }
        assert!(out.contains(" H"), "steps between levels");
        assert!(out.contains("<title>2024-Q4: High</title>"));
    }

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(0.7), 1.0);
        assert_eq!(nice_step(1.3), 2.0);
        assert_eq!(nice_step(3.0), 5.0);
        assert_eq!(nice_step(7.0), 10.0);
        assert_eq!(nice_step(2300.0), 5000.0);
    }
}

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
//!
//! Every chart is drawn twice, wide and narrow (phones), so that its text is
//! never scaled below a legible size (see [`Layout`]). The labels of the time
//! axis never overlap and are never cut: their widths are estimated from the
//! characters (see [`text_width`]), and each drawing uses the full labels,
//! the labels in two lines, the language's short labels ("T1 2024") or every
//! second, third… label counted back from the last, whichever first fits
//! (see [`time_labels`]).

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
    /// Its label, e.g. "Meta: 40 (4.º trimestre de 2026)".
    pub label: String,
    /// The label without its period, e.g. "Meta: 40", used when the full
    /// one does not fit across the plot.
    pub short_label: String,
}

/// The label of one observation's period, written in full ("1.º trimestre
/// de 2024") and short ("T1 2024"), for when the full ones do not fit.
pub struct PeriodLabel {
    /// As the tables write it.
    pub full: String,
    /// The language's short form.
    pub short: String,
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
    pub x_labels: Vec<PeriodLabel>,
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

/// One drawing of a chart: its width in SVG units and its text size.
///
/// A chart is drawn twice, and the stylesheet shows one: the wide drawing
/// where the figure is at least 600 CSS pixels wide, the narrow one below
/// (phones). Each is sized so that its text, scaled with the drawing to the
/// width of the figure, is never smaller than 11 CSS pixels on a page at
/// least 320 pixels wide: 14 units × 600 / 720 ≈ 11.7 px for the wide one,
/// 14 units × 280 / 340 ≈ 11.5 px for the narrow one.
struct Layout {
    /// Its width in SVG units.
    width: f64,
    /// The height of the plot area.
    plot_height: f64,
    /// The text size in SVG units.
    font: f64,
    /// Its class, which the stylesheet uses to show one drawing.
    class: &'static str,
    /// Added to the chart's id, so the two drawings' ids differ.
    id_suffix: &'static str,
}

const WIDE: Layout = Layout {
    width: 720.0,
    plot_height: 240.0,
    font: 14.0,
    class: "chart chart-wide",
    id_suffix: "",
};
const NARROW: Layout = Layout {
    width: 340.0,
    plot_height: 200.0,
    font: 14.0,
    class: "chart chart-narrow",
    id_suffix: "-narrow",
};
/// Room between two labels of the time axis, in SVG units.
const LABEL_GAP: f64 = 10.0;
/// Room kept at the left and right edges of the drawing.
const EDGE: f64 = 4.0;
const RIGHT: f64 = 16.0;
const SERIES: &str = "#0072B2";
const TARGET: &str = "#D55E00";
const BASELINE: &str = "#4D4D4D";
const GRID: &str = "#D9D9D9";
const INK: &str = "#1B1F24";

/// Draws `chart` as two inline SVG elements, a wide and a narrow drawing
/// (see [`Layout`]); the stylesheet shows the one that fits the figure.
pub fn svg(chart: &Chart<'_>) -> String {
    let mut s = draw(chart, &WIDE);
    s.push_str(&draw(chart, &NARROW));
    s
}

/// The width of `text` at `font` units, estimated from the widths of the
/// characters of a common sans-serif typeface (DejaVu Sans, among the
/// widest), with a tenth more as a margin: no font metrics of the machine
/// are read, so the drawing is the same everywhere.
pub(crate) fn text_width(text: &str, font: f64) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            ' ' => 0.32,
            '.' | ',' | ':' | ';' | '\'' | '(' | ')' | '-' => 0.38,
            'i' | 'l' | 'j' | 't' | 'f' | 'r' | 'I' => 0.4,
            '0'..='9' => 0.64,
            'm' | 'w' | 'M' | 'W' => 0.98,
            c if c.is_ascii_lowercase() => 0.63,
            c if c.is_ascii_uppercase() => 0.76,
            '\u{0600}'..='\u{06FF}' => 0.62,
            c if c.is_alphabetic() => 0.66,
            _ => 0.7,
        })
        .sum();
    em * font * 1.1
}

/// `text` in two lines, broken at the space that makes the longer line
/// shortest; `None` when it has no space.
fn two_lines(text: &str, font: f64) -> Option<Vec<String>> {
    text.char_indices()
        .filter(|(_, c)| *c == ' ')
        .map(|(at, _)| {
            let (a, b) = (text[..at].trim(), text[at..].trim());
            (text_width(a, font).max(text_width(b, font)), a, b)
        })
        .filter(|(_, a, b)| !a.is_empty() && !b.is_empty())
        .min_by(|x, y| x.0.total_cmp(&y.0))
        .map(|(_, a, b)| vec![a.to_string(), b.to_string()])
}

/// Labels placed on the time axis: the index of each label shown, its
/// centre and its lines.
type Placed = Vec<(usize, f64, Vec<String>)>;

/// The labels of the time axis as drawn: which are shown, where (the
/// centre of each), and in how many lines.
struct TimeLabels {
    /// The index of each label shown, its centre and its lines.
    shown: Placed,
    /// The number of lines of the tallest.
    lines: usize,
}

/// Chooses the labels of the time axis so that no two overlap and none is
/// cut at an edge. In this order, the first way in which every label fits:
/// the full labels in one line, in two lines, the short labels in one line,
/// in two lines; when none does, the way that needs to leave out the
/// fewest, showing every k-th label counted back from the last (so the
/// latest period is always labelled). A label near an edge is moved inwards
/// until it fits.
fn time_labels(
    labels: &[PeriodLabel],
    centre: &dyn Fn(usize) -> f64,
    width: f64,
    font: f64,
) -> TimeLabels {
    let n = labels.len();
    if n == 0 {
        return TimeLabels {
            shown: Vec::new(),
            lines: 1,
        };
    }
    let ways: Vec<Vec<Vec<String>>> = [false, true]
        .iter()
        .flat_map(|short| [(*short, false), (*short, true)])
        .map(|(short, wrap)| {
            labels
                .iter()
                .map(|l| {
                    let text = if short { &l.short } else { &l.full };
                    if wrap {
                        two_lines(text, font).unwrap_or_else(|| vec![text.clone()])
                    } else {
                        vec![text.clone()]
                    }
                })
                .collect()
        })
        .collect();
    let place = |way: &Vec<Vec<String>>, every: usize| -> Option<Vec<(usize, f64, Vec<String>)>> {
        let mut placed: Vec<(usize, f64, Vec<String>)> = Vec::new();
        let mut previous_end = f64::NEG_INFINITY;
        for i in (0..n).filter(|i| (n - 1 - i).is_multiple_of(every)) {
            let w = way[i]
                .iter()
                .map(|line| text_width(line, font))
                .fold(0.0, f64::max);
            let c = centre(i).min(width - EDGE - w / 2.0).max(EDGE + w / 2.0);
            if c - w / 2.0 < previous_end + LABEL_GAP || c + w / 2.0 > width - EDGE + 0.01 {
                return None;
            }
            previous_end = c + w / 2.0;
            placed.push((i, c, way[i].clone()));
        }
        Some(placed)
    };
    let mut best: Option<(usize, Placed)> = None;
    for way in &ways {
        let found = (1..=n).find_map(|every| place(way, every).map(|p| (every, p)));
        if let Some((every, placed)) = found {
            if best.as_ref().is_none_or(|(b, _)| every < *b) {
                best = Some((every, placed));
            }
            if every == 1 {
                break;
            }
        }
    }
    let shown = best.map(|(_, p)| p).unwrap_or_else(|| {
        // Not even the last label alone fits: show it, as wide as it is.
        vec![(n - 1, width / 2.0, ways[3][n - 1].clone())]
    });
    let lines = shown.iter().map(|(_, _, l)| l.len()).max().unwrap_or(1);
    TimeLabels { shown, lines }
}

/// Draws `chart` at the size of `layout`.
fn draw(chart: &Chart<'_>, layout: &Layout) -> String {
    let width = layout.width;
    let font = layout.font;
    let line_height = font * 1.25;
    let top = font * 2.0;
    let (lo, hi, ticks) = vertical_range(chart);
    let widest_tick = ticks
        .iter()
        .map(|(_, l)| text_width(l, font))
        .fold(0.0, f64::max);
    // Level names longer than two fifths of the drawing are written in
    // two lines.
    let tick_lines: Vec<Vec<String>> = ticks
        .iter()
        .map(|(_, l)| {
            if text_width(l, font) > width * 0.4 {
                two_lines(l, font).unwrap_or_else(|| vec![l.clone()])
            } else {
                vec![l.clone()]
            }
        })
        .collect();
    let widest_tick_line = tick_lines
        .iter()
        .flatten()
        .map(|l| text_width(l, font))
        .fold(0.0, f64::max)
        .min(widest_tick);
    let left = (widest_tick_line + 10.0 + EDGE).max(40.0);
    let plot_w = width - left - RIGHT;
    let plot_h = layout.plot_height;
    let y = |v: f64| top + plot_h - (v - lo) / (hi - lo) * plot_h;
    let n = chart.values.len().max(1);
    let step = plot_w / n as f64;
    let x = |i: usize| left + step * (i as f64 + 0.5);
    let labels = time_labels(&chart.x_labels, &x, width, font);
    let labels_top = top + plot_h + 6.0;
    let legend_top = labels_top + labels.lines as f64 * line_height + font;

    // The legend, laid out first: its rows set the height of the drawing.
    let items: Vec<(&str, &str, &str)> = [
        (&chart.legend[0], SERIES, "", true),
        (&chart.legend[1], BASELINE, "6 4", chart.baseline.is_some()),
        (&chart.legend[2], TARGET, "2 3", chart.target.is_some()),
    ]
    .into_iter()
    .filter(|item| item.3)
    .map(|(label, colour, dash, _)| (label.as_str(), colour, dash))
    .collect();
    let mut legend: Vec<(f64, usize, &str, &str, &str)> = Vec::new();
    let legend_start = EDGE + 8.0;
    let mut offset = 0.0;
    let mut row = 0;
    for (label, colour, dash) in items {
        let room = 34.0 + text_width(label, font);
        if offset > 0.0 && offset + room > width - EDGE - legend_start {
            row += 1;
            offset = 0.0;
        }
        legend.push((offset, row, label, colour, dash));
        offset += room + 20.0;
    }
    let legend_rows = row + 1;
    let height = (legend_top + legend_rows as f64 * font * 1.6 + 4.0).ceil();

    let mut s = String::with_capacity(4096);
    let id = format!("{}{}", chart.id, layout.id_suffix);
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let rtl = chart.rtl;
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{title_id} {desc_id}\" font-family=\"system-ui, sans-serif\" font-size=\"{font}\" direction=\"{}\">",
        layout.class,
        if rtl { "rtl" } else { "ltr" }
    );
    let _ = write!(
        s,
        "<title id=\"{title_id}\">{}</title><desc id=\"{desc_id}\">{}</desc>",
        escape_markup(&chart.title),
        escape_markup(&chart.description)
    );

    // Grid and vertical axis labels.
    for ((v, _), lines) in ticks.iter().zip(&tick_lines) {
        let yy = y(*v);
        let _ = write!(s, "<line x1=\"{left:.1}\" y1=\"{yy:.1}\" x2=\"{:.1}\" y2=\"{yy:.1}\" stroke=\"{GRID}\" stroke-width=\"1\"/>", width - RIGHT);
        let first = yy + font * 0.3 - (lines.len() as f64 - 1.0) * line_height / 2.0;
        write_lines(
            &mut s,
            left - 8.0,
            first,
            Side::Left.anchor(rtl),
            lines,
            line_height,
        );
    }
    if let Axis::Numeric { unit } = &chart.axis {
        if !unit.is_empty() {
            let _ = write!(
                s,
                "<text x=\"{EDGE:.1}\" y=\"{:.1}\" text-anchor=\"{}\" fill=\"{INK}\">{}</text>",
                top - font * 0.6,
                Side::Right.anchor(rtl),
                escape_markup(unit)
            );
        }
    }
    // Axes.
    let _ = write!(s, "<line x1=\"{left:.1}\" y1=\"{top:.1}\" x2=\"{left:.1}\" y2=\"{:.1}\" stroke=\"{INK}\" stroke-width=\"1\"/>", top + plot_h);
    let _ = write!(s, "<line x1=\"{left:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{INK}\" stroke-width=\"1\"/>", top + plot_h, width - RIGHT, top + plot_h);

    // Period labels (see `time_labels`).
    s.push_str("<g class=\"x-labels\">");
    for (_, centre, lines) in &labels.shown {
        write_lines(
            &mut s,
            *centre,
            labels_top + font,
            Side::Middle.anchor(rtl),
            lines,
            line_height,
        );
    }
    s.push_str("</g>");

    // Reference lines, labelled above their right end (below it when the
    // other label is too close above), in full when that fits across the
    // plot, else without their period.
    let references: Vec<(&Reference, &str, &str)> = [
        (&chart.baseline, BASELINE, "6 4"),
        (&chart.target, TARGET, "2 3"),
    ]
    .into_iter()
    .filter_map(|(r, colour, dash)| r.as_ref().map(|r| (r, colour, dash)))
    .collect();
    let close = references.len() == 2
        && (y(references[0].0.value) - y(references[1].0.value)).abs() < line_height * 1.2;
    for (k, (r, colour, dash)) in references.iter().enumerate() {
        let yy = y(r.value);
        let _ = write!(s, "<line x1=\"{left:.1}\" y1=\"{yy:.1}\" x2=\"{:.1}\" y2=\"{yy:.1}\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"{dash}\"/>", width - RIGHT);
        let label = if text_width(&r.label, font) <= plot_w - 8.0 {
            &r.label
        } else {
            &r.short_label
        };
        // The lower of two close lines gets its label below.
        let below = close && (k == 0) == (r.value <= references[1 - k].0.value);
        let ly = if below { yy + font + 2.0 } else { yy - 6.0 };
        let _ = write!(s, "<text x=\"{:.1}\" y=\"{ly:.1}\" text-anchor=\"{}\" fill=\"{INK}\" paint-order=\"stroke\" stroke=\"#FFFFFF\" stroke-width=\"4\">{}</text>", width - RIGHT - 4.0, Side::Left.anchor(rtl), escape_markup(label));
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
            let label = chart
                .x_labels
                .get(i)
                .map(|l| l.full.as_str())
                .unwrap_or_default();
            let _ = write!(s, "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4.5\" fill=\"{SERIES}\" stroke=\"#FFFFFF\" stroke-width=\"1.5\"><title>{}: {}</title></circle>", x(i), y(*v), escape_markup(label), escape_markup(&shown));
        }
    }

    // Legend: from the left edge rightwards, or, right to left, from the
    // right edge leftwards; an item that does not fit starts a new row.
    let towards: f64 = if rtl { -1.0 } else { 1.0 };
    for (offset, row, label, colour, dash) in legend {
        let ly = legend_top + row as f64 * font * 1.6 + font * 0.4;
        let lx = if rtl {
            width - legend_start - offset
        } else {
            legend_start + offset
        };
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
    }
    s.push_str("</svg>");
    s
}

/// A `<text>` of one or more lines, the first at `y`.
fn write_lines(s: &mut String, x: f64, y: f64, anchor: &str, lines: &[String], line_height: f64) {
    if let [line] = lines {
        let _ = write!(
            s,
            "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\" fill=\"{INK}\">{}</text>",
            escape_markup(line)
        );
        return;
    }
    let _ = write!(
        s,
        "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\" fill=\"{INK}\">"
    );
    for (k, line) in lines.iter().enumerate() {
        let dy = if k == 0 { 0.0 } else { line_height };
        let _ = write!(
            s,
            "<tspan x=\"{x:.1}\" dy=\"{dy:.1}\">{}</tspan>",
            escape_markup(line)
        );
    }
    s.push_str("</text>");
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
                .map(|(i, _)| PeriodLabel {
                    full: format!("2024-Q{}", i + 1),
                    short: format!("Q{}", i + 1),
                })
                .collect(),
            values,
            baseline: Some(Reference {
                value: 1.0,
                label: "Baseline".into(),
                short_label: "Base".into(),
            }),
            target: Some(Reference {
                value: 8.0,
                label: "Target".into(),
                short_label: "T".into(),
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
        assert_eq!(anchor_of(&ltr, "8"), ("end".into(), 32.0));
        assert_eq!(anchor_of(&rtl, "8"), ("start".into(), 32.0));
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
        // Three points in each of the two drawings.
        assert_eq!(out.matches("<circle").count(), 6);
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
            short_label: "Base".into(),
        });
        c.target = Some(Reference {
            value: 2.0,
            label: "Target".into(),
            short_label: "T".into(),
        });
        let out = svg(&c);
        for l in ["Low", "Medium", "High"] {
            assert!(out.contains(&format!(">{l}</text>")), "{l}");
        }
        assert!(out.contains(" H"), "steps between levels");
        assert!(out.contains("<title>2024-Q4: High</title>"));
    }

    /// Twelve Spanish quarters.
    fn quarters() -> Vec<PeriodLabel> {
        (0..12)
            .map(|i| PeriodLabel {
                full: format!("{}.º trimestre de {}", i % 4 + 1, 2022 + i / 4),
                short: format!("T{} {}", i % 4 + 1, 2022 + i / 4),
            })
            .collect()
    }

    /// The estimated box of each label shown, left to right.
    fn boxes(t: &TimeLabels, font: f64) -> Vec<(f64, f64)> {
        t.shown
            .iter()
            .map(|(_, c, lines)| {
                let w = lines
                    .iter()
                    .map(|l| text_width(l, font))
                    .fold(0.0, f64::max);
                (c - w / 2.0, c + w / 2.0)
            })
            .collect()
    }

    #[test]
    fn time_labels_fit_without_overlapping_and_keep_the_last() {
        for layout in [&WIDE, &NARROW] {
            let (left, right) = (60.0, layout.width - RIGHT);
            let step = (right - left) / 12.0;
            let x = |i: usize| left + step * (i as f64 + 0.5);
            let t = time_labels(&quarters(), &x, layout.width, layout.font);
            assert_eq!(t.shown.last().unwrap().0, 11, "the last period is labelled");
            let b = boxes(&t, layout.font);
            for pair in b.windows(2) {
                assert!(pair[0].1 + LABEL_GAP <= pair[1].0 + 1e-9, "{b:?}");
            }
            assert!(
                b[0].0 >= EDGE && b.last().unwrap().1 <= layout.width - EDGE,
                "{b:?}"
            );
            // Evenly thinned, counted back from the last.
            let every = 12 / t.shown.len().max(1);
            for (i, _, _) in &t.shown {
                assert_eq!((11 - i) % every.max(1), 0, "{every}");
            }
        }
        // Wide: every quarter, written short in two lines rather than
        // leaving any out.
        let x = |i: usize| 60.0 + (720.0 - 76.0) / 12.0 * (i as f64 + 0.5);
        let wide = time_labels(&quarters(), &x, WIDE.width, WIDE.font);
        assert_eq!(wide.shown.len(), 12);
        assert_eq!(wide.shown[0].2, vec!["T1".to_string(), "2022".to_string()]);
        // Four labels fit in full, in two lines.
        let four: Vec<PeriodLabel> = quarters().into_iter().take(4).collect();
        let x4 = |i: usize| 60.0 + (720.0 - 76.0) / 4.0 * (i as f64 + 0.5);
        let t = time_labels(&four, &x4, WIDE.width, WIDE.font);
        assert_eq!(t.shown.len(), 4);
        assert_eq!(t.lines, 2);
        assert_eq!(
            t.shown[3].2,
            vec!["4.º trimestre".to_string(), "de 2022".to_string()]
        );
    }

    #[test]
    fn a_chart_is_drawn_wide_and_narrow() {
        let f = |v: f64| format!("{v}");
        let out = svg(&chart(
            Axis::Numeric { unit: "u".into() },
            vec![2.0, 3.0, 5.0],
            &f,
        ));
        assert_eq!(out.matches("<svg ").count(), 2);
        assert!(out.contains("class=\"chart chart-wide\" viewBox=\"0 0 720 "));
        assert!(out.contains("class=\"chart chart-narrow\" viewBox=\"0 0 340 "));
        assert!(out.contains("<title id=\"c1-narrow-title\">"));
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

//! Markdown to HTML, done once per document.
//!
//! On top of CommonMark (with tables, footnotes, strikethrough and task
//! lists), this step:
//! - resolves `@/cases/lima.md` links through a caller-supplied resolver, so
//!   authors never write URLs and a broken link is an error with its position;
//! - gives every heading a stable `id` (from its text, or `{#id}`), so
//!   `#fragment` links and tables of contents work;
//! - escapes raw HTML unless the site allows it, and drops links and images
//!   whose address would run script (`javascript:`, `vbscript:`, `data:`).

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::diagnostics::Problem;
use crate::slug::slugify;

/// A heading of a document, for tables of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// 1 for `#`, 2 for `##`…
    pub level: u8,
    /// The `id` attribute.
    pub id: String,
    /// The heading's text.
    pub text: String,
}

/// A link the resolver could not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkError {
    /// Byte offset of the link in the Markdown text.
    pub(crate) offset: usize,
    /// Why.
    pub(crate) message: String,
    /// What to do.
    pub(crate) help: String,
}

/// The HTML of a document and what was learnt while producing it.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The body as HTML.
    pub html: String,
    /// The headings, in order.
    pub headings: Vec<Heading>,
    /// Links that could not be resolved.
    pub errors: Vec<LinkError>,
}

/// Resolves an `@/…` link target (without the `@/`) to a URL, or explains why not.
pub trait LinkResolver {
    /// `target` is e.g. `cases/lima.md#context`.
    fn resolve(&self, target: &str) -> Result<String, Problem>;
}

impl<F: Fn(&str) -> Result<String, Problem>> LinkResolver for F {
    fn resolve(&self, target: &str) -> Result<String, Problem> {
        self(target)
    }
}

/// Renders `markdown`. `allow_raw_html` passes HTML written in the text
/// through; otherwise it is shown as text.
pub fn render(markdown: &str, resolver: &dyn LinkResolver, allow_raw_html: bool) -> Rendered {
    let options = options();
    let mut events: Vec<Event> = Vec::new();
    let mut errors = Vec::new();
    // Link/image ends to drop, for links whose start was dropped.
    let mut dropped: Vec<bool> = Vec::new();

    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                let (Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = &tag else {
                    continue;
                };
                match rewrite_url(dest_url, resolver) {
                    UrlOutcome::Keep(url) => {
                        dropped.push(false);
                        events.push(Event::Start(with_destination(tag, url)));
                    }
                    UrlOutcome::Unsafe => dropped.push(true),
                    UrlOutcome::Broken(Problem { message, help }) => {
                        errors.push(LinkError {
                            offset: range.start,
                            message,
                            help,
                        });
                        dropped.push(true);
                    }
                }
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                if !dropped.pop().unwrap_or(false) {
                    events.push(event);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) if !allow_raw_html => {
                events.push(Event::Text(html));
            }
            Event::Start(Tag::HtmlBlock) if !allow_raw_html => {
                events.push(Event::Start(Tag::Paragraph));
            }
            Event::End(TagEnd::HtmlBlock) if !allow_raw_html => {
                events.push(Event::End(TagEnd::Paragraph));
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) if !allow_raw_html => {
                events.push(Event::Start(safe_heading(level, id, classes, attrs)));
            }
            other => events.push(other),
        }
    }

    let headings = assign_heading_ids(&mut events);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Rendered {
        html,
        headings,
        errors,
    }
}

/// The Markdown extensions memoria turns on.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A link or image address written as is (not `@/…`) in a Markdown text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlainLink {
    /// Byte offset of the link in the Markdown text.
    pub(crate) offset: usize,
    /// The address, as the page will have it.
    pub(crate) url: String,
}

/// Every link and image of `markdown` whose address is written as is and
/// kept in the page (not an `@/…` link, not a removed `javascript:` one), in
/// order, with its position. The link checker resolves them against the
/// built site.
pub(crate) fn plain_links(markdown: &str) -> Vec<PlainLink> {
    Parser::new_ext(markdown, options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !dest_url.starts_with("@/") && !is_unsafe_url(&dest_url) =>
            {
                Some(PlainLink {
                    offset: range.start,
                    url: dest_url.to_string(),
                })
            }
            _ => None,
        })
        .collect()
}

/// A heading with only what cannot run script: its `{#id}` and `.class`es,
/// each reduced to letters, digits, `-` and `_`. Other `key=value`
/// attributes are dropped (they could be event handlers such as `onfocus`).
fn safe_heading<'a>(
    level: HeadingLevel,
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    _attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
) -> Tag<'a> {
    Tag::Heading {
        level,
        id: id.and_then(|i| safe_name(&i)).map(CowStr::from),
        classes: classes
            .iter()
            .filter_map(|c| safe_name(c))
            .map(CowStr::from)
            .collect(),
        attrs: Vec::new(),
    }
}

/// `name` with every character other than a letter, a digit, `-` or `_`
/// removed; None when nothing is left.
fn safe_name(name: &str) -> Option<String> {
    let kept: String = name
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    (!kept.is_empty()).then_some(kept)
}

/// The same link or image, pointing to `url`.
fn with_destination<'a>(tag: Tag<'a>, url: CowStr<'a>) -> Tag<'a> {
    match tag {
        Tag::Link {
            link_type,
            title,
            id,
            ..
        } => Tag::Link {
            link_type,
            dest_url: url,
            title,
            id,
        },
        Tag::Image {
            link_type,
            title,
            id,
            ..
        } => Tag::Image {
            link_type,
            dest_url: url,
            title,
            id,
        },
        other => other,
    }
}

enum UrlOutcome<'a> {
    Keep(CowStr<'a>),
    Unsafe,
    Broken(Problem),
}

fn rewrite_url<'a>(url: &CowStr<'a>, resolver: &dyn LinkResolver) -> UrlOutcome<'a> {
    if let Some(target) = url.strip_prefix("@/") {
        return match resolver.resolve(target) {
            Ok(resolved) => UrlOutcome::Keep(CowStr::from(resolved)),
            Err(problem) => UrlOutcome::Broken(problem),
        };
    }
    if is_unsafe_url(url) {
        UrlOutcome::Unsafe
    } else {
        UrlOutcome::Keep(url.clone())
    }
}

/// True for addresses that would run script or embed arbitrary data when
/// followed. Browsers ignore whitespace and control characters inside the
/// scheme, so they are ignored here too.
pub(crate) fn is_unsafe_url(url: &str) -> bool {
    let scheme: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .take_while(|c| *c != ':' && *c != '/' && *c != '?' && *c != '#')
        .collect::<String>()
        .to_ascii_lowercase();
    let has_colon = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .nth(scheme.chars().count())
        == Some(':');
    has_colon && matches!(scheme.as_str(), "javascript" | "vbscript" | "data" | "file")
}

/// Gives every heading an id (its own `{#id}`, else one made from its text,
/// made unique within the document) and returns the headings.
fn assign_heading_ids(events: &mut [Event]) -> Vec<Heading> {
    let mut used: Vec<String> = Vec::new();
    let mut headings = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i] {
            let level = heading_level(*level);
            let explicit = id.as_ref().map(|s| s.to_string());
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let base = explicit.unwrap_or_else(|| {
                let s = slugify(&text);
                if s.is_empty() {
                    "section".to_string()
                } else {
                    s
                }
            });
            let mut unique = base.clone();
            let mut n = 2;
            while used.contains(&unique) {
                unique = format!("{base}-{n}");
                n += 1;
            }
            used.push(unique.clone());
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(unique.clone()));
            }
            headings.push(Heading {
                level,
                id: unique,
                text: text.trim().to_string(),
            });
            i = j;
        }
        i += 1;
    }
    headings
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_links(_: &str) -> Result<String, Problem> {
        Err(Problem::new("no", "none"))
    }

    #[test]
    fn resolves_source_links_and_reports_broken_ones() {
        let resolver = |t: &str| {
            if t == "cases/lima.md" {
                Ok("/es/casos/lima/".to_string())
            } else {
                Err(Problem::new(format!("no {t}"), "fix".to_string()))
            }
        };
        let r = render(
            "See [Lima](@/cases/lima.md) and\n[X](@/cases/x.md).",
            &resolver,
            false,
        );
        assert!(
            r.html.contains("<a href=\"/es/casos/lima/\">Lima</a>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("X"));
        assert_eq!(r.errors.len(), 1);
        assert_eq!(
            &"See [Lima](@/cases/lima.md) and\n[X](@/cases/x.md)."[r.errors[0].offset..][..3],
            "[X]"
        );
    }

    #[test]
    fn raw_html_is_escaped_by_default() {
        let r = render("<script>alert(1)</script>\n\nhi <b>x</b>", &no_links, false);
        assert!(!r.html.contains("<script>"), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"));
        assert!(r.html.contains("&lt;b&gt;"));
        let allowed = render("hi <b>x</b>", &no_links, true);
        assert!(allowed.html.contains("<b>x</b>"));
    }

    #[test]
    fn script_urls_are_removed() {
        for src in [
            "[a](javascript:alert(1))",
            "[a](JaVaScRiPt:alert(1))",
            "[a](java%0ascript:x)",
            "<javascript:alert(1)>",
            "![i](data:text/html,x)",
            "[a](vbscript:x)",
        ] {
            let r = render(src, &no_links, false);
            assert!(
                !r.html.to_lowercase().contains("href=\"javascript"),
                "{src}: {}",
                r.html
            );
            assert!(
                !r.html.to_lowercase().contains("src=\"data:"),
                "{src}: {}",
                r.html
            );
            assert!(!r.html.contains("vbscript:x\""), "{src}: {}", r.html);
        }
        assert!(is_unsafe_url("java\tscript:alert(1)"));
        assert!(!is_unsafe_url("https://example.org/javascript:"));
        assert!(!is_unsafe_url("/es/casos/"));
    }

    #[test]
    fn headings_get_unique_ids() {
        let r = render(
            "## Qué funcionó\n\n## Qué funcionó\n\n### Custom {#mine}\n",
            &no_links,
            false,
        );
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["que-funciono", "que-funciono-2", "mine"]);
        assert!(r.html.contains("<h2 id=\"que-funciono\">"));
    }

    #[test]
    fn plain_links_are_listed_with_their_offsets() {
        let src = "[a](@/cases/x.md) [b](lima.en.md)\n\n![i](/img/a.png) [c](javascript:x) [d](#top)\n\n[r]: /ref/\n\n[e][r]";
        let links = plain_links(src);
        let got: Vec<(&str, &str)> = links
            .iter()
            .map(|l| (&src[l.offset..l.offset + 3], l.url.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("[b]", "lima.en.md"),
                ("![i", "/img/a.png"),
                ("[d]", "#top"),
                ("[e]", "/ref/")
            ]
        );
    }

    #[test]
    fn heading_attributes_keep_only_id_and_classes() {
        let src = "## Title {#my\"id .big .x\"onclick=y tabindex=0 autofocus onfocus=alert(1)}\n";
        let r = render(src, &no_links, false);
        assert!(
            r.html
                .contains("<h2 id=\"myid\" class=\"big xonclicky\">Title</h2>"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("onfocus"), "{}", r.html);
        let allowed = render("## T {data-x=1}\n", &no_links, true);
        assert!(allowed.html.contains("data-x=\"1\""), "{}", allowed.html);
    }
}

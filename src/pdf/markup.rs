//! A report's Markdown narrative written as Typst markup, for printing.
//!
//! Every piece of the author's text becomes a Typst string (`#"…";`), so
//! nothing an author writes can be read as Typst code: only quotes and
//! backslashes need escaping inside a string. Links print their address in
//! a numbered footnote; headings become sub-headings of the narrative part.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The Markdown features the site reads (as `markdown.rs` does).
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// `text` as a Typst string literal, quotes included.
pub(crate) fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text of the author's, as a Typst expression in markup.
fn text(out: &mut String, t: &str) {
    if !t.is_empty() {
        out.push('#');
        out.push_str(&string(t));
        out.push(';');
    }
}

/// The Typst markup of the Markdown `markdown`. `link` turns a link's
/// address as written into the address to print, or `None` to print its
/// text alone (an address that would run script, or one that cannot be
/// resolved, already reported when the site was loaded).
pub(crate) fn from_markdown(markdown: &str, link: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::new();
    // The address to print at the end of each open link (None: none).
    let mut links: Vec<Option<String>> = Vec::new();
    // The depth of the last heading (1: the narrative part's own).
    let mut last_depth = 1;
    // Inside a code block, whose text goes into one string.
    let mut code = false;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => {}
                Tag::Heading { level, .. } => {
                    // The narrative is part 1: its headings are one level down.
                    // A level skipped in the text (## then ####) is not
                    // skipped in print, where a reader's outline needs each.
                    let wanted = match level {
                        HeadingLevel::H1 | HeadingLevel::H2 => 2,
                        HeadingLevel::H3 => 3,
                        _ => 4,
                    };
                    let depth = wanted.min(last_depth + 1);
                    last_depth = depth;
                    out.push_str(&format!("\n#heading(level: {depth})["));
                }
                Tag::BlockQuote(_) => out.push_str("\n#quote(block: true)["),
                Tag::CodeBlock(_) => {
                    // The text follows inside one string, closed at the end.
                    out.push_str("\n#raw(block: true, \"");
                    code = true;
                }
                Tag::HtmlBlock => {}
                Tag::List(Some(start)) => out.push_str(&format!("\n#enum(start: {start}, ")),
                Tag::List(None) => out.push_str("\n#list("),
                Tag::Item => out.push('['),
                Tag::FootnoteDefinition(label) => {
                    out.push_str("\n#block[");
                    text(&mut out, &format!("[{label}] "));
                }
                Tag::DefinitionList
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition
                | Tag::MetadataBlock(_)
                | Tag::Superscript
                | Tag::Subscript => {}
                Tag::Table(aligns) => {
                    out.push_str(&format!("\n#table(columns: {}, ", aligns.len().max(1)));
                }
                Tag::TableHead => out.push_str("table.header("),
                Tag::TableRow => {}
                Tag::TableCell => out.push('['),
                Tag::Emphasis => out.push_str("#emph["),
                Tag::Strong => out.push_str("#strong["),
                Tag::Strikethrough => out.push_str("#strike["),
                Tag::Link { dest_url, .. } => {
                    let to = link(&dest_url);
                    match &to {
                        Some(url) => out.push_str(&format!("#link({})[", string(url))),
                        None => out.push_str("#["),
                    }
                    links.push(to);
                }
                // Images of the narrative print as their description.
                Tag::Image { .. } => out.push_str("#["),
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph => out.push_str("\n\n"),
                TagEnd::Heading(_) => out.push_str("]\n"),
                TagEnd::BlockQuote(_) => out.push_str("]\n"),
                TagEnd::CodeBlock => {
                    code = false;
                    out.push_str("\")\n");
                }
                TagEnd::HtmlBlock => out.push_str("\n\n"),
                TagEnd::List(_) => out.push_str(")\n"),
                TagEnd::Item => out.push_str("],"),
                TagEnd::FootnoteDefinition => out.push_str("]\n"),
                TagEnd::DefinitionList
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition
                | TagEnd::MetadataBlock(_)
                | TagEnd::Superscript
                | TagEnd::Subscript => {}
                TagEnd::Table => out.push_str(")\n"),
                TagEnd::TableHead => out.push_str("),"),
                TagEnd::TableRow => {}
                TagEnd::TableCell => out.push_str("],"),
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => out.push(']'),
                TagEnd::Link => {
                    out.push(']');
                    if let Some(Some(url)) = links.pop() {
                        out.push_str(&format!("#footnote(link({0}, {0}));", string(&url)));
                    }
                }
                TagEnd::Image => out.push(']'),
            },
            Event::Text(t) => {
                if code {
                    let s = string(&t);
                    out.push_str(&s[1..s.len() - 1]);
                } else {
                    text(&mut out, &t);
                }
            }
            Event::Code(t) => out.push_str(&format!("#raw({});", string(&t))),
            Event::InlineMath(t) | Event::DisplayMath(t) => text(&mut out, &t),
            Event::Html(t) | Event::InlineHtml(t) => text(&mut out, &t),
            Event::FootnoteReference(label) => {
                out.push_str(&format!("#super({});", string(&label)));
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push_str("#linebreak();"),
            Event::Rule => out.push_str("\n#line(length: 100%)\n"),
            Event::TaskListMarker(done) => text(&mut out, if done { "☑ " } else { "☐ " }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(md: &str) -> String {
        from_markdown(md, &|u: &str| Some(format!("https://x.org/{u}")))
    }

    #[test]
    fn text_is_always_a_string() {
        let m = plain("A #b *c* $d$ <e> @f = [g] \\ \"h\"");
        assert_eq!(
            m.trim_end(),
            r##"#"A #b ";#emph[#"c";]#" $d$ ";#"<e>";#" @f = ";#"[";#"g";#"]";#" \\ \"h\"";"##
        );
    }

    #[test]
    fn links_print_their_address_in_a_footnote() {
        let m = plain("See [the plan](plan/).");
        assert!(
            m.contains(r#"#link("https://x.org/plan/")[#"the plan";]#footnote(link("https://x.org/plan/", "https://x.org/plan/"));"#),
            "{m}"
        );
        let m = from_markdown("[x](javascript:alert(1))", &|_: &str| None);
        assert!(
            !m.contains("javascript") && m.contains(r#"#[#"x";]"#),
            "{m}"
        );
    }

    #[test]
    fn headings_lists_and_code() {
        let m = plain("## Dificultades\n\n- uno\n- dos\n\n```\na \"b\"\n```\n");
        assert!(m.contains("#heading(level: 2)[#\"Dificultades\";]"), "{m}");
        assert!(m.contains("#list([#\"uno\";],[#\"dos\";],)"), "{m}");
        assert!(m.contains(r#"#raw(block: true, "a \"b\"\n")"#), "{m}");
    }
}

//! Atom feeds (RFC 4287), one per language: `/<lang>/atom.xml`, with the
//! good practices and the presented reports of that language, newest first,
//! and the site's licence (`<rights>`, with its link of RFC 4946).
//! Dates come from the content, never from the build, so feeds are
//! reproducible.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::content::Kind;
use crate::output::OutputFile;
use crate::routes;
use crate::site::Site;
use crate::theme::escape_markup;

/// Entries kept in a feed.
pub const MAX_ENTRIES: usize = 50;

struct FeedEntry {
    id: String,
    title: String,
    summary: String,
    date: NaiveDate,
    category: &'static str,
}

fn timestamp(d: NaiveDate) -> String {
    format!("{d}T00:00:00Z")
}

/// The feed of every language.
pub fn files(site: &Site) -> Vec<OutputFile> {
    site.config
        .languages
        .iter()
        .map(|lang| feed(site, lang))
        .collect()
}

/// The route of the feed of `lang`.
pub fn route(site: &Site, lang: &str) -> routes::Route {
    routes::Route::file(&site.config, &format!("{lang}/atom.xml"))
}

fn feed(site: &Site, lang: &str) -> OutputFile {
    let mut entries: Vec<FeedEntry> = Vec::new();
    for doc in site.content.cases.documents().filter(|d| d.lang == lang) {
        if let Some(r) = site.routes.doc(Kind::Case, &doc.id, lang) {
            entries.push(FeedEntry {
                id: r.permalink.clone(),
                title: doc.meta.title.clone(),
                summary: doc.meta.summary.clone(),
                date: doc.meta.date,
                category: "case",
            });
        }
    }
    for doc in site.content.reports.documents().filter(|d| d.lang == lang) {
        let (Some(date), Some(r)) = (
            doc.meta.presented,
            site.routes.doc(Kind::Report, &doc.id, lang),
        ) else {
            continue;
        };
        entries.push(FeedEntry {
            id: r.permalink.clone(),
            title: doc.meta.title.clone(),
            summary: doc.meta.legislature.clone(),
            date,
            category: "report",
        });
    }
    entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    entries.truncate(MAX_ENTRIES);

    let home = routes::home(&site.config, lang);
    let me = route(site, lang);
    let title = site.config.title(lang);
    let updated = entries
        .iter()
        .map(|e| e.date)
        .max()
        .unwrap_or(NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default());
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">"
    );
    let _ = writeln!(xml, "  <id>{}</id>", escape_markup(&home.permalink));
    let _ = writeln!(xml, "  <title>{}</title>", escape_markup(title));
    if let Some(d) = site.config.description.get(lang) {
        let _ = writeln!(xml, "  <subtitle>{}</subtitle>", escape_markup(d));
    }
    let _ = writeln!(xml, "  <updated>{}</updated>", timestamp(updated));
    let _ = writeln!(
        xml,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape_markup(&me.permalink)
    );
    let _ = writeln!(
        xml,
        "  <link rel=\"alternate\" type=\"text/html\" hreflang=\"{lang}\" href=\"{}\"/>",
        escape_markup(&home.permalink)
    );
    let _ = writeln!(
        xml,
        "  <author><name>{}</name></author>",
        escape_markup(title)
    );
    // The licence: its name and address for readers, and the address as
    // the feed's licence link (RFC 4946). None without a licence.
    if let Some(l) = &site.config.licence {
        let rights = match l.name {
            Some(name) => format!("{name} ({})", l.url),
            None => l.url.clone(),
        };
        let _ = writeln!(xml, "  <rights>{}</rights>", escape_markup(&rights));
        let _ = writeln!(
            xml,
            "  <link rel=\"license\" href=\"{}\"/>",
            escape_markup(&l.url)
        );
    }
    let _ = writeln!(xml, "  <generator>memoria</generator>");
    for e in &entries {
        xml.push_str("  <entry>\n");
        let _ = writeln!(xml, "    <id>{}</id>", escape_markup(&e.id));
        let _ = writeln!(xml, "    <title>{}</title>", escape_markup(&e.title));
        let _ = writeln!(
            xml,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            escape_markup(&e.id)
        );
        let _ = writeln!(xml, "    <updated>{}</updated>", timestamp(e.date));
        let _ = writeln!(xml, "    <published>{}</published>", timestamp(e.date));
        let _ = writeln!(xml, "    <category term=\"{}\"/>", e.category);
        let _ = writeln!(xml, "    <summary>{}</summary>", escape_markup(&e.summary));
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    OutputFile::new(me.file, xml.into_bytes(), format!("Atom feed ({lang})"))
}

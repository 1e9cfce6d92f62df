//! What the home page shows besides the newest good practices: the latest
//! report presented and the progress of the indicators by dimension.

use super::data::reports::{PdfLink, ReportItem};
use super::data::HomeReport;
use super::reports::{file_size, report_item};
use crate::content::Kind;
use crate::site::Site;

/// The report of the latest semester that was presented, in `lang` (or,
/// when not translated, in the first language of the fallback order that
/// has it); `None` when no report was presented yet.
pub(crate) fn latest_report<'a>(site: &'a Site, lang: &str) -> Option<HomeReport<'a>> {
    let fallbacks = site.config.fallbacks(lang);
    let (entry, doc) = site
        .content
        .reports
        .entries
        .values()
        .filter_map(|e| {
            let doc = e.get_or_fallback(lang, &fallbacks)?;
            doc.meta.presented.map(|_| (e, doc))
        })
        .max_by_key(|(_, doc)| doc.meta.period)?;
    let url = &site.routes.doc(Kind::Report, &entry.id, &doc.lang)?.url;
    let report: ReportItem<'a> = report_item(site, lang, doc, url);
    let pdf = site
        .printed
        .get(&(doc.id.clone(), doc.lang.clone()))
        .map(|p| PdfLink {
            url: p.url.clone(),
            size: file_size(site, lang, p.bytes),
        });
    Some(HomeReport { report, pdf })
}

//! Derived data: what is computed once from the loaded model before any
//! page is rendered (Markdown bodies with resolved links, headings).

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{Collection, Content, Document, Kind};
use crate::diagnostics::{closest, Diagnostic, Diagnostics, Problem};
use crate::markdown;
use crate::routes::Routes;
use crate::text::position_of;

/// Renders the Markdown body of every document, in parallel, resolving `@/`
/// links in the document's language. Broken links are errors.
pub fn render_bodies(
    config: &Config,
    content: &mut Content,
    routes: &Routes,
    diags: &mut Diagnostics,
) {
    let cases = render_collection(config, content, &content.cases, routes, diags);
    let pages = render_collection(config, content, &content.pages, routes, diags);
    let reports = render_collection(config, content, &content.reports, routes, diags);
    apply(&mut content.cases, cases);
    apply(&mut content.pages, pages);
    apply(&mut content.reports, reports);
}

type Bodies = Vec<(String, String, markdown::Rendered)>;

fn render_collection<M: Sync>(
    config: &Config,
    content: &Content,
    collection: &Collection<M>,
    routes: &Routes,
    diags: &mut Diagnostics,
) -> Bodies {
    let docs: Vec<&Document<M>> = collection.documents().collect();
    let rendered: Vec<_> = docs
        .par_iter()
        .map(|doc| {
            let resolver = |target: &str| resolve_link(config, content, routes, &doc.lang, target);
            let r = markdown::render(doc.body(), &resolver, config.allow_raw_html);
            (doc.id.clone(), doc.lang.clone(), r)
        })
        .collect();
    for ((_, _, r), doc) in rendered.iter().zip(&docs) {
        for e in &r.errors {
            diags.push(
                Diagnostic::error(&doc.source, e.message.clone())
                    .at(Some(position_of(&doc.text, doc.body_offset + e.offset)))
                    .with_source(&doc.text)
                    .help(e.help.clone()),
            );
        }
    }
    rendered
}

fn apply<M>(collection: &mut Collection<M>, bodies: Bodies) {
    for (id, lang, r) in bodies {
        if let Some(doc) = collection
            .entries
            .get_mut(&id)
            .and_then(|e| e.docs.get_mut(&lang))
        {
            doc.html = r.html;
            doc.headings = r.headings;
        }
    }
}

/// Resolves `@/cases/lima.md#context` (written without the `@/`) for a page in
/// `lang`: the target's page in `lang`, else in the default language, else in
/// any language it has. `@/cases/lima.en.md` asks for one language.
pub fn resolve_link(
    config: &Config,
    content: &Content,
    routes: &Routes,
    lang: &str,
    target: &str,
) -> Result<String, Problem> {
    let (path, fragment) = match target.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (target, None),
    };
    let usage = "a link to other content names its file under content/, e.g. [Lima](@/cases/lima.md), [About](@/pages/about.md) or [an indicator](@/indicators/agreements-signed.yaml)";
    let (folder, file) = match (path.split('/').next(), path.rsplit('/').next()) {
        (Some(folder), Some(file)) if path.contains('/') => (folder, file),
        _ => {
            return Err(Problem::new(
                format!("the link @/{target} does not name a content file"),
                usage,
            ))
        }
    };
    let Some(kind) = Kind::from_folder(folder) else {
        let folders: Vec<&str> = Kind::ALL.iter().map(|k| k.folder()).collect();
        let hint = closest(folder, folders.iter().copied())
            .map(|f| format!("did you mean @/{f}/…? "))
            .unwrap_or_default();
        return Err(Problem::new(
            format!("the link @/{target} points into `{folder}`, which is not a content folder"),
            format!("{hint}{usage}"),
        ));
    };
    let ending = if kind.is_data() { ".yaml" } else { ".md" };
    let Some(stem) = file.strip_suffix(ending) else {
        return Err(Problem::new(
            format!("the link @/{target} must end in {ending}"),
            usage,
        ));
    };
    let (id, wanted) = match stem.rsplit_once('.') {
        Some((id, l)) if !kind.is_data() && config.languages.iter().any(|x| x == l) => {
            (id, Some(l))
        }
        _ => (stem, None),
    };
    let available: Vec<&String> = match kind {
        Kind::Case => content.cases.get(id).map(|e| e.docs.keys().collect()),
        Kind::Page => content.pages.get(id).map(|e| e.docs.keys().collect()),
        Kind::Indicator => content
            .indicators
            .get(id)
            .map(|_| config.languages.iter().collect()),
        Kind::Agreement => content
            .agreements
            .get(id)
            .map(|_| config.languages.iter().collect()),
        Kind::Action => content
            .actions
            .get(id)
            .map(|_| config.languages.iter().collect()),
        Kind::Report => content.reports.get(id).map(|e| e.docs.keys().collect()),
    }
    .unwrap_or_default();
    // A target whose file could not be read has its own error already: the
    // link leads to the address its file name gives, unchecked.
    let unreadable = match wanted {
        Some(l) => !available.iter().any(|a| *a == l) && content.unreadable.has(kind, id, l),
        None => available.is_empty() && content.unreadable.has_id(kind, id),
    };
    if unreadable {
        if let Some(route) = routes.doc(kind, id, wanted.unwrap_or(lang)) {
            return Ok(route.url.clone());
        }
    }
    if available.is_empty() {
        // Only a broken link pays for listing every id (for a suggestion).
        let ids: Vec<&str> = match kind {
            Kind::Case => content.cases.entries.keys().map(String::as_str).collect(),
            Kind::Page => content.pages.entries.keys().map(String::as_str).collect(),
            Kind::Indicator => content.indicators.keys().map(String::as_str).collect(),
            Kind::Agreement => content.agreements.keys().map(String::as_str).collect(),
            Kind::Action => content.actions.keys().map(String::as_str).collect(),
            Kind::Report => content.reports.entries.keys().map(String::as_str).collect(),
        };
        let help = match closest(id, ids.iter().copied()) {
            Some(near) => format!("did you mean @/{folder}/{near}{ending}? {usage}"),
            None => usage.to_string(),
        };
        let pattern = if kind.is_data() {
            format!("{id}.yaml")
        } else {
            format!("{id}.*.md")
        };
        return Err(Problem::new(format!("the link @/{target} points to content/{folder}/{pattern}, which does not exist (or is a draft)"), help));
    }
    let chosen = match wanted {
        Some(l) if available.iter().any(|a| *a == l) => l.to_string(),
        Some(l) => {
            return Err(Problem::new(
                format!("the link @/{target} asks for the `{l}` version, which does not exist"),
                format!(
                    "link to @/{folder}/{id}.md to get the reader's language or the default one"
                ),
            ))
        }
        None => config
            .fallbacks(lang)
            .into_iter()
            .find(|l| available.contains(&l))
            .unwrap_or_else(|| available[0].clone()),
    };
    let route = routes
        .doc(kind, id, &chosen)
        .ok_or_else(|| Problem::new(format!("the link @/{target} has no page"), usage))?;
    Ok(match fragment {
        Some(f) if !f.is_empty() => format!("{}#{f}", route.url),
        _ => route.url.clone(),
    })
}

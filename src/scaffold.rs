//! `memoria new case` and `memoria init`: starting points for authors.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use crate::config;
use crate::diagnostics::{display_path, Diagnostics, Problem};
use crate::slug;
use crate::theme;

mod ci;
pub use ci::CiHost;

/// Why a scaffold could not be made: the problem (what is wrong and what
/// to do) and whether it is a wrong use of the command.
#[derive(Debug)]
pub struct ScaffoldError {
    problem: Problem,
    usage: bool,
}

impl ScaffoldError {
    fn content(message: impl Into<String>, help: impl Into<String>) -> Self {
        ScaffoldError {
            problem: Problem::new(message, help),
            usage: false,
        }
    }
    fn usage(message: impl Into<String>, help: impl Into<String>) -> Self {
        ScaffoldError {
            problem: Problem::new(message, help),
            usage: true,
        }
    }
    /// A file or folder that cannot be made: `what` failed because of `e`.
    fn io(what: String, e: std::io::Error) -> Self {
        ScaffoldError::content(format!("{what}: {e}"), WRITE_HELP)
    }
    /// 2 for wrong usage (a bad slug), 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        if self.usage {
            2
        } else {
            1
        }
    }
    /// What is wrong and what to do.
    pub fn problem(&self) -> &Problem {
        &self.problem
    }
}

/// The message, then the advice (`  = help: …`).
impl fmt::Display for ScaffoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.problem.fmt(f)
    }
}

impl std::error::Error for ScaffoldError {}

/// What to do when a file cannot be created.
const WRITE_HELP: &str =
    "check that you may write in this folder and that the disk is not full, then run the command again";

/// The sections of the capitalization fiche, as theme-text keys.
pub(crate) const FICHE_SECTIONS: [&str; 7] = [
    "fiche_context",
    "fiche_what_was_done",
    "fiche_what_worked",
    "fiche_what_did_not_work",
    "fiche_lessons",
    "fiche_recommendations",
    "fiche_source",
];

/// Creates `content/cases/<slug>.<lang>.md` in every language of the site in
/// `root`, with every field and the fiche's sections in that language.
/// Existing files are never overwritten.
pub fn new_case(root: &Path, id: &str) -> Result<Vec<PathBuf>, ScaffoldError> {
    if let Err(e) = slug::validate(id) {
        let better = slug::slugify(id);
        let help = if better.is_empty() {
            e.help
        } else {
            format!("try `memoria new case {better}`")
        };
        return Err(ScaffoldError::usage(
            format!("`{id}` cannot be used as a case id: {}", e.message),
            help,
        ));
    }
    let mut diags = Diagnostics::new();
    let Some(config) = config::load(root, &mut diags) else {
        let why = diags
            .sorted()
            .first()
            .map(|d| d.to_string())
            .unwrap_or_default();
        return Err(ScaffoldError::content(
            format!("cannot read the site's configuration:\n{why}"),
            "fix site.toml as said above, or run the command in the folder that holds site.toml (or pass --root DIR)",
        ));
    };
    let i18n = theme::words_of_site(root, &config, &mut diags);
    let dir = root.join("content").join("cases");
    let targets: Vec<(String, PathBuf)> = config
        .languages
        .iter()
        .map(|l| (l.clone(), dir.join(format!("{id}.{l}.md"))))
        .collect();
    if let Some((_, existing)) = targets.iter().find(|(_, p)| p.exists()) {
        return Err(ScaffoldError::content(
            format!(
                "{} already exists; nothing was created",
                display_path(existing.strip_prefix(root).unwrap_or(existing))
            ),
            "choose another id for the new case, or edit the existing file",
        ));
    }
    fs::create_dir_all(&dir)
        .map_err(|e| ScaffoldError::io(format!("cannot create {}", dir.display()), e))?;
    let mut created = Vec::new();
    for (lang, path) in targets {
        let strings = i18n.strings(&lang);
        let mut text = format!(
            "---\ntitle: \"\"\ncity: \"\"\ncountry: \"\"\ndate: {}\nscale: local\ndimension: institutional\nthemes: []\nsdgs: []\nactors: []\nsummary: \"\"\nlessons: []\ndraft: true\n---\n",
            today()
        );
        for key in FICHE_SECTIONS {
            text.push_str(&format!("\n## {}\n\n", strings.get(key)));
        }
        fs::write(&path, text)
            .map_err(|e| ScaffoldError::io(format!("cannot write {}", path.display()), e))?;
        created.push(path);
    }
    Ok(created)
}

/// Today's date, for new drafts only (never used by builds).
fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0);
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|d| d.checked_add_days(chrono::Days::new(days)))
        .map(|d| d.to_string())
        .unwrap_or_else(|| "2026-01-01".into())
}

const INIT_CONFIG: &str = r#"# The site's settings. The full list is in docs/content-format.md of memoria.
title = { es = "Acción internacional de la ciudad", en = "The city's international action" }
description = { es = "Buenas prácticas, resultados e informes.", en = "Good practices, results and reports." }
base_url = "https://example.org/"
languages = ["es", "en"]
theme = "default"

# Who publishes the site: shown in the header and footer of every page.
# Complete it: the name of your office, its contact, and (optionally) a logo
# in static/ with a description of it in every language (logo_alt).
[identity]
name = { es = "Oficina de Relaciones Internacionales", en = "Office of International Relations" }
# logo = "static/logo.svg"
# logo_alt = { es = "Escudo de la ciudad", en = "The city's coat of arms" }
# email = "international@example.org"
# phone = "+00 000 000 000"
# The accessibility statement and the privacy notice, linked from the
# footer: two pages of content/pages/ to complete before publishing.
accessibility = "accessibility"
privacy = "privacy"
"#;

const INIT_ABOUT_ES: &str = "---\ntitle: Acerca de este sitio\nslug: acerca-de\nsummary: Qué publica este sitio y quién lo hace.\nweight: 1\n---\n\nEste sitio publica las buenas prácticas, los resultados y los informes de la acción internacional de la ciudad.\n";
const INIT_ABOUT_EN: &str = "---\ntitle: About this site\nsummary: What this site publishes and who makes it.\nweight: 1\n---\n\nThis site publishes the good practices, results and reports of the city's international action.\n";

/// Writes the publishing workflow of `host` into the existing site in
/// `root` (`memoria init --ci HOST` in a site's folder).
/// The accessibility statement and the privacy notice `init` writes, in
/// each language of the new site: honest first versions whose parts to
/// complete are marked `[TO COMPLETE]` / `[POR COMPLETAR]`.
const INIT_LEGAL_PAGES: [(&str, &str); 4] = [
    (
        "accessibility.es.md",
        include_str!("scaffold/pages/accessibility.es.md"),
    ),
    (
        "accessibility.en.md",
        include_str!("scaffold/pages/accessibility.en.md"),
    ),
    (
        "privacy.es.md",
        include_str!("scaffold/pages/privacy.es.md"),
    ),
    (
        "privacy.en.md",
        include_str!("scaffold/pages/privacy.en.md"),
    ),
];

pub fn init_ci(root: &Path, host: CiHost) -> Result<Vec<PathBuf>, ScaffoldError> {
    if !root.join(config::CONFIG_FILE).is_file() {
        return Err(ScaffoldError::content(
            format!("{} holds no site.toml", root.display()),
            "run the command in the site's folder (the one that holds site.toml), or start a new site with it: memoria init my-site --ci github",
        ));
    }
    Ok(vec![ci::write(root, host)?])
}

/// Creates a new site in `dir`: site.toml, an "about" page in two languages,
/// an empty folder for cases, and `templates/` and `static/` with a note on
/// overriding the built-in theme; with `ci`, also the
/// workflow that publishes it on that host.
pub fn init_with(dir: &Path, ci: Option<CiHost>) -> Result<Vec<PathBuf>, ScaffoldError> {
    let mut created = init(dir)?;
    if let Some(host) = ci {
        created.push(ci::write(dir, host)?);
    }
    Ok(created)
}

/// Creates a new site in `dir`: site.toml, an "about" page in two languages,
/// an empty folder for cases, and `templates/` and `static/` with a note on
/// overriding the built-in theme (which is not copied).
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    if dir.exists() {
        let mut entries = fs::read_dir(dir)
            .map_err(|e| ScaffoldError::io(format!("cannot read {}", dir.display()), e))?;
        if entries.next().is_some() {
            return Err(ScaffoldError::content(
                format!("{} is not empty", dir.display()),
                "choose a new or empty folder, e.g. memoria init my-site",
            ));
        }
    }
    let mut created = Vec::new();
    let mut write = |rel: &str, bytes: &[u8]| -> Result<(), ScaffoldError> {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| ScaffoldError::io(format!("cannot create {}", parent.display()), e))?;
        }
        fs::write(&path, bytes)
            .map_err(|e| ScaffoldError::io(format!("cannot write {}", path.display()), e))?;
        created.push(path);
        Ok(())
    };
    write(config::CONFIG_FILE, INIT_CONFIG.as_bytes())?;
    write("content/pages/about.es.md", INIT_ABOUT_ES.as_bytes())?;
    write("content/pages/about.en.md", INIT_ABOUT_EN.as_bytes())?;
    for (name, text) in INIT_LEGAL_PAGES {
        write(&format!("content/pages/{name}"), text.as_bytes())?;
    }
    write("content/cases/.keep", b"")?;
    write(
        &format!("templates/{}", theme::FOLDER_NOTE),
        TEMPLATES_NOTE.as_bytes(),
    )?;
    write(
        &format!("static/{}", theme::FOLDER_NOTE),
        STATIC_NOTE.as_bytes(),
    )?;
    Ok(created)
}

/// The note `init` leaves in `templates/`.
const TEMPLATES_NOTE: &str = "# Your own page layouts\n\nThe site uses the layouts built into memoria. To change one, put a file\nof the same name here: it replaces memoria's, the others stay as they are.\n\nTo start from memoria's own layout of a case page, run in the site's folder:\n\n    memoria theme copy templates/case.html\n\nthen edit templates/case.html. `memoria theme list` shows every file you\ncan copy. To go back to memoria's layout, delete your file.\n\nThis note is never published.\n";

/// The note `init` leaves in `static/`.
const STATIC_NOTE: &str = "# Your own files: style, images, downloads\n\nEvery file here is published as it is, at the same place under the site's\naddress (static/logo.svg becomes /logo.svg). A file with the name of one of\nmemoria's own replaces it: to change the colours and fonts, run in the\nsite's folder\n\n    memoria theme copy static/style.css\n\nthen edit static/style.css. This note is never published.\n";

/// Writes the built-in theme's file `name` (e.g. `templates/case.html`) into
/// the same place in the site in `root`, to be changed there. An existing
/// file is never replaced.
pub fn theme_copy(root: &Path, name: &str) -> Result<Vec<PathBuf>, ScaffoldError> {
    if !root.join(config::CONFIG_FILE).is_file() {
        return Err(ScaffoldError::content(
            format!("{} holds no site.toml", root.display()),
            "run the command in the site's folder (the one that holds site.toml)",
        ));
    }
    let wanted = name.trim().trim_start_matches("./").replace('\\', "/");
    let Some(file) = theme::built_in(&wanted) else {
        let names = theme::built_in_names();
        let same_name: Vec<&String> = names
            .iter()
            .filter(|n| n.rsplit('/').next() == wanted.rsplit('/').next())
            .collect();
        let help = match same_name.first() {
            Some(n) => format!("did you mean `memoria theme copy {n}`?"),
            None => {
                "`memoria theme list` shows the files you can copy, e.g. templates/case.html".into()
            }
        };
        return Err(ScaffoldError::usage(
            format!("memoria's built-in theme has no file `{wanted}`"),
            help,
        ));
    };
    let target = root.join(&wanted);
    if target.exists() {
        return Err(ScaffoldError::content(
            format!("{wanted} already exists in the site; nothing was copied"),
            format!("edit {wanted} as it is, or delete it first to start again from memoria's own"),
        ));
    }
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| ScaffoldError::io(format!("cannot create {}", parent.display()), e))?;
    }
    let bytes = file
        .bytes()
        .map_err(|d| ScaffoldError::content(d.to_string(), WRITE_HELP))?;
    fs::write(&target, bytes)
        .map_err(|e| ScaffoldError::io(format!("cannot write {}", target.display()), e))?;
    Ok(vec![target])
}

/// The files of the built-in theme a site can copy and replace, sorted
/// (`memoria theme list`).
pub fn built_in_theme_files() -> Vec<String> {
    theme::built_in_names()
}

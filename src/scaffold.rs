//! `memoria new case` and `memoria init`: starting points for authors.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use crate::config;
use crate::diagnostics::{display_path, Diagnostics, Problem};
use crate::i18n::I18n;
use crate::slug;

mod ci;
pub use ci::CiHost;

/// The default theme, built into the program so `init` can start a site anywhere.
static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

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
    let theme_dir = root.join("themes").join(&config.theme);
    let i18n = I18n::load(root, &theme_dir, &config.languages, &mut diags);
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
"#;

const INIT_ABOUT_ES: &str = "---\ntitle: Acerca de este sitio\nslug: acerca-de\nsummary: Qué publica este sitio y quién lo hace.\nweight: 1\n---\n\nEste sitio publica las buenas prácticas, los resultados y los informes de la acción internacional de la ciudad.\n";
const INIT_ABOUT_EN: &str = "---\ntitle: About this site\nsummary: What this site publishes and who makes it.\nweight: 1\n---\n\nThis site publishes the good practices, results and reports of the city's international action.\n";

/// Writes the publishing workflow of `host` into the existing site in
/// `root` (`memoria init --ci HOST` in a site's folder).
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
/// an empty folder for cases and the default theme; with `ci`, also the
/// workflow that publishes it on that host.
pub fn init_with(dir: &Path, ci: Option<CiHost>) -> Result<Vec<PathBuf>, ScaffoldError> {
    let mut created = init(dir)?;
    if let Some(host) = ci {
        created.push(ci::write(dir, host)?);
    }
    Ok(created)
}

/// Creates a new site in `dir`: site.toml, an "about" page in two languages,
/// an empty folder for cases and the default theme.
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
    write("content/cases/.keep", b"")?;
    for file in theme_files(&DEFAULT_THEME) {
        write(
            &format!(
                "themes/default/{}",
                file.path().to_string_lossy().replace('\\', "/")
            ),
            file.contents(),
        )?;
    }
    Ok(created)
}

fn theme_files<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut out: Vec<&include_dir::File> = dir.files().collect();
    for sub in dir.dirs() {
        out.extend(theme_files(sub));
    }
    out.sort_by_key(|f| f.path());
    out
}

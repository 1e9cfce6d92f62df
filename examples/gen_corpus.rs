//! Writes a complete, deterministic memoria site for benchmarks.
//!
//! ```text
//! cargo run --release --example gen_corpus -- N DIR [SEED] [--hugo HUGO_DIR]
//! ```
//!
//! N cases in Spanish and English (each ~800–1,200 words following the
//! capitalization fiche: seven `##` sections, lists, a table, emphasis and
//! three `@/` links to other cases), ~30 themes and ~60 cities, N/20
//! indicators with 20 quarterly observations each, N/10 agreements, N/4
//! actions and the semiannual reports of the years they cover. The same N
//! and seed always give the same bytes.
//!
//! With `--hugo HUGO_DIR` it also writes the equivalent Hugo site, for
//! comparison: the same Markdown of the cases, reports and pages in both
//! languages (the `@/cases/x.md` links written as `{{< ref >}}`), the same
//! two taxonomies (themes, with their labels, and cities), one feed per
//! language (the 50 newest entries, like memoria's), a sitemap, and minimal
//! layouts (a page shows its title, facts, body and taxonomies; lists are
//! paginated by 20, like memoria's). Adding `--hugo` does not change the
//! memoria site's bytes.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const ES_WORDS: &[&str] = &[
    "ciudad",
    "cooperación",
    "internacional",
    "gobierno",
    "local",
    "red",
    "alianza",
    "proyecto",
    "desarrollo",
    "sostenible",
    "política",
    "pública",
    "territorio",
    "ciudadanía",
    "participación",
    "estrategia",
    "agenda",
    "objetivo",
    "medición",
    "resultado",
    "institución",
    "secretaría",
    "oficina",
    "convenio",
    "acuerdo",
    "intercambio",
    "experiencia",
    "aprendizaje",
    "capacidad",
    "formación",
    "recurso",
    "financiamiento",
    "inversión",
    "promoción",
    "turismo",
    "cultura",
    "educación",
    "salud",
    "vivienda",
    "movilidad",
    "ambiente",
    "clima",
    "agua",
    "energía",
    "seguridad",
    "género",
    "juventud",
    "migración",
    "innovación",
    "tecnología",
    "gestión",
    "coordinación",
    "planificación",
    "evaluación",
    "seguimiento",
    "indicador",
    "informe",
    "concejo",
    "alcaldía",
    "municipio",
    "región",
    "metropolitana",
    "nacional",
    "actores",
    "sociedad",
    "civil",
    "academia",
    "empresa",
    "privado",
    "sector",
    "visibilidad",
    "posicionamiento",
    "marca",
    "liderazgo",
    "incidencia",
    "diálogo",
    "consenso",
    "voluntad",
    "continuidad",
    "memoria",
    "histórica",
    "legislativo",
    "rendición",
    "cuentas",
    "transparencia",
    "datos",
    "abiertos",
    "calidad",
    "impacto",
    "proceso",
    "producto",
    "insumo",
    "efecto",
    "cambio",
    "largo",
    "plazo",
    "corto",
    "mediano",
    "año",
    "semestre",
];
const EN_WORDS: &[&str] = &[
    "city",
    "cooperation",
    "international",
    "government",
    "local",
    "network",
    "alliance",
    "project",
    "development",
    "sustainable",
    "policy",
    "public",
    "territory",
    "citizens",
    "participation",
    "strategy",
    "agenda",
    "goal",
    "measurement",
    "result",
    "institution",
    "department",
    "office",
    "agreement",
    "twinning",
    "exchange",
    "experience",
    "learning",
    "capacity",
    "training",
    "resource",
    "funding",
    "investment",
    "promotion",
    "tourism",
    "culture",
    "education",
    "health",
    "housing",
    "mobility",
    "environment",
    "climate",
    "water",
    "energy",
    "safety",
    "gender",
    "youth",
    "migration",
    "innovation",
    "technology",
    "management",
    "coordination",
    "planning",
    "evaluation",
    "monitoring",
    "indicator",
    "report",
    "council",
    "mayor",
    "municipality",
    "region",
    "metropolitan",
    "national",
    "actors",
    "society",
    "civil",
    "academia",
    "company",
    "private",
    "sector",
    "visibility",
    "positioning",
    "brand",
    "leadership",
    "advocacy",
    "dialogue",
    "consensus",
    "will",
    "continuity",
    "record",
    "historical",
    "legislative",
    "accountability",
    "transparency",
    "data",
    "open",
    "quality",
    "impact",
    "process",
    "output",
    "input",
    "effect",
    "change",
    "long",
    "term",
    "short",
    "medium",
    "year",
    "semester",
];
const ES_SECTIONS: [&str; 7] = [
    "Contexto",
    "Qué se hizo y quiénes participaron",
    "Qué funcionó",
    "Qué no funcionó o los riesgos",
    "Qué pueden aprender otras ciudades",
    "Recomendaciones",
    "Fuente",
];
const EN_SECTIONS: [&str; 7] = [
    "Context",
    "What was done and by whom",
    "What worked",
    "What did not work, or the risks",
    "What others can learn",
    "Recommendations",
    "Source",
];
const COUNTRIES: &[&str] = &[
    "MX", "CO", "PE", "EC", "UY", "AR", "BR", "CL", "ES", "FR", "PT", "IT", "BO", "CR", "GT",
];
const LEVELS: [&str; 5] = ["input", "process", "output", "outcome", "impact"];
const DIMENSIONS: [&str; 3] = ["institutional", "political", "territorial"];
const SCALES: [&str; 3] = ["local", "regional", "international"];

fn sentence(rng: &mut ChaCha8Rng, words: &[&str], len: usize) -> String {
    let mut s = String::new();
    for i in 0..len {
        let w = words.choose(rng).copied().unwrap_or("x");
        if i == 0 {
            let mut c = w.chars();
            if let Some(first) = c.next() {
                s.extend(first.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            if rng.random_ratio(1, 25) {
                let _ = write!(s, "*{w}*");
            } else {
                s.push_str(w);
            }
        }
    }
    s.push('.');
    s
}

fn paragraph(rng: &mut ChaCha8Rng, words: &[&str], sentences: usize) -> String {
    (0..sentences)
        .map(|_| {
            let n = rng.random_range(10..20);
            sentence(rng, words, n)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    if let Some(p) = path.parent() {
        fs::create_dir_all(p).expect("create folder");
    }
    fs::write(path, text).expect("write file");
}

fn case_body(rng: &mut ChaCha8Rng, lang: &str, links: &[String]) -> String {
    let (words, sections) = if lang == "es" {
        (ES_WORDS, ES_SECTIONS)
    } else {
        (EN_WORDS, EN_SECTIONS)
    };
    let mut body = String::new();
    for (i, title) in sections.iter().enumerate() {
        let _ = writeln!(body, "## {title}\n");
        let n = rng.random_range(2..4);
        body.push_str(&paragraph(rng, words, n));
        body.push_str("\n\n");
        if i == 1 {
            for _ in 0..4 {
                let n = rng.random_range(6..12);
                let _ = writeln!(body, "- {}", sentence(rng, words, n));
            }
            body.push('\n');
        }
        if i == 2 {
            body.push_str("| Año | Valor | Nota |\n|---|---|---|\n");
            for y in 2021..2025 {
                let _ = writeln!(
                    body,
                    "| {y} | {} | {} |",
                    rng.random_range(1..500),
                    words.choose(rng).copied().unwrap_or("x")
                );
            }
            body.push('\n');
        }
        if i == 4 {
            let label = if lang == "es" {
                "la experiencia de"
            } else {
                "the experience of"
            };
            let text: Vec<String> = links
                .iter()
                .map(|l| format!("[{label} {l}](@/cases/{l}.md)"))
                .collect();
            let _ = writeln!(body, "{}\n", text.join(", "));
        }
    }
    body
}

const USAGE: &str = "usage: gen_corpus N DIR [SEED] [--hugo HUGO_DIR]";

/// Exits with `message` when `dir` holds something: the generator never
/// writes over files.
fn require_empty(dir: &Path) {
    if dir.exists()
        && fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        eprintln!("{} exists and is not empty", dir.display());
        std::process::exit(1);
    }
}

/// The command line: N, the memoria folder, the seed and the Hugo folder.
fn arguments() -> (usize, PathBuf, u64, Option<PathBuf>) {
    let mut positional = Vec::new();
    let mut hugo = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--hugo" {
            let Some(dir) = args.next() else {
                eprintln!("{USAGE}");
                std::process::exit(2);
            };
            hugo = Some(PathBuf::from(dir));
        } else {
            positional.push(arg);
        }
    }
    let (Some(n), Some(dir)) = (
        positional.first().and_then(|s| s.parse::<usize>().ok()),
        positional.get(1),
    ) else {
        eprintln!("{USAGE}");
        std::process::exit(2);
    };
    let seed = match positional.get(2) {
        None => 2026,
        Some(s) => s.parse::<u64>().unwrap_or_else(|_| {
            eprintln!("{USAGE}");
            std::process::exit(2);
        }),
    };
    (n, PathBuf::from(dir), seed, hugo)
}

fn main() {
    let (n, dir, seed, hugo_dir) = arguments();
    require_empty(&dir);
    if let Some(h) = &hugo_dir {
        require_empty(h);
    }
    let hugo = hugo_dir.map(|dir| Hugo { dir });
    if let Some(h) = &hugo {
        h.config();
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("themes/default"), &dir.join("themes/default"));
    write(&dir, "site.toml", "title = { es = \"Red de ciudades\", en = \"Network of cities\" }\nbase_url = \"https://bench.example.org/\"\nlanguages = [\"es\", \"en\"]\nsample_data = true\nlicense = \"CC BY 4.0\"\n");

    let themes: Vec<String> = (0..30).map(|i| format!("theme-{i:02}")).collect();
    let mut vocab = String::from("themes:\n");
    for t in &themes {
        let _ = writeln!(
            vocab,
            "  {t}:\n    label: {{ es: \"Tema {t}\", en: \"Theme {t}\" }}"
        );
    }
    write(&dir, "content/vocabulary.yaml", &vocab);
    if let Some(h) = &hugo {
        h.theme_labels(&themes);
    }
    let cities: Vec<(String, &str)> = (0..60)
        .map(|i| (format!("Ciudad {i:02}"), COUNTRIES[i % COUNTRIES.len()]))
        .collect();
    let ids: Vec<String> = (0..n).map(|i| format!("case-{i:05}")).collect();
    let indicators: Vec<String> = (0..(n / 20).max(1))
        .map(|i| format!("indicator-{i:04}"))
        .collect();

    for (i, id) in ids.iter().enumerate() {
        let (city, country) = &cities[rng.random_range(0..cities.len())];
        let year = 2015 + (i % 10);
        let date = format!(
            "{year}-{:02}-{:02}",
            rng.random_range(1..13),
            rng.random_range(1..29)
        );
        let case_themes: Vec<&String> = themes.choose_multiple(&mut rng, 3).collect();
        let sdgs: Vec<u32> = (0..2).map(|_| rng.random_range(1..18)).collect();
        let links: Vec<String> = (0..3)
            .map(|_| ids[rng.random_range(0..n)].clone())
            .collect();
        let ind = if rng.random_ratio(1, 4) {
            format!(
                "indicators: [{}]\n",
                indicators[rng.random_range(0..indicators.len())]
            )
        } else {
            String::new()
        };
        let scale = SCALES[rng.random_range(0..3)];
        let dimension = DIMENSIONS[rng.random_range(0..3)];
        for lang in ["es", "en"] {
            let words = if lang == "es" { ES_WORDS } else { EN_WORDS };
            let title = sentence(&mut rng, words, 6);
            let summary = sentence(&mut rng, words, 20);
            let lessons: Vec<String> = (0..2).map(|_| sentence(&mut rng, words, 8)).collect();
            let body = case_body(&mut rng, lang, &links);
            let themes_text: Vec<&str> = case_themes.iter().map(|s| s.as_str()).collect();
            let text = format!(
                "---\ntitle: \"{title}\"\ncity: \"{city}\"\ncountry: {country}\ndate: {date}\nscale: {scale}\ndimension: {dimension}\nthemes: [{}]\nsdgs: [{}]\nactors: [\"Secretaría {i}\", \"Red {i}\"]\nsummary: \"{summary}\"\nlessons: [\"{}\", \"{}\"]\n{ind}---\n\n{body}",
                themes_text.join(", "),
                sdgs.iter().map(u32::to_string).collect::<Vec<_>>().join(", "),
                lessons[0],
                lessons[1],
            );
            write(&dir, &format!("content/cases/{id}.{lang}.md"), &text);
            if let Some(h) = &hugo {
                h.case(&HugoCase {
                    id,
                    lang,
                    title: &title,
                    city,
                    date: &date,
                    themes: &themes_text,
                    summary: &summary,
                    body: &body,
                });
            }
        }
    }

    for (i, id) in indicators.iter().enumerate() {
        let dimension = DIMENSIONS[i % 3];
        let level = LEVELS[i % 5];
        let mut obs = String::new();
        let mut v: i64 = rng.random_range(5..50);
        for q in 0..20 {
            v += rng.random_range(-3..8);
            let _ = writeln!(
                obs,
                "  - {{ period: {}-Q{}, value: {v} }}",
                2021 + q / 4,
                q % 4 + 1
            );
        }
        let text = format!(
            "name: {{ es: \"Indicador {i}\", en: \"Indicator {i}\" }}\ndescription: {{ es: \"Descripción {i}.\", en: \"Description {i}.\" }}\ncategory: {{ es: \"Categoría {}\", en: \"Category {}\" }}\nunit: {{ es: acciones, en: actions }}\nmethod: {{ es: Conteo, en: Count }}\nsources: {{ es: Registro, en: Registry }}\naudiences: {{ es: Concejo, en: Council }}\ndimension: {dimension}\nkind: quantitative\nlevel: {level}\nhierarchy: management\nperiodicity: quarterly\ndirection: increase\nbaseline: {{ period: 2020-Q4, value: 5 }}\ntarget: {{ period: 2026-Q4, value: 120 }}\nobservations:\n{obs}",
            i % 6, i % 6
        );
        write(&dir, &format!("content/indicators/{id}.yaml"), &text);
    }

    let agreements: Vec<String> = (0..(n / 10).max(1))
        .map(|i| format!("agreement-{i:04}"))
        .collect();
    for (i, id) in agreements.iter().enumerate() {
        let country = COUNTRIES[i % COUNTRIES.len()];
        let text = format!(
            "title: {{ es: \"Convenio {i}\", en: \"Agreement {i}\" }}\nsummary: {{ es: \"Resumen {i}.\", en: \"Summary {i}.\" }}\npartner: \"Socio {i}\"\npartner_country: {country}\ntype: cooperation\nsigned: {}-{:02}-15\nstatus: active\namount: {{ value: {}, currency: {} }}\n",
            2021 + i % 5,
            i % 12 + 1,
            rng.random_range(1000..500000),
            ["EUR", "USD", "MXN"][i % 3]
        );
        write(&dir, &format!("content/agreements/{id}.yaml"), &text);
    }
    for i in 0..(n / 4).max(1) {
        let text = format!(
            "title: {{ es: \"Acción {i}\", en: \"Action {i}\" }}\nsummary: {{ es: \"Resumen {i}.\", en: \"Summary {i}.\" }}\ntype: {}\ndate: {}-{:02}-10\nplace: {{ city: Madrid, country: ES }}\nparticipants: [\"Persona {i}\"]\ncost: {{ value: {}, currency: USD }}\nagreements: [{}]\n",
            ["mission", "visit", "event", "network", "training"][i % 5],
            2021 + i % 5,
            i % 12 + 1,
            rng.random_range(100..9000),
            agreements[i % agreements.len()]
        );
        write(&dir, &format!("content/actions/action-{i:05}.yaml"), &text);
    }
    for year in 2021..2026 {
        for s in 1..=2 {
            for lang in ["es", "en"] {
                let words = if lang == "es" { ES_WORDS } else { EN_WORDS };
                let body = paragraph(&mut rng, words, 8);
                let text = format!(
                    "---\ntitle: \"{year}-S{s} {lang}\"\nlegislature: \"Concejo\"\n---\n\n{body}\n"
                );
                let rel = format!("content/reports/{year}-S{s}.{lang}.md");
                write(&dir, &rel, &text);
                if let Some(h) = &hugo {
                    let date = format!("{year}-{:02}-30", s * 6);
                    h.page(&rel, &format!("{year}-S{s} {lang}"), &date, &body);
                }
            }
        }
    }
    for lang in ["es", "en"] {
        let body = paragraph(&mut rng, if lang == "es" { ES_WORDS } else { EN_WORDS }, 10);
        let rel = format!("content/pages/about.{lang}.md");
        write(
            &dir,
            &rel,
            &format!("---\ntitle: About {lang}\nweight: 1\n---\n\n{body}\n"),
        );
        if let Some(h) = &hugo {
            h.page(&rel, &format!("About {lang}"), "2025-01-01", &body);
        }
    }
    if let Some(h) = &hugo {
        println!("wrote the equivalent Hugo site in {}", h.dir.display());
    }
    println!("wrote a site of {n} cases in {}", dir.display());
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.expect("theme readable");
        let rel = entry.path().strip_prefix(from).expect("inside");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("create folder");
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The equivalent Hugo site, written next to the memoria one.
struct Hugo {
    dir: PathBuf,
}

/// What a case page shows, in one language.
struct HugoCase<'a> {
    id: &'a str,
    lang: &'a str,
    title: &'a str,
    city: &'a str,
    date: &'a str,
    themes: &'a [&'a str],
    summary: &'a str,
    body: &'a str,
}

const HUGO_CONFIG: &str = r#"baseURL = "https://bench.example.org/"
title = "Network of cities"
defaultContentLanguage = "es"
defaultContentLanguageInSubdir = true
paginate = 20
rssLimit = 50
enableRobotsTXT = false

[taxonomies]
  theme = "themes"
  city = "cities"

[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML"]
  page = ["HTML"]

[languages.es]
  weight = 1
  languageName = "Español"
  title = "Red de ciudades"

[languages.en]
  weight = 2
  languageName = "English"
  title = "Network of cities"
"#;

const HUGO_BASEOF: &str = r#"<!DOCTYPE html>
<html lang="{{ .Language.Lang }}">
<head>
<meta charset="utf-8">
<title>{{ .Title }} | {{ .Site.Title }}</title>
<link rel="alternate" type="application/rss+xml" href="{{ "index.xml" | relLangURL }}">
</head>
<body>
<nav><a href="{{ "/" | relLangURL }}">{{ .Site.Title }}</a>{{ range .Translations }} <a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a>{{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"#;

const HUGO_SINGLE: &str = r#"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p>{{ .Date.Format "2006-01-02" }}{{ with .Params.description }} — {{ . }}{{ end }}</p>
{{ .Content }}
{{ with .GetTerms "themes" }}<h2>Themes</h2><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
{{ with .GetTerms "cities" }}<h2>Cities</h2><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
</article>{{ end }}
"#;

const HUGO_LIST: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ with .Params.description }} — {{ . }}{{ end }}</li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}{{ end }}
"#;

const HUGO_HOME: &str = r#"{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<ul>{{ range first 20 (where .Site.RegularPages "Section" "cases") }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> — {{ .Params.description }}</li>{{ end }}</ul>
{{ end }}
"#;

impl Hugo {
    /// The configuration and the layouts.
    fn config(&self) {
        write(&self.dir, "config.toml", HUGO_CONFIG);
        write(&self.dir, "layouts/_default/baseof.html", HUGO_BASEOF);
        write(&self.dir, "layouts/_default/single.html", HUGO_SINGLE);
        write(&self.dir, "layouts/_default/list.html", HUGO_LIST);
        write(&self.dir, "layouts/index.html", HUGO_HOME);
    }

    /// The label of each theme in both languages, as the title of its term
    /// page (memoria's content/vocabulary.yaml).
    fn theme_labels(&self, themes: &[String]) {
        for t in themes {
            for (lang, label) in [("es", "Tema"), ("en", "Theme")] {
                let text = format!("---\ntitle: \"{label} {t}\"\n---\n");
                write(
                    &self.dir,
                    &format!("content/themes/{t}/_index.{lang}.md"),
                    &text,
                );
            }
        }
    }

    /// One case in one language, with the same Markdown body.
    fn case(&self, c: &HugoCase) {
        let themes = c.themes.join(", ");
        let text = format!(
            "---\ntitle: \"{}\"\ndate: {}\ncities: [\"{}\"]\nthemes: [{themes}]\ndescription: \"{}\"\n---\n\n{}",
            c.title,
            c.date,
            c.city,
            c.summary,
            hugo_links(c.body)
        );
        write(
            &self.dir,
            &format!("content/cases/{}.{}.md", c.id, c.lang),
            &text,
        );
    }

    /// A page (report or about page) at `rel`, the path of its memoria file.
    fn page(&self, rel: &str, title: &str, date: &str, body: &str) {
        let text = format!("---\ntitle: \"{title}\"\ndate: {date}\n---\n\n{body}\n");
        write(&self.dir, rel, &text);
    }
}

/// `body` with memoria's `(@/cases/x.md)` link targets written as Hugo's
/// `({{< ref "/cases/x" >}})`, which resolve in the page's language.
fn hugo_links(body: &str) -> String {
    const OPEN: &str = "(@/cases/";
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find(OPEN) {
        let after = &rest[at + OPEN.len()..];
        let Some(end) = after.find(".md)") else {
            break;
        };
        out.push_str(&rest[..at]);
        let _ = write!(out, "({{{{< ref \"/cases/{}\" >}}}})", &after[..end]);
        rest = &after[end + ".md)".len()..];
    }
    out.push_str(rest);
    out
}

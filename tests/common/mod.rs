//! Fixture sites for the integration tests: a temporary folder with a
//! site.toml, the default theme of this repository and content written by
//! the test.

#![allow(dead_code)]

pub mod feeds;
pub mod search;
pub mod server;
pub mod workbook;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// A site in a temporary folder.
pub struct Fixture {
    dir: TempDir,
}

/// The repository root (where the bundled site and theme live).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

impl Fixture {
    /// A site with `languages`, the default theme and no content.
    pub fn new(languages: &[&str]) -> Fixture {
        let dir = tempfile::tempdir().expect("temporary folder");
        let fixture = Fixture { dir };
        let titles: Vec<String> = languages
            .iter()
            .map(|l| format!("{l} = \"Site {l}\""))
            .collect();
        let langs: Vec<String> = languages.iter().map(|l| format!("\"{l}\"")).collect();
        fixture.write(
            "site.toml",
            &format!(
                "title = {{ {} }}\nbase_url = \"https://example.org/\"\nlanguages = [{}]\n",
                titles.join(", "),
                langs.join(", ")
            ),
        );
        copy_dir(
            &repo_root().join("themes/default"),
            &fixture.root().join("themes/default"),
        );
        fs::create_dir_all(fixture.root().join("content/cases")).unwrap();
        fs::create_dir_all(fixture.root().join("content/pages")).unwrap();
        fixture
    }

    /// A copy of the bundled example site of this repository: its
    /// site.toml, reports.lock, reports.presented/, content/, themes/ and static/.
    pub fn bundled() -> Fixture {
        let dir = tempfile::tempdir().expect("temporary folder");
        let fixture = Fixture { dir };
        for file in ["site.toml", "reports.lock"] {
            fs::copy(repo_root().join(file), fixture.root().join(file)).unwrap();
        }
        for folder in ["content", "themes", "static"] {
            copy_dir(&repo_root().join(folder), &fixture.root().join(folder));
        }
        // The reports as presented, kept next to reports.lock.
        copy_dir(
            &repo_root().join("reports.presented"),
            &fixture.root().join("reports.presented"),
        );
        fixture
    }

    /// Reads the file `rel` of the site.
    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root().join(rel)).unwrap()
    }

    /// Replaces the first `from` with `to` in the file `rel`, asserting
    /// that `from` is there.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} has no {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// The site's root folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `text` to `rel` (creating folders).
    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// Removes the file `rel`.
    pub fn remove(&self, rel: &str) {
        fs::remove_file(self.root().join(rel)).unwrap();
    }

    /// Writes a valid case `id` in `lang`, with `extra` front matter lines
    /// appended and `body` as its text.
    pub fn case(&self, id: &str, lang: &str, title: &str, extra: &str, body: &str) {
        self.write(
            &format!("content/cases/{id}.{lang}.md"),
            &case_text(title, extra, body),
        );
    }

    /// Writes a free page.
    pub fn page(&self, id: &str, lang: &str, title: &str, extra: &str, body: &str) {
        self.write(
            &format!("content/pages/{id}.{lang}.md"),
            &format!("---\ntitle: \"{title}\"\n{extra}---\n\n{body}\n"),
        );
    }

    /// Runs `memoria` with `args` in the site's root, on the day
    /// [`FIXTURE_TODAY`] (so that `check`'s reminders about dates do not
    /// change with the day the tests run).
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_on(FIXTURE_TODAY, args)
    }

    /// Runs `memoria` with `args` in the site's root, with `MEMORIA_TODAY`
    /// set to `today`.
    pub fn run_on(&self, today: &str, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_memoria"))
            .args(args)
            .env("MEMORIA_TODAY", today)
            .current_dir(self.root())
            .output()
            .expect("memoria runs")
    }

    /// `memoria build`, asserting success.
    pub fn build_ok(&self) -> Output {
        let out = self.run(&["build"]);
        assert!(out.status.success(), "build failed:\n{}", stderr(&out));
        out
    }

    /// Reads a file of the output folder.
    pub fn output(&self, rel: &str) -> String {
        let path = self.root().join("public").join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// True when the output has `rel`.
    pub fn has_output(&self, rel: &str) -> bool {
        self.root().join("public").join(rel).exists()
    }
}

/// The text of a valid case file.
pub fn case_text(title: &str, extra: &str, body: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ncity: Lima\ncountry: PE\ndate: 2018-05-02\nscale: local\ndimension: political\nthemes: [legislative-oversight]\nsdgs: [16, 17]\nactors: [Concejo]\nsummary: \"Summary of {title}\"\n{extra}---\n\n{body}\n"
    )
}

/// Standard error of a run, as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The lines of a run's standard error that start an error.
pub fn error_lines(out: &Output) -> Vec<String> {
    stderr(out)
        .lines()
        .filter(|l| l.starts_with("error: "))
        .map(String::from)
        .collect()
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir`, as (relative path, bytes), sorted.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// The theme's own script files: the only `<script src>` a page may have.
pub const THEME_SCRIPTS: [&str; 2] = ["search.js", "filter.js"];

/// Everything in `html` that could run script, after the parser has decoded
/// entities: `on…=` attributes, `javascript:`/`vbscript:`/`data:text/html`
/// addresses in any attribute (whitespace, control characters and case
/// ignored), `srcdoc`, `formaction`, and `<script>` (but the theme's own
/// scripts under `static_url`, and JSON-LD that parses as JSON), `<iframe>`,
/// `<object>`, `<embed>`, `<frame>`, `<applet>`, `<base>` elements.
pub fn unsafe_markup(html: &str, static_url: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let all = scraper::Selector::parse("*").unwrap();
    let mut found = Vec::new();
    for el in doc.select(&all) {
        let name = el.value().name();
        if name == "script" && !is_theme_script(&el, static_url) {
            found.push(format!("a script element: {}", el.html()));
        }
        if ["iframe", "object", "embed", "frame", "applet", "base"].contains(&name) {
            found.push(format!("a {name} element"));
        }
        for (attr, value) in el.value().attrs() {
            let attr = attr.to_ascii_lowercase();
            if attr.starts_with("on") || attr == "srcdoc" || attr == "formaction" {
                found.push(format!("attribute {attr}={value:?} on <{name}>"));
            }
            let squeezed: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            if ["javascript:", "vbscript:", "data:text/html"]
                .iter()
                .any(|s| squeezed.starts_with(s))
            {
                found.push(format!("a script address in {attr}={value:?} on <{name}>"));
            }
        }
    }
    found
}

fn is_theme_script(el: &scraper::ElementRef, static_url: &str) -> bool {
    let mut attrs: Vec<(&str, &str)> = el.value().attrs().collect();
    attrs.sort();
    let text: String = el.text().collect();
    let own_file = THEME_SCRIPTS
        .iter()
        .any(|f| attrs == [("defer", ""), ("src", format!("{static_url}{f}").as_str())]);
    let json_ld = attrs == [("type", "application/ld+json")]
        && !text.to_ascii_lowercase().contains("</script")
        && serde_json::from_str::<serde_json::Value>(&text).is_ok();
    (own_file && text.is_empty()) || json_ld
}

/// Every `.html` file under `dir`, as (relative path, text).
pub fn html_pages(dir: &Path) -> Vec<(String, String)> {
    snapshot(dir)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8_lossy(&b).into_owned()))
        .collect()
}

/// Asserts that no page under `dir` has markup that could run script.
pub fn assert_no_unsafe_markup(dir: &Path, static_url: &str) {
    let pages = html_pages(dir);
    assert!(!pages.is_empty(), "no pages under {}", dir.display());
    let bad: Vec<String> = pages
        .iter()
        .flat_map(|(p, html)| {
            unsafe_markup(html, static_url)
                .into_iter()
                .map(move |f| format!("{p}: {f}"))
        })
        .collect();
    assert!(bad.is_empty(), "unsafe markup:\n{}", bad.join("\n"));
}

/// The text of an HTML page as runs of (language, text): the language is
/// the `lang` of the nearest element around the text that has one (the
/// parsed markup, not a textual search).
pub fn lang_runs(html: &str) -> Vec<(String, String)> {
    use lol_html::{doc_text, element, HtmlRewriter, Settings};
    // Scripts (the page's JSON-LD) are data for programs, not text in a language.
    let html = &without_scripts(html);
    use std::cell::RefCell;
    use std::rc::Rc;

    let stack: Rc<RefCell<Vec<Option<String>>>> = Rc::new(RefCell::new(Vec::new()));
    let runs: Rc<RefCell<Vec<(String, String)>>> = Rc::new(RefCell::new(Vec::new()));
    let current = {
        let stack = Rc::clone(&stack);
        move || {
            stack
                .borrow()
                .iter()
                .rev()
                .find_map(|l| l.clone())
                .unwrap_or_default()
        }
    };
    let (stack_el, current_text, runs_text) = (Rc::clone(&stack), current, Rc::clone(&runs));
    let mut rewriter = HtmlRewriter::new(
        Settings {
            element_content_handlers: vec![element!("*", move |el| {
                if el.can_have_content() {
                    stack_el.borrow_mut().push(el.get_attribute("lang"));
                    let stack = Rc::clone(&stack_el);
                    let pop: lol_html::EndTagHandler<'static> = Box::new(move |_| {
                        stack.borrow_mut().pop();
                        Ok(())
                    });
                    el.on_end_tag(pop)?;
                }
                Ok(())
            })],
            document_content_handlers: vec![doc_text!(move |t| {
                let lang = current_text();
                let mut runs = runs_text.borrow_mut();
                match runs.last_mut() {
                    Some((l, text)) if *l == lang => text.push_str(t.as_str()),
                    _ => runs.push((lang, t.as_str().to_string())),
                }
                Ok(())
            })],
            ..Settings::new()
        },
        |_: &[u8]| {},
    );
    rewriter.write(html.as_bytes()).expect("the page parses");
    rewriter.end().expect("the page parses");
    let runs = runs.borrow().clone();
    runs
}

/// `html` without its `<script>` elements.
pub fn without_scripts(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        out.push_str(&rest[..start]);
        rest = match rest[start..].find("</script>") {
            Some(end) => &rest[start + end + "</script>".len()..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}

/// The language (`lang` of the nearest marked element) of every place where
/// `text` appears in `html`.
pub fn langs_of(html: &str, text: &str) -> Vec<String> {
    lang_runs(html)
        .into_iter()
        .flat_map(|(lang, run)| std::iter::repeat_n(lang, run.matches(text).count()))
        .collect()
}

/// The text of a valid action (`content/actions/<id>.yaml`); `place` is on line 6.
pub fn action_text() -> String {
    "title: { es: \"Visita\", en: \"Visit\" }\nsummary: { es: \"Resumen\", en: \"Summary\" }\ntype: visit\ndate: 2025-05-12\nend_date: 2025-05-13\nplace: { city: \"Lima\", country: PE }\nparticipants: [\"Concejo\"]\n".into()
}

/// The text of a valid quantitative indicator (`content/indicators/<id>.yaml`);
/// `baseline` is on line 14, `target` on 15 and the observations on 17 and 18.
pub fn indicator_text() -> String {
    "name: { es: \"Personas\", en: \"People\" }\ndescription: { es: \"D\", en: \"D\" }\ncategory: { es: \"C\", en: \"C\" }\nunit: { es: \"personas\", en: \"people\" }\nmethod: { es: \"M\", en: \"M\" }\nsources: { es: \"S\", en: \"S\" }\naudiences: { es: \"A\", en: \"A\" }\ndimension: territorial\nkind: quantitative\nlevel: output\nhierarchy: management\nperiodicity: semiannual\ndirection: increase\nbaseline: { period: \"2023-S2\", value: 0 }\ntarget: { period: \"2026-S2\", value: 1500 }\nobservations:\n  - { period: \"2024-S1\", value: 180 }\n  - { period: \"2024-S2\", value: 420 }\n".into()
}

/// The text of a valid agreement (`content/agreements/<id>.yaml`); `partner`
/// is on line 3.
pub fn agreement_text() -> String {
    "title: { es: \"Hermanamiento\", en: \"Twinning\" }\nsummary: { es: \"Resumen\", en: \"Summary\" }\npartner: \"Municipio de Quito\"\npartner_country: EC\ntype: twinning\nsigned: 2024-09-19\nstatus: active\napproved_by: \"Acuerdo 58/2024\"\nsdgs: [11, 17]\n".into()
}

/// The lines of `err` that start with `error:`.
pub fn error_lines_in(err: &str) -> Vec<&str> {
    err.lines().filter(|l| l.starts_with("error:")).collect()
}

/// The counts of a `built N files into DIR, W written and U unchanged (…)`
/// line of a build's standard error: (N, W, U).
pub fn built_counts(out: &Output) -> (usize, usize, usize) {
    let err = stderr(out);
    let line = err
        .lines()
        .find(|l| l.starts_with("built "))
        .unwrap_or_else(|| panic!("no `built` line in:\n{err}"));
    let parse = |w: &str| -> usize { w.parse().unwrap_or_else(|_| panic!("{line}")) };
    let (files, rest) = line["built ".len()..]
        .split_once(" files into ")
        .unwrap_or_else(|| panic!("{line}"));
    let (counts, _summary) = rest.rsplit_once(" (").unwrap_or_else(|| panic!("{line}"));
    let (_, counts) = counts.rsplit_once(", ").unwrap_or_else(|| panic!("{line}"));
    let words: Vec<&str> = counts.split(' ').collect();
    assert_eq!(words.len(), 5, "{line}");
    assert_eq!(
        [words[1], words[2], words[4]],
        ["written", "and", "unchanged"],
        "{line}"
    );
    (parse(files), parse(words[0]), parse(words[3]))
}

/// Hard-links every file under `from` to the same path under `to` (as a
/// deployment tool that keeps a copy of the previous site would).
pub fn link_tree(from: &Path, to: &Path) {
    for (rel, _) in snapshot(from) {
        let dest = to.join(&rel);
        fs::create_dir_all(dest.parent().unwrap()).unwrap();
        fs::hard_link(from.join(&rel), dest).unwrap();
    }
}

/// The names of the temporary folders of a build (`.NAME.memoria-…`) left
/// in `parent`.
pub fn build_leftovers(parent: &Path) -> Vec<String> {
    fs::read_dir(parent)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".memoria-"))
        .collect()
}

/// The only error of a run that failed with exit code 1 without panicking:
/// its `error: …` line and the advice printed under it (the text after
/// `= help: `). Asserts there is exactly one error and that it has advice.
pub fn only_error_and_help(out: &Output) -> (String, String) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(1), "expected exit 1:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    let errors = error_lines_in(&err);
    assert_eq!(errors.len(), 1, "exactly one error expected:\n{err}");
    let help = err
        .lines()
        .skip_while(|l| !l.starts_with("error:"))
        .find_map(|l| l.trim_start().strip_prefix("= help: "))
        .unwrap_or_else(|| panic!("the error has no advice:\n{err}"));
    (errors[0].to_string(), help.to_string())
}

/// The day the tests run `memoria` on (`MEMORIA_TODAY`): the bundled
/// example is up to date on that day.
pub const FIXTURE_TODAY: &str = "2026-01-15";

/// A site in Arabic (its default language) and English, as a city of the
/// Arab world would publish it: two cases (one in Arabic only), a free
/// page, an indicator with observations, an agreement, an action and a
/// draft report for 2025-S1. It builds with one warning: the case in
/// Arabic only has no English version.
pub fn arabic_site() -> Fixture {
    let f = Fixture::new(&["ar", "en"]);
    f.write(
        "site.toml",
        "title = { ar = \"العمل الدولي لمدينة المثال\", en = \"Example City's international action\" }\n\
         description = { ar = \"الممارسات الجيدة والمؤشرات والتقارير\", en = \"Good practices, indicators and reports\" }\n\
         base_url = \"https://example.org/\"\nlanguages = [\"ar\", \"en\"]\n",
    );
    f.write(
        "content/vocabulary.yaml",
        "themes:\n  city-networks:\n    label: { ar: \"شبكات المدن\", en: \"City networks\" }\n    description: { ar: \"جمعيات وشبكات الحكومات المحلية.\", en: \"Associations and networks of local governments.\" }\n",
    );
    let case = |id: &str, lang: &str, title: &str, city: &str, summary: &str, body: &str| {
        f.write(
            &format!("content/cases/{id}.{lang}.md"),
            &format!("---\ntitle: \"{title}\"\ncity: \"{city}\"\ncountry: MA\ndate: 2025-03-10\nscale: international\ndimension: political\nthemes: [city-networks]\nsdgs: [11, 17]\nactors: [\"{city}\"]\nsummary: \"{summary}\"\n---\n\n{body}\n"),
        );
    };
    case(
        "rabat",
        "ar",
        "شبكة المدن المتوسطية في الرباط",
        "الرباط",
        "كيف انضمّت المدينة إلى شبكة متوسطية وتبادلت الخبرات مع 12 مدينة.",
        "## السياق\n\nانضمّت المدينة في 2024 إلى شبكة تضمّ 12 مدينة متوسطية، ووقّعت اتفاقية مع [مدينة أخرى](@/cases/tangier.md).\n\n## الدروس\n\n- التنسيق بين الإدارات ضروري.\n- نشر النتائج كل ستة أشهر يبني الثقة.\n",
    );
    case(
        "rabat",
        "en",
        "Rabat's Mediterranean city network",
        "Rabat",
        "How the city joined a Mediterranean network and exchanged experience with 12 cities.",
        "## Context\n\nIn 2024 the city joined a network of 12 Mediterranean cities.\n\n## Lessons\n\n- Coordination between departments matters.\n",
    );
    case(
        "tangier",
        "ar",
        "التوأمة بين طنجة ومدينة المثال",
        "طنجة",
        "توأمة ركّزت على المشاركة المواطنية وأهداف التنمية المستدامة.",
        "## السياق\n\nوُقّعت التوأمة سنة 2025 بعد ثلاث زيارات متبادلة.\n",
    );
    f.page(
        "about",
        "ar",
        "عن هذا الموقع",
        "",
        "يعرض هذا الموقع العمل الدولي للمدينة: الممارسات الجيدة والمؤشرات والتقارير نصف السنوية.",
    );
    f.page(
        "about",
        "en",
        "About this site",
        "",
        "This site shows the city's international action.",
    );
    f.write(
        "content/indicators/network-cities.yaml",
        "name: { ar: \"المدن الشريكة في الشبكات\", en: \"Partner cities in networks\" }\n\
         description: { ar: \"عدد المدن التي تتبادل معها المدينة الخبرات.\", en: \"Cities the city exchanges experience with.\" }\n\
         category: { ar: \"الشبكات\", en: \"Networks\" }\n\
         unit: { ar: \"مدن\", en: \"cities\" }\n\
         method: { ar: \"العدّ في نهاية كل نصف سنة.\", en: \"Counted at the end of each half-year.\" }\n\
         sources: { ar: \"سجل الاتفاقيات\", en: \"Registry of agreements\" }\n\
         audiences: { ar: \"المجلس البلدي\", en: \"City council\" }\n\
         dimension: political\nkind: quantitative\nlevel: output\nhierarchy: strategic\nperiodicity: semiannual\ndirection: increase\n\
         baseline: { period: \"2023-S2\", value: 2 }\ntarget: { period: \"2026-S2\", value: 15 }\n\
         observations:\n  - { period: \"2024-S1\", value: 4 }\n  - { period: \"2024-S2\", value: 7 }\n  - { period: \"2025-S1\", value: 12 }\n",
    );
    f.write(
        "content/agreements/tangier-twinning.yaml",
        "title: { ar: \"توأمة مع طنجة\", en: \"Twinning with Tangier\" }\nsummary: { ar: \"تبادل الخبرات في المشاركة المواطنية.\", en: \"Exchange on citizen participation.\" }\npartner: \"بلدية طنجة\"\npartner_country: MA\ntype: twinning\nsigned: 2025-02-10\nstatus: active\napproved_by: \"القرار 12/2025\"\nsdgs: [11, 17]\n",
    );
    f.write(
        "content/actions/rabat-mission.yaml",
        "title: { ar: \"بعثة إلى الرباط\", en: \"Mission to Rabat\" }\nsummary: { ar: \"اجتماع الشبكة المتوسطية.\", en: \"Meeting of the Mediterranean network.\" }\ntype: mission\ndate: 2025-04-14\nend_date: 2025-04-16\nplace: { city: \"الرباط\", country: MA }\nparticipants: [\"مديرة العلاقات الدولية\"]\n",
    );
    for (lang, title, legislature, body) in [
        (
            "ar",
            "التقرير نصف السنوي عن العمل الدولي، النصف الأول من 2025",
            "المجلس البلدي لمدينة المثال",
            "## مقدّمة\n\nيقدّم هذا التقرير إلى المجلس البلدي الاتفاقيات والأنشطة الدولية بين يناير ويونيو 2025.\n",
        ),
        (
            "en",
            "Semiannual report on international action, first half of 2025",
            "City Council of Example City",
            "## Introduction\n\nThis report gives the Council the agreements and international actions of January to June 2025.\n",
        ),
    ] {
        f.write(
            &format!("content/reports/2025-S1.{lang}.md"),
            &format!("---\ntitle: \"{title}\"\nlegislature: \"{legislature}\"\n---\n\n{body}"),
        );
    }
    f
}

/// A site in Spanish (its default language), English, French, Portuguese and
/// Arabic with the longest period labels of each language on its charts: an
/// indicator measured every quarter (twelve quarters, "4.º trimestre de
/// 2024"), one measured every month (sixteen months from September 2023,
/// "septiembre de 2024"), and one every week (fourteen weeks across a new
/// year), with large numbers on the vertical axis.
pub fn chart_labels_site() -> Fixture {
    let langs = ["es", "en", "fr", "pt", "ar"];
    let f = Fixture::new(&langs);
    let text = |words: [&str; 5]| -> String {
        let pairs: Vec<String> = langs
            .iter()
            .zip(words)
            .map(|(l, w)| format!("{l}: \"{w}\""))
            .collect();
        format!("{{ {} }}", pairs.join(", "))
    };
    let indicator = |id: &str,
                     periodicity: &str,
                     periods: Vec<String>,
                     base: &str,
                     target: &str| {
        let observations: String = periods
            .iter()
            .enumerate()
            .map(|(i, p)| {
                format!(
                    "  - {{ period: \"{p}\", value: {} }}\n",
                    1_000_000 + i * 137_500
                )
            })
            .collect();
        f.write(
            &format!("content/indicators/{id}.yaml"),
            &format!(
                "name: {}\ndescription: {}\ncategory: {}\nunit: {}\nmethod: {}\nsources: {}\naudiences: {}\n\
                 dimension: territorial\nkind: quantitative\nlevel: output\nhierarchy: management\n\
                 periodicity: {periodicity}\ndirection: increase\n\
                 baseline: {{ period: \"{base}\", value: 900000 }}\ntarget: {{ period: \"{target}\", value: 3500000 }}\n\
                 observations:\n{observations}",
                text(["Personas atendidas en el extranjero", "People served abroad", "Personnes accueillies à l'étranger", "Pessoas atendidas no exterior", "الأشخاص الذين تمت خدمتهم في الخارج"]),
                text(["Cuántas personas atendió la oficina.", "How many people the office served.", "Combien de personnes le bureau a accueillies.", "Quantas pessoas o escritório atendeu.", "عدد الأشخاص الذين خدمهم المكتب."]),
                text(["Atención", "Service", "Accueil", "Atendimento", "الخدمة"]),
                text(["personas", "people", "personnes", "pessoas", "أشخاص"]),
                text(["Conteo.", "Count.", "Comptage.", "Contagem.", "العدّ."]),
                text(["Registro", "Register", "Registre", "Registro", "السجل"]),
                text(["Concejo", "Council", "Conseil", "Câmara", "المجلس"]),
            ),
        );
    };
    let quarters = (2022..=2024)
        .flat_map(|y| (1..=4).map(move |q| format!("{y}-Q{q}")))
        .collect();
    indicator("quarterly", "quarterly", quarters, "2021-Q4", "2026-Q4");
    let months = (0..16)
        .map(|i| {
            let m = 8 + i; // September 2023 is month 8 counted from January 2023 = 0
            format!("{}-{:02}", 2023 + m / 12, m % 12 + 1)
        })
        .collect();
    indicator("monthly", "monthly", months, "2023-08", "2026-12");
    let weeks = (40..=53)
        .map(|w| {
            if w <= 52 {
                format!("2024-W{w}")
            } else {
                "2025-W01".to_string()
            }
        })
        .collect();
    indicator("weekly", "weekly", weeks, "2024-W39", "2026-W52");
    f
}

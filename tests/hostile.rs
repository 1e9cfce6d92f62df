//! Hostile and broken input: every case ends in a clear error or in safe
//! output, never in a panic, and nothing is written outside the output folder.

mod common;

use common::{case_text, stderr, Fixture};

/// Asserts a run failed cleanly (exit 1, no panic) and its errors mention
/// every one of `needles`.
fn assert_clean_failure(out: &std::process::Output, needles: &[&str]) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(1), "expected exit 1:\n{err}");
    assert!(!err.contains("panicked"), "panic:\n{err}");
    for n in needles {
        assert!(err.contains(n), "missing {n:?} in:\n{err}");
    }
}

/// Every file below the fixture's root, to prove nothing was written elsewhere.
fn files_outside_output(f: &Fixture) -> Vec<String> {
    walkdir::WalkDir::new(f.root())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(f.root())
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|p| {
            !p.starts_with("public/")
                && !p.starts_with("themes/")
                && !p.starts_with("content/")
                && p != "site.toml"
        })
        .collect()
}

#[test]
fn slugs_that_could_escape_are_rejected() {
    for bad in [
        "../../etc/x",
        "a/b",
        "a\\\\b",
        "/abs",
        "a\\0b",
        "c:x",
        "con<x>",
        "Mayúsculas",
        "..",
    ] {
        let f = Fixture::new(&["es", "en"]);
        f.case(
            "lima",
            "es",
            "Lima",
            &format!("slug: \"{bad}\"\n"),
            "Texto.",
        );
        f.case("lima", "en", "Lima", "", "Text.");
        let out = f.run(&["build"]);
        assert_clean_failure(&out, &["content/cases/lima.es.md:", "slug"]);
        assert!(!f.has_output(""), "{bad}: output written");
        assert!(
            files_outside_output(&f).is_empty(),
            "{bad}: {:?}",
            files_outside_output(&f)
        );
    }
}

#[test]
fn file_names_that_cannot_be_addresses_are_rejected() {
    for bad in ["a b", "Lima", "a:b", "ñu"] {
        let f = Fixture::new(&["es"]);
        f.write(
            &format!("content/cases/{bad}.es.md"),
            &case_text("X", "", "x"),
        );
        let out = f.run(&["check"]);
        assert_clean_failure(&out, &["cannot be used in addresses"]);
    }
}

#[test]
fn script_in_every_field_is_escaped() {
    let f = Fixture::new(&["es", "en"]);
    let evil = "<script>alert(1)</script>";
    let extra = format!("lessons: [\"{evil}\"]\n");
    let text = case_text(evil, &extra, &format!("{evil}\n\n[a](javascript:alert(1)) [b](&#106;avascript:alert(2)) <img src=x onerror=alert(3)>\n\n[c](JAVASCRIPT:alert(4))"))
        .replace("city: Lima", &format!("city: \"{evil}\""))
        .replace("actors: [Concejo]", &format!("actors: [\"{evil}\"]"));
    f.write("content/cases/lima.es.md", &text);
    f.write("content/cases/lima.en.md", &text);
    f.page("about", "es", evil, &format!("summary: \"{evil}\"\n"), evil);
    f.page("about", "en", "About", "", "x");
    f.build_ok();
    // Markup is escaped; data files (JSON, CSV) keep the author's text as data.
    for (path, bytes) in common::snapshot(&f.root().join("public")) {
        if !(path.ends_with(".html") || path.ends_with(".xml")) {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        assert!(!text.contains("<script>alert"), "{path} has a script");
        assert!(
            !text.contains("href=\"javascript:"),
            "{path} has a javascript: link"
        );
        assert!(!text.contains("<img src=x"), "{path} has raw html");
    }
    assert!(f
        .output("es/casos/lima/index.html")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn theme_ids_with_markup_are_rejected() {
    let f = Fixture::new(&["es"]);
    f.write(
        "content/cases/lima.es.md",
        &case_text("Lima", "", "x").replace(
            "themes: [legislative-oversight]",
            "themes: [\"<script>x</script>\"]",
        ),
    );
    let out = f.run(&["build"]);
    assert_clean_failure(&out, &["content/cases/lima.es.md:8:", "cannot be used"]);
}

#[test]
fn invalid_utf8_is_located() {
    let f = Fixture::new(&["es"]);
    let mut bytes = case_text("Lima", "", "Texto").into_bytes();
    bytes.extend_from_slice(b"\nmal \xff\xfe aqu\xed\n");
    std::fs::write(f.root().join("content/cases/lima.es.md"), bytes).unwrap();
    let out = f.run(&["build"]);
    assert_clean_failure(&out, &["content/cases/lima.es.md:16:5", "UTF-8"]);
}

#[test]
fn bom_and_windows_line_endings_are_accepted() {
    let f = Fixture::new(&["es"]);
    let text = format!(
        "\u{feff}{}",
        case_text("Lima", "", "## Contexto\n\nTexto.").replace('\n', "\r\n")
    );
    f.write("content/cases/lima.es.md", &text);
    f.build_ok();
    let page = f.output("es/casos/lima/index.html");
    assert!(page.contains("<h1>Lima</h1>"));
    assert!(page.contains("id=\"contexto\""));
}

#[test]
fn tabs_in_yaml_get_advice() {
    let f = Fixture::new(&["es"]);
    f.write(
        "content/cases/lima.es.md",
        &case_text("Lima", "", "x").replace("city: Lima", "city:\tLima\n\tcountry: PE"),
    );
    let out = f.run(&["build"]);
    assert_clean_failure(&out, &["content/cases/lima.es.md:", "tab"]);
}

#[test]
fn empty_and_unclosed_files() {
    let f = Fixture::new(&["es"]);
    f.write("content/cases/empty.es.md", "");
    f.write(
        "content/cases/open.es.md",
        "---\ntitle: Abierto\n\nTexto sin cierre\n",
    );
    f.write("content/cases/bare.es.md", "Solo texto\n");
    let out = f.run(&["build"]);
    assert_clean_failure(
        &out,
        &[
            "content/cases/empty.es.md:1:1: this file is empty",
            "content/cases/open.es.md:1:1: the front matter that starts here is never closed",
            "content/cases/bare.es.md:1:1: this file does not start with front matter",
        ],
    );
}

#[test]
fn huge_files_are_refused_quickly() {
    let f = Fixture::new(&["es"]);
    let mut text = case_text("Lima", "", "");
    let line = "Una línea de texto que se repite para formar un archivo enorme.\n";
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&line.repeat(10_000));
    }
    f.write("content/cases/lima.es.md", &text);
    let out = f.run(&["check"]);
    assert_clean_failure(&out, &["content/cases/lima.es.md", "larger than"]);
}

#[test]
fn deeply_nested_yaml_is_an_error() {
    let f = Fixture::new(&["es"]);
    let nested = format!("{}1{}", "[".repeat(5_000), "]".repeat(5_000));
    f.write(
        "content/cases/lima.es.md",
        &case_text("Lima", &format!("extra: {nested}\n"), "x"),
    );
    let out = f.run(&["check"]);
    assert_clean_failure(&out, &["content/cases/lima.es.md"]);
}

#[test]
fn billion_laughs_is_an_error() {
    let f = Fixture::new(&["es"]);
    let mut yaml = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut prev = 'a';
    for name in ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] {
        yaml.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 9].join(",")
        ));
        prev = name;
    }
    f.write("content/cases/lima.es.md", &case_text("Lima", &yaml, "x"));
    let out = f.run(&["check"]);
    assert_clean_failure(&out, &["content/cases/lima.es.md"]);
}

#[test]
fn two_sources_for_one_address_name_both() {
    let f = Fixture::new(&["es"]);
    f.case("lima", "es", "Lima", "slug: capital\n", "x");
    f.case("quito", "es", "Quito", "slug: capital\n", "x");
    let out = f.run(&["build"]);
    assert_clean_failure(
        &out,
        &[
            "content/cases/lima.es.md",
            "content/cases/quito.es.md",
            "/es/casos/capital/index.html",
        ],
    );
}

#[test]
fn a_page_cannot_take_a_section_address() {
    let f = Fixture::new(&["es"]);
    f.page("casos", "es", "Casos", "", "x");
    let out = f.run(&["build"]);
    assert_clean_failure(&out, &["content/pages/casos.es.md", "es/casos/index.html"]);
}

#[test]
fn output_inside_the_sources_is_refused() {
    let f = Fixture::new(&["es"]);
    f.case("lima", "es", "Lima", "", "x");
    for target in [".", "content", "content/cases", ".."] {
        let out = f.run(&["build", "--output", target]);
        assert_clean_failure(&out, &["refusing to write"]);
    }
    assert!(f.root().join("content/cases/lima.es.md").exists());
    assert!(f.root().join("site.toml").exists());
}

#[test]
fn two_data_files_with_one_id_name_both() {
    let f = Fixture::new(&["es"]);
    let agreement = "title: { es: A }\nsummary: { es: S }\npartner: P\npartner_country: CO\ntype: grant\nsigned: 2025-01-01\nstatus: active\n";
    f.write("content/agreements/2024/a1.yaml", agreement);
    f.write("content/agreements/2025/a1.yaml", agreement);
    let out = f.run(&["check"]);
    assert_clean_failure(
        &out,
        &[
            "content/agreements/2024/a1.yaml",
            "content/agreements/2025/a1.yaml",
            "same name",
        ],
    );
}

/// Markdown that tries every way to put script into a page: link and image
/// addresses (plain, entity- and whitespace-obfuscated, upper case),
/// autolinks, reference definitions, footnotes, heading attributes, tables
/// and raw HTML.
const HOSTILE_MARKDOWN: &str = r#"## Title {tabindex=0 autofocus onfocus=alert(1) #x" .c"onclick=y}

[a](javascript:alert(1)) [b](&#106;avascript:alert(2)) [c](&#x6A;avascript:alert(3))
[d](java&#x09;script:alert(4)) [e](<java	script:alert(5)>) [f](< javascript:alert(6)>)
[g](JAVASCRIPT:alert(7)) [h](vbscript:msgbox(8)) [i](data:text/html,<script>alert(9)</script>)
![j](data:text/html;base64,PHNjcmlwdD4=) ![k](javascript:alert(10)) <javascript:alert(11)>
<vbscript:x> [l][ref] ![m][ref] [n](&#0000106avascript:x) [o](&#x0A;javascript:x)

[ref]: javascript:alert(12)

Note[^n].

[^n]: [p](javascript:alert(13)) <script>alert(14)</script>

| a | b |
|---|---|
| [q](javascript:alert(15)) | <img src=x onerror=alert(16)> |

<iframe srcdoc="<script>alert(17)</script>"></iframe>
<object data="javascript:x"></object><embed src="javascript:x">
<a href="javascript:alert(18)">raw</a> <button formaction="javascript:x">b</button>
<svg onload=alert(19)><script>alert(20)</script></svg>
"#;

/// Text for a YAML field: markup, a script address and a closing script
/// tag (to break out of JSON-LD), quoted for YAML.
const HOSTILE_TEXT: &str = r#""</script><script>alert(1)</script><img src=x onerror=alert(2)> javascript:alert(3) <a href='javascript:x'>""#;

#[test]
fn no_field_can_put_script_into_any_page() {
    let f = Fixture::new(&["es", "en"]);
    let t = HOSTILE_TEXT;
    let case = case_text("X", &format!("lessons: [{t}]\n"), HOSTILE_MARKDOWN)
        .replace("title: \"X\"", &format!("title: {t}"))
        .replace("summary: \"Summary of X\"", &format!("summary: {t}"))
        .replace("city: Lima", &format!("city: {t}"))
        .replace("actors: [Concejo]", &format!("actors: [{t}]"));
    f.write("content/cases/lima.es.md", &case);
    f.write("content/cases/lima.en.md", &case);
    f.write(
        "content/pages/about.es.md",
        &format!("---\ntitle: {t}\nsummary: {t}\n---\n\n{HOSTILE_MARKDOWN}\n"),
    );
    f.write(
        "content/agreements/a1.yaml",
        &format!("title: {{ es: {t}, en: {t} }}\nsummary: {{ es: {t}, en: {t} }}\npartner: {t}\npartner_country: CO\ntype: grant\nsigned: 2025-01-01\nstatus: active\napproved_by: {t}\n"),
    );
    f.write(
        "content/actions/m1.yaml",
        &format!("title: {{ es: {t}, en: {t} }}\nsummary: {{ es: {t}, en: {t} }}\ntype: network\ndate: 2024-07-08\nplace: {{ city: {t}, country: ES }}\nparticipants: [{t}]\nfunded_by: {t}\n"),
    );
    f.write(
        "content/reports/2024-S2.es.md",
        &format!(
            "---\ntitle: {t}\nlegislature: {t}\npresented: 2025-02-14\n---\n\n{HOSTILE_MARKDOWN}\n"
        ),
    );
    let out = f.run(&["build"]);
    assert!(out.status.success(), "build failed:\n{}", stderr(&out));
    common::assert_no_unsafe_markup(&f.root().join("public"), "/");
    // The text is still there, shown as text.
    assert!(f
        .output("es/casos/lima/index.html")
        .contains("&lt;script&gt;alert(14)&lt;/script&gt;"));
}

#[test]
fn heading_attributes_cannot_add_event_handlers() {
    let f = Fixture::new(&["en"]);
    f.case(
        "lima",
        "en",
        "Lima",
        "",
        "## Title {tabindex=0 autofocus onfocus=alert(1)}\n\n## Results {#res!ults .big .x\"y}\n",
    );
    f.build_ok();
    let page = f.output("en/cases/lima/index.html");
    assert!(page.contains("<h2 id=\"title\">Title</h2>"), "{page}");
    assert!(
        page.contains("<h2 id=\"results\" class=\"big xy\">Results</h2>"),
        "{page}"
    );
    assert!(
        !page.contains("onfocus") && !page.contains("tabindex=\"0\""),
        "{page}"
    );
}

#[test]
fn heading_attributes_are_kept_when_raw_html_is_allowed() {
    let f = Fixture::new(&["en"]);
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write("site.toml", &format!("allow_raw_html = true\n{toml}"));
    f.case("lima", "en", "Lima", "", "## Title {data-step=2}\n");
    f.build_ok();
    let page = f.output("en/cases/lima/index.html");
    assert!(page.contains("data-step=\"2\""), "{page}");
}

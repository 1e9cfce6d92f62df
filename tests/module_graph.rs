//! The modules of memoria form a one-way graph that follows the flow
//! load → validate → derive → render → write (docs/architecture.md): no
//! module refers to one of a higher layer, and there is no cycle.
//!
//! This reads `src/**/*.rs`, finds each file's top-level module and the
//! top-level modules it names through `crate::` (also inside grouped
//! `use crate::{a, b::c}` and inline paths such as `crate::timing::step(…)`),
//! leaving out comments, string literals and `#[cfg(test)]` items.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The layers, bottom to top, as in docs/architecture.md. A module may refer
/// to modules of its own layer or of a layer below.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "foundations",
        &[
            "diagnostics",
            "text",
            "slug",
            "yaml",
            "period",
            "countries",
            "currencies",
            "timing",
            "i18n",
            "frontmatter",
            "markdown",
            "sdg",
            "exchange",
        ],
    ),
    ("config", &["config"]),
    ("load", &["content", "theme", "members"]),
    (
        "derive",
        &[
            "taxonomy", "routes", "figures", "reports", "derive", "site", "format", "portal",
        ],
    ),
    (
        "render",
        &[
            "output", "chart", "render", "search", "feeds", "opendata", "catalog",
        ],
    ),
    ("write", &["publish"]),
    (
        "commands",
        &[
            "linkcheck",
            "http",
            "pdf",
            "pipeline",
            "editor",
            "serve",
            "scaffold",
            "spreadsheet",
            "network",
        ],
    ),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to (`render` for
/// `src/render/format.rs`), or `None` for the crate root and the binary.
fn module_of(path: &Path) -> Option<String> {
    let rel = path.strip_prefix(src()).unwrap();
    let first = rel.components().next()?.as_os_str().to_string_lossy();
    let name = first.strip_suffix(".rs").unwrap_or(&first).to_string();
    (name != "lib" && name != "main").then_some(name)
}

/// `text` with comments, string and character literals blanked out
/// (newlines kept).
fn code_only(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < c.len() {
        let next = c.get(i + 1).copied();
        if c[i] == '/' && next == Some('/') {
            while i < c.len() && c[i] != '\n' {
                blank(&mut out, c[i]);
                i += 1;
            }
        } else if c[i] == '/' && next == Some('*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, c[i]);
                    i += 1;
                }
            }
        } else if c[i] == 'r'
            && (next == Some('"') || next == Some('#'))
            && (i == 0 || !is_ident(c[i - 1]))
        {
            let mut j = i + 1;
            while c.get(j) == Some(&'#') {
                j += 1;
            }
            if c.get(j) != Some(&'"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            let hashes = j - i - 1;
            let mut k = j + 1;
            while k < c.len() && !(c[k] == '"' && (1..=hashes).all(|h| c.get(k + h) == Some(&'#')))
            {
                k += 1;
            }
            let end = (k + 1 + hashes).min(c.len());
            for &ch in &c[i..end] {
                blank(&mut out, ch);
            }
            i = end;
        } else if c[i] == '"' {
            blank(&mut out, c[i]);
            i += 1;
            i = skip_quoted(&c, i, '"', &mut out);
        } else if c[i] == '\'' && (c.get(i + 2) == Some(&'\'') || next == Some('\\')) {
            // A character literal ('x', '\n', '\u{1F}'), not a lifetime.
            blank(&mut out, c[i]);
            i += 1;
            i = skip_quoted(&c, i, '\'', &mut out);
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `code` without the items marked `#[cfg(test)]`.
fn without_tests(code: &str) -> String {
    const MARK: &str = "#[cfg(test)]";
    let mut out = String::new();
    let mut rest = code;
    while let Some(at) = rest.find(MARK) {
        out.push_str(&rest[..at]);
        let item = &rest[at + MARK.len()..];
        let brace = item.find('{');
        let semi = item.find(';');
        let end = match (brace, semi) {
            (_, Some(s)) if brace.is_none_or(|b| s < b) => s + 1,
            (Some(b), _) => b + matching_brace(&item[b..]),
            _ => item.len(),
        };
        rest = &item[end..];
    }
    out.push_str(rest);
    out
}

/// The length of the balanced `{…}` that `text` starts with.
fn matching_brace(text: &str) -> usize {
    let mut depth = 0;
    for (i, ch) in text.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    text.len()
}

/// The first names after every `crate::` of `code` (each name of a group).
fn crate_names(code: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut from = 0;
    while let Some(at) = code[from..].find("crate::") {
        let start = from + at;
        from = start + "crate::".len();
        let before = code[..start].chars().next_back();
        if before.is_some_and(|b| is_ident(b) || b == '$') {
            continue;
        }
        let rest = code[from..].trim_start();
        if rest.starts_with('{') {
            let group = &rest[1..matching_brace(rest) - 1];
            names.extend(group_heads(group));
        } else {
            names.push(rest.chars().take_while(|c| is_ident(*c)).collect());
        }
    }
    names
}

/// The first segment of every path of a `use` group's inside.
fn group_heads(group: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut part = String::new();
    for ch in group.chars().chain([',']) {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                let head: String = part.trim().chars().take_while(|c| is_ident(*c)).collect();
                if !head.is_empty() && head != "self" {
                    heads.push(head);
                }
                part.clear();
                continue;
            }
            _ => {}
        }
        part.push(ch);
    }
    heads
}

/// The macros `#[macro_export]`ed by each module (they live at the crate
/// root but belong to the module that defines them).
fn exported_macros(files: &BTreeMap<PathBuf, String>) -> BTreeMap<String, String> {
    let mut macros = BTreeMap::new();
    for (path, code) in files {
        let Some(module) = module_of(path) else {
            continue;
        };
        for (at, _) in code.match_indices("#[macro_export]") {
            let after = &code[at..];
            if let Some(m) = after.find("macro_rules!") {
                let name: String = after[m + "macro_rules!".len()..]
                    .trim_start()
                    .chars()
                    .take_while(|c| is_ident(*c))
                    .collect();
                macros.insert(name, module.clone());
            }
        }
    }
    macros
}

type Graph = BTreeMap<String, BTreeMap<String, BTreeSet<String>>>;

/// module → module it refers to → the files that refer to it.
fn graph() -> (Graph, BTreeSet<String>, Vec<String>) {
    let mut paths = Vec::new();
    rust_files(&src(), &mut paths);
    let files: BTreeMap<PathBuf, String> = paths
        .into_iter()
        .map(|p| {
            let text = fs::read_to_string(&p).unwrap();
            (p, without_tests(&code_only(&text)))
        })
        .collect();
    let macros = exported_macros(&files);
    let modules: BTreeSet<String> = files.keys().filter_map(|p| module_of(p)).collect();
    let mut graph = Graph::new();
    let mut unknown = Vec::new();
    for (path, code) in &files {
        let Some(from) = module_of(path) else {
            continue;
        };
        let shown = path.strip_prefix(src()).unwrap().display().to_string();
        graph.entry(from.clone()).or_default();
        for name in crate_names(code) {
            let to = match macros.get(&name) {
                Some(m) => m.clone(),
                None => name.clone(),
            };
            if !modules.contains(&to) {
                unknown.push(format!("{shown}: crate::{name}"));
                continue;
            }
            if to != from {
                graph
                    .entry(from.clone())
                    .or_default()
                    .entry(to)
                    .or_default()
                    .insert(shown.clone());
            }
        }
    }
    (graph, modules, unknown)
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, ms)| ms.contains(&module))
}

/// A cycle of `graph`, as the list of its modules, if there is one.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    // 0 = not seen, 1 = on the current path, 2 = done.
    fn visit(
        graph: &Graph,
        m: &str,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(m.to_string(), 1);
        path.push(m.to_string());
        for next in graph.get(m).into_iter().flat_map(|e| e.keys()) {
            match state.get(next).copied().unwrap_or(0) {
                1 => {
                    let at = path.iter().position(|p| p == next).unwrap();
                    let mut cycle = path[at..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                0 => {
                    if let Some(c) = visit(graph, next, state, path) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        path.pop();
        state.insert(m.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for m in graph.keys() {
        if state.get(m).copied().unwrap_or(0) == 0 {
            if let Some(c) = visit(graph, m, &mut state, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

#[test]
fn every_module_has_a_layer() {
    let (_, modules, unknown) = graph();
    assert!(
        unknown.is_empty(),
        "these paths name no module of src/: {unknown:#?}"
    );
    let missing: Vec<&String> = modules.iter().filter(|m| layer_of(m).is_none()).collect();
    assert!(
        missing.is_empty(),
        "place these modules in a layer of docs/architecture.md and of LAYERS in this test: {missing:?}"
    );
    let listed: BTreeSet<&str> = LAYERS
        .iter()
        .flat_map(|(_, ms)| ms.iter().copied())
        .collect();
    let gone: Vec<&&str> = listed.iter().filter(|m| !modules.contains(**m)).collect();
    assert!(
        gone.is_empty(),
        "LAYERS names modules that do not exist: {gone:?}"
    );
}

#[test]
fn no_module_refers_to_a_higher_layer() {
    let (graph, _, _) = graph();
    let mut upward = Vec::new();
    for (from, edges) in &graph {
        for (to, files) in edges {
            if let (Some(a), Some(b)) = (layer_of(from), layer_of(to)) {
                if b > a {
                    upward.push(format!(
                        "{from} ({}) uses {to} ({}) in {files:?}",
                        LAYERS[a].0, LAYERS[b].0
                    ));
                }
            }
        }
    }
    assert!(
        upward.is_empty(),
        "modules that refer to a higher layer:\n{}",
        upward.join("\n")
    );
}

#[test]
fn no_import_cycle() {
    let (graph, _, _) = graph();
    if let Some(cycle) = find_cycle(&graph) {
        let steps: Vec<String> = cycle
            .windows(2)
            .map(|w| format!("{} → {} (in {:?})", w[0], w[1], graph[&w[0]][&w[1]]))
            .collect();
        panic!("import cycle:\n{}", steps.join("\n"));
    }
}

#[test]
fn the_reader_sees_every_kind_of_reference() {
    let code = code_only(
        "use crate::{a, b::{c, d}, self};\n// crate::e\nlet x = \"crate::f\"; crate::g::h(); $crate::i; 'x'; r#\"crate::j\"#; fn k<'a>() { crate::l }",
    );
    let code = without_tests(&format!(
        "{code}\n#[cfg(test)]\nmod tests {{ use crate::m; }}\n#[cfg(test)]\nuse crate::n;"
    ));
    assert_eq!(crate_names(&code), ["a", "b", "g", "l"]);
}

/// Blanks the rest of a quoted literal that starts before `i` and ends at
/// the next unescaped `quote` (included); returns the index after it.
fn skip_quoted(c: &[char], mut i: usize, quote: char, out: &mut String) -> usize {
    while i < c.len() && c[i] != quote {
        if c[i] == '\\' {
            blank(out, c[i]);
            i += 1;
        }
        if i < c.len() {
            blank(out, c[i]);
            i += 1;
        }
    }
    if i < c.len() {
        blank(out, c[i]);
        i += 1;
    }
    i
}

/// Writes a blank in place of `ch`, keeping line breaks.
fn blank(out: &mut String, ch: char) {
    out.push(if ch == '\n' { '\n' } else { ' ' });
}

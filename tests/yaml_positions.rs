//! YAML syntax errors are reported on the line of the fault (not where the
//! parser noticed it), in front matter (counting the `---` line) and in data
//! files alike, with advice, and with no other error.

mod common;

use common::{agreement_text, error_lines_in, indicator_text, stderr, Fixture};

/// A site with one valid case in Spanish and English, one agreement and one
/// indicator.
fn site() -> Fixture {
    let f = Fixture::new(&["es", "en"]);
    f.case("lima", "es", "Lima es", "", "Texto.");
    f.case("lima", "en", "Lima en", "", "Text.");
    f.write("content/agreements/quito.yaml", &agreement_text());
    f.write("content/indicators/people.yaml", &indicator_text());
    f
}

/// One fault: its name and the expected line (counted from the line it
/// replaces), column, message and advice.
struct Fault {
    name: &'static str,
    line_shift: usize,
    column: usize,
    message: &'static str,
    help: &'static str,
}

/// The faults, each written on the line of the field `key` (a text field
/// written `key: "…"` or `key: { … }`).
fn faults(key: &'static str) -> Vec<(Fault, String)> {
    let k = key;
    vec![
        (
            Fault {
                name: "duplicate key",
                line_shift: 1,
                column: 1,
                message: "",
                help: "keep one of the two lines and remove the other",
            },
            format!("{k}: \"x\"\n{k}: \"y\""),
        ),
        (
            Fault {
                name: "unclosed quote",
                line_shift: 0,
                column: k.len() + 3,
                message: "the text in quotes that starts here is never closed",
                help: "close the quote (\") at the end of the text, on the same line",
            },
            format!("{k}: \"x"),
        ),
        (
            Fault {
                name: "unclosed [",
                line_shift: 0,
                column: k.len() + 3,
                message: "the `[` that opens here is never closed",
                help: "close it with `]` on the same line",
            },
            format!("{k}: [x, y"),
        ),
        (
            Fault {
                name: "unclosed {",
                line_shift: 0,
                column: k.len() + 3,
                message: "the `{` that opens here is never closed",
                help: "close it with `}` on the same line",
            },
            format!("{k}: {{ es: \"x\""),
        ),
        (
            Fault {
                name: "bad indentation",
                line_shift: 0,
                column: 3,
                message: "this is not valid YAML",
                help: "check the indentation of this line",
            },
            format!("  {k}: \"x\""),
        ),
        (
            Fault {
                name: "tab",
                line_shift: 0,
                column: 1,
                message: "this is not valid YAML",
                help: "YAML does not allow tab characters for indentation: use spaces instead",
            },
            format!("\t{k}: \"x\""),
        ),
        (
            Fault {
                name: "missing colon",
                line_shift: 0,
                column: 1,
                message: "this line has no `:` after the field's name",
                help: "write each field as `name: value`, with a colon and a space after the name",
            },
            format!("{k} \"x\""),
        ),
    ]
}

/// Writes `text` with the line starting `key:` replaced by `faulty`, builds
/// from the site's folder and checks the one error.
fn check(file: &str, text: &str, key: &str, fault: &Fault, faulty: &str) {
    let f = site();
    let lines: Vec<&str> = text.lines().collect();
    let index = lines
        .iter()
        .position(|l| l.starts_with(&format!("{key}:")))
        .unwrap_or_else(|| panic!("{key} not in {file}"));
    let mut new: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    new[index] = faulty.to_string();
    f.write(file, &(new.join("\n") + "\n"));
    let out = f.run(&["build"]);
    let err = stderr(&out);
    let what = format!("{} in {file}", fault.name);
    assert_eq!(out.status.code(), Some(1), "{what}:\n{err}");
    assert!(!err.contains("panicked"), "{what}:\n{err}");
    let errors = error_lines_in(&err);
    assert_eq!(errors.len(), 1, "{what}: one error expected:\n{err}");
    let line = index + 1 + fault.line_shift;
    let expected = format!("error: {file}:{line}:{}: ", fault.column);
    assert!(
        errors[0].starts_with(&expected),
        "{what}: expected {expected}\n{err}"
    );
    let message = if fault.name == "duplicate key" {
        format!(
            "the field `{key}` is written twice (first on line {})",
            index + 1
        )
    } else {
        fault.message.to_string()
    };
    assert!(errors[0].contains(&message), "{what}:\n{err}");
    assert!(
        err.contains(&format!("help: {}", fault.help)),
        "{what}:\n{err}"
    );
}

#[test]
fn faults_in_front_matter_are_placed_on_their_line() {
    // `city` is on line 3 of the file: line 2 of the YAML after the `---` line.
    let text = common::case_text("Lima es", "", "Texto.");
    for (fault, faulty) in faults("city") {
        let faulty = faulty.replace("\"x\"", "\"Lima\"");
        check("content/cases/lima.es.md", &text, "city", &fault, &faulty);
    }
}

#[test]
fn faults_in_agreements_are_placed_on_their_line() {
    for (fault, faulty) in faults("partner") {
        check(
            "content/agreements/quito.yaml",
            &agreement_text(),
            "partner",
            &fault,
            &faulty,
        );
    }
}

#[test]
fn faults_in_indicators_are_placed_on_their_line() {
    for (fault, faulty) in faults("method") {
        // A missing colon is shown on a one-word value: `method { es: …`
        // reads as a key `method { es`, a different fault.
        let faulty = if fault.name == "missing colon" {
            faulty
        } else {
            faulty.replace("\"x\"", "{ es: \"M\", en: \"M\" }")
        };
        check(
            "content/indicators/people.yaml",
            &indicator_text(),
            "method",
            &fault,
            &faulty,
        );
    }
}

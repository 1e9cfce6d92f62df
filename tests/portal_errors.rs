//! A network portal's mistakes, each reported once at its place with what
//! to do, without stopping the rest: a member theme mapped onto a theme the
//! network lacks, a member named with a word of the portal's addresses, a
//! member never fetched, and a cached copy changed by hand.

mod common;

use common::feeds::handmade_feed;
use common::{error_lines, stderr, Fixture};

/// A portal in English and Spanish with the members `members` (name, extra
/// lines of its table), each sent as the file `members/<n>.json`.
fn portal(members: &[(&str, &str)]) -> Fixture {
    let f = Fixture::new(&["en", "es"]);
    f.write(
        "content/vocabulary.yaml",
        "themes:\n  mobility:\n    label: { en: \"Mobility\", es: \"Movilidad\" }\n",
    );
    let mut toml = f.read("site.toml");
    toml.push_str("\n[network]\n");
    for (i, (name, extra)) in members.iter().enumerate() {
        f.write(
            &format!("members/{i}.json"),
            &handmade_feed(
                &format!("https://member{i}.example.org/"),
                &[("green-roofs", "CL", &[11], "Green roofs", None)],
            ),
        );
        toml.push_str(&format!(
            "\n[[network.members]]\nname = \"{name}\"\ncountry = \"CL\"\nfeed = \"members/{i}.json\"\n{extra}"
        ));
    }
    f.write("site.toml", &toml);
    f
}

/// The line of `site.toml` that starts with `start` (1-based), after
/// `after` lines.
fn line_of(f: &Fixture, start: &str) -> usize {
    f.read("site.toml")
        .lines()
        .position(|l| l.starts_with(start))
        .unwrap()
        + 1
}

#[test]
fn a_theme_mapped_onto_a_theme_the_network_lacks_is_an_error_at_its_line() {
    let f = portal(&[
        ("Villa Prueba", "themes = { climate = \"mobilty\" }\n"),
        ("Pueblo Río", ""),
    ]);
    assert!(f.run(&["network", "fetch"]).status.success());
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 1, "{}", stderr(&out));
    let line = line_of(&f, "themes = ");
    assert!(
        errors[0].starts_with(&format!("error: site.toml:{line}:10: member \"Villa Prueba\": its theme `climate` is mapped onto `mobilty`, which is not a theme of content/vocabulary.yaml")),
        "{}",
        errors[0]
    );
    assert!(
        stderr(&out).contains("did you mean `mobility`?"),
        "{}",
        stderr(&out)
    );
    assert!(!f.has_output("en/network/index.html"), "nothing published");
    // Mapped right, the practice is filed under the network's theme.
    f.edit("site.toml", "\"mobilty\"", "\"mobility\"");
    f.build_ok();
    let page = f.output("en/network/themes/mobility/index.html");
    assert!(page.contains("Green roofs"), "{page}");
}

#[test]
fn a_member_named_like_a_word_of_the_addresses_is_an_error() {
    let f = portal(&[("Temas", ""), ("Villa Prueba", "")]);
    assert!(f.run(&["network", "fetch"]).status.success());
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let errors = error_lines(&out);
    assert_eq!(errors.len(), 1, "{}", stderr(&out));
    let line = line_of(&f, "name = \"Temas\"");
    assert!(
        errors[0].starts_with(&format!(
            "error: site.toml:{line}:8: member \"Temas\" has the id `temas`, a word the portal's addresses already use"
        )),
        "{}",
        errors[0]
    );
    assert!(
        stderr(&out).contains("add the country or the region"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_member_never_fetched_is_a_warning_and_the_others_are_shown() {
    let f = portal(&[("Villa Prueba", ""), ("Pueblo Río", "")]);
    // Only the first is fetched: the second is added afterwards.
    let toml = f.read("site.toml");
    let second = toml.find("\n[[network.members]]\nname = \"Pueblo").unwrap();
    f.write("site.toml", &toml[..second]);
    assert!(f.run(&["network", "fetch"]).status.success());
    f.write("site.toml", &toml);
    let out = f.build_ok();
    let err = stderr(&out);
    let line = toml[..toml.find("feed = \"members/1.json\"").unwrap()]
        .lines()
        .count()
        + 1;
    assert!(
        err.contains(&format!(
            "warning: site.toml:{line}:8: member \"Pueblo Río\" has no copy of its feed yet"
        )),
        "{err}"
    );
    assert!(err.contains("run `memoria network fetch`"), "{err}");
    assert!(err.contains("0 errors, 1 warning"), "{err}");
    let index = f.output("en/network/index.html");
    assert!(index.contains("data-member=\"villa-prueba\""), "{index}");
    assert!(!index.contains("data-member=\"pueblo-rio\""), "{index}");
}

#[test]
fn a_copy_changed_by_hand_is_not_shown_and_says_so() {
    let f = portal(&[("Villa Prueba", ""), ("Pueblo Río", "")]);
    assert!(f.run(&["network", "fetch"]).status.success());
    f.edit(
        "network/pueblo-rio.json",
        "Green roofs",
        "Green <b>roofs</b>",
    );
    let out = f.build_ok();
    let err = stderr(&out);
    assert!(
        err.contains("warning: network/pueblo-rio.json: the copy of member \"Pueblo Río\"'s feed is not the one fetched on"),
        "{err}"
    );
    assert!(err.contains("run `memoria network fetch` again"), "{err}");
    let index = f.output("en/network/index.html");
    assert!(!index.contains("data-member=\"pueblo-rio\""), "{index}");
    assert!(index.contains("data-member=\"villa-prueba\""), "{index}");
    // Fetched again, it is back.
    assert!(f.run(&["network", "fetch"]).status.success());
    let out = f.build_ok();
    assert!(
        stderr(&out).contains("0 errors, 0 warnings"),
        "{}",
        stderr(&out)
    );
    assert!(f
        .output("en/network/index.html")
        .contains("data-member=\"pueblo-rio\""));
}

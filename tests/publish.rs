//! Publishing over a previous output: only the files whose bytes changed
//! are written, the others are carried by hard link, the previous output
//! never changes through a link, and no temporary folder is left behind.

mod common;

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use common::{build_leftovers, built_counts, error_lines, link_tree, snapshot, stderr, Fixture};

/// The inode of `path`.
fn inode(path: &Path) -> u64 {
    fs::metadata(path).unwrap().ino()
}

#[test]
fn a_second_build_writes_only_what_changed() {
    let f = Fixture::bundled();
    let first = f.build_ok();
    let (files, written, unchanged) = built_counts(&first);
    assert!(files > 100, "{}", stderr(&first));
    assert_eq!((written, unchanged), (files, 0), "a first build writes all");
    assert!(stderr(&first).contains("(0 errors, 0 warnings)"));

    let again = f.build_ok();
    assert_eq!(built_counts(&again), (files, 0, files), "nothing changed");
    assert!(stderr(&again).contains("(0 errors, 0 warnings)"));

    f.edit(
        "content/cases/lima.es.md",
        "## Contexto",
        "## Contexto del caso",
    );
    let edited = f.build_ok();
    let (n, written, unchanged) = built_counts(&edited);
    assert_eq!(n, files);
    assert!(written >= 1 && written < files / 4, "{}", stderr(&edited));
    assert_eq!(written + unchanged, files);
    assert!(f
        .output("es/casos/lima/index.html")
        .contains("Contexto del caso"));

    // The output carried over is the output a fresh build writes.
    let fresh = f.run(&["build", "--output", "fresh"]);
    assert_eq!(
        built_counts(&fresh),
        (files, files, 0),
        "{}",
        stderr(&fresh)
    );
    assert_eq!(
        snapshot(&f.root().join("public")),
        snapshot(&f.root().join("fresh"))
    );
}

#[test]
fn the_previous_output_never_changes_through_a_link() {
    let f = Fixture::bundled();
    f.build_ok();
    let public = f.root().join("public");
    // A copy of the first output sharing its files, as a deployment tool
    // may keep.
    let kept = f.root().join("kept");
    link_tree(&public, &kept);
    let first = snapshot(&kept);
    let lima = "es/casos/lima/index.html";

    // Unchanged files are carried by link, so they share the inode.
    f.build_ok();
    assert_eq!(inode(&public.join(lima)), inode(&kept.join(lima)));
    assert_eq!(
        inode(&public.join("index.html")),
        inode(&kept.join("index.html"))
    );

    // A changed file is a new file: the linked copy keeps the old bytes.
    f.edit(
        "content/cases/lima.es.md",
        "## Contexto",
        "## Contexto del caso",
    );
    let out = f.build_ok();
    let (_, written, unchanged) = built_counts(&out);
    assert!(written > 0 && unchanged > 0, "{}", stderr(&out));
    assert_ne!(inode(&public.join(lima)), inode(&kept.join(lima)));
    assert!(f.output(lima).contains("Contexto del caso"));
    assert_eq!(
        snapshot(&kept),
        first,
        "the linked copy is byte for byte the same"
    );
    assert_eq!(
        inode(&public.join("index.html")),
        inode(&kept.join("index.html"))
    );

    // A failed build changes neither the output nor the linked copy.
    let second = snapshot(&public);
    f.edit(
        "content/cases/lima.es.md",
        "date: 2018-04-30",
        "date: 2018-04-31",
    );
    let failed = f.run(&["build"]);
    let err = stderr(&failed);
    assert_eq!(failed.status.code(), Some(1), "{err}");
    assert_eq!(
        error_lines(&failed),
        ["error: content/cases/lima.es.md:5:7: `date` must be a date written YYYY-MM-DD, not the text \"2018-04-31\""],
        "{err}"
    );
    assert!(err.contains("help: for example 2025-06-30"), "{err}");
    assert!(
        err.contains("the previous output was left as it was"),
        "{err}"
    );
    assert_eq!(snapshot(&public), second, "public/ is untouched");
    assert_eq!(snapshot(&kept), first, "the linked copy is untouched");
    assert!(
        build_leftovers(f.root()).is_empty(),
        "{:?}",
        build_leftovers(f.root())
    );
}

#[test]
fn no_temporary_folder_is_left_after_a_build_over_a_previous_one() {
    let f = Fixture::bundled();
    for _ in 0..2 {
        f.build_ok();
        assert!(
            build_leftovers(f.root()).is_empty(),
            "{:?}",
            build_leftovers(f.root())
        );
    }
    f.edit(
        "content/cases/lima.es.md",
        "## Contexto",
        "## Contexto del caso",
    );
    f.build_ok();
    assert!(
        build_leftovers(f.root()).is_empty(),
        "{:?}",
        build_leftovers(f.root())
    );

    // The same with an absolute --output elsewhere.
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("site");
    for expected_unchanged in [false, true] {
        let out = f.run(&["build", "--output", target.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        let (files, written, unchanged) = built_counts(&out);
        assert_eq!(unchanged == files && written == 0, expected_unchanged);
        assert!(build_leftovers(elsewhere.path()).is_empty());
    }
}

//! Watching the sources (site.toml, reports.lock, content/, themes/, static/,
//! and the site's own templates/, print/ and i18n/)
//! and rebuilding.
//!
//! The site's folder itself is watched without its sub-folders, so that
//! site.toml, reports.lock and source folders that appear later are seen
//! without watching the large `target/` or output folders; each source
//! folder is watched with everything inside it, also when it appears after
//! the start. Only changes of content count (a file created, written,
//! removed or renamed): memoria's own reads of the sources never start a
//! rebuild. The changes of one save arrive in a burst (an editor often
//! writes a temporary file and renames it over the original); the rebuild
//! starts once the burst is over.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::{rebuild, Incremental};
use crate::config::CONFIG_FILE;
use crate::diagnostics::Problem;
use crate::http::State;
use crate::reports::lock::LOCK_FILE;
use crate::reports::presented::PRESENTED_DIR;

/// How long the sources must stay unchanged before a rebuild starts. An
/// editor's save (write a temporary file, rename it over the original)
/// comes in a burst of events a few milliseconds apart; a longer pause
/// starts a second rebuild at worst, which is still right.
const DEBOUNCE: Duration = Duration::from_millis(25);

/// The longest a rebuild waits for a burst of changes to end.
const MAX_WAIT: Duration = Duration::from_secs(1);

/// The files of the site's folder that are sources.
const SOURCE_FILES: [&str; 2] = [CONFIG_FILE, LOCK_FILE];

/// The folders of the site's folder that are sources, with all they hold.
/// `templates/`, `print/` and `i18n/` are the site's own theme files.
const SOURCE_DIRS: [&str; 7] = [
    "content",
    "themes",
    "static",
    "templates",
    "print",
    "i18n",
    PRESENTED_DIR,
];

/// The watch of a site; it stops when dropped.
pub(crate) struct Watch {
    watcher: Arc<Mutex<Option<RecommendedWatcher>>>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        // Dropping the watcher closes the channel, which ends the rebuild loop.
        if let Ok(mut watcher) = self.watcher.lock() {
            watcher.take();
        }
    }
}

/// Starts watching the site in `root` (an absolute, canonical path) and
/// rebuilding `site` on every change of its sources.
pub(crate) fn start(
    root: PathBuf,
    output: PathBuf,
    mut site: Incremental,
    state: Arc<State>,
) -> Result<Watch, Problem> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx)
        .map_err(|e| Problem::new(format!("cannot watch the site's files: {e}"), WATCH_HELP))?;
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|e| cannot_watch(&root, &e))?;
    let sources = Sources { root, output };
    for dir in SOURCE_DIRS {
        watch_folder(&mut watcher, &sources.root.join(dir))?;
    }
    let watcher = Arc::new(Mutex::new(Some(watcher)));
    let shared = watcher.clone();
    std::thread::spawn(move || {
        // The source files changed in the current burst; `None` when which
        // ones is not known (events were lost): then everything is rebuilt.
        let paths = std::cell::RefCell::new(Some(BTreeSet::new()));
        // Those created in it: one that is gone again at its end (the
        // temporary file of a program that saves by renaming a new file
        // over the old one) changed nothing.
        let created = std::cell::RefCell::new(BTreeSet::new());
        let counts = |message: &notify::Result<Event>| {
            let Ok(event) = message else {
                return false;
            };
            watch_new_folders(&shared, &sources, event);
            if event.need_rescan() {
                paths.replace(None);
                return true;
            }
            if !is_change(message) {
                return false;
            }
            let mut found = false;
            for p in event.paths.iter().filter(|p| sources.contains(p)) {
                found = true;
                if let Some(set) = paths.borrow_mut().as_mut() {
                    set.insert(p.clone());
                }
                if matches!(event.kind, EventKind::Create(_)) {
                    created.borrow_mut().insert(p.clone());
                }
            }
            found
        };
        rebuild_loop(&rx, counts, |changed| {
            let created = created.take();
            match paths.replace(Some(BTreeSet::new())) {
                Some(mut known) => {
                    let any = !known.is_empty();
                    known.retain(|p| !created.contains(p) || p.exists());
                    if !(any && known.is_empty()) {
                        rebuild(&mut site, &state, Some(changed), &known);
                    }
                }
                None => {
                    rebuild(&mut site, &state, Some(changed), &BTreeSet::new());
                }
            }
        });
    });
    Ok(Watch { watcher })
}

/// Watches `dir` with everything inside, when it is a folder.
fn watch_folder(watcher: &mut RecommendedWatcher, dir: &Path) -> Result<(), Problem> {
    if !dir.is_dir() {
        return Ok(());
    }
    watcher
        .watch(dir, RecursiveMode::Recursive)
        .map_err(|e| cannot_watch(dir, &e))
}

/// What to do when the system does not let memoria watch the files.
const WATCH_HELP: &str = "on Linux, the system may allow too few watches: raise fs.inotify.max_user_watches (e.g. sudo sysctl fs.inotify.max_user_watches=524288), or close other programs that watch many files";

/// The problem of a folder that cannot be watched.
fn cannot_watch(dir: &Path, e: &notify::Error) -> Problem {
    Problem::new(format!("cannot watch {}: {e}", dir.display()), WATCH_HELP)
}

/// Starts watching a source folder that `event` shows appearing (created, or
/// renamed into place), so that what is saved in it later is seen.
fn watch_new_folders(
    watcher: &Mutex<Option<RecommendedWatcher>>,
    sources: &Sources,
    event: &Event,
) {
    let appeared = matches!(
        event.kind,
        EventKind::Create(_) | EventKind::Modify(ModifyKind::Name(_))
    ) || event.need_rescan();
    if !appeared {
        return;
    }
    let Ok(mut guard) = watcher.lock() else {
        return;
    };
    let Some(watcher) = guard.as_mut() else {
        return;
    };
    for dir in SOURCE_DIRS.map(|d| sources.root.join(d)) {
        if event.need_rescan() || event.paths.contains(&dir) {
            if let Err(e) = watch_folder(watcher, &dir) {
                eprintln!(
                    "warning: {}; restart memoria serve to see its changes\n  = help: {}",
                    e.message, e.help
                );
            }
        }
    }
}

/// Waits for changes and rebuilds once per burst, until the channel closes,
/// telling `rebuild` when the first change of the burst arrived. Changes
/// that arrive during a rebuild wait in the channel and start the next one.
fn rebuild_loop<T>(
    rx: &Receiver<T>,
    mut is_change: impl FnMut(&T) -> bool,
    mut rebuild: impl FnMut(Instant),
) {
    while let Some(changed) = wait_for_burst(rx, &mut is_change) {
        rebuild(changed);
    }
}

/// Waits for a change, then until no change came for [`DEBOUNCE`] (or
/// [`MAX_WAIT`] passed). The time the first change arrived; `None` when the
/// channel has closed.
fn wait_for_burst<T>(rx: &Receiver<T>, is_change: &mut impl FnMut(&T) -> bool) -> Option<Instant> {
    loop {
        match rx.recv() {
            Ok(message) if is_change(&message) => break,
            Ok(_) => continue,
            Err(_) => return None,
        }
    }
    let first = Instant::now();
    let mut last = first;
    loop {
        let deadline = (last + DEBOUNCE).min(first + MAX_WAIT);
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(message) => {
                if is_change(&message) {
                    last = Instant::now();
                }
            }
            Err(RecvTimeoutError::Timeout) => return Some(first),
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
}

/// True for a message that says something changed: a file or folder
/// created, written, removed or renamed, or events lost (rescan). Reads,
/// including memoria's own, and changes of permissions or times do not count.
fn is_change(message: &notify::Result<Event>) -> bool {
    let Ok(event) = message else {
        return false;
    };
    event.need_rescan()
        || match event.kind {
            EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any => true,
            EventKind::Modify(kind) => !matches!(kind, ModifyKind::Metadata(_)),
            EventKind::Access(kind) => kind == AccessKind::Close(AccessMode::Write),
            EventKind::Other => false,
        }
}

/// Which paths are sources of the site.
struct Sources {
    /// The site's folder, absolute and canonical (as the watcher reports it).
    root: PathBuf,
    /// The output folder of site.toml, absolute: never a source.
    output: PathBuf,
}

impl Sources {
    /// True for `path` (absolute) when its change can change the site: in the
    /// site's folder, site.toml, reports.lock, or a file under content/,
    /// themes/, static/, templates/, print/ or i18n/ that is neither in a dot-folder nor an editor's
    /// temporary file.
    fn contains(&self, path: &Path) -> bool {
        if path.starts_with(&self.output) {
            return false;
        }
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return false;
        };
        let mut names = Vec::new();
        for component in rel.components() {
            match component {
                Component::Normal(name) => names.push(name.to_string_lossy()),
                _ => return false,
            }
        }
        match names.as_slice() {
            [] => false,
            [file] => SOURCE_FILES.contains(&file.as_ref()) || SOURCE_DIRS.contains(&file.as_ref()),
            [dir, inside @ ..] => {
                SOURCE_DIRS.contains(&dir.as_ref())
                    && !inside.iter().any(|n| n.starts_with('.'))
                    && !inside.last().is_some_and(|n| is_temporary(n))
            }
        }
    }
}

/// True for the names editors give their temporary, swap and backup files.
fn is_temporary(name: &str) -> bool {
    name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swx", ".tmp", ".kate-swp"]
            .iter()
            .any(|ending| name.ends_with(ending))
        || name.contains("___jb_")
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, RenameMode};

    fn sources() -> Sources {
        Sources {
            root: PathBuf::from("/site"),
            output: PathBuf::from("/site/public"),
        }
    }

    #[test]
    fn only_sources_trigger_rebuilds() {
        let s = sources();
        for source in [
            "/site/site.toml",
            "/site/reports.lock",
            "/site/content",
            "/site/content/cases/a.es.md",
            "/site/themes/default/templates/base.html",
            "/site/themes/other",
            "/site/static/css/site.css",
        ] {
            assert!(s.contains(Path::new(source)), "{source}");
        }
        for other in [
            "/site",
            "/site/public/index.html",
            "/site/target/debug/memoria",
            "/site/.git/index",
            "/site/docs/themes.md",
            "/site/content/cases/.a.es.md.swp",
            "/site/content/cases/a.es.md~",
            "/site/content/cases/#a.es.md#",
            "/site/content/cases/4913",
            "/site/content/.git/HEAD",
            "/site/themes/default/.cache/x.html",
            "/elsewhere/site.toml",
            "site.toml",
            "/site/content/../target/x",
        ] {
            assert!(!s.contains(Path::new(other)), "{other}");
        }
    }

    #[test]
    fn the_output_folder_is_never_a_source() {
        let s = Sources {
            root: PathBuf::from("/site"),
            output: PathBuf::from("/site/static/out"),
        };
        assert!(!s.contains(Path::new("/site/static/out/index.html")));
        assert!(s.contains(Path::new("/site/static/logo.svg")));
    }

    #[test]
    fn reads_are_not_changes() {
        let event = |kind| Ok(Event::new(kind));
        for kind in [
            EventKind::Create(CreateKind::File),
            EventKind::Modify(ModifyKind::Data(DataChange::Content)),
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            EventKind::Remove(notify::event::RemoveKind::File),
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
        ] {
            assert!(is_change(&event(kind)), "{kind:?}");
        }
        for kind in [
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            EventKind::Access(AccessKind::Read),
            EventKind::Access(AccessKind::Close(AccessMode::Read)),
            EventKind::Modify(ModifyKind::Metadata(
                notify::event::MetadataKind::AccessTime,
            )),
            EventKind::Other,
        ] {
            assert!(!is_change(&event(kind)), "{kind:?}");
        }
    }

    #[test]
    fn a_burst_is_one_rebuild_and_changes_during_a_rebuild_make_another() {
        let (tx, rx) = mpsc::channel();
        for _ in 0..5 {
            tx.send(true).unwrap();
        }
        tx.send(false).unwrap();
        let tx = std::cell::RefCell::new(Some(tx));
        let mut rebuilds = 0;
        rebuild_loop(
            &rx,
            |change: &bool| *change,
            |_| {
                rebuilds += 1;
                let mut sender = tx.borrow_mut();
                if rebuilds == 1 {
                    // A save while rebuilding, and a read that does not count.
                    let sender = sender.as_ref().unwrap();
                    sender.send(true).unwrap();
                    sender.send(false).unwrap();
                } else {
                    sender.take();
                }
            },
        );
        assert_eq!(rebuilds, 2);
    }

    #[test]
    fn nothing_but_reads_makes_no_rebuild() {
        let (tx, rx) = mpsc::channel();
        for _ in 0..5 {
            tx.send(false).unwrap();
        }
        drop(tx);
        let mut rebuilds = 0;
        rebuild_loop(&rx, |change: &bool| *change, |_| rebuilds += 1);
        assert_eq!(rebuilds, 0);
    }
}

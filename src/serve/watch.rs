//! Watching the sources (content/, themes/, static/, site.toml) and rebuilding.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_mini::{new_debouncer, DebounceEventResult, Debouncer};

use super::{rebuild, Incremental, State};
use crate::config::CONFIG_FILE;

/// How long to wait for an editor to finish saving before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(40);

/// Starts watching; the returned value stops the watch when dropped.
pub fn start(
    root: PathBuf,
    mut site: Incremental,
    state: Arc<State>,
) -> Result<Debouncer<notify::RecommendedWatcher>, String> {
    let watched_root = root.clone();
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let mut debouncer = new_debouncer(DEBOUNCE, move |result: DebounceEventResult| {
        if let Ok(events) = result {
            if events.iter().any(|e| is_source(&watched_root, &e.path)) {
                let _ = tx.send(());
            }
        }
    })
    .map_err(|e| format!("cannot watch the site's files: {e}"))?;
    let watcher = debouncer.watcher();
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    for dir in ["content", "themes", "static"] {
        let path = root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
        }
    }
    std::thread::spawn(move || {
        while rx.recv().is_ok() {
            // Changes that arrive during a rebuild are folded into the next one.
            while rx.try_recv().is_ok() {}
            rebuild(&mut site, &state);
        }
    });
    Ok(debouncer)
}

/// True for paths whose change can change the site.
fn is_source(root: &Path, path: &Path) -> bool {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut parts = rel.components();
    match parts
        .next()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
    {
        Some(first) if first == CONFIG_FILE => true,
        Some(first) if ["content", "themes", "static"].contains(&first.as_str()) => {
            // Editors' temporary files do not count.
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            !(name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp"))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_trigger_rebuilds() {
        let root = Path::new("/site");
        assert!(is_source(root, Path::new("/site/site.toml")));
        assert!(is_source(root, Path::new("/site/content/cases/a.es.md")));
        assert!(is_source(
            root,
            Path::new("/site/themes/default/templates/base.html")
        ));
        assert!(!is_source(root, Path::new("/site/public/index.html")));
        assert!(!is_source(
            root,
            Path::new("/site/content/cases/.a.es.md.swp")
        ));
        assert!(!is_source(root, Path::new("/site/target/x")));
    }
}

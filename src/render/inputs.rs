//! What each page read from the model while it was rendered: the inputs of
//! the page registry. `serve` keeps them, and after a change renders again
//! only the pages that read what changed.
//!
//! Reads are noted where the value is taken ([`read`]), on the thread that
//! renders the page: a page is rendered on one thread from start to end
//! (no page's rendering runs work in parallel), so what [`record`] collects
//! is exactly what that page read. Values computed once for many pages (a
//! case's summary) must therefore not show what a page records: case
//! summaries carry theme ids, not labels.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::Job;

/// A value of the model that a page showed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Input {
    /// The label or the description of a theme (`content/vocabulary.yaml`),
    /// by its id.
    Theme(String),
}

thread_local! {
    /// What the page being rendered on this thread read so far, while one is.
    static READS: RefCell<Option<BTreeSet<Input>>> = const { RefCell::new(None) };
}

/// Notes that the page being rendered on this thread read `input` (nothing
/// is noted, and `input` is not called, when no page is being recorded).
pub(crate) fn read(input: impl FnOnce() -> Input) {
    READS.with(|reads| {
        if let Some(set) = reads.borrow_mut().as_mut() {
            set.insert(input());
        }
    });
}

/// Runs `f` (the rendering of one page) and returns what it read.
pub(crate) fn record<R>(f: impl FnOnce() -> R) -> (R, BTreeSet<Input>) {
    let outer = READS.with(|reads| reads.replace(Some(BTreeSet::new())));
    let out = f();
    let read = READS.with(|reads| reads.replace(outer)).unwrap_or_default();
    (out, read)
}

/// The pages of a build that read something of the model that can change
/// without a full rebuild, with what each read, and the other way round:
/// the pages that read each input, so that a change finds its pages
/// without going through every page of the site.
#[derive(Debug, Default)]
pub(crate) struct PageInputs {
    pages: BTreeMap<Job, BTreeSet<Input>>,
    readers: HashMap<Input, BTreeSet<Job>>,
}

impl PageInputs {
    /// Records that `job` read `read` (replacing what it read before).
    pub(crate) fn set(&mut self, job: Job, read: BTreeSet<Input>) {
        // A page rendered again most often read what it read before.
        let same = match self.pages.get(&job) {
            Some(before) => *before == read,
            None => read.is_empty(),
        };
        if same {
            return;
        }
        let before = if read.is_empty() {
            self.pages.remove(&job)
        } else {
            for input in &read {
                self.readers
                    .entry(input.clone())
                    .or_default()
                    .insert(job.clone());
            }
            self.pages.insert(job.clone(), read.clone())
        };
        for input in before.iter().flatten().filter(|i| !read.contains(*i)) {
            if let Some(jobs) = self.readers.get_mut(input) {
                jobs.remove(&job);
                if jobs.is_empty() {
                    self.readers.remove(input);
                }
            }
        }
    }

    /// Takes in what the pages of `other` read.
    pub(crate) fn extend(&mut self, other: PageInputs) {
        for (job, read) in other.pages {
            self.set(job, read);
        }
    }

    /// The pages in language `lang` that read any of `inputs` (`default`:
    /// the site's default language), in the registry's order.
    pub(crate) fn reading(&self, lang: &str, default: &str, inputs: &BTreeSet<Input>) -> Vec<Job> {
        let mut readers = inputs.iter().filter_map(|input| self.readers.get(input));
        let in_lang = |job: &&Job| job.lang(default) == lang;
        match (readers.next(), readers.next()) {
            (None, _) => Vec::new(),
            // One input (a label edited): its readers are in order already.
            (Some(only), None) => only.iter().filter(in_lang).cloned().collect(),
            (Some(first), Some(second)) => {
                let found: BTreeSet<&Job> = [first, second]
                    .into_iter()
                    .chain(readers)
                    .flatten()
                    .filter(in_lang)
                    .collect();
                found.into_iter().cloned().collect()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_noted_only_while_a_page_is_recorded_and_not_across_pages() {
        read(|| panic!("nothing is recorded outside a page"));
        let ((), outer) = record(|| {
            read(|| Input::Theme("a".into()));
            let ((), inner) = record(|| read(|| Input::Theme("b".into())));
            assert_eq!(inner, BTreeSet::from([Input::Theme("b".into())]));
            read(|| Input::Theme("c".into()));
        });
        let expected = BTreeSet::from([Input::Theme("a".into()), Input::Theme("c".into())]);
        assert_eq!(outer, expected);
    }

    #[test]
    fn pages_are_found_by_language_and_input() {
        let mut pages = PageInputs::default();
        let theme = |t: &str| BTreeSet::from([Input::Theme(t.into())]);
        pages.set(Job::Case("lima".into(), "es".into()), theme("networks"));
        pages.set(Job::Case("lima".into(), "en".into()), theme("networks"));
        pages.set(Job::Cases("es".into(), 1), theme("climate"));
        assert_eq!(
            pages.reading("es", "es", &theme("networks")),
            vec![Job::Case("lima".into(), "es".into())]
        );
        assert!(pages.reading("es", "es", &theme("water")).is_empty());
        pages.set(Job::Cases("es".into(), 1), BTreeSet::new());
        assert!(pages.reading("es", "es", &theme("climate")).is_empty());
        // A page that reads another theme now is found by that one only.
        pages.set(Job::Case("lima".into(), "es".into()), theme("water"));
        assert!(pages.reading("es", "es", &theme("networks")).is_empty());
        assert_eq!(
            pages.reading("es", "es", &theme("water")),
            vec![Job::Case("lima".into(), "es".into())]
        );
        assert_eq!(pages.readers.len(), 2, "{:?}", pages.readers);
        // Several inputs: each page once, in the registry's order.
        let both = BTreeSet::from([Input::Theme("water".into()), Input::Theme("roads".into())]);
        pages.set(Job::Case("acre".into(), "es".into()), both.clone());
        pages.set(Job::Case("lima".into(), "es".into()), both.clone());
        assert_eq!(
            pages.reading("es", "es", &both),
            vec![
                Job::Case("acre".into(), "es".into()),
                Job::Case("lima".into(), "es".into())
            ]
        );
        // Setting what a page read already changes nothing.
        pages.set(Job::Case("acre".into(), "es".into()), both);
        assert_eq!(pages.readers[&Input::Theme("roads".into())].len(), 2);
    }
}

//! How long each step of a run takes, printed when `MEMORIA_TIMINGS` is set
//! (for profiling; see BENCHMARKS.md). A leaf: every layer may time itself.

/// Prints how long `step` took since `since` when `MEMORIA_TIMINGS` is set.
pub(crate) fn timing(step: &str, since: std::time::Instant) {
    if std::env::var_os("MEMORIA_TIMINGS").is_some() {
        eprintln!("timing: {step}: {} ms", since.elapsed().as_millis());
    }
}

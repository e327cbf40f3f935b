//! Phase timings for profiling, printed to stderr when the environment
//! variable `STYRLINT_TIMINGS` is set. Costs one relaxed load when it is not.
//! Used by `scripts/bench.sh` and docs/performance.md to say where a run's
//! time goes; never part of the output contract.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("STYRLINT_TIMINGS").is_some())
}

/// Measures from creation to drop and prints `label: N ms` when timings are on.
#[derive(Debug)]
pub struct Phase {
    label: &'static str,
    start: Option<Instant>,
}

impl Phase {
    /// Starts timing a phase.
    pub fn start(label: &'static str) -> Phase {
        Phase {
            label,
            start: enabled().then(Instant::now),
        }
    }
}

impl Drop for Phase {
    #[allow(clippy::print_stderr)]
    fn drop(&mut self) {
        if let Some(start) = self.start {
            eprintln!(
                "styrlint timing: {:>8.1} ms  {}",
                start.elapsed().as_secs_f64() * 1e3,
                self.label
            );
        }
    }
}

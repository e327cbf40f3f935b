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

/// The process's resident memory in MB, where `/proc` tells it (Linux).
fn resident_mb() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096 / 1_000_000)
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
                "styrlint timing: {:>8.1} ms  {:>6} MB resident  {}",
                start.elapsed().as_secs_f64() * 1e3,
                resident_mb().map_or_else(|| "?".to_string(), |m| m.to_string()),
                self.label
            );
        }
    }
}

//! Precision on text styrlint was not written for (docs/precision.md).
//!
//! The hand-written corpora under eval/corpora/ (written by someone who had
//! not read the code, with planted defects and look-alikes) are in the
//! repository, so they are scored on every run: every rule that fires must
//! be right at least 95 % of the time, and stale-reference must find at
//! least 90 % of the planted stale references. The public repositories of
//! eval/repos/ are scored too where their mirrors are present (never in
//! CI, which has none); the text of those repositories is not committed.
//! Both need Python 3.11 (tomllib); without it the test says so and passes.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn python() -> Option<&'static str> {
    let ok = Command::new("python3")
        .args(["-c", "import tomllib"])
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then_some("python3")
}

#[test]
fn hand_written_corpora_are_scored_above_the_bar() {
    let Some(py) = python() else {
        eprintln!("note: python3 with tomllib not found; the corpus scores are not checked");
        return;
    };
    let out = Command::new(py)
        .arg(repo().join("eval/corpora.py"))
        .args(["--min-precision", "0.95", "--min-stale-recall", "0.9"])
        .env("STYRLINT", env!("CARGO_BIN_EXE_styrlint"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // The table lists every corpus: none was skipped.
    let table = String::from_utf8_lossy(&out.stdout);
    for corpus in ["en-foundation", "sv-kommun"] {
        assert!(table.contains(corpus), "{table}");
    }
}

#[test]
fn public_repositories_where_their_mirrors_are_present() {
    let Some(py) = python() else {
        eprintln!("note: python3 with tomllib not found; the repositories are not scored");
        return;
    };
    let out = Command::new(py)
        .arg(repo().join("eval/precision.py"))
        .env("STYRLINT", env!("CARGO_BIN_EXE_styrlint"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    if stdout.contains("no repositories evaluated") {
        eprintln!("note: no mirrors of the evaluation repositories here; skipped");
        return;
    }
    // stale-reference, the rule the repositories exercise most, stays at
    // or above what docs/precision.md reports (0.91 over eight
    // repositories, the target being 0.95: the two it gets wrong are a
    // post's name used for the legal function it still names).
    let line = stdout
        .lines()
        .find(|l| l.starts_with("all ") && l.contains("stale-reference"))
        .unwrap_or("");
    let precision: f64 = line
        .split_whitespace()
        .last()
        .and_then(|p| p.parse().ok())
        .unwrap_or(1.0);
    assert!(precision >= 0.9, "{stdout}");
}

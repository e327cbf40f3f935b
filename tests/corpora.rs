//! Acceptance tests on whole corpora: every expected finding present and
//! nothing else. The expectations live in the documents a reader sees: the
//! summary table of docs/audit-findings.md for the Trollhättan audit, and
//! the defect table of each invented corpus's README.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// (rule, path, line) → count, as reported by `styrlint check --format json`.
fn findings(corpus: &str, today: &str) -> BTreeMap<(String, String, usize), usize> {
    let o = Command::new(env!("CARGO_BIN_EXE_styrlint"))
        .args(["check", corpus, "--format", "json", "--today", today])
        .current_dir(repo())
        .output()
        .unwrap();
    assert_ne!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut out = BTreeMap::new();
    for d in v["diagnostics"].as_array().unwrap() {
        let key = (
            d["rule"].as_str().unwrap().to_string(),
            d["path"].as_str().unwrap().to_string(),
            d["range"]["start"]["line"].as_u64().unwrap() as usize,
        );
        *out.entry(key).or_default() += 1;
    }
    out
}

fn rule_exists(rule: &str) -> bool {
    let o = Command::new(env!("CARGO_BIN_EXE_styrlint"))
        .args(["explain", rule])
        .output()
        .unwrap();
    o.status.success()
}

/// Parses "path:12, :17, :51 (×2)" into (path, line, count) triples.
fn parse_places(cell: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut path = String::new();
    for part in cell.split(',') {
        let part = part.trim();
        let (loc, times) = match part.split_once("(×") {
            Some((l, t)) => (l.trim(), t.trim_end_matches(')').trim().parse().unwrap()),
            None => (part, 1),
        };
        let line = match loc.rsplit_once(':') {
            Some((p, l)) if !p.is_empty() => {
                path = p.trim().to_string();
                l
            }
            Some((_, l)) => l,
            None => loc,
        };
        out.push((path.clone(), line.trim().parse().unwrap(), times));
    }
    out
}

#[test]
fn trollhattan_reproduces_the_audit_findings_and_nothing_else() {
    let doc = std::fs::read_to_string(repo().join("docs/audit-findings.md")).unwrap();
    let summary = doc
        .split("## Summary of what the linter should report")
        .nth(1)
        .unwrap();
    let mut expected = BTreeMap::new();
    let mut waiting = Vec::new();
    for line in summary
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| rule"))
    {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let (rule, places) = (cells[1], cells[2]);
        if !rule_exists(rule) {
            waiting.push(rule.to_string());
            continue;
        }
        for (path, line, times) in parse_places(places) {
            *expected.entry((rule.to_string(), path, line)).or_default() += times;
        }
    }
    assert!(!expected.is_empty());
    let got = findings("fixtures/trollhattan", "2023-11-30");
    assert_eq!(
        got, expected,
        "rules still waiting for their issue: {waiting:?}"
    );
}

#[test]
fn the_trollhattan_clean_twin_gives_no_diagnostics() {
    let got = findings("fixtures/trollhattan-2024", "2024-11-30");
    assert!(got.is_empty(), "{got:#?}");
}

#[test]
fn larkspur_foundation_reports_its_planted_defects_and_nothing_else() {
    let readme =
        std::fs::read_to_string(repo().join("fixtures/larkspur-foundation/README.md")).unwrap();
    let table = readme
        .split("| rule | file | line | what |")
        .nth(1)
        .unwrap();
    let mut expected = BTreeMap::new();
    for line in table.lines().skip(2).take_while(|l| l.starts_with('|')) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if rule_exists(cells[1]) {
            *expected
                .entry((
                    cells[1].to_string(),
                    cells[2].to_string(),
                    cells[3].parse().unwrap(),
                ))
                .or_default() += 1;
        }
    }
    assert!(expected.len() >= 4);
    let got = findings("fixtures/larkspur-foundation", "2024-09-30");
    assert_eq!(got, expected);
}

#[test]
fn the_places_parser_reads_the_summary_notation() {
    assert_eq!(
        parse_places("a/b.md:17, :25, :51 (×2)"),
        [
            ("a/b.md".into(), 17, 1),
            ("a/b.md".into(), 25, 1),
            ("a/b.md".into(), 51, 2)
        ]
    );
}

#[test]
fn after_2023_the_mrp_2020_2023_is_an_expired_base() {
    // The audit date is inside the MRP's period (giltig_till 2023-12-31);
    // the day after it ends, the documents built on it are flagged.
    let o = Command::new(env!("CARGO_BIN_EXE_styrlint"))
        .args([
            "check",
            "fixtures/trollhattan",
            "--format",
            "json",
            "--select",
            "expired-reference",
        ])
        .args(["--today", "2023-12-31"])
        .current_dir(repo())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["diagnostics"].as_array().unwrap().is_empty());
    let got: Vec<_> = findings("fixtures/trollhattan", "2024-01-01")
        .into_keys()
        .filter(|(rule, _, _)| rule == "expired-reference")
        .map(|(_, path, line)| format!("{path}:{line}"))
        .collect();
    assert_eq!(
        got,
        [
            "styrdokument/strategi-agenda-2030.md:33",
            "styrdokument/strategi-for-social-hallbarhet.md:11"
        ]
    );
}

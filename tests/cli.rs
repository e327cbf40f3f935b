//! End-to-end tests: the `styrlint` binary run as its users run it.

#![allow(clippy::unwrap_used)]

use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn styrlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_styrlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run styrlint")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 output")
}

/// The JSON output as SPEC §5 documents it; unknown fields are an error, so
/// this test fails if the output grows a field the contract does not have.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonOutput {
    version: u32,
    root: String,
    summary: Summary,
    diagnostics: Vec<JsonDiagnostic>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Summary {
    documents: usize,
    bodies: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonDiagnostic {
    rule: String,
    severity: String,
    message: String,
    path: String,
    range: Range,
    offset: usize,
    length: usize,
    #[serde(default)]
    related: Vec<JsonRelated>,
    help: Option<String>,
    fix: Option<JsonFix>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Position {
    line: usize,
    column: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonRelated {
    path: String,
    range: Range,
    message: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonFix {
    description: String,
    edits: Vec<JsonEdit>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonEdit {
    path: String,
    offset: usize,
    length: usize,
    replacement: String,
}

fn json(dir: &Path, args: &[&str]) -> (JsonOutput, Output) {
    let o = styrlint(dir, args);
    let parsed: JsonOutput = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("output is not SPEC JSON: {e}\n{}", stdout(&o)));
    (parsed, o)
}

const TODAY: &str = "2023-11-30";

#[test]
fn exempelby_json_matches_the_snapshot() {
    let o = styrlint(
        &repo(),
        &[
            "check",
            "fixtures/exempelby",
            "--format",
            "json",
            "--today",
            TODAY,
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    insta::assert_snapshot!("exempelby_json", stdout(&o));
}

#[test]
fn exempelby_json_has_the_documented_shape() {
    let (out, _) = json(
        &repo(),
        &[
            "check",
            "fixtures/exempelby",
            "--format",
            "json",
            "--today",
            TODAY,
        ],
    );
    assert_eq!(out.version, 1);
    assert_eq!(out.root, "fixtures/exempelby");
    assert_eq!(out.summary.documents, 6);
    assert_eq!(out.summary.bodies, 6);
    assert_eq!(
        (out.summary.errors, out.summary.warnings, out.summary.infos),
        (10, 1, 0)
    );
    let texts = |p: &str| std::fs::read(repo().join("fixtures/exempelby").join(p)).unwrap();
    let mut last: Option<(String, usize, String)> = None;
    for d in &out.diagnostics {
        assert!(["error", "warning", "info"].contains(&d.severity.as_str()));
        assert!(!d.message.is_empty() && !d.rule.is_empty());
        assert!(d.range.start.line >= 1 && d.range.start.column >= 1);
        assert!(
            (d.range.start.line, d.range.start.column) <= (d.range.end.line, d.range.end.column),
            "{d:?}"
        );
        assert!(!d.path.contains('\\'));
        let bytes = texts(&d.path);
        assert!(d.offset + d.length <= bytes.len());
        // Line and column agree with the offset: count them independently.
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let before = &text[..d.offset];
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
            assert_eq!(
                (d.range.start.line, d.range.start.column),
                (line, col),
                "{d:?}"
            );
        }
        for r in &d.related {
            assert!(!r.message.is_empty() && r.range.start.line >= 1 && !r.path.is_empty());
        }
        if let Some(f) = &d.fix {
            assert!(!f.description.is_empty());
            for e in &f.edits {
                assert!(
                    !e.path.is_empty()
                        && e.offset + e.length <= texts(&e.path).len()
                        && !e.replacement.is_empty()
                );
            }
        }
        assert!(d.help.as_deref().is_some_and(|h| !h.is_empty()), "{d:?}");
        let key = (d.path.clone(), d.offset, d.rule.clone());
        if let Some(prev) = &last {
            assert!(prev <= &key, "not sorted: {prev:?} then {key:?}");
        }
        last = Some(key);
    }
}

#[test]
fn exempelby_finds_every_planted_defect_and_nothing_else() {
    let (out, _) = json(
        &repo(),
        &[
            "check",
            "fixtures/exempelby",
            "--format",
            "json",
            "--today",
            TODAY,
        ],
    );
    let got: Vec<(String, usize, String)> = out
        .diagnostics
        .iter()
        .map(|d| (d.path.clone(), d.range.start.line, d.rule.clone()))
        .collect();
    // The table in fixtures/exempelby/README.md, row by row.
    let readme = std::fs::read_to_string(repo().join("fixtures/exempelby/README.md")).unwrap();
    let mut expected: Vec<(String, usize, String)> = readme
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains(".md |"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (
                cells[1].to_string(),
                cells[2].parse().unwrap(),
                cells[3].to_string(),
            )
        })
        .collect();
    expected.sort();
    let mut got_sorted = got.clone();
    got_sorted.sort();
    assert_eq!(got_sorted, expected);
}

#[test]
fn runs_are_byte_identical() {
    let args = [
        "check",
        "fixtures/exempelby",
        "--format",
        "json",
        "--today",
        TODAY,
    ];
    let a = styrlint(&repo(), &args);
    let b = styrlint(&repo(), &args);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn human_output_shows_snippets_help_and_a_summary() {
    let o = styrlint(&repo(), &["check", "fixtures/exempelby", "--today", TODAY]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("× okänd dokumenttyp `handlingplan`"), "{out}");
    assert!(out.contains("╭─[plan.md:3:6]"), "{out}");
    assert!(out.contains("help: Menade du `handlingsplan`?"), "{out}");
    assert!(out.contains("organet som redan har namnet"), "{out}");
    assert!(
        out.contains("☞ arkiv/plan.md: dokumentet som redan har id:t"),
        "{out}"
    );
    assert!(
        out.trim_end()
            .ends_with("styrlint: 6 dokument och 6 organ kontrollerade: 10 fel, 1 varning, 0 info"),
        "{out}"
    );
    insta::assert_snapshot!("exempelby_human", out);
}

#[test]
fn unreadable_and_broken_files_do_not_stop_the_run() {
    let (out, _) = json(
        &repo(),
        &[
            "check",
            "fixtures/exempelby",
            "--format",
            "json",
            "--today",
            TODAY,
        ],
    );
    let utf8 = out
        .diagnostics
        .iter()
        .find(|d| d.path == "latin1.md")
        .unwrap();
    assert_eq!(utf8.rule, "unreadable-file");
    assert_eq!(
        utf8.message,
        "filen är inte giltig UTF-8: byte 22 (rad 2) ingår inte i något UTF-8-tecken"
    );
    let yaml = out
        .diagnostics
        .iter()
        .find(|d| d.path == "utkast.md")
        .unwrap();
    assert_eq!(yaml.rule, "invalid-metadata");
    assert!(yaml.message.starts_with("front matter är inte giltig YAML"));
    // The other documents were still checked.
    assert!(out.diagnostics.iter().any(|d| d.path == "strategi.md"));
}

#[test]
fn a_missing_root_fails_the_run_with_status_2() {
    let o = styrlint(&repo(), &["check", "fixtures/finns-inte"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "styrlint: error: fixtures/finns-inte: no such file or folder\n"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn bad_arguments_fail_with_status_2() {
    let o = styrlint(
        &repo(),
        &["check", "fixtures/exempelby", "--today", "2023-02-30"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`2023-02-30` is not a date of the form YYYY-MM-DD"));
    let o = styrlint(
        &repo(),
        &["check", "fixtures/exempelby", "--select", "broken-links"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "styrlint: error: unknown rule `broken-links`; did you mean `broken-link`? (`styrlint rules` lists them)\n"
    );
    let o = styrlint(&repo(), &["check", "--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn select_and_ignore_choose_rules() {
    let (out, o) = json(
        &repo(),
        &[
            "check",
            "fixtures/exempelby",
            "--format",
            "json",
            "--select",
            "broken-link,unknown-document",
            "--today",
            TODAY,
        ],
    );
    let rules: Vec<&str> = out.diagnostics.iter().map(|d| d.rule.as_str()).collect();
    assert_eq!(rules, ["unknown-document", "broken-link"]);
    assert_eq!(o.status.code(), Some(1));
    let (out, _) = json(
        &repo(),
        &[
            "check",
            "fixtures/exempelby",
            "--format",
            "json",
            "--ignore",
            "invalid-metadata,duplicate-id,unreadable-file,unknown-body",
            "--today",
            TODAY,
        ],
    );
    assert_eq!(out.diagnostics.len(), 2);
    let (out, o) = json(
        &repo(),
        &[
            "check",
            "fixtures/exempelby",
            "--format",
            "json",
            "--select",
            "invalid-metadata",
            "--ignore",
            "invalid-metadata",
        ],
    );
    assert!(out.diagnostics.is_empty());
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn file_arguments_load_the_corpus_but_report_on_those_files() {
    let (out, _) = json(
        &repo(),
        &[
            "check",
            "fixtures/exempelby/strategi.md",
            "--format",
            "json",
            "--today",
            TODAY,
        ],
    );
    assert_eq!(out.root, "fixtures/exempelby");
    assert_eq!(out.summary.documents, 6, "the whole corpus is loaded");
    let paths: Vec<&str> = out.diagnostics.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(paths, ["strategi.md", "strategi.md"]);
}

#[test]
fn rules_and_explain_print_the_rule_docs() {
    let o = styrlint(&repo(), &["rules"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    for name in [
        "broken-link",
        "unknown-document",
        "unknown-body",
        "duplicate-id",
        "invalid-metadata",
    ] {
        assert!(
            out.lines().any(|l| l.starts_with(name)),
            "{name} missing:\n{out}"
        );
    }
    let o = styrlint(&repo(), &["explain", "broken-link"]);
    assert_eq!(o.status.code(), Some(0));
    let committed = std::fs::read_to_string(repo().join("docs/rules/broken-link.md")).unwrap();
    assert_eq!(stdout(&o), committed);
    let o = styrlint(&repo(), &["explain", "stale-referense"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn help_shows_examples() {
    let o = styrlint(&repo(), &["check", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("Examples:") && out.contains("--today"));
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

#[test]
fn gitignore_and_exclude_hide_files_and_the_config_sets_the_root() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(
        root,
        "styrlint.toml",
        "exclude = [\"utkast/\", \"*.tmp.md\"]\n",
    );
    write(root, ".gitignore", "bygg/\n");
    write(
        root,
        "plan.md",
        "---\ntyp: plan\n---\nSe [a](utkast/a.md).\n",
    );
    write(root, "utkast/a.md", "---\ntyp: okänd\n---\n");
    write(root, "b.tmp.md", "---\ntyp: okänd\n---\n");
    write(root, "bygg/c.md", "---\ntyp: okänd\n---\n");
    write(root, "sub/.gitignore", "*.md\n!keep.md\n");
    write(root, "sub/d.md", "---\ntyp: okänd\n---\n");
    write(root, "sub/keep.md", "---\ntyp: plan\n---\n");
    write(root, ".dolt/e.md", "---\ntyp: okänd\n---\n");
    // Run from a subfolder: the root is found upwards.
    let (out, o) = json(&root.join("sub"), &["check", ".", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(out.summary.documents, 1 + 1, "plan.md and sub/keep.md");
    // Only the rules the hidden files would trip: the visible ones are
    // minimal documents that other rules (missing metadata) would flag.
    let (out, _) = json(
        root,
        &[
            "check",
            "--format",
            "json",
            "--select",
            "invalid-metadata,broken-link",
        ],
    );
    assert_eq!(out.root, ".");
    // The excluded file still exists for links, but is not a document.
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
}

#[test]
fn a_bad_config_fails_the_run_with_its_position() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "styrlint.toml",
        "exclude = []\nexlude = [\"x\"]\n",
    );
    write(tmp.path(), "a.md", "# A\n");
    let o = styrlint(tmp.path(), &["check"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("styrlint.toml") && err.contains("line 2") && err.contains("exlude"),
        "{err}"
    );
}

#[test]
fn nfd_crlf_and_bom_files_report_positions_in_the_original() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "\u{feff}---\r\ntyp: fa\u{308}rdplan\r\nbeslutad: 2023-02-31\r\n---\r\n# Ra\u{30a}det\r\n\r\nSe [x](saknas.md).\r\n";
    write(tmp.path(), "a.md", text);
    let (out, _) = json(
        tmp.path(),
        &[
            "check",
            "--format",
            "json",
            "--select",
            "invalid-metadata,broken-link",
        ],
    );
    let rules: Vec<(&str, usize, usize)> = out
        .diagnostics
        .iter()
        .map(|d| (d.rule.as_str(), d.range.start.line, d.range.start.column))
        .collect();
    assert_eq!(rules, [("invalid-metadata", 3, 11), ("broken-link", 7, 4)]);
    let link = &out.diagnostics[1];
    assert_eq!(
        &text.as_bytes()[link.offset..link.offset + link.length],
        "[x](saknas.md)".as_bytes()
    );
}

#[test]
fn the_builtin_statute_list_can_be_switched_off_and_extended() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(
        root,
        "a.md",
        "# A\n\nBeslutet fattas enligt kommunallagen (1991:900) och Lokala ordningsstadgan.\n",
    );
    write(
        root,
        "register.md",
        "| Dokument | Status | Ersatt av | Datum | Källa |\n|---|---|---|---|---|\n| Lokala ordningsstadgan | upphävd | Allmänna lokala ordningsföreskrifter | 2020-01-01 | KF 2019-11-18 § 12 |\n",
    );
    let (out, _) = json(
        root,
        &["check", "--format", "json", "--today", "2024-01-01"],
    );
    let msgs: Vec<&str> = out.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    assert!(msgs[0].contains("Kommunallag (1991:900)"));
    assert!(msgs[1].contains("Allmänna lokala ordningsföreskrifter"));
    write(root, "styrlint.toml", "builtin-externals = false\n");
    let (out, _) = json(
        root,
        &["check", "--format", "json", "--today", "2024-01-01"],
    );
    assert_eq!(out.diagnostics.len(), 1);
    assert_eq!(out.diagnostics[0].related[0].path, "register.md");
}

#[test]
fn init_writes_a_config_once_and_overrides_apply_per_path() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let o = styrlint(root, &["init"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("styrlint: wrote "));
    let again = styrlint(root, &["init"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists"));
    // The template is a valid config: a check with it runs.
    write(root, "plan.md", "Se [x](saknas.md).\n");
    write(root, "arkiv/gammal.md", "Se [y](saknas.md).\n");
    let (out, o) = json(root, &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(out.diagnostics.len(), 2);
    // Per-path overrides: off under arkiv/, a warning elsewhere.
    let config = std::fs::read_to_string(root.join("styrlint.toml")).unwrap().replace(
        "# [[overrides]]\n# paths = [\"arkiv/**\"]\n# rules = { stale-reference = \"off\", review-overdue = \"off\" }",
        "[[overrides]]\npaths = [\"arkiv/**\"]\nrules = { broken-link = \"off\" }\n\n[[overrides]]\npaths = [\"*.md\"]\nrules = { broken-link = \"warning\" }",
    );
    std::fs::write(root.join("styrlint.toml"), config).unwrap();
    let (out, o) = json(root, &["check", "--format", "json"]);
    let got: Vec<(&str, &str)> = out
        .diagnostics
        .iter()
        .map(|d| (d.path.as_str(), d.severity.as_str()))
        .collect();
    assert_eq!(got, [("plan.md", "warning")]);
    assert_eq!(o.status.code(), Some(0), "warnings only");
}

#[test]
fn a_document_too_short_to_tell_speaks_the_corpus_language() {
    // An English corpus: the register and a stub have no prose of their own,
    // and their findings are in English, not Swedish by default.
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "register.md",
        "| Body | Reports to |\n|---|---|\n| Governing Board | Steering Council |\n",
    );
    write(
        dir.path(),
        "charter.md",
        "# Charter\n\nThe Governing Board adopts the charter and reviews it every year with the members.\n",
    );
    write(
        dir.path(),
        "stub.md",
        "---\ntitle: Stub\nadopted: 2024-13-01\n---\n",
    );
    let out = styrlint(
        dir.path(),
        &["check", "--format", "json", "--today", "2025-01-01"],
    );
    let text = stdout(&out);
    assert!(
        text.contains("which is not in the register of bodies"),
        "{text}"
    );
    assert!(!text.contains("som inte finns i registret"), "{text}");
    assert!(
        text.contains("is not a date of the form") || text.contains("YYYY-MM-DD"),
        "{text}"
    );
    // With `language = "sv"` the same corpus speaks Swedish.
    write(dir.path(), "styrlint.toml", "language = \"sv\"\n");
    let out = styrlint(
        dir.path(),
        &["check", "--format", "json", "--today", "2025-01-01"],
    );
    assert!(
        stdout(&out).contains("som inte finns i registret"),
        "{}",
        stdout(&out)
    );
}

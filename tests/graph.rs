//! End-to-end tests of `styrlint graph`: the binary on the Trollhättan
//! corpus and on a corpus of awkward names. DOT goes through Graphviz
//! (`dot -Tsvg`), Mermaid through Mermaid's own parser (`.ci/mermaid`,
//! installed by `.ci/run`); each check is skipped, with a note, when its tool
//! is missing.

#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

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

/// Runs `styrlint graph` with `args` and returns its stdout; it must exit 0.
fn graph(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["graph"];
    all.extend_from_slice(args);
    let out = styrlint(dir, &all);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Says why a check was skipped. Written to the process's stderr directly,
/// past the test harness's capture, so that a passing run shows it too.
fn skip(note: &str) {
    let _ = writeln!(std::io::stderr(), "note: {note}");
}

fn tool_exists(name: &str) -> bool {
    Command::new(name)
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// Feeds DOT to `dot -Tsvg`; skips with a note when Graphviz is missing.
fn assert_dot_renders(what: &str, dot: &str) {
    if !tool_exists("dot") {
        skip(&format!("`dot` (Graphviz) not found; not rendering {what}"));
        return;
    }
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "dot rejects {what}: {stderr}\n{dot}");
    assert!(stderr.trim().is_empty(), "dot warns on {what}: {stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("<svg"));
}

/// Parses Mermaid with Mermaid's own parser; skips with a note when node or
/// the parser (`npm ci --prefix .ci/mermaid`) is missing.
fn assert_mermaid_parses(what: &str, text: &str) {
    let dir = repo().join(".ci/mermaid");
    if !dir.join("node_modules/mermaid").is_dir() || !tool_exists("node") {
        skip(&format!(
            "node or Mermaid's parser (npm ci --prefix .ci/mermaid) missing; not parsing {what}"
        ));
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("graph.mmd");
    std::fs::write(&file, text).unwrap();
    let out = Command::new("node")
        .arg(dir.join("parse.mjs"))
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "Mermaid rejects {what}: {}{}\n{text}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

const VIEWS: [&str; 2] = ["documents", "bodies"];

#[test]
fn trollhattan_dot_renders() {
    let dir = repo().join("fixtures/trollhattan");
    for of in VIEWS {
        let dot = graph(&dir, &["--of", of, "--today", "2023-11-30"]);
        assert!(dot.starts_with("digraph styrlint {"));
        assert_dot_renders(&format!("trollhattan --of {of}"), &dot);
    }
}

#[test]
fn trollhattan_mermaid_parses() {
    let dir = repo().join("fixtures/trollhattan");
    for of in VIEWS {
        let m = graph(
            &dir,
            &["--of", of, "--format", "mermaid", "--today", "2023-11-30"],
        );
        assert!(m.starts_with("flowchart "));
        assert_mermaid_parses(&format!("trollhattan --of {of}"), &m);
    }
}

#[test]
fn trollhattan_documents_by_level() {
    let dot = graph(&repo(), &["fixtures/trollhattan", "--today", "2023-11-30"]);
    // Documents sort by path: d5 is the färdplan, d11 the strategy it
    // builds on, both with findings at this date.
    assert!(dot.contains("{ rank=same; level3; d10; d11; }"), "{dot}");
    assert!(dot.contains("  d5 -> d11;\n"), "{dot}");
    assert!(
        dot.lines()
            .any(|l| l.starts_with("  d5 [") && l.contains("anmärkning") && l.contains("#c62828")),
        "{dot}"
    );
    assert!(dot.contains("other [label=\"Utanför hierarkin\"]"), "{dot}");
}

#[test]
fn trollhattan_bodies_abolished_by_date() {
    let dir = repo().join("fixtures/trollhattan");
    let before = graph(&dir, &["--of", "bodies", "--today", "2022-06-01"]);
    let after = graph(&dir, &["--of", "bodies", "--today", "2023-11-30"]);
    let abolished = |s: &str| s.matches("style=\"rounded,filled,dashed\"").count();
    let successors = |s: &str| s.matches("label=\" ersatt av\"").count();
    assert_eq!(abolished(&before), 0, "{before}");
    assert_eq!(successors(&before), 0, "{before}");
    // Five bodies of the register are abolished by the end of 2023, each
    // with its successor.
    assert_eq!(abolished(&after), 5, "{after}");
    assert_eq!(successors(&after), 5, "{after}");
    assert!(after.contains("avvecklad 2023-01-01"));
}

#[test]
fn output_is_deterministic() {
    let dir = repo().join("fixtures/trollhattan");
    for of in VIEWS {
        for format in ["dot", "mermaid"] {
            let args = ["--of", of, "--format", format, "--today", "2023-11-30"];
            assert_eq!(graph(&dir, &args), graph(&dir, &args));
        }
    }
}

#[test]
fn awkward_names_are_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::write(
        root.join("register.md"),
        "---\ntyp: register\n---\n\
         | Organ | Typ | Avvecklad | Ersatt av | Rapporterar till | Del av |\n\
         |---|---|---|---|---|---|\n\
         | Rådet \"Ö\" [A] #1 \\| x | råd | | | | |\n\
         | Grupp <b> & `c` {d} (e) | grupp | 2020-01-01 | Ny grupp; end | Rådet \"Ö\" [A] #1 \\| x | |\n\
         | Ny grupp; end | grupp | | | | Rådet \"Ö\" [A] #1 \\| x |\n",
    )
    .unwrap();
    std::fs::write(
        root.join("a.md"),
        "---\ntitel: 'Policy \"Å\" [1] #2 | 3 \\n <br> %% end'\ntyp: policy\n---\nText.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("b.md"),
        "---\ntitel: Plan (b) {c} ; end\ntyp: plan\nbygger_på: [a]\nersätter: [c]\n---\nText.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("c.md"),
        "---\ntitel: 'Gammal \"plan\" #; `x`'\ntyp: okänd typ [x]\nstatus: upphävd\n---\nText.\n",
    )
    .unwrap();
    for of in VIEWS {
        let dot = graph(root, &["--of", of, "--today", "2024-01-01"]);
        assert_dot_renders(&format!("awkward --of {of}"), &dot);
        let m = graph(
            root,
            &["--of", of, "--format", "mermaid", "--today", "2024-01-01"],
        );
        assert_mermaid_parses(&format!("awkward --of {of}"), &m);
    }
    let dot = graph(root, &["--today", "2024-01-01"]);
    assert!(dot.contains(r#"Policy \"Å\" [1] #2 | 3 \\n"#), "{dot}");
    let m = graph(root, &["--format", "mermaid", "--of", "bodies"]);
    assert!(m.contains("Rådet #quot;Ö#quot; [A] #35;1 | x"), "{m}");
    assert!(m.contains("Grupp #amp; c {d} (e)"), "{m}");
    let m = graph(root, &["--format", "mermaid"]);
    assert!(m.contains("#lt;br#gt; %% end"), "{m}");
    assert!(m.contains("Gammal #quot;plan#quot; #35;; #96;x#96;"), "{m}");
}

#[test]
fn missing_folder_fails_with_2() {
    let out = styrlint(&repo(), &["graph", "no/such/folder"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file or folder"));
}

//! End-to-end tests of `check --fix` and `check --diff`, on temporary
//! corpora: a register whose body was abolished and replaced, and documents
//! that still name it in its base form (the shape of stale-reference's own
//! fix tests).

#![allow(clippy::unwrap_used)]

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
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const REGISTER: &str = "---\ntyp: register\n---\n# Register\n\n\
| Organ | Typ | Avvecklad | Ersatt av |\n|---|---|---|---|\n\
| Kommunstyrelsen | styrelse | | |\n\
| Hållbarhetsutskottet | utskott | 2023-01-31 | Utskott Agenda 2030 |\n\
| Utskott Agenda 2030 | utskott | | |\n";

/// The plan: a byte-order mark, CRLF line ends and no final newline, so
/// that any byte touched outside the fixed spans would show.
const PLAN: &str = "\u{feff}---\r\ntyp: plan\r\nbeslutad: 2022-06-01\r\n---\r\n# Plan\r\n\r\n\
Hållbarhetsutskottet följer upp planen.  Rapport lämnas till Hållbarhetsutskottet\r\n\
varje år; hållbarhetsutskottets ordförande kallar.";

const PLAN_FIXED: &str = "\u{feff}---\r\ntyp: plan\r\nbeslutad: 2022-06-01\r\n---\r\n# Plan\r\n\r\n\
Utskott Agenda 2030 följer upp planen.  Rapport lämnas till Utskott Agenda 2030\r\n\
varje år; hållbarhetsutskottets ordförande kallar.";

const OTHER: &str =
    "---\ntyp: rutin\nbeslutad: 2022-06-01\n---\n# Rutin\n\nHållbarhetsutskottet beslutar.\n";
const OTHER_FIXED: &str =
    "---\ntyp: rutin\nbeslutad: 2022-06-01\n---\n# Rutin\n\nUtskott Agenda 2030 beslutar.\n";

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("register.md"), REGISTER).unwrap();
    std::fs::write(dir.path().join("plan.md"), PLAN).unwrap();
    std::fs::create_dir(dir.path().join("rutiner")).unwrap();
    std::fs::write(dir.path().join("rutiner/rutin.md"), OTHER).unwrap();
    dir
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap()
}

const SELECT: &[&str] = &["--select", "stale-reference", "--today", "2023-11-30"];

fn args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec!["check"];
    v.extend_from_slice(extra);
    v.extend_from_slice(SELECT);
    v
}

#[test]
fn diff_shows_the_fixes_and_writes_nothing() {
    let dir = corpus();
    let out = styrlint(dir.path(), &args(&["--diff"]));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "--- a/plan.md\n+++ b/plan.md\n@@ -4,5 +4,5 @@\n \
         ---\r\n # Plan\r\n \r\n\
         -Hållbarhetsutskottet följer upp planen.  Rapport lämnas till Hållbarhetsutskottet\r\n\
         +Utskott Agenda 2030 följer upp planen.  Rapport lämnas till Utskott Agenda 2030\r\n \
         varje år; hållbarhetsutskottets ordförande kallar.\n\\ No newline at end of file\n\
         --- a/rutiner/rutin.md\n+++ b/rutiner/rutin.md\n@@ -4,4 +4,4 @@\n \
         ---\n # Rutin\n \n-Hållbarhetsutskottet beslutar.\n+Utskott Agenda 2030 beslutar.\n"
    );
    assert_eq!(read(dir.path(), "plan.md"), PLAN);
    assert_eq!(read(dir.path(), "rutiner/rutin.md"), OTHER);
    // Plain checks, in every format, write nothing either.
    for format in ["human", "json", "sarif", "github"] {
        styrlint(dir.path(), &args(&["--format", format]));
    }
    assert_eq!(read(dir.path(), "plan.md"), PLAN);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
}

#[test]
fn fix_applies_every_certain_fix_reports_the_rest_and_is_idempotent() {
    let dir = corpus();
    let out = styrlint(dir.path(), &args(&["--fix", "--format", "json"]));
    // The inflected mention has no certain fix and remains: an error.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("rättade 3 fynd i 2 filer"),
        "{}",
        stderr(&out)
    );
    assert_eq!(read(dir.path(), "plan.md"), PLAN_FIXED);
    assert_eq!(read(dir.path(), "rutiner/rutin.md"), OTHER_FIXED);
    assert_eq!(read(dir.path(), "register.md"), REGISTER);
    // What remains is reported, as linted after the fix.
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let diags = json["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(
        diags[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("`hållbarhetsutskottets`")
    );
    assert!(diags[0]["fix"].is_null());
    // No temporary files are left behind.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["plan.md", "register.md", "rutiner"]);

    // A second run changes nothing.
    let again = styrlint(dir.path(), &args(&["--fix"]));
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("rättade 0 fynd i 0 filer"));
    assert_eq!(read(dir.path(), "plan.md"), PLAN_FIXED);
    assert_eq!(read(dir.path(), "rutiner/rutin.md"), OTHER_FIXED);
    let diff = styrlint(dir.path(), &args(&["--diff"]));
    assert_eq!(diff.status.code(), Some(0));
    assert_eq!(stdout(&diff), "");
}

#[test]
fn fix_touches_only_the_files_reported_on() {
    let dir = corpus();
    // The config marks the root, so that the whole corpus is loaded.
    std::fs::write(dir.path().join("styrlint.toml"), "").unwrap();
    let out = styrlint(dir.path(), &args(&["rutiner/rutin.md", "--fix"]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(read(dir.path(), "rutiner/rutin.md"), OTHER_FIXED);
    assert_eq!(read(dir.path(), "plan.md"), PLAN);
}

#[cfg(unix)]
#[test]
fn fix_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = corpus();
    let plan = dir.path().join("plan.md");
    std::fs::set_permissions(&plan, std::fs::Permissions::from_mode(0o604)).unwrap();
    let out = styrlint(dir.path(), &args(&["--fix"]));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(read(dir.path(), "plan.md"), PLAN_FIXED);
    let mode = std::fs::metadata(&plan).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o604);
}

#[test]
fn a_read_only_file_is_left_intact_and_the_others_are_fixed() {
    let dir = corpus();
    let plan = dir.path().join("plan.md");
    let mut perms = std::fs::metadata(&plan).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&plan, perms).unwrap();
    let out = styrlint(dir.path(), &args(&["--fix"]));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("kan inte skriva plan.md") && err.contains("read-only"),
        "{err}"
    );
    assert_eq!(read(dir.path(), "plan.md"), PLAN);
    assert_eq!(read(dir.path(), "rutiner/rutin.md"), OTHER_FIXED);
    // The findings of the file that could not be fixed are still reported.
    assert!(
        stdout(&out).contains("Hållbarhetsutskottet"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn fixing_a_copy_of_trollhattan_twice_changes_nothing_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("fixtures/trollhattan"), dir.path());
    let today = ["--today", "2023-11-30"];
    let first = styrlint(dir.path(), &[&["check", "--fix"][..], &today].concat());
    assert!(stderr(&first).contains("rättade"), "{}", stderr(&first));
    let snapshot = snapshot(dir.path());
    let second = styrlint(dir.path(), &[&["check", "--fix"][..], &today].concat());
    assert!(
        stderr(&second).contains("rättade 0 fynd i 0 filer"),
        "{}",
        stderr(&second)
    );
    assert_eq!(snapshot, self::snapshot(dir.path()));
    assert_eq!(stdout(&first), stdout(&second));
    // Nothing with a certain fix is left.
    let json = styrlint(
        dir.path(),
        &[&["check", "--format", "json"][..], &today].concat(),
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    for d in v["diagnostics"].as_array().unwrap() {
        assert!(d["fix"].is_null(), "a fix was left: {d:#}");
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let bytes = std::fs::read(&p).unwrap();
                out.push((p, bytes));
            }
        }
    }
    out.sort();
    out
}

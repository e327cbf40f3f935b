//! styrlint as a pre-commit hook: `check` with the file arguments
//! pre-commit passes, `.pre-commit-hooks.yaml`, and the README's setup run
//! through the real `pre-commit` (from PyPI) in temporary git repositories.
//! The tests that need `pre-commit` and `git` print a note and pass when
//! either is missing; `.ci/run` installs pre-commit.

#![allow(clippy::unwrap_used, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use yaml_rust2::{Yaml, YamlLoader};

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

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn write(dir: &Path, rel: &str, content: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, content).unwrap();
}

const REGISTER: &str = "---\ntyp: register\n---\n# Register\n\n\
| Organ | Typ | Avvecklad | Ersatt av |\n|---|---|---|---|\n\
| Kommunstyrelsen | styrelse | | |\n\
| Hållbarhetsutskottet | utskott | 2023-01-31 | Utskott Agenda 2030 |\n\
| Utskott Agenda 2030 | utskott | | |\n";

fn doc(body: &str) -> String {
    format!("---\ntyp: rutin\nbeslutad: 2022-06-01\n---\n# Rutin\n\n{body}\n")
}

/// A corpus with a config that excludes `utkast/` and `README.md`: one
/// clean document, one with a stale reference, and an excluded draft and
/// README with stale references too.
fn corpus(dir: &Path) {
    write(
        dir,
        "styrlint.toml",
        "exclude = [\"utkast/\", \"README.md\"]\n",
    );
    write(dir, "register.md", REGISTER);
    write(dir, "rutiner/ren.md", &doc("Utskott Agenda 2030 beslutar."));
    write(
        dir,
        "rutiner/gammal.md",
        &doc("Hållbarhetsutskottet beslutar."),
    );
    write(
        dir,
        "utkast/skiss.md",
        &doc("Hållbarhetsutskottet beslutar."),
    );
    write(dir, "README.md", &doc("Hållbarhetsutskottet beslutar."));
}

const ARGS: &[&str] = &["--select", "stale-reference", "--today", "2023-11-30"];

fn check(dir: &Path, files: &[&str]) -> Output {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(files);
    args.extend_from_slice(ARGS);
    styrlint(dir, &args)
}

fn paths(o: &Output) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn several_file_arguments_report_on_those_files_only() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let out = check(
        dir.path(),
        &["rutiner/ren.md", "register.md", "rutiner/gammal.md"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(paths(&out), ["rutiner/gammal.md"]);
    let out = check(dir.path(), &["rutiner/ren.md", "register.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(paths(&out).is_empty());
}

#[test]
fn excluded_files_passed_explicitly_are_silently_not_reported() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    write(dir.path(), ".gitignore", "tmp/\n");
    write(
        dir.path(),
        "tmp/kopia.md",
        &doc("Hållbarhetsutskottet beslutar."),
    );
    // Excluded by the config, hidden by .gitignore, or not Markdown: no
    // finding, no error, exit 0, whatever order they come in.
    let out = check(
        dir.path(),
        &[
            "utkast/skiss.md",
            "README.md",
            "rutiner/ren.md",
            "tmp/kopia.md",
            "styrlint.toml",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(paths(&out).is_empty(), "{:?}", paths(&out));
    assert_eq!(text(&out.stderr), "");
    // The human output says nothing about them either.
    let out = styrlint(
        dir.path(),
        &[&["check", "utkast/skiss.md", "README.md"][..], ARGS].concat(),
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(
        !text(&out.stdout).contains("skiss"),
        "{}",
        text(&out.stdout)
    );
    // An excluded file with others: only the others are reported.
    let out = check(dir.path(), &["utkast/skiss.md", "rutiner/gammal.md"]);
    assert_eq!(paths(&out), ["rutiner/gammal.md"]);
}

#[test]
fn the_hooks_file_declares_the_styrlint_hook() {
    let yaml = std::fs::read_to_string(repo().join(".pre-commit-hooks.yaml")).unwrap();
    let docs = YamlLoader::load_from_str(&yaml).unwrap();
    let hooks = docs[0].as_vec().expect("a list of hooks");
    let hook = hooks
        .iter()
        .find(|h| h["id"].as_str() == Some("styrlint"))
        .expect("a hook with id styrlint");
    assert_eq!(hook["entry"].as_str(), Some("styrlint check"));
    assert_eq!(hook["name"].as_str(), Some("styrlint"));
    assert!(hook["language"].as_str().is_some());
    assert_eq!(hook["pass_filenames"].as_bool(), Some(true));
    let types: Vec<&str> = hook["types"]
        .as_vec()
        .unwrap()
        .iter()
        .filter_map(Yaml::as_str)
        .collect();
    assert_eq!(types, ["markdown"]);
}

/// `pre-commit` and `git`, or `None` with a note saying why the test is
/// skipped.
fn tools() -> Option<()> {
    for (tool, arg) in [("pre-commit", "--version"), ("git", "--version")] {
        let ok = Command::new(tool)
            .arg(arg)
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            eprintln!(
                "note: `{tool}` is not on PATH; skipping the pre-commit test (pip install pre-commit)"
            );
            return None;
        }
    }
    Some(())
}

/// Runs a command in `dir` with the built styrlint first on PATH and
/// pre-commit's cache inside the test's folder.
fn run(dir: &Path, cache: &Path, program: &str, args: &[&str]) -> Output {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_styrlint"));
    let mut path = std::ffi::OsString::from(bin.parent().unwrap());
    if let Some(p) = std::env::var_os("PATH") {
        path.push(if cfg!(windows) { ";" } else { ":" });
        path.push(p);
    }
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("PATH", path)
        .env("PRE_COMMIT_HOME", cache)
        .env("NO_COLOR", "1")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.invalid")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", cache)
        .output()
        .unwrap_or_else(|e| panic!("run {program}: {e}"))
}

fn ok(o: &Output) -> &Output {
    assert!(
        o.status.success(),
        "{}\n{}",
        text(&o.stdout),
        text(&o.stderr)
    );
    o
}

/// What a command printed, stdout and stderr.
fn both(o: &Output) -> String {
    format!("{}{}", text(&o.stdout), text(&o.stderr))
}

/// The README's `.pre-commit-config.yaml` blocks, in order.
fn readme_configs() -> Vec<String> {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let section = readme
        .split_once("Use it as a pre-commit hook")
        .expect("README has a pre-commit section")
        .1;
    let section = section.split("\n## ").next().unwrap_or(section);
    let mut out = Vec::new();
    let mut rest = section;
    while let Some((_, after)) = rest.split_once("```yaml\n") {
        let Some((block, after)) = after.split_once("```") else {
            break;
        };
        // The blocks are indented under a list item.
        let indent = block.len() - block.trim_start().len();
        let block: String = block
            .lines()
            .map(|l| l.get(indent.min(l.len())..).unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        out.push(block);
        rest = after;
    }
    out
}

/// A git repository holding only this repository's `.pre-commit-hooks.yaml`,
/// as a hook repository that pre-commit clones; returns its commit.
fn hook_repo(dir: &Path, cache: &Path) -> String {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::copy(
        repo().join(".pre-commit-hooks.yaml"),
        dir.join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    ok(&run(dir, cache, "git", &["init", "-q"]));
    ok(&run(dir, cache, "git", &["add", "."]));
    ok(&run(dir, cache, "git", &["commit", "-q", "-m", "hooks"]));
    text(&ok(&run(dir, cache, "git", &["rev-parse", "HEAD"])).stdout)
        .trim()
        .to_string()
}

#[test]
fn the_readme_setup_works_with_the_real_pre_commit() {
    if tools().is_none() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    std::fs::create_dir_all(&cache).unwrap();
    let hooks = tmp.path().join("styrlint-hooks");
    let rev = hook_repo(&hooks, &cache);
    ok(&run(
        &cache,
        &cache,
        "pre-commit",
        &[
            "validate-manifest",
            hooks.join(".pre-commit-hooks.yaml").to_str().unwrap(),
        ],
    ));

    let configs = readme_configs();
    assert_eq!(
        configs.len(),
        2,
        "the README shows the remote and the local form"
    );
    for (i, config) in configs.iter().enumerate() {
        // The README's configuration, pointed at the hook repository above
        // instead of the published one, with arguments that make the result
        // independent of today's date.
        let mut config = config
            .lines()
            .map(|l| {
                if l.trim_start().starts_with("- repo: http") {
                    format!("  - repo: {}", hooks.display())
                } else if l.trim_start().starts_with("rev:") {
                    format!("    rev: {rev}")
                } else {
                    l.split(" #").next().unwrap_or(l).to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        config.push_str("\n        args: [--select, stale-reference, \"--today=2023-11-30\"]\n");
        let proj = tmp.path().join(format!("project{i}"));
        std::fs::create_dir_all(&proj).unwrap();
        corpus(&proj);
        write(&proj, ".pre-commit-config.yaml", &config);
        ok(&run(&proj, &cache, "pre-commit", &["validate-config"]));
        ok(&run(&proj, &cache, "git", &["init", "-q"]));
        ok(&run(&proj, &cache, "pre-commit", &["install"]));

        // A commit of clean and excluded files passes the hook.
        ok(&run(
            &proj,
            &cache,
            "git",
            &[
                "add",
                ".pre-commit-config.yaml",
                "styrlint.toml",
                "register.md",
                "rutiner/ren.md",
                "utkast/skiss.md",
                "README.md",
            ],
        ));
        let first = run(&proj, &cache, "git", &["commit", "-q", "-m", "first"]);
        ok(&first);
        let out = both(&first);
        assert!(out.contains("styrlint") && out.contains("Passed"), "{out}");

        // A commit with a stale reference is stopped, and says why.
        ok(&run(&proj, &cache, "git", &["add", "rutiner/gammal.md"]));
        let second = run(&proj, &cache, "git", &["commit", "-q", "-m", "second"]);
        assert!(!second.status.success(), "the hook stops the commit");
        let out = both(&second);
        assert!(out.contains("Failed"), "{out}");
        assert!(
            out.contains("stale-reference") && out.contains("rutiner/gammal.md"),
            "{out}"
        );
        assert!(
            !out.contains("skiss.md"),
            "excluded files are not reported: {out}"
        );
        let log = run(&proj, &cache, "git", &["log", "--oneline"]);
        assert_eq!(text(&log.stdout).lines().count(), 1);

        // Fixed, it passes.
        ok(&styrlint(
            &proj,
            &[&["check", "--fix", "rutiner/gammal.md"][..], ARGS].concat(),
        ));
        ok(&run(&proj, &cache, "git", &["add", "rutiner/gammal.md"]));
        ok(&run(
            &proj,
            &cache,
            "git",
            &["commit", "-q", "-m", "second"],
        ));
        let all = run(&proj, &cache, "pre-commit", &["run", "--all-files"]);
        ok(&all);
    }
}

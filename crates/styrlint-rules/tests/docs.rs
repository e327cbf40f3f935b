//! docs/rules/ is generated from the rules' doc comments. This test fails
//! when a committed page differs from what the code says; run it with
//! `STYRLINT_UPDATE_DOCS=1` to rewrite the pages.

use std::fs;
use std::path::PathBuf;
use styrlint_rules::all_rules;

fn docs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules")
}

fn expected() -> Vec<(String, String)> {
    let mut pages: Vec<(String, String)> = all_rules()
        .iter()
        .map(|r| (format!("{}.md", r.meta().name), r.meta().markdown()))
        .collect();
    let mut index = String::from(
        "# Rules\n\nGenerated from the rules' documentation; `styrlint explain RULE` prints the same text.\n\n| rule | default severity | fix | what it flags |\n|---|---|---|---|\n",
    );
    for r in all_rules() {
        let m = r.meta();
        index.push_str(&format!(
            "| [`{0}`]({0}.md) | {1} | {2} | {3} |\n",
            m.name,
            m.default_severity.as_str(),
            if m.fixable { "yes" } else { "no" },
            m.summary()
        ));
    }
    pages.push(("README.md".into(), index));
    pages
}

#[test]
fn rule_docs_are_up_to_date() {
    let dir = docs_dir();
    let update = std::env::var_os("STYRLINT_UPDATE_DOCS").is_some();
    let mut stale = Vec::new();
    for (name, text) in expected() {
        let path = dir.join(&name);
        if update {
            fs::create_dir_all(&dir).unwrap();
            fs::write(&path, &text).unwrap();
        } else if fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "docs/rules is out of date for {stale:?}; run `STYRLINT_UPDATE_DOCS=1 cargo test -p styrlint-rules --test docs`"
    );
}

#[test]
fn every_rule_documents_the_four_sections() {
    for r in all_rules() {
        let doc = r.meta().doc;
        for section in [
            "## What it flags",
            "## Why it matters",
            "## Example",
            "## Fix",
        ] {
            assert!(doc.contains(section), "{} lacks {section}", r.meta().name);
        }
        assert!(!r.meta().summary().is_empty());
    }
}

#[test]
fn rule_names_are_unique_kebab_case_and_sorted() {
    let names: Vec<&str> = all_rules().iter().map(|r| r.meta().name).collect();
    let mut sorted = names.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(names, sorted);
    for n in names {
        assert!(n.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{n}");
    }
}

//! Test support: small corpora written as one string, files separated by
//! marker lines `<!-- file: path -->` (as oxc's and rust-analyzer's
//! fixtures do). Files that are not Markdown only exist (for link checks).

use crate::{Settings, lint, lint_scoped};
use std::collections::BTreeSet;
use styrlint_graph::{Corpus, Options};
use styrlint_parse::{Date, Diagnostic, Lang, LineIndex, parse};

/// The date every rule test uses unless it says otherwise.
pub const TODAY: &str = "2023-11-30";

/// Builds a corpus from a marker-separated string.
pub fn corpus(fixture: &str) -> Corpus {
    let mut files = BTreeSet::new();
    let mut docs = Vec::new();
    for (path, text) in split(fixture) {
        files.insert(path.clone());
        if path.ends_with(".md") {
            docs.push(parse(&path, text, Lang::Sv));
        }
    }
    Corpus::new(docs, files, Options::default())
}

/// Splits a fixture into (path, text) pairs.
pub fn split(fixture: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in fixture.split_inclusive('\n') {
        let t = line.trim();
        if let Some(path) = t
            .strip_prefix("<!-- file:")
            .and_then(|r| r.strip_suffix("-->"))
        {
            out.push((path.trim().to_string(), String::new()));
        } else if let Some((_, text)) = out.last_mut() {
            text.push_str(line);
        }
    }
    out
}

/// Runs one rule (all rules when `rule` is `None`) on a fixture at
/// [`TODAY`] and returns its findings.
pub fn run(rule: Option<&str>, fixture: &str) -> (Corpus, Vec<Diagnostic>) {
    run_at(rule, fixture, TODAY)
}

/// Like [`run`] with another date.
pub fn run_at(rule: Option<&str>, fixture: &str, today: &str) -> (Corpus, Vec<Diagnostic>) {
    let corpus = corpus(fixture);
    let mut settings = Settings::new(Date::parse(today).expect("test date"));
    if let Some(r) = rule {
        settings.select = Some(std::iter::once(r.to_string()).collect());
    }
    let diags = lint(&corpus, &settings);
    assert_scoped_agrees(&corpus, &settings, &diags);
    (corpus, diags)
}

/// Checks that linting each document alone ([`lint_scoped`]) reports what
/// the full lint reports in it: every rule test checks the language
/// server's scoped lint too.
pub fn assert_scoped_agrees(corpus: &Corpus, settings: &Settings, all: &[Diagnostic]) {
    for (i, doc) in corpus.docs.iter().enumerate() {
        let want: Vec<Diagnostic> = all.iter().filter(|d| d.path == doc.path).cloned().collect();
        let got = lint_scoped(corpus, settings, &[i]);
        assert_eq!(
            got, want,
            "scoped lint of {} differs from the full lint",
            doc.path
        );
    }
}

/// Findings as `path:line: rule: message` lines, for compact assertions.
pub fn render(corpus: &Corpus, diags: &[Diagnostic]) -> Vec<String> {
    diags
        .iter()
        .map(|d| {
            let line = corpus
                .doc_by_path(&d.path)
                .map(|i| {
                    let text = &corpus.docs[i].text;
                    LineIndex::new(text).line_col(text, d.span.start).0
                })
                .unwrap_or(0);
            format!("{}:{}: {}: {}", d.path, line, d.rule, d.message)
        })
        .collect()
}

/// Runs a rule on a fixture and renders its findings.
pub fn check(rule: &str, fixture: &str) -> Vec<String> {
    let (c, d) = run(Some(rule), fixture);
    render(&c, &d)
}

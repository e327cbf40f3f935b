//! A whole corpus: the input is split into files at lines
//! `<!-- file: path -->` (the rules' test fixture format), built into a
//! `Corpus` and linted with every rule. Nothing may panic or hang, and every
//! diagnostic's span must lie inside its document on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::BTreeSet;
use styrlint_graph::{Corpus, Options};
use styrlint_parse::{Date, Lang, parse};
use styrlint_rules::{Settings, lint, testing};

fuzz_target!(|fixture: &str| {
    // Without a marker, the whole input is one register document.
    let fixture = if fixture.contains("<!-- file:") {
        fixture.to_string()
    } else {
        format!("<!-- file: register.md -->\n{fixture}")
    };
    // A folder cannot hold two files of one name: the first one wins.
    let mut files = BTreeSet::new();
    let mut docs = Vec::new();
    for (path, text) in testing::split(&fixture) {
        if files.insert(path.clone()) && path.ends_with(".md") {
            docs.push(parse(&path, text, Lang::Sv));
        }
    }
    let corpus = Corpus::new(docs, files, Options::default());
    let Ok(today) = Date::parse("2024-06-30") else {
        return;
    };
    let diags = lint(&corpus, &Settings::new(today));
    for d in &diags {
        if let Some(doc) = corpus.docs.iter().find(|doc| doc.path == d.path) {
            let t = &doc.text;
            assert!(
                d.span.start <= d.span.end
                    && d.span.end <= t.len()
                    && t.is_char_boundary(d.span.start)
                    && t.is_char_boundary(d.span.end),
                "{} span {:?} in {}",
                d.rule,
                d.span,
                d.path
            );
        }
    }
});

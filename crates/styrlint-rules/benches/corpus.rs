//! Whole-corpus benchmarks on generated Swedish corpora (`styrlint-gen`):
//! the parser, building the corpus, every rule on its own, and the
//! language server's core operation after an edit. Run with
//! `cargo bench -p styrlint-rules --bench corpus`.

#![allow(missing_docs, clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::sync::OnceLock;
use styrlint_graph::{Corpus, Options};
use styrlint_parse::{Date, Document, Lang, parse};
use styrlint_rules::{Context, Settings, all_rules, lint};

fn main() {
    divan::main();
}

/// Documents in the per-rule corpus; the language-server bench uses 10,000.
const RULE_DOCS: usize = 2_000;
const BODIES: usize = 5_000;

fn generated(docs: usize) -> styrlint_gen::Generated {
    styrlint_gen::generate(&styrlint_gen::Params {
        docs,
        bodies: BODIES,
        seed: 1,
        mentioned_bodies: None,
    })
}

fn parse_all(files: &[(String, String)]) -> Vec<Document> {
    files
        .iter()
        .map(|(p, t)| parse(p, t.as_str(), Lang::Sv))
        .collect()
}

fn build(docs: Vec<Document>) -> Corpus {
    let files: BTreeSet<String> = docs.iter().map(|d| d.path.clone()).collect();
    Corpus::new(docs, files, Options::default())
}

fn today() -> Date {
    Date::parse("2025-06-01").unwrap()
}

fn rule_corpus() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| build(parse_all(&generated(RULE_DOCS).files)))
}

/// Parsing one generated document (front matter, Markdown, sentences).
#[divan::bench]
fn parse_one_document(bencher: divan::Bencher) {
    let g = generated(1);
    let (path, text) = &g.files[1];
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| parse(path, divan::black_box(text.as_str()), Lang::Sv));
}

/// Building the corpus (register, indexes, graph, mentions, mandates) from
/// parsed documents.
#[divan::bench(args = [1_000, 2_000], sample_count = 5)]
fn corpus_new(bencher: divan::Bencher, docs: usize) {
    let parsed = parse_all(&generated(docs).files);
    bencher.with_inputs(|| parsed.clone()).bench_values(build);
}

/// Each rule alone on a 2,000-document corpus with 5,000 bodies.
#[divan::bench(
    sample_count = 5,
    args = [
        "ambiguous-reference", "broken-link", "conflicting-mandate", "duplicate-id",
        "expired-reference", "goal-without-indicator", "hierarchy-cycle",
        "invalid-delegation", "invalid-metadata", "level-inversion",
        "missing-follow-up", "missing-metadata", "orphan-document",
        "outdated-derivation", "reporting-gap", "review-overdue", "stale-reference",
        "unbacked-mandate", "undefined-role", "unknown-body", "unknown-document",
        "wrong-decision-level",
    ]
)]
fn rule(bencher: divan::Bencher, name: &str) {
    let corpus = rule_corpus();
    let settings = Settings::new(today());
    let Some(rule) = all_rules().iter().find(|r| r.meta().name == name) else {
        return;
    };
    bencher.bench(|| {
        let ctx = Context {
            corpus,
            today: settings.today,
            requirements: &settings.requirements,
        };
        let mut out = Vec::new();
        rule.check(&ctx, &mut out);
        out
    });
}

/// The language server's core operation after an edit to one document in
/// a 10,000-document workspace, as the engine stands: re-parse the document,
/// rebuild the corpus from the other (already parsed) documents, lint.
#[divan::bench(sample_count = 3)]
fn relint_after_edit_10k(bencher: divan::Bencher) {
    let g = generated(10_000);
    let parsed = parse_all(&g.files);
    let (path, text) = &g.files[5_000];
    let edited = format!("{text}\nEn ny mening efter ändringen.\n");
    let settings = Settings::new(today());
    bencher
        .with_inputs(|| {
            let mut docs = parsed.clone();
            docs.swap_remove(5_000);
            docs
        })
        .bench_values(|mut docs| {
            docs.push(parse(path, edited.as_str(), Lang::Sv));
            let corpus = build(docs);
            lint(&corpus, &settings).len()
        });
}

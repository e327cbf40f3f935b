//! Whole-corpus benchmarks on generated Swedish corpora (`styrlint-gen`):
//! the parser, building the corpus, every rule on its own, and the
//! language server's core operation after an edit. Run with
//! `cargo bench -p styrlint-rules --bench corpus`.

#![allow(missing_docs, clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::sync::OnceLock;
use styrlint_graph::{Corpus, Options, Update};
use styrlint_parse::{Date, Document, Lang, parse};
use styrlint_rules::{Context, Settings, all_rules, lint, lint_scoped};

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
            law: styrlint_rules::Law::Kommunallagen,
            scope: None,
        };
        let mut out = Vec::new();
        rule.check(&ctx, &mut out);
        out
    });
}

/// The 10,000-document workspace of the language-server benches, built
/// once, with the document that is edited.
fn lsp_workspace() -> (Corpus, String, String) {
    let g = generated(10_000);
    let corpus = build(parse_all(&g.files));
    let (path, text) = g.files[5_000].clone();
    (corpus, path, text)
}

/// What the language server does for one keystroke in a 10,000-document
/// workspace: parse the edited document, bring the corpus up to date
/// incrementally and lint that document only. Alternates between two
/// texts, so every iteration is a real edit.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn relint_after_edit_10k(bencher: divan::Bencher) {
    let (mut corpus, path, text) = lsp_workspace();
    let edited = format!("{text}\nEn ny mening efter ändringen.\n");
    let settings = Settings::new(today());
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        let t = if flip { edited.as_str() } else { text.as_str() };
        let update = corpus.replace_document(parse(&path, t, Lang::Sv));
        assert_eq!(update, Update::Incremental);
        let doc = corpus.doc_by_path(&path).unwrap();
        lint_scoped(&corpus, &settings, &[doc]).len()
    });
}

/// The same edit when it changes the name table (a new title), so the
/// corpus is built again from scratch (the fallback), then the document
/// is linted alone.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn relint_after_edit_10k_rebuild(bencher: divan::Bencher) {
    let (mut corpus, path, text) = lsp_workspace();
    let settings = Settings::new(today());
    let mut n = 0;
    bencher.bench_local(|| {
        n += 1;
        let t = text.replacen("titel: ", &format!("titel: Ny titel {n}, "), 1);
        let update = corpus.replace_document(parse(&path, t.as_str(), Lang::Sv));
        assert_eq!(update, Update::Rebuilt);
        let doc = corpus.doc_by_path(&path).unwrap();
        lint_scoped(&corpus, &settings, &[doc]).len()
    });
}

/// The whole-corpus lint the server did before: rebuild and lint all.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn relint_after_edit_10k_full(bencher: divan::Bencher) {
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

//! The mention matcher on a large register: its cost must grow with the
//! text, not with the number of names. Run with
//! `cargo bench -p styrlint-graph --bench matcher`.

#![allow(missing_docs, clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::fmt::Write;
use styrlint_graph::{Corpus, Options};
use styrlint_parse::{Document, Lang, parse};

fn main() {
    divan::main();
}

/// A deterministic pseudo-random generator (an LCG), so every run measures
/// the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() as usize) % items.len()]
    }
}

const SYLLABLES: &[&str] = &[
    "berg", "dal", "holm", "vik", "sjö", "ås", "lund", "by", "torp", "näs", "ström", "hed",
];
const KINDS: &[&str] = &[
    "nämnden",
    "utskottet",
    "styrgruppen",
    "rådet",
    "arbetsgruppen",
    "kontoret",
    "förvaltningen",
    "bolaget",
];
const FILLER: &[&str] = &[
    "ska",
    "följa",
    "upp",
    "arbetet",
    "med",
    "social",
    "hållbarhet",
    "och",
    "rapportera",
    "till",
    "i",
    "samband",
    "årsredovisningen",
    "varje",
    "år",
    "enligt",
    "planen",
    "som",
    "gäller",
    "för",
    "verksamheten",
    "inom",
    "området",
];

fn place(rng: &mut Rng) -> String {
    let mut s = String::new();
    for _ in 0..2 + rng.next() % 2 {
        s.push_str(rng.pick(SYLLABLES));
    }
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A register of `bodies` bodies with four aliases each.
fn register(bodies: usize) -> (String, Vec<String>) {
    let mut rng = Rng(42);
    let mut text = String::from(
        "---\ntyp: register\n---\n| Organ | Typ | Alias | Avvecklad | Ersatt av |\n|---|---|---|---|---|\n",
    );
    let mut names = Vec::new();
    for i in 0..bodies {
        let kind = rng.pick(KINDS);
        let name = format!("{}{kind} {i}", place(&mut rng));
        let aliases = format!(
            "{}-{i}, {} {i}, N{i}, Grupp {}{i}",
            place(&mut rng),
            place(&mut rng),
            place(&mut rng)
        );
        let abolished = if i % 10 == 0 { "2022-01-01" } else { "" };
        let _ = writeln!(
            text,
            "| {name} | {} | {aliases} | {abolished} | |",
            kind.trim_end_matches("en")
        );
        names.push(name);
    }
    (text, names)
}

/// About 4 KB of Swedish prose mentioning bodies in inflected forms.
fn document(seed: u64, names: &[String]) -> String {
    let mut rng = Rng(seed);
    let mut text = String::from("---\ntyp: plan\n---\n# Plan\n\n");
    while text.len() < 4096 {
        for _ in 0..12 {
            text.push_str(rng.pick(FILLER));
            text.push(' ');
        }
        let name = &names[(rng.next() as usize) % names.len()];
        text.push_str(name);
        if rng.next() % 2 == 0 {
            text.push('s');
        }
        text.push_str(". ");
        if rng.next() % 4 == 0 {
            text.push_str("\n\n");
        }
    }
    text
}

fn corpus(bodies: usize, docs: usize) -> Corpus {
    let (reg, names) = register(bodies);
    let mut parsed: Vec<Document> = vec![parse("register.md", reg, Lang::Sv)];
    // The documents mention names from the first 500 bodies, so that the
    // text is the same whatever the register's size.
    let shared = &names[..names.len().min(500)];
    for i in 0..docs {
        parsed.push(parse(
            &format!("d{i}.md"),
            document(i as u64, shared),
            Lang::Sv,
        ));
    }
    let files: BTreeSet<String> = parsed.iter().map(|d| d.path.clone()).collect();
    Corpus::new(parsed, files, Options::default())
}

/// Finding the mentions of one 4 KB document, with registers of 500 and
/// 5,000 bodies (2,500 and 25,000 names).
#[divan::bench(args = [500, 5000])]
fn find_in_one_document(bencher: divan::Bencher, bodies: usize) {
    let c = corpus(bodies, 1);
    let doc = &c.docs[c.doc_by_path("d0.md").unwrap()];
    bencher
        .counter(divan::counter::BytesCount::new(doc.text.len()))
        .bench(|| c.matcher.find(divan::black_box(doc), &[], |_| false));
}

/// Building the name table.
#[divan::bench(args = [500, 5000])]
fn build_corpus_with_register(bencher: divan::Bencher, bodies: usize) {
    let (reg, _) = register(bodies);
    bencher.bench(|| {
        let docs = vec![parse("register.md", reg.as_str(), Lang::Sv)];
        Corpus::new(docs, BTreeSet::new(), Options::default())
    });
}

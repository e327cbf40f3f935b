//! Parses every Markdown file under a folder, `ROUNDS` times on one thread,
//! and prints the throughput: a harness for profiling the parser alone
//! (`perf record target/release/examples/parse_dir DIR`).
//!
//! `cargo run --release -p styrlint-parse --example parse_dir -- DIR [ROUNDS]`

#![allow(clippy::print_stdout, clippy::unwrap_used, missing_docs)]

use std::path::Path;
use std::time::Instant;
use styrlint_parse::{Lang, parse};

fn collect(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((path.display().to_string(), text));
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: parse_dir DIR [ROUNDS]");
    let rounds: usize = args.next().map_or(1, |r| r.parse().unwrap());
    let mut files = Vec::new();
    collect(Path::new(&dir), &mut files);
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let start = Instant::now();
    let mut blocks = 0;
    for _ in 0..rounds {
        for (path, text) in &files {
            blocks += parse(path, text.as_str(), Lang::Sv).blocks.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} files, {:.1} MB, {rounds} rounds: {:.3} s, {:.1} MB/s on one thread ({blocks} blocks)",
        files.len(),
        bytes as f64 / 1e6,
        secs,
        (bytes * rounds) as f64 / 1e6 / secs
    );
}

//! Prints the mandates and roles styrlint reads from a folder:
//! `cargo run -p styrlint-graph --example mandates -- fixtures/trollhattan`.

#![allow(missing_docs, clippy::print_stdout, clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::Path;
use styrlint_graph::{Corpus, Options};
use styrlint_parse::{Lang, LineIndex, parse};

fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(root, &p, out);
        } else if p.extension().is_some_and(|x| x == "md")
            && p.file_name().is_some_and(|n| n != "README.md")
        {
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, std::fs::read_to_string(&p).unwrap()));
        }
    }
}

fn main() {
    let root = std::env::args().nth(1).expect("a folder");
    let mut files = Vec::new();
    walk(Path::new(&root), Path::new(&root), &mut files);
    let names: BTreeSet<String> = files.iter().map(|(p, _)| p.clone()).collect();
    let docs = files
        .into_iter()
        .map(|(p, t)| parse(&p, t, Lang::Sv))
        .collect();
    let c = Corpus::new(docs, names, Options::default());
    for m in &c.mandates {
        let d = &c.docs[m.doc];
        let line = LineIndex::new(&d.text).line_col(&d.text, m.span.start).0;
        println!(
            "{}:{} {:?} {} [{}]{}{}{} key={:?}",
            d.path,
            line,
            m.kind,
            c.bodies[m.body].name,
            m.object,
            m.receiver
                .map(|r| format!(" -> {}", c.bodies[r].name))
                .unwrap_or_default(),
            if m.grant { " GRANT" } else { "" },
            if m.exclusive { " ONLY" } else { "" },
            m.key
        );
    }
    for (i, roles) in c.roles.iter().enumerate() {
        for r in roles {
            let d = &c.docs[i];
            let line = LineIndex::new(&d.text).line_col(&d.text, r.span.start).0;
            println!("ROLE {}:{} {}", d.path, line, c.bodies[r.body].name);
        }
    }
}

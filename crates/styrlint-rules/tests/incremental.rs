//! The language server's fast path must give the answers of the slow one:
//! a corpus brought up to date with `Corpus::replace_document` lints exactly
//! like one built from scratch from the edited documents, and a scoped lint
//! reports exactly what the full lint reports in its documents.

use std::collections::BTreeSet;
use std::path::Path;
use styrlint_graph::{Corpus, Options, Update};
use styrlint_parse::{Date, Diagnostic, Document, Lang, parse};
use styrlint_rules::{Settings, lint, lint_scoped};

const FIXTURES: [(&str, Lang); 2] = [("trollhattan", Lang::Sv), ("larkspur-foundation", Lang::En)];

/// The dates the rules are run at: before and after the fixtures' bodies
/// are abolished and their documents expire.
const DATES: [&str; 2] = ["2023-11-30", "2026-06-01"];

fn load(name: &str) -> (Vec<(String, String)>, BTreeSet<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(name);
    let mut texts = Vec::new();
    let mut files = BTreeSet::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixture folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path
                .strip_prefix(&root)
                .expect("under root")
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(rel.clone());
            if rel.ends_with(".md") && rel != "README.md" {
                texts.push((rel, std::fs::read_to_string(&path).expect("text")));
            }
        }
    }
    texts.sort();
    (texts, files)
}

fn build(texts: &[(String, String)], files: &BTreeSet<String>, lang: Lang) -> Corpus {
    let docs: Vec<Document> = texts
        .iter()
        .map(|(p, t)| parse(p, t.as_str(), lang))
        .collect();
    Corpus::new(docs, files.clone(), Options::default())
}

fn settings(today: &str) -> Settings {
    Settings::new(Date::parse(today).expect("date"))
}

/// Everything the corpus derives from the documents that rules read.
fn assert_same_corpus(a: &Corpus, b: &Corpus, what: &str) {
    assert_eq!(a.mentions, b.mentions, "{what}: mentions");
    assert_eq!(a.mandates, b.mandates, "{what}: mandates");
    assert_eq!(a.roles, b.roles, "{what}: roles");
    assert_eq!(a.bodies, b.bodies, "{what}: bodies");
    assert_eq!(a.diagnostics, b.diagnostics, "{what}: register problems");
    assert_eq!(a.externals, b.externals, "{what}: externals");
    let edges = |c: &Corpus| {
        let mut v: Vec<_> = c
            .graph
            .edge_indices()
            .filter_map(|e| {
                let (x, y) = c.graph.edge_endpoints(e)?;
                Some((c.graph[x], c.graph[y], c.graph[e]))
            })
            .collect();
        v.sort_by_key(|e| format!("{e:?}"));
        v
    };
    assert_eq!(edges(a), edges(b), "{what}: graph");
    for d in 0..a.docs.len() {
        assert_eq!(a.replacers_of(d), b.replacers_of(d), "{what}: replacers");
    }
}

fn assert_same_lint(a: &Corpus, b: &Corpus, what: &str) {
    for today in DATES {
        let s = settings(today);
        let (x, y) = (lint(a, &s), lint(b, &s));
        assert_eq!(x, y, "{what}: lint at {today}");
    }
}

/// Inserts `add` after the front matter (or at the start).
fn after_front_matter(text: &str, add: &str) -> String {
    if let Some(rest) = text.strip_prefix("---\n")
        && let Some(end) = rest.find("\n---\n")
    {
        let at = 4 + end + 5;
        return format!("{}{add}{}", &text[..at], &text[at..]);
    }
    format!("{add}{text}")
}

/// Replaces the value of a front-matter key (the first line starting with
/// one of `keys`), or adds the line when none.
fn set_key(text: &str, keys: &[&str], line: &str) -> String {
    let mut out = String::new();
    let mut done = false;
    let mut in_fm = false;
    for (n, l) in text.split_inclusive('\n').enumerate() {
        if n == 0 && l.trim_end() == "---" {
            in_fm = true;
            out.push_str(l);
            continue;
        }
        if in_fm && l.trim_end() == "---" {
            if !done {
                out.push_str(line);
                out.push('\n');
                done = true;
            }
            in_fm = false;
        } else if in_fm && !done && keys.iter().any(|k| l.starts_with(&format!("{k}:"))) {
            out.push_str(line);
            out.push('\n');
            done = true;
            continue;
        }
        out.push_str(l);
    }
    out
}

type EditFn = Box<dyn Fn(&str) -> String>;

/// Edits of every kind the language server sees, as functions of the text.
/// `names` are body names of the fixture: a current one, an abolished one.
fn edits(current: &str, abolished: &str, other_doc: &str) -> Vec<(&'static str, EditFn)> {
    let current = current.to_string();
    let abolished = abolished.to_string();
    let other_doc = other_doc.to_string();
    let c2 = current.clone();
    let c3 = current.clone();
    let c4 = current.clone();
    let c5 = current.clone();
    let a2 = abolished.clone();
    let o2 = other_doc.clone();
    vec![
        (
            "append a sentence",
            Box::new(|t: &str| format!("{t}\nEn ny mening efter ändringen. A new sentence.\n")),
        ),
        (
            "append a mandate of a current body",
            Box::new(move |t: &str| {
                format!(
                    "{t}\n{current} beslutar om budgeten för projektet. {current} decides on the budget for the project.\n"
                )
            }),
        ),
        (
            "append a mention of an abolished body",
            Box::new(move |t: &str| {
                format!(
                    "{t}\n{abolished} bereder ärenden om budgeten. {abolished} prepares the budget.\n"
                )
            }),
        ),
        (
            "mention an abolished body at the top",
            Box::new(move |t: &str| {
                after_front_matter(t, &format!("\n{a2} följer upp arbetet.\n\n"))
            }),
        ),
        (
            "append goals",
            Box::new(|t: &str| {
                format!(
                    "{t}\n## Mål\n\n- Fler ska delta.\n- Andelen ska öka till 40 % till 2026.\n\n## Goals\n\n- More people take part.\n"
                )
            }),
        ),
        (
            "append follow-up",
            Box::new(move |t: &str| {
                format!(
                    "{t}\n## Uppföljning\n\n{c2} följer upp planen varje år i årsredovisningen.\n\n## Follow-up\n\n{c2} reviews the plan every year.\n"
                )
            }),
        ),
        (
            "append roles",
            Box::new(move |t: &str| {
                format!(
                    "{t}\n## Roller och ansvar\n\n**{c3}:** Ansvarar för uppföljningen och rapporterar till fullmäktige.\n"
                )
            }),
        ),
        (
            "append a suppression",
            Box::new(|t: &str| {
                format!(
                    "{t}\n<!-- styrlint-disable-file stale-reference -->\n<!-- styrlint-disable-next-line ambiguous-reference -->\nUtskottet beslutar.\n"
                )
            }),
        ),
        (
            "delete the second half",
            Box::new(|t: &str| {
                let mut at = t.len() / 2;
                while !t.is_char_boundary(at) {
                    at -= 1;
                }
                t[..at].to_string()
            }),
        ),
        (
            "delete lines naming a body",
            Box::new(move |t: &str| {
                t.split_inclusive('\n')
                    .filter(|l| !l.contains(c4.as_str()) || l.starts_with('|'))
                    .collect()
            }),
        ),
        (
            "status repealed",
            Box::new(|t: &str| set_key(t, &["status"], "status: upphävd")),
        ),
        (
            "adopted by another body",
            Box::new(move |t: &str| {
                set_key(
                    t,
                    &["beslutad_av", "decided_by"],
                    &format!("beslutad_av: {c5}"),
                )
            }),
        ),
        (
            "builds on another document",
            Box::new(move |t: &str| {
                set_key(
                    t,
                    &["bygger_på", "derives_from"],
                    &format!("bygger_på: [{other_doc}]"),
                )
            }),
        ),
        (
            "replaces another document",
            Box::new(move |t: &str| {
                set_key(t, &["ersätter", "replaces"], &format!("ersätter: [{o2}]"))
            }),
        ),
        (
            "review date passed",
            Box::new(|t: &str| {
                set_key(
                    t,
                    &["aktualitetsprövas", "review_by"],
                    "aktualitetsprövas: 2020-01-01",
                )
            }),
        ),
        (
            "type changed",
            Box::new(|t: &str| set_key(t, &["typ", "type"], "typ: plan")),
        ),
        (
            "title changed",
            Box::new(|t: &str| set_key(t, &["titel", "title"], "titel: Ett helt nytt namn")),
        ),
        (
            "id changed",
            Box::new(|t: &str| set_key(t, &["id"], "id: nytt-id")),
        ),
        (
            "register row edited",
            Box::new(|t: &str| {
                // The first body row of a table: a new name in its first cell.
                let mut done = false;
                t.split_inclusive('\n')
                    .map(|l| {
                        if !done
                            && l.starts_with("| ")
                            && !l.starts_with("| Organ")
                            && !l.starts_with("| Body")
                            && !l.starts_with("|--")
                            && !l.starts_with("| --")
                            && !l.starts_with("|---")
                        {
                            done = true;
                            format!(
                                "| Ett nytt organ{}",
                                &l[l[1..].find('|').map_or(0, |i| i + 1)..]
                            )
                        } else {
                            l.to_string()
                        }
                    })
                    .collect()
            }),
        ),
        ("empty document", Box::new(|_: &str| String::new())),
    ]
}

fn names(corpus: &Corpus) -> (String, String, String) {
    let today = Date::parse("2023-11-30").expect("date");
    let current = corpus
        .bodies
        .iter()
        .find(|b| !b.is_abolished(today))
        .map(|b| b.name.clone())
        .unwrap_or_default();
    let abolished = corpus
        .bodies
        .iter()
        .find(|b| b.is_abolished(today))
        .map(|b| b.name.clone())
        .unwrap_or_default();
    let other = corpus
        .docs
        .first()
        .map(|d| d.id.clone())
        .unwrap_or_default();
    (current, abolished, other)
}

#[test]
fn incremental_update_lints_like_a_fresh_corpus() {
    for (fixture, lang) in FIXTURES {
        let (texts, files) = load(fixture);
        let base = build(&texts, &files, lang);
        let (current, abolished, other) = names(&base);
        let edits = edits(&current, &abolished, &other);
        let mut incremental_seen = 0;
        let mut rebuilt_seen = 0;
        for (n, (path, text)) in texts.iter().enumerate() {
            // One corpus per document, edited again and again: what a
            // server does over a session.
            let mut corpus = build(&texts, &files, lang);
            let mut now = texts.clone();
            // Fill the caches first: they must not survive an edit (each
            // later edit follows the lints of the one before).
            let _ = lint(&corpus, &settings(DATES[0]));
            for (what, edit) in &edits {
                let edited = edit(&now[n].1);
                now[n].1 = edited.clone();
                let update = corpus.replace_document(parse(path, edited.as_str(), lang));
                match update {
                    Update::Incremental => incremental_seen += 1,
                    Update::Rebuilt => rebuilt_seen += 1,
                }
                let fresh = build(&now, &files, lang);
                let label = format!("{fixture}/{path}: {what} ({update:?})");
                assert_same_corpus(&corpus, &fresh, &label);
                assert_same_lint(&corpus, &fresh, &label);
                // And the edited document alone, as the server lints it.
                let s = settings(DATES[1]);
                let full: Vec<Diagnostic> = lint(&fresh, &s)
                    .into_iter()
                    .filter(|d| d.path == *path)
                    .collect();
                let doc = corpus.doc_by_path(path).expect("edited document");
                assert_eq!(lint_scoped(&corpus, &s, &[doc]), full, "{label}: scoped");
            }
            // Back to the original text, in one step.
            corpus.replace_document(parse(path, text.as_str(), lang));
            let label = format!("{fixture}/{path}: restored");
            assert_same_corpus(&corpus, &base, &label);
            assert_same_lint(&corpus, &base, &label);
        }
        assert!(incremental_seen > 0 && rebuilt_seen > 0, "{fixture}");
    }
}

#[test]
fn a_new_document_is_added() {
    for (fixture, lang) in FIXTURES {
        let (mut texts, files) = load(fixture);
        let mut corpus = build(&texts, &files, lang);
        let text = "---\ntitel: Ny plan\ntyp: plan\n---\n\n# Ny plan\n\nEn mening.\n".to_string();
        let update = corpus.replace_document(parse("ny/plan.md", text.as_str(), lang));
        assert_eq!(update, Update::Rebuilt);
        texts.push(("ny/plan.md".into(), text));
        texts.sort();
        let fresh = build(&texts, &files, lang);
        assert_same_corpus(&corpus, &fresh, fixture);
        assert_same_lint(&corpus, &fresh, fixture);
    }
}

#[test]
fn scoped_lint_reports_what_the_full_lint_reports_there() {
    for (fixture, lang) in FIXTURES {
        let (texts, files) = load(fixture);
        let corpus = build(&texts, &files, lang);
        for today in DATES {
            let s = settings(today);
            let all = lint(&corpus, &s);
            for (i, doc) in corpus.docs.iter().enumerate() {
                let want: Vec<Diagnostic> =
                    all.iter().filter(|d| d.path == doc.path).cloned().collect();
                let got = lint_scoped(&corpus, &s, &[i]);
                assert_eq!(got, want, "{fixture}/{} at {today}", doc.path);
            }
            // Several documents at once, and all of them.
            let some: Vec<usize> = (0..corpus.docs.len()).step_by(3).collect();
            let want: Vec<Diagnostic> = all
                .iter()
                .filter(|d| some.iter().any(|&i| corpus.docs[i].path == d.path))
                .cloned()
                .collect();
            assert_eq!(lint_scoped(&corpus, &s, &some), want, "{fixture}: several");
            let every: Vec<usize> = (0..corpus.docs.len()).collect();
            let want: Vec<Diagnostic> = all
                .iter()
                .filter(|d| corpus.doc_by_path(&d.path).is_some())
                .cloned()
                .collect();
            assert_eq!(lint_scoped(&corpus, &s, &every), want, "{fixture}: every");
        }
    }
}

/// A generated corpus has what the fixtures lack in numbers: conflicting
/// rights, shared names, cycles.
#[test]
fn scoped_lint_on_a_generated_corpus() {
    let g = styrlint_gen::generate(&styrlint_gen::Params {
        docs: 300,
        bodies: 150,
        seed: 7,
        mentioned_bodies: None,
    });
    let docs: Vec<Document> = g
        .files
        .iter()
        .map(|(p, t)| parse(p, t.as_str(), Lang::Sv))
        .collect();
    let files: BTreeSet<String> = docs.iter().map(|d| d.path.clone()).collect();
    let corpus = Corpus::new(docs, files, Options::default());
    for today in DATES {
        let s = settings(today);
        let all = lint(&corpus, &s);
        let mut rules: std::collections::BTreeMap<&str, usize> = Default::default();
        for d in &all {
            *rules.entry(d.rule).or_default() += 1;
        }
        eprintln!("{today}: {rules:?}");
        for (i, doc) in corpus.docs.iter().enumerate() {
            let want: Vec<Diagnostic> =
                all.iter().filter(|d| d.path == doc.path).cloned().collect();
            assert_eq!(
                lint_scoped(&corpus, &s, &[i]),
                want,
                "{} at {today}",
                doc.path
            );
        }
    }
}

/// The same at the language server's scale, on a sample of documents (slow:
/// `cargo test --release -p styrlint-rules --test incremental -- --ignored`).
#[test]
#[ignore]
fn scoped_lint_on_a_large_generated_corpus() {
    let g = styrlint_gen::generate(&styrlint_gen::Params {
        docs: 10_000,
        bodies: 5_000,
        seed: 1,
        mentioned_bodies: None,
    });
    let docs: Vec<Document> = g
        .files
        .iter()
        .map(|(p, t)| parse(p, t.as_str(), Lang::Sv))
        .collect();
    let files: BTreeSet<String> = docs.iter().map(|d| d.path.clone()).collect();
    let mut corpus = Corpus::new(docs, files, Options::default());
    let s = settings(DATES[1]);
    let all = lint(&corpus, &s);
    let mut by_path: std::collections::HashMap<&str, Vec<Diagnostic>> = Default::default();
    for d in &all {
        by_path.entry(d.path.as_str()).or_default().push(d.clone());
    }
    for i in (0..corpus.docs.len()).step_by(97) {
        let want = by_path
            .get(corpus.docs[i].path.as_str())
            .cloned()
            .unwrap_or_default();
        assert_eq!(
            lint_scoped(&corpus, &s, &[i]),
            want,
            "{}",
            corpus.docs[i].path
        );
    }
    // An edit in place, then the edited document alone and in full.
    let (path, text) = &g.files[5_000];
    let edited = format!("{text}\nEn ny mening efter ändringen.\n");
    assert_eq!(
        corpus.replace_document(parse(path, edited.as_str(), Lang::Sv)),
        Update::Incremental
    );
    let fresh = {
        let docs: Vec<Document> = g
            .files
            .iter()
            .map(|(p, t)| {
                let t = if p == path {
                    edited.as_str()
                } else {
                    t.as_str()
                };
                parse(p, t, Lang::Sv)
            })
            .collect();
        let files: BTreeSet<String> = docs.iter().map(|d| d.path.clone()).collect();
        Corpus::new(docs, files, Options::default())
    };
    assert_eq!(lint(&corpus, &s), lint(&fresh, &s));
}

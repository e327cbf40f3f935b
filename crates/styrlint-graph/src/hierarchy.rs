//! The document hierarchy: levels, who builds on whom, cycles, and the
//! documents a change reaches.
//!
//! Edges come from `bygger_på` / `derives_from` entries that name exactly
//! one document. Each edge keeps the index of the entry it came from, so
//! that rules can point at the line that makes it.

use crate::corpus::{Corpus, DocId};
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use sha2::{Digest, Sha256};
use std::collections::VecDeque;
use styrlint_parse::frontmatter::FINGERPRINT_PREFIX;
use styrlint_parse::{Date, Document, Status};
use unicode_normalization::UnicodeNormalization;

/// One builds-on edge: the parent and the `bygger_på` entry naming it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParentRef {
    /// The document built on.
    pub doc: DocId,
    /// Index into the child's `meta.derives_from`.
    pub entry: usize,
}

/// Who builds on whom, in both directions.
#[derive(Clone, Debug, Default)]
pub struct Hierarchy {
    /// For each document, the documents it builds on, in entry order (a
    /// parent named twice appears once).
    pub parents: Vec<Vec<ParentRef>>,
    /// For each document, the documents that build on it, by index.
    pub children: Vec<Vec<DocId>>,
}

impl Hierarchy {
    /// Reads every document's `bygger_på`.
    pub fn new(corpus: &Corpus) -> Hierarchy {
        let n = corpus.docs.len();
        let mut parents = vec![Vec::new(); n];
        let mut children = vec![Vec::new(); n];
        for (i, doc) in corpus.docs.iter().enumerate() {
            for (entry, name) in doc.meta.derives_from.iter().enumerate() {
                let Some(p) = corpus.resolve_doc(&name.value) else {
                    continue;
                };
                let list: &mut Vec<ParentRef> = &mut parents[i];
                if list.iter().any(|r| r.doc == p) {
                    continue;
                }
                list.push(ParentRef { doc: p, entry });
                // Documents come in order, so a repeat can only be the last
                // child (`contains` here was quadratic for a parent with
                // many children).
                if children[p].last() != Some(&i) {
                    children[p].push(i);
                }
            }
        }
        Hierarchy { parents, children }
    }

    /// The cycles among the documents `held` accepts (only their edges
    /// count): each strongly connected component with more than one member,
    /// or one member that builds on itself, reported once as its members
    /// in ascending order. The list is sorted too.
    pub fn cycles(&self, held: impl Fn(DocId) -> bool) -> Vec<Vec<DocId>> {
        let n = self.parents.len();
        let mut g: DiGraph<DocId, ()> = DiGraph::with_capacity(n, n);
        let nodes: Vec<NodeIndex> = (0..n).map(|i| g.add_node(i)).collect();
        let mut self_loops = Vec::new();
        for (i, ps) in self.parents.iter().enumerate() {
            if !held(i) {
                continue;
            }
            for p in ps {
                if p.doc == i {
                    self_loops.push(i);
                } else if held(p.doc) {
                    g.add_edge(nodes[i], nodes[p.doc], ());
                }
            }
        }
        let mut out: Vec<Vec<DocId>> = tarjan_scc(&g)
            .into_iter()
            .filter(|scc| scc.len() > 1)
            .map(|scc| {
                let mut members: Vec<DocId> = scc.into_iter().map(|ix| g[ix]).collect();
                members.sort_unstable();
                members
            })
            .collect();
        out.extend(self_loops.into_iter().map(|i| vec![i]));
        out.sort();
        out.dedup();
        out
    }

    /// A shortest path of builds-on edges from `start` back to itself that
    /// stays inside `members`: `[start, …, start]`. `None` when there is no
    /// such path.
    pub fn cycle_through(&self, start: DocId, members: &[DocId]) -> Option<Vec<DocId>> {
        let mut prev: Vec<Option<DocId>> = vec![None; self.parents.len()];
        let mut queue = VecDeque::from([start]);
        let mut seen = vec![false; self.parents.len()];
        while let Some(cur) = queue.pop_front() {
            for p in &self.parents[cur] {
                if !members.contains(&p.doc) {
                    continue;
                }
                if p.doc == start {
                    let mut back = Vec::new();
                    let mut at = cur;
                    while at != start {
                        back.push(at);
                        at = prev[at]?;
                    }
                    let mut path = vec![start];
                    path.extend(back.into_iter().rev());
                    path.push(start);
                    return Some(path);
                }
                if !seen[p.doc] {
                    seen[p.doc] = true;
                    prev[p.doc] = Some(cur);
                    queue.push_back(p.doc);
                }
            }
        }
        None
    }

    /// Every document that builds on `doc`, directly or through others, at
    /// any depth: nearest first, then by index. `doc` itself is left out.
    pub fn dependents(&self, doc: DocId) -> Vec<DocId> {
        let mut seen = vec![false; self.children.len()];
        seen[doc] = true;
        let mut out = Vec::new();
        let mut queue = VecDeque::from([doc]);
        while let Some(cur) = queue.pop_front() {
            for &c in &self.children[cur] {
                if !seen[c] {
                    seen[c] = true;
                    out.push(c);
                    queue.push_back(c);
                }
            }
        }
        out
    }

    /// The `bygger_på` entry of `child` that names `parent`.
    pub fn entry(&self, child: DocId, parent: DocId) -> Option<usize> {
        self.parents[child]
            .iter()
            .find(|r| r.doc == parent)
            .map(|r| r.entry)
    }
}

impl Corpus {
    /// The builds-on hierarchy of the corpus, built once and shared by the
    /// rules that read it.
    pub fn hierarchy(&self) -> &Hierarchy {
        self.hierarchy_cache.get_or_init(|| Hierarchy::new(self))
    }

    /// The level of a document (1 is the top), when its type has one.
    pub fn level_of(&self, doc: DocId) -> Option<u8> {
        self.kind_of(doc).and_then(|k| k.level)
    }

    /// True when a document is held to the steering rules (hierarchy,
    /// dates, metadata, goals, follow-up): in force and living. Drafts,
    /// repealed and superseded documents are not, nor are fixed ones
    /// (minutes, reports), which are right about their own date.
    pub fn is_held(&self, doc: DocId) -> bool {
        is_held(&self.docs[doc]) && !self.is_fixed(doc)
    }
}

/// True when a document is held to the hierarchy and date rules: its status
/// is in force (drafts, repealed and superseded documents are not).
pub fn is_held(doc: &Document) -> bool {
    doc.meta.status() == Status::InForce
}

/// The date of a document's current version: its `reviderad`, else its
/// `beslutad` (the later of the two when both are written).
pub fn version_date(doc: &Document) -> Option<Date> {
    let a = doc.meta.adopted.as_ref().map(|d| d.value);
    let r = doc.meta.revised.as_ref().map(|d| d.value);
    a.max(r)
}

/// The text a fingerprint covers: everything after the front matter, in
/// NFC, with every run of whitespace made one space. Rewrapping lines or
/// changing the front matter (a new review date) leaves it the same; any
/// change of a word does not.
pub fn normalised_text(doc: &Document) -> String {
    let text: &str = &doc.text;
    let body_start = doc.front_matter.as_ref().map_or(0, |r| r.end);
    let body = text.get(body_start..).unwrap_or("");
    let body = body.strip_prefix('\u{feff}').unwrap_or(body);
    let nfc: String = body.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The fingerprint `styrlint review` stamps: `sha256:` and the first 16 hex
/// digits of the SHA-256 of [`normalised_text`].
pub fn fingerprint(doc: &Document) -> String {
    let digest = Sha256::digest(normalised_text(doc).as_bytes());
    let mut out = String::from(FINGERPRINT_PREFIX);
    for b in &digest[..8] {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// True when a stamped fingerprint (any length the parser accepts) matches
/// the document's current text.
pub fn fingerprint_matches(stamp: &str, doc: &Document) -> bool {
    let Some(want) = stamp.strip_prefix(FINGERPRINT_PREFIX) else {
        return false;
    };
    let digest = Sha256::digest(normalised_text(doc).as_bytes());
    let full: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    !want.is_empty() && full.starts_with(&want.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Options;
    use styrlint_parse::{Lang, parse};

    fn corpus(files: &[(&str, &str)]) -> Corpus {
        let docs = files
            .iter()
            .map(|(p, t)| parse(p, (*t).to_string(), Lang::Sv))
            .collect();
        let names = files.iter().map(|(p, _)| (*p).to_string()).collect();
        Corpus::new(docs, names, Options::default())
    }

    fn names(c: &Corpus, ids: &[DocId]) -> Vec<String> {
        ids.iter().map(|&i| c.docs[i].id.clone()).collect()
    }

    #[test]
    fn two_separate_cycles_are_each_found_once() {
        let c = corpus(&[
            ("a.md", "---\nbygger_på: [b]\n---\n"),
            ("b.md", "---\nbygger_på: [c]\n---\n"),
            ("c.md", "---\nbygger_på: [a, d]\n---\n"),
            ("d.md", "---\n---\n"),
            ("x.md", "---\nbygger_på: [y]\n---\n"),
            ("y.md", "---\nbygger_på: [x]\n---\n"),
            ("z.md", "---\nbygger_på: [z]\n---\n"),
        ]);
        let h = c.hierarchy();
        let cycles = h.cycles(|_| true);
        let got: Vec<Vec<String>> = cycles.iter().map(|m| names(&c, m)).collect();
        assert_eq!(got, [vec!["a", "b", "c"], vec!["x", "y"], vec!["z"]]);
        let path = h.cycle_through(cycles[0][0], &cycles[0]).unwrap();
        assert_eq!(names(&c, &path), ["a", "b", "c", "a"]);
        assert_eq!(names(&c, &h.cycle_through(6, &[6]).unwrap()), ["z", "z"]);
    }

    #[test]
    fn edges_of_documents_not_held_do_not_make_cycles() {
        let c = corpus(&[
            ("a.md", "---\nbygger_på: [b]\n---\n"),
            ("b.md", "---\nbygger_på: [a]\nstatus: utkast\n---\n"),
        ]);
        let h = c.hierarchy();
        assert!(h.cycles(|i| is_held(&c.docs[i])).is_empty());
        assert_eq!(h.cycles(|_| true).len(), 1);
    }

    #[test]
    fn dependents_reach_every_depth_nearest_first() {
        let c = corpus(&[
            ("a.md", "---\nbygger_på: [p]\n---\n"),
            ("b.md", "---\nbygger_på: [a]\n---\n"),
            ("c.md", "---\nbygger_på: [b, p]\n---\n"),
            ("p.md", "---\n---\n"),
            ("q.md", "---\n---\n"),
        ]);
        let h = c.hierarchy();
        assert_eq!(names(&c, &h.dependents(3)), ["a", "c", "b"]);
        assert!(h.dependents(4).is_empty());
    }

    #[test]
    fn fingerprints_ignore_front_matter_and_wrapping_but_not_words() {
        let base = parse(
            "p.md",
            "---\nreviderad: 2023-01-01\n---\n# P\n\nEtt två\ntre.\n".to_string(),
            Lang::Sv,
        );
        let rewrapped = parse(
            "p.md",
            "---\nreviderad: 2024-01-01\n---\r\n# P\r\n\r\nEtt   två tre.\r\n".to_string(),
            Lang::Sv,
        );
        let nfd = parse(
            "p.md",
            "---\n---\n# P\n\nEtt tva\u{30a} tre.\n".to_string(),
            Lang::Sv,
        );
        let changed = parse(
            "p.md",
            "---\n---\n# P\n\nEtt två fyra.\n".to_string(),
            Lang::Sv,
        );
        let fp = fingerprint(&base);
        assert!(fp.starts_with("sha256:") && fp.len() == 7 + 16, "{fp}");
        assert_eq!(fingerprint(&rewrapped), fp);
        assert_eq!(fingerprint(&nfd), fp);
        assert_ne!(fingerprint(&changed), fp);
        assert!(fingerprint_matches(&fp, &rewrapped));
        assert!(fingerprint_matches(&fp[..15], &base));
        assert!(!fingerprint_matches(&fp, &changed));
        assert!(!fingerprint_matches("sha256:", &base));
    }

    #[test]
    fn version_date_is_the_later_of_adopted_and_revised() {
        let d = parse(
            "p.md",
            "---\nbeslutad: 2022-01-01\nreviderad: 2023-05-02\n---\n".to_string(),
            Lang::Sv,
        );
        assert_eq!(version_date(&d), Date::parse("2023-05-02").ok());
        let d = parse(
            "p.md",
            "---\nbeslutad: 2022-01-01\n---\n".to_string(),
            Lang::Sv,
        );
        assert_eq!(version_date(&d), Date::parse("2022-01-01").ok());
        let d = parse("p.md", "# P\n".to_string(), Lang::Sv);
        assert_eq!(version_date(&d), None);
    }
}

//! The corpus: every document, the register, and the lookups rules need.

use crate::kinds::{DocKind, KindTable};
use crate::register::{Body, read_bodies};
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{BTreeSet, HashMap};
use styrlint_parse::{Diagnostic, Document, name_key};

/// Index of a document in [`Corpus::docs`].
pub type DocId = usize;
/// Index of a body in [`Corpus::bodies`].
pub type BodyId = usize;

/// A node of the corpus graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Node {
    /// A document.
    Doc(DocId),
    /// A body.
    Body(BodyId),
}

/// An edge of the corpus graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Edge {
    /// Document → document it builds on (`bygger_på`).
    BuildsOn,
    /// Document → document it replaces (`ersätter`).
    Replaces,
    /// Document → body that adopted it (`beslutad_av`).
    DecidedBy,
    /// Document → body that owns it (`ansvarig`).
    Owner,
    /// Body → body it reports to.
    ReportsTo,
    /// Body → body it is part of.
    PartOf,
    /// Abolished body → its successor.
    ReplacedBy,
}

/// Everything styrlint knows about one folder of steering documents.
#[derive(Debug)]
pub struct Corpus {
    /// Documents, sorted by path.
    pub docs: Vec<Document>,
    /// Every file under the root (documents and others), relative, `/`.
    pub files: BTreeSet<String>,
    /// Bodies from every register table, in document order.
    pub bodies: Vec<Body>,
    /// Document types and levels.
    pub kinds: KindTable,
    /// Problems found while reading registers.
    pub diagnostics: Vec<Diagnostic>,
    /// Documents and bodies with the edges between them.
    pub graph: DiGraph<Node, Edge>,
    doc_nodes: Vec<NodeIndex>,
    body_nodes: Vec<NodeIndex>,
    doc_index: HashMap<String, Vec<DocId>>,
    body_index: HashMap<String, Vec<BodyId>>,
    by_path: HashMap<String, DocId>,
}

impl Corpus {
    /// Builds the corpus from parsed documents and the list of all files.
    pub fn new(mut docs: Vec<Document>, files: BTreeSet<String>, kinds: KindTable) -> Corpus {
        docs.sort_by(|a, b| a.path.cmp(&b.path));
        let mut diagnostics = Vec::new();
        let mut bodies: Vec<Body> = Vec::new();
        let mut body_index: HashMap<String, Vec<BodyId>> = HashMap::new();
        // Full registers first, so that a roles table naming a registered
        // body adds nothing new.
        let mut secondary = Vec::new();
        for (i, doc) in docs.iter().enumerate() {
            let is_register = doc
                .meta
                .doc_type
                .as_ref()
                .and_then(|t| kinds.lookup(&t.value))
                .is_some_and(|k| k.level.is_none());
            for body in read_bodies(i, doc, is_register, &mut diagnostics) {
                if body.primary {
                    let id = bodies.len();
                    for n in body.names() {
                        body_index.entry(name_key(n)).or_default().push(id);
                    }
                    bodies.push(body);
                } else {
                    secondary.push(body);
                }
            }
        }
        for body in secondary {
            if body.names().any(|n| body_index.contains_key(&name_key(n))) {
                continue;
            }
            let id = bodies.len();
            for n in body.names() {
                let ids = body_index.entry(name_key(n)).or_default();
                if !ids.is_empty() {
                    continue;
                }
                ids.push(id);
            }
            bodies.push(body);
        }

        let mut doc_index: HashMap<String, Vec<DocId>> = HashMap::new();
        let mut by_path = HashMap::new();
        for (i, doc) in docs.iter().enumerate() {
            by_path.insert(doc.path.clone(), i);
            let mut keys: Vec<String> =
                vec![name_key(&doc.id), name_key(&doc.title), name_key(&doc.path)];
            if let Some(stem) = doc.path.strip_suffix(".md") {
                keys.push(name_key(stem));
            }
            keys.extend(doc.meta.aliases.iter().map(|a| name_key(&a.value)));
            keys.sort();
            keys.dedup();
            for k in keys {
                doc_index.entry(k).or_default().push(i);
            }
        }

        let mut corpus = Corpus {
            docs,
            files,
            bodies,
            kinds,
            diagnostics,
            graph: DiGraph::new(),
            doc_nodes: Vec::new(),
            body_nodes: Vec::new(),
            doc_index,
            body_index,
            by_path,
        };
        corpus.build_graph();
        corpus
    }

    fn build_graph(&mut self) {
        let mut g = DiGraph::new();
        self.doc_nodes = (0..self.docs.len())
            .map(|i| g.add_node(Node::Doc(i)))
            .collect();
        self.body_nodes = (0..self.bodies.len())
            .map(|i| g.add_node(Node::Body(i)))
            .collect();
        for (i, doc) in self.docs.iter().enumerate() {
            let from = self.doc_nodes[i];
            for (list, edge) in [
                (&doc.meta.derives_from, Edge::BuildsOn),
                (&doc.meta.replaces, Edge::Replaces),
            ] {
                for name in list {
                    if let Some(j) = self.resolve_doc(&name.value) {
                        g.add_edge(from, self.doc_nodes[j], edge);
                    }
                }
            }
            for (name, edge) in [
                (&doc.meta.decided_by, Edge::DecidedBy),
                (&doc.meta.owner, Edge::Owner),
            ] {
                if let Some(b) = name.as_ref().and_then(|n| self.resolve_body(&n.value)) {
                    g.add_edge(from, self.body_nodes[b], edge);
                }
            }
        }
        for (i, body) in self.bodies.iter().enumerate() {
            let from = self.body_nodes[i];
            for (list, edge) in [
                (&body.reports_to, Edge::ReportsTo),
                (&body.part_of, Edge::PartOf),
                (&body.replaced_by, Edge::ReplacedBy),
            ] {
                for name in list {
                    if let Some(b) = self.resolve_body(&name.value) {
                        g.add_edge(from, self.body_nodes[b], edge);
                    }
                }
            }
        }
        self.graph = g;
    }

    /// The graph node of a document.
    pub fn doc_node(&self, id: DocId) -> NodeIndex {
        self.doc_nodes[id]
    }

    /// The graph node of a body.
    pub fn body_node(&self, id: BodyId) -> NodeIndex {
        self.body_nodes[id]
    }

    /// The document a front-matter reference names: its id, title, alias or
    /// path, in any case. `None` when it names none or several.
    pub fn resolve_doc(&self, name: &str) -> Option<DocId> {
        match self.docs_named(name) {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// Every document a name could mean.
    pub fn docs_named(&self, name: &str) -> &[DocId] {
        let key = name_key(name.trim_start_matches("./"));
        self.doc_index.get(&key).map_or(&[], Vec::as_slice)
    }

    /// The body a name or alias means, when exactly one.
    pub fn resolve_body(&self, name: &str) -> Option<BodyId> {
        match self.bodies_named(name) {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// Every body a name or alias could mean.
    pub fn bodies_named(&self, name: &str) -> &[BodyId] {
        self.body_index
            .get(&name_key(name))
            .map_or(&[], Vec::as_slice)
    }

    /// Every (name key, bodies) pair, for building matchers.
    pub fn body_names(&self) -> impl Iterator<Item = (&str, &[BodyId])> {
        self.body_index
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// The document at a path relative to the root.
    pub fn doc_by_path(&self, path: &str) -> Option<DocId> {
        self.by_path.get(path).copied()
    }

    /// The type of a document, if it names a known one.
    pub fn kind_of(&self, doc: DocId) -> Option<&DocKind> {
        self.docs[doc]
            .meta
            .doc_type
            .as_ref()
            .and_then(|t| self.kinds.lookup(&t.value))
    }

    /// True when the corpus declares any bodies at all.
    pub fn has_register(&self) -> bool {
        !self.bodies.is_empty()
    }
}

//! The corpus: every document, the register, and the lookups rules need.

use crate::external::{self, External};
use crate::kinds::{DocKind, KindTable};
use crate::lexicon::Lexicon;
use crate::mandates::{self, Mandate, ReportGraph, Role, Verbs};
use crate::mentions::{Matcher, Mention, Target};
use crate::register::{Body, read_bodies};
use crate::standing::{self, Facts};
use petgraph::graph::{DiGraph, NodeIndex};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;
use styrlint_parse::{Date, Diagnostic, Document, Lang, name_key};

/// How to build a corpus.
#[derive(Clone, Debug)]
pub struct Options {
    /// Document types and levels.
    pub kinds: KindTable,
    /// The words rules read meaning from.
    pub lexicon: Lexicon,
    /// Include styrlint's shipped register of repealed statutes and terms.
    pub builtin_externals: bool,
    /// Paths of fixed documents (the config's `fixed` globs).
    pub fixed: Option<globset::GlobSet>,
    /// The date of the last commit that touched each path, where the root
    /// is a git checkout (read by the CLI in one pass).
    pub commit_dates: Arc<HashMap<String, Date>>,
    /// The corpus's language (`language` in styrlint.toml); `None`: the
    /// language of most of its documents.
    pub language: Option<Lang>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            kinds: KindTable::default(),
            lexicon: Lexicon::default(),
            builtin_externals: true,
            fixed: None,
            commit_dates: Arc::default(),
            language: None,
        }
    }
}

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
    /// External documents: shipped and from the corpus's tables.
    pub externals: Vec<External>,
    /// The words rules read meaning from.
    pub lexicon: Lexicon,
    /// The mentions in each document's prose, by document index.
    pub mentions: Vec<Vec<Mention>>,
    /// The name table mentions were found with.
    pub matcher: Matcher,
    /// Every mandate stated in the corpus, in document order.
    pub mandates: Vec<Mandate>,
    /// The roles each document lists, by document index.
    pub roles: Vec<Vec<Role>>,
    /// Living or fixed, and the date, by document index.
    pub facts: Vec<Facts>,
    /// The corpus's language: the configured one, else that of most of its
    /// documents. A document too short to tell its own takes this one.
    pub lang: Lang,
    /// (document, table) pairs that define bodies or external documents.
    definition_tables: HashSet<(usize, usize)>,
    /// The builds-on hierarchy, built on first use and shared by every rule
    /// that reads it.
    pub(crate) hierarchy_cache: std::sync::OnceLock<crate::hierarchy::Hierarchy>,
    /// Who reports to whom, built on first use and shared likewise.
    report_cache: ReportCache,
    doc_nodes: Vec<NodeIndex>,
    body_nodes: Vec<NodeIndex>,
    /// For each document, the documents whose `ersätter` names it, in order.
    replacers: Vec<Vec<DocId>>,
    doc_index: HashMap<String, Vec<DocId>>,
    body_index: HashMap<String, Vec<BodyId>>,
    by_path: HashMap<String, DocId>,
    /// Whether the shipped externals were included (for rebuilding).
    builtin_externals: bool,
    /// The config's `fixed` globs (for rebuilding).
    fixed: Option<globset::GlobSet>,
    /// Last commit dates (for rebuilding).
    commit_dates: Arc<HashMap<String, Date>>,
    /// The configured language (for rebuilding).
    language: Option<Lang>,
}

/// The lazily built [`ReportGraph`] of a corpus.
#[derive(Default)]
struct ReportCache(std::sync::OnceLock<ReportGraph>);

impl std::fmt::Debug for ReportCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReportCache")
    }
}

/// How [`Corpus::replace_document`] brought the corpus up to date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Update {
    /// Only the edited document was read again.
    Incremental,
    /// The edit changed what the name table or the indexes are built from
    /// (or added a document): the corpus was built again from scratch.
    Rebuilt,
}

impl Corpus {
    /// Builds the corpus from parsed documents and the list of all files.
    pub fn new(mut docs: Vec<Document>, files: BTreeSet<String>, options: Options) -> Corpus {
        let Options {
            kinds,
            lexicon,
            builtin_externals,
            fixed,
            commit_dates,
            language,
        } = options;
        let phase = styrlint_parse::timing::Phase::start("corpus: registers and indexes");
        docs.sort_by(|a, b| a.path.cmp(&b.path));
        let lang = language
            .or_else(|| Lang::majority(docs.iter().filter(|d| d.lang_known).map(|d| d.lang)))
            .unwrap_or_default();
        for d in docs.iter_mut().filter(|d| !d.lang_known) {
            d.lang = lang;
        }
        let mut diagnostics = Vec::new();
        let mut bodies: Vec<Body> = Vec::new();
        let mut body_index: HashMap<String, Vec<BodyId>> = HashMap::new();
        // Full registers first, so that a roles table naming a registered
        // body adds nothing new.
        let mut secondary = Vec::new();
        let mut definition_tables = HashSet::new();
        let mut externals = if builtin_externals {
            external::builtin()
        } else {
            Vec::new()
        };
        for (i, doc) in docs.iter().enumerate() {
            for (t, e) in external::from_tables(i, doc) {
                definition_tables.insert((i, t));
                externals.push(e);
            }
        }
        for (i, doc) in docs.iter().enumerate() {
            for body in read_bodies(i, doc, is_register(&kinds, doc), &mut diagnostics) {
                if body.primary {
                    definition_tables.insert((i, body.table));
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

        let facts = docs
            .iter()
            .map(|d| standing::facts(d, &kinds, &lexicon, fixed.as_ref(), &commit_dates))
            .collect();
        let mut corpus = Corpus {
            facts,
            lang,
            docs,
            files,
            bodies,
            kinds,
            diagnostics,
            graph: DiGraph::new(),
            externals,
            lexicon,
            mentions: Vec::new(),
            matcher: Matcher::default(),
            mandates: Vec::new(),
            roles: Vec::new(),
            definition_tables,
            hierarchy_cache: std::sync::OnceLock::new(),
            report_cache: ReportCache::default(),
            doc_nodes: Vec::new(),
            body_nodes: Vec::new(),
            replacers: Vec::new(),
            doc_index,
            body_index,
            by_path,
            builtin_externals,
            fixed,
            commit_dates,
            language,
        };
        corpus.build_graph();
        drop(phase);
        corpus.find_mentions();
        let _phase = styrlint_parse::timing::Phase::start("corpus: mandates and roles");
        let verbs = Verbs::new(&corpus.lexicon);
        let (mandates, roles) = mandates::extract(&corpus, &verbs);
        corpus.mandates = mandates;
        corpus.roles = roles;
        corpus
    }

    /// Replaces the document at `doc.path` with a new version of it (adds
    /// it when the corpus has none there) and brings everything derived from
    /// the documents up to date. The result is the corpus
    /// [`Corpus::new`] would build from the edited set of documents.
    ///
    /// When the edit leaves alone everything the name table and the indexes
    /// are built from (the document's id, title and aliases, the bodies and
    /// external documents its tables declare, with their spans and the
    /// problems found in them), only this document's mentions, mandates and
    /// roles are read again, and the graph is rebuilt when its front-matter
    /// relations changed. Otherwise the whole corpus is built again.
    pub fn replace_document(&mut self, doc: Document) -> Update {
        let _phase = styrlint_parse::timing::Phase::start("corpus: replace document");
        let Some(i) = self.doc_by_path(&doc.path) else {
            self.rebuild_with(doc);
            return Update::Rebuilt;
        };
        if !self.same_tables(i, &doc) {
            self.rebuild_with(doc);
            return Update::Rebuilt;
        }
        let relations_changed = {
            let (a, b) = (&self.docs[i].meta, &doc.meta);
            let values = |v: &[styrlint_parse::Spanned<String>]| -> Vec<String> {
                v.iter().map(|s| s.value.clone()).collect()
            };
            let value = |v: &Option<styrlint_parse::Spanned<String>>| -> Option<String> {
                v.as_ref().map(|s| s.value.clone())
            };
            values(&a.derives_from) != values(&b.derives_from)
                || values(&a.replaces) != values(&b.replaces)
                || value(&a.decided_by) != value(&b.decided_by)
                || value(&a.owner) != value(&b.owner)
        };
        let mut doc = doc;
        if !doc.lang_known {
            doc.lang = self.lang;
        }
        self.facts[i] = standing::facts(
            &doc,
            &self.kinds,
            &self.lexicon,
            self.fixed.as_ref(),
            &self.commit_dates,
        );
        self.docs[i] = doc;
        if relations_changed {
            self.build_graph();
            self.hierarchy_cache = std::sync::OnceLock::new();
        }
        self.mentions[i] = self.mentions_in(&self.matcher, i);
        let verbs = Verbs::new(&self.lexicon);
        let (mandates, roles) = mandates::extract_doc(self, &verbs, i);
        let start = self.mandates.partition_point(|m| m.doc < i);
        let end = self.mandates.partition_point(|m| m.doc <= i);
        self.mandates.splice(start..end, mandates);
        self.roles[i] = roles;
        self.report_cache = ReportCache::default();
        Update::Incremental
    }

    /// True when [`Corpus::replace_document`] would update the corpus in
    /// place for this new version of one of its documents (rather than
    /// build it again).
    pub fn can_update_in_place(&self, doc: &Document) -> bool {
        self.doc_by_path(&doc.path)
            .is_some_and(|i| self.same_tables(i, doc))
    }

    /// True when a new version of document `i` declares exactly the names,
    /// bodies and external documents the current one does (spans and
    /// register problems included), so that the name table, the indexes and
    /// every other document's mentions stay as they are.
    fn same_tables(&self, i: DocId, new: &Document) -> bool {
        let old = &self.docs[i];
        if old.path != new.path
            || old.id != new.id
            || old.title != new.title
            || !old.meta.aliases.iter().map(|a| &a.value).eq(new
                .meta
                .aliases
                .iter()
                .map(|a| &a.value))
        {
            return false;
        }
        if external::from_tables(i, old) != external::from_tables(i, new) {
            return false;
        }
        let (mut old_diags, mut new_diags) = (Vec::new(), Vec::new());
        let old_bodies = read_bodies(i, old, is_register(&self.kinds, old), &mut old_diags);
        let new_bodies = read_bodies(i, new, is_register(&self.kinds, new), &mut new_diags);
        old_bodies == new_bodies && old_diags == new_diags
    }

    /// Builds the corpus again with `doc` in place of the document at its
    /// path (or added).
    fn rebuild_with(&mut self, doc: Document) {
        let mut docs = std::mem::take(&mut self.docs);
        match docs.iter().position(|d| d.path == doc.path) {
            Some(at) => docs[at] = doc,
            None => docs.push(doc),
        }
        let options = self.options();
        let files = std::mem::take(&mut self.files);
        *self = Corpus::new(docs, files, options);
    }

    /// How the corpus was built: document types, lexicon and whether the
    /// shipped externals are included.
    pub fn options(&self) -> Options {
        Options {
            kinds: self.kinds.clone(),
            lexicon: self.lexicon.clone(),
            builtin_externals: self.builtin_externals,
            fixed: self.fixed.clone(),
            commit_dates: self.commit_dates.clone(),
            language: self.language,
        }
    }

    /// True when a document is fixed (minutes, a report, a decision): right
    /// about its own date, and outside every steering rule.
    pub fn is_fixed(&self, doc: DocId) -> bool {
        self.facts.get(doc).is_some_and(Facts::is_fixed)
    }

    fn find_mentions(&mut self) {
        let mut names: Vec<(&str, Target)> = Vec::new();
        for (i, b) in self.bodies.iter().enumerate() {
            names.extend(b.names().map(|n| (n, Target::Body(i))));
        }
        for (i, d) in self.docs.iter().enumerate() {
            // A title is a name when the document gives one (front matter
            // or a level-1 heading) of two words or more: a file stem, or
            // one common word ("Policy", "Stadgar"), is no name to find in
            // other documents' prose.
            let given = d.meta.title.is_some() || d.headings.iter().any(|h| h.level == 1);
            if given && d.title.split_whitespace().count() >= 2 {
                names.push((d.title.as_str(), Target::Doc(i)));
            }
            names.extend(
                d.meta
                    .aliases
                    .iter()
                    .map(|a| (a.value.as_str(), Target::Doc(i))),
            );
        }
        for (i, e) in self.externals.iter().enumerate() {
            names.push((e.name.as_str(), Target::External(i)));
            names.extend(e.aliases.iter().map(|a| (a.as_str(), Target::External(i))));
        }
        let phase = styrlint_parse::timing::Phase::start("corpus: name table");
        let matcher = Matcher::new(names, &self.bodies, &self.lexicon);
        drop(phase);
        let _phase = styrlint_parse::timing::Phase::start("corpus: mentions");
        let mentions = self
            .docs
            .par_iter()
            .enumerate()
            .map(|(i, _)| self.mentions_in(&matcher, i))
            .collect();
        self.mentions = mentions;
        self.matcher = matcher;
    }

    /// The mentions in one document, found with `matcher`; the rows of its
    /// own register and external-document tables are declarations, not
    /// mentions.
    fn mentions_in(&self, matcher: &Matcher, i: DocId) -> Vec<Mention> {
        let doc = &self.docs[i];
        let own = self.own_bodies(i);
        matcher.find(doc, &own, |b| {
            doc.blocks[b]
                .cell
                .is_some_and(|(t, _, _)| self.definition_tables.contains(&(i, t)))
        })
    }

    /// The bodies a document belongs to: who adopted it, who owns it, whom
    /// it binds, and what those are part of.
    pub fn own_bodies(&self, doc: usize) -> Vec<usize> {
        let meta = &self.docs[doc].meta;
        let mut out: Vec<usize> = meta
            .decided_by
            .iter()
            .chain(meta.owner.iter())
            .chain(meta.applies_to.iter())
            .filter_map(|n| self.resolve_body(&n.value))
            .collect();
        let direct = out.clone();
        for b in direct {
            out.extend(
                self.bodies[b]
                    .part_of
                    .iter()
                    .filter_map(|p| self.resolve_body(&p.value)),
            );
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// True when a table of a document defines bodies or external documents
    /// (its rows are declarations, not references).
    pub fn is_definition_table(&self, doc: usize, table: usize) -> bool {
        self.definition_tables.contains(&(doc, table))
    }

    fn build_graph(&mut self) {
        let mut g = DiGraph::new();
        let mut replacers = vec![Vec::new(); self.docs.len()];
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
                        if edge == Edge::Replaces && replacers[j].last() != Some(&i) {
                            replacers[j].push(i);
                        }
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
        self.replacers = replacers;
    }

    /// Who reports to whom (the register and every reports-to statement),
    /// built once and shared by the rules that read it.
    pub fn report_graph(&self) -> &ReportGraph {
        self.report_cache.0.get_or_init(|| ReportGraph::new(self))
    }

    /// The documents whose `ersätter` (`replaces`) names a document, in
    /// corpus order, whatever their status.
    pub fn replacers_of(&self, doc: DocId) -> &[DocId] {
        &self.replacers[doc]
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

    /// The mandates stated in one document: a slice of [`Corpus::mandates`],
    /// which is in document order.
    pub fn mandates_of(&self, doc: DocId) -> &[Mandate] {
        let start = self.mandates.partition_point(|m| m.doc < doc);
        let end = self.mandates.partition_point(|m| m.doc <= doc);
        &self.mandates[start..end]
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

/// True when a document's type is a register (a known type without a
/// level): its tables are read as the full register.
fn is_register(kinds: &KindTable, doc: &Document) -> bool {
    doc.meta
        .doc_type
        .as_ref()
        .and_then(|t| kinds.lookup(&t.value))
        .is_some_and(|k| k.level.is_none() && !k.fixed)
}

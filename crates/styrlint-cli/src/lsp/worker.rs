//! The lint thread: keeps the parsed documents and the corpus built from
//! them between edits. It re-parses only the documents whose text changed,
//! brings the corpus up to date (incrementally when the edit leaves the name
//! table and the indexes alone, else by building it again), lints the open
//! documents only and turns the findings into LSP diagnostics. The main
//! loop stays free to read messages (and to notice that a result is stale)
//! while it works.

use super::convert::{self, Text};
use crossbeam_channel::{Receiver, Sender};
use lsp_types as lt;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use styrlint_graph::{Corpus, Options};
use styrlint_parse::{Diagnostic, Document, Lang, LineIndex, parse};
use styrlint_rules::{Settings, lint_scoped, sort_diagnostics};

/// More changed documents than this in one job: build the corpus again
/// once rather than update it document by document.
const MAX_INCREMENTAL: usize = 16;

/// What a lint needs besides the texts: the root and the configuration.
pub struct Env {
    /// The corpus root, as the client names it.
    pub root: PathBuf,
    /// The default language.
    pub lang: Lang,
    /// The config's `exclude` patterns.
    pub exclude: Vec<String>,
    /// The config's `max-file-size`, in bytes.
    pub max_file_size: u64,
    /// Rules, severities, date.
    pub settings: Settings,
    /// How to build the corpus.
    pub options: Options,
}

impl Env {
    /// The `file:` URI of a root-relative path.
    pub fn uri(&self, rel: &str) -> Option<lt::Url> {
        let mut path = self.root.clone();
        path.extend(rel.split('/'));
        lt::Url::from_file_path(path).ok()
    }
}

/// One request to lint: what changed in the workspace since the last job
/// (or all of it), and which documents to lint.
pub struct Job {
    /// Configuration.
    pub env: Arc<Env>,
    /// Text of every document, by relative path: the whole workspace, sent
    /// with the first job, after a new configuration and after a failure.
    pub texts: Option<BTreeMap<String, Arc<str>>>,
    /// Otherwise the documents whose text changed since the last job, with
    /// the new text (`None`: no longer a document).
    pub changes: Vec<(String, Option<Arc<str>>)>,
    /// Every file under the root (for link checks), when it may have
    /// changed.
    pub files: Option<BTreeSet<String>>,
    /// Diagnostics from outside the corpus (unreadable files).
    pub extra: Vec<Diagnostic>,
    /// Documents parsed already (by the initial load).
    pub seed: Vec<Document>,
    /// The documents whose diagnostics are wanted (the open ones).
    pub scope: BTreeSet<String>,
}

/// A linted state of the workspace.
pub struct Snapshot {
    /// Configuration it was linted with.
    pub env: Arc<Env>,
    /// The corpus (for hover). The lint thread goes on updating it: it may
    /// be newer than the texts below, so check a document's text before
    /// trusting its spans.
    pub corpus: Arc<RwLock<Corpus>>,
    /// The texts that were linted, by path, of the documents in scope and
    /// of those their findings point into: a document whose text has
    /// changed since is stale in this snapshot.
    pub texts: BTreeMap<String, Arc<str>>,
    /// Line indexes of the texts the diagnostics point into.
    pub lines: HashMap<String, LineIndex>,
    /// The documents that were linted: only their diagnostics are known.
    pub scope: BTreeSet<String>,
    /// styrlint's findings, by path.
    pub diags: HashMap<String, Vec<Diagnostic>>,
    /// The same findings in LSP form, by path.
    pub lsp: HashMap<String, Vec<lt::Diagnostic>>,
}

impl Snapshot {
    /// The text of a file with its line index.
    pub fn text(&self, path: &str) -> Option<Text<'_>> {
        Some(Text::new(self.texts.get(path)?, self.lines.get(path)?))
    }

    /// The LSP range of a span in a file of the snapshot.
    pub fn range_of(&self, path: &str, span: &Range<usize>) -> Option<lt::Range> {
        Some(self.text(path)?.range(span))
    }
}

/// What the lint thread sends back.
pub enum Outcome {
    /// A new snapshot.
    Done(Box<Snapshot>),
    /// Linting panicked: a bug, reported to the client's log; the server
    /// goes on with its previous snapshot.
    Failed(String),
}

/// Starts the lint thread. It ends when the job channel closes.
pub fn spawn(jobs: Receiver<Job>, results: Sender<Outcome>) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("styrlint-lint".into())
        .spawn(move || {
            let mut state = State::default();
            let mut lang = None;
            for job in jobs {
                // Documents too short to tell their language take the
                // default: a new default means parsing everything again.
                if lang
                    .replace(job.env.lang)
                    .is_some_and(|l| l != job.env.lang)
                {
                    state = State::default();
                }
                let outcome = catch_unwind(AssertUnwindSafe(|| run(&mut state, job)))
                    .unwrap_or_else(|e| {
                        // A panic may leave a half-updated cache: start over.
                        state = State::default();
                        let what = e
                            .downcast_ref::<&str>()
                            .map(|s| (*s).to_string())
                            .or_else(|| e.downcast_ref::<String>().cloned())
                            .unwrap_or_default();
                        Outcome::Failed(what)
                    });
                if results.send(outcome).is_err() {
                    break;
                }
            }
        })
        .map(|_| ())
}

/// What the lint thread keeps between jobs.
#[derive(Default)]
struct State {
    /// Text of every document, by path.
    texts: BTreeMap<String, Arc<str>>,
    /// Every file under the root, as the main loop last sent them.
    disk_files: BTreeSet<String>,
    /// Those and every document (new ones not yet saved exist for links).
    files: BTreeSet<String>,
    /// Every document, parsed, by path.
    parsed: HashMap<String, Document>,
    /// The corpus built from them, shared with the snapshots for hover.
    corpus: Option<Arc<RwLock<Corpus>>>,
    /// The configuration the corpus was built with.
    env: Option<Arc<Env>>,
}

fn run(state: &mut State, job: Job) -> Outcome {
    let _whole = styrlint_parse::timing::Phase::start("lsp: job");
    let Job {
        env,
        texts,
        changes,
        files,
        extra,
        seed,
        scope,
    } = job;
    // The workspace: whole, or the changes since the last job.
    let whole = texts.is_some();
    let mut structural = whole || files.is_some();
    let mut touched: Vec<String> = Vec::new();
    if let Some(t) = texts {
        state.texts = t;
    }
    for (path, text) in changes {
        structural |= match text {
            Some(t) => state.texts.insert(path.clone(), t).is_none(),
            None => state.texts.remove(&path).is_some(),
        };
        touched.push(path);
    }
    if let Some(f) = files {
        state.disk_files = f;
    }
    if structural {
        let mut all = state.disk_files.clone();
        all.extend(state.texts.keys().cloned());
        state.files = all;
    }
    let texts = &state.texts;
    let parsed = &mut state.parsed;
    for d in seed {
        parsed.insert(d.path.clone(), d);
    }
    let mut removed = false;
    if structural {
        let before = parsed.len();
        parsed.retain(|p, _| texts.contains_key(p));
        removed = parsed.len() != before;
    }
    let mut changed: Vec<String> = Vec::new();
    let candidates: Vec<&String> = if whole {
        texts.keys().collect()
    } else {
        touched.iter().filter(|p| texts.contains_key(*p)).collect()
    };
    for path in candidates {
        let Some(text) = texts.get(path) else {
            continue;
        };
        let fresh = match parsed.get(path) {
            Some(d) => !(Arc::ptr_eq(&d.text, text) || *d.text == **text),
            None => true,
        };
        if fresh {
            parsed.insert(path.clone(), parse(path, text.clone(), env.lang));
            changed.push(path.clone());
        }
    }
    let same_env = state.env.as_ref().is_some_and(|e| Arc::ptr_eq(e, &env));
    state.env = Some(env.clone());
    let files = &state.files;
    let corpus = match state.corpus.take() {
        Some(shared) if same_env && !removed && changed.len() <= MAX_INCREMENTAL => {
            let updated = {
                let mut c = shared.write().unwrap_or_else(|e| e.into_inner());
                update(&mut c, parsed, &changed, structural.then_some(files))
            };
            if updated {
                shared
            } else {
                Arc::new(RwLock::new(build(parsed, texts, files.clone(), &env)))
            }
        }
        _ => Arc::new(RwLock::new(build(parsed, texts, files.clone(), &env))),
    };
    state.corpus = Some(corpus.clone());
    let _lint = styrlint_parse::timing::Phase::start("lsp: lint and convert");
    let mut all = {
        let c = corpus.read().unwrap_or_else(|e| e.into_inner());
        let ids: Vec<usize> = scope.iter().filter_map(|p| c.doc_by_path(p)).collect();
        lint_scoped(&c, &env.settings, &ids)
    };
    all.extend(
        extra
            .into_iter()
            .filter(|d| scope.contains(&d.path) && env.settings.enabled(d.rule)),
    );
    sort_diagnostics(&mut all);

    // Line indexes for the texts the findings point into, not for all.
    let mut wanted: BTreeSet<&str> = scope.iter().map(String::as_str).collect();
    for d in &all {
        wanted.insert(&d.path);
        wanted.extend(d.related.iter().map(|r| r.path.as_str()));
        if let Some(f) = &d.fix {
            wanted.extend(f.edits.iter().map(|e| e.path.as_str()));
        }
    }
    let texts: BTreeMap<String, Arc<str>> = wanted
        .into_iter()
        .filter_map(|p| Some((p.to_string(), texts.get(p)?.clone())))
        .collect();
    let lines: HashMap<String, LineIndex> = texts
        .iter()
        .map(|(p, t)| (p.clone(), LineIndex::new(t)))
        .collect();
    let mut snapshot = Snapshot {
        env,
        corpus,
        texts,
        lines,
        scope,
        diags: HashMap::new(),
        lsp: HashMap::new(),
    };
    let mut diags: HashMap<String, Vec<Diagnostic>> = HashMap::new();
    for d in all {
        diags.entry(d.path.clone()).or_default().push(d);
    }
    let mut lsp = HashMap::new();
    for (path, list) in &diags {
        let Some(text) = snapshot.text(path) else {
            continue;
        };
        let range_of = |p: &str, s: &Range<usize>| snapshot.range_of(p, s);
        let uri = |p: &str| snapshot.env.uri(p);
        let converted = list
            .iter()
            .map(|d| convert::diagnostic(d, &text, &range_of, &uri))
            .collect::<Vec<_>>();
        lsp.insert(path.clone(), converted);
    }
    snapshot.diags = diags;
    snapshot.lsp = lsp;
    Outcome::Done(Box::new(snapshot))
}

/// Builds the corpus from every parsed document.
fn build(
    parsed: &HashMap<String, Document>,
    texts: &BTreeMap<String, Arc<str>>,
    files: BTreeSet<String>,
    env: &Env,
) -> Corpus {
    let docs: Vec<Document> = texts
        .keys()
        .filter_map(|p| parsed.get(p).cloned())
        .collect();
    Corpus::new(docs, files, env.options.clone())
}

/// Brings the corpus up to date with the `changed` documents: in place, or
/// (one document whose edit needs it) by building it again. False when
/// the caller must build it again (several documents, not all of which can
/// be updated in place).
fn update(
    corpus: &mut Corpus,
    parsed: &HashMap<String, Document>,
    changed: &[String],
    files: Option<&BTreeSet<String>>,
) -> bool {
    let docs: Vec<&Document> = changed.iter().filter_map(|p| parsed.get(p)).collect();
    // One document (the usual edit) checks for itself and builds again if
    // it must; several are checked first, so as to build at most once.
    if docs.len() != changed.len()
        || (docs.len() > 1 && !docs.iter().all(|d| corpus.can_update_in_place(d)))
    {
        return false;
    }
    for d in docs {
        corpus.replace_document(d.clone());
    }
    if let Some(files) = files
        && corpus.files != *files
    {
        corpus.files = files.clone();
    }
    true
}

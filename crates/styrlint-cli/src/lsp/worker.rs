//! The lint thread: keeps the parsed documents, re-parses only those whose
//! text changed, rebuilds the corpus from them, lints it and turns the
//! findings into LSP diagnostics. The main loop stays free to read messages
//! (and to notice that a result is stale) while it works.

use super::convert::{self, Text};
use crossbeam_channel::{Receiver, Sender};
use lsp_types as lt;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;
use styrlint_graph::{Corpus, Options};
use styrlint_parse::{Diagnostic, Document, Lang, LineIndex, parse};
use styrlint_rules::{Settings, lint, sort_diagnostics};

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

/// One request to lint: the text of every document as the editor or the
/// disk has it now.
pub struct Job {
    /// Configuration.
    pub env: Arc<Env>,
    /// Text of every document, by relative path.
    pub texts: BTreeMap<String, Arc<str>>,
    /// Every file under the root (for link checks).
    pub files: BTreeSet<String>,
    /// Diagnostics from outside the corpus (unreadable files).
    pub extra: Vec<Diagnostic>,
    /// Documents parsed already (by the initial load).
    pub seed: Vec<Document>,
}

/// A linted state of the workspace.
pub struct Snapshot {
    /// Configuration it was linted with.
    pub env: Arc<Env>,
    /// The corpus (for hover).
    pub corpus: Corpus,
    /// The texts that were linted, by path: a document whose text has
    /// changed since is stale in this snapshot.
    pub texts: BTreeMap<String, Arc<str>>,
    /// Line indexes of those texts.
    pub lines: HashMap<String, LineIndex>,
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
            let mut parsed: HashMap<String, Document> = HashMap::new();
            let mut lang = None;
            for job in jobs {
                // Documents too short to tell their language take the
                // default: a new default means parsing everything again.
                if lang
                    .replace(job.env.lang)
                    .is_some_and(|l| l != job.env.lang)
                {
                    parsed.clear();
                }
                let outcome = catch_unwind(AssertUnwindSafe(|| run(&mut parsed, job)))
                    .unwrap_or_else(|e| {
                        // A panic may leave a half-updated cache: start over.
                        parsed.clear();
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

fn run(parsed: &mut HashMap<String, Document>, job: Job) -> Outcome {
    let Job {
        env,
        texts,
        files,
        extra,
        seed,
    } = job;
    for d in seed {
        parsed.insert(d.path.clone(), d);
    }
    parsed.retain(|p, _| texts.contains_key(p));
    let mut docs = Vec::with_capacity(texts.len());
    for (path, text) in &texts {
        let fresh = match parsed.get(path) {
            Some(d) => !(Arc::ptr_eq(&d.text, text) || *d.text == **text),
            None => true,
        };
        if fresh {
            parsed.insert(path.clone(), parse(path, text.clone(), env.lang));
        }
        if let Some(d) = parsed.get(path) {
            docs.push(d.clone());
        }
    }
    let corpus = Corpus::new(docs, files, env.options.clone());
    let mut all = lint(&corpus, &env.settings);
    all.extend(extra.into_iter().filter(|d| env.settings.enabled(d.rule)));
    sort_diagnostics(&mut all);

    let lines: HashMap<String, LineIndex> = texts
        .iter()
        .map(|(p, t)| (p.clone(), LineIndex::new(t)))
        .collect();
    let mut snapshot = Snapshot {
        env,
        corpus,
        texts,
        lines,
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

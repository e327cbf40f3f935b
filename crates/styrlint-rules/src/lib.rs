//! styrlint's rules. Each rule is one file under `rules/`, with its
//! documentation as doc comments (What it flags / Why it matters / Example /
//! Fix); `styrlint explain` and `docs/rules/` are generated from them.
//!
//! Rules read a [`Corpus`] and return [`Diagnostic`]s. They know nothing of
//! terminals, JSON or editors, and no rule knows the name of any real body
//! or document: names come from the register, words from the lexicon data.

use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use styrlint_graph::{Corpus, DocId};
use styrlint_parse::{Date, Diagnostic, Severity};

mod doclist;
mod history;
mod macros;
pub mod requirements;
pub mod rules;
pub mod suggest;
pub mod suppress;
pub mod testing;

/// What every rule declares about itself.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable kebab-case name.
    pub name: &'static str,
    /// Severity unless configured otherwise.
    pub default_severity: Severity,
    /// Whether the rule offers certain fixes.
    pub fixable: bool,
    /// The rule's documentation, Markdown, from its doc comments.
    pub doc: &'static str,
}

impl RuleMeta {
    /// The first line of the documentation: one sentence on what it flags.
    pub fn summary(&self) -> &'static str {
        self.doc
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .unwrap_or("")
    }

    /// The documentation as Markdown, with doc-comment indentation removed.
    pub fn markdown(&self) -> String {
        let body: Vec<&str> = self
            .doc
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect();
        let mut out = format!(
            "# {}\n\nDefault severity: **{}**. Fix available: **{}**.\n\n",
            self.name,
            self.default_severity.as_str(),
            if self.fixable { "yes" } else { "no" }
        );
        out.push_str(body.join("\n").trim());
        out.push('\n');
        out
    }
}

/// A rule: metadata and a check over the whole corpus.
pub trait Rule: Sync {
    /// The rule's metadata.
    fn meta(&self) -> &'static RuleMeta;
    /// Appends the rule's findings to `out`.
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>);
}

/// The legal frame mandate rules apply (config `law`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Law {
    /// Kommunallagen (2017:725): Swedish municipalities and regions. Who may
    /// receive delegation (6 kap. 37 §) and what a nämnd must keep (6 kap.
    /// 38 §).
    Kommunallagen,
    /// No statute: only what the organisation's own articles or charter
    /// reserve, and delegation to an informal group or a mixed forum.
    None,
}

impl Law {
    /// Parses `kommunallagen` (or `kl`) and `none` (or `ingen`).
    pub fn parse(s: &str) -> Option<Law> {
        match s.trim().to_lowercase().as_str() {
            "kommunallagen" | "kl" => Some(Law::Kommunallagen),
            "none" | "ingen" => Some(Law::None),
            _ => None,
        }
    }
}

/// What a rule sees.
pub struct Context<'a> {
    /// The corpus.
    pub corpus: &'a Corpus,
    /// The date date rules compare against.
    pub today: Date,
    /// Required metadata and decision levels.
    pub requirements: &'a requirements::Requirements,
    /// The legal frame: the configured one, else kommunallagen for a
    /// Swedish corpus and none for an English one.
    pub law: Law,
    /// The documents whose findings are wanted; `None`: every document.
    /// Rules may skip work whose findings would land outside it (the
    /// caller drops such findings anyway), but must find everything the
    /// full lint finds inside it.
    pub scope: Option<&'a Scope>,
}

impl Context<'_> {
    /// True when findings in document `doc` are wanted.
    pub fn in_scope(&self, doc: DocId) -> bool {
        self.scope.is_none_or(|s| s.contains(doc))
    }

    /// The documents whose findings are wanted, in corpus order.
    pub fn scoped_docs(&self) -> Vec<DocId> {
        match self.scope {
            Some(s) => s.docs.clone(),
            None => (0..self.corpus.docs.len()).collect(),
        }
    }
}

/// A set of documents of one corpus whose findings are wanted (the ones
/// open in an editor).
#[derive(Clone, Debug, Default)]
pub struct Scope {
    /// The documents, sorted, without repeats.
    docs: Vec<DocId>,
    /// Membership by document index.
    member: Vec<bool>,
    /// Their paths.
    paths: std::collections::HashSet<String>,
}

impl Scope {
    /// The scope of some documents of `corpus`; indexes past its end are
    /// left out.
    pub fn new(corpus: &Corpus, docs: impl IntoIterator<Item = DocId>) -> Scope {
        let mut member = vec![false; corpus.docs.len()];
        let mut list = Vec::new();
        for d in docs {
            if let Some(m) = member.get_mut(d)
                && !*m
            {
                *m = true;
                list.push(d);
            }
        }
        list.sort_unstable();
        let paths = list.iter().map(|&d| corpus.docs[d].path.clone()).collect();
        Scope {
            docs: list,
            member,
            paths,
        }
    }

    /// True when the scope holds document `doc`.
    pub fn contains(&self, doc: DocId) -> bool {
        self.member.get(doc).copied().unwrap_or(false)
    }

    /// True when the scope holds the document at `path`.
    pub fn contains_path(&self, path: &str) -> bool {
        self.paths.contains(path)
    }

    /// The documents, in corpus order.
    pub fn docs(&self) -> &[DocId] {
        &self.docs
    }
}

/// Which rules run and how severe their findings are.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The date date rules compare against (`--today`).
    pub today: Date,
    /// Only these rules, when set (`--select`).
    pub select: Option<BTreeSet<String>>,
    /// Never these rules (`--ignore`).
    pub ignore: BTreeSet<String>,
    /// Per-rule severity; `None` turns a rule off.
    pub severity: HashMap<String, Option<Severity>>,
    /// Required metadata and decision levels (`missing-metadata`,
    /// `wrong-decision-level`).
    pub requirements: requirements::Requirements,
    /// Per-path severities, later entries winning (`[[overrides]]`).
    pub overrides: Vec<PathOverride>,
    /// The legal frame (`law`); `None`: from the corpus's language.
    pub law: Option<Law>,
}

/// Severities for the documents under some paths.
#[derive(Clone, Debug)]
pub struct PathOverride {
    /// The paths, relative to the root, in glob syntax.
    pub paths: globset::GlobSet,
    /// Rule → severity; `None` turns the rule off there.
    pub severity: HashMap<String, Option<Severity>>,
}

impl Settings {
    /// Every rule on, at its default severity.
    pub fn new(today: Date) -> Self {
        Settings {
            today,
            select: None,
            ignore: BTreeSet::new(),
            severity: HashMap::new(),
            requirements: requirements::Requirements::default(),
            overrides: Vec::new(),
            law: None,
        }
    }

    /// True when `rule` runs: selected, not ignored, and on somewhere (in
    /// the config, or for some paths).
    pub fn enabled(&self, rule: &str) -> bool {
        self.chosen(rule)
            && (!matches!(self.severity.get(rule), Some(None))
                || self
                    .overrides
                    .iter()
                    .any(|o| matches!(o.severity.get(rule), Some(Some(_)))))
    }

    fn chosen(&self, rule: &str) -> bool {
        self.select.as_ref().is_none_or(|s| s.contains(rule)) && !self.ignore.contains(rule)
    }

    /// Applies the configured severity for the diagnostic's rule and path.
    /// Returns false when the finding is not to be reported there.
    pub fn apply(&self, d: &mut Diagnostic) -> bool {
        if !self.chosen(d.rule) {
            return false;
        }
        let mut state = self.severity.get(d.rule).copied();
        for o in &self.overrides {
            if o.paths.is_match(&d.path)
                && let Some(s) = o.severity.get(d.rule)
            {
                state = Some(*s);
            }
        }
        match state {
            Some(None) => false,
            Some(Some(sev)) => {
                d.severity = sev;
                true
            }
            None => true,
        }
    }
}

/// Every rule, in name order.
pub fn all_rules() -> &'static [&'static dyn Rule] {
    rules::ALL
}

/// The rule with this name.
pub fn find_rule(name: &str) -> Option<&'static dyn Rule> {
    all_rules().iter().copied().find(|r| r.meta().name == name)
}

/// Runs every enabled rule over the corpus. Parse and register problems are
/// included. The result is sorted as SPEC §5 prescribes and free of exact
/// duplicates.
pub fn lint(corpus: &Corpus, settings: &Settings) -> Vec<Diagnostic> {
    run(corpus, settings, None)
}

/// Like [`lint`], but only the findings in the documents `docs` (indexes
/// into [`Corpus::docs`]): exactly those [`lint`] reports in them, found
/// with less work where rules can skip the other documents.
pub fn lint_scoped(corpus: &Corpus, settings: &Settings, docs: &[DocId]) -> Vec<Diagnostic> {
    let scope = Scope::new(corpus, docs.iter().copied());
    run(corpus, settings, Some(&scope))
}

fn run(corpus: &Corpus, settings: &Settings, scope: Option<&Scope>) -> Vec<Diagnostic> {
    let ctx = Context {
        corpus,
        today: settings.today,
        requirements: &settings.requirements,
        law: settings.law.unwrap_or(match corpus.lang {
            styrlint_parse::Lang::Sv => Law::Kommunallagen,
            styrlint_parse::Lang::En => Law::None,
        }),
        scope,
    };
    let wanted = |d: &Diagnostic| scope.is_none_or(|s| s.contains_path(&d.path));
    let mut out: Vec<Diagnostic> = ctx
        .scoped_docs()
        .into_iter()
        .flat_map(|i| corpus.docs[i].diagnostics.iter().cloned())
        .chain(corpus.diagnostics.iter().filter(|d| wanted(d)).cloned())
        .collect();
    let found: Vec<Vec<Diagnostic>> = all_rules()
        .par_iter()
        .filter(|r| settings.enabled(r.meta().name))
        .map(|r| {
            let _phase = styrlint_parse::timing::Phase::start(r.meta().name);
            let mut v = Vec::new();
            r.check(&ctx, &mut v);
            if scope.is_some() {
                v.retain(|d| wanted(d));
            }
            v
        })
        .collect();
    out.extend(found.into_iter().flatten());
    let _phase = styrlint_parse::timing::Phase::start("suppressions and sorting");
    suppress::apply_scoped(corpus, &mut out, settings, scope);
    out.retain_mut(|d| settings.apply(d));
    sort_diagnostics(&mut out);
    out
}

/// Sorts by path, offset, rule (then the rest), and drops exact duplicates.
pub fn sort_diagnostics(out: &mut Vec<Diagnostic>) {
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out.dedup();
}

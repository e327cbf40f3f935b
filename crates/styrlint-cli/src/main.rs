//! `styrlint`: checks a folder of steering documents (styrdokument) for
//! stale references, unclear hierarchy, conflicting mandates and missing
//! follow-up. See the README for a guide and SPEC.md for the contract.

mod config;
mod emit;
mod fix;
mod git;
mod graph_cmd;
mod loader;
mod lsp;
mod review;

use clap::{Parser, Subcommand, ValueEnum};
use config::{Config, find_root};
use emit::Sources;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use styrlint_graph::Corpus;
use styrlint_parse::{Date, Diagnostic, Document, Severity, parse};
use styrlint_rules::{Settings, all_rules, find_rule, lint, sort_diagnostics};

const EXAMPLES: &str = "\
Examples:
  styrlint check                                 check the corpus in this folder
  styrlint check fixtures/trollhattan --today 2023-11-30
  styrlint check docs/plan.md                    load the whole corpus, report on one file
  styrlint check --format json > findings.json   for scripts and editors
  styrlint check --select stale-reference,broken-link
  styrlint check --diff                          show what --fix would change
  styrlint check --fix                           apply the certain fixes, then report the rest
  styrlint check --format sarif > styrlint.sarif for GitHub code scanning
  styrlint rules                                 list the rules
  styrlint explain broken-link                   what a rule flags and how to fix it
  styrlint graph --format mermaid --of bodies    the organisation chart, for GitHub

Exit status: 0 no error-level findings, 1 error-level findings, 2 the run failed.";

/// A linter for steering documents: policies, strategies, plans,
/// reglementen and delegation orders kept as Markdown.
#[derive(Parser, Debug)]
#[command(name = "styrlint", version, about, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check a corpus and report what is wrong.
    #[command(after_help = EXAMPLES)]
    Check(CheckArgs),
    /// List the rules, one line each.
    Rules,
    /// Write a commented styrlint.toml into a folder (default: here).
    Init {
        /// The folder to write it in.
        path: Option<PathBuf>,
    },
    /// Print a rule's documentation.
    Explain {
        /// The rule's name, e.g. broken-link.
        rule: String,
    },
    /// Draw the document hierarchy or the organisation chart (DOT or
    /// Mermaid), marking what has findings.
    Graph(graph_cmd::GraphArgs),
    /// Record that a document has been read against the current versions
    /// of the documents it builds on. Writes its front matter.
    Review(review::ReviewArgs),
    /// Run a language server over stdio, for editors (see docs/editors.md).
    Lsp,
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    /// Files or folders to report on. The whole corpus around them is
    /// loaded: its root is the nearest folder holding styrlint.toml, else
    /// the given folder. Default: the current folder.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The date date rules compare against (YYYY-MM-DD). Default: today.
    #[arg(long, value_parser = parse_date)]
    today: Option<Date>,
    /// Only these rules (comma-separated).
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Skip these rules (comma-separated).
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Colour in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Apply every certain fix to the files reported on (atomically; a
    /// file changed since it was read is left alone), then report what
    /// remains.
    #[arg(long)]
    fix: bool,
    /// Print the fixes as a unified diff instead of the findings; write
    /// nothing. Exit status 1 when there is something to fix.
    #[arg(long)]
    diff: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    /// Reports with source snippets, for people.
    Human,
    /// One JSON object (SPEC §5), for editors and scripts.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the changed lines.
    Github,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).map_err(|_| format!("`{s}` is not a date of the form YYYY-MM-DD"))
}

/// mimalloc: a run allocates millions of small strings and vectors from
/// several threads, and frees them from another (docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Graph(args) => graph_cmd::graph(args),
        Command::Review(args) => review::review(args),
        Command::Lsp => lsp::run(),
        Command::Rules => {
            let mut out = String::new();
            for r in all_rules() {
                let m = r.meta();
                out.push_str(&format!(
                    "{:<20} {:<8} {}\n",
                    m.name,
                    m.default_severity.as_str(),
                    m.summary()
                ));
            }
            write_stdout(&out).map(|()| ExitCode::SUCCESS)
        }
        Command::Init { path } => {
            let dir = path.unwrap_or_else(|| PathBuf::from("."));
            config::init(&dir).and_then(|p| {
                write_stdout(&format!("styrlint: wrote {}\n", p.display()))
                    .map(|()| ExitCode::SUCCESS)
            })
        }
        Command::Explain { rule } => match find_rule(&rule) {
            Some(r) => write_stdout(&r.meta().markdown()).map(|()| ExitCode::SUCCESS),
            None => Err(unknown_rule(&rule)),
        },
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "styrlint: error: {message}");
            ExitCode::from(2)
        }
    }
}

fn check(args: CheckArgs) -> Result<ExitCode, String> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    for p in &paths {
        if !p.exists() {
            return Err(format!("{}: no such file or folder", p.display()));
        }
    }
    let first = canonical(&paths[0])?;
    let (root, config_path) = find_root(&first);
    let config = match &config_path {
        Some(p) => Config::load(p).map_err(|e| e.to_string())?,
        None => Config::default(),
    };

    let mut reported: Vec<String> = Vec::new();
    for p in &paths {
        let abs = canonical(p)?;
        let rel = abs.strip_prefix(&root).map_err(|_| {
            format!(
                "{} is outside the corpus root {}; check one corpus at a time",
                p.display(),
                root.display()
            )
        })?;
        reported.push(rel_string(rel));
    }

    let mut settings = config.settings(args.today.unwrap_or_else(today))?;
    if !args.select.is_empty() {
        settings.select = Some(rule_set(&args.select)?);
    }
    settings.ignore = rule_set(&args.ignore)?;

    let mut loaded = loader::load(
        &root,
        &config.exclude,
        config.language(),
        config.max_file_size(),
    );
    let lang = loaded.lang;
    // The parsed documents move into the corpus unless --fix or --diff
    // needs them again for its later rounds.
    let docs = if args.fix || args.diff {
        loaded.docs.clone()
    } else {
        std::mem::take(&mut loaded.docs)
    };
    let mut linted = lint_loaded(docs, &loaded, &config, &settings, &reported);
    let root_display = display_root(&root, &paths[0], config_path.is_some());
    let mut write_failed = false;
    if args.fix || args.diff {
        let fixed = fix::fix_until_stable(
            linted.diags,
            &loaded.sources,
            |p| is_reported(&reported, p),
            |changed| {
                let docs = with_changes(&loaded, changed);
                lint_loaded(docs, &loaded, &config, &settings, &reported).diags
            },
        );
        if args.diff {
            let mut out = String::new();
            for (path, new) in &fixed.texts {
                if let Some(old) = loaded.sources.get(path) {
                    out.push_str(&fix::unified_diff(
                        &emit::sarif::repo_path(&root_display, path),
                        old,
                        new,
                    ));
                }
            }
            write_stdout(&out)?;
            return Ok(if fixed.texts.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            });
        }
        let outcomes = fix::write_changes(&root, &fixed.texts, &loaded.sources, &fix::RealDisk);
        write_failed = report_fixes(lang, &root_display, &fixed, &outcomes);
        // Report what is on disk now.
        loaded = loader::load(
            &root,
            &config.exclude,
            config.language(),
            config.max_file_size(),
        );
        let docs = std::mem::take(&mut loaded.docs);
        linted = lint_loaded(docs, &loaded, &config, &settings, &reported);
    }
    let Linted {
        diags,
        documents,
        bodies,
    } = linted;
    let phase = styrlint_parse::timing::Phase::start("render output");
    let sources = Sources::new(loaded.sources);
    let text = match args.format {
        Format::Json => emit::json::render(&root_display, documents, bodies, &diags, &sources),
        Format::Sarif => emit::sarif::render(&root_display, &diags, &sources),
        Format::Github => emit::github::render(&root_display, &diags, &sources),
        Format::Human => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            let style = emit::human::Style { color, width: 100 };
            let summary = emit::human::summary(lang, documents, bodies, &diags);
            emit::human::render(&diags, &sources, style, &summary)
        }
    };
    drop(phase);
    write_stdout(&text)?;
    let failed = diags.iter().any(|d| d.severity == Severity::Error);
    Ok(if write_failed {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// What one lint of the corpus reports.
struct Linted {
    /// Findings on the reported paths, sorted.
    diags: Vec<Diagnostic>,
    /// Documents in the corpus.
    documents: usize,
    /// Bodies in the register.
    bodies: usize,
}

/// The loaded documents with the `changed` texts (fixed in memory) parsed
/// again in their place.
fn with_changes(loaded: &loader::Loaded, changed: &BTreeMap<String, String>) -> Vec<Document> {
    loaded
        .docs
        .iter()
        .map(|d| match changed.get(&d.path) {
            Some(text) => parse(&d.path, text.clone(), loaded.lang),
            None => d.clone(),
        })
        .collect()
}

/// Lints `docs` (the loaded documents, some perhaps changed) with the files
/// and read problems of `loaded`, and keeps the findings on the reported
/// paths.
fn lint_loaded(
    docs: Vec<Document>,
    loaded: &loader::Loaded,
    config: &Config,
    settings: &Settings,
    reported: &[String],
) -> Linted {
    let mut options = config.options();
    options.commit_dates = Arc::new(git::dates_of_undated_fixed(&loaded.root, &docs, &options));
    let corpus = Corpus::new(docs, loaded.files.clone(), options);
    let phase = styrlint_parse::timing::Phase::start("lint (all rules)");
    let mut diags = lint(&corpus, settings);
    drop(phase);
    diags.extend(
        loaded
            .diagnostics
            .iter()
            .filter(|d| settings.enabled(d.rule))
            .cloned(),
    );
    sort_diagnostics(&mut diags);
    diags.retain(|d| is_reported(reported, &d.path));
    let linted = Linted {
        diags,
        documents: corpus.docs.len(),
        bodies: corpus.bodies.len(),
    };
    // Freeing a large corpus takes a noticeable part of a run (a quarter of
    // a second at 10,000 documents); it happens beside the output instead.
    std::thread::spawn(move || drop(corpus));
    linted
}

/// Whether a file is on one of the paths reported on (`""` is the root).
fn is_reported(reported: &[String], path: &str) -> bool {
    reported
        .iter()
        .any(|r| r.is_empty() || path == r || path.starts_with(&format!("{r}/")))
}

/// Tells on stderr what `--fix` did; true when a file could not be written.
fn report_fixes(
    lang: styrlint_parse::Lang,
    root: &str,
    fixed: &fix::Fixed,
    outcomes: &[(String, fix::Written)],
) -> bool {
    let mut err = std::io::stderr().lock();
    let mut failed = false;
    let written = outcomes
        .iter()
        .filter(|(_, w)| *w == fix::Written::Ok)
        .count();
    for (path, w) in outcomes {
        let path = emit::sarif::repo_path(root, path);
        let line = match w {
            fix::Written::Ok => continue,
            fix::Written::ChangedOnDisk => lang.pick(
                format!("{path}: filen har ändrats sedan styrlint läste den; den lämnas orörd"),
                format!("{path}: the file changed on disk since styrlint read it; left untouched"),
            ),
            fix::Written::Failed(e) => lang.pick(
                format!("kan inte skriva {path}: {e}; filen är oförändrad"),
                format!("cannot write {path}: {e}; the file is unchanged"),
            ),
        };
        failed = true;
        let _ = writeln!(err, "styrlint: error: {line}");
    }
    let summary = if failed {
        lang.pick(
            format!("skrev {written} av {} filer med rättelser", outcomes.len()),
            format!("wrote {written} of {} files with fixes", outcomes.len()),
        )
    } else {
        lang.pick(
            format!("rättade {} fynd i {written} filer", fixed.applied),
            format!("fixed {} findings in {written} files", fixed.applied),
        )
    };
    let _ = writeln!(err, "styrlint: {summary}");
    if fixed.unapplied > 0 {
        let _ = writeln!(
            err,
            "styrlint: {}",
            lang.pick(
                format!(
                    "{} rättelser kunde inte göras (de krockar med andra eller rör filer som inte kontrolleras); fynden står kvar nedan",
                    fixed.unapplied
                ),
                format!(
                    "{} fixes could not be applied (they clash with other fixes or touch files not checked); the findings remain below",
                    fixed.unapplied
                ),
            )
        );
    }
    failed
}

fn rule_set(names: &[String]) -> Result<BTreeSet<String>, String> {
    let mut out = BTreeSet::new();
    for n in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        if find_rule(n).is_none() {
            return Err(unknown_rule(n));
        }
        out.insert(n.to_string());
    }
    Ok(out)
}

fn unknown_rule(name: &str) -> String {
    let names = all_rules().iter().map(|r| r.meta().name);
    match styrlint_rules::suggest::closest(name, names) {
        Some(s) => {
            format!("unknown rule `{name}`; did you mean `{s}`? (`styrlint rules` lists them)")
        }
        None => format!("unknown rule `{name}` (`styrlint rules` lists them)"),
    }
}

fn canonical(p: &Path) -> Result<PathBuf, String> {
    std::fs::canonicalize(p).map_err(|e| format!("{}: {e}", p.display()))
}

fn rel_string(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The root as the user would write it: relative to the current folder
/// when it is below it.
fn display_root(root: &Path, given: &Path, found_config: bool) -> String {
    if !found_config && given.is_dir() {
        let s = rel_string(given);
        let s = s.trim_end_matches('/');
        return if s.is_empty() {
            ".".into()
        } else {
            s.to_string()
        };
    }
    let cwd = std::env::current_dir().and_then(std::fs::canonicalize).ok();
    match cwd.as_deref().and_then(|c| root.strip_prefix(c).ok()) {
        Some(rel) if rel.as_os_str().is_empty() => ".".into(),
        Some(rel) => rel_string(rel),
        None => root.display().to_string(),
    }
}

fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Date::from_days_since_epoch((secs / 86_400) as i64)
}

fn write_stdout(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`styrlint check | head`) is not a failure.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write output: {e}")),
    }
}

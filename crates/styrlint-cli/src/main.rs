//! `styrlint`: checks a folder of steering documents (styrdokument) for
//! stale references, unclear hierarchy, conflicting mandates and missing
//! follow-up. See the README for a guide and SPEC.md for the contract.

mod config;
mod emit;
mod graph_cmd;
mod loader;
mod review;

use clap::{Parser, Subcommand, ValueEnum};
use config::{Config, find_root};
use emit::Sources;
use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use styrlint_graph::{Corpus, Options};
use styrlint_parse::{Date, Severity};
use styrlint_rules::{Settings, all_rules, find_rule, lint, sort_diagnostics};

const EXAMPLES: &str = "\
Examples:
  styrlint check                                 check the corpus in this folder
  styrlint check fixtures/trollhattan --today 2023-11-30
  styrlint check docs/plan.md                    load the whole corpus, report on one file
  styrlint check --format json > findings.json   for scripts and editors
  styrlint check --select stale-reference,broken-link
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
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    /// Reports with source snippets, for people.
    Human,
    /// One JSON object (SPEC §5), for editors and scripts.
    Json,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Graph(args) => graph_cmd::graph(args),
        Command::Review(args) => review::review(args),
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
    let lang = config.lang();

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

    let mut settings = Settings::new(args.today.unwrap_or_else(today));
    settings.severity.extend(config.severities());
    settings.requirements = config.requirements()?;
    if !args.select.is_empty() {
        settings.select = Some(rule_set(&args.select)?);
    }
    settings.ignore = rule_set(&args.ignore)?;

    let loaded = loader::load(&root, &config.exclude, lang);
    let options = Options {
        kinds: config.kinds(),
        builtin_externals: config.builtin_externals.unwrap_or(true),
        ..Options::default()
    };
    let corpus = Corpus::new(loaded.docs, loaded.files, options);
    let mut diags = lint(&corpus, &settings);
    diags.extend(
        loaded
            .diagnostics
            .into_iter()
            .filter(|d| settings.enabled(d.rule)),
    );
    sort_diagnostics(&mut diags);
    diags.retain(|d| {
        reported
            .iter()
            .any(|r| r.is_empty() || d.path == *r || d.path.starts_with(&format!("{r}/")))
    });

    let sources = Sources::new(loaded.sources);
    let root_display = display_root(&root, &paths[0], config_path.is_some());
    let (documents, bodies) = (corpus.docs.len(), corpus.bodies.len());
    let text = match args.format {
        Format::Json => emit::json::render(&root_display, documents, bodies, &diags, &sources),
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
    write_stdout(&text)?;
    let failed = diags.iter().any(|d| d.severity == Severity::Error);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
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

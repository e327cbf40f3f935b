//! `styrlint graph`: loads the corpus as `check` does, lints it to mark the
//! documents and bodies with findings, and prints the document hierarchy or
//! the organisation chart as DOT or Mermaid.

use crate::config::{Config, find_root};
use crate::loader;
use clap::ValueEnum;
use std::path::PathBuf;
use std::process::ExitCode;
use styrlint_graph::Corpus;
use styrlint_graph::export::{self, GraphFormat, GraphOptions, GraphView, Marks};
use styrlint_parse::Date;
use styrlint_rules::lint;

/// Arguments of `styrlint graph`.
#[derive(clap::Args, Debug)]
pub struct GraphArgs {
    /// A file or folder of the corpus; its root is the nearest folder
    /// holding styrlint.toml, else the given folder. Default: the current
    /// folder.
    path: Option<PathBuf>,
    /// Output format: Graphviz DOT (`dot -Tsvg`) or a Mermaid flowchart.
    #[arg(long, value_enum, default_value_t = Format::Dot)]
    format: Format,
    /// What to draw: the document hierarchy or the organisation chart.
    #[arg(long, value_enum, default_value_t = Of::Documents)]
    of: Of,
    /// The date bodies count as abolished on, and date rules compare
    /// against (YYYY-MM-DD). Default: today.
    #[arg(long, value_parser = crate::parse_date)]
    today: Option<Date>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    /// Graphviz DOT.
    Dot,
    /// Mermaid flowchart (renders on GitHub).
    Mermaid,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Of {
    /// Documents by level, with builds-on and replaces edges.
    Documents,
    /// Bodies: reports-to, part-of, abolished bodies and their successors.
    Bodies,
}

/// Runs `styrlint graph`.
pub fn graph(args: GraphArgs) -> Result<ExitCode, String> {
    let path = args.path.unwrap_or_else(|| PathBuf::from("."));
    if !path.exists() {
        return Err(format!("{}: no such file or folder", path.display()));
    }
    let (root, config_path) = find_root(&crate::canonical(&path)?);
    let config = match &config_path {
        Some(p) => Config::load(p).map_err(|e| e.to_string())?,
        None => Config::default(),
    };
    let today = args.today.unwrap_or_else(crate::today);
    let settings = config.settings(today)?;

    let loaded = loader::load(
        &root,
        &config.exclude,
        config.language(),
        config.max_file_size(),
    );
    let lang = loaded.lang;
    let mut options = config.options();
    options.commit_dates = std::sync::Arc::new(crate::git::dates_of_undated_fixed(
        &root,
        &loaded.docs,
        &options,
    ));
    let corpus = Corpus::new(loaded.docs, loaded.files, options);
    let mut diags = lint(&corpus, &settings);
    diags.extend(
        loaded
            .diagnostics
            .into_iter()
            .filter_map(|mut d| settings.apply(&mut d).then_some(d)),
    );
    let marks = Marks::from_diagnostics(&corpus, &diags);
    let options = GraphOptions {
        format: match args.format {
            Format::Dot => GraphFormat::Dot,
            Format::Mermaid => GraphFormat::Mermaid,
        },
        view: match args.of {
            Of::Documents => GraphView::Documents,
            Of::Bodies => GraphView::Bodies,
        },
        today,
        lang,
    };
    crate::write_stdout(&export::render(&corpus, &options, &marks))?;
    Ok(ExitCode::SUCCESS)
}

//! `styrlint review DOC`: record that a document has been read against the
//! current versions of the documents it builds on.
//!
//! For each `bygger_på` entry that names a document, it writes one line
//! under `granskad_mot` / `reviewed_against`: the parent as written, the
//! parent's version date and a fingerprint of its text. This and `--fix`
//! are the only commands that write; it says what it writes, touches only
//! the front matter, and writes atomically (a temporary file in the same
//! folder, renamed over the original, permissions kept).

use crate::config::{Config, find_root};
use crate::{canonical, loader, rel_string};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use styrlint_graph::hierarchy::{fingerprint, version_date};
use styrlint_graph::{Corpus, Options};
use styrlint_parse::frontmatter::{key_names, locate, yaml_scalar};
use styrlint_parse::{Document, Key, parse};

/// Arguments of `styrlint review`.
#[derive(clap::Args, Debug)]
pub struct ReviewArgs {
    /// The document that has been read against its parents.
    doc: PathBuf,
    /// Print the new front matter instead of writing it.
    #[arg(long)]
    dry_run: bool,
}

/// Runs `styrlint review`.
pub fn review(args: ReviewArgs) -> Result<ExitCode, String> {
    if !args.doc.is_file() {
        return Err(format!("{}: no such file", args.doc.display()));
    }
    let abs = canonical(&args.doc)?;
    let (root, config_path) = find_root(&abs);
    let config = match &config_path {
        Some(p) => Config::load(p).map_err(|e| e.to_string())?,
        None => Config::default(),
    };
    let rel = abs
        .strip_prefix(&root)
        .map(rel_string)
        .map_err(|_| format!("{} is outside the corpus root", args.doc.display()))?;
    let loaded = loader::load(
        &root,
        &config.exclude,
        config.language(),
        config.max_file_size(),
    );
    let options = Options {
        kinds: config.kinds(),
        builtin_externals: config.builtin_externals.unwrap_or(true),
        ..Options::default()
    };
    let corpus = Corpus::new(loaded.docs, loaded.files, options);
    let Some(di) = corpus.doc_by_path(&rel) else {
        return Err(format!(
            "{rel} is not a document of the corpus (not Markdown, excluded or unreadable)"
        ));
    };
    let doc = &corpus.docs[di];
    let stamps = stamps(&corpus, di);
    let mut err = std::io::stderr().lock();
    for skipped in &stamps.skipped {
        let _ = writeln!(
            err,
            "styrlint review: skipping `{skipped}`: it names no single document of the corpus"
        );
    }
    if stamps.lines.is_empty() {
        let _ = writeln!(
            err,
            "styrlint review: {rel} builds on no document of the corpus; nothing to write"
        );
        return Ok(ExitCode::SUCCESS);
    }
    let new_text = rewrite(doc, &stamps.lines)?;
    if new_text == *doc.text {
        let _ = writeln!(
            err,
            "styrlint review: {rel} is already stamped against the current versions; nothing written"
        );
        return Ok(ExitCode::SUCCESS);
    }
    // The result must read back with the same stamps and no new problems.
    let check = parse(&rel, new_text.clone(), doc.lang);
    if check.meta.reviewed_against.len() != stamps.lines.len()
        || check.diagnostics.len() > doc.diagnostics.len()
    {
        return Err(format!(
            "{rel}: the front matter could not be updated safely; nothing written"
        ));
    }
    let file = root.join(&rel);
    if args.dry_run {
        let fm = check.front_matter.clone().unwrap_or(0..0);
        crate::write_stdout(new_text.get(fm).unwrap_or(""))?;
        return Ok(ExitCode::SUCCESS);
    }
    let _ = writeln!(
        err,
        "styrlint review: writing {} (front matter only: `{}`)",
        file.display(),
        key(doc)
    );
    for (line, title) in stamps.lines.iter().zip(&stamps.titles) {
        let _ = writeln!(err, "  {line}    # {title}");
    }
    write_atomically(&file, new_text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    Ok(ExitCode::SUCCESS)
}

struct Stamps {
    /// `parent: date fingerprint`, one per parent.
    lines: Vec<String>,
    /// The parents' titles, for the report.
    titles: Vec<String>,
    /// Entries that name no document.
    skipped: Vec<String>,
}

fn stamps(corpus: &Corpus, di: usize) -> Stamps {
    let doc = &corpus.docs[di];
    let mut out = Stamps {
        lines: Vec::new(),
        titles: Vec::new(),
        skipped: Vec::new(),
    };
    let mut seen = Vec::new();
    for entry in &doc.meta.derives_from {
        let Some(p) = corpus.resolve_doc(&entry.value) else {
            out.skipped.push(entry.value.clone());
            continue;
        };
        if seen.contains(&p) || p == di {
            continue;
        }
        seen.push(p);
        let parent = &corpus.docs[p];
        let mut value = String::new();
        if let Some(d) = version_date(parent) {
            value.push_str(&format!("{d} "));
        }
        value.push_str(&fingerprint(parent));
        out.lines
            .push(format!("{}: {value}", yaml_scalar(&entry.value)));
        out.titles.push(parent.title.clone());
    }
    out
}

/// The key as the document would spell it: the spelling it already uses,
/// else its language's.
fn key(doc: &Document) -> String {
    if let Some(span) = doc.meta.key_span(Key::ReviewedAgainst) {
        return doc.text[span].to_string();
    }
    let (sv, en) = key_names(Key::ReviewedAgainst);
    doc.lang.pick(sv, en).to_string()
}

/// The document's text with the `granskad_mot` block replaced (or added
/// before the closing fence). Nothing outside the front matter changes.
fn rewrite(doc: &Document, lines: &[String]) -> Result<String, String> {
    let text: &str = &doc.text;
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let block = match locate(text, bom) {
        Some(Ok(b)) => b,
        _ => {
            return Err(format!(
                "{}: no front matter to write into (it builds on nothing styrlint can read)",
                doc.path
            ));
        }
    };
    let nl = if text[block.span.clone()].contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut new_block = format!("{}:{nl}", key(doc));
    for l in lines {
        new_block.push_str(&format!("  {l}{nl}"));
    }
    let (start, end) = match doc.meta.key_span(Key::ReviewedAgainst) {
        Some(span) => {
            let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
            (start, entry_end(text, start, block.yaml.end))
        }
        None => (block.yaml.end, block.yaml.end),
    };
    let mut out = String::with_capacity(text.len() + new_block.len());
    out.push_str(&text[..start]);
    out.push_str(&new_block);
    out.push_str(&text[end..]);
    Ok(out)
}

/// Where the top-level entry starting at `start` ends: at the next line
/// that is not indented, blank lines before it excluded.
fn entry_end(text: &str, start: usize, limit: usize) -> usize {
    let mut pos = text[start..limit]
        .find('\n')
        .map_or(limit, |i| start + i + 1);
    let mut end = pos;
    while pos < limit {
        let line_end = text[pos..limit].find('\n').map_or(limit, |i| pos + i + 1);
        let line = &text[pos..line_end];
        if line.trim().is_empty() {
            pos = line_end;
            continue;
        }
        if !line.starts_with([' ', '\t']) {
            break;
        }
        pos = line_end;
        end = pos;
    }
    end
}

/// Writes through a temporary file in the same folder and a rename, so that
/// the document is never half written; the original permissions are kept.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let perms = std::fs::metadata(path)?.permissions();
    let mut tmp = tempfile::Builder::new()
        .prefix(".styrlint-review-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    std::fs::set_permissions(tmp.path(), perms)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

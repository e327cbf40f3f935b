//! `styrlint-gen`: writes a synthetic corpus to a folder.
//!
//! ```text
//! styrlint-gen --out DIR [--docs N] [--bodies M] [--seed S] [--mentioned K]
//! ```
//!
//! Writes `DIR/register.md`, the documents under `DIR/<area>/<type>/`, and
//! `DIR/../<name>.abolished.txt`: the names and aliases of abolished bodies,
//! one a line, for `rg -i -F -f` (outside the corpus, so that it is not
//! searched itself).
//!
//! `--mentioned K` draws the bodies the text mentions from the first K of
//! the register, so that the register can grow while the text stays the
//! same (the register-size benchmark).

use std::path::PathBuf;
use std::process::ExitCode;
use styrlint_gen::{Params, generate};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("styrlint-gen: {e}");
            }
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut params = Params::default();
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--out" => out = Some(PathBuf::from(value()?)),
            "--docs" => params.docs = number(&value()?)?,
            "--bodies" => params.bodies = number(&value()?)?,
            "--seed" => params.seed = number(&value()?)? as u64,
            "--mentioned" => params.mentioned_bodies = Some(number(&value()?)?),
            _ => {
                return Err(format!(
                    "unknown argument {a}; usage: styrlint-gen --out DIR [--docs N] [--bodies M] [--seed S] [--mentioned K]"
                ));
            }
        }
    }
    let out = out.ok_or("--out DIR is required")?;
    let corpus = generate(&params);
    for (rel, text) in &corpus.files {
        let path = out.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "corpus".into());
    let patterns = out.with_file_name(format!("{name}.abolished.txt"));
    let mut list = corpus.abolished_names.join("\n");
    list.push('\n');
    std::fs::write(&patterns, list).map_err(|e| format!("{}: {e}", patterns.display()))?;
    Ok(())
}

fn number(s: &str) -> Result<usize, String> {
    s.replace('_', "")
        .parse()
        .map_err(|_| format!("not a number: {s}"))
}

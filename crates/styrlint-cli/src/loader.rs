//! Reading a corpus from disk: the walk, ignore files, decoding, parsing.

use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use styrlint_parse::{Diagnostic, Document, Lang, Severity, parse};
use walkdir::WalkDir;

/// Rule name of read problems.
const UNREADABLE: &str = "unreadable-file";

/// What was read from a root.
pub struct Loaded {
    /// Parsed documents.
    pub docs: Vec<Document>,
    /// Every file under the root, relative, `/`-separated.
    pub files: BTreeSet<String>,
    /// Problems reading files, one per file.
    pub diagnostics: Vec<Diagnostic>,
    /// Text of every readable document, by relative path.
    pub sources: HashMap<String, Arc<str>>,
    /// The corpus root.
    pub root: PathBuf,
    /// The corpus's language: the configured one, else that of most of its
    /// documents, else the locale's. Documents too short to tell their own
    /// language are read in it.
    pub lang: Lang,
}

/// Reads every Markdown file under `root`, except what `.gitignore` files
/// and the `exclude` patterns hide. Files are read and parsed in parallel;
/// one that cannot be read, or is larger than `max_size` bytes, becomes a
/// diagnostic and the rest go on.
pub fn load(root: &Path, exclude: &[String], language: Option<Lang>, max_size: u64) -> Loaded {
    let lang = language.unwrap_or_default();
    let phase = styrlint_parse::timing::Phase::start("walk");
    let (md, files) = walk(root, exclude);
    drop(phase);
    let _phase = styrlint_parse::timing::Phase::start("read and parse");
    let results: Vec<Result<Document, Box<Diagnostic>>> = md
        .par_iter()
        .map(|(rel, abs)| read(rel, abs, lang, max_size).map(|text| parse(rel, text, lang)))
        .collect();
    let mut docs = Vec::new();
    let mut diagnostics = Vec::new();
    let mut sources = HashMap::new();
    for r in results {
        match r {
            Ok(doc) => {
                sources.insert(doc.path.clone(), doc.text.clone());
                docs.push(doc);
            }
            Err(d) => diagnostics.push(*d),
        }
    }
    let corpus_lang = corpus_lang(language, &docs);
    // A document too short to tell its language is read again in the
    // corpus's, so that its messages are too.
    for doc in docs.iter_mut() {
        if !doc.lang_known && doc.lang != corpus_lang {
            *doc = parse(&doc.path, doc.text.clone(), corpus_lang);
        }
    }
    Loaded {
        docs,
        files,
        diagnostics,
        sources,
        root: root.to_path_buf(),
        lang: corpus_lang,
    }
}

/// The configured language, else that of most documents that tell theirs,
/// else the locale's, else Swedish.
pub fn corpus_lang(configured: Option<Lang>, docs: &[Document]) -> Lang {
    configured
        .or_else(|| Lang::majority(docs.iter().filter(|d| d.lang_known).map(|d| d.lang)))
        .or_else(|| Lang::from_locale(|v| std::env::var(v).ok()))
        .unwrap_or_default()
}

/// Lists (relative, absolute) Markdown paths and the set of all files.
pub(crate) fn walk(root: &Path, exclude: &[String]) -> (Vec<(String, PathBuf)>, BTreeSet<String>) {
    let mut ignores = Ignores::new(root, exclude);
    let mut md = Vec::new();
    let mut files = BTreeSet::new();
    let mut it = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                // A Markdown name that cannot be followed (a symbolic link
                // in a loop, or to itself) is listed so that reading it
                // reports why; a folder loop is skipped (walkdir found it).
                if let Some(path) = e.path()
                    && e.loop_ancestor().is_none()
                    && let Ok(rel_path) = path.strip_prefix(root)
                {
                    let rel = rel_string(rel_path);
                    let lower = rel.to_lowercase();
                    if (lower.ends_with(".md") || lower.ends_with(".markdown"))
                        && !rel.split('/').any(|c| c.starts_with('.'))
                        && !ignores.excluded(&rel)
                        && !ignores.git_ignored(path, false)
                    {
                        files.insert(rel.clone());
                        md.push((rel, path.to_path_buf()));
                    }
                }
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        let is_dir = entry.file_type().is_dir();
        if name == ".git" {
            if is_dir {
                it.skip_current_dir();
            }
            continue;
        }
        // Hidden files exist for links (".github/workflows/ci.yml") but are
        // never documents.
        let hidden = entry.path().strip_prefix(root).is_ok_and(|r| {
            r.components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        });
        let Ok(rel_path) = entry.path().strip_prefix(root) else {
            continue;
        };
        let rel = rel_path
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if ignores.git_ignored(entry.path(), is_dir) {
            if is_dir {
                it.skip_current_dir();
            }
            continue;
        }
        if is_dir {
            continue;
        }
        // An excluded file is no document, but it exists: links to it work.
        files.insert(rel.clone());
        let lower = name.to_lowercase();
        if (lower.ends_with(".md") || lower.ends_with(".markdown"))
            && !hidden
            && !ignores.excluded(&rel)
        {
            md.push((rel, entry.path().to_path_buf()));
        }
    }
    (md, files)
}

/// A relative path with `/` separators.
fn rel_string(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// `.gitignore` files from the root (and the git work tree above it) down,
/// plus the config's `exclude` patterns.
struct Ignores {
    top: PathBuf,
    exclude: Gitignore,
    cache: HashMap<PathBuf, Option<Gitignore>>,
}

impl Ignores {
    fn new(root: &Path, exclude: &[String]) -> Self {
        let mut b = GitignoreBuilder::new(root);
        for pat in exclude {
            // A bad pattern is skipped; config validation reports it.
            let _ = b.add_line(None, pat);
        }
        let exclude = b.build().unwrap_or_else(|_| Gitignore::empty());
        // .gitignore files above the root count up to the work tree's top.
        let top = root
            .ancestors()
            .find(|d| d.join(".git").exists())
            .unwrap_or(root)
            .to_path_buf();
        Ignores {
            top,
            exclude,
            cache: HashMap::new(),
        }
    }

    fn excluded(&self, rel: &str) -> bool {
        self.exclude
            .matched_path_or_any_parents(rel, false)
            .is_ignore()
    }

    fn git_ignored(&mut self, path: &Path, is_dir: bool) -> bool {
        let Some(parent) = path.parent() else {
            return false;
        };
        // Deepest .gitignore first: the first that has a say decides.
        for dir in parent.ancestors() {
            if let Some(gi) = self.gitignore(dir) {
                match gi.matched(path, is_dir) {
                    Match::Ignore(_) => return true,
                    Match::Whitelist(_) => return false,
                    Match::None => {}
                }
            }
            if dir == self.top || !dir.starts_with(&self.top) {
                break;
            }
        }
        false
    }

    fn gitignore(&mut self, dir: &Path) -> Option<&Gitignore> {
        self.cache
            .entry(dir.to_path_buf())
            .or_insert_with(|| {
                let file = dir.join(".gitignore");
                if !file.is_file() {
                    return None;
                }
                let mut b = GitignoreBuilder::new(dir);
                b.add(file);
                b.build().ok()
            })
            .as_ref()
    }
}

/// Reads a file as UTF-8, or explains why it cannot be. A file over
/// `max_size` bytes is not read (`max-file-size` in `styrlint.toml`).
pub(crate) fn read(
    rel: &str,
    abs: &Path,
    lang: Lang,
    max_size: u64,
) -> Result<String, Box<Diagnostic>> {
    let fail = |sv: String, en: String, help_sv: &str, help_en: &str| {
        Box::new(
            Diagnostic::new(UNREADABLE, Severity::Error, rel, 0..0, lang.pick(sv, en))
                .with_help(lang.pick(help_sv, help_en)),
        )
    };
    let cannot_read = |e: std::io::Error| {
        fail(
            format!("filen kan inte läsas: {e}"),
            format!("cannot read the file: {e}"),
            "Kontrollera att filen finns och att du får läsa den.",
            "Check that the file exists and that you may read it.",
        )
    };
    let too_large = |size: u64| {
        fail(
            format!(
                "filen är {}, större än gränsen {} (max-file-size); den läses inte",
                human_size(size, Lang::Sv),
                human_size(max_size, Lang::Sv)
            ),
            format!(
                "the file is {}, larger than the limit of {} (max-file-size); it was not read",
                human_size(size, Lang::En),
                human_size(max_size, Lang::En)
            ),
            "Dela upp filen, undanta den i styrlint.toml om den inte är ett styrdokument, eller höj max-file-size där.",
            "Split the file, exclude it in styrlint.toml if it is not a steering document, or raise max-file-size there.",
        )
    };
    // The size is checked before reading, and the read stops one byte past
    // the limit in case the file grew meanwhile (or is a device or a pipe).
    let file = std::fs::File::open(abs).map_err(cannot_read)?;
    let meta = file.metadata().map_err(cannot_read)?;
    if meta.is_dir() {
        return Err(cannot_read(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "is a directory",
        )));
    }
    if meta.len() > max_size {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, max_size.saturating_add(1)),
        &mut bytes,
    )
    .map_err(cannot_read)?;
    if bytes.len() as u64 > max_size {
        return Err(too_large(bytes.len() as u64));
    }
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(fail(
            "filen är sparad som UTF-16; styrlint läser UTF-8".into(),
            "the file is UTF-16 text; styrlint reads UTF-8".into(),
            "Spara filen som UTF-8 (i de flesta redigerare: Spara med kodning → UTF-8).",
            "Save the file as UTF-8 (in most editors: Save with encoding → UTF-8).",
        ));
    }
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Err(fail(
            "filen är binär, inte Markdown-text".into(),
            "the file is binary, not Markdown text".into(),
            "Byt namn på filen om den inte är Markdown, eller undanta den i styrlint.toml.",
            "Rename it if it is not a Markdown file, or exclude it in styrlint.toml.",
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let bad = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..bad].iter().filter(|&&b| b == b'\n').count() + 1;
        fail(
            format!("filen är inte giltig UTF-8: byte {bad} (rad {line}) ingår inte i något UTF-8-tecken"),
            format!("the file is not valid UTF-8: byte {bad} (line {line}) is not part of a UTF-8 character"),
            "Spara filen som UTF-8; text sparad som Latin-1 eller Windows-1252 har å, ä och ö som enstaka byte.",
            "Save the file as UTF-8; text saved as Latin-1 or Windows-1252 has å, ä and ö as single bytes.",
        )
    })
}

/// A size for people: `52.4 MB` (`52,4 MB` in Swedish), `20 MB`, `900 B`.
fn human_size(bytes: u64, lang: Lang) -> String {
    let (value, unit) = match bytes {
        0..1_000 => return format!("{bytes} B"),
        1_000..1_000_000 => (bytes as f64 / 1e3, "kB"),
        1_000_000..1_000_000_000 => (bytes as f64 / 1e6, "MB"),
        _ => (bytes as f64 / 1e9, "GB"),
    };
    let text = format!("{value:.1}");
    let text = text.strip_suffix(".0").unwrap_or(&text);
    let text = match lang {
        Lang::Sv => text.replace('.', ","),
        Lang::En => text.to_string(),
    };
    format!("{text} {unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_size(900, Lang::En), "900 B");
        assert_eq!(human_size(20_000_000, Lang::Sv), "20 MB");
        assert_eq!(human_size(52_428_800, Lang::En), "52.4 MB");
        assert_eq!(human_size(52_428_800, Lang::Sv), "52,4 MB");
        assert_eq!(human_size(1_500, Lang::En), "1.5 kB");
        assert_eq!(human_size(3_000_000_000, Lang::En), "3 GB");
    }
}

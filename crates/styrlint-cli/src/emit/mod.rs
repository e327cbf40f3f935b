//! Emitters: the only place that knows output formats.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use styrlint_parse::LineIndex;

/// The texts of the corpus's files, with line indexes made on demand, for
/// turning byte offsets into lines and columns.
pub struct Sources {
    /// Each file's text, with its line index built the first time a
    /// diagnostic in it needs one (most files of a large corpus have none).
    texts: HashMap<String, (Arc<str>, OnceLock<LineIndex>)>,
}

impl Sources {
    /// Wraps the texts read by the loader.
    pub fn new(texts: HashMap<String, Arc<str>>) -> Self {
        Sources {
            texts: texts
                .into_iter()
                .map(|(p, t)| (p, (t, OnceLock::new())))
                .collect(),
        }
    }

    fn text_and_lines(&self, path: &str) -> Option<(&Arc<str>, &LineIndex)> {
        let (text, lines) = self.texts.get(path)?;
        Some((text, lines.get_or_init(|| LineIndex::new(text))))
    }

    /// The text of a file, if it was read.
    pub fn text(&self, path: &str) -> Option<&Arc<str>> {
        self.texts.get(path).map(|(t, _)| t)
    }

    /// 1-based line and column (in Unicode scalar values) of a byte offset.
    pub fn line_col(&self, path: &str, offset: usize) -> (usize, usize) {
        match self.text_and_lines(path) {
            Some((t, l)) => l.line_col(t, offset),
            None => (1, 1),
        }
    }

    /// 1-based line and column of a byte offset, the column counted in
    /// UTF-16 code units (SARIF's default `columnKind`, and what GitHub's
    /// web pages count). A leading byte-order mark is not a column.
    pub fn line_col_utf16(&self, path: &str, offset: usize) -> (usize, usize) {
        let Some((text, lines)) = self.text_and_lines(path) else {
            return (1, 1);
        };
        let (line, _) = lines.line_col(text, offset);
        let offset = styrlint_parse::text::floor_char_boundary(text, offset);
        let mut start = lines.line_start(line - 1).unwrap_or(0);
        if line == 1 && text.starts_with('\u{feff}') && offset >= 3 {
            start = 3;
        }
        let col = text
            .get(start.min(offset)..offset)
            .map_or(0, |s| s.encode_utf16().count());
        (line, col + 1)
    }
}

/// Counts of findings by severity.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    /// Error-level findings.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Informational findings.
    pub infos: usize,
}

impl Counts {
    /// Counts a list of diagnostics.
    pub fn of(diags: &[styrlint_parse::Diagnostic]) -> Self {
        let mut c = Counts::default();
        for d in diags {
            match d.severity {
                styrlint_parse::Severity::Error => c.errors += 1,
                styrlint_parse::Severity::Warning => c.warnings += 1,
                styrlint_parse::Severity::Info => c.infos += 1,
            }
        }
        c
    }
}

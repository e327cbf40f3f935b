//! The one diagnostic type every stage of styrlint produces (SPEC §3).

use std::ops::Range;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; never fails a run.
    Info,
    /// Should be fixed; does not fail a run.
    Warning,
    /// Must be fixed; the run exits with status 1.
    Error,
}

impl Severity {
    /// The lower-case name used in JSON and in the config.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `error`, `warning` or `info` (case-insensitive).
    pub fn parse(s: &str) -> Option<Severity> {
        match s.trim().to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

/// A secondary location that explains a diagnostic: the register row of a
/// body, the other document of a conflict, the first of two duplicates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    /// Path relative to the corpus root, `/`-separated.
    pub path: String,
    /// Byte range in that file's original text.
    pub span: Range<usize>,
    /// What this location shows.
    pub message: String,
}

/// One text replacement of a fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// Path relative to the corpus root.
    pub path: String,
    /// Byte range replaced in the original text.
    pub span: Range<usize>,
    /// The new text.
    pub replacement: String,
}

/// A change that certainly repairs the finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// One line saying what the fix does.
    pub description: String,
    /// The edits, in any order, never overlapping.
    pub edits: Vec<Edit>,
}

/// A finding: rule, severity, message, primary span, related spans, help
/// and an optional fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The stable rule name, kebab-case.
    pub rule: &'static str,
    /// Severity after configuration.
    pub severity: Severity,
    /// The message, in the document's language.
    pub message: String,
    /// Path relative to the corpus root, `/`-separated.
    pub path: String,
    /// Primary byte range in the original text (may be empty).
    pub span: Range<usize>,
    /// Secondary locations.
    pub related: Vec<Related>,
    /// What to do about it.
    pub help: Option<String>,
    /// A certain fix, when there is one.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic with no related spans, help or fix.
    pub fn new(
        rule: &'static str,
        severity: Severity,
        path: impl Into<String>,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            rule,
            severity,
            message: message.into(),
            path: path.into(),
            span,
            related: Vec::new(),
            help: None,
            fix: None,
        }
    }

    /// Adds a help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a related span.
    pub fn with_related(
        mut self,
        path: impl Into<String>,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        self.related.push(Related {
            path: path.into(),
            span,
            message: message.into(),
        });
        self
    }

    /// Adds a fix.
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// The order SPEC §5 prescribes: path, then offset, then rule; then the
    /// rest, so that output is byte-identical between runs.
    pub fn sort_key(&self) -> (&str, usize, &str, usize, &str) {
        (
            &self.path,
            self.span.start,
            self.rule,
            self.span.end,
            &self.message,
        )
    }
}

//! Human output: miette reports with the source snippet, labels, related
//! locations and help, then a summary line.

use super::{Counts, Sources};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use std::fmt;
use std::sync::Arc;
use styrlint_parse::{Diagnostic, Lang, Severity};

/// How to draw reports.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// Use colour.
    pub color: bool,
    /// Text width.
    pub width: usize,
}

/// Renders every diagnostic and the summary line.
pub fn render(diags: &[Diagnostic], sources: &Sources, style: Style, summary: &str) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_context_lines(1);
    let mut out = String::new();
    for d in diags {
        let report = Report::new(d, sources);
        if handler.render_report(&mut out, &report).is_err() {
            out.push_str(&format!("{}: {}: {}\n", d.path, d.rule, d.message));
        }
        out.push('\n');
    }
    out.push_str(summary);
    out.push('\n');
    out
}

/// The summary line: what was checked and what was found.
pub fn summary(lang: Lang, documents: usize, bodies: usize, diags: &[Diagnostic]) -> String {
    let c = Counts::of(diags);
    match lang {
        Lang::Sv => format!(
            "styrlint: {documents} dokument och {bodies} organ kontrollerade: {} fel, {} {}, {} info",
            c.errors,
            c.warnings,
            if c.warnings == 1 {
                "varning"
            } else {
                "varningar"
            },
            c.infos
        ),
        Lang::En => format!(
            "styrlint: checked {documents} documents and {bodies} bodies: {} {}, {} {}, {} info",
            c.errors,
            if c.errors == 1 { "error" } else { "errors" },
            c.warnings,
            if c.warnings == 1 {
                "warning"
            } else {
                "warnings"
            },
            c.infos
        ),
    }
}

/// One diagnostic as miette sees it. Related locations in the same file
/// become extra labels; those in other files become related reports.
struct Report {
    rule: &'static str,
    message: String,
    severity: Severity,
    help: Option<String>,
    source: Option<NamedSource<Arc<str>>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report>,
}

impl Report {
    fn new(d: &Diagnostic, sources: &Sources) -> Report {
        let source = sources
            .text(&d.path)
            .map(|t| NamedSource::new(&d.path, t.clone()).with_language("markdown"));
        let mut labels = Vec::new();
        let mut related = Vec::new();
        if source.is_some() {
            labels.push(LabeledSpan::new_primary_with_span(
                d.fix.as_ref().map(|f| f.description.clone()),
                span(&d.span),
            ));
        }
        for r in &d.related {
            if r.path == d.path && source.is_some() {
                labels.push(LabeledSpan::new_with_span(
                    Some(r.message.clone()),
                    span(&r.span),
                ));
            } else {
                let src = sources
                    .text(&r.path)
                    .map(|t| NamedSource::new(&r.path, t.clone()).with_language("markdown"));
                let labels = if src.is_some() {
                    vec![LabeledSpan::new_primary_with_span(None, span(&r.span))]
                } else {
                    Vec::new()
                };
                related.push(Report {
                    rule: d.rule,
                    message: format!("{}: {}", r.path, r.message),
                    severity: Severity::Info,
                    help: None,
                    source: src,
                    labels,
                    related: Vec::new(),
                });
            }
        }
        let message = if source.is_some() {
            d.message.clone()
        } else {
            format!("{}: {}", d.path, d.message)
        };
        Report {
            rule: d.rule,
            message,
            severity: d.severity,
            help: d.help.clone(),
            source,
            labels,
            related,
        }
    }
}

fn span(r: &std::ops::Range<usize>) -> SourceSpan {
    SourceSpan::new(r.start.into(), r.len())
}

impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(
                self.related.iter().map(|r| r as &dyn miette::Diagnostic),
            ))
        }
    }
}

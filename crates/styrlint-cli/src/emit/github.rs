//! `--format github`: GitHub Actions workflow commands, one annotation per
//! finding:
//!
//! ```text
//! ::error file=docs/plan.md,line=12,col=41,endLine=12,endColumn=69,title=stale-reference::message
//! ```
//!
//! Errors become `::error`, warnings `::warning`, infos `::notice`. Paths
//! are as seen from the folder styrlint was started in (the repository's
//! root in CI). Columns are 1-based and count UTF-16 code units, as GitHub's
//! pages do; GitHub takes columns only for a span on one line, so a span
//! over several lines gives lines only. The message carries the help text
//! and the related locations on lines of their own.
//!
//! Escaping follows the Actions runner: in the message, `%`, CR and LF
//! become `%25`, `%0D` and `%0A`; in a property, `:` and `,` also become
//! `%3A` and `%2C`.

use super::Sources;
use super::sarif::repo_path;
use styrlint_parse::{Diagnostic, Severity};

/// Renders one workflow command per diagnostic.
pub fn render(root: &str, diags: &[Diagnostic], sources: &Sources) -> String {
    let mut out = String::new();
    for d in diags {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = vec![format!("file={}", property(&repo_path(root, &d.path)))];
        if sources.text(&d.path).is_some() {
            let (l1, c1) = sources.line_col_utf16(&d.path, d.span.start);
            let (l2, c2) = sources.line_col_utf16(&d.path, d.span.end);
            props.push(format!("line={l1}"));
            if l1 == l2 {
                props.push(format!("col={c1}"));
            }
            props.push(format!("endLine={l2}"));
            if l1 == l2 {
                props.push(format!("endColumn={c2}"));
            }
        }
        props.push(format!("title={}", property(d.rule)));
        let mut message = d.message.clone();
        if let Some(h) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(h);
        }
        for r in &d.related {
            let (l, c) = sources.line_col(&r.path, r.span.start);
            message.push_str(&format!(
                "\nsee {}:{l}:{c}: {}",
                repo_path(root, &r.path),
                r.message
            ));
        }
        out.push_str(&format!(
            "::{command} {}::{}\n",
            props.join(","),
            data(&message)
        ));
    }
    out
}

/// Escapes the message of a workflow command.
pub fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
pub fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::sync::Arc;

    #[test]
    fn data_and_properties_are_escaped() {
        assert_eq!(data("100% klart\r\nnu: a,b"), "100%25 klart%0D%0Anu: a,b");
        assert_eq!(property("dir,1/a:b%\n.md"), "dir%2C1/a%3Ab%25%0A.md");
    }

    #[test]
    fn annotations_carry_positions_help_and_related_places() {
        let text = "# Plan\n\nRapport till 😀 Nämnden, snart.\n";
        let sources = Sources::new(HashMap::from([
            ("p, 1:a.md".to_string(), Arc::from(text)),
            ("register.md".to_string(), Arc::from("| Organ |\n")),
        ]));
        let start = text.find("Nämnden").unwrap();
        let d = Diagnostic::new(
            "stale-reference",
            Severity::Warning,
            "p, 1:a.md",
            start..start + "Nämnden".len(),
            "`Nämnden`: avvecklad 100%\nläs mer",
        )
        .with_help("Skriv: Utskottet")
        .with_related("register.md", 2..7, "registrets rad");
        let out = render("docs", &[d], &sources);
        assert_eq!(
            out,
            "::warning file=docs/p%2C 1%3Aa.md,line=3,col=17,endLine=3,endColumn=24,title=stale-reference::\
             `Nämnden`: avvecklad 100%25%0Aläs mer%0Ahelp: Skriv: Utskottet%0Asee docs/register.md:1:3: registrets rad\n"
        );
    }

    #[test]
    fn a_span_over_several_lines_has_no_columns() {
        let text = "a\nb\n";
        let sources = Sources::new(HashMap::from([("a.md".to_string(), Arc::from(text))]));
        let d = Diagnostic::new("hierarchy-cycle", Severity::Error, "a.md", 0..3, "m");
        assert_eq!(
            render(".", &[d], &sources),
            "::error file=a.md,line=1,endLine=2,title=hierarchy-cycle::m\n"
        );
    }
}

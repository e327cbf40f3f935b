//! Inline suppression comments.
//!
//! ```markdown
//! <!-- styrlint-disable stale-reference -->        … until enable
//! <!-- styrlint-enable stale-reference -->
//! <!-- styrlint-disable-next-line ambiguous-reference -->
//! <!-- styrlint-disable-line broken-link -->          this line
//! <!-- styrlint-disable-file goal-without-indicator -->
//! <!-- styrlint-disable-file stale-reference["Välfärdsutskottet"] -->
//! ```
//!
//! Without rule names a directive covers every rule. A rule may carry one
//! or more names in brackets (`rule["name", "other"]`, in the spirit of
//! Vale's `Rule["text"] = NO`): then only findings whose text is that name,
//! in any inflection, are silenced. A suppression that silences nothing, or
//! that names an unknown rule, is reported as `unused-suppression`.

use crate::{Settings, find_rule, suggest};
use styrlint_graph::Corpus;
use styrlint_parse::{Diagnostic, Document, LineIndex, Severity, name_key};

/// The rule name of suppression problems.
pub const UNUSED: &str = "unused-suppression";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Disable,
    Enable,
    NextLine,
    Line,
    File,
}

/// A rule a directive names, with optional names it is limited to.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Target {
    rule: String,
    names: Vec<String>,
}

#[derive(Debug)]
struct Region {
    /// Byte range covered.
    range: std::ops::Range<usize>,
    /// Empty: every rule.
    targets: Vec<Target>,
    /// The comment that made it.
    comment: std::ops::Range<usize>,
    used: bool,
}

/// Drops suppressed diagnostics and adds `unused-suppression` findings.
pub fn apply(corpus: &Corpus, diags: &mut Vec<Diagnostic>, settings: &Settings) {
    apply_scoped(corpus, diags, settings, None);
}

/// Like [`apply`], for the documents of a scope only (every document when
/// `None`): `diags` holds findings in those documents only.
pub fn apply_scoped(
    corpus: &Corpus,
    diags: &mut Vec<Diagnostic>,
    settings: &Settings,
    scope: Option<&crate::Scope>,
) {
    let mut extra = Vec::new();
    let docs: Vec<&Document> = match scope {
        Some(s) => s.docs().iter().map(|&i| &corpus.docs[i]).collect(),
        None => corpus.docs.iter().collect(),
    };
    // Each document's findings, once: walking all of the corpus's findings
    // for every document with a directive was quadratic.
    let mut by_path: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (i, d) in diags.iter().enumerate() {
        if d.rule != UNUSED {
            by_path.entry(d.path.as_str()).or_default().push(i);
        }
    }
    let mut silenced = vec![false; diags.len()];
    for doc in docs {
        if !doc.comments.iter().any(|(_, c)| c.starts_with("styrlint-")) {
            continue;
        }
        let mut regions = regions(doc, settings, &mut extra);
        for &i in by_path
            .get(doc.path.as_str())
            .map_or(&[][..], Vec::as_slice)
        {
            let d = &diags[i];
            let text = doc.text.get(d.span.clone()).unwrap_or("");
            for r in regions.iter_mut() {
                if covers(r, d.span.start) && matches(r, d.rule, text) {
                    r.used = true;
                    silenced[i] = true;
                }
            }
        }
        for r in regions.iter().filter(|r| !r.used) {
            // A suppression for a rule that did not run this time cannot be
            // judged.
            if !r.targets.is_empty() && r.targets.iter().all(|t| !settings.enabled(&t.rule)) {
                continue;
            }
            // An unknown rule is reported once, as unknown.
            if r.targets.iter().any(|t| find_rule(&t.rule).is_none()) {
                continue;
            }
            if !settings.enabled(UNUSED) {
                continue;
            }
            extra.push(
                Diagnostic::new(
                    UNUSED,
                    Severity::Warning,
                    &doc.path,
                    r.comment.clone(),
                    doc.lang.pick(
                        "undantaget tystar ingenting",
                        "this suppression silences nothing",
                    ),
                )
                .with_help(doc.lang.pick(
                    "Ta bort kommentaren; felet den gällde finns inte längre här.",
                    "Remove the comment; the finding it was for is no longer here.",
                )),
            );
        }
    }
    let mut i = 0;
    diags.retain(|_| {
        i += 1;
        !silenced[i - 1]
    });
    diags.extend(extra.into_iter().filter(|d| settings.enabled(d.rule)));
}

fn covers(r: &Region, offset: usize) -> bool {
    r.range.contains(&offset) || (r.range.is_empty() && r.range.start == offset)
}

fn matches(r: &Region, rule: &str, text: &str) -> bool {
    if r.targets.is_empty() {
        return true;
    }
    let key = name_key(text);
    r.targets.iter().any(|t| {
        t.rule == rule && (t.names.is_empty() || t.names.iter().any(|n| key.contains(&name_key(n))))
    })
}

fn regions(doc: &Document, settings: &Settings, problems: &mut Vec<Diagnostic>) -> Vec<Region> {
    let text: &str = &doc.text;
    let lines = LineIndex::new(text);
    let line_range = |line0: usize| {
        let start = lines.line_start(line0).unwrap_or(text.len());
        let end = lines.line_start(line0 + 1).unwrap_or(text.len());
        start..end
    };
    let mut out = Vec::new();
    let mut open: Vec<(Vec<Target>, usize, std::ops::Range<usize>)> = Vec::new();
    for (span, comment) in &doc.comments {
        let Some((kind, rest)) = directive(comment) else {
            continue;
        };
        let targets = parse_targets(rest);
        for t in &targets {
            if find_rule(&t.rule).is_none() && t.rule != UNUSED && settings.enabled(UNUSED) {
                let names = crate::all_rules().iter().map(|r| r.meta().name);
                let hint = suggest::closest(&t.rule, names)
                    .map(|s| {
                        doc.lang.pick(
                            format!(" Menade du `{s}`?"),
                            format!(" Did you mean `{s}`?"),
                        )
                    })
                    .unwrap_or_default();
                problems.push(
                    Diagnostic::new(
                        UNUSED,
                        Severity::Warning,
                        &doc.path,
                        span.clone(),
                        doc.lang.pick(
                            format!("okänd regel `{}` i undantaget", t.rule),
                            format!("unknown rule `{}` in the suppression", t.rule),
                        ),
                    )
                    .with_help(doc.lang.pick(
                        format!("`styrlint rules` listar reglerna.{hint}"),
                        format!("`styrlint rules` lists the rules.{hint}"),
                    )),
                );
            }
        }
        let line0 = lines.line_col(text, span.start).0 - 1;
        let end_line0 = lines.line_col(text, span.end.saturating_sub(1)).0 - 1;
        match kind {
            Kind::File => out.push(Region {
                range: 0..text.len() + 1,
                targets,
                comment: span.clone(),
                used: false,
            }),
            Kind::Line => out.push(Region {
                range: line_range(line0),
                targets,
                comment: span.clone(),
                used: false,
            }),
            Kind::NextLine => out.push(Region {
                range: line_range(end_line0 + 1),
                targets,
                comment: span.clone(),
                used: false,
            }),
            Kind::Disable => open.push((targets, span.end, span.clone())),
            Kind::Enable => {
                let closes_all = targets.is_empty();
                let mut still = Vec::new();
                for (t, start, comment) in open.drain(..) {
                    if closes_all || t == targets {
                        out.push(Region {
                            range: start..span.start,
                            targets: t,
                            comment,
                            used: false,
                        });
                    } else {
                        still.push((t, start, comment));
                    }
                }
                open = still;
            }
        }
    }
    for (t, start, comment) in open {
        out.push(Region {
            range: start..text.len() + 1,
            targets: t,
            comment,
            used: false,
        });
    }
    out
}

fn directive(comment: &str) -> Option<(Kind, &str)> {
    let c = comment.trim();
    // Longest first: "disable-next-line" before "disable".
    for (word, kind) in [
        ("styrlint-disable-next-line", Kind::NextLine),
        ("styrlint-disable-line", Kind::Line),
        ("styrlint-disable-file", Kind::File),
        ("styrlint-disable", Kind::Disable),
        ("styrlint-enable", Kind::Enable),
    ] {
        if let Some(rest) = c.strip_prefix(word)
            && (rest.is_empty() || rest.starts_with(char::is_whitespace))
        {
            return Some((kind, rest.trim()));
        }
    }
    None
}

/// `a, b["X", "Y"] c` → targets.
fn parse_targets(s: &str) -> Vec<Target> {
    let mut out = Vec::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        rest = rest.trim_start_matches([',', ' ', '\t', '\n']);
        if rest.is_empty() {
            break;
        }
        let end = rest
            .find(|c: char| c == '[' || c == ',' || c.is_whitespace())
            .unwrap_or(rest.len());
        let rule = rest[..end].to_string();
        rest = &rest[end..];
        let mut names = Vec::new();
        if let Some(inner) = rest.strip_prefix('[') {
            let close = inner.find(']').unwrap_or(inner.len());
            names = inner[..close]
                .split(',')
                .map(|n| n.trim().trim_matches(['"', '\'', '“', '”']).to_string())
                .filter(|n| !n.is_empty())
                .collect();
            rest = inner.get(close + 1..).unwrap_or("");
        }
        if !rule.is_empty() {
            out.push(Target { rule, names });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{render, run};

    const REGISTER: &str = "\
<!-- file: register.md -->
| Organ | Avvecklad | Ersatt av |
|---|---|---|
| Gamla utskottet | 2020-01-01 | Nya utskottet |
| Nya utskottet | | |
| Andra rådet | 2020-01-01 | Nya utskottet |
";

    fn found(doc: &str) -> Vec<String> {
        let (c, d) = run(None, &format!("{REGISTER}<!-- file: a.md -->\n{doc}"));
        render(&c, &d)
            .into_iter()
            .filter(|l| l.starts_with("a.md"))
            .collect()
    }

    #[test]
    fn parses_targets_with_names() {
        assert_eq!(
            parse_targets(r#"stale-reference["Gamla utskottet", "X"], broken-link"#),
            [
                Target {
                    rule: "stale-reference".into(),
                    names: vec!["Gamla utskottet".into(), "X".into()]
                },
                Target {
                    rule: "broken-link".into(),
                    names: vec![]
                },
            ]
        );
        assert_eq!(
            directive("styrlint-disable-next-line a").map(|d| d.0),
            Some(Kind::NextLine)
        );
        assert_eq!(directive("styrlint-disabled"), None);
    }

    #[test]
    fn every_form_silences_and_only_what_it_names() {
        let doc = "\
Gamla utskottet beslutar. <!-- styrlint-disable-line stale-reference -->

<!-- styrlint-disable-next-line -->
Gamla utskottet beslutar.

<!-- styrlint-disable stale-reference -->
Gamla utskottet beslutar.
<!-- styrlint-enable stale-reference -->

Gamla utskottet beslutar igen.

<!-- styrlint-disable-next-line stale-reference[\"Andra rådet\"] -->
Gamla utskottets och Andra rådets beslut.
";
        assert_eq!(
            found(doc),
            [
                "a.md:10: stale-reference: `Gamla utskottet`: Gamla utskottet avvecklades 2020-01-01 och ersattes av Nya utskottet",
                "a.md:13: stale-reference: `Gamla utskottets`: Gamla utskottet avvecklades 2020-01-01 och ersattes av Nya utskottet",
            ]
        );
    }

    #[test]
    fn file_wide_and_unused_suppressions() {
        let doc = "\
<!-- styrlint-disable-file stale-reference -->
Gamla utskottet beslutar.

<!-- styrlint-disable-next-line broken-link -->
Ingen länk här.

<!-- styrlint-disable stale-refrence -->
";
        assert_eq!(
            found(doc),
            [
                "a.md:4: unused-suppression: undantaget tystar ingenting",
                "a.md:7: unused-suppression: okänd regel `stale-refrence` i undantaget",
            ]
        );
    }

    #[test]
    fn comments_in_code_are_not_directives() {
        let doc = "```\n<!-- styrlint-disable-file -->\n```\n\nGamla utskottet beslutar.\n";
        assert_eq!(found(doc).len(), 1);
    }
}

use crate::history::History;
use crate::macros::declare_rule;
use crate::rules::broken_link::{is_external, percent_decode, resolve};
use crate::{Context, Rule, RuleMeta};
use std::collections::BTreeMap;
use std::ops::Range;
use styrlint_graph::hierarchy::is_held;
use styrlint_graph::{Corpus, DocId, Target};
use styrlint_parse::{Date, Diagnostic, Document, LinkKind, Status};

declare_rule! {
    /// A document in force that builds on or cites a document past its `giltig_till`.
    ///
    /// ## What it flags
    ///
    /// A document in force (and itself still valid) that builds on
    /// (`bygger_på`), links to, or names in its text a document of the
    /// corpus whose `giltig_till` / `valid_until` is before `--today`. On the
    /// date itself the other document still applies. One finding per
    /// expired document: on the `bygger_på` entry when there is one, else
    /// on the first link or mention.
    ///
    /// Not flagged: mentions under a history heading or in sentences that
    /// record a change, references to repealed, superseded or replaced
    /// documents (`stale-reference` reports those), drafts, and documents
    /// that are themselves past their `giltig_till`.
    ///
    /// ## Why it matters
    ///
    /// Plans often build on a budget or a multi-year plan for a fixed period
    /// ("Mål- och resursplan 2020–2023"). When the period ends, the goals a
    /// plan carries out may no longer be anyone's goals; the plan needs a
    /// new base or a decision that the old one still applies.
    ///
    /// ## Example
    ///
    /// ```yaml
    /// bygger_på: [Mål- och resursplan 2020–2023]   # giltig_till: 2023-12-31
    /// ```
    ///
    /// checked with `--today 2024-03-01`.
    ///
    /// ## Fix
    ///
    /// Build on the document that applies now (let the new one `ersätta` the
    /// old, so that `stale-reference` can name it), or, if the old document
    /// is still meant to apply, extend its `giltig_till`.
    pub struct ExpiredReference {
        name: "expired-reference",
        severity: Warning,
        fix: false,
    }
}

impl Rule for ExpiredReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let corpus = ctx.corpus;
        let today = ctx.today;
        let expired: Vec<Option<Date>> = (0..corpus.docs.len())
            .map(|i| expired_on(corpus, i, today))
            .collect();
        if expired.iter().all(Option::is_none) {
            return;
        }
        for (i, doc) in corpus.docs.iter().enumerate() {
            if !ctx.in_scope(i) {
                continue;
            }
            if !corpus.is_held(i) || expired[i].is_some() || past_validity(doc, today) {
                continue;
            }
            // target → (builds on?, first span, number of places)
            let mut found: BTreeMap<DocId, (bool, Range<usize>, usize)> = BTreeMap::new();
            let mut history = History::new(corpus, i, today);
            let mut note = |t: DocId, builds: bool, span: Range<usize>| {
                if t == i || expired[t].is_none() {
                    return;
                }
                let e = found.entry(t).or_insert((builds, span.clone(), 0));
                e.2 += 1;
                if builds && !e.0 || builds == e.0 && span.start < e.1.start {
                    e.0 = builds;
                    e.1 = span;
                }
            };
            for v in &doc.meta.derives_from {
                if let Some(t) = corpus.resolve_doc(&v.value) {
                    note(t, true, v.span.clone());
                }
            }
            for link in &doc.links {
                if let Some(t) = link_target(corpus, doc, link)
                    && !in_history(&mut history, doc, link.span.start)
                {
                    note(t, false, link.span.clone());
                }
            }
            for m in &corpus.mentions[i] {
                let Some(Target::Doc(t)) = m.target() else {
                    continue;
                };
                if history.mention(m) {
                    continue;
                }
                note(t, false, m.span.clone());
            }
            for (t, (builds, span, count)) in found {
                let Some(until) = expired[t] else {
                    continue;
                };
                out.push(diagnostic(corpus, doc, t, until, builds, span, count));
            }
        }
    }
}

/// The `giltig_till` of a document in force that has passed, else `None`.
/// Repealed, superseded and replaced documents are stale-reference's.
fn expired_on(corpus: &Corpus, doc: DocId, today: Date) -> Option<Date> {
    let d = &corpus.docs[doc];
    if d.meta.status() != Status::InForce {
        return None;
    }
    let until = d.meta.valid_until.as_ref()?.value;
    if until >= today {
        return None;
    }
    let replaced = corpus.docs.iter().enumerate().any(|(j, other)| {
        j != doc
            && is_held(other)
            && other
                .meta
                .replaces
                .iter()
                .any(|r| corpus.resolve_doc(&r.value) == Some(doc))
    });
    (!replaced).then_some(until)
}

fn past_validity(doc: &Document, today: Date) -> bool {
    doc.meta
        .valid_until
        .as_ref()
        .is_some_and(|v| v.value < today)
}

/// The corpus document a Markdown link points at.
fn link_target(corpus: &Corpus, doc: &Document, link: &styrlint_parse::Link) -> Option<DocId> {
    if matches!(
        link.kind,
        LinkKind::Autolink | LinkKind::Email | LinkKind::Image
    ) || is_external(&link.dest)
    {
        return None;
    }
    let dest = link.dest.split(['?', '#']).next().unwrap_or("");
    if dest.is_empty() {
        return None;
    }
    corpus.doc_by_path(&resolve(&doc.path, &percent_decode(dest))?)
}

/// True when the text at `offset` sits in a block that narrates history.
fn in_history(history: &mut History<'_>, doc: &Document, offset: usize) -> bool {
    doc.blocks
        .iter()
        .position(|b| b.span.contains(&offset))
        .is_some_and(|bi| history.block(bi))
}

fn diagnostic(
    corpus: &Corpus,
    doc: &Document,
    target: DocId,
    until: Date,
    builds: bool,
    span: Range<usize>,
    count: usize,
) -> Diagnostic {
    let lang = doc.lang;
    let other = &corpus.docs[target];
    let title = &other.title;
    let mut message = if builds {
        lang.pick(
            format!("bygger på {title}, som bara gällde till {until}"),
            format!("builds on {title}, which applied only until {until}"),
        )
    } else {
        lang.pick(
            format!("hänvisar till {title}, som bara gällde till {until}"),
            format!("refers to {title}, which applied only until {until}"),
        )
    };
    if count > 1 {
        message.push_str(&lang.pick(
            format!(" (nämns på {count} ställen)"),
            format!(" ({count} places)"),
        ));
    }
    let mut d = Diagnostic::new(
        ExpiredReference::META.name,
        ExpiredReference::META.default_severity,
        &doc.path,
        span,
        message,
    )
    .with_help(lang.pick(
        format!("Bygg på det dokument som gäller nu (låt det nya `ersätta` {title}), eller förläng `giltig_till` i {title} om det fortfarande ska gälla."),
        format!("Build on the document that applies now (let the new one `replace` {title}), or extend the `valid_until` of {title} if it is still meant to apply."),
    ));
    if let Some(v) = &other.meta.valid_until {
        d = d.with_related(
            &other.path,
            v.span.clone(),
            lang.pick("giltigt till", "valid until"),
        );
    }
    d
}

#[cfg(test)]
mod tests {
    use crate::testing::{render, run_at};

    const FIXTURE: &str = "\
<!-- file: mrp.md -->
---
titel: Mål- och resursplan 2020–2023
typ: mål- och resursplan
giltig_till: 2023-12-31
alias: [MRP]
---
# Mål- och resursplan 2020–2023
<!-- file: strategi.md -->
---
titel: Strategi
bygger_på: [mrp]
---
# Strategi

Strategin genomför målen i MRP, se [planen](mrp.md#mål). MRP gäller för hela staden.

## Historik

Strategin antogs första gången med stöd av MRP.
<!-- file: program.md -->
---
titel: Program
---
# Program

Programmet följer [MRP](./mrp.md) och nämner MRP en gång till.
<!-- file: utkast.md -->
---
status: utkast
bygger_på: [mrp]
---
<!-- file: gammal.md -->
---
giltig_till: 2023-06-30
bygger_på: [mrp]
---
";

    fn at(today: &str) -> Vec<String> {
        let (c, d) = run_at(Some("expired-reference"), FIXTURE, today);
        render(&c, &d)
    }

    #[test]
    fn nothing_on_the_last_valid_day() {
        assert_eq!(at("2023-12-31"), Vec::<String>::new());
    }

    #[test]
    fn building_on_linking_to_or_naming_an_expired_document_the_day_after() {
        assert_eq!(
            at("2024-01-01"),
            [
                "program.md:6: expired-reference: hänvisar till Mål- och resursplan 2020–2023, som bara gällde till 2023-12-31 (nämns på 3 ställen)",
                "strategi.md:3: expired-reference: bygger på Mål- och resursplan 2020–2023, som bara gällde till 2023-12-31 (nämns på 4 ställen)",
            ]
        );
    }

    #[test]
    fn replaced_and_repealed_targets_are_left_to_stale_reference() {
        let fixture = format!(
            "{FIXTURE}<!-- file: ny.md -->\n---\ntitel: Mål- och resursplan 2024–2027\nersätter: [mrp]\n---\n"
        );
        let (c, d) = run_at(Some("expired-reference"), &fixture, "2024-01-01");
        assert_eq!(render(&c, &d), Vec::<String>::new());
    }
}

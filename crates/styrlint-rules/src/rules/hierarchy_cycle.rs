use crate::macros::declare_rule;
use crate::{Context, Rule, RuleMeta};
use styrlint_parse::Diagnostic;

declare_rule! {
    /// Documents that build on each other in a cycle.
    ///
    /// ## What it flags
    ///
    /// A chain of `bygger_på` / `derives_from` entries that leads from a
    /// document back to itself: A builds on B, B on C, C on A (or a document
    /// that names itself). Each cycle is reported once, on the member whose
    /// path sorts first, at its entry that starts the cycle; the entries of
    /// the other members are related spans. Where several cycles share
    /// documents they form one tangle, reported once.
    ///
    /// Only documents in force count: the `bygger_på` of a draft, a repealed
    /// or a superseded document is not read (but such a document can still
    /// be built on).
    ///
    /// ## Why it matters
    ///
    /// A hierarchy of steering documents says which document gives direction
    /// to which. In a cycle none of them comes first, so nobody can tell
    /// which one wins when they disagree, or which one to change first.
    ///
    /// ## Example
    ///
    /// ```yaml
    /// # strategi.md
    /// bygger_på: [Handlingsplan för föreningsstöd]
    /// # handlingsplan.md
    /// bygger_på: [Strategi för föreningslivet]
    /// ```
    ///
    /// ## Fix
    ///
    /// Decide which document is the higher one and remove the `bygger_på`
    /// entry that points upwards from it. A document that only refers to
    /// another can say so in its text or in a link.
    pub struct HierarchyCycle {
        name: "hierarchy-cycle",
        severity: Error,
        fix: false,
    }
}

impl Rule for HierarchyCycle {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let corpus = ctx.corpus;
        let h = corpus.hierarchy();
        for members in h.cycles(|i| corpus.is_held(i)) {
            let first = members[0];
            let Some(path) = h.cycle_through(first, &members) else {
                continue;
            };
            let doc = &corpus.docs[first];
            let lang = doc.lang;
            let span_of = |child: usize, parent: usize| {
                h.entry(child, parent)
                    .and_then(|e| corpus.docs[child].meta.derives_from.get(e))
                    .map(|v| v.span.clone())
            };
            let Some(span) = span_of(path[0], path[1]) else {
                continue;
            };
            let chain: Vec<&str> = path
                .iter()
                .map(|&i| corpus.docs[i].title.as_str())
                .collect();
            let message = if members.len() == 1 {
                lang.pick(
                    format!("{} bygger på sig självt", doc.title),
                    format!("{} builds on itself", doc.title),
                )
            } else {
                lang.pick(
                    format!(
                        "dokumenten bygger på varandra i en cirkel: {}",
                        chain.join(" → ")
                    ),
                    format!(
                        "the documents build on each other in a cycle: {}",
                        chain.join(" → ")
                    ),
                )
            };
            let mut d = Diagnostic::new(
                Self::META.name,
                Self::META.default_severity,
                &doc.path,
                span,
                message,
            )
            .with_help(lang.pick(
                "Bestäm vilket dokument som står högst och ta bort den `bygger_på`-rad som pekar uppåt från det. Ett dokument som bara hänvisar till ett annat kan göra det i texten.",
                "Decide which document is the higher one and remove the `derives_from` entry that points upwards from it. A document that only refers to another can do so in its text.",
            ));
            // Every other member's entries that stay inside the cycle.
            for &m in &members[1..] {
                for p in &h.parents[m] {
                    if !members.contains(&p.doc) {
                        continue;
                    }
                    let other = &corpus.docs[m];
                    if let Some(v) = other.meta.derives_from.get(p.entry) {
                        d = d.with_related(
                            &other.path,
                            v.span.clone(),
                            lang.pick(
                                format!("{} bygger på {}", other.title, corpus.docs[p.doc].title),
                                format!("{} builds on {}", other.title, corpus.docs[p.doc].title),
                            ),
                        );
                    }
                }
            }
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, run};

    const TWO_CYCLES: &str = "\
<!-- file: a.md -->
---
titel: A
typ: strategi
bygger_på: [B]
---
<!-- file: b.md -->
---
titel: B
typ: strategi
bygger_på:
  - C
---
<!-- file: c.md -->
---
titel: C
typ: strategi
bygger_på: [A, D]
---
<!-- file: d.md -->
---
titel: D
typ: policy
---
<!-- file: x.md -->
---
titel: X
typ: plan
bygger_på: [Y]
---
<!-- file: y.md -->
---
title: Y
type: plan
derives_from: [X]
---
# Y

An English plan.
";

    #[test]
    fn two_separate_cycles_are_reported_once_each() {
        let (c, d) = run(Some("hierarchy-cycle"), TWO_CYCLES);
        assert_eq!(
            crate::testing::render(&c, &d),
            [
                "a.md:4: hierarchy-cycle: dokumenten bygger på varandra i en cirkel: A → B → C → A",
                "x.md:4: hierarchy-cycle: dokumenten bygger på varandra i en cirkel: X → Y → X",
            ]
        );
        assert_eq!(d[0].related.len(), 2);
        assert_eq!(d[0].related[0].path, "b.md");
        assert_eq!(d[0].related[1].path, "c.md");
        assert_eq!(d[1].related.len(), 1);
    }

    #[test]
    fn a_document_that_builds_on_itself_is_a_cycle() {
        let fixture = "\
<!-- file: a.md -->
---
titel: A
bygger_på: [a]
---
";
        assert_eq!(
            check("hierarchy-cycle", fixture),
            ["a.md:3: hierarchy-cycle: A bygger på sig självt"]
        );
    }

    #[test]
    fn chains_diamonds_and_drafts_are_not_cycles() {
        let fixture = "\
<!-- file: a.md -->
---
bygger_på: [b, c]
---
<!-- file: b.md -->
---
bygger_på: [d]
---
<!-- file: c.md -->
---
bygger_på: [d]
---
<!-- file: d.md -->
---
bygger_på: [e]
---
<!-- file: e.md -->
---
status: utkast
bygger_på: [a]
---
<!-- file: f.md -->
---
status: upphävd
bygger_på: [f]
---
";
        assert_eq!(check("hierarchy-cycle", fixture), Vec::<String>::new());
    }
}

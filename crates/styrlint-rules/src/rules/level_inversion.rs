use crate::doclist::kind_and_level;
use crate::macros::declare_rule;
use crate::{Context, Rule, RuleMeta};
use styrlint_parse::Diagnostic;

declare_rule! {
    /// A document that builds on a document of a lower level.
    ///
    /// ## What it flags
    ///
    /// A `bygger_på` / `derives_from` entry of a document in force that
    /// names a document lower in the hierarchy (a higher level number, SPEC
    /// §2.3): a strategy (level 3) that builds on a plan (level 4), a policy
    /// that builds on a guideline. Building on a document of the same level
    /// is fine. Documents whose type has no level (registers, unknown
    /// types) are not compared; drafts, repealed and superseded documents
    /// are not checked. Levels can be changed in `styrlint.toml`
    /// (`[levels]`).
    ///
    /// ## Why it matters
    ///
    /// Direction flows downwards: a plan carries out a strategy, not the
    /// other way round. A strategy that builds on a plan is either
    /// mislabelled, or the plan has taken over decisions that belong higher
    /// up, usually taken by a body with less mandate.
    ///
    /// ## Example
    ///
    /// ```yaml
    /// titel: Strategi för föreningslivet
    /// typ: strategi
    /// bygger_på: [Handlingsplan för föreningsstöd]   # typ: handlingsplan
    /// ```
    ///
    /// ## Fix
    ///
    /// Turn the relation round (let the lower document build on the higher
    /// one), or correct the `typ` of the document that is mislabelled.
    pub struct LevelInversion {
        name: "level-inversion",
        severity: Error,
        fix: false,
    }
}

impl Rule for LevelInversion {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let corpus = ctx.corpus;
        let h = corpus.hierarchy();
        for (i, doc) in corpus.docs.iter().enumerate() {
            if !ctx.in_scope(i) {
                continue;
            }
            if !corpus.is_held(i) {
                continue;
            }
            let Some(level) = corpus.level_of(i) else {
                continue;
            };
            for p in &h.parents[i] {
                let parent = &corpus.docs[p.doc];
                // A repealed or superseded parent is stale-reference's.
                if p.doc == i || parent.meta.status().is_gone() {
                    continue;
                }
                let Some(parent_level) = corpus.level_of(p.doc) else {
                    continue;
                };
                if parent_level <= level {
                    continue;
                }
                let Some(entry) = doc.meta.derives_from.get(p.entry) else {
                    continue;
                };
                let lang = doc.lang;
                let (Some(own), Some(theirs)) = (
                    kind_and_level(corpus, i, lang),
                    kind_and_level(corpus, p.doc, lang),
                ) else {
                    continue;
                };
                let mut d = Diagnostic::new(
                    Self::META.name,
                    Self::META.default_severity,
                    &doc.path,
                    entry.span.clone(),
                    lang.pick(
                        format!(
                            "dokumentet ({own}) bygger på {} ({theirs}), som står lägre i hierarkin",
                            parent.title
                        ),
                        format!(
                            "the document ({own}) builds on {} ({theirs}), which is lower in the hierarchy",
                            parent.title
                        ),
                    ),
                )
                .with_help(lang.pick(
                    format!(
                        "Ett dokument får bara bygga på dokument på samma eller högre nivå. Låt {} bygga på detta dokument i stället, eller rätta `typ` på det dokument som har fel typ.",
                        parent.title
                    ),
                    format!(
                        "A document may build only on documents of its own level or higher. Let {} build on this document instead, or correct the `type` of whichever document is mislabelled.",
                        parent.title
                    ),
                ));
                if let Some(t) = &parent.meta.doc_type {
                    d = d.with_related(
                        &parent.path,
                        t.span.clone(),
                        lang.pick("det andra dokumentets typ", "the other document's type"),
                    );
                }
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    #[test]
    fn building_on_a_lower_level_is_flagged() {
        let fixture = "\
<!-- file: strategi.md -->
---
titel: Strategi för föreningslivet
typ: strategi
bygger_på:
  - Policy för föreningsstöd
  - Handlingsplan för föreningsstöd
---
<!-- file: policy.md -->
---
titel: Policy för föreningsstöd
typ: policy
---
<!-- file: plan.md -->
---
titel: Handlingsplan för föreningsstöd
typ: handlingsplan
---
<!-- file: en.md -->
---
title: Code of Conduct
type: policy
derives_from: [Incident Procedure]
---
# Code of Conduct

The policy of the foundation.
<!-- file: proc.md -->
---
title: Incident Procedure
type: procedure
---
";
        assert_eq!(
            check("level-inversion", fixture),
            [
                "en.md:4: level-inversion: the document (policy, level 2) builds on Incident Procedure (procedure, level 6), which is lower in the hierarchy",
                "strategi.md:6: level-inversion: dokumentet (strategi, nivå 3) bygger på Handlingsplan för föreningsstöd (handlingsplan, nivå 4), som står lägre i hierarkin",
            ]
        );
    }

    #[test]
    fn same_level_higher_level_unknown_and_not_held_pass() {
        let fixture = "\
<!-- file: a.md -->
---
typ: strategi
bygger_på: [b, c, reg, x, gone]
---
<!-- file: b.md -->
---
typ: program
---
<!-- file: c.md -->
---
typ: reglemente
---
<!-- file: reg.md -->
---
typ: register
---
<!-- file: x.md -->
---
typ: önskelista
---
<!-- file: gone.md -->
---
typ: rutin
status: upphävd
---
<!-- file: utkast.md -->
---
typ: policy
status: utkast
bygger_på: [gone, b]
---
<!-- file: untyped.md -->
---
bygger_på: [gone]
---
";
        assert_eq!(check("level-inversion", fixture), Vec::<String>::new());
    }
}

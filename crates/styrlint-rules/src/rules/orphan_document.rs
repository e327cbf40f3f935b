use crate::doclist::anchor_span;
use crate::macros::declare_rule;
use crate::{Context, Rule, RuleMeta};
use styrlint_parse::{Diagnostic, Key};

declare_rule! {
    /// A document below level 2 that builds on nothing.
    ///
    /// ## What it flags
    ///
    /// A document in force whose type is below policy level (level 3 or
    /// lower: strategies, programmes, plans, guidelines, procedures …) and
    /// that has no `bygger_på` / `derives_from` at all. The finding points
    /// at the document's first `#` heading.
    ///
    /// Not flagged: documents of level 1 and 2 (a vision, a budget or a
    /// policy may stand on its own), registers and documents without a known
    /// type, drafts, repealed and superseded documents, and documents whose
    /// `bygger_på` names something styrlint cannot find (`unknown-document`
    /// reports that).
    ///
    /// ## Why it matters
    ///
    /// Auditors ask what each strategy and plan carries out. A plan that does
    /// not say what it builds on cannot be checked against the goals above
    /// it, and when those goals change nobody knows that the plan should
    /// change too (`outdated-derivation` depends on this link).
    ///
    /// ## Example
    ///
    /// ```yaml
    /// titel: Strategi för en hållbar kommun
    /// typ: strategi
    /// beslutad_av: Kommunfullmäktige
    /// ```
    ///
    /// with no `bygger_på`, although the strategy carries out the goals of
    /// the mål- och resursplan and the sustainability policy.
    ///
    /// ## Fix
    ///
    /// Add `bygger_på` with the documents it carries out, by `id` or title:
    /// `bygger_på: [Mål- och resursplan 2024–2027, Hållbarhetspolicy]`.
    pub struct OrphanDocument {
        name: "orphan-document",
        severity: Warning,
        fix: false,
    }
}

impl Rule for OrphanDocument {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let corpus = ctx.corpus;
        for (i, doc) in corpus.docs.iter().enumerate() {
            if !ctx.in_scope(i) {
                continue;
            }
            if !corpus.is_held(i) || !doc.meta.derives_from.is_empty() {
                continue;
            }
            // A written but unreadable `bygger_på` is invalid-metadata's.
            if doc.meta.key_span(Key::DerivesFrom).is_some() {
                continue;
            }
            let Some(level) = corpus.level_of(i) else {
                continue;
            };
            if level <= 2 {
                continue;
            }
            let lang = doc.lang;
            let typ = doc.meta.doc_type.as_ref().map_or("", |t| t.value.as_str());
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    Self::META.default_severity,
                    &doc.path,
                    anchor_span(doc),
                    lang.pick(
                        format!(
                            "{} ({typ}, nivå {level}) säger inte vilket dokument det bygger på",
                            doc.title
                        ),
                        format!(
                            "{} ({typ}, level {level}) does not say which document it builds on",
                            doc.title
                        ),
                    ),
                )
                .with_help(lang.pick(
                    "Skriv i front matter vilka dokument det genomför, med `id` eller titel: `bygger_på: [<policy, strategi eller plan>]`.",
                    "Write in the front matter which documents it carries out, by `id` or title: `derives_from: [<policy, strategy or plan>]`.",
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    #[test]
    fn documents_below_level_two_without_parents_are_flagged() {
        let fixture = "\
<!-- file: strategi.md -->
---
titel: Strategi Agenda 2030
typ: strategi
---

# Strategi Agenda 2030

Text.
<!-- file: rutin.md -->
---
title: Incident Procedure
type: procedure
---
Steps to follow when an incident is reported to the committee.
";
        assert_eq!(
            check("orphan-document", fixture),
            [
                "rutin.md:3: orphan-document: Incident Procedure (procedure, level 6) does not say which document it builds on",
                "strategi.md:6: orphan-document: Strategi Agenda 2030 (strategi, nivå 3) säger inte vilket dokument det bygger på",
            ]
        );
    }

    #[test]
    fn top_levels_registers_drafts_and_documents_with_parents_pass() {
        let fixture = "\
<!-- file: policy.md -->
---
typ: policy
---
# Policy
<!-- file: mrp.md -->
---
typ: mål- och resursplan
---
<!-- file: reg.md -->
---
typ: register
---
<!-- file: utkast.md -->
---
typ: plan
status: utkast
---
<!-- file: gammal.md -->
---
typ: plan
status: ersatt
---
<!-- file: plan.md -->
---
typ: plan
bygger_på: [policy]
---
<!-- file: okand.md -->
---
typ: plan
bygger_på: [Något som inte finns]
---
<!-- file: trasig.md -->
---
typ: plan
bygger_på: {a: b}
---
<!-- file: otypad.md -->
# Bara text
";
        assert_eq!(check("orphan-document", fixture), Vec::<String>::new());
    }
}

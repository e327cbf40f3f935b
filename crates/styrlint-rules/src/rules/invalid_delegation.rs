use crate::macros::declare_rule;
use crate::{Context, Rule, RuleMeta};
use styrlint_graph::MandateKind;
use styrlint_graph::mandates::is_type_in;
use styrlint_parse::{Diagnostic, name_key};

declare_rule! {
    /// A delegation order that delegates to a body that cannot receive delegation, or a matter that may not be delegated.
    ///
    /// ## What it flags
    ///
    /// In a delegationsordning (or delegation order), each delegated decision
    /// — a row of a table with `Ärende`/`Delegat` columns, or a sentence
    /// such as "X har delegation att besluta om …" — where
    ///
    /// - the delegate's kind (the register's `Typ`) is not one that may
    ///   receive delegation. Under kommunallagen 6 kap. 37 § a nämnd may
    ///   delegate to an utskott, a presidium, a member or substitute, or an
    ///   employee; a styrgrupp, an arbetsgrupp, a råd or a group mixing
    ///   elected members and employees cannot receive it. The allowed kinds
    ///   are lexicon data (`delegate_kinds`), so other organisations can set
    ///   their own. A delegate without a `Typ` is not judged.
    /// - the matter is one the nämnd must keep (6 kap. 38 §): the goals,
    ///   direction, scope or quality of the activity; proposals and
    ///   statements to fullmäktige; matters of principle or of greater
    ///   importance (lexicon data, `non_delegable`).
    ///
    /// ## Why it matters
    ///
    /// A decision taken under an invalid delegation can be overturned on
    /// appeal, and the nämnd remains responsible for a decision it never
    /// took.
    ///
    /// ## Example
    ///
    /// ```markdown
    /// | Ärende | Delegat |
    /// |---|---|
    /// | Prioritering av insatser | Styrgrupp Framtid |
    /// | Mål för verksamheten 2025 | Förvaltningschef |
    /// ```
    ///
    /// ## Fix
    ///
    /// Delegate to a body or person that may receive delegation (an utskott,
    /// the presidium, a named position), and keep the matters of 6 kap. 38 §
    /// with the nämnd.
    pub struct InvalidDelegation {
        name: "invalid-delegation",
        severity: Error,
        fix: false,
    }
}

impl Rule for InvalidDelegation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let corpus = ctx.corpus;
        let words = &corpus.lexicon.words.document;
        let scoped = ctx.scoped_docs();
        for m in scoped.iter().flat_map(|&d| corpus.mandates_of(d)) {
            if m.kind != MandateKind::Decides || !is_type_in(corpus, m.doc, &words.delegation_types)
            {
                continue;
            }
            let doc = &corpus.docs[m.doc];
            if doc.meta.status().is_gone() {
                continue;
            }
            let lang = doc.lang;
            let body = &corpus.bodies[m.body];
            // The body that adopted the order delegates; it does not receive.
            if doc
                .meta
                .decided_by
                .as_ref()
                .and_then(|d| corpus.resolve_body(&d.value))
                == Some(m.body)
            {
                continue;
            }
            if let Some(kind) = &body.kind
                && !words
                    .delegate_kinds
                    .iter()
                    .any(|k| name_key(k) == name_key(kind))
            {
                out.push(
                    Diagnostic::new(
                        Self::META.name,
                        Self::META.default_severity,
                        &doc.path,
                        m.span.clone(),
                        lang.pick(
                            format!("{} ({kind}) kan inte ta emot delegation", body.name),
                            format!("{} ({kind}) cannot receive delegation", body.name),
                        ),
                    )
                    .with_related(&corpus.docs[body.doc].path, body.row_span.clone(), lang.pick("registerraden", "the register row"))
                    .with_help(lang.pick(
                        "Delegera till ett utskott, presidiet, en ledamot eller ersättare eller en anställd (kommunallagen 6 kap. 37 §); en styrgrupp eller arbetsgrupp kan bereda men inte besluta.",
                        "Delegate to a subcommittee, the presidium, a member or an employee; a steering or working group can prepare but not decide.",
                    )),
                );
            }
            let lower = m.object.to_lowercase();
            if let Some(matter) = words
                .non_delegable
                .iter()
                .filter(|w| styrlint_graph::lexicon::contains_words(&lower, w))
                .max_by_key(|w| w.len())
            {
                out.push(
                    Diagnostic::new(
                        Self::META.name,
                        Self::META.default_severity,
                        &doc.path,
                        m.span.clone(),
                        lang.pick(
                            format!("ärendet \"{}\" rör {matter}, som nämnden inte får delegera", m.object),
                            format!("the matter \"{}\" concerns {matter}, which may not be delegated", m.object),
                        ),
                    )
                    .with_help(lang.pick(
                        "Ärenden om verksamhetens mål, inriktning, omfattning eller kvalitet, framställningar och yttranden till fullmäktige och ärenden av principiell beskaffenhet ska nämnden själv besluta om (kommunallagen 6 kap. 38 §).",
                        "Matters of the activity's goals, direction, scope or quality, proposals to the assembly and matters of principle stay with the body itself.",
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    const REGISTER: &str = "\
<!-- file: register.md -->
| Organ | Typ |
|---|---|
| Kommunstyrelsen | styrelse |
| Utskott A | utskott |
| Styrgrupp B | styrgrupp |
| Förvaltningschef | roll |
| Samråd C | |
";

    #[test]
    fn invalid_delegates_and_matters_are_flagged() {
        let fixture = format!(
            "{REGISTER}<!-- file: delegation.md -->\n---\ntyp: delegationsordning\nbeslutad_av: Kommunstyrelsen\n---\n\
             | Ärende | Delegat |\n|---|---|\n\
             | Prioritering av insatser | Styrgrupp B |\n\
             | Verksamhetens mål för 2025 | Förvaltningschef |\n\
             | Fördelning av bidrag | Utskott A |\n\
             | Yttrande i remissärenden | Förvaltningschef |\n\
             | Samordning | Samråd C |\n"
        );
        assert_eq!(
            check("invalid-delegation", &fixture),
            [
                "delegation.md:7: invalid-delegation: Styrgrupp B (styrgrupp) kan inte ta emot delegation",
                "delegation.md:8: invalid-delegation: ärendet \"Verksamhetens mål för 2025\" rör verksamhetens mål, som nämnden inte får delegera",
            ]
        );
    }

    #[test]
    fn a_delegation_order_stating_grants_and_other_documents_pass() {
        let fixture = format!(
            "{REGISTER}<!-- file: delegation.md -->\n---\ntyp: delegationsordning\nbeslutad_av: Kommunstyrelsen\n---\n\
             Utskott A har delegation att besluta om fördelning av anslaget. Kommunstyrelsen beslutar om målen.\n\
             <!-- file: plan.md -->\n---\ntyp: plan\n---\nStyrgrupp B fastställer arbetsplanen.\n"
        );
        assert_eq!(check("invalid-delegation", &fixture), Vec::<String>::new());
    }
}

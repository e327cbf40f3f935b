use crate::macros::declare_rule;
use crate::{Context, Law, Rule, RuleMeta};
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
    /// such as "X har delegation att besluta om …" — judged by the legal
    /// frame the config's `law` names (default: kommunallagen for a Swedish
    /// corpus, none for an English one). The message names the provision.
    ///
    /// Under kommunallagen (Swedish municipalities and regions):
    ///
    /// - the delegate's kind (the register's `Typ`) is not one that may
    ///   receive delegation. Under 6 kap. 37 § a nämnd may delegate to an
    ///   utskott, a presidium, a member or substitute, or an employee; a
    ///   styrgrupp, an arbetsgrupp, a råd or a group mixing elected members
    ///   and employees cannot receive it. The allowed kinds are lexicon data
    ///   (`delegate_kinds`). A delegate without a `Typ` is not judged.
    /// - the matter is one the nämnd must keep (6 kap. 38 §): the goals,
    ///   direction, scope or quality of the activity; proposals and
    ///   statements to fullmäktige; matters of principle or of greater
    ///   importance (lexicon data, `non_delegable`). A limit on the matter
    ///   is not the matter: "inköp inom ramen för budget" delegates
    ///   purchases, not the budget.
    ///
    /// With `law = "none"` (an association, a charity, a foundation that
    /// delegates to its committees, its executive and its officers): only a
    /// delegation to an informal or mixed group (a working group, a forum,
    /// a network: `informal_kinds`) is flagged. What the organisation's own
    /// articles reserve is not read.
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
            let is_in =
                |list: &[String], kind: &str| list.iter().any(|k| name_key(k) == name_key(kind));
            // Under kommunallagen only the kinds of 6 kap. 37 § may receive
            // delegation; without a statute, only an informal or mixed
            // group may not decide for the organisation.
            let refused = body.kind.as_deref().filter(|kind| match ctx.law {
                Law::Kommunallagen => !is_in(&words.delegate_kinds, kind),
                Law::None => is_in(&words.informal_kinds, kind),
            });
            if let Some(kind) = refused {
                let (message, help) = match ctx.law {
                    Law::Kommunallagen => (
                        lang.pick(
                            format!("{} ({kind}) kan inte ta emot delegation (kommunallagen 6 kap. 37 §)", body.name),
                            format!("{} ({kind}) cannot receive delegation (kommunallagen, chapter 6, section 37)", body.name),
                        ),
                        lang.pick(
                            "Delegera till ett utskott, presidiet, en ledamot eller ersättare eller en anställd (kommunallagen 6 kap. 37 §); en styrgrupp eller arbetsgrupp kan bereda men inte besluta.",
                            "Delegate to a committee (utskott), the presidium, a member or substitute, or an employee (kommunallagen, chapter 6, section 37); a steering or working group can prepare but not decide.",
                        ),
                    ),
                    Law::None => (
                        lang.pick(
                            format!("{} ({kind}) är en informell eller blandad grupp och kan inte fatta beslut för organisationens räkning", body.name),
                            format!("{} ({kind}) is an informal or mixed group and cannot take decisions on the organisation's behalf", body.name),
                        ),
                        lang.pick(
                            "Delegera till ett organ som stadgarna eller reglementet ger beslutanderätt, till exempel en kommitté eller en befattningshavare; gruppen kan bereda.",
                            "Delegate to a body the articles or charter let decide, such as a committee or an officer; the group can prepare.",
                        ),
                    ),
                };
                out.push(
                    Diagnostic::new(
                        Self::META.name,
                        Self::META.default_severity,
                        &doc.path,
                        m.span.clone(),
                        message,
                    )
                    .with_related(
                        &corpus.docs[body.doc].path,
                        body.row_span.clone(),
                        lang.pick("registerraden", "the register row"),
                    )
                    .with_help(help),
                );
            }
            // The matters a nämnd must keep are kommunallagen's (6 kap.
            // 38 §); an organisation without it reserves what its own
            // articles say, which styrlint cannot read.
            if ctx.law != Law::Kommunallagen {
                continue;
            }
            // The matter, not a limit on it ("inom ramen för budget").
            let lower = m.matter.to_lowercase();
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
                            format!("ärendet \"{}\" rör {matter}, som nämnden inte får delegera (kommunallagen 6 kap. 38 §)", m.object),
                            format!("the matter \"{}\" concerns {matter}, which may not be delegated (kommunallagen, chapter 6, section 38)", m.object),
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
                "delegation.md:7: invalid-delegation: Styrgrupp B (styrgrupp) kan inte ta emot delegation (kommunallagen 6 kap. 37 §)",
                "delegation.md:8: invalid-delegation: ärendet \"Verksamhetens mål för 2025\" rör verksamhetens mål, som nämnden inte får delegera (kommunallagen 6 kap. 38 §)",
            ]
        );
    }

    #[test]
    fn a_budget_as_a_limit_is_not_the_matter() {
        let fixture = format!(
            "{REGISTER}<!-- file: delegation.md -->\n---\ntyp: delegationsordning\nbeslutad_av: Kommunstyrelsen\n---\n\
             | Ärende | Delegat |\n|---|---|\n\
             | Inköp av material inom ramen för budget | Förvaltningschef |\n\
             | Beslut om budget för nästa år | Förvaltningschef |\n"
        );
        assert_eq!(
            check("invalid-delegation", &fixture),
            [
                "delegation.md:8: invalid-delegation: ärendet \"Beslut om budget för nästa år\" rör budget, som nämnden inte får delegera (kommunallagen 6 kap. 38 §)"
            ]
        );
    }

    #[test]
    fn an_english_charity_is_held_to_its_own_frame_not_kommunallagen() {
        let fixture = "\
<!-- file: register.md -->
| Body | Kind |
|---|---|
| Board of Trustees | board |
| Finance Committee | committee |
| Executive Director | role |
| Events Working Group | working group |
| Partners Forum | forum |
<!-- file: scheme.md -->
---
type: delegation order
decided_by: Board of Trustees
---
# Scheme of delegation

The Board of Trustees delegates the following matters.

| Matter | Delegate |
|---|---|
| Annual budget proposal | Finance Committee |
| Goals of the programme | Executive Director |
| Choice of event venues | Events Working Group |
| Sponsorship packages | Partners Forum |
";
        // A committee, an officer and a working group may decide what the
        // board delegates, budgets and goals included; a mixed forum of
        // sponsors and staff may not.
        assert_eq!(
            check("invalid-delegation", fixture),
            [
                "scheme.md:14: invalid-delegation: Partners Forum (forum) is an informal or mixed group and cannot take decisions on the organisation's behalf"
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

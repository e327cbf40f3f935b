use crate::macros::declare_rule;
use crate::{Context, Rule, RuleMeta};
use std::collections::HashSet;
use styrlint_graph::MandateKind;
use styrlint_graph::mandates::{has_own_authority, is_root};
use styrlint_parse::Diagnostic;

declare_rule! {
    /// A body that claims a decision right that no reglemente or delegationsordning grants it.
    ///
    /// ## What it flags
    ///
    /// A statement outside the granting documents that a body decides
    /// ("fattar beslut om", "fastställer", "approves", or passive: "beslutas
    /// av …"), when no granting document — a reglemente, a
    /// delegationsordning, a bolagsordning or ägardirektiv, a charter or a
    /// delegation order (the types are lexicon data) — gives that body any
    /// decision right or responsibility.
    ///
    /// A granting document is one of a granting type, or an untyped one
    /// whose title or file name says it is ("Reglemente för nämnden",
    /// "bylaws.md"). In a corpus with no granting document at all the rule
    /// stays silent: there is nothing to hold a claim against. So it does
    /// for a document that does not say who adopted it (`beslutad_av`): the
    /// adopter may have given the right itself.
    ///
    /// Not flagged: a body from outside the organisation, whose powers come
    /// from elsewhere (a register `Typ` such as myndighet, polis, agency:
    /// `external_kinds`); the organisation's top body, which holds original
    /// authority (kommunfullmäktige, a general assembly); bodies whose kind
    /// carries authority of its own (a nämnd, a styrelse, a board — lexicon
    /// data, read from the register's `Typ`); the body that adopted the
    /// document, deciding within it; and anything stated in a granting
    /// document itself. Plural generic subjects ("nämnderna beslutar om
    /// nämndmål") name no body and are not read as claims.
    ///
    /// ## Why it matters
    ///
    /// A steering group that "decides priorities" without a delegation has
    /// no legal mandate to decide: its decisions can be challenged, and
    /// responsibility for them is unclear.
    ///
    /// ## Example
    ///
    /// ```markdown
    /// Politisk styrgrupp fattar beslut om vilka frågor som ska prioriteras.
    /// ```
    ///
    /// with no reglemente or delegationsordning naming the styrgrupp.
    ///
    /// ## Fix
    ///
    /// Give the right in the reglemente or delegationsordning, or rewrite the
    /// statement: the body prepares or proposes, and the body that holds the
    /// right decides.
    pub struct UnbackedMandate {
        name: "unbacked-mandate",
        severity: Warning,
        fix: false,
    }
}

impl Rule for UnbackedMandate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let corpus = ctx.corpus;
        // Without any reglemente, delegation order or charter in the corpus,
        // "no document grants it" says nothing about the body.
        let has_grants = (0..corpus.docs.len()).any(|d| {
            !corpus.docs[d].meta.status().is_gone() && styrlint_graph::mandates::is_grant(corpus, d)
        });
        if !has_grants {
            return;
        }
        let external = &corpus.lexicon.words.document.external_kinds;
        let granted: HashSet<usize> = corpus
            .mandates
            .iter()
            .filter(|m| {
                m.grant
                    && matches!(
                        m.kind,
                        MandateKind::Decides | MandateKind::Responsible | MandateKind::Delegates
                    )
            })
            .map(|m| m.body)
            .collect();
        let mut seen: HashSet<(usize, usize, &[String])> = HashSet::new();
        let scoped = ctx.scoped_docs();
        for m in scoped.iter().flat_map(|&d| corpus.mandates_of(d)) {
            if m.kind != MandateKind::Decides || m.grant {
                continue;
            }
            let doc = &corpus.docs[m.doc];
            // Who adopted the document must be known: a right stated in a
            // document the top body adopted may be that body's own grant,
            // and without `beslutad_av` the rule cannot tell.
            let Some(adopter) = doc
                .meta
                .decided_by
                .as_ref()
                .and_then(|d| corpus.resolve_body(&d.value))
            else {
                continue;
            };
            let adopter = Some(adopter);
            // A body from outside (an agency, the police) has its powers
            // from elsewhere.
            let outside = corpus.bodies[m.body].kind.as_ref().is_some_and(|k| {
                external
                    .iter()
                    .any(|e| styrlint_parse::name_key(e) == styrlint_parse::name_key(k))
            });
            if outside
                || granted.contains(&m.body)
                || is_root(corpus, m.body)
                || has_own_authority(corpus, m.body)
                || adopter == Some(m.body)
                || corpus.bodies[m.body].is_abolished(ctx.today)
            {
                continue;
            }
            if !seen.insert((m.doc, m.body, m.key.as_slice())) {
                continue;
            }
            let lang = doc.lang;
            let name = &corpus.bodies[m.body].name;
            let what = if m.object.is_empty() {
                String::new()
            } else {
                format!(" ({})", m.object)
            };
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    Self::META.default_severity,
                    &doc.path,
                    m.span.clone(),
                    lang.pick(
                        format!("{name} beslutar här{what}, men inget reglemente eller ingen delegationsordning ger {name} någon beslutanderätt"),
                        format!("{name} decides here{what}, but no charter or delegation order gives {name} any decision right"),
                    ),
                )
                .with_help(lang.pick(
                    format!("Ge {name} rätten i reglementet eller delegationsordningen, eller skriv att {name} bereder eller föreslår och vem som beslutar."),
                    format!("Grant {name} the right in the charter or a delegation order, or write that {name} prepares or proposes and who decides."),
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    const REGISTER: &str = "\
<!-- file: register.md -->
| Organ | Typ | Rapporterar till |
|---|---|---|
| Kommunfullmäktige | fullmäktige | |
| Kommunstyrelsen | styrelse | Kommunfullmäktige |
| Utskott A | utskott | Kommunstyrelsen |
| Styrgrupp B | styrgrupp | Kommunstyrelsen |
| Ledningsgruppen | ledningsgrupp | Kommunstyrelsen |
<!-- file: delegation.md -->
---
typ: delegationsordning
beslutad_av: Kommunstyrelsen
---
| Ärende | Delegat |
|---|---|
| Fördelning av medel för sociala investeringar | Utskott A |
";

    #[test]
    fn a_steering_group_deciding_without_a_grant_is_flagged() {
        let fixture = format!(
            "{REGISTER}<!-- file: plan.md -->\n---\ntyp: plan\nbeslutad_av: Kommunstyrelsen\n---\n\
             Styrgrupp B fattar beslut om vilka frågor som ska prioriteras.\n\n\
             Arbetsplanen fastställs av Styrgrupp B.\n"
        );
        assert_eq!(
            check("unbacked-mandate", &fixture),
            [
                "plan.md:5: unbacked-mandate: Styrgrupp B beslutar här (vilka frågor som ska prioriteras), men inget reglemente eller ingen delegationsordning ger Styrgrupp B någon beslutanderätt",
                "plan.md:7: unbacked-mandate: Styrgrupp B beslutar här (Arbetsplanen), men inget reglemente eller ingen delegationsordning ger Styrgrupp B någon beslutanderätt",
            ]
        );
    }

    #[test]
    fn minutes_record_decisions_and_claim_no_mandate() {
        // The same sentence in minutes (by type, by folder and date, by
        // title) is a record of what was decided that day.
        let fixture = format!(
            "{REGISTER}<!-- file: a.md -->\n---\ntyp: protokoll\nbeslutad: 2023-05-02\n---\n\
             Styrgrupp B fattar beslut om vilka frågor som ska prioriteras.\n\
             <!-- file: moten/2023-05-02.md -->\n# Möte\n\nStyrgrupp B fattar beslut om vilka frågor som ska prioriteras.\n\
             <!-- file: b.md -->\n# Minnesanteckningar från styrgruppens möte\n\nStyrgrupp B fattar beslut om vilka frågor som ska prioriteras.\n"
        );
        assert_eq!(check("unbacked-mandate", &fixture), Vec::<String>::new());
    }

    #[test]
    fn no_grant_documents_an_external_body_and_a_charter_by_title() {
        // Without any reglemente, delegation order or charter, the rule has
        // nothing to hold a claim against.
        let fixture = "\
<!-- file: register.md -->
| Organ | Typ | Rapporterar till |
|---|---|---|
| Kommunfullmäktige | fullmäktige | |
| Styrgrupp B | styrgrupp | Kommunfullmäktige |
| Polismyndigheten | myndighet | Kommunfullmäktige |
<!-- file: plan.md -->
---
typ: plan
beslutad_av: Kommunfullmäktige
---
Styrgrupp B fattar beslut om vilka frågor som ska prioriteras.
";
        assert_eq!(check("unbacked-mandate", fixture), Vec::<String>::new());
        // With one (an untyped document titled as a reglemente), the
        // steering group is flagged, the police deciding is not.
        let with_grant = format!(
            "{fixture}Polismyndigheten beslutar om ordningsvakter.\n\
             <!-- file: reglemente.md -->\n# Reglemente för nämnden\n\nNämnden ansvarar för verksamheten.\n"
        );
        let found = check("unbacked-mandate", &with_grant);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("Styrgrupp B"), "{found:?}");
    }

    #[test]
    fn granted_rooted_authoritative_and_generic_deciders_pass() {
        let fixture = format!(
            "{REGISTER}<!-- file: plan.md -->\n---\ntyp: plan\nbeslutad_av: Ledningsgruppen\n---\n\
             Utskott A beslutar om fördelning av medel för sociala investeringar.\n\
             Kommunfullmäktige beslutar om budgeten. Kommunstyrelsen fastställer planen.\n\
             Nämnderna beslutar om nämndmål. Ledningsgruppen fastställer rutinerna.\n"
        );
        assert_eq!(check("unbacked-mandate", &fixture), Vec::<String>::new());
    }

    #[test]
    fn a_grant_in_a_charter_backs_an_english_committee() {
        let fixture = "\
<!-- file: register.md -->
| Body | Kind | Reports to |
|---|---|---|
| General Assembly | assembly | |
| TSC | committee | General Assembly |
| WG-Serving | working group | TSC |
<!-- file: charter.md -->
---
type: charter
---
The TSC approves the technical roadmap.
<!-- file: roadmap.md -->
---
type: roadmap
decided_by: TSC
---
The TSC approves the roadmap. WG-Serving approves the release schedule.
<!-- file: unadopted.md -->
---
type: roadmap
---
WG-Serving approves the release schedule.
";
        // Who adopted the second roadmap is not said: the rule cannot tell
        // whether that body granted the right, and stays silent.
        assert_eq!(
            check("unbacked-mandate", fixture),
            [
                "roadmap.md:5: unbacked-mandate: WG-Serving decides here (the release schedule), but no charter or delegation order gives WG-Serving any decision right"
            ]
        );
    }
}

use crate::macros::declare_rule;
use crate::{Context, Rule, RuleMeta};
use styrlint_graph::MandateKind;
use styrlint_graph::mandates::{is_root, owners};
use styrlint_parse::Diagnostic;

declare_rule! {
    /// A body acting in a document (deciding, preparing, reporting, following up) that its own roles section does not list.
    ///
    /// ## What it flags
    ///
    /// In a document with a roles section ("Roller och ansvar", "Roles and
    /// responsibilities" — the headings are lexicon data), every body that is
    /// the subject of a decides, prepares, reports-to or follows-up statement
    /// anywhere in the document must be one of the bodies the roles section
    /// lists. Not flagged: the body that adopted or owns the document, bodies
    /// above it, and the organisation's top body.
    ///
    /// ## Why it matters
    ///
    /// The roles section is where a reader looks to learn who does what. A
    /// committee that prepares the plan's matters but is missing from the
    /// roles leaves its relation to the listed groups unclear — exactly what
    /// auditors report.
    ///
    /// ## Example
    ///
    /// ```markdown
    /// Framtidsutskottet bereder ärenden som rör färdplanen.
    ///
    /// ## Roller och ansvar
    /// **Styrgrupp Framtid:** …
    /// ```
    ///
    /// ## Fix
    ///
    /// Add the body to the roles section with a line on what it does and
    /// whom it reports to.
    pub struct UndefinedRole {
        name: "undefined-role",
        severity: Warning,
        fix: false,
    }
}

impl Rule for UndefinedRole {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let corpus = ctx.corpus;
        let graph = corpus.report_graph();
        let mut reach = graph.reach();
        for (di, roles) in corpus.roles.iter().enumerate() {
            if !ctx.in_scope(di) {
                continue;
            }
            let doc = &corpus.docs[di];
            if roles.is_empty() || doc.meta.status().is_gone() {
                continue;
            }
            let own = owners(corpus, di);

            let mut reported = Vec::new();
            for m in corpus.mandates_of(di) {
                if !matches!(
                    m.kind,
                    MandateKind::Decides
                        | MandateKind::Prepares
                        | MandateKind::ReportsTo
                        | MandateKind::FollowsUp
                ) || roles.iter().any(|r| r.body == m.body)
                    || own.contains(&m.body)
                    || own.iter().any(|&o| reach.reaches(o, m.body))
                    || is_root(corpus, m.body)
                    || reported.contains(&m.body)
                {
                    continue;
                }
                reported.push(m.body);
                let lang = doc.lang;
                let name = &corpus.bodies[m.body].name;
                let (sv, en) = m.kind.verb();
                let mut d = Diagnostic::new(
                    Self::META.name,
                    Self::META.default_severity,
                    &doc.path,
                    m.span.clone(),
                    lang.pick(
                        format!("{name} {sv} i dokumentet men finns inte med i dess roller"),
                        format!("{name} {en} in this document but is not listed in its roles"),
                    ),
                )
                .with_help(lang.pick(
                    format!("Lägg till {name} i avsnittet om roller, med vad organet gör och vem det rapporterar till."),
                    format!("Add {name} to the roles section, with what it does and whom it reports to."),
                ));
                if let Some(first) = roles.first() {
                    d = d.with_related(
                        &doc.path,
                        first.span.clone(),
                        lang.pick("rollerna börjar här", "the roles start here"),
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

    const REGISTER: &str = "\
<!-- file: register.md -->
| Organ | Typ | Rapporterar till |
|---|---|---|
| Kommunfullmäktige | fullmäktige | |
| Kommunstyrelsen | styrelse | Kommunfullmäktige |
| Utskott A | utskott | Kommunstyrelsen |
| Styrgrupp B | styrgrupp | Kommunstyrelsen |
| Processledare | roll | Styrgrupp B |
";

    #[test]
    fn an_acting_body_missing_from_the_roles_is_flagged_once() {
        let fixture = format!(
            "{REGISTER}<!-- file: plan.md -->\n---\nbeslutad_av: Kommunstyrelsen\n---\n## Beredning\n\n\
             Utskott A bereder ärenden som rör planen. Utskott A följer upp planen.\n\n\
             ## Roller och ansvar\n\n**Styrgrupp B:** fastställer arbetsplanen.\n\n**Processledare:** rapporterar till Styrgrupp B.\n"
        );
        assert_eq!(
            check("undefined-role", &fixture),
            [
                "plan.md:6: undefined-role: Utskott A bereder i dokumentet men finns inte med i dess roller"
            ]
        );
    }

    #[test]
    fn listed_owner_superior_and_mentions_without_action_pass() {
        let fixture = format!(
            "{REGISTER}<!-- file: plan.md -->\n---\nbeslutad_av: Kommunstyrelsen\n---\n\
             Kommunstyrelsen beslutar om planen. Kommunfullmäktige fastställer budgeten.\n\
             Planen har tagits fram tillsammans med Utskott A.\n\n\
             ## Roller och ansvar\n\n**Styrgrupp B:** fastställer arbetsplanen.\n"
        );
        assert_eq!(check("undefined-role", &fixture), Vec::<String>::new());
        // A document without a roles section is not checked.
        let fixture = format!("{REGISTER}<!-- file: plan.md -->\nUtskott A bereder ärenden.\n");
        assert_eq!(check("undefined-role", &fixture), Vec::<String>::new());
    }

    #[test]
    fn english() {
        let fixture = "\
<!-- file: register.md -->
| Body | Kind | Reports to |
|---|---|---|
| Board | board | |
| TSC | committee | Board |
| Security Team | team | TSC |
<!-- file: plan.md -->
---
decided_by: TSC
---
The Security Team prepares the release notes.

## Roles

**TSC:** approves the plan.
";
        assert_eq!(
            check("undefined-role", fixture),
            [
                "plan.md:4: undefined-role: Security Team prepares in this document but is not listed in its roles"
            ]
        );
    }
}

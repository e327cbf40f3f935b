use crate::macros::declare_rule;
use crate::{Context, Rule, RuleMeta};
use styrlint_graph::mandates::owners;
use styrlint_parse::Diagnostic;

declare_rule! {
    /// A body named in a document's roles with no reporting chain to the document's `beslutad_av` or `ansvarig`.
    ///
    /// ## What it flags
    ///
    /// Each body a roles section lists — as a bold lead term
    /// ("**Processgrupp:** …"), a list item that starts with it, a heading, or
    /// a row of a roles table — must reach the body that adopted the
    /// document (`beslutad_av`) or owns it (`ansvarig`) through a chain of
    /// reports-to links: the register's `Rapporterar till` and `Del av`
    /// columns, and every sentence in the corpus where a body reports to
    /// another ("Processgruppen rapporterar avvikelser till processledaren").
    /// Bodies above the owner (that the owner itself reports to) are not
    /// expected to report down, and are not flagged.
    ///
    /// ## Why it matters
    ///
    /// When a body that works under a plan reports only elsewhere — a
    /// municipal company to its parent company, never to the board that owns
    /// the plan — the owner never hears how its plan is carried out.
    ///
    /// ## Example
    ///
    /// A färdplan adopted by kommunstyrelsen lists the housing company in its
    /// roles; the register says the company reports to the parent company,
    /// which reports to kommunfullmäktige.
    ///
    /// ## Fix
    ///
    /// State how the body reports to the document's owner (in the document
    /// or as `Rapporterar till` in the register), or take it out of the
    /// roles if it does not work under this document.
    pub struct ReportingGap {
        name: "reporting-gap",
        severity: Warning,
        fix: false,
    }
}

impl Rule for ReportingGap {
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
            let targets = owners(corpus, di);
            if targets.is_empty() {
                continue;
            }

            let mut seen = Vec::new();
            for role in roles {
                if seen.contains(&role.body) {
                    continue;
                }
                seen.push(role.body);
                // Reached from a target, or reaching one (`chain_to`), or a
                // member or officer of a body above one (a trustee officer
                // part of the board the plan's owner reports to).
                let parents: Vec<usize> = corpus.bodies[role.body]
                    .part_of
                    .iter()
                    .filter_map(|p| corpus.resolve_body(&p.value))
                    .collect();
                if targets.contains(&role.body)
                    || targets
                        .iter()
                        .any(|&t| reach.reaches(t, role.body) || reach.reaches(role.body, t))
                    || parents.iter().any(|&p| {
                        targets.contains(&p) || targets.iter().any(|&t| reach.reaches(t, p))
                    })
                {
                    continue;
                }
                let lang = doc.lang;
                let body = &corpus.bodies[role.body];
                let names: Vec<&str> = targets
                    .iter()
                    .map(|&t| corpus.bodies[t].name.as_str())
                    .collect();
                let goal = names.join(lang.pick(" eller ", " or "));
                let reach: Vec<&str> = graph
                    .reachable(role.body)
                    .into_iter()
                    .map(|b| corpus.bodies[b].name.as_str())
                    .collect();
                let help = if reach.is_empty() {
                    lang.pick(
                        format!("Registret och dokumenten säger inte vem {} rapporterar till. Skriv det, i dokumentet eller som Rapporterar till i registret.", body.name),
                        format!("Neither the register nor the documents say whom {} reports to. State it, in the document or as Reports to in the register.", body.name),
                    )
                } else {
                    lang.pick(
                        format!("Kedjan från {} når bara {}. Skriv hur {} återrapporterar till {goal}, eller ta bort organet ur rollerna.", body.name, reach.join(" → "), body.name),
                        format!("The chain from {} reaches only {}. State how {} reports to {goal}, or take the body out of the roles.", body.name, reach.join(" → "), body.name),
                    )
                };
                let reg = &corpus.docs[body.doc];
                out.push(
                    Diagnostic::new(
                        Self::META.name,
                        Self::META.default_severity,
                        &doc.path,
                        role.span.clone(),
                        lang.pick(
                            format!("{} har en roll i dokumentet men rapporterar inte, i någon kedja, till {goal}", body.name),
                            format!("{} has a role in this document but does not report, through any chain, to {goal}", body.name),
                        ),
                    )
                    .with_related(&reg.path, body.row_span.clone(), lang.pick("registerraden", "the register row"))
                    .with_help(help),
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
| Organ | Typ | Rapporterar till | Del av |
|---|---|---|---|
| Kommunfullmäktige | fullmäktige | | |
| Kommunstyrelsen | styrelse | Kommunfullmäktige | |
| Styrgrupp A | styrgrupp | Kommunstyrelsen | |
| Processledare | roll | Styrgrupp A | |
| Processgrupp | arbetsgrupp | | |
| Bolaget AB | bolag | Moderbolaget | |
| Moderbolaget | bolag | Kommunfullmäktige | |
| Nätverket | nätverk | | |
";

    #[test]
    fn a_role_whose_chain_never_reaches_the_owner_is_flagged() {
        let fixture = format!(
            "{REGISTER}<!-- file: plan.md -->\n---\nbeslutad_av: Kommunstyrelsen\n---\n## Roller och ansvar\n\n\
             **Styrgrupp A:** leder arbetet.\n\n\
             **Processgrupp:** Processgruppen rapporterar avvikelser till processledaren.\n\n\
             **Bolaget AB:** återrapporterar till Moderbolaget.\n\n\
             **Nätverket:** deltar.\n\n\
             **Kommunfullmäktige:** fastställer budgeten.\n"
        );
        assert_eq!(
            check("reporting-gap", &fixture),
            [
                "plan.md:10: reporting-gap: Bolaget AB har en roll i dokumentet men rapporterar inte, i någon kedja, till Kommunstyrelsen",
                "plan.md:12: reporting-gap: Nätverket har en roll i dokumentet men rapporterar inte, i någon kedja, till Kommunstyrelsen",
            ]
        );
    }

    #[test]
    fn chains_through_statements_part_of_and_the_owner_itself_pass() {
        let fixture = format!(
            "{REGISTER}<!-- file: plan.md -->\n---\nbeslutad_av: Kommunstyrelsen\nansvarig: Styrgrupp A\n---\n## Roller\n\n\
             - Kommunstyrelsen beslutar om planen.\n\
             - Processledare: samordnar.\n\
             - Processgrupp: rapporterar till processledaren.\n\
             - Nätverket rapporterar till Styrgrupp A.\n"
        );
        assert_eq!(check("reporting-gap", &fixture), Vec::<String>::new());
    }

    #[test]
    fn no_roles_section_or_no_owner_means_nothing_to_check() {
        let fixture = format!(
            "{REGISTER}<!-- file: plan.md -->\n---\nbeslutad_av: Kommunstyrelsen\n---\n**Nätverket:** deltar.\n"
        );
        assert_eq!(check("reporting-gap", &fixture), Vec::<String>::new());
        let fixture =
            format!("{REGISTER}<!-- file: plan.md -->\n## Roller\n\n**Nätverket:** deltar.\n");
        assert_eq!(check("reporting-gap", &fixture), Vec::<String>::new());
    }

    #[test]
    fn english_roles() {
        let fixture = "\
<!-- file: register.md -->
| Body | Kind | Reports to |
|---|---|---|
| Governing Board | board | |
| Technical Steering Committee | committee | Governing Board |
| Outreach Committee | committee | Governing Board |
| WG-Docs | working group | Outreach Committee |
| WG-Serving | working group | |
<!-- file: roadmap.md -->
---
decided_by: Technical Steering Committee
---
## Roles and responsibilities

**WG-Serving:** Delivers the runtime. WG-Serving reports to the Technical Steering Committee every quarter.

**WG-Docs:** Maintains the documentation.
";
        assert_eq!(
            check("reporting-gap", fixture),
            [
                "roadmap.md:8: reporting-gap: WG-Docs has a role in this document but does not report, through any chain, to Technical Steering Committee"
            ]
        );
    }
}

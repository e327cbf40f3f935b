use crate::macros::declare_rule;
use crate::{Context, Rule, RuleMeta};
use styrlint_parse::Diagnostic;

declare_rule! {
    /// A document adopted by a body below the level its type requires.
    ///
    /// ## What it flags
    ///
    /// A document in force whose `beslutad_av` / `decided_by` names a body
    /// of a lower level than its type requires: a policy adopted by a
    /// förvaltning, a reglemente not adopted by fullmäktige, a plan adopted
    /// by a styrgrupp.
    ///
    /// A body's level comes from the register's `Typ` / `Kind` column
    /// (never from its name): 1 fullmäktige or assembly; 2 nämnd, styrelse
    /// or board; 3 utskott, presidium, beredning or committee; 4
    /// förvaltning, kontor, ledningsgrupp; 5 styrgrupper, arbetsgrupper,
    /// råd and networks. The default requirements follow the Local
    /// Government Act and common Swedish municipal practice
    /// (docs/decision-levels.md gives the table and its sources):
    ///
    /// | type | adopted at least by |
    /// |---|---|
    /// | mål- och resursplan, budget, vision, reglemente, ägardirektiv, bolagsordning | 1 fullmäktige |
    /// | policy, strategi, program, delegationsordning, affärsplan | 2 nämnd or styrelse |
    /// | plan, handlingsplan, färdplan | 3 utskott |
    /// | riktlinje, arbetsbeskrivning | 4 förvaltning or ledningsgrupp |
    ///
    /// Not flagged: types without a requirement (projektplan, rutin,
    /// instruktion, register), bodies whose kind has no level (a role, a
    /// company, an unknown kind), names that match no body (`unknown-body`
    /// reports those), drafts, repealed and superseded documents.
    ///
    /// Both tables are configurable in `styrlint.toml`:
    ///
    /// ```toml
    /// [decision-levels]     # type → lowest body level that may adopt it
    /// policy = 1
    /// rutin = 4
    ///
    /// [body-levels]         # register kind → level
    /// direktion = 2
    /// förvaltningschef = 4
    /// ```
    ///
    /// ## Why it matters
    ///
    /// A document adopted by a body without the mandate to adopt it is not
    /// validly decided: a förvaltning cannot set policy for the nämnder, and
    /// only fullmäktige can give a nämnd its reglemente (kommunallagen 6 kap.
    /// 44 §). Those who follow it may act without a mandate.
    ///
    /// ## Example
    ///
    /// ```yaml
    /// typ: policy
    /// beslutad_av: Kultur- och fritidsförvaltningen   # Typ: förvaltning
    /// ```
    ///
    /// ## Fix
    ///
    /// Have the document adopted by a body of the level its type requires,
    /// or, if it really is a lower kind of document (a riktlinje rather than
    /// a policy), correct its `typ`.
    pub struct WrongDecisionLevel {
        name: "wrong-decision-level",
        severity: Error,
        fix: false,
    }
}

impl Rule for WrongDecisionLevel {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let corpus = ctx.corpus;
        let table = &ctx.requirements.decision;
        for (i, doc) in corpus.docs.iter().enumerate() {
            if !ctx.in_scope(i) {
                continue;
            }
            if !corpus.is_held(i) {
                continue;
            }
            let (Some(kind), Some(by)) = (corpus.kind_of(i), &doc.meta.decided_by) else {
                continue;
            };
            let statute = ctx.law == crate::Law::Kommunallagen;
            let Some(required) = table.required_under(&corpus.kinds, kind, statute) else {
                continue;
            };
            let Some(b) = corpus.resolve_body(&by.value) else {
                continue;
            };
            let body = &corpus.bodies[b];
            let Some(level) = table.body_level(body) else {
                continue;
            };
            if level <= required {
                continue;
            }
            let lang = doc.lang;
            let typ = doc
                .meta
                .doc_type
                .as_ref()
                .map_or(kind.name.as_str(), |t| t.value.as_str());
            let body_kind = body.kind.as_deref().unwrap_or("");
            let need = table.label(required, lang);
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    Self::META.default_severity,
                    &doc.path,
                    by.span.clone(),
                    lang.pick(
                        format!(
                            "dokumenttypen {typ} ska beslutas på nivå {required} ({need}) eller högre, men {} ({body_kind}) är på nivå {level}",
                            body.name
                        ),
                        format!(
                            "a document of type {typ} must be adopted at level {required} ({need}) or higher, but {} ({body_kind}) is at level {level}",
                            body.name
                        ),
                    ),
                )
                .with_related(
                    &corpus.docs[body.doc].path,
                    body.row_span.clone(),
                    lang.pick("registerraden", "the register row"),
                )
                .with_help(lang.pick(
                    format!(
                        "Låt ett organ på nivå {required} eller högre besluta dokumentet, eller rätta `typ` om det är en annan sorts dokument. Tabellen kan ändras under `[decision-levels]` i styrlint.toml."
                    ),
                    format!(
                        "Have a body of level {required} or higher adopt the document, or correct its `type` if it is another kind of document. The table can be changed under `[decision-levels]` in styrlint.toml."
                    ),
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, render};
    use crate::{Settings, lint};
    use styrlint_parse::Date;

    const REGISTER: &str = "\
<!-- file: register.md -->
---
typ: register
---
| Organ | Typ | Alias |
|---|---|---|
| Kommunfullmäktige | fullmäktige | KF |
| Kommunstyrelsen | styrelse | KS |
| Kultur- och fritidsnämnden | nämnd | KFN |
| Arbetsutskottet | utskott | |
| Kultur- och fritidsförvaltningen | förvaltning | |
| Styrgrupp A | styrgrupp | |
| Förvaltningschef | roll | |
| Bolaget AB | bolag | |
";

    fn fixture(docs: &str) -> String {
        format!("{REGISTER}{docs}")
    }

    #[test]
    fn documents_adopted_too_low_are_flagged() {
        let f = fixture(
            "\
<!-- file: policy.md -->
---
typ: policy
beslutad_av: Kultur- och fritidsförvaltningen
---
<!-- file: reglemente.md -->
---
typ: reglemente
beslutad_av: KS
---
<!-- file: plan.md -->
---
typ: handlingsplan
beslutad_av: Styrgrupp A
---
",
        );
        assert_eq!(
            check("wrong-decision-level", &f),
            [
                "plan.md:3: wrong-decision-level: dokumenttypen handlingsplan ska beslutas på nivå 3 (utskott, presidium eller beredning) eller högre, men Styrgrupp A (styrgrupp) är på nivå 5",
                "policy.md:3: wrong-decision-level: dokumenttypen policy ska beslutas på nivå 2 (nämnd eller styrelse) eller högre, men Kultur- och fritidsförvaltningen (förvaltning) är på nivå 4",
                "reglemente.md:3: wrong-decision-level: dokumenttypen reglemente ska beslutas på nivå 1 (fullmäktige eller stämma) eller högre, men Kommunstyrelsen (styrelse) är på nivå 2",
            ]
        );
    }

    #[test]
    fn bodies_at_or_above_the_level_and_unknowns_pass() {
        let f = fixture(
            "\
<!-- file: a.md -->
---
typ: policy
beslutad_av: KF
---
<!-- file: b.md -->
---
typ: strategi
beslutad_av: Kultur- och fritidsnämnden
---
<!-- file: c.md -->
---
typ: handlingsplan
beslutad_av: Arbetsutskottet
---
<!-- file: d.md -->
---
typ: riktlinje
beslutad_av: Förvaltningschef
---
<!-- file: e.md -->
---
typ: rutin
beslutad_av: Styrgrupp A
---
<!-- file: f.md -->
---
typ: policy
beslutad_av: Bolaget AB
---
<!-- file: g.md -->
---
typ: policy
beslutad_av: Okänt organ
---
<!-- file: h.md -->
---
typ: policy
status: utkast
beslutad_av: Styrgrupp A
---
<!-- file: i.md -->
---
typ: arbetsbeskrivning
beslutad_av: Kultur- och fritidsförvaltningen
---
",
        );
        assert_eq!(check("wrong-decision-level", &f), Vec::<String>::new());
    }

    #[test]
    fn levels_come_from_the_kind_not_the_name() {
        // Renaming every body keeps the findings; changing a kind changes them.
        let renamed = fixture(
            "<!-- file: p.md -->\n---\ntyp: policy\nbeslutad_av: Kultur- och fritidsnämnden\n---\n",
        )
        .replace(
            "| Kultur- och fritidsnämnden | nämnd |",
            "| Kultur- och fritidsnämnden | förvaltning |",
        );
        assert_eq!(check("wrong-decision-level", &renamed).len(), 1);
    }

    #[test]
    fn the_table_is_configurable() {
        let f = fixture("<!-- file: p.md -->\n---\ntyp: policy\nbeslutad_av: KS\n---\n");
        let corpus = crate::testing::corpus(&f);
        let mut settings = Settings::new(Date::parse("2023-11-30").expect("date"));
        settings.select = Some(std::iter::once("wrong-decision-level".to_string()).collect());
        assert!(lint(&corpus, &settings).is_empty());
        settings.requirements.decision.set_required("policy", 1);
        assert_eq!(render(&corpus, &lint(&corpus, &settings)).len(), 1);
        settings.requirements.decision.set_body_level("styrelse", 1);
        assert!(lint(&corpus, &settings).is_empty());
    }
}

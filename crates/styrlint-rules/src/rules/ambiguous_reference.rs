use crate::macros::declare_rule;
use crate::{Context, Rule, RuleMeta};
use styrlint_graph::MentionKind;
use styrlint_parse::Diagnostic;

declare_rule! {
    /// A generic mention ("styrgruppen", "the committee") that fits several bodies the document names.
    ///
    /// ## What it flags
    ///
    /// A definite generic noun — "styrgruppen", "utskottet", "nämnden",
    /// "rådet", "the steering group", "the committee" (the nouns are lexicon
    /// data) — that is not itself a registered name or alias, when two or
    /// more live bodies of *that kind* compete for it and nothing tells a
    /// reader which one is meant. A body's kind is the register's `Typ`
    /// (else the head of its name: "Technical Steering Committee" is a
    /// committee, "Board Secretary" a role); a name that merely contains the
    /// noun does not make a body of that kind. Abolished bodies never
    /// compete. The candidates are the bodies of the kind named under the
    /// same heading, else in the document, else, when the document names
    /// none, the two or three the register has.
    ///
    /// These tell which body is meant, and resolve the mention (later rules
    /// use the resolution): a definition ("Trollhättan Energi AB (nedan
    /// bolaget)", "nedan kallad styrelsen", "hereinafter the Board",
    /// "Styrelsen refererar till …"); the document's own body (its
    /// `beslutad_av`, `ansvarig`, `gäller_för`, a body its title names, the
    /// body a folder or file is named after: "This working group" in a
    /// working group's charter); one body of the kind named before it in
    /// the same paragraph; a heading above it that names one; one body of
    /// the kind under the same heading or in the document; of several, the
    /// one a heading of the document names.
    ///
    /// Never ambiguous: generic statements — an indefinite or quantified
    /// antecedent ("om en nämnd …, kan nämnden", "each working group …",
    /// "varje kommitté" anywhere in the chapter), the noun in plural, a
    /// heading about the kind in general ("Arbetsgrupper"); broad nouns any
    /// body may be called by ("gruppen", "the group"); a noun tied to a
    /// name ("styrelsen för Trollhättans Stad", "the board of the
    /// Foundation") or used as a modifier ("the board member", "the board
    /// meeting"); fixed documents such as minutes.
    ///
    /// ## Why it matters
    ///
    /// A plan that says "rapporterar till styrgruppen" while three steering
    /// groups exist does not say where reports go; each reader picks one.
    /// Auditors call out exactly this.
    ///
    /// ## Example
    ///
    /// ```markdown
    /// **Processledare**: följer upp arbetet och rapporterar avvikelser till styrgruppen.
    /// ```
    ///
    /// in a roadmap whose roles section names Politisk styrgrupp, Styrgrupp
    /// Framtid and Operativ styrgrupp.
    ///
    /// ## Fix
    ///
    /// Name the body: "rapporterar avvikelser till Styrgrupp Framtid". If
    /// the short form is an established name for one of them, register it as
    /// that body's alias.
    pub struct AmbiguousReference {
        name: "ambiguous-reference",
        severity: Warning,
        fix: false,
    }
}

impl Rule for AmbiguousReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let corpus = ctx.corpus;
        for (di, doc) in corpus.docs.iter().enumerate() {
            if !ctx.in_scope(di) {
                continue;
            }
            // A record (minutes, a report) is not rewritten; a repealed
            // document is not read.
            if doc.meta.status().is_gone() || corpus.is_fixed(di) {
                continue;
            }
            let lang = doc.lang;
            for m in &corpus.mentions[di] {
                let MentionKind::Generic {
                    candidates,
                    resolved: None,
                    ..
                } = &m.kind
                else {
                    continue;
                };
                if candidates.len() < 2 {
                    continue;
                }
                let written = &doc.text[m.span.clone()];
                let names: Vec<&str> = candidates
                    .iter()
                    .map(|&b| corpus.bodies[b].name.as_str())
                    .collect();
                let list = join(&names, lang.pick("och", "and"));
                let mut d = Diagnostic::new(
                    Self::META.name,
                    Self::META.default_severity,
                    &doc.path,
                    m.span.clone(),
                    lang.pick(
                        format!("`{written}` kan syfta på {} organ som dokumentet nämner: {list}", names.len()),
                        format!("`{written}` could mean any of {} bodies this document names: {list}", names.len()),
                    ),
                )
                .with_help(lang.pick(
                    "Skriv ut vilket organ som avses. Är kortformen ett vedertaget namn på ett av dem, lägg in den som alias i registret.",
                    "Name the body meant. If the short form is an established name for one of them, add it to that body's aliases in the register.",
                ));
                for &b in candidates {
                    // The first mention of the candidate in this document.
                    if let Some(first) = corpus.mentions[di].iter().find(|x| {
                        x.body() == Some(b) && matches!(x.kind, MentionKind::Named { .. })
                    }) {
                        d = d.with_related(
                            &doc.path,
                            first.span.clone(),
                            lang.pick(
                                format!("{} nämns här", corpus.bodies[b].name),
                                format!("{} is named here", corpus.bodies[b].name),
                            ),
                        );
                    }
                }
                out.push(d);
            }
        }
    }
}

fn join(names: &[&str], and: &str) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, run};

    const REGISTER: &str = "\
<!-- file: register.md -->
| Organ | Typ | Alias |
|---|---|---|
| Politisk styrgrupp | styrgrupp | |
| Styrgrupp Agenda 2030 | styrgrupp | |
| Operativ styrgrupp | styrgrupp | Operativa styrgruppen |
| Processledare | roll | |
| Kommunstyrelsen | styrelse | KS |
| Utskott Agenda 2030 | utskott | |
| Eidar | bolag | |
| Moderbolaget | bolag | |
| Eidars styrelse | styrelse | |
";

    #[test]
    fn a_generic_mention_with_several_candidates_is_flagged() {
        let fixture = format!(
            "{REGISTER}<!-- file: plan.md -->\n## Roller\n\n\
             **Politisk styrgrupp:** beslutar om prioriteringar.\n\n\
             **Styrgrupp Agenda 2030:** Gruppen fastställer arbetet. Styrgruppen består av ledningsgruppen.\n\n\
             **Operativ styrgrupp:** stödjer processledaren.\n\n\
             **Processledare:** Processledaren rapporterar till styrgruppen.\n"
        );
        let (c, d) = run(Some("ambiguous-reference"), &fixture);
        assert_eq!(
            crate::testing::render(&c, &d),
            [
                "plan.md:9: ambiguous-reference: `styrgruppen` kan syfta på 3 organ som dokumentet nämner: Politisk styrgrupp, Styrgrupp Agenda 2030 och Operativ styrgrupp"
            ]
        );
        assert_eq!(d[0].related.len(), 3);
        assert_eq!(d[0].severity, styrlint_parse::Severity::Warning);
    }

    #[test]
    fn one_candidate_an_alias_or_local_context_resolves_it() {
        // One styrgrupp named: resolved.
        let one = format!(
            "{REGISTER}<!-- file: a.md -->\nStyrgrupp Agenda 2030 leder. Processledaren rapporterar till styrgruppen.\n"
        );
        assert_eq!(check("ambiguous-reference", &one), Vec::<String>::new());
        // "Operativa styrgruppen" is an alias of one body: a name, not a generic.
        let alias = format!(
            "{REGISTER}<!-- file: b.md -->\nPolitisk styrgrupp och Styrgrupp Agenda 2030 finns.\n\nRapport till operativa styrgruppen.\n"
        );
        assert_eq!(check("ambiguous-reference", &alias), Vec::<String>::new());
        // Named earlier in the same paragraph.
        let local = format!(
            "{REGISTER}<!-- file: c.md -->\nPolitisk styrgrupp beslutar.\n\nStyrgrupp Agenda 2030 består av chefer. Styrgruppen möts varje månad.\n"
        );
        assert_eq!(check("ambiguous-reference", &local), Vec::<String>::new());
        // The document's own company: "bolaget" is Eidar, although the parent is named too.
        let own = format!(
            "{REGISTER}<!-- file: d.md -->\n---\nbeslutad_av: Eidars styrelse\ngäller_för: Eidar\n---\nEidar rapporterar till Moderbolaget.\n\n## Ansvar\n\nBolaget tar ett socialt ansvar.\n"
        );
        assert_eq!(check("ambiguous-reference", &own), Vec::<String>::new());
        // Plural generic nouns are not definite singular mentions.
        let plural = format!(
            "{REGISTER}<!-- file: e.md -->\nPolitisk styrgrupp och Styrgrupp Agenda 2030 finns. Styrgrupperna samverkar.\n"
        );
        assert_eq!(check("ambiguous-reference", &plural), Vec::<String>::new());
        // Inside code.
        let code = format!(
            "{REGISTER}<!-- file: f.md -->\nPolitisk styrgrupp och Styrgrupp Agenda 2030 finns. Se `styrgruppen`.\n"
        );
        assert_eq!(check("ambiguous-reference", &code), Vec::<String>::new());
    }

    #[test]
    fn english_generic_mentions() {
        let fixture = "\
<!-- file: register.md -->
| Body | Kind |
|---|---|
| Technical Steering Committee | committee |
| Outreach Steering Committee | committee |
| WG-Serving | working group |
<!-- file: roadmap.md -->
---
owner: Technical Steering Committee
---
## Roles

The Technical Steering Committee owns the roadmap. The Outreach Steering Committee runs events.
WG-Serving reports to the steering committee. The committee's decisions bind.
";
        let (c, d) = run(Some("ambiguous-reference"), fixture);
        assert_eq!(
            crate::testing::render(&c, &d),
            [
                "roadmap.md:7: ambiguous-reference: `the steering committee` could mean any of 2 bodies this document names: Technical Steering Committee and Outreach Steering Committee",
                "roadmap.md:7: ambiguous-reference: `The committee's` could mean any of 2 bodies this document names: Technical Steering Committee and Outreach Steering Committee",
            ]
        );
    }

    const TWO: &str = "\
<!-- file: register.md -->
| Organ | Typ | Avvecklad |
|---|---|---|
| Politisk styrgrupp | styrgrupp | |
| Operativ styrgrupp | styrgrupp | |
| Gamla styrgruppen för trygghet | styrgrupp | 2020-01-01 |
| Styrelseledamot med ansvar för ekonomi | roll | |
| Kommunstyrelsen | styrelse | |
| Kommunstyrelsens arbetsutskott | utskott | |
| Arbetsgrupp Nord | arbetsgrupp | |
| Arbetsgrupp Syd | arbetsgrupp | |
";

    fn doc(text: &str) -> String {
        format!("{TWO}<!-- file: plan.md -->\n{text}")
    }

    #[test]
    fn the_real_case_fires_named_or_only_in_the_register() {
        // Two named in the document.
        let named = doc(
            "# Plan\n\nPolitisk styrgrupp beslutar. Operativ styrgrupp bereder.\n\n## Rapportering\n\nProcessledaren rapporterar till styrgruppen.\n",
        );
        assert_eq!(check("ambiguous-reference", &named).len(), 1);
        // None named; the register has two live ones (the abolished one
        // does not compete).
        let register = doc("# Plan\n\nProcessledaren rapporterar till styrgruppen varje månad.\n");
        let found = check("ambiguous-reference", &register);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("2 organ") && !found[0].contains("Gamla"),
            "{found:?}"
        );
    }

    #[test]
    fn what_tells_a_reader_which_one_is_meant() {
        for text in [
            // A definition.
            "# Plan\n\nOperativ styrgrupp (nedan kallad styrgruppen) leder arbetet. Politisk styrgrupp beslutar.\n\n## Rapportering\n\nProcessledaren rapporterar till styrgruppen.\n",
            // The document's own body.
            "---\nansvarig: Operativ styrgrupp\n---\n# Plan\n\nPolitisk styrgrupp beslutar.\n\n## Rapportering\n\nProcessledaren rapporterar till styrgruppen.\n",
            // The body its title names.
            "# Arbetsbeskrivning för Operativ styrgrupp\n\nPolitisk styrgrupp beslutar.\n\n## Möten\n\nStyrgruppen möts varje månad.\n",
            // The antecedent in the same paragraph.
            "# Plan\n\nPolitisk styrgrupp beslutar.\n\nOperativ styrgrupp bereder ärenden. Styrgruppen möts varje vecka.\n",
            // A heading that names one.
            "# Plan\n\nPolitisk styrgrupp beslutar.\n\n## Operativ styrgrupp\n\nStyrgruppen möts varje vecka.\n",
            // A generic statement: an indefinite antecedent.
            "# Plan\n\nPolitisk styrgrupp och Operativ styrgrupp finns. Om en styrgrupp saknar ordförande, utser styrgruppen en.\n",
            // Plural, a kind in general.
            "# Plan\n\nPolitisk styrgrupp och Operativ styrgrupp finns. Styrgrupperna samverkar, och styrgruppen i varje område rapporterar.\n",
            // A role is not a styrelse, an utskott is not the styrelse.
            "# Plan\n\nStyrelseledamot med ansvar för ekonomi och Kommunstyrelsens arbetsutskott bereder. Kommunstyrelsen beslutar. Styrelsen möts.\n",
            // A name of its own and a noun tied to a name.
            "# Plan\n\nPolitisk styrgrupp och Operativ styrgrupp finns. Norra Styrgruppen är en förening. Styrgruppen för Trollhättans Stad möts.\n",
            // A broad noun: the nearest body.
            "# Plan\n\nArbetsgrupp Nord och Arbetsgrupp Syd finns. Gruppen möts varje vecka.\n",
        ] {
            assert_eq!(
                check("ambiguous-reference", &doc(text)),
                Vec::<String>::new(),
                "{text}"
            );
        }
    }

    #[test]
    fn english_generic_statements_and_the_groups_own_charter() {
        let register = "\
<!-- file: register.md -->
| Body | Kind |
|---|---|
| Docs Working Group | working group |
| Serving Working Group | working group |
| Board of Directors | board |
| Board Secretary | role |
";
        for (path, text) in [
            (
                "wg/docs-working-group/charter.md",
                "# Charter\n\nThe Docs Working Group and the Serving Working Group cooperate.\n\n## Meetings\n\nThis working group meets weekly.\n",
            ),
            (
                "a.md",
                "# Working groups\n\nThe Docs Working Group and the Serving Working Group exist. Each working group elects a chair; the working group reports yearly.\n",
            ),
            (
                "b.md",
                "# Roles\n\nThe Board Secretary keeps the minutes of the Board of Directors. The board member on duty signs. The board meets monthly.\n",
            ),
        ] {
            let fixture = format!("{register}<!-- file: {path} -->\n{text}");
            assert_eq!(
                check("ambiguous-reference", &fixture),
                Vec::<String>::new(),
                "{path}"
            );
        }
        // Two working groups named and nothing to tell: found.
        let fixture = format!(
            "{register}<!-- file: c.md -->\n# Plan\n\nThe Docs Working Group and the Serving Working Group deliver.\n\n## Reporting\n\nProgress goes to the working group.\n"
        );
        assert_eq!(check("ambiguous-reference", &fixture).len(), 1);
    }
}

use crate::macros::declare_rule;
use crate::{Context, Rule, RuleMeta};
use styrlint_graph::mandates::{Mandate, ReportGraph, same_key};
use styrlint_graph::{Corpus, MandateKind};
use styrlint_parse::Diagnostic;

declare_rule! {
    /// The same decision right given to different bodies, or one body described both as deciding and as advisory only.
    ///
    /// ## What it flags
    ///
    /// - Two statements, in one document or two, that give the same decision
    ///   right to two different bodies where neither derives it from the
    ///   other. "The same right" means the same matter once case,
    ///   inflection and small words are set aside ("fördelning av medel för
    ///   sociala investeringar" and "fördelningen av medlen för sociala
    ///   investeringar"). A body derives a right from another when it reports
    ///   to it or is part of it, directly or through a chain (an utskott
    ///   deciding what its nämnd delegated).
    /// - A body described as deciding a matter in one place and as only
    ///   advisory, a forum or support in another ("endast ett forum för
    ///   informationsdelning", "only advises on …").
    ///
    /// Both places are in the diagnostic.
    ///
    /// ## Why it matters
    ///
    /// When two documents give one decision to two bodies, each can claim
    /// it, or each can leave it to the other; when a body is deciding in one
    /// document and merely advising in another, nobody knows whether its
    /// word binds.
    ///
    /// ## Example
    ///
    /// The charter says "The Code of Conduct Committee decides on enforcement
    /// actions"; the outreach plan says "the Code of Conduct Committee only
    /// advises on enforcement actions".
    ///
    /// ## Fix
    ///
    /// Decide which body holds the right and correct the other statement;
    /// where the right is delegated, say so in a delegation order.
    pub struct ConflictingMandate {
        name: "conflicting-mandate",
        severity: Error,
        fix: false,
    }
}

impl Rule for ConflictingMandate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let corpus = ctx.corpus;
        let graph = ReportGraph::new(corpus);
        let live = |m: &&Mandate| !corpus.docs[m.doc].meta.status().is_gone();
        let decides: Vec<&Mandate> = corpus
            .mandates
            .iter()
            .filter(live)
            .filter(|m| m.kind == MandateKind::Decides && !m.key.is_empty())
            .collect();
        // Two bodies, one right.
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for (i, a) in decides.iter().enumerate() {
            for b in &decides[i + 1..] {
                if a.body == b.body || !same_key(&a.key, &b.key) {
                    continue;
                }
                let derived = graph.reachable(a.body).contains(&b.body)
                    || graph.reachable(b.body).contains(&a.body);
                let pair = (a.body.min(b.body), a.body.max(b.body));
                if derived || pairs.contains(&pair) {
                    continue;
                }
                pairs.push(pair);
                let (here, there) = primary_first(corpus, a, b);
                out.push(two_bodies(corpus, here, there));
            }
        }
        // One body, deciding here and only advising there.
        let advisory: Vec<&Mandate> = corpus
            .mandates
            .iter()
            .filter(live)
            .filter(|m| m.kind == MandateKind::Advisory && m.exclusive)
            .collect();
        let mut bodies: Vec<usize> = Vec::new();
        for a in advisory {
            let Some(d) = decides.iter().find(|d| {
                d.body == a.body
                    && (a.key.is_empty()
                        || a.key.iter().all(|w| d.key.contains(w))
                        || same_key(&a.key, &d.key))
            }) else {
                continue;
            };
            if bodies.contains(&a.body) {
                continue;
            }
            bodies.push(a.body);
            let (here, there) = primary_first(corpus, a, d);
            let doc = &corpus.docs[here.doc];
            let lang = doc.lang;
            let name = &corpus.bodies[a.body].name;
            let there_doc = &corpus.docs[there.doc];
            let (msg, rel) = if here.kind == MandateKind::Advisory {
                (
                    lang.pick(
                        format!("{name} beskrivs här som enbart rådgivande eller stödjande, men beslutar enligt {}", there_doc.title),
                        format!("{name} is described here as advisory or supporting only, but decides according to {}", there_doc.title),
                    ),
                    lang.pick("här beslutar organet", "here the body decides"),
                )
            } else {
                (
                    lang.pick(
                        format!("{name} beslutar här, men beskrivs som enbart rådgivande eller stödjande i {}", there_doc.title),
                        format!("{name} decides here, but is described as advisory or supporting only in {}", there_doc.title),
                    ),
                    lang.pick("här är organet enbart rådgivande", "here the body only advises"),
                )
            };
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    Self::META.default_severity,
                    &doc.path,
                    here.span.clone(),
                    msg,
                )
                .with_related(&there_doc.path, there.span.clone(), rel)
                .with_help(lang.pick(
                    format!(
                        "Bestäm om {name} beslutar eller bara ger råd, och rätta den andra texten."
                    ),
                    format!(
                        "Decide whether {name} decides or only advises, and correct the other text."
                    ),
                )),
            );
        }
    }
}

/// The statement to report on: one outside a granting document before one
/// inside it; otherwise the later in path order.
fn primary_first<'a>(
    corpus: &Corpus,
    a: &'a Mandate,
    b: &'a Mandate,
) -> (&'a Mandate, &'a Mandate) {
    let _ = corpus;
    match (a.grant, b.grant) {
        (true, false) => (b, a),
        (false, true) => (a, b),
        _ => {
            let ka = (&corpus.docs[a.doc].path, a.span.start);
            let kb = (&corpus.docs[b.doc].path, b.span.start);
            if ka >= kb { (a, b) } else { (b, a) }
        }
    }
}

fn two_bodies(corpus: &Corpus, here: &Mandate, there: &Mandate) -> Diagnostic {
    let doc = &corpus.docs[here.doc];
    let lang = doc.lang;
    let (a, b) = (
        &corpus.bodies[here.body].name,
        &corpus.bodies[there.body].name,
    );
    let there_doc = &corpus.docs[there.doc];
    Diagnostic::new(
        ConflictingMandate::META.name,
        ConflictingMandate::META.default_severity,
        &doc.path,
        here.span.clone(),
        lang.pick(
            format!("{a} beslutar här om {}, men {} ger samma beslut till {b}", here.object, there_doc.title),
            format!("{a} decides here on {}, but {} gives the same decision to {b}", here.object, there_doc.title),
        ),
    )
    .with_related(&there_doc.path, there.span.clone(), lang.pick(format!("här beslutar {b}"), format!("here {b} decides")))
    .with_help(lang.pick(
        format!("Bestäm vem som har beslutanderätten. Om {b} ska besluta på delegation av {a} (eller tvärtom), skriv det i delegationsordningen och i registret."),
        format!("Decide who holds the right. If {b} decides under delegation from {a} (or the other way round), say so in the delegation order and the register."),
    ))
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
| Styrgrupp B | styrgrupp | |
| Rådet | råd | Kommunstyrelsen |
";

    #[test]
    fn one_right_two_independent_bodies() {
        let fixture = format!(
            "{REGISTER}<!-- file: a.md -->\nKommunstyrelsen beslutar om fördelning av medel för sociala investeringar.\n\
             <!-- file: b.md -->\nStyrgrupp B fattar beslut om fördelningen av medlen för sociala investeringar.\n"
        );
        assert_eq!(
            check("conflicting-mandate", &fixture),
            [
                "b.md:1: conflicting-mandate: Styrgrupp B beslutar här om fördelningen av medlen för sociala investeringar, men a ger samma beslut till Kommunstyrelsen"
            ]
        );
    }

    #[test]
    fn a_delegated_right_exercised_by_its_delegate_is_no_conflict() {
        let fixture = format!(
            "{REGISTER}<!-- file: d.md -->\n---\ntyp: delegationsordning\nbeslutad_av: Kommunstyrelsen\n---\n\
             | Ärende | Delegat |\n|---|---|\n| Fördelning av medel för sociala investeringar | Utskott A |\n\
             <!-- file: a.md -->\nKommunstyrelsen beslutar om fördelning av medel för sociala investeringar.\n\
             <!-- file: b.md -->\nUtskott A beslutar om fördelning av medel för sociala investeringar.\n"
        );
        assert_eq!(check("conflicting-mandate", &fixture), Vec::<String>::new());
    }

    #[test]
    fn deciding_here_advisory_only_there() {
        let fixture = format!(
            "{REGISTER}<!-- file: a.md -->\nRådet beslutar om fördelning av föreningsbidrag.\n\
             <!-- file: b.md -->\nRådet är remissinstans och har ingen beslutanderätt.\n\
             <!-- file: c.md -->\nRådet stödjer föreningarna.\n"
        );
        assert_eq!(
            check("conflicting-mandate", &fixture),
            [
                "b.md:1: conflicting-mandate: Rådet beskrivs här som enbart rådgivande eller stödjande, men beslutar enligt a"
            ]
        );
    }

    #[test]
    fn english_decides_in_the_charter_only_advises_in_the_plan() {
        let fixture = "\
<!-- file: register.md -->
| Body | Kind | Reports to |
|---|---|---|
| Board | board | |
| Conduct Committee | committee | Board |
<!-- file: charter.md -->
---
type: charter
title: Charter
---
The Conduct Committee decides on enforcement actions under the Code.
<!-- file: plan.md -->
---
type: plan
---
At events, the Conduct Committee only advises on enforcement actions.
The Conduct Committee supports organisers.
";
        let (c, d) = crate::testing::run(Some("conflicting-mandate"), fixture);
        assert_eq!(
            crate::testing::render(&c, &d),
            [
                "plan.md:4: conflicting-mandate: Conduct Committee is described here as advisory or supporting only, but decides according to Charter"
            ]
        );
        assert_eq!(d[0].related[0].path, "charter.md");
    }
}

use crate::macros::declare_rule;
use crate::{Context, Rule, RuleMeta};
use regex::Regex;
use std::sync::LazyLock;
use styrlint_graph::mandates::is_type_in;
use styrlint_graph::{Corpus, MandateKind};
use styrlint_parse::Diagnostic;

declare_rule! {
    /// A plan, action plan, roadmap, programme or project plan with no section that says who follows up, and when.
    ///
    /// ## What it flags
    ///
    /// A document in force whose type is one that must be followed up (by
    /// default plan, handlingsplan, färdplan, program, projektplan and their
    /// English names; lexicon data) and that has neither
    ///
    /// - a section headed "Uppföljning", "Återrapportering", "Follow-up",
    ///   "Monitoring" (lexicon data) that names a body and a time (a month,
    ///   "årligen", "i samband med årsredovisningen", "quarterly", a year),
    ///   nor
    /// - a sentence anywhere in which a body follows up or reports, with a
    ///   time.
    ///
    /// The finding is placed on the document's title.
    ///
    /// ## Why it matters
    ///
    /// A plan nobody is named to follow up is not followed up: projects end
    /// without anyone asking what they achieved.
    ///
    /// ## Example
    ///
    /// A färdplan with goals, roles and projects, but no word on who checks
    /// progress and when.
    ///
    /// ## Fix
    ///
    /// Add a section, for example: "## Uppföljning — Kommunstyrelsen följer
    /// upp planen i delårsrapporten i augusti och i årsredovisningen i mars."
    pub struct MissingFollowUp {
        name: "missing-follow-up",
        severity: Warning,
        fix: false,
    }
}

impl Rule for MissingFollowUp {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let corpus = ctx.corpus;
        let words = &corpus.lexicon.words.document;
        for (di, doc) in corpus.docs.iter().enumerate() {
            if !ctx.in_scope(di) {
                continue;
            }
            if doc.meta.status().is_gone()
                || corpus.is_fixed(di)
                || !is_type_in(corpus, di, &words.follow_up_types)
            {
                continue;
            }
            if has_follow_up(corpus, di) {
                continue;
            }
            let lang = doc.lang;
            let span = doc
                .headings
                .iter()
                .find(|h| h.level == 1)
                .map(|h| h.span.clone())
                .unwrap_or(0..0);
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    Self::META.default_severity,
                    &doc.path,
                    span,
                    lang.pick(
                        "dokumentet säger inte vem som följer upp det, och när",
                        "the document does not say who follows it up, and when",
                    ),
                )
                .with_help(lang.pick(
                    "Lägg till ett avsnitt \"Uppföljning\" som namnger organet och tidpunkten, till exempel \"Kommunstyrelsen följer upp planen i delårsrapporten i augusti och i årsredovisningen i mars.\"",
                    "Add a \"Follow-up\" section naming the body and the time, for example \"The Board reviews progress against this plan every quarter.\"",
                )),
            );
        }
    }
}

/// True when a document names who follows up and when.
fn has_follow_up(corpus: &Corpus, di: usize) -> bool {
    let doc = &corpus.docs[di];
    let lex = &corpus.lexicon;
    let heads = &lex.words.document.follow_up_headings;
    let mentions = &corpus.mentions[di];
    // A follow-up section with a body and a time.
    let follow_up = doc.sections_where(|h| lex.heading_has(&h.text, heads));
    let in_follow_up = |b: &styrlint_parse::Block| b.section.is_some_and(|s| follow_up[s]);
    let body = mentions
        .iter()
        .any(|m| m.body().is_some() && doc.blocks.get(m.block).is_some_and(in_follow_up));
    let time = body
        && doc
            .blocks
            .iter()
            .any(|b| in_follow_up(b) && has_time(corpus, &b.text.as_str().to_lowercase()));
    if body && time {
        return true;
    }
    // Or a follow-up statement with a time, anywhere.
    corpus.mandates_of(di).iter().any(|m| {
        matches!(m.kind, MandateKind::FollowsUp | MandateKind::ReportsTo)
            && has_time(corpus, &m.object.to_lowercase())
    })
}

fn has_time(corpus: &Corpus, lower: &str) -> bool {
    static YEAR_OR_DATE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(?:19|20)\d{2}\b").expect("valid regex"));
    corpus
        .lexicon
        .has_any(lower, &corpus.lexicon.words.document.time_words)
        || YEAR_OR_DATE.is_match(lower)
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    const REGISTER: &str = "\
<!-- file: register.md -->
| Organ |
|---|
| Kommunstyrelsen |
| The Board |
";

    #[test]
    fn a_plan_without_follow_up_is_flagged_on_its_title() {
        let fixture = format!(
            "{REGISTER}<!-- file: plan.md -->\n---\ntyp: handlingsplan\n---\n# Handlingsplan\n\n## Uppföljning\n\nPlanen följs upp.\n\n## Nästa uppföljning\n\nDen görs senare.\n"
        );
        assert_eq!(
            check("missing-follow-up", &fixture),
            ["plan.md:4: missing-follow-up: dokumentet säger inte vem som följer upp det, och när"]
        );
    }

    #[test]
    fn a_section_naming_a_body_and_a_month_passes() {
        let fixture = format!(
            "{REGISTER}<!-- file: plan.md -->\n---\ntyp: plan\n---\n# Plan\n\n## Uppföljning\n\nKommunstyrelsen följer upp planen i maj.\n\
             <!-- file: roadmap.md -->\n---\ntype: roadmap\n---\n# Roadmap\n\nThe Board reviews progress every quarter and reports to members annually.\n\
             <!-- file: strategy.md -->\n---\ntyp: strategi\n---\n# Strategi utan uppföljning\n"
        );
        assert_eq!(check("missing-follow-up", &fixture), Vec::<String>::new());
    }
}

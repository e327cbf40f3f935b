use crate::macros::declare_rule;
use crate::{Context, Rule, RuleMeta};
use regex::Regex;
use std::sync::LazyLock;
use styrlint_graph::Corpus;
use styrlint_graph::mandates::is_type_in;
use styrlint_parse::{BlockKind, Diagnostic, Document};

declare_rule! {
    /// A goal with no measurable target: no figure with a unit or percentage, no target year or date, no indicator.
    ///
    /// ## What it flags
    ///
    /// Goals are the list items (or, where a section has no list, the
    /// sentences, and the rows of a table) under a heading such as "Mål",
    /// "Delmål", "Målsättning", "Effektmål", "Goals", "Objectives" or
    /// "Targets" (lexicon data). A goal is measurable when it has any of:
    ///
    /// - a figure with a unit or a percentage ("60 %", "minst 200 platser",
    ///   "5 back-ends");
    /// - a target year or date ("senast 2026", "by 2027-12-31");
    /// - a named indicator or key figure ("nyckeltal", "indikator",
    ///   "trygghetsindex", "KPI").
    ///
    /// A goal that continues in nested list items is measurable if any of
    /// them is. Sentences that introduce a list (ending in ":") are not
    /// goals. Only documents with a known `typ` are checked, and not those
    /// whose goals are directions by nature (policies, visions: lexicon
    /// data).
    ///
    /// ## Why it matters
    ///
    /// Without a target, nobody can say whether the work has reached the
    /// goal, and follow-up turns into a list of activities. Auditors
    /// recommend measurable goals or key figures in almost every report.
    ///
    /// ## Example
    ///
    /// ```markdown
    /// ## Mål
    /// - Fler unga kommer i arbete eller studier.
    /// ```
    ///
    /// ## Fix
    ///
    /// Add a target and a year, or the indicator that measures the goal:
    /// "Andelen unga 16–24 år som varken arbetar eller studerar ska minska
    /// från 9 % till 6 % till 2026 (nyckeltal: UVAS)."
    pub struct GoalWithoutIndicator {
        name: "goal-without-indicator",
        severity: Warning,
        fix: false,
    }
}

impl Rule for GoalWithoutIndicator {
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
            // Only steering documents with a known type: a README's "Goals"
            // are not a plan's.
            if doc.meta.status().is_gone()
                || corpus.is_fixed(di)
                || corpus.kind_of(di).is_none()
                || is_type_in(corpus, di, &words.goal_exempt_types)
            {
                continue;
            }
            for (span, text) in goals(corpus, doc) {
                if measurable(corpus, &text) {
                    continue;
                }
                let lang = doc.lang;
                out.push(
                    Diagnostic::new(
                        Self::META.name,
                        Self::META.default_severity,
                        &doc.path,
                        span,
                        lang.pick(
                            "målet saknar mätbart mål: ingen siffra med enhet eller procent, inget målår och ingen indikator",
                            "the goal has no measurable target: no figure with a unit or percentage, no target year and no indicator",
                        ),
                    )
                    .with_help(lang.pick(
                        "Lägg till ett målvärde och ett år, eller det nyckeltal som mäter målet, till exempel \"ska minska från 9 % till 6 % till 2026\".",
                        "Add a target value and a year, or the indicator that measures the goal, for example \"from 9 % to 6 % by 2026\".",
                    )),
                );
            }
        }
    }
}

/// The goals of a document: (span, text).
fn goals(corpus: &Corpus, doc: &Document) -> Vec<(std::ops::Range<usize>, String)> {
    let lex = &corpus.lexicon;
    let heads = &lex.words.document.goal_headings;
    let goal_sections = doc.sections_where(|h| lex.heading_is(&h.text, heads));
    let in_goals = |section: Option<usize>| section.is_some_and(|s| goal_sections[s]);
    let mut out = Vec::new();
    // Group by the goal heading's section (the nearest goal heading).
    let blocks: Vec<(usize, &styrlint_parse::Block)> = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind != BlockKind::Heading && in_goals(b.section))
        .collect();
    let sections: Vec<Option<usize>> = {
        let mut s: Vec<Option<usize>> = blocks.iter().map(|(_, b)| b.section).collect();
        s.dedup();
        s
    };
    for section in sections {
        let here: Vec<&styrlint_parse::Block> = blocks
            .iter()
            .filter(|(_, b)| b.section == section)
            .map(|(_, b)| *b)
            .collect();
        let items: Vec<&styrlint_parse::Block> = here
            .iter()
            .copied()
            .filter(|b| b.kind == BlockKind::ListItem)
            .collect();
        if !items.is_empty() {
            let top = items.iter().map(|b| b.list_depth).min().unwrap_or(1);
            let mut i = 0;
            while i < items.len() {
                let mut text = items[i].text.as_str().to_string();
                let mut j = i + 1;
                while j < items.len() && items[j].list_depth > top {
                    text.push(' ');
                    text.push_str(items[j].text.as_str());
                    j += 1;
                }
                if items[i].list_depth == top {
                    out.push((items[i].span.clone(), text));
                }
                i = j.max(i + 1);
            }
            continue;
        }
        // Tables: one goal per row.
        let mut rows: Vec<((usize, usize), std::ops::Range<usize>, String)> = Vec::new();
        for b in here.iter().filter(|b| b.kind == BlockKind::TableCell) {
            let Some((t, r, _)) = b.cell else { continue };
            if r == 0 {
                continue;
            }
            match rows.iter_mut().find(|(k, _, _)| *k == (t, r)) {
                Some((_, span, text)) => {
                    span.end = span.end.max(b.span.end);
                    text.push(' ');
                    text.push_str(b.text.as_str());
                }
                None => rows.push(((t, r), b.span.clone(), b.text.as_str().to_string())),
            }
        }
        if !rows.is_empty() {
            out.extend(rows.into_iter().map(|(_, s, t)| (s, t)));
            continue;
        }
        // Prose right under a heading whose subsections hold the goals is
        // their introduction ("3 Mål: Programmet har fyra målområden …").
        let has_subsections = section.is_some_and(|s| {
            doc.headings
                .get(s + 1)
                .is_some_and(|next| doc.headings.get(s).is_some_and(|h| next.level > h.level))
        });
        if has_subsections {
            continue;
        }
        for b in here.iter().filter(|b| b.kind == BlockKind::Paragraph) {
            for s in &b.sentences {
                let text = &b.text.as_str()[s.clone()];
                // An introduction ("Planen har tre mål, som beskrivs
                // nedan.", "För varje område gäller följande mål:") is no
                // goal of its own.
                if text.trim_end().ends_with(':')
                    || lex.has_any(&text.to_lowercase(), &lex.words.document.goal_intro_words)
                {
                    continue;
                }
                out.push((b.text.to_original(s.clone()), text.to_string()));
            }
        }
    }
    out
}

/// True when a goal has a figure with a unit or percentage, a year or
/// date, or an indicator.
fn measurable(corpus: &Corpus, text: &str) -> bool {
    static FIGURE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\d+(?:[.,]\d+)?\s*(?:%|‰|\p{L})").expect("valid regex"));
    static YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(?:19|20)\d{2}\b").expect("valid regex"));
    if FIGURE.is_match(text) || YEAR.is_match(text) {
        return true;
    }
    let lower = text.to_lowercase();
    let words = &corpus.lexicon.words.document.indicator_words;
    lower.split(|c: char| !c.is_alphanumeric()).any(|w| {
        words.iter().any(|i| {
            w == i || (i.chars().count() >= 5 && w.ends_with(i.as_str()) && w.len() > i.len())
        })
    }) || corpus.lexicon.has_any(&lower, words)
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    #[test]
    fn goals_without_targets_are_flagged() {
        let fixture = "\
<!-- file: plan.md -->
---
typ: plan
---
# Plan

## Mål

För varje område gäller följande mål:

- Fler unga kommer i arbete eller studier.
- Föräldrar får stöd i sitt föräldraskap.
  - Stödet når fler familjer.
- Tryggheten ökar i alla stadsdelar.
  - Trygghetsindex ska öka.

## Arbetssätt

- Detta är ingen målsektion.
<!-- file: mrp.md -->
---
typ: mål- och resursplan
---
# Mål- och resursplan 2020–2023

Staden ska växa.

## Mål- och resursplanens roll

- Planen samlar budgeten.
";
        assert_eq!(
            check("goal-without-indicator", fixture),
            [
                "plan.md:10: goal-without-indicator: målet saknar mätbart mål: ingen siffra med enhet eller procent, inget målår och ingen indikator",
                "plan.md:11: goal-without-indicator: målet saknar mätbart mål: ingen siffra med enhet eller procent, inget målår och ingen indikator",
            ]
        );
    }

    #[test]
    fn an_introduction_under_a_goals_heading_is_no_goal() {
        let fixture = "\
<!-- file: plan.md -->
---
typ: plan
---
## Mål

Planen har tre mål, som beskrivs nedan. Andelen unga som är trygga ökar till 80 % senast 2026.
";
        assert_eq!(
            check("goal-without-indicator", fixture),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_report_quoting_goals_is_not_held_to_them() {
        let fixture = "\
<!-- file: rapport.md -->
---
typ: uppföljning
beslutad: 2023-03-01
---
## Mål

- Fler unga ska känna sig trygga.
";
        assert_eq!(
            check("goal-without-indicator", fixture),
            Vec::<String>::new()
        );
    }

    #[test]
    fn measurable_goals_pass() {
        let fixture = "\
<!-- file: plan.md -->
---
typ: plan
---
## Delmål

- Andelen unga som varken arbetar eller studerar minskar från 9 % till 6 %.
- Minst 200 feriejobb per sommar.
- Alla skolor har en trygghetsplan senast 2026.
- Målet följs med nyckeltalet Upplevd trygghet.
- Senast 2025-06-30 är rutinen införd.

## Goals

| Goal | Target |
|---|---|
| Contributors from new companies | 60 % by 2027 |
";
        assert_eq!(
            check("goal-without-indicator", fixture),
            Vec::<String>::new()
        );
    }

    #[test]
    fn paragraph_goals_english_and_exempt_policies() {
        let fixture = "\
<!-- file: roadmap.md -->
---
type: roadmap
---
## Objectives

Improve the experience of the contributors to the project. Ship 3 releases per year and keep them on time.
<!-- file: policy.md -->
---
typ: policy
---
## Mål

Staden ska vara trygg och jämlik.
<!-- file: README.md -->
# Project

## Goals

- Be fast and friendly.
";
        assert_eq!(
            check("goal-without-indicator", fixture),
            [
                "roadmap.md:6: goal-without-indicator: the goal has no measurable target: no figure with a unit or percentage, no target year and no indicator"
            ]
        );
    }
}

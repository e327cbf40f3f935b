use crate::macros::declare_rule;
use crate::{Context, Rule, RuleMeta};
use styrlint_parse::Diagnostic;

declare_rule! {
    /// A document in force past its `aktualitetsprövas` date.
    ///
    /// ## What it flags
    ///
    /// A document in force whose `aktualitetsprövas` / `review_by` date is
    /// before `--today` (the system date unless given). On the date itself
    /// the document is not yet overdue. Drafts, repealed and superseded
    /// documents are not checked.
    ///
    /// ## Why it matters
    ///
    /// Most municipalities' rules for steering documents say that every
    /// document shall be reviewed at least once per term of office. A
    /// document past its review date may still be applied while the
    /// organisation, the law or the documents above it have changed.
    ///
    /// ## Example
    ///
    /// ```yaml
    /// review_by: 2024-03-31
    /// status: in force
    /// ```
    ///
    /// checked with `--today 2024-09-30`.
    ///
    /// ## Fix
    ///
    /// Review the document: decide whether it still applies unchanged, needs
    /// revising or should be repealed. Then write the next review date in
    /// `aktualitetsprövas` (and the revision date in `reviderad` if it
    /// changed), or set `status: upphävd`.
    pub struct ReviewOverdue {
        name: "review-overdue",
        severity: Warning,
        fix: false,
    }
}

impl Rule for ReviewOverdue {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (di, doc) in ctx.corpus.docs.iter().enumerate() {
            if !ctx.in_scope(di) {
                continue;
            }
            if !ctx.corpus.is_held(di) {
                continue;
            }
            let Some(review) = &doc.meta.review_by else {
                continue;
            };
            if review.value >= ctx.today {
                continue;
            }
            let days = ctx.today.days_since_epoch() - review.value.days_since_epoch();
            let lang = doc.lang;
            let (date, today) = (review.value, ctx.today);
            let (dagar, days_word) = if days == 1 {
                ("dag", "day")
            } else {
                ("dagar", "days")
            };
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    Self::META.default_severity,
                    &doc.path,
                    review.span.clone(),
                    lang.pick(
                        format!(
                            "dokumentet skulle ha aktualitetsprövats senast {date}, för {days} {dagar} sedan (i dag {today})"
                        ),
                        format!(
                            "the document was due for review by {date}, {days} {days_word} ago (today {today})"
                        ),
                    ),
                )
                .with_help(lang.pick(
                    "Pröva om dokumentet fortfarande gäller: besluta att det gäller oförändrat, revidera det eller upphäv det. Skriv sedan nästa datum i `aktualitetsprövas` (och `reviderad` om det ändrades), eller `status: upphävd`.",
                    "Review the document: decide that it applies unchanged, revise it or repeal it. Then write the next date in `review_by` (and `revised` if it changed), or `status: repealed`.",
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{render, run_at};

    const FIXTURE: &str = "\
<!-- file: policy.md -->
---
titel: Policy
aktualitetsprövas: 2024-03-31
---
<!-- file: en.md -->
---
title: Code of Conduct
review_by: 2024-03-30
status: in force
---
# Code of Conduct

The code applies to every member of the foundation.
<!-- file: utkast.md -->
---
aktualitetsprövas: 2020-01-01
status: utkast
---
<!-- file: gammal.md -->
---
aktualitetsprövas: 2020-01-01
status: upphävd
---
<!-- file: utan.md -->
---
giltig_till: 2020-01-01
---
";

    fn at(today: &str) -> Vec<String> {
        let (c, d) = run_at(Some("review-overdue"), FIXTURE, today);
        render(&c, &d)
    }

    #[test]
    fn the_day_itself_is_not_overdue_the_day_after_is() {
        assert_eq!(at("2024-03-30"), Vec::<String>::new());
        assert_eq!(
            at("2024-03-31"),
            [
                "en.md:3: review-overdue: the document was due for review by 2024-03-30, 1 day ago (today 2024-03-31)"
            ]
        );
        assert_eq!(
            at("2024-04-01"),
            [
                "en.md:3: review-overdue: the document was due for review by 2024-03-30, 2 days ago (today 2024-04-01)",
                "policy.md:3: review-overdue: dokumentet skulle ha aktualitetsprövats senast 2024-03-31, för 1 dag sedan (i dag 2024-04-01)",
            ]
        );
    }
}

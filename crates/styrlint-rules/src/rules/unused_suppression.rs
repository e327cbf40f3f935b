use crate::macros::declare_rule;
use crate::{Context, Rule, RuleMeta};
use styrlint_parse::Diagnostic;

declare_rule! {
    /// A suppression comment that silences nothing, or names an unknown rule.
    ///
    /// ## What it flags
    ///
    /// An inline `<!-- styrlint-disable… -->` comment that no finding falls
    /// under in this run, and any rule name in such a comment that styrlint
    /// does not know. Suppressions for rules that did not run (because of
    /// `--select`, `--ignore` or the config) are not judged.
    ///
    /// The comments:
    ///
    /// - `<!-- styrlint-disable RULE, … -->` … `<!-- styrlint-enable RULE, … -->`
    ///   (no rule names: every rule);
    /// - `<!-- styrlint-disable-next-line RULE -->` and
    ///   `<!-- styrlint-disable-line RULE -->`;
    /// - `<!-- styrlint-disable-file RULE -->`;
    /// - a rule with names in brackets silences it for those names only, in
    ///   any inflection: `<!-- styrlint-disable-file
    ///   stale-reference["Välfärdsutskottet"] -->`.
    ///
    /// ## Why it matters
    ///
    /// A suppression outlives the finding it was written for; left alone, it
    /// will hide the next, real finding on that line.
    ///
    /// ## Example
    ///
    /// ```markdown
    /// <!-- styrlint-disable-next-line broken-link -->
    /// Se [planen](plan.md).
    /// ```
    ///
    /// after `plan.md` was created.
    ///
    /// ## Fix
    ///
    /// Remove the comment, or correct the rule name.
    pub struct UnusedSuppression {
        name: "unused-suppression",
        severity: Warning,
        fix: false,
    }
}

impl Rule for UnusedSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// Reported by the suppression pass in `lint()`, after every rule ran.
    fn check(&self, _ctx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}
}

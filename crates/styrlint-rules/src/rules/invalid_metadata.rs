use crate::macros::declare_rule;
use crate::suggest::closest;
use crate::{Context, Rule, RuleMeta};
use styrlint_parse::Diagnostic;

declare_rule! {
    /// Front matter that does not parse, an unknown key, a bad date, an unknown type or status.
    ///
    /// ## What it flags
    ///
    /// - front matter that is not valid YAML (an unclosed bracket, a tab used
    ///   for indentation), or that opens with `---` and is never closed;
    /// - a key styrlint does not know (a warning: it is probably a typo of one
    ///   it does know, and the help says which);
    /// - the same key twice;
    /// - a value of the wrong shape (a list where a date belongs);
    /// - a date that is not `YYYY-MM-DD` or does not exist (`2023-02-30`),
    ///   in front matter or in a register's date columns;
    /// - a `typ` that is not a known document type, and a `status` that is
    ///   not `gällande`, `utkast`, `upphävd` or `ersatt` (or their English
    ///   forms);
    /// - a register row without a body name.
    ///
    /// ## Why it matters
    ///
    /// Every other rule trusts the metadata: a date styrlint cannot read is a
    /// review nobody will be reminded of, and an unknown type has no place in
    /// the hierarchy.
    ///
    /// ## Example
    ///
    /// ```yaml
    /// typ: handlingplan
    /// beslutad: 2023-02-30
    /// ```
    ///
    /// ## Fix
    ///
    /// Correct the value as the message says. Document types and their levels
    /// can be extended in `styrlint.toml`.
    pub struct InvalidMetadata {
        name: "invalid-metadata",
        severity: Error,
        fix: false,
    }
}

impl Rule for InvalidMetadata {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// Syntax problems come from the parser and the register reader; this
    /// adds what needs the corpus's type table.
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let corpus = ctx.corpus;
        let spellings: Vec<&str> = corpus
            .kinds
            .iter()
            .flat_map(|k| k.spellings.iter().map(String::as_str))
            .collect();
        for (di, doc) in corpus.docs.iter().enumerate() {
            if !ctx.in_scope(di) {
                continue;
            }
            let Some(typ) = &doc.meta.doc_type else {
                continue;
            };
            if corpus.kinds.lookup(&typ.value).is_some() {
                continue;
            }
            let lang = doc.lang;
            let d = Diagnostic::new(
                Self::META.name,
                Self::META.default_severity,
                &doc.path,
                typ.span.clone(),
                lang.pick(
                    format!("okänd dokumenttyp `{}`", typ.value),
                    format!("unknown document type `{}`", typ.value),
                ),
            );
            out.push(match closest(&typ.value, spellings.iter().copied()) {
                Some(s) => d.with_help(lang.pick(format!("Menade du `{s}`?"), format!("Did you mean `{s}`?"))),
                None => d.with_help(lang.pick(
                    "Använd en av typerna i README (policy, strategi, plan …) eller lägg till typen under [levels] i styrlint.toml.",
                    "Use one of the types in the README (policy, strategy, plan …) or add the type under [levels] in styrlint.toml.",
                )),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    #[test]
    fn known_types_and_valid_metadata_pass() {
        let fixture = "\
<!-- file: a.md -->
---
typ: Färdplan
status: utkast
beslutad: 2024-02-29
---
<!-- file: b.md -->
---
type: terms of reference
status: superseded
---
<!-- file: register.md -->
| Organ | Inrättad |
|---|---|
| Rådet | 2020-01-01 |
";
        assert_eq!(check("invalid-metadata", fixture), Vec::<String>::new());
    }

    #[test]
    fn bad_types_dates_and_yaml_are_flagged() {
        let fixture = "\
<!-- file: a.md -->
---
typ: handlingplan
beslutad: 2023-02-30
---
<!-- file: b.md -->
---
title: [unclosed
---
<!-- file: register.md -->
| Organ | Inrättad | Avvecklad |
|---|---|---|
| Rådet | 2020 | 2023-13-01 |
| | rad utan namn | |
";
        let (c, d) = crate::testing::run(Some("invalid-metadata"), fixture);
        assert_eq!(
            crate::testing::render(&c, &d),
            [
                "a.md:2: invalid-metadata: okänd dokumenttyp `handlingplan`",
                "a.md:3: invalid-metadata: `beslutad`: datumet `2023-02-30` finns inte",
                "b.md:3: invalid-metadata: front matter är inte giltig YAML: while parsing a flow sequence, expected ',' or ']'",
                "register.md:3: invalid-metadata: `2020` är inte ett giltigt datum (ÅÅÅÅ-MM-DD)",
                "register.md:3: invalid-metadata: `2023-13-01` är inte ett giltigt datum (ÅÅÅÅ-MM-DD)",
                "register.md:4: invalid-metadata: registerrad utan namn på organet",
            ]
        );
        assert_eq!(d[0].help.as_deref(), Some("Menade du `handlingsplan`?"));
    }
}

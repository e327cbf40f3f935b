use crate::macros::declare_rule;
use crate::suggest::closest;
use crate::{Context, Rule, RuleMeta};
use styrlint_parse::{Diagnostic, Key, Lang, Spanned, frontmatter::key_names};

declare_rule! {
    /// A front-matter or register reference to a body that the register does not hold.
    ///
    /// ## What it flags
    ///
    /// Names in `beslutad_av` / `decided_by`, `ansvarig` / `owner` and
    /// `gäller_för` / `applies_to`, and in the register's `Ersatt av` /
    /// `Replaced by`, `Rapporterar till` / `Reports to` and `Del av` /
    /// `Part of` columns, that match no body's name or alias (case, spacing
    /// and hyphens do not matter).
    ///
    /// The rule is silent in a corpus that has no register at all.
    ///
    /// ## Why it matters
    ///
    /// Who adopted a document, who owns it and whom a body reports to are the
    /// facts the organisation graph is built from. A name that matches no
    /// body is a typo, an informal name, or a body nobody has registered:
    /// in each case the chain of responsibility breaks there.
    ///
    /// ## Example
    ///
    /// ```yaml
    /// beslutad_av: Kommunstyrelsen presidium
    /// ```
    ///
    /// when the register has "Kommunstyrelsens presidium".
    ///
    /// ## Fix
    ///
    /// Write the body's registered name or one of its aliases (the help text
    /// suggests the nearest), or add the body to the register.
    pub struct UnknownBody {
        name: "unknown-body",
        severity: Error,
        fix: false,
    }
}

impl Rule for UnknownBody {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let corpus = ctx.corpus;
        if !corpus.has_register() {
            return;
        }
        let names: Vec<&str> = corpus.bodies.iter().flat_map(|b| b.names()).collect();
        let mut flag = |path: &str, lang: Lang, field: (String, String), name: &Spanned<String>| {
            if !corpus.bodies_named(&name.value).is_empty() {
                return;
            }
            let d = Diagnostic::new(
                Self::META.name,
                Self::META.default_severity,
                path,
                name.span.clone(),
                lang.pick(
                    format!(
                        "{} nämner `{}`, som inte finns i registret över organ",
                        field.0, name.value
                    ),
                    format!(
                        "{} names `{}`, which is not in the register of bodies",
                        field.1, name.value
                    ),
                ),
            );
            out.push(match closest(&name.value, names.iter().copied()) {
                Some(s) => d.with_help(lang.pick(format!("Menade du `{s}`?"), format!("Did you mean `{s}`?"))),
                None => d.with_help(lang.pick(
                    "Skriv organets namn eller alias så som det står i registret, eller lägg till organet i registret.",
                    "Write the body's name or alias as the register has it, or add the body to the register.",
                )),
            });
        };
        for (di, doc) in corpus.docs.iter().enumerate() {
            if !ctx.in_scope(di) {
                continue;
            }
            let lang = doc.lang;
            let field = |k: Key| {
                let (sv, en) = key_names(k);
                (format!("`{sv}`"), format!("`{en}`"))
            };
            for (key, value) in [
                (Key::DecidedBy, &doc.meta.decided_by),
                (Key::Owner, &doc.meta.owner),
            ] {
                if let Some(v) = value {
                    flag(&doc.path, lang, field(key), v);
                }
            }
            for v in &doc.meta.applies_to {
                flag(&doc.path, lang, field(Key::AppliesTo), v);
            }
        }
        for body in &corpus.bodies {
            if !ctx.in_scope(body.doc) {
                continue;
            }
            let doc = &corpus.docs[body.doc];
            let lang = doc.lang;
            let col = |sv: &str, en: &str| {
                (
                    format!("kolumnen {sv} för `{}`", body.name),
                    format!("the {en} column of `{}`", body.name),
                )
            };
            for v in &body.replaced_by {
                flag(&doc.path, lang, col("Ersatt av", "Replaced by"), v);
            }
            for v in &body.reports_to {
                flag(&doc.path, lang, col("Rapporterar till", "Reports to"), v);
            }
            for v in &body.part_of {
                flag(&doc.path, lang, col("Del av", "Part of"), v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    const REGISTER: &str = "\
<!-- file: register.md -->
---
typ: register
---
| Organ | Alias | Avvecklad | Ersatt av | Rapporterar till | Del av |
|---|---|---|---|---|---|
| Kommunfullmäktige | KF | | | | |
| Kommunstyrelsen | KS | | | Kommunfullmäktige | |
| Kommunstyrelsens presidium | | | | KS | Kommunstyrelsen |
| Utskott A | | | | ks | |
";

    #[test]
    fn known_names_and_aliases_pass() {
        let fixture = format!(
            "{REGISTER}<!-- file: plan.md -->\n---\nbeslutad_av: kommunstyrelsen\nansvarig: KS\ngäller_för: [Utskott-A, KF]\n---\n"
        );
        assert_eq!(check("unknown-body", &fixture), Vec::<String>::new());
    }

    #[test]
    fn unknown_names_are_flagged_with_a_suggestion() {
        let fixture = "\
<!-- file: register.md -->
| Body | Reports to | Replaced by |
|---|---|---|
| Governing Board | | |
| Technical Committee | Governing Bord | Steering Council |
<!-- file: plan.md -->
---
decided_by: Kommunstyrelsens presidum
---
The plan is adopted by the board and applies to the staff of the foundation.
";
        let (c, d) = crate::testing::run(Some("unknown-body"), fixture);
        assert_eq!(
            crate::testing::render(&c, &d),
            [
                "plan.md:2: unknown-body: `decided_by` names `Kommunstyrelsens presidum`, which is not in the register of bodies",
                // The register has no prose of its own: it takes the
                // corpus's language.
                "register.md:4: unknown-body: the Reports to column of `Technical Committee` names `Governing Bord`, which is not in the register of bodies",
                "register.md:4: unknown-body: the Replaced by column of `Technical Committee` names `Steering Council`, which is not in the register of bodies",
            ]
        );
        assert_eq!(
            d[1].help.as_deref(),
            Some("Did you mean `Governing Board`?")
        );
    }

    #[test]
    fn silent_without_a_register() {
        let fixture = "<!-- file: plan.md -->\n---\nbeslutad_av: Vem som helst\n---\n";
        assert_eq!(check("unknown-body", fixture), Vec::<String>::new());
    }
}

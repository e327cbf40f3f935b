use crate::macros::declare_rule;
use crate::suggest::closest;
use crate::{Context, Rule, RuleMeta};
use styrlint_parse::{Diagnostic, Key, frontmatter::key_names};

declare_rule! {
    /// A front-matter reference (`bygger_på`, `ersätter`) that names no document.
    ///
    /// ## What it flags
    ///
    /// Each entry of `bygger_på` / `derives_from` and `ersätter` / `replaces`
    /// must name exactly one document of the corpus by its `id`, its title,
    /// one of its `alias` names or its path (case and spacing do not matter).
    /// An entry that names none, or that several documents answer to, is
    /// flagged.
    ///
    /// ## Why it matters
    ///
    /// The hierarchy of steering documents is built from these references. A
    /// reference that resolves to nothing breaks the chain: styrlint (and the
    /// reader) cannot tell which strategy a plan implements, or whether the
    /// document it replaces is still in force.
    ///
    /// ## Example
    ///
    /// ```yaml
    /// bygger_på: Strategi för social hållbarhet 2022
    /// ```
    ///
    /// when the strategy's title is "Strategi för social hållbarhet".
    ///
    /// ## Fix
    ///
    /// Write the other document's `id` or exact title; the help text suggests
    /// the nearest one. If the document lives outside the corpus, add it to
    /// the corpus.
    pub struct UnknownDocument {
        name: "unknown-document",
        severity: Error,
        fix: false,
    }
}

impl Rule for UnknownDocument {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let corpus = ctx.corpus;
        let names: Vec<&str> = corpus
            .docs
            .iter()
            .flat_map(|d| [d.id.as_str(), d.title.as_str()])
            .collect();
        for (di, doc) in corpus.docs.iter().enumerate() {
            if !ctx.in_scope(di) {
                continue;
            }
            let lang = doc.lang;
            for (key, list) in [
                (Key::DerivesFrom, &doc.meta.derives_from),
                (Key::Replaces, &doc.meta.replaces),
            ] {
                let (sv, en) = key_names(key);
                for entry in list {
                    let found = corpus.docs_named(&entry.value);
                    let d = match found.len() {
                        1 => continue,
                        0 => {
                            let d = Diagnostic::new(
                                Self::META.name,
                                Self::META.default_severity,
                                &doc.path,
                                entry.span.clone(),
                                lang.pick(
                                    format!(
                                        "`{sv}` nämner `{}`, som inget dokument i samlingen heter",
                                        entry.value
                                    ),
                                    format!(
                                        "`{en}` names `{}`, which is no document of the corpus",
                                        entry.value
                                    ),
                                ),
                            );
                            match closest(&entry.value, names.iter().copied()) {
                                Some(s) => d.with_help(lang.pick(
                                    format!("Menade du `{s}`?"),
                                    format!("Did you mean `{s}`?"),
                                )),
                                None => d.with_help(lang.pick(
                                    "Skriv det andra dokumentets `id` eller exakta titel, eller lägg till dokumentet i samlingen.",
                                    "Write the other document's `id` or exact title, or add that document to the corpus.",
                                )),
                            }
                        }
                        _ => {
                            let mut d = Diagnostic::new(
                                Self::META.name,
                                Self::META.default_severity,
                                &doc.path,
                                entry.span.clone(),
                                lang.pick(
                                    format!(
                                        "`{sv}` nämner `{}`, som flera dokument svarar mot",
                                        entry.value
                                    ),
                                    format!(
                                        "`{en}` names `{}`, which several documents answer to",
                                        entry.value
                                    ),
                                ),
                            )
                            .with_help(lang.pick(
                                "Skriv dokumentets `id` i stället; det är unikt.",
                                "Write the document's `id` instead; it is unique.",
                            ));
                            for &i in found {
                                let other = &corpus.docs[i];
                                d = d.with_related(
                                    &other.path,
                                    title_span(other),
                                    lang.pick("ett av dokumenten", "one of the documents"),
                                );
                            }
                            d
                        }
                    };
                    out.push(d);
                }
            }
        }
    }
}

/// Where a document names itself: its `id`/`titel` value, else its first
/// heading, else its start.
pub(crate) fn title_span(doc: &styrlint_parse::Document) -> std::ops::Range<usize> {
    doc.meta
        .title
        .as_ref()
        .or(doc.meta.id.as_ref())
        .map(|s| s.span.clone())
        .or_else(|| doc.headings.first().map(|h| h.span.clone()))
        .unwrap_or(0..0)
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    #[test]
    fn references_by_id_title_alias_and_path_resolve() {
        let fixture = "\
<!-- file: strategi.md -->
---
titel: Strategi för social hållbarhet
alias: [strategin]
---
<!-- file: policy.md -->
---
id: hp
---
# Hållbarhetspolicy
<!-- file: plan.md -->
---
bygger_på: [strategi för social  hållbarhet, hp, Hållbarhetspolicy, Strategin, strategi.md]
ersätter: policy
---
";
        assert_eq!(check("unknown-document", fixture), Vec::<String>::new());
    }

    #[test]
    fn unknown_and_ambiguous_references_are_flagged() {
        let fixture = "\
<!-- file: a/plan.md -->
---
titel: Plan
---
<!-- file: b/plan.md -->
---
id: plan-b
titel: Plan
---
<!-- file: c.md -->
---
bygger_på:
  - Strategi för social hållbarhet 2022
  - Plan
ersätter: Gamla planen
---
<!-- file: strategi.md -->
---
titel: Strategi för social hållbarhet
---
";
        let (c, d) = crate::testing::run(Some("unknown-document"), fixture);
        assert_eq!(
            crate::testing::render(&c, &d),
            [
                "c.md:3: unknown-document: `bygger_på` nämner `Strategi för social hållbarhet 2022`, som inget dokument i samlingen heter",
                "c.md:4: unknown-document: `bygger_på` nämner `Plan`, som flera dokument svarar mot",
                "c.md:5: unknown-document: `ersätter` nämner `Gamla planen`, som inget dokument i samlingen heter",
            ]
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("Menade du `Strategi för social hållbarhet`?")
        );
        assert_eq!(d[1].related.len(), 2);
    }
}

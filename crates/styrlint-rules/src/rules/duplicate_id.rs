use super::unknown_document::title_span;
use crate::macros::declare_rule;
use crate::{Context, Rule, RuleMeta};
use std::collections::HashMap;
use styrlint_parse::{Diagnostic, name_key};

declare_rule! {
    /// Two documents with the same id, or two bodies with the same name or alias.
    ///
    /// ## What it flags
    ///
    /// - A document whose `id` (or file name, when it has no `id`) is already
    ///   used by another document. Ids are compared ignoring case, spaces and
    ///   hyphens. A document without `id` or `typ` is not a steering
    ///   document, and its file-name id is not compared.
    /// - A body in a register whose name or alias is already the name or an
    ///   alias of another registered body.
    ///
    /// The first in path order is taken as the original; every later one is
    /// flagged, with the first as related location.
    ///
    /// ## Why it matters
    ///
    /// References by id and mentions by name must point at one thing. When
    /// two documents share an id, `bygger_på` cannot say which one a plan
    /// builds on; when two bodies share an alias, "KS" in a text could mean
    /// either.
    ///
    /// ## Example
    ///
    /// Two files `plan/2022.md` and `arkiv/2022.md`, neither with an `id`:
    /// both get the id `2022`.
    ///
    /// ## Fix
    ///
    /// Give one of them a distinct `id` in its front matter, or remove the
    /// alias from the body it does not belong to.
    pub struct DuplicateId {
        name: "duplicate-id",
        severity: Error,
        fix: false,
    }
}

impl Rule for DuplicateId {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let corpus = ctx.corpus;
        // An id taken from the file name only counts for steering documents
        // (with a `typ`): two notes called 2019-05.md in two folders are not
        // a conflict.
        let counts =
            |d: &styrlint_parse::Document| d.meta.id.is_some() || d.meta.doc_type.is_some();
        // A scoped lint looks the first holder of a key up in the corpus's
        // indexes instead of walking every document before it.
        let scoped = ctx.scope.is_some();
        let mut first_doc: HashMap<String, usize> = HashMap::new();
        for i in ctx.scoped_docs() {
            let doc = &corpus.docs[i];
            if !counts(doc) {
                continue;
            }
            let key = name_key(&doc.id);
            let first = if scoped {
                let by_index = corpus.docs_named(&doc.id);
                let all: Vec<usize>;
                let candidates = if doc.id.starts_with("./") {
                    all = (0..corpus.docs.len()).collect();
                    &all[..]
                } else {
                    by_index
                };
                let Some(&first) = candidates
                    .iter()
                    .find(|&&j| counts(&corpus.docs[j]) && name_key(&corpus.docs[j].id) == key)
                else {
                    continue;
                };
                first
            } else {
                *first_doc.entry(key).or_insert(i)
            };
            if first == i {
                continue;
            }
            let other = &corpus.docs[first];
            let lang = doc.lang;
            let span = doc.meta.id.as_ref().map(|s| s.span.clone()).unwrap_or(0..0);
            let mut d = Diagnostic::new(
                Self::META.name,
                Self::META.default_severity,
                &doc.path,
                span,
                lang.pick(
                    format!("id `{}` används redan av `{}`", doc.id, other.path),
                    format!("the id `{}` is already used by `{}`", doc.id, other.path),
                ),
            )
            .with_related(
                &other.path,
                other
                    .meta
                    .id
                    .as_ref()
                    .map(|s| s.span.clone())
                    .unwrap_or_else(|| title_span(other)),
                lang.pick(
                    "dokumentet som redan har id:t",
                    "the document that already has the id",
                ),
            );
            d = d.with_help(if doc.meta.id.is_some() {
                lang.pick("Ge dokumentet ett eget `id`.", "Give the document an `id` of its own.")
            } else {
                lang.pick(
                    "Dokumentet har inget `id`, så filnamnet används; lägg till ett unikt `id` i front matter.",
                    "The document has no `id`, so its file name is used; add a unique `id` to its front matter.",
                )
            });
            out.push(d);
        }

        let mut first_body: HashMap<String, usize> = HashMap::new();
        for (i, body) in corpus.bodies.iter().enumerate() {
            if !body.primary || !ctx.in_scope(body.doc) {
                continue;
            }
            let doc = &corpus.docs[body.doc];
            let lang = doc.lang;
            let mut spans = vec![(body.name.as_str(), body.name_span.clone())];
            spans.extend(
                body.aliases
                    .iter()
                    .map(|a| (a.value.as_str(), a.span.clone())),
            );
            let mut own: Vec<String> = Vec::new();
            for (name, span) in spans {
                let key = name_key(name);
                if own.contains(&key) {
                    continue; // an alias repeating the body's own name
                }
                own.push(key.clone());
                let first = if scoped {
                    let Some(&first) = corpus
                        .bodies_named(name)
                        .iter()
                        .find(|&&b| corpus.bodies[b].primary)
                    else {
                        continue;
                    };
                    first
                } else {
                    *first_body.entry(key).or_insert(i)
                };
                if first == i {
                    continue;
                }
                let other = &corpus.bodies[first];
                let other_doc = &corpus.docs[other.doc];
                out.push(
                    Diagnostic::new(
                        Self::META.name,
                        Self::META.default_severity,
                        &doc.path,
                        span,
                        lang.pick(
                            format!("namnet `{name}` används redan av organet `{}`", other.name),
                            format!("the name `{name}` is already used by the body `{}`", other.name),
                        ),
                    )
                    .with_related(&other_doc.path, other.name_span.clone(), lang.pick("organet som redan har namnet", "the body that already has the name"))
                    .with_help(lang.pick(
                        "Ett namn eller alias får bara höra till ett organ. Ta bort det från det organ det inte gäller, eller slå ihop raderna.",
                        "A name or alias may belong to one body only. Remove it from the body it does not belong to, or merge the rows.",
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    #[test]
    fn distinct_ids_and_names_pass() {
        let fixture = "\
<!-- file: a/plan.md -->
---
id: plan-a
---
<!-- file: b/plan.md -->
# Plan
<!-- file: register.md -->
| Organ | Alias |
|---|---|
| Kommunstyrelsen | KS, kommunstyrelsen |
| Kommunfullmäktige | KF |
<!-- file: roller.md -->
| Organ | Mandat |
|---|---|
| Kommunstyrelsen | beslutar |
";
        assert_eq!(check("duplicate-id", fixture), Vec::<String>::new());
    }

    #[test]
    fn duplicate_ids_and_body_names_are_flagged() {
        let fixture = "\
<!-- file: a/plan.md -->
---
typ: plan
---
# Plan
<!-- file: b/plan.md -->
---
typ: plan
---
# Plan
<!-- file: x/README.md -->
# Om mappen
<!-- file: y/README.md -->
# Om mappen
<!-- file: c.md -->
---
id: Plan
---
<!-- file: register.md -->
| Organ | Alias |
|---|---|
| Kommunstyrelsen | KS |
| Kommunens styrgrupp | ks |
| kommunstyrelsen | |
";
        assert_eq!(
            check("duplicate-id", fixture),
            [
                "b/plan.md:1: duplicate-id: id `plan` används redan av `a/plan.md`",
                "c.md:2: duplicate-id: id `Plan` används redan av `a/plan.md`",
                "register.md:4: duplicate-id: namnet `ks` används redan av organet `Kommunstyrelsen`",
                "register.md:5: duplicate-id: namnet `kommunstyrelsen` används redan av organet `Kommunstyrelsen`",
            ]
        );
    }
}

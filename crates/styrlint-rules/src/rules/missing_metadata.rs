use crate::macros::declare_rule;
use crate::requirements::Field;
use crate::{Context, Rule, RuleMeta};
use styrlint_parse::frontmatter::key_names;
use styrlint_parse::{Diagnostic, Document, Key, Meta};

declare_rule! {
    /// A document in force without the fields its type requires.
    ///
    /// ## What it flags
    ///
    /// A document in force with front matter that lacks a field its type
    /// requires. By default every type needs `typ`, `beslutad_av`,
    /// `beslutad`, and `aktualitetsprövas` or `giltig_till`. One finding per
    /// document lists everything missing; it points at the `typ` value, or
    /// at the front matter's first line when there is no `typ`.
    ///
    /// Not flagged:
    ///
    /// - files without front matter (or with front matter that does not
    ///   parse): they have not declared themselves steering documents, and
    ///   a folder of plain Markdown must not drown in findings. Give a file
    ///   front matter, or list it under `exclude`, to decide;
    /// - types outside the hierarchy (`register`), unless the config lists
    ///   them;
    /// - drafts, repealed and superseded documents;
    /// - a field that is written but unreadable (a bad date):
    ///   `invalid-metadata` reports that.
    ///
    /// The fields are configurable per type in `styrlint.toml`, since
    /// municipalities' own rules for steering documents differ. Any key
    /// spelling works; `|` separates alternatives; `"*"` is every type not
    /// listed:
    ///
    /// ```toml
    /// [required-metadata]
    /// "*" = ["typ", "beslutad_av", "beslutad", "aktualitetsprövas | giltig_till", "ansvarig"]
    /// rutin = ["typ", "ansvarig", "beslutad"]
    /// register = ["ansvarig"]
    /// ```
    ///
    /// ## Why it matters
    ///
    /// Without `beslutad_av` and `beslutad` nobody can tell whether a text is
    /// a decided steering document or a draft, or who may change it; without
    /// a review or end date it never comes up for review. The other date
    /// and hierarchy rules can only check what is written.
    ///
    /// ## Example
    ///
    /// ```yaml
    /// titel: Riktlinje för bidrag
    /// typ: riktlinje
    /// ```
    ///
    /// ## Fix
    ///
    /// Add the fields the message lists, e.g. `beslutad_av: Kultur- och
    /// fritidsnämnden`, `beslutad: 2023-03-14`, `aktualitetsprövas:
    /// 2027-03-31`. If the document is not decided yet, write `status:
    /// utkast`.
    pub struct MissingMetadata {
        name: "missing-metadata",
        severity: Warning,
        fix: false,
    }
}

impl Rule for MissingMetadata {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let corpus = ctx.corpus;
        for (i, doc) in corpus.docs.iter().enumerate() {
            if !ctx.in_scope(i) {
                continue;
            }
            let Some(fm) = &doc.front_matter else {
                continue;
            };
            // Front matter with only a title (a site generator's) does not
            // make a steering document.
            if !doc.meta.is_steering() || !corpus.is_held(i) {
                continue;
            }
            let kind = corpus.kind_of(i);
            let written = doc.meta.doc_type.as_ref().map(|t| t.value.as_str());
            let required = ctx
                .requirements
                .metadata
                .for_type(&corpus.kinds, kind, written);
            let missing: Vec<&Field> = required
                .iter()
                .filter(|f| !f.0.iter().any(|k| present(doc, *k)))
                .collect();
            if missing.is_empty() {
                continue;
            }
            let lang = doc.lang;
            let list = join(
                &missing.iter().map(|f| f.describe(lang)).collect::<Vec<_>>(),
                lang,
            );
            let typ = written.unwrap_or("");
            let message = if written.is_some() {
                lang.pick(
                    format!("dokumentet ({typ}) saknar {list}"),
                    format!("the document ({typ}) lacks {list}"),
                )
            } else {
                lang.pick(
                    format!("dokumentet saknar {list}"),
                    format!("the document lacks {list}"),
                )
            };
            let examples: Vec<String> = missing
                .iter()
                .filter_map(|f| f.0.first())
                .map(|k| example(*k, lang))
                .collect();
            let span = doc
                .meta
                .doc_type
                .as_ref()
                .map(|t| t.span.clone())
                .unwrap_or(fm.start..fm.start + 3.min(fm.len()));
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    Self::META.default_severity,
                    &doc.path,
                    span,
                    message,
                )
                .with_help(lang.pick(
                    format!(
                        "Lägg till i front matter: {}. Är dokumentet inte beslutat än, skriv `status: utkast`.",
                        examples.join(", ")
                    ),
                    format!(
                        "Add to the front matter: {}. If the document is not decided yet, write `status: draft`.",
                        examples.join(", ")
                    ),
                )),
            );
        }
    }
}

/// True when the key is written with a value, or written with a value
/// styrlint could not read (invalid-metadata's finding, not a missing one).
fn present(doc: &Document, key: Key) -> bool {
    if has_value(&doc.meta, key) {
        return true;
    }
    let Some(span) = doc.meta.key_span(key) else {
        return false;
    };
    // Something after the colon on the key's line, or an indented block
    // below it: written, though not readable.
    let text: &str = &doc.text;
    let rest = text.get(span.end..).unwrap_or("");
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let after = rest[..line_end].trim_start_matches(':').trim();
    if !after.is_empty()
        && !after.starts_with('#')
        && !matches!(after, "~" | "null" | "\"\"" | "''")
    {
        return true;
    }
    let next = rest.get(line_end + 1..).unwrap_or("");
    next.starts_with([' ', '\t', '-']) && !next.trim_start().starts_with("---")
}

fn has_value(m: &Meta, key: Key) -> bool {
    match key {
        Key::Id => m.id.is_some(),
        Key::Title => m.title.is_some(),
        Key::Type => m.doc_type.is_some(),
        Key::DecidedBy => m.decided_by.is_some(),
        Key::Adopted => m.adopted.is_some(),
        Key::Revised => m.revised.is_some(),
        Key::ValidUntil => m.valid_until.is_some(),
        Key::ReviewBy => m.review_by.is_some(),
        Key::Owner => m.owner.is_some(),
        Key::DerivesFrom => !m.derives_from.is_empty(),
        Key::Replaces => !m.replaces.is_empty(),
        Key::Status => m.status.is_some(),
        Key::Aliases => !m.aliases.is_empty(),
        Key::AppliesTo => !m.applies_to.is_empty(),
        Key::ReviewedAgainst => !m.reviewed_against.is_empty(),
    }
}

/// `beslutad: ÅÅÅÅ-MM-DD`: what to write for a key.
fn example(key: Key, lang: styrlint_parse::Lang) -> String {
    let (sv, en) = key_names(key);
    let value = match key {
        Key::Adopted | Key::Revised | Key::ValidUntil | Key::ReviewBy => {
            lang.pick("ÅÅÅÅ-MM-DD", "YYYY-MM-DD")
        }
        Key::Type => lang.pick("<dokumenttyp>", "<document type>"),
        Key::DecidedBy => lang.pick("<organet som beslutade>", "<body that adopted it>"),
        Key::Owner => lang.pick("<ansvarigt organ>", "<responsible body>"),
        Key::DerivesFrom | Key::Replaces | Key::Aliases | Key::AppliesTo => "[…]",
        _ => "…",
    };
    format!("`{}: {value}`", lang.pick(sv, en))
}

fn join(items: &[String], lang: styrlint_parse::Lang) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {} {last}", rest.join(", "), lang.pick("och", "and")),
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, render};
    use crate::{Settings, lint};
    use styrlint_parse::Date;

    #[test]
    fn missing_fields_are_listed_once_per_document() {
        let fixture = "\
<!-- file: riktlinje.md -->
---
titel: Riktlinje för bidrag
typ: riktlinje
beslutad: 2023-01-01
---
<!-- file: untyped.md -->
---
titel: Något
ansvarig: Kommunstyrelsen
---
<!-- file: site-page.md -->
---
title: About us
weight: 3
---
<!-- file: en.md -->
---
title: Outreach Plan
type: plan
decided_by: Board
adopted: 2024-01-24
---
# Outreach Plan

The plan for the outreach of the foundation.
";
        assert_eq!(
            check("missing-metadata", fixture),
            [
                "en.md:3: missing-metadata: the document (plan) lacks `review_by` or `valid_until`",
                "riktlinje.md:3: missing-metadata: dokumentet (riktlinje) saknar `beslutad_av` och `aktualitetsprövas` eller `giltig_till`",
                "untyped.md:1: missing-metadata: dokumentet saknar `typ`, `beslutad_av`, `beslutad` och `aktualitetsprövas` eller `giltig_till`",
            ]
        );
    }

    #[test]
    fn complete_plain_draft_register_and_unreadable_documents_pass() {
        let fixture = "\
<!-- file: komplett.md -->
---
typ: plan
beslutad_av: KS
beslutad: 2023-01-01
giltig_till: 2025-12-31
---
<!-- file: plain.md -->
# Bara Markdown

Ingen front matter alls.
<!-- file: tom.md -->
---
---
<!-- file: trasig.md -->
---
titel: [oavslutad
typ: plan
---
<!-- file: utkast.md -->
---
typ: plan
status: utkast
---
<!-- file: upphavd.md -->
---
typ: plan
status: upphävd
---
<!-- file: register.md -->
---
typ: register
---
<!-- file: feldatum.md -->
---
typ: plan
beslutad_av: KS
beslutad: 2023-02-30
aktualitetsprövas: snart
---
";
        assert_eq!(check("missing-metadata", fixture), Vec::<String>::new());
    }

    #[test]
    fn an_empty_value_is_missing() {
        let fixture = "\
<!-- file: a.md -->
---
typ: plan
beslutad_av:
beslutad: 2023-01-01
giltig_till: 2025-12-31
---
";
        assert_eq!(
            check("missing-metadata", fixture),
            ["a.md:2: missing-metadata: dokumentet (plan) saknar `beslutad_av`"]
        );
    }

    #[test]
    fn requirements_are_configurable_per_type() {
        let fixture = "\
<!-- file: rutin.md -->
---
typ: rutin
beslutad: 2023-01-01
---
<!-- file: register.md -->
---
typ: register
---
";
        let corpus = crate::testing::corpus(fixture);
        let mut settings = Settings::new(Date::parse("2023-11-30").expect("date"));
        settings.select = Some(std::iter::once("missing-metadata".to_string()).collect());
        let m = &mut settings.requirements.metadata;
        m.set("procedure", &["typ".into(), "owner".into()])
            .expect("ok");
        m.set("register", &["ansvarig".into()]).expect("ok");
        let d = lint(&corpus, &settings);
        assert_eq!(
            render(&corpus, &d),
            [
                "register.md:2: missing-metadata: dokumentet (register) saknar `ansvarig`",
                "rutin.md:2: missing-metadata: dokumentet (rutin) saknar `ansvarig`",
            ]
        );
    }
}

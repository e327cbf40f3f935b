use crate::doclist::titles;
use crate::macros::declare_rule;
use crate::{Context, Rule, RuleMeta};
use styrlint_graph::hierarchy::{Hierarchy, fingerprint_matches, version_date};
use styrlint_graph::{Corpus, DocId};
use styrlint_parse::frontmatter::{key_names, yaml_scalar};
use styrlint_parse::{Date, Diagnostic, Document, Key, ReviewStamp, Status};

declare_rule! {
    /// A document adopted or revised before the latest revision of a document it builds on, and not reviewed since.
    ///
    /// ## What it flags
    ///
    /// A `bygger_på` / `derives_from` entry of a document in force whose
    /// parent was adopted or revised (`beslutad`, `reviderad`) after the
    /// document itself was last adopted or revised, unless the document
    /// records that it has been read against that version:
    ///
    /// ```yaml
    /// granskad_mot:            # English: reviewed_against
    ///   Färdplan för social hållbarhet: 2023-01-30
    /// ```
    ///
    /// Each line names a parent (as in `bygger_på`) and the date of the
    /// parent's version that was read: its `reviderad`, else its `beslutad`.
    /// A date on or after the parent's latest date clears the finding; a
    /// later revision of the parent brings it back.
    ///
    /// Dates miss silent edits, so `styrlint review DOC` also stamps a
    /// fingerprint of each parent's text (`2023-01-30 sha256:5f1c9a0e…`).
    /// A parent whose text has changed since it was stamped is flagged
    /// whatever its dates say; an unchanged text clears the finding. The
    /// fingerprint covers the text after the front matter, with whitespace
    /// runs made one space, so rewrapping lines or changing the front
    /// matter does not count as a change.
    ///
    /// The help names every document that builds on the changed one,
    /// directly or through others, since a change can reach them all.
    ///
    /// Not checked: drafts, repealed and superseded documents; parents that
    /// are drafts, repealed or superseded (`stale-reference` reports
    /// building on those); parents dated after `--today`; documents or
    /// parents without any date.
    ///
    /// ## Why it matters
    ///
    /// A change in one document is not carried over to the documents that
    /// depend on it: a working description keeps describing the roles of a
    /// roadmap that has since been revised. The audit finding is not that
    /// the child must change, but that nobody has checked whether it must.
    ///
    /// ## Example
    ///
    /// ```yaml
    /// # arbetsbeskrivning.md
    /// beslutad: 2022-05-16
    /// bygger_på: [fardplan-for-social-hallbarhet]   # reviderad: 2023-01-30
    /// ```
    ///
    /// ## Fix
    ///
    /// Read the document against the new version of its parent. If it must
    /// change, revise it and set `reviderad`. If it still holds, record that
    /// without inventing a revision: add the line the help text gives under
    /// `granskad_mot`, or run `styrlint review DOC`, which writes the lines
    /// with fingerprints for every parent (it writes only the front matter,
    /// and says so).
    pub struct OutdatedDerivation {
        name: "outdated-derivation",
        severity: Warning,
        fix: false,
    }
}

impl Rule for OutdatedDerivation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let corpus = ctx.corpus;
        let h = corpus.hierarchy();
        for (i, doc) in corpus.docs.iter().enumerate() {
            if !ctx.in_scope(i) {
                continue;
            }
            if !corpus.is_held(i) {
                continue;
            }
            for p in &h.parents[i] {
                let parent = &corpus.docs[p.doc];
                if p.doc == i || parent.meta.status() != Status::InForce {
                    continue;
                }
                let parent_date = version_date(parent);
                if parent_date.is_some_and(|d| d > ctx.today) {
                    continue;
                }
                let stamp = doc
                    .meta
                    .reviewed_against
                    .iter()
                    .find(|s| corpus.resolve_doc(&s.parent.value) == Some(p.doc));
                let Some(entry) = doc.meta.derives_from.get(p.entry) else {
                    continue;
                };
                let finding = match stamp {
                    Some(s) if s.fingerprint.is_some() => {
                        let fp = s.fingerprint.as_ref().map_or("", |f| f.value.as_str());
                        if fingerprint_matches(fp, parent) {
                            continue;
                        }
                        Finding::TextChanged(s)
                    }
                    Some(s)
                        if s.version.as_ref().map(|v| v.value) >= parent_date
                            && parent_date.is_some() =>
                    {
                        continue;
                    }
                    _ => {
                        let (Some(pd), Some(cd)) = (parent_date, version_date(doc)) else {
                            continue;
                        };
                        if pd <= cd {
                            continue;
                        }
                        Finding::Dates {
                            parent: pd,
                            child: cd,
                            stale_stamp: stamp,
                        }
                    }
                };
                out.push(diagnostic(
                    corpus,
                    h,
                    i,
                    p.doc,
                    &entry.value,
                    entry.span.clone(),
                    finding,
                ));
            }
        }
    }
}

enum Finding<'a> {
    /// The parent is newer than the child, and no stamp says it was read.
    Dates {
        parent: Date,
        child: Date,
        stale_stamp: Option<&'a ReviewStamp>,
    },
    /// A stamped fingerprint no longer matches the parent's text.
    TextChanged(&'a ReviewStamp),
}

fn diagnostic(
    corpus: &Corpus,
    h: &Hierarchy,
    child: DocId,
    parent: DocId,
    written: &str,
    span: std::ops::Range<usize>,
    finding: Finding<'_>,
) -> Diagnostic {
    let doc = &corpus.docs[child];
    let other = &corpus.docs[parent];
    let lang = doc.lang;
    let title = &other.title;
    let (key_sv, key_en) = key_names(Key::ReviewedAgainst);
    let key = lang.pick(key_sv, key_en);
    let review_cmd = format!("styrlint review {}", doc.path);
    let (message, mut help, stamp_span) = match &finding {
        Finding::Dates {
            parent: pd,
            child: cd,
            stale_stamp,
        } => {
            let (p_did_sv, p_did_en) = what_happened(other, *pd);
            let (c_did_sv, c_did_en) = what_happened(doc, *cd);
            let message = lang.pick(
                format!(
                    "bygger på {title}, som {p_did_sv} {pd}, efter att dokumentet {c_did_sv} {cd}; det har inte granskats mot den versionen"
                ),
                format!(
                    "builds on {title}, which was {p_did_en} on {pd}, after this document was {c_did_en} on {cd}; it has not been reviewed against that version"
                ),
            );
            let line = format!("{}: {pd}", yaml_scalar(written));
            let write = if doc.meta.key_span(Key::ReviewedAgainst).is_some() {
                lang.pick(
                    format!("skriv raden `{line}` under `{key}:`"),
                    format!("write the line `{line}` under `{key}:`"),
                )
            } else {
                lang.pick(
                    format!("skriv `{key}: {{{line}}}` i front matter"),
                    format!("write `{key}: {{{line}}}` in the front matter"),
                )
            };
            let help = lang.pick(
                format!(
                    "Läs dokumentet mot {title} i versionen från {pd}. Behöver det ändras: revidera det och sätt `reviderad`. Stämmer det fortfarande: {write}, eller kör `{review_cmd}`, som även sparar ett fingeravtryck av texten."
                ),
                format!(
                    "Read the document against {title} as of {pd}. If it must change, revise it and set `revised`. If it still holds, {write}, or run `{review_cmd}`, which also stamps a fingerprint of the text."
                ),
            );
            (message, help, stale_stamp.map(|s| s.span.clone()))
        }
        Finding::TextChanged(s) => {
            let since = s
                .version
                .as_ref()
                .map(|v| {
                    lang.pick(
                        format!(" (versionen från {})", v.value),
                        format!(" (the version of {})", v.value),
                    )
                })
                .unwrap_or_default();
            let message = lang.pick(
                format!(
                    "texten i {title} har ändrats sedan dokumentet granskades mot den{since}"
                ),
                format!(
                    "the text of {title} has changed since this document was reviewed against it{since}"
                ),
            );
            let help = lang.pick(
                format!(
                    "Läs dokumentet mot den nuvarande texten i {title}. Behöver det ändras: revidera det och sätt `reviderad`. Stämmer det fortfarande: kör `{review_cmd}` för att stämpla det nya fingeravtrycket under `{key}`."
                ),
                format!(
                    "Read the document against the current text of {title}. If it must change, revise it and set `revised`. If it still holds, run `{review_cmd}` to stamp the new fingerprint under `{key}`."
                ),
            );
            (message, help, Some(s.span.clone()))
        }
    };
    let impacted = h.dependents(parent);
    if !impacted.is_empty() {
        let list = titles(corpus, &impacted, lang, 12);
        help.push_str(&lang.pick(
            format!(" Alla dokument som bygger på {title}, direkt eller indirekt: {list}."),
            format!(" Every document that builds on {title}, directly or indirectly: {list}."),
        ));
    }
    let mut d = Diagnostic::new(
        OutdatedDerivation::META.name,
        OutdatedDerivation::META.default_severity,
        &doc.path,
        span,
        message,
    )
    .with_help(help);
    if let Some(s) = other.meta.revised.as_ref().or(other.meta.adopted.as_ref()) {
        d = d.with_related(
            &other.path,
            s.span.clone(),
            lang.pick("den senaste versionen", "the latest version"),
        );
    }
    if let Some(s) = stamp_span {
        d = d.with_related(&doc.path, s, lang.pick("granskad mot", "reviewed against"));
    }
    d
}

/// "reviderades"/"revised" when `date` is the document's revision date,
/// else "beslutades"/"adopted".
fn what_happened(doc: &Document, date: Date) -> (&'static str, &'static str) {
    if doc.meta.revised.as_ref().is_some_and(|r| r.value == date) {
        ("reviderades", "revised")
    } else {
        ("beslutades", "adopted")
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{render, run, run_at};
    use styrlint_graph::hierarchy::fingerprint;

    const FIXTURE: &str = "\
<!-- file: fardplan.md -->
---
titel: Färdplan för social hållbarhet
typ: färdplan
beslutad: 2022-03-07
reviderad: 2023-01-30
---
# Färdplan för social hållbarhet

Text.
<!-- file: grupp.md -->
---
titel: Arbetsbeskrivning
typ: arbetsbeskrivning
beslutad: 2022-05-16
bygger_på:
  - fardplan
---
<!-- file: uppdragsplan.md -->
---
titel: Uppdragsplan
beslutad: 2023-01-30
bygger_på: [Färdplan för social hållbarhet]
---
<!-- file: rutin.md -->
---
titel: Rutin
beslutad: 2023-06-01
bygger_på: [Arbetsbeskrivning]
---
";

    #[test]
    fn a_child_older_than_its_parents_revision_is_flagged() {
        let (c, d) = run(Some("outdated-derivation"), FIXTURE);
        assert_eq!(
            render(&c, &d),
            [
                "grupp.md:6: outdated-derivation: bygger på Färdplan för social hållbarhet, som reviderades 2023-01-30, efter att dokumentet beslutades 2022-05-16; det har inte granskats mot den versionen"
            ]
        );
        let help = d[0].help.as_deref().unwrap_or("");
        assert!(
            help.contains("skriv `granskad_mot: {fardplan: 2023-01-30}` i front matter"),
            "{help}"
        );
        assert!(help.contains("`styrlint review grupp.md`"), "{help}");
        // Every depth: the rutin builds on the arbetsbeskrivning.
        assert!(
            help.ends_with("direkt eller indirekt: Arbetsbeskrivning, Uppdragsplan och Rutin."),
            "{help}"
        );
        assert_eq!(d[0].related[0].path, "fardplan.md");
    }

    #[test]
    fn a_follow_up_report_is_a_record_and_is_not_held_to_its_parent() {
        // A report of how the plan went is right about its own day.
        let fixture = FIXTURE.replace("titel: Uppdragsplan", "titel: Uppföljning 2023");
        let (c, d) = run(Some("outdated-derivation"), &fixture);
        assert!(
            render(&c, &d)
                .iter()
                .all(|l| !l.starts_with("uppdragsplan.md")),
            "{:?}",
            render(&c, &d)
        );
        assert!(c.is_fixed(c.doc_by_path("uppdragsplan.md").unwrap()));
    }

    #[test]
    fn a_child_of_the_same_day_or_later_passes() {
        // uppdragsplan.md is dated the day of the revision: not flagged above.
        let fixture = FIXTURE.replace("beslutad: 2022-05-16", "beslutad: 2023-01-31");
        assert_eq!(
            run(Some("outdated-derivation"), &fixture).1,
            Vec::<styrlint_parse::Diagnostic>::new()
        );
    }

    #[test]
    fn a_review_date_clears_it_until_the_next_revision() {
        for (stamp, flagged) in [
            ("granskad_mot: {fardplan: 2023-01-30}", false),
            (
                "granskad_mot:\n  Färdplan för social hållbarhet: 2023-02-01",
                false,
            ),
            ("granskad_mot: {fardplan: 2023-01-29}", true),
            ("granskad_mot: {uppdragsplan: 2024-01-01}", true),
        ] {
            let fixture = FIXTURE.replace(
                "bygger_på:\n  - fardplan",
                &format!("bygger_på:\n  - fardplan\n{stamp}"),
            );
            let (c, d) = run(Some("outdated-derivation"), &fixture);
            assert_eq!(
                d.len(),
                usize::from(flagged),
                "{stamp}: {:?}",
                render(&c, &d)
            );
        }
        let fixture = FIXTURE
            .replace(
                "  - fardplan",
                "  - fardplan\ngranskad_mot: {fardplan: 2023-01-30}",
            )
            .replace("reviderad: 2023-01-30", "reviderad: 2023-09-01");
        let (c, d) = run(Some("outdated-derivation"), &fixture);
        assert_eq!(
            render(&c, &d)[0],
            "grupp.md:6: outdated-derivation: bygger på Färdplan för social hållbarhet, som reviderades 2023-09-01, efter att dokumentet beslutades 2022-05-16; det har inte granskats mot den versionen"
        );
        assert!(
            d[0].help
                .as_deref()
                .unwrap_or("")
                .contains("skriv raden `fardplan: 2023-09-01` under `granskad_mot:`")
        );
        assert_eq!(d.len(), 2, "uppdragsplan is now older too");
    }

    #[test]
    fn fingerprints_catch_silent_edits_and_clear_unchanged_text() {
        let parent = crate::testing::corpus(FIXTURE);
        let fp = fingerprint(&parent.docs[0]);
        let stamped = FIXTURE.replace(
            "  - fardplan",
            &format!("  - fardplan\ngranskad_mot:\n  fardplan: 2022-03-07 {fp}"),
        );
        // Unchanged text: cleared although the stamp's date is older.
        assert!(run(Some("outdated-derivation"), &stamped).1.is_empty());
        // Rewrapped and front matter changed: still the same text.
        let rewrapped = stamped.replace(
            "# Färdplan för social hållbarhet\n\nText.",
            "# Färdplan för social hållbarhet\n\n  Text.  ",
        );
        assert!(run(Some("outdated-derivation"), &rewrapped).1.is_empty());
        // A silent edit: no new date, different text.
        let edited = stamped.replace("\nText.\n", "\nAnnan text.\n");
        let (c, d) = run_at(Some("outdated-derivation"), &edited, "2023-11-30");
        assert_eq!(
            render(&c, &d),
            [
                "grupp.md:6: outdated-derivation: texten i Färdplan för social hållbarhet har ändrats sedan dokumentet granskades mot den (versionen från 2022-03-07)"
            ]
        );
        assert!(
            d[0].help
                .as_deref()
                .unwrap_or("")
                .contains("kör `styrlint review grupp.md`")
        );
        assert_eq!(d[0].related.len(), 2);
    }

    #[test]
    fn drafts_gone_parents_future_and_undated_documents_pass() {
        let fixture = "\
<!-- file: p.md -->
---
beslutad: 2023-05-01
status: upphävd
---
<!-- file: q.md -->
---
beslutad: 2023-05-01
status: utkast
---
<!-- file: f.md -->
---
beslutad: 2024-05-01
---
<!-- file: n.md -->
---
titel: Odaterad
---
<!-- file: a.md -->
---
beslutad: 2020-01-01
bygger_på: [p, q, f, n]
---
<!-- file: b.md -->
---
status: utkast
beslutad: 2020-01-01
bygger_på: [f]
---
<!-- file: c.md -->
---
bygger_på: [f]
---
";
        assert_eq!(
            run_at(Some("outdated-derivation"), fixture, "2024-01-01").1,
            Vec::<styrlint_parse::Diagnostic>::new()
        );
        // On the day f is adopted it counts.
        let (c, d) = run_at(Some("outdated-derivation"), fixture, "2024-05-01");
        assert_eq!(render(&c, &d).len(), 1, "{:?}", render(&c, &d));
    }
}

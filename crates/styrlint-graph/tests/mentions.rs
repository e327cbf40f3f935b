//! The mention matcher on whole documents.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use styrlint_graph::{Corpus, MentionKind, Options, Target};
use styrlint_parse::{Lang, parse};

fn corpus(register: &str, doc: &str) -> Corpus {
    let docs = vec![
        parse("register.md", register, Lang::Sv),
        parse("doc.md", doc, Lang::Sv),
    ];
    let files: BTreeSet<String> = ["register.md", "doc.md"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    Corpus::new(docs, files, Options::default())
}

/// (written text, body name) for every named body mention in doc.md.
fn named(c: &Corpus) -> Vec<(String, String)> {
    let di = c.doc_by_path("doc.md").unwrap();
    let text = &c.docs[di].text;
    c.mentions[di]
        .iter()
        .filter_map(|m| match (&m.kind, m.target()) {
            (MentionKind::Named { .. }, Some(Target::Body(b))) => {
                Some((text[m.span.clone()].to_string(), c.bodies[b].name.clone()))
            }
            _ => None,
        })
        .collect()
}

const SV_REGISTER: &str = "\
| Organ | Alias |
|---|---|
| Sociala hållbarhetsutskottet | |
| Politisk styrgrupp | |
| Barn- och ungdomsnämnden | BUN |
| Integrationsrådet | |
| Kommunstyrelsens presidium | |
| Kontoret för hållbart samhälle | |
| Omsorgsförvaltningen | |
| AB Eidar | Eidar, bolaget Eidar |
| Eidars styrelse | |
";

#[test]
fn swedish_inflections_are_found() {
    let c = corpus(
        SV_REGISTER,
        "Det sociala hållbarhetsutskottets beslut. Den politiska styrgruppen och politiska styrgrupper.\n\
         Barn- och ungdomsnämndens ansvar, BUN:s budget och barn- och ungdomsnämnden.\n\
         Integrationsrådets yttrande, integrationsråden. Kommunstyrelsens presidiums ordförande.\n\
         Kontorets för hållbart samhälle? Nej: Kontoret för hållbart samhälles uppdrag.\n\
         Omsorgsförvaltningens chef. Eidars styrelse beslutar; Eidar äger.\n",
    );
    let found = named(&c);
    let written: Vec<&str> = found.iter().map(|(w, _)| w.as_str()).collect();
    assert_eq!(
        written,
        [
            "sociala hållbarhetsutskottets",
            "politiska styrgruppen",
            "Barn- och ungdomsnämndens",
            "BUN:s",
            "barn- och ungdomsnämnden",
            "Integrationsrådets",
            "Kommunstyrelsens presidiums",
            "Kontorets för hållbart samhälle",
            "Kontoret för hållbart samhälles",
            "Omsorgsförvaltningens",
            "Eidars styrelse",
            "Eidar",
        ]
    );
    assert_eq!(found[10].1, "Eidars styrelse", "the longest name wins");
    assert_eq!(found[11].1, "AB Eidar");
}

#[test]
fn base_form_is_told_apart_from_inflection() {
    let c = corpus(
        SV_REGISTER,
        "Integrationsrådet och integrationsrådets. BUN och BUN:s.\n",
    );
    let di = c.doc_by_path("doc.md").unwrap();
    let base: Vec<bool> = c.mentions[di]
        .iter()
        .map(|m| {
            matches!(
                m.kind,
                MentionKind::Named {
                    base_form: true,
                    ..
                }
            )
        })
        .collect();
    assert_eq!(base, [true, false, true, false]);
}

#[test]
fn english_variants_longest_match_links_headings_and_no_code() {
    let register = "\
| Body | Aliases |
|---|---|
| WG-Serving | |
| CNCF SIG Security | |
| SIG Security | |
| Governing Board | the Board |
| Steering Committee | |
";
    let doc = "\
---
title: Charter
---
# The Steering Committee's charter

WG Serving, WG-Serving and wg-serving meet. CNCF SIG Security and SIG Security differ.
See [the Board](x.md); the Board's decision; the steering committees.
`Governing Board` in code is not a mention.

```
Steering Committee
```
";
    let c = corpus(register, doc);
    let found = named(&c);
    assert_eq!(
        found,
        [
            (
                "Steering Committee's".to_string(),
                "Steering Committee".to_string()
            ),
            ("WG Serving".into(), "WG-Serving".into()),
            ("WG-Serving".into(), "WG-Serving".into()),
            ("CNCF SIG Security".into(), "CNCF SIG Security".into()),
            ("SIG Security".into(), "SIG Security".into()),
            ("the Board".into(), "Governing Board".into()),
            ("the Board's".into(), "Governing Board".into()),
        ]
    );
}

#[test]
fn nfd_text_matches_and_spans_point_into_the_original() {
    let doc = "Integrationsra\u{30a}dets yttrande.\n";
    let c = corpus(SV_REGISTER, doc);
    let found = named(&c);
    assert_eq!(
        found,
        [(
            "Integrationsra\u{30a}dets".to_string(),
            "Integrationsrådet".to_string()
        )]
    );
}

#[test]
fn register_tables_are_declarations_not_mentions() {
    let c = corpus(SV_REGISTER, "Ingen nämns här.\n");
    let ri = c.doc_by_path("register.md").unwrap();
    assert!(c.mentions[ri].is_empty(), "{:?}", c.mentions[ri]);
}

#[test]
fn the_matcher_cost_does_not_depend_on_register_size() {
    // Not a timing test: the number of trie steps per word is bounded by the
    // longest name, whatever the register holds. A register of 5,000 bodies
    // still finds exactly the mentions a small one does.
    let mut big = String::from(SV_REGISTER);
    for i in 0..5000 {
        big.push_str(&format!("| Arbetsgrupp nummer {i} | AG{i} |\n"));
    }
    let doc = "Integrationsrådets yttrande och AG4711:s rapport.\n";
    let c = corpus(&big, doc);
    let found = named(&c);
    assert_eq!(
        found,
        [
            (
                "Integrationsrådets".to_string(),
                "Integrationsrådet".to_string()
            ),
            (
                "AG4711:s".to_string(),
                "Arbetsgrupp nummer 4711".to_string()
            ),
        ]
    );
}

/// (written text, body name) for every named body mention in doc.md, with
/// a register of the given rows (`| name | alias |`).
fn found_with(rows: &str, doc: &str) -> Vec<(String, String)> {
    let register = format!("| Organ | Alias |\n|---|---|\n{rows}");
    named(&corpus(&register, doc))
}

#[test]
fn acronyms_match_only_as_written_and_never_ordinary_words() {
    let rows = "\
| Kommunstyrelsen | KS |
| Special Interest Group | SIG |
| IT-avdelningen | IT |
| Vård- och omsorgsdelegationen | VAD |
| Socialnämnden | SoN |
| Medicinska delegationen | MEDA |
| Technical Advisory Group | TAG |
";
    let none = found_with(
        rows,
        "Han satte sig ner. Ta tag i det nu. It works. Vad gäller det? Hennes son kom medan vi åt.\n\
         Ärende KS2019/123/TAG och SIG-2 och sig-security. Skriv till ks@example.org eller se \
         https://example.org/ks/son och org-sigs/tool.\n",
    );
    assert_eq!(none, Vec::<(String, String)>::new());
    // In a Swedish compound the acronym is a mention ("TAG-mötet" is
    // TAG's meeting); with a number it is a code ("SIG-2").
    let some = found_with(
        rows,
        "KS:s beslut. The SIG's plan and two SIGs. SoN beslutar. TAG-mötet.\n",
    );
    let written: Vec<&str> = some.iter().map(|(w, _)| w.as_str()).collect();
    assert_eq!(written, ["KS:s", "SIG's", "SIGs", "SoN", "TAG"]);
    // An alias written in lower case and as short as an ordinary word is
    // never one.
    let lower = found_with(
        "| Special Interest Group | sig, tag |\n",
        "Han satte sig. Ta tag i det.\n",
    );
    assert_eq!(lower, Vec::<(String, String)>::new());
}

#[test]
fn proper_names_keep_their_capital_and_take_a_genitive_only() {
    let rows = "| Delta | |\n| End Users | |\n| AB Eidar | Eidar |\n";
    let found = found_with(
        rows,
        "Alla deltar i mötet, och delta får alla som vill. Deltas ordförande kallar till möte. Delta möts och Eidars styrelse med.\n",
    );
    let written: Vec<&str> = found.iter().map(|(w, _)| w.as_str()).collect();
    assert_eq!(written, ["Deltas", "Delta", "Eidars"]);
    let found = found_with(
        rows,
        "End Users meets in the spring; end users are welcome to the meetings; see the end-users guide.\n",
    );
    let written: Vec<&str> = found.iter().map(|(w, _)| w.as_str()).collect();
    assert_eq!(written, ["End Users"]);
}

#[test]
fn a_name_inside_a_longer_name_or_compound_is_not_a_mention() {
    let rows = "| Rådet | |\n| Fritidsnämnden | |\n| CoC WG | |\n| Board | |\n";
    let found = found_with(
        rows,
        "Norra Rådet möts. Kultur- och fritidsnämnden beslutar. The AMP CoC WG meets.\n\
         Rådet möts. Fritidsnämnden beslutar. The CoC WG meets. A Board member resigned.\n",
    );
    let written: Vec<&str> = found.iter().map(|(w, _)| w.as_str()).collect();
    assert_eq!(written, ["Rådet", "Fritidsnämnden", "CoC WG"]);
}

#[test]
fn invisible_characters_do_not_hide_a_name_and_an_abbreviation_is_one_mention() {
    let rows = "| Miljönämnden | MN |\n";
    let found = found_with(
        rows,
        "Miljö\u{ad}nämnden beslutar. Miljö\u{200b}nämndens ordförande. Miljönämnden (MN) bereder.\n",
    );
    assert_eq!(
        found,
        [
            ("Miljö\u{ad}nämnden".to_string(), "Miljönämnden".to_string()),
            (
                "Miljö\u{200b}nämndens".to_string(),
                "Miljönämnden".to_string()
            ),
            ("Miljönämnden (MN)".to_string(), "Miljönämnden".to_string()),
        ]
    );
}

#[test]
fn a_document_titled_with_a_body_name_does_not_hide_the_body() {
    let docs = vec![
        parse(
            "register.md",
            "| Organ | Alias |\n|---|---|\n| Arbetsgruppen för trygghet | |\n",
            Lang::Sv,
        ),
        parse(
            "trygghet.md",
            "# Arbetsgruppen för trygghet\n\nGruppen möts.\n",
            Lang::Sv,
        ),
        parse("policy.md", "Ingen rubrik här.\n", Lang::Sv),
        parse(
            "doc.md",
            "Arbetsgruppen för trygghet möts. Se [Arbetsgruppen för trygghet](trygghet.md). Enligt policy gäller det.\n",
            Lang::Sv,
        ),
    ];
    let files: BTreeSet<String> = ["register.md", "trygghet.md", "policy.md", "doc.md"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let c = Corpus::new(docs, files, Options::default());
    let di = c.doc_by_path("doc.md").unwrap();
    let targets: Vec<Option<Target>> = c.mentions[di].iter().map(|m| m.target()).collect();
    let body = c.resolve_body("Arbetsgruppen för trygghet").unwrap();
    let doc = c.doc_by_path("trygghet.md").unwrap();
    // In running text the name means the body; inside a link, the
    // document; the file stem "policy" of an untitled document is no name.
    assert_eq!(targets, [Some(Target::Body(body)), Some(Target::Doc(doc))]);
}

#[test]
fn a_quoted_alias_may_hold_a_comma() {
    let found = found_with(
        "| DEI WG | \"Diversity, Equity & Inclusion\", DEI |\n",
        "The Diversity, Equity & Inclusion group meets. DEI too.\n",
    );
    let written: Vec<&str> = found.iter().map(|(w, _)| w.as_str()).collect();
    assert_eq!(written, ["Diversity, Equity & Inclusion", "DEI"]);
}

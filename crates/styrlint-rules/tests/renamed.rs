//! No rule knows a name: the same corpus with every body renamed (register
//! and text together) gives the same findings.

#![allow(clippy::unwrap_used)]

use styrlint_rules::testing::{render, run};

const CORPUS: &str = "\
<!-- file: register.md -->
---
typ: register
---
| Organ | Typ | Alias | Avvecklad | Ersatt av | Rapporterar till | Del av |
|---|---|---|---|---|---|---|
| Kommunfullmäktige | fullmäktige | KF | | | | |
| Kommunstyrelsen | styrelse | KS | | | Kommunfullmäktige | |
| Utskott Agenda 2030 | utskott | | | | Kommunstyrelsen | Kommunstyrelsen |
| Hållbarhetsutskottet | utskott | | 2023-01-31 | Utskott Agenda 2030 | Kommunstyrelsen | |
| Politisk styrgrupp | styrgrupp | | | | Kommunstyrelsen | |
| Styrgrupp Agenda 2030 | styrgrupp | | | | Politisk styrgrupp | |
| Operativ styrgrupp | styrgrupp | | 2023-09-01 | Styrgrupp Agenda 2030 | Styrgrupp Agenda 2030 | |
| Processledare | roll | | | | Styrgrupp Agenda 2030 | |
| Bostadsbolaget Eidar | bolag | Eidar | | | Moderbolaget | |
| Moderbolaget | bolag | | | | Kommunfullmäktige | |
<!-- file: delegation.md -->
---
typ: delegationsordning
beslutad_av: Kommunstyrelsen
---
| Ärende | Delegat |
|---|---|
| Fördelning av anslaget för sociala investeringar | Utskott Agenda 2030 |
| Prioritering av insatser | Politisk styrgrupp |
<!-- file: plan.md -->
---
typ: färdplan
beslutad_av: Kommunstyrelsen
beslutad: 2022-03-01
---
# Färdplan

Utskott Agenda 2030 bereder ärenden om färdplanen. Rapport lämnas till hållbarhetsutskottet.

## Mål

- Fler unga kommer i arbete.

## Roller och ansvar

**Politisk styrgrupp:** fattar beslut om prioriteringar.

**Styrgrupp Agenda 2030:** fastställer arbetsplanen.

**Operativ styrgrupp:** stödjer processledaren.

**Processledare:** Processledaren rapporterar till styrgruppen.

**Eidar:** återrapporterar till Moderbolaget.
<!-- file: other.md -->
---
typ: plan
beslutad: 2023-05-01
---
# Annan plan

Styrgrupp Agenda 2030 beslutar om fördelning av anslaget för sociala investeringar.

## Uppföljning

Kommunstyrelsen följer upp planen i mars.
";

/// Every body name replaced by an invented one, in register and text alike.
const RENAMES: &[(&str, &str)] = &[
    ("Kommunfullmäktige", "Bygdefullmäktige"),
    ("Kommunstyrelsen", "Bygdestyrelsen"),
    ("KF", "BF"),
    ("KS", "BS"),
    ("Utskott Agenda 2030", "Utskott Framtid 2040"),
    ("Hållbarhetsutskottet", "Miljövårdsutskottet"),
    ("hållbarhetsutskottet", "miljövårdsutskottet"),
    ("Politisk styrgrupp", "Förtroendestyrgrupp"),
    ("Styrgrupp Agenda 2030", "Styrgrupp Framtid 2040"),
    ("Operativ styrgrupp", "Verkställande styrgrupp"),
    ("Processledare", "Samordnare"),
    ("processledaren", "samordnaren"),
    ("Processledaren", "Samordnaren"),
    ("Bostadsbolaget Eidar", "Hyresbolaget Bovik"),
    ("Eidar", "Bovik"),
    ("Moderbolaget", "Koncernbolaget"),
];

fn findings(corpus: &str) -> Vec<String> {
    let (c, d) = run(None, corpus);
    render(&c, &d)
        .into_iter()
        .map(|l| l.split(": ").take(2).collect::<Vec<_>>().join(": "))
        .collect()
}

#[test]
fn renaming_every_body_changes_no_finding() {
    let mut renamed = CORPUS.to_string();
    // Longest names first, so that "Styrgrupp Agenda 2030" is renamed before
    // "Agenda 2030" could be touched by a shorter one.
    let mut map = RENAMES.to_vec();
    map.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
    for (from, to) in map {
        renamed = renamed.replace(from, to);
    }
    assert!(!renamed.contains("Eidar") && !renamed.contains("Kommunstyrelsen"));
    let before = findings(CORPUS);
    let after = findings(&renamed);
    // The corpus exercises the name-sensitive rules.
    for rule in [
        "stale-reference",
        "ambiguous-reference",
        "unbacked-mandate",
        "undefined-role",
        "reporting-gap",
        "conflicting-mandate",
        "invalid-delegation",
        "goal-without-indicator",
    ] {
        assert!(
            before.iter().any(|f| f.contains(rule)),
            "{rule} not exercised: {before:#?}"
        );
    }
    assert_eq!(before, after);
}

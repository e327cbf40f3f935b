//! Parser behaviour on whole documents.

use styrlint_parse::{BlockKind, Date, Lang, LinkKind, Severity, Status, parse};

fn doc(text: &str) -> styrlint_parse::Document {
    parse("dir/plan.md", text, Lang::Sv)
}

fn sentences(d: &styrlint_parse::Document) -> Vec<String> {
    d.blocks
        .iter()
        .flat_map(|b| {
            b.sentences
                .iter()
                .map(|r| b.text.as_str()[r.clone()].to_string())
        })
        .collect()
}

#[test]
fn swedish_english_and_ascii_keys_are_all_read() {
    for (fm, lang) in [
        (
            "titel: Plan\ntyp: plan\nbeslutad_av: Kommunstyrelsen\nbeslutad: 2022-03-01\nreviderad: 2023-01-10\ngiltig_till: 2025-12-31\naktualitetsprövas: 2024-06-30\nansvarig: Kontoret\nbygger_på: [Strategi A, Policy B]\nersätter: Gammal plan\nstatus: gällande\nalias: [planen]\ngäller_för: [Nämnd A]\n",
            "sv",
        ),
        (
            "title: Plan\ntype: plan\ndecided_by: Kommunstyrelsen\nadopted: 2022-03-01\nrevised: 2023-01-10\nvalid_until: 2025-12-31\nreview_by: 2024-06-30\nowner: Kontoret\nderives_from: [Strategi A, Policy B]\nreplaces: Gammal plan\nstatus: in force\naliases: [planen]\napplies_to: [Nämnd A]\n",
            "en",
        ),
        (
            "titel: Plan\ntyp: plan\nbeslutad_av: Kommunstyrelsen\nbeslutad: 2022-03-01\nreviderad: 2023-01-10\ngiltig_till: 2025-12-31\naktualitetsprovas: 2024-06-30\nansvarig: Kontoret\nbygger_pa:\n  - Strategi A\n  - Policy B\nersatter: Gammal plan\nstatus: gallande\nalias: planen\ngaller_for: Nämnd A\n",
            "ascii",
        ),
    ] {
        let d = doc(&format!("---\n{fm}---\n# Rubrik\n\nText.\n"));
        assert!(d.diagnostics.is_empty(), "{lang}: {:?}", d.diagnostics);
        let m = &d.meta;
        assert_eq!(d.title, "Plan", "{lang}");
        assert_eq!(m.doc_type.as_ref().unwrap().value, "plan");
        assert_eq!(m.decided_by.as_ref().unwrap().value, "Kommunstyrelsen");
        assert_eq!(
            m.adopted.as_ref().unwrap().value,
            Date::parse("2022-03-01").unwrap()
        );
        assert_eq!(
            m.revised.as_ref().unwrap().value,
            Date::parse("2023-01-10").unwrap()
        );
        assert_eq!(
            m.valid_until.as_ref().unwrap().value,
            Date::parse("2025-12-31").unwrap()
        );
        assert_eq!(
            m.review_by.as_ref().unwrap().value,
            Date::parse("2024-06-30").unwrap()
        );
        assert_eq!(m.owner.as_ref().unwrap().value, "Kontoret");
        let parents: Vec<_> = m.derives_from.iter().map(|s| s.value.as_str()).collect();
        assert_eq!(parents, ["Strategi A", "Policy B"], "{lang}");
        assert_eq!(m.replaces[0].value, "Gammal plan");
        assert_eq!(m.status(), Status::InForce);
        assert_eq!(m.aliases[0].value, "planen");
        assert_eq!(m.applies_to[0].value, "Nämnd A");
        // Spans point at the values in the original text.
        let text = &d.text;
        let span = m.decided_by.as_ref().unwrap().span.clone();
        assert_eq!(&text[span], "Kommunstyrelsen");
        let span = m.derives_from[1].span.clone();
        assert_eq!(&text[span], "Policy B");
        let span = m.applies_to[0].span.clone();
        assert_eq!(&text[span], "Nämnd A");
        let span = m.key_span(styrlint_parse::Key::AppliesTo).unwrap();
        assert!(
            matches!(&text[span], "gäller_för" | "applies_to" | "galler_for"),
            "{lang}"
        );
    }
}

#[test]
fn id_and_title_defaults() {
    let d = doc("# Färdplan för social hållbarhet\n\nText.\n");
    assert_eq!(d.id, "plan");
    assert_eq!(d.title, "Färdplan för social hållbarhet");
    let d = doc("Bara text.\n");
    assert_eq!(d.title, "plan");
    let d = doc("---\nid: fp-1\n---\nText.\n");
    assert_eq!(d.id, "fp-1");
    assert_eq!(d.title, "fp-1");
}

#[test]
fn metadata_problems_are_diagnostics_not_failures() {
    let d = doc("---\ntitel: [oavslutad\n---\nText.\n");
    assert_eq!(d.diagnostics.len(), 1, "{:?}", d.diagnostics);
    assert_eq!(d.diagnostics[0].rule, "invalid-metadata");
    assert!(d.diagnostics[0].message.contains("YAML"));

    let d = doc(
        "---\ntitel: A\nbeslutad: 2023-02-30\nreviderad: 23-1-1\nstatus: kanske\nfärg: blå\ntitel: B\nbygger_på: {a: b}\n---\n",
    );
    let msgs: Vec<_> = d
        .diagnostics
        .iter()
        .map(|d| (d.severity, d.message.as_str()))
        .collect();
    assert_eq!(msgs.len(), 6, "{msgs:#?}");
    assert!(msgs.contains(&(
        Severity::Error,
        "`beslutad`: datumet `2023-02-30` finns inte"
    )));
    assert!(msgs.contains(&(
        Severity::Error,
        "`reviderad`: `23-1-1` är inte ett datum på formen ÅÅÅÅ-MM-DD"
    )));
    assert!(msgs.contains(&(Severity::Error, "okänd status `kanske`")));
    assert!(msgs.contains(&(Severity::Warning, "okänd nyckel `färg` i front matter")));
    assert!(msgs.contains(&(
        Severity::Error,
        "nyckeln `titel` står två gånger i front matter"
    )));
    assert!(msgs.contains(&(
        Severity::Error,
        "`bygger_på` ska vara en lista, inte en tabell av nycklar"
    )));
    let bad = d
        .diagnostics
        .iter()
        .find(|x| x.message.contains("2023-02-30"))
        .unwrap();
    assert_eq!(&d.text[bad.span.clone()], "2023-02-30");
    assert_eq!(d.title, "A");

    let d = doc("---\ntitel: A\n\tbeslutad: 2023-01-01\n---\n");
    assert_eq!(d.diagnostics.len(), 1);
    assert!(d.diagnostics[0].message.contains("YAML"));

    let d = doc("---\ntitel: A\nText utan slut.\n");
    assert_eq!(
        d.diagnostics[0].message,
        "front matter öppnas med `---` men stängs aldrig"
    );

    let d = doc("---\nbeslutad: [2023-01-01]\n---\n");
    assert_eq!(
        d.diagnostics[0].message,
        "`beslutad` ska vara ett datum (ÅÅÅÅ-MM-DD), inte en lista"
    );
}

#[test]
fn foreign_front_matter_is_not_judged() {
    // A site generator's keys beside a title: not styrlint's business.
    let d = doc("---\ntitle: Om oss\nweight: 3\ndescription: Text\n---\n# Om oss\n");
    assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
    assert_eq!(d.title, "Om oss");
    let d = doc("---\ntitle: SIGs\ntype: docs\nweight: 3\n---\n");
    assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
    assert!(!d.meta.is_steering());
    assert!(doc("---\ntyp: plan\n---\n").meta.is_steering());
    assert!(doc("---\ntype: plan\n---\n").meta.is_steering());
    // As soon as a styrlint key is there, unknown keys are reported.
    let d = doc("---\ntyp: plan\nweight: 3\n---\n");
    assert_eq!(d.diagnostics.len(), 1);
}

#[test]
fn a_folder_readme_is_named_after_its_folder() {
    assert_eq!(
        parse("planer/miljo/README.md", "# Miljö\n", Lang::Sv).id,
        "planer/miljo"
    );
    assert_eq!(parse("README.md", "# Start\n", Lang::Sv).id, "README");
    assert_eq!(parse("a/index.md", "# A\n", Lang::Sv).id, "a");
}

#[test]
fn unknown_key_suggests_the_nearest() {
    let d = doc("---\nbyger_på: A\n---\n");
    assert_eq!(
        d.diagnostics[0].help.as_deref(),
        Some("Menade du `bygger_på`?")
    );
    let d = parse(
        "x.md",
        "---\nderive_from: A\n---\nThe plan is for the board and the staff.\n",
        Lang::Sv,
    );
    assert_eq!(
        d.diagnostics[0].help.as_deref(),
        Some("Did you mean `derives_from`?")
    );
}

#[test]
fn nfd_bom_and_crlf_keep_spans_in_original_bytes() {
    let text = "\u{feff}---\r\ntitel: Pla\u{308}n\r\n---\r\n# Ra\u{30a}det\r\n\r\nRa\u{30a}det beslutar. Na\u{308}mnden bereder.\r\n";
    let d = doc(text);
    assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
    assert_eq!(d.headings[0].text, "Rådet");
    assert_eq!(d.headings[0].slug, "rådet");
    let b = d
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Paragraph)
        .unwrap();
    assert_eq!(b.text.as_str(), "Rådet beslutar. Nämnden bereder.");
    let second = b.sentences[1].clone();
    assert_eq!(&b.text.as_str()[second.clone()], "Nämnden bereder.");
    let orig = b.text.to_original(second);
    assert_eq!(&text[orig], "Na\u{308}mnden bereder.");
}

#[test]
fn code_is_never_prose() {
    let d = doc(
        "Styrgruppen `Hemlig grupp` beslutar.\n\n```\nRådet i kod\n```\n\n    indraget Rådet\n",
    );
    let all = sentences(&d).join("|");
    assert!(!all.contains("Hemlig"), "{all}");
    assert!(!all.contains("Rådet"), "{all}");
    assert_eq!(d.code.len(), 3);
    let code_start = d.text.find("`Hemlig").unwrap();
    assert!(d.in_code(code_start + 2));
}

#[test]
fn links_of_every_kind_with_spans() {
    let text = "Se [strategin](../strategi.md#mål), [ref][s], <https://example.org> och ![bild](bild.png).\n\n[s]: strategi.md\n";
    let d = doc(text);
    let kinds: Vec<_> = d
        .links
        .iter()
        .map(|l| (l.kind, l.dest.as_str(), l.text.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (LinkKind::Inline, "../strategi.md#mål", "strategin"),
            (LinkKind::Reference, "strategi.md", "ref"),
            (
                LinkKind::Autolink,
                "https://example.org",
                "https://example.org"
            ),
            (LinkKind::Image, "bild.png", ""),
        ]
    );
    assert_eq!(
        &d.text[d.links[0].span.clone()],
        "[strategin](../strategi.md#mål)"
    );
    // Link text is part of the prose; image alt text is not.
    assert!(sentences(&d)[0].contains("Se strategin, ref,"));
}

#[test]
fn tables_have_header_rows_and_cell_spans() {
    let text = "## Register\n\n| Organ | Alias |\n|---|---|\n| Kommunstyrelsen | KS |\n| Rådet \\| x | |\n";
    let d = doc(text);
    let t = &d.tables[0];
    assert_eq!(
        t.header.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(),
        ["Organ", "Alias"]
    );
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[0].cells[1].text, "KS");
    assert_eq!(&d.text[t.rows[0].cells[0].span.clone()], "Kommunstyrelsen");
    assert_eq!(t.rows[1].cells[0].text, "Rådet | x");
    assert_eq!(t.rows[1].cells[1].text, "");
    assert_eq!(t.section, Some(0));
    let cell_blocks = d
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::TableCell)
        .count();
    assert_eq!(cell_blocks, 5);
}

#[test]
fn list_items_and_sections() {
    let text = "# Plan\n\n## Mål\n\n- Fler i arbete. Särskilt unga.\n- Bättre boende\n  - nästlad punkt\n\n## Historik\n\nUtskottet avvecklades.\n";
    let d = doc(text);
    let items: Vec<_> = d
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::ListItem)
        .collect();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].sentences.len(), 2);
    assert_eq!(d.headings[items[0].section.unwrap()].text, "Mål");
    assert_eq!(items[2].list_depth, 2);
    let last = d.blocks.last().unwrap();
    let path: Vec<_> = d
        .section_path(last.section)
        .iter()
        .map(|h| h.text.as_str())
        .collect();
    assert_eq!(path, ["Historik", "Plan"]);
}

#[test]
fn detects_english_documents() {
    let d = parse(
        "x.md",
        "# Charter\n\nThe Board is responsible for the plan and the budget of the foundation.\n",
        Lang::Sv,
    );
    assert_eq!(d.lang, Lang::En);
}

#[test]
fn review_stamps_are_read_in_every_spelling() {
    for key in ["granskad_mot", "reviewed_against", "Granskad-mot"] {
        let text = format!(
            "---\nbygger_på: [Färdplan, strategi]\n{key}:\n  Färdplan: 2023-01-30\n  strategi: 2024-02-26 sha256:5F1C9A0E3B7D2A64\n  \"Policy: A\": sha256:0123456789abcdef\n---\n"
        );
        let d = doc(&text);
        assert!(d.diagnostics.is_empty(), "{key}: {:?}", d.diagnostics);
        let s = &d.meta.reviewed_against;
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].parent.value, "Färdplan");
        assert_eq!(
            s[0].version.as_ref().map(|v| v.value),
            Date::parse("2023-01-30").ok()
        );
        assert!(s[0].fingerprint.is_none());
        assert_eq!(
            &text[s[0].version.as_ref().unwrap().span.clone()],
            "2023-01-30"
        );
        assert_eq!(
            s[1].fingerprint.as_ref().unwrap().value,
            "sha256:5f1c9a0e3b7d2a64"
        );
        assert_eq!(
            &text[s[1].fingerprint.as_ref().unwrap().span.clone()],
            "sha256:5F1C9A0E3B7D2A64"
        );
        assert_eq!(s[2].parent.value, "Policy: A");
        assert!(s[2].version.is_none());
    }
}

#[test]
fn bad_review_stamps_are_diagnostics() {
    let d = doc("---\ngranskad_mot:\n  Färdplan: snart\n  Strategi:\n  Policy: 2023-02-30\n---\n");
    let msgs: Vec<_> = d.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(msgs.len(), 3, "{msgs:#?}");
    assert!(msgs[0].contains("`snart` är varken ett datum"));
    assert!(d.meta.reviewed_against.is_empty());
    let d = doc("---\ngranskad_mot: [Färdplan]\n---\n");
    assert_eq!(d.diagnostics.len(), 1);
    assert!(d.diagnostics[0].message.contains("tabell"));
}

#[test]
fn pandoc_bookmarks_are_anchors_and_leave_the_heading_text() {
    let d =
        doc("## []{#_Toc157001235 .anchor}5 Roller och ansvar\n\nSe [rollerna](#_Toc157001235).\n");
    assert_eq!(d.headings[0].text, "5 Roller och ansvar");
    assert!(d.html_anchors.contains(&"_Toc157001235".to_string()));
}

#[test]
fn a_mermaid_diagram_gives_its_node_labels_as_text_and_nothing_else() {
    let d = doc(
        "```mermaid\ngraph TD\n  GB ==> TAC([Technical Advisory Council])\n  EU[End Users]\n  A -- \"reports to\" --> B\n```\n\n```\nPlain code [Not a label]\n```\n",
    );
    let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Technical Advisory Council", "End Users", "reports to"]
    );
    // Each label's span points at its bytes in the file.
    for b in &d.blocks {
        assert_eq!(&d.text[b.span.clone()], b.text.as_str());
    }
}

//! Property tests: whatever the text (Markdown pieces, Swedish letters in
//! NFC and NFD, CR, CRLF, BOM, broken front matter), parsing does not panic
//! and every span it returns lies inside the text on character boundaries.

#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use std::ops::Range;
use styrlint_parse::{Lang, LineIndex, parse};

/// Pieces that reach the parser's corners: front matter, tables, links,
/// lists, quotes, code, HTML comments, and text that NFC changes.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("typ: policy\n".to_string()),
        Just("bygger_på: [a, b]\nbeslutad: 2023-02-30\n".to_string()),
        Just("| Organ | Typ | Ersatt av |\n|---|---|---|\n".to_string()),
        Just("| Nämnden \\| A | nämnd |\n".to_string()),
        Just("# Rubrik ".to_string()),
        Just("[länk](a.md#mål) ".to_string()),
        Just("[ref]: b.md\n".to_string()),
        Just("- ".to_string()),
        Just("> ".to_string()),
        Just("`kod` ".to_string()),
        Just("```\nblock\n".to_string()),
        Just("<!-- styrlint-disable broken-link -->".to_string()),
        Just("*".to_string()),
        Just("Ha\u{308}llbarhetsutskottet beslutar. ".to_string()),
        Just("Kommunstyrelsen följer upp. ".to_string()),
        Just("\r".to_string()),
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        Just("\t".to_string()),
        "[a-zåäöÅÄÖ .,:|#\\-]{0,12}",
        any::<String>(),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

fn check(text: &str, what: &str, span: &Range<usize>) {
    assert!(
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end),
        "{what} span {span:?} in {text:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn spans_are_in_bounds_and_on_char_boundaries(text in text()) {
        let doc = parse("x.md", text.as_str(), Lang::Sv);
        for d in &doc.diagnostics {
            check(&text, d.rule, &d.span);
            for r in &d.related {
                if r.path == "x.md" {
                    check(&text, "related", &r.span);
                }
            }
        }
        if let Some(fm) = &doc.front_matter {
            check(&text, "front matter", fm);
        }
        for h in &doc.headings {
            check(&text, "heading", &h.span);
        }
        for b in &doc.blocks {
            check(&text, "block", &b.span);
        }
        for l in &doc.links {
            check(&text, "link", &l.span);
        }
        for t in &doc.tables {
            check(&text, "table", &t.span);
            for row in &t.rows {
                check(&text, "row", &row.span);
                for c in &row.cells {
                    check(&text, "cell", &c.span);
                }
            }
        }
        for (span, _) in &doc.comments {
            check(&text, "comment", span);
        }
        for span in &doc.code {
            check(&text, "code", span);
        }
        // Line and column of every offset, including the end, do not panic.
        let index = LineIndex::new(&text);
        for i in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let _ = index.line_col(&text, i);
        }
    }
}

/// Headings at random levels with random names.
fn headings() -> impl Strategy<Value = String> {
    prop::collection::vec((1usize..=6, prop::bool::ANY), 0..30).prop_map(|v| {
        v.iter()
            .enumerate()
            .map(|(i, (level, mark))| {
                let name = if *mark { "Mål" } else { "Text" };
                format!("{} {name} {i}\n\nStycke.\n\n", "#".repeat(*level))
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// `sections_where` agrees with testing every heading of `section_path`.
    #[test]
    fn sections_where_agrees_with_section_path(text in headings()) {
        let doc = parse("a.md", text, Lang::Sv);
        let flags = doc.sections_where(|h| h.text.starts_with("Mål"));
        prop_assert_eq!(flags.len(), doc.headings.len());
        for (i, flag) in flags.iter().enumerate() {
            let walked = doc
                .section_path(Some(i))
                .iter()
                .any(|h| h.text.starts_with("Mål"));
            prop_assert_eq!(*flag, walked, "heading {}", i);
        }
    }
}

//! The parser on arbitrary text: it must never panic, and every span it
//! returns must lie inside the text on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use styrlint_parse::{Lang, parse};

fuzz_target!(|text: &str| {
    let doc = parse("fuzz.md", text, Lang::Sv);
    let ok = |s: &std::ops::Range<usize>| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    for d in &doc.diagnostics {
        assert!(ok(&d.span), "diagnostic span {:?} of {:?}", d.span, d.rule);
    }
    for h in &doc.headings {
        assert!(ok(&h.span), "heading span {:?}", h.span);
    }
    for b in &doc.blocks {
        assert!(ok(&b.span), "block span {:?}", b.span);
    }
    for l in &doc.links {
        assert!(ok(&l.span), "link span {:?}", l.span);
    }
    for t in &doc.tables {
        for row in &t.rows {
            for c in &row.cells {
                assert!(ok(&c.span), "cell span {:?}", c.span);
            }
        }
    }
});

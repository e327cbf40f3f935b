//! The register reader on arbitrary text: the text becomes a register
//! document (front matter `typ: register` and an `Organ` table header are
//! put in front of it, so the fuzzer spends its time in rows and cells).
#![no_main]

use libfuzzer_sys::fuzz_target;
use styrlint_graph::register::read_bodies;
use styrlint_parse::{Lang, parse};

fuzz_target!(|rows: &str| {
    for header in [
        "| Organ | Typ | Alias | Inrättad | Avvecklad | Ersatt av | Rapporterar till | Del av |\n|---|---|---|---|---|---|---|---|\n",
        "",
    ] {
        let text = format!("---\ntyp: register\n---\n# Register\n\n{header}{rows}");
        let doc = parse("register.md", text.as_str(), Lang::Sv);
        let mut diags = Vec::new();
        let bodies = read_bodies(0, &doc, true, &mut diags);
        for d in &diags {
            assert!(d.span.end <= text.len() && text.is_char_boundary(d.span.start));
        }
        std::hint::black_box(bodies);
    }
});

//! Is a sentence history? Text that records a change names the old body on
//! purpose; it is not a stale reference.

use styrlint_graph::Corpus;
use styrlint_parse::{Block, Document};

/// True when a mention in `sentence` (of `block`), with `before` the text
/// of the block before it, narrates the past: under a history heading, a
/// past-tense sentence under a background heading, a sentence with a
/// history phrase ("avvecklades", "was replaced by"), or a former-name
/// marker right before it ("tidigare X", "formerly X").
pub fn is_history(
    corpus: &Corpus,
    doc: &Document,
    block: &Block,
    sentence: &str,
    before: &str,
) -> bool {
    let lex = &corpus.lexicon;
    let lower = sentence.to_lowercase();
    let path = doc.section_path(block.section);
    if path.iter().any(|h| lex.is_history_heading(&h.text)) {
        return true;
    }
    if path.iter().any(|h| lex.is_background_heading(&h.text)) && lex.is_past_tense(&lower) {
        return true;
    }
    lex.has_history_phrase(&lower) || lex.is_former_marker(before)
}

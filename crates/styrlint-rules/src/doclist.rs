//! Small helpers the hierarchy and date rules share: where a document
//! names itself and how a list of documents reads in a message.

use std::ops::Range;
use styrlint_graph::{Corpus, DocId};
use styrlint_parse::{Document, Lang};

/// The line a document-level finding points at: the first level-1 heading,
/// else the `typ` value, else the start of the file.
pub fn anchor_span(doc: &Document) -> Range<usize> {
    doc.headings
        .iter()
        .find(|h| h.level == 1)
        .map(|h| h.span.clone())
        .or_else(|| doc.meta.doc_type.as_ref().map(|t| t.span.clone()))
        .unwrap_or(0..0)
}

/// Titles joined as prose, "A, B och C" / "A, B and C", at most `max` of
/// them, then "och 3 till" / "and 3 more".
pub fn titles(corpus: &Corpus, ids: &[DocId], lang: Lang, max: usize) -> String {
    let mut names: Vec<String> = ids
        .iter()
        .take(max)
        .map(|&i| corpus.docs[i].title.clone())
        .collect();
    let rest = ids.len().saturating_sub(max);
    if rest > 0 {
        names.push(lang.pick(format!("{rest} till"), format!("{rest} more")));
    }
    match names.len() {
        0 => String::new(),
        1 => names.remove(0),
        n => {
            let last = names.remove(n - 1);
            format!("{} {} {last}", names.join(", "), lang.pick("och", "and"))
        }
    }
}

/// "strategi, nivå 3" / "strategy, level 3": a document's type and level.
pub fn kind_and_level(corpus: &Corpus, doc: DocId, lang: Lang) -> Option<String> {
    let kind = corpus.kind_of(doc)?;
    let level = kind.level?;
    let written = corpus.docs[doc]
        .meta
        .doc_type
        .as_ref()
        .map_or(kind.name.as_str(), |t| t.value.as_str());
    Some(lang.pick(
        format!("{written}, nivå {level}"),
        format!("{written}, level {level}"),
    ))
}

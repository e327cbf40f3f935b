//! Text as rules see it: NFC-normalised, with every byte mapped back to the
//! original file so spans always point into what the user wrote.

use std::ops::Range;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// NFC text assembled from pieces of an original file, with a map from every
/// byte of the normalised text back to the original bytes.
///
/// The map is kept as runs, so text that was already NFC (nearly all of it)
/// costs one run per piece, not a table per byte.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NormText {
    text: Store,
    runs: Vec<Run>,
}

/// Where the normalised text lives: its own string while it is built, or,
/// when it is one unchanged piece of the file, a range of the file's text
/// (shared, not copied: most headings, list items and table cells are).
#[derive(Clone, Debug, PartialEq, Eq)]
enum Store {
    Owned(String),
    Shared(std::sync::Arc<str>, Range<usize>),
}

impl Default for Store {
    fn default() -> Self {
        Store::Owned(String::new())
    }
}

impl Store {
    fn as_str(&self) -> &str {
        match self {
            Store::Owned(s) => s,
            Store::Shared(file, r) => file.get(r.clone()).unwrap_or(""),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    /// Start of the run in `text`.
    norm: usize,
    /// Original byte range the run came from.
    orig: usize,
    orig_end: usize,
    /// The run's bytes equal the original's one for one.
    identity: bool,
}

impl NormText {
    /// An empty text.
    pub fn new() -> Self {
        Self::default()
    }

    /// Frees what the finished text does not need: spare capacity, and
    /// the copy itself when the text is one unchanged piece of `file` (the
    /// original text it was built from), which is then shared instead.
    pub fn shrink_to_fit(&mut self, file: &std::sync::Arc<str>) {
        if let [run] = self.runs.as_slice()
            && run.identity
            && run.norm == 0
            && file.get(run.orig..run.orig_end) == Some(self.text.as_str())
        {
            self.text = Store::Shared(file.clone(), run.orig..run.orig_end);
        } else if let Store::Owned(s) = &mut self.text {
            s.shrink_to_fit();
        }
        self.runs.shrink_to_fit();
    }

    /// Normalises `piece`, which is the original text at `orig_start..`.
    pub fn push_original(&mut self, piece: &str, orig_start: usize) {
        if piece.is_empty() {
            return;
        }
        if is_nfc(piece) {
            self.push_run(piece, orig_start, orig_start + piece.len(), true);
            return;
        }
        // Split into segments of a starter and its combining marks, and
        // normalise each one on its own.
        let mut seg_start = 0;
        for (i, c) in piece.char_indices().skip(1) {
            if canonical_combining_class(c) == 0 {
                self.push_segment(&piece[seg_start..i], orig_start + seg_start);
                seg_start = i;
            }
        }
        self.push_segment(&piece[seg_start..], orig_start + seg_start);
    }

    fn push_segment(&mut self, seg: &str, orig: usize) {
        if is_nfc(seg) {
            self.push_run(seg, orig, orig + seg.len(), true);
        } else {
            let n: String = seg.nfc().collect();
            self.push_run(&n, orig, orig + seg.len(), false);
        }
    }

    /// Appends text that does not appear verbatim in the original (an
    /// entity, an escape, a line break turned into a space); all of it maps
    /// to `orig`.
    pub fn push_replaced(&mut self, text: &str, orig: Range<usize>) {
        if text.is_empty() {
            return;
        }
        if is_nfc(text) {
            self.push_run(text, orig.start, orig.end, false);
        } else {
            let n: String = text.nfc().collect();
            self.push_run(&n, orig.start, orig.end, false);
        }
    }

    fn push_run(&mut self, text: &str, orig: usize, orig_end: usize, identity: bool) {
        // Text is only pushed while it is built, before it may be shared.
        if let Store::Shared(..) = &self.text {
            self.text = Store::Owned(self.text.as_str().to_string());
        }
        let mut norm = 0;
        if let Store::Owned(buf) = &mut self.text {
            norm = buf.len();
            buf.push_str(text);
        }
        if let Some(last) = self.runs.last_mut()
            && identity
            && last.identity
            && last.orig_end == orig
            && last.norm + (last.orig_end - last.orig) == norm
        {
            last.orig_end = orig_end;
            return;
        }
        self.runs.push(Run {
            norm,
            orig,
            orig_end,
            identity,
        });
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        self.text.as_str()
    }

    /// Length in bytes of the normalised text.
    pub fn len(&self) -> usize {
        self.as_str().len()
    }

    /// True when there is no text.
    pub fn is_empty(&self) -> bool {
        self.as_str().is_empty()
    }

    /// Maps a byte range of the normalised text to the original bytes. A
    /// boundary inside a normalised segment widens to the whole segment.
    pub fn to_original(&self, range: Range<usize>) -> Range<usize> {
        if self.runs.is_empty() {
            return 0..0;
        }
        let start = self.map_start(range.start);
        let end = if range.end <= range.start {
            start
        } else {
            self.map_end(range.end)
        };
        start..end.max(start)
    }

    fn run_at(&self, pos: usize) -> &Run {
        let idx = self
            .runs
            .partition_point(|r| r.norm <= pos)
            .saturating_sub(1);
        &self.runs[idx]
    }

    fn map_start(&self, pos: usize) -> usize {
        let run = self.run_at(pos);
        if run.identity {
            (run.orig + (pos - run.norm)).min(run.orig_end)
        } else {
            run.orig
        }
    }

    fn map_end(&self, pos: usize) -> usize {
        // The end belongs to the run holding the last byte before it.
        let run = self.run_at(pos.saturating_sub(1));
        if run.identity {
            (run.orig + (pos - run.norm)).min(run.orig_end)
        } else {
            run.orig_end
        }
    }
}

/// Maps byte offsets of a file to 1-based lines and columns, counting
/// columns in Unicode scalar values. `\n`, `\r\n` and a lone `\r` all end a
/// line; a leading byte-order mark is not counted as a column.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset where each line starts.
    starts: Vec<usize>,
    bom: usize,
    /// Every [`CHECKPOINT`] bytes: (char boundary, chars before it), so a
    /// column on a very long line costs a bounded count, not the line.
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes between two char-count checkpoints of a [`LineIndex`].
const CHECKPOINT: usize = 4096;

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut checkpoints = Vec::new();
        if text.len() > CHECKPOINT {
            let (mut at, mut chars) = (0, 0);
            while at + CHECKPOINT < text.len() {
                let next = floor_char_boundary(text, at + CHECKPOINT);
                chars += text[at..next].chars().count();
                at = next;
                checkpoints.push((at, chars));
            }
        }
        LineIndex {
            starts,
            bom,
            checkpoints,
        }
    }

    /// The number of chars in `text[..offset]` (`offset` a char boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let k = self.checkpoints.partition_point(|&(at, _)| at <= offset);
        let (at, chars) = if k == 0 {
            (0, 0)
        } else {
            self.checkpoints[k - 1]
        };
        chars + text[at..offset].chars().count()
    }

    /// 1-based line and column of a byte offset (clamped to the text).
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let mut start = self.starts[line];
        if line == 0 && self.bom > 0 && offset >= self.bom {
            start = self.bom;
        }
        let start = start.min(offset);
        let col = if offset - start <= CHECKPOINT {
            text[start..offset].chars().count()
        } else {
            self.chars_before(text, offset) - self.chars_before(text, start)
        } + 1;
        (line + 1, col)
    }

    /// Byte offset of the start of a 0-based line.
    pub fn line_start(&self, line0: usize) -> Option<usize> {
        self.starts.get(line0).copied()
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// The largest char boundary at or below `i`.
pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The key two spellings of one name share: NFC, lower case, every run of
/// whitespace, hyphens, underscores and en/em dashes folded into one space.
/// "WG-Serving", "wg serving" and "WG_Serving" give the same key.
pub fn name_key(s: &str) -> String {
    name_key_cow(s).into_owned()
}

/// [`name_key`] without allocating when `s` already is a key (lower case,
/// NFC, single spaces, no hyphens): the common case for lexicon words and
/// for keys compared again.
pub fn name_key_cow(s: &str) -> std::borrow::Cow<'_, str> {
    if is_key(s) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(fold_key(s))
    }
}

/// True when [`fold_key`] would return `s` unchanged.
fn is_key(s: &str) -> bool {
    if s.starts_with(' ') || s.ends_with(' ') || s.contains("  ") {
        return false;
    }
    let simple = s.chars().all(|c| {
        if c.is_ascii() {
            !(c.is_ascii_uppercase() || (c.is_whitespace() && c != ' ') || matches!(c, '-' | '_'))
        } else {
            !c.is_whitespace() && !matches!(c, '–' | '—') && {
                let mut l = c.to_lowercase();
                l.next() == Some(c) && l.next().is_none()
            }
        }
    });
    simple && is_nfc(s)
}

/// True when `s` is certainly in NFC. Every character below U+0300 is
/// (the first combining mark is U+0300, and no earlier character
/// decomposes or composes under NFC), and in UTF-8 those are exactly the
/// characters whose bytes are all below 0xCC: a byte scan covers Swedish
/// and English text; anything else goes to the Unicode quick check.
pub fn is_nfc(s: &str) -> bool {
    s.bytes().all(|b| b < 0xCC) || is_nfc_quick(s.chars()) == IsNormalized::Yes
}

fn fold_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfc() {
        if c.is_whitespace() || matches!(c, '-' | '_' | '–' | '—' | '\u{a0}') {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Removes diacritics: "Mål för året" -> "Mal for aret". Used for the ASCII
/// form of heading anchors and of front-matter keys.
pub fn ascii_fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    s.nfd()
        .filter(|&c| canonical_combining_class(c) == 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_text_maps_one_to_one() {
        let src = "Kommunstyrelsen beslutar.";
        let mut t = NormText::new();
        t.push_original(src, 10);
        assert_eq!(t.as_str(), src);
        assert_eq!(t.to_original(0..15), 10..25);
    }

    #[test]
    fn nfd_input_is_composed_and_spans_point_into_the_original() {
        // "Rådet" written with a + combining ring above.
        let src = "Ra\u{30a}det beslutar";
        let mut t = NormText::new();
        t.push_original(src, 0);
        assert_eq!(t.as_str(), "Rådet beslutar");
        let pos = t.as_str().find("beslutar").unwrap();
        let orig = t.to_original(pos..pos + "beslutar".len());
        assert_eq!(&src[orig], "beslutar");
        let word = t.to_original(0.."Rådet".len());
        assert_eq!(&src[word], "Ra\u{30a}det");
        // Half of a composed character widens to the whole original cluster.
        let a = t.to_original(1..2);
        assert_eq!(&src[a], "a\u{30a}");
    }

    #[test]
    fn pieces_keep_their_own_offsets() {
        let mut t = NormText::new();
        t.push_original("Ett", 0);
        t.push_replaced(" ", 3..5);
        t.push_original("två", 8);
        assert_eq!(t.as_str(), "Ett två");
        assert_eq!(t.to_original(4..8), 8..12);
        assert_eq!(t.to_original(0..8), 0..12);
        assert_eq!(t.to_original(3..4), 3..5);
    }

    #[test]
    fn line_index_counts_scalars_and_all_line_ends() {
        let text = "\u{feff}ab\r\nåä x\rz\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 3), (1, 1));
        assert_eq!(idx.line_col(text, 4), (1, 2));
        let x = text.find('x').unwrap();
        assert_eq!(idx.line_col(text, x), (2, 4));
        let z = text.find('z').unwrap();
        assert_eq!(idx.line_col(text, z), (3, 1));
        // A long line: the checkpoints give the same column as counting.
        let long = format!("{}\n{}", "åa".repeat(10_000), "é".repeat(9_000));
        let idx = LineIndex::new(&long);
        for off in [0, 5, 4097, 20_000, 29_999, 30_001, long.len()] {
            let off = floor_char_boundary(&long, off);
            let line_start = long[..off].rfind('\n').map_or(0, |i| i + 1);
            let want = long[line_start..off].chars().count() + 1;
            assert_eq!(idx.line_col(&long, off).1, want, "{off}");
        }
    }

    #[test]
    fn name_keys_fold_spelling_variants() {
        assert_eq!(name_key("WG-Serving"), "wg serving");
        assert_eq!(name_key("wg  serving"), "wg serving");
        assert_eq!(name_key("WG_Serving"), "wg serving");
        assert_eq!(name_key("Ra\u{30a}det"), "rådet");
        assert_eq!(name_key(" Utskott Agenda 2030 "), "utskott agenda 2030");
    }

    #[test]
    fn the_key_fast_path_agrees_with_folding() {
        for s in [
            "",
            " ",
            "ks",
            "kommunstyrelsen",
            "mål för",
            "mål  för",
            " mål",
            "mål ",
            "Mål",
            "wg-serving",
            "wg_serving",
            "a\tb",
            "a\u{b}b",
            "a\u{a0}b",
            "a–b",
            "e\u{301}",
            "é",
            "İstanbul",
            "ß",
            "ǅ",
            "Σ",
            "σς",
            "1991:900",
            "styrgrupp agenda 2030",
        ] {
            assert_eq!(name_key(s), fold_key(s), "{s:?}");
            assert_eq!(is_key(s), fold_key(s) == s, "{s:?}");
        }
    }

    #[test]
    fn ascii_fold_strips_diacritics() {
        assert_eq!(ascii_fold("Mål för året"), "Mal for aret");
        assert_eq!(ascii_fold("bygger_på"), "bygger_pa");
    }
}

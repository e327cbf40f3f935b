//! Is a mention history? Text that records a change, tells of the past or
//! lists what used to be names the old body on purpose; it is not a stale
//! reference.
//!
//! A [`History`] reads one document. What a sentence says (a history
//! phrase, a past placement such as "fram till 2023" or "formerly", past
//! tense about a past year, any past tense in a record) is decided once per
//! sentence and remembered; what sits around one mention (a former-name
//! marker right before it, a parenthesis after it, its table row or list
//! item, quotation marks, its section's heading) is read per mention. The
//! words are lexicon data.

use std::collections::HashMap;
use styrlint_graph::{Corpus, Mention};
use styrlint_parse::{Block, BlockKind, Date, Document};

/// How a sentence or mention is about the past.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Past {
    /// Not about the past.
    No,
    /// Marked as the past: a history heading or phrase, a former-name
    /// marker, a retired row, a period that has ended.
    Marked,
    /// Told in the past tense (in a record, under a background heading, or
    /// about an earlier year), naming at most this latest year: a body
    /// abolished before that year was already gone in the time told.
    Narrative {
        /// The latest year the sentence names.
        latest: Option<i32>,
    },
}

/// The history reader of one document.
pub struct History<'a> {
    corpus: &'a Corpus,
    doc: &'a Document,
    di: usize,
    /// A fixed document (minutes, a report): its past tense is narrative.
    record: bool,
    /// The year the text speaks from: its date's, else today's.
    year: i32,
    /// Per heading: under a history heading.
    history: Vec<bool>,
    /// Per heading: under a background heading.
    background: Vec<bool>,
    /// Per (block, sentence): how the sentence narrates the past.
    sentences: HashMap<(usize, usize), Past>,
    /// Per block: its table row or list item says the body is gone.
    rows: HashMap<usize, bool>,
    /// Per (block, sentence): it introduces a current name ("numera").
    current: HashMap<(usize, usize), bool>,
}

impl<'a> History<'a> {
    /// Prepares the reader for document `di`, the text dated by the
    /// corpus's facts or else `today`.
    pub fn new(corpus: &'a Corpus, di: usize, today: Date) -> History<'a> {
        let doc = &corpus.docs[di];
        let lex = &corpus.lexicon;
        let facts = &corpus.facts[di];
        History {
            corpus,
            doc,
            di,
            record: facts.is_fixed(),
            year: facts.date.map_or(today.year(), |d| d.date.year()),
            history: doc.sections_where(|h| lex.is_history_heading(&h.text)),
            background: doc.sections_where(|h| lex.is_background_heading(&h.text)),
            sentences: HashMap::new(),
            rows: HashMap::new(),
            current: HashMap::new(),
        }
    }

    /// True when a mention narrates the past.
    pub fn mention(&mut self, m: &Mention) -> bool {
        self.mention_past(m) != Past::No
    }

    /// How a mention is about the past.
    pub fn mention_past(&mut self, m: &Mention) -> Past {
        let block = &self.doc.blocks[m.block];
        if block.section.is_some_and(|s| self.history[s]) {
            return Past::Marked;
        }
        let text = block.text.as_str();
        let lex = &self.corpus.lexicon;
        // The first of a coordination ("från Miljöutskottet och
        // Hållbarhetsutskottet") stands for all of it.
        let head = self.head_of_coordination(m);
        if lex.is_former_marker(&text[..head.norm.start])
            || lex.is_record_of(&text[..head.norm.start])
        {
            return Past::Marked;
        }
        if self.marked_around(block, m.sentence, m.norm.clone()) || self.in_retired_row(m) {
            return Past::Marked;
        }
        self.sentence(m.block, m.sentence)
    }

    /// The first mention of a coordination a mention ends ("X, Y och Z"):
    /// mentions of the same sentence joined by commas or a coordinator.
    fn head_of_coordination<'m>(&self, m: &'m Mention) -> &'m Mention
    where
        'a: 'm,
    {
        let mentions = &self.corpus.mentions[self.di];
        let text = self.doc.blocks[m.block].text.as_str();
        let coordinators = &self.corpus.lexicon.words.mandate.coordinators;
        // Mentions are in document order: find this one by its place.
        let mut i = mentions.partition_point(|x| (x.block, x.norm.start) < (m.block, m.norm.start));
        if mentions.get(i).is_none_or(|x| !std::ptr::eq(x, m)) {
            return m;
        }
        let mut head = m;
        // A coordination is a few names; at most 32 back, so a sentence of
        // thousands of names joined by commas costs no more per mention.
        let mut steps = 0;
        while i > 0 && steps < 32 {
            steps += 1;
            let prev = &mentions[i - 1];
            if prev.block != head.block
                || prev.sentence != head.sentence
                || prev.norm.end > head.norm.start
            {
                break;
            }
            let gap = text[prev.norm.end..head.norm.start].trim().to_lowercase();
            let joined = gap.is_empty()
                || gap == ","
                || coordinators
                    .iter()
                    .any(|c| gap == *c || gap == format!(", {c}"));
            if !joined {
                break;
            }
            head = prev;
            i -= 1;
        }
        head
    }

    /// True when a mention's sentence introduces a current name ("X,
    /// numera Y", "now called"), read once per sentence.
    pub fn has_current_marker(&mut self, m: &Mention) -> bool {
        let key = (m.block, m.sentence);
        if let Some(&known) = self.current.get(&key) {
            return known;
        }
        let block = &self.doc.blocks[m.block];
        let text = block.text.as_str();
        let sentence = block
            .sentences
            .get(m.sentence)
            .map_or(text, |s| &text[s.clone()]);
        let answer = self
            .corpus
            .lexicon
            .has_current_marker(&sentence.to_lowercase());
        self.current.insert(key, answer);
        answer
    }

    /// True when a whole block narrates the past (under a history heading,
    /// or every sentence of it does).
    pub fn block(&mut self, bi: usize) -> bool {
        let block = &self.doc.blocks[bi];
        if block.section.is_some_and(|s| self.history[s]) {
            return true;
        }
        let n = block.sentences.len();
        n > 0 && (0..n).all(|si| self.sentence(bi, si) != Past::No)
    }

    /// True when a sentence narrates the past, decided once per sentence.
    fn sentence(&mut self, bi: usize, si: usize) -> Past {
        if let Some(&known) = self.sentences.get(&(bi, si)) {
            return known;
        }
        let block = &self.doc.blocks[bi];
        let text = block.text.as_str();
        let range = block.sentences.get(si).cloned().unwrap_or(0..text.len());
        // The names in it are not its words: "Miljöprogram 2016–2020" is a
        // title, not a period that ended.
        let mut sentence = text[range.clone()].to_string();
        let mentions = &self.corpus.mentions[self.di];
        let from = mentions.partition_point(|m| (m.block, m.norm.start) < (bi, range.start));
        for m in mentions[from..]
            .iter()
            .take_while(|m| m.block == bi && m.norm.start < range.end)
        {
            if matches!(m.kind, styrlint_graph::MentionKind::Named { .. })
                && m.norm.end <= range.end
            {
                let (a, b) = (m.norm.start - range.start, m.norm.end - range.start);
                sentence.replace_range(a..b, &" ".repeat(b - a));
            }
        }
        let lower = sentence.to_lowercase();
        let lex = &self.corpus.lexicon;
        let past = lex.is_past_tense(&lower);
        let in_background = block.section.is_some_and(|s| self.background[s]);
        let marked = lex.has_history_phrase(&lower)
            || lex.has_past_phrase(&lower)
            || lex.has_until_year(&lower, self.year)
            || ended_period(&lower, self.year);
        let answer = if marked {
            Past::Marked
        } else if past && (in_background || self.record || self.speaks_of_past_year(&lower)) {
            Past::Narrative {
                latest: years(&lower).max(),
            }
        } else {
            Past::No
        };
        self.sentences.insert((bi, si), answer);
        answer
    }

    /// A year before the one the text speaks from ("served on the X from
    /// 2015 to 2019", "2021 beslutade X").
    fn speaks_of_past_year(&self, lower: &str) -> bool {
        years(lower).any(|y| y < self.year)
    }

    /// "X (retired 2022)", "X (tidigare Y)", "X (2015–2019)", and a name
    /// inside quotation marks that hold more than the name (the title of an
    /// old report).
    fn marked_around(&self, block: &Block, sentence: usize, norm: std::ops::Range<usize>) -> bool {
        let text = block.text.as_str();
        let lex = &self.corpus.lexicon;
        let after = text[norm.end..].trim_start();
        if let Some(inner) = after.strip_prefix('(')
            && let Some(close) = inner.find(')')
        {
            let inner = inner[..close].to_lowercase();
            if lex.has_retired_word(&inner)
                || lex.has_past_phrase(&inner)
                || years(&inner).next().is_some()
            {
                return true;
            }
        }
        let s = block
            .sentences
            .get(sentence)
            .cloned()
            .unwrap_or(0..text.len());
        if norm.start < s.start || norm.end > s.end {
            return false;
        }
        // A quoted title is short: look at most 300 bytes either side, so a
        // long sentence of many mentions costs no more per mention.
        let lo = styrlint_parse::text::floor_char_boundary(
            text,
            norm.start.saturating_sub(300).max(s.start),
        );
        let hi = styrlint_parse::text::floor_char_boundary(text, (norm.end + 300).min(s.end));
        let s = lo..hi.max(norm.end);
        let sent = &text[s.clone()];
        let (ms, me) = (norm.start - s.start, norm.end - s.start);
        let more = |inner_before: &str, inner_after: &str| {
            !inner_before.trim().is_empty() || !inner_after.trim().is_empty()
        };
        for (open, close) in [('“', '”'), ('«', '»'), ('„', '“'), ('‘', '’')] {
            if let Some(o) = sent[..ms].rfind(open)
                && !sent[o..ms].contains(close)
                && let Some(c) = sent[me..].find(close)
                && more(&sent[o + open.len_utf8()..ms], &sent[me..me + c])
            {
                return true;
            }
        }
        for q in ['"', '”'] {
            if sent[..ms].matches(q).count() % 2 == 1
                && let (Some(o), Some(c)) = (sent[..ms].rfind(q), sent[me..].find(q))
                && more(&sent[o + q.len_utf8()..ms], &sent[me..me + c])
            {
                return true;
            }
        }
        false
    }

    /// The mention's table row, or its list item, says the body is gone
    /// ("| Security WG | archived |", "- Outreach WG (avvecklad)"): read
    /// once per block.
    fn in_retired_row(&mut self, m: &Mention) -> bool {
        if let Some(&known) = self.rows.get(&m.block) {
            return known;
        }
        let answer = self.retired_row(m);
        self.rows.insert(m.block, answer);
        answer
    }

    fn retired_row(&self, m: &Mention) -> bool {
        let lex = &self.corpus.lexicon;
        let block = &self.doc.blocks[m.block];
        match (block.kind, block.cell) {
            (BlockKind::TableCell, Some((t, row, _))) => {
                let Some(table) = self.doc.tables.get(t) else {
                    return false;
                };
                let cells = if row == 0 {
                    &table.header
                } else {
                    match table.rows.get(row - 1) {
                        Some(r) => &r.cells,
                        None => return false,
                    }
                };
                // The row says the body is gone, or the header says the
                // table is about the past ("Stage (at the time)").
                cells
                    .iter()
                    .any(|c| lex.has_retired_word(&c.text.to_lowercase()))
                    || table.header.iter().any(|c| {
                        let h = c.text.to_lowercase();
                        lex.has_past_phrase(&h) || lex.is_history_heading(&c.text)
                    })
                    || self.background_column(table, m)
            }
            (BlockKind::ListItem, _) => lex.has_retired_word(&block.text.as_str().to_lowercase()),
            _ => false,
        }
    }
}

impl History<'_> {
    /// The mention's cell is in a column headed as background or history
    /// ("| Namn | Uppdrag | Bakgrund |").
    fn background_column(&self, table: &styrlint_parse::Table, m: &Mention) -> bool {
        let lex = &self.corpus.lexicon;
        let Some((_, _, col)) = self.doc.blocks[m.block].cell else {
            return false;
        };
        table
            .header
            .get(col)
            .is_some_and(|h| lex.is_background_heading(&h.text) || lex.is_history_heading(&h.text))
    }
}

/// A period that ended before the text's year ("ledamot 2011–2018",
/// "2015-2019"): a career or a past term.
fn ended_period(lower: &str, year: i32) -> bool {
    let b = lower.as_bytes();
    let digits = |i: usize| i + 4 <= b.len() && b[i..i + 4].iter().all(u8::is_ascii_digit);
    let mut i = 0;
    while i + 9 <= b.len() {
        if digits(i) && (i == 0 || !b[i - 1].is_ascii_digit()) {
            let rest = &lower[i + 4..];
            let sep = ["–", "—", "-", " till ", " to ", " - ", " – "]
                .iter()
                .find(|s| rest.starts_with(**s));
            if let Some(sep) = sep {
                let j = i + 4 + sep.len();
                if digits(j) && !b.get(j + 4).is_some_and(u8::is_ascii_digit) {
                    let end: i32 = lower[j..j + 4].parse().unwrap_or(i32::MAX);
                    if (1900..year).contains(&end) {
                        return true;
                    }
                }
            }
        }
        i += 1;
    }
    false
}

/// The years (1900–2099) a text holds as whole numbers.
fn years(text: &str) -> impl Iterator<Item = i32> + '_ {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
        .filter_map(|w| w.parse().ok())
}

//! Mentions of bodies and documents in running text.
//!
//! A [`Matcher`] is built once per corpus from every registered name and
//! alias, every document title and alias, and every external document. It
//! finds names whatever their case, Unicode form and inflection, the longest
//! name winning where names nest, in one pass over each text: each word is
//! looked up once in a table of generated forms and walks a trie of names,
//! so the cost grows with the text, not with the register.
//!
//! Generic definite mentions ("styrgruppen", "the committee") are resolved
//! to a body when the document's context allows exactly one.

use crate::inflect::{Token, forms, is_definite_singular, tokenize};
use crate::lexicon::Lexicon;
use crate::register::Body;
use foldhash::{HashMap, HashSet};
use std::ops::Range;
use styrlint_parse::{Document, name_key};

/// What a name stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// A body of the register.
    Body(usize),
    /// A document of the corpus.
    Doc(usize),
    /// An external document.
    External(usize),
}

/// One mention in a document's prose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Index into the document's blocks.
    pub block: usize,
    /// Index into the block's sentences (`usize::MAX` when between them).
    pub sentence: usize,
    /// Byte range in the block's normalised text.
    pub norm: Range<usize>,
    /// Byte range in the original file.
    pub span: Range<usize>,
    /// What it names.
    pub kind: MentionKind,
}

/// A named or a generic mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MentionKind {
    /// By name or alias.
    Named {
        /// Everything the name stands for (usually one).
        targets: Vec<Target>,
        /// True when written exactly as a registered name (any case): no
        /// inflection, no genitive.
        base_form: bool,
    },
    /// A generic definite noun ("styrgruppen", "the committee").
    Generic {
        /// The generic noun, base form.
        noun: String,
        /// Bodies of that kind the document names.
        candidates: Vec<usize>,
        /// The body it means, when the context leaves one.
        resolved: Option<usize>,
    },
}

impl Mention {
    /// The single target of a named mention, if it has exactly one.
    pub fn target(&self) -> Option<Target> {
        match &self.kind {
            MentionKind::Named { targets, .. } if targets.len() == 1 => Some(targets[0]),
            _ => None,
        }
    }

    /// The body this mention means: named, or generic and resolved.
    pub fn body(&self) -> Option<usize> {
        match &self.kind {
            MentionKind::Named { targets, .. } => match targets.as_slice() {
                [Target::Body(b)] => Some(*b),
                _ => None,
            },
            MentionKind::Generic { resolved, .. } => *resolved,
        }
    }
}

/// The name table: forms, trie and targets.
#[derive(Debug, Default)]
pub struct Matcher {
    /// Every generated form -> the name words it is a form of.
    /// Sharded by [`shard`], so that the shards are built in parallel.
    forms: Vec<HashMap<Box<str>, Ids>>,
    /// Name words -> id, while the table is built (emptied after).
    word_ids: HashMap<String, u32>,
    /// Name words by id, while the table is built (emptied after).
    words: Vec<String>,
    trie: HashMap<(u32, u32), u32>,
    nodes: u32,
    ends: HashMap<u32, Vec<(Target, u32)>>,
    /// Lower-case words of each name, for the base-form check.
    names: Vec<Vec<String>>,
    /// Names that end in a closing bracket ("Kommunallag (1991:900)").
    closes: Vec<bool>,
    /// Definite singular forms of generic nouns (Swedish style) -> noun.
    generic_forms: HashMap<String, String>,
    /// Multi-word or article-led generic nouns (English style): first word
    /// -> (all words, noun).
    generic_phrases: HashMap<String, Vec<(Vec<String>, String)>>,
    articles: HashSet<String>,
    /// Words that start a generic mention: definite generic forms, the
    /// first words of generic phrases, and articles.
    special: HashSet<String>,
    /// Bodies each generic noun can stand for.
    generic_bodies: HashMap<String, Vec<usize>>,
}

impl Matcher {
    /// Builds the table from every name in the corpus.
    pub fn new<'a>(
        names: impl IntoIterator<Item = (&'a str, Target)>,
        bodies: &[Body],
        lexicon: &Lexicon,
    ) -> Matcher {
        let mut m = Matcher {
            nodes: 1,
            ..Matcher::default()
        };
        let phase = styrlint_parse::timing::Phase::start("name table: names and trie");
        for (name, target) in names {
            m.add(name, target);
        }
        drop(phase);
        let phase = styrlint_parse::timing::Phase::start("name table: forms");
        m.add_forms();
        drop(phase);
        let _phase = styrlint_parse::timing::Phase::start("name table: generic nouns");
        m.articles = lexicon
            .words
            .definite_articles
            .iter()
            .map(|a| a.to_lowercase())
            .collect();
        // Each body's names as words, once.
        let body_words: Vec<Vec<Vec<String>>> = bodies
            .iter()
            .map(|b| {
                b.names()
                    .map(|n| {
                        tokenize(n)
                            .into_iter()
                            .map(|t| t.text.into_owned())
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let kind_keys: Vec<Option<String>> = bodies
            .iter()
            .map(|b| b.kind.as_deref().map(name_key))
            .collect();
        for noun in &lexicon.words.generic_nouns {
            let words: Vec<String> = tokenize(noun)
                .into_iter()
                .map(|t| t.text.into_owned())
                .collect();
            if words.is_empty() {
                continue;
            }
            let noun_key = words.join(" ");
            let definite = definite_forms(&words[0]);
            if words.len() == 1 {
                for f in &definite {
                    m.generic_forms
                        .entry(f.clone())
                        .or_insert_with(|| noun_key.clone());
                }
            }
            if !m.articles.is_empty() {
                let first = words[0].clone();
                m.generic_phrases
                    .entry(first)
                    .or_default()
                    .push((words.clone(), noun_key.clone()));
            }
            let kind_forms = forms(&noun_key);
            let bodies_of_kind: Vec<usize> = kind_keys
                .iter()
                .zip(&body_words)
                .enumerate()
                .filter(|(_, (kind, names))| {
                    kind.as_ref().is_some_and(|k| kind_forms.contains(k))
                        || names.iter().any(|n| name_has_noun(n, &words, &definite))
                })
                .map(|(i, _)| i)
                .collect();
            m.generic_bodies.insert(noun_key, bodies_of_kind);
        }
        m.special = m
            .generic_forms
            .keys()
            .chain(m.generic_phrases.keys())
            .chain(m.articles.iter())
            .cloned()
            .collect();
        m
    }

    fn add(&mut self, name: &str, target: Target) {
        let words: Vec<String> = tokenize(name)
            .into_iter()
            .map(|t| t.text.into_owned())
            .collect();
        if words.is_empty() {
            return;
        }
        let name_idx = self.names.len() as u32;
        let mut node = 0u32;
        for w in &words {
            let id = self.word_id(w);
            node = match self.trie.get(&(node, id)) {
                Some(&n) => n,
                None => {
                    let n = self.nodes;
                    self.nodes += 1;
                    self.trie.insert((node, id), n);
                    n
                }
            };
        }
        let ends = self.ends.entry(node).or_default();
        if !ends.iter().any(|(t, _)| *t == target) {
            ends.push((target, name_idx));
        }
        self.names.push(words);
        self.closes.push(name.trim_end().ends_with(')'));
    }

    fn word_id(&mut self, w: &str) -> u32 {
        if let Some(&id) = self.word_ids.get(w) {
            return id;
        }
        let id = self.word_ids.len() as u32;
        self.word_ids.insert(w.to_string(), id);
        self.words.push(w.to_string());
        id
    }

    /// Generates the forms of every name word (in parallel: this is most
    /// of building the table) and indexes them.
    fn add_forms(&mut self) {
        use rayon::prelude::*;
        let words = std::mem::take(&mut self.words);
        self.word_ids = HashMap::default();
        let all: Vec<Vec<String>> = words
            .par_iter()
            .map(|w| {
                // A number is written one way ("plan 12"; "KS:s" and "2024:s"
                // keep their endings apart in the tokenizer): no inflected
                // forms, which a corpus of numbered titles would multiply.
                if w.bytes().all(|b| b.is_ascii_digit()) {
                    vec![w.clone()]
                } else {
                    forms(w)
                }
            })
            .collect();
        // Inserting a few hundred thousand forms was most of building the
        // table for a large register: each shard is filled on its own
        // thread, every form visited in word order so ids stay ascending.
        self.forms = (0..FORM_SHARDS)
            .into_par_iter()
            .map(|k| {
                let mut map: HashMap<Box<str>, Ids> = HashMap::default();
                for (id, forms) in all.iter().enumerate() {
                    for f in forms.iter().filter(|f| shard(f) == k) {
                        match map.get_mut(f.as_str()) {
                            Some(ids) => ids.push(id as u32),
                            None => {
                                map.insert(f.as_str().into(), Ids::One(id as u32));
                            }
                        }
                    }
                }
                map.shrink_to_fit();
                map
            })
            .collect();
    }

    /// The name words a text word is a form of.
    fn form_ids(&self, word: &str) -> Option<&Ids> {
        self.forms.get(shard(word))?.get(word)
    }

    /// Bodies a generic noun can stand for, in ascending order.
    pub fn bodies_of_kind(&self, noun: &str) -> &[usize] {
        self.generic_bodies.get(noun).map_or(&[], Vec::as_slice)
    }

    /// Finds every mention in a document. `skip_block` leaves out blocks
    /// (the register's own tables); `own` are the bodies the document
    /// belongs to (its owner, who adopted it, whom it binds), which a
    /// generic noun means when it can mean one of them.
    pub fn find(
        &self,
        doc: &Document,
        own: &[usize],
        skip_block: impl Fn(usize) -> bool,
    ) -> Vec<Mention> {
        let mut out = Vec::new();
        for (bi, block) in doc.blocks.iter().enumerate() {
            if skip_block(bi) {
                continue;
            }
            let text = block.text.as_str();
            let tokens = tokenize(text);
            let mut i = 0;
            while i < tokens.len() {
                // Most words are no name, generic noun or article: one
                // lookup says so (the tests below cost three more).
                let word = &*tokens[i].text;
                if self.form_ids(word).is_none() && !self.special.contains(word) {
                    i += 1;
                    continue;
                }
                if let Some((end, targets, base_form, closes)) = self.longest_at(&tokens, i) {
                    let mut norm = tokens[i].span.start..tokens[end].span.end;
                    if closes && text[norm.end..].starts_with(')') {
                        norm.end += 1;
                    }
                    out.push(self.mention(
                        doc,
                        bi,
                        norm,
                        MentionKind::Named { targets, base_form },
                    ));
                    i = end + 1;
                    continue;
                }
                // "the Steering Committee": a name after the article wins.
                if self.articles.contains(&*tokens[i].text)
                    && self.longest_at(&tokens, i + 1).is_some()
                {
                    i += 1;
                    continue;
                }
                if let Some((end, noun)) = self.generic_at(&tokens, i) {
                    let norm = tokens[i].span.start..tokens[end].span.end;
                    let kind = MentionKind::Generic {
                        noun,
                        candidates: Vec::new(),
                        resolved: None,
                    };
                    out.push(self.mention(doc, bi, norm, kind));
                    i = end + 1;
                    continue;
                }
                i += 1;
            }
        }
        let sections: Vec<Option<usize>> =
            out.iter().map(|m| doc.blocks[m.block].section).collect();
        self.resolve_generics(&mut out, own, &sections);
        out
    }

    fn mention(&self, doc: &Document, bi: usize, norm: Range<usize>, kind: MentionKind) -> Mention {
        let block = &doc.blocks[bi];
        // The first sentence holding the mention's start. Sentences come in
        // order, so a binary search finds it; a scan from the front was
        // quadratic in a paragraph of many sentences (tests/robustness.rs).
        let x = norm.start;
        let covers = |s: &Range<usize>| s.start <= x && x < s.end.max(s.start + 1);
        let mut sentence = usize::MAX;
        for i in (0..block.sentences.partition_point(|s| s.start <= x)).rev() {
            let s = &block.sentences[i];
            if covers(s) {
                sentence = i;
            } else if s.end.max(s.start + 1) <= x {
                break;
            }
        }
        Mention {
            block: bi,
            sentence,
            span: block.text.to_original(norm.clone()),
            norm,
            kind,
        }
    }

    /// The longest name starting at token `i`: last token, targets, base form.
    fn longest_at(&self, tokens: &[Token], i: usize) -> Option<(usize, Vec<Target>, bool, bool)> {
        // Most words start no name: answer those without allocating.
        let first = self.form_ids(&tokens.get(i)?.text)?.as_slice();
        if !first.iter().any(|&id| self.trie.contains_key(&(0, id))) {
            return None;
        }
        let mut states: Vec<u32> = vec![0];
        let mut best: Option<(usize, Vec<u32>)> = None;
        for (j, tok) in tokens.iter().enumerate().skip(i) {
            let Some(ids) = self.form_ids(&tok.text).map(Ids::as_slice) else {
                break;
            };
            let mut next = Vec::new();
            for &s in &states {
                for &id in ids {
                    if let Some(&n) = self.trie.get(&(s, id))
                        && !next.contains(&n)
                    {
                        next.push(n);
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            let terminal: Vec<u32> = next
                .iter()
                .copied()
                .filter(|n| self.ends.contains_key(n))
                .collect();
            if !terminal.is_empty() {
                best = Some((j, terminal));
            }
            if tok.suffixed {
                break; // a genitive ends the name
            }
            states = next;
        }
        let (end, nodes) = best?;
        let words: Vec<&str> = tokens[i..=end].iter().map(|t| &*t.text).collect();
        let suffixed = tokens[i..=end].iter().any(|t| t.suffixed);
        let mut targets = Vec::new();
        let mut base_form = false;
        let mut closes = false;
        for n in nodes {
            for (t, name_idx) in &self.ends[&n] {
                closes |= self.closes[*name_idx as usize];
                if !targets.contains(t) {
                    targets.push(*t);
                }
                if !suffixed && self.names[*name_idx as usize] == words {
                    base_form = true;
                }
            }
        }
        targets.sort();
        Some((end, targets, base_form, closes))
    }

    /// A generic definite mention starting at token `i`: last token, noun.
    fn generic_at(&self, tokens: &[Token], i: usize) -> Option<(usize, String)> {
        let tok = &tokens[i];
        if let Some(noun) = self.generic_forms.get(&*tok.text) {
            return Some((i, noun.clone()));
        }
        // English: an article, then the noun's words ("the steering group").
        if !self.articles.contains(&*tok.text) {
            return None;
        }
        let first = tokens.get(i + 1)?;
        let phrases = self.generic_phrases.get(&*first.text)?;
        phrases
            .iter()
            .filter(|(words, _)| {
                words.iter().enumerate().all(|(k, w)| {
                    tokens
                        .get(i + 1 + k)
                        .is_some_and(|t| t.text == *w && (k + 1 == words.len() || !t.suffixed))
                })
            })
            .max_by_key(|(words, _)| words.len())
            .map(|(words, noun)| (i + words.len(), noun.clone()))
    }

    /// Decides which body each generic mention means: one named earlier in
    /// the same block; else the one of the document's own bodies of that
    /// kind; else the one body of that kind the document names; else the one
    /// body of that kind in the register.
    fn resolve_generics(
        &self,
        mentions: &mut [Mention],
        own: &[usize],
        sections: &[Option<usize>],
    ) {
        let named_in_doc: HashSet<usize> = mentions.iter().filter_map(Mention::body).collect();
        for idx in 0..mentions.len() {
            let MentionKind::Generic { noun, .. } = &mentions[idx].kind else {
                continue;
            };
            let kind_bodies = self.bodies_of_kind(noun);
            let block = mentions[idx].block;
            let local: HashSet<usize> = mentions[..idx]
                .iter()
                .rev()
                .take_while(|m| m.block == block)
                .filter_map(Mention::body)
                .filter(|b| kind_bodies.binary_search(b).is_ok())
                .collect();
            // The document names few bodies and a kind may have thousands:
            // filter the former.
            let mut candidates: Vec<usize> = named_in_doc
                .iter()
                .copied()
                .filter(|b| kind_bodies.binary_search(b).is_ok())
                .collect();
            candidates.sort_unstable();
            let own_of_kind: Vec<usize> = own
                .iter()
                .copied()
                .filter(|b| kind_bodies.binary_search(b).is_ok())
                .collect();
            // The document's own body, unless its section names another
            // body of the kind too.
            let section = sections[idx];
            let others_in_section = mentions
                .iter()
                .zip(sections.iter())
                .filter(|(_, s)| **s == section)
                .filter_map(|(m, _)| m.body())
                .any(|b| kind_bodies.binary_search(&b).is_ok() && !own_of_kind.contains(&b));
            let resolved = if local.len() == 1 {
                local.into_iter().next()
            } else if own_of_kind.len() == 1 && !others_in_section {
                Some(own_of_kind[0])
            } else if candidates.len() == 1 {
                Some(candidates[0])
            } else if candidates.is_empty() && kind_bodies.len() == 1 {
                Some(kind_bodies[0])
            } else {
                None
            };
            if let MentionKind::Generic {
                candidates: c,
                resolved: r,
                ..
            } = &mut mentions[idx].kind
            {
                *c = candidates;
                *r = resolved;
            }
        }
    }
}

/// Shards of the forms table.
const FORM_SHARDS: usize = 16;

/// The shard of a form: from its first and last bytes and its length
/// (cheap, and spread well enough over words).
fn shard(word: &str) -> usize {
    let b = word.as_bytes();
    let (first, last) = (
        b.first().copied().unwrap_or(0),
        b.last().copied().unwrap_or(0),
    );
    (usize::from(first) ^ usize::from(last).rotate_left(2) ^ b.len()) % FORM_SHARDS
}

/// The name words a form belongs to: nearly always one, stored without an
/// allocation of its own (the table holds hundreds of thousands of forms).
#[derive(Clone, Debug)]
enum Ids {
    One(u32),
    Many(Box<[u32]>),
}

impl Ids {
    fn as_slice(&self) -> &[u32] {
        match self {
            Ids::One(id) => std::slice::from_ref(id),
            Ids::Many(ids) => ids,
        }
    }

    /// Adds a word id (ids come in ascending order).
    fn push(&mut self, id: u32) {
        if self.as_slice().last() == Some(&id) {
            return;
        }
        let mut v = self.as_slice().to_vec();
        v.push(id);
        *self = Ids::Many(v.into_boxed_slice());
    }
}

/// Definite singular forms of a generic noun, with genitives.
fn definite_forms(noun: &str) -> Vec<String> {
    let mut out: Vec<String> = forms(noun)
        .into_iter()
        .filter(|f| is_definite_singular(f, noun))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// True when a name (as words) is or ends with a generic noun:
/// "Välfärdsutskottet" is an utskott, "Styrgrupp Framtid" a
/// styrgrupp, "Technical Steering Committee" a steering committee.
fn name_has_noun(name: &[String], noun: &[String], definite: &[String]) -> bool {
    if noun.len() > 1 {
        return name.windows(noun.len()).any(|w| w == noun);
    }
    let single = &noun[0];
    name.iter().any(|w| {
        w == single
            || (w.len() > single.len() + 2 && w.ends_with(single.as_str()))
            || definite
                .iter()
                .any(|f| w == f || (w.len() > f.len() + 2 && w.ends_with(f.as_str())))
    })
}

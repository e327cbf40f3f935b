//! Mentions of bodies and documents in running text.
//!
//! A [`Matcher`] is built once per corpus from every registered name and
//! alias, every document title and alias, and every external document. It
//! finds names whatever their Unicode form and inflection, the longest name
//! winning where names nest, in one pass over each text: each word is
//! looked up once in a table of generated forms and walks a trie of names,
//! so the cost grows with the text, not with the register.
//!
//! A mention is a name, not a string. Each word of a registered name has a
//! class, read from how the register writes it:
//!
//! - an *acronym* ("KS", "SIG", "SoN") matches only as written, with a
//!   genitive or possessive ending at most ("KS:s", "PSC's", "SIGs"), so
//!   the ordinary words "sig", "tag", "it" and "vad" are never mentions;
//! - a *proper* word (a capitalised word that is no common noun: "Delta",
//!   "Eidar", the words of an English title-case name such as "End Users")
//!   matches with its capital and a genitive only;
//! - a *common* word (a noun or adjective, by the lexicon's generic nouns,
//!   role nouns and endings, or written in lower case) matches in any case
//!   and inflection, except that the plural of a name's last word means
//!   several bodies, not the one.
//!
//! Names inside URLs, paths, e-mail addresses and hyphenated identifiers,
//! and a short name that is part of a longer proper name ("Norra Rådet")
//! or of a coordinated compound ("Kultur- och fritidsnämnden") are not
//! mentions. "Name (ABBR)" is one mention.
//!
//! Generic definite mentions ("styrgruppen", "the committee") are resolved
//! to a body when the context tells which: a definition ("nedan kallad
//! styrelsen"), the document's own body, one body of that kind in the same
//! paragraph, under the same heading or in the whole document. A generic
//! statement ("om en nämnd …, kan nämnden", "each working group") means no
//! body at all.

use crate::inflect::{
    Token, forms, indefinite_of, is_definite_singular_of, is_plural_form, plural_forms_of, tokenize,
};
use crate::lexicon::Lexicon;
use crate::register::Body;
use foldhash::{HashMap, HashSet};
use std::ops::Range;
use styrlint_parse::{BlockKind, Document, Lang, ascii_fold, name_key};

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
        /// True when written exactly as a registered name or alias, case
        /// included (the first letter may be capitalised at the start of a
        /// sentence): no inflection, no genitive.
        base_form: bool,
    },
    /// A generic definite noun ("styrgruppen", "the committee").
    Generic {
        /// The generic noun, base form.
        noun: String,
        /// Live bodies of that kind that compete for it, when the context
        /// does not tell which is meant (empty when it does, or when the
        /// mention is about the kind in general).
        candidates: Vec<usize>,
        /// The body it means, when the context tells.
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

/// How a word of a registered name may be written in text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordClass {
    /// All capitals or inner capitals ("KS", "SoN"): exactly as written,
    /// genitive at most.
    Acronym,
    /// A capitalised proper word ("Delta"): with its capital, genitive at
    /// most.
    Proper,
    /// A common noun or adjective: any case, any inflection.
    Common,
}

/// One registered name: its words as the register writes them.
#[derive(Debug)]
struct Name {
    /// Lower-case words.
    words: Vec<String>,
    /// The words as written.
    written: Vec<String>,
    /// Each word's class.
    classes: Vec<WordClass>,
    /// Ends in a closing bracket ("Kommunallag (1991:900)").
    closes: bool,
    /// The last word is a neuter noun ("Integrationsrådet"), whose "-en"
    /// is plural.
    neuter_last: bool,
    /// One word that is itself a generic noun ("Rådet", "Board").
    generic: bool,
    /// The last word is registered in the definite singular
    /// ("Valberedningen"): its indefinite base, which in text is the
    /// common noun ("mottagningens valberedning"), not this body.
    indefinite_last: Option<String>,
    /// One word naming a post ("Studerandeskyddsombud", "Kassör") written
    /// with a capital: in lower case after a copula ("är
    /// studerandeskyddsombud") it is the function, not the post.
    post: bool,
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
    /// Per word id: some name has it as a common word (full inflection).
    word_common: Vec<bool>,
    trie: HashMap<(u32, u32), u32>,
    nodes: u32,
    ends: HashMap<u32, Vec<(Target, u32)>>,
    names: Vec<Name>,
    /// Definite singular forms of generic nouns (Swedish style) -> noun.
    generic_forms: HashMap<String, String>,
    /// Multi-word or article-led generic nouns (English style): first word
    /// -> (all words, noun).
    generic_phrases: HashMap<String, Vec<(Vec<String>, String)>>,
    articles: HashSet<String>,
    /// Words that start a generic mention: definite generic forms, the
    /// first words of generic phrases, and articles.
    special: HashSet<String>,
    /// Bodies each generic noun can stand for, ascending.
    generic_bodies: HashMap<String, Vec<usize>>,
    /// Every form of each generic noun, and the plural ones.
    noun_forms: HashMap<String, (HashSet<String>, HashSet<String>)>,
    /// Forms of generic nouns other than the definite singular ("nämnd",
    /// "kommittéer", "committee") -> the nouns (lower-case words).
    general_forms: HashMap<String, Vec<String>>,
    /// Nouns any body may be called by.
    broad: HashSet<String>,
    /// Gender of each generic noun, where the lexicon tells (`Some(true)`:
    /// neuter).
    genders: HashMap<String, Option<bool>>,
    /// Bodies with an abolition date: not candidates for a generic noun.
    abolished: Vec<bool>,
    /// Every body.
    all_bodies: Vec<usize>,
    /// Name slugs ("wg-serving") -> bodies, to read a body from a folder or
    /// file name.
    slugs: HashMap<String, Vec<usize>>,
    noun_followers: HashSet<String>,
    quantifiers: HashSet<String>,
    /// Indefinite articles and quantifiers before a description ("a", "en").
    indefinite: HashSet<String>,
    /// Function words (the mandate reader's stop words): they end a
    /// description.
    function_words: HashSet<String>,
    qualifiers: HashSet<String>,
    of_words: HashSet<String>,
    /// Copulas: a post's name after one is a predicate ("är kassör").
    copulas: HashSet<String>,
    definition_markers: crate::lexicon::PhraseSet,
    coordinators: HashSet<String>,
}

impl Matcher {
    /// Builds the table from every name in the corpus.
    pub fn new<'a>(
        names: impl IntoIterator<Item = (&'a str, Target)>,
        bodies: &[Body],
        lexicon: &Lexicon,
    ) -> Matcher {
        let words = &lexicon.words;
        let lower_set =
            |v: &[String]| -> HashSet<String> { v.iter().map(|w| w.to_lowercase()).collect() };
        let mut m = Matcher {
            nodes: 1,
            noun_followers: lower_set(&words.noun_followers),
            quantifiers: lower_set(&words.quantifiers),
            indefinite: lower_set(&words.quantifiers),
            function_words: lower_set(&words.mandate.stop_words),
            qualifiers: lower_set(&words.qualifiers),
            of_words: lower_set(&words.of_words),
            copulas: lower_set(&words.copulas),
            broad: words.broad_nouns.iter().map(|n| join_words(n)).collect(),
            definition_markers: crate::lexicon::PhraseSet::new(&words.definition_markers),
            coordinators: lower_set(&words.mandate.coordinators),
            abolished: bodies.iter().map(|b| b.abolished.is_some()).collect(),
            all_bodies: (0..bodies.len()).collect(),
            ..Matcher::default()
        };
        let classifier = Classifier::new(lexicon);
        let phase = styrlint_parse::timing::Phase::start("name table: names and trie");
        for (name, target) in names {
            let english = lexicon.name_lang(name) == Some(Lang::En);
            m.add(name, target, &classifier, english);
        }
        for (i, b) in bodies.iter().enumerate() {
            for n in b.names() {
                let slug = slug(n);
                if !slug.is_empty() {
                    let v = m.slugs.entry(slug).or_default();
                    if !v.contains(&i) {
                        v.push(i);
                    }
                }
            }
        }
        drop(phase);
        let phase = styrlint_parse::timing::Phase::start("name table: forms");
        m.add_forms();
        drop(phase);
        let _phase = styrlint_parse::timing::Phase::start("name table: generic nouns");
        m.articles = lower_set(&words.definite_articles);
        let heads: Vec<Option<String>> = bodies
            .iter()
            .map(|b| head_noun(&b.name, &classifier))
            .collect();
        let kind_keys: Vec<Option<String>> = bodies
            .iter()
            .map(|b| b.kind.as_deref().map(join_words))
            .collect();
        for noun in &words.generic_nouns {
            let noun_words: Vec<String> = tokenize(noun)
                .into_iter()
                .map(|t| t.text.into_owned())
                .collect();
            if noun_words.is_empty() {
                continue;
            }
            let noun_key = noun_words.join(" ");
            let last = &noun_words[noun_words.len() - 1];
            let neuter = classifier.gender(last);
            let definite = definite_forms(last, neuter);
            if noun_words.len() == 1 {
                for f in &definite {
                    m.generic_forms
                        .entry(f.clone())
                        .or_insert_with(|| noun_key.clone());
                }
            }
            if !m.articles.is_empty() {
                m.generic_phrases
                    .entry(noun_words[0].clone())
                    .or_default()
                    .push((noun_words.clone(), noun_key.clone()));
            }
            // The register's kind says what a body is; without one, the
            // head of its name ("Technical Steering Committee" is a
            // committee, "Board Secretary" a role).
            // A multi-word noun ("steering committee") is a kind of its
            // last word's: a committee whose name says it steers.
            let noun_forms = NounForms::new(noun, &classifier);
            let head_forms = NounForms::new(last, &classifier);
            let bodies_of_kind: Vec<usize> = (0..bodies.len())
                .filter(|&i| {
                    let head = heads[i].as_deref();
                    match &kind_keys[i] {
                        Some(kind) => {
                            noun_forms.matches(kind)
                                || (noun_words.len() > 1
                                    && head_forms.matches(kind)
                                    && head.is_some_and(|h| noun_forms.matches(h)))
                        }
                        None => head.is_some_and(|h| noun_forms.matches(h)),
                    }
                })
                .collect();
            m.generic_bodies.insert(noun_key.clone(), bodies_of_kind);
            let all: HashSet<String> = forms(last).into_iter().collect();
            let plural: HashSet<String> = plural_forms_of(last, neuter == Some(true))
                .into_iter()
                .collect();
            for f in &all {
                if !is_definite_singular_of(f, last, neuter) {
                    let v = m.general_forms.entry(f.clone()).or_default();
                    if !v.contains(&noun_key) {
                        v.push(noun_key.clone());
                    }
                }
            }
            m.noun_forms.insert(noun_key.clone(), (all, plural));
            m.genders.insert(noun_key, neuter);
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

    fn add(&mut self, name: &str, target: Target, classifier: &Classifier, english: bool) {
        let tokens = tokenize(name);
        if tokens.is_empty() {
            return;
        }
        let words: Vec<String> = tokens.iter().map(|t| t.text.to_string()).collect();
        let written: Vec<String> = tokens
            .iter()
            .map(|t| strip_suffix_of(name, t).to_string())
            .collect();
        // A name of one short word in lower case ("sig", "tag", "vad" as an
        // alias) is an ordinary word of the language: never a mention.
        if let [only] = written.as_slice()
            && only.chars().count() <= 3
            && !only.chars().any(char::is_uppercase)
        {
            return;
        }
        let classes = classifier.classes(&written, english);
        let name_idx = self.names.len() as u32;
        let mut node = 0u32;
        for (w, class) in words.iter().zip(&classes) {
            let id = self.word_id(w);
            if *class == WordClass::Common {
                self.word_common[id as usize] = true;
            }
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
        let neuter_last = words.last().is_some_and(|w| classifier.is_neuter(w));
        let generic = words.len() == 1 && classifier.generic_words.contains(&words[0]);
        let last_common = classes.last() == Some(&WordClass::Common);
        let indefinite_last = words
            .last()
            .filter(|_| last_common && classifier.has_genders)
            .and_then(|w| indefinite_of(w, Some(classifier.is_neuter(w))));
        let post = words.len() == 1
            && last_common
            && starts_upper(&written[0])
            && classifier.is_role(&words[0]);
        self.names.push(Name {
            generic,
            indefinite_last,
            post,
            words,
            written,
            classes,
            closes: name.trim_end().ends_with(')'),
            neuter_last,
        });
    }

    fn word_id(&mut self, w: &str) -> u32 {
        if let Some(&id) = self.word_ids.get(w) {
            return id;
        }
        let id = self.word_ids.len() as u32;
        self.word_ids.insert(w.to_string(), id);
        self.words.push(w.to_string());
        self.word_common.push(false);
        id
    }

    /// Generates the forms of every name word (in parallel: this is most
    /// of building the table) and indexes them.
    fn add_forms(&mut self) {
        use rayon::prelude::*;
        let words = std::mem::take(&mut self.words);
        self.word_ids = HashMap::default();
        let common = &self.word_common;
        let all: Vec<Vec<String>> = words
            .par_iter()
            .enumerate()
            .map(|(id, w)| {
                // A number is written one way ("plan 12"; "KS:s" and "2024:s"
                // keep their endings apart in the tokenizer), and an acronym
                // or a proper name takes a genitive at most.
                if w.bytes().all(|b| b.is_ascii_digit()) {
                    vec![w.clone()]
                } else if !common[id] {
                    vec![w.clone(), format!("{w}s")]
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
        if self.broad.contains(noun) {
            return &self.all_bodies;
        }
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
            // URLs, paths, e-mail addresses and identifiers, once per block.
            let opaque = opaque_ranges(text);
            let mut in_opaque = {
                let mut k = 0;
                move |pos: usize| {
                    while k < opaque.len() && opaque[k].end <= pos {
                        k += 1;
                    }
                    opaque.get(k).is_some_and(|r| r.start <= pos)
                }
            };
            let block_start = out.len();
            let mut i = 0;
            while i < tokens.len() {
                // Most words are no name, generic noun or article: one
                // lookup says so (the tests below cost more).
                let word = &*tokens[i].text;
                if self.form_ids(word).is_none() && !self.special.contains(word) {
                    i += 1;
                    continue;
                }
                if in_opaque(tokens[i].span.start) {
                    i += 1;
                    continue;
                }
                if let Some(found) = self.longest_at(text, &tokens, i, doc.lang) {
                    let end = found.end;
                    let mut norm = tokens[i].span.start..tokens[end].span.end;
                    if found.closes && text[norm.end..].starts_with(')') {
                        norm.end += 1;
                    }
                    if self.is_part_of_longer_name(doc, block, &tokens, i, &found) {
                        i = end + 1;
                        continue;
                    }
                    let base_form = found.base_exact
                        || (found.base_initial
                            && sentence_initial(block, text, tokens[i].span.start));
                    let targets = self.without_hidden_docs(doc, block, norm.clone(), found.targets);
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
                    && self.longest_at(text, &tokens, i + 1, doc.lang).is_some()
                {
                    i += 1;
                    continue;
                }
                if let Some((end, noun)) = self.generic_at(text, &tokens, i) {
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
            merge_abbreviations(block, &mut out, block_start);
        }
        self.resolve_generics(doc, &mut out, own);
        out
    }

    fn mention(&self, doc: &Document, bi: usize, norm: Range<usize>, kind: MentionKind) -> Mention {
        let block = &doc.blocks[bi];
        Mention {
            block: bi,
            sentence: sentence_of(block, norm.start),
            span: block.text.to_original(norm.clone()),
            norm,
            kind,
        }
    }

    /// The longest valid name starting at token `i`.
    fn longest_at(&self, text: &str, tokens: &[Token], i: usize, lang: Lang) -> Option<Found> {
        // Most words start no name: answer those without allocating.
        let first = self.form_ids(&tokens.get(i)?.text)?.as_slice();
        if !first.iter().any(|&id| self.trie.contains_key(&(0, id))) {
            return None;
        }
        let mut states: Vec<u32> = vec![0];
        // Every terminal on the way, longest last: a longer one may fail the
        // written-form checks and a shorter one hold.
        let mut terminals: Vec<(usize, Vec<u32>)> = Vec::new();
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
                terminals.push((j, terminal));
            }
            if tok.suffixed {
                break; // a genitive ends the name
            }
            states = next;
        }
        for (end, nodes) in terminals.into_iter().rev() {
            let toks = &tokens[i..=end];
            let suffixed = toks.iter().any(|t| t.suffixed);
            let mut targets = Vec::new();
            let mut base_exact = false;
            let mut base_initial = false;
            let mut closes = false;
            let mut words = 0;
            let mut all_common = true;
            let mut generic = false;
            for n in nodes {
                for (t, name_idx) in &self.ends[&n] {
                    let name = &self.names[*name_idx as usize];
                    let prev = i.checked_sub(1).map(|p| &*tokens[p].text);
                    if !written_as_name(text, toks, name, lang, prev, &self.copulas) {
                        continue;
                    }
                    words = name.words.len();
                    closes |= name.closes;
                    all_common &= name.classes.iter().all(|c| *c == WordClass::Common);
                    generic |= name.generic;
                    if !targets.contains(t) {
                        targets.push(*t);
                    }
                    if !suffixed && toks.iter().zip(&name.words).all(|(t, w)| *t.text == **w) {
                        base_exact |= toks
                            .iter()
                            .zip(&name.written)
                            .all(|(t, w)| word_text(text, t) == w);
                        base_initial |=
                            toks.iter()
                                .zip(&name.written)
                                .enumerate()
                                .all(|(k, (t, w))| {
                                    let t = word_text(text, t);
                                    if k == 0 {
                                        same_but_first_letter(t, w)
                                    } else {
                                        t == w
                                    }
                                });
                    }
                }
            }
            if targets.is_empty() {
                continue;
            }
            targets.sort();
            return Some(Found {
                end,
                targets,
                base_exact,
                base_initial,
                closes,
                words,
                all_common,
                generic,
            });
        }
        None
    }

    /// A short name right after a capitalised word that is no name of its
    /// own, on the same line and not at the start of a sentence or line
    /// ("Norra Rådet", "the AMP CoC WG"), or in a coordinated compound
    /// ("Kultur- och fritidsnämnden", "Outreach and Community Committee"
    /// where only the last is registered): part of another, longer name.
    /// A name of common words after an indefinite article ("a really good
    /// core team") is a description, not the body. English: a one-word
    /// common name before a modifier noun ("the Board member") is a
    /// modifier.
    fn is_part_of_longer_name(
        &self,
        doc: &Document,
        block: &styrlint_parse::Block,
        tokens: &[Token],
        i: usize,
        found: &Found,
    ) -> bool {
        let text = block.text.as_str();
        let (end, words) = (found.end, found.words);
        let initial = |pos: usize| line_initial(doc, block, pos);
        let same_line = |a: usize, b: usize| {
            let r = block.text.to_original(a..b);
            !doc.text[r].contains('\n')
        };
        let start = tokens[i].span.start;
        if i > 0 {
            let prev = &tokens[i - 1];
            let gap = &text[prev.span.end..start];
            let prev_text = word_text(text, prev);
            // "Kultur- och fritidsnämnden": a suspended compound before.
            if self.coordinators.contains(&*prev.text) && i > 1 {
                let before = &text[tokens[i - 2].span.end..prev.span.start];
                if before.trim_start().starts_with('-') || before.starts_with('-') {
                    return true;
                }
                let prev2 = &tokens[i - 2];
                if words <= 2
                    && starts_upper(word_text(text, prev2))
                    && !initial(prev2.span.start)
                    && same_line(prev2.span.end, start)
                    && self.form_ids(&prev2.text).is_none()
                    && starts_upper(word_text(text, &tokens[i]))
                {
                    return true;
                }
            }
            // A capital on a name that is one generic noun ("Norra Rådet")
            // joins it to the word before even at the start of a sentence.
            let generic_capital = found.generic && starts_upper(word_text(text, &tokens[i]));
            if words <= 2
                && gap.chars().all(|c| c == ' ' || c == '\u{a0}')
                && !gap.is_empty()
                && same_line(prev.span.end, start)
                && starts_upper(prev_text)
                && !prev.suffixed
                && (generic_capital || !initial(prev.span.start))
                && self.form_ids(&prev.text).is_none()
                && !self.articles.contains(&*prev.text)
                && !self.function_words.contains(&*prev.text)
            {
                return true;
            }
            // "a really good core team": an indefinite description.
            if found.all_common {
                let from = i.saturating_sub(3);
                for k in (from..i).rev() {
                    let t = &tokens[k];
                    // Punctuation between ends the phrase ("varje år;
                    // hållbarhetsutskottets ordförande").
                    let next_start = tokens[k + 1].span.start;
                    if !text[t.span.end..next_start]
                        .chars()
                        .all(char::is_whitespace)
                    {
                        break;
                    }
                    if self.indefinite.contains(&*t.text) {
                        return true;
                    }
                    // Only adjectives and adverbs between: a function word
                    // ("en ledamot i kommunstyrelsen"), a capital or a name
                    // ends the description.
                    if self.function_words.contains(&*t.text)
                        || starts_upper(word_text(text, t))
                        || self.form_ids(&t.text).is_some()
                    {
                        break;
                    }
                }
            }
        }
        // An English modifier: "the Board member", "the Council meeting".
        if doc.lang == Lang::En
            && found.all_common
            && words == 1
            && let Some(next) = tokens.get(end + 1)
            && !tokens[end].suffixed
            && text[tokens[end].span.end..next.span.start] == *" "
            && self.noun_followers.contains(&*next.text)
            && !matches!(block.kind, BlockKind::Heading)
        {
            return true;
        }
        false
    }

    /// A name that means both a body and a document (a charter titled with
    /// its group's name) means the body in running text; only a link means
    /// the document.
    fn without_hidden_docs(
        &self,
        doc: &Document,
        block: &styrlint_parse::Block,
        norm: Range<usize>,
        mut targets: Vec<Target>,
    ) -> Vec<Target> {
        if targets.iter().any(|t| matches!(t, Target::Body(_)))
            && targets.iter().any(|t| matches!(t, Target::Doc(_)))
        {
            let span = block.text.to_original(norm);
            let in_link = doc
                .links
                .iter()
                .any(|l| l.span.start <= span.start && span.end <= l.span.end);
            if in_link {
                targets.retain(|t| !matches!(t, Target::Body(_)));
            } else {
                targets.retain(|t| !matches!(t, Target::Doc(_)));
            }
        }
        targets
    }

    /// A generic definite mention starting at token `i`: last token, noun.
    fn generic_at(&self, text: &str, tokens: &[Token], i: usize) -> Option<(usize, String)> {
        let tok = &tokens[i];
        let (end, noun) = if let Some(noun) = self.generic_forms.get(&*tok.text) {
            // "Norra Rådet": a capitalised word before makes it a name.
            if i > 0 {
                let prev = &tokens[i - 1];
                let gap = &text[prev.span.end..tok.span.start];
                // Two capitals in a row make a name even at the start of a
                // sentence, unless the first is a function word ("Till
                // Styrgruppen …" is rare; "Norra Styrgruppen" is a name).
                if gap == " "
                    && starts_upper(word_text(text, prev))
                    && starts_upper(word_text(text, tok))
                    && !self.function_words.contains(&*prev.text)
                    && !self.articles.contains(&*prev.text)
                {
                    return None;
                }
            }
            (i, noun.clone())
        } else {
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
                .map(|(words, noun)| (i + words.len(), noun.clone()))?
        };
        // "the board member", "the board meeting": a modifier.
        if let Some(next) = tokens.get(end + 1)
            && !tokens[end].suffixed
            && text[tokens[end].span.end..next.span.start]
                .trim()
                .is_empty()
            && self.noun_followers.contains(&*next.text)
        {
            return None;
        }
        // "förvaltningen av kommunens angelägenheter": a phrase of its own.
        if tokens
            .get(end + 1)
            .is_some_and(|next| self.of_words.contains(&*next.text) && !tokens[end].suffixed)
        {
            return None;
        }
        // "styrelsen för Trollhättans Stad", "the board of the Foundation":
        // qualified by a name.
        if let Some(next) = tokens.get(end + 1)
            && self.qualifiers.contains(&*next.text)
        {
            let mut k = end + 2;
            if tokens
                .get(k)
                .is_some_and(|t| self.articles.contains(&*t.text))
            {
                k += 1;
            }
            if tokens.get(k).is_some_and(|t| {
                starts_upper(word_text(text, t)) || self.form_ids(&t.text).is_some()
            }) {
                return None;
            }
        }
        Some((end, noun))
    }

    /// Decides which body each generic mention means, and which bodies
    /// compete for the ones nothing resolves.
    fn resolve_generics(&self, doc: &Document, mentions: &mut [Mention], own: &[usize]) {
        if !mentions
            .iter()
            .any(|m| matches!(m.kind, MentionKind::Generic { .. }))
        {
            return;
        }
        let live = |b: &usize| !self.abolished.get(*b).copied().unwrap_or(false);
        let subject = self.subject_bodies(doc, mentions, own);
        let definitions = self.definitions(doc, mentions);
        // Named bodies by section, by heading block and in the whole
        // document (each distinct, ascending), and by block in order.
        let mut by_section: HashMap<Option<usize>, Vec<usize>> = HashMap::default();
        let mut by_heading: HashMap<usize, Vec<usize>> = HashMap::default();
        let mut by_block: HashMap<usize, Vec<(usize, usize)>> = HashMap::default();
        // Named bodies by table row: a roles table's first cell leads its row.
        let mut by_row: HashMap<(usize, usize), Vec<usize>> = HashMap::default();
        let mut in_doc: Vec<usize> = Vec::new();
        for (i, m) in mentions.iter().enumerate() {
            if !matches!(m.kind, MentionKind::Named { .. }) {
                continue;
            }
            let Some(b) = m.body() else { continue };
            let block = &doc.blocks[m.block];
            by_section.entry(block.section).or_default().push(b);
            if block.kind == BlockKind::Heading
                && let Some(h) = block.section
            {
                by_heading.entry(h).or_default().push(b);
            }
            by_block.entry(m.block).or_default().push((i, b));
            if let Some((t, r, _)) = block.cell {
                by_row.entry((t, r)).or_default().push(b);
            }
            in_doc.push(b);
        }
        for v in by_section.values_mut().chain(by_heading.values_mut()) {
            v.sort_unstable();
            v.dedup();
        }
        in_doc.sort_unstable();
        in_doc.dedup();
        let headings = self.general_headings(doc, &by_heading);
        let quantified = self.quantified_chapters(doc);
        // By index: each generic mention is decided from the others (read)
        // and then written.
        #[allow(clippy::needless_range_loop)]
        for idx in 0..mentions.len() {
            let MentionKind::Generic { noun, .. } = &mentions[idx].kind else {
                continue;
            };
            let noun = noun.clone();
            let broad = self.broad.contains(&noun);
            let kind = self.bodies_of_kind(&noun);
            let of_kind = |b: &usize| live(b) && kind.binary_search(b).is_ok();
            let block = mentions[idx].block;
            let section = doc.blocks[block].section;
            let of_kind_in = |v: Option<&Vec<usize>>| -> Vec<usize> {
                v.map(|v| v.iter().copied().filter(of_kind).collect())
                    .unwrap_or_default()
            };
            let (resolved, candidates) = 'decide: {
                if let Some(&b) = definitions.get(&noun) {
                    break 'decide (Some(b), Vec::new());
                }
                let chapter = doc.section_path_indices(section).last().copied();
                if quantified.contains(&(noun.clone(), chapter))
                    || self.is_general(doc, &mentions[idx], &noun, &headings)
                {
                    break 'decide (None, Vec::new());
                }
                let in_section = of_kind_in(by_section.get(&section));
                let own_of_kind: Vec<usize> = subject.iter().copied().filter(of_kind).collect();
                if let [one] = own_of_kind.as_slice()
                    && in_section.iter().all(|b| b == one)
                {
                    break 'decide (Some(*one), Vec::new());
                }
                if broad && let [one] = subject.as_slice() {
                    break 'decide (Some(*one), Vec::new());
                }
                // The same table row names one ("| Sörbrunnahem AB |
                // … i bolagets bostadsbestånd |").
                if let Some((t, r, _)) = doc.blocks[block].cell {
                    let mut row: Vec<usize> = by_row
                        .get(&(t, r))
                        .map(|v| v.iter().copied().filter(of_kind).collect())
                        .unwrap_or_default();
                    row.sort_unstable();
                    row.dedup();
                    if let [one] = row.as_slice() {
                        break 'decide (Some(*one), Vec::new());
                    }
                }
                // The same paragraph: the one body of the kind named before
                // it (the nearest, for a broad noun).
                // The nearest named before it, at most 64 back: a reader's
                // antecedent is near, and a paragraph of thousands of
                // mentions costs no more per mention.
                let mut before: Vec<usize> = by_block
                    .get(&block)
                    .map(|v| {
                        let at = v.partition_point(|(i, _)| *i < idx);
                        let from = at.saturating_sub(64);
                        v[from..at]
                            .iter()
                            .map(|&(_, b)| b)
                            .filter(of_kind)
                            .collect()
                    })
                    .unwrap_or_default();
                if broad && let Some(&b) = before.last() {
                    break 'decide (Some(b), Vec::new());
                }
                before.sort_unstable();
                before.dedup();
                if let [one] = before.as_slice() {
                    break 'decide (Some(*one), Vec::new());
                }
                // The heading it sits under, or one above, names one.
                for h in doc.section_path_indices(section) {
                    if let [one] = of_kind_in(by_heading.get(&h)).as_slice() {
                        break 'decide (Some(*one), Vec::new());
                    }
                }
                if broad {
                    break 'decide (None, Vec::new());
                }
                match in_section.as_slice() {
                    [one] => break 'decide (Some(*one), Vec::new()),
                    [_, _, ..] => break 'decide (None, in_section),
                    [] => {}
                }
                // Under a heading that names a body of another kind (a
                // project's section saying "nämnden"), the text speaks of
                // that one: no other body competes.
                if doc
                    .section_path_indices(section)
                    .iter()
                    .any(|h| by_heading.contains_key(h))
                {
                    break 'decide (None, Vec::new());
                }
                let named: Vec<usize> = in_doc.iter().copied().filter(of_kind).collect();
                // Of several named in the document, the one a heading of it
                // names ("# 2 Sektionsstyrelsen") is the one it is about.
                let headed: Vec<usize> = named
                    .iter()
                    .copied()
                    .filter(|b| by_heading.values().any(|v| v.contains(b)))
                    .collect();
                match (named.as_slice(), headed.as_slice()) {
                    ([one], _) => break 'decide (Some(*one), Vec::new()),
                    ([_, _, ..], [one]) => break 'decide (Some(*one), Vec::new()),
                    // Two to four compete; a document naming many bodies of
                    // the kind (a register of all nämnder) uses the noun of
                    // whichever its passage is about.
                    ([_, _, ..], _) if named.len() <= 4 => break 'decide (None, named),
                    ([_, _, ..], _) => break 'decide (None, Vec::new()),
                    ([], _) => {}
                }
                let register: Vec<usize> = kind.iter().copied().filter(live).collect();
                match register.len() {
                    1 => (Some(register[0]), Vec::new()),
                    // A handful of bodies of the kind, none named: which?
                    2..=3 => (None, register),
                    // Many: the text speaks of the kind in general.
                    _ => (None, Vec::new()),
                }
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

    /// The bodies a document is about: its own (front matter), the ones
    /// its title names, and the one a folder or file name is named after.
    fn subject_bodies(&self, doc: &Document, mentions: &[Mention], own: &[usize]) -> Vec<usize> {
        let mut out: Vec<usize> = own.to_vec();
        let title_block = doc
            .headings
            .iter()
            .position(|h| h.level == 1)
            .and_then(|hi| {
                doc.blocks
                    .iter()
                    .position(|b| b.kind == BlockKind::Heading && b.section == Some(hi))
            });
        match (&doc.meta.title, title_block) {
            (Some(t), _) => {
                let tokens = tokenize(&t.value);
                let mut i = 0;
                while i < tokens.len() {
                    match self.longest_at(&t.value, &tokens, i, doc.lang) {
                        Some(found) => {
                            out.extend(found.targets.iter().filter_map(|t| match t {
                                Target::Body(b) => Some(*b),
                                _ => None,
                            }));
                            i = found.end + 1;
                        }
                        None => i += 1,
                    }
                }
            }
            (None, Some(bi)) => {
                out.extend(mentions.iter().filter(|m| m.block == bi).filter_map(|m| {
                    matches!(m.kind, MentionKind::Named { .. })
                        .then(|| m.body())
                        .flatten()
                }));
            }
            _ => {}
        }
        for part in doc.path.split('/') {
            let stem = part.rsplit_once('.').map_or(part, |(s, _)| s);
            if let Some(bodies) = self.slugs.get(&slug(stem))
                && let [one] = bodies.as_slice()
            {
                out.push(*one);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Short forms the document defines: a generic noun in a sentence with
    /// a definition marker ("nedan kallad styrelsen", "hereinafter the
    /// Board", "Med utskottet avses …"), or in a parenthesis right after a
    /// name ("Trollhättan Energi AB (bolaget)"), means the body named
    /// there, everywhere in the document.
    fn definitions(&self, doc: &Document, mentions: &[Mention]) -> HashMap<String, usize> {
        let mut out: HashMap<String, usize> = HashMap::default();
        for (gi, g) in mentions.iter().enumerate() {
            let MentionKind::Generic { noun, .. } = &g.kind else {
                continue;
            };
            if out.contains_key(noun) {
                continue;
            }
            let block = &doc.blocks[g.block];
            let text = block.text.as_str();
            let Some(sentence) = block.sentences.get(g.sentence) else {
                continue;
            };
            let same_sentence = |m: &Mention| m.block == g.block && m.sentence == g.sentence;
            // A parenthesis right after a name: "X (nedan bolaget)", "X
            // (the Committee)".
            let in_parens = gi > 0
                && mentions[gi - 1].block == g.block
                && matches!(mentions[gi - 1].kind, MentionKind::Named { .. })
                && text[mentions[gi - 1].norm.end..g.norm.start]
                    .trim_start()
                    .starts_with('(')
                && !text[mentions[gi - 1].norm.end..g.norm.start].contains(')')
                && g.norm.start - mentions[gi - 1].norm.end < 60;
            if in_parens && let Some(b) = mentions[gi - 1].body() {
                out.insert(noun.clone(), b);
                continue;
            }
            let lower = text[sentence.clone()].to_lowercase();
            if !self.definition_markers.any_in(&lower) {
                continue;
            }
            // The nearest name before it in the sentence, else after
            // (mentions are in order: look outwards from this one).
            let named = |m: &Mention| {
                matches!(m.kind, MentionKind::Named { .. })
                    .then(|| m.body())
                    .flatten()
            };
            let before = mentions[..gi]
                .iter()
                .rev()
                .take_while(|m| same_sentence(m))
                .find_map(named);
            let pick = before.or_else(|| {
                mentions[gi + 1..]
                    .iter()
                    .take_while(|m| same_sentence(m))
                    .find_map(named)
            });
            if let Some(b) = pick {
                out.insert(noun.clone(), b);
            }
        }
        out
    }

    /// The (noun, chapter) pairs where the text speaks of a kind in
    /// general: a quantifier before the noun ("varje kommitté", "en
    /// styrgrupp", "each working group"). A chapter is the top-level
    /// heading a block sits under (`None` before the first).
    fn quantified_chapters(&self, doc: &Document) -> HashSet<(String, Option<usize>)> {
        let mut out = HashSet::default();
        for block in &doc.blocks {
            let tokens = tokenize(block.text.as_str());
            let mut chapter: Option<Option<usize>> = None;
            for (k, t) in tokens.iter().enumerate() {
                let Some(nouns) = self.general_forms.get(&*t.text) else {
                    continue;
                };
                for noun in nouns {
                    let words: Vec<&str> = noun.split(' ').collect();
                    let n = words.len();
                    if k < n {
                        continue;
                    }
                    let phrase = tokens[k + 1 - n..k]
                        .iter()
                        .zip(&words)
                        .all(|(t, w)| *t.text == **w);
                    if phrase && self.quantifiers.contains(&*tokens[k - n].text) {
                        let c = *chapter.get_or_insert_with(|| {
                            doc.section_path_indices(block.section).last().copied()
                        });
                        out.insert((noun.clone(), c));
                    }
                }
            }
        }
        out
    }

    /// The words of each heading, and whether the heading names a body
    /// ("Styrgrupp Framtid" is a name, not the kind).
    fn general_headings(
        &self,
        doc: &Document,
        by_heading: &HashMap<usize, Vec<usize>>,
    ) -> Vec<(Vec<String>, bool)> {
        doc.headings
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let words = tokenize(&h.text)
                    .into_iter()
                    .map(|t| t.text.into_owned())
                    .collect();
                (words, by_heading.contains_key(&i))
            })
            .collect()
    }

    /// True when a generic mention speaks of the kind in general, not of one
    /// body: the same or the previous sentence of its paragraph holds the
    /// noun in plural, or indefinite after a quantifier ("om en nämnd …,
    /// kan nämnden", "each working group … the working group"), or a
    /// heading above it names the kind in plural or indefinite form
    /// ("Arbetsgrupper", "Utskott", "Working groups"), or the document's
    /// first heading names it in plural.
    fn is_general(
        &self,
        doc: &Document,
        m: &Mention,
        noun: &str,
        headings: &[(Vec<String>, bool)],
    ) -> bool {
        let Some((all, plural)) = self.noun_forms.get(noun) else {
            return false;
        };
        let last = noun.rsplit(' ').next().unwrap_or(noun);
        let gender = self.genders.get(noun).copied().flatten();
        let indefinite = |w: &str| all.contains(w) && !is_definite_singular_of(w, last, gender);
        let block = &doc.blocks[m.block];
        let text = block.text.as_str();
        let from = m.sentence.saturating_sub(1);
        let range = match (block.sentences.get(from), block.sentences.get(m.sentence)) {
            (Some(a), Some(b)) => a.start..b.end,
            _ => 0..text.len(),
        };
        let noun_words: Vec<&str> = noun.split(' ').collect();
        let n = noun_words.len();
        let english_plural = |w: &str| {
            doc.lang == Lang::En
                && (w.strip_suffix('s') == Some(last)
                    || w.strip_suffix("es") == Some(last)
                    || last
                        .strip_suffix('y')
                        .is_some_and(|stem| w == format!("{stem}ies")))
        };
        let is_plural = |w: &str| plural.contains(w) || english_plural(w);
        let tokens = tokenize(&text[range.clone()]);
        for (k, t) in tokens.iter().enumerate() {
            if m.norm.contains(&(range.start + t.span.start)) {
                continue;
            }
            // The noun's other words before this one ("working group").
            let phrase = k + 1 >= n
                && tokens[k + 1 - n..k]
                    .iter()
                    .zip(&noun_words)
                    .all(|(t, w)| *t.text == **w);
            if !phrase {
                continue;
            }
            if is_plural(&t.text) {
                return true;
            }
            if indefinite(&t.text) && k + 1 > n && self.quantifiers.contains(&*tokens[k - n].text) {
                return true;
            }
        }
        for h in doc.section_path_indices(block.section) {
            let (words, names_a_body) = &headings[h];
            if words
                .iter()
                .any(|w| is_plural(w) || (indefinite(w) && !names_a_body))
            {
                return true;
            }
        }
        // The title, or the lead paragraph before any heading but the
        // title, speaks of the kind in plural ("best practices of healthy
        // councils and boards").
        let lead = doc
            .blocks
            .iter()
            .find(|b| b.kind != BlockKind::Heading)
            .filter(|b| b.section.is_none_or(|s| s == 0));
        headings
            .first()
            .is_some_and(|(words, _)| words.iter().any(|w| is_plural(w)))
            || lead.is_some_and(|b| tokenize(b.text.as_str()).iter().any(|t| is_plural(&t.text)))
    }
}

/// A name found at a position.
struct Found {
    /// Its last token.
    end: usize,
    /// What it stands for.
    targets: Vec<Target>,
    /// Written exactly as a registered name, case included.
    base_exact: bool,
    /// Written exactly as a registered name but for the case of its first
    /// letter (a capital at the start of a sentence).
    base_initial: bool,
    /// The name ends in a closing bracket.
    closes: bool,
    /// Words in the name.
    words: usize,
    /// Every word of the name is a common word ("core team"), none an
    /// acronym or a proper word.
    all_common: bool,
    /// The name is one generic noun ("Rådet").
    generic: bool,
}

/// Reads word classes from how the register writes a name.
struct Classifier {
    /// Every form of the generic and role nouns, lower case: a word that is
    /// one or ends in one (a compound) is common.
    tails: HashSet<String>,
    /// Endings that make a word common.
    endings: Vec<String>,
    /// Role nouns: a name that ends in one is a role.
    roles: HashSet<String>,
    /// Generic nouns with their forms.
    generic: Vec<NounForms>,
    /// Neuter nouns, lower case.
    neuter: HashSet<String>,
    /// Every form of every one-word generic noun.
    generic_words: HashSet<String>,
    /// Whether the lexicon gives genders at all (Swedish does).
    has_genders: bool,
}

impl Classifier {
    fn new(lexicon: &Lexicon) -> Classifier {
        let w = &lexicon.words;
        let tails: HashSet<String> = w
            .generic_nouns
            .iter()
            .chain(&w.role_nouns)
            .chain(&w.broad_nouns)
            .filter(|n| !n.contains(' '))
            .flat_map(|n| forms(n))
            .collect();
        let neuter: HashSet<String> = w.neuter_nouns.iter().map(|n| n.to_lowercase()).collect();
        let generic_words: HashSet<String> = w
            .generic_nouns
            .iter()
            .filter(|n| !n.contains(' '))
            .flat_map(|n| forms(n))
            .collect();
        let mut c = Classifier {
            generic_words,
            tails,
            endings: w.common_endings.iter().map(|e| e.to_lowercase()).collect(),
            roles: w.role_nouns.iter().map(|r| r.to_lowercase()).collect(),
            generic: Vec::new(),
            has_genders: !neuter.is_empty(),
            neuter,
        };
        c.generic = w
            .generic_nouns
            .iter()
            .map(|n| NounForms::new(n, &c))
            .collect();
        c
    }

    /// A role noun, or a compound ending in one ("studerandeskyddsombud").
    fn is_role(&self, w: &str) -> bool {
        self.roles.contains(w)
            || w.char_indices()
                .skip(2)
                .any(|(i, _)| w[i..].chars().count() >= 3 && self.roles.contains(&w[i..]))
    }

    /// The gender of a generic noun, where the lexicon gives genders:
    /// `Some(true)` for a neuter, `Some(false)` for any other (English
    /// nouns get Swedish-style definite forms no text uses, which cost
    /// nothing).
    fn gender(&self, noun: &str) -> Option<bool> {
        self.has_genders.then(|| self.neuter.contains(noun))
    }

    /// True when a name's last word is a neuter noun or a compound of one
    /// ("integrationsrådet", "utskott"), or is written in the neuter
    /// definite ("-et").
    fn is_neuter(&self, w: &str) -> bool {
        if !self.has_genders {
            return false;
        }
        let n = w.chars().count();
        self.neuter.iter().any(|t| {
            let definite = format!("{t}et");
            [t.as_str(), definite.as_str()]
                .iter()
                .any(|f| w == *f || (n >= f.chars().count() + 2 && w.ends_with(f)))
        })
    }

    /// The class of each word of a name; `english` names get no Swedish
    /// endings ("Steering" is no "-ing" noun).
    fn classes(&self, written: &[String], english: bool) -> Vec<WordClass> {
        // Title case: every word of four letters or more capitalised. Then
        // every capital counts; otherwise the first word's capital is only
        // the convention of starting a name with one.
        let title_case = written
            .iter()
            .filter(|w| w.chars().count() > 3 && w.chars().any(char::is_alphabetic))
            .all(|w| starts_upper(w));
        written
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
                if letters.is_empty() {
                    return WordClass::Common;
                }
                let caps = letters.iter().filter(|c| c.is_uppercase()).count();
                let inner_capital = w
                    .chars()
                    .zip(w.chars().skip(1))
                    .any(|(a, b)| a.is_lowercase() && b.is_uppercase());
                if (caps == letters.len() && letters.len() >= 2) || inner_capital {
                    return WordClass::Acronym;
                }
                if caps == 0 {
                    return WordClass::Common;
                }
                let lower = w.to_lowercase();
                if self.is_common(&lower, english) || (!title_case && i == 0) {
                    WordClass::Common
                } else {
                    WordClass::Proper
                }
            })
            .collect()
    }

    /// A generic or role noun, a compound ending in one, or a word with a
    /// common noun or adjective ending.
    fn is_common(&self, w: &str, english: bool) -> bool {
        if self.tails.contains(w) {
            return true;
        }
        // Every tail that leaves at least two letters of compound before it
        // and has three of its own.
        let n = w.chars().count();
        let tail_hit = w
            .char_indices()
            .enumerate()
            .skip(2)
            .take_while(|(k, _)| n - k >= 3)
            .any(|(_, (i, _))| self.tails.contains(&w[i..]));
        tail_hit || (!english && n >= 5 && self.endings.iter().any(|e| w.ends_with(e.as_str())))
    }
}

/// A generic noun's words, with every form and the plural forms of its
/// last word, computed once.
struct NounForms {
    words: Vec<String>,
    last_forms: HashSet<String>,
    last_plurals: HashSet<String>,
}

impl NounForms {
    fn new(noun: &str, classifier: &Classifier) -> NounForms {
        let words: Vec<String> = join_words(noun).split(' ').map(str::to_string).collect();
        let last = words.last().cloned().unwrap_or_default();
        NounForms {
            last_forms: forms(&last).into_iter().collect(),
            last_plurals: plural_forms_of(&last, classifier.neuter.contains(&last))
                .into_iter()
                .collect(),
            words,
        }
    }

    /// True when a kind (a register `Typ`, or a name's head, lower-case
    /// words) is of this noun's kind: equal, a form of it, or ending in it
    /// ("arbetsgrupp" is a grupp, "working group" a group,
    /// "Välfärdsutskottet" an utskott), not in plural.
    fn matches(&self, kind: &str) -> bool {
        let kind_words: Vec<&str> = kind.split(' ').collect();
        let n = self.words.len();
        if n > kind_words.len() {
            return false;
        }
        let tail = &kind_words[kind_words.len() - n..];
        if tail[..n - 1]
            .iter()
            .zip(&self.words)
            .any(|(a, b)| *a != b.as_str())
        {
            return false;
        }
        let k_last = tail[n - 1];
        // The word itself, or a tail of it with two letters or more before
        // it: one set lookup per tail, whatever the number of forms.
        let tails = || {
            std::iter::once(k_last).chain(k_last.char_indices().skip(2).map(|(i, _)| &k_last[i..]))
        };
        tails().any(|t| self.last_forms.contains(t))
            && !tails().any(|t| self.last_plurals.contains(t))
    }
}

/// The kind a body's name says it is, when the register gives none: the
/// last word before a preposition ("Technical Steering Committee",
/// "Board of Directors"), unless that is a role noun ("Board Secretary" is
/// a role); else a generic noun first ("Styrgrupp Framtid"). Lower-case
/// words joined by spaces, or `None`.
fn head_noun(name: &str, classifier: &Classifier) -> Option<String> {
    let words: Vec<String> = tokenize(name)
        .into_iter()
        .map(|t| t.text.into_owned())
        .collect();
    const PREPOSITIONS: &[&str] = &["of", "for", "för", "i", "inom", "på", "at", "on"];
    let cut = words
        .iter()
        .position(|w| PREPOSITIONS.contains(&w.as_str()))
        .unwrap_or(words.len());
    let head = &words[..cut];
    let last = head.last()?;
    if classifier.roles.contains(last) {
        return None;
    }
    let phrase = head.join(" ");
    if classifier.generic.iter().any(|g| g.matches(&phrase)) {
        return Some(phrase);
    }
    let first = head.first()?;
    classifier
        .generic
        .iter()
        .any(|g| g.matches(first))
        .then(|| first.clone())
}

/// Lower-case words of a phrase joined by single spaces.
fn join_words(s: &str) -> String {
    tokenize(s)
        .into_iter()
        .map(|t| t.text.into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when the written token and its neighbours are a form of the name
/// as the register writes it: the class of each word holds, and the name's
/// last word is not in plural.
fn written_as_name(
    text: &str,
    toks: &[Token],
    name: &Name,
    lang: Lang,
    prev: Option<&str>,
    copulas: &HashSet<String>,
) -> bool {
    let n = toks.len();
    for (k, tok) in toks.iter().enumerate() {
        let written = word_text(text, tok);
        let reg = &name.written[k];
        let lower = &*tok.text;
        let word = &name.words[k];
        let ok = match name.classes[k] {
            WordClass::Acronym => written == reg || written.strip_suffix('s') == Some(reg.as_str()),
            WordClass::Proper => {
                starts_upper(written) && (lower == word || lower.strip_suffix('s') == Some(word))
            }
            WordClass::Common => true,
        };
        if !ok {
            return false;
        }
        if k + 1 == n
            && let Some(base) = &name.indefinite_last
            && (lower == base || lower.strip_suffix('s') == Some(base.as_str()))
        {
            // "Valberedningen" registered, "en valberedning" written: the
            // common noun.
            return false;
        }
        if name.post
            && !written.chars().any(char::is_uppercase)
            && lower == word
            && prev.is_some_and(|p| copulas.contains(p))
        {
            // "Studerandeskyddsombud" registered, "X är
            // studerandeskyddsombud" written: the function, not the post.
            return false;
        }
        if k + 1 == n && lower != word {
            // The plural of the last word means several bodies.
            if name.classes[k] == WordClass::Common && is_plural_form(lower, reg, name.neuter_last)
            {
                return false;
            }
            if lang == Lang::En
                && name.classes[k] != WordClass::Acronym
                && !tok.suffixed
                && (lower.strip_suffix('s') == Some(word)
                    || lower.strip_suffix("es") == Some(word)
                    || word
                        .strip_suffix('y')
                        .is_some_and(|stem| lower == format!("{stem}ies")))
            {
                return false;
            }
        }
    }
    true
}

/// The text of a token as written, without its genitive or possessive
/// ending and without invisible characters' effect on the comparison.
fn word_text<'t>(text: &'t str, tok: &Token) -> &'t str {
    let raw = &text[tok.span.clone()];
    if tok.suffixed
        && let Some(i) = raw.rfind([':', '\'', '’'])
    {
        return &raw[..i];
    }
    raw
}

/// A token of a name as written in the name itself.
fn strip_suffix_of<'t>(name: &'t str, tok: &Token) -> &'t str {
    word_text(name, tok)
}

/// Equal but for the case of the first letter.
fn same_but_first_letter(a: &str, b: &str) -> bool {
    let (mut x, mut y) = (a.chars(), b.chars());
    match (x.next(), y.next()) {
        (Some(p), Some(q)) => p.to_lowercase().eq(q.to_lowercase()) && x.as_str() == y.as_str(),
        (None, None) => true,
        _ => false,
    }
}

fn starts_upper(s: &str) -> bool {
    s.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase)
}

/// The first sentence of a block holding a byte offset (`usize::MAX` when
/// none does). Sentences come in order, so a binary search finds it; a
/// scan from the front was quadratic in a paragraph of many sentences
/// (tests/robustness.rs).
fn sentence_of(block: &styrlint_parse::Block, x: usize) -> usize {
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
    sentence
}

/// True when only punctuation and markup stand between the start of the
/// sentence (or block) and `at`.
fn sentence_initial(block: &styrlint_parse::Block, text: &str, at: usize) -> bool {
    let start = match block.sentences.get(sentence_of(block, at)) {
        Some(s) => s.start,
        None => 0,
    };
    text.get(start..at)
        .is_some_and(|t| !t.chars().any(char::is_alphanumeric))
}

/// True at the start of a sentence, or of a line of the original text
/// (a list written as lines of one paragraph, a table cell).
fn line_initial(doc: &Document, block: &styrlint_parse::Block, at: usize) -> bool {
    let text = block.text.as_str();
    if sentence_initial(block, text, at) {
        return true;
    }
    let orig = block.text.to_original(at..at).start;
    doc.text
        .get(..orig)
        .map(|t| t.trim_end_matches([' ', '\t', '*', '_', '>', '|', '#', '-']))
        .is_none_or(|t| t.is_empty() || t.ends_with('\n'))
}

/// Byte ranges of the text that are URLs, file paths, e-mail addresses,
/// repository slugs or identifiers: no name inside them is a mention.
fn opaque_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    let bytes = text.as_bytes();
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let space = c.is_whitespace() || matches!(c, '(' | ')' | '<' | '>' | '"' | '[' | ']');
        match (start, space) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                let chunk = text[s..i].trim_end_matches(['.', ',', ';', ':', '!', '?']);
                if is_opaque(chunk) {
                    out.push(s..s + chunk.len());
                }
                start = None;
            }
            _ => {}
        }
    }
    let _ = bytes;
    out
}

fn is_opaque(chunk: &str) -> bool {
    // Most chunks are plain words: nothing below can hold for them.
    if !chunk
        .bytes()
        .any(|b| matches!(b, b':' | b'/' | b'@' | b'_' | b'\\' | b'-' | b'.'))
    {
        return false;
    }
    if chunk.contains("://") || chunk.starts_with("www.") {
        return true;
    }
    let between = |sep: char| {
        chunk.match_indices(sep).any(|(i, _)| {
            let before = chunk[..i].chars().last();
            let after = chunk[i + sep.len_utf8()..].chars().next();
            before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric)
        })
    };
    if between('@') || between('_') || between('\\') {
        return true;
    }
    if chunk.starts_with("./")
        || chunk.starts_with("../")
        || chunk.starts_with('/') && chunk.len() > 1
    {
        return true;
    }
    if between('/') {
        let slashes = chunk.matches('/').count();
        // "org-sigs/tool", "docs/charter.md", "a/b/c"; not "och/eller" nor
        // "styrelsen/nämnden".
        let ascii_slug = chunk.is_ascii()
            && chunk
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_./".contains(c));
        let has_ext = chunk
            .rsplit('/')
            .next()
            .and_then(|last| last.rsplit_once('.'))
            .is_some_and(|(_, ext)| {
                (1..=5).contains(&ext.len()) && ext.chars().all(char::is_alphanumeric)
            });
        return slashes >= 2 || ascii_slug && chunk.contains(['-', '_', '.']) || has_ext;
    }
    // A hyphenated identifier: "SIG-2", "KS-2019-123", "sig-security".
    if chunk.contains('-') {
        let parts: Vec<&str> = chunk.split('-').collect();
        let codey = parts
            .iter()
            .any(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
        let slug_like = chunk.is_ascii()
            && parts.len() >= 2
            && parts.iter().all(|p| {
                !p.is_empty()
                    && p.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            });
        return codey || slug_like;
    }
    false
}

/// "Name (ABBR)": a mention right after a mention of the same thing, in
/// brackets, is the same mention.
fn merge_abbreviations(block: &styrlint_parse::Block, out: &mut Vec<Mention>, from: usize) {
    let text = block.text.as_str();
    let mut k = from + 1;
    while k < out.len() {
        let (a, b) = (&out[k - 1], &out[k]);
        let same = matches!(
            (&a.kind, &b.kind),
            (MentionKind::Named { targets: x, .. }, MentionKind::Named { targets: y, .. }) if x == y
        );
        let gap = &text[a.norm.end..b.norm.start];
        let rest = &text[b.norm.end..];
        if same && gap.trim() == "(" && rest.trim_start().starts_with(')') {
            let end = b.norm.end + rest.find(')').map_or(0, |i| i + 1);
            out.remove(k);
            let first = &mut out[k - 1];
            first.norm.end = end;
            first.span = block.text.to_original(first.norm.clone());
            if let MentionKind::Named { base_form, .. } = &mut first.kind {
                *base_form = false;
            }
            continue;
        }
        k += 1;
    }
}

/// A name's slug, as folders and files are named ("WG Serving" →
/// "wg-serving").
fn slug(s: &str) -> String {
    let folded = ascii_fold(&name_key(s));
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
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
fn definite_forms(noun: &str, neuter: Option<bool>) -> Vec<String> {
    let mut out: Vec<String> = forms(noun)
        .into_iter()
        .filter(|f| is_definite_singular_of(f, noun, neuter))
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_classes_follow_the_register() {
        let lex = Lexicon::default();
        let c = Classifier::new(&lex);
        let classes = |name: &str| {
            let written: Vec<String> = tokenize(name)
                .iter()
                .map(|t| strip_suffix_of(name, t).to_string())
                .collect();
            c.classes(&written, lex.name_lang(name) == Some(Lang::En))
        };
        use WordClass::*;
        assert_eq!(classes("KS"), [Acronym]);
        assert_eq!(classes("SoN"), [Acronym]);
        assert_eq!(classes("Delta"), [Proper]);
        assert_eq!(classes("Kommunstyrelsen"), [Common]);
        assert_eq!(classes("Sociala hållbarhetsutskottet"), [Common, Common]);
        assert_eq!(
            classes("Barn- och ungdomsnämnden"),
            [Common, Common, Common]
        );
        assert_eq!(classes("End Users"), [Proper, Proper]);
        assert_eq!(
            classes("Technical Steering Committee"),
            [Proper, Proper, Common]
        );
        assert_eq!(classes("Propagandamästeriet"), [Common]);
    }

    #[test]
    fn head_nouns_tell_a_body_from_a_role() {
        let c = Classifier::new(&Lexicon::default());
        assert_eq!(
            head_noun("Technical Steering Committee", &c).as_deref(),
            Some("technical steering committee")
        );
        assert_eq!(head_noun("Board Secretary", &c), None);
        assert_eq!(
            head_noun("Board of Directors", &c).as_deref(),
            Some("board")
        );
        assert_eq!(
            head_noun("Styrgrupp Framtid", &c).as_deref(),
            Some("styrgrupp")
        );
        assert_eq!(
            head_noun("Kommunstyrelsens arbetsutskott", &c).as_deref(),
            Some("kommunstyrelsens arbetsutskott")
        );
        let of = |kind: &str, noun: &str| NounForms::new(noun, &c).matches(kind);
        assert!(of("kommunstyrelsens arbetsutskott", "utskott"));
        assert!(!of("kommunstyrelsens arbetsutskott", "styrelse"));
        assert!(of("technical steering committee", "steering committee"));
        assert!(of("working group", "group"));
        assert!(!of("committee", "steering committee"));
        assert!(of("välfärdsutskottet", "utskott"));
        assert!(!of("styrgrupper", "styrgrupp"));
    }

    #[test]
    fn opaque_text() {
        for s in [
            "https://github.com/org/wg-old-name/CHARTER.md",
            "www.example.org",
            "name@example.org",
            "org-sigs/tool",
            "docs/charter.md",
            "./README.md",
            "KS2019/123/TAG",
            "SIG-2",
            "sig-security",
            "snake_case_id",
        ] {
            assert!(is_opaque(s), "{s}");
        }
        for s in [
            "och/eller",
            "styrelsen/nämnden",
            "Barn-",
            "WG-Serving",
            "Kommunstyrelsen",
        ] {
            assert!(!is_opaque(s), "{s}");
        }
    }
}

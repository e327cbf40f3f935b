//! Mandates read out of the prose: who decides, prepares, follows up,
//! reports to whom, is responsible, only advises, delegates — and the roles
//! a document lists.
//!
//! Sources: sentences whose subject is a body mention ("Framtidsutskottet
//! bereder …"), role blocks whose bold lead term or list start names a body
//! ("**Processledare:** Ansvarar för …"), passive sentences ("… beslutas av
//! kommunstyrelsen"), roles tables (`Organ` + `Mandat`) and delegation
//! tables (`Ärende` + `Delegat`). The verbs are lexicon data.

use crate::corpus::Corpus;
use crate::inflect::tokenize;
use crate::lexicon::{Lexicon, contains_words};
use crate::mentions::Mention;
use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;
use std::ops::Range;
use styrlint_parse::{BlockKind, Document, name_key};

/// What a mandate says a body does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MandateKind {
    /// Decides, adopts, approves.
    Decides,
    /// Prepares matters for a decision.
    Prepares,
    /// Follows up, monitors.
    FollowsUp,
    /// Reports to another body.
    ReportsTo,
    /// Is responsible for.
    Responsible,
    /// Supports or advises (only).
    Advisory,
    /// Delegates to another body.
    Delegates,
}

impl MandateKind {
    /// Swedish and English verb for messages.
    pub fn verb(self) -> (&'static str, &'static str) {
        match self {
            MandateKind::Decides => ("beslutar", "decides"),
            MandateKind::Prepares => ("bereder", "prepares"),
            MandateKind::FollowsUp => ("följer upp", "follows up"),
            MandateKind::ReportsTo => ("rapporterar", "reports"),
            MandateKind::Responsible => ("ansvarar", "is responsible"),
            MandateKind::Advisory => ("stödjer eller ger råd", "supports or advises"),
            MandateKind::Delegates => ("delegerar", "delegates"),
        }
    }
}

/// One mandate statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mandate {
    /// The document it is stated in.
    pub doc: usize,
    /// The body that holds it.
    pub body: usize,
    /// What kind of mandate.
    pub kind: MandateKind,
    /// What it is about, as written.
    pub object: String,
    /// The matter itself: the object up to a limit or a time it sets
    /// ("inköp" of "inköp inom ramen för budget").
    pub matter: String,
    /// What it is about, normalised: stems without stop words, sorted.
    pub key: Vec<String>,
    /// The receiving body (reports to, delegates to, prepares for).
    pub receiver: Option<usize>,
    /// The statement in the original file.
    pub span: Range<usize>,
    /// Stated in a document that grants mandates (reglemente,
    /// delegationsordning, charter …).
    pub grant: bool,
    /// An advisory role stated as exclusive ("endast ett forum").
    pub exclusive: bool,
    /// Stated inside a roles section.
    pub in_roles: bool,
}

/// A body listed in a document's roles: a lead term or a roles-table row
/// inside a roles section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    /// The body.
    pub body: usize,
    /// The lead term or cell.
    pub span: Range<usize>,
}

impl Mandate {
    /// True when two mandates are about the same thing.
    pub fn same_object(&self, other: &Mandate) -> bool {
        same_key(&self.key, &other.key)
    }
}

/// True when two normalised objects name the same matter: equal, or at
/// least two shared stems making up 60 % of the union, or at least three
/// making up 75 % of the shorter one (the same matter said at more length
/// elsewhere: "fördelning av medel" in a table, "fördelar medlen för
/// sociala investeringar" in a plan), with the same numbers. Numbers tell
/// matters apart however much else is shared: the budget for 2024 is not
/// the budget for 2025, plan 12 is not plan 13.
pub fn same_key(a: &[String], b: &[String]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let numeric = |w: &&String| w.bytes().any(|c| c.is_ascii_digit());
    if !a.iter().filter(numeric).eq(b.iter().filter(numeric)) {
        return false;
    }
    let shared = a.iter().filter(|w| b.contains(w)).count();
    let union = a.len() + b.len() - shared;
    let shorter = a.len().min(b.len());
    (shared >= 2 && shared * 10 >= union * 6) || (shared >= 3 && shared * 4 >= shorter * 3)
}

/// The verb table, built once per corpus.
pub struct Verbs {
    ac: Option<AhoCorasick>,
    kinds: Vec<Option<MandateKind>>,
    passive: Vec<bool>,
    receivers: Vec<String>,
    only: Vec<String>,
    advisory_only: Vec<String>,
    stop: Vec<String>,
    subordinate: Vec<String>,
    coordinators: Vec<String>,
    articles: Vec<String>,
    /// Phrases a matter ends before: limits and times, in one automaton.
    limits: Option<AhoCorasick>,
}

impl Verbs {
    /// Builds the table from the lexicon.
    pub fn new(lex: &Lexicon) -> Verbs {
        let m = &lex.words.mandate;
        let mut patterns: Vec<String> = Vec::new();
        let mut kinds = Vec::new();
        let mut passive = Vec::new();
        let groups: [(&Vec<String>, Option<MandateKind>, bool); 9] = [
            (&m.decides, Some(MandateKind::Decides), false),
            (&m.prepares, Some(MandateKind::Prepares), false),
            (&m.follows_up, Some(MandateKind::FollowsUp), false),
            (&m.reports_to, Some(MandateKind::ReportsTo), false),
            (&m.responsible, Some(MandateKind::Responsible), false),
            (&m.advisory, Some(MandateKind::Advisory), false),
            (&m.delegates, Some(MandateKind::Delegates), false),
            (&m.passive_decides, Some(MandateKind::Decides), true),
            (&m.passive_prepares, Some(MandateKind::Prepares), true),
        ];
        for (words, kind, is_passive) in groups {
            for w in words {
                patterns.push(w.to_lowercase());
                kinds.push(kind);
                passive.push(is_passive);
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok();
        Verbs {
            ac,
            kinds,
            passive,
            receivers: m.receiver_markers.clone(),
            only: m.only_markers.clone(),
            advisory_only: m.advisory_only.clone(),
            stop: m.stop_words.iter().map(|w| w.to_lowercase()).collect(),
            subordinate: m.subordinators.iter().map(|w| w.to_lowercase()).collect(),
            coordinators: m.coordinators.iter().map(|w| w.to_lowercase()).collect(),
            limits: AhoCorasick::new(
                m.limit_phrases
                    .iter()
                    .chain(&lex.words.document.time_words)
                    .map(|w| w.to_lowercase())
                    .filter(|w| !w.is_empty()),
            )
            .ok(),
            articles: lex
                .words
                .articles
                .iter()
                .map(|a| a.to_lowercase())
                .collect(),
        }
    }

    /// Verb phrases in `text` (lower case), whole words only: (range, kind, passive).
    fn find(&self, text: &str) -> Vec<(Range<usize>, MandateKind, bool)> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        ac.find_iter(text)
            .filter(|m| is_word_at(text, m.start(), m.end()))
            .filter_map(|m| {
                let i = m.pattern().as_usize();
                self.kinds[i].map(|k| (m.start()..m.end(), k, self.passive[i]))
            })
            .collect()
    }

    /// The matter an object phrase names: the phrase up to a limit it sets
    /// ("inköp inom ramen för budget" is about purchases, not the budget)
    /// or a time ("medlen … varje år").
    pub fn matter<'o>(&self, object: &'o str) -> &'o str {
        let Some(ac) = &self.limits else {
            return object;
        };
        let lower = lower_same_len(object);
        let cut = ac
            .find_overlapping_iter(&lower)
            .filter(|m| m.start() > 0 && is_word_at(&lower, m.start(), m.end()))
            .map(|m| m.start())
            .min()
            .unwrap_or(object.len());
        object[..cut].trim_end()
    }

    /// The normalised key of an object phrase.
    pub fn key(&self, object: &str) -> Vec<String> {
        let mut out: Vec<String> = tokenize(object)
            .into_iter()
            .filter(|t| !self.stop.iter().any(|s| *s == t.text))
            .map(|t| stem(&t.text))
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

/// A crude stem for comparing objects: common Swedish and English endings
/// off, keeping at least four letters.
fn stem(w: &str) -> String {
    const ENDINGS: &[&str] = &[
        "ningarna", "ningar", "ningen", "ning", "ernas", "arnas", "ornas", "erna", "arna", "orna",
        "ings", "ens", "ets", "ies", "en", "et", "er", "ar", "or", "na", "es", "s", "a", "e",
    ];
    let mut out = w.to_string();
    for e in ENDINGS {
        if let Some(s) = w.strip_suffix(e)
            && s.chars().count() >= 4
        {
            out = s.to_string();
            break;
        }
    }
    // "medel"/"medlen", "regel"/"regler": the unstressed e before a final
    // l or r falls away in inflection, so it goes in the stem too.
    let chars: Vec<char> = out.chars().collect();
    if let [.., c, 'e', l] = chars.as_slice()
        && matches!(l, 'l' | 'r')
        && !"aeiouyåäö".contains(*c)
        && chars.len() >= 5
    {
        let mut s: String = chars[..chars.len() - 2].iter().collect();
        s.push(*l);
        out = s;
    }
    out
}

fn is_word_at(text: &str, start: usize, end: usize) -> bool {
    !text[..start]
        .chars()
        .last()
        .is_some_and(char::is_alphanumeric)
        && !text[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
}

/// Lower case that keeps byte offsets (characters whose lower case has
/// another length are left as they are).
fn lower_same_len(s: &str) -> String {
    // ASCII byte by byte (most of any text); a char at a time only from the
    // first non-ASCII byte of each run. Every block's text passes here.
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        out.extend(rest[..ascii].chars().map(|c| c.to_ascii_lowercase()));
        rest = &rest[ascii..];
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            let mut l = c.to_lowercase();
            out.push(match (l.next(), l.next()) {
                (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
                _ => c,
            });
            rest = chars.as_str();
        }
    }
    out
}

/// Reads every mandate and role of the corpus.
pub fn extract(corpus: &Corpus, verbs: &Verbs) -> (Vec<Mandate>, Vec<Vec<Role>>) {
    // Each document is read on its own, in parallel; the results are joined
    // in document order.
    let per_doc: Vec<(Vec<Mandate>, Vec<Role>)> = (0..corpus.docs.len())
        .into_par_iter()
        .map(|di| extract_doc(corpus, verbs, di))
        .collect();
    let mut mandates = Vec::with_capacity(per_doc.iter().map(|(m, _)| m.len()).sum());
    let mut roles = Vec::with_capacity(per_doc.len());
    for (m, r) in per_doc {
        mandates.extend(m);
        roles.push(r);
    }
    (mandates, roles)
}

/// Reads the mandates and roles of one document (`di`), from its mentions
/// in [`Corpus::mentions`]: what [`extract`] finds for that document.
pub fn extract_doc(corpus: &Corpus, verbs: &Verbs, di: usize) -> (Vec<Mandate>, Vec<Role>) {
    let (mut m, mut r) = (Vec::new(), Vec::new());
    let Some(doc) = corpus.docs.get(di) else {
        return (m, r);
    };
    DocReader {
        corpus,
        verbs,
        doc,
        di,
        grant: is_grant(corpus, di),
        roles_sections: doc.sections_where(|h| {
            let lex = &corpus.lexicon;
            lex.heading_is(&h.text, &lex.words.document.roles_headings)
        }),
    }
    .read(&mut m, &mut r);
    (m, r)
}

/// True when a document grants mandates: its type is a granting one
/// (reglemente, delegationsordning, charter …), or it has no type and its
/// title or file name begins with a word that names one ("Reglemente för
/// sektionen", "bylaws.md") — a document converted from Word often has no
/// front matter.
pub fn is_grant(corpus: &Corpus, doc: usize) -> bool {
    let words = &corpus.lexicon.words.document;
    if corpus.kind_of(doc).is_some() {
        return is_type_in(corpus, doc, &words.grant_types);
    }
    let d = &corpus.docs[doc];
    let first_words = |s: &str| -> String {
        name_key(s)
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let title = first_words(&d.title);
    let stem = first_words(&d.stem().replace(['_', '-'], " "));
    let last_word = |s: &str| -> String {
        name_key(s)
            .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
            .find(|w| !w.is_empty())
            .unwrap_or("")
            .to_string()
    };
    let ends = [
        last_word(&d.title),
        last_word(&d.stem().replace(['_', '-'], " ")),
    ];
    words.grant_titles.iter().any(|g| {
        let g = name_key(g);
        [&title, &stem]
            .iter()
            .any(|t| t.starts_with(&g) && t[g.len()..].chars().next().is_none_or(|c| c == ' '))
            || ends.contains(&g)
    })
}

/// True when a document's type (canonical name) is in a list.
pub fn is_type_in(corpus: &Corpus, doc: usize, types: &[String]) -> bool {
    corpus
        .kind_of(doc)
        .is_some_and(|k| types.iter().any(|t| name_key(t) == name_key(&k.name)))
}

struct DocReader<'a> {
    corpus: &'a Corpus,
    verbs: &'a Verbs,
    doc: &'a Document,
    di: usize,
    grant: bool,
    /// For each heading: inside a roles section.
    roles_sections: Vec<bool>,
}

/// One sentence of a block, with what [`DocReader::sentence`] needs of its
/// block computed once per block.
struct Sentence<'b, 'm> {
    range: Range<usize>,
    /// The block's text in lower case (same byte offsets).
    lower: &'b str,
    /// The mentions in this sentence.
    mentions: Vec<&'m Mention>,
}

impl DocReader<'_> {
    fn read(&self, out: &mut Vec<Mandate>, roles: &mut Vec<Role>) {
        // A repealed document grants nothing, and a fixed one (minutes, a
        // report) records what was decided then: neither states mandates.
        if self.doc.meta.status().is_gone() || self.corpus.is_fixed(self.di) {
            return;
        }
        // Mentions grouped by block once: filtering the document's mentions
        // for every block (and every sentence) was quadratic, minutes for a
        // 1 MB paragraph (tests/robustness.rs).
        let mut by_block: Vec<Vec<&Mention>> = vec![Vec::new(); self.doc.blocks.len()];
        for m in &self.corpus.mentions[self.di] {
            if let Some(v) = by_block.get_mut(m.block) {
                v.push(m);
            }
        }
        let mut heading_lead: Option<(Option<usize>, usize)> = None; // (section, body)
        // The leads of the list items above ("- **Styrgrupp X**" with
        // sub-items "- beslutar om …"), by list depth.
        let mut item_leads: Vec<(u16, usize)> = Vec::new();
        for (bi, block) in self.doc.blocks.iter().enumerate() {
            if block.cell.is_some() {
                continue; // tables are read below
            }
            let in_roles = block.section.is_some_and(|s| self.roles_sections[s]);
            let block_mentions: &[&Mention] = &by_block[bi];
            // A heading naming a body leads the section under it.
            if block.kind == BlockKind::Heading {
                heading_lead = block_mentions
                    .first()
                    .filter(|m| m.norm.start <= 1)
                    .and_then(|m| m.body())
                    .map(|b| (block.section, b));
                if let (Some((_, b)), true) = (heading_lead, in_roles) {
                    roles.push(Role {
                        body: b,
                        span: block.span.clone(),
                    });
                }
                continue;
            }
            let own_lead = self.lead(block, block_mentions);
            if block.kind == BlockKind::ListItem {
                while item_leads
                    .last()
                    .is_some_and(|&(d, _)| d >= block.list_depth)
                {
                    item_leads.pop();
                }
            } else {
                item_leads.clear();
            }
            let parent_item = item_leads.last().map(|&(_, b)| b);
            if let (Some((b, _, _)), BlockKind::ListItem) = (&own_lead, block.kind) {
                item_leads.push((block.list_depth, *b));
            }
            let lead = own_lead
                .or_else(|| parent_item.map(|b| (b, 0..0, 0)))
                .or_else(|| {
                    heading_lead
                        .filter(|(s, _)| *s == block.section)
                        .map(|(_, b)| (b, 0..0, 0))
                });
            if let Some((body, span, _)) = &lead
                && in_roles
                && !span.is_empty()
            {
                roles.push(Role {
                    body: *body,
                    span: span.clone(),
                });
            }
            // The block in lower case once, not once per sentence.
            let lower = lower_same_len(block.text.as_str());
            let mut by_sentence: Vec<Vec<&Mention>> = vec![Vec::new(); block.sentences.len()];
            for m in block_mentions {
                if let Some(v) = by_sentence.get_mut(m.sentence) {
                    v.push(m);
                }
            }
            for (si, sentence) in block.sentences.iter().enumerate() {
                let lead_here = lead
                    .as_ref()
                    .map(|(b, _, end)| (*b, if si == 0 { *end } else { 0 }));
                let mentions = std::mem::take(&mut by_sentence[si]);
                let here = Sentence {
                    range: sentence.clone(),
                    lower: &lower,
                    mentions,
                };
                self.sentence(bi, here, lead_here, in_roles, out);
            }
        }
        self.tables(out, roles);
    }

    /// The body a block is about: a bold lead term or a list item that
    /// starts with a body. Returns the body, the lead's original span, and
    /// where the text after it starts (normalised).
    fn lead(
        &self,
        block: &styrlint_parse::Block,
        mentions: &[&Mention],
    ) -> Option<(usize, Range<usize>, usize)> {
        let text = block.text.as_str();
        let first = mentions.first()?;
        let body = first.body()?;
        let starts_block = text[..first.norm.start].trim().is_empty();
        if let Some(em) = block
            .emphasis
            .iter()
            .find(|e| text[..e.start].trim().is_empty())
            && first.norm.start >= em.start
            && first.norm.end <= em.end
        {
            let after = skip_separators(text, em.end);
            return Some((body, block.text.to_original(em.clone()), after));
        }
        if block.kind == BlockKind::ListItem && starts_block {
            let after = skip_separators(text, first.norm.end);
            // "Processledare: …" or "Processledaren ansvarar …"
            return Some((
                body,
                first.span.clone(),
                if text[first.norm.end..]
                    .trim_start()
                    .starts_with([':', '–', '-'])
                {
                    after
                } else {
                    0
                },
            ));
        }
        None
    }

    fn sentence(
        &self,
        bi: usize,
        here: Sentence<'_, '_>,
        lead: Option<(usize, usize)>,
        in_roles: bool,
        out: &mut Vec<Mandate>,
    ) {
        let block = &self.doc.blocks[bi];
        let text = block.text.as_str();
        let Sentence {
            range,
            lower,
            mentions,
        } = here;
        let start = match lead {
            Some((_, after)) if after > range.start && after < range.end => after,
            // "3.1 The Committee approves …", "a) Nämnden beslutar …": the
            // number of a clause is not part of its sentence.
            _ => range.start + clause_number_len(&text[range.clone()]),
        };
        let found: Vec<(Range<usize>, MandateKind, bool)> = self
            .verbs
            .find(&lower[start..range.end])
            .into_iter()
            .map(|(r, k, p)| (r.start + start..r.end + start, k, p))
            .collect();
        if found.is_empty() {
            return;
        }
        // Passive: "… beslutas av kommunstyrelsen".
        for (r, kind, passive) in &found {
            if !passive {
                continue;
            }
            if let Some(m) = mentions.iter().find(|m| {
                m.norm.start >= r.end && text[r.end..m.norm.start].split_whitespace().count() <= 1
            }) && let Some(body) = m.body()
            {
                let object = text[start..r.start].trim();
                out.push(self.mandate(
                    body,
                    *kind,
                    object,
                    None,
                    block.text.to_original(range.clone()),
                    false,
                    in_roles,
                ));
            }
        }
        // The subject: a body mention at the start (after one article), or
        // the block's lead for a sentence that starts with a verb.
        let mut p = start;
        let rest = &lower[p..range.end];
        if let Some(a) = self
            .verbs
            .articles
            .iter()
            .find(|a| rest.starts_with(&format!("{a} ")))
        {
            p += a.len() + 1;
        }
        // Or after a fronted adverbial that ends in a comma ("At events,
        // the committee …"), with no other body before it.
        let subject = mentions
            .iter()
            .find(|m| m.norm.start == p || m.norm.start == start)
            .or_else(|| {
                let m = mentions.iter().find(|m| m.norm.start > start)?;
                let before = lower[start..m.norm.start].trim_end();
                let before = self
                    .verbs
                    .articles
                    .iter()
                    .find(|a| before.ends_with(&format!(" {a}")))
                    .map_or(before, |a| before[..before.len() - a.len()].trim_end());
                (before.ends_with(',') && before.split_whitespace().count() <= 6).then_some(m)
            })
            .and_then(|m| m.body().map(|b| (b, m.norm.end)));
        let (body, mut cursor) = match subject {
            Some(s) => s,
            None => match (lead, found.first()) {
                (Some((b, _)), Some((r, _, false))) if text[start..r.start].trim().is_empty() => {
                    (b, start)
                }
                _ => return,
            },
        };
        let mut first = true;
        let verbs: Vec<&(Range<usize>, MandateKind, bool)> = found
            .iter()
            .filter(|(r, _, p)| !p && r.start >= cursor)
            .collect();
        for (i, (r, kind, _)) in verbs.iter().enumerate() {
            let gap = &lower[cursor..r.start];
            let ok = if first {
                // Right after the subject ("X beslutar", "X only advises"),
                // or after a first clause with a verb of its own joined by
                // "och" ("X genomför aktiviteterna och rapporterar …").
                let words: Vec<&str> = gap.split_whitespace().collect();
                let joined = words.len() <= 12
                    && words.last().is_some_and(|w| {
                        self.verbs
                            .coordinators
                            .iter()
                            .any(|c| c == w.trim_end_matches(','))
                    });
                (words.len() <= 3 || joined)
                    && !words
                        .iter()
                        .any(|w| self.verbs.subordinate.iter().any(|s| s == w))
                    && !mentions
                        .iter()
                        .any(|m| m.norm.start >= cursor && m.norm.end <= r.start)
            } else {
                let g = gap.trim().trim_end_matches(',').trim();
                g.is_empty()
                    || self.verbs.coordinators.iter().any(|c| {
                        g == c
                            || g.ends_with(&format!(" {c}"))
                            || g.starts_with(&format!("{c} ")) && g.split_whitespace().count() <= 3
                    })
            };
            if !ok {
                if first {
                    return;
                }
                break;
            }
            first = false;
            let end = verbs.get(i + 1).map_or(range.end, |(n, _, _)| n.start);
            let obj_text = text[r.end..end]
                .trim()
                .trim_end_matches(['.', ',', ';', '!', '?'])
                .trim();
            let obj_text = strip_trailing_coordinator(obj_text, &self.verbs.coordinators);
            let obj_lower = lower_same_len(obj_text);
            // The receiver: a body after "till"/"to" in the object.
            let receiver = if matches!(
                kind,
                MandateKind::ReportsTo | MandateKind::Prepares | MandateKind::Delegates
            ) {
                mentions
                    .iter()
                    .filter(|m| m.norm.start >= r.end && m.norm.end <= end)
                    .find(|m| {
                        let mut before = lower[r.end..m.norm.start].trim_end();
                        // "to the Board", "till den politiska styrgruppen"
                        if let Some(a) = self.verbs.articles.iter().find(|a| {
                            before.ends_with(a.as_str())
                                && is_word_at(before, before.len() - a.len(), before.len())
                        }) {
                            before = before[..before.len() - a.len()].trim_end();
                        }
                        self.verbs.receivers.iter().any(|w| {
                            before.ends_with(w.as_str())
                                && is_word_at(before, before.len() - w.len(), before.len())
                        })
                    })
                    .and_then(|m| m.body())
            } else {
                None
            };
            let verb_text = &lower[r.clone()];
            let before_verb = lower[..r.start].trim_end();
            let exclusive = *kind == MandateKind::Advisory
                && (self
                    .verbs
                    .advisory_only
                    .iter()
                    .any(|a| contains_words(&lower[range.clone()], a))
                    || self.verbs.only.iter().any(|o| {
                        before_verb.ends_with(o.as_str())
                            || obj_lower.starts_with(&format!("{o} "))
                            || verb_text.contains(o.as_str())
                    }));
            let span_start = if subject.is_some() {
                mentions
                    .iter()
                    .find(|m| m.body() == Some(body) && m.norm.start >= start)
                    .map_or(range.start, |m| m.norm.start)
            } else {
                r.start
            };
            let span = block
                .text
                .to_original(span_start.min(r.start)..end.max(r.end));
            let mut m = self.mandate(body, *kind, obj_text, receiver, span, exclusive, in_roles);
            // An exclusive role by its very phrase ("är remissinstans") is
            // about the body as a whole, not about one matter.
            if self
                .verbs
                .advisory_only
                .iter()
                .any(|a| contains_words(&lower[range.clone()], a))
                && !self
                    .verbs
                    .only
                    .iter()
                    .any(|o| before_verb.ends_with(o.as_str()))
            {
                m.key.clear();
            }
            out.push(m);
            cursor = end;
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn mandate(
        &self,
        body: usize,
        kind: MandateKind,
        object: &str,
        receiver: Option<usize>,
        span: Range<usize>,
        exclusive: bool,
        in_roles: bool,
    ) -> Mandate {
        let matter = self.verbs.matter(object);
        Mandate {
            doc: self.di,
            body,
            kind,
            object: object.to_string(),
            matter: matter.to_string(),
            key: self.verbs.key(matter),
            receiver,
            span,
            grant: self.grant,
            exclusive,
            in_roles,
        }
    }

    /// Roles tables (`Organ` + `Mandat`) and delegation tables (`Ärende` +
    /// `Delegat`).
    fn tables(&self, out: &mut Vec<Mandate>, roles: &mut Vec<Role>) {
        let lex = &self.corpus.lexicon;
        let words = &lex.words.document;
        // A header names a column when it is one of the words or begins
        // with one ("Ansvar i programmet").
        let col = |t: &styrlint_parse::Table, names: &[String]| {
            t.header.iter().position(|c| {
                let h = name_key(&c.text);
                names.iter().any(|n| {
                    let n = name_key(n);
                    h == n
                        || h.strip_prefix(n.as_str())
                            .is_some_and(|r| r.starts_with(' '))
                })
            })
        };
        let body_cols: Vec<String> = ["organ", "body"]
            .iter()
            .map(|s| s.to_string())
            .chain(words.actor_columns.iter().cloned())
            .collect();
        // Each table cell's block, once: looking it up by a scan of the
        // blocks per row was quadratic in a long delegation table.
        let cells: std::collections::HashMap<(usize, usize, usize), usize> = self
            .doc
            .blocks
            .iter()
            .enumerate()
            .filter_map(|(bi, b)| Some((b.cell?, bi)))
            .collect();
        for (ti, table) in self.doc.tables.iter().enumerate() {
            if self.corpus.is_definition_table(self.di, ti) {
                continue;
            }
            let in_roles = table.section.is_some_and(|s| self.roles_sections[s]);
            let mentions = &self.corpus.mentions[self.di];
            let cell_body = |row: usize, c: usize| {
                let bi = *cells.get(&(ti, row, c))?;
                // Mentions are in block order: the first of this block.
                let at = mentions.partition_point(|m| m.block < bi);
                mentions
                    .get(at)
                    .filter(|m| m.block == bi)
                    .and_then(|m| m.body().map(|b| (b, m.span.clone())))
            };
            if let (Some(mc), Some(dc)) = (
                col(table, &words.matter_columns),
                col(table, &words.delegate_columns),
            ) {
                for (ri, row) in table.rows.iter().enumerate() {
                    let Some((body, _)) = cell_body(ri + 1, dc) else {
                        continue;
                    };
                    let object = row.cells.get(mc).map_or("", |c| c.text.as_str());
                    let matter = self.verbs.matter(object);
                    out.push(Mandate {
                        doc: self.di,
                        body,
                        kind: MandateKind::Decides,
                        object: object.to_string(),
                        matter: matter.to_string(),
                        key: self.verbs.key(matter),
                        receiver: None,
                        span: row.span.clone(),
                        grant: self.grant,
                        exclusive: false,
                        in_roles,
                    });
                }
                continue;
            }
            // The actor column; in a roles section, without one, the first.
            let Some(bc) = col(table, &body_cols).or(in_roles.then_some(0)) else {
                continue;
            };
            let mandate_col = col(table, &words.mandate_columns);
            if !in_roles && mandate_col.is_none() {
                continue;
            }
            for (ri, row) in table.rows.iter().enumerate() {
                let Some((body, span)) = cell_body(ri + 1, bc) else {
                    continue;
                };
                roles.push(Role { body, span });
                let Some(mc) = mandate_col else { continue };
                let text = row.cells.get(mc).map_or("", |c| c.text.as_str());
                let lower = lower_same_len(text);
                let found = self.verbs.find(&lower);
                let (kind, object) = match found.first() {
                    Some((r, k, false)) if lower[..r.start].trim().is_empty() => {
                        (*k, text[r.end..].trim())
                    }
                    _ => (MandateKind::Responsible, text.trim()),
                };
                if object.is_empty() {
                    continue;
                }
                out.push(Mandate {
                    doc: self.di,
                    body,
                    kind,
                    object: object.to_string(),
                    matter: self.verbs.matter(object).to_string(),
                    key: self.verbs.key(self.verbs.matter(object)),
                    receiver: None,
                    span: row.span.clone(),
                    grant: self.grant,
                    exclusive: kind == MandateKind::Advisory
                        && self
                            .verbs
                            .advisory_only
                            .iter()
                            .any(|a| contains_words(&lower, a)),
                    in_roles,
                });
            }
        }
    }
}

/// The length of a clause number and the space after it at the start of a
/// sentence: "3.1 ", "2. ", "(4) ", "a) ", "§ 5 ". Zero when there is none.
fn clause_number_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    if b.first() == Some(&b'(') {
        i += 1;
    }
    if s[i..].starts_with('§') {
        i += '§'.len_utf8();
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
    }
    let digits_start = i;
    while i < b.len() && (b[i].is_ascii_digit() || (b[i] == b'.' && i > digits_start)) {
        i += 1;
    }
    // A year is no clause number ("2024 års budget").
    let number = &s[digits_start..i];
    let numbered = !number.is_empty() && (number.contains('.') || number.len() <= 2);
    if !number.is_empty() && !numbered && !s[..digits_start].is_empty() {
        return 0;
    }
    // One lower-case letter as a number: "a) ".
    if !numbered && i + 1 < b.len() && b[i].is_ascii_lowercase() && b[i + 1] == b')' {
        i += 2;
    } else if !numbered {
        return 0;
    } else if b.get(i) == Some(&b')') {
        i += 1;
    }
    if b.get(i) != Some(&b' ') {
        return 0;
    }
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    i
}

fn skip_separators(text: &str, mut pos: usize) -> usize {
    let rest = &text[pos..];
    let trimmed = rest.trim_start_matches([':', ' ', '–', '-', '—', '\u{a0}']);
    pos += rest.len() - trimmed.len();
    pos
}

fn strip_trailing_coordinator<'t>(s: &'t str, coordinators: &[String]) -> &'t str {
    let lower = lower_same_len(s);
    for c in coordinators {
        if lower.ends_with(&format!(" {c}")) {
            return s[..s.len() - c.len() - 1].trim_end();
        }
    }
    s
}

/// The bodies that adopted (`beslutad_av`) and own (`ansvarig`) a document.
pub fn owners(corpus: &Corpus, doc: usize) -> Vec<usize> {
    let meta = &corpus.docs[doc].meta;
    let mut out: Vec<usize> = [&meta.decided_by, &meta.owner]
        .into_iter()
        .flatten()
        .filter_map(|n| corpus.resolve_body(&n.value))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// True for a body at the top of the organisation: it reports to no one
/// and is part of nothing (kommunfullmäktige, a general assembly).
pub fn is_root(corpus: &Corpus, body: usize) -> bool {
    let b = &corpus.bodies[body];
    b.reports_to.is_empty() && b.part_of.is_empty() && b.abolished.is_none()
}

/// True when a body's kind (register `Typ`) carries authority of its own
/// (a fullmäktige, a nämnd, a board); lexicon data.
pub fn has_own_authority(corpus: &Corpus, body: usize) -> bool {
    let Some(kind) = &corpus.bodies[body].kind else {
        return false;
    };
    let k = name_key(kind);
    corpus
        .lexicon
        .words
        .document
        .authority_kinds
        .iter()
        .any(|a| name_key(a) == k)
}

/// Who reports to whom: the register's `Rapporterar till` and `Del av`,
/// and every reports-to (and prepares-for) statement in the corpus. Built
/// once, in time linear in bodies and mandates.
pub struct ReportGraph {
    adj: Vec<Vec<usize>>,
}

impl ReportGraph {
    /// Builds the graph.
    pub fn new(corpus: &Corpus) -> ReportGraph {
        let mut adj: Vec<Vec<usize>> = corpus
            .bodies
            .iter()
            .map(|b| {
                b.reports_to
                    .iter()
                    .chain(b.part_of.iter())
                    .filter_map(|n| corpus.resolve_body(&n.value))
                    .collect()
            })
            .collect();
        for m in &corpus.mandates {
            if matches!(m.kind, MandateKind::ReportsTo | MandateKind::Prepares)
                && let Some(r) = m.receiver
            {
                adj[m.body].push(r);
            }
        }
        for (i, list) in adj.iter_mut().enumerate() {
            list.sort_unstable();
            list.dedup();
            list.retain(|&x| x != i);
        }
        ReportGraph { adj }
    }

    /// The bodies `body` reports to directly.
    pub fn reports_to(&self, body: usize) -> &[usize] {
        self.adj.get(body).map_or(&[], Vec::as_slice)
    }

    /// The shortest chain from `body` to any of `targets` (the body itself
    /// first), or `None` when there is none.
    pub fn chain_to(&self, body: usize, targets: &[usize]) -> Option<Vec<usize>> {
        if targets.contains(&body) {
            return Some(vec![body]);
        }
        let mut prev: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
        let mut queue = std::collections::VecDeque::from([body]);
        let mut seen = std::collections::HashSet::from([body]);
        while let Some(cur) = queue.pop_front() {
            for &next in self.reports_to(cur) {
                if !seen.insert(next) {
                    continue;
                }
                prev.insert(next, cur);
                if targets.contains(&next) {
                    let mut path = vec![next];
                    let mut at = next;
                    while let Some(&p) = prev.get(&at) {
                        path.push(p);
                        at = p;
                    }
                    path.reverse();
                    return Some(path);
                }
                queue.push_back(next);
            }
        }
        None
    }

    /// A memo of who reaches whom, for rules that ask for many bodies.
    pub fn reach(&self) -> Reach<'_> {
        Reach {
            graph: self,
            memo: std::collections::HashMap::new(),
        }
    }

    /// Every body `body` reaches (not itself), nearest first.
    pub fn reachable(&self, body: usize) -> Vec<usize> {
        let mut seen = std::collections::HashSet::from([body]);
        let mut queue = std::collections::VecDeque::from([body]);
        let mut out = Vec::new();
        while let Some(cur) = queue.pop_front() {
            for &next in self.reports_to(cur) {
                if seen.insert(next) {
                    out.push(next);
                    queue.push_back(next);
                }
            }
        }
        out
    }
}

/// Reachability in a [`ReportGraph`], memoised per start body as a bit set:
/// one search per distinct body asked about, however many documents ask.
/// Rules used to search once per document and role, which made them
/// quadratic in the corpus.
pub struct Reach<'g> {
    graph: &'g ReportGraph,
    memo: std::collections::HashMap<usize, Vec<u64>>,
}

impl Reach<'_> {
    /// True when `to` is in [`ReportGraph::reachable`]`(from)`: some chain
    /// of one or more steps leads from `from` to `to`, and `to != from`.
    pub fn reaches(&mut self, from: usize, to: usize) -> bool {
        let graph = self.graph;
        let bits = self.memo.entry(from).or_insert_with(|| {
            let n = graph.adj.len();
            let mut bits = vec![0u64; n.div_ceil(64)];
            let mut seen = vec![false; n];
            let mut stack = Vec::new();
            if from < n {
                seen[from] = true;
                stack.push(from);
            }
            while let Some(cur) = stack.pop() {
                for &next in graph.reports_to(cur) {
                    if next < n && !seen[next] {
                        seen[next] = true;
                        bits[next / 64] |= 1 << (next % 64);
                        stack.push(next);
                    }
                }
            }
            bits
        });
        bits.get(to / 64).is_some_and(|w| w & (1 << (to % 64)) != 0)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn clause_numbers_are_skipped() {
        use super::clause_number_len as n;
        assert_eq!(n("3.1 The Committee approves"), 4);
        assert_eq!(n("2. Nämnden beslutar"), 3);
        assert_eq!(n("(4) The Board decides"), 4);
        assert_eq!(n("a) Utskottet bereder"), 3);
        assert_eq!(n("§ 5 Styrelsen"), "§ 5 ".len());
        assert_eq!(n("2024 års plan"), 0);
        assert_eq!(n("Nämnden beslutar"), 0);
        assert_eq!(n("3.1The"), 0);
    }

    /// The char-at-a-time definition `lower_same_len` must agree with.
    fn reference(s: &str) -> String {
        s.chars()
            .map(|c| {
                let mut l = c.to_lowercase();
                match (l.next(), l.next()) {
                    (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
                    _ => c,
                }
            })
            .collect()
    }

    #[test]
    fn lower_same_len_keeps_offsets_and_agrees_with_chars() {
        for s in [
            "",
            "Kommunstyrelsen BESLUTAR om ÅTGÄRDER.",
            "İstanbul ẞ Σ ΑΒΓ – “Styrgruppen” KS:s",
            "ÅÄÖ",
            "a\u{308}ndring",
        ] {
            let lower = super::lower_same_len(s);
            assert_eq!(lower, reference(s), "{s}");
            assert_eq!(lower.len(), s.len(), "{s}");
        }
    }
}

use crate::macros::declare_rule;
use crate::{Context, Rule, RuleMeta};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use styrlint_graph::mandates::{Mandate, ReportGraph, same_key};
use styrlint_graph::{Corpus, MandateKind};
use styrlint_parse::Diagnostic;

declare_rule! {
    /// The same decision right given to different bodies, or one body described both as deciding and as advisory only.
    ///
    /// ## What it flags
    ///
    /// - Two statements, in one document or two, that give the same decision
    ///   right to two different bodies where neither derives it from the
    ///   other. "The same right" means the same matter once case,
    ///   inflection and small words are set aside ("fördelning av medel för
    ///   sociala investeringar" and "fördelningen av medlen för sociala
    ///   investeringar"). A body derives a right from another when it reports
    ///   to it or is part of it, directly or through a chain (an utskott
    ///   deciding what its nämnd delegated).
    /// - A body described as deciding a matter in one place and as only
    ///   advisory, a forum or support in another ("endast ett forum för
    ///   informationsdelning", "only advises on …").
    ///
    /// Both places are in the diagnostic.
    ///
    /// ## Why it matters
    ///
    /// When two documents give one decision to two bodies, each can claim
    /// it, or each can leave it to the other; when a body is deciding in one
    /// document and merely advising in another, nobody knows whether its
    /// word binds.
    ///
    /// ## Example
    ///
    /// The charter says "The Code of Conduct Committee decides on enforcement
    /// actions"; the outreach plan says "the Code of Conduct Committee only
    /// advises on enforcement actions".
    ///
    /// ## Fix
    ///
    /// Decide which body holds the right and correct the other statement;
    /// where the right is delegated, say so in a delegation order.
    pub struct ConflictingMandate {
        name: "conflicting-mandate",
        severity: Error,
        fix: false,
    }
}

impl Rule for ConflictingMandate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let corpus = ctx.corpus;
        let live = |m: &&Mandate| is_live(corpus, m);
        // The bodies whose findings can land in the scope: those with a
        // live statement (deciding or advisory) in a scoped document.
        let scoped_bodies: Option<Vec<bool>> = ctx.scope.map(|scope| {
            let mut member = vec![false; corpus.bodies.len()];
            for m in scope.docs().iter().flat_map(|&d| corpus.mandates_of(d)) {
                if live(&m)
                    && let Some(x) = member.get_mut(m.body)
                {
                    *x = true;
                }
            }
            member
        });
        let wanted = |b: usize| {
            scoped_bodies
                .as_ref()
                .is_none_or(|s| s.get(b).copied().unwrap_or(false))
        };
        // Every deciding statement for the full lint, the scoped bodies'
        // ones for a scoped lint.
        let decides: Vec<&Mandate> = corpus
            .mandates
            .iter()
            .filter(|m| wanted(m.body) && is_live_decision(corpus, m))
            .collect();
        match &scoped_bodies {
            Some(member) => two_bodies_scoped(corpus, member, out),
            None => two_bodies_all(corpus, corpus.report_graph(), &decides, out),
        }
        let mut decides_by_body: HashMap<usize, Vec<&Mandate>> = HashMap::new();
        for d in &decides {
            decides_by_body.entry(d.body).or_default().push(d);
        }
        // One body, deciding here and only advising there.
        let advisory: Vec<&Mandate> = corpus
            .mandates
            .iter()
            .filter(live)
            .filter(|m| m.kind == MandateKind::Advisory && m.exclusive)
            .filter(|m| wanted(m.body))
            .collect();
        let mut bodies: HashSet<usize> = HashSet::new();
        for a in advisory {
            let mine = decides_by_body.get(&a.body).map_or(&[][..], Vec::as_slice);
            let Some(d) = mine.iter().find(|d| {
                d.body == a.body
                    && (a.key.is_empty()
                        || a.key.iter().all(|w| d.key.contains(w))
                        || same_key(&a.key, &d.key))
            }) else {
                continue;
            };
            if bodies.contains(&a.body) {
                continue;
            }
            bodies.insert(a.body);
            let (here, there) = primary_first(corpus, a, d);
            let doc = &corpus.docs[here.doc];
            let lang = doc.lang;
            let name = &corpus.bodies[a.body].name;
            let there_doc = &corpus.docs[there.doc];
            let (msg, rel) = if here.kind == MandateKind::Advisory {
                (
                    lang.pick(
                        format!("{name} beskrivs här som enbart rådgivande eller stödjande, men beslutar enligt {}", there_doc.title),
                        format!("{name} is described here as advisory or supporting only, but decides according to {}", there_doc.title),
                    ),
                    lang.pick("här beslutar organet", "here the body decides"),
                )
            } else {
                (
                    lang.pick(
                        format!("{name} beslutar här, men beskrivs som enbart rådgivande eller stödjande i {}", there_doc.title),
                        format!("{name} decides here, but is described as advisory or supporting only in {}", there_doc.title),
                    ),
                    lang.pick("här är organet enbart rådgivande", "here the body only advises"),
                )
            };
            out.push(
                Diagnostic::new(
                    Self::META.name,
                    Self::META.default_severity,
                    &doc.path,
                    here.span.clone(),
                    msg,
                )
                .with_related(&there_doc.path, there.span.clone(), rel)
                .with_help(lang.pick(
                    format!(
                        "Bestäm om {name} beslutar eller bara ger råd, och rätta den andra texten."
                    ),
                    format!(
                        "Decide whether {name} decides or only advises, and correct the other text."
                    ),
                )),
            );
        }
    }
}

/// Calls `f` on the pairs `(i, j)`, `i < j`, in increasing order, of keys that
/// may pass [`same_key`]: equal keys, keys sharing at least 2 stems that
/// make up 60 % of their union, or at least 3 that make up 75 % of the
/// shorter. Comparing every pair is quadratic in the
/// corpus; this is the prefix filter of set-similarity joins instead.
///
/// `same_key(a, b)` needs `shared >= 3 (|a| + |b|) / 8` (the union bound)
/// or `shared >= 3` (the containment bound, with more), so `shared >= t(a)
/// = min(3, max(1, ceil(3 |a| / 8)))` and likewise for `b`. With every key's stems
/// ordered by one global order, two sets sharing at least `o` stems share
/// one among the first `|a| - o + 1` of `a` and the first `|b| - o + 1` of
/// `b` (a set-similarity-join lemma); since `t(a) <= o`, indexing each key
/// by its first `|a| - t(a) + 1` stems finds every such pair. The order is
/// rarest stem first, so that the prefixes hold the selective stems and
/// common words ("plan", "området") rarely make candidates.
///
/// `same_key` also needs the same numbers in both keys, so a key with
/// numbers is indexed by its rarest number alone: it can only pair with keys
/// holding that number, and keys without numbers never index one.
fn similar_pairs(keys: &[&[String]], mut f: impl FnMut(usize, usize)) {
    let mut freq: HashMap<&str, usize> = HashMap::new();
    for key in keys {
        for w in *key {
            *freq.entry(w.as_str()).or_default() += 1;
        }
    }
    let prefixes: Vec<Vec<&str>> = keys
        .iter()
        .map(|key| {
            let mut words: Vec<&str> = key.iter().map(String::as_str).collect();
            words.sort_unstable_by_key(|w| (freq[w], *w));
            words.dedup();
            if let Some(n) = words.iter().find(|w| w.bytes().any(|c| c.is_ascii_digit())) {
                return vec![*n];
            }
            // The fewest stems a pair must share: 3/8 of this key's for
            // the union bound, and never more than 3, which the
            // containment bound of `same_key` can make do with.
            let t = (3 * words.len()).div_ceil(8).clamp(1, 3);
            words.truncate(words.len() + 1 - t.min(words.len()));
            words
        })
        .collect();
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in prefixes.iter().enumerate() {
        for w in p {
            index.entry(w).or_default().push(i);
        }
    }
    let mut seen = vec![usize::MAX; keys.len()];
    let mut found: Vec<usize> = Vec::new();
    for (i, p) in prefixes.iter().enumerate() {
        found.clear();
        for w in p {
            for &j in &index[w] {
                if j > i && seen[j] != i {
                    seen[j] = i;
                    found.push(j);
                }
            }
        }
        found.sort_unstable();
        for &j in &found {
            f(i, j);
        }
    }
}

/// True when one body is above the other and has authority of its own (a
/// nämnd, a styrelse, a board): it keeps what it delegates to the body
/// below, so both may decide the matter. A body without authority above
/// another (a styrgrupp over a working group) keeps nothing.
fn delegated(
    corpus: &Corpus,
    reach: &mut styrlint_graph::mandates::Reach<'_>,
    a: usize,
    b: usize,
) -> bool {
    use styrlint_graph::mandates::{has_own_authority, is_root};
    let keeps = |upper: usize| has_own_authority(corpus, upper) || is_root(corpus, upper);
    (reach.reaches(a, b) && keeps(b)) || (reach.reaches(b, a) && keeps(a))
}

/// A statement in a document that is not repealed or superseded.
fn is_live(corpus: &Corpus, m: &Mandate) -> bool {
    !corpus.docs[m.doc].meta.status().is_gone()
}

/// A live statement that decides a named matter: what two bodies can
/// conflict over.
fn is_live_decision(corpus: &Corpus, m: &Mandate) -> bool {
    m.kind == MandateKind::Decides && !m.key.is_empty() && is_live(corpus, m)
}

/// Two bodies, one right, over the whole corpus.
fn two_bodies_all(
    corpus: &Corpus,
    graph: &ReportGraph,
    decides: &[&Mandate],
    out: &mut Vec<Diagnostic>,
) {
    // Two bodies, one right: each body pair is reported once, on the
    // first pair (i < j) of statements in corpus order that passes
    // `same_key`. That first pair only ever involves the first statement
    // of each (key, body), so later repeats are dropped before pairing
    // (a body restating its own right many times costs nothing), and
    // similarity is decided once per pair of distinct keys.
    let mut key_ids: HashMap<&[String], usize> = HashMap::new();
    let mut distinct: Vec<&[String]> = Vec::new();
    let mut seen: HashSet<(usize, usize)> = HashSet::new();
    // (statement, key id) of each first statement of a (key, body).
    let mut reps: Vec<(usize, usize)> = Vec::new();
    for (i, m) in decides.iter().enumerate() {
        let k = *key_ids.entry(m.key.as_slice()).or_insert_with(|| {
            distinct.push(m.key.as_slice());
            distinct.len() - 1
        });
        if seen.insert((k, m.body)) {
            reps.push((i, k));
        }
    }
    let mut similar: Vec<Vec<usize>> = (0..distinct.len()).map(|k| vec![k]).collect();
    similar_pairs(&distinct, |a, b| {
        if same_key(distinct[a], distinct[b]) {
            similar[a].push(b);
            similar[b].push(a);
        }
    });
    let mut reps_of_key: Vec<Vec<usize>> = vec![Vec::new(); distinct.len()];
    for (r, &(_, k)) in reps.iter().enumerate() {
        reps_of_key[k].push(r);
    }
    let mut pairs: HashSet<(usize, usize)> = HashSet::new();
    let mut reach = graph.reach();
    let mut later: Vec<usize> = Vec::new();
    for (r, &(i, k)) in reps.iter().enumerate() {
        let a = decides[i];
        later.clear();
        for &k2 in &similar[k] {
            let list = &reps_of_key[k2];
            let from = list.partition_point(|&x| x <= r);
            later.extend(list[from..].iter().map(|&x| reps[x].0));
        }
        later.sort_unstable();
        for &j in &later {
            let b = decides[j];
            let pair = (a.body.min(b.body), a.body.max(b.body));
            if a.body == b.body || pairs.contains(&pair) {
                continue;
            }
            if delegated(corpus, &mut reach, a.body, b.body) {
                continue;
            }
            pairs.insert(pair);
            let (here, there) = primary_first(corpus, a, b);
            out.push(two_bodies(corpus, here, there));
        }
    }
}

/// Bits of the filter in [`two_bodies_scoped`].
const BLOOM_BITS: usize = 1 << 14;

/// FNV-1a: a fast hash of a short word.
fn cheap_hash(w: &str) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in w.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    (h ^ (h >> 32)) as usize
}

/// Two bodies, one right, for the body pairs with a body in `member`: the
/// same findings [`two_bodies_all`] makes for them. A pair is reported on
/// its first pair of statements (`i < j`, smallest `i`, then smallest `j`,
/// in corpus order) that pass `same_key`, as there; only the statements
/// sharing a stem with a statement of those bodies are looked at.
fn two_bodies_scoped(corpus: &Corpus, member: &[bool], out: &mut Vec<Diagnostic>) {
    let mandates = &corpus.mandates;
    // Indexes into `mandates`, whose order is the corpus order.
    let deciding = |m: &Mandate| is_live_decision(corpus, m);
    let mine: Vec<usize> = (0..mandates.len())
        .filter(|&i| {
            member.get(mandates[i].body).copied().unwrap_or(false) && deciding(&mandates[i])
        })
        .collect();
    if mine.is_empty() {
        return;
    }
    let mut stem_ids: HashMap<&str, usize> = HashMap::new();
    for &i in &mine {
        for w in &mandates[i].key {
            let n = stem_ids.len();
            stem_ids.entry(w.as_str()).or_insert(n);
        }
    }
    // A bit per cheap hash of our stems: most stems of most statements are
    // turned away without hashing them for the map.
    let mut bloom = vec![0u64; BLOOM_BITS / 64];
    for w in stem_ids.keys() {
        let h = cheap_hash(w) % BLOOM_BITS;
        bloom[h / 64] |= 1 << (h % 64);
    }
    // Deciding statements sharing a stem with one of ours, by stem, found
    // in parallel.
    let hits: Vec<(usize, usize)> = mandates
        .par_iter()
        .enumerate()
        .filter(|(_, m)| m.kind == MandateKind::Decides)
        .flat_map_iter(|(j, m)| {
            let stem_ids = &stem_ids;
            let bloom = &bloom;
            m.key.iter().filter_map(move |w| {
                let h = cheap_hash(w) % BLOOM_BITS;
                if bloom[h / 64] & (1 << (h % 64)) == 0 {
                    return None;
                }
                stem_ids.get(w.as_str()).map(|&s| (s, j))
            })
        })
        .collect();
    let mut by_stem: Vec<Vec<usize>> = vec![Vec::new(); stem_ids.len()];
    for (s, j) in hits {
        by_stem[s].push(j);
    }
    // Our statements by key: similarity is decided once per key.
    let mut by_key: HashMap<&[String], Vec<usize>> = HashMap::new();
    for &i in &mine {
        by_key
            .entry(mandates[i].key.as_slice())
            .or_default()
            .push(i);
    }
    // Body pair -> its first pair of statements.
    let mut first: HashMap<(usize, usize), (usize, usize)> = HashMap::new();
    // Stems each statement shares with the key at hand.
    let mut shared = vec![0u32; mandates.len()];
    let mut touched: Vec<usize> = Vec::new();
    for (key, ours) in by_key {
        touched.clear();
        for w in key {
            let Some(&s) = stem_ids.get(w.as_str()) else {
                continue;
            };
            for &j in &by_stem[s] {
                if shared[j] == 0 {
                    touched.push(j);
                }
                shared[j] += 1;
            }
        }
        for &j in &touched {
            let n = std::mem::take(&mut shared[j]) as usize;
            let b = &mandates[j];
            // `same_key` needs equal keys or two shared stems.
            let equal_size = n == key.len() && n == b.key.len();
            if !(n >= 2 || equal_size) || !same_key(key, &b.key) || !deciding(b) {
                continue;
            }
            for &i in &ours {
                let a = &mandates[i];
                if a.body == b.body {
                    continue;
                }
                let pair = (a.body.min(b.body), a.body.max(b.body));
                let at = (i.min(j), i.max(j));
                let e = first.entry(pair).or_insert(at);
                if at < *e {
                    *e = at;
                }
            }
        }
    }
    if first.is_empty() {
        return;
    }
    let mut found: Vec<((usize, usize), (usize, usize))> = first.into_iter().collect();
    found.sort_unstable_by_key(|&(_, at)| at);
    let mut reach = corpus.report_graph().reach();
    for ((x, y), (i, j)) in found {
        if delegated(corpus, &mut reach, x, y) {
            continue;
        }
        let (here, there) = primary_first(corpus, &mandates[i], &mandates[j]);
        out.push(two_bodies(corpus, here, there));
    }
}

/// The statement to report on: one outside a granting document before one
/// inside it; otherwise the later in path order.
fn primary_first<'a>(
    corpus: &Corpus,
    a: &'a Mandate,
    b: &'a Mandate,
) -> (&'a Mandate, &'a Mandate) {
    let _ = corpus;
    match (a.grant, b.grant) {
        (true, false) => (b, a),
        (false, true) => (a, b),
        _ => {
            let ka = (&corpus.docs[a.doc].path, a.span.start);
            let kb = (&corpus.docs[b.doc].path, b.span.start);
            if ka >= kb { (a, b) } else { (b, a) }
        }
    }
}

fn two_bodies(corpus: &Corpus, here: &Mandate, there: &Mandate) -> Diagnostic {
    let doc = &corpus.docs[here.doc];
    let lang = doc.lang;
    let (a, b) = (
        &corpus.bodies[here.body].name,
        &corpus.bodies[there.body].name,
    );
    let there_doc = &corpus.docs[there.doc];
    Diagnostic::new(
        ConflictingMandate::META.name,
        ConflictingMandate::META.default_severity,
        &doc.path,
        here.span.clone(),
        lang.pick(
            format!("{a} beslutar här om {}, men {} ger samma beslut till {b}", here.object, there_doc.title),
            format!("{a} decides here on {}, but {} gives the same decision to {b}", here.object, there_doc.title),
        ),
    )
    .with_related(&there_doc.path, there.span.clone(), lang.pick(format!("här beslutar {b}"), format!("here {b} decides")))
    .with_help(lang.pick(
        format!("Bestäm vem som har beslutanderätten. Om {b} ska besluta på delegation av {a} (eller tvärtom), skriv det i delegationsordningen och i registret."),
        format!("Decide who holds the right. If {b} decides under delegation from {a} (or the other way round), say so in the delegation order and the register."),
    ))
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    #[test]
    fn the_same_matter_in_other_words_in_another_document() {
        // The delegation order gives the allocation to the utskott; the plan
        // has the steering group allocate the same funds, in its own words.
        let fixture = "\
<!-- file: register.md -->
| Organ | Typ | Rapporterar till |
|---|---|---|
| Kommunstyrelsen | styrelse | |
| Utskott A | utskott | Kommunstyrelsen |
| Styrgrupp B | styrgrupp | |
<!-- file: delegation.md -->
---
typ: delegationsordning
beslutad_av: Kommunstyrelsen
---
| Ärende | Delegat |
|---|---|
| Fördelning av medel för sociala investeringar | Utskott A |
<!-- file: plan.md -->
---
typ: plan
beslutad_av: Kommunstyrelsen
---
Styrgrupp B fördelar medlen för sociala investeringar varje år.
";
        let found = check("conflicting-mandate", fixture);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("Utskott A") && found[0].contains("Styrgrupp B"),
            "{found:?}"
        );
    }

    #[test]
    fn the_pair_filter_keeps_every_pair_same_key_accepts() {
        use styrlint_graph::mandates::same_key;
        // Keys of 1 to 7 stems from a small vocabulary, so that many pairs
        // overlap; every accepted pair must be among the candidates.
        let mut state = 7u64;
        let mut next = |n: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        let keys: Vec<Vec<String>> = (0..400)
            .map(|_| {
                // Words "wa".."wl", and one key in four with a number.
                let mut k: Vec<String> = (0..1 + next(7))
                    .map(|_| format!("w{}", char::from(b'a' + next(12) as u8)))
                    .collect();
                if next(4) == 0 {
                    k.push(format!("{}", 2020 + next(3)));
                }
                k.sort();
                k.dedup();
                k
            })
            .collect();
        let slices: Vec<&[String]> = keys.iter().map(Vec::as_slice).collect();
        let mut candidates = std::collections::HashSet::new();
        super::similar_pairs(&slices, |i, j| {
            candidates.insert((i, j));
        });
        let mut accepted = 0;
        for i in 0..keys.len() {
            for j in i + 1..keys.len() {
                if same_key(&keys[i], &keys[j]) {
                    accepted += 1;
                    assert!(candidates.contains(&(i, j)), "{:?} {:?}", keys[i], keys[j]);
                }
            }
        }
        assert!(accepted > 100, "{accepted}");
    }

    const REGISTER: &str = "\
<!-- file: register.md -->
| Organ | Typ | Rapporterar till |
|---|---|---|
| Kommunfullmäktige | fullmäktige | |
| Kommunstyrelsen | styrelse | Kommunfullmäktige |
| Utskott A | utskott | Kommunstyrelsen |
| Styrgrupp B | styrgrupp | |
| Rådet | råd | Kommunstyrelsen |
";

    #[test]
    fn one_right_two_independent_bodies() {
        let fixture = format!(
            "{REGISTER}<!-- file: a.md -->\nKommunstyrelsen beslutar om fördelning av medel för sociala investeringar.\n\
             <!-- file: b.md -->\nStyrgrupp B fattar beslut om fördelningen av medlen för sociala investeringar.\n"
        );
        assert_eq!(
            check("conflicting-mandate", &fixture),
            [
                "b.md:1: conflicting-mandate: Styrgrupp B beslutar här om fördelningen av medlen för sociala investeringar, men a ger samma beslut till Kommunstyrelsen"
            ]
        );
    }

    #[test]
    fn numbered_matters_are_different_matters() {
        // The same wording with another year or plan number is another
        // matter; the same number is the same matter.
        let fixture = format!(
            "{REGISTER}<!-- file: a.md -->\nKommunstyrelsen beslutar om fördelning av medel inom investeringsplan 2024.\n\n\
             Kommunstyrelsen beslutar om avgifter för område 12.\n\
             <!-- file: b.md -->\nStyrgrupp B beslutar om fördelning av medel inom investeringsplan 2025.\n\n\
             Styrgrupp B beslutar om avgifter för område 12.\n"
        );
        assert_eq!(
            check("conflicting-mandate", &fixture),
            [
                "b.md:3: conflicting-mandate: Styrgrupp B beslutar här om avgifter för område 12, men a ger samma beslut till Kommunstyrelsen"
            ]
        );
    }

    #[test]
    fn a_body_restating_its_right_is_reported_once_at_the_first_pair() {
        let fixture = format!(
            "{REGISTER}<!-- file: a.md -->\nKommunstyrelsen beslutar om fördelning av medel för sociala investeringar.\n\n\
             Kommunstyrelsen beslutar om fördelning av medel för sociala investeringar.\n\
             <!-- file: b.md -->\nStyrgrupp B beslutar om fördelning av medel för sociala investeringar.\n\n\
             Styrgrupp B beslutar om fördelningen av medlen för sociala investeringar.\n"
        );
        let (c, d) = crate::testing::run(Some("conflicting-mandate"), &fixture);
        assert_eq!(
            crate::testing::render(&c, &d),
            [
                "b.md:1: conflicting-mandate: Styrgrupp B beslutar här om fördelning av medel för sociala investeringar, men a ger samma beslut till Kommunstyrelsen"
            ]
        );
        // The related place is the first of the two statements in a.md.
        assert_eq!(d[0].related[0].span.start, 0);
    }

    #[test]
    fn a_delegated_right_exercised_by_its_delegate_is_no_conflict() {
        let fixture = format!(
            "{REGISTER}<!-- file: d.md -->\n---\ntyp: delegationsordning\nbeslutad_av: Kommunstyrelsen\n---\n\
             | Ärende | Delegat |\n|---|---|\n| Fördelning av medel för sociala investeringar | Utskott A |\n\
             <!-- file: a.md -->\nKommunstyrelsen beslutar om fördelning av medel för sociala investeringar.\n\
             <!-- file: b.md -->\nUtskott A beslutar om fördelning av medel för sociala investeringar.\n"
        );
        assert_eq!(check("conflicting-mandate", &fixture), Vec::<String>::new());
    }

    #[test]
    fn deciding_here_advisory_only_there() {
        let fixture = format!(
            "{REGISTER}<!-- file: a.md -->\nRådet beslutar om fördelning av föreningsbidrag.\n\
             <!-- file: b.md -->\nRådet är remissinstans och har ingen beslutanderätt.\n\
             <!-- file: c.md -->\nRådet stödjer föreningarna.\n"
        );
        assert_eq!(
            check("conflicting-mandate", &fixture),
            [
                "b.md:1: conflicting-mandate: Rådet beskrivs här som enbart rådgivande eller stödjande, men beslutar enligt a"
            ]
        );
    }

    #[test]
    fn english_decides_in_the_charter_only_advises_in_the_plan() {
        let fixture = "\
<!-- file: register.md -->
| Body | Kind | Reports to |
|---|---|---|
| Board | board | |
| Conduct Committee | committee | Board |
<!-- file: charter.md -->
---
type: charter
title: Charter
---
The Conduct Committee decides on enforcement actions under the Code.
<!-- file: plan.md -->
---
type: plan
---
At events, the Conduct Committee only advises on enforcement actions.
The Conduct Committee supports organisers.
";
        let (c, d) = crate::testing::run(Some("conflicting-mandate"), fixture);
        assert_eq!(
            crate::testing::render(&c, &d),
            [
                "plan.md:4: conflicting-mandate: Conduct Committee is described here as advisory or supporting only, but decides according to Charter"
            ]
        );
        assert_eq!(d[0].related[0].path, "charter.md");
    }
}

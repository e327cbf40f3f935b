use crate::history::{History, Past};
use crate::macros::declare_rule;
use crate::{Context, Rule, RuleMeta};
use rayon::prelude::*;
use std::collections::HashSet;
use styrlint_graph::{Corpus, DateFrom, Dated, External, MentionKind, Target, external::Origin};
use styrlint_parse::{Date, Diagnostic, Document, Edit, Fix, Lang, Spanned, Status};

declare_rule! {
    /// A mention of an abolished body, or of a repealed, superseded or replaced document.
    ///
    /// ## What it flags
    ///
    /// - A mention in running text (any case or inflection: "Välfärdsutskottet",
    ///   "välfärdsutskottets", "the Steering
    ///   Committee's") of a body the register marks as abolished on or before
    ///   `--today`;
    /// - a mention of a corpus document whose `status` is `upphävd` or
    ///   `ersatt`, or that another document `ersätter`;
    /// - a mention of an external document that has been repealed, from
    ///   styrlint's shipped list of Swedish statutes and terms
    ///   ("kommunallagen (1991:900)", "landstinget") or from the corpus's own
    ///   table with a `Dokument`/`Document` column;
    /// - an abolished body as a document's `ansvarig` or in its `gäller_för`,
    ///   a document that `bygger_på` a repealed one, and a current body whose
    ///   register row reports to or is part of an abolished one;
    /// - a document that another document in force `ersätter` / `replaces`
    ///   while it still says it is in force (no `status`, or `gällande`):
    ///   supersession must agree on both sides. The finding sits on the old
    ///   document's `status` (or its title), and `--fix` writes
    ///   `status: ersatt`. This lives here rather than in a rule of its own
    ///   because it is the same fact seen from the other end: every mention
    ///   of the old document is already stale.
    ///
    /// The message says what replaced it and when (the whole chain, when a
    /// successor was itself replaced), and whether the document was adopted
    /// before the change (it was left behind) or after it (it named
    /// something already gone).
    ///
    /// A fixed document (minutes, a report, a decision, a press release;
    /// see docs/configuration.md) is right about its own date: in it only a
    /// body already abolished on that date is stale, the message says which
    /// date was used and where it came from, and there is no fix.
    ///
    /// A mention is a name, not a string: an acronym ("KS", "SIG") counts
    /// only as the register writes it, a proper name only with its capital,
    /// and never inside a URL, a path, an e-mail address or a code; the
    /// plural of a name means several bodies, not that one.
    ///
    /// Not flagged: sentences that record the change ("X avvecklades 2023
    /// och ersattes av Y", "was replaced by", "formerly X", "tidigare X"),
    /// sentences that place the body in the past wherever the words stand
    /// ("Tidigare ansvarade X", "Fram till 2022 beslutade X", "dåvarande X",
    /// "served on the X from 2015 to 2019", "grew out of", "prior to 2021"),
    /// past-tense sentences about a year before the document's, and any
    /// past tense in a fixed document; sentences naming the old body
    /// together with its successor; a table row or list item that says the
    /// body is gone ("avvecklad", "archived"), a parenthesis after the name
    /// ("(retired 2022)"), a quoted title; anything under a history heading
    /// ("Historik", "Tidigare ledamöter", "Archived", "Emeritus",
    /// "Changelog"), past-tense sentences under "Bakgrund"/"Background";
    /// repealed and superseded documents themselves, register tables, and
    /// bodies whose abolition date is after `--today`.
    ///
    /// ## Why it matters
    ///
    /// Auditors keep finding working descriptions that report to a committee
    /// abolished a year earlier. Whoever follows the document sends reports
    /// nowhere, and the body that took over never gets them.
    ///
    /// ## Example
    ///
    /// ```markdown
    /// Gruppen rapporterar till Välfärdsutskottet två gånger per år.
    /// ```
    ///
    /// when the register says the utskott was abolished on 2023-01-31 and
    /// replaced by Framtidsutskottet.
    ///
    /// ## Fix
    ///
    /// Write the successor's name. `--fix` does it only where nothing is
    /// guessed: the mention is written exactly as the register writes the
    /// name or an alias (a capital at the start of a sentence is kept), the
    /// chain of successors ends in exactly one current body, and the
    /// replacement is that body's name as the register writes it (its
    /// English alias in an English document, when its name is Swedish).
    /// Inflected or lower-case mentions, several successors and fixed
    /// documents need a person.
    pub struct StaleReference {
        name: "stale-reference",
        severity: Error,
        fix: true,
    }
}

impl Rule for StaleReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let corpus = ctx.corpus;
        // Documents are read in parallel (mentions are most of the work),
        // their findings joined in document order.
        let per_doc: Vec<Vec<Diagnostic>> = corpus
            .docs
            .par_iter()
            .enumerate()
            .map(|(di, doc)| {
                let mut out = Vec::new();
                if !ctx.in_scope(di) {
                    return out;
                }
                if doc.meta.status().is_gone() {
                    return out;
                }
                let facts = &corpus.facts[di];
                let dated = facts.date;
                let mut history = History::new(corpus, di, ctx.today);
                // What each sentence names, built when a sentence first
                // gives a current name ("numera Y").
                let mut sentence_targets: Option<HashSet<(usize, usize, Target)>> = None;
                // A record (minutes, a report, a decision) is right about
                // its own date: only what was already gone then is stale in
                // it, and an undated one cannot be judged.
                let record = facts.is_fixed();
                // A file of many records dates each by its heading.
                let heading_dates = if record {
                    styrlint_graph::standing::heading_dates(doc)
                } else {
                    Vec::new()
                };
                if record && dated.is_none() && heading_dates.iter().all(Option::is_none) {
                    return out;
                }
                let date_at = |section: Option<usize>| -> Option<Dated> {
                    section
                        .and_then(|s| heading_dates.get(s).copied().flatten())
                        .map(|date| Dated {
                            date,
                            from: DateFrom::Heading,
                        })
                        .or(dated)
                };
                let in_time = |gone: &Gone, dated: Option<Dated>| {
                    !record || gone.date.zip(dated).is_some_and(|(g, d)| g < d.date)
                };
                for m in &corpus.mentions[di] {
                    let MentionKind::Named { targets, base_form } = &m.kind else {
                        continue;
                    };
                    let Some(&target) = targets.first() else {
                        continue;
                    };
                    if targets.len() > 1 {
                        // A name shared by several things: stale only if all are.
                        let all_stale = targets
                            .iter()
                            .all(|t| stale_target(corpus, *t, di, ctx.today).is_some());
                        if !all_stale {
                            continue;
                        }
                    }
                    let Some(gone) = stale_target(corpus, target, di, ctx.today) else {
                        continue;
                    };
                    let block = &doc.blocks[m.block];
                    let dated = date_at(block.section);
                    if !in_time(&gone, dated) {
                        continue;
                    }
                    match history.mention_past(m) {
                        Past::No => {}
                        Past::Marked => continue,
                        // A story of a time after the body was gone ("The
                        // Finance Committee reviewed the policy in February
                        // 2022", abolished 2021) still names it wrongly.
                        Past::Narrative { latest } => {
                            let told_after =
                                latest.zip(gone.date).is_some_and(|(y, g)| y > g.year());
                            if !told_after {
                                continue;
                            }
                        }
                    }
                    if history.has_current_marker(m)
                        && names_successor(
                            corpus,
                            sentence_targets.get_or_insert_with(|| targets_by_sentence(corpus, di)),
                            m.block,
                            m.sentence,
                            &gone,
                        )
                    {
                        continue;
                    }
                    let written = &doc.text[m.span.clone()];
                    // A fix only where nothing is guessed: the mention
                    // written exactly as the register writes the name, one
                    // live successor, written as the register writes it.
                    let fix = match (&gone.successor, base_form) {
                        (Some(Successor::Body(b)), true) if gone.certain && !record => {
                            let to = replacement(corpus, doc, written, *b);
                            Some(Fix {
                                description: doc
                                    .lang
                                    .pick(format!("ersätt med {to}"), format!("replace with {to}")),
                                edits: vec![Edit {
                                    path: doc.path.clone(),
                                    span: m.span.clone(),
                                    replacement: to,
                                }],
                            })
                        }
                        _ => None,
                    };
                    let mut d = diagnostic(doc, dated, record, m.span.clone(), written, &gone);
                    if let Some(f) = fix {
                        d = d.with_fix(f);
                    }
                    out.push(d);
                }
                // Front matter: the owner, the bodies the document binds and
                // the documents it builds on.
                let meta = &doc.meta;
                let bodies = meta
                    .owner
                    .iter()
                    .chain(meta.applies_to.iter())
                    .filter_map(|v| Some((v, Target::Body(corpus.resolve_body(&v.value)?))));
                let parents = meta
                    .derives_from
                    .iter()
                    .filter_map(|v| Some((v, Target::Doc(corpus.resolve_doc(&v.value)?))));
                for (v, target) in bodies.chain(parents) {
                    if let Some(gone) = stale_target(corpus, target, di, ctx.today)
                        && in_time(&gone, dated)
                    {
                        out.push(diagnostic(
                            doc,
                            dated,
                            record,
                            v.span.clone(),
                            &v.value,
                            &gone,
                        ));
                    }
                }
                out
            })
            .collect();
        out.extend(per_doc.into_iter().flatten());
        // Supersession must agree: a document another one in force replaces
        // must not still say that it is in force.
        for (di, doc) in corpus.docs.iter().enumerate() {
            if !ctx.in_scope(di) {
                continue;
            }
            if doc.meta.status() != Status::InForce {
                continue;
            }
            if let Some(d) = superseded_in_force(corpus, di, ctx.today) {
                out.push(d);
            }
        }
        // The register: current bodies that report to or are part of gone ones.
        for body in &corpus.bodies {
            if !ctx.in_scope(body.doc) || body.is_abolished(ctx.today) {
                continue;
            }
            let doc = &corpus.docs[body.doc];
            for v in body.reports_to.iter().chain(body.part_of.iter()) {
                if let Some(b) = corpus.resolve_body(&v.value)
                    && let Some(gone) = stale_target(corpus, Target::Body(b), body.doc, ctx.today)
                {
                    out.push(diagnostic(
                        doc,
                        None,
                        false,
                        v.span.clone(),
                        &v.value,
                        &gone,
                    ));
                }
            }
        }
    }
}

/// What a stale mention points at, and what took its place.
struct Gone {
    /// The name as registered.
    name: String,
    /// When it stopped applying.
    date: Option<Date>,
    /// What replaced it, when known: the live end of a chain of successors
    /// (a fix may write it), or a name or document.
    successor: Option<Successor>,
    /// What the message says replaced it ("B, som 2026-01-01 ersattes av
    /// C"), Swedish and English.
    replaced: Option<(String, String)>,
    /// Live successors the help may name (never an abolished body).
    suggest: Vec<String>,
    /// Exactly one live successor at the end of one chain: a fix may write
    /// it.
    certain: bool,
    /// The register row, replacing document or table row to show.
    related: Option<(String, std::ops::Range<usize>)>,
    /// True for bodies (the wording differs).
    is_body: bool,
    /// For external documents: where the fact comes from.
    source: Option<String>,
}

enum Successor {
    Body(usize),
    Doc(usize),
    Name(String),
}

fn stale_target(corpus: &Corpus, target: Target, from_doc: usize, today: Date) -> Option<Gone> {
    match target {
        Target::Body(b) => {
            let body = &corpus.bodies[b];
            if !body.is_abolished(today) {
                return None;
            }
            let reg = &corpus.docs[body.doc];
            let s = succession(corpus, b, today);
            Some(Gone {
                name: body.name.clone(),
                date: body.abolished.as_ref().map(|d| d.value),
                successor: s.successor,
                replaced: s.text,
                suggest: s.suggest,
                certain: s.certain,
                related: Some((reg.path.clone(), body.row_span.clone())),
                is_body: true,
                source: None,
            })
        }
        Target::Doc(d) => {
            if d == from_doc {
                return None;
            }
            let doc = &corpus.docs[d];
            let replacer = corpus
                .replacers_of(d)
                .iter()
                .map(|&i| (i, &corpus.docs[i]))
                .find(|(i, other)| {
                    *i != d
                        && !other.meta.status().is_gone()
                        && other.meta.status() != Status::Draft
                });
            if !doc.meta.status().is_gone() && replacer.is_none() {
                return None;
            }
            let (successor, date, related) = match replacer {
                Some((i, other)) => (
                    Some(Successor::Doc(i)),
                    adopted_or_revised(other),
                    Some((other.path.clone(), title_span(other))),
                ),
                None => (None, None, Some((doc.path.clone(), title_span(doc)))),
            };
            let title = match &successor {
                Some(Successor::Doc(i)) => Some(corpus.docs[*i].title.clone()),
                _ => None,
            };
            Some(Gone {
                name: doc.title.clone(),
                date,
                successor,
                replaced: title.clone().map(|t| (t.clone(), t)),
                suggest: title.into_iter().collect(),
                certain: false,
                related,
                is_body: false,
                source: None,
            })
        }
        Target::External(e) => {
            let ext: &External = &corpus.externals[e];
            if !ext.is_gone(today) {
                return None;
            }
            let related = match &ext.origin {
                Origin::Table { doc, row } => Some((corpus.docs[*doc].path.clone(), row.clone())),
                Origin::Builtin => None,
            };
            Some(Gone {
                name: ext.name.clone(),
                date: ext.date,
                successor: ext.replaced_by.clone().map(Successor::Name),
                replaced: ext.replaced_by.clone().map(|n| (n.clone(), n)),
                suggest: ext.replaced_by.clone().into_iter().collect(),
                certain: false,
                related,
                is_body: false,
                source: ext.source.clone(),
            })
        }
    }
}

/// Who took an abolished body's place.
struct Succession {
    /// The live end of the one chain, else a successor the register does
    /// not know.
    successor: Option<Successor>,
    /// The message's words for it (Swedish, English).
    text: Option<(String, String)>,
    /// Live successors to name in the help.
    suggest: Vec<String>,
    /// One chain ending in one live body.
    certain: bool,
}

/// Follows a body's successors: the direct one and, when that was itself
/// abolished, each later one ("ersattes 2009 av B, som 2026-01-01 ersattes
/// av C"); several direct successors are all named and none is certain.
fn succession(corpus: &Corpus, start: usize, today: Date) -> Succession {
    let body = &corpus.bodies[start];
    let named = |v: &styrlint_parse::Spanned<String>| match corpus.resolve_body(&v.value) {
        Some(b) => corpus.bodies[b].name.clone(),
        None => v.value.clone(),
    };
    match body.replaced_by.as_slice() {
        [] => Succession {
            successor: None,
            text: None,
            suggest: Vec::new(),
            certain: false,
        },
        [only] => {
            let Some(first) = corpus.resolve_body(&only.value) else {
                // Not in the register: named as written, no fix.
                return Succession {
                    successor: Some(Successor::Name(only.value.clone())),
                    text: Some((only.value.clone(), only.value.clone())),
                    suggest: vec![only.value.clone()],
                    certain: false,
                };
            };
            let mut path = vec![first];
            let mut cur = first;
            while corpus.bodies[cur].is_abolished(today) {
                let next = match corpus.bodies[cur].replaced_by.as_slice() {
                    [n] => corpus.resolve_body(&n.value),
                    _ => None,
                };
                match next {
                    Some(n) if !path.contains(&n) && n != start => {
                        path.push(n);
                        cur = n;
                    }
                    _ => break,
                }
            }
            let (mut sv, mut en) = (
                corpus.bodies[first].name.clone(),
                corpus.bodies[first].name.clone(),
            );
            for pair in path.windows(2) {
                let (prev, next) = (&corpus.bodies[pair[0]], &corpus.bodies[pair[1]]);
                match prev.abolished.as_ref().map(|d| d.value) {
                    Some(d) => {
                        sv.push_str(&format!(", som {d} ersattes av {}", next.name));
                        en.push_str(&format!(", which was replaced on {d} by {}", next.name));
                    }
                    None => {
                        sv.push_str(&format!(", som ersattes av {}", next.name));
                        en.push_str(&format!(", which was replaced by {}", next.name));
                    }
                }
            }
            let live = !corpus.bodies[cur].is_abolished(today);
            if !live {
                sv.push_str(", som också har avvecklats");
                en.push_str(", which has been abolished as well");
            }
            Succession {
                successor: live.then_some(Successor::Body(cur)),
                text: Some((sv, en)),
                suggest: if live {
                    vec![corpus.bodies[cur].name.clone()]
                } else {
                    Vec::new()
                },
                certain: live,
            }
        }
        several => {
            let names: Vec<String> = several.iter().map(named).collect();
            let live: Vec<String> = several
                .iter()
                .filter(|v| {
                    corpus
                        .resolve_body(&v.value)
                        .is_none_or(|b| !corpus.bodies[b].is_abolished(today))
                })
                .map(named)
                .collect();
            Succession {
                successor: None,
                text: Some((join(&names, "och"), join(&names, "and"))),
                suggest: live,
                certain: false,
            }
        }
    }
}

fn join(names: &[String], and: &str) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
    }
}

/// True when the same sentence also names what replaced the stale thing
/// (with a marker such as "numera", the writer is giving the new name).
fn names_successor(
    corpus: &Corpus,
    targets: &HashSet<(usize, usize, Target)>,
    block: usize,
    sentence: usize,
    gone: &Gone,
) -> bool {
    let Some(successor) = &gone.successor else {
        return false;
    };
    let target = match successor {
        Successor::Body(b) => Some(Target::Body(*b)),
        Successor::Doc(d) => Some(Target::Doc(*d)),
        Successor::Name(n) => corpus.resolve_body(n).map(Target::Body).or_else(|| {
            let key = styrlint_parse::name_key(n);
            corpus
                .externals
                .iter()
                .position(|e| styrlint_parse::name_key(&e.name) == key)
                .map(Target::External)
        }),
    };
    target.is_some_and(|t| targets.contains(&(block, sentence, t)))
}

/// Every (block, sentence, target) a document's named mentions name.
fn targets_by_sentence(corpus: &Corpus, doc: usize) -> HashSet<(usize, usize, Target)> {
    corpus.mentions[doc]
        .iter()
        .filter_map(|m| Some((m.block, m.sentence, m.target()?)))
        .collect()
}

fn diagnostic(
    doc: &Document,
    dated: Option<Dated>,
    record: bool,
    span: std::ops::Range<usize>,
    written: &str,
    gone: &Gone,
) -> Diagnostic {
    let lang = doc.lang;
    let successor_name = gone
        .replaced
        .as_ref()
        .map(|(sv, en)| lang.pick(sv.clone(), en.clone()));
    let what = match (gone.is_body, gone.date) {
        (true, Some(d)) => lang.pick(format!("avvecklades {d}"), format!("was abolished on {d}")),
        (true, None) => lang.pick("är avvecklat".into(), "has been abolished".into()),
        (false, Some(d)) => lang.pick(
            format!("gäller inte sedan {d}"),
            format!("no longer applies since {d}"),
        ),
        (false, None) => lang.pick("gäller inte längre".into(), "no longer applies".into()),
    };
    let mut message = match &successor_name {
        Some(s) => lang.pick(
            format!("`{written}`: {} {what} och ersattes av {s}", gone.name),
            format!("`{written}`: {} {what} and was replaced by {s}", gone.name),
        ),
        None => lang.pick(
            format!("`{written}`: {} {what}", gone.name),
            format!("`{written}`: {} {what}", gone.name),
        ),
    };
    let source = |d: &Dated| match d.from {
        DateFrom::FrontMatter => String::new(),
        from => format!(" ({})", lang.pick(from.words().0, from.words().1)),
    };
    if record {
        if let Some(d) = dated {
            let (date, from) = (d.date, source(&d));
            message.push_str(&lang.pick(
                format!("; handlingen är daterad {date}{from}, då namnet redan var inaktuellt"),
                format!(
                    "; this record is dated {date}{from}, when the name was already out of date"
                ),
            ));
        }
    } else if let (Some(d), Some(changed)) = (dated, gone.date) {
        let adopted = d.date;
        let adopted = format!("{adopted}{}", source(&d));
        message.push_str(&if d.date < changed {
            lang.pick(
                format!("; dokumentet är från {adopted}, före ändringen, och har inte följt med"),
                format!("; the document dates from {adopted}, before the change, and was left behind"),
            )
        } else {
            lang.pick(
                format!("; dokumentet är från {adopted}, efter ändringen, och nämner något som redan var borta"),
                format!("; the document dates from {adopted}, after the change, and names something already gone"),
            )
        });
    }
    let help = match gone.suggest.as_slice() {
        [] => lang.pick(
            "Ta bort eller ersätt hänvisningen; det den pekar på finns inte längre.".to_string(),
            "Remove or replace the reference; what it points to no longer exists.".to_string(),
        ),
        [one] => lang.pick(
            format!("Skriv {one} i stället, eller ta bort hänvisningen om den inte längre behövs."),
            format!("Write {one} instead, or remove the reference if it is no longer needed."),
        ),
        several => lang.pick(
            format!(
                "Skriv det av {} som avses, eller ta bort hänvisningen.",
                join(several, "och")
            ),
            format!(
                "Write whichever of {} is meant, or remove the reference.",
                join(several, "and")
            ),
        ),
    };
    // A record is not rewritten: say so instead of offering a rewrite.
    let help = if record {
        lang.pick(
            format!("{help} Handlingen (protokoll, rapport, beslut) är en uppteckning av sin dag och rättas inte automatiskt; ändra den bara om den ännu inte är publicerad."),
            format!("{help} This document (minutes, a report, a decision) records its day and gets no automatic fix; change it only if it is not yet published."),
        )
    } else {
        help
    };
    let help = match &gone.source {
        Some(src) => format!("{help} {}: {src}.", lang.pick("Källa", "Source")),
        None => help,
    };
    let mut d = Diagnostic::new(
        StaleReference::META.name,
        StaleReference::META.default_severity,
        &doc.path,
        span,
        message,
    )
    .with_help(help);
    if let Some((path, range)) = &gone.related {
        d = d.with_related(
            path,
            range.clone(),
            match (&gone.successor, gone.is_body) {
                (_, true) => lang.pick("registerraden", "the register row"),
                (Some(_), false) => lang.pick(
                    "dokumentet som ersätter det",
                    "the document that replaces it",
                ),
                (None, false) => lang.pick("dokumentet", "the document"),
            },
        );
    }
    d
}

/// A document in force that another document in force `ersätter`: the
/// finding sits on its `status` (or its title) and offers to write
/// `status: ersatt`.
fn superseded_in_force(corpus: &Corpus, di: usize, today: Date) -> Option<Diagnostic> {
    let doc = &corpus.docs[di];
    let (replacer, entry) = corpus.replacers_of(di).iter().find_map(|&i| {
        let other = &corpus.docs[i];
        if i == di
            || other.meta.status() != Status::InForce
            || adopted_or_revised(other).is_some_and(|d| d > today)
        {
            return None;
        }
        let entry = other
            .meta
            .replaces
            .iter()
            .find(|r| corpus.resolve_doc(&r.value) == Some(di))?;
        Some((other, entry))
    })?;
    let lang = doc.lang;
    let word = lang.pick("ersatt", "superseded");
    let since = adopted_or_revised(replacer)
        .map(|d| lang.pick(format!(" (beslutat {d})"), format!(" (adopted {d})")))
        .unwrap_or_default();
    let text: &str = &doc.text;
    let edit = match (&doc.meta.status, &doc.front_matter) {
        (Some(st), _) => Some(Edit {
            path: doc.path.clone(),
            span: st.span.clone(),
            replacement: word.to_string(),
        }),
        (None, Some(fm)) if !doc.meta.keys.is_empty() => {
            let block = text.get(fm.clone()).unwrap_or("");
            let trimmed = block.trim_end_matches(['\n', '\r']);
            let close = fm.start + trimmed.rfind('\n').map_or(0, |i| i + 1);
            let nl = if block.contains("\r\n") { "\r\n" } else { "\n" };
            Some(Edit {
                path: doc.path.clone(),
                span: close..close,
                replacement: format!("status: {word}{nl}"),
            })
        }
        _ => None,
    };
    let span = doc
        .meta
        .status
        .as_ref()
        .map(|s| s.span.clone())
        .unwrap_or_else(|| title_span(doc));
    let mut d = Diagnostic::new(
        StaleReference::META.name,
        StaleReference::META.default_severity,
        &doc.path,
        span,
        lang.pick(
            format!(
                "{} ersätts av {}{since} men anger fortfarande att det gäller",
                doc.title, replacer.title
            ),
            format!(
                "{} is replaced by {}{since} but still says it is in force",
                doc.title, replacer.title
            ),
        ),
    )
    .with_related(
        &replacer.path,
        entry.span.clone(),
        lang.pick("dokumentet som ersätter det", "the document that replaces it"),
    )
    .with_help(lang.pick(
        format!("Skriv `status: {word}` i front matter, eller ta bort raden i `ersätter` om {} inte ska ersätta det.", replacer.title),
        format!("Write `status: {word}` in the front matter, or remove the `replaces` entry if {} is not meant to replace it.", replacer.title),
    ));
    if let Some(e) = edit {
        d = d.with_fix(Fix {
            description: lang.pick(
                format!("sätt status: {word}"),
                format!("set status: {word}"),
            ),
            edits: vec![e],
        });
    }
    Some(d)
}

/// The later of a document's adoption and revision dates.
fn adopted_or_revised(doc: &Document) -> Option<Date> {
    let a = doc.meta.adopted.as_ref().map(|d: &Spanned<Date>| d.value);
    let r = doc.meta.revised.as_ref().map(|d| d.value);
    a.max(r)
}

fn title_span(doc: &Document) -> std::ops::Range<usize> {
    super::unknown_document::title_span(doc)
}

/// The successor as the register writes it: its English alias in an
/// English document when its name is Swedish, and a capital first letter
/// where the mention had one at the start of a sentence (the fix is
/// offered only for mentions written exactly as registered, so a capital
/// the register does not have can only be that).
fn replacement(corpus: &Corpus, doc: &Document, written: &str, successor: usize) -> String {
    let body = &corpus.bodies[successor];
    let lex = &corpus.lexicon;
    let mut name = body.name.clone();
    if doc.lang == Lang::En
        && lex.name_lang(&body.name) != Some(Lang::En)
        && let Some(alias) = body
            .aliases
            .iter()
            .find(|a| lex.name_lang(&a.value) == Some(Lang::En))
    {
        name = alias.value.clone();
    }
    let capital = written.chars().next().is_some_and(char::is_uppercase);
    let mut chars = name.chars();
    match chars.next() {
        Some(first) if capital && first.is_lowercase() => {
            first.to_uppercase().chain(chars).collect()
        }
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, run, run_at};

    const REGISTER: &str = "\
<!-- file: register.md -->
---
typ: register
---
| Organ | Typ | Alias | Avvecklad | Ersatt av |
|---|---|---|---|---|
| Kommunstyrelsen | styrelse | KS | | |
| Hållbarhetsutskottet | utskott | Sociala hållbarhetsutskottet | 2023-01-31 | Utskott Agenda 2030 |
| Utskott Agenda 2030 | utskott | | | |
| Barn- och ungdomsnämnden | nämnd | BUN | 2022-12-31 | Utbildningsnämnden |
| Utbildningsnämnden | nämnd | | | |
| Kontoret för hållbart samhälle | kontor | | 2023-04-01 | Kontoret för tillväxt och hållbarhet |
| Kontoret för tillväxt och hållbarhet | kontor | | | |
| Gamla rådet | råd | | 2030-01-01 | |
";

    fn with(doc: &str) -> String {
        format!(
            "{REGISTER}<!-- file: plan.md -->\n---\ntyp: plan\nbeslutad: 2022-06-01\n---\n{doc}"
        )
    }

    #[test]
    fn inflected_mentions_of_abolished_bodies_are_flagged() {
        let found = check(
            "stale-reference",
            &with(
                "# Plan\n\nGruppen rapporterar till Sociala hållbarhetsutskottet.\n\n\
                 Hållbarhetsutskottets beslut gäller. Barn- och ungdomsnämndens ansvar kvarstår.\n\n\
                 - BUN:s representant deltar.\n- Se [Kontoret för hållbart samhälle](register.md).\n\n\
                 ## Kontoret för hållbart samhälle\n",
            ),
        );
        assert_eq!(
            found,
            [
                "plan.md:7: stale-reference: `Sociala hållbarhetsutskottet`: Hållbarhetsutskottet avvecklades 2023-01-31 och ersattes av Utskott Agenda 2030; dokumentet är från 2022-06-01, före ändringen, och har inte följt med",
                "plan.md:9: stale-reference: `Hållbarhetsutskottets`: Hållbarhetsutskottet avvecklades 2023-01-31 och ersattes av Utskott Agenda 2030; dokumentet är från 2022-06-01, före ändringen, och har inte följt med",
                "plan.md:9: stale-reference: `Barn- och ungdomsnämndens`: Barn- och ungdomsnämnden avvecklades 2022-12-31 och ersattes av Utbildningsnämnden; dokumentet är från 2022-06-01, före ändringen, och har inte följt med",
                "plan.md:11: stale-reference: `BUN:s`: Barn- och ungdomsnämnden avvecklades 2022-12-31 och ersattes av Utbildningsnämnden; dokumentet är från 2022-06-01, före ändringen, och har inte följt med",
                "plan.md:12: stale-reference: `Kontoret för hållbart samhälle`: Kontoret för hållbart samhälle avvecklades 2023-04-01 och ersattes av Kontoret för tillväxt och hållbarhet; dokumentet är från 2022-06-01, före ändringen, och har inte följt med",
                "plan.md:14: stale-reference: `Kontoret för hållbart samhälle`: Kontoret för hållbart samhälle avvecklades 2023-04-01 och ersattes av Kontoret för tillväxt och hållbarhet; dokumentet är från 2022-06-01, före ändringen, och har inte följt med",
            ]
        );
    }

    #[test]
    fn a_document_adopted_after_the_change_named_something_gone() {
        let fixture = format!(
            "{REGISTER}<!-- file: plan.md -->\n---\ntyp: plan\nbeslutad: 2023-06-01\n---\nRapport lämnas till hållbarhetsutskottet.\n"
        );
        let found = check("stale-reference", &fixture);
        assert_eq!(found.len(), 1);
        assert!(found[0].ends_with("dokumentet är från 2023-06-01, efter ändringen, och nämner något som redan var borta"), "{found:?}");
    }

    #[test]
    fn history_is_not_stale() {
        let found = check(
            "stale-reference",
            &with(
                "# Plan\n\n\
                 Hållbarhetsutskottet avvecklades 2023 och ersattes av Utskott Agenda 2030.\n\n\
                 Utskott Agenda 2030 (tidigare hållbarhetsutskottet) bereder ärendena.\n\n\
                 Rapport lämnas till tidigare det sociala hållbarhetsutskottet, numera Utskott Agenda 2030.\n\n\
                 Hållbarhetsutskottet, numera Utskott Agenda 2030, bereder ärendena.\n\n\
                 Kontoret för hållbart samhälle bytte namn 2023.\n\n\
                 Gamla rådet ger råd.\n\n\
                 Koden `Hållbarhetsutskottet` är ett exempel.\n\n\
                 ## Bakgrund\n\nHållbarhetsutskottet bildades 2019.\n\n\
                 ## Historik\n\n| Datum | Ändring |\n|---|---|\n| 2023-02-01 | Hållbarhetsutskottet ersätts. |\n\n- Barn- och ungdomsnämnden fanns till 2022.\n",
            ),
        );
        assert_eq!(found, Vec::<String>::new());
    }

    #[test]
    fn a_record_is_right_about_its_own_date() {
        // Minutes of 2022-11-15 name Hållbarhetsutskottet, abolished
        // 2023-01-31: right then. Minutes of 2023-03-01 name it: already
        // gone, stale, and a record gets no fix.
        let fixture = format!(
            "{REGISTER}<!-- file: protokoll/2022-11-15.md -->
# Protokoll

Hållbarhetsutskottet beslutade att godkänna rapporten.
             <!-- file: protokoll/2023-03-01.md -->
# Protokoll

Ärendet bereds av Hållbarhetsutskottet.
             <!-- file: protokoll/utan-datum.md -->
# Protokoll

Hållbarhetsutskottet sammanträdde.
             <!-- file: rapporter/arsrapport.md -->
---
typ: verksamhetsberättelse
beslutad: 2023-02-15
---
Ärendena bereds av Barn- och ungdomsnämnden.
"
        );
        let (c, d) = run(Some("stale-reference"), &fixture);
        assert_eq!(
            crate::testing::render(&c, &d),
            [
                "protokoll/2023-03-01.md:3: stale-reference: `Hållbarhetsutskottet`: Hållbarhetsutskottet avvecklades 2023-01-31 och ersattes av Utskott Agenda 2030; handlingen är daterad 2023-03-01 (enligt sökvägen), då namnet redan var inaktuellt",
                "rapporter/arsrapport.md:5: stale-reference: `Barn- och ungdomsnämnden`: Barn- och ungdomsnämnden avvecklades 2022-12-31 och ersattes av Utbildningsnämnden; handlingen är daterad 2023-02-15, då namnet redan var inaktuellt",
            ]
        );
        assert!(d.iter().all(|d| d.fix.is_none()), "a record gets no fix");
        assert!(
            d[0].help
                .as_deref()
                .unwrap_or("")
                .contains("rättas inte automatiskt")
        );
    }

    #[test]
    fn the_same_text_in_a_living_document_is_stale_whatever_its_date() {
        let fixture = format!(
            "{REGISTER}<!-- file: rutiner/2022-11-15-rutin.md -->
# Rutin för beredning

Ärenden bereds av Hållbarhetsutskottet.
"
        );
        let (_, d) = run(Some("stale-reference"), &fixture);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].fix.is_some());
    }

    #[test]
    fn english_records_by_folder_and_title() {
        let fixture = "\
<!-- file: register.md -->
| Body | Abolished | Replaced by |
|---|---|---|
| Outreach Working Group | 2023-06-30 | Community Committee |
| Community Committee | | |
<!-- file: meeting-notes/march.md -->
# Meeting notes 2021-03-09

The Outreach Working Group presented its plan for the year.
<!-- file: news/2024/01/welcome.md -->
# Welcome

Volunteers can join the Outreach Working Group.
<!-- file: governance/charter.md -->
# Charter

Volunteers can join the Outreach Working Group.
";
        let (c, d) = run(Some("stale-reference"), fixture);
        let r = crate::testing::render(&c, &d);
        assert_eq!(r.len(), 2, "{r:#?}");
        assert!(r[0].starts_with("governance/charter.md:3:"), "{r:#?}");
        assert!(
            r[1].starts_with("news/2024/01/welcome.md:3:")
                && r[1].ends_with("this record is dated 2024-01-01 (from its path), when the name was already out of date"),
            "{r:#?}"
        );
    }

    #[test]
    fn past_context_beyond_a_history_heading_swedish() {
        let past = with(
            "# Plan\n\n\
             Tidigare ansvarade Hållbarhetsutskottet för frågan.\n\n\
             Fram till 2021 beslutade Barn- och ungdomsnämnden om bidragen.\n\n\
             Hon har tidigare arbetat vid Kontoret för hållbart samhälle.\n\n\
             Hållbarhetsutskottet, som avvecklades 2023, beredde ärendena.\n\n\
             Beslutet fattades av dåvarande Barn- och ungdomsnämnden.\n\n\
             Rapporten ”Hållbarhetsutskottets arbete med trygghet” finns att läsa.\n\n\
             - Barn- och ungdomsnämnden (avvecklad)\n\n\
             ## Tidigare organ\n\nKontoret för hållbart samhälle samordnade arbetet.\n\n\
             ## Organisation\n\n| Namn | Status |\n|---|---|\n| Hållbarhetsutskottet | avvecklat |\n",
        );
        assert_eq!(check("stale-reference", &past), Vec::<String>::new());
        // The same bodies in current text: every one is found.
        let current = with(
            "# Plan\n\n\
             Hållbarhetsutskottet ansvarar för frågan.\n\n\
             Barn- och ungdomsnämnden beslutar om bidragen före 2025-03-31.\n\n\
             Kontoret för hållbart samhälle samordnar arbetet.\n\n\
             | Namn | Status |\n|---|---|\n| Hållbarhetsutskottet | aktivt |\n",
        );
        assert_eq!(check("stale-reference", &current).len(), 4);
    }

    #[test]
    fn past_context_beyond_a_history_heading_english() {
        let register = "\
<!-- file: register.md -->
| Body | Abolished | Replaced by |
|---|---|---|
| Outreach Working Group | 2023-06-30 | Community Committee |
| Community Committee | | |
";
        let past = format!(
            "{register}<!-- file: charter.md -->
---
type: charter
adopted: 2024-01-10
---
# Charter

The Community Committee was formerly the Outreach Working Group.

Jane served on the Outreach Working Group from 2015 to 2019.

The Community Committee grew out of the Outreach Working Group.

Prior to 2022, the Outreach Working Group ran the events.

| Group | State |
|---|---|
| Outreach Working Group | archived |

## Emeritus members

Members of the Outreach Working Group are thanked.
"
        );
        assert_eq!(check("stale-reference", &past), Vec::<String>::new());
        let current = format!(
            "{register}<!-- file: charter.md -->
---
type: charter
adopted: 2024-01-10
---
# Charter

Questions go to the Outreach Working Group.

| Group | State |
|---|---|
| Outreach Working Group | active |
"
        );
        assert_eq!(check("stale-reference", &current).len(), 2);
    }

    #[test]
    fn a_record_narrating_the_past_is_history_and_one_speaking_now_is_stale() {
        let fixture = "\
<!-- file: register.md -->
| Body | Abolished | Replaced by |
|---|---|---|
| Core Team | 2023-06-23 | Leadership Council |
| Leadership Council | | |
<!-- file: minutes/2024-05-01.md -->
# Minutes

The Core Team used to triage these issues.

Action: send the proposal to the Core Team for review.
";
        let found = check("stale-reference", fixture);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("minutes/2024-05-01.md:5:"),
            "{found:?}"
        );
    }

    #[test]
    fn a_record_telling_of_a_time_after_the_change_still_names_it_wrongly() {
        let fixture = "\
<!-- file: register.md -->
| Body | Abolished | Replaced by |
|---|---|---|
| Finance Committee | 2021-04-15 | Finance and Audit Committee |
| Finance and Audit Committee | | |
<!-- file: reports/annual-report-2022.md -->
---
type: annual report
adopted: 2023-05-18
---
# Annual report 2022

The Finance Committee reviewed the reserves policy in February 2022.

The Finance Committee reviewed the reserves policy in 2020.

The Finance Committee reviewed the reserves policy.
";
        let found = check("stale-reference", fixture);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("reports/annual-report-2022.md:7:"),
            "{found:?}"
        );
    }

    #[test]
    fn abolition_after_today_is_not_stale_yet() {
        let fixture = with("Rapport lämnas till hållbarhetsutskottet.\n");
        let (_, d) = run_at(Some("stale-reference"), &fixture, "2023-01-30");
        assert!(d.is_empty(), "{d:?}");
        let (_, d) = run_at(Some("stale-reference"), &fixture, "2023-01-31");
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn the_register_itself_and_repealed_documents_are_not_checked() {
        let fixture = format!(
            "{REGISTER}<!-- file: gammal.md -->\n---\nstatus: upphävd\n---\nHållbarhetsutskottet bereder.\n"
        );
        assert_eq!(check("stale-reference", &fixture), Vec::<String>::new());
    }

    #[test]
    fn a_fix_only_for_mentions_written_exactly_as_registered_and_it_lints_clean() {
        // The alias is "Sociala hållbarhetsutskottet": in lower case in the
        // middle of a sentence it is found but not fixed; at the start of a
        // sentence its capital is the register's; inflected, never.
        let fixture = with(
            "Rapport lämnas till sociala hållbarhetsutskottet. Sociala hållbarhetsutskottet beslutar. Utskottets ledamöter och hållbarhetsutskottets.\n",
        );
        let (_, d) = run(Some("stale-reference"), &fixture);
        let fixes: Vec<Option<&str>> = d
            .iter()
            .map(|d| d.fix.as_ref().map(|f| f.edits[0].replacement.as_str()))
            .collect();
        assert_eq!(fixes, [None, Some("Utskott Agenda 2030"), None]);
        // Apply the fixes and lint again: the fixed mention is gone.
        let mut text = crate::testing::split(&fixture)
            .into_iter()
            .find(|(p, _)| p == "plan.md")
            .unwrap()
            .1;
        let mut edits: Vec<_> = d
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .flat_map(|f| f.edits.clone())
            .collect();
        edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        for e in edits {
            text.replace_range(e.span, &e.replacement);
        }
        assert!(text.contains("Utskott Agenda 2030 beslutar."));
        let again = format!("{REGISTER}<!-- file: plan.md -->\n{text}");
        let (_, d2) = run(Some("stale-reference"), &again);
        assert_eq!(
            d2.len(),
            2,
            "the lower-case and the inflected mention are left: {d2:?}"
        );
        assert!(d2.iter().all(|d| d.fix.is_none()));
    }

    #[test]
    fn fixes_never_guess_aliases_english_and_sentence_starts() {
        let fixture = "\
<!-- file: register.md -->
| Organ | Typ | Alias | Avvecklad | Ersatt av |
|---|---|---|---|---|
| Security Committee | committee | SecCom | 2022-01-01 | Security Response Committee |
| Security Response Committee | committee | SRC | | |
| styrgruppen för trygghet | styrgrupp | | 2022-01-01 | samverkansgruppen för trygghet |
| samverkansgruppen för trygghet | arbetsgrupp | | | |
| Barn- och ungdomsnämnden | nämnd | BUN | 2022-01-01 | Utbildningsnämnden |
| Utbildningsnämnden | nämnd | Education Committee | | |
<!-- file: en.md -->
# Handbook

Incidents go to SecCom within a day. The security committee meets monthly.
The Barn- och ungdomsnämnden signs the contracts for the schools.
<!-- file: sv.md -->
# Rutin

Styrgruppen för trygghet möts varje månad. Ärenden bereds av styrgruppen för trygghet.
";
        let (c, d) = run(Some("stale-reference"), fixture);
        let fixes: Vec<(String, Option<String>)> = d
            .iter()
            .map(|x| {
                let doc = &c.docs[c.doc_by_path(&x.path).unwrap()];
                (
                    doc.text[x.span.clone()].to_string(),
                    x.fix.as_ref().map(|f| f.edits[0].replacement.clone()),
                )
            })
            .collect();
        assert_eq!(
            fixes,
            [
                // An alias written as registered: the successor's name.
                (
                    "SecCom".to_string(),
                    Some("Security Response Committee".to_string())
                ),
                // A Swedish successor in an English sentence: its English alias.
                (
                    "Barn- och ungdomsnämnden".to_string(),
                    Some("Education Committee".to_string())
                ),
                // A capital the register does not have, at the start of a
                // sentence, is kept.
                (
                    "Styrgruppen för trygghet".to_string(),
                    Some("Samverkansgruppen för trygghet".to_string())
                ),
                (
                    "styrgruppen för trygghet".to_string(),
                    Some("samverkansgruppen för trygghet".to_string())
                ),
            ]
        );
        // "The security committee" in lower case is an ordinary phrase in
        // English, not the registered title-case name: not even a mention.
        assert!(d.iter().all(|x| {
            !c.docs[c.doc_by_path(&x.path).unwrap()].text[x.span.clone()].starts_with("security")
        }));
        for x in &d {
            let r = x
                .fix
                .as_ref()
                .map(|f| f.edits[0].replacement.as_str())
                .unwrap_or("");
            assert!(!r.starts_with("security R"), "{r}");
        }
    }

    #[test]
    fn chains_and_several_successors() {
        let fixture = "\
<!-- file: register.md -->
| Organ | Typ | Avvecklad | Ersatt av |
|---|---|---|---|
| Rådet A | råd | 2009-01-01 | Rådet B |
| Rådet B | råd | 2026-01-01 | Rådet C |
| Rådet C | råd | | |
| Rådet D | råd | 2020-01-01 | Rådet E |
| Rådet E | råd | 2021-01-01 | |
| Rådet F | råd | 2020-01-01 | Rådet C, Rådet E |
<!-- file: plan.md -->
# Plan

Rådet A bereder. Rådet D bereder. Rådet F bereder.
";
        let (c, d) = run_at(Some("stale-reference"), fixture, "2026-06-01");
        let r = crate::testing::render(&c, &d);
        assert_eq!(
            r,
            [
                "plan.md:3: stale-reference: `Rådet A`: Rådet A avvecklades 2009-01-01 och ersattes av Rådet B, som 2026-01-01 ersattes av Rådet C",
                "plan.md:3: stale-reference: `Rådet D`: Rådet D avvecklades 2020-01-01 och ersattes av Rådet E, som också har avvecklats",
                "plan.md:3: stale-reference: `Rådet F`: Rådet F avvecklades 2020-01-01 och ersattes av Rådet C och Rådet E",
            ]
        );
        let fix = |i: usize| d[i].fix.as_ref().map(|f| f.edits[0].replacement.clone());
        assert_eq!(
            fix(0).as_deref(),
            Some("Rådet C"),
            "the live end of the chain"
        );
        assert_eq!(fix(1), None);
        assert_eq!(fix(2), None, "several successors: a person chooses");
        let help = |i: usize| d[i].help.clone().unwrap_or_default();
        assert!(
            help(0).starts_with("Skriv Rådet C i stället"),
            "{}",
            help(0)
        );
        assert!(
            !help(1).contains("Rådet E"),
            "the help never names an abolished body"
        );
        assert!(
            help(2).contains("Rådet C") && !help(2).contains("Rådet E"),
            "{}",
            help(2)
        );
    }

    #[test]
    fn renamed_office_fix_and_related_register_row() {
        let (c, d) = run(
            Some("stale-reference"),
            &with("Kontoret för hållbart samhälle samordnar.\n"),
        );
        assert_eq!(d.len(), 1);
        let fix = d[0].fix.as_ref().unwrap();
        assert_eq!(
            fix.edits[0].replacement,
            "Kontoret för tillväxt och hållbarhet"
        );
        let rel = &d[0].related[0];
        assert_eq!(rel.path, "register.md");
        let reg = &c.docs[c.doc_by_path("register.md").unwrap()].text;
        assert!(reg[rel.span.clone()].starts_with("| Kontoret för hållbart samhälle"));
    }

    #[test]
    fn english_mentions_and_possessives() {
        let fixture = "\
<!-- file: register.md -->
| Body | Abolished | Replaced by |
|---|---|---|
| Architecture Council | 2023-06-30 | Technical Steering Committee |
| Technical Steering Committee | | |
| CNCF SIG Security | | |
| SIG Security | 2020-01-01 | CNCF SIG Security |
<!-- file: charter.md -->
---
type: charter
adopted: 2022-01-01
---
The Architecture Council's advice is binding. The architecture councils meet (a plural: several bodies, not the one).
The committee of CNCF SIG Security decides. The TSC was formerly the Architecture Council.
";
        let (c, d) = run(Some("stale-reference"), fixture);
        assert_eq!(
            crate::testing::render(&c, &d),
            [
                "charter.md:5: stale-reference: `Architecture Council's`: Architecture Council was abolished on 2023-06-30 and was replaced by Technical Steering Committee; the document dates from 2022-01-01, before the change, and was left behind",
            ]
        );
    }

    #[test]
    fn repealed_documents_and_statutes() {
        let fixture = "\
<!-- file: old.md -->
---
titel: Integrationsplan 2019
status: ersatt
---
<!-- file: new.md -->
---
titel: Integrationsplan 2023
beslutad: 2023-03-01
ersätter: Integrationsplan 2019
---
Denna plan ersätter Integrationsplan 2019.
<!-- file: plan.md -->
---
titel: Plan
bygger_på: Integrationsplan 2019
---
Arbetet följer Integrationsplan 2019 och kommunallagen (1991:900). Landstinget ansvarar för vården.
Kommunallagen (2017:725) gäller.
";
        let (c, d) = run(Some("stale-reference"), fixture);
        let r = crate::testing::render(&c, &d);
        assert_eq!(r.len(), 4, "{r:#?}");
        assert!(r[0].starts_with("plan.md:3: stale-reference: `Integrationsplan 2019`: Integrationsplan 2019 gäller inte sedan 2023-03-01 och ersattes av Integrationsplan 2023"), "{r:#?}");
        assert!(
            r[1].starts_with("plan.md:5: stale-reference: `Integrationsplan 2019`"),
            "{r:#?}"
        );
        assert!(r[2].starts_with("plan.md:5: stale-reference: `kommunallagen (1991:900)`: Kommunallag (1991:900) gäller inte sedan 2018-01-01 och ersattes av Kommunallag (2017:725)"), "{r:#?}");
        assert!(r[3].starts_with("plan.md:5: stale-reference: `Landstinget`: Landsting gäller inte sedan 2020-01-01 och ersattes av Region"), "{r:#?}");
        assert!(
            d[2].help
                .as_deref()
                .unwrap()
                .contains("Källa: SFS 2017:725")
        );
    }

    #[test]
    fn renaming_every_body_gives_the_same_findings() {
        let original =
            with("Gruppen rapporterar till Sociala hållbarhetsutskottet. BUN:s ansvar.\n");
        let renamed = original
            .replace("Sociala hållbarhetsutskottet", "Gröna beredningen")
            .replace("Hållbarhetsutskottet", "Miljöberedningen")
            .replace("Utskott Agenda 2030", "Framtidsutskottet")
            .replace("Barn- och ungdomsnämnden", "Skolnämnden")
            .replace("BUN", "SKN");
        let a: Vec<(String, usize)> = run(Some("stale-reference"), &original)
            .1
            .iter()
            .map(|d| (d.path.clone(), d.span.start))
            .collect();
        let b = run(Some("stale-reference"), &renamed).1;
        assert_eq!(a.len(), 2);
        assert_eq!(b.len(), 2, "{b:?}");
    }

    #[test]
    fn a_replaced_document_that_still_says_it_is_in_force() {
        let fixture = "\
<!-- file: gammal.md -->
---
titel: Plan 2021
status: gällande
---
# Plan 2021
<!-- file: utan.md -->
---
title: Old Plan
---
# Old Plan

The old plan of the foundation, still without a status.
<!-- file: ny.md -->
---
titel: Plan 2023
beslutad: 2023-02-01
ersätter: [Plan 2021, Old Plan]
---
<!-- file: ratt.md -->
---
titel: Plan 2019
status: ersatt
---
<!-- file: utkast.md -->
---
titel: Plan 2025
status: utkast
ersätter: [Plan 2023]
---
";
        let (c, d) = run(Some("stale-reference"), fixture);
        assert_eq!(
            crate::testing::render(&c, &d),
            [
                "gammal.md:3: stale-reference: Plan 2021 ersätts av Plan 2023 (beslutat 2023-02-01) men anger fortfarande att det gäller",
                "utan.md:2: stale-reference: Old Plan is replaced by Plan 2023 (adopted 2023-02-01) but still says it is in force",
            ]
        );
        // The fixes make both sides agree, and the finding goes away.
        let mut fixed = fixture.to_string();
        let mut edits: Vec<_> = d
            .iter()
            .flat_map(|x| x.fix.clone().map(|f| f.edits).unwrap_or_default())
            .map(|e| {
                let doc = c.doc_by_path(&e.path).expect("doc");
                let marker = format!("<!-- file: {} -->\n", e.path);
                let base = fixture.find(&marker).expect("marker") + marker.len();
                assert!(c.docs[doc].text.len() > e.span.end);
                (base + e.span.start, base + e.span.end, e.replacement)
            })
            .collect();
        edits.sort_by_key(|e| std::cmp::Reverse(e.0));
        for (s, e, r) in edits {
            fixed.replace_range(s..e, &r);
        }
        assert!(fixed.contains("status: ersatt\n---\n# Plan 2021"));
        assert!(fixed.contains("title: Old Plan\nstatus: superseded\n---"));
        assert!(run(Some("stale-reference"), &fixed).1.is_empty());
        // Not before the replacing document is adopted.
        assert!(
            run_at(Some("stale-reference"), fixture, "2023-01-31")
                .1
                .is_empty()
        );
    }
}

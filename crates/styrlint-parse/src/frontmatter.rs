//! YAML front matter: where it is, what it says, and what is wrong with it.

use crate::date::{Date, DateError};
use crate::diagnostic::{Diagnostic, Severity};
use crate::lang::Lang;
use crate::text::ascii_fold;
use std::ops::Range;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// The rule name for syntactic metadata problems.
pub const INVALID_METADATA: &str = "invalid-metadata";

/// A value together with the bytes of the original file it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Byte range in the original file.
    pub span: Range<usize>,
}

/// A document's status (SPEC §2.2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Status {
    /// `gällande` / `in force` (the default).
    #[default]
    InForce,
    /// `utkast` / `draft`.
    Draft,
    /// `upphävd` / `repealed`.
    Repealed,
    /// `ersatt` / `superseded`.
    Superseded,
}

impl Status {
    /// Parses any accepted spelling, Swedish or English.
    pub fn parse(s: &str) -> Option<Status> {
        match fold_word(s).as_str() {
            "gallande" | "in force" | "active" | "current" => Some(Status::InForce),
            "utkast" | "draft" => Some(Status::Draft),
            "upphavd" | "repealed" | "upphavt" => Some(Status::Repealed),
            "ersatt" | "superseded" | "replaced" => Some(Status::Superseded),
            _ => None,
        }
    }

    /// True for repealed and superseded documents.
    pub fn is_gone(self) -> bool {
        matches!(self, Status::Repealed | Status::Superseded)
    }
}

/// The front-matter keys of SPEC §2.2, by meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    /// `id`
    Id,
    /// `titel` / `title`
    Title,
    /// `typ` / `type`
    Type,
    /// `beslutad_av` / `decided_by`
    DecidedBy,
    /// `beslutad` / `adopted`
    Adopted,
    /// `reviderad` / `revised`
    Revised,
    /// `giltig_till` / `valid_until`
    ValidUntil,
    /// `aktualitetsprövas` / `review_by`
    ReviewBy,
    /// `ansvarig` / `owner`
    Owner,
    /// `bygger_på` / `derives_from`
    DerivesFrom,
    /// `ersätter` / `replaces`
    Replaces,
    /// `status`
    Status,
    /// `alias` / `aliases`
    Aliases,
    /// `gäller_för` / `applies_to`
    AppliesTo,
    /// `granskad_mot` / `reviewed_against`
    ReviewedAgainst,
}

/// Every accepted spelling, folded (lower case, ASCII, `_` for space and
/// hyphen), with the key it means. The first spelling of each key is the
/// Swedish one, the second the English one.
const SPELLINGS: &[(&str, Key)] = &[
    ("id", Key::Id),
    ("titel", Key::Title),
    ("title", Key::Title),
    ("typ", Key::Type),
    ("type", Key::Type),
    ("beslutad_av", Key::DecidedBy),
    ("decided_by", Key::DecidedBy),
    ("beslutad", Key::Adopted),
    ("adopted", Key::Adopted),
    ("reviderad", Key::Revised),
    ("revised", Key::Revised),
    ("giltig_till", Key::ValidUntil),
    ("valid_until", Key::ValidUntil),
    ("aktualitetsprovas", Key::ReviewBy),
    ("review_by", Key::ReviewBy),
    ("ansvarig", Key::Owner),
    ("owner", Key::Owner),
    ("bygger_pa", Key::DerivesFrom),
    ("derives_from", Key::DerivesFrom),
    ("ersatter", Key::Replaces),
    ("replaces", Key::Replaces),
    ("status", Key::Status),
    ("alias", Key::Aliases),
    ("aliases", Key::Aliases),
    ("galler_for", Key::AppliesTo),
    ("applies_to", Key::AppliesTo),
    ("granskad_mot", Key::ReviewedAgainst),
    ("reviewed_against", Key::ReviewedAgainst),
];

/// The Swedish and English spelling of a key, for messages.
pub fn key_names(key: Key) -> (&'static str, &'static str) {
    match key {
        Key::Id => ("id", "id"),
        Key::Title => ("titel", "title"),
        Key::Type => ("typ", "type"),
        Key::DecidedBy => ("beslutad_av", "decided_by"),
        Key::Adopted => ("beslutad", "adopted"),
        Key::Revised => ("reviderad", "revised"),
        Key::ValidUntil => ("giltig_till", "valid_until"),
        Key::ReviewBy => ("aktualitetsprövas", "review_by"),
        Key::Owner => ("ansvarig", "owner"),
        Key::DerivesFrom => ("bygger_på", "derives_from"),
        Key::Replaces => ("ersätter", "replaces"),
        Key::Status => ("status", "status"),
        Key::Aliases => ("alias", "aliases"),
        Key::AppliesTo => ("gäller_för", "applies_to"),
        Key::ReviewedAgainst => ("granskad_mot", "reviewed_against"),
    }
}

/// The language the front matter's keys are spelled in, when they tell:
/// `typ`, `beslutad_av` are Swedish, `type`, `decided_by` English (`id` and
/// `status` are both). For documents with too little prose to tell.
pub fn keys_lang(src: &str, meta: &Meta) -> Option<crate::Lang> {
    let (mut sv, mut en) = (0, 0);
    for (key, span) in &meta.keys {
        let (s, e) = key_names(*key);
        if s == e {
            continue;
        }
        let raw = fold_key(src.get(span.clone()).unwrap_or(""));
        if raw == fold_key(e) {
            en += 1;
        } else {
            sv += 1;
        }
    }
    match (sv, en) {
        (0, 0) => None,
        _ if en > sv => Some(crate::Lang::En),
        _ => Some(crate::Lang::Sv),
    }
}

/// Looks a key up in any accepted spelling: Swedish, English or ASCII
/// Swedish, any case, `-` or space for `_`.
pub fn lookup_key(raw: &str) -> Option<Key> {
    let folded = fold_key(raw);
    SPELLINGS
        .iter()
        .find(|(s, _)| *s == folded)
        .map(|&(_, k)| k)
}

/// What the front matter says, each value with its span.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// `id`
    pub id: Option<Spanned<String>>,
    /// `titel` / `title`
    pub title: Option<Spanned<String>>,
    /// `typ` / `type`, as written.
    pub doc_type: Option<Spanned<String>>,
    /// `beslutad_av` / `decided_by`
    pub decided_by: Option<Spanned<String>>,
    /// `beslutad` / `adopted`
    pub adopted: Option<Spanned<Date>>,
    /// `reviderad` / `revised`
    pub revised: Option<Spanned<Date>>,
    /// `giltig_till` / `valid_until`
    pub valid_until: Option<Spanned<Date>>,
    /// `aktualitetsprövas` / `review_by`
    pub review_by: Option<Spanned<Date>>,
    /// `ansvarig` / `owner`
    pub owner: Option<Spanned<String>>,
    /// `bygger_på` / `derives_from`
    pub derives_from: Vec<Spanned<String>>,
    /// `ersätter` / `replaces`
    pub replaces: Vec<Spanned<String>>,
    /// `status`; `None` when not written (which means in force).
    pub status: Option<Spanned<Status>>,
    /// `alias` / `aliases`
    pub aliases: Vec<Spanned<String>>,
    /// `gäller_för` / `applies_to`
    pub applies_to: Vec<Spanned<String>>,
    /// `granskad_mot` / `reviewed_against`: per parent document, the version
    /// this document was last checked against.
    pub reviewed_against: Vec<ReviewStamp>,
    /// Span of each key that was written, by meaning.
    pub keys: Vec<(Key, Range<usize>)>,
    /// The block mixes the English `type` with keys of another tool (a
    /// site generator's `weight`, `description`): `type` is probably not
    /// ours.
    pub foreign_type: bool,
}

impl Meta {
    /// The effective status.
    pub fn status(&self) -> Status {
        self.status.as_ref().map(|s| s.value).unwrap_or_default()
    }

    /// True when the front matter uses a key only steering documents have
    /// (anything beyond `id`, `titel`, `status` and `alias`, which other
    /// tools' front matter uses too).
    pub fn is_steering(&self) -> bool {
        self.keys.iter().any(|(k, _)| {
            !matches!(
                k,
                Key::Id | Key::Title | Key::Status | Key::Aliases | Key::Type
            )
        }) || self.keys.iter().any(|(k, _)| *k == Key::Type) && !self.foreign_type
    }

    /// The span of a key, if it was written.
    pub fn key_span(&self, key: Key) -> Option<Range<usize>> {
        self.keys
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, s)| s.clone())
    }
}

/// One entry of `granskad_mot` / `reviewed_against`: the owner has read this
/// document against a version of a document it builds on and found nothing
/// to change.
///
/// ```yaml
/// granskad_mot:
///   Handlingsplan för trygghet: 2024-03-15
///   strategi-for-en-hallbar-kommun: 2024-02-26 sha256:5f1c9a0e3b7d2a64
/// ```
///
/// The value holds the parent's version date (its `reviderad`, else its
/// `beslutad`), a fingerprint of its text as `styrlint review` writes it,
/// or both, separated by a space.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewStamp {
    /// The parent document, as written (id, title, alias or path).
    pub parent: Spanned<String>,
    /// The parent's version that was read.
    pub version: Option<Spanned<Date>>,
    /// `sha256:<hex>`: a fingerprint of the parent's normalised text.
    pub fingerprint: Option<Spanned<String>>,
    /// The whole value.
    pub span: Range<usize>,
}

/// The prefix of a text fingerprint in `granskad_mot`.
pub const FINGERPRINT_PREFIX: &str = "sha256:";

/// Where the front matter sits in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// The whole block, fences included.
    pub span: Range<usize>,
    /// The YAML between the fences.
    pub yaml: Range<usize>,
}

/// Finds a front-matter block at `start` (after any BOM). Returns the block,
/// or `Err(opening fence span)` when the block is never closed.
pub fn locate(text: &str, start: usize) -> Option<Result<Block, Range<usize>>> {
    let rest = &text[start..];
    let first_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_end].trim_end() != "---" {
        return None;
    }
    let yaml_start = start + first_end;
    let mut pos = yaml_start;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..line_end].trim_end();
        if line == "---" || line == "..." {
            return Some(Ok(Block {
                span: start..line_end,
                yaml: yaml_start..pos,
            }));
        }
        pos = line_end;
    }
    Some(Err(start..start + first_end))
}

/// Parses the YAML of a block into [`Meta`], reporting every problem.
pub fn parse_meta(
    text: &str,
    block: &Block,
    path: &str,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> Meta {
    let mut meta = Meta::default();
    let yaml = &text[block.yaml.clone()];
    let base = block.yaml.start;
    let mut builder = TreeBuilder {
        src: yaml,
        ..TreeBuilder::default()
    };
    let mut parser = Parser::new_from_str(yaml);
    if let Err(e) = parser.load(&mut builder, false) {
        let at = base + char_to_byte(yaml, e.marker().index());
        let at = crate::text::floor_char_boundary(text, at);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        diags.push(
            Diagnostic::new(
                INVALID_METADATA,
                Severity::Error,
                path,
                at..end.max(at),
                lang.pick(
                    format!("front matter är inte giltig YAML: {}", e.info()),
                    format!("front matter is not valid YAML: {}", e.info()),
                ),
            )
            .with_help(lang.pick(
                "Skriv en nyckel per rad som `nyckel: värde`, med mellanslag (inte tabb) för indrag och listor som `[a, b]` eller rader som börjar med `- `.",
                "Write one `key: value` per line, indent with spaces (not tabs), and write lists as `[a, b]` or as lines starting with `- `.",
            )),
        );
        return meta;
    }
    let root = match builder.root {
        Some(root) => root,
        None => return meta,
    };
    let entries = match root {
        Node::Map(entries, _) => entries,
        Node::Scalar(ref s, _, _) if s.trim().is_empty() || is_null(s) => return meta,
        other => {
            diags.push(Diagnostic::new(
                INVALID_METADATA,
                Severity::Error,
                path,
                shift(other.span(), base),
                lang.pick(
                    "front matter ska bestå av rader `nyckel: värde`",
                    "front matter must be `key: value` lines",
                ),
            ));
            return meta;
        }
    };
    let mut seen: Vec<(Key, Range<usize>)> = Vec::new();
    // Front matter written for another tool (a site generator's title,
    // weight, description) is not styrlint's to judge: unknown keys are
    // reported only when the block also uses a key only styrlint reads.
    // A near miss of one of styrlint's keys ("byger_på") counts as ours.
    let ours = entries.iter().any(|(k, _)| match k {
        Node::Scalar(s, _, _) => match lookup_key(s) {
            // Site generators use `type` too; the Swedish `typ` is ours.
            Some(Key::Type) => fold_key(s) != "type",
            Some(k) => !matches!(k, Key::Id | Key::Title | Key::Status | Key::Aliases),
            None => is_near_miss(s),
        },
        _ => false,
    });
    let foreign_keys = entries.iter().any(
        |(k, _)| matches!(k, Node::Scalar(s, _, _) if lookup_key(s).is_none() && !is_near_miss(s)),
    );
    meta.foreign_type = !ours && foreign_keys;
    for (k, v) in entries {
        let (raw_key, key_span) = match k {
            Node::Scalar(s, span, _) => (s, shift(span, base)),
            other => {
                diags.push(Diagnostic::new(
                    INVALID_METADATA,
                    Severity::Error,
                    path,
                    shift(other.span(), base),
                    lang.pick("en nyckel måste vara text", "a key must be plain text"),
                ));
                continue;
            }
        };
        let Some(key) = lookup_key(&raw_key) else {
            if !ours {
                continue;
            }
            let mut d = Diagnostic::new(
                INVALID_METADATA,
                Severity::Warning,
                path,
                key_span.clone(),
                lang.pick(
                    format!("okänd nyckel `{raw_key}` i front matter"),
                    format!("unknown front-matter key `{raw_key}`"),
                ),
            );
            d = match closest_key(&raw_key) {
                Some(k) => d.with_help(
                    lang.pick(format!("Menade du `{k}`?"), format!("Did you mean `{k}`?")),
                ),
                None => d.with_help(lang.pick(
                    "Nycklarna som styrlint känner till står i README, avsnittet om front matter.",
                    "The keys styrlint knows are listed in the README's front-matter section.",
                )),
            };
            diags.push(d);
            continue;
        };
        if let Some((_, first)) = seen.iter().find(|(s, _)| *s == key) {
            let (sv, en) = key_names(key);
            diags.push(
                Diagnostic::new(
                    INVALID_METADATA,
                    Severity::Error,
                    path,
                    key_span.clone(),
                    lang.pick(
                        format!("nyckeln `{sv}` står två gånger i front matter"),
                        format!("the key `{en}` appears twice in the front matter"),
                    ),
                )
                .with_related(
                    path,
                    first.clone(),
                    lang.pick("första förekomsten", "first occurrence"),
                )
                .with_help(lang.pick(
                    "Ta bort den ena; styrlint använder den första.",
                    "Remove one of them; styrlint uses the first.",
                )),
            );
            continue;
        }
        seen.push((key, key_span.clone()));
        meta.keys.push((key, key_span.clone()));
        let mut ctx = ValueCtx {
            key,
            key_span: &key_span,
            base,
            path,
            lang,
            diags,
        };
        match key {
            Key::Id => meta.id = ctx.string(v),
            Key::Title => meta.title = ctx.string(v),
            Key::Type => meta.doc_type = ctx.string(v),
            Key::DecidedBy => meta.decided_by = ctx.string(v),
            Key::Owner => meta.owner = ctx.string(v),
            Key::Adopted => meta.adopted = ctx.date(v),
            Key::Revised => meta.revised = ctx.date(v),
            Key::ValidUntil => meta.valid_until = ctx.date(v),
            Key::ReviewBy => meta.review_by = ctx.date(v),
            Key::DerivesFrom => meta.derives_from = ctx.list(v),
            Key::Replaces => meta.replaces = ctx.list(v),
            Key::Aliases => meta.aliases = ctx.list(v),
            Key::AppliesTo => meta.applies_to = ctx.list(v),
            Key::ReviewedAgainst => meta.reviewed_against = ctx.stamps(v, text),
            Key::Status => {
                if let Some(s) = ctx.string(v) {
                    match Status::parse(&s.value) {
                        Some(st) => {
                            meta.status = Some(Spanned {
                                value: st,
                                span: s.span,
                            })
                        }
                        None => diags.push(
                            Diagnostic::new(
                                INVALID_METADATA,
                                Severity::Error,
                                path,
                                s.span,
                                lang.pick(
                                    format!("okänd status `{}`", s.value),
                                    format!("unknown status `{}`", s.value),
                                ),
                            )
                            .with_help(lang.pick(
                                "Skriv `gällande`, `utkast`, `upphävd` eller `ersatt`.",
                                "Write `in force`, `draft`, `repealed` or `superseded`.",
                            )),
                        ),
                    }
                }
            }
        }
    }
    meta
}

struct ValueCtx<'a> {
    key: Key,
    key_span: &'a Range<usize>,
    base: usize,
    path: &'a str,
    lang: Lang,
    diags: &'a mut Vec<Diagnostic>,
}

impl ValueCtx<'_> {
    fn string(&mut self, v: Node) -> Option<Spanned<String>> {
        match v {
            Node::Scalar(s, span, plain) => {
                if plain && is_null(&s) || s.trim().is_empty() {
                    return None;
                }
                Some(Spanned {
                    value: s.trim().to_string(),
                    span: shift(span, self.base),
                })
            }
            other => {
                self.wrong_type(&other, "text", "text");
                None
            }
        }
    }

    fn date(&mut self, v: Node) -> Option<Spanned<Date>> {
        let s = match v {
            Node::Scalar(..) => self.string(v)?,
            other => {
                self.wrong_type(&other, "ett datum (ÅÅÅÅ-MM-DD)", "a date (YYYY-MM-DD)");
                return None;
            }
        };
        match Date::parse(&s.value) {
            Ok(d) => Some(Spanned {
                value: d,
                span: s.span,
            }),
            Err(e) => {
                let (sv, en) = key_names(self.key);
                let (msv, men) = match e {
                    DateError::Format => (
                        format!(
                            "`{sv}`: `{}` är inte ett datum på formen ÅÅÅÅ-MM-DD",
                            s.value
                        ),
                        format!("`{en}`: `{}` is not a date of the form YYYY-MM-DD", s.value),
                    ),
                    DateError::NoSuchDay => (
                        format!("`{sv}`: datumet `{}` finns inte", s.value),
                        format!("`{en}`: there is no such date as `{}`", s.value),
                    ),
                };
                self.diags.push(
                    Diagnostic::new(
                        INVALID_METADATA,
                        Severity::Error,
                        self.path,
                        s.span,
                        self.lang.pick(msv, men),
                    )
                    .with_help(self.lang.pick(
                        "Skriv datum som ÅÅÅÅ-MM-DD, till exempel 2023-11-30.",
                        "Write dates as YYYY-MM-DD, for example 2023-11-30.",
                    )),
                );
                None
            }
        }
    }

    fn list(&mut self, v: Node) -> Vec<Spanned<String>> {
        match v {
            Node::Scalar(..) => self.string(v).into_iter().collect(),
            Node::Seq(items, _) => items
                .into_iter()
                .filter_map(|item| match item {
                    Node::Scalar(..) => self.string(item),
                    other => {
                        self.wrong_type(&other, "text", "text");
                        None
                    }
                })
                .collect(),
            other => {
                self.wrong_type(&other, "en lista", "a list");
                Vec::new()
            }
        }
    }

    fn stamps(&mut self, v: Node, text: &str) -> Vec<ReviewStamp> {
        let entries = match v {
            Node::Map(entries, _) => entries,
            Node::Scalar(ref s, _, plain) if plain && is_null(s) || s.trim().is_empty() => {
                return Vec::new();
            }
            other => {
                self.wrong_type(
                    &other,
                    "en tabell `dokument: datum`",
                    "a mapping `document: date`",
                );
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for (k, val) in entries {
            let Some(parent) = (match k {
                Node::Scalar(..) => self.string(k),
                other => {
                    self.wrong_type(&other, "text", "text");
                    None
                }
            }) else {
                continue;
            };
            let value = match val {
                Node::Scalar(..) => self.string(val),
                other => {
                    self.wrong_type(&other, "text", "text");
                    continue;
                }
            };
            let Some(value) = value else {
                self.bad_stamp(parent.span.clone(), "");
                continue;
            };
            let mut stamp = ReviewStamp {
                parent,
                version: None,
                fingerprint: None,
                span: value.span.clone(),
            };
            let raw = text.get(value.span.clone()).unwrap_or("");
            let mut search_from = 0;
            let mut ok = true;
            for token in value.value.split_whitespace() {
                let span = match raw[search_from.min(raw.len())..].find(token) {
                    Some(i) => {
                        let start = value.span.start + search_from + i;
                        search_from += i + token.len();
                        start..start + token.len()
                    }
                    None => value.span.clone(),
                };
                if let Ok(d) = Date::parse(token) {
                    if stamp.version.is_none() {
                        stamp.version = Some(Spanned { value: d, span });
                        continue;
                    }
                } else if is_fingerprint(token) && stamp.fingerprint.is_none() {
                    stamp.fingerprint = Some(Spanned {
                        value: token.to_ascii_lowercase(),
                        span,
                    });
                    continue;
                }
                ok = false;
                self.bad_stamp(span, token);
            }
            if ok {
                out.push(stamp);
            }
        }
        out
    }

    fn bad_stamp(&mut self, span: Range<usize>, token: &str) {
        let (sv, en) = key_names(self.key);
        self.diags.push(
            Diagnostic::new(
                INVALID_METADATA,
                Severity::Error,
                self.path,
                span,
                self.lang.pick(
                    format!("`{sv}`: `{token}` är varken ett datum (ÅÅÅÅ-MM-DD) eller ett fingeravtryck (`{FINGERPRINT_PREFIX}…`)"),
                    format!("`{en}`: `{token}` is neither a date (YYYY-MM-DD) nor a fingerprint (`{FINGERPRINT_PREFIX}…`)"),
                ),
            )
            .with_help(self.lang.pick(
                "Skriv en rad per dokument som det bygger på: `dokument: ÅÅÅÅ-MM-DD`, datumet för den version du läst (dess `reviderad`, annars `beslutad`). `styrlint review` skriver raderna åt dig.",
                "Write one line per document it builds on: `document: YYYY-MM-DD`, the date of the version you read (its `revised`, else `adopted`). `styrlint review` writes the lines for you.",
            )),
        );
    }

    fn wrong_type(&mut self, v: &Node, want_sv: &str, want_en: &str) {
        let (sv, en) = key_names(self.key);
        let span = shift(v.span(), self.base);
        let span = if span.is_empty() {
            self.key_span.clone()
        } else {
            span
        };
        self.diags.push(Diagnostic::new(
            INVALID_METADATA,
            Severity::Error,
            self.path,
            span,
            self.lang.pick(
                format!("`{sv}` ska vara {want_sv}, inte {}", v.kind_name(Lang::Sv)),
                format!("`{en}` must be {want_en}, not {}", v.kind_name(Lang::En)),
            ),
        ));
    }
}

/// A YAML node with its byte span in the YAML text.
#[derive(Clone, Debug)]
enum Node {
    /// Value, span, plain (unquoted) style.
    Scalar(String, Range<usize>, bool),
    Seq(Vec<Node>, Range<usize>),
    Map(Vec<(Node, Node)>, Range<usize>),
    Alias(Range<usize>),
}

impl Node {
    fn span(&self) -> Range<usize> {
        match self {
            Node::Scalar(_, s, _) | Node::Seq(_, s) | Node::Map(_, s) | Node::Alias(s) => s.clone(),
        }
    }

    fn kind_name(&self, lang: Lang) -> &'static str {
        match self {
            Node::Scalar(..) => lang.pick("text", "text"),
            Node::Seq(..) => lang.pick("en lista", "a list"),
            Node::Map(..) => lang.pick("en tabell av nycklar", "a mapping"),
            Node::Alias(..) => lang.pick("en YAML-alias", "a YAML alias"),
        }
    }
}

#[derive(Default)]
struct TreeBuilder<'a> {
    src: &'a str,
    boundaries: Vec<usize>,
    stack: Vec<Frame>,
    root: Option<Node>,
}

enum Frame {
    Seq(Vec<Node>, usize),
    Map(Vec<(Node, Node)>, Option<Node>, usize),
}

impl TreeBuilder<'_> {
    /// The parser's markers count characters; spans count bytes.
    fn byte(&mut self, mark: Marker) -> usize {
        if self.src.is_ascii() {
            return mark.index().min(self.src.len());
        }
        if self.boundaries.is_empty() {
            self.boundaries = self.src.char_indices().map(|(i, _)| i).collect();
        }
        self.boundaries
            .get(mark.index())
            .copied()
            .unwrap_or(self.src.len())
    }

    fn emit(&mut self, node: Node) {
        match self.stack.last_mut() {
            Some(Frame::Seq(items, _)) => items.push(node),
            Some(Frame::Map(entries, pending, _)) => match pending.take() {
                Some(k) => entries.push((k, node)),
                None => *pending = Some(node),
            },
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
        }
    }
}

impl MarkedEventReceiver for TreeBuilder<'_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let at = self.byte(mark);
        match ev {
            Event::Scalar(value, style, _, _) => {
                let plain = style == TScalarStyle::Plain;
                let span = scalar_span(self.src, at, &value);
                self.emit(Node::Scalar(value, span, plain));
            }
            Event::Alias(_) => self.emit(Node::Alias(at..at + 1)),
            Event::SequenceStart(..) => self.stack.push(Frame::Seq(Vec::new(), at)),
            Event::MappingStart(..) => self.stack.push(Frame::Map(Vec::new(), None, at)),
            Event::SequenceEnd => {
                if let Some(Frame::Seq(items, start)) = self.stack.pop() {
                    self.emit(Node::Seq(items, start..at.max(start)));
                }
            }
            Event::MappingEnd => {
                if let Some(Frame::Map(entries, _, start)) = self.stack.pop() {
                    self.emit(Node::Map(entries, start..at.max(start)));
                }
            }
            _ => {}
        }
    }
}

/// The span of a scalar whose token the parser marked at `at`: the value
/// itself where it appears verbatim on that line (a flow item's mark can sit
/// on the comma before it), else the rest of the line.
fn scalar_span(src: &str, at: usize, value: &str) -> Range<usize> {
    let at = crate::text::floor_char_boundary(src, at);
    let rest = &src[at..];
    let line = &rest[..rest.find('\n').map_or(rest.len(), |i| i)];
    if !value.is_empty()
        && let Some(pos) = line.find(value)
    {
        return at + pos..at + pos + value.len();
    }
    let lead = line.len() - line.trim_start_matches([' ', ',', '[', '-']).len();
    at + lead..at + line.trim_end().len().max(lead)
}

fn char_to_byte(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}

fn shift(r: Range<usize>, base: usize) -> Range<usize> {
    r.start + base..r.end + base
}

/// A string as a YAML scalar that reads back as itself: plain when that is
/// safe, else double-quoted.
pub fn yaml_scalar(s: &str) -> String {
    let plain_safe = !s.is_empty()
        && s.trim() == s
        && !s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c))
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.contains(|c: char| c.is_control() || "[]{},".contains(c))
        && !is_null(s)
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off"
        );
    if plain_safe {
        return s.to_string();
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// True for `sha256:` followed by 8 to 64 hex digits.
fn is_fingerprint(token: &str) -> bool {
    let lower = token.to_ascii_lowercase();
    lower.strip_prefix(FINGERPRINT_PREFIX).is_some_and(|hex| {
        (8..=64).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

fn is_null(s: &str) -> bool {
    matches!(s, "" | "~" | "null" | "Null" | "NULL")
}

fn fold_key(raw: &str) -> String {
    ascii_fold(raw.trim())
        .to_lowercase()
        .chars()
        .map(|c| if c == '-' || c == ' ' { '_' } else { c })
        .collect()
}

fn fold_word(raw: &str) -> String {
    ascii_fold(raw.trim())
        .to_lowercase()
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .collect()
}

/// True when an unknown key looks like a misspelt styrlint key.
fn is_near_miss(raw: &str) -> bool {
    let folded = fold_key(raw);
    SPELLINGS
        .iter()
        .filter(|(_, k)| !matches!(k, Key::Id | Key::Title | Key::Status | Key::Aliases))
        .any(|(s, _)| strsim::jaro_winkler(&folded, s) >= 0.9)
}

fn closest_key(raw: &str) -> Option<&'static str> {
    let folded = fold_key(raw);
    let (score, spelling, key) = SPELLINGS
        .iter()
        .map(|&(s, k)| (strsim::jaro_winkler(&folded, s), s, k))
        .max_by(|a, b| a.0.total_cmp(&b.0))?;
    if score < 0.8 {
        return None;
    }
    let (sv, en) = key_names(key);
    Some(if fold_key(sv) == spelling { sv } else { en })
}

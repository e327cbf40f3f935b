//! Words as mentions see them: a tokenizer that keeps genitive and
//! possessive endings apart, and the inflected forms of a name's words.
//!
//! Swedish marks definiteness, number and case with suffixes on the noun
//! ("utskott", "utskottet", "utskottets", "utskotten") and number and
//! definiteness on adjectives ("social", "sociala", "socialt"). Rather than
//! stemming text (Snowball's Swedish stemmer leaves "utskottet" whole),
//! styrlint generates every form of each word of every registered name and
//! looks text words up in that table: a lookup per word, whatever the size
//! of the register. Over-generated forms that no one writes cost nothing.

use std::borrow::Cow;
use std::ops::Range;

/// A word of running text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// Lower-case text of the word, without a `:s`, `'s` or `’s` ending;
    /// borrowed from the text when it is lower case already (most words).
    pub text: Cow<'a, str>,
    /// Byte range in the text, ending included.
    pub span: Range<usize>,
    /// True when an ending was split off (`KS:s`, `Board's`).
    pub suffixed: bool,
}

/// Splits text into words: runs of letters and digits. A colon followed by
/// a short lower-case ending (`KS:s`, `MRP:n`) and an apostrophe-s (`the
/// Board's`, `committees'`) stay with their word as a suffix.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    // By bytes where the text is ASCII, by chars elsewhere: every block of
    // every document passes here.
    let bytes = text.as_bytes();
    let word_char_at = |i: usize| -> (bool, usize) {
        match bytes[i] {
            b if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
            _ => text[i..].chars().next().map_or((false, 1), |c| {
                (c.is_alphanumeric() || is_invisible(c), c.len_utf8())
            }),
        }
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let (word, len) = word_char_at(i);
        if !word {
            i += len;
            continue;
        }
        let start = i;
        i += len;
        while i < bytes.len() {
            let (word, len) = word_char_at(i);
            if !word {
                break;
            }
            i += len;
        }
        // Invisible characters (a soft hyphen, a zero-width space) join a
        // word; they do not start or end one.
        let mut end = i;
        while let Some(c) = text[start..end].chars().next_back() {
            if !is_invisible(c) {
                break;
            }
            end -= c.len_utf8();
        }
        let mut begin = start;
        while let Some(c) = text[begin..end].chars().next() {
            if !is_invisible(c) {
                break;
            }
            begin += c.len_utf8();
        }
        if begin >= end {
            continue;
        }
        let (suffix_len, suffixed) = suffix_after(&text[i..]);
        let (start, word) = (begin, &text[begin..end]);
        out.push(Token {
            text: lower(word),
            span: start..if suffixed { i + suffix_len } else { end },
            suffixed,
        });
        i += suffix_len;
    }
    out
}

/// Characters that may sit inside a word without being seen: a soft
/// hyphen, zero-width spaces and joiners, a word joiner, a BOM.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

/// The word in lower case, borrowed when nothing changes; invisible
/// characters are dropped.
fn lower(word: &str) -> Cow<'_, str> {
    if !word.is_ascii() && word.chars().any(is_invisible) {
        return Cow::Owned(
            word.chars()
                .filter(|c| !is_invisible(*c))
                .flat_map(char::to_lowercase)
                .collect(),
        );
    }
    let unchanged = if word.is_ascii() {
        !word.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        word.chars().all(|c| {
            let mut l = c.to_lowercase();
            l.next() == Some(c) && l.next().is_none()
        })
    };
    if unchanged {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Length of a genitive/possessive ending at the start of `rest`.
fn suffix_after(rest: &str) -> (usize, bool) {
    let mut chars = rest.chars();
    match chars.next() {
        Some(':') => {
            let ending: String = chars.clone().take_while(|c| c.is_alphabetic()).collect();
            const ENDINGS: &[&str] = &[
                "s", "n", "en", "et", "ens", "ets", "ns", "ar", "arna", "er", "erna", "na", "t",
                "a",
            ];
            if ENDINGS.contains(&ending.as_str()) && ending.chars().all(char::is_lowercase) {
                return (1 + ending.len(), true);
            }
            (0, false)
        }
        Some(q @ ('\'' | '’')) => {
            let next = chars.next();
            if matches!(next, Some('s')) && !chars.next().is_some_and(char::is_alphanumeric) {
                return (q.len_utf8() + 1, true);
            }
            (0, false)
        }
        _ => (0, false),
    }
}

/// Every form of a word that a text may use for it: the word itself, its
/// Swedish definite, plural and genitive forms, adjective agreement forms,
/// and English plurals. When the word is itself definite or plural
/// ("rådet", "styrelsen"), the forms of its base are included too.
pub fn forms(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    for b in &bases(word) {
        add_forms(b, &mut |f, _| out.push(f));
    }
    out.sort();
    out.dedup();
    out
}

/// The forms of a word that can only be plural ("styrgrupper",
/// "styrgrupperna", "processledarna"; not "utskotten", which may be the
/// definite singular of another word): a single body's name in plural
/// means several bodies, not that one.
pub fn plural_forms(word: &str) -> Vec<String> {
    plural_forms_of(word, false)
}

/// [`plural_forms`] for a word whose gender is known: a neuter noun's
/// "-en" is its definite plural ("utskotten", "bolagen"), not a definite
/// singular.
pub fn plural_forms_of(word: &str, neuter: bool) -> Vec<String> {
    let (mut singular, mut plural, mut neuter_plural) =
        (vec![word.to_lowercase()], Vec::new(), Vec::new());
    for b in &bases(word) {
        let consonant = b.chars().last().is_some_and(|c| !"aeiouyåäöé".contains(c));
        add_forms(b, &mut |f, is_plural| {
            if neuter
                && consonant
                && f.strip_prefix(b.as_str())
                    .is_some_and(|e| e == "en" || e == "ens")
            {
                neuter_plural.push(f);
            } else if is_plural {
                plural.push(f);
            } else {
                singular.push(f);
            }
        });
    }
    plural.retain(|f| !singular.contains(f));
    // A neuter's "-en" is its plural, whatever other base could read it as
    // a definite singular ("integrationsråden" is no "integrationsråde").
    plural.extend(
        neuter_plural
            .into_iter()
            .filter(|f| *f != word.to_lowercase()),
    );
    plural.sort();
    plural.dedup();
    plural
}

/// The indefinite base of a word written in the definite singular
/// ("valberedningen" -> "valberedning", "utskottet" -> "utskott"), or
/// `None` when it is not one.
pub fn indefinite_of(word: &str, neuter: Option<bool>) -> Option<String> {
    let w = word.to_lowercase();
    bases(&w)
        .into_iter()
        .find(|b| *b != w && is_definite_singular_of(&w, b, neuter))
}

/// The base forms a word may be inflected from: itself, and when it looks
/// definite or plural ("rådet", "styrelsen"), its base.
fn bases(word: &str) -> Vec<String> {
    let w = word.to_lowercase();
    let mut bases = vec![w.clone()];
    let n = w.chars().count();
    for suf in [
        "erna", "arna", "orna", "ernas", "arnas", "iet", "en", "et", "na", "er", "ar", "or", "s",
        "a", "t",
    ] {
        if let Some(stem) = w.strip_suffix(suf)
            && stem.chars().count() >= 3
            && n > suf.len() + 2
        {
            if suf == "iet" {
                bases.push(format!("{stem}ium"));
            } else {
                bases.push(stem.to_string());
                // "styrelsen" -> "styrelse", "processledarna" -> "processledare"
                if suf == "na" || suf == "n" {
                    bases.push(format!("{stem}e"));
                }
            }
        }
    }
    if let Some(stem) = w.strip_suffix('n')
        && stem.ends_with('e')
        && stem.chars().count() >= 3
    {
        bases.push(stem.to_string());
    }
    bases
}

/// (ending, only a plural) tables of the inflection.
type Endings = &'static [(&'static str, bool)];

const ALWAYS: Endings = &[("", false), ("s", false)];
const UM: Endings = &[
    ("et", false),
    ("ets", false),
    ("er", true),
    ("erna", true),
    ("ernas", true),
];
const E_WORD: Endings = &[
    ("n", false),
    ("ns", false),
    ("r", true),
    ("rs", true),
    ("rna", true),
    ("rnas", true),
    ("t", false),
    ("ts", false),
];
const E_STEM: Endings = &[
    ("na", true),
    ("nas", true),
    ("ar", true),
    ("arna", true),
    ("er", true),
    ("erna", true),
];
const A_WORD: Endings = &[("n", false), ("ns", false)];
const A_STEM: Endings = &[("or", true), ("ors", true), ("orna", true), ("ornas", true)];
const VOWEL: Endings = &[
    ("n", false),
    ("ns", false),
    ("r", true),
    ("rs", true),
    ("rna", true),
    ("rnas", true),
    ("t", false),
    ("ts", false),
    ("na", true),
    ("nas", true),
    ("er", true),
    ("erna", true),
    ("ers", true),
    ("es", true),
    ("et", false),
    ("ets", false),
    ("en", false),
    ("ens", false),
];
const Y_STEM: Endings = &[("ies", true), ("ies'", true)];
const CONSONANT: Endings = &[
    ("en", false),
    ("ens", false),
    ("et", false),
    ("ets", false),
    ("er", true),
    ("ers", true),
    ("erna", true),
    ("ernas", true),
    ("ar", true),
    ("ars", true),
    ("arna", true),
    ("arnas", true),
    ("a", false),
    ("t", false),
    ("e", false),
    ("es", true),
    ("na", true),
    ("nas", true),
];
/// "-or", "-el", "-er" nouns take a bare "-n": "lektorn", "regeln".
const BARE_N: Endings = &[("n", false), ("ns", false)];
const M_DOUBLE: Endings = &[
    ("met", false),
    ("mets", false),
    ("men", false),
    ("mens", false),
];
const N_DOUBLE: Endings = &[
    ("net", false),
    ("nets", false),
    ("nen", false),
    ("nens", false),
];

/// The (stem, endings) a base word inflects with: its forms are each stem
/// with each of its endings.
fn tables(b: &str) -> Vec<(&str, Endings)> {
    let mut out = vec![(b, ALWAYS)];
    let Some(last) = b.chars().last().filter(|c| c.is_alphabetic()) else {
        return out; // numbers and codes do not inflect
    };
    if let Some(stem) = b.strip_suffix("um") {
        out.push((stem, UM));
    }
    let before_last = &b[..b.len() - last.len_utf8()];
    match last {
        'e' => out.extend([(b, E_WORD), (before_last, E_STEM)]),
        'a' => out.extend([(b, A_WORD), (before_last, A_STEM)]),
        'é' | 'i' | 'o' | 'u' | 'y' | 'å' | 'ä' | 'ö' => {
            out.push((b, VOWEL));
            if last == 'y' {
                out.push((before_last, Y_STEM));
            }
        }
        _ => {
            out.push((b, CONSONANT));
            if b.ends_with("or") || b.ends_with("el") || b.ends_with("er") {
                out.push((b, BARE_N));
            }
            match last {
                'm' => out.push((b, M_DOUBLE)),
                'n' => out.push((b, N_DOUBLE)),
                _ => {}
            }
        }
    }
    out
}

/// Adds every form of a base word, each with whether it is only a plural.
fn add_forms(b: &str, push: &mut dyn FnMut(String, bool)) {
    for (stem, endings) in tables(b) {
        for (e, plural) in endings {
            push(format!("{stem}{e}"), *plural);
        }
    }
}

/// True when `form` is one of the forms of `word` that can only be plural
/// (the same answer as [`plural_forms_of`], without building them all): no
/// base reads it as a singular, and one reads it as a plural, or, for a
/// neuter, as "-en".
pub fn is_plural_form(form: &str, word: &str, neuter: bool) -> bool {
    let lower = word.to_lowercase();
    if form == lower {
        return false;
    }
    let (mut singular, mut plural, mut neuter_plural) = (false, false, false);
    for b in &bases(word) {
        let consonant = b.chars().last().is_some_and(|c| !"aeiouyåäöé".contains(c));
        for (stem, endings) in tables(b) {
            let Some(e) = form.strip_prefix(stem) else {
                continue;
            };
            for (ending, is_plural) in endings {
                if *ending != e {
                    continue;
                }
                let full = stem.len() + ending.len();
                let en = neuter
                    && consonant
                    && stem == b.as_str()
                    && (e == "en" || e == "ens")
                    && full == form.len();
                if en {
                    neuter_plural = true;
                } else if *is_plural {
                    plural = true;
                } else {
                    singular = true;
                }
            }
        }
    }
    neuter_plural || (plural && !singular)
}

/// True when `token` is a definite singular form of `noun` (Swedish
/// "styrgruppen", "utskottet", "rådets"), the shape of a generic mention.
pub fn is_definite_singular(token: &str, noun: &str) -> bool {
    is_definite_singular_of(token, noun, None)
}

/// [`is_definite_singular`] for a noun whose gender may be known (`Some(true)`:
/// neuter, "utskottet"; `Some(false)`: common, "nämnden").
pub fn is_definite_singular_of(token: &str, noun: &str, neuter: Option<bool>) -> bool {
    let Some(rest) = token.strip_prefix(noun) else {
        return noun.strip_suffix("um").is_some_and(|stem| {
            token
                .strip_prefix(stem)
                .is_some_and(|r| r == "et" || r == "ets")
        });
    };
    let vowel_end = noun
        .chars()
        .last()
        .is_some_and(|c| "aeiouyåäöé".contains(c));
    match (vowel_end, neuter) {
        (true, Some(true)) => matches!(rest, "t" | "ts"),
        (true, Some(false)) => matches!(rest, "n" | "ns"),
        (true, None) => matches!(rest, "n" | "ns" | "t" | "ts"),
        (false, Some(true)) => matches!(rest, "et" | "ets"),
        (false, Some(false)) => matches!(rest, "en" | "ens"),
        (false, None) => matches!(rest, "en" | "ens" | "et" | "ets"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each row: a base word and forms a text may use for it.
    const TABLES: &[(&str, &[&str])] = &[
        (
            "utskott",
            &[
                "utskott",
                "utskottet",
                "utskottets",
                "utskotten",
                "utskottens",
                "utskotts",
            ],
        ),
        (
            "styrgrupp",
            &[
                "styrgrupp",
                "styrgruppen",
                "styrgruppens",
                "styrgrupper",
                "styrgrupperna",
                "styrgruppernas",
            ],
        ),
        (
            "nämnd",
            &[
                "nämnd",
                "nämnden",
                "nämndens",
                "nämnder",
                "nämnderna",
                "nämndernas",
                "nämnds",
            ],
        ),
        ("råd", &["råd", "rådet", "rådets", "råden", "rådens"]),
        (
            "grupp",
            &["grupp", "gruppen", "gruppens", "grupper", "grupperna"],
        ),
        (
            "kontor",
            &["kontor", "kontoret", "kontorets", "kontoren", "kontorens"],
        ),
        (
            "förvaltning",
            &[
                "förvaltning",
                "förvaltningen",
                "förvaltningens",
                "förvaltningar",
                "förvaltningarna",
                "förvaltningarnas",
            ],
        ),
        (
            "presidium",
            &[
                "presidium",
                "presidiet",
                "presidiets",
                "presidier",
                "presidierna",
            ],
        ),
        (
            "bolag",
            &["bolag", "bolaget", "bolagets", "bolagen", "bolagens"],
        ),
        (
            "styrelse",
            &[
                "styrelse",
                "styrelsen",
                "styrelsens",
                "styrelser",
                "styrelserna",
                "styrelsernas",
            ],
        ),
        (
            "processledare",
            &["processledaren", "processledarens", "processledarna"],
        ),
        ("program", &["programmet", "programmets", "programmen"]),
        ("social", &["sociala", "socialt"]),
        ("operativ", &["operativa", "operativt"]),
        ("politisk", &["politiska", "politiskt"]),
        ("lektor", &["lektorn", "lektorns", "lektorer", "lektorerna"]),
        ("kassör", &["kassören", "kassörens", "kassörer"]),
        (
            "sekreterare",
            &["sekreteraren", "sekreterarens", "sekreterarna"],
        ),
        ("samordning", &["samordningen", "samordningens"]),
        ("gemenskap", &["gemenskapen", "gemenskapens"]),
        ("kommission", &["kommissionen", "kommissionens"]),
        ("trygghet", &["tryggheten", "trygghetens"]),
        ("centrum", &["centret", "centrets", "centrumet"]),
        ("committee", &["committee", "committees"]),
        ("board", &["board", "boards"]),
        ("body", &["bodies"]),
        ("group", &["groups"]),
    ];

    #[test]
    fn generates_swedish_and_english_inflection_tables() {
        for (base, expected) in TABLES {
            let f = forms(base);
            for e in *expected {
                assert!(f.contains(&e.to_string()), "{base}: missing {e} in {f:?}");
            }
        }
    }

    #[test]
    fn definite_and_plural_names_reach_their_base_forms() {
        for (name, expected) in [
            ("rådet", "råd"),
            ("hållbarhetsutskottet", "hållbarhetsutskottets"),
            ("integrationsrådet", "integrationsrådets"),
            ("styrelsen", "styrelse"),
            ("kommunstyrelsen", "kommunstyrelsens"),
            ("presidiet", "presidium"),
            ("sociala", "social"),
            ("nämnderna", "nämnd"),
        ] {
            assert!(
                forms(name).contains(&expected.to_string()),
                "{name} -> {expected}: {:?}",
                forms(name)
            );
        }
    }

    #[test]
    fn tokens_keep_genitives_apart_and_spans_whole() {
        let text = "KS:s beslut, the Board's plan och WG-Serving (1991:900).";
        let t = tokenize(text);
        let words: Vec<(&str, &str, bool)> = t
            .iter()
            .map(|t| (&*t.text, &text[t.span.clone()], t.suffixed))
            .collect();
        assert_eq!(
            words,
            [
                ("ks", "KS:s", true),
                ("beslut", "beslut", false),
                ("the", "the", false),
                ("board", "Board's", true),
                ("plan", "plan", false),
                ("och", "och", false),
                ("wg", "WG", false),
                ("serving", "Serving", false),
                ("1991", "1991", false),
                ("900", "900", false),
            ]
        );
    }

    #[test]
    fn plurals_of_a_name_are_told_apart_by_gender() {
        assert!(plural_forms("styrgrupp").contains(&"styrgrupper".to_string()));
        assert!(!plural_forms("styrgrupp").contains(&"styrgruppen".to_string()));
        assert!(
            plural_forms_of("integrationsrådet", true).contains(&"integrationsråden".to_string())
        );
        assert!(
            !plural_forms_of("integrationsrådet", true).contains(&"integrationsrådets".to_string())
        );
        assert!(!plural_forms_of("nämnd", false).contains(&"nämnden".to_string()));
        assert!(is_definite_singular_of("bolaget", "bolag", Some(true)));
        assert!(!is_definite_singular_of("bolagen", "bolag", Some(true)));
        assert!(is_definite_singular_of("nämnden", "nämnd", Some(false)));
    }

    #[test]
    fn the_plural_test_agrees_with_the_plural_forms() {
        for (word, neuter) in [
            ("styrgrupp", false),
            ("Integrationsrådet", true),
            ("nämnd", false),
            ("styrelse", false),
            ("presidium", true),
            ("processledare", false),
            ("kommitté", false),
            ("lektor", false),
            ("program", true),
        ] {
            let plurals = plural_forms_of(word, neuter);
            for f in forms(word) {
                assert_eq!(
                    is_plural_form(&f, word, neuter),
                    plurals.contains(&f),
                    "{word} {f}"
                );
            }
        }
    }

    #[test]
    fn invisible_characters_join_a_word() {
        let t = tokenize("Miljö\u{ad}nämnden och \u{200b}KS");
        let words: Vec<&str> = t.iter().map(|t| &*t.text).collect();
        assert_eq!(words, ["miljönämnden", "och", "ks"]);
    }

    #[test]
    fn definite_singular_detection() {
        assert!(is_definite_singular("styrgruppen", "styrgrupp"));
        assert!(is_definite_singular("utskottets", "utskott"));
        assert!(is_definite_singular("styrelsen", "styrelse"));
        assert!(is_definite_singular("presidiet", "presidium"));
        assert!(!is_definite_singular("styrgrupper", "styrgrupp"));
        assert!(!is_definite_singular("styrgrupp", "styrgrupp"));
        assert!(!is_definite_singular("nämnderna", "nämnd"));
    }
}

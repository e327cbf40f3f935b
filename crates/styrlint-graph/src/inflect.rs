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
            _ => text[i..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8())),
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
        let (suffix_len, suffixed) = suffix_after(&text[i..]);
        out.push(Token {
            text: lower(&text[start..i]),
            span: start..i + suffix_len,
            suffixed,
        });
        i += suffix_len;
    }
    out
}

/// The word in lower case, borrowed when nothing changes.
fn lower(word: &str) -> Cow<'_, str> {
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
    let mut out = Vec::new();
    for b in &bases {
        add_forms(b, &mut out);
    }
    out.sort();
    out.dedup();
    out
}

fn add_forms(b: &str, out: &mut Vec<String>) {
    let mut push = |s: String| out.push(s);
    push(b.to_string());
    push(format!("{b}s"));
    let last = b.chars().last().unwrap_or(' ');
    if !last.is_alphabetic() {
        return; // numbers and codes do not inflect
    }
    if let Some(stem) = b.strip_suffix("um") {
        for e in ["et", "ets", "er", "erna", "ernas"] {
            push(format!("{stem}{e}"));
        }
    }
    match last {
        'e' => {
            for e in ["n", "ns", "r", "rs", "rna", "rnas", "t", "ts"] {
                push(format!("{b}{e}"));
            }
            let stem = &b[..b.len() - 1];
            for e in ["na", "nas", "ar", "arna", "er", "erna"] {
                push(format!("{stem}{e}"));
            }
        }
        'a' => {
            for e in ["n", "ns"] {
                push(format!("{b}{e}"));
            }
            let stem = &b[..b.len() - 1];
            for e in ["or", "ors", "orna", "ornas"] {
                push(format!("{stem}{e}"));
            }
        }
        'é' | 'i' | 'o' | 'u' | 'y' | 'å' | 'ä' | 'ö' => {
            for e in [
                "n", "ns", "r", "rs", "rna", "rnas", "t", "ts", "na", "nas", "er", "erna", "ers",
                "es", "et", "ets", "en", "ens",
            ] {
                push(format!("{b}{e}"));
            }
            if let Some(stem) = b.strip_suffix('y') {
                push(format!("{stem}ies"));
                push(format!("{stem}ies'"));
            }
        }
        _ => {
            for e in [
                "en", "ens", "et", "ets", "er", "ers", "erna", "ernas", "ar", "ars", "arna",
                "arnas", "a", "t", "e", "es", "na", "nas",
            ] {
                push(format!("{b}{e}"));
            }
            if matches!(last, 'm' | 'n') {
                for e in ["met", "mets", "men", "mens", "net", "nets", "nen", "nens"] {
                    if e.starts_with(last) {
                        push(format!("{b}{e}"));
                    }
                }
            }
        }
    }
}

/// True when `token` is a definite singular form of `noun` (Swedish
/// "styrgruppen", "utskottet", "rådets"), the shape of a generic mention.
pub fn is_definite_singular(token: &str, noun: &str) -> bool {
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
    if vowel_end {
        matches!(rest, "n" | "ns" | "t" | "ts")
    } else {
        matches!(rest, "en" | "ens" | "et" | "ets")
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

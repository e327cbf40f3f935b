//! Splitting prose into sentences.

use std::ops::Range;

/// Abbreviations after which a period does not end a sentence (lower case,
/// without the final period).
const ABBREVIATIONS: &[&str] = &[
    "t.ex", "bl.a", "m.m", "m.fl", "o.s.v", "osv", "kap", "st", "p", "jfr", "resp", "ca", "dvs",
    "d.v.s", "s.k", "f.d", "nr", "tel", "fr.o.m", "t.o.m", "enl", "avd", "e.g", "i.e", "dr", "mr",
    "mrs", "ms", "no", "vs", "cf", "approx", "art", "sec", "fig", "prop", "sfs",
];

/// Byte ranges of the sentences of `text`, each trimmed of surrounding
/// whitespace. A sentence ends at `.`, `!`, `?` or `…` followed by space and
/// a capital letter (or the end), unless the period closes an abbreviation
/// or an initial.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    const ELLIPSIS: &[u8] = "…".as_bytes();
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut from = 0;
    // Jump from terminator to terminator by bytes: every block's text
    // passes here, and walking it char by char showed in profiles.
    while let Some(off) = bytes[from..]
        .iter()
        .position(|&b| matches!(b, b'.' | b'!' | b'?' | 0xE2))
    {
        let i = from + off;
        let c = match bytes[i] {
            0xE2 if bytes[i..].starts_with(ELLIPSIS) => '…',
            0xE2 => {
                from = i + 1;
                continue;
            }
            b => char::from(b),
        };
        // Swallow further terminators and closing quotes or brackets.
        let mut end = i + c.len_utf8();
        for n in text[end..].chars() {
            if matches!(
                n,
                '.' | '!' | '?' | '…' | '"' | '”' | '’' | '\'' | ')' | ']' | '»'
            ) {
                end += n.len_utf8();
            } else {
                break;
            }
        }
        from = end;
        let rest = &text[end..];
        let after = rest.trim_start();
        if !after.is_empty() && after.len() == rest.len() {
            continue; // no space after: "1.5", "t.ex"
        }
        let next = after.chars().next();
        let starts_sentence = match next {
            None => true,
            Some(n) => n.is_uppercase() || matches!(n, '"' | '”' | '«' | '(' | '*' | '['),
        };
        if !starts_sentence {
            continue;
        }
        if c == '.' && is_abbreviation(&text[start..i]) {
            continue;
        }
        push_trimmed(text, start..end, &mut out);
        start = end;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true; // an initial: "A. Andersson"
    }
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if !trimmed.is_empty() {
        out.push(r.start + lead..r.start + lead + trimmed.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        split_sentences(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn splits_at_sentence_ends() {
        assert_eq!(
            split("Utskottet bereder ärenden. Styrelsen beslutar! Vem följer upp?"),
            [
                "Utskottet bereder ärenden.",
                "Styrelsen beslutar!",
                "Vem följer upp?"
            ]
        );
    }

    #[test]
    fn keeps_abbreviations_initials_and_numbers_together() {
        assert_eq!(
            split(
                "Enligt 6 kap. 38 § får nämnden delegera, t.ex. till ett utskott. Se bl.a. Bilaga 2."
            ),
            [
                "Enligt 6 kap. 38 § får nämnden delegera, t.ex. till ett utskott.",
                "Se bl.a. Bilaga 2."
            ]
        );
        assert_eq!(
            split("Kontakt: A. Andersson. Klart."),
            ["Kontakt: A. Andersson.", "Klart."]
        );
        assert_eq!(
            split("Andelen ökar med 2.5 procent."),
            ["Andelen ökar med 2.5 procent."]
        );
        assert_eq!(
            split("The board meets, e.g. in May. Then it votes."),
            ["The board meets, e.g. in May.", "Then it votes."]
        );
    }

    #[test]
    fn lower_case_after_period_does_not_split() {
        assert_eq!(split("Ca. tre gånger per år."), ["Ca. tre gånger per år."]);
    }
}

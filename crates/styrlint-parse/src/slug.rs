//! Heading anchors as GitHub makes them.

use crate::text::ascii_fold;
use std::collections::HashMap;

/// Makes GitHub-style anchors for the headings of one document, numbering
/// repeats (`mal`, `mal-1`, `mal-2`).
#[derive(Debug, Default)]
pub struct Slugger {
    seen: HashMap<String, usize>,
    seen_ascii: HashMap<String, usize>,
}

impl Slugger {
    /// The GitHub anchor and its ASCII-folded twin for the next heading.
    pub fn slugs(&mut self, heading: &str) -> (String, String) {
        let slug = dedupe(&mut self.seen, slug(heading));
        let ascii = dedupe(&mut self.seen_ascii, slug_of(&ascii_fold(heading)));
        (slug, ascii)
    }
}

/// GitHub's slug: lower case; letters, marks, digits, `_`, `-` and spaces
/// kept, everything else dropped; each space becomes `-`.
pub fn slug(heading: &str) -> String {
    slug_of(heading)
}

/// A link's `#fragment` as it is compared with heading anchors: lower case
/// and NFC, like the anchors (which are made from NFC heading text), so that
/// a fragment typed in decomposed form (`ha\u{308}llbarhet`, as macOS
/// may write it) finds the heading `Hällbarhet`.
pub fn fragment_key(fragment: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    fragment.nfc().collect::<String>().to_lowercase()
}

fn slug_of(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| {
            if c == ' ' {
                Some('-')
            } else if c.is_alphanumeric() || c == '-' || c == '_' || is_mark(c) {
                Some(c)
            } else {
                None
            }
        })
        .collect()
}

/// Combining marks and variation selectors (GitHub keeps \p{M}; the
/// emoji variation selector U+FE0F is one, with combining class 0).
fn is_mark(c: char) -> bool {
    unicode_normalization::char::canonical_combining_class(c) != 0
        || matches!(c, '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}' | '\u{20d0}'..='\u{20ff}')
}

fn dedupe(seen: &mut HashMap<String, usize>, base: String) -> String {
    match seen.get_mut(&base) {
        None => {
            seen.insert(base.clone(), 0);
            base
        }
        Some(n) => {
            *n += 1;
            let s = format!("{base}-{n}");
            seen.insert(s.clone(), 0);
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_slugs_keep_swedish_letters() {
        let mut s = Slugger::default();
        assert_eq!(
            s.slugs("Mål och syfte"),
            ("mål-och-syfte".into(), "mal-och-syfte".into())
        );
        assert_eq!(
            s.slugs("3.4 Roll- och ansvarsfördelning!").0,
            "34-roll--och-ansvarsfördelning"
        );
        assert_eq!(s.slugs("Mål och syfte").0, "mål-och-syfte-1");
        assert_eq!(s.slugs("The `code` Part").0, "the-code-part");
        // An emoji goes, its variation selector stays, as on GitHub.
        assert_eq!(s.slugs("⚙\u{fe0f} Setup").0, "\u{fe0f}-setup");
    }
}

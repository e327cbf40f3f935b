//! Document types and their levels (SPEC §2.3).

use styrlint_parse::{ascii_fold, name_key};

/// One document type: a canonical name, its level and every spelling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocKind {
    /// Canonical (Swedish) name.
    pub name: String,
    /// Level: 1 is the top. `None` for types outside the hierarchy
    /// (registers and fixed documents).
    pub level: Option<u8>,
    /// A fixed document (minutes, reports, decisions, press releases):
    /// published once with its date and right about that date forever
    /// (SPEC §2.3.1). Outside the hierarchy.
    pub fixed: bool,
    /// Accepted spellings, Swedish and English.
    pub spellings: Vec<String>,
}

/// The table of document types, SPEC §2.3 by default; the config may
/// override levels and add types.
#[derive(Clone, Debug)]
pub struct KindTable {
    kinds: Vec<DocKind>,
    /// The folded spellings of each kind, its name last: `lookup` runs for
    /// every document and rule, so the folding is done once.
    folded: Vec<Vec<String>>,
}

const DEFAULT: &[(&str, Option<u8>, &[&str])] = &[
    (
        "mål- och resursplan",
        Some(1),
        &["mål- och resursplan", "mrp"],
    ),
    ("budget", Some(1), &["budget"]),
    ("vision", Some(1), &["vision"]),
    ("reglemente", Some(1), &["reglemente", "charter"]),
    (
        "ägardirektiv",
        Some(1),
        &["ägardirektiv", "owner directive"],
    ),
    (
        "bolagsordning",
        Some(1),
        &["bolagsordning", "articles", "articles of association"],
    ),
    ("policy", Some(2), &["policy"]),
    ("strategi", Some(3), &["strategi", "strategy"]),
    ("program", Some(3), &["program", "programme", "program"]),
    ("plan", Some(4), &["plan"]),
    ("handlingsplan", Some(4), &["handlingsplan", "action plan"]),
    ("färdplan", Some(4), &["färdplan", "roadmap"]),
    ("affärsplan", Some(4), &["affärsplan", "business plan"]),
    (
        "delegationsordning",
        Some(4),
        &["delegationsordning", "delegation order"],
    ),
    (
        "riktlinje",
        Some(5),
        &["riktlinje", "riktlinjer", "guideline", "guidelines"],
    ),
    (
        "arbetsbeskrivning",
        Some(5),
        &["arbetsbeskrivning", "terms of reference"],
    ),
    ("projektplan", Some(5), &["projektplan", "project plan"]),
    ("rutin", Some(6), &["rutin", "procedure"]),
    ("instruktion", Some(6), &["instruktion", "instruction"]),
    ("register", None, &["register"]),
];

/// Fixed document types (SPEC §2.3, §2.3.1): outside the hierarchy, right
/// about their own date.
const FIXED: &[(&str, &[&str])] = &[
    ("protokoll", &["protokoll", "minutes", "mötesprotokoll"]),
    (
        "minnesanteckningar",
        &[
            "minnesanteckningar",
            "minnesanteckning",
            "meeting notes",
            "notes",
        ],
    ),
    (
        "verksamhetsberättelse",
        &["verksamhetsberättelse", "annual report", "activity report"],
    ),
    ("årsredovisning", &["årsredovisning", "annual accounts"]),
    (
        "uppföljning",
        &["uppföljning", "follow-up report", "uppföljningsrapport"],
    ),
    ("rapport", &["rapport", "report"]),
    ("beslut", &["beslut", "decision", "resolution"]),
    ("proposition", &["proposition", "proposal", "motion"]),
    ("betänkande", &["betänkande"]),
    ("yttrande", &["yttrande", "remissvar", "statement"]),
    (
        "pressmeddelande",
        &[
            "pressmeddelande",
            "press release",
            "nyhet",
            "news",
            "announcement",
        ],
    ),
    ("enkät", &["enkät", "survey"]),
    ("fallstudie", &["fallstudie", "case study"]),
    (
        "retrospektiv",
        &["retrospektiv", "retrospective", "post-mortem"],
    ),
    (
        "ändringslogg",
        &["ändringslogg", "changelog", "release notes"],
    ),
    ("blogginlägg", &["blogginlägg", "blog post", "blog", "post"]),
    ("cv", &["cv", "biografi", "biography", "bio"]),
];

impl Default for KindTable {
    fn default() -> Self {
        let steering = DEFAULT.iter().map(|(name, level, spellings)| DocKind {
            name: (*name).to_string(),
            level: *level,
            fixed: false,
            spellings: spellings.iter().map(|s| (*s).to_string()).collect(),
        });
        let fixed = FIXED.iter().map(|(name, spellings)| DocKind {
            name: (*name).to_string(),
            level: None,
            fixed: true,
            spellings: spellings.iter().map(|s| (*s).to_string()).collect(),
        });
        KindTable::from_kinds(steering.chain(fixed).collect())
    }
}

impl KindTable {
    /// Finds the type a `typ` value names, in any spelling, case or
    /// diacritics ("Fardplan", "Roadmap").
    pub fn lookup(&self, typ: &str) -> Option<&DocKind> {
        let key = fold(typ);
        self.folded
            .iter()
            .position(|f| f.contains(&key))
            .map(|i| &self.kinds[i])
    }

    fn from_kinds(kinds: Vec<DocKind>) -> Self {
        let folded = kinds.iter().map(folded).collect();
        KindTable { kinds, folded }
    }

    /// Sets the level of a type, adding it if it is new.
    pub fn set_level(&mut self, typ: &str, level: Option<u8>) {
        let key = fold(typ);
        match self
            .kinds
            .iter_mut()
            .find(|k| k.spellings.iter().any(|s| fold(s) == key))
        {
            Some(k) => k.level = level,
            None => {
                let kind = DocKind {
                    name: typ.to_string(),
                    level,
                    fixed: false,
                    spellings: vec![typ.to_string()],
                };
                self.folded.push(folded(&kind));
                self.kinds.push(kind);
            }
        }
    }

    /// Every type, for help texts.
    pub fn iter(&self) -> impl Iterator<Item = &DocKind> {
        self.kinds.iter()
    }
}

fn folded(k: &DocKind) -> Vec<String> {
    k.spellings
        .iter()
        .chain(std::iter::once(&k.name))
        .map(|s| fold(s))
        .collect()
}

fn fold(s: &str) -> String {
    ascii_fold(&name_key(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_types_in_both_languages() {
        let t = KindTable::default();
        assert_eq!(t.lookup("Färdplan").unwrap().level, Some(4));
        assert_eq!(t.lookup("roadmap").unwrap().name, "färdplan");
        assert_eq!(t.lookup("Mål- och resursplan").unwrap().level, Some(1));
        assert_eq!(t.lookup("terms of reference").unwrap().level, Some(5));
        assert_eq!(t.lookup("register").unwrap().level, None);
        assert!(t.lookup("önskelista").is_none());
        for fixed in [
            "protokoll",
            "Minutes",
            "press release",
            "Årsredovisning",
            "beslut",
        ] {
            let k = t.lookup(fixed).unwrap();
            assert!(k.fixed && k.level.is_none(), "{fixed}");
        }
        assert!(!t.lookup("register").unwrap().fixed);
        assert!(!t.lookup("policy").unwrap().fixed);
    }

    #[test]
    fn config_can_override_and_add() {
        let mut t = KindTable::default();
        t.set_level("policy", Some(3));
        t.set_level("verksamhetsplan", Some(4));
        assert_eq!(t.lookup("Policy").unwrap().level, Some(3));
        assert_eq!(t.lookup("verksamhetsplan").unwrap().level, Some(4));
    }
}

//! The language a document is written in, for messages.

/// Swedish or English. Messages are written in the document's language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Swedish, the first language.
    #[default]
    Sv,
    /// English.
    En,
}

impl Lang {
    /// Picks the text for this language.
    pub fn pick<T>(self, sv: T, en: T) -> T {
        match self {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }

    /// Parses `sv`/`svenska`/`swedish` or `en`/`engelska`/`english`.
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_lowercase().as_str() {
            "sv" | "svenska" | "swedish" | "sv-se" => Some(Lang::Sv),
            "en" | "engelska" | "english" | "en-gb" | "en-us" => Some(Lang::En),
            _ => None,
        }
    }

    /// The ISO code.
    pub fn code(self) -> &'static str {
        self.pick("sv", "en")
    }

    /// Guesses the language of a text from its most frequent function
    /// words; `fallback` when the text says too little.
    pub fn detect(text: &str, fallback: Lang) -> Lang {
        Lang::detect_known(text).unwrap_or(fallback)
    }

    /// The language most of `langs` are in (Swedish on a tie); `None` when
    /// there are none.
    pub fn majority(langs: impl IntoIterator<Item = Lang>) -> Option<Lang> {
        let (mut sv, mut en) = (0usize, 0usize);
        for l in langs {
            match l {
                Lang::Sv => sv += 1,
                Lang::En => en += 1,
            }
        }
        match (sv, en) {
            (0, 0) => None,
            _ if en > sv => Some(Lang::En),
            _ => Some(Lang::Sv),
        }
    }

    /// The language of the environment's locale (`LC_ALL`, `LC_MESSAGES`,
    /// `LANG`), when it is Swedish or English.
    pub fn from_locale(vars: impl Fn(&str) -> Option<String>) -> Option<Lang> {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| vars(v))
            .find(|v| !v.is_empty())
            .and_then(|v| {
                let code = v.split(['_', '.', '-']).next().unwrap_or("");
                Lang::parse(code)
            })
    }

    /// The language of a text, or `None` when it says too little to tell
    /// (fewer than three function words).
    pub fn detect_known(text: &str) -> Option<Lang> {
        let (mut sv, mut en) = (0usize, 0usize);
        let sample = &text[..crate::text::floor_char_boundary(text, 8192)];
        // Every word of the sample passes here, so this works on bytes and
        // allocates nothing: words split at ASCII bytes that are not
        // letters, lower-cased into a buffer on the stack. The function
        // words below are ASCII letters and å, ä, ö, so a word with any
        // other non-ASCII letter is none of them.
        for word in sample
            .as_bytes()
            .split(|b| b.is_ascii() && !b.is_ascii_alphabetic())
        {
            if word.len() < 2 || word.len() > 7 {
                continue;
            }
            let mut buf = [0u8; 8];
            let mut n = 0;
            let mut bytes = word.iter();
            while let Some(&b) = bytes.next() {
                match b {
                    b if b.is_ascii() => buf[n] = b.to_ascii_lowercase(),
                    // Å Ä Ö (C3 85, C3 84, C3 96) and å ä ö (C3 A5, A4, B6).
                    0xC3 => match bytes.next() {
                        Some(&c @ (0x84 | 0x85 | 0x96)) => {
                            buf[n] = 0xC3;
                            n += 1;
                            buf[n] = c + 0x20;
                        }
                        Some(&c @ (0xA4 | 0xA5 | 0xB6)) => {
                            buf[n] = 0xC3;
                            n += 1;
                            buf[n] = c;
                        }
                        _ => {
                            n = 0;
                            break;
                        }
                    },
                    _ => {
                        n = 0;
                        break;
                    }
                }
                n += 1;
            }
            match std::str::from_utf8(&buf[..n]).unwrap_or("") {
                "och" | "att" | "för" | "som" | "är" | "av" | "med" | "till" | "på" | "den"
                | "det" | "ska" | "inom" | "samt" | "enligt" => sv += 1,
                "the" | "and" | "of" | "to" | "is" | "for" | "with" | "that" | "on" | "by"
                | "shall" | "are" | "be" | "its" | "within" => en += 1,
                _ => {}
            }
        }
        if sv + en < 3 {
            None
        } else if en > sv {
            Some(Lang::En)
        } else {
            Some(Lang::Sv)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_swedish_and_english() {
        let sv = "Kommunstyrelsen ansvarar för att planen följs upp och att den revideras.";
        let en = "The Board is responsible for the plan and for its annual review.";
        assert_eq!(Lang::detect(sv, Lang::En), Lang::Sv);
        assert_eq!(Lang::detect(en, Lang::Sv), Lang::En);
        assert_eq!(Lang::detect("# Titel", Lang::En), Lang::En);
        assert_eq!(Lang::detect_known("# Titel"), None);
    }

    #[test]
    fn majority_and_locale() {
        use Lang::*;
        assert_eq!(Lang::majority([En, Sv, En]), Some(En));
        assert_eq!(Lang::majority([En, Sv]), Some(Sv));
        assert_eq!(Lang::majority([]), None);
        let env = |lang: &'static str| move |v: &str| (v == "LANG").then(|| lang.to_string());
        assert_eq!(Lang::from_locale(env("en_GB.UTF-8")), Some(En));
        assert_eq!(Lang::from_locale(env("sv_SE.UTF-8")), Some(Sv));
        assert_eq!(Lang::from_locale(env("C.UTF-8")), None);
    }
}

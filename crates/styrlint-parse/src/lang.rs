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
        const SV: &[&str] = &[
            "och", "att", "för", "som", "är", "av", "med", "till", "på", "den", "det", "ska",
            "inom", "samt", "enligt",
        ];
        const EN: &[&str] = &[
            "the", "and", "of", "to", "is", "for", "with", "that", "on", "by", "shall", "are",
            "be", "its", "within",
        ];
        let (mut sv, mut en) = (0usize, 0usize);
        let sample = &text[..crate::text::floor_char_boundary(text, 8192)];
        for word in sample.split(|c: char| !c.is_alphabetic()) {
            if word.len() < 2 || word.len() > 7 {
                continue;
            }
            let w = word.to_lowercase();
            if SV.contains(&w.as_str()) {
                sv += 1;
            } else if EN.contains(&w.as_str()) {
                en += 1;
            }
        }
        if sv + en < 3 {
            fallback
        } else if en > sv {
            Lang::En
        } else {
            Lang::Sv
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
    }
}

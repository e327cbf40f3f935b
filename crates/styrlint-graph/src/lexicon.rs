//! The lexicon: the words rules read meaning from, per language, as data
//! (`data/lexicon/*.toml`). No rule holds a word of its own.

use serde::Deserialize;
use styrlint_parse::{Lang, name_key};

/// The words of one language.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    /// Phrases that make a sentence record a change.
    #[serde(default)]
    pub history_phrases: Vec<String>,
    /// Words that, right before a name, mark it as former.
    #[serde(default)]
    pub former_markers: Vec<String>,
    /// Words that introduce a current name after an old one.
    #[serde(default)]
    pub current_markers: Vec<String>,
    /// Articles that may stand between a marker and a name.
    #[serde(default)]
    pub articles: Vec<String>,
    /// Headings of history sections.
    #[serde(default)]
    pub history_headings: Vec<String>,
    /// Headings whose past-tense sentences are history.
    #[serde(default)]
    pub background_headings: Vec<String>,
    /// Words that make a heading, and everything under it, about the past
    /// ("Tidigare ledamöter", "Archived working groups", "Emeritus").
    #[serde(default)]
    pub past_headings: Vec<String>,
    /// Phrases that place a sentence in the past wherever they stand in it
    /// ("tidigare", "fram till", "formerly", "grew out of", "served on").
    #[serde(default)]
    pub past_phrases: Vec<String>,
    /// Words that, followed by a year, place a sentence before it ("fram
    /// till 2023", "until 2021", "prior to 2022").
    #[serde(default)]
    pub until_markers: Vec<String>,
    /// Words that, in a table row, a list item or a parenthesis after a
    /// name, say the body is gone ("avvecklad", "retired", "archived").
    #[serde(default)]
    pub retired_words: Vec<String>,
    /// Nouns for a body's records ("protokoll", "handlingar", "minutes",
    /// "papers"): "the papers of X" names X's past, not X as it is.
    #[serde(default)]
    pub record_nouns: Vec<String>,
    /// Prepositions between a record noun and the body ("från", "of").
    #[serde(default)]
    pub record_prepositions: Vec<String>,
    /// Past-tense words.
    #[serde(default)]
    pub past_words: Vec<String>,
    /// Past-tense word endings.
    #[serde(default)]
    pub past_endings: Vec<String>,
    /// Generic nouns for bodies, base forms.
    #[serde(default)]
    pub generic_nouns: Vec<String>,
    /// Articles that make an English generic noun definite.
    #[serde(default)]
    pub definite_articles: Vec<String>,
    /// Neuter nouns among the generic and role nouns ("utskott", "råd",
    /// "bolag"): their definite singular ends in "-et", and "-en" is their
    /// definite plural ("bolagen").
    #[serde(default)]
    pub neuter_nouns: Vec<String>,
    /// Generic nouns any body may be called by ("gruppen", "the group"):
    /// resolved to the nearest body, never reported as ambiguous.
    #[serde(default)]
    pub broad_nouns: Vec<String>,
    /// Nouns for posts and people ("ordförande", "secretary", "member"): a
    /// name ending in one is a role.
    #[serde(default)]
    pub role_nouns: Vec<String>,
    /// Nouns (never verbs) that make a name or generic noun before them a
    /// modifier ("the board meeting", "the Board member").
    #[serde(default)]
    pub noun_followers: Vec<String>,
    /// Word endings that make a capitalised name word a common noun or
    /// adjective ("-het", "-ing", "-isk"), which inflects and may be written
    /// in lower case; other capitalised words are proper names.
    #[serde(default)]
    pub common_endings: Vec<String>,
    /// Words that introduce a definition of a short form ("nedan kallad",
    /// "hereinafter", "avses"): the generic noun then means that body.
    #[serde(default)]
    pub definition_markers: Vec<String>,
    /// Words that make a noun after them indefinite or general ("en",
    /// "varje", "each", "any").
    #[serde(default)]
    pub quantifiers: Vec<String>,
    /// Words after a generic noun that tie it to a named body ("styrelsen
    /// för X", "the board of X").
    #[serde(default)]
    pub qualifiers: Vec<String>,
    /// Words after a generic noun that make it a noun phrase of its own
    /// whatever follows ("förvaltningen av kommunens angelägenheter", "the
    /// committee of experts").
    #[serde(default)]
    pub of_words: Vec<String>,
    /// Copulas and "as": a post's name right after one is a predicate, the
    /// function ("är studerandeskyddsombud", "serves as treasurer").
    #[serde(default)]
    pub copulas: Vec<String>,
    /// Mandate verbs and phrases (SPEC §2.5).
    #[serde(default)]
    pub mandate: MandateWords,
    /// Headings and words that give a document its structure.
    #[serde(default)]
    pub document: DocumentWords,
}

/// Mandate verbs and phrases, by kind.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MandateWords {
    /// Decides: "beslutar om", "fastställer", "approves".
    #[serde(default)]
    pub decides: Vec<String>,
    /// Prepares: "bereder", "prepares".
    #[serde(default)]
    pub prepares: Vec<String>,
    /// Follows up: "följer upp", "monitors".
    #[serde(default)]
    pub follows_up: Vec<String>,
    /// Reports to: "rapporterar", "reports" (the receiver follows a
    /// receiver marker: "till", "to").
    #[serde(default)]
    pub reports_to: Vec<String>,
    /// Is responsible for: "ansvarar för", "is responsible for".
    #[serde(default)]
    pub responsible: Vec<String>,
    /// Supports or advises: "stödjer", "är remissinstans", "advises".
    #[serde(default)]
    pub advisory: Vec<String>,
    /// Delegates: "delegerar … till".
    #[serde(default)]
    pub delegates: Vec<String>,
    /// Passive decisions: "beslutas av", "is approved by".
    #[serde(default)]
    pub passive_decides: Vec<String>,
    /// Passive preparation: "bereds av", "is prepared by".
    #[serde(default)]
    pub passive_prepares: Vec<String>,
    /// Phrases that set a limit on a matter rather than name it ("inom
    /// ramen för", "within the limits of"): the matter ends before them.
    #[serde(default)]
    pub limit_phrases: Vec<String>,
    /// Words before the receiver of a report: "till", "to".
    #[serde(default)]
    pub receiver_markers: Vec<String>,
    /// Words that make an advisory role exclusive: "endast", "only".
    #[serde(default)]
    pub only_markers: Vec<String>,
    /// Advisory phrases that are exclusive by themselves.
    #[serde(default)]
    pub advisory_only: Vec<String>,
    /// Words dropped when comparing mandate objects.
    #[serde(default)]
    pub stop_words: Vec<String>,
    /// Words that open a subordinate clause ("att", "that"): a verb after
    /// one is not the subject's own.
    #[serde(default)]
    pub subordinators: Vec<String>,
    /// Words that join a second verb to the same subject ("och", "and").
    #[serde(default)]
    pub coordinators: Vec<String>,
}

/// Headings and words that give a document its structure.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentWords {
    /// Headings of roles sections.
    #[serde(default)]
    pub roles_headings: Vec<String>,
    /// Headings of goal sections.
    #[serde(default)]
    pub goal_headings: Vec<String>,
    /// Headings of follow-up sections.
    #[serde(default)]
    pub follow_up_headings: Vec<String>,
    /// Words that say when.
    #[serde(default)]
    pub time_words: Vec<String>,
    /// Words that name a measure.
    #[serde(default)]
    pub indicator_words: Vec<String>,
    /// Types whose goals are directions, not targets.
    #[serde(default)]
    pub goal_exempt_types: Vec<String>,
    /// Types that must say who follows up and when.
    #[serde(default)]
    pub follow_up_types: Vec<String>,
    /// Types that grant mandates.
    #[serde(default)]
    pub grant_types: Vec<String>,
    /// Types that delegate.
    #[serde(default)]
    pub delegation_types: Vec<String>,
    /// Body kinds with authority of their own.
    #[serde(default)]
    pub authority_kinds: Vec<String>,
    /// Body kinds that may receive delegation.
    #[serde(default)]
    pub delegate_kinds: Vec<String>,
    /// Matter columns of delegation tables.
    #[serde(default)]
    pub matter_columns: Vec<String>,
    /// Delegate columns of delegation tables.
    #[serde(default)]
    pub delegate_columns: Vec<String>,
    /// Mandate columns of roles tables.
    #[serde(default)]
    pub mandate_columns: Vec<String>,
    /// Columns of roles tables that name who acts ("Aktör", "Who"), besides
    /// the register's Organ/Body.
    #[serde(default)]
    pub actor_columns: Vec<String>,
    /// Matters that may not be delegated.
    #[serde(default)]
    pub non_delegable: Vec<String>,
    /// Words of a sentence that introduces goals rather than states one.
    #[serde(default)]
    pub goal_intro_words: Vec<String>,
    /// Body kinds from outside the organisation (an agency, the police).
    #[serde(default)]
    pub external_kinds: Vec<String>,
    /// Informal or mixed body kinds, which cannot decide on the
    /// organisation's behalf.
    #[serde(default)]
    pub informal_kinds: Vec<String>,
    /// Title or file-name words that make an untyped document a grant of
    /// mandates ("Reglemente", "Charter").
    #[serde(default)]
    pub grant_titles: Vec<String>,
    /// Words in a title, file name or folder that make a document fixed
    /// (minutes, reports, press releases, archives).
    #[serde(default)]
    pub fixed_words: Vec<String>,
    /// Folder names that make every document under them fixed, whatever
    /// its title says (archives).
    #[serde(default)]
    pub archive_folders: Vec<String>,
    /// Words in a title or file name that make a document living whatever
    /// its folder says (policy, charter, template, readme).
    #[serde(default)]
    pub living_words: Vec<String>,
}

macro_rules! extend_all {
    ($self:ident, $other:ident, $($f:ident),*) => {
        $( $self.$f.extend($other.$f); )*
    };
}

impl MandateWords {
    fn extend(&mut self, o: MandateWords) {
        extend_all!(
            self,
            o,
            decides,
            prepares,
            follows_up,
            reports_to,
            responsible,
            advisory,
            delegates,
            passive_decides,
            passive_prepares,
            limit_phrases,
            receiver_markers,
            only_markers,
            advisory_only,
            stop_words,
            subordinators,
            coordinators
        );
    }
}

impl DocumentWords {
    fn extend(&mut self, o: DocumentWords) {
        extend_all!(
            self,
            o,
            roles_headings,
            goal_headings,
            follow_up_headings,
            time_words,
            indicator_words,
            goal_exempt_types,
            follow_up_types,
            grant_types,
            delegation_types,
            authority_kinds,
            delegate_kinds,
            matter_columns,
            delegate_columns,
            mandate_columns,
            actor_columns,
            non_delegable,
            goal_intro_words,
            external_kinds,
            informal_kinds,
            grant_titles,
            fixed_words,
            archive_folders,
            living_words
        );
    }
}

/// Every language's words, merged: documents mix languages, and a Swedish
/// plan quoting an English charter is still read right.
#[derive(Clone, Debug)]
pub struct Lexicon {
    /// The merged words. Add to them with [`Lexicon::extend`], which also
    /// forgets the phrase sets built from them.
    pub words: Words,
    /// The generic and role nouns of each shipped language, lower case, to
    /// tell which language a name is in.
    nouns: Vec<(Lang, std::collections::HashSet<String>)>,
    /// Phrase lists tested against every sentence, each as one automaton,
    /// built on first use.
    sets: PhraseSets,
}

/// The automata of the phrase lists every sentence is tested against.
#[derive(Clone, Debug, Default)]
struct PhraseSets {
    history: std::sync::OnceLock<PhraseSet>,
    past: std::sync::OnceLock<PhraseSet>,
    current: std::sync::OnceLock<PhraseSet>,
    retired: std::sync::OnceLock<PhraseSet>,
    past_headings: std::sync::OnceLock<PhraseSet>,
    standing: std::sync::OnceLock<crate::standing::StandingLists>,
}

/// A list of phrases searched for at once: one pass over a text, whatever
/// the number of phrases (testing them one by one built a searcher per
/// phrase per sentence).
#[derive(Clone, Debug, Default)]
pub struct PhraseSet {
    ac: Option<aho_corasick::AhoCorasick>,
}

impl PhraseSet {
    /// The automaton of a list of phrases (matched in lower case).
    pub fn new(phrases: &[String]) -> PhraseSet {
        let lower: Vec<String> = phrases
            .iter()
            .map(|p| p.to_lowercase())
            .filter(|p| !p.is_empty())
            .collect();
        PhraseSet {
            ac: aho_corasick::AhoCorasick::new(&lower).ok(),
        }
    }

    /// True when a text (lower case) holds one of the phrases as whole
    /// words.
    pub fn any_in(&self, text: &str) -> bool {
        let Some(ac) = &self.ac else {
            return false;
        };
        ac.find_overlapping_iter(text).any(|m| {
            let before_ok = !text[..m.start()]
                .chars()
                .last()
                .is_some_and(char::is_alphanumeric);
            let after_ok = !text[m.end()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            before_ok && after_ok
        })
    }
}

const SV: &str = include_str!("../data/lexicon/sv.toml");
const EN: &str = include_str!("../data/lexicon/en.toml");

impl Default for Lexicon {
    fn default() -> Self {
        let mut words = Words::default();
        let mut nouns = Vec::new();
        for (lang, data) in [(Lang::Sv, SV), (Lang::En, EN)] {
            // The shipped data is checked by a test; a parse failure here
            // would be a build defect, so fall back to nothing.
            if let Ok(w) = toml::from_str::<Words>(data) {
                nouns.push((
                    lang,
                    w.generic_nouns
                        .iter()
                        .chain(&w.role_nouns)
                        .map(|n| n.to_lowercase())
                        .collect(),
                ));
                words.extend(w);
            }
        }
        Lexicon {
            words,
            nouns,
            sets: PhraseSets::default(),
        }
    }
}

impl Words {
    /// Adds another set of words (from the config or another language).
    /// Headings are stored as name keys, so that testing a heading against
    /// them folds only the heading.
    pub fn extend(&mut self, mut other: Words) {
        for list in [
            &mut other.history_headings,
            &mut other.background_headings,
            &mut other.past_headings,
            &mut other.document.roles_headings,
            &mut other.document.goal_headings,
            &mut other.document.follow_up_headings,
        ] {
            for w in list.iter_mut() {
                *w = name_key(w);
            }
        }
        self.history_phrases.extend(other.history_phrases);
        self.former_markers.extend(other.former_markers);
        self.current_markers.extend(other.current_markers);
        self.articles.extend(other.articles);
        self.history_headings.extend(other.history_headings);
        self.background_headings.extend(other.background_headings);
        self.past_headings.extend(other.past_headings);
        self.past_phrases.extend(other.past_phrases);
        self.until_markers.extend(other.until_markers);
        self.retired_words.extend(other.retired_words);
        self.record_nouns.extend(other.record_nouns);
        self.record_prepositions.extend(other.record_prepositions);
        self.past_words.extend(other.past_words);
        self.past_endings.extend(other.past_endings);
        self.generic_nouns.extend(other.generic_nouns);
        self.definite_articles.extend(other.definite_articles);
        self.broad_nouns.extend(other.broad_nouns);
        self.neuter_nouns.extend(other.neuter_nouns);
        self.role_nouns.extend(other.role_nouns);
        self.noun_followers.extend(other.noun_followers);
        self.common_endings.extend(other.common_endings);
        self.definition_markers.extend(other.definition_markers);
        self.quantifiers.extend(other.quantifiers);
        self.qualifiers.extend(other.qualifiers);
        self.of_words.extend(other.of_words);
        self.copulas.extend(other.copulas);
        self.mandate.extend(other.mandate);
        self.document.extend(other.document);
    }
}

impl Lexicon {
    /// The lists that tell living from fixed documents, split into words
    /// once.
    pub fn standing_lists(&self) -> &crate::standing::StandingLists {
        self.sets
            .standing
            .get_or_init(|| crate::standing::StandingLists::new(&self.words.document))
    }

    /// Adds words (from the config) to the lexicon.
    pub fn extend(&mut self, words: Words) {
        self.words.extend(words);
        self.sets = PhraseSets::default();
    }

    /// The language a body's name is in, when its head noun tells: "Audit
    /// Committee" is English, "Revisionsutskottet" Swedish (a compound
    /// ending in a Swedish noun, or a word with å, ä, ö).
    pub fn name_lang(&self, name: &str) -> Option<Lang> {
        let lower = name.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        if words.iter().any(|w| w.contains(['å', 'ä', 'ö'])) {
            return Some(Lang::Sv);
        }
        let find = |lang: Lang| self.nouns.iter().find(|(l, _)| *l == lang).map(|(_, n)| n);
        if find(Lang::En).is_some_and(|n| {
            words
                .iter()
                .any(|w| n.contains(*w) || w.strip_suffix('s').is_some_and(|s| n.contains(s)))
        }) {
            return Some(Lang::En);
        }
        // A Swedish compound in any definite form: some tail of a word,
        // with two letters or more before it, is a noun's form.
        if find(Lang::Sv).is_some_and(|n| {
            words.iter().any(|w| {
                std::iter::once(0)
                    .chain(w.char_indices().map(|(i, _)| i).skip(2))
                    .any(|i| {
                        let tail = &w[i..];
                        ["", "n", "en", "et", "t"]
                            .iter()
                            .any(|e| tail.strip_suffix(e).is_some_and(|stem| n.contains(stem)))
                    })
            })
        }) {
            return Some(Lang::Sv);
        }
        None
    }

    /// True when a heading names a history section ("Historik",
    /// "Changelog"), or holds a word that places it in the past ("Tidigare
    /// ledamöter", "Archived working groups", "Emeritus members").
    pub fn is_history_heading(&self, heading: &str) -> bool {
        let h = heading_key(heading);
        self.words.history_headings.contains(&h)
            || self
                .sets
                .past_headings
                .get_or_init(|| PhraseSet::new(&self.words.past_headings))
                .any_in(&h)
    }

    /// True when a sentence (lower case) holds a phrase that places it in
    /// the past, anywhere in it.
    pub fn has_past_phrase(&self, sentence: &str) -> bool {
        self.sets
            .past
            .get_or_init(|| PhraseSet::new(&self.words.past_phrases))
            .any_in(sentence)
    }

    /// True when a sentence (lower case) holds an until-marker followed by
    /// a year before `year` ("fram till 2023", "until 2021" in a text of
    /// 2024; not a deadline, "före 2025-03-31").
    pub fn has_until_year(&self, sentence: &str, year: i32) -> bool {
        self.words.until_markers.iter().any(|m| {
            let m = m.to_lowercase();
            sentence.match_indices(m.as_str()).any(|(i, _)| {
                let before_ok = !sentence[..i]
                    .chars()
                    .last()
                    .is_some_and(char::is_alphanumeric);
                let rest = sentence[i + m.len()..].trim_start();
                let year_of_text = year;
                // "until 2021", "up to April 2021", "before 30 September
                // 2023": a day and a month may stand before the year.
                let rest = skip_day_and_month(rest, &self.words.document.time_words);
                let year: String = rest.chars().take_while(char::is_ascii_digit).collect();
                before_ok
                    && year.len() == 4
                    && (year.starts_with("19") || year.starts_with("20"))
                    && year.parse::<i32>().is_ok_and(|y| y < year_of_text)
            })
        })
    }

    /// True when the words right before a mention (at most three) hold a
    /// record noun: "protokoll och handlingar från X", "the papers of the
    /// X", "X:s arkiv" is not this.
    pub fn is_record_of(&self, before: &str) -> bool {
        let tail = &before
            [styrlint_parse::text::floor_char_boundary(before, before.len().saturating_sub(80))..];
        let lower = tail.to_lowercase();
        // Only words since the last punctuation that ends a clause.
        let clause = lower
            .rsplit(['.', ';', ':', '!', '?', ','])
            .next()
            .unwrap_or("");
        let words: Vec<&str> = clause
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        // "från X", "of the X": a preposition right before (an article
        // between), a record noun at most three words before it.
        let mut rest: &[&str] = &words;
        if let [head @ .., last] = rest
            && self.words.articles.iter().any(|a| a == last)
        {
            rest = head;
        }
        let [head @ .., prep] = rest else {
            return false;
        };
        self.words.record_prepositions.iter().any(|p| p == prep)
            && head
                .iter()
                .rev()
                .take(3)
                .any(|w| self.words.record_nouns.iter().any(|r| r == w))
    }

    /// True when a text (lower case) holds a word saying a body is gone.
    pub fn has_retired_word(&self, text: &str) -> bool {
        self.sets
            .retired
            .get_or_init(|| PhraseSet::new(&self.words.retired_words))
            .any_in(text)
    }

    /// True when a heading names a background section.
    pub fn is_background_heading(&self, heading: &str) -> bool {
        let h = heading_key(heading);
        self.words.background_headings.contains(&h)
    }

    /// True when a sentence (lower case) holds a history phrase as whole words.
    pub fn has_history_phrase(&self, sentence: &str) -> bool {
        self.sets
            .history
            .get_or_init(|| PhraseSet::new(&self.words.history_phrases))
            .any_in(sentence)
    }

    /// True when the words right before a mention mark it as former.
    pub fn is_former_marker(&self, before: &str) -> bool {
        // Only the end matters: markers and articles are a few words, and
        // lowering the whole text before every mention was quadratic in a
        // long paragraph. 96 bytes hold any marker with its article.
        let before = before.trim_end();
        let tail = &before
            [styrlint_parse::text::floor_char_boundary(before, before.len().saturating_sub(96))..];
        let mut b = tail.to_lowercase();
        // "formerly the X", "tidigare det sociala X": skip one article.
        if let Some(a) = self.words.articles.iter().find(|a| ends_with_word(&b, a)) {
            b.truncate(b.len() - a.len());
            b = b.trim_end().to_string();
        }
        self.words.former_markers.iter().any(|m| {
            b.strip_suffix(m.as_str()).is_some_and(|rest| {
                rest.is_empty() || !rest.chars().last().is_some_and(char::is_alphanumeric)
            })
        })
    }

    /// True when a heading names a section of one of `headings`: equal to
    /// one, or starting with one of several words followed by more ("Mål
    /// för 2024" under "mål för"). A one-word entry must match the whole
    /// heading, so "Mål- och resursplan" is not a goals heading.
    ///
    /// `headings` are name keys, as the lexicon's heading lists are stored.
    pub fn heading_is(&self, heading: &str, headings: &[String]) -> bool {
        let h = heading_key(heading);
        headings.iter().any(|w| {
            h == *w
                || (w.contains(' ')
                    && h.strip_prefix(w.as_str())
                        .is_some_and(|rest| rest.starts_with(' ')))
        })
    }

    /// True when a heading holds one of `headings` as whole words ("Nästa
    /// uppföljning", "Monitoring and review").
    ///
    /// `headings` are name keys, as the lexicon's heading lists are stored.
    pub fn heading_has(&self, heading: &str, headings: &[String]) -> bool {
        let h = heading_key(heading);
        headings
            .iter()
            .any(|w| contains_words(&h, w) || words_in_order(&h, w))
    }

    /// True when a text (lower case) holds any of `words` as whole words.
    pub fn has_any(&self, text: &str, words: &[String]) -> bool {
        words.iter().any(|w| contains_words(text, w))
    }

    /// True when a sentence (lower case) introduces a current name ("numera",
    /// "now called").
    pub fn has_current_marker(&self, sentence: &str) -> bool {
        self.sets
            .current
            .get_or_init(|| PhraseSet::new(&self.words.current_markers))
            .any_in(sentence)
    }

    /// True when a sentence (lower case) is in the past tense.
    pub fn is_past_tense(&self, sentence: &str) -> bool {
        sentence
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() > 3 || self.words.past_words.iter().any(|p| p == w))
            .any(|w| {
                self.words.past_words.iter().any(|p| p == w)
                    || self
                        .words
                        .past_endings
                        .iter()
                        .any(|e| w.ends_with(e.as_str()))
            })
    }
}

/// Skips a day number and a month name (lexicon time words) at the start
/// of a text: "30 september 2023" -> "2023".
fn skip_day_and_month<'t>(text: &'t str, months: &[String]) -> &'t str {
    let mut rest = text.trim_start();
    let day_len = rest.chars().take_while(char::is_ascii_digit).count();
    if (1..=2).contains(&day_len) {
        rest = rest[day_len..].trim_start_matches(['.', ' ']);
    }
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    if !word.is_empty() && months.contains(&word) {
        rest = rest[word.len()..].trim_start_matches([',', ' ']);
    }
    rest
}

fn ends_with_word(text: &str, word: &str) -> bool {
    text.strip_suffix(word)
        .is_some_and(|rest| !rest.chars().last().is_some_and(char::is_alphanumeric))
}

/// A heading without numbering and punctuation: "3.2 Historik:" -> "historik".
fn heading_key(heading: &str) -> String {
    let trimmed =
        heading.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c.is_whitespace());
    name_key(trimmed.trim_end_matches([':', '.']))
}

/// True when the words of a phrase of two or more words occur in `text` in
/// order with at most two other words between each: a Swedish particle
/// verb is split by its object ("följs upp" in "Så här följs arbetet upp").
fn words_in_order(text: &str, phrase: &str) -> bool {
    let want: Vec<&str> = phrase.split_whitespace().collect();
    if want.len() < 2 {
        return false;
    }
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    (0..words.len()).any(|start| {
        if words[start] != want[0] {
            return false;
        }
        let mut at = start;
        want[1..].iter().all(|w| {
            let found = words
                .iter()
                .enumerate()
                .skip(at + 1)
                .take(3)
                .find(|(_, x)| *x == w)
                .map(|(i, _)| i);
            match found {
                Some(i) => {
                    at = i;
                    true
                }
                None => false,
            }
        })
    })
}

/// True when `phrase` occurs in `text` with word boundaries on both sides.
pub fn contains_words(text: &str, phrase: &str) -> bool {
    let mut from = 0;
    while let Some(i) = text[from..].find(phrase) {
        let start = from + i;
        let end = start + phrase.len();
        let before_ok = !text[..start]
            .chars()
            .last()
            .is_some_and(char::is_alphanumeric);
        let after_ok = !text[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
        if before_ok && after_ok {
            return true;
        }
        from = start + phrase.chars().next().map_or(1, char::len_utf8);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_lexicons_parse() {
        for data in [SV, EN] {
            toml::from_str::<Words>(data).unwrap();
        }
        let l = Lexicon::default();
        assert!(l.words.generic_nouns.contains(&"styrgrupp".to_string()));
        assert!(l.words.generic_nouns.contains(&"committee".to_string()));
    }

    #[test]
    fn recognises_history() {
        let l = Lexicon::default();
        assert!(l.is_history_heading("Ändringshistorik"));
        assert!(l.is_history_heading("5. Historik"));
        assert!(l.is_history_heading("Revision history"));
        assert!(!l.is_history_heading("Historia och kultur i staden"));
        assert!(
            l.has_history_phrase("utskottet avvecklades 2023 och ersattes av utskott agenda 2030.")
        );
        assert!(l.has_history_phrase("the committee was replaced by the board."));
        assert!(!l.has_history_phrase("utskottet bereder ärenden."));
        assert!(!l.has_history_phrase("ersättning betalas ut."));
        assert!(l.is_former_marker("Rapporteras till tidigare "));
        assert!(l.is_former_marker("the formerly "));
        assert!(l.is_former_marker("The Technical Steering Committee (formerly the "));
        assert!(l.is_former_marker("rapporterar till tidigare det "));
        assert!(!l.is_former_marker("rapporterar till det "));
        assert!(l.has_current_marker("hållbarhetsutskottet, numera utskott agenda 2030, bereder"));
        assert!(!l.is_former_marker("kontidigare "));
        assert!(l.is_past_tense("gruppen bildades 2021."));
        assert!(l.is_record_of("Protokoll och handlingar från "));
        assert!(l.is_record_of("The papers of the "));
        assert!(!l.is_record_of("Protokollet skickas till "));
        assert!(!l.is_record_of("Minutes. Reports go to the "));
        let follow = &l.words.document.follow_up_headings;
        assert!(l.heading_has("6 Så här följs arbetet upp", follow));
        assert!(l.heading_has("Monitoring and review", follow));
        assert!(!l.heading_has("Följ med oss upp på berget", follow));
        assert!(!l.is_past_tense("gruppen rapporterar till utskottet."));
    }

    #[test]
    fn the_language_of_a_name() {
        let l = Lexicon::default();
        assert_eq!(l.name_lang("Audit Committee"), Some(Lang::En));
        assert_eq!(l.name_lang("Municipal Executive Board"), Some(Lang::En));
        assert_eq!(l.name_lang("Kommunstyrelsen"), Some(Lang::Sv));
        assert_eq!(l.name_lang("Revisionsutskottet"), Some(Lang::Sv));
        assert_eq!(l.name_lang("Utskott Agenda 2030"), Some(Lang::Sv));
        assert_eq!(l.name_lang("KS"), None);
    }
}

//! Living and fixed documents (SPEC §2.3.1), and the date each document
//! speaks for.
//!
//! A living document (a policy, plan, charter, terms of reference) is
//! maintained: it is left behind when a body it names is abolished. A fixed
//! document (minutes, a report, a decision, a press release) was published
//! once and is right about its own date forever. Which one a document is
//! comes from, in this order: its `typ`; the config's `fixed` globs; an
//! explicit sign of upkeep (`status: gällande`, a review or validity date);
//! an archive folder (`arkiv/`, `archive/`); a date in its path
//! (`2019/05/…`, `minutes-2021-03-04.md`) or lexicon words in its title,
//! file name or folders (`protokoll`, `minutes/`), unless its title or file
//! name names a living kind ("Policy för protokoll", "minutes/template.md").

use crate::kinds::KindTable;
use crate::lexicon::Lexicon;
use std::collections::HashMap;
use styrlint_parse::{Date, Document, Status, name_key};

/// Whether a document is maintained or a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Maintained, revised and reviewed.
    Living,
    /// Published once; right about its own date.
    Fixed(FixedBy),
}

/// Why a document is fixed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FixedBy {
    /// Its `typ` is a fixed type.
    Type,
    /// It matches the config's `fixed` globs.
    Setting,
    /// Its path carries its date.
    PathDate,
    /// Its title, file name or folder holds a lexicon word (the word).
    Word(String),
}

/// A document's date and where it comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dated {
    /// The date. For a year or month alone, its first day: a record of 2022
    /// is right about everything that existed at any time in 2022.
    pub date: Date,
    /// Where it was read.
    pub from: DateFrom,
}

/// Where a document's date was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateFrom {
    /// The front matter (`beslutad`, `reviderad`).
    FrontMatter,
    /// A date or year in its title.
    Title,
    /// A date or year in its path.
    Path,
    /// The last git commit that touched the file.
    Commit,
    /// The heading a passage sits under ("## 2024-03-19" in a file of a
    /// year's minutes).
    Heading,
}

impl DateFrom {
    /// How a message names the source: Swedish and English.
    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            DateFrom::FrontMatter => ("enligt front matter", "from its front matter"),
            DateFrom::Title => ("enligt titeln", "from its title"),
            DateFrom::Path => ("enligt sökvägen", "from its path"),
            DateFrom::Commit => ("enligt senaste commit", "from its last commit"),
            DateFrom::Heading => ("enligt rubriken", "from its heading"),
        }
    }
}

/// What the corpus knows of one document's life.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts {
    /// Living or fixed.
    pub standing: Standing,
    /// Its date, when anything tells it.
    pub date: Option<Dated>,
}

impl Facts {
    /// True for a fixed document.
    pub fn is_fixed(&self) -> bool {
        matches!(self.standing, Standing::Fixed(_))
    }
}

/// For each heading of a document, the full date of the record it belongs
/// to: its own ("# 2024-03-19", "## Möte 2021-05-04"), else that of the
/// last dated heading before it. In a file of many records (a year of
/// minutes), each record runs from one dated heading to the next, whatever
/// the levels of the headings in between ("# 2024-04-02", "# Attendance").
pub fn heading_dates(doc: &Document) -> Vec<Option<Date>> {
    let mut last = None;
    doc.headings
        .iter()
        .map(|h| {
            if let Some(d) = full_date_in(&h.text) {
                last = Some(d);
            }
            last
        })
        .collect()
}

/// Reads a document's standing and date. `fixed_glob` is the config's
/// `fixed` setting; `commit_dates` the last commit date of each path (from
/// the CLI, which may read git).
pub fn facts(
    doc: &Document,
    kinds: &KindTable,
    lexicon: &Lexicon,
    fixed_glob: Option<&globset::GlobSet>,
    commit_dates: &HashMap<String, Date>,
) -> Facts {
    let standing = standing(doc, kinds, lexicon, fixed_glob);
    let fixed = matches!(standing, Standing::Fixed(_));
    let meta = &doc.meta;
    let front = meta
        .adopted
        .as_ref()
        .map(|d| d.value)
        .max(meta.revised.as_ref().map(|d| d.value));
    // A living document's title may hold a target year ("Vision 2030"), so
    // years and months alone date only fixed documents.
    let date = front
        .map(|date| Dated {
            date,
            from: DateFrom::FrontMatter,
        })
        .or_else(|| {
            let title = (doc.title != doc.id).then_some(doc.title.as_str());
            title.and_then(|t| date_in(t, fixed)).map(|date| Dated {
                date,
                from: DateFrom::Title,
            })
        })
        .or_else(|| {
            date_in(&doc.path, fixed).map(|date| Dated {
                date,
                from: DateFrom::Path,
            })
        })
        .or_else(|| {
            commit_dates.get(&doc.path).map(|&date| Dated {
                date,
                from: DateFrom::Commit,
            })
        });
    Facts { standing, date }
}

fn standing(
    doc: &Document,
    kinds: &KindTable,
    lexicon: &Lexicon,
    fixed_glob: Option<&globset::GlobSet>,
) -> Standing {
    let meta = &doc.meta;
    if let Some(kind) = meta
        .doc_type
        .as_ref()
        .filter(|_| !meta.foreign_type)
        .and_then(|t| kinds.lookup(&t.value))
    {
        return if kind.fixed {
            Standing::Fixed(FixedBy::Type)
        } else {
            Standing::Living
        };
    }
    if fixed_glob.is_some_and(|g| g.is_match(&doc.path)) {
        return Standing::Fixed(FixedBy::Setting);
    }
    let kept = meta.review_by.is_some()
        || meta.valid_until.is_some()
        || meta
            .status
            .as_ref()
            .is_some_and(|s| s.value == Status::InForce);
    if kept {
        return Standing::Living;
    }
    let (folders, file) = match doc.path.rsplit_once('/') {
        Some((dir, file)) => (dir, file),
        None => ("", doc.path.as_str()),
    };
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    // Without a title of its own, the first heading of any level says what
    // the document is ("## Working Group graduation application").
    let title = if doc.title != doc.id {
        doc.title.as_str()
    } else {
        doc.headings.first().map_or("", |h| h.text.as_str())
    };
    let lists = lexicon.standing_lists();
    let folder_words = words_of(folders);
    if let Some(found) = find_word(&folder_words, &lists.archive_folders) {
        return Standing::Fixed(FixedBy::Word(found));
    }
    let own = [words_of(stem), words_of(title)];
    let living_name = own.iter().any(|w| has_word(w, &lists.living_words));
    // A full date in the path dates a record, even one whose title names
    // a living kind when its folder is one of records
    // ("meetings/2020-02-12-code-of-conduct.md" is that day's notes).
    if full_date_in(&doc.path).is_some()
        && (!living_name || find_word(&folder_words, &lists.fixed_words).is_some())
    {
        return Standing::Fixed(FixedBy::PathDate);
    }
    if living_name {
        return Standing::Living;
    }
    if folder_month(folders) {
        return Standing::Fixed(FixedBy::PathDate);
    }
    let [stem_words, title_words] = own;
    let places = [stem_words, title_words, folder_words];
    for w in &places {
        if let Some(found) = find_word(w, &lists.fixed_words) {
            return Standing::Fixed(FixedBy::Word(found));
        }
    }
    Standing::Living
}

/// The lower-case words of a title, file name or path: split at anything
/// that is not a letter or digit.
fn words_of(s: &str) -> Vec<String> {
    name_key(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn has_word(words: &[String], list: &[Entry]) -> bool {
    find_word(words, list).is_some()
}

/// A lexicon entry as it was written and as words.
#[derive(Clone, Debug)]
pub struct Entry {
    written: String,
    words: Vec<String>,
}

/// The lexicon lists that tell living from fixed documents, as words,
/// split once per lexicon (not once per document and entry).
#[derive(Clone, Debug)]
pub struct StandingLists {
    /// `fixed_words`.
    pub fixed_words: Vec<Entry>,
    /// `archive_folders`.
    pub archive_folders: Vec<Entry>,
    /// `living_words`.
    pub living_words: Vec<Entry>,
}

impl StandingLists {
    /// Splits the lexicon's lists into words.
    pub fn new(words: &crate::lexicon::DocumentWords) -> StandingLists {
        let entries = |list: &[String]| -> Vec<Entry> {
            list.iter()
                .map(|e| Entry {
                    written: e.clone(),
                    words: words_of(e),
                })
                .filter(|e| !e.words.is_empty())
                .collect()
        };
        StandingLists {
            fixed_words: entries(&words.fixed_words),
            archive_folders: entries(&words.archive_folders),
            living_words: entries(&words.living_words),
        }
    }
}

/// The first entry of `list` found in `words`: a phrase as consecutive
/// words, or a single word as a word or the tail of a Swedish compound
/// ("styrelseprotokoll" holds "protokoll").
fn find_word(words: &[String], list: &[Entry]) -> Option<String> {
    for entry in list {
        match entry.words.as_slice() {
            [] => {}
            [one] => {
                let n = one.chars().count();
                if words.iter().any(|w| {
                    w == one || (n >= 5 && w.ends_with(one.as_str()) && w.chars().count() >= n + 3)
                }) {
                    return Some(entry.written.clone());
                }
            }
            many => {
                if words.windows(many.len()).any(|w| w == many) {
                    return Some(entry.written.clone());
                }
            }
        }
    }
    None
}

/// True when the folders hold a year and a month folder (`2019/05`).
fn folder_month(folders: &str) -> bool {
    let parts: Vec<&str> = folders.split('/').collect();
    parts
        .windows(2)
        .any(|w| year_of(w[0]).is_some() && month_of(w[1]).is_some())
}

fn year_of(s: &str) -> Option<i32> {
    (s.len() == 4 && (s.starts_with("19") || s.starts_with("20")))
        .then(|| s.parse().ok())
        .flatten()
}

fn month_of(s: &str) -> Option<u8> {
    (s.len() == 2)
        .then(|| s.parse().ok())
        .flatten()
        .filter(|m| (1..=12).contains(m))
}

/// The first full date in a text: `2021-03-04`, `2021_03_04`, `20210304`,
/// or a path's `2021/03/04`.
pub fn full_date_in(s: &str) -> Option<Date> {
    digit_runs(s)
        .into_iter()
        .find_map(|run| match run.as_slice() {
            [(y, _), (m, _), (d, _), ..] if run_is_date(y, m, d) => date_of(y, m, d),
            [(one, _), ..] if one.len() == 8 => date_of(&one[..4], &one[4..6], &one[6..]),
            _ => None,
        })
}

/// The date a text holds: a full date; for fixed documents also a year and
/// month (`2021-03`, `2021/03`) or a year alone, as its first day.
fn date_in(s: &str, partial: bool) -> Option<Date> {
    if let Some(d) = full_date_in(s) {
        return Some(d);
    }
    if !partial {
        return None;
    }
    let runs = digit_runs(s);
    for run in &runs {
        if let [(y, _), (m, _), ..] = run.as_slice()
            && let (Some(y), Some(m)) = (year_of(y), month_of(m))
        {
            return Date::new(y, m, 1);
        }
    }
    runs.iter()
        .flat_map(|r| r.iter())
        .find_map(|(y, _)| year_of(y))
        .and_then(|y| Date::new(y, 1, 1))
}

fn run_is_date(y: &str, m: &str, d: &str) -> bool {
    y.len() == 4 && m.len() == 2 && d.len() == 2
}

fn date_of(y: &str, m: &str, d: &str) -> Option<Date> {
    let y = year_of(y)?;
    let m = month_of(m)?;
    let d: u8 = d.parse().ok()?;
    Date::new(y, m, d)
}

/// Runs of digit groups joined by one separator (`-`, `_`, `/`, `.`):
/// "minutes-2021-03-04.md" gives [[2021, 03, 04]]. Each group with its
/// start.
fn digit_runs(s: &str) -> Vec<Vec<(String, usize)>> {
    let b = s.as_bytes();
    let mut runs: Vec<Vec<(String, usize)>> = Vec::new();
    let mut cur: Vec<(String, usize)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            // A digit group glued to letters ("v2", "sig2021x") is a code.
            let glued_before = start > 0 && b[start - 1].is_ascii_alphabetic();
            let glued_after = i < b.len() && b[i].is_ascii_alphabetic();
            if glued_before || glued_after {
                if !cur.is_empty() {
                    runs.push(std::mem::take(&mut cur));
                }
                continue;
            }
            cur.push((s[start..i].to_string(), start));
            let joined = i + 1 < b.len()
                && matches!(b[i], b'-' | b'_' | b'/' | b'.')
                && b[i + 1].is_ascii_digit();
            if joined {
                i += 1;
            } else {
                runs.push(std::mem::take(&mut cur));
            }
        } else {
            i += 1;
        }
    }
    if !cur.is_empty() {
        runs.push(cur);
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use styrlint_parse::{Lang, parse};

    fn facts_of(path: &str, text: &str) -> Facts {
        facts(
            &parse(path, text.to_string(), Lang::Sv),
            &KindTable::default(),
            &Lexicon::default(),
            None,
            &HashMap::new(),
        )
    }

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn dates_in_paths_and_titles() {
        assert_eq!(full_date_in("minutes-2021-03-04.md"), Some(d("2021-03-04")));
        assert_eq!(full_date_in("2019/05/07/notes.md"), Some(d("2019-05-07")));
        assert_eq!(full_date_in("protokoll_20220115.md"), Some(d("2022-01-15")));
        assert_eq!(full_date_in("plan-2024-2027.md"), None);
        assert_eq!(full_date_in("v2024-01-01x"), None);
        assert_eq!(
            date_in("updates/2021-01-council-update.md", true),
            Some(d("2021-01-01"))
        );
        assert_eq!(date_in("Annual report 2022", true), Some(d("2022-01-01")));
        assert_eq!(date_in("Vision 2030", false), None);
        assert_eq!(date_in("Plan 2024–2027", true), Some(d("2024-01-01")));
    }

    #[test]
    fn fixed_by_type_path_and_words() {
        let fixed = |p: &str, t: &str| facts_of(p, t).is_fixed();
        assert!(fixed("a.md", "---\ntyp: protokoll\n---\n"));
        assert!(fixed("a.md", "---\ntype: press release\n---\n"));
        assert!(!fixed("a.md", "---\ntyp: policy\n---\n"));
        assert!(fixed("meetings/2021-03-04.md", "# Meeting\n"));
        assert!(fixed("news/2019/05/launch.md", "# Launch\n"));
        assert!(fixed("minutes/weekly.md", "# Weekly call\n"));
        assert!(fixed("styrelse/styrelseprotokoll-maj.md", "# Maj\n"));
        assert!(fixed("arkiv/gammal-plan.md", "# Gammal plan\n"));
        assert!(fixed("docs/annual-report-2022.md", "# Report\n"));
        assert!(fixed("docs/x.md", "# Verksamhetsberättelse 2021\n"));
        assert!(fixed(
            "process/x_stage.md",
            "## Working Group graduation application\n"
        ));
        // Living: a steering word in the title or file name wins over the
        // folder, and upkeep wins over words.
        assert!(!fixed("minutes/template.md", "# Template for minutes\n"));
        assert!(!fixed(
            "docs/x.md",
            "# Policy för protokoll och minnesanteckningar\n"
        ));
        assert!(!fixed("minutes/README.md", "# Minutes\n"));
        assert!(!fixed(
            "arkiv/x.md",
            "---\naktualitetsprövas: 2025-01-01\n---\n# X\n"
        ));
        assert!(!fixed("charter.md", "# Charter\n"));
        assert!(!fixed("styrdokument/plan-2024-2027.md", "# Plan\n"));
        assert!(fixed(
            "meetings/2020-02-12-code-of-conduct.md",
            "# Code of Conduct WG\n"
        ));
        assert!(!fixed("reports.md", "---\ntyp: plan\n---\n# Reports\n"));
    }

    #[test]
    fn headings_date_the_passages_under_them() {
        let doc = parse(
            "minutes/2024.md",
            "# Minutes 2024\n\n## 2024-03-19\n\n### Agenda\n\n## 2024-04-02\n\ntext\n".to_string(),
            Lang::En,
        );
        assert_eq!(
            heading_dates(&doc),
            [
                None,
                Some(d("2024-03-19")),
                Some(d("2024-03-19")),
                Some(d("2024-04-02"))
            ]
        );
    }

    #[test]
    fn the_date_and_where_it_came_from() {
        let f = facts_of("minutes/2021-03-04.md", "---\nbeslutad: 2021-03-10\n---\n");
        assert_eq!(
            f.date,
            Some(Dated {
                date: d("2021-03-10"),
                from: DateFrom::FrontMatter
            })
        );
        let f = facts_of("minutes/2021-03-04.md", "# Minutes\n");
        assert_eq!(
            f.date.map(|x| (x.date, x.from)),
            Some((d("2021-03-04"), DateFrom::Path))
        );
        let f = facts_of("x/notes.md", "# Protokoll 2020-02-02\n");
        assert_eq!(
            f.date.map(|x| (x.date, x.from)),
            Some((d("2020-02-02"), DateFrom::Title))
        );
        // A living document's target year is not its date.
        let f = facts_of("vision.md", "# Vision 2030\n");
        assert_eq!(f.date, None);
        let mut commits = HashMap::new();
        commits.insert("vision.md".to_string(), d("2024-05-01"));
        let f = facts(
            &parse("vision.md", "# Vision 2030\n".to_string(), Lang::Sv),
            &KindTable::default(),
            &Lexicon::default(),
            None,
            &commits,
        );
        assert_eq!(f.date.map(|x| x.from), Some(DateFrom::Commit));
    }
}

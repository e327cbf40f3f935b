//! `check --fix` and `check --diff`: applying the certain fixes of a run.
//!
//! The logic is pure: [`apply`] turns diagnostics and the texts they were
//! found in into new texts, [`fix_until_stable`] repeats that (linting again
//! in memory between rounds) until no fix is left that can be applied, and
//! [`unified_diff`] shows the result. Writing goes through the [`Disk`]
//! trait: [`write_changes`] checks that each file is still what was read,
//! then replaces it atomically through [`RealDisk`] (a temporary file in the
//! same folder, renamed over the original, permissions kept). Tests swap in
//! a disk whose writes fail.
//!
//! Guarantees:
//!
//! - every byte outside the fixed spans is left as it was;
//! - a fix is applied whole or not at all; a fix whose edits overlap a fix
//!   applied before it in the same round waits for the next round, where it
//!   is only applied if the diagnostic is still found in the fixed text;
//! - the result is linted again until it is stable, so running `--fix` a
//!   second time changes nothing;
//! - a file that changed on disk since it was read, or that cannot be
//!   written, is left untouched and reported; the other files are written.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;
use styrlint_parse::Diagnostic;

/// How many rounds of fixing and linting again [`fix_until_stable`] runs at
/// most. Fixes that do not settle by then are left for the user.
pub const MAX_ROUNDS: usize = 10;

/// What one round of [`apply`] did.
#[derive(Debug, Default)]
pub struct Round {
    /// The new text of every file an applied fix changed.
    pub texts: BTreeMap<String, String>,
    /// How many fixes were applied.
    pub applied: usize,
    /// Fixes that were not applied, by index into the diagnostics, and why.
    pub skipped: Vec<(usize, Skip)>,
}

/// Why a fix was not applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Skip {
    /// One of its edits overlaps an edit of a fix applied before it.
    Overlap,
    /// One of its edits is in a file that is not being fixed (not among
    /// the paths given, or not a document that was read).
    NotFixed,
    /// One of its edits points outside its file or inside a character.
    BadSpan,
}

/// Applies the fixes of `diags`, in their order, to the texts `text_of`
/// returns. `may_edit` says which files may be changed. A fix whose edits
/// overlap an already applied edit is skipped; so is one that touches a
/// file that may not be changed, or whose span is not valid in its text.
pub fn apply<'t>(
    diags: &[Diagnostic],
    text_of: impl Fn(&str) -> Option<&'t str>,
    may_edit: impl Fn(&str) -> bool,
) -> Round {
    let mut round = Round::default();
    // Accepted edits by file: (span, replacement).
    let mut accepted: BTreeMap<&str, Vec<(Range<usize>, &str)>> = BTreeMap::new();
    for (i, d) in diags.iter().enumerate() {
        let Some(fix) = &d.fix else { continue };
        if fix.edits.is_empty() {
            continue;
        }
        let mut verdict = None;
        for (j, e) in fix.edits.iter().enumerate() {
            let valid = text_of(&e.path).is_some_and(|t| valid_span(t, &e.span));
            if !may_edit(&e.path) || text_of(&e.path).is_none() {
                verdict = Some(Skip::NotFixed);
            } else if !valid {
                verdict = Some(Skip::BadSpan);
            } else if fix.edits[..j]
                .iter()
                .any(|o| o.path == e.path && overlaps(&o.span, &e.span))
            {
                // The fix contradicts itself.
                verdict = Some(Skip::BadSpan);
            } else if accepted
                .get(e.path.as_str())
                .is_some_and(|v| v.iter().any(|(s, _)| overlaps(s, &e.span)))
            {
                verdict = Some(Skip::Overlap);
            }
            if verdict.is_some() {
                break;
            }
        }
        if let Some(why) = verdict {
            round.skipped.push((i, why));
            continue;
        }
        for e in &fix.edits {
            accepted
                .entry(e.path.as_str())
                .or_default()
                .push((e.span.clone(), e.replacement.as_str()));
        }
        round.applied += 1;
    }
    for (path, mut edits) in accepted {
        let Some(text) = text_of(path) else { continue };
        edits.sort_by_key(|(s, _)| (s.start, s.end));
        let mut out = String::with_capacity(text.len());
        let mut pos = 0;
        for (span, replacement) in edits {
            out.push_str(text.get(pos..span.start).unwrap_or(""));
            out.push_str(replacement);
            pos = span.end;
        }
        out.push_str(text.get(pos..).unwrap_or(""));
        if out != text {
            round.texts.insert(path.to_string(), out);
        }
    }
    round
}

/// The result of [`fix_until_stable`].
#[derive(Debug, Default)]
pub struct Fixed {
    /// The final text of every file that differs from what was read.
    pub texts: BTreeMap<String, String>,
    /// How many fixes were applied, over all rounds.
    pub applied: usize,
    /// How many findings of the fixed text still offer a fix that could not
    /// be applied.
    pub unapplied: usize,
}

/// Applies fixes, lints the fixed texts again with `relint` (given every
/// changed file's new text), and repeats while fixes apply and change
/// something, at most [`MAX_ROUNDS`] times.
pub fn fix_until_stable(
    diags: Vec<Diagnostic>,
    originals: &HashMap<String, Arc<str>>,
    may_edit: impl Fn(&str) -> bool,
    mut relint: impl FnMut(&BTreeMap<String, String>) -> Vec<Diagnostic>,
) -> Fixed {
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    let mut current = diags;
    let mut applied = 0;
    for _ in 0..MAX_ROUNDS {
        let round = apply(
            &current,
            |p| match texts.get(p) {
                Some(t) => Some(t.as_str()),
                None => originals.get(p).map(|t| &**t),
            },
            &may_edit,
        );
        if round.applied == 0 || round.texts.is_empty() {
            break;
        }
        applied += round.applied;
        for (p, t) in round.texts {
            if originals.get(p.as_str()).is_some_and(|o| **o == *t) {
                texts.remove(&p);
            } else {
                texts.insert(p, t);
            }
        }
        current = relint(&texts);
    }
    let unapplied = current.iter().filter(|d| d.fix.is_some()).count();
    Fixed {
        texts,
        applied,
        unapplied,
    }
}

/// A unified diff of one file (`--- a/path`, `+++ b/path`, hunks with three
/// lines of context), empty when the texts are equal.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// The file system as `--fix` uses it: read a file, replace it whole.
pub trait Disk {
    /// The bytes of a file as they are now.
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>>;
    /// Replaces a file's contents with `bytes`, all or nothing.
    fn replace(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()>;
}

/// The real disk: atomic replacement through a temporary file in the same
/// folder, renamed over the original, with the original's permissions. A
/// read-only file is not replaced (a rename would get around its
/// permissions; the user made it read-only for a reason).
pub struct RealDisk;

impl Disk for RealDisk {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        std::fs::read(path)
    }

    fn replace(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        // Write through a symbolic link to the file it points to, instead
        // of replacing the link with a file.
        let path = std::fs::canonicalize(path)?;
        let perms = std::fs::metadata(&path)?.permissions();
        if perms.readonly() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                "the file is read-only",
            ));
        }
        let dir = path.parent().unwrap_or(Path::new("."));
        let mut tmp = tempfile::Builder::new()
            .prefix(".styrlint-fix-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        tmp.write_all(bytes)?;
        tmp.as_file().sync_all()?;
        std::fs::set_permissions(tmp.path(), perms)?;
        // On failure the temporary file is removed when `tmp` drops.
        tmp.persist(&path).map_err(|e| e.error)?;
        Ok(())
    }
}

/// What happened to one file that `--fix` meant to change.
#[derive(Debug, PartialEq, Eq)]
pub enum Written {
    /// Written.
    Ok,
    /// Not written: the file on disk is no longer what was read.
    ChangedOnDisk,
    /// Not written: reading or writing failed; the file is as it was.
    Failed(String),
}

/// Writes every changed text under `root`, each only if the file on disk
/// still holds exactly the bytes that were read (`originals`). One file's
/// failure does not stop the others.
pub fn write_changes(
    root: &Path,
    texts: &BTreeMap<String, String>,
    originals: &HashMap<String, Arc<str>>,
    disk: &dyn Disk,
) -> Vec<(String, Written)> {
    let mut out = Vec::new();
    for (rel, text) in texts {
        let Some(original) = originals.get(rel) else {
            out.push((rel.clone(), Written::Failed("the file was not read".into())));
            continue;
        };
        let path = root.join(rel);
        let result = match disk.read(&path) {
            Err(e) => Written::Failed(e.to_string()),
            Ok(now) if now != original.as_bytes() => Written::ChangedOnDisk,
            Ok(_) => match disk.replace(&path, text.as_bytes()) {
                Ok(()) => Written::Ok,
                Err(e) => Written::Failed(e.to_string()),
            },
        };
        out.push((rel.clone(), result));
    }
    out
}

/// Whether `span` lies inside `text` on character boundaries.
fn valid_span(text: &str, span: &Range<usize>) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

/// Whether two edits conflict: their ranges share a byte, they start at the
/// same place (two insertions there would have no defined order), or one is
/// an insertion strictly inside the other.
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start == b.start || (a.start < b.end && b.start < a.end)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use styrlint_parse::{Edit, Fix, Severity};

    fn diag(path: &str, edits: &[(usize, usize, &str)]) -> Diagnostic {
        Diagnostic::new("stale-reference", Severity::Error, path, 0..0, "m").with_fix(Fix {
            description: "d".into(),
            edits: edits
                .iter()
                .map(|&(s, e, r)| Edit {
                    path: path.into(),
                    span: s..e,
                    replacement: r.into(),
                })
                .collect(),
        })
    }

    fn texts(pairs: &[(&str, &str)]) -> HashMap<String, Arc<str>> {
        pairs
            .iter()
            .map(|(p, t)| (p.to_string(), Arc::from(*t)))
            .collect()
    }

    fn get<'a>(m: &'a HashMap<String, Arc<str>>) -> impl Fn(&str) -> Option<&'a str> {
        |p| m.get(p).map(|t| &**t)
    }

    #[test]
    fn edits_change_only_their_spans() {
        let t = texts(&[("a.md", "ett två tre\r\nfyra ÅÄÖ fem\n")]);
        let d = [diag("a.md", &[(4, 8, "TVÅ"), (25, 25, "!")])];
        let r = apply(&d, get(&t), |_| true);
        assert_eq!(r.applied, 1);
        assert_eq!(r.texts["a.md"], "ett TVÅ tre\r\nfyra ÅÄÖ! fem\n");
    }

    #[test]
    fn overlapping_fixes_apply_the_first_and_skip_the_rest() {
        let t = texts(&[("a.md", "abcdefgh")]);
        let d = [
            diag("a.md", &[(2, 5, "X")]),
            diag("a.md", &[(4, 6, "Y")]),
            diag("a.md", &[(2, 2, "Z")]),
            diag("a.md", &[(5, 5, "W")]),
            diag("a.md", &[(3, 3, "V")]),
        ];
        let r = apply(&d, get(&t), |_| true);
        assert_eq!(r.applied, 2);
        assert_eq!(
            r.skipped,
            [(1, Skip::Overlap), (2, Skip::Overlap), (4, Skip::Overlap)]
        );
        assert_eq!(r.texts["a.md"], "abXWfgh");
    }

    #[test]
    fn bad_spans_and_files_not_fixed_are_skipped_without_panicking() {
        let t = texts(&[("a.md", "åäö"), ("b.md", "b")]);
        let d = [
            diag("a.md", &[(1, 2, "x")]),
            diag("a.md", &[(0, 99, "x")]),
            diag("a.md", &[(0, 2, "x"), (1, 2, "y")]),
            diag("b.md", &[(0, 1, "x")]),
            diag("c.md", &[(0, 0, "x")]),
        ];
        let r = apply(&d, get(&t), |p| p != "b.md");
        assert_eq!(r.applied, 0);
        assert!(r.texts.is_empty());
        let why: Vec<Skip> = r.skipped.iter().map(|s| s.1).collect();
        assert_eq!(
            why,
            [
                Skip::BadSpan,
                Skip::BadSpan,
                Skip::BadSpan,
                Skip::NotFixed,
                Skip::NotFixed
            ]
        );
    }

    #[test]
    fn rounds_go_on_until_nothing_is_left_to_fix() {
        // A toy rule: every "aa" is a finding whose fix makes it "a".
        fn lint(path: &str, text: &str) -> Vec<Diagnostic> {
            text.match_indices("aa")
                .map(|(i, _)| diag(path, &[(i, i + 2, "a")]))
                .collect()
        }
        let t = texts(&[("a.md", "aaaa b aa")]);
        let first = lint("a.md", "aaaa b aa");
        let fixed = fix_until_stable(
            first,
            &t,
            |_| true,
            |changed| lint("a.md", changed.get("a.md").map_or("aaaa b aa", |s| s)),
        );
        assert_eq!(fixed.texts["a.md"], "a b a");
        assert_eq!(fixed.unapplied, 0);
        // Fixing the result again changes nothing.
        let t2 = texts(&[("a.md", "a b a")]);
        let again = fix_until_stable(lint("a.md", "a b a"), &t2, |_| true, |_| Vec::new());
        assert!(again.texts.is_empty());
        assert_eq!(again.applied, 0);
    }

    #[test]
    fn the_diff_is_unified_with_context() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n";
        let new = "1\n2\n3\n4\nfem\n6\n7\n8\n";
        assert_eq!(
            unified_diff("x/y.md", old, new),
            "--- a/x/y.md\n+++ b/x/y.md\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+fem\n 6\n 7\n 8\n"
        );
        assert_eq!(unified_diff("x.md", old, old), "");
    }

    /// A disk in memory whose writes can be made to fail.
    struct FakeDisk {
        files: RefCell<HashMap<std::path::PathBuf, Vec<u8>>>,
        fail_writes_to: Option<&'static str>,
    }

    impl Disk for FakeDisk {
        fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
            self.files
                .borrow()
                .get(path)
                .cloned()
                .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))
        }

        fn replace(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
            if self
                .fail_writes_to
                .is_some_and(|f| path.ends_with(Path::new(f)))
            {
                return Err(std::io::Error::other("No space left on device"));
            }
            self.files
                .borrow_mut()
                .insert(path.to_path_buf(), bytes.to_vec());
            Ok(())
        }
    }

    #[test]
    fn a_failing_write_leaves_that_file_and_writes_the_others() {
        let root = Path::new("/corpus");
        let originals = texts(&[("a.md", "A"), ("b.md", "B"), ("c.md", "C")]);
        let disk = FakeDisk {
            files: RefCell::new(
                [
                    (root.join("a.md"), b"A".to_vec()),
                    (root.join("b.md"), b"B".to_vec()),
                    // Edited by someone else since it was read.
                    (root.join("c.md"), b"C, edited".to_vec()),
                ]
                .into_iter()
                .collect(),
            ),
            fail_writes_to: Some("a.md"),
        };
        let changes: BTreeMap<String, String> = [("a.md", "a"), ("b.md", "b"), ("c.md", "c")]
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect();
        let out = write_changes(root, &changes, &originals, &disk);
        assert_eq!(
            out,
            [
                (
                    "a.md".to_string(),
                    Written::Failed("No space left on device".into())
                ),
                ("b.md".to_string(), Written::Ok),
                ("c.md".to_string(), Written::ChangedOnDisk),
            ]
        );
        let files = disk.files.borrow();
        assert_eq!(files[&root.join("a.md")], b"A");
        assert_eq!(files[&root.join("b.md")], b"b");
        assert_eq!(files[&root.join("c.md")], b"C, edited");
    }

    #[test]
    fn a_file_changed_on_disk_since_it_was_read_is_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "read").unwrap();
        std::fs::write(dir.path().join("b.md"), "read").unwrap();
        let originals = texts(&[("a.md", "read"), ("b.md", "read")]);
        // Someone saves a.md between styrlint's read and its write.
        std::fs::write(dir.path().join("a.md"), "edited meanwhile").unwrap();
        let changes: BTreeMap<String, String> = [("a.md", "fixed"), ("b.md", "fixed")]
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect();
        let out = write_changes(dir.path(), &changes, &originals, &RealDisk);
        assert_eq!(out[0], ("a.md".to_string(), Written::ChangedOnDisk));
        assert_eq!(out[1], ("b.md".to_string(), Written::Ok));
        let read = |f: &str| std::fs::read_to_string(dir.path().join(f)).unwrap();
        assert_eq!(read("a.md"), "edited meanwhile");
        assert_eq!(read("b.md"), "fixed");
    }

    #[test]
    fn the_real_disk_keeps_permissions_and_refuses_read_only_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
            RealDisk.replace(&p, b"new").unwrap();
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        #[cfg(not(unix))]
        RealDisk.replace(&p, b"new").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        let mut ro = std::fs::metadata(&p).unwrap().permissions();
        ro.set_readonly(true);
        std::fs::set_permissions(&p, ro).unwrap();
        assert!(RealDisk.replace(&p, b"newer").is_err());
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}

/// Property tests: on generated corpora (a register with an abolished,
/// replaced body and a plan naming it in many spellings, with CRLF, NFD
/// and a BOM), a fix round changes only the spans of the fixes it applies,
/// and fixing the fixed text again changes nothing.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod props {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;
    use styrlint_graph::{Corpus, Options};
    use styrlint_parse::{Date, Lang, parse};
    use styrlint_rules::{Settings, lint};

    const REGISTER: &str = "---\ntyp: register\n---\n# Register\n\n\
| Organ | Typ | Avvecklad | Ersatt av |\n|---|---|---|---|\n\
| Kommunstyrelsen | styrelse | | |\n\
| Hållbarhetsutskottet | utskott | 2023-01-31 | Utskott Agenda 2030 |\n\
| Utskott Agenda 2030 | utskott | | |\n";

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("Hållbarhetsutskottet beslutar. ".to_string()),
            Just("hållbarhetsutskottet ".to_string()),
            Just("Ha\u{308}llbarhetsutskottet följer upp. ".to_string()),
            Just("hållbarhetsutskottets ".to_string()),
            Just("Kommunstyrelsen ".to_string()),
            Just("[länk](saknas.md) ".to_string()),
            Just("# Rubrik\n".to_string()),
            Just("## Historik\n".to_string()),
            Just("`Hållbarhetsutskottet` ".to_string()),
            Just("<!-- styrlint-disable-next-line stale-reference -->\n".to_string()),
            Just("\r\n".to_string()),
            Just("\n\n".to_string()),
            Just("- ".to_string()),
            "[a-zåäö ]{0,10}",
        ]
    }

    fn plan() -> impl Strategy<Value = String> {
        (any::<bool>(), prop::collection::vec(piece(), 0..25)).prop_map(|(bom, v)| {
            let fm = "---\ntyp: plan\nbeslutad: 2022-06-01\n---\n";
            format!("{}{fm}{}", if bom { "\u{feff}" } else { "" }, v.concat())
        })
    }

    fn lint_texts(texts: &BTreeMap<String, String>) -> Vec<Diagnostic> {
        let docs = texts
            .iter()
            .map(|(p, t)| parse(p, t.clone(), Lang::Sv))
            .collect();
        let files: BTreeSet<String> = texts.keys().cloned().collect();
        let corpus = Corpus::new(docs, files, Options::default());
        lint(&corpus, &Settings::new(Date::parse("2024-01-01").unwrap()))
    }

    fn fix_all(texts: &BTreeMap<String, String>) -> Fixed {
        let originals: HashMap<String, Arc<str>> = texts
            .iter()
            .map(|(p, t)| (p.clone(), Arc::from(t.as_str())))
            .collect();
        fix_until_stable(
            lint_texts(texts),
            &originals,
            |_| true,
            |changed| {
                let mut now = texts.clone();
                now.extend(changed.iter().map(|(p, t)| (p.clone(), t.clone())));
                lint_texts(&now)
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn a_round_changes_only_the_spans_it_fixes(plan in plan()) {
            let texts: BTreeMap<String, String> =
                [("register.md".to_string(), REGISTER.to_string()), ("plan.md".to_string(), plan.clone())]
                    .into_iter()
                    .collect();
            let diags = lint_texts(&texts);
            let round = apply(&diags, |p| texts.get(p).map(String::as_str), |_| true);
            let skipped: BTreeSet<usize> = round.skipped.iter().map(|s| s.0).collect();
            let mut edits: Vec<&styrlint_parse::Edit> = diags
                .iter()
                .enumerate()
                .filter(|(i, d)| d.fix.is_some() && !skipped.contains(i))
                .flat_map(|(_, d)| d.fix.as_ref().unwrap().edits.iter())
                .filter(|e| e.path == "plan.md")
                .collect();
            edits.sort_by_key(|e| e.span.start);
            let new = round.texts.get("plan.md").cloned().unwrap_or_else(|| plan.clone());
            // Walk the original and the new text together: every byte
            // between applied edits is the same.
            let (mut old_pos, mut new_pos) = (0, 0);
            for e in edits {
                let keep = &plan[old_pos..e.span.start];
                prop_assert_eq!(&new[new_pos..new_pos + keep.len()], keep);
                new_pos += keep.len();
                prop_assert_eq!(&new[new_pos..new_pos + e.replacement.len()], e.replacement.as_str());
                new_pos += e.replacement.len();
                old_pos = e.span.end;
            }
            prop_assert_eq!(&new[new_pos..], &plan[old_pos..]);
            prop_assert!(!round.texts.contains_key("register.md"));
        }

        #[test]
        fn fixing_the_fixed_text_changes_nothing(plan in plan()) {
            let texts: BTreeMap<String, String> =
                [("register.md".to_string(), REGISTER.to_string()), ("plan.md".to_string(), plan)]
                    .into_iter()
                    .collect();
            let fixed = fix_all(&texts);
            let mut after = texts.clone();
            after.extend(fixed.texts);
            let again = fix_all(&after);
            prop_assert!(again.texts.is_empty(), "second --fix changed {:?}", again.texts);
            prop_assert_eq!(again.applied, 0);
        }
    }
}

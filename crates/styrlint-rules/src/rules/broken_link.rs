use crate::macros::declare_rule;
use crate::suggest::closest;
use crate::{Context, Rule, RuleMeta};
use std::collections::HashMap;
use styrlint_parse::{Diagnostic, Document, LinkKind};

declare_rule! {
    /// A Markdown link to a file or heading that does not exist in the corpus.
    ///
    /// ## What it flags
    ///
    /// Links and images with a relative destination (`strategi.md`,
    /// `../planer/fardplan.md#mal`, `#roller-och-ansvar`) whose file does not
    /// exist under the corpus root, or whose `#anchor` matches no heading of
    /// the target document. Anchors are compared as GitHub makes them
    /// (`#mål-och-syfte`), and their ASCII form (`#mal-och-syfte`) is accepted
    /// too, as are anchors declared in HTML (`<a id="…">`).
    ///
    /// Web addresses (`https://…`, `mailto:`) are not checked, and links that
    /// leave the corpus root (`../../annat-repo/x.md`) are not followed.
    ///
    /// ## Why it matters
    ///
    /// A steering document that points its reader to a plan or a section that
    /// has moved or been renamed leaves the reader without the rule it
    /// refers to, and is usually a sign that the other document changed
    /// without this one following.
    ///
    /// ## Example
    ///
    /// ```markdown
    /// Se [färdplanen](fardplan.md#roller) för rollerna.
    /// ```
    ///
    /// when `fardplan.md` has no heading "Roller", only "Roller och ansvar".
    ///
    /// ## Fix
    ///
    /// Correct the path or the anchor; the help text suggests the nearest
    /// existing file or heading.
    pub struct BrokenLink {
        name: "broken-link",
        severity: Error,
        fix: false,
    }
}

impl Rule for BrokenLink {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let corpus = ctx.corpus;
        // Built at the first broken link.
        let mut files: Option<FileIndex<'_>> = None;
        for (di, doc) in corpus.docs.iter().enumerate() {
            if !ctx.in_scope(di) {
                continue;
            }
            let lang = doc.lang;
            for link in &doc.links {
                if matches!(link.kind, LinkKind::Autolink | LinkKind::Email)
                    || is_external(&link.dest)
                {
                    continue;
                }
                let dest = link.dest.split('?').next().unwrap_or("");
                let (path_part, fragment) = match dest.split_once('#') {
                    Some((p, f)) => (p, Some(percent_decode(f))),
                    None => (dest, None),
                };
                let path_part = percent_decode(path_part);
                let target = if path_part.is_empty() {
                    Some(doc.path.clone())
                } else {
                    resolve(&doc.path, &path_part)
                };
                let Some(target) = target else {
                    continue; // leaves the root: not followed
                };
                let exists = corpus.files.contains(&target)
                    || corpus
                        .files
                        .range(format!("{target}/")..)
                        .next()
                        .is_some_and(|f| {
                            f.starts_with(&format!("{}/", target.trim_end_matches('/')))
                        });
                if !exists {
                    let suggestion = files
                        .get_or_insert_with(|| FileIndex::new(&corpus.files))
                        .nearest(&target);
                    let mut d = Diagnostic::new(
                        Self::META.name,
                        Self::META.default_severity,
                        &doc.path,
                        link.span.clone(),
                        lang.pick(
                            format!("länken pekar på `{path_part}`, som inte finns"),
                            format!("the link points to `{path_part}`, which does not exist"),
                        ),
                    );
                    d = d.with_help(match suggestion {
                        Some(s) => lang.pick(
                            format!("Menade du `{}`?", relative(&doc.path, s)),
                            format!("Did you mean `{}`?", relative(&doc.path, s)),
                        ),
                        None => lang.pick(
                            "Rätta sökvägen (den räknas från det här dokumentets mapp) eller ta bort länken.".into(),
                            "Correct the path (it is relative to this document's folder) or remove the link.".into(),
                        ),
                    });
                    out.push(d);
                    continue;
                }
                let (Some(fragment), Some(target_doc)) = (fragment, corpus.doc_by_path(&target))
                else {
                    continue;
                };
                if fragment.is_empty() {
                    continue;
                }
                let target_doc = &corpus.docs[target_doc];
                if has_anchor(target_doc, &fragment) {
                    continue;
                }
                let anchors = target_doc.headings.iter().map(|h| h.slug.as_str());
                let suggestion = closest(&fragment, anchors);
                let shown = if path_part.is_empty() {
                    lang.pick(
                        "det här dokumentet".to_string(),
                        "this document".to_string(),
                    )
                } else {
                    format!("`{path_part}`")
                };
                out.push(
                    Diagnostic::new(
                        Self::META.name,
                        Self::META.default_severity,
                        &doc.path,
                        link.span.clone(),
                        lang.pick(
                            format!("rubriken `#{fragment}` finns inte i {shown}"),
                            format!("there is no heading `#{fragment}` in {shown}"),
                        ),
                    )
                    .with_help(match suggestion {
                        Some(s) => lang.pick(format!("Menade du `#{s}`?"), format!("Did you mean `#{s}`?")),
                        None => lang.pick(
                            "Länka till en rubrik som finns; ankaret är rubriken med gemener och bindestreck i stället för mellanslag.".into(),
                            "Link to an existing heading; the anchor is the heading in lower case with hyphens for spaces.".into(),
                        ),
                    }),
                );
            }
        }
    }
}

pub(crate) fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") || dest.is_empty() && !dest.contains('#') {
        return true;
    }
    // A scheme: letters, digits, + . - before a colon, with no slash first.
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
        }
        None => false,
    }
}

/// The existing file whose name is nearest the missing one's, preferring
/// the same folder.
/// The files of the corpus by folder and by the start of their name, so
/// that "did you mean" compares a broken link with a bounded number of
/// candidates (the files of its folder and those whose name starts alike),
/// not with every file: that was quadratic in a corpus of many broken
/// links.
struct FileIndex<'a> {
    by_dir: HashMap<&'a str, Vec<&'a str>>,
    by_prefix: HashMap<String, Vec<&'a str>>,
}

/// Candidates taken from each bucket at the most.
const BUCKET: usize = 256;

impl<'a> FileIndex<'a> {
    fn new(files: &'a std::collections::BTreeSet<String>) -> FileIndex<'a> {
        let mut by_dir: HashMap<&str, Vec<&str>> = HashMap::new();
        let mut by_prefix: HashMap<String, Vec<&str>> = HashMap::new();
        for f in files {
            let dir = f.rsplit_once('/').map_or("", |(d, _)| d);
            by_dir.entry(dir).or_default().push(f);
            by_prefix.entry(prefix(file_name(f))).or_default().push(f);
        }
        FileIndex { by_dir, by_prefix }
    }

    /// The file most like `target`: the best name among the candidates, in
    /// the target's folder if it is there, else the shortest path.
    fn nearest(&self, target: &str) -> Option<&'a str> {
        let wanted = file_name(target);
        let dir = target.rsplit_once('/').map_or("", |(d, _)| d);
        let mut candidates: Vec<&str> = Vec::new();
        for bucket in [self.by_dir.get(dir), self.by_prefix.get(&prefix(wanted))]
            .into_iter()
            .flatten()
        {
            candidates.extend(bucket.iter().take(BUCKET));
        }
        candidates.sort_unstable();
        candidates.dedup();
        let best = closest(wanted, candidates.iter().map(|f| file_name(f)))?;
        candidates
            .into_iter()
            .filter(|f| file_name(f) == best)
            .min_by_key(|f| (f.rsplit_once('/').map_or("", |(d, _)| d) != dir, f.len()))
    }
}

/// The first three characters of a file name, lower case.
fn prefix(name: &str) -> String {
    name.chars().take(3).flat_map(char::to_lowercase).collect()
}

fn file_name(p: &str) -> &str {
    p.rsplit('/').next().unwrap_or(p)
}

fn has_anchor(doc: &Document, fragment: &str) -> bool {
    let f = styrlint_parse::slug::fragment_key(fragment);
    doc.headings
        .iter()
        .any(|h| h.slug == f || h.ascii_slug == f)
        || doc.html_anchors.iter().any(|a| a == fragment)
}

/// Resolves a link path against the linking document's folder. `None` when
/// the result leaves the root.
pub(crate) fn resolve(from: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = if link.starts_with('/') {
        Vec::new()
    } else {
        from.split('/').collect::<Vec<_>>()
    };
    if !link.starts_with('/') {
        parts.pop(); // the document's own file name
    }
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// The path of `to` as a link from the document at `from`.
fn relative(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').collect();
    let from_dir = &from_dir[..from_dir.len().saturating_sub(1)];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out: Vec<&str> = vec![".."; from_dir.len() - common];
    out.extend(&to_parts[common..]);
    out.join("/")
}

pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    const CORPUS: &str = "\
<!-- file: planer/fardplan.md -->
# Färdplan

## Roller och ansvar

<a id=\"bilaga-a\"></a>

Se [strategin](../strategi.md), [mål](../strategi.md#mål-och-syfte),
[ascii](../strategi.md#mal-och-syfte), [egen](#roller-och-ansvar),
[html](#bilaga-a), [mapp](../bilder/), [webb](https://example.org/x.md),
[kodad](../strategi.md#m%C3%A5l-och-syfte), [utanför](../../annat/x.md),
![logga](../bilder/logga.png) och <mailto:a@b.se>.

`[i kod](saknas.md)`
<!-- file: strategi.md -->
# Strategi

## Mål och syfte

Text.
<!-- file: bilder/logga.png -->
";

    #[test]
    fn existing_targets_are_not_flagged() {
        assert_eq!(check("broken-link", CORPUS), Vec::<String>::new());
    }

    #[test]
    fn missing_files_and_anchors_are_flagged() {
        let fixture = "\
<!-- file: planer/fardplan.md -->
# Färdplan

## Roller och ansvar

Se [strategin](../strategin.md) och [mål](../strategi.md#mål).
Se [egen](#roller) och ![bild](saknas.png).
<!-- file: strategi.md -->
# Strategi

## Mål och syfte
";
        assert_eq!(
            check("broken-link", fixture),
            [
                "planer/fardplan.md:5: broken-link: länken pekar på `../strategin.md`, som inte finns",
                "planer/fardplan.md:5: broken-link: rubriken `#mål` finns inte i `../strategi.md`",
                "planer/fardplan.md:6: broken-link: rubriken `#roller` finns inte i det här dokumentet",
                "planer/fardplan.md:6: broken-link: länken pekar på `saknas.png`, som inte finns",
            ]
        );
    }

    #[test]
    fn a_fragment_in_decomposed_form_finds_its_heading() {
        // "ä" written as "a" + combining diaeresis (NFD), in the heading,
        // the fragment or both (found by the robustness suite, issue 9).
        let fixture = "\
<!-- file: a.md -->
# Ha\u{308}llbarhet

## Mål

Se [ett](#ha\u{308}llbarhet), [två](#hällbarhet), [tre](b.md#ha\u{308}llbarhet) och [fyra](#ma\u{30a}l).
<!-- file: b.md -->
# Hällbarhet
";
        assert_eq!(check("broken-link", fixture), Vec::<String>::new());
    }

    #[test]
    fn help_suggests_the_nearest_target() {
        let fixture = "\
<!-- file: a.md -->
The [strategy](strategy.md#goal) and [plan](plann.md) are linked here for the board.
<!-- file: strategy.md -->
# Strategy
## Goals
<!-- file: plan.md -->
# Plan
";
        let (c, d) = crate::testing::run(Some("broken-link"), fixture);
        let helps: Vec<_> = d
            .iter()
            .map(|d| d.help.clone().unwrap_or_default())
            .collect();
        assert_eq!(helps, ["Did you mean `#goals`?", "Did you mean `plan.md`?"]);
        assert_eq!(c.docs.len(), 3);
    }

    #[test]
    fn paths_resolve_relative_to_the_document() {
        assert_eq!(super::resolve("a/b/c.md", "../d.md"), Some("a/d.md".into()));
        assert_eq!(
            super::resolve("a/c.md", "./e/f.md"),
            Some("a/e/f.md".into())
        );
        assert_eq!(super::resolve("c.md", "../x.md"), None);
        assert_eq!(super::resolve("a/c.md", "/x.md"), Some("x.md".into()));
        assert_eq!(super::relative("a/b/c.md", "a/d.md"), "../d.md");
        assert_eq!(super::relative("c.md", "x/d.md"), "x/d.md");
        assert!(super::is_external("https://x.se"));
        assert!(super::is_external("mailto:a@b.se"));
        assert!(!super::is_external("plan.md"));
    }
}

//! `--format sarif`: one SARIF 2.1.0 log, for GitHub code scanning and other
//! SARIF viewers.
//!
//! - Every rule is listed under `tool.driver.rules`, in `styrlint rules`
//!   order, with its summary, the first paragraph of "What it flags" and its
//!   whole documentation as help; a finding of a name that is not a rule
//!   (`unreadable-file`) gets a descriptor after them, so that `ruleIndex`
//!   always points at one.
//! - Locations are relative URIs with `uriBaseId` `%SRCROOT%`: the path as
//!   seen from the folder styrlint was started in (the repository's root in
//!   CI), since GitHub places alerts by a URI relative to the repository.
//!   A corpus outside the current folder gets absolute `file://` URIs.
//! - Lines are 1-based; columns are 1-based and count UTF-16 code units
//!   (`columnKind: utf16CodeUnits`, stated explicitly); `endColumn` is the
//!   column after the last character, as SARIF §3.30.8 defines it.
//! - Output is deterministic: rules in a fixed order, results in the order
//!   of the diagnostics, object keys sorted.

use super::Sources;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use styrlint_parse::{Diagnostic, Severity};
use styrlint_rules::all_rules;

/// Where the schema of the log is published (SchemaStore's copy of the
/// OASIS schema, the address GitHub's documentation uses).
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Renders the SARIF log, pretty-printed, ending in a newline. `root` is
/// the corpus root as the user would write it (see `display_root`).
pub fn render(root: &str, diags: &[Diagnostic], sources: &Sources) -> String {
    let mut ids: Vec<&str> = all_rules().iter().map(|r| r.meta().name).collect();
    let mut rules: Vec<Value> = all_rules().iter().map(|r| rule(r.meta())).collect();
    let known: BTreeSet<&str> = ids.iter().copied().collect();
    let extra: BTreeSet<&str> = diags
        .iter()
        .map(|d| d.rule)
        .filter(|r| !known.contains(r))
        .collect();
    for name in extra {
        ids.push(name);
        rules.push(json!({
            "id": name,
            "name": name,
            "shortDescription": {"text": name},
            "defaultConfiguration": {"level": "error"},
        }));
    }
    let results: Vec<Value> = diags
        .iter()
        .map(|d| result(d, ids.iter().position(|r| *r == d.rule), root, sources))
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "styrlint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": information_uri(),
                "rules": rules,
            }},
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    });
    let mut s =
        serde_json::to_string_pretty(&log).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// The path of a corpus file as seen from where styrlint was started: the
/// root as the user would write it, then the path inside it.
pub fn repo_path(root: &str, path: &str) -> String {
    if root.is_empty() || root == "." {
        path.to_string()
    } else {
        format!("{}/{path}", root.trim_end_matches(['/', '\\']))
    }
}

fn information_uri() -> &'static str {
    match env!("CARGO_PKG_REPOSITORY") {
        "" => "https://example.invalid/styrlint",
        uri => uri,
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule(meta: &styrlint_rules::RuleMeta) -> Value {
    let markdown = meta.markdown();
    let full = what_it_flags(&markdown).unwrap_or_else(|| meta.summary().to_string());
    json!({
        "id": meta.name,
        "name": meta.name,
        "shortDescription": {"text": meta.summary()},
        "fullDescription": {"text": full},
        "help": {"text": markdown, "markdown": markdown},
        "defaultConfiguration": {"level": level(meta.default_severity)},
        "properties": {"fixable": meta.fixable},
    })
}

/// The first paragraph under "## What it flags", on one line.
fn what_it_flags(markdown: &str) -> Option<String> {
    let (_, rest) = markdown.split_once("## What it flags")?;
    let para: Vec<&str> = rest
        .lines()
        .map(str::trim)
        .skip_while(|l| l.is_empty())
        .take_while(|l| !l.is_empty())
        .collect();
    (!para.is_empty()).then(|| para.join(" "))
}

fn result(d: &Diagnostic, index: Option<usize>, root: &str, sources: &Sources) -> Value {
    let mut text = d.message.clone();
    if let Some(h) = &d.help {
        text.push_str("\n\n");
        text.push_str(h);
    }
    let mut r = json!({
        "ruleId": d.rule,
        "level": level(d.severity),
        "message": {"text": text},
        "locations": [{"physicalLocation": physical(&d.path, &d.span, root, sources)}],
    });
    if let Some(i) = index {
        r["ruleIndex"] = json!(i);
    }
    if !d.related.is_empty() {
        r["relatedLocations"] = d
            .related
            .iter()
            .enumerate()
            .map(|(i, rel)| {
                json!({
                    "id": i + 1,
                    "physicalLocation": physical(&rel.path, &rel.span, root, sources),
                    "message": {"text": rel.message},
                })
            })
            .collect();
    }
    if let Some(fix) = &d.fix {
        let mut by_file: Vec<(&str, Vec<Value>)> = Vec::new();
        for e in &fix.edits {
            let replacement = json!({
                "deletedRegion": region(&e.path, &e.span, sources),
                "insertedContent": {"text": e.replacement},
            });
            match by_file.iter_mut().find(|(p, _)| *p == e.path) {
                Some((_, v)) => v.push(replacement),
                None => by_file.push((&e.path, vec![replacement])),
            }
        }
        r["fixes"] = json!([{
            "description": {"text": fix.description},
            "artifactChanges": by_file
                .into_iter()
                .map(|(p, replacements)| json!({
                    "artifactLocation": artifact(p, root),
                    "replacements": replacements,
                }))
                .collect::<Vec<_>>(),
        }]);
    }
    r
}

fn physical(path: &str, span: &std::ops::Range<usize>, root: &str, sources: &Sources) -> Value {
    let mut p = json!({"artifactLocation": artifact(path, root)});
    // A file that could not be read has no lines to point at.
    if sources.text(path).is_some() {
        p["region"] = region(path, span, sources);
    }
    p
}

fn artifact(path: &str, root: &str) -> Value {
    let full = repo_path(root, path);
    if full.starts_with('/') {
        return json!({"uri": format!("file://{}", percent_encode(&full))});
    }
    if full.as_bytes().get(1) == Some(&b':') {
        // A Windows drive: file:///C:/…
        return json!({"uri": format!("file:///{}", percent_encode(&full.replace('\\', "/")))});
    }
    json!({"uri": percent_encode(&full), "uriBaseId": "%SRCROOT%"})
}

fn region(path: &str, span: &std::ops::Range<usize>, sources: &Sources) -> Value {
    let (l1, c1) = sources.line_col_utf16(path, span.start);
    let (l2, c2) = sources.line_col_utf16(path, span.end);
    json!({"startLine": l1, "startColumn": c1, "endLine": l2, "endColumn": c2})
}

/// Percent-encodes everything but unreserved characters (RFC 3986) and `/`
/// (and `:` after a drive letter), so that `å` or a space makes a valid URI.
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for (i, b) in path.bytes().enumerate() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            b':' if i == 1 => out.push(':'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::sync::Arc;

    fn sources(path: &str, text: &str) -> Sources {
        Sources::new(HashMap::from([(path.to_string(), Arc::from(text))]))
    }

    #[test]
    fn columns_count_utf16_code_units_and_end_after_the_last_character() {
        // "😀" is two UTF-16 code units, "å" one, both several bytes.
        let text = "\u{feff}å😀 Nämnden\r\nrad två";
        let s = sources("a b/ö.md", text);
        let start = text.find("Nämnden").unwrap();
        let end = start + "Nämnden".len();
        let r = region("a b/ö.md", &(start..end), &s);
        assert_eq!(
            r,
            json!({"startLine": 1, "startColumn": 5, "endLine": 1, "endColumn": 12})
        );
        let two = text.find("två").unwrap();
        let r = region("a b/ö.md", &(two..text.len()), &s);
        assert_eq!(
            r,
            json!({"startLine": 2, "startColumn": 5, "endLine": 2, "endColumn": 8})
        );
    }

    #[test]
    fn uris_are_relative_and_percent_encoded() {
        assert_eq!(
            artifact("a b/ö.md", "fixtures/x"),
            json!({"uri": "fixtures/x/a%20b/%C3%B6.md", "uriBaseId": "%SRCROOT%"})
        );
        assert_eq!(
            artifact("plan.md", "."),
            json!({"uri": "plan.md", "uriBaseId": "%SRCROOT%"})
        );
        assert_eq!(
            artifact("plan.md", "/tmp/k"),
            json!({"uri": "file:///tmp/k/plan.md"})
        );
    }

    #[test]
    fn unknown_rule_names_get_a_descriptor_and_an_index() {
        let d = Diagnostic::new(
            "unreadable-file",
            Severity::Error,
            "x.md",
            0..0,
            "cannot read",
        );
        let log: Value = serde_json::from_str(&render(".", &[d], &sources("y.md", ""))).unwrap();
        let run = &log["runs"][0];
        let i = run["results"][0]["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(run["tool"]["driver"]["rules"][i]["id"], "unreadable-file");
        // No text was read, so there is no region.
        assert!(run["results"][0]["locations"][0]["physicalLocation"]["region"].is_null());
    }
}

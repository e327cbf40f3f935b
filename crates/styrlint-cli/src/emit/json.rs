//! `--format json`, exactly as SPEC §5 describes it.

use super::{Counts, Sources};
use rayon::prelude::*;
use serde::Serialize;
use styrlint_parse::Diagnostic;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    root: &'a str,
    summary: Summary,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct Summary {
    documents: usize,
    bodies: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    path: &'a str,
    range: Range,
    offset: usize,
    length: usize,
    related: Vec<JsonRelated<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    path: &'a str,
    range: Range,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    description: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    path: &'a str,
    offset: usize,
    length: usize,
    replacement: &'a str,
}

/// Renders the JSON document, pretty-printed, ending in a newline.
pub fn render(
    root: &str,
    documents: usize,
    bodies: usize,
    diags: &[Diagnostic],
    sources: &Sources,
) -> String {
    let (out, diagnostics) = output(root, documents, bodies, diags, sources);
    splice(out, &diagnostics)
}

/// The document without its diagnostics, and the diagnostics.
fn output<'a>(
    root: &'a str,
    documents: usize,
    bodies: usize,
    diags: &'a [Diagnostic],
    sources: &Sources,
) -> (Output<'a>, Vec<JsonDiagnostic<'a>>) {
    let counts = Counts::of(diags);
    let range = |path: &str, span: &std::ops::Range<usize>| {
        let (l1, c1) = sources.line_col(path, span.start);
        let (l2, c2) = sources.line_col(path, span.end);
        Range {
            start: Position {
                line: l1,
                column: c1,
            },
            end: Position {
                line: l2,
                column: c2,
            },
        }
    };
    let diagnostics: Vec<JsonDiagnostic<'_>> = diags
        .iter()
        .map(|d| JsonDiagnostic {
            rule: d.rule,
            severity: d.severity.as_str(),
            message: &d.message,
            path: &d.path,
            range: range(&d.path, &d.span),
            offset: d.span.start,
            length: d.span.len(),
            related: d
                .related
                .iter()
                .map(|r| JsonRelated {
                    path: &r.path,
                    range: range(&r.path, &r.span),
                    message: &r.message,
                })
                .collect(),
            help: d.help.as_deref(),
            fix: d.fix.as_ref().map(|f| JsonFix {
                description: &f.description,
                edits: f
                    .edits
                    .iter()
                    .map(|e| JsonEdit {
                        path: &e.path,
                        offset: e.span.start,
                        length: e.span.len(),
                        replacement: &e.replacement,
                    })
                    .collect(),
            }),
        })
        .collect();
    let out = Output {
        version: 1,
        root,
        summary: Summary {
            documents,
            bodies,
            errors: counts.errors,
            warnings: counts.warnings,
            infos: counts.infos,
        },
        diagnostics: Vec::new(),
    };
    (out, diagnostics)
}

/// Renders the document with the diagnostics in it.
fn splice(out: Output<'_>, diagnostics: &[JsonDiagnostic<'_>]) -> String {
    let mut s =
        serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    // The diagnostics are most of the output (as many bytes as the corpus
    // when it has many findings): each is rendered on its own, in parallel,
    // indented to its depth, and put where serde_json put the empty array.
    // JSON strings hold no raw line breaks, so indenting by lines is safe;
    // a test checks the result against rendering the whole at once.
    if !diagnostics.is_empty()
        && let Some(head) = s.strip_suffix("[]\n}")
    {
        let items: Vec<String> = diagnostics
            .par_iter()
            .map(|d| {
                let one = serde_json::to_string_pretty(d).unwrap_or_default();
                let mut out = String::with_capacity(one.len() + 256);
                for (i, line) in one.lines().enumerate() {
                    if i > 0 {
                        out.push('\n');
                    }
                    out.push_str("    ");
                    out.push_str(line);
                }
                out
            })
            .collect();
        let mut whole = String::with_capacity(
            head.len() + items.iter().map(|i| i.len() + 2).sum::<usize>() + 16,
        );
        whole.push_str(head);
        whole.push_str("[\n");
        whole.push_str(&items.join(",\n"));
        whole.push_str("\n  ]\n}");
        s = whole;
    }
    s.push('\n');
    s
}

/// Property test: whatever the documents hold (quotes, backslashes,
/// control characters, NFD, CR, lone surrogates cannot occur in `str`),
/// the output is one JSON object with every diagnostic in it.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod props {
    use super::*;
    use proptest::prelude::*;
    use std::collections::{BTreeSet, HashMap};
    use std::sync::Arc;
    use styrlint_graph::{Corpus, Options};
    use styrlint_parse::{Date, Lang, parse};
    use styrlint_rules::{Settings, lint};

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("---\ntyp: policy\nbeslutad: 2023-02-30\nokänd: \"x\\\\y\"\n---\n".to_string()),
            Just("| Organ | Ersatt av |\n|---|---|\n| \"A\\\\B\" | C\u{7} |\n".to_string()),
            Just("[länk](\"saknas\".md) ".to_string()),
            Just("Ha\u{308}llbarhetsutskottet beslutar. ".to_string()),
            Just("\r".to_string()),
            Just("\n".to_string()),
            any::<String>(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

        #[test]
        fn json_output_always_parses(
            a in prop::collection::vec(piece(), 0..12),
            b in prop::collection::vec(piece(), 0..12),
        ) {
            let texts: HashMap<String, Arc<str>> = [
                ("a \"b\".md".to_string(), a.concat()),
                ("dir/ä\\b.md".to_string(), b.concat()),
            ]
            .into_iter()
            .map(|(p, t)| (p, Arc::from(t.as_str())))
            .collect();
            let docs = texts.iter().map(|(p, t)| parse(p, t.clone(), Lang::Sv)).collect();
            let files: BTreeSet<String> = texts.keys().cloned().collect();
            let corpus = Corpus::new(docs, files, Options::default());
            let diags = lint(&corpus, &Settings::new(Date::parse("2024-01-01").unwrap()));
            let out = render("rot \"x\"", corpus.docs.len(), corpus.bodies.len(), &diags, &Sources::new(texts.clone()));
            let v: serde_json::Value = serde_json::from_str(&out).unwrap();
            prop_assert_eq!(v["diagnostics"].as_array().unwrap().len(), diags.len());
            prop_assert_eq!(&v["root"], "rot \"x\"");
            // Rendering the diagnostics apart and splicing them in gives
            // exactly what serde_json gives for the whole document.
            let sources = Sources::new(texts);
            let (mut whole, diagnostics) = output("rot", 2, 0, &diags, &sources);
            whole.diagnostics = diagnostics;
            let mut expected = serde_json::to_string_pretty(&whole).unwrap();
            expected.push('\n');
            prop_assert_eq!(render("rot", 2, 0, &diags, &sources), expected);
        }
    }
}

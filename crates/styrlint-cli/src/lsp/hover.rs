//! Hover on a mention of a body: the body's register row as Markdown.

use super::convert::Text;
use super::worker::Snapshot;
use lsp_types as lt;
use std::fmt::Write;
use styrlint_graph::Body;
use styrlint_parse::{Lang, Spanned};

/// The hover for a byte offset of a document, when it falls on a mention of
/// a body.
pub fn hover(snap: &Snapshot, path: &str, offset: usize) -> Option<lt::Hover> {
    // The lint thread may be updating the corpus; a poisoned lock means it
    // failed, and the next lint starts over.
    let corpus = snap.corpus.read().ok()?;
    let doc = corpus.doc_by_path(path)?;
    // The corpus may have moved on from the snapshot's text of the file.
    let text = snap.texts.get(path)?;
    let current = &corpus.docs[doc].text;
    if !(std::sync::Arc::ptr_eq(current, text) || **current == **text) {
        return None;
    }
    let mention = corpus
        .mentions
        .get(doc)?
        .iter()
        .find(|m| m.span.start <= offset && offset < m.span.end.max(m.span.start + 1))?;
    let body = corpus.bodies.get(mention.body()?)?;
    let lang = corpus.docs[doc].lang;
    let register = corpus.docs.get(body.doc);
    let mut value = render(body, lang);
    if let Some(reg) = register {
        // From the corpus's own text of the register, which the row's span
        // belongs to.
        let lines = styrlint_parse::LineIndex::new(&reg.text);
        let line = Text::new(&reg.text, &lines)
            .position(body.row_span.start)
            .line
            + 1;
        let _ = write!(
            value,
            "\n\n*{} {}, {} {line}*",
            lang.pick("Registret:", "Register:"),
            reg.path,
            lang.pick("rad", "line")
        );
    }
    Some(lt::Hover {
        contents: lt::HoverContents::Markup(lt::MarkupContent {
            kind: lt::MarkupKind::Markdown,
            value,
        }),
        range: snap.text(path).map(|t| t.range(&mention.span)),
    })
}

/// A body's register row, one field a line.
fn render(body: &Body, lang: Lang) -> String {
    let mut out = format!("**{}**\n", escape(&body.name));
    let names = |list: &[Spanned<String>]| {
        list.iter()
            .map(|s| escape(&s.value))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let fields: [(&str, &str, String); 7] = [
        (
            "Typ",
            "Kind",
            body.kind.as_deref().map(escape).unwrap_or_default(),
        ),
        ("Alias", "Aliases", names(&body.aliases)),
        (
            "Inrättad",
            "Established",
            body.established.map(|d| d.to_string()).unwrap_or_default(),
        ),
        (
            "Avvecklad",
            "Abolished",
            body.abolished
                .as_ref()
                .map(|d| d.value.to_string())
                .unwrap_or_default(),
        ),
        ("Ersatt av", "Replaced by", names(&body.replaced_by)),
        ("Rapporterar till", "Reports to", names(&body.reports_to)),
        ("Del av", "Part of", names(&body.part_of)),
    ];
    for (sv, en, value) in fields {
        if !value.is_empty() {
            let _ = write!(out, "\n- **{}:** {value}", lang.pick(sv, en));
        }
    }
    out
}

/// Escapes Markdown's inline punctuation in register text.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

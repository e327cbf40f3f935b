//! Byte spans to LSP positions and back, and styrlint's diagnostics and
//! fixes in LSP form. LSP counts columns in UTF-16 code units; styrlint's
//! spans are bytes of the original text. The conversion happens here, once.

use lsp_types as lt;
use std::collections::HashMap;
use std::ops::Range;
use styrlint_parse::text::floor_char_boundary;
use styrlint_parse::{Diagnostic, Fix, LineIndex, Severity};

/// The LSP range of a byte span in a file of the corpus, by relative path.
pub type RangeOf<'a> = dyn Fn(&str, &Range<usize>) -> Option<lt::Range> + 'a;
/// The URI of a file of the corpus, by relative path.
pub type UriOf<'a> = dyn Fn(&str) -> Option<lt::Url> + 'a;

/// A text with its line index, for position conversions.
pub struct Text<'a> {
    text: &'a str,
    lines: &'a LineIndex,
}

impl<'a> Text<'a> {
    /// A text and its line index (`LineIndex::new(text)`).
    pub fn new(text: &'a str, lines: &'a LineIndex) -> Self {
        Text { text, lines }
    }

    /// The LSP position (0-based line, UTF-16 column) of a byte offset,
    /// clamped to the text.
    pub fn position(&self, offset: usize) -> lt::Position {
        let offset = floor_char_boundary(self.text, offset);
        let (line1, _) = self.lines.line_col(self.text, offset);
        let line0 = line1.saturating_sub(1);
        let start = self.line_start(line0).min(offset);
        let character = self.text[start..offset]
            .chars()
            .map(char::len_utf16)
            .sum::<usize>();
        lt::Position::new(to_u32(line0), to_u32(character))
    }

    /// The LSP range of a byte span.
    pub fn range(&self, span: &Range<usize>) -> lt::Range {
        lt::Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of an LSP position. A line past the end gives the
    /// end of the text; a column past the end of its line gives the end of
    /// that line (as the protocol asks); a column inside a surrogate pair
    /// gives the start of the character.
    pub fn offset(&self, pos: lt::Position) -> usize {
        let line0 = pos.line as usize;
        if line0 >= self.lines.line_count() {
            return self.text.len();
        }
        let start = self.line_start(line0);
        let end = self
            .lines
            .line_start(line0 + 1)
            .unwrap_or(self.text.len())
            .max(start);
        let line = self.text[start..end].trim_end_matches(['\n', '\r']);
        let mut units = 0usize;
        for (i, c) in line.char_indices() {
            units += c.len_utf16();
            if units > pos.character as usize {
                return start + i;
            }
        }
        start + line.len()
    }

    /// The byte range of an LSP range (start never after end).
    pub fn span(&self, range: lt::Range) -> Range<usize> {
        let start = self.offset(range.start);
        let end = self.offset(range.end).max(start);
        start..end
    }

    fn line_start(&self, line0: usize) -> usize {
        let start = self.lines.line_start(line0).unwrap_or(self.text.len());
        // A byte-order mark is not part of the first line as editors show it.
        if line0 == 0 && self.text.starts_with('\u{feff}') {
            return start + '\u{feff}'.len_utf8();
        }
        start
    }
}

/// Turns a styrlint diagnostic into an LSP one. `text` is the text of the
/// diagnostic's file; `range_of` gives the range of a span in another file
/// of the corpus; `uri` makes a URI of a root-relative path.
pub fn diagnostic(
    d: &Diagnostic,
    text: &Text<'_>,
    range_of: &RangeOf<'_>,
    uri: &UriOf<'_>,
) -> lt::Diagnostic {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<lt::DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| {
            let range = range_of(&r.path, &r.span).unwrap_or_default();
            Some(lt::DiagnosticRelatedInformation {
                location: lt::Location::new(uri(&r.path)?, range),
                message: r.message.clone(),
            })
        })
        .collect();
    lt::Diagnostic {
        range: text.range(&d.span),
        severity: Some(severity(d.severity)),
        code: Some(lt::NumberOrString::String(d.rule.to_string())),
        code_description: None,
        source: Some("styrlint".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// The LSP severity of a styrlint severity.
pub fn severity(s: Severity) -> lt::DiagnosticSeverity {
    match s {
        Severity::Error => lt::DiagnosticSeverity::ERROR,
        Severity::Warning => lt::DiagnosticSeverity::WARNING,
        Severity::Info => lt::DiagnosticSeverity::INFORMATION,
    }
}

/// A fix as a workspace edit; `None` when a file it edits is unknown.
pub fn workspace_edit(
    fix: &Fix,
    range_of: &RangeOf<'_>,
    uri: &UriOf<'_>,
) -> Option<lt::WorkspaceEdit> {
    let mut changes: HashMap<lt::Url, Vec<lt::TextEdit>> = HashMap::new();
    for e in &fix.edits {
        let range = range_of(&e.path, &e.span)?;
        changes
            .entry(uri(&e.path)?)
            .or_default()
            .push(lt::TextEdit::new(range, e.replacement.clone()));
    }
    Some(lt::WorkspaceEdit::new(changes))
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let s = "---\nÅtgärder 🌱 av Utskottet\r\nnästa\rsista";
        let lines = LineIndex::new(s);
        let t = Text::new(s, &lines);
        let off = s.find("Utskottet").unwrap_or(0);
        // Å t g ä r d e r ␠ 🌱(2) ␠ a v ␠ = 15 UTF-16 units
        assert_eq!(t.position(off), lt::Position::new(1, 15));
        assert_eq!(t.offset(lt::Position::new(1, 15)), off);
        let n = s.find("nästa").unwrap_or(0);
        assert_eq!(t.position(n), lt::Position::new(2, 0));
        let sista = s.find("sista").unwrap_or(0);
        assert_eq!(t.position(sista + 2), lt::Position::new(3, 2));
        // Past the end of a line: the line's end, before its terminator.
        assert_eq!(t.offset(lt::Position::new(2, 99)), n + "nästa".len());
        // Inside a surrogate pair: the character's start.
        let emoji = s.find('🌱').unwrap_or(0);
        assert_eq!(t.offset(lt::Position::new(1, 10)), emoji);
        assert_eq!(t.offset(lt::Position::new(99, 0)), s.len());
        // Offsets inside a character or past the end are clamped.
        assert_eq!(t.position(emoji + 1), lt::Position::new(1, 9));
        assert_eq!(t.position(10_000), t.position(s.len()));
    }

    #[test]
    fn bom_is_not_a_column() {
        let s = "\u{feff}# Titel";
        let lines = LineIndex::new(s);
        let t = Text::new(s, &lines);
        assert_eq!(t.position(s.len()), lt::Position::new(0, 7));
        assert_eq!(t.offset(lt::Position::new(0, 0)), 3);
    }
}

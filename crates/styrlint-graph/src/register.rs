//! The register of bodies (SPEC §2.4): every table whose header has an
//! `Organ` or `Body` column.

use std::ops::Range;
use styrlint_parse::{Date, Diagnostic, Document, Lang, Severity, Spanned, ascii_fold, name_key};

/// Rule name for malformed register cells.
const INVALID_METADATA: &str = "invalid-metadata";

/// A body: a council, board, committee, working group, office, company or
/// role, as one register row declares it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Body {
    /// The name, as written.
    pub name: String,
    /// `Typ` / `Kind`: nämnd, utskott, styrgrupp, råd, bolag, roll …
    pub kind: Option<String>,
    /// Other names, each with its span.
    pub aliases: Vec<Spanned<String>>,
    /// `Inrättad` / `Established`.
    pub established: Option<Date>,
    /// `Avvecklad` / `Abolished`.
    pub abolished: Option<Spanned<Date>>,
    /// `Ersatt av` / `Replaced by`: successor names.
    pub replaced_by: Vec<Spanned<String>>,
    /// `Rapporterar till` / `Reports to`.
    pub reports_to: Vec<Spanned<String>>,
    /// `Del av` / `Part of`.
    pub part_of: Vec<Spanned<String>>,
    /// Index of the document holding the row.
    pub doc: usize,
    /// The row.
    pub row_span: Range<usize>,
    /// The name cell.
    pub name_span: Range<usize>,
    /// Index of the table in its document.
    pub table: usize,
    /// True when the row comes from a full register table (one with
    /// lifecycle or relation columns, or in a document of type register);
    /// false for a plain list of bodies such as a roles table.
    pub primary: bool,
}

impl Body {
    /// The name and every alias.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(|a| a.value.as_str()))
    }

    /// True when the body was abolished on or before `today`.
    pub fn is_abolished(&self, today: Date) -> bool {
        self.abolished.as_ref().is_some_and(|d| d.value <= today)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Col {
    Name,
    Kind,
    Aliases,
    Established,
    Abolished,
    ReplacedBy,
    ReportsTo,
    PartOf,
}

fn column(header: &str) -> Option<Col> {
    let h = ascii_fold(&name_key(header));
    Some(match h.as_str() {
        "organ" | "body" => Col::Name,
        "typ" | "kind" | "type" => Col::Kind,
        "alias" | "aliases" => Col::Aliases,
        "inrattad" | "established" => Col::Established,
        "avvecklad" | "abolished" => Col::Abolished,
        "ersatt av" | "replaced by" => Col::ReplacedBy,
        "rapporterar till" | "reports to" => Col::ReportsTo,
        "del av" | "part of" => Col::PartOf,
        _ => return None,
    })
}

/// Reads every body declared in `doc`'s tables, reporting bad cells.
pub fn read_bodies(
    doc_idx: usize,
    doc: &Document,
    is_register: bool,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Body> {
    let mut out = Vec::new();
    let lang = doc.lang;
    for (t_idx, table) in doc.tables.iter().enumerate() {
        let cols: Vec<Option<Col>> = table.header.iter().map(|c| column(&c.text)).collect();
        let Some(name_col) = cols.iter().position(|c| *c == Some(Col::Name)) else {
            continue;
        };
        let primary = is_register
            || cols
                .iter()
                .flatten()
                .any(|c| !matches!(c, Col::Name | Col::Kind));
        for row in &table.rows {
            let Some(name_cell) = row.cells.get(name_col) else {
                continue;
            };
            let name = clean_name(&name_cell.text);
            if name.is_empty() {
                if row.cells.iter().any(|c| !c.text.trim().is_empty()) {
                    diags.push(
                        Diagnostic::new(
                            INVALID_METADATA,
                            Severity::Warning,
                            &doc.path,
                            row.span.clone(),
                            lang.pick(
                                "registerrad utan namn på organet",
                                "register row without a body name",
                            ),
                        )
                        .with_help(lang.pick(
                            "Skriv organets namn i kolumnen Organ, eller ta bort raden.",
                            "Write the body's name in the Body column, or remove the row.",
                        )),
                    );
                }
                continue;
            }
            let mut body = Body {
                name,
                kind: None,
                aliases: Vec::new(),
                established: None,
                abolished: None,
                replaced_by: Vec::new(),
                reports_to: Vec::new(),
                part_of: Vec::new(),
                doc: doc_idx,
                row_span: row.span.clone(),
                name_span: name_cell.span.clone(),
                table: t_idx,
                primary,
            };
            for (i, col) in cols.iter().enumerate() {
                let (Some(col), Some(cell)) = (col, row.cells.get(i)) else {
                    continue;
                };
                let text = cell.text.trim();
                if text.is_empty() || text == "-" || text == "–" {
                    continue;
                }
                match col {
                    Col::Name => {}
                    Col::Kind => body.kind = Some(text.to_string()),
                    Col::Aliases => body.aliases = split_names(&doc.text, cell),
                    Col::Established => {
                        body.established = date_cell(doc, lang, cell, diags).map(|d| d.value)
                    }
                    Col::Abolished => body.abolished = date_cell(doc, lang, cell, diags),
                    Col::ReplacedBy => body.replaced_by = split_names(&doc.text, cell),
                    Col::ReportsTo => body.reports_to = split_names(&doc.text, cell),
                    Col::PartOf => body.part_of = split_names(&doc.text, cell),
                }
            }
            out.push(body);
        }
    }
    out
}

/// Strips Markdown emphasis and link brackets a writer may put on a name.
fn clean_name(s: &str) -> String {
    s.trim()
        .trim_matches(['*', '_', '[', ']'])
        .trim()
        .to_string()
}

/// Splits a comma- or semicolon-separated cell into names with spans. A
/// name that holds a comma is written in double quotes ("Diversity, Equity
/// & Inclusion").
fn split_names(text: &str, cell: &styrlint_parse::Cell) -> Vec<Spanned<String>> {
    let raw = text.get(cell.span.clone()).unwrap_or("");
    let mut out = Vec::new();
    let mut parts: Vec<(usize, &str)> = Vec::new();
    let (mut from, mut quoted) = (0, false);
    for (i, c) in raw.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' | ';' if !quoted => {
                parts.push((from, &raw[from..i]));
                from = i + 1;
            }
            _ => {}
        }
    }
    parts.push((from, &raw[from..]));
    for (pos, part) in parts {
        let trimmed = part.trim();
        let start = pos + (part.len() - part.trim_start().len());
        let (inner, offset) = match trimmed.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            Some(inner) => (inner, 1),
            None => (trimmed, 0),
        };
        let name = clean_name(inner);
        if !name.is_empty() {
            let span =
                cell.span.start + start + offset..cell.span.start + start + offset + inner.len();
            out.push(Spanned { value: name, span });
        }
    }
    if out.is_empty() && !cell.text.trim().is_empty() {
        // The cell text differs from the raw bytes (escapes); keep it whole.
        out.push(Spanned {
            value: clean_name(&cell.text),
            span: cell.span.clone(),
        });
    }
    out
}

fn date_cell(
    doc: &Document,
    lang: Lang,
    cell: &styrlint_parse::Cell,
    diags: &mut Vec<Diagnostic>,
) -> Option<Spanned<Date>> {
    match Date::parse(&cell.text) {
        Ok(d) => Some(Spanned {
            value: d,
            span: cell.span.clone(),
        }),
        Err(_) => {
            diags.push(
                Diagnostic::new(
                    INVALID_METADATA,
                    Severity::Error,
                    &doc.path,
                    cell.span.clone(),
                    lang.pick(
                        format!("`{}` är inte ett giltigt datum (ÅÅÅÅ-MM-DD)", cell.text),
                        format!("`{}` is not a valid date (YYYY-MM-DD)", cell.text),
                    ),
                )
                .with_help(lang.pick(
                    "Skriv datum som ÅÅÅÅ-MM-DD. Vet du bara året, skriv årets första dag och en fotnot.",
                    "Write dates as YYYY-MM-DD. If you only know the year, write its first day and add a note.",
                )),
            );
            None
        }
    }
}

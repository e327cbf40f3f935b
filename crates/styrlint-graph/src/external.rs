//! Documents outside the corpus that steering documents cite: laws,
//! national documents, renamed terms. From a shipped register of Swedish
//! statutes (`data/external_sv.toml`) and from the user's own tables with
//! a `Dokument` / `Document` column.

use serde::Deserialize;
use std::ops::Range;
use styrlint_parse::{Date, Document, Status, ascii_fold, name_key};

/// An external document or term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct External {
    /// Its name, e.g. "Kommunallag (1991:900)".
    pub name: String,
    /// Other names and numbers it is cited by.
    pub aliases: Vec<String>,
    /// In force, repealed or superseded.
    pub status: Status,
    /// The name of what replaced it.
    pub replaced_by: Option<String>,
    /// When it stopped applying.
    pub date: Option<Date>,
    /// Where the fact comes from (an SFS number, a proposition).
    pub source: Option<String>,
    /// Where it is declared.
    pub origin: Origin,
}

/// Where an external document is declared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// styrlint's shipped register.
    Builtin,
    /// A row of a table in a corpus document.
    Table {
        /// The document.
        doc: usize,
        /// The row.
        row: Range<usize>,
    },
}

impl External {
    /// True when it no longer applies on `today`.
    pub fn is_gone(&self, today: Date) -> bool {
        self.status.is_gone() && self.date.is_none_or(|d| d <= today)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Builtin {
    document: Vec<BuiltinRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BuiltinRow {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    status: String,
    replaced_by: Option<String>,
    date: Option<String>,
    source: String,
    #[serde(default)]
    #[allow(dead_code)]
    kind: Option<String>,
}

const BUILTIN_SV: &str = include_str!("../data/external_sv.toml");

/// The shipped register of repealed and renamed statutes and terms.
pub fn builtin() -> Vec<External> {
    let Ok(data) = toml::from_str::<Builtin>(BUILTIN_SV) else {
        return Vec::new();
    };
    data.document
        .into_iter()
        .map(|r| External {
            name: r.name,
            aliases: r.aliases,
            status: Status::parse(&r.status).unwrap_or_default(),
            replaced_by: r.replaced_by,
            date: r.date.and_then(|d| Date::parse(&d).ok()),
            source: Some(r.source),
            origin: Origin::Builtin,
        })
        .collect()
}

/// External documents declared in a corpus document's tables.
pub fn from_tables(doc_idx: usize, doc: &Document) -> Vec<(usize, External)> {
    let mut out = Vec::new();
    for (t_idx, table) in doc.tables.iter().enumerate() {
        let col = |names: &[&str]| {
            table.header.iter().position(|c| {
                let k = ascii_fold(&name_key(&c.text));
                names.contains(&k.as_str())
            })
        };
        let Some(name_col) = col(&["dokument", "document"]) else {
            continue;
        };
        let alias_col = col(&["alias", "aliases"]);
        let status_col = col(&["status"]);
        let replaced_col = col(&["ersatt av", "replaced by"]);
        let date_col = col(&[
            "datum",
            "date",
            "upphavd",
            "repealed",
            "avvecklad",
            "abolished",
        ]);
        let source_col = col(&["kalla", "source"]);
        for row in &table.rows {
            let cell = |c: Option<usize>| {
                c.and_then(|i| row.cells.get(i))
                    .map(|c| c.text.trim().to_string())
                    .filter(|s| !s.is_empty() && s != "-")
            };
            let Some(name) = cell(Some(name_col)) else {
                continue;
            };
            let replaced_by = cell(replaced_col);
            let status = cell(status_col).and_then(|s| Status::parse(&s)).unwrap_or(
                if replaced_by.is_some() {
                    Status::Superseded
                } else {
                    Status::InForce
                },
            );
            out.push((
                t_idx,
                External {
                    name,
                    aliases: cell(alias_col)
                        .map(|a| {
                            a.split(',')
                                .map(|s| s.trim().to_string())
                                .filter(|s| !s.is_empty())
                                .collect()
                        })
                        .unwrap_or_default(),
                    status,
                    replaced_by,
                    date: cell(date_col).and_then(|d| Date::parse(&d).ok()),
                    source: cell(source_col),
                    origin: Origin::Table {
                        doc: doc_idx,
                        row: row.span.clone(),
                    },
                },
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_register_parses_and_cites_sources() {
        let b = builtin();
        assert!(b.len() >= 5);
        for e in &b {
            assert!(
                e.source.as_deref().is_some_and(|s| !s.is_empty()),
                "{}",
                e.name
            );
            if e.status.is_gone() {
                assert!(e.date.is_some(), "{}", e.name);
            }
        }
        toml::from_str::<Builtin>(BUILTIN_SV).unwrap();
    }
}

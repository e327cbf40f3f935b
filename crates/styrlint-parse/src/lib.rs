//! styrlint's parser: a Markdown steering document with YAML front matter
//! in, a [`Document`] out.
//!
//! Parsing never fails and does no IO: problems in the input come back as
//! [`Diagnostic`]s inside the document. Every span is a byte range into the
//! original text; matching happens on NFC-normalised copies ([`NormText`])
//! that map back to those bytes.

pub mod date;
pub mod diagnostic;
pub mod document;
pub mod frontmatter;
pub mod lang;
pub mod sentences;
pub mod slug;
pub mod text;
pub mod timing;

pub use date::Date;
pub use diagnostic::{Diagnostic, Edit, Fix, Related, Severity};
pub use document::{Block, BlockKind, Cell, Document, Heading, Link, LinkKind, Row, Table, parse};
pub use frontmatter::{Key, Meta, ReviewStamp, Spanned, Status};
pub use lang::Lang;
pub use text::{LineIndex, NormText, ascii_fold, name_key, name_key_cow};

//! styrlint's corpus model: the documents of one folder, the register of
//! bodies read from their tables, document types with their levels, and a
//! petgraph graph of documents and bodies (builds-on, replaces, decided-by,
//! owner, reports-to, part-of, replaced-by). No IO.

pub mod corpus;
pub mod kinds;
pub mod register;

pub use corpus::{BodyId, Corpus, DocId, Edge, Node};
pub use kinds::{DocKind, KindTable};
pub use register::Body;

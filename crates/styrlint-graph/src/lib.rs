//! styrlint's corpus model: the documents of one folder, the register of
//! bodies read from their tables, document types with their levels, and a
//! petgraph graph of documents and bodies (builds-on, replaces, decided-by,
//! owner, reports-to, part-of, replaced-by). No IO.

pub mod corpus;
pub mod export;
pub mod external;
pub mod hierarchy;
pub mod inflect;
pub mod kinds;
pub mod lexicon;
pub mod mandates;
pub mod mentions;
pub mod register;
pub mod standing;

pub use corpus::{BodyId, Corpus, DocId, Edge, Node, Options, Update};
pub use external::External;
pub use hierarchy::{Hierarchy, ParentRef};
pub use kinds::{DocKind, KindTable};
pub use lexicon::Lexicon;
pub use mandates::{Mandate, MandateKind, Role};
pub use mentions::{Mention, MentionKind, Target};
pub use register::Body;
pub use standing::{DateFrom, Dated, Facts, FixedBy, Standing};

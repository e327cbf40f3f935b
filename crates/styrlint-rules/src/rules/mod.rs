//! The rules, one per file.

mod ambiguous_reference;
mod broken_link;
mod duplicate_id;
mod invalid_metadata;
mod stale_reference;
mod unknown_body;
mod unknown_document;
mod unreadable_file;

pub use ambiguous_reference::AmbiguousReference;
pub use broken_link::BrokenLink;
pub use duplicate_id::DuplicateId;
pub use invalid_metadata::InvalidMetadata;
pub use stale_reference::StaleReference;
pub use unknown_body::UnknownBody;
pub use unknown_document::UnknownDocument;
pub use unreadable_file::UnreadableFile;

use crate::Rule;

/// Every rule, in name order.
pub(crate) static ALL: &[&dyn Rule] = &[
    &AmbiguousReference,
    &BrokenLink,
    &DuplicateId,
    &InvalidMetadata,
    &StaleReference,
    &UnknownBody,
    &UnknownDocument,
    &UnreadableFile,
];

//! The rules, one per file.

mod broken_link;
mod duplicate_id;
mod invalid_metadata;
mod unknown_body;
mod unknown_document;
mod unreadable_file;

pub use broken_link::BrokenLink;
pub use duplicate_id::DuplicateId;
pub use invalid_metadata::InvalidMetadata;
pub use unknown_body::UnknownBody;
pub use unknown_document::UnknownDocument;
pub use unreadable_file::UnreadableFile;

use crate::Rule;

/// Every rule, in name order.
pub(crate) static ALL: &[&dyn Rule] = &[
    &BrokenLink,
    &DuplicateId,
    &InvalidMetadata,
    &UnknownBody,
    &UnknownDocument,
    &UnreadableFile,
];

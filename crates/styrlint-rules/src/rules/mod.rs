//! The rules, one per file.

mod ambiguous_reference;
mod broken_link;
mod conflicting_mandate;
mod duplicate_id;
mod expired_reference;
mod goal_without_indicator;
mod hierarchy_cycle;
mod invalid_delegation;
mod invalid_metadata;
mod level_inversion;
mod missing_follow_up;
mod missing_metadata;
mod orphan_document;
mod outdated_derivation;
mod reporting_gap;
mod review_overdue;
mod stale_reference;
mod unbacked_mandate;
mod undefined_role;
mod unknown_body;
mod unknown_document;
mod unreadable_file;
mod unused_suppression;
mod wrong_decision_level;

pub use ambiguous_reference::AmbiguousReference;
pub use broken_link::BrokenLink;
pub use conflicting_mandate::ConflictingMandate;
pub use duplicate_id::DuplicateId;
pub use expired_reference::ExpiredReference;
pub use goal_without_indicator::GoalWithoutIndicator;
pub use hierarchy_cycle::HierarchyCycle;
pub use invalid_delegation::InvalidDelegation;
pub use invalid_metadata::InvalidMetadata;
pub use level_inversion::LevelInversion;
pub use missing_follow_up::MissingFollowUp;
pub use missing_metadata::MissingMetadata;
pub use orphan_document::OrphanDocument;
pub use outdated_derivation::OutdatedDerivation;
pub use reporting_gap::ReportingGap;
pub use review_overdue::ReviewOverdue;
pub use stale_reference::StaleReference;
pub use unbacked_mandate::UnbackedMandate;
pub use undefined_role::UndefinedRole;
pub use unknown_body::UnknownBody;
pub use unknown_document::UnknownDocument;
pub use unreadable_file::UnreadableFile;
pub use unused_suppression::UnusedSuppression;
pub use wrong_decision_level::WrongDecisionLevel;

use crate::Rule;

/// Every rule, in name order.
pub(crate) static ALL: &[&dyn Rule] = &[
    &AmbiguousReference,
    &BrokenLink,
    &ConflictingMandate,
    &DuplicateId,
    &ExpiredReference,
    &GoalWithoutIndicator,
    &HierarchyCycle,
    &InvalidDelegation,
    &InvalidMetadata,
    &LevelInversion,
    &MissingFollowUp,
    &MissingMetadata,
    &OrphanDocument,
    &OutdatedDerivation,
    &ReportingGap,
    &ReviewOverdue,
    &StaleReference,
    &UnbackedMandate,
    &UndefinedRole,
    &UnknownBody,
    &UnknownDocument,
    &UnreadableFile,
    &UnusedSuppression,
    &WrongDecisionLevel,
];

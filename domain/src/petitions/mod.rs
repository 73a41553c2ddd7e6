//! Petitions to a regional council under Organic Law 111-14 (articles 119-122): filing,
//! moderation, signatures, deposit and the council's answer.

pub mod lifecycle;

pub use lifecycle::{PetitionKind, PetitionStatus, Step, next_status};

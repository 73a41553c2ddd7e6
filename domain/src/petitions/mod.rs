//! Petitions to a regional council under Organic Law 111-14 (articles 119-122): filing,
//! moderation, signatures, deposit and the council's answer.

pub mod input;
pub mod lifecycle;

pub use input::{AttachmentPurpose, COMPETENCES, NewAttachment, NewPetition, PetitionForm};
pub use lifecycle::{PetitionKind, PetitionStatus, Step, next_status};

//! Validated types: each can only be built by its parser.

mod cin;
mod display_name;
mod email;
mod ids;
mod lang;
mod origin;
mod page_number;
mod password;
mod pdf;
mod phone;
mod region_slug;
mod upload;

pub use cin::Cin;
pub use display_name::DisplayName;
pub use email::Email;
pub use ids::{ConsultationId, GuideId, PetitionId, ProposalId, UserId};
pub use lang::Lang;
pub use origin::ClientOrigin;
pub use page_number::PageNumber;
pub use password::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, NewPassword};
pub use pdf::Pdf;
pub use phone::Phone;
pub use region_slug::RegionSlug;
pub use upload::{MAX_UPLOAD_BYTES, UPLOAD_TYPES, Upload};

//! Musharaka's business rules and persistence.
//!
//! One module per feature; operations take validated types and return view types. No web
//! framework lives here: the server and the pages call these operations.

pub mod accounts;
pub mod audit;
pub mod blocks;
pub mod clock;
pub mod consultations;
pub mod context;
pub mod dates;
pub mod db;
pub mod entities;
pub mod error;
pub mod guides;
pub mod mail;
pub mod mailings;
pub mod maintenance;
pub mod moderation_log;
pub mod petitions;
pub mod rate_limits;
pub mod regions;
pub mod roles;
pub mod search;
pub mod secrets;
pub mod sessions;
pub mod spreadsheet;
pub mod staff;
pub mod text;
pub mod types;

pub use clock::{Clock, FixedClock, SystemClock};
pub use context::AppContext;
pub use error::DomainError;

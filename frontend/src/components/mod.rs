//! Pieces shared by every page.

pub mod layout;
pub mod not_found;
pub mod title;

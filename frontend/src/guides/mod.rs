//! The guides library: the list (national, every region's, one region's), a guide's page (in a
//! region, with its numbers), its history with what changed, and the writers' form. The domain
//! (`domain::guides`) decides who reads and who writes what.

pub mod api;
pub mod documents;
pub mod editor;
pub mod history;
pub mod labels;
pub mod pages;
pub mod types;

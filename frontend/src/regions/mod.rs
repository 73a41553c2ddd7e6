//! The regions: the home page list (with a live filter) and the region page.

pub mod api;
pub mod identity;
pub mod pages;
pub mod types;

//! The regions: the home page's map and list (with a live filter) and the region page.

pub mod api;
pub mod identity;
pub mod map;
mod map_paths;
pub mod pages;
pub mod types;

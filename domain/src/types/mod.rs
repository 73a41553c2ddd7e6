//! Validated types: each can only be built by its parser.

mod lang;
mod region_slug;

pub use lang::Lang;
pub use region_slug::RegionSlug;

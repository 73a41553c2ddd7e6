//! Pieces shared by every page: the page frame (header, footer), form pieces, what a page shows
//! instead of its content, the page title.

pub mod form;
pub mod layout;
pub mod status;
pub mod title;

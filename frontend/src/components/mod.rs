//! Pieces shared by every page: the page frame (header, footer), form pieces, what a page shows
//! instead of its content, the page title, blocking the author of moderated content.

pub mod block;
pub mod form;
pub mod layout;
pub mod status;
pub mod title;

//! Pieces shared by every page: the page frame (header, footer), form pieces, what a page shows
//! instead of its content, the page title, blocking the author of moderated content, the moderation reasons, the pager of a list, the texts of a form in four languages.

pub mod block;
pub mod form;
pub mod layout;
pub mod pager;
pub mod reasons;
pub mod status;
pub mod texts;
pub mod title;

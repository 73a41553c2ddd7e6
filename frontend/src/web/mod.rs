//! The web-edge kit every feature uses, and that belongs to none of them: the one error of the
//! server functions (`error`), blocking the author of moderated content (`blocks`), the outcome of a form kept for the next page (`flash`), the words of error and notice codes (`messages`), who is
//! signed in (`session`), and on the server the request itself (`request`: the domain context,
//! the current user, redirects, error mapping).

pub mod blocks;
pub mod error;
pub mod flash;
pub mod messages;
#[cfg(feature = "ssr")]
pub mod request;
pub mod session;

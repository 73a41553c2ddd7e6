//! Background workers. Their work lives in database tables, so several server instances can run
//! them side by side and nothing is lost on restart.

pub mod cleanup;
pub mod outbox;
pub mod rounds;

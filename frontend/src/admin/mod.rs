//! Platform administration: staff roles (grant, revoke) and the audit log.

pub mod api;
pub mod pages;
pub mod types;

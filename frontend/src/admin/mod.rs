//! Platform administration: staff roles (grant, revoke), the audit log, the regions' settings,
//! finding an account, the outbox.

pub mod api;
pub mod outbox;
pub mod pages;
pub mod settings;
pub mod types;
pub mod users;

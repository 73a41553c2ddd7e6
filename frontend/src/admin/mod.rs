//! Platform administration: staff roles (grant, revoke), the audit log, the regions' settings.

pub mod api;
pub mod pages;
pub mod settings;
pub mod types;

//! Wire types of the account pages.

use serde::{Deserialize, Serialize};

/// The "my account" page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountData {
    pub email: String,
    pub display_name: String,
    pub lang: String,
    /// `YYYY-MM-DD`.
    pub created_on: String,
    /// Role names (`council_officer`, `moderator`, `platform_admin`).
    pub roles: Vec<String>,
    pub sessions: Vec<SessionItem>,
}

/// An open session on the account page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionItem {
    pub key: String,
    /// `YYYY-MM-DD HH:MM`, UTC.
    pub signed_in: String,
    pub current: bool,
}

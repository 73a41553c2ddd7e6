//! Wire types of the account pages.

use serde::{Deserialize, Serialize};

use crate::dates::Day;

/// The "my account" page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountData {
    pub email: String,
    pub display_name: String,
    pub lang: String,
    pub created_on: Option<Day>,
    /// Role names (`council_officer`, `moderator`, `platform_admin`).
    pub roles: Vec<String>,
    pub sessions: Vec<SessionItem>,
}

/// An open session on the account page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionItem {
    pub key: String,
    pub signed_in: Option<Day>,
    pub current: bool,
}

//! Wire types of the account pages.

use serde::{Deserialize, Serialize};

/// What the page shows after a form was posted: errors, what to fill the form with again (never
/// a password), or a notice.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Flash {
    /// The form it belongs to, e.g. `register`.
    pub form: String,
    pub errors: Vec<FieldError>,
    pub email: String,
    pub display_name: String,
    pub notice: Option<String>,
    /// Other fields of the form, as typed (never a password or a CIN).
    #[serde(default)]
    pub values: Vec<(String, String)>,
}

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: String,
}

impl Flash {
    /// What was typed in `field`, if the form comes back.
    pub fn value(&self, field: &str) -> String {
        self.values
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    }

    /// The error code of `field`, if any.
    pub fn error_of(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.code.as_str())
    }
}

/// The signed-in person, as the header shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedInUser {
    pub display_name: String,
    /// Platform admins see a link to the admin page.
    pub is_admin: bool,
}

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

//! Wire types of the admin page.

use serde::{Deserialize, Serialize};

use crate::names::Names;

/// Everything the admin page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminData {
    pub staff: Vec<StaffItem>,
    pub regions: Vec<RegionChoice>,
    pub audit: Vec<AuditItem>,
}

/// A staff role held by someone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffItem {
    pub user_id: i32,
    pub email: String,
    pub display_name: String,
    pub role: String,
    /// 0 for platform admins.
    pub region_id: i32,
}

/// A region to choose in the grant form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionChoice {
    pub id: i32,
    pub slug: String,
    pub name: Names,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditItem {
    /// `YYYY-MM-DD HH:MM:SS`, UTC.
    pub at: String,
    pub action: String,
    /// Who acted: their email address and account number (only the number once deleted).
    pub actor: Option<String>,
    /// Whom it concerned, written the same way.
    pub subject: Option<String>,
    pub region_id: Option<i32>,
    pub detail: String,
}

/// The actions the audit log records (for its filter).
pub const AUDIT_ACTIONS: [&str; 34] = [
    "sign_in_failed",
    "staff_signed_in",
    "role_granted",
    "role_revoked",
    "admin_created_from_cli",
    "password_reset",
    "password_changed",
    "email_change_requested",
    "email_changed",
    "account_deleted",
    "region_settings_changed",
    "petition_published",
    "petition_changes_requested",
    "petition_rejected",
    "petition_hidden",
    "petition_kept",
    "petition_restored",
    "petition_review_started",
    "petition_decided_admissible",
    "petition_decided_inadmissible",
    "petition_scheduled",
    "petition_answered",
    "signatories_exported",
    "paper_batch_recorded",
    "paper_batch_voided",
    "signatures_invalidated",
    "signatures_restored",
    "content_hidden",
    "content_kept",
    "content_restored",
    "account_blocked",
    "account_unblocked",
    "staff_alerts_changed",
    "access_denied",
];

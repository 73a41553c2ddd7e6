//! The append-only audit log: who did what, when, to whom, in which region. Rows are only ever
//! inserted; nothing in the platform updates or deletes them.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use std::collections::HashMap;

use crate::entities::{audit_entry, user};
use crate::{AppContext, DomainError};

/// One thing worth remembering.
#[derive(Debug, Clone)]
pub struct AuditEvent {
    pub actor_user_id: Option<i32>,
    /// Stable snake_case name, e.g. `sign_in_failed`, `role_granted`.
    pub action: &'static str,
    pub subject_user_id: Option<i32>,
    pub region_id: Option<i32>,
    pub detail: serde_json::Value,
}

/// Appends `event` (in the caller's transaction when `db` is one).
pub async fn record<C: ConnectionTrait>(
    ctx: &AppContext,
    db: &C,
    event: AuditEvent,
) -> Result<(), DomainError> {
    audit_entry::ActiveModel {
        at: Set(ctx.clock.now()),
        actor_user_id: Set(event.actor_user_id),
        action: Set(event.action.to_owned()),
        subject_user_id: Set(event.subject_user_id),
        region_id: Set(event.region_id),
        detail: Set(event.detail.to_string()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Records that `actor` tried the privileged `operation` (e.g. `moderate_petition`) and was
/// refused, and gives back `Forbidden` for the caller to return.
pub async fn denied(
    ctx: &AppContext,
    actor: i32,
    operation: &'static str,
    region_id: Option<i32>,
    detail: serde_json::Value,
) -> DomainError {
    let event = AuditEvent {
        actor_user_id: Some(actor),
        action: "access_denied",
        subject_user_id: None,
        region_id,
        detail: serde_json::json!({ "operation": operation, "target": detail }),
    };
    if let Err(err) = record(ctx, &ctx.db, event).await {
        tracing::error!(%err, operation, "a refused attempt could not be audit-logged");
    }
    DomainError::Forbidden
}

/// One line of the log as the admin page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditView {
    pub at: chrono::DateTime<chrono::Utc>,
    pub action: String,
    pub actor_user_id: Option<i32>,
    /// The actor's email address, while the account exists.
    pub actor_email: Option<String>,
    pub subject_user_id: Option<i32>,
    /// The subject's email address, while the account exists.
    pub subject_email: Option<String>,
    pub region_id: Option<i32>,
    pub detail: String,
}

/// The newest `limit` lines (at most 500), optionally of one action only. Admin only.
pub async fn list_entries(
    ctx: &AppContext,
    by: &crate::roles::Actor,
    action: Option<&str>,
    limit: u64,
) -> Result<Vec<AuditView>, DomainError> {
    if !by.is_admin() {
        return Err(DomainError::Forbidden);
    }
    let mut query = audit_entry::Entity::find().order_by_desc(audit_entry::Column::Id);
    if let Some(action) = action.filter(|a| !a.is_empty()) {
        query = query.filter(audit_entry::Column::Action.eq(action));
    }
    let entries = query.limit(limit.min(500)).all(&ctx.db).await?;
    let mut ids: Vec<i32> = entries
        .iter()
        .flat_map(|e| [e.actor_user_id, e.subject_user_id])
        .flatten()
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let emails: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.email))
        .collect();
    let email_of = |id: Option<i32>| id.and_then(|id| emails.get(&id).cloned());
    Ok(entries
        .into_iter()
        .map(|e| AuditView {
            at: e.at,
            actor_email: email_of(e.actor_user_id),
            subject_email: email_of(e.subject_user_id),
            action: e.action,
            actor_user_id: e.actor_user_id,
            subject_user_id: e.subject_user_id,
            region_id: e.region_id,
            detail: e.detail,
        })
        .collect())
}

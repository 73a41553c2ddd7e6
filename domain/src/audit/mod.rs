//! The append-only audit log: who did what, when, to whom, in which region. Rows are only ever
//! inserted; nothing in the platform updates or deletes them.

pub mod entries;

use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

use crate::entities::audit_entry;
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

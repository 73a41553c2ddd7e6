//! Reading the log: the platform admin's page.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::entities::{audit_entry, user};
use crate::roles::Actor;
use crate::{AppContext, DomainError};

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
    by: &Actor,
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

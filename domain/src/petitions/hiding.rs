//! Hiding a published petition and restoring it. The region's moderators hide a petition on a
//! report ([`super::reports`]) or from its page, for a report reason; from then on everyone but
//! its representative and the region's staff sees only when and why ([`super::views::visibility`]):
//! no list, search, file or progress shows it, and nobody signs or deposits it. A moderator
//! restores it with a reason. Both are audit-logged and in the public moderation log.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::load;
use crate::audit::{self, AuditEvent};
use crate::entities::{petition, petition_report};
use crate::moderation_log::{LogAction, LogSubject, REPORT_REASONS, RESTORE_REASONS, reason_of};
use crate::roles::Actor;
use crate::types::PetitionId;
use crate::{AppContext, DomainError};

/// Most hidden petitions listed for the moderators (the newest).
pub const HIDDEN_LISTED: u64 = 100;

/// Hides published petition `p` for `reason` on `db` (the decision's transaction) and writes it
/// in the public log; `Conflict("already_hidden")` if it is hidden already.
pub(super) async fn hide<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    p: &petition::Model,
    reason: &str,
) -> Result<(), DomainError> {
    use sea_orm::sea_query::Expr;
    let updated = petition::Entity::update_many()
        .col_expr(petition::Column::HiddenAt, Expr::value(Some(now)))
        .col_expr(petition::Column::HiddenReason, Expr::value(reason))
        .filter(petition::Column::Id.eq(p.id))
        .filter(petition::Column::PublishedAt.is_not_null())
        .filter(petition::Column::HiddenAt.is_null())
        .exec(db)
        .await?;
    if updated.rows_affected != 1 {
        return Err(DomainError::Conflict("already_hidden"));
    }
    crate::moderation_log::record(
        db,
        now,
        p.region_id,
        LogAction::Hidden,
        LogSubject::Petition(p.id),
        Some(reason),
    )
    .await
}

/// The petition, if `by` moderates its region (`Forbidden`, audit-logged, otherwise).
async fn moderated(
    ctx: &AppContext,
    by: &Actor,
    id: PetitionId,
    action: &'static str,
) -> Result<petition::Model, DomainError> {
    let p = load(&ctx.db, id).await?;
    if !by.is_moderator_of(p.region_id) {
        let target = serde_json::json!({ "petition": p.id });
        return Err(audit::denied(ctx, by.user.0, action, Some(p.region_id), target).await);
    }
    Ok(p)
}

/// A moderator of the region hides published petition `id` for `reason` (one of
/// [`REPORT_REASONS`]); its open reports are decided with it.
pub async fn hide_petition(
    ctx: &AppContext,
    by: &Actor,
    id: PetitionId,
    reason: &str,
) -> Result<(), DomainError> {
    let reason = reason_of(&REPORT_REASONS, reason, "reason_not_chosen")?;
    let p = moderated(ctx, by, id, "hide_petition").await?;
    if p.published_at.is_none() {
        return Err(DomainError::Conflict("not_published"));
    }
    let now = ctx.clock.now();
    let txn = crate::db::begin_write(&ctx.db).await?;
    hide(&txn, now, &p, reason).await?;
    petition_report::Entity::update_many()
        .set(petition_report::ActiveModel {
            decision: sea_orm::Set(Some("hidden".to_owned())),
            decided_by: sea_orm::Set(Some(by.user.0)),
            decided_at: sea_orm::Set(Some(now)),
            ..Default::default()
        })
        .filter(petition_report::Column::PetitionId.eq(p.id))
        .filter(petition_report::Column::Decision.is_null())
        .exec(&txn)
        .await?;
    audit::record(
        ctx,
        &txn,
        AuditEvent {
            actor_user_id: Some(by.user.0),
            action: "petition_hidden",
            subject_user_id: None,
            region_id: Some(p.region_id),
            detail: serde_json::json!({ "petition": p.id, "reason": reason }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A moderator of the region shows hidden petition `id` again, for `reason` (one of
/// [`RESTORE_REASONS`]); `Conflict("not_hidden")` if it is not hidden.
pub async fn restore_petition(
    ctx: &AppContext,
    by: &Actor,
    id: PetitionId,
    reason: &str,
) -> Result<(), DomainError> {
    use sea_orm::sea_query::Expr;
    let reason = reason_of(&RESTORE_REASONS, reason, "restore_reason_missing")?;
    let p = moderated(ctx, by, id, "restore_petition").await?;
    let now = ctx.clock.now();
    let txn = crate::db::begin_write(&ctx.db).await?;
    let updated = petition::Entity::update_many()
        .col_expr(
            petition::Column::HiddenAt,
            Expr::value(None::<DateTime<Utc>>),
        )
        .col_expr(petition::Column::HiddenReason, Expr::value(None::<String>))
        .filter(petition::Column::Id.eq(p.id))
        .filter(petition::Column::HiddenAt.is_not_null())
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(DomainError::Conflict("not_hidden"));
    }
    crate::moderation_log::record(
        &txn,
        now,
        p.region_id,
        LogAction::Restored,
        LogSubject::Petition(p.id),
        Some(reason),
    )
    .await?;
    audit::record(
        ctx,
        &txn,
        AuditEvent {
            actor_user_id: Some(by.user.0),
            action: "petition_restored",
            subject_user_id: None,
            region_id: Some(p.region_id),
            detail: serde_json::json!({ "petition": p.id, "reason": reason }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A hidden petition as its moderators see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HiddenPetition {
    pub id: PetitionId,
    pub title: String,
    /// A report reason code.
    pub reason: String,
    pub hidden_at: DateTime<Utc>,
}

/// The hidden petitions of region `region_id`, newest first (at most [`HIDDEN_LISTED`]). Its
/// moderators only.
pub async fn list_hidden_petitions(
    ctx: &AppContext,
    by: &Actor,
    region_id: i32,
) -> Result<Vec<HiddenPetition>, DomainError> {
    if !by.is_moderator_of(region_id) {
        let target = serde_json::json!({ "region": region_id });
        return Err(audit::denied(
            ctx,
            by.user.0,
            "list_hidden_petitions",
            Some(region_id),
            target,
        )
        .await);
    }
    Ok(petition::Entity::find()
        .filter(petition::Column::RegionId.eq(region_id))
        .filter(petition::Column::HiddenAt.is_not_null())
        .order_by_desc(petition::Column::HiddenAt)
        .order_by_desc(petition::Column::Id)
        .limit(HIDDEN_LISTED)
        .all(&ctx.db)
        .await?
        .into_iter()
        .filter_map(|p| {
            Some(HiddenPetition {
                id: PetitionId(p.id),
                hidden_at: p.hidden_at?,
                reason: p.hidden_reason.unwrap_or_default(),
                title: p.title,
            })
        })
        .collect())
}

//! Marking selected signatures invalid, and undoing it: the counts follow in the same
//! transaction (per province and day), so the threshold follows at the next progress round.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::selection::Selection;
use super::{before_deposit, reviewed};
use crate::audit::{self, AuditEvent};
use crate::entities::{signature, signature_invalidation};
use crate::petitions::counts;
use crate::roles::Actor;
use crate::types::PetitionId;
use crate::{AppContext, DomainError};

/// Longest reason.
const MAX_REASON_CHARS: usize = 300;

/// An invalidation as the review and the petition's page show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidationView {
    pub id: i32,
    pub signatures: i32,
    pub reason: String,
    pub at: DateTime<Utc>,
    pub undone_at: Option<DateTime<Utc>>,
}

fn view(i: signature_invalidation::Model) -> InvalidationView {
    InvalidationView {
        id: i.id,
        signatures: i.signatures,
        reason: i.reason,
        at: i.created_at,
        undone_at: i.undone_at,
    }
}

/// Every invalidation of petition `id`, newest first.
pub(super) async fn invalidations<C: ConnectionTrait>(
    db: &C,
    id: PetitionId,
) -> Result<Vec<InvalidationView>, DomainError> {
    Ok(signature_invalidation::Entity::find()
        .filter(signature_invalidation::Column::PetitionId.eq(id.0))
        .order_by_desc(signature_invalidation::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(view)
        .collect())
}

/// What the petition's page says: the invalidations in force, oldest first.
pub async fn removal_notices<C: ConnectionTrait>(
    db: &C,
    id: PetitionId,
) -> Result<Vec<InvalidationView>, DomainError> {
    let mut notices: Vec<InvalidationView> = invalidations(db, id)
        .await?
        .into_iter()
        .filter(|i| i.undone_at.is_none())
        .collect();
    notices.reverse();
    Ok(notices)
}

/// Adds `sign` (1 or -1) per signature of invalidation `invalidation` to the petition's counts.
async fn recount<C: ConnectionTrait>(
    db: &C,
    id: PetitionId,
    invalidation: i32,
    sign: i32,
) -> Result<i32, DomainError> {
    let rows: Vec<(i32, DateTime<Utc>)> = signature::Entity::find()
        .select_only()
        .columns([signature::Column::ProvinceId, signature::Column::CreatedAt])
        .filter(signature::Column::InvalidationId.eq(invalidation))
        .into_tuple()
        .all(db)
        .await?;
    let mut per_cell: HashMap<(i32, chrono::NaiveDate), i32> = HashMap::new();
    for (province, at) in &rows {
        *per_cell
            .entry((*province, counts::day_of(*at)))
            .or_default() += 1;
    }
    for ((province, day), n) in per_cell {
        counts::add(db, id, province, day, sign * n).await?;
    }
    Ok(i32::try_from(rows.len()).unwrap_or(i32::MAX))
}

/// `by` (a moderator of the region or a platform admin) marks the valid online signatures of
/// petition `id` that `selection` matches invalid, for `reason` (1 to 300 characters, shown in
/// public); before the deposit only. `Conflict("nothing_selected")` when none matches. Gives the
/// number marked.
pub async fn invalidate_signatures(
    ctx: &AppContext,
    by: &Actor,
    id: PetitionId,
    selection: &Selection,
    reason: &str,
) -> Result<i32, DomainError> {
    let reason = reason.trim();
    if reason.is_empty()
        || reason.chars().count() > MAX_REASON_CHARS
        || reason.chars().any(char::is_control)
    {
        return Err(DomainError::Validation {
            field: "reason",
            code: "invalidation_reason_missing",
        });
    }
    if selection.is_empty() {
        return Err(DomainError::Validation {
            field: "network",
            code: "selection_empty",
        });
    }
    let p = reviewed(ctx, by, id, "invalidate_signatures").await?;
    if !before_deposit(&p)? {
        return Err(DomainError::Conflict("not_collecting"));
    }
    let now = ctx.clock.now();
    let described = serde_json::to_string(selection)
        .map_err(|e| DomainError::Internal(format!("selection: {e}")))?;
    let txn = crate::db::begin_write(&ctx.db).await?;
    let invalidation =
        signature_invalidation::Entity::insert(signature_invalidation::ActiveModel {
            petition_id: Set(p.id),
            reason: Set(reason.to_owned()),
            selection: Set(described.clone()),
            signatures: Set(0),
            created_by: Set(Some(by.user.0)),
            created_at: Set(now),
            ..Default::default()
        })
        .exec(&txn)
        .await?
        .last_insert_id;
    signature::Entity::update_many()
        .col_expr(signature::Column::InvalidationId, Expr::value(invalidation))
        .filter(signature::Column::PetitionId.eq(p.id))
        .filter(signature::Column::PaperBatchId.is_null())
        .filter(signature::Column::InvalidationId.is_null())
        .filter(selection.condition())
        .exec(&txn)
        .await?;
    let marked = recount(&txn, id, invalidation, -1).await?;
    if marked == 0 {
        return Err(DomainError::Conflict("nothing_selected"));
    }
    signature_invalidation::Entity::update_many()
        .col_expr(
            signature_invalidation::Column::Signatures,
            Expr::value(marked),
        )
        .filter(signature_invalidation::Column::Id.eq(invalidation))
        .exec(&txn)
        .await?;
    audit::record(
        ctx,
        &txn,
        AuditEvent {
            actor_user_id: Some(by.user.0),
            action: "signatures_invalidated",
            subject_user_id: None,
            region_id: Some(p.region_id),
            detail: serde_json::json!({
                "petition": p.id, "invalidation": invalidation, "signatures": marked,
                "reason": reason, "selection": described,
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(marked)
}

/// `by` undoes invalidation `invalidation` of petition `id`: its signatures count again (before
/// the deposit only). `Conflict("already_undone")` the second time.
pub async fn undo_invalidation(
    ctx: &AppContext,
    by: &Actor,
    id: PetitionId,
    invalidation: i32,
) -> Result<(), DomainError> {
    let p = reviewed(ctx, by, id, "undo_invalidation").await?;
    let found = signature_invalidation::Entity::find_by_id(invalidation)
        .filter(signature_invalidation::Column::PetitionId.eq(p.id))
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if !before_deposit(&p)? {
        return Err(DomainError::Conflict("not_collecting"));
    }
    let now = ctx.clock.now();
    let txn = crate::db::begin_write(&ctx.db).await?;
    let taken = signature_invalidation::Entity::update_many()
        .set(signature_invalidation::ActiveModel {
            undone_at: Set(Some(now)),
            undone_by: Set(Some(by.user.0)),
            ..Default::default()
        })
        .filter(signature_invalidation::Column::Id.eq(found.id))
        .filter(signature_invalidation::Column::UndoneAt.is_null())
        .exec(&txn)
        .await?;
    if taken.rows_affected != 1 {
        return Err(DomainError::Conflict("already_undone"));
    }
    let restored = recount(&txn, id, found.id, 1).await?;
    signature::Entity::update_many()
        .col_expr(signature::Column::InvalidationId, Expr::value(None::<i32>))
        .filter(signature::Column::InvalidationId.eq(found.id))
        .exec(&txn)
        .await?;
    audit::record(
        ctx,
        &txn,
        AuditEvent {
            actor_user_id: Some(by.user.0),
            action: "signatures_restored",
            subject_user_id: None,
            region_id: Some(p.region_id),
            detail: serde_json::json!({
                "petition": p.id, "invalidation": found.id, "signatures": restored,
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

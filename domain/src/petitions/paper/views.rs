//! Batches as their officers read them: one, all of a petition's, and the count on paper.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::batches::{BatchStatus, PaperBatchView, officer_batch, officer_petition};
use crate::entities::{paper_batch, paper_batch_row, user};
use crate::roles::Actor;
use crate::types::PetitionId;
use crate::{AppContext, DomainError};

/// The batch as shown, with the officer's name and (pending) its rows per province.
async fn view(
    ctx: &AppContext,
    batch: paper_batch::Model,
    names: &HashMap<i32, String>,
) -> Result<PaperBatchView, DomainError> {
    let status = BatchStatus::parse(&batch.status);
    let by_province = if status == BatchStatus::Pending {
        let provinces: Vec<i32> = paper_batch_row::Entity::find()
            .select_only()
            .column(paper_batch_row::Column::ProvinceId)
            .filter(paper_batch_row::Column::BatchId.eq(batch.id))
            .into_tuple()
            .all(&ctx.db)
            .await?;
        let mut counted: Vec<(i32, i64)> = Vec::new();
        for province in provinces {
            match counted.iter_mut().find(|(p, _)| *p == province) {
                Some((_, n)) => *n += 1,
                None => counted.push((province, 1)),
            }
        }
        counted.sort_unstable();
        counted
    } else {
        Vec::new()
    };
    Ok(PaperBatchView {
        id: batch.id,
        petition_id: PetitionId(batch.petition_id),
        refused: serde_json::from_str(&batch.refused).unwrap_or_default(),
        entered_by: batch.entered_by.and_then(|u| names.get(&u).cloned()),
        reference: batch.reference,
        collected_on: batch.collected_on,
        status,
        accepted: batch.accepted,
        by_province,
        created_at: batch.created_at,
        voided_at: batch.voided_at,
        void_reason: batch.void_reason,
    })
}

/// The display names of the officers of `batches`.
async fn officer_names(
    ctx: &AppContext,
    batches: &[paper_batch::Model],
) -> Result<HashMap<i32, String>, DomainError> {
    let ids: Vec<i32> = batches.iter().filter_map(|b| b.entered_by).collect();
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect())
}

/// Batch `id` of petition `petition`, for an officer of its region.
pub async fn get_paper_batch(
    ctx: &AppContext,
    by: &Actor,
    petition: PetitionId,
    id: i32,
) -> Result<PaperBatchView, DomainError> {
    let (batch, _) = officer_batch(ctx, by, id, "get_paper_batch").await?;
    if batch.petition_id != petition.0 {
        return Err(DomainError::NotFound);
    }
    let names = officer_names(ctx, std::slice::from_ref(&batch)).await?;
    view(ctx, batch, &names).await
}

/// The batches of petition `id`, newest first, for an officer of its region.
pub async fn list_paper_batches(
    ctx: &AppContext,
    by: &Actor,
    id: PetitionId,
) -> Result<Vec<PaperBatchView>, DomainError> {
    officer_petition(ctx, by, id, "list_paper_batches").await?;
    let batches = paper_batch::Entity::find()
        .filter(paper_batch::Column::PetitionId.eq(id.0))
        .order_by_desc(paper_batch::Column::Id)
        .all(&ctx.db)
        .await?;
    let names = officer_names(ctx, &batches).await?;
    let mut views = Vec::with_capacity(batches.len());
    for batch in batches {
        views.push(view(ctx, batch, &names).await?);
    }
    Ok(views)
}

/// The signatures of petition `id` recorded from paper.
pub async fn paper_count<C: ConnectionTrait>(db: &C, id: PetitionId) -> Result<i64, DomainError> {
    let accepted: Vec<i32> = paper_batch::Entity::find()
        .select_only()
        .column(paper_batch::Column::Accepted)
        .filter(paper_batch::Column::PetitionId.eq(id.0))
        .filter(paper_batch::Column::Status.eq(BatchStatus::Recorded.as_str()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(accepted.into_iter().map(i64::from).sum())
}

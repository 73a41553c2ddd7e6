//! What every feature's mailing shares: each round works on the oldest mailings not done yet,
//! and sends each its next batch after a cursor (see `petitions::mailings`,
//! `consultations::mailings`).

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::{AppContext, DomainError};

/// Mailings a feature works on in one round (each sends `batch` emails).
const MAILINGS_PER_ROUND: u64 = 10;

/// The oldest mailings of table `E` not done yet (`done_at` unset), for this round.
pub(crate) async fn pending<E: EntityTrait>(
    ctx: &AppContext,
    done_at: E::Column,
    id: E::Column,
) -> Result<Vec<E::Model>, DomainError> {
    Ok(E::find()
        .filter(done_at.is_null())
        .order_by_asc(id)
        .limit(MAILINGS_PER_ROUND)
        .all(&ctx.db)
        .await?)
}

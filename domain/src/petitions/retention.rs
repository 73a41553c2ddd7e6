//! Retention of signatories' personal data (Law 09-08): a set time after a petition closed
//! (answered, found inadmissible, expired or withdrawn), the names, CIN numbers (sealed and
//! hashed) and addresses of its signatories are erased, in batches. What the public sees stays:
//! the counts per province and per day, and the timeline.

use chrono::Duration;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use super::lifecycle::PetitionStatus;
use crate::entities::{petition, signature, signature_request};
use crate::{AppContext, DomainError};

/// The statuses in which a petition is over.
pub const CLOSED: [PetitionStatus; 4] = [
    PetitionStatus::Answered,
    PetitionStatus::Inadmissible,
    PetitionStatus::Expired,
    PetitionStatus::Withdrawn,
];

/// Signatures erased per transaction (a petition may have a million).
const BATCH: u64 = 5_000;
/// Petitions handled per pass.
const PETITIONS_PER_PASS: u64 = 50;

/// What one pass erased.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ErasureReport {
    pub petitions: u64,
    pub signatures: u64,
}

/// Erases the signatories of petitions closed more than `after` ago (and not erased yet).
#[tracing::instrument(skip(ctx))]
pub async fn erase_closed_signatories(
    ctx: &AppContext,
    after: Duration,
) -> Result<ErasureReport, DomainError> {
    let now = ctx.clock.now();
    let closed: Vec<&str> = CLOSED.iter().map(|s| s.as_str()).collect();
    // A closed petition changes no more: its last update is when it closed.
    let due: Vec<i32> = petition::Entity::find()
        .select_only()
        .column(petition::Column::Id)
        .filter(petition::Column::Status.is_in(closed.clone()))
        .filter(petition::Column::UpdatedAt.lt(now - after))
        .filter(petition::Column::SignatoriesErasedAt.is_null())
        .order_by_asc(petition::Column::Id)
        .limit(PETITIONS_PER_PASS)
        .into_tuple()
        .all(&ctx.db)
        .await?;
    let mut report = ErasureReport::default();
    for id in due {
        loop {
            let batch: Vec<i32> = signature::Entity::find()
                .select_only()
                .column(signature::Column::Id)
                .filter(signature::Column::PetitionId.eq(id))
                .filter(signature::Column::CinSealed.ne(""))
                .limit(BATCH)
                .into_tuple()
                .all(&ctx.db)
                .await?;
            if batch.is_empty() {
                break;
            }
            let erased = signature::Entity::update_many()
                .col_expr(signature::Column::FullName, Expr::value(""))
                .col_expr(signature::Column::CinSealed, Expr::value(""))
                .col_expr(
                    signature::Column::CinHash,
                    Expr::cust("'erased:' || CAST(id AS TEXT)"),
                )
                .col_expr(signature::Column::Email, Expr::value(""))
                .col_expr(signature::Column::UserId, Expr::value(Option::<i32>::None))
                .col_expr(
                    signature::Column::WithdrawTokenHash,
                    Expr::value(Option::<String>::None),
                )
                .col_expr(signature::Column::Notify, Expr::value(false))
                .col_expr(signature::Column::EmailKey, none())
                .col_expr(
                    signature::Column::EmailSlot,
                    Expr::value(Option::<i16>::None),
                )
                .col_expr(signature::Column::IpPrefixHash, none())
                .col_expr(signature::Column::UserAgentHash, none())
                .col_expr(signature::Column::EmailDomain, none())
                .filter(signature::Column::Id.is_in(batch))
                .exec(&ctx.db)
                .await?;
            report.signatures += erased.rows_affected;
        }
        signature_request::Entity::delete_many()
            .filter(signature_request::Column::PetitionId.eq(id))
            .exec(&ctx.db)
            .await?;
        let marked = petition::Entity::update_many()
            .set(petition::ActiveModel {
                signatories_erased_at: Set(Some(now)),
                ..Default::default()
            })
            .filter(petition::Column::Id.eq(id))
            .filter(petition::Column::Status.is_in(closed.clone()))
            .exec(&ctx.db)
            .await?;
        report.petitions += marked.rows_affected;
    }
    if report.petitions > 0 {
        tracing::info!(
            petitions = report.petitions,
            signatures = report.signatures,
            "signatories erased after retention"
        );
    }
    Ok(report)
}

/// A NULL text value.
fn none() -> sea_orm::sea_query::SimpleExpr {
    Expr::value(Option::<String>::None)
}

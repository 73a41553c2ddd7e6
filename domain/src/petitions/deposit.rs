//! Deposit: the representative hands the petition to the council; signing stops; a receipt
//! with a reference number (`{region code}-{year}-{sequence}`) and the date is issued, emailed and
//! shown; the bureau's decision is due within the region's deadline (2 months by default).

use chrono::{Datelike, Months};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set};

use super::counts::{by_province, rule_met};
use super::lifecycle::{PetitionKind, PetitionStatus, Step};
use super::{advance, emails, load, state};
use crate::entities::{petition, province, region, region_setting, user};
use crate::mail::outbox;
use crate::types::Lang;
use crate::types::PetitionId;
use crate::types::UserId;
use crate::{AppContext, DomainError};

/// The receipt of a deposit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub reference: String,
    pub deposited_at: chrono::DateTime<chrono::Utc>,
    pub decision_due_at: chrono::DateTime<chrono::Utc>,
}

/// Deposits petition `id`. Only its representative may, once it has what it needs (citizen
/// petitions: the signatures, checked on the exact counts now).
pub async fn deposit_petition(
    ctx: &AppContext,
    by: UserId,
    id: PetitionId,
) -> Result<Receipt, DomainError> {
    let p = load(&ctx.db, id).await?;
    if p.representative_id != Some(by.0) {
        return Err(DomainError::Forbidden);
    }
    // Hidden, it waits for its moderators: the council files what the public may read.
    if p.hidden_at.is_some() {
        return Err(DomainError::Conflict("petition_hidden"));
    }
    let (kind, _) = state(&p)?;
    if kind == PetitionKind::Citizen {
        let provinces: Vec<i32> = province::Entity::find()
            .filter(province::Column::RegionId.eq(p.region_id))
            .all(&ctx.db)
            .await?
            .iter()
            .map(|p| p.id)
            .collect();
        let counts = by_province(&ctx.db, id).await?;
        let met = rule_met(
            i64::from(p.threshold.unwrap_or(i32::MAX)),
            i64::from(p.per_province_minimum.unwrap_or(0)),
            &provinces,
            &counts,
        );
        if !met {
            return Err(DomainError::Conflict("threshold_not_met"));
        }
    }
    let region = region::Entity::find_by_id(p.region_id)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let settings = region_setting::Entity::find_by_id(p.region_id)
        .one(&ctx.db)
        .await?
        .ok_or_else(|| DomainError::Internal("region without settings".into()))?;
    let now = ctx.clock.now();
    let due = now
        .checked_add_months(Months::new(
            u32::try_from(settings.bureau_decision_months).unwrap_or(2),
        ))
        .unwrap_or(now);
    let year = now.year();
    // Two deposits in the same region at the same moment may draw the same number: the unique
    // index refuses the second, which draws again.
    for _ in 0..5 {
        let txn = crate::db::begin_write(&ctx.db).await?;
        let last: Option<i32> = petition::Entity::find()
            .select_only()
            .column_as(petition::Column::ReferenceSeq.max(), "last")
            .filter(petition::Column::RegionId.eq(p.region_id))
            .filter(petition::Column::ReferenceYear.eq(year))
            .into_tuple::<Option<i32>>()
            .one(&txn)
            .await?
            .flatten();
        let seq = last.unwrap_or(0) + 1;
        let reference = format!("{}-{year}-{seq:05}", region.code);
        let changes = petition::ActiveModel {
            reference: Set(Some(reference.clone())),
            reference_year: Set(Some(year)),
            reference_seq: Set(Some(seq)),
            deposited_at: Set(Some(now)),
            decision_due_at: Set(Some(due)),
            ..Default::default()
        };
        // The progress job may not have seen the threshold yet: the exact counts just did.
        let mut current = p.clone();
        if state(&current)?.1 == PetitionStatus::Collecting {
            advance(
                &txn,
                now,
                &current,
                Step::ReachThreshold,
                None,
                (None, None),
                <petition::ActiveModel as Default>::default(),
            )
            .await?;
            current.status = PetitionStatus::ThresholdReached.as_str().to_owned();
        }
        match advance(
            &txn,
            now,
            &current,
            Step::Deposit,
            Some(by),
            (None, None),
            changes,
        )
        .await
        {
            Ok(_) => {}
            Err(DomainError::Conflict("already_exists")) => continue,
            Err(err) => return Err(err),
        }
        if let Some(account) = user::Entity::find_by_id(by.0).one(&txn).await? {
            let lang = Lang::parse(&account.lang).unwrap_or_default();
            let message = emails::deposit_receipt(
                &account.email,
                lang,
                &account.display_name,
                &p.title,
                &reference,
                now,
                due,
                &crate::mail::links::petition(ctx, lang, &region.slug, id),
            );
            let message = crate::regions::council::council(&txn, region.id)
                .await?
                .sign(message, lang);
            outbox::enqueue(&txn, now, message).await?;
        }
        txn.commit().await?;
        return Ok(Receipt {
            reference,
            deposited_at: now,
            decision_due_at: due,
        });
    }
    Err(DomainError::Conflict("busy_try_again"))
}

/// Withdraws petition `id` before deposit; only its representative may.
pub async fn withdraw_petition(
    ctx: &AppContext,
    by: UserId,
    id: PetitionId,
) -> Result<(), DomainError> {
    let p = load(&ctx.db, id).await?;
    if p.representative_id != Some(by.0) {
        return Err(DomainError::Forbidden);
    }
    let txn = crate::db::begin_write(&ctx.db).await?;
    advance(
        &txn,
        ctx.clock.now(),
        &p,
        Step::Withdraw,
        Some(by),
        (None, None),
        <petition::ActiveModel as Default>::default(),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

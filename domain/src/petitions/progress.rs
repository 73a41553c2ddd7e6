//! The petitions' progress, brought up to date by a periodic job: list counts, the threshold
//! reached (or lost again after withdrawals), the end of the collection period, and the
//! representative's emails at 50% and 100%.

use std::collections::BTreeMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, Statement};

use super::counts::rule_met;
use super::lifecycle::{PetitionStatus, Step};
use super::{advance, emails, state};
use crate::entities::{petition, province, user};
use crate::mail::outbox;
use crate::types::Lang;
use crate::types::PetitionId;
use crate::{AppContext, DomainError};

/// What one run changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProgressReport {
    /// Petitions whose listed count changed.
    pub recounted: u64,
    pub reached: u64,
    pub fell_below: u64,
    pub expired: u64,
}

/// Brings every collecting petition up to date.
pub async fn refresh_progress(ctx: &AppContext) -> Result<ProgressReport, DomainError> {
    let now = ctx.clock.now();
    let open = petition::Entity::find()
        .filter(petition::Column::Status.is_in([
            PetitionStatus::Collecting.as_str(),
            PetitionStatus::ThresholdReached.as_str(),
        ]))
        .filter(petition::Column::Kind.eq("citizen"))
        .all(&ctx.db)
        .await?;
    let mut report = ProgressReport::default();
    if open.is_empty() {
        return Ok(report);
    }
    let counts = open_counts(ctx).await?;
    let mut provinces: BTreeMap<i32, Vec<i32>> = BTreeMap::new();
    for p in province::Entity::find().all(&ctx.db).await? {
        provinces.entry(p.region_id).or_default().push(p.id);
    }
    for p in open {
        let by_province = counts.get(&p.id).cloned().unwrap_or_default();
        let total: i64 = by_province.iter().map(|(_, n)| n).sum();
        let threshold = i64::from(p.threshold.unwrap_or(i32::MAX));
        let met = rule_met(
            threshold,
            i64::from(p.per_province_minimum.unwrap_or(0)),
            provinces.get(&p.region_id).map_or(&[][..], Vec::as_slice),
            &by_province,
        );
        let (_, status) = state(&p)?;
        let ended = p.collection_ends_at.is_some_and(|end| end <= now);
        let percent = if total * 2 >= threshold {
            if met { 100 } else { 50 }
        } else {
            0
        };
        let txn = crate::db::begin_write(&ctx.db).await?;
        let mut changes = <petition::ActiveModel as Default>::default();
        let count = i32::try_from(total).unwrap_or(i32::MAX);
        if count != p.signature_count {
            changes.signature_count = Set(count);
            report.recounted += 1;
        }
        changes.counted_at = Set(Some(now));
        let notify = percent > p.notified_percent;
        if notify {
            changes.notified_percent = Set(percent);
        }
        let step = match (status, met, ended) {
            (PetitionStatus::Collecting, true, _) => Some(Step::ReachThreshold),
            (PetitionStatus::Collecting, false, true) => Some(Step::Expire),
            (PetitionStatus::ThresholdReached, false, false) => Some(Step::FallBelowThreshold),
            _ => None,
        };
        match step {
            Some(step) => {
                match advance(&txn, now, &p, step, None, (None, None), changes).await {
                    Ok(_) => {}
                    // Someone else (another instance, or the representative) moved it first.
                    Err(DomainError::Conflict(_)) => continue,
                    Err(err) => return Err(err),
                }
                match step {
                    Step::ReachThreshold => report.reached += 1,
                    Step::Expire => report.expired += 1,
                    _ => report.fell_below += 1,
                }
            }
            None => {
                petition::Entity::update_many()
                    .set(changes)
                    .filter(petition::Column::Id.eq(p.id))
                    .exec(&txn)
                    .await?;
            }
        }
        if notify && step != Some(Step::Expire) {
            notify_progress(ctx, &txn, &p, percent).await?;
        }
        txn.commit().await?;
    }
    Ok(report)
}

/// Per open petition, its signatures per province.
async fn open_counts(ctx: &AppContext) -> Result<BTreeMap<i32, Vec<(i32, i64)>>, DomainError> {
    let backend = ctx.db.get_database_backend();
    let rows = ctx
        .db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT c.petition_id, c.province_id, CAST(SUM(c.count) AS BIGINT) AS n \
             FROM signature_counts c JOIN petitions p ON p.id = c.petition_id \
             WHERE p.status IN ('collecting', 'threshold_reached') \
             GROUP BY c.petition_id, c.province_id",
        ))
        .await?;
    let mut counts: BTreeMap<i32, Vec<(i32, i64)>> = BTreeMap::new();
    for row in rows {
        let petition: i32 = row.try_get("", "petition_id")?;
        let province: i32 = row.try_get("", "province_id")?;
        let n: i64 = row.try_get("", "n")?;
        counts.entry(petition).or_default().push((province, n));
    }
    Ok(counts)
}

async fn notify_progress<C: ConnectionTrait>(
    ctx: &AppContext,
    db: &C,
    p: &petition::Model,
    percent: i32,
) -> Result<(), DomainError> {
    let Some(id) = p.representative_id else {
        return Ok(());
    };
    let Some(representative) = user::Entity::find_by_id(id).one(db).await? else {
        return Ok(());
    };
    let council = crate::regions::council::council(db, p.region_id).await?;
    let lang = Lang::parse(&representative.lang).unwrap_or_default();
    let message = emails::progress(
        &representative.email,
        lang,
        &representative.display_name,
        &p.title,
        percent,
        &crate::mail::links::petition(ctx, lang, &council.slug, PetitionId(p.id)),
    );
    let message = council.sign(message, lang);
    outbox::enqueue(db, ctx.clock.now(), message).await
}

//! The fraud review's read model: per minute and per hour, and where the signatures came from.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Expr};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use super::invalidation::{InvalidationView, invalidations};
use super::selection::Selection;
use super::{before_deposit, reviewed};
use crate::entities::signature;
use crate::roles::Actor;
use crate::types::PetitionId;
use crate::{AppContext, DomainError};

/// Minutes listed (the busiest).
const MINUTES_LISTED: usize = 30;
/// Hours listed (the latest with signatures).
const HOURS_LISTED: usize = 48;
/// Sources listed per kind (the largest).
const SOURCES_LISTED: u64 = 10;
/// A minute is a spike from this many signatures, or [`SPIKE_FACTOR`] times the median minute
/// if that is more.
const SPIKE_FLOOR: i64 = 10;
const SPIKE_FACTOR: i64 = 5;

/// A minute of signing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Minute {
    /// Its start.
    pub at: DateTime<Utc>,
    pub count: i64,
    /// Far above the petition's baseline.
    pub spike: bool,
}

/// Where signatures came from: a network's or agent's keyed hash, or an email domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    pub key: String,
    pub count: i64,
}

/// A petition's fraud review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FraudReview {
    pub region_id: i32,
    pub title: String,
    /// Valid online signatures (paper ones are the council's, voided by batch).
    pub online: i64,
    /// Signatures marked invalid (and not restored).
    pub invalid: i64,
    /// The median of the signatures per minute, over the minutes with any.
    pub median_per_minute: i64,
    /// From how many signatures a minute is a spike.
    pub spike_threshold: i64,
    /// Minutes that are spikes.
    pub spikes: usize,
    /// The busiest minutes, in time order.
    pub minutes: Vec<Minute>,
    /// Signatures per hour (its start), the latest hours with any, in time order.
    pub hours: Vec<(DateTime<Utc>, i64)>,
    pub networks: Vec<Share>,
    pub domains: Vec<Share>,
    pub agents: Vec<Share>,
    /// The valid online signatures `selection` matches, when one is given.
    pub selected: Option<u64>,
    pub invalidations: Vec<InvalidationView>,
    /// Signatures may still be invalidated (before the deposit).
    pub can_invalidate: bool,
}

/// The valid online signatures of petition `id`.
fn valid_online(id: PetitionId) -> sea_orm::Select<signature::Entity> {
    signature::Entity::find()
        .filter(signature::Column::PetitionId.eq(id.0))
        .filter(signature::Column::PaperBatchId.is_null())
        .filter(signature::Column::InvalidationId.is_null())
}

/// The largest sources of `column` among the valid online signatures of `id`.
async fn shares(
    ctx: &AppContext,
    id: PetitionId,
    column: signature::Column,
) -> Result<Vec<Share>, DomainError> {
    let rows: Vec<(String, i64)> = valid_online(id)
        .select_only()
        .column(column)
        .column_as(signature::Column::Id.count(), "n")
        .filter(column.is_not_null())
        .group_by(column)
        .order_by_desc(Expr::col(Alias::new("n")))
        .limit(SOURCES_LISTED)
        .into_tuple()
        .all(&ctx.db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(key, count)| Share { key, count })
        .collect())
}

/// The fraud review of petition `id` for `by` (the region's moderators and platform admins),
/// with the count `selection` matches.
pub async fn fraud_review(
    ctx: &AppContext,
    by: &Actor,
    id: PetitionId,
    selection: Option<&Selection>,
) -> Result<FraudReview, DomainError> {
    let p = reviewed(ctx, by, id, "fraud_review").await?;
    let times: Vec<DateTime<Utc>> = valid_online(id)
        .select_only()
        .column(signature::Column::CreatedAt)
        .into_tuple()
        .all(&ctx.db)
        .await?;
    let mut per_minute: BTreeMap<i64, i64> = BTreeMap::new();
    for at in &times {
        *per_minute.entry(at.timestamp().div_euclid(60)).or_default() += 1;
    }
    let mut counts: Vec<i64> = per_minute.values().copied().collect();
    counts.sort_unstable();
    let median = counts.get(counts.len() / 2).copied().unwrap_or_default();
    let threshold = SPIKE_FLOOR.max(median * SPIKE_FACTOR);
    let minute_at = |m: i64| DateTime::from_timestamp(m * 60, 0).unwrap_or_default();
    let mut busiest: Vec<(i64, i64)> = per_minute.iter().map(|(m, n)| (*m, *n)).collect();
    busiest.sort_by_key(|(m, n)| (std::cmp::Reverse(*n), *m));
    busiest.truncate(MINUTES_LISTED);
    busiest.sort_unstable();
    let mut per_hour: BTreeMap<i64, i64> = BTreeMap::new();
    for (m, n) in &per_minute {
        *per_hour.entry(m.div_euclid(60)).or_default() += n;
    }
    let hours: Vec<(DateTime<Utc>, i64)> = per_hour
        .iter()
        .rev()
        .take(HOURS_LISTED)
        .rev()
        .map(|(h, n)| (minute_at(h * 60), *n))
        .collect();
    let invalid = signature::Entity::find()
        .filter(signature::Column::PetitionId.eq(id.0))
        .filter(signature::Column::InvalidationId.is_not_null())
        .count(&ctx.db)
        .await?;
    let selected = match selection {
        Some(selection) => Some(
            valid_online(id)
                .filter(selection.condition())
                .count(&ctx.db)
                .await?,
        ),
        None => None,
    };
    Ok(FraudReview {
        region_id: p.region_id,
        title: p.title.clone(),
        online: i64::try_from(times.len()).unwrap_or(i64::MAX),
        invalid: i64::try_from(invalid).unwrap_or(i64::MAX),
        median_per_minute: median,
        spike_threshold: threshold,
        spikes: counts.iter().filter(|n| **n >= threshold).count(),
        minutes: busiest
            .into_iter()
            .map(|(m, count)| Minute {
                at: minute_at(m),
                count,
                spike: count >= threshold,
            })
            .collect(),
        hours,
        networks: shares(ctx, id, signature::Column::IpPrefixHash).await?,
        domains: shares(ctx, id, signature::Column::EmailDomain).await?,
        agents: shares(ctx, id, signature::Column::UserAgentHash).await?,
        selected,
        invalidations: invalidations(&ctx.db, id).await?,
        can_invalidate: before_deposit(&p)?,
    })
}

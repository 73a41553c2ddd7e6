//! Signature counts without a hot row: each signature adds one to a random shard of its
//! petition's counter for its province and day (a withdrawal subtracts one from the day it was
//! made); a count per province or per day is a sum over a few hundred small rows. Exact at every
//! commit, cheap to read, and concurrent signers of one petition rarely touch the same row.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};

use crate::DomainError;
use crate::types::PetitionId;

/// Shards per petition and province.
pub const SHARDS: i32 = 16;

/// A shard, drawn at random.
pub(crate) fn random_shard() -> i32 {
    rand::random_range(0..SHARDS)
}

/// The day a signature made at `at` counts for (UTC).
pub(crate) fn day_of(at: DateTime<Utc>) -> NaiveDate {
    at.date_naive()
}

/// Adds `delta` to a random shard of the counter of `petition` in `province` on `day` (the day
/// the signature was made, also when it is withdrawn).
pub(crate) async fn add<C: ConnectionTrait>(
    db: &C,
    petition: PetitionId,
    province: i32,
    day: NaiveDate,
    delta: i32,
) -> Result<(), DomainError> {
    let shard = random_shard();
    let backend = db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => {
            "INSERT INTO signature_counts (petition_id, province_id, day, shard, count) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (petition_id, province_id, day, shard) \
             DO UPDATE SET count = signature_counts.count + excluded.count"
        }
        _ => {
            "INSERT INTO signature_counts (petition_id, province_id, day, shard, count) \
             VALUES (?, ?, ?, ?, ?) ON CONFLICT (petition_id, province_id, day, shard) \
             DO UPDATE SET count = signature_counts.count + excluded.count"
        }
    };
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        sql,
        [
            petition.0.into(),
            province.into(),
            day.into(),
            shard.into(),
            delta.into(),
        ],
    ))
    .await?;
    Ok(())
}

/// The signatures of `petition` per day, oldest first (days without any are absent).
pub async fn by_day<C: ConnectionTrait>(
    db: &C,
    petition: PetitionId,
) -> Result<Vec<(NaiveDate, i64)>, DomainError> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => {
            "SELECT day, CAST(SUM(count) AS BIGINT) AS n FROM signature_counts \
             WHERE petition_id = $1 GROUP BY day ORDER BY day"
        }
        _ => {
            "SELECT day, CAST(SUM(count) AS BIGINT) AS n FROM signature_counts \
             WHERE petition_id = ? GROUP BY day ORDER BY day"
        }
    };
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [petition.0.into()],
        ))
        .await?;
    let rows = rows
        .iter()
        .map(|row| {
            Ok((
                row.try_get::<NaiveDate>("", "day")?,
                row.try_get::<i64>("", "n")?,
            ))
        })
        .collect::<Result<Vec<_>, DomainError>>()?;
    Ok(rows.into_iter().filter(|(_, n)| *n != 0).collect())
}

/// The signatures of `petition` per province (provinces without any are absent).
pub async fn by_province<C: ConnectionTrait>(
    db: &C,
    petition: PetitionId,
) -> Result<Vec<(i32, i64)>, DomainError> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => {
            "SELECT province_id, CAST(SUM(count) AS BIGINT) AS n FROM signature_counts \
             WHERE petition_id = $1 GROUP BY province_id"
        }
        _ => {
            "SELECT province_id, CAST(SUM(count) AS BIGINT) AS n FROM signature_counts \
             WHERE petition_id = ? GROUP BY province_id"
        }
    };
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [petition.0.into()],
        ))
        .await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get::<i32>("", "province_id")?,
                row.try_get::<i64>("", "n")?,
            ))
        })
        .filter(|r: &Result<(i32, i64), DomainError>| !matches!(r, Ok((_, 0))))
        .collect()
}

/// Whether counts meet the rule: `threshold` in all, and `per_province` in each of the region's
/// `provinces` (by place of residence or activity).
pub fn rule_met(
    threshold: i64,
    per_province: i64,
    provinces: &[i32],
    counts: &[(i32, i64)],
) -> bool {
    let total: i64 = counts.iter().map(|(_, n)| n).sum();
    let count_of = |province: i32| {
        counts
            .iter()
            .find(|(p, _)| *p == province)
            .map_or(0, |(_, n)| *n)
    };
    total >= threshold && provinces.iter().all(|p| count_of(*p) >= per_province)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_needs_the_total_and_every_province() {
        let provinces = [1, 2, 3];
        assert!(rule_met(
            300,
            15,
            &provinces,
            &[(1, 100), (2, 100), (3, 100)]
        ));
        assert!(
            !rule_met(300, 15, &provinces, &[(1, 140), (2, 140), (3, 15)]),
            "total short"
        );
        assert!(
            !rule_met(300, 15, &provinces, &[(1, 200), (2, 100), (3, 14)]),
            "one province short"
        );
        assert!(
            !rule_met(300, 15, &provinces, &[(1, 200), (2, 200)]),
            "a province without any"
        );
        assert!(rule_met(400, 20, &provinces, &[(1, 360), (2, 20), (3, 20)]));
    }
}

//! The outbox: emails are rows first, written in the same transaction as the change they tell
//! about, then delivered by workers. Several workers may run (one per server instance): a worker
//! claims due rows by leasing them (PostgreSQL: `FOR UPDATE SKIP LOCKED`), so no two send the same
//! message at once; a failed delivery is retried later with exponential backoff, and a worker that
//! dies mid-way leaves a lease that simply expires. Nothing is lost on restart or outage.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseBackend, EntityTrait, Set, Statement};

use super::{Mailer, OutgoingEmail};
use crate::entities::outbox_email;
use crate::{AppContext, DomainError};

/// How long a claimed message is reserved for the worker that claimed it.
const LEASE: Duration = Duration::minutes(5);
/// Longest wait between two attempts.
const MAX_BACKOFF: Duration = Duration::hours(1);

/// What one delivery round did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DeliveryReport {
    pub sent: usize,
    pub failed: usize,
}

/// Puts `email` in the outbox, due now. Call it with the transaction of the change it reports.
pub async fn enqueue<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    email: OutgoingEmail,
) -> Result<(), DomainError> {
    outbox_email::ActiveModel {
        to_address: Set(email.to),
        subject: Set(email.subject),
        text_body: Set(email.text),
        html_body: Set(email.html),
        unsubscribe_url: Set(email.unsubscribe),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(None),
        sent_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The wait before attempt `attempts + 1`: 30 s, 1 min, 2 min, … capped at one hour.
pub fn backoff(attempts: i32) -> Duration {
    let exponent = u32::try_from(attempts.clamp(1, 12) - 1).unwrap_or_default();
    (Duration::seconds(30) * 2_i32.pow(exponent)).min(MAX_BACKOFF)
}

/// Delivers up to `batch` due messages through `mailer`.
#[tracing::instrument(skip(ctx, mailer))]
pub async fn deliver_due(
    ctx: &AppContext,
    mailer: &dyn Mailer,
    batch: u32,
) -> Result<DeliveryReport, DomainError> {
    let now = ctx.clock.now();
    let claimed = claim(ctx, now, batch).await?;
    let mut report = DeliveryReport::default();
    for row in claimed {
        let email = OutgoingEmail {
            to: row.to_address.clone(),
            subject: row.subject.clone(),
            text: row.text_body.clone(),
            html: row.html_body.clone(),
            unsubscribe: row.unsubscribe_url.clone(),
        };
        let attempts = row.attempts + 1;
        let mut update: outbox_email::ActiveModel = row.into();
        update.attempts = Set(attempts);
        match mailer.send(&email).await {
            Ok(()) => {
                update.sent_at = Set(Some(ctx.clock.now()));
                update.last_error = Set(None);
                // A sent message's links (sign-in, reset, confirmation) must not outlive it
                // in the database: only the subject, recipient and times are kept.
                update.text_body = Set(String::new());
                update.html_body = Set(String::new());
                update.unsubscribe_url = Set(None);
                report.sent += 1;
            }
            Err(err) => {
                tracing::warn!(%err, attempts, "email delivery failed; will retry");
                update.next_attempt_at = Set(ctx.clock.now() + backoff(attempts));
                update.last_error = Set(Some(err.to_string()));
                report.failed += 1;
            }
        }
        update.update(&ctx.db).await?;
    }
    Ok(report)
}

/// Messages not yet sent (for tests and monitoring).
pub async fn pending_count(ctx: &AppContext) -> Result<u64, DomainError> {
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};
    Ok(outbox_email::Entity::find()
        .filter(outbox_email::Column::SentAt.is_null())
        .count(&ctx.db)
        .await?)
}

/// Leases due messages: their next attempt moves past the lease, in one statement.
async fn claim(
    ctx: &AppContext,
    now: DateTime<Utc>,
    batch: u32,
) -> Result<Vec<outbox_email::Model>, DomainError> {
    let backend = ctx.db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => {
            "UPDATE outbox SET next_attempt_at = $1 WHERE id IN (SELECT id FROM outbox \
             WHERE sent_at IS NULL AND next_attempt_at <= $2 ORDER BY id LIMIT $3 \
             FOR UPDATE SKIP LOCKED) RETURNING *"
        }
        _ => {
            "UPDATE outbox SET next_attempt_at = ? WHERE id IN (SELECT id FROM outbox \
             WHERE sent_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?) RETURNING *"
        }
    };
    let statement = Statement::from_sql_and_values(
        backend,
        sql,
        [(now + LEASE).into(), now.into(), i64::from(batch).into()],
    );
    let mut rows = outbox_email::Entity::find()
        .from_raw_sql(statement)
        .all(&ctx.db)
        .await?;
    rows.sort_by_key(|r| r.id);
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff(1), Duration::seconds(30));
        assert_eq!(backoff(2), Duration::seconds(60));
        assert_eq!(backoff(5), Duration::minutes(8));
        assert_eq!(backoff(8), Duration::hours(1));
        assert_eq!(backoff(100), Duration::hours(1));
    }
}

//! Periodic clean-up: what the platform no longer needs is deleted, so that the tables stay small
//! and no personal data is kept longer than it serves (Law 09-08).

use chrono::Duration;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Statement};

use crate::entities::{email_token, outbox_email, session, signature_request, staff_alert};
use crate::{AppContext, DomainError};

/// How long an expired email link is kept, so that its page can still say "expired" rather than
/// "invalid".
pub const EXPIRED_LINK_RETENTION: Duration = Duration::days(7);
/// How long a sent email is kept in the outbox (for support questions), then deleted.
pub const SENT_EMAIL_RETENTION: Duration = Duration::days(7);
/// How long a rate-limit count is kept after its last event (every window is shorter).
pub const RATE_LIMIT_RETENTION: Duration = Duration::days(1);
/// How long a staff alert is kept (a bureau decision still overdue after this is alerted again).
pub const STAFF_ALERT_RETENTION: Duration = Duration::days(90);
/// How long a previewed paper batch waits for its officer (its rows hold CINs), then is deleted.
pub const PAPER_PREVIEW_RETENTION: Duration = Duration::days(2);

/// What one clean-up deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CleanUpReport {
    pub sessions: u64,
    pub email_links: u64,
    /// Signatures never confirmed (their link expired).
    pub signature_links: u64,
    pub sent_emails: u64,
    pub rate_limit_counts: u64,
    pub staff_alerts: u64,
    /// Paper batches previewed and never recorded.
    pub paper_previews: u64,
}

impl CleanUpReport {
    /// Rows deleted in all.
    pub fn total(&self) -> u64 {
        self.sessions
            + self.email_links
            + self.signature_links
            + self.sent_emails
            + self.rate_limit_counts
            + self.staff_alerts
            + self.paper_previews
    }
}

/// Deletes expired sessions, email links expired for a week, signatures never confirmed in
/// time, emails sent a week ago, rate-limit counts untouched for a day, and staff alerts
/// recorded 90 days ago, and paper batches previewed two days ago and never recorded.
pub async fn clean_up(ctx: &AppContext) -> Result<CleanUpReport, DomainError> {
    let now = ctx.clock.now();
    let sessions = session::Entity::delete_many()
        .filter(session::Column::ExpiresAt.lte(now))
        .exec(&ctx.db)
        .await?
        .rows_affected;
    let email_links = email_token::Entity::delete_many()
        .filter(email_token::Column::ExpiresAt.lt(now - EXPIRED_LINK_RETENTION))
        .exec(&ctx.db)
        .await?
        .rows_affected;
    let signature_links = signature_request::Entity::delete_many()
        .filter(signature_request::Column::ExpiresAt.lt(now))
        .exec(&ctx.db)
        .await?
        .rows_affected;
    let sent_emails = outbox_email::Entity::delete_many()
        .filter(outbox_email::Column::SentAt.lt(now - SENT_EMAIL_RETENTION))
        .exec(&ctx.db)
        .await?
        .rows_affected;
    let staff_alerts = staff_alert::Entity::delete_many()
        .filter(staff_alert::Column::CreatedAt.lt(now - STAFF_ALERT_RETENTION))
        .exec(&ctx.db)
        .await?
        .rows_affected;
    let paper_previews = {
        use crate::entities::{paper_batch, paper_batch_row};
        use sea_orm::QuerySelect;
        let stale: Vec<i32> = paper_batch::Entity::find()
            .select_only()
            .column(paper_batch::Column::Id)
            .filter(paper_batch::Column::Status.eq("pending"))
            .filter(paper_batch::Column::CreatedAt.lt(now - PAPER_PREVIEW_RETENTION))
            .into_tuple()
            .all(&ctx.db)
            .await?;
        paper_batch_row::Entity::delete_many()
            .filter(paper_batch_row::Column::BatchId.is_in(stale.iter().copied()))
            .exec(&ctx.db)
            .await?;
        paper_batch::Entity::delete_many()
            .filter(paper_batch::Column::Id.is_in(stale))
            .exec(&ctx.db)
            .await?
            .rows_affected
    };
    let backend = ctx.db.get_database_backend();
    let sql = match backend {
        sea_orm::DatabaseBackend::Postgres => "DELETE FROM rate_limits WHERE last_at < $1",
        _ => "DELETE FROM rate_limits WHERE last_at < ?",
    };
    let rate_limit_counts = ctx
        .db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [(now - RATE_LIMIT_RETENTION).into()],
        ))
        .await?
        .rows_affected();
    Ok(CleanUpReport {
        sessions,
        email_links,
        signature_links,
        sent_emails,
        rate_limit_counts,
        staff_alerts,
        paper_previews,
    })
}

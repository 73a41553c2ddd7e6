//! The outbox as the platform admins watch it: the emails that failed (tried, not delivered,
//! with the last error) and those waiting for their first try, 50 a page, oldest first. An admin
//! has a failed email, or all of them, tried again now instead of after its backoff; audit-logged.
//! Never the bodies: they hold sign-in and confirmation links.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::audit::{self, AuditEvent};
use crate::entities::outbox_email;
use crate::roles::Actor;
use crate::types::PageNumber;
use crate::{AppContext, DomainError};

/// Emails per page.
pub const OUTBOX_PAGE: u64 = 50;
/// Longest error shown, in characters.
const ERROR_CHARS: usize = 300;

/// Which emails to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutboxState {
    /// Tried and not delivered.
    #[default]
    Failed,
    /// Not tried yet.
    Pending,
}

impl OutboxState {
    /// `failed` or `pending`; anything else is `failed`.
    pub fn parse(name: &str) -> Self {
        match name {
            "pending" => Self::Pending,
            _ => Self::Failed,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Failed => "failed",
            Self::Pending => "pending",
        }
    }

    fn select(self) -> sea_orm::Select<outbox_email::Entity> {
        let unsent = outbox_email::Entity::find().filter(outbox_email::Column::SentAt.is_null());
        match self {
            Self::Failed => unsent.filter(outbox_email::Column::Attempts.gt(0)),
            Self::Pending => unsent.filter(outbox_email::Column::Attempts.eq(0)),
        }
    }
}

/// An email as the admins see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxView {
    pub id: i32,
    pub to: String,
    pub subject: String,
    pub attempts: i32,
    /// The last failure, shortened.
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub next_attempt_at: DateTime<Utc>,
}

/// A page of the outbox, with the count of each state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxPage {
    pub emails: Vec<OutboxView>,
    pub page: u64,
    pub pages: u64,
    pub failed: u64,
    pub pending: u64,
}

async fn refuse(ctx: &AppContext, by: &Actor, operation: &'static str) -> DomainError {
    audit::denied(ctx, by.user.0, operation, None, serde_json::Value::Null).await
}

/// Page `page` of the emails in `state`. Platform admins only (others: `Forbidden`, logged).
pub async fn list_outbox(
    ctx: &AppContext,
    by: &Actor,
    state: OutboxState,
    page: u64,
) -> Result<OutboxPage, DomainError> {
    if !by.is_admin() {
        return Err(refuse(ctx, by, "list_outbox").await);
    }
    let failed = OutboxState::Failed.select().count(&ctx.db).await?;
    let pending = OutboxState::Pending.select().count(&ctx.db).await?;
    let total = match state {
        OutboxState::Failed => failed,
        OutboxState::Pending => pending,
    };
    let PageNumber {
        page,
        pages,
        offset,
    } = PageNumber::of(page, total, OUTBOX_PAGE);
    let rows = state
        .select()
        .order_by_asc(outbox_email::Column::Id)
        .offset(offset)
        .limit(OUTBOX_PAGE)
        .all(&ctx.db)
        .await?;
    Ok(OutboxPage {
        emails: rows
            .into_iter()
            .map(|row| OutboxView {
                id: row.id,
                to: row.to_address,
                subject: row.subject,
                attempts: row.attempts,
                last_error: row
                    .last_error
                    .map(|e| e.chars().take(ERROR_CHARS).collect()),
                created_at: row.created_at,
                next_attempt_at: row.next_attempt_at,
            })
            .collect(),
        page,
        pages,
        failed,
        pending,
    })
}

/// Has the failed email `id` (`None`: every failed email) tried again at the next delivery
/// round, and gives back how many. Platform admins only; audit-logged. An email delivered or
/// never tried is `NotFound`.
pub async fn retry_emails(
    ctx: &AppContext,
    by: &Actor,
    id: Option<i32>,
) -> Result<u64, DomainError> {
    if !by.is_admin() {
        return Err(refuse(ctx, by, "retry_emails").await);
    }
    let now = ctx.clock.now();
    let mut update = outbox_email::Entity::update_many()
        .col_expr(outbox_email::Column::NextAttemptAt, Expr::value(now))
        .filter(outbox_email::Column::SentAt.is_null())
        .filter(outbox_email::Column::Attempts.gt(0));
    if let Some(id) = id {
        update = update.filter(outbox_email::Column::Id.eq(id));
    }
    let txn = crate::db::begin_write(&ctx.db).await?;
    let retried = update.exec(&txn).await?.rows_affected;
    if retried == 0 && id.is_some() {
        return Err(DomainError::NotFound);
    }
    audit::record(
        ctx,
        &txn,
        AuditEvent {
            actor_user_id: Some(by.user.0),
            action: "emails_retried",
            subject_user_id: None,
            region_id: None,
            detail: serde_json::json!({ "emails": retried, "item": id }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(retried)
}

//! Sessions live in the database, so that any server instance can serve any request. Only a hash
//! of the session id is stored: a copy of the table does not let anyone sign in.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

use crate::entities::session;
use crate::{AppContext, DomainError};

/// A stored session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSession {
    pub user_id: Option<i32>,
    pub data: String,
    pub expires_at: DateTime<Utc>,
}

/// Creates the session `id`; `false` when that id is taken (the caller draws another).
pub async fn create_session(
    ctx: &AppContext,
    id: &str,
    stored: StoredSession,
) -> Result<bool, DomainError> {
    let row = session::ActiveModel {
        id: Set(hash(id)),
        user_id: Set(stored.user_id),
        data: Set(stored.data),
        expires_at: Set(stored.expires_at),
    };
    match session::Entity::insert(row).exec(&ctx.db).await {
        Ok(_) => Ok(true),
        Err(err) => match DomainError::from(err) {
            DomainError::Conflict(_) => Ok(false),
            other => Err(other),
        },
    }
}

/// Saves the session `id`, if it still exists. A session deleted meanwhile (signed out, its
/// password reset, ended from another device, a role changed) stays deleted: a request that was
/// in flight when it was revoked must not write it back. Returns whether it was saved.
pub async fn save_session(
    ctx: &AppContext,
    id: &str,
    stored: StoredSession,
) -> Result<bool, DomainError> {
    let saved = session::Entity::update_many()
        .col_expr(session::Column::UserId, Expr::value(stored.user_id))
        .col_expr(session::Column::Data, Expr::value(stored.data))
        .col_expr(session::Column::ExpiresAt, Expr::value(stored.expires_at))
        .filter(session::Column::Id.eq(hash(id)))
        .exec(&ctx.db)
        .await?;
    Ok(saved.rows_affected == 1)
}

/// The session `id`, unless it does not exist or has expired.
pub async fn load_session(
    ctx: &AppContext,
    id: &str,
) -> Result<Option<StoredSession>, DomainError> {
    let now = ctx.clock.now();
    Ok(session::Entity::find_by_id(hash(id))
        .one(&ctx.db)
        .await?
        .filter(|s| s.expires_at > now)
        .map(|s| StoredSession {
            user_id: s.user_id,
            data: s.data,
            expires_at: s.expires_at,
        }))
}

/// Ends the session `id`.
pub async fn delete_session(ctx: &AppContext, id: &str) -> Result<(), DomainError> {
    session::Entity::delete_by_id(hash(id))
        .exec(&ctx.db)
        .await?;
    Ok(())
}

/// Ends every session of a user (after a password reset, a change of roles, or account
/// deletion), on `db` (the pool or a transaction).
pub async fn delete_user_sessions<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
) -> Result<u64, DomainError> {
    Ok(session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await?
        .rows_affected)
}

/// One of a person's open sessions, as their account page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionView {
    /// Identifies the session on the page (a hash: it cannot be used to sign in).
    pub key: String,
    pub signed_in_at: Option<DateTime<Utc>>,
    pub expires_at: DateTime<Utc>,
    /// The session of the request that asks.
    pub current: bool,
}

/// The open sessions of a user, newest first; `current_id` marks the asking one.
pub async fn list_user_sessions(
    ctx: &AppContext,
    user_id: i32,
    current_id: Option<&str>,
) -> Result<Vec<SessionView>, DomainError> {
    let now = ctx.clock.now();
    let current = current_id.map(hash);
    let mut sessions: Vec<SessionView> = session::Entity::find()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::ExpiresAt.gt(now))
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|s| {
            let signed_in_at = serde_json::from_str::<serde_json::Value>(&s.data)
                .ok()
                .and_then(|data| data.get("signed_in_at").and_then(serde_json::Value::as_i64))
                .and_then(|t| DateTime::from_timestamp(t, 0));
            SessionView {
                current: current.as_deref() == Some(s.id.as_str()),
                key: s.id,
                signed_in_at,
                expires_at: s.expires_at,
            }
        })
        .collect();
    sessions.sort_by_key(|s| std::cmp::Reverse(s.signed_in_at));
    Ok(sessions)
}

/// Ends one session of a user (by its key), or all but the current one (`key` = None).
pub async fn end_user_sessions(
    ctx: &AppContext,
    user_id: i32,
    key: Option<&str>,
    current_id: Option<&str>,
) -> Result<u64, DomainError> {
    let mut query = session::Entity::delete_many().filter(session::Column::UserId.eq(user_id));
    query = match key {
        Some(key) => query.filter(session::Column::Id.eq(key)),
        None => match current_id {
            Some(current) => query.filter(session::Column::Id.ne(hash(current))),
            None => query,
        },
    };
    Ok(query.exec(&ctx.db).await?.rows_affected)
}

/// What the sessions table keeps of a session id: its SHA-256 (the id itself is only in the
/// cookie).
pub fn stored_id(id: &str) -> String {
    hash(id)
}

fn hash(id: &str) -> String {
    Sha256::digest(id.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

//! Sessions live in the database, so that any server instance can serve any request. Only a hash
//! of the session id is stored: a copy of the table does not let anyone sign in.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};
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

/// Creates or replaces the session `id`.
pub async fn save_session(
    ctx: &AppContext,
    id: &str,
    stored: StoredSession,
) -> Result<(), DomainError> {
    let row = session::ActiveModel {
        id: Set(hash(id)),
        user_id: Set(stored.user_id),
        data: Set(stored.data),
        expires_at: Set(stored.expires_at),
    };
    session::Entity::insert(row)
        .on_conflict(
            OnConflict::column(session::Column::Id)
                .update_columns([
                    session::Column::UserId,
                    session::Column::Data,
                    session::Column::ExpiresAt,
                ])
                .to_owned(),
        )
        .exec(&ctx.db)
        .await?;
    Ok(())
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

/// Ends every session of a user (after a password reset, or account deletion).
pub async fn delete_user_sessions(ctx: &AppContext, user_id: i32) -> Result<u64, DomainError> {
    Ok(session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(&ctx.db)
        .await?
        .rows_affected)
}

/// Removes expired sessions.
pub async fn delete_expired_sessions(ctx: &AppContext) -> Result<u64, DomainError> {
    Ok(session::Entity::delete_many()
        .filter(session::Column::ExpiresAt.lte(ctx.clock.now()))
        .exec(&ctx.db)
        .await?
        .rows_affected)
}

fn hash(id: &str) -> String {
    Sha256::digest(id.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

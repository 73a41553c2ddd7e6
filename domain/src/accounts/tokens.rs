//! Single-use email tokens: 32 random bytes in the link, only their SHA-256 in the database.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::DomainError;
use crate::entities::email_token;
use crate::secrets::{link_digest, new_link_secret};

/// What a token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    ResetPassword,
    ChangeEmail,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::VerifyEmail => "verify_email",
            Self::ResetPassword => "reset_password",
            Self::ChangeEmail => "change_email",
        }
    }
}

/// Creates a token for `user_id`, valid for `validity`; returns the secret for the link.
pub async fn issue<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    purpose: Purpose,
    now: DateTime<Utc>,
    validity: Duration,
) -> Result<String, DomainError> {
    issue_for(db, user_id, purpose, None, now, validity).await
}

/// Like `issue`, carrying the new address of an email change.
pub async fn issue_for<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    purpose: Purpose,
    new_email: Option<String>,
    now: DateTime<Utc>,
    validity: Duration,
) -> Result<String, DomainError> {
    let secret = new_link_secret();
    email_token::ActiveModel {
        user_id: Set(user_id),
        purpose: Set(purpose.as_str().to_owned()),
        token_hash: Set(link_digest(&secret)),
        new_email: Set(new_email),
        expires_at: Set(now + validity),
        used_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(secret)
}

/// Ends every unused token of `user_id` for `purpose` (a newer link was sent, or the password
/// changed): their links no longer work.
pub async fn revoke_all<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    email_token::Entity::update_many()
        .col_expr(email_token::Column::UsedAt, Expr::value(now))
        .filter(email_token::Column::UserId.eq(user_id))
        .filter(email_token::Column::Purpose.eq(purpose.as_str()))
        .filter(email_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// The live token of `secret` for `purpose`, without using it; unknown, used or expired tokens
/// are refused (`invalid_link`, `link_used`, `link_expired`). Cheap: checked before costly work.
pub async fn find_live<C: ConnectionTrait>(
    db: &C,
    secret: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<email_token::Model, DomainError> {
    let invalid = |code| DomainError::Validation {
        field: "token",
        code,
    };
    let token = email_token::Entity::find()
        .filter(email_token::Column::TokenHash.eq(link_digest(secret.trim())))
        .filter(email_token::Column::Purpose.eq(purpose.as_str()))
        .one(db)
        .await?
        .ok_or_else(|| invalid("invalid_link"))?;
    if token.used_at.is_some() {
        return Err(invalid("link_used"));
    }
    if token.expires_at <= now {
        return Err(invalid("link_expired"));
    }
    Ok(token)
}

/// Marks a token used and returns it; unknown, used or expired tokens are refused (`invalid_link`,
/// `link_used`, `link_expired`). Two concurrent uses: one wins, the other sees `link_used`.
pub async fn consume<C: ConnectionTrait>(
    db: &C,
    secret: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<email_token::Model, DomainError> {
    let token = find_live(db, secret, purpose, now).await?;
    let claimed = email_token::Entity::update_many()
        .col_expr(email_token::Column::UsedAt, Expr::value(now))
        .filter(email_token::Column::Id.eq(token.id))
        .filter(email_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(DomainError::Validation {
            field: "token",
            code: "link_used",
        });
    }
    Ok(token)
}

//! Changing one's password (the current one is needed) and email address (verified again).

use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, Set};
use secrecy::SecretString;

use super::{VERIFICATION_VALIDITY, password, tokens};
use crate::audit::{self, AuditEvent};
use crate::entities::user;
use crate::mail::{links, outbox, templates};
use crate::types::UserId;
use crate::types::{Email, Lang, NewPassword};
use crate::{AppContext, DomainError};

fn wrong_password() -> DomainError {
    DomainError::Validation {
        field: "current_password",
        code: "wrong_password",
    }
}

async fn account_checked(
    ctx: &AppContext,
    user_id: UserId,
    current: SecretString,
) -> Result<user::Model, DomainError> {
    let account = user::Entity::find_by_id(user_id.0)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if password::verify_password(current, Some(account.password_hash.clone())).await? {
        Ok(account)
    } else {
        Err(wrong_password())
    }
}

fn event(user_id: UserId, action: &'static str) -> AuditEvent {
    AuditEvent {
        actor_user_id: Some(user_id.0),
        action,
        subject_user_id: Some(user_id.0),
        region_id: None,
        detail: serde_json::json!({}),
    }
}

/// Sets a new password after checking the current one; every other session of the account ends
/// (`keep_session`: the id of the session asking, which stays).
#[tracing::instrument(skip_all)]
pub async fn change_password(
    ctx: &AppContext,
    user_id: UserId,
    current: SecretString,
    new: NewPassword,
    keep_session: Option<&str>,
) -> Result<(), DomainError> {
    let account = account_checked(ctx, user_id, current).await?;
    let hash = password::hash_password(&new).await?;
    let txn = crate::db::begin_write(&ctx.db).await?;
    let mut changed: user::ActiveModel = account.into();
    changed.password_hash = Set(hash);
    changed.update(&txn).await?;
    // A reset link asked for before the change no longer works.
    tokens::revoke_all(
        &txn,
        user_id.0,
        tokens::Purpose::ResetPassword,
        ctx.clock.now(),
    )
    .await?;
    audit::record(ctx, &txn, event(user_id, "password_changed")).await?;
    txn.commit().await?;
    crate::sessions::end_user_sessions(ctx, user_id.0, None, keep_session).await?;
    Ok(())
}

/// Starts an email change: a link goes to the new address, which becomes the account's when it
/// is followed. If the new address belongs to another account, nothing happens, and the answer
/// is the same.
#[tracing::instrument(skip_all)]
pub async fn request_email_change(
    ctx: &AppContext,
    user_id: UserId,
    new_email: Email,
    current: SecretString,
) -> Result<(), DomainError> {
    let account = account_checked(ctx, user_id, current).await?;
    crate::rate_limits::hit_account(ctx, ctx.limits.email_changes, user_id.0).await?;
    // Another account's address or mailbox (a `+tag` of one's own mailbox is fine).
    let taken = user::Entity::find()
        .filter(
            Condition::any()
                .add(user::Column::Email.eq(new_email.as_str()))
                .add(user::Column::Mailbox.eq(new_email.mailbox())),
        )
        .filter(user::Column::Id.ne(user_id.0))
        .one(&ctx.db)
        .await?
        .is_some();
    if taken {
        return Ok(());
    }
    let now = ctx.clock.now();
    let lang = Lang::parse(&account.lang).unwrap_or_default();
    let txn = crate::db::begin_write(&ctx.db).await?;
    let token = tokens::issue_for(
        &txn,
        account.id,
        tokens::Purpose::ChangeEmail,
        Some(new_email.as_str().to_owned()),
        now,
        VERIFICATION_VALIDITY,
    )
    .await?;
    let link = links::account(ctx, lang, "confirm-email", Some(token.as_str()));
    let message = templates::verify_email(new_email.as_str(), lang, &account.display_name, &link);
    outbox::enqueue(&txn, now, message).await?;
    audit::record(ctx, &txn, event(user_id, "email_change_requested")).await?;
    txn.commit().await?;
    Ok(())
}

/// Follows an email change link: the new address replaces the old one, verified.
#[tracing::instrument(skip_all)]
pub async fn confirm_email_change(ctx: &AppContext, token: &str) -> Result<UserId, DomainError> {
    let now = ctx.clock.now();
    let txn = crate::db::begin_write(&ctx.db).await?;
    let used = tokens::consume(&txn, token, tokens::Purpose::ChangeEmail, now).await?;
    let new_email = used.new_email.clone().ok_or(DomainError::Validation {
        field: "token",
        code: "invalid_link",
    })?;
    let account = user::Entity::find_by_id(used.user_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let mut changed: user::ActiveModel = account.into();
    changed.mailbox = Set(Email::parse(&new_email).ok().map(|e| e.mailbox()));
    changed.email = Set(new_email);
    changed.email_verified_at = Set(Some(now));
    changed
        .update(&txn)
        .await
        .map_err(|e| match DomainError::from(e) {
            DomainError::Conflict(_) => DomainError::Validation {
                field: "token",
                code: "email_taken",
            },
            other => other,
        })?;
    audit::record(ctx, &txn, event(UserId(used.user_id), "email_changed")).await?;
    txn.commit().await?;
    Ok(UserId(used.user_id))
}

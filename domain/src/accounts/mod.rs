//! Accounts: registration with a verified email, and signing in. Answers never tell whether an
//! address has an account.

mod changes;
mod my_data;
pub mod password;
pub mod search;
pub(crate) mod tokens;

pub use changes::{change_password, confirm_email_change, request_email_change};
pub use my_data::{delete_account, export_my_data};

use chrono::Duration;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, Set,
};
use secrecy::SecretString;

use crate::audit::{self, AuditEvent};
use crate::entities::{email_token, user};
use crate::mail::{links, outbox, templates};
use crate::types::UserId;
use crate::types::{DisplayName, Email, Lang, NewPassword};
use crate::{AppContext, DomainError};

/// How long an email verification link works.
pub const VERIFICATION_VALIDITY: Duration = Duration::hours(24);
/// How long a password reset link works.
pub const RESET_VALIDITY: Duration = Duration::hours(1);

/// What a registration form gives, parsed.
#[derive(Debug)]
pub struct Registration {
    pub email: Email,
    pub display_name: DisplayName,
    pub password: NewPassword,
    pub lang: Lang,
}

/// A signed-in person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountView {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub lang: Lang,
}

/// Registers an account and emails a link to verify the address. If the address already has an
/// account, nothing is created and its owner is told by email instead; the answer is the same.
#[tracing::instrument(skip_all)]
pub async fn register(ctx: &AppContext, input: Registration) -> Result<(), DomainError> {
    // Hash first, whatever happens next, so that both answers take as long.
    let hash = password::hash_password(&input.password).await?;
    let now = ctx.clock.now();
    let txn = crate::db::begin_write(&ctx.db).await?;
    // One account per mailbox: `amina+2@…` finds the account of `amina+1@…` (its owner reads
    // both addresses).
    let existing = user::Entity::find()
        .filter(
            Condition::any()
                .add(user::Column::Email.eq(input.email.as_str()))
                .add(user::Column::Mailbox.eq(input.email.mailbox())),
        )
        .one(&txn)
        .await?;
    let email = match existing {
        Some(owner) => {
            let lang = Lang::parse(&owner.lang).unwrap_or_default();
            let link = links::account(ctx, lang, "sign-in", None);
            templates::already_registered(&owner.email, lang, &owner.display_name, &link)
        }
        None => {
            let created = user::ActiveModel {
                email: Set(input.email.as_str().to_owned()),
                mailbox: Set(Some(input.email.mailbox())),
                email_verified_at: Set(None),
                display_name: Set(input.display_name.as_str().to_owned()),
                password_hash: Set(hash),
                lang: Set(input.lang.code().to_owned()),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await;
            let created = match created {
                Ok(model) => model,
                // Registered at the same instant by another request: same answer as above.
                Err(err) if matches!(DomainError::from(err.clone()), DomainError::Conflict(_)) => {
                    return Ok(());
                }
                Err(err) => return Err(err.into()),
            };
            let token = tokens::issue(
                &txn,
                created.id,
                tokens::Purpose::VerifyEmail,
                now,
                VERIFICATION_VALIDITY,
            )
            .await?;
            let link = links::account(ctx, input.lang, "verify", Some(token.as_str()));
            templates::verify_email(&created.email, input.lang, &created.display_name, &link)
        }
    };
    outbox::enqueue(&txn, now, email).await?;
    txn.commit().await?;
    Ok(())
}

/// Uses a verification link: the address is verified. A link works once and expires.
#[tracing::instrument(skip_all)]
pub async fn verify_email(ctx: &AppContext, token: &str) -> Result<UserId, DomainError> {
    let now = ctx.clock.now();
    let txn = crate::db::begin_write(&ctx.db).await?;
    let used = tokens::consume(&txn, token, tokens::Purpose::VerifyEmail, now).await?;
    let account = user::Entity::find_by_id(used.user_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    if account.email_verified_at.is_none() {
        let mut verified: user::ActiveModel = account.into();
        verified.email_verified_at = Set(Some(now));
        verified.update(&txn).await?;
    }
    txn.commit().await?;
    Ok(UserId(used.user_id))
}

/// Checks an email and password. Unknown address, wrong password: the same error, after the
/// same work (a dummy hash is checked). An unverified address is refused after a right password.
#[tracing::instrument(skip_all)]
pub async fn authenticate(
    ctx: &AppContext,
    email: &str,
    candidate: SecretString,
    origin: &crate::types::ClientOrigin,
) -> Result<AccountView, DomainError> {
    let client = origin.limit_key();
    crate::rate_limits::may_try_sign_in(ctx, email, &client)
        .await?
        .into_result()?;
    let account = match Email::parse(email) {
        Ok(email) => {
            user::Entity::find()
                .filter(user::Column::Email.eq(email.as_str()))
                .one(&ctx.db)
                .await?
        }
        Err(_) => None,
    };
    let stored = account.as_ref().map(|a| a.password_hash.clone());
    let matches = password::verify_password(candidate, stored).await?;
    let Some(account) = account.filter(|_| matches) else {
        crate::rate_limits::record_sign_in_failure(ctx, email, &client).await?;
        record_failed_sign_in(ctx, &ctx.db, email).await?;
        return Err(DomainError::Validation {
            field: "password",
            code: "invalid_credentials",
        });
    };
    if account.email_verified_at.is_none() {
        return Err(DomainError::Validation {
            field: "email",
            code: "email_not_verified",
        });
    }
    Ok(view(&account))
}

/// Emails a password reset link (valid one hour, once) if `email` has an account; the answer is
/// the same either way.
#[tracing::instrument(skip_all)]
pub async fn request_password_reset(ctx: &AppContext, email: &str) -> Result<(), DomainError> {
    let Ok(email) = Email::parse(email) else {
        return Ok(());
    };
    crate::rate_limits::hit(ctx, crate::rate_limits::RESET_PER_ACCOUNT, email.as_str())
        .await?
        .into_result()?;
    let now = ctx.clock.now();
    let txn = crate::db::begin_write(&ctx.db).await?;
    let Some(account) = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(&txn)
        .await?
    else {
        return Ok(());
    };
    // Only the newest link works.
    tokens::revoke_all(&txn, account.id, tokens::Purpose::ResetPassword, now).await?;
    let token = tokens::issue(
        &txn,
        account.id,
        tokens::Purpose::ResetPassword,
        now,
        RESET_VALIDITY,
    )
    .await?;
    let lang = Lang::parse(&account.lang).unwrap_or_default();
    let link = links::account(ctx, lang, "reset-password", Some(token.as_str()));
    let message = templates::password_reset(&account.email, lang, &account.display_name, &link);
    outbox::enqueue(&txn, now, message).await?;
    txn.commit().await?;
    Ok(())
}

/// Sets a new password with a reset link, and ends every session of the account.
#[tracing::instrument(skip_all)]
pub async fn reset_password(
    ctx: &AppContext,
    token: &str,
    password: NewPassword,
) -> Result<UserId, DomainError> {
    // The link first: a bogus token must not cost a hash.
    tokens::find_live(
        &ctx.db,
        token,
        tokens::Purpose::ResetPassword,
        ctx.clock.now(),
    )
    .await?;
    let hash = password::hash_password(&password).await?;
    let now = ctx.clock.now();
    let txn = crate::db::begin_write(&ctx.db).await?;
    let used = tokens::consume(&txn, token, tokens::Purpose::ResetPassword, now).await?;
    let account = user::Entity::find_by_id(used.user_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let mut changed: user::ActiveModel = account.into();
    changed.password_hash = Set(hash);
    // Following the link proves the address too.
    if changed.email_verified_at.as_ref().is_none() {
        changed.email_verified_at = Set(Some(now));
    }
    changed.update(&txn).await?;
    tokens::revoke_all(&txn, used.user_id, tokens::Purpose::ResetPassword, now).await?;
    crate::entities::session::Entity::delete_many()
        .filter(crate::entities::session::Column::UserId.eq(used.user_id))
        .exec(&txn)
        .await?;
    audit::record(
        ctx,
        &txn,
        AuditEvent {
            actor_user_id: Some(used.user_id),
            action: "password_reset",
            subject_user_id: Some(used.user_id),
            region_id: None,
            detail: serde_json::json!({}),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(UserId(used.user_id))
}

/// The account of `email`, created (already verified) when missing: for administrators who set
/// up the platform from the command line. Returns the id and whether it was created.
pub async fn ensure_verified_account(
    ctx: &AppContext,
    email: &Email,
    display_name: &DisplayName,
    password: &NewPassword,
    lang: Lang,
) -> Result<(UserId, bool), DomainError> {
    if let Some(existing) = user::Entity::find()
        .filter(
            Condition::any()
                .add(user::Column::Email.eq(email.as_str()))
                .add(user::Column::Mailbox.eq(email.mailbox())),
        )
        .one(&ctx.db)
        .await?
    {
        return Ok((UserId(existing.id), false));
    }
    let hash = password::hash_password(password).await?;
    let now = ctx.clock.now();
    let created = user::ActiveModel {
        email: Set(email.as_str().to_owned()),
        mailbox: Set(Some(email.mailbox())),
        email_verified_at: Set(Some(now)),
        display_name: Set(display_name.as_str().to_owned()),
        password_hash: Set(hash),
        lang: Set(lang.code().to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&ctx.db)
    .await?;
    Ok((UserId(created.id), true))
}

/// How long a staff session may stay unused.
pub const STAFF_IDLE_TIMEOUT: Duration = Duration::minutes(30);
/// How long a staff session may last at all.
pub const STAFF_ABSOLUTE_TIMEOUT: Duration = Duration::hours(12);

/// A successful sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub account: AccountView,
    /// Staff sessions are short: see `staff_session_expired`.
    pub staff: bool,
}

/// Signs in: checks the credentials (see `authenticate`); sign-ins of staff are audit-logged.
#[tracing::instrument(skip_all)]
pub async fn sign_in(
    ctx: &AppContext,
    email: &str,
    candidate: SecretString,
    origin: &crate::types::ClientOrigin,
) -> Result<SignedIn, DomainError> {
    let account = authenticate(ctx, email, candidate, origin).await?;
    let actor = crate::roles::actor(ctx, account.id).await?;
    if actor.is_staff() {
        audit::record(
            ctx,
            &ctx.db,
            AuditEvent {
                actor_user_id: Some(account.id.0),
                action: "staff_signed_in",
                subject_user_id: Some(account.id.0),
                region_id: None,
                detail: serde_json::json!({ "roles": actor.roles.iter().map(|r| r.name()).collect::<Vec<_>>() }),
            },
        )
        .await?;
    }
    Ok(SignedIn {
        account,
        staff: actor.is_staff(),
    })
}

/// Whether a staff session started at `signed_in_at` and last used at `last_seen_at` (Unix
/// seconds) is over: 30 minutes idle, or 12 hours in all.
pub fn staff_session_expired(
    now: chrono::DateTime<chrono::Utc>,
    signed_in_at: i64,
    last_seen_at: i64,
) -> bool {
    let now = now.timestamp();
    now - last_seen_at >= STAFF_IDLE_TIMEOUT.num_seconds()
        || now - signed_in_at >= STAFF_ABSOLUTE_TIMEOUT.num_seconds()
}

/// Whether a session last used at `last_seen_at` (Unix seconds) should note that it is used now.
/// Noting it writes the session, so it is done at most once a minute for staff (whose sessions
/// end after 30 idle minutes) and once a day for citizens (whose sessions end after 14 idle
/// days): most requests write nothing.
pub fn session_needs_touch(
    now: chrono::DateTime<chrono::Utc>,
    last_seen_at: i64,
    staff: bool,
) -> bool {
    let every = if staff { 60 } else { 24 * 3600 };
    now.timestamp() - last_seen_at >= every
}

/// The account of `id`, if it exists.
pub async fn find_account(
    ctx: &AppContext,
    id: UserId,
) -> Result<Option<AccountView>, DomainError> {
    Ok(user::Entity::find_by_id(id.0)
        .one(&ctx.db)
        .await?
        .map(|a| view(&a)))
}

fn view(account: &user::Model) -> AccountView {
    AccountView {
        id: UserId(account.id),
        email: account.email.clone(),
        display_name: account.display_name.clone(),
        lang: Lang::parse(&account.lang).unwrap_or_default(),
    }
}

async fn record_failed_sign_in<C: ConnectionTrait>(
    ctx: &AppContext,
    db: &C,
    email: &str,
) -> Result<(), DomainError> {
    let attempted: String = email.trim().chars().take(254).collect();
    audit::record(
        ctx,
        db,
        AuditEvent {
            actor_user_id: None,
            action: "sign_in_failed",
            subject_user_id: None,
            region_id: None,
            detail: serde_json::json!({ "email": attempted.to_lowercase() }),
        },
    )
    .await
}

/// Unused tokens of a user for a purpose (tests).
pub async fn open_token_count(ctx: &AppContext, id: UserId) -> Result<usize, DomainError> {
    Ok(email_token::Entity::find()
        .filter(email_token::Column::UserId.eq(id.0))
        .filter(email_token::Column::UsedAt.is_null())
        .all(&ctx.db)
        .await?
        .len())
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone, Utc};

    use super::{session_needs_touch, staff_session_expired};

    #[test]
    fn sessions_note_their_use_now_and_then() {
        let now = Utc
            .with_ymd_and_hms(2026, 3, 1, 12, 0, 0)
            .single()
            .unwrap_or_default();
        let ago = |d: Duration| (now - d).timestamp();
        assert!(!session_needs_touch(now, ago(Duration::seconds(59)), true));
        assert!(session_needs_touch(now, ago(Duration::seconds(60)), true));
        assert!(!session_needs_touch(now, ago(Duration::hours(23)), false));
        assert!(session_needs_touch(now, ago(Duration::hours(24)), false));
        assert!(session_needs_touch(now, 0, false), "never noted");
    }

    #[test]
    fn staff_sessions_end_idle_or_old() {
        let now = Utc
            .with_ymd_and_hms(2026, 3, 1, 12, 0, 0)
            .single()
            .unwrap_or_default();
        let ago = |d: Duration| (now - d).timestamp();
        assert!(!staff_session_expired(
            now,
            ago(Duration::hours(11)),
            ago(Duration::minutes(29))
        ));
        assert!(staff_session_expired(
            now,
            ago(Duration::hours(11)),
            ago(Duration::minutes(30))
        ));
        assert!(staff_session_expired(
            now,
            ago(Duration::hours(12)),
            ago(Duration::minutes(1))
        ));
    }
}

//! Law 09-08: a person sees and exports what the platform holds about them, and deletes their
//! account.

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use secrecy::SecretString;
use serde_json::json;

use super::password;
use crate::audit::{self, AuditEvent};
use crate::entities::{audit_entry, outbox_email, session, user, user_role};
use crate::types::UserId;
use crate::{AppContext, DomainError};

/// Everything the platform holds about `user`, as JSON (never a password hash or a token).
pub async fn export_my_data(
    ctx: &AppContext,
    user_id: UserId,
) -> Result<serde_json::Value, DomainError> {
    let account = user::Entity::find_by_id(user_id.0)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let roles = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id.0))
        .all(&ctx.db)
        .await?;
    let sessions = session::Entity::find()
        .filter(session::Column::UserId.eq(user_id.0))
        .all(&ctx.db)
        .await?;
    let emails = outbox_email::Entity::find()
        .filter(outbox_email::Column::ToAddress.eq(account.email.as_str()))
        .order_by_asc(outbox_email::Column::Id)
        .all(&ctx.db)
        .await?;
    let audit = audit_entry::Entity::find()
        .filter(
            Condition::any()
                .add(audit_entry::Column::ActorUserId.eq(user_id.0))
                .add(audit_entry::Column::SubjectUserId.eq(user_id.0)),
        )
        .order_by_asc(audit_entry::Column::Id)
        .all(&ctx.db)
        .await?;
    let petitions = crate::petitions::my_data::export_petition_data(ctx, user_id).await?;
    let consultations =
        crate::consultations::my_data::export_consultation_data(ctx, user_id).await?;
    Ok(json!({
        "exported_at": ctx.clock.now(),
        "account": {
            "email": account.email,
            "email_verified_at": account.email_verified_at,
            "display_name": account.display_name,
            "language": account.lang,
            "created_at": account.created_at,
        },
        "roles": roles.iter().map(|r| json!({
            "role": r.role,
            "region_id": (r.region_id != 0).then_some(r.region_id),
            "granted_at": r.granted_at,
        })).collect::<Vec<_>>(),
        "sessions": sessions.iter().map(|s| json!({ "expires_at": s.expires_at })).collect::<Vec<_>>(),
        "emails_sent": emails.iter().map(|e| json!({
            "subject": e.subject,
            "created_at": e.created_at,
            "sent_at": e.sent_at,
        })).collect::<Vec<_>>(),
        "audit_log": audit.iter().map(|a| json!({
            "at": a.at,
            "action": a.action,
            "by_me": a.actor_user_id == Some(user_id.0),
            "region_id": a.region_id,
        })).collect::<Vec<_>>(),
        "petitions_filed": petitions["petitions_filed"],
        "signatures": petitions["signatures"],
        "signer_profile": petitions["signer_profile"],
        "consultation_responses": consultations["consultation_responses"],
        "proposals": consultations["proposals"],
        "comments": consultations["comments"],
        "supports": consultations["supports"],
        "reports": consultations["reports"],
        "regions_followed": consultations["regions_followed"],
    }))
}

/// Deletes the account after checking its password: the account, its roles, tokens, sessions
/// and signer profile go; its signatures on petitions still collecting are withdrawn, and the
/// petitions it represents that were not deposited yet are withdrawn; its responses to open
/// consultations are withdrawn (out of the results), those to closed ones stay without an
/// author; the audit log keeps that it happened.
#[tracing::instrument(skip_all)]
pub async fn delete_account(
    ctx: &AppContext,
    user_id: UserId,
    confirmation: SecretString,
) -> Result<(), DomainError> {
    let account = user::Entity::find_by_id(user_id.0)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if !password::verify_password(confirmation, Some(account.password_hash.clone())).await? {
        return Err(DomainError::Validation {
            field: "password",
            code: "wrong_password",
        });
    }
    let txn = crate::db::begin_write(&ctx.db).await?;
    if txn.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        // An answer being written now (its foreign key holds the account's row) is finished
        // before its responses are read, and none can start until the account is gone: no
        // response slips past the withdrawal below. (SQLite writes one at a time already.)
        user::Entity::find_by_id(user_id.0)
            .lock_exclusive()
            .one(&txn)
            .await?;
    }
    crate::petitions::my_data::forget_user(&txn, ctx.clock.now(), user_id).await?;
    crate::consultations::my_data::forget_participant(&txn, ctx.clock.now(), user_id).await?;
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id.0))
        .exec(&txn)
        .await?;
    user_role::Entity::delete_many()
        .filter(user_role::Column::UserId.eq(user_id.0))
        .exec(&txn)
        .await?;
    user::Entity::delete_by_id(user_id.0).exec(&txn).await?;
    audit::record(
        ctx,
        &txn,
        AuditEvent {
            actor_user_id: Some(user_id.0),
            action: "account_deleted",
            subject_user_id: Some(user_id.0),
            region_id: None,
            detail: json!({}),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

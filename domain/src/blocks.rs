//! Blocked accounts: a moderator blocks the author of content of their region from taking part
//! in it (a platform admin blocks in any region, or in every region); a blocked account cannot
//! file or resubmit a petition, sign with its profile, propose, support, comment, report or
//! answer there (`Conflict("account_blocked")`), while what it wrote stays until moderated. The
//! reason is required; every block and unblock is audit-logged and the person is emailed. The
//! moderators never learn who wrote what: they block "the author of" an item.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::audit::{self, AuditEvent};
use crate::entities::{
    account_block, answer, consultation, petition, proposal, proposal_comment, region, response,
    user,
};
use crate::mail::{links, outbox, templates, words};
use crate::roles::Actor;
use crate::types::{Lang, UserId};
use crate::{AppContext, DomainError};

/// The region of a block that holds in every region.
pub const EVERY_REGION: i32 = 0;

/// Longest reason, in characters.
pub const MAX_REASON_CHARS: usize = 1000;

/// Refuses (`Conflict("account_blocked")`) when `user` is blocked in `region_id` or everywhere.
pub async fn ensure_not_blocked<C: ConnectionTrait>(
    db: &C,
    user: UserId,
    region_id: i32,
) -> Result<(), DomainError> {
    let found = account_block::Entity::find()
        .filter(account_block::Column::UserId.eq(user.0))
        .filter(account_block::Column::RegionId.is_in([region_id, EVERY_REGION]))
        .one(db)
        .await?;
    match found {
        Some(_) => Err(DomainError::Conflict("account_blocked")),
        None => Ok(()),
    }
}

/// Why an account is blocked: a note, 1 to [`MAX_REASON_CHARS`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockReason(String);

impl BlockReason {
    /// The reason written in the form.
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let text = input.trim().replace("\r\n", "\n");
        match text.chars().count() {
            0 => Err(DomainError::Validation {
                field: "reason",
                code: "block_reason_missing",
            }),
            n if n > MAX_REASON_CHARS => Err(DomainError::Validation {
                field: "reason",
                code: "text_too_long",
            }),
            _ => Ok(Self(text)),
        }
    }
}

/// Content whose author may be blocked, by its public id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Authored {
    Petition(i32),
    Proposal(i32),
    Comment(i32),
    /// A free-text answer, by its token.
    Answer(i64),
}

impl Authored {
    /// The item named by a form: `kind` (`petition`, `proposal`, `comment`, `answer`) and `id`.
    pub fn parse(kind: &str, id: &str) -> Result<Self, DomainError> {
        let invalid = DomainError::Validation {
            field: "target",
            code: "target_invalid",
        };
        let id = id.trim();
        match kind {
            "petition" => id.parse().map(Self::Petition).map_err(|_| invalid),
            "proposal" => id.parse().map(Self::Proposal).map_err(|_| invalid),
            "comment" => id.parse().map(Self::Comment).map_err(|_| invalid),
            "answer" => id.parse().map(Self::Answer).map_err(|_| invalid),
            _ => Err(invalid),
        }
    }
}

/// The author (if the account still exists) and the region of `item`.
async fn author_of(ctx: &AppContext, item: Authored) -> Result<(Option<i32>, i32), DomainError> {
    let consultation_region = |id: i32| async move {
        consultation::Entity::find_by_id(id)
            .one(&ctx.db)
            .await?
            .map(|c| c.region_id)
            .ok_or(DomainError::NotFound)
    };
    match item {
        Authored::Petition(id) => {
            let p = petition::Entity::find_by_id(id)
                .one(&ctx.db)
                .await?
                .ok_or(DomainError::NotFound)?;
            Ok((p.representative_id, p.region_id))
        }
        Authored::Proposal(id) => {
            let p = proposal::Entity::find_by_id(id)
                .one(&ctx.db)
                .await?
                .ok_or(DomainError::NotFound)?;
            Ok((p.user_id, consultation_region(p.consultation_id).await?))
        }
        Authored::Comment(id) => {
            let c = proposal_comment::Entity::find_by_id(id)
                .one(&ctx.db)
                .await?
                .ok_or(DomainError::NotFound)?;
            let p = proposal::Entity::find_by_id(c.proposal_id)
                .one(&ctx.db)
                .await?
                .ok_or(DomainError::NotFound)?;
            Ok((c.user_id, consultation_region(p.consultation_id).await?))
        }
        Authored::Answer(token) => {
            let a = answer::Entity::find()
                .filter(answer::Column::Token.eq(token))
                .one(&ctx.db)
                .await?
                .ok_or(DomainError::NotFound)?;
            let r = response::Entity::find_by_id(a.response_id)
                .one(&ctx.db)
                .await?
                .ok_or(DomainError::NotFound)?;
            Ok((r.user_id, consultation_region(r.consultation_id).await?))
        }
    }
}

/// Whether `by` may block or unblock in `region_id` (a region, or [`EVERY_REGION`]).
fn may_block(by: &Actor, region_id: i32) -> bool {
    by.is_admin() || (region_id != EVERY_REGION && by.is_moderator_of(region_id))
}

/// A moderator of `item`'s region (or a platform admin) blocks its author from taking part in
/// that region. `NotFound` when the item has no author any more.
pub async fn block_author(
    ctx: &AppContext,
    by: &Actor,
    item: Authored,
    reason: BlockReason,
) -> Result<(), DomainError> {
    let (author, region_id) = author_of(ctx, item).await?;
    if !may_block(by, region_id) {
        let target = serde_json::json!({ "item": format!("{item:?}") });
        return Err(audit::denied(ctx, by.user.0, "block_author", Some(region_id), target).await);
    }
    let author = author.ok_or(DomainError::NotFound)?;
    block(ctx, by, UserId(author), region_id, reason).await
}

/// A platform admin blocks the account of `email` in every region. `NotFound` for an unknown
/// address.
pub async fn block_everywhere(
    ctx: &AppContext,
    by: &Actor,
    email: &crate::types::Email,
    reason: BlockReason,
) -> Result<(), DomainError> {
    if !by.is_admin() {
        let target = serde_json::Value::Null;
        return Err(audit::denied(ctx, by.user.0, "block_everywhere", None, target).await);
    }
    let account = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    block(ctx, by, UserId(account.id), EVERY_REGION, reason).await
}

/// Blocks `user` in `region_id` (checked by the caller); never oneself, a platform admin, or
/// the staff of that region (`Conflict("cannot_block_staff")`); once (`Conflict("already_blocked")`).
async fn block(
    ctx: &AppContext,
    by: &Actor,
    user: UserId,
    region_id: i32,
    reason: BlockReason,
) -> Result<(), DomainError> {
    let target = crate::roles::actor(ctx, user).await?;
    let staff_here = target.roles.iter().any(|r| {
        r.region_id()
            .is_none_or(|r| region_id == EVERY_REGION || r == region_id)
    });
    if user == by.user || staff_here {
        return Err(DomainError::Conflict("cannot_block_staff"));
    }
    let now = ctx.clock.now();
    let txn = crate::db::begin_write(&ctx.db).await?;
    account_block::ActiveModel {
        user_id: Set(user.0),
        region_id: Set(region_id),
        reason: Set(reason.0.clone()),
        blocked_by: Set(Some(by.user.0)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match DomainError::from(e) {
        DomainError::Conflict(_) => DomainError::Conflict("already_blocked"),
        other => other,
    })?;
    audit::record(
        ctx,
        &txn,
        AuditEvent {
            actor_user_id: Some(by.user.0),
            action: "account_blocked",
            subject_user_id: Some(user.0),
            region_id: Some(region_id).filter(|r| *r != EVERY_REGION),
            detail: serde_json::json!({ "reason": reason.0 }),
        },
    )
    .await?;
    tell(ctx, &txn, user, region_id, Some(&reason.0)).await?;
    txn.commit().await?;
    Ok(())
}

/// Lifts block `id`. The moderators of its region (or a platform admin; only an admin lifts a
/// block of every region); audit-logged, the person emailed.
pub async fn unblock_account(ctx: &AppContext, by: &Actor, id: i32) -> Result<(), DomainError> {
    let found = account_block::Entity::find_by_id(id)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if !may_block(by, found.region_id) {
        let target = serde_json::json!({ "block": id });
        let region = Some(found.region_id).filter(|r| *r != EVERY_REGION);
        return Err(audit::denied(ctx, by.user.0, "unblock_account", region, target).await);
    }
    let txn = crate::db::begin_write(&ctx.db).await?;
    let deleted = account_block::Entity::delete_by_id(id).exec(&txn).await?;
    if deleted.rows_affected == 0 {
        return Err(DomainError::NotFound);
    }
    audit::record(
        ctx,
        &txn,
        AuditEvent {
            actor_user_id: Some(by.user.0),
            action: "account_unblocked",
            subject_user_id: Some(found.user_id),
            region_id: Some(found.region_id).filter(|r| *r != EVERY_REGION),
            detail: serde_json::Value::Null,
        },
    )
    .await?;
    tell(ctx, &txn, UserId(found.user_id), found.region_id, None).await?;
    txn.commit().await?;
    Ok(())
}

/// A block as the moderators list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockView {
    pub id: i32,
    /// The account's display name.
    pub name: String,
    /// Whether it holds in every region (only a platform admin lifts it).
    pub everywhere: bool,
    pub reason: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// The blocks that hold in `region_id` (its own and those of every region), newest first. Its
/// moderators and platform admins only.
pub async fn list_blocks(
    ctx: &AppContext,
    by: &Actor,
    region_id: i32,
) -> Result<Vec<BlockView>, DomainError> {
    if !may_block(by, region_id) {
        let target = serde_json::json!({ "region": region_id });
        return Err(audit::denied(ctx, by.user.0, "list_blocks", Some(region_id), target).await);
    }
    let rows = account_block::Entity::find()
        .filter(account_block::Column::RegionId.is_in([region_id, EVERY_REGION]))
        .order_by_desc(account_block::Column::Id)
        .all(&ctx.db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|b| b.user_id).collect();
    let names: std::collections::HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|b| BlockView {
            id: b.id,
            name: names.get(&b.user_id).cloned().unwrap_or_default(),
            everywhere: b.region_id == EVERY_REGION,
            reason: b.reason,
            created_at: b.created_at,
        })
        .collect())
}

/// Emails `user` that they are blocked in `region_id` for `reason`, or (no reason) that the
/// block is lifted.
async fn tell<C: ConnectionTrait>(
    ctx: &AppContext,
    db: &C,
    user: UserId,
    region_id: i32,
    reason: Option<&str>,
) -> Result<(), DomainError> {
    let Some(person) = user::Entity::find_by_id(user.0).one(db).await? else {
        return Ok(());
    };
    let lang = Lang::parse(&person.lang).unwrap_or_default();
    let found = region::Entity::find_by_id(region_id).one(db).await?;
    let place = match &found {
        Some(r) => crate::regions::views::region_name(r).get(lang).to_owned(),
        None => words::BLOCK_EVERY_REGION.get(lang).to_owned(),
    };
    let link = match &found {
        Some(r) => links::page(ctx, lang, &format!("r/{}", r.slug)),
        None => format!("{}/{}", ctx.public_url, lang.code()),
    };
    let email = block_email(
        (&person.email, lang, &person.display_name, &link),
        &place,
        reason,
    );
    outbox::enqueue(db, ctx.clock.now(), email).await
}

/// The email telling someone they are blocked in `place` for `reason`, or (no reason) that the
/// block is lifted.
pub fn block_email(
    (to, lang, name, link): (&str, Lang, &str, &str),
    place: &str,
    reason: Option<&str>,
) -> crate::mail::OutgoingEmail {
    let body = match reason {
        Some(reason) => vec![
            words::BLOCKED_BODY.fill(lang, &[("region", place)]),
            words::BLOCKED_REASON.fill(lang, &[("reason", reason)]),
            words::BLOCKED_AFTER.get(lang).to_owned(),
        ],
        None => vec![words::UNBLOCKED_BODY.fill(lang, &[("region", place)])],
    };
    let subject = if reason.is_some() {
        words::BLOCKED_SUBJECT
    } else {
        words::UNBLOCKED_SUBJECT
    };
    templates::compose_texts((to, lang, name, link), subject, body, words::BLOCK_ACTION)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roles::Role;

    #[test]
    fn a_reason_is_required_and_bounded() {
        assert!(BlockReason::parse("  ").is_err());
        assert!(BlockReason::parse(&"x".repeat(MAX_REASON_CHARS + 1)).is_err());
        assert!(BlockReason::parse("Publicité répétée").is_ok());
    }

    #[test]
    fn items_parse_by_kind_and_id() {
        assert_eq!(
            Authored::parse("proposal", "12").ok(),
            Some(Authored::Proposal(12))
        );
        assert_eq!(
            Authored::parse("answer", "-5").ok(),
            Some(Authored::Answer(-5))
        );
        assert!(Authored::parse("user", "1").is_err());
        assert!(Authored::parse("comment", "=1+1").is_err());
    }

    #[test]
    fn moderators_block_in_their_region_and_admins_everywhere() {
        let moderator = Actor {
            user: UserId(1),
            roles: vec![Role::Moderator { region_id: 3 }],
        };
        let officer = Actor {
            user: UserId(2),
            roles: vec![Role::CouncilOfficer { region_id: 3 }],
        };
        let admin = Actor {
            user: UserId(3),
            roles: vec![Role::PlatformAdmin],
        };
        assert!(may_block(&moderator, 3));
        assert!(!may_block(&moderator, 4));
        assert!(!may_block(&moderator, EVERY_REGION));
        assert!(!may_block(&officer, 3));
        assert!(may_block(&admin, 3) && may_block(&admin, EVERY_REGION));
    }
}

//! Consultation news by email. Citizens follow a region and are emailed when one of its
//! consultations opens; participants who asked are emailed the council's synthesis. A job
//! schedules each mailing once (a unique index on consultation and kind) and sends it in
//! batches after a cursor on the account id, so that a region with a million followers is
//! mailed without one huge transaction, and nothing is sent twice.

use chrono::Duration;
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use super::drafts::last_day;
use super::emails;
use super::lifecycle::StoredStatus;
use crate::entities::{
    consultation, consultation_mailing, consultation_text, region, region_follow, response, user,
};
use crate::mail::outbox;
use crate::mail::unsubscribe::{self, Subscription};
use crate::types::ConsultationId;
use crate::types::UserId;
use crate::types::{Lang, RegionSlug};
use crate::{AppContext, DomainError};

/// Consultations that opened longer ago than this are not announced any more (e.g. after the
/// platform was down for a long time).
const ANNOUNCE_WITHIN_DAYS: i64 = 7;

async fn region_id(ctx: &AppContext, region: &RegionSlug) -> Result<i32, DomainError> {
    Ok(region::Entity::find()
        .filter(region::Column::Slug.eq(region.as_str()))
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?
        .id)
}

/// `user` follows region `region` (again: nothing changes) or stops following it.
pub async fn set_following(
    ctx: &AppContext,
    user: UserId,
    origin: &crate::types::ClientOrigin,
    region: &RegionSlug,
    follow: bool,
) -> Result<(), DomainError> {
    let region_id = region_id(ctx, region).await?;
    if follow {
        crate::rate_limits::hit_participation(
            ctx,
            crate::rate_limits::Participation::Follow,
            user.0,
            origin,
        )
        .await?;
        region_follow::Entity::insert(region_follow::ActiveModel {
            user_id: Set(user.0),
            region_id: Set(region_id),
            created_at: Set(ctx.clock.now()),
        })
        .on_conflict(
            OnConflict::columns([
                region_follow::Column::UserId,
                region_follow::Column::RegionId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(&ctx.db)
        .await?;
    } else {
        region_follow::Entity::delete_many()
            .filter(region_follow::Column::UserId.eq(user.0))
            .filter(region_follow::Column::RegionId.eq(region_id))
            .exec(&ctx.db)
            .await?;
    }
    Ok(())
}

/// `user` stops following region `region` (an unsubscribe link).
pub(crate) async fn stop_region_news(
    ctx: &AppContext,
    user: i32,
    region: i32,
) -> Result<(), DomainError> {
    region_follow::Entity::delete_many()
        .filter(region_follow::Column::UserId.eq(user))
        .filter(region_follow::Column::RegionId.eq(region))
        .exec(&ctx.db)
        .await?;
    Ok(())
}

/// `user` no longer wants the synthesis of consultation `consultation` (an unsubscribe link).
pub(crate) async fn stop_synthesis(
    ctx: &AppContext,
    user: i32,
    consultation: i32,
) -> Result<(), DomainError> {
    response::Entity::update_many()
        .col_expr(response::Column::Notify, Expr::value(false))
        .filter(response::Column::UserId.eq(user))
        .filter(response::Column::ConsultationId.eq(consultation))
        .exec(&ctx.db)
        .await?;
    Ok(())
}

/// Whether `user` follows region `region`.
pub async fn is_following(
    ctx: &AppContext,
    user: UserId,
    region: &RegionSlug,
) -> Result<bool, DomainError> {
    let region_id = region_id(ctx, region).await?;
    Ok(region_follow::Entity::find_by_id((user.0, region_id))
        .one(&ctx.db)
        .await?
        .is_some())
}

/// Schedules the mailings now due: `opened` for published consultations whose first day has
/// come (within the last week), `synthesis` for those whose synthesis is out. Gives how many
/// were scheduled.
pub async fn schedule_due_mailings(ctx: &AppContext) -> Result<u64, DomainError> {
    let now = ctx.clock.now();
    // Those of `kind` already scheduled are left out.
    let unscheduled = |kind: &str| {
        consultation::Column::Id.not_in_subquery(
            Query::select()
                .column(consultation_mailing::Column::ConsultationId)
                .from(consultation_mailing::Entity)
                .and_where(consultation_mailing::Column::Kind.eq(kind))
                .to_owned(),
        )
    };
    let opened = consultation::Entity::find()
        .filter(consultation::Column::Status.eq(StoredStatus::Published.as_str()))
        .filter(consultation::Column::OpensAt.lte(now))
        .filter(consultation::Column::OpensAt.gt(now - Duration::days(ANNOUNCE_WITHIN_DAYS)))
        .filter(consultation::Column::ClosesAt.gt(now))
        .filter(unscheduled("opened"))
        .all(&ctx.db)
        .await?;
    let concluded = consultation::Entity::find()
        .filter(consultation::Column::Status.eq(StoredStatus::SynthesisPublished.as_str()))
        .filter(unscheduled("synthesis"))
        .all(&ctx.db)
        .await?;
    let due = opened
        .iter()
        .map(|c| (c.id, "opened"))
        .chain(concluded.iter().map(|c| (c.id, "synthesis")));
    let mut scheduled = 0;
    for (id, kind) in due {
        let inserted = consultation_mailing::Entity::insert(consultation_mailing::ActiveModel {
            consultation_id: Set(id),
            kind: Set(kind.to_owned()),
            after_user_id: Set(0),
            created_at: Set(now),
            done_at: Set(None),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::columns([
                consultation_mailing::Column::ConsultationId,
                consultation_mailing::Column::Kind,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(&ctx.db)
        .await?;
        scheduled += inserted;
    }
    Ok(scheduled)
}

/// Schedules what is due, then sends the next `batch` emails of each pending mailing; gives how
/// many emails were queued.
pub(crate) async fn send_due(ctx: &AppContext, batch: u64) -> Result<u64, DomainError> {
    schedule_due_mailings(ctx).await?;
    use consultation_mailing::{Column, Entity};
    let mut queued = 0;
    for mailing in crate::mail::batches::pending::<Entity>(ctx, Column::DoneAt, Column::Id).await? {
        queued += send_batch(ctx, &mailing, batch).await?;
    }
    Ok(queued)
}

/// The next `batch` account ids of `mailing` (after its cursor), and the verified recipients
/// among them: `(account, email, lang, name)`.
async fn recipients(
    ctx: &AppContext,
    mailing: &consultation_mailing::Model,
    c: &consultation::Model,
    batch: u64,
) -> Result<(Vec<i32>, Vec<(i32, String, Lang, String)>), DomainError> {
    let ids: Vec<i32> = if mailing.kind == "opened" {
        region_follow::Entity::find()
            .filter(region_follow::Column::RegionId.eq(c.region_id))
            .filter(region_follow::Column::UserId.gt(mailing.after_user_id))
            .order_by_asc(region_follow::Column::UserId)
            .limit(batch)
            .select_only()
            .column(region_follow::Column::UserId)
            .into_tuple()
            .all(&ctx.db)
            .await?
    } else {
        response::Entity::find()
            .filter(response::Column::ConsultationId.eq(c.id))
            .filter(response::Column::Notify.eq(true))
            .filter(response::Column::UserId.gt(mailing.after_user_id))
            .order_by_asc(response::Column::UserId)
            .limit(batch)
            .select_only()
            .column(response::Column::UserId)
            .into_tuple()
            .all(&ctx.db)
            .await?
    };
    let recipients = user::Entity::find()
        .filter(user::Column::Id.is_in(ids.clone()))
        .filter(user::Column::EmailVerifiedAt.is_not_null())
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|u| {
            let lang = Lang::parse(&u.lang).unwrap_or_default();
            (u.id, u.email, lang, u.display_name)
        })
        .collect();
    Ok((ids, recipients))
}

async fn send_batch(
    ctx: &AppContext,
    mailing: &consultation_mailing::Model,
    batch: u64,
) -> Result<u64, DomainError> {
    let now = ctx.clock.now();
    let Some((c, texts)) = consultation::Entity::find_by_id(mailing.consultation_id)
        .find_with_related(consultation_text::Entity)
        .all(&ctx.db)
        .await?
        .into_iter()
        .next()
    else {
        return Ok(0);
    };
    let region = region::Entity::find_by_id(c.region_id)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let (ids, to) = recipients(ctx, mailing, &c, batch).await?;
    let cursor = ids.last().copied().unwrap_or(mailing.after_user_id);
    let done = u64::try_from(ids.len()).unwrap_or(u64::MAX) < batch;
    let txn = crate::db::begin_write(&ctx.db).await?;
    // Another instance may be sending the same batch: only one moves the cursor.
    let mut update = consultation_mailing::Entity::update_many()
        .col_expr(
            consultation_mailing::Column::AfterUserId,
            Expr::value(cursor),
        )
        .filter(consultation_mailing::Column::Id.eq(mailing.id))
        .filter(consultation_mailing::Column::AfterUserId.eq(mailing.after_user_id))
        .filter(consultation_mailing::Column::DoneAt.is_null());
    if done {
        update = update.col_expr(consultation_mailing::Column::DoneAt, Expr::value(now));
    }
    if update.exec(&txn).await?.rows_affected != 1 {
        return Ok(0);
    }
    let fallback = Lang::parse(&c.fallback_lang).unwrap_or_default();
    let council = crate::regions::council::council(&txn, c.region_id).await?;
    let mut queued = 0;
    for (user, email, lang, name) in to {
        let title = texts
            .iter()
            .find(|t| t.lang == lang.code())
            .or_else(|| texts.iter().find(|t| t.lang == fallback.code()))
            .map(|t| t.title.clone())
            .unwrap_or_default();
        let link = crate::mail::links::consultation(ctx, lang, &region.slug, ConsultationId(c.id));
        let region_name = match lang {
            Lang::Ar => &region.name_ar,
            Lang::Zgh => &region.name_zgh,
            Lang::Fr => &region.name_fr,
            Lang::En => &region.name_en,
        };
        let (message, subscription) = if mailing.kind == "opened" {
            let message = emails::consultation_opened(
                (&email, lang, &name),
                &title,
                region_name,
                &crate::dates::day(last_day(c.closes_at), lang),
                &link,
            );
            let region = c.region_id;
            (message, Subscription::RegionNews { user, region })
        } else {
            let message = emails::synthesis_published((&email, lang, &name), &title, &link);
            let consultation = c.id;
            (message, Subscription::Synthesis { user, consultation })
        };
        let message = unsubscribe::attach(ctx, council.sign(message, lang), lang, subscription);
        outbox::enqueue(&txn, now, message).await?;
        queued += 1;
    }
    txn.commit().await?;
    Ok(queued)
}

/// Whether consultation `id`'s mailing of `kind` was sent to its last recipient.
pub async fn mailing_done(
    ctx: &AppContext,
    id: ConsultationId,
    kind: &str,
) -> Result<bool, DomainError> {
    Ok(consultation_mailing::Entity::find()
        .filter(consultation_mailing::Column::ConsultationId.eq(id.0))
        .filter(consultation_mailing::Column::Kind.eq(kind))
        .one(&ctx.db)
        .await?
        .is_some_and(|m| m.done_at.is_some()))
}

//! The council's steps emailed to the representative and to every signer who asked for news,
//! in batches: a job takes the next signers after a cursor, so that a petition with a million
//! signers is mailed without one huge transaction, and nothing is sent twice.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::emails;
use crate::entities::{petition, petition_event, petition_mailing, region, signature, user};
use crate::mail::outbox;
use crate::mail::unsubscribe::{self, Subscription};
use crate::types::Lang;
use crate::types::PetitionId;
use crate::{AppContext, DomainError};

/// Signature `signature` no longer wants news of its petition (an unsubscribe link).
pub(crate) async fn stop_news(ctx: &AppContext, signature: i32) -> Result<(), DomainError> {
    signature::Entity::update_many()
        .col_expr(signature::Column::Notify, Expr::value(false))
        .filter(signature::Column::Id.eq(signature))
        .exec(&ctx.db)
        .await?;
    Ok(())
}

/// Sends the next `batch` emails of each pending petition mailing; gives how many were queued.
pub(crate) async fn send_due(ctx: &AppContext, batch: u64) -> Result<u64, DomainError> {
    use petition_mailing::{Column, Entity};
    let mut queued = 0;
    for mailing in crate::mail::batches::pending::<Entity>(ctx, Column::DoneAt, Column::Id).await? {
        queued += send_batch(ctx, &mailing, batch).await?;
    }
    Ok(queued)
}

async fn send_batch(
    ctx: &AppContext,
    mailing: &petition_mailing::Model,
    batch: u64,
) -> Result<u64, DomainError> {
    let now = ctx.clock.now();
    let (Some(event), Some(p)) = (
        petition_event::Entity::find_by_id(mailing.event_id)
            .one(&ctx.db)
            .await?,
        petition::Entity::find_by_id(mailing.petition_id)
            .one(&ctx.db)
            .await?,
    ) else {
        return Ok(0);
    };
    let region = region::Entity::find_by_id(p.region_id)
        .one(&ctx.db)
        .await?
        .map(|r| r.slug)
        .unwrap_or_default();
    let signers = signature::Entity::find()
        .filter(signature::Column::PetitionId.eq(p.id))
        .filter(signature::Column::Notify.eq(true))
        .filter(signature::Column::Id.gt(mailing.after_signature_id))
        .order_by_asc(signature::Column::Id)
        .limit(batch)
        .all(&ctx.db)
        .await?;
    // Signers asked for the news (each may stop it in one click); the representative gets it
    // about their own petition.
    let mut recipients: Vec<(String, Lang, String, Option<i32>)> = signers
        .iter()
        .map(|s| {
            (
                s.email.clone(),
                Lang::parse(&s.lang).unwrap_or_default(),
                s.full_name.clone(),
                Some(s.id),
            )
        })
        .collect();
    if mailing.after_signature_id == 0
        && let Some(id) = p.representative_id
        && let Some(account) = user::Entity::find_by_id(id).one(&ctx.db).await?
    {
        recipients.push((
            account.email,
            Lang::parse(&account.lang).unwrap_or_default(),
            account.display_name,
            None,
        ));
    }
    let cursor = signers.last().map_or(mailing.after_signature_id, |s| s.id);
    let done = u64::try_from(signers.len()).unwrap_or(u64::MAX) < batch;
    let txn = crate::db::begin_write(&ctx.db).await?;
    // Another instance may be sending the same batch: only one moves the cursor.
    let mut update = petition_mailing::Entity::update_many()
        .col_expr(
            petition_mailing::Column::AfterSignatureId,
            Expr::value(cursor),
        )
        .filter(petition_mailing::Column::Id.eq(mailing.id))
        .filter(petition_mailing::Column::AfterSignatureId.eq(mailing.after_signature_id))
        .filter(petition_mailing::Column::DoneAt.is_null());
    if done {
        update = update.col_expr(petition_mailing::Column::DoneAt, Expr::value(now));
    }
    if update.exec(&txn).await?.rows_affected != 1 {
        return Ok(0);
    }
    let council = crate::regions::council::council(&txn, p.region_id).await?;
    let mut queued = 0;
    for (to, lang, name, signature) in recipients {
        let message = emails::council_news(
            &to,
            lang,
            &name,
            &p.title,
            &event.step,
            &super::council::written_note(
                &event.step,
                event.note.as_deref().unwrap_or_default(),
                lang,
            ),
            &crate::mail::links::petition(ctx, lang, &region, PetitionId(p.id)),
        );
        let message = council.sign(message, lang);
        let message = match signature {
            Some(signature) => {
                unsubscribe::attach(ctx, message, lang, Subscription::PetitionNews { signature })
            }
            None => message,
        };
        outbox::enqueue(&txn, now, message).await?;
        queued += 1;
    }
    txn.commit().await?;
    Ok(queued)
}

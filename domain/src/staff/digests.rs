//! The daily summary of the staff alerts: for each staff member who chose it, one email a day
//! (from 07:00, Morocco time) with what was recorded for their roles since their last one, sent
//! only when something arrived. "Once a day" is a conditional update of their last summary's
//! day, which only one instance wins; the email is queued in that transaction.

use chrono::{DateTime, Duration, NaiveDate, Timelike, Utc};
use chrono_tz::Africa::Casablanca;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::alerts::{AlertDelivery, AlertKind};
use super::emails::{self, AlertLine};
use crate::entities::{region, staff_alert, staff_alert_setting, user};
use crate::mail::{links, outbox};
use crate::types::Lang;
use crate::{AppContext, DomainError};

/// The hour (Morocco time) from which the daily summaries go out.
pub const DIGEST_HOUR: u32 = 7;

/// Sends the daily summaries due (from [`DIGEST_HOUR`], Morocco time, once a day per person);
/// gives how many were emailed.
pub async fn send_due_digests(ctx: &AppContext) -> Result<u64, DomainError> {
    let now = ctx.clock.now();
    let local = now.with_timezone(&Casablanca);
    if local.hour() < DIGEST_HOUR {
        return Ok(0);
    }
    let today = local.date_naive();
    let due = staff_alert_setting::Entity::find()
        .filter(staff_alert_setting::Column::Delivery.eq(AlertDelivery::Daily.as_str()))
        .filter(not_summarised(today))
        .all(&ctx.db)
        .await?;
    let mut sent = 0;
    for setting in due {
        if send_digest(ctx, &setting, today, now).await? {
            sent += 1;
        }
    }
    Ok(sent)
}

fn not_summarised(today: NaiveDate) -> sea_orm::Condition {
    sea_orm::Condition::any()
        .add(staff_alert_setting::Column::DigestDay.is_null())
        .add(staff_alert_setting::Column::DigestDay.lt(today))
}

/// Takes `today`'s summary of `setting`'s person (unless another instance did) and emails it
/// when something was recorded since the last one. Gives whether an email was queued.
async fn send_digest(
    ctx: &AppContext,
    setting: &staff_alert_setting::Model,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<bool, DomainError> {
    let txn = crate::db::begin_write(&ctx.db).await?;
    let taken = staff_alert_setting::Entity::update_many()
        .col_expr(staff_alert_setting::Column::DigestDay, Expr::value(today))
        .col_expr(staff_alert_setting::Column::DigestSentAt, Expr::value(now))
        .filter(staff_alert_setting::Column::UserId.eq(setting.user_id))
        .filter(staff_alert_setting::Column::Delivery.eq(AlertDelivery::Daily.as_str()))
        .filter(not_summarised(today))
        .exec(&txn)
        .await?
        .rows_affected;
    if taken == 0 {
        txn.rollback().await?;
        return Ok(false);
    }
    let since = setting.digest_sent_at.unwrap_or(now - Duration::days(1));
    let actor = crate::roles::actor_on(&txn, crate::types::UserId(setting.user_id)).await?;
    let regions: Vec<i32> = actor.roles.iter().filter_map(|r| r.region_id()).collect();
    let person = user::Entity::find_by_id(setting.user_id)
        .filter(user::Column::EmailVerifiedAt.is_not_null())
        .one(&txn)
        .await?;
    let (Some(person), false) = (person, regions.is_empty()) else {
        txn.commit().await?;
        return Ok(false);
    };
    let alerts: Vec<staff_alert::Model> = staff_alert::Entity::find()
        .filter(staff_alert::Column::RegionId.is_in(regions))
        .filter(staff_alert::Column::CreatedAt.gt(since))
        .filter(staff_alert::Column::CreatedAt.lte(now))
        .order_by_asc(staff_alert::Column::Id)
        .all(&txn)
        .await?
        .into_iter()
        .filter(|a| {
            AlertKind::parse(&a.kind)
                .is_some_and(|k| actor.roles.iter().any(|r| k.told(*r, a.region_id)))
        })
        .collect();
    let Some(first) = alerts.first() else {
        txn.commit().await?;
        return Ok(false);
    };
    let lang = Lang::parse(&person.lang).unwrap_or_default();
    let dashboard_path = staff_path(&txn, first.region_id).await?;
    let lines: Vec<AlertLine> = alerts
        .iter()
        .filter_map(|a| {
            Some(AlertLine {
                kind: AlertKind::parse(&a.kind)?,
                milestone: a.milestone,
                title: a.title.clone(),
                due_on: a.due_on,
                link: links::page(ctx, lang, &a.path),
            })
        })
        .collect();
    let email = emails::digest(
        &person.email,
        lang,
        &person.display_name,
        &lines,
        &links::page(ctx, lang, &dashboard_path),
    );
    outbox::enqueue(&txn, now, email).await?;
    txn.commit().await?;
    Ok(true)
}

/// The dashboard of `region_id`, after `/{lang}/`.
async fn staff_path<C: ConnectionTrait>(db: &C, region_id: i32) -> Result<String, DomainError> {
    let slug = region::Entity::find_by_id(region_id)
        .one(db)
        .await?
        .map(|r| r.slug)
        .unwrap_or_default();
    Ok(format!("r/{slug}/staff"))
}

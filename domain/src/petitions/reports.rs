//! Reports of petitions: any signed-in account reports a published petition to the region's
//! moderators (once, with a reason; only a petition everyone may read can be reported, so a
//! report never tells whether a hidden one exists). The moderators see the open reports and hide
//! the petition ([`super::hiding`]) or keep it; every open report of the petition is decided at
//! once, and the decision is audit-logged.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use super::load;
use crate::audit::{self, AuditEvent};
use crate::entities::petition_report;
use crate::moderation_log::{REPORT_REASONS, reason_of};
use crate::roles::Actor;
use crate::types::{ClientOrigin, PageNumber, PetitionId, UserId};
use crate::{AppContext, DomainError};

/// Reports per page of the moderation page.
pub const REPORTS_PAGE: u64 = 20;

/// `by` reports petition `id` for `reason` (one of [`REPORT_REASONS`]); once per person and
/// petition (`Conflict("already_reported")`). A petition not published, or hidden, is
/// `NotFound`.
pub async fn report_petition(
    ctx: &AppContext,
    by: UserId,
    origin: &ClientOrigin,
    id: PetitionId,
    reason: &str,
) -> Result<(), DomainError> {
    let reason = reason_of(&REPORT_REASONS, reason, "reason_not_chosen")?;
    // Counted first, so that probing for petitions that are not there is limited too.
    crate::rate_limits::hit_participation(
        ctx,
        crate::rate_limits::Participation::Report,
        by.0,
        origin,
    )
    .await?;
    let p = load(&ctx.db, id).await?;
    if p.published_at.is_none() || p.hidden_at.is_some() {
        return Err(DomainError::NotFound);
    }
    crate::blocks::ensure_not_blocked(&ctx.db, by, p.region_id).await?;
    petition_report::ActiveModel {
        petition_id: Set(p.id),
        reporter_id: Set(by.0),
        reason: Set(reason.to_owned()),
        created_at: Set(ctx.clock.now()),
        decision: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        ..Default::default()
    }
    .insert(&ctx.db)
    .await
    .map_err(|e| match DomainError::from(e) {
        DomainError::Conflict(_) => DomainError::Conflict("already_reported"),
        other => other,
    })?;
    Ok(())
}

/// An open report of a petition, as moderators see it.
#[derive(Debug, Clone, PartialEq, Eq, sea_orm::FromQueryResult)]
pub struct PetitionReportView {
    pub id: i32,
    pub petition_id: i32,
    pub reason: String,
    pub title: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// A page of open petition reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PetitionReportPage {
    pub reports: Vec<PetitionReportView>,
    /// From 1.
    pub page: u64,
    pub pages: u64,
    pub total: u64,
}

/// The open reports of `$region`'s petitions that everyone may still read (a petition hidden
/// meanwhile needs no decision).
const OPEN_REPORTS: &str = "FROM petition_reports r JOIN petitions p ON p.id = r.petition_id \
    WHERE p.region_id = $region AND r.decision IS NULL \
    AND p.published_at IS NOT NULL AND p.hidden_at IS NULL";

/// The number of open reports of region `region_id`'s petitions (the dashboard's count).
pub(crate) async fn count_open_reports(
    ctx: &AppContext,
    region_id: i32,
) -> Result<u64, DomainError> {
    use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
    let backend = ctx.db.get_database_backend();
    let param = if backend == DatabaseBackend::Postgres {
        "$1"
    } else {
        "?"
    };
    let from = OPEN_REPORTS.replace("$region", param);
    let count = ctx
        .db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            format!("SELECT COUNT(*) AS n {from}"),
            [region_id.into()],
        ))
        .await?
        .map(|row| row.try_get::<i64>("", "n"))
        .transpose()?
        .unwrap_or_default();
    Ok(u64::try_from(count).unwrap_or_default())
}

/// Page `page` (from 1) of the open reports of region `region_id`'s petitions, oldest first,
/// each with the petition's title: one query and one count. Its moderators only.
pub async fn list_petition_reports(
    ctx: &AppContext,
    by: &Actor,
    region_id: i32,
    page: u64,
) -> Result<PetitionReportPage, DomainError> {
    use sea_orm::{DatabaseBackend, FromQueryResult, Statement};
    if !by.is_moderator_of(region_id) {
        let target = serde_json::json!({ "region": region_id });
        return Err(audit::denied(
            ctx,
            by.user.0,
            "list_petition_reports",
            Some(region_id),
            target,
        )
        .await);
    }
    let total = count_open_reports(ctx, region_id).await?;
    let PageNumber {
        page,
        pages,
        offset,
    } = PageNumber::of(page, total, REPORTS_PAGE);
    let backend = ctx.db.get_database_backend();
    let param = if backend == DatabaseBackend::Postgres {
        "$1"
    } else {
        "?"
    };
    let sql = format!(
        "SELECT r.id, r.petition_id, r.reason, p.title, r.created_at {} \
         ORDER BY r.id LIMIT {REPORTS_PAGE} OFFSET {offset}",
        OPEN_REPORTS.replace("$region", param)
    );
    let reports = PetitionReportView::find_by_statement(Statement::from_sql_and_values(
        backend,
        sql,
        [region_id.into()],
    ))
    .all(&ctx.db)
    .await?;
    Ok(PetitionReportPage {
        reports,
        page,
        pages,
        total,
    })
}

/// A moderator of the region decides report `id`: `hide` the petition (for the report's
/// reason), or keep it. Every open report of the petition is decided with it. Audit-logged.
pub async fn decide_petition_report(
    ctx: &AppContext,
    by: &Actor,
    id: i32,
    hide: bool,
) -> Result<(), DomainError> {
    let report = petition_report::Entity::find_by_id(id)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let p = load(&ctx.db, PetitionId(report.petition_id)).await?;
    if !by.is_moderator_of(p.region_id) {
        let target = serde_json::json!({ "petition_report": report.id });
        return Err(audit::denied(
            ctx,
            by.user.0,
            "decide_petition_report",
            Some(p.region_id),
            target,
        )
        .await);
    }
    if report.decision.is_some() {
        return Err(DomainError::Conflict("already_decided"));
    }
    let now = ctx.clock.now();
    let txn = crate::db::begin_write(&ctx.db).await?;
    let decided = petition_report::Entity::update_many()
        .set(petition_report::ActiveModel {
            decision: Set(Some(if hide { "hidden" } else { "kept" }.to_owned())),
            decided_by: Set(Some(by.user.0)),
            decided_at: Set(Some(now)),
            ..Default::default()
        })
        .filter(petition_report::Column::PetitionId.eq(p.id))
        .filter(petition_report::Column::Decision.is_null())
        .exec(&txn)
        .await?;
    // Another moderator decided it meanwhile.
    if decided.rows_affected == 0 {
        return Err(DomainError::Conflict("already_decided"));
    }
    if hide {
        super::hiding::hide(&txn, now, &p, &report.reason).await?;
    }
    audit::record(
        ctx,
        &txn,
        AuditEvent {
            actor_user_id: Some(by.user.0),
            action: if hide {
                "petition_hidden"
            } else {
                "petition_kept"
            },
            subject_user_id: None,
            region_id: Some(p.region_id),
            detail: serde_json::json!({ "petition": p.id, "report": report.id, "reason": report.reason }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

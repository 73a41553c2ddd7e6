//! Reports: a signed-in citizen reports a proposal, a comment or a published free-text answer
//! (once per item, with a reason; only what everyone may see can be reported, so that a report
//! never tells whether something hidden exists);
//! the moderators of the consultation's region see the open reports and hide the item or keep
//! it. Decisions are audit-logged; a hidden item leaves every public list.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::audit::{self, AuditEvent};
use crate::entities::{answer, consultation, content_report, proposal, proposal_comment, response};
use crate::moderation_log::{LogAction, LogSubject};
use crate::roles::Actor;
use crate::types::UserId;
use crate::{AppContext, DomainError};

pub use crate::moderation_log::REPORT_REASONS;

/// What is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportTarget {
    Proposal(i32),
    Comment(i32),
    /// A published free-text answer, by its token (never its row id, which would follow
    /// submission).
    Answer(i64),
}

impl ReportTarget {
    fn kind(self) -> &'static str {
        match self {
            Self::Proposal(_) => "proposal",
            Self::Comment(_) => "comment",
            Self::Answer(_) => "answer",
        }
    }
}

/// An open report as moderators see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportView {
    pub id: i32,
    pub consultation_id: i32,
    pub target: ReportTarget,
    pub reason: String,
    /// The reported text (title and text of a proposal, or the comment).
    pub text: String,
}

/// A reported item as stored: its row id and its consultation.
struct Reported {
    row: i32,
    consultation_id: i32,
}

/// The item `target` names, if it is visible to everyone: a proposal or comment not hidden; a
/// free-text answer kept by its review, of a consultation whose results are published.
async fn resolve(ctx: &AppContext, target: ReportTarget) -> Result<Reported, DomainError> {
    match target {
        ReportTarget::Proposal(id) => stored(ctx, "proposal", id).await,
        ReportTarget::Comment(id) => stored(ctx, "comment", id).await,
        ReportTarget::Answer(token) => {
            let a = answer::Entity::find()
                .filter(answer::Column::Token.eq(token))
                .one(&ctx.db)
                .await?
                .ok_or(DomainError::NotFound)?;
            stored(ctx, "answer", a.id).await
        }
    }
}

/// The stored item `kind` `row`, if it is visible to everyone (as [`resolve`]).
async fn stored(ctx: &AppContext, kind: &str, row: i32) -> Result<Reported, DomainError> {
    match kind {
        "proposal" => {
            let p = proposal::Entity::find_by_id(row)
                .one(&ctx.db)
                .await?
                .filter(|p| !p.hidden)
                .ok_or(DomainError::NotFound)?;
            Ok(Reported {
                row,
                consultation_id: p.consultation_id,
            })
        }
        "answer" => {
            let a = answer::Entity::find_by_id(row)
                .one(&ctx.db)
                .await?
                .filter(|a| !a.hidden && a.review.as_deref() == Some("kept"))
                .ok_or(DomainError::NotFound)?;
            if a.text.is_none() || a.token.is_none() {
                return Err(DomainError::NotFound);
            }
            let r = response::Entity::find_by_id(a.response_id)
                .one(&ctx.db)
                .await?
                .ok_or(DomainError::NotFound)?;
            let published = consultation::Entity::find_by_id(r.consultation_id)
                .one(&ctx.db)
                .await?
                .is_some_and(|c| c.results_published_at.is_some());
            if !published {
                return Err(DomainError::NotFound);
            }
            Ok(Reported {
                row,
                consultation_id: r.consultation_id,
            })
        }
        _ => {
            let c = proposal_comment::Entity::find_by_id(row)
                .one(&ctx.db)
                .await?
                .filter(|c| !c.hidden)
                .ok_or(DomainError::NotFound)?;
            let p = proposal::Entity::find_by_id(c.proposal_id)
                .one(&ctx.db)
                .await?
                .filter(|p| !p.hidden)
                .ok_or(DomainError::NotFound)?;
            Ok(Reported {
                row,
                consultation_id: p.consultation_id,
            })
        }
    }
}

/// `by` reports `target` for `reason` (one of [`REPORT_REASONS`]); once per person and item
/// (`Conflict("already_reported")`).
pub async fn report_content(
    ctx: &AppContext,
    by: UserId,
    origin: &crate::types::ClientOrigin,
    target: ReportTarget,
    reason: &str,
) -> Result<(), DomainError> {
    let reason = REPORT_REASONS
        .into_iter()
        .find(|r| *r == reason.trim())
        .ok_or(DomainError::Validation {
            field: "reason",
            code: "reason_missing",
        })?;
    // Counted first, so that probing for items that are not there is limited too.
    crate::rate_limits::hit_participation(
        ctx,
        crate::rate_limits::Participation::Report,
        by.0,
        origin,
    )
    .await?;
    let reported = resolve(ctx, target).await?;
    let region_id = consultation::Entity::find_by_id(reported.consultation_id)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?
        .region_id;
    crate::blocks::ensure_not_blocked(&ctx.db, by, region_id).await?;
    content_report::ActiveModel {
        consultation_id: Set(reported.consultation_id),
        kind: Set(target.kind().to_owned()),
        target_id: Set(reported.row),
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

/// Open reports per page of the moderation page.
pub const REPORTS_PAGE: u64 = 20;

/// A page of open reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportPage {
    pub reports: Vec<ReportView>,
    /// From 1.
    pub page: u64,
    pub pages: u64,
    pub total: u64,
}

/// An open report with what it is about, as the listing query reads it.
#[derive(Debug, sea_orm::FromQueryResult)]
struct ReportRow {
    id: i32,
    consultation_id: i32,
    kind: String,
    target_id: i32,
    reason: String,
    p_title: Option<String>,
    p_body: Option<String>,
    c_body: Option<String>,
    a_text: Option<String>,
    a_token: Option<i64>,
}

/// What the listing and its count read: the open reports of a region's consultations whose item
/// is still visible to everyone (an item hidden meanwhile, on another report, needs no
/// decision). `$region` is the region's id.
const OPEN_REPORTS: &str = "FROM content_reports r \
    JOIN consultations con ON con.id = r.consultation_id \
    LEFT JOIN proposals p ON r.kind = 'proposal' AND p.id = r.target_id \
    LEFT JOIN proposal_comments c ON r.kind = 'comment' AND c.id = r.target_id \
    LEFT JOIN proposals cp ON cp.id = c.proposal_id \
    LEFT JOIN answers a ON r.kind = 'answer' AND a.id = r.target_id \
    WHERE con.region_id = $region AND r.decision IS NULL \
    AND ((p.id IS NOT NULL AND p.hidden = $no) \
      OR (c.id IS NOT NULL AND c.hidden = $no AND cp.hidden = $no) \
      OR (a.id IS NOT NULL AND a.hidden = $no AND a.review = 'kept' AND a.token IS NOT NULL \
          AND a.text IS NOT NULL AND con.results_published_at IS NOT NULL))";

/// Page `page` (from 1) of the open reports of region `region_id`'s consultations, oldest
/// first, each with the reported text: one query (and one count). Its moderators only.
pub async fn list_reports(
    ctx: &AppContext,
    by: &Actor,
    region_id: i32,
    page: u64,
) -> Result<ReportPage, DomainError> {
    use sea_orm::{ConnectionTrait, DatabaseBackend, FromQueryResult, Statement};
    if !by.is_moderator_of(region_id) {
        let target = serde_json::json!({ "region": region_id });
        return Err(
            crate::audit::denied(ctx, by.user.0, "list_reports", Some(region_id), target).await,
        );
    }
    let backend = ctx.db.get_database_backend();
    let (param, no) = match backend {
        DatabaseBackend::Postgres => ("$1", "false"),
        _ => ("?", "0"),
    };
    let from = OPEN_REPORTS.replace("$region", param).replace("$no", no);
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
    let total = u64::try_from(count).unwrap_or_default();
    let crate::types::PageNumber {
        page,
        pages,
        offset,
    } = crate::types::PageNumber::of(page, total, REPORTS_PAGE);
    let sql = format!(
        "SELECT r.id, r.consultation_id, r.kind, r.target_id, r.reason, p.title AS p_title, \
         p.body AS p_body, c.body AS c_body, a.text AS a_text, a.token AS a_token {from} \
         ORDER BY r.id LIMIT {REPORTS_PAGE} OFFSET {offset}"
    );
    let rows = ReportRow::find_by_statement(Statement::from_sql_and_values(
        backend,
        sql,
        [region_id.into()],
    ))
    .all(&ctx.db)
    .await?;
    let reports = rows
        .into_iter()
        .filter_map(|r| {
            let (target, text) = match r.kind.as_str() {
                "proposal" => (
                    ReportTarget::Proposal(r.target_id),
                    format!("{}\n\n{}", r.p_title?, r.p_body?),
                ),
                "comment" => (ReportTarget::Comment(r.target_id), r.c_body?),
                _ => (ReportTarget::Answer(r.a_token?), r.a_text?),
            };
            Some(ReportView {
                id: r.id,
                consultation_id: r.consultation_id,
                target,
                reason: r.reason,
                text,
            })
        })
        .collect();
    Ok(ReportPage {
        reports,
        page,
        pages,
        total,
    })
}

/// A moderator of the region decides report `id`: `hide` the item, or keep it. Audit-logged.
pub async fn decide_report(
    ctx: &AppContext,
    by: &Actor,
    id: i32,
    hide: bool,
) -> Result<(), DomainError> {
    let report = content_report::Entity::find_by_id(id)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let region_id = consultation::Entity::find_by_id(report.consultation_id)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?
        .region_id;
    if !by.is_moderator_of(region_id) {
        let target = serde_json::json!({ "report": report.id });
        return Err(
            crate::audit::denied(ctx, by.user.0, "decide_report", Some(region_id), target).await,
        );
    }
    if report.decision.is_some() {
        return Err(DomainError::Conflict("already_decided"));
    }
    let now = ctx.clock.now();
    let decision = if hide { "hidden" } else { "kept" };
    let txn = crate::db::begin_write(&ctx.db).await?;
    // Every open report of the item is decided at once.
    content_report::Entity::update_many()
        .set(content_report::ActiveModel {
            decision: Set(Some(decision.to_owned())),
            decided_by: Set(Some(by.user.0)),
            decided_at: Set(Some(now)),
            ..Default::default()
        })
        .filter(content_report::Column::Kind.eq(report.kind.as_str()))
        .filter(content_report::Column::TargetId.eq(report.target_id))
        .filter(content_report::Column::Decision.is_null())
        .exec(&txn)
        .await?;
    if hide {
        let consultation = report.consultation_id;
        let subject = match report.kind.as_str() {
            "proposal" => LogSubject::Proposal {
                consultation,
                id: report.target_id,
            },
            "answer" => {
                let token = answer::Entity::find_by_id(report.target_id)
                    .one(&txn)
                    .await?
                    .and_then(|a| a.token)
                    .ok_or(DomainError::NotFound)?;
                LogSubject::Answer {
                    consultation,
                    token,
                }
            }
            _ => LogSubject::Comment {
                consultation,
                id: report.target_id,
            },
        };
        let reason = Some(report.reason.as_str());
        crate::moderation_log::record(&txn, now, region_id, LogAction::Hidden, subject, reason)
            .await?;
        match report.kind.as_str() {
            "proposal" => {
                proposal::Entity::update_many()
                    .set(proposal::ActiveModel {
                        hidden: Set(true),
                        ..Default::default()
                    })
                    .filter(proposal::Column::Id.eq(report.target_id))
                    .exec(&txn)
                    .await?;
            }
            "answer" => {
                answer::Entity::update_many()
                    .set(answer::ActiveModel {
                        hidden: Set(true),
                        review: Set(Some("hidden".to_owned())),
                        review_reason: Set(Some(report.reason.clone())),
                        reviewed_by: Set(Some(by.user.0)),
                        reviewed_at: Set(Some(now)),
                        ..Default::default()
                    })
                    .filter(answer::Column::Id.eq(report.target_id))
                    .exec(&txn)
                    .await?;
            }
            _ => {
                proposal_comment::Entity::update_many()
                    .set(proposal_comment::ActiveModel {
                        hidden: Set(true),
                        ..Default::default()
                    })
                    .filter(proposal_comment::Column::Id.eq(report.target_id))
                    .exec(&txn)
                    .await?;
            }
        }
    }
    audit::record(
        ctx,
        &txn,
        AuditEvent {
            actor_user_id: Some(by.user.0),
            action: if hide { "content_hidden" } else { "content_kept" },
            subject_user_id: None,
            region_id: Some(region_id),
            detail: serde_json::json!({ "kind": report.kind, "target": report.target_id, "report": report.id }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

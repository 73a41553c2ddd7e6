//! Reports: a signed-in citizen reports a proposal, a comment or a published free-text answer
//! (once per item, with a reason; only what everyone may see can be reported, so that a report
//! never tells whether something hidden exists);
//! the moderators of the consultation's region see the open reports and hide the item or keep
//! it. Decisions are audit-logged; a hidden item leaves every public list.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::audit::{self, AuditEvent};
use crate::entities::{answer, consultation, content_report, proposal, proposal_comment, response};
use crate::moderation_log::{LogAction, LogSubject};
use crate::roles::Actor;
use crate::types::UserId;
use crate::{AppContext, DomainError};

/// Why an item may be reported.
pub const REPORT_REASONS: [&str; 4] = [
    "offensive_or_defamatory",
    "personal_data",
    "advertising",
    "off_topic",
];

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

/// A reported item as stored: its kind, row id, consultation, text and public target.
struct Reported {
    row: i32,
    consultation_id: i32,
    text: String,
    target: ReportTarget,
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
                text: format!("{}\n\n{}", p.title, p.body),
                target: ReportTarget::Proposal(row),
            })
        }
        "answer" => {
            let a = answer::Entity::find_by_id(row)
                .one(&ctx.db)
                .await?
                .filter(|a| !a.hidden && a.review.as_deref() == Some("kept"))
                .ok_or(DomainError::NotFound)?;
            let (text, token) = a.text.zip(a.token).ok_or(DomainError::NotFound)?;
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
                text,
                target: ReportTarget::Answer(token),
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
                text: c.body,
                target: ReportTarget::Comment(row),
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

/// The open reports of region `region_id`'s consultations, oldest first. Its moderators only.
pub async fn list_reports(
    ctx: &AppContext,
    by: &Actor,
    region_id: i32,
) -> Result<Vec<ReportView>, DomainError> {
    if !by.is_moderator_of(region_id) {
        let target = serde_json::json!({ "region": region_id });
        return Err(
            crate::audit::denied(ctx, by.user.0, "list_reports", Some(region_id), target).await,
        );
    }
    let consultations: Vec<i32> = consultation::Entity::find()
        .filter(consultation::Column::RegionId.eq(region_id))
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    let open = content_report::Entity::find()
        .filter(content_report::Column::ConsultationId.is_in(consultations))
        .filter(content_report::Column::Decision.is_null())
        .order_by_asc(content_report::Column::Id)
        .all(&ctx.db)
        .await?;
    let mut views = Vec::with_capacity(open.len());
    for report in open {
        // An item hidden meanwhile (on another report) needs no decision.
        let Ok(reported) = stored(ctx, &report.kind, report.target_id).await else {
            continue;
        };
        views.push(ReportView {
            id: report.id,
            consultation_id: report.consultation_id,
            target: reported.target,
            reason: report.reason,
            text: reported.text,
        });
    }
    Ok(views)
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

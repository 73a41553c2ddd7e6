//! Reports: a signed-in citizen reports a proposal, a comment or a free-text answer (once per
//! item, with a reason);
//! the moderators of the consultation's region see the open reports and hide the item or keep
//! it. Decisions are audit-logged; a hidden item leaves every public list.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::accounts::UserId;
use crate::audit::{self, AuditEvent};
use crate::entities::{answer, consultation, content_report, proposal, proposal_comment, response};
use crate::roles::Actor;
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
    /// A free-text answer (the answer row's id).
    Answer(i32),
}

impl ReportTarget {
    fn kind(self) -> &'static str {
        match self {
            Self::Proposal(_) => "proposal",
            Self::Comment(_) => "comment",
            Self::Answer(_) => "answer",
        }
    }

    fn id(self) -> i32 {
        match self {
            Self::Proposal(id) | Self::Comment(id) | Self::Answer(id) => id,
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

/// The consultation of `target` and its text, if it is visible.
async fn target_of(ctx: &AppContext, target: ReportTarget) -> Result<(i32, String), DomainError> {
    match target {
        ReportTarget::Proposal(id) => {
            let p = proposal::Entity::find_by_id(id)
                .one(&ctx.db)
                .await?
                .filter(|p| !p.hidden)
                .ok_or(DomainError::NotFound)?;
            Ok((p.consultation_id, format!("{}\n\n{}", p.title, p.body)))
        }
        ReportTarget::Comment(id) => {
            let c = proposal_comment::Entity::find_by_id(id)
                .one(&ctx.db)
                .await?
                .filter(|c| !c.hidden)
                .ok_or(DomainError::NotFound)?;
            let p = proposal::Entity::find_by_id(c.proposal_id)
                .one(&ctx.db)
                .await?
                .ok_or(DomainError::NotFound)?;
            Ok((p.consultation_id, c.body))
        }
        ReportTarget::Answer(id) => {
            let a = answer::Entity::find_by_id(id)
                .one(&ctx.db)
                .await?
                .filter(|a| !a.hidden)
                .ok_or(DomainError::NotFound)?;
            let text = a.text.ok_or(DomainError::NotFound)?;
            let r = response::Entity::find_by_id(a.response_id)
                .one(&ctx.db)
                .await?
                .ok_or(DomainError::NotFound)?;
            Ok((r.consultation_id, text))
        }
    }
}

/// `by` reports `target` for `reason` (one of [`REPORT_REASONS`]); once per person and item
/// (`Conflict("already_reported")`).
pub async fn report_content(
    ctx: &AppContext,
    by: UserId,
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
    let (consultation_id, _) = target_of(ctx, target).await?;
    crate::rate_limits::hit_account(ctx, ctx.limits.reports, by.0).await?;
    content_report::ActiveModel {
        consultation_id: Set(consultation_id),
        kind: Set(target.kind().to_owned()),
        target_id: Set(target.id()),
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
        let target = match report.kind.as_str() {
            "proposal" => ReportTarget::Proposal(report.target_id),
            "answer" => ReportTarget::Answer(report.target_id),
            _ => ReportTarget::Comment(report.target_id),
        };
        // An item hidden meanwhile (on another report) needs no decision.
        let Ok((_, text)) = target_of(ctx, target).await else {
            continue;
        };
        views.push(ReportView {
            id: report.id,
            consultation_id: report.consultation_id,
            target,
            reason: report.reason,
            text,
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

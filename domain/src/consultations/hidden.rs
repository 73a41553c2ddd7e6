//! Hidden contributions and their restoring: the region's moderators see what was hidden on a
//! report (proposals, comments, published free-text answers), with the text, and restore an
//! item with a reason code. The restoring is audit-logged and in the public moderation log.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use super::reports::ReportTarget;
use crate::audit::{self, AuditEvent};
use crate::entities::{answer, consultation, content_report, proposal, proposal_comment};
use crate::moderation_log::{LogAction, LogSubject};
use crate::roles::Actor;
use crate::{AppContext, DomainError};

pub use crate::moderation_log::RESTORE_REASONS;

/// A hidden item as moderators see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HiddenItem {
    pub consultation_id: i32,
    pub target: ReportTarget,
    /// Why it was hidden (the report's reason code).
    pub reason: String,
    pub text: String,
}

/// The items of `region_id`'s consultations hidden on a report, newest decision first. Its
/// moderators only.
pub async fn list_hidden(
    ctx: &AppContext,
    by: &Actor,
    region_id: i32,
) -> Result<Vec<HiddenItem>, DomainError> {
    if !by.is_moderator_of(region_id) {
        let target = serde_json::json!({ "region": region_id });
        return Err(audit::denied(ctx, by.user.0, "list_hidden", Some(region_id), target).await);
    }
    let consultations: Vec<i32> = consultation::Entity::find()
        .filter(consultation::Column::RegionId.eq(region_id))
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    let decided = content_report::Entity::find()
        .filter(content_report::Column::ConsultationId.is_in(consultations))
        .filter(content_report::Column::Decision.eq("hidden"))
        .order_by_desc(content_report::Column::DecidedAt)
        .order_by_desc(content_report::Column::Id)
        .all(&ctx.db)
        .await?;
    let mut seen = std::collections::HashSet::new();
    let mut items = Vec::new();
    for report in decided {
        if !seen.insert((report.kind.clone(), report.target_id)) {
            continue;
        }
        if let Some((target, text)) = still_hidden(ctx, &report.kind, report.target_id).await? {
            items.push(HiddenItem {
                consultation_id: report.consultation_id,
                target,
                reason: report.reason,
                text,
            });
        }
    }
    Ok(items)
}

/// The public target and text of item `kind` `row`, if it is hidden now.
async fn still_hidden(
    ctx: &AppContext,
    kind: &str,
    row: i32,
) -> Result<Option<(ReportTarget, String)>, DomainError> {
    Ok(match kind {
        "proposal" => proposal::Entity::find_by_id(row)
            .one(&ctx.db)
            .await?
            .filter(|p| p.hidden)
            .map(|p| {
                (
                    ReportTarget::Proposal(row),
                    format!("{}\n\n{}", p.title, p.body),
                )
            }),
        "comment" => proposal_comment::Entity::find_by_id(row)
            .one(&ctx.db)
            .await?
            .filter(|c| c.hidden)
            .map(|c| (ReportTarget::Comment(row), c.body)),
        _ => answer::Entity::find_by_id(row)
            .one(&ctx.db)
            .await?
            .filter(|a| a.hidden)
            .and_then(|a| Some((ReportTarget::Answer(a.token?), a.text?))),
    })
}

/// A moderator of the item's region shows the hidden `target` again, for `reason` (one of
/// [`RESTORE_REASONS`]). Audit-logged; in the public moderation log.
pub async fn restore_content(
    ctx: &AppContext,
    by: &Actor,
    target: ReportTarget,
    reason: &str,
) -> Result<(), DomainError> {
    let reason = RESTORE_REASONS
        .into_iter()
        .find(|r| *r == reason.trim())
        .ok_or(DomainError::Validation {
            field: "reason",
            code: "restore_reason_missing",
        })?;
    let (row, consultation_id) = match target {
        ReportTarget::Proposal(id) => {
            let p = proposal::Entity::find_by_id(id).one(&ctx.db).await?;
            let p = p.filter(|p| p.hidden).ok_or(DomainError::NotFound)?;
            (p.id, p.consultation_id)
        }
        ReportTarget::Comment(id) => {
            let c = proposal_comment::Entity::find_by_id(id)
                .one(&ctx.db)
                .await?;
            let c = c.filter(|c| c.hidden).ok_or(DomainError::NotFound)?;
            let p = proposal::Entity::find_by_id(c.proposal_id)
                .one(&ctx.db)
                .await?;
            (c.id, p.ok_or(DomainError::NotFound)?.consultation_id)
        }
        ReportTarget::Answer(token) => {
            let a = answer::Entity::find()
                .filter(answer::Column::Token.eq(token))
                .one(&ctx.db)
                .await?
                .filter(|a| a.hidden)
                .ok_or(DomainError::NotFound)?;
            let r = crate::entities::response::Entity::find_by_id(a.response_id)
                .one(&ctx.db)
                .await?
                .ok_or(DomainError::NotFound)?;
            (a.id, r.consultation_id)
        }
    };
    let region_id = consultation::Entity::find_by_id(consultation_id)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?
        .region_id;
    if !by.is_moderator_of(region_id) {
        let target = serde_json::json!({ "item": format!("{target:?}") });
        return Err(
            audit::denied(ctx, by.user.0, "restore_content", Some(region_id), target).await,
        );
    }
    let now = ctx.clock.now();
    let txn = crate::db::begin_write(&ctx.db).await?;
    let subject = match target {
        ReportTarget::Proposal(id) => {
            proposal::Entity::update_many()
                .set(proposal::ActiveModel {
                    hidden: Set(false),
                    ..Default::default()
                })
                .filter(proposal::Column::Id.eq(row))
                .exec(&txn)
                .await?;
            LogSubject::Proposal {
                consultation: consultation_id,
                id,
            }
        }
        ReportTarget::Comment(id) => {
            proposal_comment::Entity::update_many()
                .set(proposal_comment::ActiveModel {
                    hidden: Set(false),
                    ..Default::default()
                })
                .filter(proposal_comment::Column::Id.eq(row))
                .exec(&txn)
                .await?;
            LogSubject::Comment {
                consultation: consultation_id,
                id,
            }
        }
        ReportTarget::Answer(token) => {
            answer::Entity::update_many()
                .set(answer::ActiveModel {
                    hidden: Set(false),
                    review: Set(Some("kept".to_owned())),
                    review_reason: Set(None),
                    reviewed_by: Set(Some(by.user.0)),
                    reviewed_at: Set(Some(now)),
                    ..Default::default()
                })
                .filter(answer::Column::Id.eq(row))
                .exec(&txn)
                .await?;
            LogSubject::Answer {
                consultation: consultation_id,
                token,
            }
        }
    };
    crate::moderation_log::record(
        &txn,
        now,
        region_id,
        LogAction::Restored,
        subject,
        Some(reason),
    )
    .await?;
    audit::record(
        ctx,
        &txn,
        AuditEvent {
            actor_user_id: Some(by.user.0),
            action: "content_restored",
            subject_user_id: None,
            region_id: Some(region_id),
            detail: serde_json::json!({ "item": format!("{target:?}"), "reason": reason }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

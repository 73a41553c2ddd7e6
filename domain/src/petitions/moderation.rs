//! Pre-publication moderation: a moderator of the petition's region publishes it, sends it back
//! for changes, or rejects it with a reason code. The representative is emailed; the decision is
//! on the public timeline and in the audit log.

use chrono::Duration;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use super::emails::{self, ModerationNews};
use super::lifecycle::{PetitionKind, PetitionStatus, Step};
use super::views::{PetitionSummary, summary};
use super::{advance, load, state};
use crate::audit::{self, AuditEvent};
use crate::entities::{petition, region, region_setting, user};
use crate::mail::outbox;
use crate::regions::rules;
use crate::roles::Actor;
use crate::types::Lang;
use crate::types::PetitionId;
use crate::{AppContext, DomainError};

/// Why a moderator may refuse a petition: one list, with its words, in `domain/locales/*.json`.
pub use crate::mail::words::REJECTION_REASONS;

/// Reasons for which not even the title of a rejected petition is shown to the public.
pub const TITLE_WITHHELD_REASONS: [&str; 3] =
    ["offensive_or_defamatory", "personal_data", "advertising"];

/// Longest moderation note, in characters.
pub const MAX_NOTE_CHARS: usize = 2000;

/// A moderator's decision, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModerationDecision {
    Publish,
    RequestChanges { note: String },
    Reject { reason: &'static str, note: String },
}

impl ModerationDecision {
    /// Parses the moderation form: `decision` is `publish`, `request_changes` or `reject`. A
    /// request for changes needs a note; a rejection needs a reason code (its note is optional).
    pub fn parse(decision: &str, reason: &str, note: &str) -> Result<Self, DomainError> {
        let note = note.trim().replace("\r\n", "\n");
        if note.chars().count() > MAX_NOTE_CHARS {
            return Err(DomainError::Validation {
                field: "note",
                code: "text_too_long",
            });
        }
        match decision {
            "publish" => Ok(Self::Publish),
            "request_changes" if note.is_empty() => Err(DomainError::Validation {
                field: "note",
                code: "note_missing",
            }),
            "request_changes" => Ok(Self::RequestChanges { note }),
            "reject" => REJECTION_REASONS
                .into_iter()
                .find(|r| *r == reason.trim())
                .map(|reason| Self::Reject { reason, note })
                .ok_or(DomainError::Validation {
                    field: "reason",
                    code: "reason_missing",
                }),
            _ => Err(DomainError::Validation {
                field: "decision",
                code: "decision_invalid",
            }),
        }
    }

    fn step(&self) -> Step {
        match self {
            Self::Publish => Step::Publish,
            Self::RequestChanges { .. } => Step::RequestChanges,
            Self::Reject { .. } => Step::Reject,
        }
    }
}

/// Petitions of `region_id` waiting for moderation, oldest first. Moderators of that region
/// only.
pub async fn list_moderation_queue(
    ctx: &AppContext,
    by: &Actor,
    region_id: i32,
) -> Result<Vec<PetitionSummary>, DomainError> {
    if !by.is_moderator_of(region_id) {
        let target = serde_json::json!({ "region": region_id });
        return Err(crate::audit::denied(
            ctx,
            by.user.0,
            "list_moderation_queue",
            Some(region_id),
            target,
        )
        .await);
    }
    let rows = petition::Entity::find()
        .filter(petition::Column::RegionId.eq(region_id))
        .filter(petition::Column::Status.eq(PetitionStatus::InModeration.as_str()))
        .order_by_asc(petition::Column::UpdatedAt)
        .order_by_asc(petition::Column::Id)
        .find_also_related(region::Entity)
        .all(&ctx.db)
        .await?;
    rows.into_iter()
        .map(|(p, r)| summary(&p, r.as_ref()))
        .collect()
}

/// Applies a moderator's `decision` to petition `id`. Only a moderator of its region may, and
/// not on a petition they represent themselves.
#[tracing::instrument(skip(ctx, by, decision), fields(by = by.user.0))]
pub async fn moderate_petition(
    ctx: &AppContext,
    by: &Actor,
    id: PetitionId,
    decision: ModerationDecision,
) -> Result<PetitionStatus, DomainError> {
    let petition = load(&ctx.db, id).await?;
    if !by.is_moderator_of(petition.region_id) || petition.representative_id == Some(by.user.0) {
        let target = serde_json::json!({ "petition": petition.id });
        return Err(crate::audit::denied(
            ctx,
            by.user.0,
            "moderate_petition",
            Some(petition.region_id),
            target,
        )
        .await);
    }
    let (kind, _) = state(&petition)?;
    let now = ctx.clock.now();
    let mut changes = <petition::ActiveModel as Default>::default();
    let (reason, note) = match &decision {
        ModerationDecision::Publish => {
            let settings = region_setting::Entity::find_by_id(petition.region_id)
                .one(&ctx.db)
                .await?
                .ok_or_else(|| DomainError::Internal("region without settings".into()))?;
            changes.published_at = Set(Some(now));
            changes.moderation_reason = Set(None);
            changes.moderation_note = Set(None);
            if kind == PetitionKind::Citizen {
                let threshold = rules::effective_threshold(
                    settings.reference_population,
                    settings.signature_threshold,
                    settings.per_province_minimum,
                );
                changes.threshold = Set(i32::try_from(threshold.signatures).ok());
                changes.per_province_minimum = Set(i32::try_from(threshold.per_province).ok());
                changes.collection_ends_at = Set(Some(
                    now + Duration::days(i64::from(settings.collection_days)),
                ));
            }
            (None, None)
        }
        ModerationDecision::RequestChanges { note } => {
            changes.moderation_note = Set(Some(note.clone()));
            (None, Some(note.as_str()))
        }
        ModerationDecision::Reject { reason, note } => {
            changes.moderation_reason = Set(Some((*reason).to_owned()));
            changes.moderation_note = Set(Some(note.clone()).filter(|n| !n.is_empty()));
            (Some(*reason), Some(note.as_str()))
        }
    };
    let step = decision.step();
    let txn = crate::db::begin_write(&ctx.db).await?;
    let status = advance(
        &txn,
        now,
        &petition,
        step,
        Some(by.user),
        (reason, note),
        changes,
    )
    .await?;
    audit::record(
        ctx,
        &txn,
        AuditEvent {
            actor_user_id: Some(by.user.0),
            action: match step {
                Step::Publish => "petition_published",
                Step::RequestChanges => "petition_changes_requested",
                _ => "petition_rejected",
            },
            subject_user_id: petition.representative_id,
            region_id: Some(petition.region_id),
            detail: serde_json::json!({ "petition": petition.id, "reason": reason }),
        },
    )
    .await?;
    if let Some(reason) = reason {
        crate::moderation_log::record(
            &txn,
            now,
            petition.region_id,
            crate::moderation_log::LogAction::Rejected,
            crate::moderation_log::LogSubject::Petition(petition.id),
            Some(reason),
        )
        .await?;
    }
    if let Some(representative) = representative(ctx, petition.representative_id).await? {
        let lang = Lang::parse(&representative.lang).unwrap_or_default();
        let council = crate::regions::council::council(&txn, petition.region_id).await?;
        let news = match &decision {
            ModerationDecision::Publish => ModerationNews::Published,
            ModerationDecision::RequestChanges { note } => {
                ModerationNews::ChangesRequested { note }
            }
            ModerationDecision::Reject { reason, note } => {
                ModerationNews::Rejected { reason, note }
            }
        };
        let message = emails::moderation_outcome(
            &representative.email,
            lang,
            &representative.display_name,
            &petition.title,
            news,
            &crate::mail::links::petition(ctx, lang, &council.slug, id),
        );
        let message = council.sign(message, lang);
        outbox::enqueue(&txn, now, message).await?;
    }
    txn.commit().await?;
    Ok(status)
}

async fn representative(
    ctx: &AppContext,
    id: Option<i32>,
) -> Result<Option<user::Model>, DomainError> {
    match id {
        Some(id) => Ok(user::Entity::find_by_id(id).one(&ctx.db).await?),
        None => Ok(None),
    }
}

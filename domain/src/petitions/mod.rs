//! Petitions to a regional council under Organic Law 111-14 (articles 119-122): filing,
//! moderation, signatures, deposit and the council's answer.

pub mod council;
pub mod counts;
pub mod deposit;
pub mod editing;
pub mod emails;
pub mod filing;
pub mod fraud;
pub mod hiding;
pub mod input;
pub mod lifecycle;
pub mod lists;
pub mod mailings;
pub mod moderation;
pub mod my_data;
pub mod page;
pub mod paper;
pub mod profiles;
pub mod progress;
pub mod reports;
pub mod retention;
pub mod signatories;
pub mod signing;
pub mod views;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

pub use filing::file_petition;
pub use input::{AttachmentPurpose, COMPETENCES, NewAttachment, NewPetition, PetitionForm};
pub use lifecycle::{PetitionKind, PetitionStatus, Step, StepTaker, next_status};
pub use moderation::{
    ModerationDecision, REJECTION_REASONS, list_moderation_queue, moderate_petition,
};
pub use views::{PetitionSummary, PetitionView, TimelineEntry, get_petition, list_my_petitions};

use crate::entities::{petition, petition_event, region};
use crate::types::PetitionId;
use crate::types::RegionSlug;
use crate::types::UserId;
use crate::{AppContext, DomainError};

/// The region of `slug`, or `NotFound`.
pub(crate) async fn region_by_slug(
    ctx: &AppContext,
    slug: &RegionSlug,
) -> Result<region::Model, DomainError> {
    region::Entity::find()
        .filter(region::Column::Slug.eq(slug.as_str()))
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)
}

/// The petition `id`, or `NotFound`.
pub(crate) async fn load<C: ConnectionTrait>(
    db: &C,
    id: PetitionId,
) -> Result<petition::Model, DomainError> {
    petition::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)
}

/// The kind and status of a stored petition.
pub(crate) fn state(p: &petition::Model) -> Result<(PetitionKind, PetitionStatus), DomainError> {
    let kind = PetitionKind::parse(&p.kind)
        .ok_or_else(|| DomainError::Internal(format!("petition {} has kind {}", p.id, p.kind)))?;
    let status = PetitionStatus::parse(&p.status).ok_or_else(|| {
        DomainError::Internal(format!("petition {} has status {}", p.id, p.status))
    })?;
    Ok((kind, status))
}

/// Takes `step` on `petition` with the other `changes`, if the lifecycle allows it and nobody
/// changed its status meanwhile (`Conflict("petition_changed")`); records it on the timeline.
pub(crate) async fn advance<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    petition: &petition::Model,
    step: Step,
    by: Option<UserId>,
    (reason, note): (Option<&str>, Option<&str>),
    mut changes: petition::ActiveModel,
) -> Result<PetitionStatus, DomainError> {
    let (kind, from) = state(petition)?;
    let to = next_status(kind, from, step)?;
    changes.status = Set(to.as_str().to_owned());
    changes.updated_at = Set(now);
    let updated = petition::Entity::update_many()
        .set(changes)
        .filter(petition::Column::Id.eq(petition.id))
        .filter(petition::Column::Status.eq(from.as_str()))
        .exec(db)
        .await?;
    if updated.rows_affected != 1 {
        return Err(DomainError::Conflict("petition_changed"));
    }
    record_step(db, now, PetitionId(petition.id), step, by, reason, note).await?;
    Ok(to)
}

/// Appends a line to the petition's public timeline.
pub(crate) async fn record_step<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    id: PetitionId,
    step: Step,
    by: Option<UserId>,
    reason: Option<&str>,
    note: Option<&str>,
) -> Result<(), DomainError> {
    let role = match step.taker() {
        StepTaker::Representative => "representative",
        StepTaker::Moderator => "moderator",
        StepTaker::CouncilOfficer => "council_officer",
        StepTaker::System => "system",
    };
    petition_event::ActiveModel {
        petition_id: Set(id.0),
        at: Set(now),
        step: Set(step.as_str().to_owned()),
        actor_role: Set(role.to_owned()),
        actor_user_id: Set(by.map(|u| u.0)),
        reason_code: Set(reason.map(str::to_owned)),
        note: Set(note.filter(|n| !n.trim().is_empty()).map(str::to_owned)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

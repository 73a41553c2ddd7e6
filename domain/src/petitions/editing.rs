//! Changes asked by a moderator: the petition goes back to its representative as a draft; they
//! edit its text, competence and documents, and send it to moderation again.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

use super::filing::{check_attachments, insert_attachments};
use super::input::{AttachmentPurpose, NewAttachment, NewPetition, PetitionForm};
use super::lifecycle::{PetitionStatus, Step};
use super::signing::province_in_region;
use super::views::{AttachmentView, PetitionSummary, attachment_views, summary};
use super::{advance, load, state};
use crate::entities::{petition, petition_attachment, province, region};
use crate::types::PetitionId;
use crate::types::UserId;
use crate::{AppContext, DomainError};

/// A draft as its edit form shows it.
#[derive(Debug, Clone)]
pub struct DraftView {
    pub summary: PetitionSummary,
    /// The stored petition as form values (the conditions are to be confirmed again).
    pub form: PetitionForm,
    /// What the moderator asked to change.
    pub moderation_note: Option<String>,
    pub attachments: Vec<AttachmentView>,
}

/// The draft `id` for its representative `by` to edit. `NotFound` for anyone else (a draft is
/// private); `Conflict("step_not_allowed")` once it is no longer a draft.
pub async fn get_draft(
    ctx: &AppContext,
    by: UserId,
    id: PetitionId,
) -> Result<DraftView, DomainError> {
    let p = load(&ctx.db, id).await?;
    if p.representative_id != Some(by.0) {
        return Err(DomainError::NotFound);
    }
    let (kind, status) = state(&p)?;
    if status != PetitionStatus::Draft {
        return Err(DomainError::Conflict("step_not_allowed"));
    }
    let region = region::Entity::find_by_id(p.region_id).one(&ctx.db).await?;
    let attachments = attachment_views(&ctx.db, id).await?;
    let province = match p.province_id {
        Some(id) => province::Entity::find_by_id(id)
            .one(&ctx.db)
            .await?
            .map(|p| p.code),
        None => None,
    };
    Ok(DraftView {
        summary: summary(&p, region.as_ref())?,
        form: PetitionForm {
            kind: kind.as_str().to_owned(),
            lang: p.lang,
            title: p.title,
            request: p.request,
            reasons: p.reasons,
            competence: p.competence,
            province: province.unwrap_or_default(),
            association_name: p.association_name.unwrap_or_default(),
            association_registered_on: p
                .association_registered_on
                .map(|d| d.to_string())
                .unwrap_or_default(),
            association_seat: p.association_seat.unwrap_or_default(),
            conditions_accepted: false,
        },
        moderation_note: p.moderation_note,
        attachments,
    })
}

/// The representative `by` replaces the draft `id` with `petition`, removes its files `removed`,
/// adds `added`, and sends it to moderation again. Its kind cannot change.
#[tracing::instrument(skip(ctx, petition, added), fields(id = id.0))]
pub async fn resubmit_petition(
    ctx: &AppContext,
    by: UserId,
    id: PetitionId,
    petition: NewPetition,
    added: Vec<NewAttachment>,
    removed: &[i32],
) -> Result<(), DomainError> {
    let stored = load(&ctx.db, id).await?;
    if stored.representative_id != Some(by.0) {
        return Err(DomainError::NotFound);
    }
    crate::blocks::ensure_not_blocked(&ctx.db, by, stored.region_id).await?;
    let (kind, _) = state(&stored)?;
    if petition.kind != kind {
        return Err(DomainError::Validation {
            field: "kind",
            code: "kind_changed",
        });
    }
    let kept: Vec<AttachmentPurpose> = attachment_views(&ctx.db, id)
        .await?
        .into_iter()
        .filter(|a| !removed.contains(&a.id))
        .filter_map(|a| match a.purpose.as_str() {
            "mandate" => Some(AttachmentPurpose::Mandate),
            "attachment" => Some(AttachmentPurpose::Attachment),
            _ => None,
        })
        .collect();
    let purposes: Vec<AttachmentPurpose> = kept
        .into_iter()
        .chain(added.iter().map(|a| a.purpose))
        .collect();
    check_attachments(kind, purposes.into_iter())?;

    crate::rate_limits::hit(
        ctx,
        crate::rate_limits::FILE_PER_ACCOUNT,
        &format!("user:{}", by.0),
    )
    .await?
    .into_result()?;
    let province = match &petition.province {
        Some(code) => Some(
            province_in_region(&ctx.db, stored.region_id, code)
                .await?
                .id,
        ),
        None => None,
    };
    let now = ctx.clock.now();
    let association = petition.association.as_ref();
    let changes = petition::ActiveModel {
        lang: Set(petition.lang.code().to_owned()),
        title: Set(petition.title.clone()),
        request: Set(petition.request.clone()),
        reasons: Set(petition.reasons.clone()),
        competence: Set(petition.competence.to_owned()),
        province_id: Set(province),
        association_name: Set(association.map(|a| a.name.clone())),
        association_registered_on: Set(association.map(|a| a.registered_on)),
        association_seat: Set(association.map(|a| a.seat.clone())),
        moderation_note: Set(None),
        ..Default::default()
    };
    let txn = crate::db::begin_write(&ctx.db).await?;
    advance(
        &txn,
        now,
        &stored,
        Step::Submit,
        Some(by),
        (None, None),
        changes,
    )
    .await?;
    if !removed.is_empty() {
        petition_attachment::Entity::delete_many()
            .filter(petition_attachment::Column::PetitionId.eq(id.0))
            .filter(petition_attachment::Column::Id.is_in(removed.iter().copied()))
            .filter(petition_attachment::Column::Purpose.ne(AttachmentPurpose::Answer.as_str()))
            .exec(&txn)
            .await?;
    }
    insert_attachments(&txn, now, id, added).await?;
    txn.commit().await?;
    Ok(())
}

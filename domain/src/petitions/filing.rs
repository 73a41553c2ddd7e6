//! Filing a petition: a signed-in citizen becomes its representative; it goes to the region's
//! moderators. Before filing, similar open petitions of the region can be looked up.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};

use super::input::{AttachmentPurpose, MAX_ATTACHMENTS, NewAttachment, NewPetition};
use super::lifecycle::{PetitionKind, PetitionStatus, Step};
use super::signing::province_in_region;
use super::{record_step, region_by_slug};
use crate::entities::{petition, petition_attachment, user};
use crate::types::PetitionId;
use crate::types::RegionSlug;
use crate::types::UserId;
use crate::{AppContext, DomainError};

/// Files `petition` in `region` with `attachments`, represented by `by`; it waits for
/// moderation. An association petition needs its mandate among the attachments.
#[tracing::instrument(skip(ctx, petition, attachments), fields(region = region.as_str()))]
pub async fn file_petition(
    ctx: &AppContext,
    by: UserId,
    region: &RegionSlug,
    petition: NewPetition,
    attachments: Vec<NewAttachment>,
) -> Result<PetitionId, DomainError> {
    check_attachments(petition.kind, attachments.iter().map(|a| a.purpose))?;
    crate::rate_limits::hit(
        ctx,
        crate::rate_limits::FILE_PER_ACCOUNT,
        &format!("user:{}", by.0),
    )
    .await?
    .into_result()?;
    let region = region_by_slug(ctx, region).await?;
    crate::blocks::ensure_not_blocked(&ctx.db, by, region.id).await?;
    let province = match &petition.province {
        Some(code) => Some(province_in_region(&ctx.db, region.id, code).await?.id),
        None => None,
    };
    let representative = user::Entity::find_by_id(by.0)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::Unauthenticated)?;
    let now = ctx.clock.now();
    let association = petition.association.as_ref();
    let txn = crate::db::begin_write(&ctx.db).await?;
    let created = petition::ActiveModel {
        region_id: Set(region.id),
        kind: Set(petition.kind.as_str().to_owned()),
        status: Set(PetitionStatus::InModeration.as_str().to_owned()),
        lang: Set(petition.lang.code().to_owned()),
        title: Set(petition.title.clone()),
        request: Set(petition.request.clone()),
        reasons: Set(petition.reasons.clone()),
        competence: Set(petition.competence.to_owned()),
        province_id: Set(province),
        representative_id: Set(Some(by.0)),
        representative_name: Set(representative.display_name.clone()),
        association_name: Set(association.map(|a| a.name.clone())),
        association_registered_on: Set(association.map(|a| a.registered_on)),
        association_seat: Set(association.map(|a| a.seat.clone())),
        signature_count: Set(0),
        notified_percent: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let id = PetitionId(created.id);
    insert_attachments(&txn, now, id, attachments).await?;
    record_step(&txn, now, id, Step::Submit, Some(by), None, None).await?;
    txn.commit().await?;
    Ok(id)
}

/// Refuses more than [`MAX_ATTACHMENTS`] files, and an association petition without its mandate;
/// `purposes` are those of every file the petition will have.
pub(crate) fn check_attachments(
    kind: PetitionKind,
    purposes: impl ExactSizeIterator<Item = AttachmentPurpose>,
) -> Result<(), DomainError> {
    if purposes.len() > MAX_ATTACHMENTS {
        return Err(DomainError::Validation {
            field: "attachments",
            code: "too_many_files",
        });
    }
    let mut purposes = purposes;
    if kind == PetitionKind::Association && !purposes.any(|p| p == AttachmentPurpose::Mandate) {
        return Err(DomainError::Validation {
            field: "mandate",
            code: "mandate_missing",
        });
    }
    Ok(())
}

/// Stores `attachments` as files of petition `id`.
pub(crate) async fn insert_attachments<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
    id: PetitionId,
    attachments: Vec<NewAttachment>,
) -> Result<(), DomainError> {
    for attachment in attachments {
        petition_attachment::ActiveModel {
            petition_id: Set(id.0),
            purpose: Set(attachment.purpose.as_str().to_owned()),
            file_name: Set(attachment.file.file_name),
            content_type: Set(attachment.file.content_type.to_owned()),
            size_bytes: Set(i32::try_from(attachment.file.data.len()).unwrap_or(i32::MAX)),
            sha256: Set(attachment.file.sha256),
            data: Set(attachment.file.data),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

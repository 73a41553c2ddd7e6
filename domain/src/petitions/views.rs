//! Petitions as pages and lists show them. Drafts and petitions in moderation are seen only by
//! their representative and the region's moderators (and council officers); the rest is public.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::lifecycle::{PetitionKind, PetitionStatus};
use super::{PetitionId, load, state};
use crate::accounts::UserId;
use crate::entities::{petition, petition_attachment, petition_event, region};
use crate::roles::Actor;
use crate::types::Lang;
use crate::{AppContext, DomainError};

/// A petition in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PetitionSummary {
    pub id: PetitionId,
    pub region_slug: String,
    pub kind: PetitionKind,
    pub status: PetitionStatus,
    pub lang: Lang,
    pub title: String,
    pub competence: String,
    pub signature_count: i32,
    pub threshold: Option<i32>,
    pub created_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
}

/// A petition's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PetitionView {
    pub summary: PetitionSummary,
    pub region_id: i32,
    pub request: String,
    pub reasons: String,
    pub representative_name: String,
    pub association_name: Option<String>,
    pub association_seat: Option<String>,
    pub per_province_minimum: Option<i32>,
    pub moderation_reason: Option<String>,
    pub moderation_note: Option<String>,
    pub collection_ends_at: Option<DateTime<Utc>>,
    pub reference: Option<String>,
    pub deposited_at: Option<DateTime<Utc>>,
    pub decision_due_at: Option<DateTime<Utc>>,
    pub attachments: Vec<AttachmentView>,
    pub timeline: Vec<TimelineEntry>,
    /// Whether the viewer is its representative.
    pub viewer_is_representative: bool,
}

/// An attached file, without its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentView {
    pub id: i32,
    pub purpose: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i32,
}

/// One line of the public timeline: when, which step, taken by whom (a role, never a name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    pub at: DateTime<Utc>,
    pub step: String,
    pub actor_role: String,
    pub reason_code: Option<String>,
    pub note: Option<String>,
}

/// The list view of a stored petition.
pub(crate) fn summary(
    p: &petition::Model,
    region: Option<&region::Model>,
) -> Result<PetitionSummary, DomainError> {
    let (kind, status) = state(p)?;
    Ok(PetitionSummary {
        id: PetitionId(p.id),
        region_slug: region.map(|r| r.slug.clone()).unwrap_or_default(),
        kind,
        status,
        lang: Lang::parse(&p.lang).unwrap_or_default(),
        title: p.title.clone(),
        competence: p.competence.clone(),
        signature_count: p.signature_count,
        threshold: p.threshold,
        created_at: p.created_at,
        published_at: p.published_at,
    })
}

/// Whether `viewer` may see petition `p` (public, or theirs, or staff of its region).
pub(crate) fn may_see(p: &petition::Model, status: PetitionStatus, viewer: Option<&Actor>) -> bool {
    status.is_public()
        || viewer.is_some_and(|v| {
            p.representative_id == Some(v.user.0)
                || v.is_moderator_of(p.region_id)
                || v.is_officer_of(p.region_id)
        })
}

/// Petition `id` as `viewer` may see it (`NotFound` when they may not: its existence stays
/// private too).
pub async fn get_petition(
    ctx: &AppContext,
    viewer: Option<&Actor>,
    id: PetitionId,
) -> Result<PetitionView, DomainError> {
    let p = load(&ctx.db, id).await?;
    let (_, status) = state(&p)?;
    if !may_see(&p, status, viewer) {
        return Err(DomainError::NotFound);
    }
    let region = region::Entity::find_by_id(p.region_id).one(&ctx.db).await?;
    let attachments = petition_attachment::Entity::find()
        .filter(petition_attachment::Column::PetitionId.eq(p.id))
        .order_by_asc(petition_attachment::Column::Id)
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|a| AttachmentView {
            id: a.id,
            purpose: a.purpose,
            file_name: a.file_name,
            content_type: a.content_type,
            size_bytes: a.size_bytes,
        })
        .collect();
    let timeline = petition_event::Entity::find()
        .filter(petition_event::Column::PetitionId.eq(p.id))
        .order_by_asc(petition_event::Column::Id)
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|e| TimelineEntry {
            at: e.at,
            step: e.step,
            actor_role: e.actor_role,
            reason_code: e.reason_code,
            note: e.note,
        })
        .collect();
    Ok(PetitionView {
        summary: summary(&p, region.as_ref())?,
        region_id: p.region_id,
        viewer_is_representative: viewer.is_some_and(|v| p.representative_id == Some(v.user.0)),
        request: p.request,
        reasons: p.reasons,
        representative_name: p.representative_name,
        association_name: p.association_name,
        association_seat: p.association_seat,
        per_province_minimum: p.per_province_minimum,
        moderation_reason: p.moderation_reason,
        moderation_note: p.moderation_note,
        collection_ends_at: p.collection_ends_at,
        reference: p.reference,
        deposited_at: p.deposited_at,
        decision_due_at: p.decision_due_at,
        attachments,
        timeline,
    })
}

/// The petitions `user` represents, newest first.
pub async fn list_my_petitions(
    ctx: &AppContext,
    user: UserId,
) -> Result<Vec<PetitionSummary>, DomainError> {
    petition::Entity::find()
        .filter(petition::Column::RepresentativeId.eq(user.0))
        .order_by_desc(petition::Column::Id)
        .find_also_related(region::Entity)
        .all(&ctx.db)
        .await?
        .iter()
        .map(|(p, r)| summary(p, r.as_ref()))
        .collect()
}

//! Petitions as pages and lists show them. What anyone sees is decided by [`visibility`], for
//! every path (page, API, list, progress, files): the text and files are public only once the
//! petition was published; a petition rejected in moderation shows its reason, note and (unless
//! the reason forbids) its title; drafts, petitions in moderation and petitions withdrawn before
//! publication are seen only by their representative and the region's moderators; a published
//! petition its moderators hid shows only when and why to anyone but its representative and the
//! region's staff.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::lifecycle::{PetitionKind, PetitionStatus, Step};
use super::{load, state};
use crate::entities::{petition, petition_attachment, petition_event, region};
use crate::roles::Actor;
use crate::types::Lang;
use crate::types::PetitionId;
use crate::types::UserId;
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
    /// The code of the prefecture or province concerned, if any.
    pub province_code: Option<String>,
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
    /// The bureau's decision was due and is not taken yet.
    pub overdue: bool,
    pub decided_at: Option<DateTime<Utc>>,
    pub committee: Option<String>,
    /// The ordinary session, `YYYY-MM`.
    pub session: Option<String>,
    pub sitting_on: Option<chrono::NaiveDate>,
    /// The reasons of an inadmissibility decision.
    pub decision_text: Option<String>,
    pub answer_text: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
    /// When the signatories' personal data was erased, after the retention period.
    pub signatories_erased_at: Option<DateTime<Utc>>,
    pub attachments: Vec<AttachmentView>,
    pub timeline: Vec<TimelineEntry>,
    /// Whether the viewer is its representative.
    pub viewer_is_representative: bool,
    /// Whether the text, the representative and the files are shown (otherwise they are empty:
    /// a rejection notice).
    pub text_shown: bool,
    /// Whether the title is shown (otherwise it is empty).
    pub title_shown: bool,
    /// When and why the region's moderators hid it from the public, if they did.
    pub hidden: Option<HiddenNotice>,
    /// The signatures the fraud review removed (in force), oldest first: how many, when, why.
    pub removals: Vec<super::fraud::InvalidationView>,
}

/// A published petition hidden by the region's moderators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HiddenNotice {
    pub at: DateTime<Utc>,
    /// A report reason code.
    pub reason: String,
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

/// How much of a petition a viewer may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Everything: text, files, progress.
    Full,
    /// A petition rejected in moderation, to someone who is not its representative or moderator:
    /// the reason code and the moderator's note, and the title when `title` is true.
    RejectionNotice { title: bool },
    /// A published petition its moderators hid, to anyone but its representative and the
    /// region's staff: when and why, neither its title nor its text.
    HiddenNotice,
    /// Nothing, not even that it exists.
    Hidden,
}

/// What `viewer` may see of petition `p`: everything once it was published (or to its
/// representative and the region's moderators); a rejection notice for a petition rejected in
/// moderation; nothing otherwise (drafts, petitions in moderation, withdrawn before publication).
/// A hidden petition shows everything only to its representative and the region's staff.
pub fn visibility(
    p: &petition::Model,
    status: PetitionStatus,
    viewer: Option<&Actor>,
) -> Visibility {
    let own = viewer
        .is_some_and(|v| p.representative_id == Some(v.user.0) || v.is_moderator_of(p.region_id));
    if p.hidden_at.is_some() && !own && !viewer.is_some_and(|v| v.is_officer_of(p.region_id)) {
        Visibility::HiddenNotice
    } else if own || p.published_at.is_some() {
        Visibility::Full
    } else if status == PetitionStatus::RejectedInModeration {
        let reason = p.moderation_reason.as_deref().unwrap_or_default();
        Visibility::RejectionNotice {
            title: !super::moderation::TITLE_WITHHELD_REASONS.contains(&reason),
        }
    } else {
        Visibility::Hidden
    }
}

/// Whether `viewer` may see all of petition `p` (its text, files and progress).
pub(crate) fn may_see(p: &petition::Model, status: PetitionStatus, viewer: Option<&Actor>) -> bool {
    visibility(p, status, viewer) == Visibility::Full
}

/// Petition `id` as `viewer` may see it (`NotFound` when they may not: its existence stays
/// private too).
pub async fn get_petition(
    ctx: &AppContext,
    viewer: Option<&Actor>,
    id: PetitionId,
) -> Result<PetitionView, DomainError> {
    let mut p = load(&ctx.db, id).await?;
    let (_, status) = state(&p)?;
    let (text_shown, title_shown) = match visibility(&p, status, viewer) {
        Visibility::Full => (true, true),
        Visibility::RejectionNotice { title } => (false, title),
        Visibility::HiddenNotice => (false, false),
        Visibility::Hidden => return Err(DomainError::NotFound),
    };
    if !text_shown {
        p.request.clear();
        p.reasons.clear();
        p.representative_name.clear();
        p.association_name = None;
        p.association_seat = None;
        p.province_id = None;
    }
    if !title_shown {
        p.title.clear();
    }
    let region = region::Entity::find_by_id(p.region_id).one(&ctx.db).await?;
    let removals = if text_shown {
        super::fraud::removal_notices(&ctx.db, id).await?
    } else {
        Vec::new()
    };
    let attachments = if text_shown {
        attachment_views(&ctx.db, id).await?
    } else {
        Vec::new()
    };
    let province_code = match p.province_id {
        Some(province) => crate::entities::province::Entity::find_by_id(province)
            .one(&ctx.db)
            .await?
            .map(|p| p.code),
        None => None,
    };
    let timeline = petition_event::Entity::find()
        .filter(petition_event::Column::PetitionId.eq(p.id))
        .order_by_asc(petition_event::Column::Id)
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|e| TimelineEntry {
            // A rejection notice shows the rejection's note, not earlier ones (which may quote
            // the text that was never published).
            note: e
                .note
                .filter(|_| text_shown || e.step == Step::Reject.as_str()),
            at: e.at,
            step: e.step,
            actor_role: e.actor_role,
            reason_code: e.reason_code,
        })
        .collect();
    Ok(PetitionView {
        summary: summary(&p, region.as_ref())?,
        region_id: p.region_id,
        province_code,
        viewer_is_representative: viewer.is_some_and(|v| p.representative_id == Some(v.user.0)),
        text_shown,
        title_shown,
        removals,
        hidden: p.hidden_at.map(|at| HiddenNotice {
            at,
            reason: p.hidden_reason.clone().unwrap_or_default(),
        }),
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
        overdue: matches!(
            status,
            PetitionStatus::Deposited | PetitionStatus::UnderReview
        ) && p.decision_due_at.is_some_and(|due| due < ctx.clock.now()),
        decision_due_at: p.decision_due_at,
        decided_at: p.decided_at,
        committee: p.committee,
        session: p.session,
        sitting_on: p.sitting_on,
        decision_text: p.decision_text,
        answer_text: p.answer_text,
        answered_at: p.answered_at,
        signatories_erased_at: p.signatories_erased_at,
        attachments,
        timeline,
    })
}

/// The files of petition `id`, oldest first, without their content.
pub(crate) async fn attachment_views<C: sea_orm::ConnectionTrait>(
    db: &C,
    id: PetitionId,
) -> Result<Vec<AttachmentView>, DomainError> {
    use petition_attachment::Column as A;
    let rows: Vec<(i32, String, String, String, i32)> = petition_attachment::Entity::find()
        .select_only()
        .columns([A::Id, A::Purpose, A::FileName, A::ContentType, A::SizeBytes])
        .filter(A::PetitionId.eq(id.0))
        .order_by_asc(A::Id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, purpose, file_name, content_type, size_bytes)| AttachmentView {
                id,
                purpose,
                file_name,
                content_type,
                size_bytes,
            },
        )
        .collect())
}

/// Whether `user` signed petition `id`.
pub async fn has_signed(
    ctx: &AppContext,
    user: UserId,
    id: PetitionId,
) -> Result<bool, DomainError> {
    Ok(crate::entities::signature::Entity::find()
        .filter(crate::entities::signature::Column::PetitionId.eq(id.0))
        .filter(crate::entities::signature::Column::UserId.eq(user.0))
        .one(&ctx.db)
        .await?
        .is_some())
}

/// The petitions `user` signed (while signed in), newest signature first.
pub async fn list_my_signatures(
    ctx: &AppContext,
    user: UserId,
) -> Result<Vec<PetitionSummary>, DomainError> {
    let rows = crate::entities::signature::Entity::find()
        .filter(crate::entities::signature::Column::UserId.eq(user.0))
        .order_by_desc(crate::entities::signature::Column::Id)
        .find_also_related(petition::Entity)
        .all(&ctx.db)
        .await?;
    let mut list = Vec::with_capacity(rows.len());
    for (_, p) in rows {
        // A hidden petition is no longer listed, even to its signers.
        let Some(p) = p.filter(|p| p.hidden_at.is_none()) else {
            continue;
        };
        let region = region::Entity::find_by_id(p.region_id).one(&ctx.db).await?;
        list.push(summary(&p, region.as_ref())?);
    }
    Ok(list)
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

/// A petition's progress: its count against the rule, per province, and day by day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressView {
    pub total: i64,
    pub threshold: Option<i32>,
    pub per_province_minimum: Option<i32>,
    /// Every prefecture and province of the region, in order, with its signatures.
    pub provinces: Vec<(crate::regions::views::ProvinceView, i64)>,
    /// Whether the rule is met (total and every province).
    pub met: bool,
    /// Signatures per day (UTC), oldest first, days without any left out.
    pub days: Vec<(chrono::NaiveDate, i64)>,
    /// Of the total, the signatures entered from paper by the council.
    pub paper: i64,
}

impl ProgressView {
    /// The prefectures and provinces that reach the per-province minimum.
    pub fn provinces_met(&self) -> usize {
        self.provinces
            .iter()
            .filter(|(_, n)| self.province_met(*n))
            .count()
    }

    /// Whether a prefecture or province with `signatures` reaches the per-province minimum.
    pub fn province_met(&self, signatures: i64) -> bool {
        signatures >= i64::from(self.per_province_minimum.unwrap_or(0))
    }

    /// How far the total is towards the threshold, 0 to 100 (no further).
    pub fn percent(&self) -> u8 {
        let threshold = i64::from(self.threshold.unwrap_or(0));
        if threshold <= 0 {
            return 0;
        }
        u8::try_from((self.total.max(0) * 100 / threshold).min(100)).unwrap_or(100)
    }
}

/// The exact progress of petition `id` (a public petition, or one `viewer` may see).
pub async fn petition_progress(
    ctx: &AppContext,
    viewer: Option<&Actor>,
    id: PetitionId,
) -> Result<ProgressView, DomainError> {
    let p = load(&ctx.db, id).await?;
    let (_, status) = state(&p)?;
    if !may_see(&p, status, viewer) {
        return Err(DomainError::NotFound);
    }
    let counts = super::counts::by_province(&ctx.db, id).await?;
    let provinces = crate::entities::province::Entity::find()
        .filter(crate::entities::province::Column::RegionId.eq(p.region_id))
        .order_by_asc(crate::entities::province::Column::Position)
        .all(&ctx.db)
        .await?;
    let ids: Vec<i32> = provinces.iter().map(|p| p.id).collect();
    let met = super::counts::rule_met(
        i64::from(p.threshold.unwrap_or(i32::MAX)),
        i64::from(p.per_province_minimum.unwrap_or(0)),
        &ids,
        &counts,
    );
    let days = super::counts::by_day(&ctx.db, id).await?;
    let paper = super::paper::paper_count(&ctx.db, id).await?;
    Ok(ProgressView {
        paper,
        total: counts.iter().map(|(_, n)| n).sum(),
        threshold: p.threshold,
        per_province_minimum: p.per_province_minimum,
        provinces: provinces
            .iter()
            .map(|province| {
                let n = counts
                    .iter()
                    .find(|(id, _)| *id == province.id)
                    .map_or(0, |(_, n)| *n);
                (crate::regions::views::province_view(province), n)
            })
            .collect(),
        met,
        days,
    })
}

/// An attached file with its content.
#[derive(Clone, PartialEq, Eq)]
pub struct AttachmentFile {
    pub file_name: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

/// Attachment `attachment` of petition `id`, if `viewer` may see the petition.
pub async fn get_attachment(
    ctx: &AppContext,
    viewer: Option<&Actor>,
    id: PetitionId,
    attachment: i32,
) -> Result<AttachmentFile, DomainError> {
    let p = load(&ctx.db, id).await?;
    let (_, status) = state(&p)?;
    if !may_see(&p, status, viewer) {
        return Err(DomainError::NotFound);
    }
    let file = petition_attachment::Entity::find_by_id(attachment)
        .filter(petition_attachment::Column::PetitionId.eq(p.id))
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok(AttachmentFile {
        file_name: file.file_name,
        content_type: file.content_type,
        data: file.data,
    })
}

//! The staff dashboard of one region: what is due, with counts on top and each list a page at a
//! time. A moderator of the region sees the petitions waiting for moderation and the open
//! reports; a council officer sees the deposited petitions waiting for the bureau's decision (due
//! date, days left, overdue), the admissible ones waiting for their session, and the
//! consultations that need a step. Anyone else is refused (and the attempt audit-logged).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};

use crate::consultations::lifecycle::ConsultationStatus;
use crate::consultations::views::{ConsultationSummary, list_consultations};
use crate::entities::{consultation, content_report, petition, region};
use crate::petitions::PetitionStatus;
use crate::roles::Actor;
use crate::types::{Lang, PageNumber, PetitionId, RegionSlug};
use crate::{AppContext, DomainError};

/// Items per page of each list.
pub const PAGE_SIZE: u64 = 20;

/// The statuses of petitions waiting for the bureau's decision.
const AWAITING_DECISION: [PetitionStatus; 2] =
    [PetitionStatus::Deposited, PetitionStatus::UnderReview];

/// The page asked of each list (1 for the first; out of range is brought within).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DashboardPages {
    pub moderation: u64,
    pub decisions: u64,
    pub sessions: u64,
    pub reports: u64,
}

impl Default for DashboardPages {
    fn default() -> Self {
        Self {
            moderation: 1,
            decisions: 1,
            sessions: 1,
            reports: 1,
        }
    }
}

/// One page of a list, and where it is among the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing<T> {
    pub items: Vec<T>,
    /// The page shown (from 1).
    pub page: u64,
    /// How many pages there are (at least 1).
    pub pages: u64,
    pub total: u64,
}

/// A petition in a list of the dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingPetition {
    pub id: PetitionId,
    pub title: String,
    pub lang: Lang,
    /// The deposit receipt, once deposited.
    pub reference: Option<String>,
    /// Since when it waits (sent to moderation, deposited, or found admissible).
    pub since: DateTime<Utc>,
    pub days_waiting: i64,
    /// The bureau's deadline (petitions awaiting the decision).
    pub due_at: Option<DateTime<Utc>>,
    /// Whole days left before the deadline (negative once past).
    pub days_left: Option<i64>,
    pub overdue: bool,
}

/// An open report on a contribution to one of the region's consultations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenReport {
    pub id: i32,
    pub consultation_id: i32,
    /// `proposal`, `comment` or `answer`.
    pub kind: String,
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

/// The counts on top of the dashboard (`None`: not for this viewer).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DashboardCounts {
    pub to_moderate: Option<u64>,
    pub open_reports: Option<u64>,
    /// Open reports of published petitions (listed on the moderation page).
    pub reported_petitions: Option<u64>,
    pub awaiting_decision: Option<u64>,
    pub overdue: Option<u64>,
    pub awaiting_session: Option<u64>,
    pub consultation_drafts: Option<u64>,
    pub consultations_open: Option<u64>,
    pub closed_without_results: Option<u64>,
    pub results_without_synthesis: Option<u64>,
}

/// The dashboard of one region for one staff member: each list is `None` when not theirs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dashboard {
    pub region_id: i32,
    pub moderator: bool,
    pub officer: bool,
    pub counts: DashboardCounts,
    pub to_moderate: Option<Listing<WaitingPetition>>,
    pub reports: Option<Listing<OpenReport>>,
    pub awaiting_decision: Option<Listing<WaitingPetition>>,
    pub awaiting_session: Option<Listing<WaitingPetition>>,
    /// Drafts, scheduled, open, closed without results and results without synthesis, newest
    /// first (a region runs a few at a time: not paginated).
    pub consultations: Option<Vec<ConsultationSummary>>,
}

/// The dashboard of `region` for `by`, in `lang` (consultation titles), the lists at `pages`.
/// Moderators and council officers of the region only.
pub async fn staff_dashboard(
    ctx: &AppContext,
    by: &Actor,
    region: &RegionSlug,
    lang: Lang,
    pages: DashboardPages,
) -> Result<Dashboard, DomainError> {
    let region_id = region::Entity::find()
        .filter(region::Column::Slug.eq(region.as_str()))
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?
        .id;
    let moderator = by.is_moderator_of(region_id);
    let officer = by.is_officer_of(region_id);
    if !moderator && !officer {
        let target = serde_json::json!({ "region": region_id });
        return Err(crate::audit::denied(
            ctx,
            by.user.0,
            "staff_dashboard",
            Some(region_id),
            target,
        )
        .await);
    }
    let now = ctx.clock.now();
    let by_status = status_counts(ctx, region_id).await?;
    let count = |s: PetitionStatus| {
        by_status
            .iter()
            .find(|(status, _)| *status == s)
            .map_or(0, |(_, n)| *n)
    };
    let mut board = Dashboard {
        region_id,
        moderator,
        officer,
        counts: DashboardCounts::default(),
        to_moderate: None,
        reports: None,
        awaiting_decision: None,
        awaiting_session: None,
        consultations: None,
    };
    if moderator {
        let total = count(PetitionStatus::InModeration);
        let query = of_status(region_id, &[PetitionStatus::InModeration])
            .order_by_asc(petition::Column::UpdatedAt)
            .order_by_asc(petition::Column::Id);
        board.to_moderate = Some(
            listing(ctx, query, total, pages.moderation, |p| {
                waiting(p, p.updated_at, now)
            })
            .await?,
        );
        board.counts.to_moderate = Some(total);
        let reports = open_reports(ctx, region_id, pages.reports).await?;
        board.counts.open_reports = Some(reports.total);
        board.counts.reported_petitions =
            Some(crate::petitions::reports::count_open_reports(ctx, region_id).await?);
        board.reports = Some(reports);
    }
    if officer {
        let total: u64 = AWAITING_DECISION.into_iter().map(count).sum();
        let overdue = of_status(region_id, &AWAITING_DECISION)
            .filter(petition::Column::DecisionDueAt.lt(now))
            .count(&ctx.db)
            .await?;
        let query = of_status(region_id, &AWAITING_DECISION)
            .order_by_asc(petition::Column::DecisionDueAt)
            .order_by_asc(petition::Column::Id);
        board.awaiting_decision = Some(
            listing(ctx, query, total, pages.decisions, |p| {
                let mut item = waiting(p, p.deposited_at.unwrap_or(p.updated_at), now);
                item.due_at = p.decision_due_at;
                item.days_left = p.decision_due_at.map(|due| (due - now).num_days());
                item.overdue = p.decision_due_at.is_some_and(|due| due < now);
                item
            })
            .await?,
        );
        let admissible = count(PetitionStatus::Admissible);
        let query = of_status(region_id, &[PetitionStatus::Admissible])
            .order_by_asc(petition::Column::DecidedAt)
            .order_by_asc(petition::Column::Id);
        board.awaiting_session = Some(
            listing(ctx, query, admissible, pages.sessions, |p| {
                waiting(p, p.decided_at.unwrap_or(p.updated_at), now)
            })
            .await?,
        );
        board.counts.awaiting_decision = Some(total);
        board.counts.overdue = Some(overdue);
        board.counts.awaiting_session = Some(admissible);
        let consultations: Vec<ConsultationSummary> =
            list_consultations(ctx, Some(by), region, lang)
                .await?
                .into_iter()
                .filter(|c| needs_a_step(c.status))
                .collect();
        let of =
            |s: ConsultationStatus| consultations.iter().filter(|c| c.status == s).count() as u64;
        board.counts.consultation_drafts = Some(of(ConsultationStatus::Draft));
        board.counts.consultations_open = Some(of(ConsultationStatus::Open));
        board.counts.closed_without_results = Some(of(ConsultationStatus::Closed));
        board.counts.results_without_synthesis = Some(of(ConsultationStatus::ResultsPublished));
        board.consultations = Some(consultations);
    }
    Ok(board)
}

/// Whether a consultation in `status` still waits for the officers (all but a synthesis
/// published or a cancelled one).
fn needs_a_step(status: ConsultationStatus) -> bool {
    !matches!(
        status,
        ConsultationStatus::SynthesisPublished | ConsultationStatus::Cancelled
    )
}

/// The region's petitions by status, in one grouped count.
async fn status_counts(
    ctx: &AppContext,
    region_id: i32,
) -> Result<Vec<(PetitionStatus, u64)>, DomainError> {
    let watched = [
        PetitionStatus::InModeration,
        PetitionStatus::Deposited,
        PetitionStatus::UnderReview,
        PetitionStatus::Admissible,
    ];
    let rows: Vec<(String, i64)> = of_status(region_id, &watched)
        .select_only()
        .column(petition::Column::Status)
        .column_as(petition::Column::Id.count(), "n")
        .group_by(petition::Column::Status)
        .into_tuple()
        .all(&ctx.db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(s, n)| Some((PetitionStatus::parse(&s)?, u64::try_from(n).ok()?)))
        .collect())
}

fn of_status(region_id: i32, statuses: &[PetitionStatus]) -> Select<petition::Entity> {
    petition::Entity::find()
        .filter(petition::Column::RegionId.eq(region_id))
        .filter(petition::Column::Status.is_in(statuses.iter().map(|s| s.as_str())))
}

/// The page at `page` (brought within 1..=pages) of `query`, which has `total` rows: the page's
/// ids first, read from the list's index in its order, then those rows alone.
async fn listing<T>(
    ctx: &AppContext,
    query: Select<petition::Entity>,
    total: u64,
    page: u64,
    item: impl Fn(&petition::Model) -> T,
) -> Result<Listing<T>, DomainError> {
    let PageNumber {
        page,
        pages,
        offset,
    } = PageNumber::of(page, total, PAGE_SIZE);
    let ids: Vec<i32> = query
        .select_only()
        .column(petition::Column::Id)
        .offset(offset)
        .limit(PAGE_SIZE)
        .into_tuple()
        .all(&ctx.db)
        .await?;
    let mut rows = petition::Entity::find()
        .filter(petition::Column::Id.is_in(ids.clone()))
        .all(&ctx.db)
        .await?;
    rows.sort_by_key(|p| ids.iter().position(|id| *id == p.id));
    Ok(Listing {
        items: rows.iter().map(item).collect(),
        page,
        pages,
        total,
    })
}

fn waiting(p: &petition::Model, since: DateTime<Utc>, now: DateTime<Utc>) -> WaitingPetition {
    WaitingPetition {
        id: PetitionId(p.id),
        title: p.title.clone(),
        lang: Lang::parse(&p.lang).unwrap_or_default(),
        reference: p.reference.clone(),
        since,
        days_waiting: (now - since).num_days().max(0),
        due_at: None,
        days_left: None,
        overdue: false,
    }
}

/// The open reports on the region's consultations, oldest first, a page at a time.
async fn open_reports(
    ctx: &AppContext,
    region_id: i32,
    page: u64,
) -> Result<Listing<OpenReport>, DomainError> {
    let query = content_report::Entity::find()
        .filter(content_report::Column::Decision.is_null())
        .filter(
            content_report::Column::ConsultationId.in_subquery(
                Query::select()
                    .column(consultation::Column::Id)
                    .from(consultation::Entity)
                    .and_where(consultation::Column::RegionId.eq(region_id))
                    .to_owned(),
            ),
        );
    let total = query.clone().count(&ctx.db).await?;
    let PageNumber {
        page,
        pages,
        offset,
    } = PageNumber::of(page, total, PAGE_SIZE);
    let rows = query
        .order_by_asc(content_report::Column::CreatedAt)
        .order_by_asc(content_report::Column::Id)
        .offset(offset)
        .limit(PAGE_SIZE)
        .all(&ctx.db)
        .await?;
    Ok(Listing {
        items: rows
            .into_iter()
            .map(|r| OpenReport {
                id: r.id,
                consultation_id: r.consultation_id,
                kind: r.kind,
                reason: r.reason,
                created_at: r.created_at,
            })
            .collect(),
        page,
        pages,
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_published_synthesis_ends_the_officers_work() {
        use ConsultationStatus as S;
        for status in [
            S::Draft,
            S::Scheduled,
            S::Open,
            S::Closed,
            S::ResultsPublished,
        ] {
            assert!(needs_a_step(status), "{status:?}");
        }
        assert!(!needs_a_step(S::SynthesisPublished));
    }
}

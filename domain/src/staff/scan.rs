//! What the alert round looks for: petitions sent to moderation, deposits, the bureau's
//! deadlines, new reports of content and of petitions, consultations closed without results;
//! each not yet alerted (at that milestone), a bounded number per kind and round.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Africa::Casablanca;
use sea_orm::sea_query::{Query, SelectStatement};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{HashMap, HashSet};

use super::alerts::{AlertKind, DEADLINE_MILESTONES, deadline_milestone};
use crate::entities::{
    consultation, consultation_text, content_report, petition, petition_event, petition_report,
    region, staff_alert,
};
use crate::petitions::{PetitionStatus, Step};
use crate::{AppContext, DomainError};

/// Events older than this are not alerted (e.g. when alerts are first switched on).
const RECENT: Duration = Duration::days(2);
/// Consultations closed longer ago than this are not alerted.
const CLOSED_WITHIN: Duration = Duration::days(7);
/// Candidates looked at per kind and round.
const SCAN_LIMIT: u64 = 500;

/// An alert about to be recorded.
#[derive(Debug, Clone)]
pub(super) struct NewAlert {
    pub(super) region_id: i32,
    pub(super) kind: AlertKind,
    pub(super) subject_id: i32,
    pub(super) milestone: i32,
    pub(super) title: String,
    /// After `/{lang}/`.
    pub(super) path: String,
    pub(super) due_on: Option<NaiveDate>,
}

/// Everything due at `now` in every region, not yet alerted.
pub(super) async fn due_alerts(
    ctx: &AppContext,
    now: DateTime<Utc>,
) -> Result<Vec<NewAlert>, DomainError> {
    let slugs: HashMap<i32, String> = region::Entity::find()
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.slug))
        .collect();
    let mut found = sent_to_moderation(ctx, now, &slugs).await?;
    found.extend(deposits(ctx, now, &slugs).await?);
    found.extend(deadlines(ctx, now, &slugs).await?);
    found.extend(reports(ctx, now, &slugs).await?);
    found.extend(petition_reports(ctx, now, &slugs).await?);
    found.extend(closed_consultations(ctx, now, &slugs).await?);
    Ok(found)
}

/// The subjects of `kind` already alerted (at any milestone).
fn alerted(kind: AlertKind) -> SelectStatement {
    Query::select()
        .column(staff_alert::Column::SubjectId)
        .from(staff_alert::Entity)
        .and_where(staff_alert::Column::Kind.eq(kind.as_str()))
        .to_owned()
}

fn petition_path(slugs: &HashMap<i32, String>, p: &petition::Model) -> String {
    let slug = slugs.get(&p.region_id).map_or("", String::as_str);
    format!("r/{slug}/petitions/{}", p.id)
}

fn day_of(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Casablanca).date_naive()
}

/// Petitions sent to moderation lately and still waiting, one alert per sending.
async fn sent_to_moderation(
    ctx: &AppContext,
    now: DateTime<Utc>,
    slugs: &HashMap<i32, String>,
) -> Result<Vec<NewAlert>, DomainError> {
    let kind = AlertKind::PetitionToModerate;
    let events = recent_events(ctx, now, Step::Submit, petition_event::Column::Id, kind).await?;
    let petitions = petitions_of(ctx, &events).await?;
    Ok(events
        .iter()
        .filter_map(|e| {
            let p = petitions.get(&e.petition_id)?;
            (p.status == PetitionStatus::InModeration.as_str()).then(|| NewAlert {
                region_id: p.region_id,
                kind,
                subject_id: e.id,
                milestone: 0,
                title: p.title.clone(),
                path: petition_path(slugs, p),
                due_on: None,
            })
        })
        .collect())
}

/// Petitions deposited lately, one alert per petition.
async fn deposits(
    ctx: &AppContext,
    now: DateTime<Utc>,
    slugs: &HashMap<i32, String>,
) -> Result<Vec<NewAlert>, DomainError> {
    let kind = AlertKind::PetitionDeposited;
    let events = recent_events(
        ctx,
        now,
        Step::Deposit,
        petition_event::Column::PetitionId,
        kind,
    )
    .await?;
    let petitions = petitions_of(ctx, &events).await?;
    Ok(petitions
        .values()
        .map(|p| NewAlert {
            region_id: p.region_id,
            kind,
            subject_id: p.id,
            milestone: 0,
            title: p.title.clone(),
            path: petition_path(slugs, p),
            due_on: p.decision_due_at.map(day_of),
        })
        .collect())
}

/// The recent timeline events of `step` whose `subject` column was not alerted as `kind`.
async fn recent_events(
    ctx: &AppContext,
    now: DateTime<Utc>,
    step: Step,
    subject: petition_event::Column,
    kind: AlertKind,
) -> Result<Vec<petition_event::Model>, DomainError> {
    Ok(petition_event::Entity::find()
        .filter(petition_event::Column::Step.eq(step.as_str()))
        .filter(petition_event::Column::At.gt(now - RECENT))
        .filter(subject.not_in_subquery(alerted(kind)))
        .order_by_asc(petition_event::Column::Id)
        .limit(SCAN_LIMIT)
        .all(&ctx.db)
        .await?)
}

async fn petitions_of(
    ctx: &AppContext,
    events: &[petition_event::Model],
) -> Result<HashMap<i32, petition::Model>, DomainError> {
    let ids: HashSet<i32> = events.iter().map(|e| e.petition_id).collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(petition::Entity::find()
        .filter(petition::Column::Id.is_in(ids))
        .all(&ctx.db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect())
}

/// Deposited petitions whose bureau deadline reached a milestone not yet alerted.
async fn deadlines(
    ctx: &AppContext,
    now: DateTime<Utc>,
    slugs: &HashMap<i32, String>,
) -> Result<Vec<NewAlert>, DomainError> {
    let kind = AlertKind::DecisionDue;
    let furthest = i64::from(DEADLINE_MILESTONES[0]);
    let pending = petition::Entity::find()
        .filter(petition::Column::Status.is_in([
            PetitionStatus::Deposited.as_str(),
            PetitionStatus::UnderReview.as_str(),
        ]))
        .filter(petition::Column::DecisionDueAt.lte(now + Duration::days(furthest)))
        .order_by_asc(petition::Column::DecisionDueAt)
        .limit(SCAN_LIMIT)
        .all(&ctx.db)
        .await?;
    if pending.is_empty() {
        return Ok(Vec::new());
    }
    let done: HashSet<(i32, i32)> = staff_alert::Entity::find()
        .select_only()
        .columns([
            staff_alert::Column::SubjectId,
            staff_alert::Column::Milestone,
        ])
        .filter(staff_alert::Column::Kind.eq(kind.as_str()))
        .filter(staff_alert::Column::SubjectId.is_in(pending.iter().map(|p| p.id)))
        .into_tuple()
        .all(&ctx.db)
        .await?
        .into_iter()
        .collect();
    Ok(pending
        .iter()
        .filter_map(|p| {
            let due = p.decision_due_at?;
            let milestone = deadline_milestone(due, now)?;
            (!done.contains(&(p.id, milestone))).then(|| NewAlert {
                region_id: p.region_id,
                kind,
                subject_id: p.id,
                milestone,
                title: p.title.clone(),
                path: petition_path(slugs, p),
                due_on: Some(day_of(due)),
            })
        })
        .collect())
}

/// Reports made lately and still open, one alert per report.
async fn reports(
    ctx: &AppContext,
    now: DateTime<Utc>,
    slugs: &HashMap<i32, String>,
) -> Result<Vec<NewAlert>, DomainError> {
    let kind = AlertKind::ReportOpened;
    let found = content_report::Entity::find()
        .filter(content_report::Column::Decision.is_null())
        .filter(content_report::Column::CreatedAt.gt(now - RECENT))
        .filter(content_report::Column::Id.not_in_subquery(alerted(kind)))
        .order_by_asc(content_report::Column::Id)
        .limit(SCAN_LIMIT)
        .all(&ctx.db)
        .await?;
    let titles = consultation_titles(ctx, found.iter().map(|r| r.consultation_id)).await?;
    Ok(found
        .iter()
        .filter_map(|r| {
            let (region_id, title) = titles.get(&r.consultation_id)?;
            let slug = slugs.get(region_id).map_or("", String::as_str);
            Some(NewAlert {
                region_id: *region_id,
                kind,
                subject_id: r.id,
                milestone: 0,
                title: title.clone(),
                path: format!("r/{slug}/moderation"),
                due_on: None,
            })
        })
        .collect())
}

/// Petition reports made lately and still open, one alert per report (the petition's title:
/// only a published petition can be reported).
async fn petition_reports(
    ctx: &AppContext,
    now: DateTime<Utc>,
    slugs: &HashMap<i32, String>,
) -> Result<Vec<NewAlert>, DomainError> {
    let kind = AlertKind::PetitionReported;
    let found = petition_report::Entity::find()
        .filter(petition_report::Column::Decision.is_null())
        .filter(petition_report::Column::CreatedAt.gt(now - RECENT))
        .filter(petition_report::Column::Id.not_in_subquery(alerted(kind)))
        .order_by_asc(petition_report::Column::Id)
        .limit(SCAN_LIMIT)
        .find_also_related(petition::Entity)
        .all(&ctx.db)
        .await?;
    Ok(found
        .iter()
        .filter_map(|(r, p)| {
            let p = p.as_ref()?;
            let slug = slugs.get(&p.region_id).map_or("", String::as_str);
            Some(NewAlert {
                region_id: p.region_id,
                kind,
                subject_id: r.id,
                milestone: 0,
                title: p.title.clone(),
                path: format!("r/{slug}/moderation#petition-reports"),
                due_on: None,
            })
        })
        .collect())
}

/// Consultations closed lately whose results are not published.
async fn closed_consultations(
    ctx: &AppContext,
    now: DateTime<Utc>,
    slugs: &HashMap<i32, String>,
) -> Result<Vec<NewAlert>, DomainError> {
    let kind = AlertKind::ConsultationClosed;
    let found = consultation::Entity::find()
        .filter(consultation::Column::Status.eq("published"))
        .filter(consultation::Column::ClosesAt.lte(now))
        .filter(consultation::Column::ClosesAt.gt(now - CLOSED_WITHIN))
        .filter(consultation::Column::Id.not_in_subquery(alerted(kind)))
        .limit(SCAN_LIMIT)
        .all(&ctx.db)
        .await?;
    let titles = consultation_titles(ctx, found.iter().map(|c| c.id)).await?;
    Ok(found
        .iter()
        .filter_map(|c| {
            let (_, title) = titles.get(&c.id)?;
            let slug = slugs.get(&c.region_id).map_or("", String::as_str);
            Some(NewAlert {
                region_id: c.region_id,
                kind,
                subject_id: c.id,
                milestone: 0,
                title: title.clone(),
                path: format!("r/{slug}/consultations/{}/manage", c.id),
                due_on: None,
            })
        })
        .collect())
}

/// The region and the title (in its fallback language) of each consultation of `ids`.
async fn consultation_titles(
    ctx: &AppContext,
    ids: impl Iterator<Item = i32>,
) -> Result<HashMap<i32, (i32, String)>, DomainError> {
    let ids: HashSet<i32> = ids.collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let found = consultation::Entity::find()
        .filter(consultation::Column::Id.is_in(ids))
        .find_with_related(consultation_text::Entity)
        .all(&ctx.db)
        .await?;
    Ok(found
        .into_iter()
        .map(|(c, texts)| {
            let title = texts
                .iter()
                .find(|t| t.lang == c.fallback_lang)
                .or(texts.first())
                .map(|t| t.title.clone())
                .unwrap_or_default();
            (c.id, (c.region_id, title))
        })
        .collect())
}

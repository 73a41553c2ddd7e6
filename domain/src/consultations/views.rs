//! Consultations as pages show them, in the reader's language or else the consultation's
//! fallback language: a region's list (open, upcoming, past) and one consultation with its
//! questionnaire. Drafts are seen only by the region's council officers.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::builder::status_of;
use super::lifecycle::ConsultationStatus;
use crate::entities::{
    choice, choice_text, consultation, consultation_text, question, question_text, region,
};
use crate::roles::Actor;
use crate::types::ConsultationId;
use crate::types::{Lang, RegionSlug};
use crate::{AppContext, DomainError};

/// A consultation in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsultationSummary {
    pub id: ConsultationId,
    pub status: ConsultationStatus,
    /// The language of the texts shown (the reader's, or the fallback).
    pub lang: Lang,
    pub title: String,
    pub summary: String,
    pub audience: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
}

/// A question as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionView {
    pub id: i32,
    pub kind: String,
    pub required: bool,
    pub max_choices: Option<i32>,
    pub max_chars: Option<i32>,
    pub text: String,
    pub low_label: Option<String>,
    pub high_label: Option<String>,
    /// `(choice id, wording)`, in order.
    pub choices: Vec<(i32, String)>,
}

/// A consultation's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsultationView {
    pub summary: ConsultationSummary,
    pub region_id: i32,
    /// Markdown; `super::text::render` makes it safe HTML.
    pub body: String,
    pub questionnaire: bool,
    pub proposals: bool,
    /// What one response stands for (with `Cin`, the form asks the CIN and the province).
    pub verification: super::drafts::Verification,
    pub questions: Vec<QuestionView>,
    /// Markdown, once published.
    pub synthesis: Option<String>,
    /// When its texts were last corrected after publication.
    pub corrected_at: Option<DateTime<Utc>>,
    /// When and why it was cancelled, if it was.
    pub cancelled: Option<(DateTime<Utc>, String)>,
}

/// The text of `lang` among `texts` (by language), else the one of `fallback`.
fn pick<T>(texts: &[T], lang: Lang, fallback: Lang, of: impl Fn(&T) -> &str) -> Option<&T> {
    texts
        .iter()
        .find(|t| of(t) == lang.code())
        .or_else(|| texts.iter().find(|t| of(t) == fallback.code()))
}

fn summary(
    c: &consultation::Model,
    texts: &[consultation_text::Model],
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<ConsultationSummary, DomainError> {
    let fallback = Lang::parse(&c.fallback_lang).unwrap_or_default();
    let text = pick(texts, lang, fallback, |t| t.lang.as_str());
    Ok(ConsultationSummary {
        id: ConsultationId(c.id),
        status: status_of(c, now)?,
        lang: text.and_then(|t| Lang::parse(&t.lang)).unwrap_or(fallback),
        title: text.map(|t| t.title.clone()).unwrap_or_default(),
        summary: text.map(|t| t.summary.clone()).unwrap_or_default(),
        audience: c.audience.clone(),
        opens_at: c.opens_at,
        closes_at: c.closes_at,
    })
}

/// The public consultations of `region` (drafts too for its council officers), newest first.
pub async fn list_consultations(
    ctx: &AppContext,
    viewer: Option<&Actor>,
    region: &RegionSlug,
    lang: Lang,
) -> Result<Vec<ConsultationSummary>, DomainError> {
    let region = region::Entity::find()
        .filter(region::Column::Slug.eq(region.as_str()))
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let officer = viewer.is_some_and(|v| v.is_officer_of(region.id));
    let found = consultation::Entity::find()
        .filter(consultation::Column::RegionId.eq(region.id))
        .order_by_desc(consultation::Column::OpensAt)
        .order_by_desc(consultation::Column::Id)
        .find_with_related(consultation_text::Entity)
        .all(&ctx.db)
        .await?;
    let now = ctx.clock.now();
    let mut list = Vec::with_capacity(found.len());
    for (c, texts) in found {
        let item = summary(&c, &texts, lang, now)?;
        if item.status.is_public() || officer {
            list.push(item);
        }
    }
    Ok(list)
}

/// Consultation `id` in `lang` (or its fallback), as `viewer` may see it (`NotFound` for a
/// draft, except to the region's council officers).
pub async fn get_consultation(
    ctx: &AppContext,
    viewer: Option<&Actor>,
    id: ConsultationId,
    lang: Lang,
) -> Result<ConsultationView, DomainError> {
    let (c, texts) = consultation::Entity::find_by_id(id.0)
        .find_with_related(consultation_text::Entity)
        .all(&ctx.db)
        .await?
        .into_iter()
        .next()
        .ok_or(DomainError::NotFound)?;
    let now = ctx.clock.now();
    let summary = summary(&c, &texts, lang, now)?;
    if !summary.status.is_public() && !viewer.is_some_and(|v| v.is_officer_of(c.region_id)) {
        return Err(DomainError::NotFound);
    }
    let fallback = Lang::parse(&c.fallback_lang).unwrap_or_default();
    let body = pick(&texts, lang, fallback, |t| t.lang.as_str())
        .map(|t| t.body.clone())
        .unwrap_or_default();
    let questions = question::Entity::find()
        .filter(question::Column::ConsultationId.eq(id.0))
        .order_by_asc(question::Column::Position)
        .find_with_related(question_text::Entity)
        .all(&ctx.db)
        .await?;
    let ids: Vec<i32> = questions.iter().map(|(q, _)| q.id).collect();
    let choices = choice::Entity::find()
        .filter(choice::Column::QuestionId.is_in(ids))
        .order_by_asc(choice::Column::Position)
        .find_with_related(choice_text::Entity)
        .all(&ctx.db)
        .await?;
    let questions = questions
        .into_iter()
        .map(|(q, texts)| {
            let text = pick(&texts, lang, fallback, |t| t.lang.as_str());
            QuestionView {
                id: q.id,
                kind: q.kind,
                required: q.required,
                max_choices: q.max_choices,
                max_chars: q.max_chars,
                text: text.map(|t| t.text.clone()).unwrap_or_default(),
                low_label: text.and_then(|t| t.low_label.clone()),
                high_label: text.and_then(|t| t.high_label.clone()),
                choices: choices
                    .iter()
                    .filter(|(ch, _)| ch.question_id == q.id)
                    .map(|(ch, texts)| {
                        let wording = pick(texts, lang, fallback, |t| t.lang.as_str())
                            .map(|t| t.text.clone())
                            .unwrap_or_default();
                        (ch.id, wording)
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(ConsultationView {
        summary,
        region_id: c.region_id,
        body,
        questionnaire: c.questionnaire,
        proposals: c.proposals,
        verification: super::drafts::Verification::of(&c)?,
        questions,
        synthesis: c.synthesis.filter(|_| c.synthesis_published_at.is_some()),
        corrected_at: c.corrected_at,
        cancelled: c.cancelled_at.zip(c.cancel_reason),
    })
}

/// The language consultation `id` falls back to (its questions must be worded in it).
pub async fn fallback_lang(ctx: &AppContext, id: ConsultationId) -> Result<Lang, DomainError> {
    let found = consultation::Entity::find_by_id(id.0)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok(Lang::parse(&found.fallback_lang).unwrap_or_default())
}

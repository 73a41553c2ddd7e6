//! Corrections by the council officers. A draft or a scheduled consultation is corrected whole
//! (texts, audience, parts, verification, dates; its questions on the builder) since nobody has
//! answered it yet; an open one only in what changes no question: its texts and documents. A
//! scheduled consultation may be cancelled, for a reason its page then shows. After publication
//! the page says when the texts were last corrected.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

use super::builder::{officers_consultation, record, status_of};
use super::documents::DocumentPurpose;
use super::drafts::{
    ConsultationForm, ConsultationTexts, NewConsultation, TextsForm, day_of, insert_texts,
    last_day, parse_texts, start_of_day,
};
use super::lifecycle::{ConsultationStatus, Correctable, Step, next_stored};
use super::text::plain;
use crate::entities::{consultation, consultation_document, consultation_text, question};
use crate::roles::Actor;
use crate::types::{ConsultationId, Lang};
use crate::{AppContext, DomainError};

/// Corrected texts of an open consultation, checked against its fallback language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectedTexts(Vec<ConsultationTexts>);

impl CorrectedTexts {
    /// Parses `typed` as [`NewConsultation::parse`] does the texts; those of `fallback` are
    /// required.
    pub fn parse(typed: &[TextsForm], fallback: Lang) -> Result<Self, Vec<DomainError>> {
        let mut errors = Vec::new();
        let texts = parse_texts(&mut errors, typed, Some(fallback));
        if errors.is_empty() {
            Ok(Self(texts))
        } else {
            Err(errors)
        }
    }
}

/// Why a scheduled consultation is cancelled: public, 10 to 500 characters, plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CancelReason(String);

impl CancelReason {
    /// `Validation("reason", …)` unless it is 10 to 500 characters without markup.
    pub fn parse(typed: &str) -> Result<Self, DomainError> {
        let mut errors = Vec::new();
        let reason = plain(&mut errors, "reason", typed, (10, 500));
        match errors.into_iter().next() {
            Some(err) => Err(err),
            None => Ok(Self(reason)),
        }
    }
}

/// The correction form of consultation `id` filled with what is stored, with what may be
/// corrected now. Council officers of its region only.
pub async fn correction_form(
    ctx: &AppContext,
    by: &Actor,
    id: ConsultationId,
) -> Result<(ConsultationForm, Correctable), DomainError> {
    let found = officers_consultation(ctx, by, id).await?;
    let status = status_of(&found, ctx.clock.now())?;
    let texts = consultation_text::Entity::find()
        .filter(consultation_text::Column::ConsultationId.eq(id.0))
        .all(&ctx.db)
        .await?;
    let form = ConsultationForm {
        audience: found.audience.clone(),
        fallback_lang: found.fallback_lang.clone(),
        opens_on: day_of(found.opens_at).to_string(),
        closes_on: last_day(found.closes_at).to_string(),
        questionnaire: found.questionnaire,
        proposals: found.proposals,
        verification: found.verification.clone(),
        texts: texts
            .into_iter()
            .map(|t| TextsForm {
                lang: t.lang,
                title: t.title,
                summary: t.summary,
                body: t.body,
            })
            .collect(),
    };
    Ok((form, status.correctable()))
}

/// Corrects the draft or scheduled consultation `id` whole with `draft`. A scheduled one keeps
/// its days ahead (`opening_past`, `window_past`) and a questionnaire it has questions for
/// (`questions_missing`); a part turned off takes its questions with it. An open one is
/// `Conflict("consultation_open")`: only its texts are corrected. Council officers of its region
/// only; audit-logged.
#[tracing::instrument(skip(ctx, by, draft), fields(by = by.user.0, id = id.0))]
pub async fn correct_consultation(
    ctx: &AppContext,
    by: &Actor,
    id: ConsultationId,
    draft: NewConsultation,
) -> Result<(), DomainError> {
    let found = officers_consultation(ctx, by, id).await?;
    let now = ctx.clock.now();
    let status = status_of(&found, now)?;
    if status == ConsultationStatus::Open {
        return Err(DomainError::Conflict("consultation_open"));
    }
    next_stored(status, Step::Edit)?;
    let scheduled = status == ConsultationStatus::Scheduled;
    let questions = question::Entity::find()
        .filter(question::Column::ConsultationId.eq(id.0))
        .count(&ctx.db)
        .await?;
    if scheduled {
        check_still_ahead(&draft, now)?;
        if draft.questionnaire && questions == 0 {
            return Err(DomainError::Validation {
                field: "parts",
                code: "questions_missing",
            });
        }
    }
    let txn = crate::db::begin_write(&ctx.db).await?;
    let mut query = consultation::Entity::update_many()
        .set(consultation::ActiveModel {
            audience: Set(draft.audience.to_owned()),
            fallback_lang: Set(draft.fallback_lang.code().to_owned()),
            questionnaire: Set(draft.questionnaire),
            proposals: Set(draft.proposals),
            verification: Set(draft.verification.as_str().to_owned()),
            opens_at: Set(draft.window.opens_at()),
            closes_at: Set(draft.window.closes_at()),
            updated_at: Set(now),
            corrected_at: Set(scheduled.then_some(now).or(found.corrected_at)),
            ..Default::default()
        })
        .filter(consultation::Column::Id.eq(id.0))
        .filter(consultation::Column::Status.eq(found.status.as_str()));
    if scheduled {
        // Not if it opened meanwhile.
        query = query.filter(consultation::Column::OpensAt.gt(now));
    }
    if query.exec(&txn).await?.rows_affected != 1 {
        return Err(DomainError::Conflict("consultation_changed"));
    }
    if !draft.questionnaire && questions > 0 {
        question::Entity::delete_many()
            .filter(question::Column::ConsultationId.eq(id.0))
            .exec(&txn)
            .await?;
    }
    replace_texts(&txn, id, draft.texts).await?;
    record(ctx, &txn, by, &found, "consultation_corrected").await?;
    txn.commit().await?;
    Ok(())
}

/// A scheduled consultation's corrected days stay ahead: its first day not before today, its
/// last not past.
fn check_still_ahead(draft: &NewConsultation, now: DateTime<Utc>) -> Result<(), DomainError> {
    if draft.window.opens_at() < start_of_day(day_of(now)) {
        return Err(DomainError::Validation {
            field: "opens_on",
            code: "opening_past",
        });
    }
    if draft.window.closes_at() <= now + Duration::minutes(1) {
        return Err(DomainError::Validation {
            field: "closes_on",
            code: "window_past",
        });
    }
    Ok(())
}

/// Corrects the texts of consultation `id` (a draft, scheduled or open one): every language
/// written replaces what was stored, a language left empty is removed. After publication its page
/// says when. Council officers of its region only; audit-logged.
#[tracing::instrument(skip(ctx, by, texts), fields(by = by.user.0, id = id.0))]
pub async fn correct_texts(
    ctx: &AppContext,
    by: &Actor,
    id: ConsultationId,
    texts: CorrectedTexts,
) -> Result<(), DomainError> {
    let found = officers_consultation(ctx, by, id).await?;
    let now = ctx.clock.now();
    let status = status_of(&found, now)?;
    next_stored(status, Step::CorrectTexts)?;
    let fallback = Lang::parse(&found.fallback_lang).unwrap_or_default();
    if !texts.0.iter().any(|t| t.lang == fallback) {
        return Err(DomainError::Validation {
            field: "title",
            code: "text_missing",
        });
    }
    let published = status != ConsultationStatus::Draft;
    let txn = crate::db::begin_write(&ctx.db).await?;
    let updated = consultation::Entity::update_many()
        .set(consultation::ActiveModel {
            updated_at: Set(now),
            corrected_at: Set(published.then_some(now).or(found.corrected_at)),
            ..Default::default()
        })
        .filter(consultation::Column::Id.eq(id.0))
        .filter(consultation::Column::Status.eq(found.status.as_str()))
        // Not if it closed meanwhile.
        .filter(consultation::Column::ClosesAt.gt(now))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(DomainError::Conflict("consultation_changed"));
    }
    replace_texts(&txn, id, texts.0).await?;
    record(ctx, &txn, by, &found, "consultation_corrected").await?;
    txn.commit().await?;
    Ok(())
}

async fn replace_texts<C: sea_orm::ConnectionTrait>(
    txn: &C,
    id: ConsultationId,
    texts: Vec<ConsultationTexts>,
) -> Result<(), DomainError> {
    consultation_text::Entity::delete_many()
        .filter(consultation_text::Column::ConsultationId.eq(id.0))
        .exec(txn)
        .await?;
    insert_texts(txn, id.0, texts).await
}

/// Cancels the scheduled consultation `id` for `reason`, which its page then shows; it never
/// opens. Council officers of its region only; audit-logged.
#[tracing::instrument(skip(ctx, by, reason), fields(by = by.user.0, id = id.0))]
pub async fn cancel_consultation(
    ctx: &AppContext,
    by: &Actor,
    id: ConsultationId,
    reason: CancelReason,
) -> Result<(), DomainError> {
    let found = officers_consultation(ctx, by, id).await?;
    let now = ctx.clock.now();
    let to = next_stored(status_of(&found, now)?, Step::Cancel)?;
    let txn = crate::db::begin_write(&ctx.db).await?;
    let updated = consultation::Entity::update_many()
        .set(consultation::ActiveModel {
            status: Set(to.as_str().to_owned()),
            cancelled_at: Set(Some(now)),
            cancel_reason: Set(Some(reason.0)),
            updated_at: Set(now),
            ..Default::default()
        })
        .filter(consultation::Column::Id.eq(id.0))
        .filter(consultation::Column::Status.eq(found.status.as_str()))
        .filter(consultation::Column::OpensAt.gt(now))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(DomainError::Conflict("consultation_changed"));
    }
    record(ctx, &txn, by, &found, "consultation_cancelled").await?;
    txn.commit().await?;
    Ok(())
}

/// Whether a document for `purpose` may be removed from a consultation in `status`: one of the
/// consultation's while it may be corrected, one of the synthesis's until the synthesis is
/// published.
pub fn may_remove_document(status: ConsultationStatus, purpose: DocumentPurpose) -> bool {
    match purpose {
        DocumentPurpose::Consultation => status.correctable() != Correctable::Nothing,
        DocumentPurpose::Synthesis => status == ConsultationStatus::ResultsPublished,
    }
}

/// Removes document `document` from consultation `id`: one of the consultation's while it may be
/// corrected, one of the synthesis's until the synthesis is published. Council officers of its
/// region only; audit-logged.
#[tracing::instrument(skip(ctx, by), fields(by = by.user.0, id = id.0))]
pub async fn remove_document(
    ctx: &AppContext,
    by: &Actor,
    id: ConsultationId,
    document: i32,
) -> Result<(), DomainError> {
    let found = officers_consultation(ctx, by, id).await?;
    let status = status_of(&found, ctx.clock.now())?;
    let file = consultation_document::Entity::find_by_id(document)
        .filter(consultation_document::Column::ConsultationId.eq(id.0))
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let allowed = DocumentPurpose::parse(&file.purpose)
        .is_some_and(|purpose| may_remove_document(status, purpose));
    if !allowed {
        return Err(DomainError::Conflict("step_not_allowed"));
    }
    let txn = crate::db::begin_write(&ctx.db).await?;
    consultation_document::Entity::delete_by_id(file.id)
        .exec(&txn)
        .await?;
    record(ctx, &txn, by, &found, "consultation_document_removed").await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cancellation_says_why_in_a_sentence() {
        let code = |typed: &str| CancelReason::parse(typed).err().map(|e| e.code());
        assert_eq!(code("Reportée"), Some("text_too_short"));
        assert_eq!(code(&"x".repeat(501)), Some("text_too_long"));
        assert_eq!(
            code("<b>Annulée</b> faute de salle"),
            Some("markup_refused")
        );
        assert_eq!(
            code("La consultation est reportée après la session d'octobre."),
            None
        );
    }

    #[test]
    fn corrected_texts_keep_the_fallback_language() {
        let typed = |lang: &str, title: &str| TextsForm {
            lang: lang.into(),
            title: title.into(),
            ..TextsForm::default()
        };
        let codes = |texts: &[TextsForm]| {
            CorrectedTexts::parse(texts, Lang::Ar)
                .err()
                .unwrap_or_default()
                .iter()
                .map(DomainError::code)
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(&[typed("fr", "Plan de mobilité")]), ["text_missing"]);
        assert!(codes(&[typed("ar", "مخطط التنقل"), typed("fr", "")]).is_empty());
    }
}

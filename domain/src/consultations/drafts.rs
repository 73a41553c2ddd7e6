//! A council officer drafts a consultation of their region: its texts in the languages they
//! write (one of them the fallback shown to readers of the others), its audience, its parts
//! (questionnaire, call for proposals) and its dates. Dates are days in Morocco's time: a
//! consultation opens at the start of its first day and closes at the end of its last.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Africa::Casablanca;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};

use super::AUDIENCES;
use super::lifecycle::{StoredStatus, Window};
use crate::audit::{self, AuditEvent};
use crate::entities::{consultation, consultation_text, region};
use crate::roles::Actor;
pub use crate::text::{LangTexts as ConsultationTexts, TextsForm, parse_texts};
use crate::types::ConsultationId;
use crate::types::{Lang, RegionSlug};
use crate::{AppContext, DomainError};

/// What one response to a consultation stands for, stated on its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verification {
    /// One response per account (and one account per mailbox).
    Account,
    /// One response per person: the participant declares their CIN, whose keyed hash is unique
    /// per consultation, and their province.
    Cin,
}

impl Verification {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Account => "account",
            Self::Cin => "cin",
        }
    }

    /// The verification named `name`.
    pub fn parse(name: &str) -> Option<Self> {
        [Self::Account, Self::Cin]
            .into_iter()
            .find(|v| v.as_str() == name)
    }

    /// The verification of a stored consultation.
    pub(crate) fn of(c: &consultation::Model) -> Result<Self, DomainError> {
        Self::parse(&c.verification).ok_or_else(|| {
            DomainError::Internal(format!(
                "consultation {} has verification {}",
                c.id, c.verification
            ))
        })
    }
}

/// The consultation form as typed (every field text; dates `YYYY-MM-DD`).
#[derive(Debug, Clone, Default)]
pub struct ConsultationForm {
    pub audience: String,
    pub fallback_lang: String,
    pub opens_on: String,
    pub closes_on: String,
    pub questionnaire: bool,
    pub proposals: bool,
    /// `cin` (one response per person; the default) or `account`.
    pub verification: String,
    pub texts: Vec<TextsForm>,
}

/// A consultation draft, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewConsultation {
    pub audience: &'static str,
    pub fallback_lang: Lang,
    pub window: Window,
    pub questionnaire: bool,
    pub proposals: bool,
    pub verification: Verification,
    pub texts: Vec<ConsultationTexts>,
}

fn invalid(field: &'static str, code: &'static str) -> DomainError {
    DomainError::Validation { field, code }
}

/// The instant a day starts in Morocco (its legal time, Ramadan changes included).
pub fn start_of_day(day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    Casablanca
        .from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&midnight))
}

pub use crate::dates::day_of;

/// The last day of a window closing at `closes_at` (24:00 of that day, in Morocco).
pub fn last_day(closes_at: DateTime<Utc>) -> NaiveDate {
    day_of(closes_at - Duration::seconds(1))
}

impl NewConsultation {
    /// Parses `form`: an audience of [`AUDIENCES`], a fallback language with its texts, titles
    /// of 5 to 200 characters, summaries up to 1,000, bodies up to 50,000 (Markdown), no
    /// markup in titles and summaries, a last day on or after the first, and at least one part.
    pub fn parse(form: &ConsultationForm) -> Result<Self, Vec<DomainError>> {
        let mut errors = Vec::new();
        let audience = AUDIENCES.into_iter().find(|a| *a == form.audience.trim());
        if audience.is_none() {
            errors.push(invalid("audience", "audience_invalid"));
        }
        let fallback_lang = Lang::parse(form.fallback_lang.trim());
        if fallback_lang.is_none() {
            errors.push(invalid("fallback_lang", "lang_invalid"));
        }
        let texts = parse_texts(&mut errors, &form.texts, fallback_lang);
        let day = |field: &'static str, input: &str, errors: &mut Vec<DomainError>| {
            NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d")
                .map_err(|_| errors.push(invalid(field, "date_invalid")))
                .ok()
        };
        let opens_on = day("opens_on", &form.opens_on, &mut errors);
        let closes_on = day("closes_on", &form.closes_on, &mut errors);
        let window = match (opens_on, closes_on) {
            (Some(first), Some(last)) => {
                match Window::new(start_of_day(first), start_of_day(last + Duration::days(1))) {
                    Ok(window) => Some(window),
                    Err(err) => {
                        errors.push(err);
                        None
                    }
                }
            }
            _ => None,
        };
        if !form.questionnaire && !form.proposals {
            errors.push(invalid("parts", "parts_missing"));
        }
        // One response per person unless the officer chose otherwise: results a council cites
        // should not count accounts.
        let verification = match form.verification.trim() {
            "" => Some(Verification::Cin),
            typed => Verification::parse(typed),
        };
        if verification.is_none() {
            errors.push(invalid("verification", "verification_invalid"));
        }
        match (audience, fallback_lang, window, verification) {
            (Some(audience), Some(fallback_lang), Some(window), Some(verification))
                if errors.is_empty() =>
            {
                Ok(Self {
                    audience,
                    fallback_lang,
                    window,
                    questionnaire: form.questionnaire,
                    proposals: form.proposals,
                    verification,
                    texts,
                })
            }
            _ => Err(errors),
        }
    }
}

/// Creates the draft `draft` in region `region`. Council officers of that region only;
/// audit-logged.
#[tracing::instrument(skip(ctx, by, draft), fields(by = by.user.0, region = region.as_str()))]
pub async fn create_consultation(
    ctx: &AppContext,
    by: &Actor,
    region: &RegionSlug,
    draft: NewConsultation,
) -> Result<ConsultationId, DomainError> {
    let region = region::Entity::find()
        .filter(region::Column::Slug.eq(region.as_str()))
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if !by.is_officer_of(region.id) {
        let target = serde_json::json!({ "region": region.id });
        return Err(crate::audit::denied(
            ctx,
            by.user.0,
            "create_consultation",
            Some(region.id),
            target,
        )
        .await);
    }
    let now = ctx.clock.now();
    let txn = crate::db::begin_write(&ctx.db).await?;
    let created = consultation::ActiveModel {
        region_id: Set(region.id),
        status: Set(StoredStatus::Draft.as_str().to_owned()),
        audience: Set(draft.audience.to_owned()),
        fallback_lang: Set(draft.fallback_lang.code().to_owned()),
        questionnaire: Set(draft.questionnaire),
        proposals: Set(draft.proposals),
        verification: Set(draft.verification.as_str().to_owned()),
        opens_at: Set(draft.window.opens_at()),
        closes_at: Set(draft.window.closes_at()),
        created_by: Set(Some(by.user.0)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    insert_texts(&txn, created.id, draft.texts).await?;
    audit::record(
        ctx,
        &txn,
        AuditEvent {
            actor_user_id: Some(by.user.0),
            action: "consultation_created",
            subject_user_id: None,
            region_id: Some(region.id),
            detail: serde_json::json!({ "consultation": created.id }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(ConsultationId(created.id))
}

/// Stores `texts` as consultation `id`'s.
pub(crate) async fn insert_texts<C: sea_orm::ConnectionTrait>(
    db: &C,
    id: i32,
    texts: Vec<ConsultationTexts>,
) -> Result<(), DomainError> {
    for texts in texts {
        consultation_text::ActiveModel {
            consultation_id: Set(id),
            lang: Set(texts.lang.code().to_owned()),
            title: Set(texts.title),
            summary: Set(texts.summary),
            body: Set(texts.body),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ConsultationForm {
        ConsultationForm {
            audience: "all".into(),
            fallback_lang: "ar".into(),
            opens_on: "2027-05-01".into(),
            closes_on: "2027-05-31".into(),
            questionnaire: true,
            proposals: false,
            verification: String::new(),
            texts: vec![
                TextsForm {
                    lang: "ar".into(),
                    title: "برنامج التنمية الجهوية 2028-2033".into(),
                    summary: "شاركوا في إعداد برنامج التنمية الجهوية.".into(),
                    body: "## الأولويات\n\nالنقل، الماء، التشغيل.".into(),
                },
                TextsForm {
                    lang: "fr".into(),
                    ..TextsForm::default()
                },
            ],
        }
    }

    fn codes(form: &ConsultationForm) -> Vec<&'static str> {
        NewConsultation::parse(form)
            .err()
            .unwrap_or_default()
            .iter()
            .map(DomainError::code)
            .collect()
    }

    #[test]
    fn a_draft_keeps_the_languages_written_and_its_days_in_morocco_time() {
        let draft = NewConsultation::parse(&form()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(draft.texts.len(), 1, "an empty language is left out");
        // May 2027 in Morocco is GMT+1: the first day starts at 23:00 UTC the day before.
        assert_eq!(
            draft.window.opens_at().to_rfc3339(),
            "2027-04-30T23:00:00+00:00"
        );
        assert_eq!(
            draft.window.closes_at().to_rfc3339(),
            "2027-05-31T23:00:00+00:00"
        );
        assert_eq!(day_of(draft.window.opens_at()).to_string(), "2027-05-01");
        assert_eq!(last_day(draft.window.closes_at()).to_string(), "2027-05-31");
    }

    #[test]
    fn bad_drafts_are_explained() {
        let mut bad = form();
        bad.audience = "everyone".into();
        bad.fallback_lang = "fr".into();
        bad.closes_on = "2027-04-01".into();
        bad.questionnaire = false;
        assert_eq!(
            codes(&bad),
            [
                "audience_invalid",
                "text_missing",
                "window_invalid",
                "parts_missing"
            ]
        );
        let mut markup = form();
        markup.texts[0].title = "<b>Consultation</b>".into();
        markup.opens_on = "1 mars".into();
        assert_eq!(codes(&markup), ["markup_refused", "date_invalid"]);
        let mut short = form();
        short.texts[0].title = "PDR".into();
        assert_eq!(codes(&short), ["text_too_short"]);
    }
}

//! The officer's questionnaire builder: each question in the languages they write (the fallback
//! one required), its kind and its choices; a draft's questionnaire is replaced whole. Then the
//! draft is published: it is scheduled until its first day and open until the end of its last.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use super::lifecycle::{ConsultationStatus, Step, StoredStatus, Window, next_stored, status_at};
use super::questions::{DEFAULT_TEXT_LIMIT, QuestionKind, has_markup};
use crate::audit::{self, AuditEvent};
use crate::entities::{choice, choice_text, consultation, question, question_text};
use crate::roles::Actor;
use crate::types::ConsultationId;
use crate::types::Lang;
use crate::{AppContext, DomainError};

/// Choices of a choice question: at least 2, at most this many.
pub const MAX_CHOICES: usize = 20;
/// Questions of one questionnaire, at most.
pub const MAX_QUESTIONS: usize = 50;
/// The longest free-text limit an officer may set, in characters.
pub const MAX_TEXT_LIMIT: u16 = 5_000;

/// A question as typed by the officer (every field text).
#[derive(Debug, Clone, Default)]
pub struct QuestionForm {
    /// `single`, `multiple`, `text`, `scale` or `ranking`.
    pub kind: String,
    pub required: bool,
    /// Multiple choice: the most choices (empty: all); text: the longest answer (empty: 2,000).
    pub max: String,
    /// The wording, by language.
    pub texts: Vec<(String, String)>,
    /// A scale's labels of 1 and of 5, by language.
    pub labels: Vec<(String, String, String)>,
    /// Each choice's wording, by language.
    pub choices: Vec<Vec<(String, String)>>,
}

/// A question, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewQuestion {
    pub kind: QuestionKind,
    pub required: bool,
    pub texts: Vec<(Lang, String)>,
    pub labels: Vec<(Lang, String, String)>,
    pub choices: Vec<Vec<(Lang, String)>>,
}

fn invalid(field: &'static str, code: &'static str) -> DomainError {
    DomainError::Validation { field, code }
}

/// The wordings of `typed` in known languages, trimmed, without markup, at most `max`
/// characters; the fallback one required.
fn wordings(
    errors: &mut Vec<DomainError>,
    field: &'static str,
    typed: &[(String, String)],
    fallback: Lang,
    max: usize,
) -> Vec<(Lang, String)> {
    let mut out: Vec<(Lang, String)> = Vec::new();
    for (lang, text) in typed {
        let text = text.trim();
        let Some(lang) = Lang::parse(lang.trim()) else {
            continue;
        };
        if text.is_empty() || out.iter().any(|(l, _)| *l == lang) {
            continue;
        }
        if text.chars().count() > max {
            errors.push(invalid(field, "text_too_long"));
        } else if has_markup(text) {
            errors.push(invalid(field, "markup_refused"));
        }
        out.push((lang, text.to_owned()));
    }
    if !out.iter().any(|(l, _)| *l == fallback) {
        errors.push(invalid(field, "text_missing"));
    }
    out
}

impl NewQuestion {
    /// Parses `form` for a consultation whose fallback language is `fallback`.
    pub fn parse(form: &QuestionForm, fallback: Lang) -> Result<Self, Vec<DomainError>> {
        let mut errors = Vec::new();
        let texts = wordings(&mut errors, "question_text", &form.texts, fallback, 500);
        let choices: Vec<Vec<(Lang, String)>> = form
            .choices
            .iter()
            .filter(|c| c.iter().any(|(_, t)| !t.trim().is_empty()))
            .map(|c| wordings(&mut errors, "choices", c, fallback, 300))
            .collect();
        let max = form.max.trim();
        let kind = match form.kind.trim() {
            "single" => Some(QuestionKind::Single),
            "ranking" => Some(QuestionKind::Ranking),
            "scale" => Some(QuestionKind::Scale),
            "multiple" => {
                let all = u8::try_from(choices.len()).unwrap_or(u8::MAX);
                match max {
                    "" => Some(QuestionKind::Multiple { max: all }),
                    _ => match max.parse::<u8>() {
                        Ok(n) if n >= 1 && n <= all => Some(QuestionKind::Multiple { max: n }),
                        _ => {
                            errors.push(invalid("max", "max_invalid"));
                            None
                        }
                    },
                }
            }
            "text" => match max {
                "" => Some(QuestionKind::Text {
                    max_chars: DEFAULT_TEXT_LIMIT,
                }),
                _ => match max.parse::<u16>() {
                    Ok(n) if (1..=MAX_TEXT_LIMIT).contains(&n) => {
                        Some(QuestionKind::Text { max_chars: n })
                    }
                    _ => {
                        errors.push(invalid("max", "max_invalid"));
                        None
                    }
                },
            },
            _ => {
                errors.push(invalid("question_kind", "kind_invalid"));
                None
            }
        };
        if kind.is_some_and(QuestionKind::has_choices)
            && !(2..=MAX_CHOICES).contains(&choices.len())
        {
            errors.push(invalid("choices", "choices_count"));
        }
        let labels = if kind == Some(QuestionKind::Scale) {
            form.labels
                .iter()
                .filter_map(|(lang, low, high)| {
                    let (low, high) = (low.trim(), high.trim());
                    let lang = Lang::parse(lang.trim())?;
                    if low.is_empty() && high.is_empty() {
                        return None;
                    }
                    if low.chars().count() > 100 || high.chars().count() > 100 {
                        errors.push(invalid("labels", "text_too_long"));
                    } else if has_markup(low) || has_markup(high) {
                        errors.push(invalid("labels", "markup_refused"));
                    }
                    Some((lang, low.to_owned(), high.to_owned()))
                })
                .collect()
        } else {
            Vec::new()
        };
        match kind {
            Some(kind) if errors.is_empty() => Ok(Self {
                kind,
                required: form.required,
                texts,
                labels,
                choices: if kind.has_choices() {
                    choices
                } else {
                    Vec::new()
                },
            }),
            _ => Err(errors),
        }
    }
}

/// The consultation `id` for an operation of `by`: it exists and `by` is a council officer of
/// its region.
pub(crate) async fn officers_consultation(
    ctx: &AppContext,
    by: &Actor,
    id: ConsultationId,
) -> Result<consultation::Model, DomainError> {
    let found = consultation::Entity::find_by_id(id.0)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if !by.is_officer_of(found.region_id) {
        let target = serde_json::json!({ "consultation": found.id });
        return Err(crate::audit::denied(
            ctx,
            by.user.0,
            "manage_consultation",
            Some(found.region_id),
            target,
        )
        .await);
    }
    Ok(found)
}

/// Where consultation `c` stands at `now`.
pub(crate) fn status_of(
    c: &consultation::Model,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<ConsultationStatus, DomainError> {
    let stored = StoredStatus::parse(&c.status).ok_or_else(|| {
        DomainError::Internal(format!("consultation {} has status {}", c.id, c.status))
    })?;
    let window = Window::new(c.opens_at, c.closes_at)?;
    Ok(status_at(stored, window, now))
}

/// Replaces the questionnaire of the draft or scheduled consultation `id` with `questions`, in
/// order (a scheduled one keeps one question at least). Council officers of
/// its region only; audit-logged.
#[tracing::instrument(skip(ctx, by, questions), fields(by = by.user.0, id = id.0))]
pub async fn set_questions(
    ctx: &AppContext,
    by: &Actor,
    id: ConsultationId,
    questions: Vec<NewQuestion>,
) -> Result<(), DomainError> {
    let found = officers_consultation(ctx, by, id).await?;
    next_stored(status_of(&found, ctx.clock.now())?, Step::Edit)?;
    if !found.questionnaire {
        return Err(invalid("questions", "no_questionnaire"));
    }
    if questions.len() > MAX_QUESTIONS {
        return Err(invalid("questions", "too_many_questions"));
    }
    if questions.is_empty() && found.status != StoredStatus::Draft.as_str() {
        return Err(invalid("questions", "questions_missing"));
    }
    let txn = crate::db::begin_write(&ctx.db).await?;
    question::Entity::delete_many()
        .filter(question::Column::ConsultationId.eq(id.0))
        .exec(&txn)
        .await?;
    for (position, q) in questions.into_iter().enumerate() {
        insert_question(&txn, id, position, q).await?;
    }
    consultation::Entity::update_many()
        .set(consultation::ActiveModel {
            updated_at: Set(ctx.clock.now()),
            ..Default::default()
        })
        .filter(consultation::Column::Id.eq(id.0))
        .exec(&txn)
        .await?;
    record(ctx, &txn, by, &found, "consultation_questions_set").await?;
    txn.commit().await?;
    Ok(())
}

/// Stores question `q` of consultation `id` at `position`, with its wordings and choices.
async fn insert_question<C: sea_orm::ConnectionTrait>(
    txn: &C,
    id: ConsultationId,
    position: usize,
    q: NewQuestion,
) -> Result<(), DomainError> {
    let (max_choices, max_chars) = match q.kind {
        QuestionKind::Multiple { max } => (Some(i32::from(max)), None),
        QuestionKind::Text { max_chars } => (None, Some(i32::from(max_chars))),
        _ => (None, None),
    };
    let stored = question::ActiveModel {
        consultation_id: Set(id.0),
        position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
        kind: Set(q.kind.as_str().to_owned()),
        required: Set(q.required),
        max_choices: Set(max_choices),
        max_chars: Set(max_chars),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    for (lang, text) in q.texts {
        let (low, high) = q
            .labels
            .iter()
            .find(|(l, _, _)| *l == lang)
            .map(|(_, low, high)| (Some(low.clone()), Some(high.clone())))
            .unwrap_or_default();
        question_text::ActiveModel {
            question_id: Set(stored.id),
            lang: Set(lang.code().to_owned()),
            text: Set(text),
            low_label: Set(low.filter(|l| !l.is_empty())),
            high_label: Set(high.filter(|h| !h.is_empty())),
        }
        .insert(txn)
        .await?;
    }
    for (position, texts) in q.choices.into_iter().enumerate() {
        let stored_choice = choice::ActiveModel {
            question_id: Set(stored.id),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        for (lang, text) in texts {
            choice_text::ActiveModel {
                choice_id: Set(stored_choice.id),
                lang: Set(lang.code().to_owned()),
                text: Set(text),
            }
            .insert(txn)
            .await?;
        }
    }
    Ok(())
}

/// Adds question `q` at the end of the questionnaire of the draft or scheduled consultation
/// `id`. Council officers of its
/// region only; audit-logged.
#[tracing::instrument(skip(ctx, by, q), fields(by = by.user.0, id = id.0))]
pub async fn add_question(
    ctx: &AppContext,
    by: &Actor,
    id: ConsultationId,
    q: NewQuestion,
) -> Result<(), DomainError> {
    let found = officers_consultation(ctx, by, id).await?;
    next_stored(status_of(&found, ctx.clock.now())?, Step::Edit)?;
    if !found.questionnaire {
        return Err(invalid("questions", "no_questionnaire"));
    }
    let txn = crate::db::begin_write(&ctx.db).await?;
    let last = question::Entity::find()
        .filter(question::Column::ConsultationId.eq(id.0))
        .order_by_desc(question::Column::Position)
        .all(&txn)
        .await?;
    if last.len() >= MAX_QUESTIONS {
        return Err(invalid("questions", "too_many_questions"));
    }
    let position = last
        .first()
        .and_then(|q| usize::try_from(q.position + 1).ok())
        .unwrap_or(0);
    insert_question(&txn, id, position, q).await?;
    record(ctx, &txn, by, &found, "consultation_question_added").await?;
    txn.commit().await?;
    Ok(())
}

/// Removes question `question` from the questionnaire of the draft or scheduled consultation
/// `id` (a scheduled one keeps one question at least). Council officers of its
/// region only; audit-logged.
#[tracing::instrument(skip(ctx, by), fields(by = by.user.0, id = id.0))]
pub async fn remove_question(
    ctx: &AppContext,
    by: &Actor,
    id: ConsultationId,
    question_id: i32,
) -> Result<(), DomainError> {
    let found = officers_consultation(ctx, by, id).await?;
    let status = status_of(&found, ctx.clock.now())?;
    next_stored(status, Step::Edit)?;
    let txn = crate::db::begin_write(&ctx.db).await?;
    let removed = question::Entity::delete_many()
        .filter(question::Column::ConsultationId.eq(id.0))
        .filter(question::Column::Id.eq(question_id))
        .exec(&txn)
        .await?;
    if removed.rows_affected != 1 {
        return Err(DomainError::NotFound);
    }
    // A published questionnaire keeps a question (the transaction is dropped otherwise).
    if status == ConsultationStatus::Scheduled {
        let left = question::Entity::find()
            .filter(question::Column::ConsultationId.eq(id.0))
            .one(&txn)
            .await?;
        if left.is_none() {
            return Err(invalid("questions", "questions_missing"));
        }
    }
    record(ctx, &txn, by, &found, "consultation_question_removed").await?;
    txn.commit().await?;
    Ok(())
}

/// Publishes the draft `id`: scheduled until its first day, then open. Its last day must not be
/// past, and a questionnaire needs a question. Council officers of its region only;
/// audit-logged.
#[tracing::instrument(skip(ctx, by), fields(by = by.user.0, id = id.0))]
pub async fn publish_consultation(
    ctx: &AppContext,
    by: &Actor,
    id: ConsultationId,
) -> Result<ConsultationStatus, DomainError> {
    let found = officers_consultation(ctx, by, id).await?;
    let now = ctx.clock.now();
    let to = next_stored(status_of(&found, now)?, Step::Publish)?;
    if found.closes_at <= now {
        return Err(invalid("closes_on", "window_past"));
    }
    if found.questionnaire {
        let questions = question::Entity::find()
            .filter(question::Column::ConsultationId.eq(id.0))
            .one(&ctx.db)
            .await?;
        if questions.is_none() {
            return Err(invalid("questions", "questions_missing"));
        }
    }
    let txn = crate::db::begin_write(&ctx.db).await?;
    let updated = consultation::Entity::update_many()
        .set(consultation::ActiveModel {
            status: Set(to.as_str().to_owned()),
            published_at: Set(Some(now)),
            updated_at: Set(now),
            ..Default::default()
        })
        .filter(consultation::Column::Id.eq(id.0))
        .filter(consultation::Column::Status.eq(found.status.as_str()))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(DomainError::Conflict("consultation_changed"));
    }
    record(ctx, &txn, by, &found, "consultation_published").await?;
    txn.commit().await?;
    Ok(status_at(
        to,
        Window::new(found.opens_at, found.closes_at)?,
        now,
    ))
}

pub(crate) async fn record<C: sea_orm::ConnectionTrait>(
    ctx: &AppContext,
    db: &C,
    by: &Actor,
    c: &consultation::Model,
    action: &'static str,
) -> Result<(), DomainError> {
    audit::record(
        ctx,
        db,
        AuditEvent {
            actor_user_id: Some(by.user.0),
            action,
            subject_user_id: None,
            region_id: Some(c.region_id),
            detail: serde_json::json!({ "consultation": c.id }),
        },
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(l, t)| ((*l).to_owned(), (*t).to_owned()))
            .collect()
    }

    fn choice_question(kind: &str, max: &str, choices: usize) -> QuestionForm {
        QuestionForm {
            kind: kind.into(),
            required: true,
            max: max.into(),
            texts: texts(&[("fr", "Vos priorités ?"), ("ar", "ما هي أولوياتكم؟")]),
            labels: Vec::new(),
            choices: (0..choices)
                .map(|n| texts(&[("fr", &format!("Choix {n}"))]))
                .chain(std::iter::once(texts(&[("fr", "  ")])))
                .collect(),
        }
    }

    fn codes(form: &QuestionForm) -> Vec<&'static str> {
        NewQuestion::parse(form, Lang::Fr)
            .err()
            .unwrap_or_default()
            .iter()
            .map(DomainError::code)
            .collect()
    }

    #[test]
    fn questions_of_every_kind_parse() {
        let multiple = NewQuestion::parse(&choice_question("multiple", "2", 4), Lang::Fr)
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(multiple.kind, QuestionKind::Multiple { max: 2 });
        assert_eq!(multiple.choices.len(), 4, "an empty choice is dropped");
        assert_eq!(multiple.texts.len(), 2);
        let all = NewQuestion::parse(&choice_question("multiple", "", 3), Lang::Fr)
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(all.kind, QuestionKind::Multiple { max: 3 });
        let text = NewQuestion::parse(
            &QuestionForm {
                kind: "text".into(),
                choices: Vec::new(),
                ..choice_question("text", "", 0)
            },
            Lang::Fr,
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(text.kind, QuestionKind::Text { max_chars: 2_000 });
        let scale = NewQuestion::parse(
            &QuestionForm {
                labels: vec![("fr".into(), "Pas du tout".into(), "Tout à fait".into())],
                ..choice_question("scale", "", 0)
            },
            Lang::Fr,
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(scale.labels.len(), 1);
        assert!(scale.choices.is_empty());
    }

    #[test]
    fn bad_questions_are_explained() {
        assert_eq!(codes(&choice_question("poll", "", 2)), ["kind_invalid"]);
        assert_eq!(codes(&choice_question("single", "", 1)), ["choices_count"]);
        assert_eq!(
            codes(&choice_question("ranking", "", 21)),
            ["choices_count"]
        );
        assert_eq!(codes(&choice_question("multiple", "5", 4)), ["max_invalid"]);
        assert_eq!(codes(&choice_question("multiple", "0", 4)), ["max_invalid"]);
        assert_eq!(codes(&choice_question("text", "9000", 0)), ["max_invalid"]);
        let mut untranslated = choice_question("single", "", 2);
        untranslated.texts = texts(&[("ar", "سؤال")]);
        assert_eq!(
            codes(&untranslated),
            ["text_missing"],
            "the fallback wording is needed"
        );
        let mut markup = choice_question("single", "", 2);
        markup.choices[0] = texts(&[("fr", "<a href=x>choix</a>")]);
        assert_eq!(codes(&markup), ["markup_refused"]);
    }
}

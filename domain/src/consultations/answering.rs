//! A signed-in citizen answers an open consultation's questionnaire: once per account (a unique
//! index), editable until it closes (the last answer counts), with a declaration of belonging
//! to its audience when it is addressed to one of the art. 117 bodies.

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::builder::status_of;
use super::drafts::Verification;
use super::questions::{
    Answer, AnswerError, AnswerInput, QuestionKind, QuestionSpec, parse_response,
};
use super::tallies::{self, Counted};
use crate::entities::{answer, choice, consultation, province, question, response};
use crate::types::ConsultationId;
use crate::types::UserId;
use crate::types::{Cin, ClientOrigin};
use crate::{AppContext, DomainError};

/// A published consultation's questions, as answers are checked against them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Questionnaire {
    consultation: ConsultationId,
    questions: Vec<QuestionSpec>,
}

/// Answers checked against the questionnaire of one consultation (only
/// [`Questionnaire::check`] makes them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedAnswers {
    consultation: ConsultationId,
    answers: Vec<(i32, Answer)>,
}

impl Questionnaire {
    /// The questions, in order.
    pub fn questions(&self) -> &[QuestionSpec] {
        &self.questions
    }

    /// Checks `inputs` against these questions (one error per question at fault).
    pub fn check(&self, inputs: &[AnswerInput]) -> Result<CheckedAnswers, Vec<AnswerError>> {
        parse_response(&self.questions, inputs).map(|answers| CheckedAnswers {
            consultation: self.consultation,
            answers,
        })
    }
}

/// The questionnaire of consultation `id`.
pub async fn load_questionnaire(
    ctx: &AppContext,
    id: ConsultationId,
) -> Result<Questionnaire, DomainError> {
    let questions = question::Entity::find()
        .filter(question::Column::ConsultationId.eq(id.0))
        .order_by_asc(question::Column::Position)
        .all(&ctx.db)
        .await?;
    let ids: Vec<i32> = questions.iter().map(|q| q.id).collect();
    let choices = choice::Entity::find()
        .filter(choice::Column::QuestionId.is_in(ids))
        .order_by_asc(choice::Column::QuestionId)
        .order_by_asc(choice::Column::Position)
        .all(&ctx.db)
        .await?;
    let mut specs = Vec::with_capacity(questions.len());
    for q in questions {
        let kind = match q.kind.as_str() {
            "single" => QuestionKind::Single,
            "multiple" => QuestionKind::Multiple {
                max: q
                    .max_choices
                    .and_then(|m| u8::try_from(m).ok())
                    .unwrap_or(u8::MAX),
            },
            "text" => QuestionKind::Text {
                max_chars: q
                    .max_chars
                    .and_then(|m| u16::try_from(m).ok())
                    .unwrap_or(super::questions::DEFAULT_TEXT_LIMIT),
            },
            "scale" => QuestionKind::Scale,
            "ranking" => QuestionKind::Ranking,
            other => {
                return Err(DomainError::Internal(format!(
                    "question {} has kind {other}",
                    q.id
                )));
            }
        };
        specs.push(QuestionSpec {
            id: q.id,
            kind,
            required: q.required,
            choices: choices
                .iter()
                .filter(|c| c.question_id == q.id)
                .map(|c| c.id)
                .collect(),
        });
    }
    Ok(Questionnaire {
        consultation: id,
        questions: specs,
    })
}

/// What the participant declares beside the answers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Declaration {
    /// They belong to the consultation's audience (needed unless it is for all residents).
    pub audience: bool,
    /// The code of their prefecture or province in the region, if they give it (needed when
    /// the consultation counts one response per person).
    pub province: Option<String>,
    /// They want the council's synthesis by email.
    pub notify: bool,
    /// Their CIN, when the consultation counts one response per person (only its keyed hash
    /// is kept).
    pub cin: Option<Cin>,
}

/// Records `answers` as `user`'s response (replacing an earlier one), while the consultation is
/// open: `Conflict("not_open")` otherwise, checked inside the transaction that writes it, so
/// that no answer is stored after the closing instant; `Conflict("no_questionnaire")` for a
/// consultation that asks no questions. A free-text answer keeps its token and its review when
/// its text is unchanged; a changed text is due for review again, and a hidden one stays
/// hidden until a reviewer looks at it again.
#[tracing::instrument(skip(ctx, origin, answers, declaration), fields(user = user.0))]
pub async fn answer_consultation(
    ctx: &AppContext,
    user: UserId,
    origin: &ClientOrigin,
    answers: CheckedAnswers,
    declaration: Declaration,
) -> Result<(), DomainError> {
    let id = answers.consultation;
    crate::rate_limits::hit_participation(
        ctx,
        crate::rate_limits::Participation::Answer,
        user.0,
        origin,
    )
    .await?;
    let txn = crate::db::begin_write(&ctx.db).await?;
    let mut find = consultation::Entity::find_by_id(id.0);
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        // Nothing may change the consultation while the answer is written.
        find = find.lock_shared();
    }
    let found = find.one(&txn).await?.ok_or(DomainError::NotFound)?;
    crate::blocks::ensure_not_blocked(&txn, user, found.region_id).await?;
    if !found.questionnaire {
        return Err(DomainError::Conflict("no_questionnaire"));
    }
    if !status_of(&found, ctx.clock.now())?.is_open() {
        return Err(DomainError::Conflict("not_open"));
    }
    if found.audience != "all" && !declaration.audience {
        return Err(DomainError::Validation {
            field: "audience",
            code: "audience_not_declared",
        });
    }
    // One response per person: the same keyed hash of the CIN as petitions, unique per
    // consultation; the province is then required too.
    let cin_key = match Verification::of(&found)? {
        Verification::Account => None,
        Verification::Cin => {
            let cin = declaration.cin.as_ref().ok_or(DomainError::Validation {
                field: "cin",
                code: "cin_missing",
            })?;
            if declaration.province.as_deref().is_none_or(str::is_empty) {
                return Err(DomainError::Validation {
                    field: "province",
                    code: "province_missing",
                });
            }
            Some(cin_key(ctx, id, cin))
        }
    };
    // One account per mailbox: an account that shared its mailbox with an older one before
    // the rule has none, and does not answer for it.
    if cin_key.is_none() {
        let account = crate::entities::user::Entity::find_by_id(user.0)
            .one(&txn)
            .await?
            .ok_or(DomainError::NotFound)?;
        if account.mailbox.is_none() {
            return Err(DomainError::Validation {
                field: "form",
                code: "mailbox_shared",
            });
        }
    }
    let province = match declaration.province.as_deref().filter(|p| !p.is_empty()) {
        Some(code) => Some(
            province::Entity::find()
                .filter(province::Column::Code.eq(code))
                .filter(province::Column::RegionId.eq(found.region_id))
                .one(&txn)
                .await?
                .ok_or(DomainError::Validation {
                    field: "province",
                    code: "province_not_in_region",
                })?
                .id,
        ),
        None => None,
    };
    let now = ctx.clock.now();
    // One response per account: the unique index decides. The upsert touches only `updated_at`
    // of an existing response (and locks it), so that what it said can be taken out of the
    // tallies before it is replaced.
    let stored = response::Entity::insert(response::ActiveModel {
        consultation_id: Set(id.0),
        user_id: Set(Some(user.0)),
        // Set below, with the rest, so that only the CIN's own unique index can refuse it.
        cin_key: Set(None),
        audience_declared: Set(declaration.audience),
        province_id: Set(province),
        notify: Set(declaration.notify),
        counted: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([response::Column::ConsultationId, response::Column::UserId])
            .update_columns([response::Column::UpdatedAt])
            .to_owned(),
    )
    .exec_with_returning(&txn)
    .await?;
    // A response stays the card's that gave it: changing the CIN on an edit would free it for
    // another account.
    if stored.cin_key.is_some() && stored.cin_key != cin_key {
        return Err(DomainError::Validation {
            field: "cin",
            code: "cin_differs",
        });
    }
    let before = answer::Entity::find()
        .filter(answer::Column::ResponseId.eq(stored.id))
        .all(&txn)
        .await?;
    let old = stored
        .counted
        .then(|| Counted::of_rows(stored.province_id, stored.audience_declared, &before));
    let new = Counted::of_answers(province, declaration.audience, &answers.answers);
    response::Entity::update_many()
        .set(response::ActiveModel {
            audience_declared: Set(declaration.audience),
            province_id: Set(province),
            notify: Set(declaration.notify),
            counted: Set(true),
            cin_key: Set(cin_key),
            ..Default::default()
        })
        .filter(response::Column::Id.eq(stored.id))
        .exec(&txn)
        .await
        .map_err(cin_taken)?;
    // Counted answers are replaced; texts are kept, changed or removed one by one.
    answer::Entity::delete_many()
        .filter(answer::Column::ResponseId.eq(stored.id))
        .filter(answer::Column::Text.is_null())
        .exec(&txn)
        .await?;
    let rows = answer_rows(stored.id, answers.answers, &before, &txn).await?;
    if !rows.is_empty() {
        answer::Entity::insert_many(rows).exec(&txn).await?;
    }
    let deltas = tallies::deltas(old.as_ref(), &new);
    tallies::apply(&txn, id, tallies::shard(), &deltas).await?;
    // The window once more, at the last moment: an answer begun before the closing instant and
    // finished after it is not stored.
    if !status_of(&found, ctx.clock.now())?.is_open() {
        return Err(DomainError::Conflict("not_open"));
    }
    txn.commit().await?;
    Ok(())
}

/// The keyed hash of `cin` for consultation `id`: one per person and consultation, and unlike
/// any other (a petition signature's, another consultation's), so that responses cannot be
/// joined with signatures or with one another. Leading zeros of the number do not count.
fn cin_key(ctx: &AppContext, id: ConsultationId, cin: &Cin) -> String {
    let number = cin.expose();
    let letters: String = number
        .chars()
        .take_while(char::is_ascii_uppercase)
        .collect();
    let digits = number[letters.len()..].trim_start_matches('0');
    ctx.keys
        .origin_hash("consultation_cin", &format!("{}:{letters}{digits}", id.0))
}

/// A unique violation when a response is written is another account's response with the same
/// CIN (the account's own is updated in place).
fn cin_taken(err: sea_orm::DbErr) -> DomainError {
    match DomainError::from(err) {
        DomainError::Conflict(_) => DomainError::Validation {
            field: "cin",
            code: "cin_already_answered",
        },
        other => other,
    }
}

/// A token for a new free-text answer: random, below 2^53 so that scripts read it exactly.
pub(crate) fn new_token() -> i64 {
    rand::random_range(1..(1_i64 << 53))
}

/// The rows to insert for `answers` of response `response`, after updating or removing its
/// free-text rows in `before` (an unchanged text is left as it is).
async fn answer_rows<C: ConnectionTrait>(
    response: i32,
    answers: Vec<(i32, Answer)>,
    before: &[answer::Model],
    txn: &C,
) -> Result<Vec<answer::ActiveModel>, DomainError> {
    let row = |question: i32| answer::ActiveModel {
        response_id: Set(response),
        question_id: Set(question),
        choice_id: Set(None),
        place: Set(None),
        value: Set(None),
        text: Set(None),
        hidden: Set(false),
        token: Set(None),
        review: Set(None),
        review_reason: Set(None),
        reviewed_by: Set(None),
        reviewed_at: Set(None),
        ..Default::default()
    };
    let mut texts_kept = Vec::new();
    let mut rows = Vec::new();
    for (question, given) in answers {
        match given {
            Answer::Single(choice) => rows.push(answer::ActiveModel {
                choice_id: Set(Some(choice)),
                ..row(question)
            }),
            Answer::Multiple(choices) => {
                rows.extend(choices.into_iter().map(|c| answer::ActiveModel {
                    choice_id: Set(Some(c)),
                    ..row(question)
                }))
            }
            Answer::Text(text) => {
                let earlier = before
                    .iter()
                    .find(|a| a.question_id == question && a.text.is_some());
                match earlier {
                    Some(earlier) => {
                        texts_kept.push(earlier.id);
                        if earlier.text.as_deref() != Some(text.as_str()) {
                            // Due for review again; a hidden text stays hidden meanwhile.
                            answer::Entity::update_many()
                                .set(answer::ActiveModel {
                                    text: Set(Some(text)),
                                    review: Set(None),
                                    review_reason: Set(earlier.review_reason.clone()),
                                    reviewed_by: Set(None),
                                    reviewed_at: Set(None),
                                    ..Default::default()
                                })
                                .filter(answer::Column::Id.eq(earlier.id))
                                .exec(txn)
                                .await?;
                        }
                    }
                    None => rows.push(answer::ActiveModel {
                        text: Set(Some(text)),
                        token: Set(Some(new_token())),
                        ..row(question)
                    }),
                }
            }
            Answer::Scale(point) => rows.push(answer::ActiveModel {
                value: Set(Some(i32::from(point))),
                ..row(question)
            }),
            Answer::Ranking(order) => {
                for (place, c) in order.into_iter().enumerate() {
                    rows.push(answer::ActiveModel {
                        choice_id: Set(Some(c)),
                        place: Set(Some(i32::try_from(place + 1).unwrap_or(i32::MAX))),
                        ..row(question)
                    });
                }
            }
        }
    }
    let dropped: Vec<i32> = before
        .iter()
        .filter(|a| a.text.is_some() && !texts_kept.contains(&a.id))
        .map(|a| a.id)
        .collect();
    if !dropped.is_empty() {
        answer::Entity::delete_many()
            .filter(answer::Column::Id.is_in(dropped))
            .exec(txn)
            .await?;
    }
    Ok(rows)
}

/// A participant's response as its form shows it again: the values of each question's fields
/// (choices in their order, rankings by place) and the declaration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MyResponse {
    pub answers: Vec<AnswerInput>,
    pub declaration: Declaration,
}

/// `user`'s response to consultation `id`, if they answered it.
pub async fn my_response(
    ctx: &AppContext,
    user: UserId,
    id: ConsultationId,
) -> Result<Option<MyResponse>, DomainError> {
    let Some(found) = response::Entity::find()
        .filter(response::Column::ConsultationId.eq(id.0))
        .filter(response::Column::UserId.eq(user.0))
        .one(&ctx.db)
        .await?
    else {
        return Ok(None);
    };
    let province = match found.province_id {
        Some(p) => province::Entity::find_by_id(p)
            .one(&ctx.db)
            .await?
            .map(|p| p.code),
        None => None,
    };
    let rows = answer::Entity::find()
        .filter(answer::Column::ResponseId.eq(found.id))
        .order_by_asc(answer::Column::QuestionId)
        .order_by_asc(answer::Column::Place)
        .order_by_asc(answer::Column::Id)
        .all(&ctx.db)
        .await?;
    let mut answers: Vec<AnswerInput> = Vec::new();
    for row in rows {
        let value = match (row.choice_id, row.value, row.text) {
            (Some(choice), _, _) => choice.to_string(),
            (None, Some(point), _) => point.to_string(),
            (None, None, Some(text)) => text,
            (None, None, None) => continue,
        };
        match answers.last_mut() {
            Some(last) if last.question == row.question_id => last.values.push(value),
            _ => answers.push(AnswerInput {
                question: row.question_id,
                values: vec![value],
            }),
        }
    }
    Ok(Some(MyResponse {
        answers,
        // The CIN is not kept: it is asked again on an edit.
        declaration: Declaration {
            audience: found.audience_declared,
            province,
            notify: found.notify,
            cin: None,
        },
    }))
}

//! A consultation's outcome: its results (for the region's council officers from publication:
//! the number of responses while it is open, every count once it closed; public once they publish
//! them, after the free-text answers were reviewed), then the council's synthesis. Counts are
//! aggregated by the database, per question; the arithmetic is `super::results`, what may be
//! shown `super::disclosure`.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, Statement,
};
use serde::Serialize;

use super::answering::load_questionnaire;
use super::builder::{officers_consultation, status_of};
use super::disclosure::{Detail, detail, hide_small_cells, suppress};
use super::drafts::Verification;
pub use super::exports::results_csv;
use super::lifecycle::{ConsultationStatus, Step, next_stored};
use super::questions::QuestionKind;
use super::results::{ChoiceShare, RankedChoice, ScaleResult, borda, choice_shares, scale_result};
use crate::audit::{self, AuditEvent};
use crate::entities::{answer, consultation};
use crate::roles::Actor;
use crate::types::ConsultationId;
use crate::{AppContext, DomainError};

/// The results of one question.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum QuestionResult {
    /// Single or multiple choice.
    Choices {
        respondents: u64,
        shares: Vec<ChoiceShare>,
    },
    Scale {
        result: ScaleResult,
    },
    /// By the Borda count, best first.
    Ranking {
        respondents: u64,
        ranked: Vec<RankedChoice>,
    },
    /// Free text: how many answered (the texts are listed apart, once reviewed).
    Text {
        respondents: u64,
    },
    /// Fewer people than the smallest cell answered this question: no counts are shown.
    Withheld,
}

/// A consultation's counts, all of them: for the checks of the tallies, never shown as they are.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultCounts {
    /// Responses in all.
    pub responses: u64,
    /// Responses whose participant declared belonging to the audience.
    pub declared: u64,
    /// Responses per prefecture or province given (`None`: not given).
    pub by_province: Vec<(Option<i32>, u64)>,
    /// Per question, in order.
    pub questions: Vec<(i32, QuestionResult)>,
}

/// A consultation's results as a reader may see them. Counts only: no participant is named in
/// them, and no cell is small enough to point at one (`super::disclosure`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConsultationResults {
    /// Responses in all (always shown).
    pub responses: u64,
    /// How much is shown besides.
    pub detail: Detail,
    /// The smallest cell shown.
    pub min_cell: u64,
    /// What one response stands for.
    pub verification: Verification,
    /// Responses whose participant declared belonging to the audience (`None`: hidden).
    pub declared: Option<u64>,
    /// Responses per prefecture or province given (`None` province: not given; `None` count:
    /// hidden).
    pub by_province: Vec<(Option<i32>, Option<u64>)>,
    /// Per question, in order.
    pub questions: Vec<(i32, QuestionResult)>,
}

impl ConsultationResults {
    /// `counts` as shown with `detail` and cells of at least `k`.
    fn disclose(counts: ResultCounts, detail: Detail, k: u64, verification: Verification) -> Self {
        let mut shown = Self {
            responses: counts.responses,
            detail,
            min_cell: k,
            verification,
            declared: None,
            by_province: Vec::new(),
            questions: Vec::new(),
        };
        if detail != Detail::Full {
            return shown;
        }
        let declared = [
            counts.declared,
            counts.responses - counts.declared.min(counts.responses),
        ];
        shown.declared = suppress(&declared, k)[0];
        let cells: Vec<u64> = counts.by_province.iter().map(|(_, n)| *n).collect();
        shown.by_province = counts
            .by_province
            .iter()
            .map(|(p, _)| *p)
            .zip(suppress(&cells, k))
            .collect();
        shown.questions = counts
            .questions
            .into_iter()
            .map(|(q, result)| {
                let respondents = match &result {
                    QuestionResult::Choices { respondents, .. }
                    | QuestionResult::Ranking { respondents, .. }
                    | QuestionResult::Text { respondents } => *respondents,
                    QuestionResult::Scale { result } => result.respondents,
                    QuestionResult::Withheld => 0,
                };
                // A text question's respondents are its published texts, listed anyway.
                let text = matches!(result, QuestionResult::Text { .. });
                if respondents < k && !text {
                    (q, QuestionResult::Withheld)
                } else {
                    (q, hide_small_cells(result, k))
                }
            })
            .collect();
        shown
    }
}

/// The results of consultation `id` as `viewer` may see them: council officers of its region
/// once it is published (the number of responses while it is open), everyone once its results
/// are (`NotFound` otherwise); small cells hidden. Read from the tallies kept at every answer
/// (a few hundred rows, whatever the number of responses).
pub async fn get_results(
    ctx: &AppContext,
    viewer: Option<&Actor>,
    id: ConsultationId,
) -> Result<ConsultationResults, DomainError> {
    let (found, status) = may_see_results(ctx, viewer, id).await?;
    let counts = counted(ctx, id).await?;
    let k = ctx.min_cell;
    let detail = detail(status.is_open(), counts.responses, k);
    let verification = Verification::of(&found)?;
    Ok(ConsultationResults::disclose(
        counts,
        detail,
        k,
        verification,
    ))
}

/// The counts of consultation `id` from its tallies, all of them: for a platform
/// administrator checking the tallies against [`recount_results`] (audit-logged when refused).
pub async fn tallied_results(
    ctx: &AppContext,
    by: &Actor,
    id: ConsultationId,
) -> Result<ResultCounts, DomainError> {
    checker(ctx, by, id, "tallied_results").await?;
    counted(ctx, id).await
}

/// `Forbidden` (audit-logged) unless `by` is a platform administrator.
async fn checker(
    ctx: &AppContext,
    by: &Actor,
    id: ConsultationId,
    operation: &'static str,
) -> Result<(), DomainError> {
    if by.is_admin() {
        return Ok(());
    }
    let target = serde_json::json!({ "consultation": id.0 });
    Err(crate::audit::denied(ctx, by.user.0, operation, None, target).await)
}

/// The counts of consultation `id` from its tallies.
async fn counted(ctx: &AppContext, id: ConsultationId) -> Result<ResultCounts, DomainError> {
    use super::tallies::{DECLARED, RESPONDENTS, RESPONSES, sums};
    let questionnaire = load_questionnaire(ctx, id).await?;
    let sums = sums(ctx, id).await?;
    let get = |key| sums.get(&key).copied().unwrap_or(0);
    let mut by_province: Vec<(Option<i32>, u64)> = sums
        .iter()
        .filter(|((q, item, _), _)| *q == 0 && *item == RESPONSES)
        .map(|((_, _, province), n)| ((*province != 0).then_some(*province), *n))
        .collect();
    by_province.sort_by_key(|(p, _)| (p.is_some(), *p));
    let mut questions = Vec::with_capacity(questionnaire.questions().len());
    for q in questionnaire.questions() {
        let respondents = get((q.id, RESPONDENTS, 0));
        let result = match q.kind {
            QuestionKind::Single | QuestionKind::Multiple { .. } => {
                let counts: Vec<(i32, u64)> =
                    q.choices.iter().map(|c| (*c, get((q.id, *c, 0)))).collect();
                QuestionResult::Choices {
                    respondents,
                    shares: choice_shares(&q.choices, &counts, respondents),
                }
            }
            QuestionKind::Scale => {
                let counts: Vec<(u8, u64)> = super::questions::SCALE
                    .map(|p| (p, get((q.id, i32::from(p), 0))))
                    .collect();
                QuestionResult::Scale {
                    result: scale_result(&counts),
                }
            }
            QuestionKind::Ranking => {
                let n = u32::try_from(q.choices.len()).unwrap_or(u32::MAX);
                let placed: Vec<(i32, u32, u64)> = q
                    .choices
                    .iter()
                    .flat_map(|c| (1..=n).map(move |place| (*c, place)))
                    .filter_map(|(c, place)| {
                        let count = get((q.id, c, i32::try_from(place).ok()?));
                        (count > 0).then_some((c, place, count))
                    })
                    .collect();
                QuestionResult::Ranking {
                    respondents,
                    ranked: borda(&q.choices, &placed),
                }
            }
            QuestionKind::Text { .. } => QuestionResult::Text { respondents },
        };
        questions.push((q.id, result));
    }
    Ok(ResultCounts {
        responses: by_province.iter().map(|(_, n)| n).sum(),
        declared: get((0, DECLARED, 0)),
        by_province,
        questions,
    })
}

/// The counts of consultation `id` from the answers themselves, as [`tallied_results`] gives
/// them from the tallies: slow at scale; for a platform administrator's checks (the tallies
/// must always equal it).
pub async fn recount_results(
    ctx: &AppContext,
    by: &Actor,
    id: ConsultationId,
) -> Result<ResultCounts, DomainError> {
    checker(ctx, by, id, "recount_results").await?;
    let questionnaire = load_questionnaire(ctx, id).await?;
    let responses = count(
        ctx,
        "SELECT COUNT(*) AS n FROM responses WHERE consultation_id = $1",
        id.0,
    )
    .await?;
    let declared = count(
        ctx,
        "SELECT COUNT(*) AS n FROM responses WHERE consultation_id = $1 AND audience_declared",
        id.0,
    )
    .await?;
    let by_province = by_province(ctx, id.0).await?;
    let mut questions = Vec::with_capacity(questionnaire.questions().len());
    for q in questionnaire.questions() {
        let respondents = count(
            ctx,
            "SELECT COUNT(DISTINCT response_id) AS n FROM answers WHERE question_id = $1",
            q.id,
        )
        .await?;
        let result = match q.kind {
            QuestionKind::Single | QuestionKind::Multiple { .. } => {
                let rows = grouped(
                    ctx,
                    "SELECT choice_id AS a, 0 AS b, COUNT(*) AS n FROM answers \
                     WHERE question_id = $1 GROUP BY choice_id",
                    q.id,
                )
                .await?;
                let counts: Vec<(i32, u64)> = rows.iter().map(|(c, _, n)| (*c, *n)).collect();
                QuestionResult::Choices {
                    respondents,
                    shares: choice_shares(&q.choices, &counts, respondents),
                }
            }
            QuestionKind::Scale => {
                let rows = grouped(
                    ctx,
                    "SELECT value AS a, 0 AS b, COUNT(*) AS n FROM answers \
                     WHERE question_id = $1 GROUP BY value",
                    q.id,
                )
                .await?;
                let counts: Vec<(u8, u64)> = rows
                    .iter()
                    .filter_map(|(v, _, n)| u8::try_from(*v).ok().map(|v| (v, *n)))
                    .collect();
                QuestionResult::Scale {
                    result: scale_result(&counts),
                }
            }
            QuestionKind::Ranking => {
                let rows = grouped(
                    ctx,
                    "SELECT choice_id AS a, place AS b, COUNT(*) AS n FROM answers \
                     WHERE question_id = $1 GROUP BY choice_id, place",
                    q.id,
                )
                .await?;
                let placed: Vec<(i32, u32, u64)> = rows
                    .iter()
                    .filter_map(|(c, p, n)| u32::try_from(*p).ok().map(|p| (*c, p, *n)))
                    .collect();
                QuestionResult::Ranking {
                    respondents,
                    ranked: borda(&q.choices, &placed),
                }
            }
            QuestionKind::Text { .. } => QuestionResult::Text { respondents },
        };
        questions.push((q.id, result));
    }
    Ok(ResultCounts {
        responses,
        declared,
        by_province,
        questions,
    })
}

/// Texts listed per page of [`list_text_answers`].
pub const TEXTS_PER_PAGE: u64 = 100;

/// The free-text answers to question `question` of consultation `id` kept by their review, in
/// the order of their tokens (random: neither the order nor the token follows submission), after
/// token `after`: `(token, text)`. Once the consultation closed, to whoever may see its results.
pub async fn list_text_answers(
    ctx: &AppContext,
    viewer: Option<&Actor>,
    id: ConsultationId,
    question: i32,
    after: Option<i64>,
) -> Result<Vec<(i64, String)>, DomainError> {
    let (_, status) = may_see_results(ctx, viewer, id).await?;
    let of_this = crate::entities::question::Entity::find_by_id(question)
        .one(&ctx.db)
        .await?
        .is_some_and(|q| q.consultation_id == id.0);
    if !of_this {
        return Err(DomainError::NotFound);
    }
    if status.is_open() {
        return Ok(Vec::new());
    }
    let rows = answer::Entity::find()
        .filter(answer::Column::QuestionId.eq(question))
        .filter(answer::Column::Hidden.eq(false))
        .filter(answer::Column::Review.eq("kept"))
        .filter(answer::Column::Token.gt(after.unwrap_or(0)))
        .order_by_asc(answer::Column::Token)
        .limit(TEXTS_PER_PAGE)
        .all(&ctx.db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|a| a.token.zip(a.text))
        .collect())
}

/// `NotFound` unless `viewer` may see the results of consultation `id`: council officers of its
/// region once it is published, everyone once its results are. The consultation and its status.
async fn may_see_results(
    ctx: &AppContext,
    viewer: Option<&Actor>,
    id: ConsultationId,
) -> Result<(consultation::Model, ConsultationStatus), DomainError> {
    let found = consultation::Entity::find_by_id(id.0)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let status = status_of(&found, ctx.clock.now())?;
    let officer = viewer.is_some_and(|v| v.is_officer_of(found.region_id));
    let public = matches!(
        status,
        ConsultationStatus::ResultsPublished | ConsultationStatus::SynthesisPublished
    );
    if public || officer && status.is_public() {
        Ok((found, status))
    } else {
        Err(DomainError::NotFound)
    }
}

/// Publishes the results of the closed consultation `id` once none of its free-text answers is
/// due for review (`Conflict("texts_unreviewed")`). Council officers of its region only;
/// audit-logged.
pub async fn publish_results(
    ctx: &AppContext,
    by: &Actor,
    id: ConsultationId,
) -> Result<(), DomainError> {
    step(ctx, by, id, Step::PublishResults, None).await
}

/// Publishes the council's synthesis (Markdown, 20 to 50,000 characters) of consultation `id`,
/// whose results are out. Council officers of its region only; audit-logged.
pub async fn publish_synthesis(
    ctx: &AppContext,
    by: &Actor,
    id: ConsultationId,
    synthesis: &str,
) -> Result<(), DomainError> {
    let text = synthesis.trim().replace("\r\n", "\n");
    let n = text.chars().count();
    if n < 20 {
        return Err(DomainError::Validation {
            field: "synthesis",
            code: "text_too_short",
        });
    }
    if n > 50_000 {
        return Err(DomainError::Validation {
            field: "synthesis",
            code: "text_too_long",
        });
    }
    step(ctx, by, id, Step::PublishSynthesis, Some(text)).await
}

async fn step(
    ctx: &AppContext,
    by: &Actor,
    id: ConsultationId,
    step: Step,
    synthesis: Option<String>,
) -> Result<(), DomainError> {
    let found = officers_consultation(ctx, by, id).await?;
    let now = ctx.clock.now();
    let to = next_stored(status_of(&found, now)?, step)?;
    let mut changes = consultation::ActiveModel {
        status: Set(to.as_str().to_owned()),
        updated_at: Set(now),
        ..Default::default()
    };
    let action = match step {
        Step::PublishSynthesis => {
            changes.synthesis = Set(synthesis);
            changes.synthesis_published_at = Set(Some(now));
            "consultation_synthesis_published"
        }
        _ => {
            changes.results_published_at = Set(Some(now));
            "consultation_results_published"
        }
    };
    let txn = crate::db::begin_write(&ctx.db).await?;
    if step == Step::PublishResults && super::review::due_texts(&txn, id).await? > 0 {
        return Err(DomainError::Conflict("texts_unreviewed"));
    }
    let updated = consultation::Entity::update_many()
        .set(changes)
        .filter(consultation::Column::Id.eq(id.0))
        .filter(consultation::Column::Status.eq(found.status.as_str()))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(DomainError::Conflict("consultation_changed"));
    }
    audit::record(
        ctx,
        &txn,
        AuditEvent {
            actor_user_id: Some(by.user.0),
            action,
            subject_user_id: None,
            region_id: Some(found.region_id),
            detail: serde_json::json!({ "consultation": found.id }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// `sql` (written with `$1`) for this database.
fn statement(ctx: &AppContext, sql: &str, value: i32) -> Statement {
    let backend = ctx.db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => sql.to_owned(),
        _ => sql.replace("$1", "?"),
    };
    Statement::from_sql_and_values(backend, sql, [value.into()])
}

async fn count(ctx: &AppContext, sql: &str, value: i32) -> Result<u64, DomainError> {
    let row = ctx.db.query_one_raw(statement(ctx, sql, value)).await?;
    let n: i64 = match row {
        Some(row) => row.try_get("", "n")?,
        None => 0,
    };
    Ok(u64::try_from(n).unwrap_or_default())
}

/// Responses per province given (`None` first: not given).
async fn by_province(ctx: &AppContext, id: i32) -> Result<Vec<(Option<i32>, u64)>, DomainError> {
    let rows = ctx
        .db
        .query_all_raw(statement(
            ctx,
            "SELECT province_id AS p, COUNT(*) AS n FROM responses WHERE consultation_id = $1 \
             GROUP BY province_id ORDER BY province_id",
            id,
        ))
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let p: Option<i32> = row.try_get("", "p")?;
        let n: i64 = row.try_get("", "n")?;
        out.push((p, u64::try_from(n).unwrap_or_default()));
    }
    out.sort_by_key(|(p, _)| p.is_some());
    Ok(out)
}

/// Rows `(a, b, n)` of a grouped count (NULL groups left out).
async fn grouped(
    ctx: &AppContext,
    sql: &str,
    value: i32,
) -> Result<Vec<(i32, i32, u64)>, DomainError> {
    let rows = ctx.db.query_all_raw(statement(ctx, sql, value)).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let a: Option<i32> = row.try_get("", "a")?;
        let b: Option<i32> = row.try_get("", "b")?;
        let n: i64 = row.try_get("", "n")?;
        if let (Some(a), Some(b)) = (a, b) {
            out.push((a, b, u64::try_from(n).unwrap_or_default()));
        }
    }
    Ok(out)
}

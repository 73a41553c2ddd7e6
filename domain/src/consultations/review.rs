//! The review of free-text answers before a consultation's results are published: the region's
//! council officers or moderators keep each text or hide it with a reason, once the
//! consultation closed (while it is open, a text appearing in the queue would tell a reviewer
//! what the person who just answered wrote). Publishing the results waits until no text is due.
//! Texts that look like they carry a phone number, a CIN or an email address are flagged for
//! the reviewer (`hints`).

use std::sync::LazyLock;

use regex::Regex;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};

use super::builder::status_of;
use super::lifecycle::ConsultationStatus;
use super::reports::REPORT_REASONS;
use crate::audit::{self, AuditEvent};
use crate::entities::{answer, consultation, question};
use crate::roles::Actor;
use crate::types::ConsultationId;
use crate::{AppContext, DomainError};

/// What a text seems to carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hint {
    Phone,
    Cin,
    Email,
}

impl Hint {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Phone => "phone",
            Self::Cin => "cin",
            Self::Email => "email",
        }
    }
}

static EMAIL: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"[^\s@<>()]+@[^\s@<>()]+\.[A-Za-z]{2,}").ok());
/// A Moroccan number: +212 / 00212 then 9 digits, or 0 then 9 digits (mobiles and fixed lines
/// start 5 to 8), digits possibly grouped by spaces, dots or dashes.
static PHONE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?:(?:\+|\b00)\s?212[\s.\-]?(?:\(0\)[\s.\-]?)?|\b0)[5-8](?:[\s.\-]?\d){8}\b").ok()
});
/// A CIN: one or two Latin letters then 5 or 6 digits (`AB123456`, `J-98765`), not inside a word.
static CIN: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?i)\b[a-z]{1,2}[\-]?\d{5,6}\b").ok());

/// What `text` seems to carry: a phone number, a CIN, an email address (Arabic-Indic digits
/// read as digits). A hint for a reviewer, not a verdict.
pub fn personal_data_hints(text: &str) -> Vec<Hint> {
    let digits: String = text
        .chars()
        .map(|c| match c {
            '\u{660}'..='\u{669}' => char::from(b'0' + (c as u32 - 0x660) as u8),
            '\u{6f0}'..='\u{6f9}' => char::from(b'0' + (c as u32 - 0x6f0) as u8),
            _ => c,
        })
        .collect();
    let found =
        |pattern: &LazyLock<Option<Regex>>| pattern.as_ref().is_some_and(|re| re.is_match(&digits));
    [
        (&PHONE, Hint::Phone),
        (&CIN, Hint::Cin),
        (&EMAIL, Hint::Email),
    ]
    .into_iter()
    .filter(|(pattern, _)| found(pattern))
    .map(|(_, hint)| hint)
    .collect()
}

/// A reviewer's decision on a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Keep,
    /// Hidden, for one of the report reasons.
    Hide(&'static str),
}

impl Decision {
    /// `keep`, or `hide` with a reason of [`REPORT_REASONS`].
    pub fn parse(decision: &str, reason: &str) -> Result<Self, DomainError> {
        match decision {
            "keep" => Ok(Self::Keep),
            "hide" => REPORT_REASONS
                .into_iter()
                .find(|r| *r == reason.trim())
                .map(Self::Hide)
                .ok_or(DomainError::Validation {
                    field: "reason",
                    code: "reason_missing",
                }),
            _ => Err(DomainError::Validation {
                field: "decision",
                code: "decision_invalid",
            }),
        }
    }
}

/// A text as its reviewer sees it (never its author).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextForReview {
    pub token: i64,
    pub question: i32,
    pub text: String,
    /// `None` while due, else `kept` or `hidden`.
    pub review: Option<String>,
    pub reason: Option<String>,
    pub hints: Vec<Hint>,
}

/// One page of the texts to review and where the review stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReviewPage {
    pub texts: Vec<TextForReview>,
    /// The token to continue after, when there are more.
    pub more_after: Option<i64>,
    pub due: u64,
    pub kept: u64,
    pub hidden: u64,
    /// Decisions may still be taken (the results are not published).
    pub open: bool,
}

/// Texts per page of the review.
pub const REVIEW_PAGE: u64 = 50;

/// Whether `by` reviews texts of region `region_id`: its council officers and moderators.
fn is_reviewer(by: &Actor, region_id: i32) -> bool {
    by.is_officer_of(region_id) || by.is_moderator_of(region_id)
}

/// Whether a consultation standing at `status` has closed (its texts may be reviewed).
fn has_closed(status: ConsultationStatus) -> bool {
    matches!(
        status,
        ConsultationStatus::Closed
            | ConsultationStatus::ResultsPublished
            | ConsultationStatus::SynthesisPublished
    )
}

/// Whether `by` has texts of a consultation of region `region_id`, standing at `status`, to
/// review now: a reviewer of the region, the consultation closed, its results not published.
pub fn reviews_now(by: Option<&Actor>, region_id: i32, status: ConsultationStatus) -> bool {
    by.is_some_and(|by| is_reviewer(by, region_id)) && status == ConsultationStatus::Closed
}

/// The consultation `id` for the review by `by`: a council officer or moderator of its region
/// (audit-logged when refused), once it closed (`Conflict("not_closed")`).
async fn reviewable(
    ctx: &AppContext,
    by: &Actor,
    id: ConsultationId,
    operation: &'static str,
) -> Result<(consultation::Model, Vec<i32>), DomainError> {
    let found = consultation::Entity::find_by_id(id.0)
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    if !is_reviewer(by, found.region_id) {
        let target = serde_json::json!({ "consultation": found.id });
        return Err(
            crate::audit::denied(ctx, by.user.0, operation, Some(found.region_id), target).await,
        );
    }
    if !has_closed(status_of(&found, ctx.clock.now())?) {
        return Err(DomainError::Conflict("not_closed"));
    }
    let questions = text_questions(&ctx.db, id).await?;
    Ok((found, questions))
}

/// The ids of consultation `id`'s free-text questions.
async fn text_questions<C: ConnectionTrait>(
    db: &C,
    id: ConsultationId,
) -> Result<Vec<i32>, DomainError> {
    Ok(question::Entity::find()
        .filter(question::Column::ConsultationId.eq(id.0))
        .filter(question::Column::Kind.eq("text"))
        .all(db)
        .await?
        .into_iter()
        .map(|q| q.id)
        .collect())
}

/// How many texts of consultation `id` are due for review.
pub(crate) async fn due_texts<C: ConnectionTrait>(
    db: &C,
    id: ConsultationId,
) -> Result<u64, DomainError> {
    let questions = text_questions(db, id).await?;
    if questions.is_empty() {
        return Ok(0);
    }
    let n: Option<i64> = answer::Entity::find()
        .select_only()
        .column_as(answer::Column::Id.count(), "n")
        .filter(answer::Column::QuestionId.is_in(questions))
        .filter(answer::Column::Text.is_not_null())
        .filter(answer::Column::Review.is_null())
        .into_tuple()
        .one(db)
        .await?;
    Ok(n.and_then(|n| u64::try_from(n).ok()).unwrap_or(0))
}

/// A page of consultation `id`'s texts for review (only those due when `due_only`), in token
/// order after `after`, with the counts of the review.
pub async fn list_texts_for_review(
    ctx: &AppContext,
    by: &Actor,
    id: ConsultationId,
    due_only: bool,
    after: Option<i64>,
) -> Result<ReviewPage, DomainError> {
    let (found, questions) = reviewable(ctx, by, id, "list_texts_for_review").await?;
    let mut page = ReviewPage {
        open: found.results_published_at.is_none(),
        ..ReviewPage::default()
    };
    if questions.is_empty() {
        return Ok(page);
    }
    let counts: Vec<(Option<String>, i64)> = answer::Entity::find()
        .select_only()
        .column(answer::Column::Review)
        .column_as(answer::Column::Id.count(), "n")
        .filter(answer::Column::QuestionId.is_in(questions.clone()))
        .filter(answer::Column::Text.is_not_null())
        .group_by(answer::Column::Review)
        .into_tuple()
        .all(&ctx.db)
        .await?;
    for (review, n) in counts {
        let n = u64::try_from(n).unwrap_or(0);
        match review.as_deref() {
            None => page.due += n,
            Some("kept") => page.kept += n,
            Some(_) => page.hidden += n,
        }
    }
    let mut find = answer::Entity::find()
        .filter(answer::Column::QuestionId.is_in(questions))
        .filter(answer::Column::Text.is_not_null())
        .filter(answer::Column::Token.gt(after.unwrap_or(0)));
    if due_only {
        find = find.filter(answer::Column::Review.is_null());
    }
    let rows = find
        .order_by_asc(answer::Column::Token)
        .limit(REVIEW_PAGE + 1)
        .all(&ctx.db)
        .await?;
    let more = rows.len() > usize::try_from(REVIEW_PAGE).unwrap_or(usize::MAX);
    page.texts = rows
        .into_iter()
        .take(usize::try_from(REVIEW_PAGE).unwrap_or(usize::MAX))
        .filter_map(|a| {
            let (token, text) = a.token.zip(a.text)?;
            Some(TextForReview {
                token,
                question: a.question_id,
                hints: personal_data_hints(&text),
                text,
                review: a.review,
                reason: a.review_reason,
            })
        })
        .collect();
    if more {
        page.more_after = page.texts.last().map(|t| t.token);
    }
    Ok(page)
}

/// `by` keeps or hides the text `token` of consultation `id` (again: a later decision replaces
/// an earlier one, until the results are published). Audit-logged, without the text.
pub async fn review_text(
    ctx: &AppContext,
    by: &Actor,
    id: ConsultationId,
    token: i64,
    decision: Decision,
) -> Result<(), DomainError> {
    let (found, questions) = reviewable(ctx, by, id, "review_text").await?;
    if found.results_published_at.is_some() {
        return Err(DomainError::Conflict("results_published"));
    }
    let text = answer::Entity::find()
        .filter(answer::Column::Token.eq(token))
        .filter(answer::Column::QuestionId.is_in(questions))
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    let now = ctx.clock.now();
    let (review, reason, hidden) = match decision {
        Decision::Keep => ("kept", None, false),
        Decision::Hide(reason) => ("hidden", Some(reason.to_owned()), true),
    };
    let txn = crate::db::begin_write(&ctx.db).await?;
    // Once more inside the transaction: a decision never lands after the results are out.
    let mut find = consultation::Entity::find_by_id(found.id);
    if txn.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        find = find.lock_exclusive();
    }
    let now_stored = find.one(&txn).await?.ok_or(DomainError::NotFound)?;
    if now_stored.results_published_at.is_some() {
        return Err(DomainError::Conflict("results_published"));
    }
    answer::Entity::update_many()
        .set(answer::ActiveModel {
            hidden: Set(hidden),
            review: Set(Some(review.to_owned())),
            review_reason: Set(reason.clone()),
            reviewed_by: Set(Some(by.user.0)),
            reviewed_at: Set(Some(now)),
            ..Default::default()
        })
        .filter(answer::Column::Id.eq(text.id))
        .exec(&txn)
        .await?;
    audit::record(
        ctx,
        &txn,
        AuditEvent {
            actor_user_id: Some(by.user.0),
            action: if hidden { "text_hidden" } else { "text_kept" },
            subject_user_id: None,
            region_id: Some(found.region_id),
            detail: serde_json::json!({ "consultation": found.id, "token": token, "reason": reason }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_cins_and_addresses_are_flagged() {
        let hints = |t: &str| personal_data_hints(t);
        assert_eq!(hints("Appelez-moi au 06 12 34 56 78"), [Hint::Phone]);
        assert_eq!(hints("رقمي ٠٦١٢٣٤٥٦٧٨"), [Hint::Phone]);
        assert_eq!(hints("+212 6-12-34-56-78 le soir"), [Hint::Phone]);
        assert_eq!(hints("00212612345678"), [Hint::Phone]);
        assert_eq!(hints("ma CIN est AB123456"), [Hint::Cin]);
        assert_eq!(hints("carte j-98765"), [Hint::Cin]);
        assert_eq!(hints("écrivez à amina.tazi@example.ma"), [Hint::Email]);
        assert_eq!(
            hints("AB123456, amina@example.ma, 0522-12-34-56"),
            [Hint::Phone, Hint::Cin, Hint::Email]
        );
    }

    #[test]
    fn ordinary_texts_are_not_flagged() {
        for text in [
            "Plus de bus entre Agadir et Taroudant en 2027, et 30 000 emplois.",
            "الماء أولوية: 12 مليون درهم للسدود سنة 2028",
            "Route RN10 et RP1705 à refaire",
            "Budget 2028-2033 : 1 200 000 000 MAD",
            "ⵜⴰⵎⵙⵙⵓⵔⵜ ⵉⴼⵓⵍⴽⵉⵏ",
        ] {
            assert_eq!(personal_data_hints(text), [], "{text}");
        }
    }

    #[test]
    fn a_hidden_text_needs_a_reason() {
        assert!(matches!(Decision::parse("keep", ""), Ok(Decision::Keep)));
        assert!(matches!(
            Decision::parse("hide", "personal_data"),
            Ok(Decision::Hide("personal_data"))
        ));
        assert!(Decision::parse("hide", "").is_err());
        assert!(Decision::parse("publish", "").is_err());
    }
}

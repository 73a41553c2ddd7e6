//! The public moderation log of each region: every rejection of a petition, every item hidden
//! (on a report or in the review of free-text answers) and every item restored, with when and
//! the reason code, written in the decision's transaction. It never names a person and never
//! holds the hidden text: anyone may read it.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::entities::{moderation_log, region};
use crate::types::{PageNumber, RegionSlug};
use crate::{AppContext, DomainError};

/// Why an item (a petition, a contribution) may be reported, and hidden.
pub const REPORT_REASONS: [&str; 4] = [
    "offensive_or_defamatory",
    "personal_data",
    "advertising",
    "off_topic",
];

/// Why a hidden item is shown again.
pub const RESTORE_REASONS: [&str; 2] = ["moderation_error", "appeal_upheld"];

/// The reason code of `list` written as `input` (trimmed), or `Validation("reason", code)`.
pub fn reason_of(
    list: &[&'static str],
    input: &str,
    code: &'static str,
) -> Result<&'static str, DomainError> {
    list.iter()
        .copied()
        .find(|r| *r == input.trim())
        .ok_or(DomainError::Validation {
            field: "reason",
            code,
        })
}

/// Lines per page of the log.
pub const LOG_PAGE: u64 = 50;

/// What a moderator did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogAction {
    Rejected,
    Hidden,
    Restored,
}

impl LogAction {
    /// The stored (and wire) name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Rejected => "rejected",
            Self::Hidden => "hidden",
            Self::Restored => "restored",
        }
    }
}

/// What it was done to, by its public id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogSubject {
    Petition(i32),
    Proposal { consultation: i32, id: i32 },
    Comment { consultation: i32, id: i32 },
    Answer { consultation: i32, token: i64 },
}

impl LogSubject {
    fn parts(self) -> (&'static str, i64, Option<i32>) {
        match self {
            Self::Petition(id) => ("petition", i64::from(id), None),
            Self::Proposal { consultation, id } => ("proposal", i64::from(id), Some(consultation)),
            Self::Comment { consultation, id } => ("comment", i64::from(id), Some(consultation)),
            Self::Answer {
                consultation,
                token,
            } => ("answer", token, Some(consultation)),
        }
    }
}

/// Writes a line of `region_id`'s log, on `db` (the decision's transaction).
pub async fn record<C: ConnectionTrait>(
    db: &C,
    at: DateTime<Utc>,
    region_id: i32,
    action: LogAction,
    subject: LogSubject,
    reason: Option<&str>,
) -> Result<(), DomainError> {
    let (kind, id, consultation) = subject.parts();
    moderation_log::Entity::insert(moderation_log::ActiveModel {
        region_id: Set(region_id),
        at: Set(at),
        action: Set(action.as_str().to_owned()),
        kind: Set(kind.to_owned()),
        subject: Set(id),
        consultation_id: Set(consultation),
        reason: Set(reason.map(str::to_owned)),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// A line of the log as anyone reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogLine {
    pub at: DateTime<Utc>,
    /// `rejected`, `hidden` or `restored`.
    pub action: String,
    /// `petition`, `proposal`, `comment` or `answer`.
    pub kind: String,
    /// A petition's id (its page says what may be said of it).
    pub petition: Option<i32>,
    /// The consultation of a proposal, comment or answer.
    pub consultation: Option<i32>,
    pub reason: Option<String>,
}

/// One page of a region's log, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogPage {
    pub lines: Vec<LogLine>,
    /// From 1.
    pub page: u64,
    pub pages: u64,
}

/// Page `page` (from 1; brought within range) of `region`'s moderation log. Public.
pub async fn moderation_log(
    ctx: &AppContext,
    region: &RegionSlug,
    page: u64,
) -> Result<LogPage, DomainError> {
    let region_id = region::Entity::find()
        .filter(region::Column::Slug.eq(region.as_str()))
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?
        .id;
    let query =
        moderation_log::Entity::find().filter(moderation_log::Column::RegionId.eq(region_id));
    let total = query.clone().count(&ctx.db).await?;
    let PageNumber {
        page,
        pages,
        offset,
    } = PageNumber::of(page, total, LOG_PAGE);
    let rows = query
        .order_by_desc(moderation_log::Column::Id)
        .offset(offset)
        .limit(LOG_PAGE)
        .all(&ctx.db)
        .await?;
    Ok(LogPage {
        lines: rows
            .into_iter()
            .map(|r| LogLine {
                at: r.at,
                petition: (r.kind == "petition")
                    .then(|| i32::try_from(r.subject).ok())
                    .flatten(),
                action: r.action,
                kind: r.kind,
                consultation: r.consultation_id,
                reason: r.reason,
            })
            .collect(),
        page,
        pages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_logged_by_its_token_never_its_row() {
        let (kind, id, consultation) = LogSubject::Answer {
            consultation: 4,
            token: -77,
        }
        .parts();
        assert_eq!((kind, id, consultation), ("answer", -77, Some(4)));
        assert_eq!(LogSubject::Petition(9).parts(), ("petition", 9, None));
    }
}

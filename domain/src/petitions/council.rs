//! The council's side: its officers (of the petition's region only) record the bureau's review
//! and decision, the sitting, and the council's answer. Each step is on the public timeline, in
//! the audit log, and emailed to the representative and the signers who asked for news.

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use super::filing::insert_attachments;
use super::input::NewAttachment;
use super::lifecycle::{PetitionStatus, Step};
use super::{advance, load};
use crate::audit::{self, AuditEvent};
use crate::entities::{petition, petition_event, petition_mailing, region_setting};
use crate::roles::Actor;
use crate::types::{Lang, PetitionId};
use crate::{AppContext, DomainError};

/// Longest reasons or answer, in characters.
pub const MAX_DECISION_CHARS: usize = 10_000;

/// A council step's note as `lang` reads it. The note keeps the sitting's day (`YYYY-MM-DD`) and
/// the session's month (`committee — YYYY-MM`) as typed; they are written here in words.
pub fn written_note(step: &str, note: &str, lang: Lang) -> String {
    if step == Step::Schedule.as_str()
        && let Ok(day) = NaiveDate::parse_from_str(note.trim(), "%Y-%m-%d")
    {
        return crate::dates::day(day, lang);
    }
    if step == Step::DecideAdmissible.as_str()
        && let Some((committee, session)) = note.rsplit_once(" — ")
    {
        return format!("{committee} — {}", written_session(session, lang));
    }
    note.to_owned()
}

/// The session's month (`YYYY-MM`) as `lang` writes it.
pub fn written_session(session: &str, lang: Lang) -> String {
    NaiveDate::parse_from_str(&format!("{}-01", session.trim()), "%Y-%m-%d").map_or_else(
        |_| session.to_owned(),
        |first| crate::dates::month(first, lang),
    )
}

/// A step the council's officer records, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CouncilDecision {
    /// The bureau starts examining the petition.
    StartReview,
    /// Admissible: studied by `committee`, deliberated at the ordinary session `session`
    /// (`YYYY-MM`).
    Admissible { committee: String, session: String },
    /// Inadmissible, for `reasons`.
    Inadmissible { reasons: String },
    /// On the agenda of the sitting of `sitting_on`.
    Schedule { sitting_on: NaiveDate },
    /// The council's deliberation and answer.
    Answer { text: String },
}

/// The council form as received.
#[derive(Debug, Clone, Default)]
pub struct CouncilForm {
    pub decision: String,
    pub committee: String,
    pub session: String,
    pub reasons: String,
    pub sitting_on: String,
    pub answer: String,
}

fn invalid(field: &'static str, code: &'static str) -> DomainError {
    DomainError::Validation { field, code }
}

fn text(field: &'static str, input: &str, max: usize) -> Result<String, DomainError> {
    let value = input.trim().replace("\r\n", "\n");
    match value.chars().count() {
        0 => Err(invalid(field, "text_missing")),
        n if n > max => Err(invalid(field, "text_too_long")),
        _ => Ok(value),
    }
}

impl CouncilDecision {
    /// Parses the form. `session_months` are the months of the region's ordinary sessions.
    pub fn parse(form: &CouncilForm, session_months: &[u8]) -> Result<Self, DomainError> {
        match form.decision.as_str() {
            "start_review" => Ok(Self::StartReview),
            "admissible" => {
                let committee = text("committee", &form.committee, 200)?;
                let session =
                    NaiveDate::parse_from_str(&format!("{}-01", form.session.trim()), "%Y-%m-%d")
                        .map(|d| d.format("%Y-%m").to_string())
                        .map_err(|_| invalid("session", "session_invalid"))?;
                if session_allowed(&session, session_months) {
                    Ok(Self::Admissible { committee, session })
                } else {
                    Err(invalid("session", "session_invalid"))
                }
            }
            "inadmissible" => Ok(Self::Inadmissible {
                reasons: text("reasons", &form.reasons, MAX_DECISION_CHARS)?,
            }),
            "schedule" => NaiveDate::parse_from_str(form.sitting_on.trim(), "%Y-%m-%d")
                .map(|sitting_on| Self::Schedule { sitting_on })
                .map_err(|_| invalid("sitting_on", "date_invalid")),
            "answer" => Ok(Self::Answer {
                text: text("answer", &form.answer, MAX_DECISION_CHARS)?,
            }),
            _ => Err(invalid("decision", "decision_invalid")),
        }
    }

    fn step(&self) -> Step {
        match self {
            Self::StartReview => Step::StartReview,
            Self::Admissible { .. } => Step::DecideAdmissible,
            Self::Inadmissible { .. } => Step::DecideInadmissible,
            Self::Schedule { .. } => Step::Schedule,
            Self::Answer { .. } => Step::Answer,
        }
    }
}

/// The first ordinary session after a decision on `decided_on`: the first of `session_months` in
/// a later month (next year's first when none is left this year), `YYYY-MM`; `None` without
/// session months. A decision on 2027-04-10 goes to July 2027, on 2027-11-02 to March 2028
/// (sessions in March, July and October).
pub fn next_session(decided_on: NaiveDate, session_months: &[u8]) -> Option<String> {
    use chrono::Datelike;
    let month = decided_on.month();
    let mut months: Vec<u32> = session_months.iter().map(|m| u32::from(*m)).collect();
    months.sort_unstable();
    let (year, next) = match months.iter().find(|m| **m > month) {
        Some(m) => (decided_on.year(), *m),
        None => (decided_on.year() + 1, *months.first()?),
    };
    Some(format!("{year:04}-{next:02}"))
}

/// Whether `session` (`YYYY-MM`) is in one of `session_months`.
fn session_allowed(session: &str, session_months: &[u8]) -> bool {
    NaiveDate::parse_from_str(&format!("{session}-01"), "%Y-%m-%d")
        .ok()
        .map(|d| chrono::Datelike::month(&d))
        .is_some_and(|m| session_months.iter().any(|s| u32::from(*s) == m))
}

/// Records `decision` on petition `id`, with an optional `document` (the answer's). Only a
/// council officer of the petition's region may, and not on a petition they represent; an
/// admissibility names one of the sessions of the petition's region, the next after the decision
/// or a later one. Refusals are audit-logged.
#[tracing::instrument(skip(ctx, by, decision, document), fields(by = by.user.0))]
pub async fn record_council_step(
    ctx: &AppContext,
    by: &Actor,
    id: PetitionId,
    decision: CouncilDecision,
    document: Option<NewAttachment>,
) -> Result<PetitionStatus, DomainError> {
    let p = load(&ctx.db, id).await?;
    if !by.is_officer_of(p.region_id) || p.representative_id == Some(by.user.0) {
        let target = serde_json::json!({ "petition": p.id });
        return Err(audit::denied(
            ctx,
            by.user.0,
            "record_council_step",
            Some(p.region_id),
            target,
        )
        .await);
    }
    if let CouncilDecision::Admissible { session, .. } = &decision {
        let settings = region_setting::Entity::find_by_id(p.region_id)
            .one(&ctx.db)
            .await?
            .ok_or_else(|| {
                DomainError::Internal(format!("region {} has no settings", p.region_id))
            })?;
        let months = crate::regions::views::session_months(&settings);
        if !session_allowed(session, &months) {
            return Err(invalid("session", "session_invalid"));
        }
        // Never a session before the next one after today's decision (`YYYY-MM` sort as dates).
        let today = ctx
            .clock
            .now()
            .with_timezone(&chrono_tz::Africa::Casablanca)
            .date_naive();
        if next_session(today, &months).is_some_and(|earliest| session.as_str() < earliest.as_str())
        {
            return Err(invalid("session", "session_past"));
        }
    }
    let now = ctx.clock.now();
    let mut changes = <petition::ActiveModel as Default>::default();
    let note = match &decision {
        CouncilDecision::StartReview => None,
        CouncilDecision::Admissible { committee, session } => {
            changes.committee = Set(Some(committee.clone()));
            changes.session = Set(Some(session.clone()));
            changes.decided_at = Set(Some(now));
            Some(format!("{committee} — {session}"))
        }
        CouncilDecision::Inadmissible { reasons } => {
            changes.decision_text = Set(Some(reasons.clone()));
            changes.decided_at = Set(Some(now));
            Some(reasons.clone())
        }
        CouncilDecision::Schedule { sitting_on } => {
            changes.sitting_on = Set(Some(*sitting_on));
            Some(sitting_on.format("%Y-%m-%d").to_string())
        }
        CouncilDecision::Answer { text } => {
            changes.answer_text = Set(Some(text.clone()));
            changes.answered_at = Set(Some(now));
            Some(text.clone())
        }
    };
    let step = decision.step();
    let txn = crate::db::begin_write(&ctx.db).await?;
    let status = advance(
        &txn,
        now,
        &p,
        step,
        Some(by.user),
        (None, note.as_deref()),
        changes,
    )
    .await?;
    insert_attachments(&txn, now, id, document.into_iter().collect()).await?;
    audit::record(
        ctx,
        &txn,
        AuditEvent {
            actor_user_id: Some(by.user.0),
            action: match step {
                Step::StartReview => "petition_review_started",
                Step::DecideAdmissible => "petition_decided_admissible",
                Step::DecideInadmissible => "petition_decided_inadmissible",
                Step::Schedule => "petition_scheduled",
                _ => "petition_answered",
            },
            subject_user_id: p.representative_id,
            region_id: Some(p.region_id),
            detail: serde_json::json!({ "petition": p.id }),
        },
    )
    .await?;
    // The news goes out in batches (a petition may have a million signers).
    let event = petition_event::Entity::find()
        .filter(sea_orm::ColumnTrait::eq(
            &petition_event::Column::PetitionId,
            p.id,
        ))
        .order_by_desc(petition_event::Column::Id)
        .one(&txn)
        .await?
        .ok_or_else(|| DomainError::Internal("the step was not recorded".into()))?;
    petition_mailing::ActiveModel {
        petition_id: Set(p.id),
        event_id: Set(event.id),
        after_signature_id: Set(0),
        done_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn notes_of_the_sitting_and_the_session_are_written_in_words() {
        assert_eq!(
            written_note("scheduled", "2027-04-15", Lang::Fr),
            "15 avril 2027"
        );
        assert_eq!(
            written_note("scheduled", "2027-04-15", Lang::Ar),
            "15 أبريل 2027"
        );
        assert_eq!(
            written_note(
                "decided_admissible",
                "Commission des transports — 2027-03",
                Lang::Fr
            ),
            "Commission des transports — mars 2027"
        );
        assert_eq!(
            written_note("answered", "2027-04-15", Lang::Fr),
            "2027-04-15"
        );
        assert_eq!(written_note("scheduled", "bientôt", Lang::Fr), "bientôt");
        assert_eq!(written_session("2027-07", Lang::En), "July 2027");
    }

    #[test]
    fn an_admissible_petition_goes_to_the_next_session_after_the_decision() {
        let months = [3, 7, 10];
        for (decided, session) in [
            ("2027-04-10", "2027-07"),
            ("2027-11-02", "2028-03"),
            ("2027-03-05", "2027-07"),
            ("2027-01-31", "2027-03"),
            ("2027-10-31", "2028-03"),
            ("2027-12-31", "2028-03"),
        ] {
            assert_eq!(
                next_session(day(decided), &months).as_deref(),
                Some(session),
                "{decided}"
            );
        }
        assert_eq!(
            next_session(day("2027-04-10"), &[10, 3, 7]).as_deref(),
            Some("2027-07")
        );
        assert_eq!(next_session(day("2027-04-10"), &[]), None);
    }
}

//! Staff alerts: the round looks for what the region's staff should know about (a petition sent
//! to moderation, a deposit, the bureau's deadline at 14, 7 and 1 days and once overdue, a new
//! report, a consultation closed without results) and records each once: a unique index on what
//! it is about, so that of several instances looking at the same time one records it and the
//! others do nothing. The moderators (petitions to moderate, reports) or the council officers
//! (the rest) of the region who chose immediate alerts are emailed in the same transaction; those
//! who chose a daily summary get it from `super::digests`.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

use super::emails::{self, AlertLine};
use super::scan::{self, NewAlert};
use crate::audit::{self, AuditEvent};
use crate::entities::{staff_alert, staff_alert_setting, user, user_role};
use crate::mail::{links, outbox};
use crate::roles::{Actor, Role};
use crate::types::Lang;
use crate::{AppContext, DomainError};

/// How a staff member receives alerts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertDelivery {
    /// One email per alert, as it happens (the default).
    #[default]
    Immediate,
    /// One email a day with the day's alerts.
    Daily,
    /// No email.
    Off,
}

impl AlertDelivery {
    /// The stored (and form) name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Immediate => "immediate",
            Self::Daily => "daily",
            Self::Off => "off",
        }
    }

    /// The choice named `name`; `Validation("delivery", "delivery_invalid")` otherwise.
    pub fn parse(name: &str) -> Result<Self, DomainError> {
        [Self::Immediate, Self::Daily, Self::Off]
            .into_iter()
            .find(|d| d.as_str() == name.trim())
            .ok_or(DomainError::Validation {
                field: "delivery",
                code: "delivery_invalid",
            })
    }
}

/// What an alert is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AlertKind {
    /// A petition was sent to moderation (about the timeline event: each sending counts).
    PetitionToModerate,
    /// A petition was deposited with the council.
    PetitionDeposited,
    /// The bureau's deadline is 14, 7 or 1 days away, or past (milestone 0).
    DecisionDue,
    /// A contribution to a consultation was reported.
    ReportOpened,
    /// A consultation closed and its results are not published.
    ConsultationClosed,
    /// A published petition was reported.
    PetitionReported,
}

const KINDS: [AlertKind; 6] = [
    AlertKind::PetitionToModerate,
    AlertKind::PetitionDeposited,
    AlertKind::DecisionDue,
    AlertKind::ReportOpened,
    AlertKind::ConsultationClosed,
    AlertKind::PetitionReported,
];

impl AlertKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PetitionToModerate => "petition_to_moderate",
            Self::PetitionDeposited => "petition_deposited",
            Self::DecisionDue => "decision_due",
            Self::ReportOpened => "report_opened",
            Self::ConsultationClosed => "consultation_closed",
            Self::PetitionReported => "petition_reported",
        }
    }

    /// The kind named `name`.
    pub fn parse(name: &str) -> Option<Self> {
        KINDS.into_iter().find(|k| k.as_str() == name)
    }

    /// Whether the region's moderators are told (otherwise its council officers).
    pub fn for_moderators(self) -> bool {
        matches!(
            self,
            Self::PetitionToModerate | Self::ReportOpened | Self::PetitionReported
        )
    }

    /// Whether `role` of `region_id` is told about an alert of this kind in `region_id`.
    pub(super) fn told(self, role: Role, region_id: i32) -> bool {
        match role {
            Role::Moderator { region_id: r } => r == region_id && self.for_moderators(),
            Role::CouncilOfficer { region_id: r } => r == region_id && !self.for_moderators(),
            Role::PlatformAdmin => false,
        }
    }
}

/// Days before the bureau's deadline when its officers are told.
pub const DEADLINE_MILESTONES: [i32; 3] = [14, 7, 1];

/// The deadline milestone reached at `now` for a decision due at `due`: the smallest of
/// [`DEADLINE_MILESTONES`] days at least as far as the time left, 0 once past, `None` before the
/// first.
pub fn deadline_milestone(due: DateTime<Utc>, now: DateTime<Utc>) -> Option<i32> {
    if due <= now {
        return Some(0);
    }
    let mut reached = None;
    for m in DEADLINE_MILESTONES {
        if due - now <= Duration::days(i64::from(m)) {
            reached = Some(m);
        }
    }
    reached
}

/// How `user` receives alerts.
pub async fn alert_delivery(
    ctx: &AppContext,
    user: crate::types::UserId,
) -> Result<AlertDelivery, DomainError> {
    let found = staff_alert_setting::Entity::find_by_id(user.0)
        .one(&ctx.db)
        .await?;
    Ok(found
        .and_then(|s| AlertDelivery::parse(&s.delivery).ok())
        .unwrap_or_default())
}

/// Sets how `by` receives alerts. Staff of a region only; audit-logged. Choosing the daily
/// summary starts it from now (what was already emailed is not summarised again).
pub async fn set_alert_delivery(
    ctx: &AppContext,
    by: &Actor,
    delivery: AlertDelivery,
) -> Result<(), DomainError> {
    let regions: Vec<i32> = by.roles.iter().filter_map(|r| r.region_id()).collect();
    if regions.is_empty() {
        let target = serde_json::json!({ "delivery": delivery.as_str() });
        return Err(audit::denied(ctx, by.user.0, "set_alert_delivery", None, target).await);
    }
    let now = ctx.clock.now();
    let txn = crate::db::begin_write(&ctx.db).await?;
    staff_alert_setting::Entity::insert(staff_alert_setting::ActiveModel {
        user_id: Set(by.user.0),
        delivery: Set(delivery.as_str().to_owned()),
        digest_day: Set(None),
        digest_sent_at: Set(Some(now)),
    })
    .on_conflict(
        OnConflict::column(staff_alert_setting::Column::UserId)
            .update_columns([
                staff_alert_setting::Column::Delivery,
                staff_alert_setting::Column::DigestDay,
                staff_alert_setting::Column::DigestSentAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    audit::record(
        ctx,
        &txn,
        AuditEvent {
            actor_user_id: Some(by.user.0),
            action: "staff_alerts_changed",
            subject_user_id: Some(by.user.0),
            region_id: None,
            detail: serde_json::json!({ "delivery": delivery.as_str() }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Looks for what is new and records each alert once, emailing those who chose immediate
/// alerts; gives how many alerts were recorded.
pub async fn raise_due_alerts(ctx: &AppContext) -> Result<u64, DomainError> {
    let now = ctx.clock.now();
    let mut recorded = 0;
    for alert in scan::due_alerts(ctx, now).await? {
        if record(ctx, now, alert).await? {
            recorded += 1;
        }
    }
    Ok(recorded)
}

/// Records `alert` unless another round did; emails the staff who chose immediate alerts in the
/// same transaction. Gives whether it was recorded here.
async fn record(
    ctx: &AppContext,
    now: DateTime<Utc>,
    alert: NewAlert,
) -> Result<bool, DomainError> {
    let txn = crate::db::begin_write(&ctx.db).await?;
    let inserted = staff_alert::Entity::insert(staff_alert::ActiveModel {
        region_id: Set(alert.region_id),
        kind: Set(alert.kind.as_str().to_owned()),
        subject_id: Set(alert.subject_id),
        milestone: Set(alert.milestone),
        title: Set(alert.title.clone()),
        path: Set(alert.path.clone()),
        due_on: Set(alert.due_on),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            staff_alert::Column::Kind,
            staff_alert::Column::SubjectId,
            staff_alert::Column::Milestone,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    if inserted == 0 {
        txn.rollback().await?;
        return Ok(false);
    }
    for (person, delivery) in staff_told(&txn, alert.region_id, alert.kind).await? {
        if delivery != AlertDelivery::Immediate {
            continue;
        }
        let lang = Lang::parse(&person.lang).unwrap_or_default();
        let line = AlertLine {
            kind: alert.kind,
            milestone: alert.milestone,
            title: alert.title.clone(),
            due_on: alert.due_on,
            link: links::page(ctx, lang, &alert.path),
        };
        let email = emails::alert(&person.email, lang, &person.display_name, &line);
        outbox::enqueue(&txn, now, email).await?;
    }
    txn.commit().await?;
    Ok(true)
}

/// The verified accounts told about alerts of `kind` in `region_id`, with their choice.
async fn staff_told<C: ConnectionTrait>(
    db: &C,
    region_id: i32,
    kind: AlertKind,
) -> Result<Vec<(user::Model, AlertDelivery)>, DomainError> {
    let role = if kind.for_moderators() {
        "moderator"
    } else {
        "council_officer"
    };
    let ids: Vec<i32> = user_role::Entity::find()
        .select_only()
        .column(user_role::Column::UserId)
        .filter(user_role::Column::Role.eq(role))
        .filter(user_role::Column::RegionId.eq(region_id))
        .into_tuple()
        .all(db)
        .await?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let choices: HashMap<i32, AlertDelivery> = staff_alert_setting::Entity::find()
        .filter(staff_alert_setting::Column::UserId.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|s| {
            (
                s.user_id,
                AlertDelivery::parse(&s.delivery).unwrap_or_default(),
            )
        })
        .collect();
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .filter(user::Column::EmailVerifiedAt.is_not_null())
        .order_by_asc(user::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|u| {
            let choice = choices.get(&u.id).copied().unwrap_or_default();
            (u, choice)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .map(|t| t.to_utc())
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_deadline_is_alerted_at_14_7_and_1_days_and_once_past() {
        let due = at("2027-03-31T10:00:00Z");
        let cases = [
            ("2027-03-01T10:00:00Z", None),
            ("2027-03-17T09:59:59Z", None),
            ("2027-03-17T10:00:00Z", Some(14)),
            ("2027-03-24T09:00:00Z", Some(14)),
            ("2027-03-24T10:00:00Z", Some(7)),
            ("2027-03-30T10:00:01Z", Some(1)),
            ("2027-03-31T10:00:00Z", Some(0)),
            ("2027-06-01T00:00:00Z", Some(0)),
        ];
        for (now, expected) in cases {
            assert_eq!(deadline_milestone(due, at(now)), expected, "at {now}");
        }
    }

    #[test]
    fn moderators_hear_of_moderation_and_officers_of_the_council() {
        let moderator = Role::Moderator { region_id: 3 };
        let officer = Role::CouncilOfficer { region_id: 3 };
        for kind in KINDS {
            assert_eq!(AlertKind::parse(kind.as_str()), Some(kind));
            assert_eq!(kind.told(moderator, 3), kind.for_moderators(), "{kind:?}");
            assert_eq!(kind.told(officer, 3), !kind.for_moderators(), "{kind:?}");
            assert!(!kind.told(Role::Moderator { region_id: 4 }, 3));
            assert!(!kind.told(Role::CouncilOfficer { region_id: 4 }, 3));
            assert!(!kind.told(Role::PlatformAdmin, 3));
        }
    }

    #[test]
    fn only_the_three_choices_parse() {
        for d in [
            AlertDelivery::Immediate,
            AlertDelivery::Daily,
            AlertDelivery::Off,
        ] {
            assert_eq!(AlertDelivery::parse(d.as_str()).ok(), Some(d));
        }
        assert!(AlertDelivery::parse("weekly").is_err());
        assert!(AlertDelivery::parse("").is_err());
    }
}

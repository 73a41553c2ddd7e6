//! The petition lifecycle of Law 111-14 as a state machine: which step may follow which, and who
//! takes it. Pure: the operations in this module's parent load, check here, then write.

use serde::{Deserialize, Serialize};

use crate::DomainError;

/// Who files: citizens (signatures needed) or an association (no signatures).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PetitionKind {
    Citizen,
    Association,
}

impl PetitionKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Citizen => "citizen",
            Self::Association => "association",
        }
    }

    /// The kind named `name`.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "citizen" => Some(Self::Citizen),
            "association" => Some(Self::Association),
            _ => None,
        }
    }
}

/// Where a petition stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PetitionStatus {
    /// Written by its representative, not yet sent to moderation (or sent back for changes).
    Draft,
    /// Waiting for a moderator of the region.
    InModeration,
    /// Published; citizens sign it.
    Collecting,
    /// Enough signatures, spread over enough provinces (association petitions: published). The
    /// representative may deposit it; citizens may still sign until then.
    ThresholdReached,
    /// Deposited with the council (a receipt was issued); signing has stopped.
    Deposited,
    /// The council's bureau is examining it.
    UnderReview,
    /// The bureau found it admissible: it goes to a standing committee and an ordinary session.
    Admissible,
    /// On the agenda of a sitting of the council.
    Scheduled,
    /// The council deliberated and answered.
    Answered,
    /// Refused by a moderator (with a reason code).
    RejectedInModeration,
    /// Withdrawn by its representative before deposit.
    Withdrawn,
    /// The collection period ended without the threshold.
    Expired,
    /// The bureau found it inadmissible (with reasons).
    Inadmissible,
}

/// Every status, in lifecycle order.
pub const ALL_STATUSES: [PetitionStatus; 13] = [
    PetitionStatus::Draft,
    PetitionStatus::InModeration,
    PetitionStatus::Collecting,
    PetitionStatus::ThresholdReached,
    PetitionStatus::Deposited,
    PetitionStatus::UnderReview,
    PetitionStatus::Admissible,
    PetitionStatus::Scheduled,
    PetitionStatus::Answered,
    PetitionStatus::RejectedInModeration,
    PetitionStatus::Withdrawn,
    PetitionStatus::Expired,
    PetitionStatus::Inadmissible,
];

impl PetitionStatus {
    /// The stored (and wire) name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::InModeration => "in_moderation",
            Self::Collecting => "collecting",
            Self::ThresholdReached => "threshold_reached",
            Self::Deposited => "deposited",
            Self::UnderReview => "under_review",
            Self::Admissible => "admissible",
            Self::Scheduled => "scheduled",
            Self::Answered => "answered",
            Self::RejectedInModeration => "rejected_in_moderation",
            Self::Withdrawn => "withdrawn",
            Self::Expired => "expired",
            Self::Inadmissible => "inadmissible",
        }
    }

    /// The status named `name`.
    pub fn parse(name: &str) -> Option<Self> {
        ALL_STATUSES.into_iter().find(|s| s.as_str() == name)
    }

    /// Whether citizens may sign now.
    pub fn is_signable(self) -> bool {
        matches!(self, Self::Collecting | Self::ThresholdReached)
    }

    /// Whether the petition was deposited with the council (and maybe decided or answered since):
    /// from then on the council's officers may read its signatories.
    pub fn was_deposited(self) -> bool {
        matches!(
            self,
            Self::Deposited
                | Self::UnderReview
                | Self::Admissible
                | Self::Scheduled
                | Self::Answered
                | Self::Inadmissible
        )
    }

    /// Whether the council holds it (deposited, and not yet finished).
    pub fn is_with_council(self) -> bool {
        matches!(
            self,
            Self::Deposited | Self::UnderReview | Self::Admissible | Self::Scheduled
        )
    }
}

/// A step of the lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Representative: send the draft to moderation.
    Submit,
    /// Moderator: publish for signing (association petitions: ready to deposit).
    Publish,
    /// Moderator: send back to the representative with a note.
    RequestChanges,
    /// Moderator: refuse, with a reason code.
    Reject,
    /// System: the signatures meet the rule.
    ReachThreshold,
    /// System: withdrawals took the signatures below the rule again.
    FallBelowThreshold,
    /// System: the collection period ended without the threshold.
    Expire,
    /// Representative: withdraw the petition before deposit.
    Withdraw,
    /// Representative: deposit with the council.
    Deposit,
    /// Council officer: the bureau starts examining it.
    StartReview,
    /// Council officer: the bureau's decision, admissible.
    DecideAdmissible,
    /// Council officer: the bureau's decision, inadmissible.
    DecideInadmissible,
    /// Council officer: put on the agenda of a sitting.
    Schedule,
    /// Council officer: the council's deliberation and answer.
    Answer,
}

/// Who may take a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepTaker {
    Representative,
    Moderator,
    CouncilOfficer,
    System,
}

impl Step {
    /// The stored name (also the timeline's action).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Submit => "submitted",
            Self::Publish => "published",
            Self::RequestChanges => "changes_requested",
            Self::Reject => "rejected",
            Self::ReachThreshold => "threshold_reached",
            Self::FallBelowThreshold => "fell_below_threshold",
            Self::Expire => "expired",
            Self::Withdraw => "withdrawn",
            Self::Deposit => "deposited",
            Self::StartReview => "review_started",
            Self::DecideAdmissible => "decided_admissible",
            Self::DecideInadmissible => "decided_inadmissible",
            Self::Schedule => "scheduled",
            Self::Answer => "answered",
        }
    }

    /// Who takes this step.
    pub fn taker(self) -> StepTaker {
        match self {
            Self::Submit | Self::Withdraw | Self::Deposit => StepTaker::Representative,
            Self::Publish | Self::RequestChanges | Self::Reject => StepTaker::Moderator,
            Self::ReachThreshold | Self::FallBelowThreshold | Self::Expire => StepTaker::System,
            Self::StartReview
            | Self::DecideAdmissible
            | Self::DecideInadmissible
            | Self::Schedule
            | Self::Answer => StepTaker::CouncilOfficer,
        }
    }
}

/// The status after `step` from `from`, or `Conflict("step_not_allowed")`.
pub fn next_status(
    kind: PetitionKind,
    from: PetitionStatus,
    step: Step,
) -> Result<PetitionStatus, DomainError> {
    use PetitionStatus as S;
    let to = match (from, step) {
        (S::Draft, Step::Submit) => S::InModeration,
        (S::InModeration, Step::Publish) => match kind {
            PetitionKind::Citizen => S::Collecting,
            PetitionKind::Association => S::ThresholdReached,
        },
        (S::InModeration, Step::RequestChanges) => S::Draft,
        (S::InModeration, Step::Reject) => S::RejectedInModeration,
        (S::Collecting, Step::ReachThreshold) => S::ThresholdReached,
        (S::ThresholdReached, Step::FallBelowThreshold) if kind == PetitionKind::Citizen => {
            S::Collecting
        }
        (S::Collecting, Step::Expire) => S::Expired,
        (S::Draft | S::InModeration | S::Collecting | S::ThresholdReached, Step::Withdraw) => {
            S::Withdrawn
        }
        (S::ThresholdReached, Step::Deposit) => S::Deposited,
        (S::Deposited, Step::StartReview) => S::UnderReview,
        (S::Deposited | S::UnderReview, Step::DecideAdmissible) => S::Admissible,
        (S::Deposited | S::UnderReview, Step::DecideInadmissible) => S::Inadmissible,
        (S::Admissible, Step::Schedule) => S::Scheduled,
        (S::Admissible | S::Scheduled, Step::Answer) => S::Answered,
        _ => return Err(DomainError::Conflict("step_not_allowed")),
    };
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use PetitionStatus as S;

    const STEPS: [Step; 14] = [
        Step::Submit,
        Step::Publish,
        Step::RequestChanges,
        Step::Reject,
        Step::ReachThreshold,
        Step::FallBelowThreshold,
        Step::Expire,
        Step::Withdraw,
        Step::Deposit,
        Step::StartReview,
        Step::DecideAdmissible,
        Step::DecideInadmissible,
        Step::Schedule,
        Step::Answer,
    ];

    /// Every allowed step of a citizen petition, and nothing else.
    const CITIZEN: [(S, Step, S); 19] = [
        (S::Draft, Step::Submit, S::InModeration),
        (S::Draft, Step::Withdraw, S::Withdrawn),
        (S::InModeration, Step::Publish, S::Collecting),
        (S::InModeration, Step::RequestChanges, S::Draft),
        (S::InModeration, Step::Reject, S::RejectedInModeration),
        (S::InModeration, Step::Withdraw, S::Withdrawn),
        (S::Collecting, Step::ReachThreshold, S::ThresholdReached),
        (S::Collecting, Step::Expire, S::Expired),
        (S::Collecting, Step::Withdraw, S::Withdrawn),
        (S::ThresholdReached, Step::FallBelowThreshold, S::Collecting),
        (S::ThresholdReached, Step::Withdraw, S::Withdrawn),
        (S::ThresholdReached, Step::Deposit, S::Deposited),
        (S::Deposited, Step::StartReview, S::UnderReview),
        (S::Deposited, Step::DecideAdmissible, S::Admissible),
        (S::Deposited, Step::DecideInadmissible, S::Inadmissible),
        (S::UnderReview, Step::DecideAdmissible, S::Admissible),
        (S::UnderReview, Step::DecideInadmissible, S::Inadmissible),
        (S::Admissible, Step::Schedule, S::Scheduled),
        (S::Admissible, Step::Answer, S::Answered),
    ];

    #[test]
    fn citizen_petitions_allow_exactly_the_lawful_steps() {
        let mut allowed = CITIZEN.to_vec();
        allowed.push((S::Scheduled, Step::Answer, S::Answered));
        for from in ALL_STATUSES {
            for step in STEPS {
                let expected = allowed
                    .iter()
                    .find(|(f, s, _)| *f == from && *s == step)
                    .map(|(_, _, to)| *to);
                let got = next_status(PetitionKind::Citizen, from, step).ok();
                assert_eq!(got, expected, "{from:?} --{step:?}-->");
            }
        }
    }

    #[test]
    fn association_petitions_skip_collection() {
        assert_eq!(
            next_status(PetitionKind::Association, S::InModeration, Step::Publish).ok(),
            Some(S::ThresholdReached)
        );
        assert!(
            next_status(
                PetitionKind::Association,
                S::ThresholdReached,
                Step::FallBelowThreshold
            )
            .is_err()
        );
        assert_eq!(
            next_status(
                PetitionKind::Association,
                S::ThresholdReached,
                Step::Deposit
            )
            .ok(),
            Some(S::Deposited)
        );
    }

    #[test]
    fn finished_petitions_take_no_step() {
        for from in [
            S::Answered,
            S::RejectedInModeration,
            S::Withdrawn,
            S::Expired,
            S::Inadmissible,
        ] {
            for step in STEPS {
                assert!(
                    matches!(
                        next_status(PetitionKind::Citizen, from, step),
                        Err(DomainError::Conflict("step_not_allowed"))
                    ),
                    "{from:?} {step:?}"
                );
            }
        }
    }

    #[test]
    fn names_round_trip() {
        for status in ALL_STATUSES {
            assert_eq!(PetitionStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(PetitionStatus::parse("nonsense"), None);
        for kind in [PetitionKind::Citizen, PetitionKind::Association] {
            assert_eq!(PetitionKind::parse(kind.as_str()), Some(kind));
        }
    }
}

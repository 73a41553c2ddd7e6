//! Every privileged operation on a petition, tried by every role, of its region and of
//! another, in every status: allowed exactly when the role may and the lifecycle allows it;
//! refused as `Forbidden` for the wrong role or region, as a conflict for the wrong status.

use domain::DomainError;
use domain::petitions::council::{CouncilDecision, record_council_step};
use domain::petitions::lifecycle::{ALL_STATUSES, PetitionKind, Step, next_status};
use domain::petitions::signatories::{ExportFormat, export_signatories};
use domain::petitions::{self, ModerationDecision, PetitionStatus};
use domain::roles::{Actor, Role};
use domain::types::PetitionId;
use tests::{TestApp, TestResult, both_databases};

use super::{citizen_form, file, force_status};

both_databases!(privileged_operations_follow_role_region_and_status);

/// A privileged operation and the step it takes (none: a read).
#[derive(Debug, Clone, Copy)]
enum Operation {
    Moderate(Step),
    Council(Step),
    ExportSignatories,
}

impl Operation {
    /// The role of the petition's region the operation needs.
    fn allowed_role(self, region_id: i32) -> Role {
        match self {
            Self::Moderate(_) => Role::Moderator { region_id },
            Self::Council(_) | Self::ExportSignatories => Role::CouncilOfficer { region_id },
        }
    }

    /// Whether the lifecycle allows it in `status`.
    fn status_allows(self, status: PetitionStatus) -> bool {
        match self {
            Self::Moderate(step) | Self::Council(step) => {
                next_status(PetitionKind::Citizen, status, step).is_ok()
            }
            Self::ExportSignatories => status.was_deposited(),
        }
    }

    async fn run(self, app: &TestApp, by: &Actor, id: PetitionId) -> Result<(), DomainError> {
        let ctx = app.ctx();
        match self {
            Self::Moderate(step) => {
                let decision = match step {
                    Step::Publish => ModerationDecision::Publish,
                    Step::RequestChanges => ModerationDecision::RequestChanges {
                        note: "Précisez".into(),
                    },
                    _ => ModerationDecision::Reject {
                        reason: "unclear",
                        note: String::new(),
                    },
                };
                petitions::moderate_petition(&ctx, by, id, decision)
                    .await
                    .map(|_| ())
            }
            Self::Council(step) => {
                let decision = match step {
                    Step::StartReview => CouncilDecision::StartReview,
                    Step::DecideAdmissible => CouncilDecision::Admissible {
                        committee: "Commission".into(),
                        session: "2027-03".into(),
                    },
                    Step::DecideInadmissible => CouncilDecision::Inadmissible {
                        reasons: "Hors compétence".into(),
                    },
                    Step::Schedule => CouncilDecision::Schedule {
                        sitting_on: chrono::NaiveDate::from_ymd_opt(2027, 3, 8).unwrap_or_default(),
                    },
                    _ => CouncilDecision::Answer {
                        text: "Réponse".into(),
                    },
                };
                record_council_step(&ctx, by, id, decision, None)
                    .await
                    .map(|_| ())
            }
            Self::ExportSignatories => export_signatories(&ctx, by, id, ExportFormat::Csv)
                .await
                .map(|_| ()),
        }
    }
}

const OPERATIONS: [Operation; 9] = [
    Operation::Moderate(Step::Publish),
    Operation::Moderate(Step::RequestChanges),
    Operation::Moderate(Step::Reject),
    Operation::Council(Step::StartReview),
    Operation::Council(Step::DecideAdmissible),
    Operation::Council(Step::DecideInadmissible),
    Operation::Council(Step::Schedule),
    Operation::Council(Step::Answer),
    Operation::ExportSignatories,
];

async fn privileged_operations_follow_role_region_and_status(app: TestApp) -> TestResult {
    let souss = app.region_id("souss-massa").await;
    let oriental = app.region_id("oriental").await;
    let amina = app.user("amina@example.ma").await;
    let id = file(&app, amina, "souss-massa", &citizen_form()).await;
    let actors = [
        app.actor(amina).await,
        app.staff("citizen@example.ma", None).await,
        app.staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
            .await,
        app.staff(
            "mod-oriental@example.ma",
            Some(Role::Moderator {
                region_id: oriental,
            }),
        )
        .await,
        app.staff(
            "officer@example.ma",
            Some(Role::CouncilOfficer { region_id: souss }),
        )
        .await,
        app.staff(
            "officer-oriental@example.ma",
            Some(Role::CouncilOfficer {
                region_id: oriental,
            }),
        )
        .await,
        app.admin().await,
    ];
    let mut allowed = 0;
    for status in ALL_STATUSES {
        for operation in OPERATIONS {
            for actor in &actors {
                force_status(&app, id, status).await;
                let role_allows = actor.roles.contains(&operation.allowed_role(souss));
                let got = operation.run(&app, actor, id).await;
                let who = format!("{:?} {operation:?} in {status:?}", actor.roles);
                match (role_allows, operation.status_allows(status)) {
                    (true, true) => {
                        assert!(got.is_ok(), "{who}: {got:?}");
                        allowed += 1;
                    }
                    (true, false) => {
                        assert!(
                            matches!(got, Err(DomainError::Conflict(_))),
                            "{who}: {got:?}"
                        );
                    }
                    (false, _) => {
                        assert!(matches!(got, Err(DomainError::Forbidden)), "{who}: {got:?}");
                    }
                }
            }
        }
    }
    // Each lawful step once, by its one role: 3 moderation steps (from moderation), 8 council
    // ones (review 1, admissible 2, inadmissible 2, sitting 1, answer 2), and the 6 statuses in
    // which the signatories are read.
    assert_eq!(allowed, 3 + 8 + 6);
    Ok(())
}

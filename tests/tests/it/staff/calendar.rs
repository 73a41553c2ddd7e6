//! The council's calendar: an admissible petition goes to the next ordinary session after the
//! decision, or a later one, never an earlier one; the form proposes the next one.

use domain::DomainError;
use domain::petitions::PetitionStatus;
use domain::petitions::council::{CouncilDecision, CouncilForm, record_council_step};
use tests::{Client, TestApp, TestResult, both_databases};

use super::{deposited, souss_staff};

both_databases!(an_admissible_petition_goes_to_the_next_session_or_a_later_one);

async fn an_admissible_petition_goes_to_the_next_session_or_a_later_one(
    app: TestApp,
) -> TestResult {
    let ctx = app.ctx();
    let april = chrono::DateTime::parse_from_rfc3339("2027-04-10T09:00:00Z")?.to_utc();
    app.clock.advance(april - app.clock_now());
    let id = deposited(&app, "Une bibliothèque à Taroudant").await;
    let (_, officer) = souss_staff(&app).await;

    let mut client = Client::signed_in(&app, "officer@example.ma", "fr").await;
    let page = client
        .get(&format!("/fr/r/souss-massa/petitions/{}", id.0))
        .await
        .text();
    assert!(
        page.contains("value=\"2027-07\""),
        "the form proposes July, the next session after a decision on 10 April"
    );

    let decide = |session: &str| {
        CouncilDecision::parse(
            &CouncilForm {
                decision: "admissible".into(),
                committee: "Commission de la culture".into(),
                session: session.into(),
                ..CouncilForm::default()
            },
            &[3, 7, 10],
        )
    };
    for past in ["2027-03", "2026-10"] {
        assert!(
            matches!(
                record_council_step(&ctx, &officer, id, decide(past)?, None).await,
                Err(DomainError::Validation {
                    code: "session_past",
                    ..
                })
            ),
            "{past}"
        );
    }
    assert!(matches!(
        decide("2027-08"),
        Err(DomainError::Validation {
            code: "session_invalid",
            ..
        })
    ));
    let status = record_council_step(&ctx, &officer, id, decide("2027-10")?, None).await?;
    assert_eq!(
        status,
        PetitionStatus::Admissible,
        "a later session is allowed"
    );
    Ok(())
}

//! Drafting, the questionnaire and publishing: council officers of the region only.

use chrono::Duration;
use domain::DomainError;
use domain::consultations::builder::{publish_consultation, set_questions};
use domain::consultations::drafts::create_consultation;
use domain::consultations::lifecycle::ConsultationStatus;
use domain::entities::{audit_entry, consultation, consultation_text};
use domain::roles::Role;
use domain::types::RegionSlug;
use sea_orm::{EntityTrait, PaginatorTrait};
use tests::{TestApp, TestResult, both_databases};

use super::{draft, question, status_now};

both_databases!(
    only_officers_of_the_region_draft_a_consultation,
    a_draft_gets_its_questions_then_opens_on_its_first_day,
);

async fn only_officers_of_the_region_draft_a_consultation(app: TestApp) -> TestResult {
    let souss = app.region_id("souss-massa").await;
    let region = RegionSlug::parse("souss-massa")?;
    let refused = app.not_officers_of("souss-massa").await;
    for (who, actor) in &refused {
        assert!(
            matches!(
                create_consultation(&app.ctx(), actor, &region, draft()).await,
                Err(DomainError::Forbidden)
            ),
            "{who}"
        );
    }
    assert_eq!(
        consultation::Entity::find().count(&app.db).await.ok(),
        Some(0)
    );

    let officer = app
        .staff(
            "officer@example.ma",
            Some(Role::CouncilOfficer { region_id: souss }),
        )
        .await;
    let id = create_consultation(&app.ctx(), &officer, &region, draft()).await?;
    let stored = consultation::Entity::find_by_id(id.0)
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("stored"));
    assert_eq!(
        (
            stored.status.as_str(),
            stored.audience.as_str(),
            stored.region_id
        ),
        ("draft", "youth", souss)
    );
    assert_eq!(
        consultation_text::Entity::find().count(&app.db).await.ok(),
        Some(2),
        "a text per language written"
    );
    let log = audit_entry::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default();
    assert!(log.iter().any(|e| e.action == "consultation_created"
        && e.actor_user_id == Some(officer.user.0)
        && e.region_id == Some(souss)));
    Ok(())
}

async fn a_draft_gets_its_questions_then_opens_on_its_first_day(app: TestApp) -> TestResult {
    use domain::entities::{choice, question};

    let souss = app.region_id("souss-massa").await;
    let region = RegionSlug::parse("souss-massa")?;
    let officer = app
        .staff(
            "officer@example.ma",
            Some(Role::CouncilOfficer { region_id: souss }),
        )
        .await;
    let other = app
        .staff(
            "officer-oriental@example.ma",
            Some(Role::CouncilOfficer {
                region_id: app.region_id("oriental").await,
            }),
        )
        .await;
    let id = create_consultation(&app.ctx(), &officer, &region, draft()).await?;
    assert!(matches!(
        publish_consultation(&app.ctx(), &officer, id).await,
        Err(DomainError::Validation {
            code: "questions_missing",
            ..
        })
    ));
    let questions = || {
        vec![
            question("single", &["Transport", "Eau", "Emploi"]),
            question("scale", &[]),
        ]
    };
    assert!(matches!(
        set_questions(&app.ctx(), &other, id, questions()).await,
        Err(DomainError::Forbidden)
    ));
    set_questions(&app.ctx(), &officer, id, questions()).await?;
    // Replaced whole: setting them again leaves two questions and three choices.
    set_questions(&app.ctx(), &officer, id, questions()).await?;
    assert_eq!(question::Entity::find().count(&app.db).await.ok(), Some(2));
    assert_eq!(choice::Entity::find().count(&app.db).await.ok(), Some(3));

    assert!(matches!(
        publish_consultation(&app.ctx(), &other, id).await,
        Err(DomainError::Forbidden)
    ));
    let status = publish_consultation(&app.ctx(), &officer, id).await?;
    assert_eq!(
        status,
        ConsultationStatus::Scheduled,
        "the clock is before May 2027"
    );
    assert!(matches!(
        publish_consultation(&app.ctx(), &officer, id).await,
        Err(DomainError::Conflict("step_not_allowed"))
    ));
    set_questions(&app.ctx(), &officer, id, questions()).await?;
    assert!(
        matches!(
            set_questions(&app.ctx(), &officer, id, Vec::new()).await,
            Err(DomainError::Validation {
                code: "questions_missing",
                ..
            })
        ),
        "a scheduled questionnaire changes, but keeps a question"
    );
    // 1 May 2027, 00:00 in Morocco (GMT+1) is 23:00 UTC the day before.
    let first_day =
        chrono::DateTime::parse_from_rfc3339("2027-04-30T23:00:00Z")?.with_timezone(&chrono::Utc);
    app.clock
        .advance(first_day - app.clock_now() - Duration::seconds(1));
    assert_eq!(status_now(&app, id).await, ConsultationStatus::Scheduled);
    app.clock.advance(Duration::seconds(1));
    assert_eq!(status_now(&app, id).await, ConsultationStatus::Open);
    assert!(
        matches!(
            set_questions(&app.ctx(), &officer, id, questions()).await,
            Err(DomainError::Conflict("step_not_allowed"))
        ),
        "an open questionnaire no longer changes"
    );
    app.clock.advance(Duration::days(31));
    assert_eq!(status_now(&app, id).await, ConsultationStatus::Closed);

    let log = audit_entry::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default();
    assert!(log.iter().any(|e| e.action == "consultation_published"));
    assert_eq!(
        log.iter()
            .filter(|e| e.action == "consultation_questions_set")
            .count(),
        3
    );

    // A draft whose last day has passed cannot be published.
    let late = create_consultation(&app.ctx(), &officer, &region, draft()).await?;
    set_questions(&app.ctx(), &officer, late, questions()).await?;
    assert!(matches!(
        publish_consultation(&app.ctx(), &officer, late).await,
        Err(DomainError::Validation {
            code: "window_past",
            ..
        })
    ));
    Ok(())
}

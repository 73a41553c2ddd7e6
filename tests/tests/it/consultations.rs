//! Consultations: drafting, the questionnaire and publishing are for the council officers of the
//! region, audit-logged; a published consultation is scheduled, then open, by the clock.

use chrono::Duration;
use domain::DomainError;
use domain::consultations::builder::{
    NewQuestion, QuestionForm, publish_consultation, set_questions,
};
use domain::consultations::drafts::{
    ConsultationForm, NewConsultation, TextsForm, create_consultation,
};
use domain::consultations::lifecycle::ConsultationStatus;
use domain::entities::{audit_entry, consultation, consultation_text};
use domain::roles::Role;
use domain::types::RegionSlug;
use sea_orm::{EntityTrait, PaginatorTrait};
use tests::{TestApp, both_databases};

both_databases!(
    only_officers_of_the_region_draft_a_consultation,
    a_draft_gets_its_questions_then_opens_on_its_first_day,
    a_citizen_answers_once_and_may_change_the_answer_until_closing,
);

fn draft() -> NewConsultation {
    NewConsultation::parse(&ConsultationForm {
        audience: "youth".into(),
        fallback_lang: "fr".into(),
        opens_on: "2027-05-01".into(),
        closes_on: "2027-05-31".into(),
        questionnaire: true,
        proposals: true,
        texts: vec![
            TextsForm {
                lang: "fr".into(),
                title: "Programme de développement régional".into(),
                summary: "Vos priorités pour 2028-2033.".into(),
                body: "## Les priorités\n\nTransport, eau, emploi.".into(),
            },
            TextsForm {
                lang: "ar".into(),
                title: "برنامج التنمية الجهوية".into(),
                summary: "أولوياتكم للفترة 2028-2033.".into(),
                body: String::new(),
            },
        ],
    })
    .unwrap_or_else(|e| panic!("{e:?}"))
}

async fn only_officers_of_the_region_draft_a_consultation(app: TestApp) {
    let souss = app.region_id("souss-massa").await;
    let oriental = app.region_id("oriental").await;
    let region = RegionSlug::parse("souss-massa").unwrap_or_else(|e| panic!("{e}"));
    let refused = [
        ("citizen", app.staff("amina@example.ma", None).await),
        ("platform admin", app.admin().await),
        (
            "moderator of the region",
            app.staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
                .await,
        ),
        (
            "officer of another region",
            app.staff(
                "officer-oriental@example.ma",
                Some(Role::CouncilOfficer {
                    region_id: oriental,
                }),
            )
            .await,
        ),
    ];
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
    let id = create_consultation(&app.ctx(), &officer, &region, draft())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
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
}

fn question(kind: &str, choices: &[&str]) -> NewQuestion {
    NewQuestion::parse(
        &QuestionForm {
            kind: kind.into(),
            required: true,
            max: String::new(),
            texts: vec![("fr".into(), "Quelle priorité pour la région ?".into())],
            labels: Vec::new(),
            choices: choices
                .iter()
                .map(|c| vec![("fr".to_owned(), (*c).to_owned())])
                .collect(),
        },
        domain::types::Lang::Fr,
    )
    .unwrap_or_else(|e| panic!("{e:?}"))
}

async fn a_draft_gets_its_questions_then_opens_on_its_first_day(app: TestApp) {
    use domain::entities::{choice, question};

    let souss = app.region_id("souss-massa").await;
    let region = RegionSlug::parse("souss-massa").unwrap_or_else(|e| panic!("{e}"));
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
    let id = create_consultation(&app.ctx(), &officer, &region, draft())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
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
    set_questions(&app.ctx(), &officer, id, questions())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // Replaced whole: setting them again leaves two questions and three choices.
    set_questions(&app.ctx(), &officer, id, questions())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(question::Entity::find().count(&app.db).await.ok(), Some(2));
    assert_eq!(choice::Entity::find().count(&app.db).await.ok(), Some(3));

    assert!(matches!(
        publish_consultation(&app.ctx(), &other, id).await,
        Err(DomainError::Forbidden)
    ));
    let status = publish_consultation(&app.ctx(), &officer, id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        status,
        ConsultationStatus::Scheduled,
        "the clock is before May 2027"
    );
    assert!(matches!(
        publish_consultation(&app.ctx(), &officer, id).await,
        Err(DomainError::Conflict("step_not_allowed"))
    ));
    assert!(
        matches!(
            set_questions(&app.ctx(), &officer, id, questions()).await,
            Err(DomainError::Conflict("step_not_allowed"))
        ),
        "a published questionnaire no longer changes"
    );
    // 1 May 2027, 00:00 in Morocco (GMT+1) is 23:00 UTC the day before.
    let first_day = chrono::DateTime::parse_from_rfc3339("2027-04-30T23:00:00Z")
        .unwrap_or_else(|e| panic!("{e}"))
        .with_timezone(&chrono::Utc);
    app.clock
        .advance(first_day - app.clock_now() - Duration::seconds(1));
    assert_eq!(status_now(&app, id).await, ConsultationStatus::Scheduled);
    app.clock.advance(Duration::seconds(1));
    assert_eq!(status_now(&app, id).await, ConsultationStatus::Open);
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
        2
    );

    // A draft whose last day has passed cannot be published.
    let late = create_consultation(&app.ctx(), &officer, &region, draft())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    set_questions(&app.ctx(), &officer, late, questions())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(
        publish_consultation(&app.ctx(), &officer, late).await,
        Err(DomainError::Validation {
            code: "window_past",
            ..
        })
    ));
}

/// Where consultation `id` stands at the app's clock.
async fn status_now(
    app: &TestApp,
    id: domain::consultations::drafts::ConsultationId,
) -> ConsultationStatus {
    use domain::consultations::lifecycle::{StoredStatus, Window, status_at};
    let c = consultation::Entity::find_by_id(id.0)
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("stored"));
    let window = Window::new(c.opens_at, c.closes_at).unwrap_or_else(|e| panic!("{e}"));
    let stored = StoredStatus::parse(&c.status).unwrap_or_else(|| panic!("{}", c.status));
    status_at(stored, window, app.clock_now())
}

/// A published consultation of Souss-Massa for youth (May 2027), with a single-choice and a
/// scale question; the clock at its first day.
async fn open_consultation(app: &TestApp) -> domain::consultations::drafts::ConsultationId {
    let souss = app.region_id("souss-massa").await;
    let region = RegionSlug::parse("souss-massa").unwrap_or_else(|e| panic!("{e}"));
    let officer = app
        .staff(
            "officer@example.ma",
            Some(Role::CouncilOfficer { region_id: souss }),
        )
        .await;
    let id = create_consultation(&app.ctx(), &officer, &region, draft())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    set_questions(
        &app.ctx(),
        &officer,
        id,
        vec![
            question("single", &["Transport", "Eau", "Emploi"]),
            question("scale", &[]),
        ],
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    publish_consultation(&app.ctx(), &officer, id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    id
}

async fn a_citizen_answers_once_and_may_change_the_answer_until_closing(app: TestApp) {
    use domain::consultations::answering::{Declaration, answer_consultation, load_questionnaire};
    use domain::consultations::questions::AnswerInput;
    use domain::entities::{answer, response};

    let id = open_consultation(&app).await;
    let amina = app.user("amina@example.ma").await;
    let questionnaire = load_questionnaire(&app.ctx(), id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let (single, scale) = (
        questionnaire.questions()[0].clone(),
        questionnaire.questions()[1].clone(),
    );
    let inputs = |choice: i32, point: &str| {
        vec![
            AnswerInput {
                question: single.id,
                values: vec![choice.to_string()],
            },
            AnswerInput {
                question: scale.id,
                values: vec![point.to_owned()],
            },
        ]
    };
    let youth = Declaration {
        audience: true,
        province: Some("taroudant".into()),
    };
    let checked = |choice: i32, point: &str| {
        questionnaire
            .check(&inputs(choice, point))
            .unwrap_or_else(|e| panic!("{e:?}"))
    };

    // Bad answers are refused per question, before anything is stored.
    let refused = questionnaire
        .check(&[
            AnswerInput {
                question: 999_999,
                values: vec!["1".into()],
            },
            AnswerInput {
                question: scale.id,
                values: vec!["7".into()],
            },
        ])
        .err()
        .unwrap_or_default();
    let codes: Vec<&str> = refused.iter().map(|e| e.code).collect();
    assert_eq!(
        codes,
        ["question_unknown", "answer_missing", "scale_invalid"]
    );

    // Not yet open.
    assert!(matches!(
        answer_consultation(
            &app.ctx(),
            amina,
            checked(single.choices[0], "4"),
            youth.clone()
        )
        .await,
        Err(DomainError::Conflict("not_open"))
    ));
    let first_day = chrono::DateTime::parse_from_rfc3339("2027-04-30T23:00:00Z")
        .unwrap_or_else(|e| panic!("{e}"))
        .with_timezone(&chrono::Utc);
    app.clock.advance(first_day - app.clock_now());

    // For youth: the declaration is needed; the province must be of the region.
    assert!(matches!(
        answer_consultation(
            &app.ctx(),
            amina,
            checked(single.choices[0], "4"),
            Declaration::default()
        )
        .await,
        Err(DomainError::Validation {
            code: "audience_not_declared",
            ..
        })
    ));
    let elsewhere = Declaration {
        audience: true,
        province: Some("oujda-angad".into()),
    };
    assert!(matches!(
        answer_consultation(
            &app.ctx(),
            amina,
            checked(single.choices[0], "4"),
            elsewhere
        )
        .await,
        Err(DomainError::Validation {
            code: "province_not_in_region",
            ..
        })
    ));
    assert_eq!(
        response::Entity::find().count(&app.db).await.ok(),
        Some(0),
        "nothing stored"
    );

    answer_consultation(
        &app.ctx(),
        amina,
        checked(single.choices[0], "4"),
        youth.clone(),
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    // Changed later: the last answer counts, still one response.
    answer_consultation(
        &app.ctx(),
        amina,
        checked(single.choices[2], "2"),
        youth.clone(),
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let stored = answer::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default();
    assert_eq!(response::Entity::find().count(&app.db).await.ok(), Some(1));
    assert_eq!(stored.len(), 2);
    assert!(
        stored
            .iter()
            .any(|a| a.choice_id == Some(single.choices[2]))
    );
    assert!(stored.iter().any(|a| a.value == Some(2)));

    // Twenty answers of one account at once: one response, whole.
    let karim = app.user("karim@example.ma").await;
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..20 {
        let (ctx, answers, declaration) = (
            app.ctx(),
            checked(single.choices[n % 3], &(1 + n % 5).to_string()),
            youth.clone(),
        );
        tasks.spawn(async move { answer_consultation(&ctx, karim, answers, declaration).await });
    }
    while let Some(done) = tasks.join_next().await {
        done.unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let karims: Vec<response::Model> = response::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.user_id == karim.0)
        .collect();
    assert_eq!(karims.len(), 1);
    let rows = answer::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|a| a.response_id == karims[0].id)
        .count();
    assert_eq!(rows, 2, "one answer per question, from one of the twenty");

    // Closed: no more changes.
    app.clock.advance(Duration::days(31));
    assert!(matches!(
        answer_consultation(&app.ctx(), amina, checked(single.choices[1], "5"), youth).await,
        Err(DomainError::Conflict("not_open"))
    ));
}

//! Answering: once per account while open, editable until closing, with the declaration.

use chrono::Duration;
use domain::DomainError;
use sea_orm::{EntityTrait, PaginatorTrait};
use tests::{TestApp, TestResult, both_databases};

use super::{open_consultation, to_first_day};

both_databases!(a_citizen_answers_once_and_may_change_the_answer_until_closing);

async fn a_citizen_answers_once_and_may_change_the_answer_until_closing(
    app: TestApp,
) -> TestResult {
    use domain::consultations::answering::{Declaration, answer_consultation, load_questionnaire};
    use domain::consultations::questions::AnswerInput;
    use domain::entities::{answer, response};

    let id = open_consultation(&app).await;
    let amina = app.user("amina@example.ma").await;
    let questionnaire = load_questionnaire(&app.ctx(), id).await?;
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
        notify: false,
        audience: true,
        province: Some("taroudant".into()),
        cin: None,
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
            &Default::default(),
            checked(single.choices[0], "4"),
            youth.clone()
        )
        .await,
        Err(DomainError::Conflict("not_open"))
    ));
    to_first_day(&app);

    // For youth: the declaration is needed; the province must be of the region.
    assert!(matches!(
        answer_consultation(
            &app.ctx(),
            amina,
            &Default::default(),
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
        notify: false,
        audience: true,
        province: Some("oujda-angad".into()),
        cin: None,
    };
    assert!(matches!(
        answer_consultation(
            &app.ctx(),
            amina,
            &Default::default(),
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
        &Default::default(),
        checked(single.choices[0], "4"),
        youth.clone(),
    )
    .await?;
    // Changed later: the last answer counts, still one response.
    answer_consultation(
        &app.ctx(),
        amina,
        &Default::default(),
        checked(single.choices[2], "2"),
        youth.clone(),
    )
    .await?;
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
        tasks.spawn(async move {
            answer_consultation(&ctx, karim, &Default::default(), answers, declaration).await
        });
    }
    while let Some(done) = tasks.join_next().await {
        done??;
    }
    let karims: Vec<response::Model> = response::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.user_id == Some(karim.0))
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

    // The tallies the results are read from equal a count of the answers kept, after edits and
    // concurrent answers alike.
    assert_eq!(super::integrity::tallies_hold(&app, id).await, 2);

    // Closed: no more changes.
    app.clock.advance(Duration::days(31));
    assert!(matches!(
        answer_consultation(
            &app.ctx(),
            amina,
            &Default::default(),
            checked(single.choices[1], "5"),
            youth
        )
        .await,
        Err(DomainError::Conflict("not_open"))
    ));
    Ok(())
}

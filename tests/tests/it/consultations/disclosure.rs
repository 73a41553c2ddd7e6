//! Nobody singled out in results: cells under k (5) are hidden in pages, files and the API,
//! with a second cell when one alone could be worked out from the total; a consultation with
//! fewer than k responses shows its total only; a question fewer than k answered shows no
//! counts.

use chrono::Duration;
use domain::consultations::answering::{Declaration, answer_consultation, load_questionnaire};
use domain::consultations::disclosure::Detail;
use domain::consultations::outcome::{QuestionResult, get_results, publish_results};
use domain::consultations::questions::AnswerInput;
use domain::roles::Role;
use http::StatusCode;
use tests::{Client, TestApp, TestResult, both_databases};

use super::{answer_as, open_consultation, open_consultation_with, question, to_first_day};

both_databases!(
    small_cells_are_hidden_everywhere,
    a_small_consultation_shows_its_total_only,
    a_question_few_answered_shows_no_counts,
);

async fn publish(app: &TestApp, id: domain::types::ConsultationId) {
    let souss = app.region_id("souss-massa").await;
    let officer = app
        .staff(
            "officer@example.ma",
            Some(Role::CouncilOfficer { region_id: souss }),
        )
        .await;
    publish_results(&app.ctx(), &officer, id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}

async fn small_cells_are_hidden_everywhere(app: TestApp) -> TestResult {
    let id = open_consultation(&app).await;
    let questionnaire = load_questionnaire(&app.ctx(), id).await?;
    let provinces = app.provinces("souss-massa").await;
    let (big, small) = (&provinces[0], &provinces[1]);
    to_first_day(&app);
    // 7 in one province, 3 in another, 2 who gave none.
    for n in 0..12 {
        let province = match n {
            0..7 => Some(big.code.as_str()),
            7..10 => Some(small.code.as_str()),
            _ => None,
        };
        answer_as(&app, &questionnaire, n, (n % 3, "3"), province).await;
    }
    app.clock.advance(Duration::days(31));
    publish(&app, id).await;
    let results = get_results(&app.ctx(), None, id).await?;
    assert_eq!(results.detail, Detail::Full);
    assert_eq!(results.responses, 12, "the total is always shown");
    let mut cells = results.by_province.clone();
    cells.sort();
    let mut expected = vec![
        (None, None),
        (Some(big.id), Some(7)),
        (Some(small.id), None),
    ];
    expected.sort();
    assert_eq!(cells, expected);
    assert_eq!(results.declared, Some(12));
    // Four people per choice: every choice's count is hidden, the respondents shown.
    match &results.questions[0].1 {
        QuestionResult::Choices {
            respondents,
            shares,
        } => {
            assert_eq!(*respondents, 12);
            assert!(
                shares
                    .iter()
                    .all(|s| s.hidden && s.count == 0 && s.percent == 0.0)
            );
        }
        other => panic!("{other:?}"),
    }

    // The same in the files.
    let mut visitor = Client::new(&app);
    let json = visitor
        .get(&format!("/files/consultations/{}/results.json", id.0))
        .await
        .json();
    let cells = json["by_province"].as_array().cloned().unwrap_or_default();
    assert_eq!(cells.len(), 3);
    for cell in cells {
        let shown = if cell[0] == big.id {
            serde_json::json!(7)
        } else {
            serde_json::Value::Null
        };
        assert_eq!(cell[1], shown, "{cell}");
    }
    assert_eq!(json["min_cell"], 5);
    let page = visitor
        .get(&format!("/fr/r/souss-massa/consultations/{}/results", id.0))
        .await
        .text();
    let provinces_table = page
        .split_once("id=\"by-province\"")
        .and_then(|(_, rest)| rest.split_once("</section>"))
        .map(|(table, _)| table.to_owned())
        .unwrap_or_default();
    assert!(provinces_table.contains("moins de 5") && provinces_table.contains(">7<"));
    assert!(
        !provinces_table.contains(">3<") && !provinces_table.contains(">2<"),
        "no small cell in the page: {provinces_table}"
    );
    Ok(())
}

async fn a_small_consultation_shows_its_total_only(app: TestApp) -> TestResult {
    let id = open_consultation(&app).await;
    let questionnaire = load_questionnaire(&app.ctx(), id).await?;
    to_first_day(&app);
    for n in 0..4 {
        answer_as(&app, &questionnaire, n, (0, "5"), Some("taroudant")).await;
    }
    app.clock.advance(Duration::days(31));
    publish(&app, id).await;
    let results = get_results(&app.ctx(), None, id).await?;
    assert_eq!(results.detail, Detail::TooFewResponses);
    assert_eq!(results.responses, 4);
    assert!(results.questions.is_empty() && results.by_province.is_empty());
    assert_eq!(results.declared, None);

    let mut visitor = Client::new(&app);
    let page = visitor
        .get(&format!("/fr/r/souss-massa/consultations/{}/results", id.0))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let page = page.text();
    assert!(page.contains("Moins de 5 réponses"));
    assert!(!page.contains("role=\"img\""), "no chart");
    let csv = visitor
        .get(&format!(
            "/files/consultations/{}/results.csv?lang=fr",
            id.0
        ))
        .await
        .text();
    assert!(!csv.contains("Transport"), "{csv}");
    let json = visitor
        .get(&format!("/files/consultations/{}/results.json", id.0))
        .await
        .json();
    assert_eq!(json["detail"], "too_few_responses");
    assert_eq!(json["questions"], serde_json::json!([]));
    Ok(())
}

async fn a_question_few_answered_shows_no_counts(app: TestApp) -> TestResult {
    let mut scale = question("scale", &[]);
    scale.required = false;
    let id = open_consultation_with(&app, vec![question("single", &["Oui", "Non"]), scale]).await;
    let questionnaire = load_questionnaire(&app.ctx(), id).await?;
    let (single, scale) = (&questionnaire.questions()[0], &questionnaire.questions()[1]);
    to_first_day(&app);
    for n in 0..8 {
        let mut inputs = vec![AnswerInput {
            question: single.id,
            values: vec![single.choices[n % 2].to_string()],
        }];
        if n < 3 {
            inputs.push(AnswerInput {
                question: scale.id,
                values: vec!["2".into()],
            });
        }
        let answers = questionnaire
            .check(&inputs)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let user = app.user(&format!("citizen{n}@example.ma")).await;
        let declaration = Declaration {
            audience: true,
            ..Declaration::default()
        };
        answer_consultation(&app.ctx(), user, &Default::default(), answers, declaration).await?;
    }
    app.clock.advance(Duration::days(31));
    publish(&app, id).await;
    let results = get_results(&app.ctx(), None, id).await?;
    assert!(matches!(
        results.questions[0].1,
        QuestionResult::Choices { respondents: 8, .. }
    ));
    assert_eq!(results.questions[1].1, QuestionResult::Withheld);
    let page = Client::new(&app)
        .get(&format!("/fr/r/souss-massa/consultations/{}/results", id.0))
        .await
        .text();
    assert!(page.contains("Moins de 5 personnes ont répondu à cette question"));
    Ok(())
}

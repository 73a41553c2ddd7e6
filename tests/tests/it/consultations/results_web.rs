//! The results page and the exports over HTTP: for the region's officers the total while open
//! and every count once closed, public once published; each question as an SVG chart with a
//! table of the same numbers; small cells hidden; CSV and JSON without personal data.

use chrono::Duration;
use domain::consultations::answering::load_questionnaire;
use domain::roles::Role;
use http::StatusCode;
use tests::{Client, TestApp, TestResult, both_databases};

use super::{answer_as, open_consultation, to_first_day};

both_databases!(results_are_charts_and_tables_then_public_and_exported_without_personal_data);

async fn results_are_charts_and_tables_then_public_and_exported_without_personal_data(
    app: TestApp,
) -> TestResult {
    let id = open_consultation(&app).await;
    let souss = app.region_id("souss-massa").await;
    let officer = app
        .staff(
            "officer@example.ma",
            Some(Role::CouncilOfficer { region_id: souss }),
        )
        .await;
    let questionnaire = load_questionnaire(&app.ctx(), id).await?;
    to_first_day(&app);
    // Ten citizens: Transport and 5 ×5, Emploi and 1 ×5; nine from Taroudant.
    for (n, answer) in (0..10)
        .map(|n| if n < 5 { (0, "5") } else { (2, "1") })
        .enumerate()
    {
        answer_as(
            &app,
            &questionnaire,
            n,
            answer,
            (n < 9).then_some("taroudant"),
        )
        .await;
    }
    let results = format!("/fr/r/souss-massa/consultations/{}/results", id.0);
    let csv = format!("/files/consultations/{}/results.csv?lang=fr", id.0);
    let json = format!("/files/consultations/{}/results.json", id.0);

    let mut visitor = Client::new(&app);
    assert_eq!(visitor.get(&results).await.status, StatusCode::NOT_FOUND);
    assert_eq!(visitor.get(&csv).await.status, StatusCode::NOT_FOUND);
    let mut staff = Client::signed_in(&app, "officer@example.ma", "fr").await;
    // While open, the officers see the number of responses only, in the page and the files.
    let open = staff.get(&results).await;
    assert_eq!(open.status, StatusCode::OK);
    let open = open.text();
    assert!(open.contains("10 réponses."));
    assert!(open.contains("Tant que la consultation est ouverte"));
    assert!(!open.contains("role=\"img\"") && !open.contains("50,0"));
    let file = staff.get(&json).await.json();
    assert_eq!(file["responses"], 10);
    assert_eq!(file["detail"], "total_while_open");
    assert_eq!(file["questions"], serde_json::json!([]));
    assert_eq!(file["by_province"], serde_json::json!([]));

    // Closed: every count, for the officers (signed in again: a staff session lasts 12 hours).
    app.clock.advance(Duration::days(31));
    let mut staff = Client::signed_in(&app, "officer@example.ma", "fr").await;
    let live = staff.get(&results).await;
    assert_eq!(live.status, StatusCode::OK);
    let live = live.text();
    assert!(live.contains("Résultats vus seulement par les agents"));
    assert!(live.contains("10 réponses."));
    assert!(live.contains("Une réponse par compte"));
    assert!(
        live.contains("role=\"img\""),
        "each chart is an image with a text alternative"
    );
    assert!(
        live.contains("Transport: 50,0 %"),
        "its description holds the numbers"
    );
    assert!(
        live.contains("<th scope=\"row\" dir=\"auto\">Transport<"),
        "and a table the same"
    );
    assert!(live.contains("50,0 %<"));
    assert!(live.contains("moyenne 3,00"));

    // Public once published; the same numbers, and the exports.
    domain::consultations::outcome::publish_results(&app.ctx(), &officer, id).await?;
    let public = visitor.get(&results).await;
    assert_eq!(public.status, StatusCode::OK);
    let public = public.text();
    assert!(!public.contains("Résultats vus seulement"));
    assert!(public.contains("Transport: 50,0 %"));
    // One response without a province would be the total minus Taroudant's: both hidden.
    assert!(public.contains("Taroudant") && public.contains("Non indiquée"));
    let provinces_table = public
        .split_once("id=\"by-province\"")
        .and_then(|(_, rest)| rest.split_once("</section>"))
        .map(|(table, _)| table.to_owned())
        .unwrap_or_default();
    assert!(
        provinces_table.contains("moins de 5")
            && !provinces_table.contains(">9<")
            && !provinces_table.contains(">1<")
    );
    assert!(public.contains("Les effectifs de moins de 5 ne sont pas affichés"));
    let arabic = visitor
        .get(&format!("/ar/r/souss-massa/consultations/{}/results", id.0))
        .await
        .text();
    assert!(arabic.contains("<html lang=\"ar\" dir=\"rtl\""));

    let file = visitor.get(&csv).await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(file.header("content-type").starts_with("text/csv"));
    let text = file.text();
    assert!(
        text.starts_with('\u{feff}'),
        "a byte order mark for spreadsheets"
    );
    assert!(text.contains("Transport") && text.contains("Quelle priorité pour la région ?"));
    let data = visitor.get(&json).await;
    assert_eq!(data.status, StatusCode::OK);
    assert_eq!(data.json()["responses"], 10);
    assert_eq!(
        data.json()["by_province"],
        serde_json::json!([
            [null, null],
            [data.json()["by_province"][1][0].clone(), null]
        ])
    );
    for body in [text, data.text()] {
        assert!(
            !body.contains("@example.ma"),
            "no participant in the exports"
        );
        assert!(!body.contains("user"), "no account in the exports");
    }
    Ok(())
}

//! The results page and the exports over HTTP: live for the region's officers, public once
//! published; each question as an SVG chart with a table of the same numbers; CSV and JSON
//! without personal data.

use chrono::Duration;
use domain::consultations::answering::load_questionnaire;
use domain::roles::Role;
use http::StatusCode;
use tests::{Client, TestApp, both_databases};

use super::{answer_as, open_consultation, to_first_day};

both_databases!(results_are_charts_and_tables_then_public_and_exported_without_personal_data);

async fn results_are_charts_and_tables_then_public_and_exported_without_personal_data(
    app: TestApp,
) {
    let id = open_consultation(&app).await;
    let souss = app.region_id("souss-massa").await;
    let officer = app
        .staff(
            "officer@example.ma",
            Some(Role::CouncilOfficer { region_id: souss }),
        )
        .await;
    let questionnaire = load_questionnaire(&app.ctx(), id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    to_first_day(&app);
    // Three citizens: Transport, Transport, Emploi; points 5, 4, 1.
    for (n, answer) in [(0, "5"), (0, "4"), (2, "1")].into_iter().enumerate() {
        answer_as(
            &app,
            &questionnaire,
            n,
            answer,
            (n == 0).then_some("taroudant"),
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
    let live = staff.get(&results).await;
    assert_eq!(live.status, StatusCode::OK);
    let live = live.text();
    assert!(live.contains("Résultats en direct"));
    assert!(live.contains("3 réponses."));
    assert!(
        live.contains("role=\"img\""),
        "each chart is an image with a text alternative"
    );
    assert!(
        live.contains("Transport: 66,7 %"),
        "its description holds the numbers"
    );
    assert!(
        live.contains("<th scope=\"row\">Transport<"),
        "and a table the same"
    );
    assert!(live.contains("66,7 %<"));
    assert!(live.contains("moyenne 3,33"));

    // Public once published after the last day; the same numbers, and the exports.
    app.clock.advance(Duration::days(31));
    domain::consultations::outcome::publish_results(&app.ctx(), &officer, id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let public = visitor.get(&results).await;
    assert_eq!(public.status, StatusCode::OK);
    let public = public.text();
    assert!(!public.contains("Résultats en direct"));
    assert!(public.contains("Transport: 66,7 %"));
    assert!(public.contains("Taroudant") && public.contains("Non indiquée"));
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
    assert_eq!(data.json()["responses"], 3);
    for body in [text, data.text()] {
        assert!(
            !body.contains("@example.ma"),
            "no participant in the exports"
        );
        assert!(!body.contains("user"), "no account in the exports");
    }
}

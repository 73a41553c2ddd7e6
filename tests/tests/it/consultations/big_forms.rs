//! A questionnaire form stuffed with fields: refused whole past what any questionnaire has,
//! grouped without quadratic work below that, and never copied whole into the session.

use domain::entities::{response, session};
use http::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};
use tests::{Client, TestApp, TestResult, both_databases};

use super::{open_consultation, to_first_day};

both_databases!(a_questionnaire_stuffed_with_fields_is_refused_and_changes_nothing);

async fn a_questionnaire_stuffed_with_fields_is_refused_and_changes_nothing(
    app: TestApp,
) -> TestResult {
    let id = open_consultation(&app).await.0.to_string();
    to_first_day(&app);
    app.user("amina@example.ma").await;
    let mut amina = Client::signed_in(&app, "amina@example.ma", "fr").await;
    let head = [
        ("lang", "fr"),
        ("region", "souss-massa"),
        ("id", id.as_str()),
    ];

    // 100,000 distinct questions (about 1 MB): refused at once, with a page in French.
    let names: Vec<String> = (0..100_000).map(|n| format!("q{n}")).collect();
    let mut fields: Vec<(&str, &str)> = head.to_vec();
    fields.extend(names.iter().map(|n| (n.as_str(), "1")));
    let started = std::time::Instant::now();
    let stuffed = amina.post_form("/consultations/answer", &fields).await;
    assert_eq!(stuffed.status, StatusCode::BAD_REQUEST);
    assert!(stuffed.text().contains("Ce formulaire n’a pas pu être lu"));
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "answered in {:?}",
        started.elapsed()
    );

    // Just under the cap, with long values: checked, refused, and what comes back to the
    // form is bounded.
    let long = "x".repeat(400);
    let names: Vec<String> = (0..1_990).map(|n| format!("q{}", 900_000 + n)).collect();
    let mut fields: Vec<(&str, &str)> = head.to_vec();
    fields.push(("audience", "on"));
    fields.extend(names.iter().map(|n| (n.as_str(), long.as_str())));
    let refused = amina.post_form("/consultations/answer", &fields).await;
    assert_eq!(refused.status, StatusCode::SEE_OTHER);
    let largest = session::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default()
        .iter()
        .map(|s| s.data.len())
        .max()
        .unwrap_or_default();
    assert!(largest < 100 * 1024, "a session holds {largest} bytes");
    assert_eq!(
        response::Entity::find().count(&app.db).await.unwrap_or(9),
        0,
        "nothing was stored"
    );
    // The page still shows, with the errors.
    let page = amina
        .get(&format!("/fr/r/souss-massa/consultations/{id}"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    Ok(())
}

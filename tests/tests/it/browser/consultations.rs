//! Browser journeys of consultations: answering in French and Arabic, the review of free-text answers.

use tests::TestApp;

use super::{scenario, serve};

/// A consultation in French, then in Arabic, without JavaScript: a citizen (one per language)
/// answers the questionnaire (a mistake first) and makes a proposal, another supports it, a
/// council officer opens the management, live results and new-consultation pages; every page
/// passes axe.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consultation_in_french_and_arabic_without_javascript() {
    use domain::roles::Role;

    let app = TestApp::sqlite().await;
    for citizen in ["amina", "karima", "omar"] {
        app.user(&format!("{citizen}@example.ma")).await;
    }
    let id = crate::consultations::open_consultation(&app).await;
    let souss = app.region_id("souss-massa").await;
    app.staff(
        "officer@example.ma",
        Some(Role::CouncilOfficer { region_id: souss }),
    )
    .await;
    crate::consultations::to_first_day(&app);
    let (addr, server) = serve(&app).await;
    for lang in ["fr", "ar"] {
        let path = format!("/{lang}/r/souss-massa/consultations/{}", id.0);
        scenario(addr, &["journey-consultation", &path]).await;
    }
    server.abort();
    let results = domain::consultations::outcome::get_results(
        &app.ctx(),
        Some(&app.staff("officer@example.ma", None).await),
        id,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(results.responses, 2, "one response per account");
}

/// The review of free-text answers before results, without JavaScript, in French and in Arabic
/// (a closed consultation each, with a text carrying a phone number and an ordinary one): the
/// officer is stopped until the texts are reviewed, hides one, keeps the other, publishes; every
/// page passes axe.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn free_text_answers_are_reviewed_before_results_are_published() {
    use crate::consultations::integrity::{answer_text, consultation_with_text};

    let app = TestApp::sqlite().await;
    let mut paths = Vec::new();
    for lang in ["fr", "ar"] {
        let id = consultation_with_text(&app).await;
        paths.push(format!("/{lang}/r/souss-massa/consultations/{}", id.0));
    }
    crate::consultations::to_first_day(&app);
    for (n, path) in paths.iter().enumerate() {
        let id = domain::types::ConsultationId(
            path.rsplit('/')
                .next()
                .and_then(|i| i.parse().ok())
                .unwrap_or(0),
        );
        for (who, text) in [
            ("amina", "Appelez-moi au 0612345678 pour en parler"),
            ("karim", "Plus de bus vers Taroudant, حافلات كل ساعة"),
            ("omar", ""),
            ("sara", ""),
            ("yassine", ""),
        ] {
            answer_text(&app, id, &format!("{who}{n}@example.ma"), text)
                .await
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }
    app.clock.advance(chrono::Duration::days(31));
    let (addr, server) = serve(&app).await;
    for path in &paths {
        scenario(addr, &["journey-review", path]).await;
    }
    server.abort();
}

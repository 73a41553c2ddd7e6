//! The guides library in the browser: councils adopt and publish guides.

use tests::TestApp;

use super::{scenario, serve};

/// The guides library without JavaScript, in French and Arabic: a council officer of each of two
/// regions opens the library, adopts the national "how to petition" guide, adapts the copy's
/// title and publishes it; a visitor reads the copy in the region's list with the region's name.
/// The library, a guide in Tifinagh and English, and the history pass axe too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn councils_adopt_and_publish_guides_without_javascript() {
    use domain::guides::views::starter_guide;
    use domain::roles::Role;

    let app = TestApp::sqlite().await;
    for (email, slug) in [
        ("officer@example.ma", "souss-massa"),
        ("officer-oriental@example.ma", "oriental"),
    ] {
        let region_id = app.region_id(slug).await;
        app.staff(email, Some(Role::CouncilOfficer { region_id }))
            .await;
    }
    let how = starter_guide(&app.ctx(), "how_to_petition", None)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("shipped"));
    let (addr, server) = serve(&app).await;
    for lang in ["fr", "ar"] {
        scenario(
            addr,
            &["journey-guides", &format!("/{lang}/guides/{}", how.0)],
        )
        .await;
    }
    for (slug, id) in [("souss-massa", how), ("oriental", how)] {
        let region = app.region_id(slug).await;
        let read = starter_guide(&app.ctx(), "how_to_petition", Some(region))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            read.is_some_and(|copy| copy != id),
            "{slug} reads its own copy"
        );
    }
    let guide = format!("/zgh/guides/{}", how.0);
    let english = format!("/en/r/souss-massa/guides/{}", how.0);
    let history = format!("/fr/guides/{}/history", how.0);
    scenario(
        addr,
        &[
            "audit-signed-in",
            "officer@example.ma",
            "/zgh/guides",
            &guide,
            &english,
            &history,
            "/ar/r/souss-massa/guides/new",
        ],
    )
    .await;
    server.abort();
}

//! Each council's identity in the browser, without JavaScript.

use domain::regions::identity::region_identity;
use domain::roles::Role;
use domain::types::RegionSlug;
use tests::TestApp;

use super::{scenario, serve};

/// In French (Souss-Massa) and Arabic (Oriental): the council officer opens the identity form
/// from the staff dashboard, types a colour too pale for white text (refused, explained, what was
/// typed kept), then a dark one with the contact and a presentation, and uploads the logo; a
/// visitor sees the band in the council's colour with its logo, the presentation and the contact.
/// Every page passes axe.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn councils_set_their_identity_without_javascript() {
    let app = TestApp::sqlite().await;
    for (email, slug) in [
        ("officer@example.ma", "souss-massa"),
        ("officer-oriental@example.ma", "oriental"),
    ] {
        let region_id = app.region_id(slug).await;
        app.staff(email, Some(Role::CouncilOfficer { region_id }))
            .await;
    }
    let (addr, server) = serve(&app).await;
    for path in ["/fr/r/souss-massa/identity", "/ar/r/oriental/identity"] {
        scenario(addr, &["journey-identity", path]).await;
    }
    server.abort();
    for slug in ["souss-massa", "oriental"] {
        let slug = RegionSlug::parse(slug).unwrap_or_else(|e| panic!("{e}"));
        let identity = region_identity(&app.ctx(), &slug)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(identity.colour.as_deref(), Some("#7a1f3d"));
        assert!(identity.has_logo, "{slug:?} has its logo");
    }
}

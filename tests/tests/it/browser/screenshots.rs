//! The main pages photographed in Arabic and French at a phone's width (360 px) and a desktop's
//! (1280 px), into `target/screenshots`: part of the tests' output, to be looked at. None of
//! them scrolls sideways on the phone; each passes axe in the four languages.

use std::path::Path;

use domain::regions::identity::set_identity;
use domain::types::RegionSlug;
use tests::TestApp;

use super::{scenario, serve};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_main_pages_are_photographed_at_phone_and_desktop_widths() {
    let app = TestApp::sqlite().await;
    let ctx = app.ctx();
    let identity = crate::identity::identity();
    let souss = RegionSlug::parse("souss-massa").unwrap_or_else(|e| panic!("{e}"));
    set_identity(&ctx, &app.admin().await, &souss, identity)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let id = crate::petitions::published(&app, "souss-massa").await;
    let petition = format!("/r/souss-massa/petitions/{}", id.0);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    let dir = dir.to_string_lossy();
    let (addr, server) = serve(&app).await;
    scenario(
        addr,
        &[
            "screenshots",
            &dir,
            "",
            "/r/souss-massa",
            "/r/souss-massa/petitions",
            &petition,
            "/guides",
        ],
    )
    .await;
    server.abort();
}

//! Browser tests in headless Chromium (the system's `chromium`, or `CHROMIUM_PATH`), driven by
//! `tests/browser/run.mjs` (playwright-core + axe-core, installed by `cargo xtask test`) against
//! the real server on a local port: the Arabic home page is right-to-left and hydrates, every page
//! works without JavaScript, and axe-core (WCAG 2.1 AA) finds no violation in any language.
//!
//! One room per feature: `petitions` (a petition's life, paper sheets and fraud review),
//! `consultations`, `staff` (the staff's pages under axe), `guides`, `identity`, and `screenshots` (the main
//! pages photographed at phone and desktop widths in Arabic and French).

mod consultations;
mod guides;
mod identity;
mod petitions;
mod screenshots;
mod staff;

use std::net::SocketAddr;
use std::path::Path;

use domain::mail::{MemoryMailer, outbox};
use tests::TestApp;

/// Serves `app` on a local port until the returned task is aborted.
async fn serve(app: &TestApp) -> (SocketAddr, tokio::task::JoinHandle<std::io::Result<()>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("cannot bind: {e}"));
    let addr = listener
        .local_addr()
        .unwrap_or_else(|e| panic!("no local address: {e}"));
    let router = app.router.clone();
    (
        addr,
        tokio::spawn(async move { axum::serve(listener, router).await }),
    )
}

/// Runs one scenario of `run.mjs` and fails with its report when it fails; gives its report.
async fn scenario(addr: SocketAddr, args: &[&str]) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("browser");
    assert!(
        dir.join("node_modules/playwright-core").is_dir(),
        "browser-test packages are missing: run the tests with `cargo xtask test`"
    );
    let chromium = std::env::var("CHROMIUM_PATH").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "Chromium not found at {chromium}: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH"
    );
    let output = tokio::process::Command::new("node")
        .arg(dir.join("run.mjs"))
        .arg(format!("http://{addr}"))
        .args(args)
        .env("CHROMIUM_PATH", &chromium)
        .output()
        .await
        .unwrap_or_else(|e| panic!("cannot run node (Node.js is needed for browser tests): {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "browser tests failed:\n{stdout}\n{stderr}"
    );
    stdout.into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn regions_journeys_and_accessibility_in_chromium() {
    let app = TestApp::sqlite().await;
    let (addr, server) = serve(&app).await;
    scenario(addr, &["regions"]).await;
    server.abort();
}

/// Register in Arabic without JavaScript, open the verification link from the outbox, sign in,
/// sign out; every page of the journey passes axe.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn account_journey_in_arabic_without_javascript() {
    let app = TestApp::sqlite().await;
    let (addr, server) = serve(&app).await;
    scenario(addr, &["account-register"]).await;

    let mailer = MemoryMailer::default();
    outbox::deliver_due(&app.ctx(), &mailer, 10)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let sent = mailer.sent();
    assert_eq!(sent.len(), 1, "one verification email");
    let path = sent[0]
        .text
        .split(tests::PUBLIC_URL)
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no link in {}", sent[0].text))
        .to_owned();
    assert!(path.starts_with("/ar/account/verify?token="), "{path}");
    // Amina is also the platform admin, so that the journey reaches the admin page.
    domain::roles::bootstrap_admin(&app.ctx(), domain::types::UserId(1))
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    scenario(addr, &["account-sign-in", &path]).await;
    server.abort();
}

/// Sends the emails due and gives them.
async fn deliver(app: &TestApp) -> Vec<domain::mail::OutgoingEmail> {
    let mailer = MemoryMailer::default();
    outbox::deliver_due(&app.ctx(), &mailer, 100)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    mailer.sent()
}

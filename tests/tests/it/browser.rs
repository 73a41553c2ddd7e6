//! Browser tests in headless Chromium (the system's `chromium`, or `CHROMIUM_PATH`), driven by
//! `tests/browser/run.mjs` (playwright-core + axe-core, installed by `cargo xtask test`) against
//! the real server on a local port: the Arabic home page is right-to-left and hydrates, every page
//! works without JavaScript, and axe-core (WCAG 2.1 AA) finds no violation in any language.

use std::path::Path;

use tests::TestApp;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn journeys_and_accessibility_in_chromium() {
    let app = TestApp::sqlite().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("cannot bind: {e}"));
    let addr = listener
        .local_addr()
        .unwrap_or_else(|e| panic!("no local address: {e}"));
    let router = app.router.clone();
    let server = tokio::spawn(async move { axum::serve(listener, router).await });

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
        .env("CHROMIUM_PATH", &chromium)
        .output()
        .await
        .unwrap_or_else(|e| panic!("cannot run node (Node.js is needed for browser tests): {e}"));
    server.abort();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "browser tests failed:\n{stdout}\n{stderr}"
    );
}

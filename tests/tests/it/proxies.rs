//! Behind a reverse proxy, per-address limits count each client, not the proxy: the client
//! address in `X-Forwarded-For` is believed from `TRUSTED_PROXIES` only; IPv6 counts per /64.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use http::{Request, StatusCode};
use tests::{PUBLIC_URL, TestApp, TestResult};

/// Asks for a password reset (limited to 20 an hour per client) from `peer`, naming `forwarded`.
async fn reset_from(app: &TestApp, peer: &str, forwarded: Option<&str>) -> StatusCode {
    let mut builder = Request::post("/fn/request_password_reset")
        .header("origin", PUBLIC_URL)
        .header("host", "musharaka.test")
        .header("accept", "text/html")
        .header("content-type", "application/x-www-form-urlencoded");
    if let Some(forwarded) = forwarded {
        builder = builder.header("x-forwarded-for", forwarded);
    }
    let mut request = builder
        .body(Body::from("lang=fr&email=nobody%40example.ma"))
        .unwrap_or_else(|e| panic!("{e}"));
    let peer: SocketAddr = peer.parse().unwrap_or_else(|e| panic!("{e}"));
    request.extensions_mut().insert(ConnectInfo(peer));
    app.request(request).await.status
}

async fn behind_a_proxy(app: TestApp) {
    // 21 different clients through the proxy: none is limited by the others.
    for n in 0..21 {
        let status = reset_from(&app, "127.0.0.1:40000", Some(&format!("198.51.100.{n}"))).await;
        assert_eq!(status, StatusCode::FOUND, "client {n}");
    }
    // One client 21 times: the 21st is refused, and only that client.
    let mut last = StatusCode::OK;
    for _ in 0..21 {
        last = reset_from(&app, "127.0.0.1:40000", Some("203.0.113.5")).await;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        reset_from(&app, "127.0.0.1:40000", Some("203.0.113.6")).await,
        StatusCode::FOUND
    );
    // A client that writes its own header in front is not believed.
    assert_eq!(
        reset_from(&app, "127.0.0.1:40000", Some("1.1.1.1, 203.0.113.5")).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Anyone else's header is ignored: an untrusted peer is the client, whatever it names.
    for n in 0..20 {
        let status = reset_from(&app, "192.0.2.9:1234", Some(&format!("10.0.0.{n}"))).await;
        assert_eq!(status, StatusCode::FOUND);
    }
    assert_eq!(
        reset_from(&app, "192.0.2.9:1234", Some("10.9.9.9")).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // IPv6: addresses of one /64 are one client.
    for n in 1..=20 {
        let peer = format!("[2001:db8:5:5::{n:x}]:443");
        assert_eq!(reset_from(&app, &peer, None).await, StatusCode::FOUND);
    }
    assert_eq!(
        reset_from(&app, "[2001:db8:5:5:ffff::1]:443", None).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        reset_from(&app, "[2001:db8:5:6::1]:443", None).await,
        StatusCode::FOUND
    );
}

fn trust_loopback(config: &mut server::Config) {
    config.trusted_proxies =
        vec![server::client_origin::parse_network("127.0.0.1").unwrap_or_else(|e| panic!("{e}"))];
}

#[tokio::test]
async fn limits_count_clients_behind_a_trusted_proxy_sqlite() -> TestResult {
    behind_a_proxy(TestApp::sqlite_with(trust_loopback).await).await;
    Ok(())
}

#[tokio::test]
async fn limits_count_clients_behind_a_trusted_proxy_postgres() -> TestResult {
    if let Some(app) = TestApp::postgres_with(trust_loopback).await {
        behind_a_proxy(app).await;
    }
    Ok(())
}

//! Rate limits: failed sign-ins back off and stop at 100 an hour per account and client (a
//! stranger's failures never lock the owner out); forms answer 429
//! with Retry-After and a localised page.

use domain::accounts;
use domain::rate_limits::{self, Decision};
use domain::types::ClientOrigin;
use http::StatusCode;
use tests::{Client, TestApp, TestResult, both_databases};

use super::registered_and_verified;

both_databases!(
    failed_sign_ins_back_off_then_stop_for_the_hour,
    sign_in_over_the_limit_is_a_localised_429,
    registrations_from_one_address_are_limited,
);

const PASSWORD: &str = "tajine-sous-la-pluie-42";

async fn failed_sign_ins_back_off_then_stop_for_the_hour(app: TestApp) -> TestResult {
    registered_and_verified(&app, "amina@example.ma").await;
    let ctx = app.ctx();
    let stranger = ClientOrigin::new("203.0.113.66".parse().ok(), None);
    let owner = ClientOrigin::new("198.51.100.20".parse().ok(), None);
    let attempt = |password: &'static str, from: &ClientOrigin| {
        let (ctx, from) = (ctx.clone(), from.clone());
        async move { accounts::authenticate(&ctx, "amina@example.ma", password.into(), &from).await }
    };
    for _ in 0..rate_limits::BACKOFF_AFTER_FAILURES {
        let wrong = attempt("wrong password!", &stranger).await;
        assert_eq!(wrong.err().map(|e| e.code()), Some("invalid_credentials"));
    }
    let waiting = attempt(PASSWORD, &stranger).await;
    assert_eq!(
        waiting.err().map(|e| e.code()),
        Some("too_many_attempts"),
        "even the right password waits, from where the failures came"
    );
    assert!(
        attempt(PASSWORD, &owner).await.is_ok(),
        "a stranger's failures do not lock the owner out"
    );
    app.clock.advance(chrono::Duration::seconds(1));
    assert!(attempt(PASSWORD, &stranger).await.is_ok());

    // 100 failures in the hour: closed until the hour is over, whatever the backoff.
    for _ in 0..100 {
        rate_limits::record_sign_in_failure(&ctx, " AMINA@example.ma", &stranger.limit_key())
            .await?;
    }
    app.clock.advance(chrono::Duration::minutes(16));
    let decision =
        rate_limits::may_try_sign_in(&ctx, "amina@example.ma", &stranger.limit_key()).await?;
    assert!(matches!(decision, Decision::Denied { .. }), "{decision:?}");
    assert!(
        attempt(PASSWORD, &owner).await.is_ok(),
        "the owner still signs in"
    );
    app.clock.advance(chrono::Duration::hours(1));
    assert!(attempt(PASSWORD, &stranger).await.is_ok());
    let other =
        rate_limits::may_try_sign_in(&ctx, "omar@example.ma", &stranger.limit_key()).await?;
    assert_eq!(other, Decision::Allowed, "other accounts are not affected");
    Ok(())
}

async fn sign_in_over_the_limit_is_a_localised_429(app: TestApp) -> TestResult {
    registered_and_verified(&app, "amina@example.ma").await;
    let mut browser = Client::new(&app);
    for _ in 0..rate_limits::BACKOFF_AFTER_FAILURES {
        let response = browser
            .post_form(
                "/fn/sign_in",
                &[
                    ("lang", "ar"),
                    ("email", "amina@example.ma"),
                    ("password", "wrong password!"),
                ],
            )
            .await;
        assert_eq!(response.status, StatusCode::FOUND);
    }
    let limited = browser
        .post_form(
            "/fn/sign_in",
            &[
                ("lang", "ar"),
                ("email", "amina@example.ma"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.header("retry-after"), "1");
    let page = limited.text();
    assert!(page.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(page.contains("محاولات كثيرة جدًا"));
    assert!(page.contains("role=\"alert\""));
    Ok(())
}

async fn registrations_from_one_address_are_limited(app: TestApp) -> TestResult {
    let mut browser = Client::new(&app);
    let form = [
        ("lang", "fr"),
        ("email", "x"),
        ("display_name", ""),
        ("password", ""),
        ("email_lang", "fr"),
    ];
    for _ in 0..rate_limits::REGISTER_PER_IP.max {
        assert_eq!(
            browser.post_form("/fn/register", &form).await.status,
            StatusCode::FOUND
        );
    }
    let limited = browser.post_form("/fn/register", &form).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.text().contains("Trop de tentatives"));
    let seconds: i64 = limited.header("retry-after").parse().unwrap_or_default();
    assert!((1..=3600).contains(&seconds), "{seconds}");
    Ok(())
}

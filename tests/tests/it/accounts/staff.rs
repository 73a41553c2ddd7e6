//! Staff sessions are short (30 minutes idle, 12 hours in all) and staff sign-ins are audit-logged.

use chrono::Duration;
use domain::entities::{audit_entry, session};
use domain::types::{DisplayName, Email, Lang, NewPassword};
use sea_orm::EntityTrait;
use tests::{Client, TestApp, TestResult, both_databases};

use super::registered_and_verified;

both_databases!(
    staff_sessions_end_after_30_idle_minutes,
    staff_sessions_end_after_12_hours_even_when_used,
    citizen_sessions_outlive_30_idle_minutes,
);

const PASSWORD: &str = "tajine-sous-la-pluie-42";

async fn signed_in(browser: &mut Client<'_>) -> bool {
    let page = browser.get("/fr").await;
    assert_eq!(page.status, http::StatusCode::OK, "{}", page.text());
    page.text().contains("action=\"/fn/sign_out\"")
}

async fn sign_in_admin(app: &TestApp) -> Client<'_> {
    let (id, _) = domain::accounts::ensure_verified_account(
        &app.ctx(),
        &Email::parse("admin@example.ma").unwrap_or_else(|e| panic!("{e}")),
        &DisplayName::parse("Admin").unwrap_or_else(|e| panic!("{e}")),
        &NewPassword::parse(PASSWORD, &[]).unwrap_or_else(|e| panic!("{e}")),
        Lang::Fr,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    domain::roles::bootstrap_admin(&app.ctx(), id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut browser = Client::new(app);
    browser
        .post_form(
            "/fn/sign_in",
            &[
                ("lang", "fr"),
                ("email", "admin@example.ma"),
                ("password", PASSWORD),
            ],
        )
        .await;
    browser
}

async fn staff_sessions_end_after_30_idle_minutes(app: TestApp) -> TestResult {
    let mut browser = sign_in_admin(&app).await;
    assert!(signed_in(&mut browser).await);
    let log = audit_entry::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default();
    assert!(
        log.iter().any(|e| e.action == "staff_signed_in"),
        "staff sign-ins are audit-logged"
    );

    app.clock.advance(Duration::minutes(29));
    assert!(
        signed_in(&mut browser).await,
        "29 idle minutes: still signed in"
    );
    app.clock.advance(Duration::minutes(29));
    assert!(
        signed_in(&mut browser).await,
        "each use restarts the idle time"
    );
    app.clock.advance(Duration::minutes(30));
    assert!(
        !signed_in(&mut browser).await,
        "30 idle minutes end a staff session"
    );
    assert!(!signed_in(&mut browser).await, "and it stays ended");
    Ok(())
}

async fn staff_sessions_end_after_12_hours_even_when_used(app: TestApp) -> TestResult {
    let mut browser = sign_in_admin(&app).await;
    for _ in 0..28 {
        app.clock.advance(Duration::minutes(25));
        assert!(signed_in(&mut browser).await);
    }
    app.clock.advance(Duration::minutes(25));
    assert!(
        !signed_in(&mut browser).await,
        "12 hours end a staff session, used or not"
    );
    Ok(())
}

async fn citizen_sessions_outlive_30_idle_minutes(app: TestApp) -> TestResult {
    registered_and_verified(&app, "amina@example.ma").await;
    let mut browser = Client::new(&app);
    browser
        .post_form(
            "/fn/sign_in",
            &[
                ("lang", "fr"),
                ("email", "amina@example.ma"),
                ("password", PASSWORD),
            ],
        )
        .await;
    app.clock.advance(Duration::hours(13));
    assert!(signed_in(&mut browser).await);

    // Using the site does not write the session each time: once a day at most.
    let stored = || async {
        session::Entity::find()
            .all(&app.db)
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|s| s.data)
            .collect::<Vec<_>>()
    };
    let before = stored().await;
    for _ in 0..3 {
        assert!(signed_in(&mut browser).await);
    }
    assert_eq!(stored().await, before, "three pages, no write");
    app.clock.advance(Duration::hours(25));
    assert!(signed_in(&mut browser).await);
    assert_ne!(stored().await, before, "a day later, its use is noted");
    let log = audit_entry::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default();
    assert!(!log.iter().any(|e| e.action == "staff_signed_in"));
    Ok(())
}

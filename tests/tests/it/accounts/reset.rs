//! Forgotten passwords: a reset link by email (one hour, once) that ends every session.

use domain::accounts;
use http::StatusCode;
use tests::{Client, TestApp, TestResult, both_databases};

use super::{deliver, redacted, registered_and_verified, token_of};

both_databases!(
    reset_link_sets_a_new_password_once_and_ends_every_session,
    reset_link_expires_after_an_hour,
    unknown_address_gets_the_same_answer_and_no_email,
    reset_over_http_without_javascript,
    a_bogus_reset_link_costs_no_hash_and_setting_passwords_is_limited,
    only_the_newest_reset_link_works_until_the_password_changes,
);

const OLD: &str = "tajine-sous-la-pluie-42";
const NEW: &str = "couscous-du-vendredi-7";

async fn reset_link_sets_a_new_password_once_and_ends_every_session(app: TestApp) -> TestResult {
    registered_and_verified(&app, "amina@example.ma").await;
    let mut browser = Client::new(&app);
    browser
        .post_form(
            "/fn/sign_in",
            &[
                ("lang", "fr"),
                ("email", "amina@example.ma"),
                ("password", OLD),
            ],
        )
        .await;
    assert!(
        browser
            .get("/fr")
            .await
            .text()
            .contains("action=\"/fn/sign_out\""),
        "signed in"
    );

    accounts::request_password_reset(&app.ctx(), "Amina@Example.ma ").await?;
    let sent = deliver(&app).await;
    assert_eq!(sent.len(), 1);
    insta::assert_snapshot!("password_reset_fr", redacted(&sent[0]));
    let token = token_of(&sent[0]);

    let password = domain::types::NewPassword::parse(NEW, &[])?;
    accounts::reset_password(&app.ctx(), &token, password).await?;
    assert!(
        accounts::authenticate(
            &app.ctx(),
            "amina@example.ma",
            NEW.into(),
            &Default::default()
        )
        .await
        .is_ok()
    );
    let old = accounts::authenticate(
        &app.ctx(),
        "amina@example.ma",
        OLD.into(),
        &Default::default(),
    )
    .await;
    assert_eq!(old.err().map(|e| e.code()), Some("invalid_credentials"));
    assert!(
        !browser
            .get("/fr")
            .await
            .text()
            .contains("action=\"/fn/sign_out\""),
        "every session ended"
    );

    let again = domain::types::NewPassword::parse("un-autre-mot-de-passe-9", &[])?;
    let reused = accounts::reset_password(&app.ctx(), &token, again).await;
    assert_eq!(reused.err().map(|e| e.code()), Some("link_used"));
    Ok(())
}

async fn reset_link_expires_after_an_hour(app: TestApp) -> TestResult {
    registered_and_verified(&app, "amina@example.ma").await;
    accounts::request_password_reset(&app.ctx(), "amina@example.ma").await?;
    let token = token_of(&deliver(&app).await[0]);
    app.clock.advance(accounts::RESET_VALIDITY);
    let password = domain::types::NewPassword::parse(NEW, &[])?;
    let late = accounts::reset_password(&app.ctx(), &token, password).await;
    assert_eq!(late.err().map(|e| e.code()), Some("link_expired"));
    assert!(
        accounts::authenticate(
            &app.ctx(),
            "amina@example.ma",
            OLD.into(),
            &Default::default()
        )
        .await
        .is_ok(),
        "nothing changed"
    );
    Ok(())
}

async fn unknown_address_gets_the_same_answer_and_no_email(app: TestApp) -> TestResult {
    for email in ["nobody@example.ma", "not an email", ""] {
        assert!(
            accounts::request_password_reset(&app.ctx(), email)
                .await
                .is_ok(),
            "{email}"
        );
    }
    assert!(deliver(&app).await.is_empty());
    let mut browser = Client::new(&app);
    let known = {
        registered_and_verified(&app, "amina@example.ma").await;
        browser
            .post_form(
                "/fn/request_password_reset",
                &[("lang", "en"), ("email", "amina@example.ma")],
            )
            .await
    };
    let unknown = browser
        .post_form(
            "/fn/request_password_reset",
            &[("lang", "en"), ("email", "nobody@example.ma")],
        )
        .await;
    assert_eq!(known.status, unknown.status);
    assert_eq!(known.header("location"), unknown.header("location"));
    assert_eq!(
        known.header("location"),
        "/en/account/check-email?for=reset"
    );
    Ok(())
}

async fn reset_over_http_without_javascript(app: TestApp) -> TestResult {
    registered_and_verified(&app, "amina@example.ma").await;
    let mut browser = Client::new(&app);
    assert!(
        browser
            .get("/ar/account/sign-in")
            .await
            .text()
            .contains("href=\"/ar/account/forgot-password\"")
    );
    assert_eq!(
        browser.get("/ar/account/forgot-password").await.status,
        StatusCode::OK
    );
    browser
        .post_form(
            "/fn/request_password_reset",
            &[("lang", "ar"), ("email", "amina@example.ma")],
        )
        .await;
    let page = browser
        .get("/ar/account/check-email?for=reset")
        .await
        .text();
    assert!(page.contains("لاختيار كلمة مرور جديدة"));

    let token = token_of(&deliver(&app).await[0]);
    let form = browser
        .get(&format!("/ar/account/reset-password?token={token}"))
        .await
        .text();
    assert!(form.contains(&format!("value=\"{token}\"")));
    let short = browser
        .post_form(
            "/fn/reset_password",
            &[("lang", "ar"), ("token", &token), ("password", "short")],
        )
        .await;
    assert_eq!(
        short.header("location"),
        format!("/ar/account/reset-password?token={token}")
    );
    let page = browser.get(short.header("location")).await.text();
    assert!(page.contains("يجب أن تتكون كلمة المرور من 10 أحرف على الأقل."));

    let done = browser
        .post_form(
            "/fn/reset_password",
            &[("lang", "ar"), ("token", &token), ("password", NEW)],
        )
        .await;
    assert_eq!(done.header("location"), "/ar/account/sign-in");
    assert!(
        browser
            .get("/ar/account/sign-in")
            .await
            .text()
            .contains("تم تغيير كلمة مرورك")
    );
    let signed_in = browser
        .post_form(
            "/fn/sign_in",
            &[
                ("lang", "ar"),
                ("email", "amina@example.ma"),
                ("password", NEW),
            ],
        )
        .await;
    assert_eq!(signed_in.header("location"), "/ar");
    Ok(())
}

async fn a_bogus_reset_link_costs_no_hash_and_setting_passwords_is_limited(
    app: TestApp,
) -> TestResult {
    registered_and_verified(&app, "amina@example.ma").await;
    accounts::request_password_reset(&app.ctx(), "amina@example.ma").await?;
    let token = token_of(&deliver(&app).await[0]);
    let password = || domain::types::NewPassword::parse(NEW, &[]).unwrap_or_else(|e| panic!("{e}"));
    let (bogus, hashes) = accounts::password::count_hashes(accounts::reset_password(
        &app.ctx(),
        "bogus-token",
        password(),
    ))
    .await;
    assert_eq!(bogus.err().map(|e| e.code()), Some("invalid_link"));
    assert_eq!(hashes, 0, "refused before hashing");
    let (good, hashes) =
        accounts::password::count_hashes(accounts::reset_password(&app.ctx(), &token, password()))
            .await;
    assert!(good.is_ok());
    assert_eq!(hashes, 1);

    // Setting a new password shares the per-IP limit of reset requests (20 an hour).
    let mut stranger = Client::new(&app);
    let mut statuses = Vec::new();
    for _ in 0..21 {
        let answer = stranger
            .post_form(
                "/fn/reset_password",
                &[("lang", "fr"), ("token", "bogus"), ("password", NEW)],
            )
            .await;
        statuses.push(answer.status);
    }
    assert!(
        statuses[..20].iter().all(|s| *s == StatusCode::FOUND),
        "{statuses:?}"
    );
    assert_eq!(statuses[20], StatusCode::TOO_MANY_REQUESTS);
    Ok(())
}

async fn only_the_newest_reset_link_works_until_the_password_changes(app: TestApp) -> TestResult {
    use domain::entities::outbox_email;
    use sea_orm::EntityTrait;
    registered_and_verified(&app, "amina@example.ma").await;
    let amina = app.user("amina@example.ma").await;
    let password = || domain::types::NewPassword::parse(NEW, &[]).unwrap_or_else(|e| panic!("{e}"));
    let link = || async {
        accounts::request_password_reset(&app.ctx(), "amina@example.ma")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        token_of(&deliver(&app).await[0])
    };
    let older = link().await;
    let newer = link().await;
    let refused = accounts::reset_password(&app.ctx(), &older, password()).await;
    assert_eq!(
        refused.err().map(|e| e.code()),
        Some("link_used"),
        "a newer link was sent"
    );

    // The password changed meanwhile: the newer link dies too.
    accounts::change_password(
        &app.ctx(),
        amina,
        OLD.into(),
        domain::types::NewPassword::parse("un-autre-mot-de-passe-9", &[])?,
        None,
    )
    .await?;
    let refused = accounts::reset_password(&app.ctx(), &newer, password()).await;
    assert_eq!(refused.err().map(|e| e.code()), Some("link_used"));

    // Sent emails keep no link.
    let stored = outbox_email::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default();
    assert!(!stored.is_empty());
    for email in stored {
        assert!(email.sent_at.is_some());
        assert!(!email.text_body.contains(&newer) && !email.html_body.contains(&newer));
        assert!(email.text_body.is_empty() && email.html_body.is_empty());
    }
    Ok(())
}

//! Changing one's password (the current one is needed) and email address (verified again).

use domain::entities::audit_entry;
use sea_orm::EntityTrait;
use tests::{Client, TestApp, TestResult, both_databases};

use super::{deliver, registered_and_verified, token_of};

both_databases!(
    changing_my_password_needs_the_current_one_and_ends_my_other_sessions,
    changing_my_email_takes_effect_when_the_new_address_confirms,
    an_address_of_another_account_cannot_be_taken,
);

const PASSWORD: &str = "tajine-sous-la-pluie-42";
const NEW: &str = "couscous-du-vendredi-7";

async fn signed_in<'a>(app: &'a TestApp, email: &str) -> Client<'a> {
    let mut browser = Client::new(app);
    browser
        .post_form(
            "/fn/sign_in",
            &[("lang", "en"), ("email", email), ("password", PASSWORD)],
        )
        .await;
    browser
}

async fn changing_my_password_needs_the_current_one_and_ends_my_other_sessions(
    app: TestApp,
) -> TestResult {
    registered_and_verified(&app, "amina@example.ma").await;
    let mut laptop = signed_in(&app, "amina@example.ma").await;
    let mut phone = signed_in(&app, "amina@example.ma").await;

    laptop
        .post_form(
            "/fn/change_password",
            &[
                ("lang", "en"),
                ("current_password", "wrong one!"),
                ("password", NEW),
            ],
        )
        .await;
    let page = laptop.get("/en/account").await.text();
    assert!(page.contains("The password is wrong."));
    assert!(
        page.contains("href=\"#pw-current_password\""),
        "the error links to its field"
    );

    laptop
        .post_form(
            "/fn/change_password",
            &[
                ("lang", "en"),
                ("current_password", PASSWORD),
                ("password", "short"),
            ],
        )
        .await;
    assert!(
        laptop
            .get("/en/account")
            .await
            .text()
            .contains("at least 10 characters")
    );

    laptop
        .post_form(
            "/fn/change_password",
            &[
                ("lang", "en"),
                ("current_password", PASSWORD),
                ("password", NEW),
            ],
        )
        .await;
    assert!(
        laptop
            .get("/en/account")
            .await
            .text()
            .contains("Your password has been changed.")
    );
    assert!(
        !phone
            .get("/en")
            .await
            .text()
            .contains("action=\"/fn/sign_out\""),
        "other sessions ended"
    );
    assert!(
        laptop
            .get("/en")
            .await
            .text()
            .contains("action=\"/fn/sign_out\""),
        "this one stays"
    );
    assert!(
        domain::accounts::authenticate(
            &app.ctx(),
            "amina@example.ma",
            NEW.into(),
            &Default::default(),
        )
        .await
        .is_ok()
    );
    let log = audit_entry::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default();
    assert!(log.iter().any(|e| e.action == "password_changed"));
    Ok(())
}

async fn changing_my_email_takes_effect_when_the_new_address_confirms(app: TestApp) -> TestResult {
    registered_and_verified(&app, "amina@example.ma").await;
    let mut browser = signed_in(&app, "amina@example.ma").await;
    browser
        .post_form(
            "/fn/request_email_change",
            &[
                ("lang", "en"),
                ("email", "amina@new.ma"),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert!(
        browser
            .get("/en/account")
            .await
            .text()
            .contains("we have sent it a link")
    );
    assert!(
        domain::accounts::authenticate(
            &app.ctx(),
            "amina@example.ma",
            PASSWORD.into(),
            &Default::default(),
        )
        .await
        .is_ok(),
        "not yet"
    );

    let sent = deliver(&app).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].to, "amina@new.ma",
        "the link goes to the new address"
    );
    assert!(
        sent[0].text.contains("/fr/account/confirm-email?token="),
        "in the account's language"
    );
    let token = token_of(&sent[0]);
    let page = browser
        .get(&format!("/en/account/confirm-email?token={token}"))
        .await
        .text();
    assert!(page.contains(&format!("value=\"{token}\"")));
    browser
        .post_form(
            "/fn/confirm_email_change",
            &[("lang", "en"), ("token", &token)],
        )
        .await;
    assert!(
        browser
            .get("/en/account/confirm-email")
            .await
            .text()
            .contains("Your email address has been changed.")
    );
    assert!(
        domain::accounts::authenticate(
            &app.ctx(),
            "amina@new.ma",
            PASSWORD.into(),
            &Default::default(),
        )
        .await
        .is_ok()
    );
    let old = domain::accounts::authenticate(
        &app.ctx(),
        "amina@example.ma",
        PASSWORD.into(),
        &Default::default(),
    )
    .await;
    assert_eq!(old.err().map(|e| e.code()), Some("invalid_credentials"));
    Ok(())
}

async fn an_address_of_another_account_cannot_be_taken(app: TestApp) -> TestResult {
    registered_and_verified(&app, "amina@example.ma").await;
    registered_and_verified(&app, "omar@example.ma").await;
    let mut browser = signed_in(&app, "amina@example.ma").await;
    browser
        .post_form(
            "/fn/request_email_change",
            &[
                ("lang", "en"),
                ("email", "omar@example.ma"),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert!(
        browser
            .get("/en/account")
            .await
            .text()
            .contains("we have sent it a link"),
        "the same answer"
    );
    assert!(deliver(&app).await.is_empty(), "but nothing is sent");
    browser
        .post_form(
            "/fn/request_email_change",
            &[
                ("lang", "en"),
                ("email", "not-an-address"),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    let page = browser.get("/en/account").await.text();
    assert!(page.contains("Enter a valid email address"));
    assert!(
        page.contains("value=\"not-an-address\""),
        "what was typed is kept"
    );
    Ok(())
}

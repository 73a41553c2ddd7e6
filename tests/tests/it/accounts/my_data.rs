//! Law 09-08: my account page, the JSON export of my data, and deleting my account.

use domain::entities::audit_entry;
use http::StatusCode;
use sea_orm::EntityTrait;
use tests::{Client, TestApp, TestResult, both_databases};

use super::registered_and_verified;

both_databases!(
    my_account_shows_and_exports_my_data_and_nothing_secret,
    deleting_my_account_needs_my_password_and_ends_everything,
    my_account_needs_a_signed_in_person,
    i_see_my_sessions_and_end_them,
);

const PASSWORD: &str = "tajine-sous-la-pluie-42";

async fn signed_in(app: &TestApp) -> Client<'_> {
    registered_and_verified(app, "amina@example.ma").await;
    let mut browser = Client::new(app);
    browser
        .post_form(
            "/fn/sign_in",
            &[
                ("lang", "en"),
                ("email", "amina@example.ma"),
                ("password", PASSWORD),
            ],
        )
        .await;
    browser
}

async fn my_account_shows_and_exports_my_data_and_nothing_secret(app: TestApp) -> TestResult {
    let mut browser = signed_in(&app).await;
    let page = browser.get("/en/account").await;
    assert_eq!(page.status, StatusCode::OK);
    let page = page.text();
    assert!(page.contains("amina@example.ma"));
    assert!(page.contains("أمينة التازي"));
    assert!(page.contains("href=\"/account/export.json\""));
    assert!(
        page.contains("Petitions you filed that were already deposited"),
        "the page says what deletion keeps"
    );

    let export = browser.get("/account/export.json").await;
    assert_eq!(export.status, StatusCode::OK);
    assert!(
        export
            .header("content-disposition")
            .starts_with("attachment")
    );
    let data = export.json();
    assert_eq!(data["account"]["email"], "amina@example.ma");
    assert_eq!(data["account"]["language"], "fr");
    assert!(
        data["emails_sent"].as_array().is_some_and(|e| e.len() == 1),
        "the verification email"
    );
    let text = export.text();
    assert!(!text.contains("argon2") && !text.contains("password_hash") && !text.contains("token"));
    Ok(())
}

async fn deleting_my_account_needs_my_password_and_ends_everything(app: TestApp) -> TestResult {
    let mut browser = signed_in(&app).await;
    let wrong = browser
        .post_form(
            "/fn/delete_account",
            &[("lang", "en"), ("password", "not my password")],
        )
        .await;
    assert_eq!(wrong.header("location"), "/en/account");
    assert!(
        browser
            .get("/en/account")
            .await
            .text()
            .contains("The password is wrong.")
    );
    assert!(
        domain::accounts::authenticate(
            &app.ctx(),
            "amina@example.ma",
            PASSWORD.into(),
            &Default::default()
        )
        .await
        .is_ok()
    );

    let deleted = browser
        .post_form(
            "/fn/delete_account",
            &[("lang", "en"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(deleted.header("location"), "/en/account/sign-in");
    assert!(
        browser
            .get("/en/account/sign-in")
            .await
            .text()
            .contains("Your account has been deleted.")
    );
    assert!(
        !browser
            .get("/en")
            .await
            .text()
            .contains("action=\"/fn/sign_out\""),
        "signed out"
    );
    let gone = domain::accounts::authenticate(
        &app.ctx(),
        "amina@example.ma",
        PASSWORD.into(),
        &Default::default(),
    )
    .await;
    assert_eq!(gone.err().map(|e| e.code()), Some("invalid_credentials"));
    let log = audit_entry::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default();
    assert!(log.iter().any(|e| e.action == "account_deleted"));
    Ok(())
}

async fn my_account_needs_a_signed_in_person(app: TestApp) -> TestResult {
    let mut visitor = Client::new(&app);
    assert!(
        visitor
            .get("/fr/account")
            .await
            .text()
            .contains("href=\"/fr/account/sign-in\"")
    );
    assert_eq!(
        visitor.get("/account/export.json").await.status,
        StatusCode::UNAUTHORIZED
    );
    let delete = visitor
        .post_form(
            "/fn/delete_account",
            &[("lang", "fr"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(delete.header("location"), "/fr/account/sign-in");
    Ok(())
}

async fn is_signed_in(browser: &mut Client<'_>) -> bool {
    browser
        .get("/en")
        .await
        .text()
        .contains("action=\"/fn/sign_out\"")
}

async fn i_see_my_sessions_and_end_them(app: TestApp) -> TestResult {
    let mut laptop = signed_in(&app).await;
    let mut phone = Client::new(&app);
    phone
        .post_form(
            "/fn/sign_in",
            &[
                ("lang", "en"),
                ("email", "amina@example.ma"),
                ("password", PASSWORD),
            ],
        )
        .await;
    let page = laptop.get("/en/account").await.text();
    assert_eq!(
        page.matches("Signed in on 29 November 2026").count(),
        2,
        "both sessions are listed"
    );
    assert_eq!(page.matches("this browser").count(), 1);
    let key = page
        .split("name=\"key\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(key.len(), 64, "the other session's key");

    laptop
        .post_form("/fn/end_session", &[("lang", "en"), ("key", &key)])
        .await;
    assert!(!is_signed_in(&mut phone).await, "the phone's session ended");
    assert!(is_signed_in(&mut laptop).await, "not the laptop's");

    phone
        .post_form(
            "/fn/sign_in",
            &[
                ("lang", "en"),
                ("email", "amina@example.ma"),
                ("password", PASSWORD),
            ],
        )
        .await;
    let mut intruder = Client::new(&app);
    intruder
        .post_form("/fn/end_session", &[("lang", "en"), ("key", "others")])
        .await;
    assert!(
        is_signed_in(&mut phone).await,
        "a visitor ends nobody's session"
    );
    laptop
        .post_form("/fn/end_session", &[("lang", "en"), ("key", "others")])
        .await;
    assert!(!is_signed_in(&mut phone).await);
    assert!(is_signed_in(&mut laptop).await);
    Ok(())
}

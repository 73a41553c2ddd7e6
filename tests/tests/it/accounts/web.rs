//! Account pages over HTTP, as a browser without JavaScript uses them.

use http::StatusCode;
use tests::{Client, TestApp, TestResult, both_databases};

use super::{deliver, token_of};

both_databases!(
    register_verify_sign_in_and_sign_out,
    bad_registration_shows_every_error_keeps_the_input_and_stores_nothing,
    session_cookie_is_http_only_lax_and_renewed_at_sign_in,
    a_tampered_session_cookie_is_just_a_visitor,
);

const PASSWORD: &str = "tajine-sous-la-pluie-42";

async fn register_verify_sign_in_and_sign_out(app: TestApp) -> TestResult {
    let mut browser = Client::new(&app);
    let form = browser.get("/ar/account/register").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.text().contains("action=\"/fn/register\""));

    let registered = browser
        .post_form(
            "/fn/register",
            &[
                ("lang", "ar"),
                ("email", "amina@example.ma"),
                ("display_name", "أمينة"),
                ("password", PASSWORD),
                ("email_lang", "ar"),
            ],
        )
        .await;
    assert_eq!(registered.status, StatusCode::FOUND);
    assert_eq!(registered.header("location"), "/ar/account/check-email");
    assert!(
        browser
            .get("/ar/account/check-email")
            .await
            .text()
            .contains("تفقد بريدك الإلكتروني")
    );

    let emails = deliver(&app).await;
    let token = token_of(&emails[0]);
    let verify = browser
        .get(&format!("/ar/account/verify?token={token}"))
        .await;
    assert!(
        verify.text().contains(&format!("value=\"{token}\"")),
        "a button, not the link, confirms"
    );
    let verified = browser
        .post_form("/fn/verify_email", &[("lang", "ar"), ("token", &token)])
        .await;
    assert_eq!(verified.header("location"), "/ar/account/sign-in");
    let sign_in = browser.get("/ar/account/sign-in").await.text();
    assert!(sign_in.contains("تم تأكيد عنوان بريدك الإلكتروني"));

    let wrong = browser
        .post_form(
            "/fn/sign_in",
            &[
                ("lang", "ar"),
                ("email", "amina@example.ma"),
                ("password", "not the password"),
            ],
        )
        .await;
    assert_eq!(wrong.header("location"), "/ar/account/sign-in");
    let page = browser.get("/ar/account/sign-in").await.text();
    assert!(page.contains("عنوان البريد الإلكتروني أو كلمة المرور غير صحيح."));
    assert!(
        page.contains("value=\"amina@example.ma\""),
        "the email is kept"
    );
    assert!(
        !page.contains("not the password"),
        "a password is never sent back"
    );

    let signed_in = browser
        .post_form(
            "/fn/sign_in",
            &[
                ("lang", "ar"),
                ("email", "amina@example.ma"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(signed_in.header("location"), "/ar");
    let home = browser.get("/ar").await.text();
    assert!(
        home.contains("متصل باسم أمينة"),
        "the header shows who is signed in"
    );
    assert!(home.contains("action=\"/fn/sign_out\""));

    let signed_out = browser.post_form("/fn/sign_out", &[("lang", "ar")]).await;
    assert_eq!(signed_out.header("location"), "/ar");
    let home = browser.get("/ar").await.text();
    assert!(!home.contains("متصل باسم"));
    assert!(home.contains("href=\"/ar/account/sign-in\""));
    Ok(())
}

async fn bad_registration_shows_every_error_keeps_the_input_and_stores_nothing(
    app: TestApp,
) -> TestResult {
    let mut browser = Client::new(&app);
    for (email, name, password, codes) in [
        (
            "not-an-email",
            "",
            "Zq9!x",
            vec![
                "Enter a valid email address",
                "Enter the name to show",
                "at least 10 characters",
            ],
        ),
        ("omar@example.ma", "Omar", "password123", vec!["too common"]),
        (
            "omar@example.ma",
            &"x".repeat(81),
            &"k8#Tz!q2Wm".repeat(13),
            vec!["at most 80 characters", "at most 128 characters"],
        ),
    ] {
        let response = browser
            .post_form(
                "/fn/register",
                &[
                    ("lang", "en"),
                    ("email", email),
                    ("display_name", name),
                    ("password", password),
                    ("email_lang", "en"),
                ],
            )
            .await;
        assert_eq!(response.header("location"), "/en/account/register");
        let page = browser.get("/en/account/register").await.text();
        assert!(page.contains("role=\"alert\""));
        for code in codes {
            assert!(page.contains(code), "{code}: {page}");
        }
        assert!(
            page.contains(&format!("value=\"{}\"", email)),
            "the email is kept"
        );
        assert!(page.contains("aria-invalid=\"true\""));
        assert!(!page.contains(password), "the password is not sent back");
        let again = browser.get("/en/account/register").await.text();
        assert!(!again.contains("role=\"alert\""), "errors are shown once");
    }
    let users = domain::accounts::find_account(&app.ctx(), domain::types::UserId(1)).await;
    assert!(matches!(users, Ok(None)), "nothing was stored");
    assert!(deliver(&app).await.is_empty(), "no email was queued");
    Ok(())
}

async fn session_cookie_is_http_only_lax_and_renewed_at_sign_in(app: TestApp) -> TestResult {
    let mut browser = Client::new(&app);
    super::registered_and_verified(&app, "amina@example.ma").await;
    let failed = browser
        .post_form(
            "/fn/sign_in",
            &[
                ("lang", "fr"),
                ("email", "amina@example.ma"),
                ("password", "nope nope nope"),
            ],
        )
        .await;
    let cookie = failed.header("set-cookie").to_owned();
    assert!(cookie.starts_with("musharaka_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly"));
    assert!(cookie.contains("SameSite=Lax"));
    assert!(!cookie.contains("Secure"), "the test site is plain http");
    let before = browser.cookies.get("musharaka_session").cloned();
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
    let after = browser.cookies.get("musharaka_session").cloned();
    assert!(before.is_some() && after.is_some());
    assert_ne!(before, after, "a new session id at sign-in");
    Ok(())
}

async fn a_tampered_session_cookie_is_just_a_visitor(app: TestApp) -> TestResult {
    let mut browser = Client::new(&app);
    for forged in ["garbage", "AAAAAAAAAAAAAAAAAAAAAA", "%00%ff", "' OR 1=1"] {
        browser
            .cookies
            .insert("musharaka_session".into(), forged.into());
        let page = browser.get("/fr").await;
        assert_eq!(page.status, StatusCode::OK, "{forged}");
        assert!(page.text().contains("href=\"/fr/account/sign-in\""));
    }
    Ok(())
}

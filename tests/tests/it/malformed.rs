//! Bodies that cannot be read (broken percent-encoding, missing fields) get a 400 and a page in
//! the visitor's language, never a 500, and change nothing.

use http::StatusCode;
use tests::{Client, TestApp, TestResult, both_databases};

both_databases!(
    malformed_form_posts_get_a_localised_400_and_change_nothing,
    a_script_gets_a_400_it_can_read,
);

/// The forms of a signed-in citizen, and of anyone.
const FORMS: [&str; 20] = [
    "/fn/sign_out",
    "/fn/sign_in",
    "/fn/register",
    "/fn/sign_by_email",
    "/fn/sign_with_profile",
    "/fn/withdraw_signature",
    "/fn/change_password",
    "/fn/request_email_change",
    "/fn/request_password_reset",
    "/fn/reset_password",
    "/fn/delete_account",
    "/fn/end_session",
    "/fn/follow_region",
    "/fn/save_signer_profile",
    "/fn/report_content",
    "/fn/submit_proposal",
    "/fn/support_proposal",
    "/fn/comment_proposal",
    "/fn/representative_step",
    "/fn/moderate_petition",
];

async fn malformed_form_posts_get_a_localised_400_and_change_nothing(app: TestApp) -> TestResult {
    app.user("amina@example.ma").await;
    let mut amina = Client::signed_in(&app, "amina@example.ma", "fr").await;
    for path in FORMS {
        for body in ["x=%ZZ", "lang[x]=1&lang=fr", "%=1"] {
            let answer = amina.post_raw(path, body, "text/html", "/fr/account").await;
            assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{path} {body}");
            let page = answer.text();
            assert!(page.contains("lang=\"fr\""), "{path}: {page}");
            assert!(page.contains("Ce formulaire n’a pas pu être lu"), "{path}");
            assert!(page.contains("href=\"/fr/account\""), "a link back");
        }
    }
    // Fields missing altogether.
    for path in ["/fn/sign_in", "/fn/change_password", "/fn/sign_by_email"] {
        let answer = amina.post_raw(path, "", "text/html", "/ar").await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{path}");
        assert!(answer.text().contains("lang=\"ar\" dir=\"rtl\""), "{path}");
    }
    // The questionnaire form, read by its own handler.
    let answer = amina
        .post_raw(
            "/consultations/answer",
            "consultation=%ZZ",
            "text/html",
            "/en",
        )
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(answer.text().contains("This form could not be read"));

    // Nothing changed: still signed in, same password, the account is there.
    let account = amina.get("/fr/account").await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(account.text().contains("amina@example.ma"));
    Client::signed_in(&app, "amina@example.ma", "fr").await;
    Ok(())
}

async fn a_script_gets_a_400_it_can_read(app: TestApp) -> TestResult {
    let mut visitor = Client::new(&app);
    let answer = visitor
        .post_raw("/fn/sign_in", "email=%ZZ", "application/json", "/fr")
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(answer.header("location").is_empty());
    assert!(!answer.text().contains("<html"));
    Ok(())
}

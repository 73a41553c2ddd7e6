//! Accounts: registration, email verification, signing in, the outbox through SMTP outages.

mod changes;
mod limits;
mod my_data;
mod reset;
mod sessions;
mod staff;
mod web;

use domain::accounts::{self, Registration};
use domain::entities::{audit_entry, user};
use domain::mail::{MemoryMailer, OutgoingEmail, SmtpMailer, outbox, parse_sender};
use domain::types::{DisplayName, Email, Lang, NewPassword};
use sea_orm::{EntityTrait, PaginatorTrait};
use tests::{SmtpSink, TestApp, TestResult, both_databases};

both_databases!(
    registration_emails_a_verification_link_in_the_chosen_language,
    registering_an_address_twice_answers_the_same_and_tells_the_owner,
    verification_link_works_once,
    verification_link_expires_after_24_hours,
    forged_links_are_refused,
    sign_in_needs_the_right_password_and_a_verified_address,
    failed_sign_ins_are_audit_logged,
    outbox_keeps_mail_through_an_smtp_outage,
);

const PASSWORD: &str = "tajine-sous-la-pluie-42";

fn registration(email: &str, lang: Lang) -> Registration {
    Registration {
        email: Email::parse(email).unwrap_or_else(|e| panic!("{e}")),
        display_name: DisplayName::parse("أمينة التازي").unwrap_or_else(|e| panic!("{e}")),
        password: NewPassword::parse(PASSWORD, &[]).unwrap_or_else(|e| panic!("{e}")),
        lang,
    }
}

/// Sends what the outbox holds into memory and returns it.
pub async fn deliver(app: &TestApp) -> Vec<OutgoingEmail> {
    let mailer = MemoryMailer::default();
    outbox::deliver_due(&app.ctx(), &mailer, 100)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    mailer.sent()
}

/// The token of the first link in `email`.
pub fn token_of(email: &OutgoingEmail) -> String {
    email
        .text
        .split("token=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no token in {}", email.text))
        .to_owned()
}

/// The email with its token replaced, for snapshots.
pub fn redacted(email: &OutgoingEmail) -> String {
    let token = token_of(email);
    format!(
        "To: {}\nSubject: {}\n\n{}\n----- HTML -----\n{}",
        email.to, email.subject, email.text, email.html
    )
    .replace(&token, "[token]")
}

pub async fn registered_and_verified(app: &TestApp, email: &str) {
    accounts::register(&app.ctx(), registration(email, Lang::Fr))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let sent = deliver(app).await;
    accounts::verify_email(&app.ctx(), &token_of(&sent[0]))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}

async fn registration_emails_a_verification_link_in_the_chosen_language(
    app: TestApp,
) -> TestResult {
    accounts::register(&app.ctx(), registration("Amina@Example.MA", Lang::Ar)).await?;
    let sent = deliver(&app).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].to, "amina@example.ma");
    assert!(
        sent[0]
            .text
            .contains("http://musharaka.test/ar/account/verify?token=")
    );
    insta::assert_snapshot!("verify_email_ar", redacted(&sent[0]));

    accounts::register(&app.ctx(), registration("omar@example.ma", Lang::En)).await?;
    let sent = deliver(&app).await;
    insta::assert_snapshot!("verify_email_en", redacted(&sent[0]));
    assert_eq!(deliver(&app).await.len(), 0, "each email is sent once");
    Ok(())
}

async fn registering_an_address_twice_answers_the_same_and_tells_the_owner(
    app: TestApp,
) -> TestResult {
    accounts::register(&app.ctx(), registration("amina@example.ma", Lang::Fr)).await?;
    deliver(&app).await;
    let again = accounts::register(&app.ctx(), registration(" AMINA@example.ma", Lang::En)).await;
    assert!(again.is_ok(), "same answer as a new registration");
    assert_eq!(user::Entity::find().count(&app.db).await.ok(), Some(1));
    let sent = deliver(&app).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].subject, "Vous avez déjà un compte sur Musharaka",
        "in the owner's language"
    );
    insta::assert_snapshot!(
        "already_registered_fr",
        format!("Subject: {}\n\n{}", sent[0].subject, sent[0].text)
    );
    Ok(())
}

async fn verification_link_works_once(app: TestApp) -> TestResult {
    accounts::register(&app.ctx(), registration("amina@example.ma", Lang::Fr)).await?;
    let token = token_of(&deliver(&app).await[0]);
    let first = accounts::verify_email(&app.ctx(), &token).await;
    assert!(first.is_ok(), "{first:?}");
    let second = accounts::verify_email(&app.ctx(), &token).await;
    assert_eq!(second.err().map(|e| e.code()), Some("link_used"));
    Ok(())
}

async fn verification_link_expires_after_24_hours(app: TestApp) -> TestResult {
    accounts::register(&app.ctx(), registration("amina@example.ma", Lang::Fr)).await?;
    let token = token_of(&deliver(&app).await[0]);
    app.clock.advance(chrono::Duration::hours(24));
    let late = accounts::verify_email(&app.ctx(), &token).await;
    assert_eq!(late.err().map(|e| e.code()), Some("link_expired"));
    let signed_in = accounts::authenticate(
        &app.ctx(),
        "amina@example.ma",
        PASSWORD.into(),
        &Default::default(),
    )
    .await;
    assert_eq!(
        signed_in.err().map(|e| e.code()),
        Some("email_not_verified")
    );
    Ok(())
}

async fn forged_links_are_refused(app: TestApp) -> TestResult {
    for token in [
        "",
        "x",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "' OR 1=1 --",
    ] {
        let result = accounts::verify_email(&app.ctx(), token).await;
        assert_eq!(
            result.err().map(|e| e.code()),
            Some("invalid_link"),
            "{token:?}"
        );
    }
    Ok(())
}

async fn sign_in_needs_the_right_password_and_a_verified_address(app: TestApp) -> TestResult {
    registered_and_verified(&app, "amina@example.ma").await;
    let ok = accounts::authenticate(
        &app.ctx(),
        " Amina@example.ma",
        PASSWORD.into(),
        &Default::default(),
    )
    .await;
    let account = ok?;
    assert_eq!(account.display_name, "أمينة التازي");
    assert_eq!(account.lang, Lang::Fr);

    for (email, password) in [
        ("amina@example.ma", "tajine-sous-la-pluie-43"),
        ("nobody@example.ma", PASSWORD),
        ("not an email", PASSWORD),
        ("amina@example.ma", ""),
    ] {
        let refused =
            accounts::authenticate(&app.ctx(), email, password.into(), &Default::default()).await;
        assert_eq!(
            refused.err().map(|e| e.code()),
            Some("invalid_credentials"),
            "{email} / {password}: the same answer whatever is wrong"
        );
    }
    Ok(())
}

async fn failed_sign_ins_are_audit_logged(app: TestApp) -> TestResult {
    registered_and_verified(&app, "amina@example.ma").await;
    let _ = accounts::authenticate(
        &app.ctx(),
        "amina@example.ma",
        "wrong password!".into(),
        &Default::default(),
    )
    .await;
    let _ = accounts::authenticate(
        &app.ctx(),
        "ghost@example.ma",
        "wrong password!".into(),
        &Default::default(),
    )
    .await;
    let entries = audit_entry::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default();
    let failed: Vec<_> = entries
        .iter()
        .filter(|e| e.action == "sign_in_failed")
        .collect();
    assert_eq!(failed.len(), 2);
    assert!(failed[0].detail.contains("amina@example.ma"));
    assert_eq!(failed[0].at, app.clock_now());
    Ok(())
}

async fn outbox_keeps_mail_through_an_smtp_outage(app: TestApp) -> TestResult {
    // A port where nobody listens: the SMTP server is down.
    let port = {
        let probe = SmtpSink::start(0).await;
        probe.port
    };
    let sender = parse_sender("Musharaka <no-reply@musharaka.test>")?;
    let mailer = SmtpMailer::new(&format!("smtp://127.0.0.1:{port}"), sender)?;
    accounts::register(&app.ctx(), registration("amina@example.ma", Lang::En)).await?;

    let down = outbox::deliver_due(&app.ctx(), &mailer, 10).await?;
    assert_eq!((down.sent, down.failed), (0, 1));
    assert_eq!(
        outbox::pending_count(&app.ctx()).await.ok(),
        Some(1),
        "nothing is lost"
    );

    let sink = SmtpSink::start(port).await;
    let too_soon = outbox::deliver_due(&app.ctx(), &mailer, 10).await?;
    assert_eq!(
        (too_soon.sent, too_soon.failed),
        (0, 0),
        "waits for its backoff"
    );

    app.clock.advance(outbox::backoff(1));
    let back = outbox::deliver_due(&app.ctx(), &mailer, 10).await?;
    assert_eq!((back.sent, back.failed), (1, 0));
    assert_eq!(outbox::pending_count(&app.ctx()).await.ok(), Some(0));
    let messages = sink.messages();
    assert_eq!(messages.len(), 1);
    assert!(messages[0].contains("Subject: Confirm your email address"));
    assert!(messages[0].contains("multipart/alternative"));
    Ok(())
}

//! Signing: by emailed link or in one click with a saved profile; one signature per CIN per
//! petition, even under concurrency; the CIN sealed; withdrawal; only while collecting.

use domain::DomainError;
use domain::entities::{signature, signature_request};
use domain::petitions::counts;
use domain::petitions::profiles::{self, parse_profile};
use domain::petitions::signing::{self, NewSignature, SignatureForm};
use domain::petitions::{self, ModerationDecision};
use domain::types::PetitionId;
use sea_orm::{EntityTrait, PaginatorTrait};
use tests::{TestApp, TestResult, both_databases};

use super::{citizen_form, file, published};
use crate::accounts::deliver;

both_databases!(
    an_address_gets_ten_confirmation_emails_an_hour_at_most,
    an_emailed_link_confirms_one_signature_per_cin,
    bad_signatures_are_refused_and_nothing_is_stored,
    a_hundred_concurrent_confirmations_of_one_cin_make_one_signature,
    signed_in_citizens_sign_in_one_click_and_withdraw,
    an_email_signer_withdraws_with_the_link_until_the_end,
);

fn form(cin: &str, email: &str) -> SignatureForm {
    SignatureForm {
        full_name: "Youssef Amrani".into(),
        cin: cin.into(),
        province: "agadir-ida-outanane".into(),
        basis: "residence".into(),
        electoral_roll: true,
        consent: true,
        email: email.into(),
        notify: true,
        lang: "fr".into(),
    }
}

/// Requests a signature and gives the confirmation token from the email.
async fn requested(app: &TestApp, id: PetitionId, form: &SignatureForm) -> String {
    let signature = NewSignature::parse(form).unwrap_or_else(|e| panic!("{e:?}"));
    signing::request_signature(&app.ctx(), id, signature, None, &Default::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let sent = deliver(app).await;
    assert_eq!(sent.len(), 1);
    confirm_token_of(&sent[0])
}

/// The token of the link after `marker` in `email`.
fn link_token(email: &domain::mail::OutgoingEmail, marker: &str) -> String {
    email
        .text
        .split(marker)
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no {marker} link in {}", email.text))
        .to_owned()
}

fn confirm_token_of(email: &domain::mail::OutgoingEmail) -> String {
    link_token(email, "/confirm?token=")
}

fn withdraw_token_of(email: &domain::mail::OutgoingEmail) -> String {
    link_token(email, "/withdraw?token=")
}

async fn total(app: &TestApp, id: PetitionId) -> i64 {
    counts::by_province(&app.db, id)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(|(_, n)| n)
        .sum()
}

async fn an_emailed_link_confirms_one_signature_per_cin(app: TestApp) -> TestResult {
    let id = published(&app, "souss-massa").await;
    let signature = NewSignature::parse(&form("AB123456", "youssef@example.ma"))
        .unwrap_or_else(|e| panic!("{e:?}"));
    signing::request_signature(&app.ctx(), id, signature, None, &Default::default()).await?;
    let sent = deliver(&app).await;
    assert_eq!(sent[0].to, "youssef@example.ma");
    assert_eq!(sent[0].subject, "Confirmez votre signature");
    let token = confirm_token_of(&sent[0]);
    insta::assert_snapshot!(
        "signature_confirmation_email_fr",
        sent[0]
            .text
            .replace(&token, "[token]")
            .replace(&withdraw_token_of(&sent[0]), "[withdraw-token]")
    );
    assert_eq!(total(&app, id).await, 0, "not counted before confirmation");

    let confirmed = signing::confirm_signature(&app.ctx(), &token).await;
    assert_eq!(confirmed.ok(), Some(id));
    assert_eq!(total(&app, id).await, 1);
    assert!(matches!(
        signing::confirm_signature(&app.ctx(), &token).await,
        Err(DomainError::Validation {
            code: "invalid_link",
            ..
        })
    ));

    // The same card, written differently, from another address: refused at confirmation.
    let again = requested(&app, id, &form("ab-123 456", "autre@example.ma")).await;
    assert!(matches!(
        signing::confirm_signature(&app.ctx(), &again).await,
        Err(DomainError::Conflict("already_signed"))
    ));
    assert_eq!(total(&app, id).await, 1);

    let stored = signature::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default();
    assert_eq!(stored.len(), 1);
    assert!(
        !stored[0].cin_sealed.contains("123456"),
        "the CIN is sealed"
    );
    assert_eq!(
        app.ctx().keys.open(&stored[0].cin_sealed).ok().as_deref(),
        Some("AB123456")
    );

    // Links expire after 24 hours.
    let late = requested(&app, id, &form("CD654321", "late@example.ma")).await;
    app.clock.advance(chrono::Duration::hours(25));
    assert!(matches!(
        signing::confirm_signature(&app.ctx(), &late).await,
        Err(DomainError::Validation {
            code: "link_expired",
            ..
        })
    ));
    Ok(())
}

async fn bad_signatures_are_refused_and_nothing_is_stored(app: TestApp) -> TestResult {
    let id = published(&app, "souss-massa").await;
    let codes = |form: &SignatureForm| -> Vec<&'static str> {
        NewSignature::parse(form)
            .err()
            .unwrap_or_default()
            .iter()
            .map(DomainError::code)
            .collect()
    };
    assert_eq!(codes(&form("123456", "y@example.ma")), ["cin_invalid"]);
    assert_eq!(codes(&form("AB123456", "not-an-email")), ["invalid_email"]);
    let undeclared = SignatureForm {
        electoral_roll: false,
        consent: false,
        full_name: String::new(),
        ..form("AB123456", "y@example.ma")
    };
    assert_eq!(
        codes(&undeclared),
        ["text_missing", "declaration_missing", "consent_missing"]
    );

    // A province of another region.
    let oujda = NewSignature::parse(&SignatureForm {
        province: "oujda-angad".into(),
        ..form("AB123456", "y@example.ma")
    })
    .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(matches!(
        signing::request_signature(&app.ctx(), id, oujda, None, &Default::default()).await,
        Err(DomainError::Validation {
            field: "province",
            code: "province_not_in_region"
        })
    ));

    // A petition that is not collecting: in moderation, then after its collection period.
    let amina = app.user("amina@example.ma").await;
    let pending = file(&app, amina, "souss-massa", &citizen_form()).await;
    let good = || {
        NewSignature::parse(&form("AB123456", "y@example.ma")).unwrap_or_else(|e| panic!("{e:?}"))
    };
    assert!(matches!(
        signing::request_signature(&app.ctx(), pending, good(), None, &Default::default()).await,
        Err(DomainError::NotFound)
    ));
    app.clock.advance(chrono::Duration::days(90));
    assert!(matches!(
        signing::request_signature(&app.ctx(), id, good(), None, &Default::default()).await,
        Err(DomainError::Conflict("not_collecting"))
    ));
    assert_eq!(
        signature_request::Entity::find().count(&app.db).await.ok(),
        Some(0)
    );
    assert!(deliver(&app).await.is_empty());
    Ok(())
}

async fn a_hundred_concurrent_confirmations_of_one_cin_make_one_signature(
    app: TestApp,
) -> TestResult {
    let id = published(&app, "souss-massa").await;
    let mut tokens = Vec::new();
    for n in 0..100 {
        let signature = NewSignature::parse(&form("AB123456", &format!("s{n}@example.ma")))
            .unwrap_or_else(|e| panic!("{e:?}"));
        signing::request_signature(&app.ctx(), id, signature, None, &Default::default()).await?;
    }
    for email in deliver(&app).await {
        tokens.push(confirm_token_of(&email));
    }
    assert_eq!(tokens.len(), 100);
    let mut tasks = tokio::task::JoinSet::new();
    for token in tokens {
        let ctx = app.ctx();
        tasks.spawn(async move { signing::confirm_signature(&ctx, &token).await });
    }
    let (mut signed, mut refused) = (0, 0);
    while let Some(result) = tasks.join_next().await {
        match result? {
            Ok(_) => signed += 1,
            Err(DomainError::Conflict("already_signed")) => refused += 1,
            Err(other) => panic!("unexpected: {other:?}"),
        }
    }
    assert_eq!((signed, refused), (1, 99));
    assert_eq!(total(&app, id).await, 1);
    assert_eq!(signature::Entity::find().count(&app.db).await.ok(), Some(1));
    Ok(())
}

async fn signed_in_citizens_sign_in_one_click_and_withdraw(app: TestApp) -> TestResult {
    let id = published(&app, "souss-massa").await;
    let elsewhere = published(&app, "oriental").await;
    let youssef = app.user("youssef@example.ma").await;
    let ctx = app.ctx();
    assert!(matches!(
        profiles::sign_with_profile(&ctx, youssef, id, false, &Default::default()).await,
        Err(DomainError::Validation {
            code: "profile_missing",
            ..
        })
    ));
    let signer = parse_profile(&form("AB123456", "")).unwrap_or_else(|e| panic!("{e:?}"));
    profiles::save_signer_profile(&ctx, youssef, signer).await?;
    let profile = profiles::get_signer_profile(&ctx, youssef)
        .await?
        .unwrap_or_else(|| panic!("saved"));
    assert_eq!(profile.cin_hint, "AB****56");

    profiles::sign_with_profile(&ctx, youssef, id, true, &Default::default()).await?;
    assert_eq!(total(&app, id).await, 1);
    assert!(matches!(
        profiles::sign_with_profile(&ctx, youssef, id, true, &Default::default()).await,
        Err(DomainError::Conflict("already_signed"))
    ));
    assert!(matches!(
        profiles::sign_with_profile(&ctx, youssef, elsewhere, true, &Default::default()).await,
        Err(DomainError::Conflict("profile_outside_region"))
    ));
    assert!(matches!(
        profiles::sign_with_profile(
            &ctx,
            youssef,
            PetitionId(999_999),
            true,
            &Default::default()
        )
        .await,
        Err(DomainError::NotFound)
    ));
    let amina = app.user("amina@example.ma").await;
    let in_moderation = file(&app, amina, "souss-massa", &citizen_form()).await;
    assert!(matches!(
        profiles::sign_with_profile(&ctx, youssef, in_moderation, true, &Default::default()).await,
        Err(DomainError::NotFound)
    ));
    assert_eq!(total(&app, in_moderation).await, 0);

    signing::withdraw_signature(&ctx, youssef, id).await?;
    assert_eq!(total(&app, id).await, 0);
    assert!(matches!(
        signing::withdraw_signature(&ctx, youssef, id).await,
        Err(DomainError::NotFound)
    ));
    profiles::sign_with_profile(&ctx, youssef, id, false, &Default::default())
        .await
        .unwrap_or_else(|e| panic!("signing again after a withdrawal: {e}"));
    assert_eq!(total(&app, id).await, 1);

    // Fifty clicks at once on another petition: one signature.
    let other = file(&app, amina, "souss-massa", &citizen_form()).await;
    let moderator = app.staff("mod-souss-massa@example.ma", None).await;
    petitions::moderate_petition(&ctx, &moderator, other, ModerationDecision::Publish).await?;
    let clicks = (0..50).map(|_| {
        let ctx = ctx.clone();
        tokio::spawn(async move {
            profiles::sign_with_profile(&ctx, youssef, other, false, &Default::default()).await
        })
    });
    let mut signed = 0;
    for click in clicks.collect::<Vec<_>>() {
        match click.await? {
            Ok(()) => signed += 1,
            Err(DomainError::Conflict("already_signed")) => {}
            Err(e) => panic!("{e}"),
        }
    }
    assert_eq!(signed, 1);
    assert_eq!(total(&app, other).await, 1);
    Ok(())
}

async fn an_email_signer_withdraws_with_the_link_until_the_end(app: TestApp) -> TestResult {
    let id = published(&app, "souss-massa").await;
    let signature = NewSignature::parse(&form("AB123456", "youssef@example.ma"))
        .unwrap_or_else(|e| panic!("{e:?}"));
    signing::request_signature(&app.ctx(), id, signature, None, &Default::default()).await?;
    let sent = deliver(&app).await;
    let withdraw = withdraw_token_of(&sent[0]);
    signing::confirm_signature(&app.ctx(), &confirm_token_of(&sent[0])).await?;
    assert_eq!(total(&app, id).await, 1);
    assert_eq!(
        signing::withdraw_signature_by_link(&app.ctx(), &withdraw)
            .await
            .ok(),
        Some(id)
    );
    assert_eq!(total(&app, id).await, 0);
    assert!(
        signing::withdraw_signature_by_link(&app.ctx(), &withdraw)
            .await
            .is_err()
    );
    Ok(())
}

async fn an_address_gets_ten_confirmation_emails_an_hour_at_most(app: TestApp) -> TestResult {
    let id = published(&app, "souss-massa").await;
    let request = |cin: String| {
        let app = &app;
        async move {
            let signature = NewSignature::parse(&form(&cin, "youssef@example.ma"))
                .unwrap_or_else(|e| panic!("{e:?}"));
            signing::request_signature(&app.ctx(), id, signature, None, &Default::default()).await
        }
    };
    for n in 0..10 {
        request(format!("AB1234{n:02}"))
            .await
            .unwrap_or_else(|e| panic!("request {n}: {e}"));
    }
    assert!(matches!(
        request("AB123499".into()).await,
        Err(DomainError::RateLimited { .. })
    ));
    assert_eq!(deliver(&app).await.len(), 10, "no eleventh email");
    app.clock.advance(chrono::Duration::hours(1));
    request("AB123499".into())
        .await
        .unwrap_or_else(|e| panic!("an hour later: {e}"));
    Ok(())
}

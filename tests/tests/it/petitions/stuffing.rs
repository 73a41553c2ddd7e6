//! Signatures that resist stuffing: a mailbox gives at most two signatures to a petition (the
//! second under another name, from the same province), whatever `+tag` or capitals it is
//! written with; signatures by email of one petition from one network are limited per hour;
//! each signature keeps its origin's keyed hashes for the fraud review, until retention.

use domain::DomainError;
use domain::entities::signature;
use domain::petitions::signing::{self, NewSignature, SignatureForm};
use domain::rate_limits::ParticipationLimits;
use domain::types::ClientOrigin;
use domain::types::PetitionId;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tests::{TestApp, TestResult, both_databases};

use super::published;
use crate::accounts::deliver;

both_databases!(
    one_mailbox_gives_at_most_two_signatures_from_one_household,
    signatures_from_one_network_are_limited_per_petition,
    each_signature_keeps_the_keyed_hashes_of_its_origin,
    accounts_of_one_mailbox_sign_with_profiles_under_the_same_rules,
);

fn form(name: &str, cin: &str, province: &str, email: &str) -> SignatureForm {
    SignatureForm {
        full_name: name.into(),
        cin: cin.into(),
        province: province.into(),
        basis: "residence".into(),
        electoral_roll: true,
        consent: true,
        email: email.into(),
        notify: false,
        lang: "fr".into(),
    }
}

fn origin(ip: &str) -> ClientOrigin {
    ClientOrigin::new(ip.parse().ok(), Some("Mozilla/5.0 (Android 14)"))
}

/// Requests a signature from `from` and confirms it with the emailed link.
async fn sign(
    app: &TestApp,
    ctx: &domain::AppContext,
    id: PetitionId,
    form: &SignatureForm,
    from: &ClientOrigin,
) -> Result<(), DomainError> {
    let signature = NewSignature::parse(form).unwrap_or_else(|e| panic!("{e:?}"));
    signing::request_signature(ctx, id, signature, None, from).await?;
    let sent = deliver(app).await;
    let token = sent
        .iter()
        .find_map(|m| m.text.split("/confirm?token=").nth(1))
        .and_then(|r| r.split_whitespace().next())
        .unwrap_or_else(|| panic!("no confirmation link"))
        .to_owned();
    signing::confirm_signature(ctx, &token).await.map(|_| ())
}

async fn one_mailbox_gives_at_most_two_signatures_from_one_household(app: TestApp) -> TestResult {
    let id = published(&app, "souss-massa").await;
    let ctx = app.ctx();
    let home = origin("203.0.113.10");
    let agadir = "agadir-ida-outanane";
    let code = |r: Result<(), DomainError>| r.err().map(|e| e.code());

    sign(
        &app,
        &ctx,
        id,
        &form("Amina Tazi", "JB100001", agadir, "amina+1@example.ma"),
        &home,
    )
    .await?;
    // The same person again under a new CIN, the same name written otherwise: refused.
    assert_eq!(
        code(
            sign(
                &app,
                &ctx,
                id,
                &form("AMINA  tazi", "JB100002", agadir, "Amina+2@Example.ma"),
                &home
            )
            .await
        ),
        Some("mailbox_same_name")
    );
    // Someone of another province: not one household.
    assert_eq!(
        code(
            sign(
                &app,
                &ctx,
                id,
                &form("Karim Alaoui", "JB100003", "taroudant", "amina@example.ma"),
                &home
            )
            .await
        ),
        Some("mailbox_other_province")
    );
    // A second member of the household: accepted.
    sign(
        &app,
        &ctx,
        id,
        &form("Youssef Tazi", "JB100004", agadir, "amina+home@example.ma"),
        &home,
    )
    .await?;
    // A third: refused, whatever the tag.
    assert_eq!(
        code(
            sign(
                &app,
                &ctx,
                id,
                &form("Sara Tazi", "JB100005", agadir, "amina+3@example.ma"),
                &home
            )
            .await
        ),
        Some("mailbox_full")
    );
    let stored = signature::Entity::find()
        .filter(signature::Column::PetitionId.eq(id.0))
        .all(&app.db)
        .await
        .unwrap_or_default();
    assert_eq!(stored.len(), 2);
    let mut slots: Vec<_> = stored.iter().map(|s| s.email_slot).collect();
    slots.sort_unstable();
    assert_eq!(slots, [Some(1), Some(2)]);

    // Another petition is another count.
    let other = published(&app, "souss-massa").await;
    sign(
        &app,
        &ctx,
        other,
        &form("Sara Tazi", "JB100005", agadir, "amina+3@example.ma"),
        &home,
    )
    .await?;

    // A signed-in citizen whose account address already gave two signatures cannot add a third.
    let amina = app.user("amina@example.ma").await;
    let profile =
        domain::petitions::profiles::parse_profile(&form("Amina Tazi", "JB100009", agadir, ""))
            .unwrap_or_else(|e| panic!("{e:?}"));
    domain::petitions::profiles::save_signer_profile(&ctx, amina, profile).await?;
    assert!(matches!(
        domain::petitions::profiles::sign_with_profile(&ctx, amina, id, false, &home).await,
        Err(DomainError::Conflict("mailbox_full"))
    ));
    Ok(())
}

async fn signatures_from_one_network_are_limited_per_petition(app: TestApp) -> TestResult {
    let id = published(&app, "souss-massa").await;
    let other = published(&app, "souss-massa").await;
    let ctx = app.ctx().with_limits(ParticipationLimits::per_hour(3));
    let agadir = "agadir-ida-outanane";
    for n in 0..3 {
        let from = origin(&format!("203.0.113.{n}"));
        sign(
            &app,
            &ctx,
            id,
            &form(
                &format!("Signataire {n}"),
                &format!("JB20000{n}"),
                agadir,
                &format!("s{n}@example.ma"),
            ),
            &from,
        )
        .await?;
    }
    let flood = sign(
        &app,
        &ctx,
        id,
        &form("Signataire 9", "JB200009", agadir, "s9@example.ma"),
        &origin("203.0.113.99"),
    )
    .await;
    assert!(
        matches!(flood, Err(DomainError::RateLimited { .. })),
        "{flood:?}"
    );
    // Another network, another petition, or an hour later: accepted.
    sign(
        &app,
        &ctx,
        id,
        &form("Signataire 8", "JB200008", agadir, "s8@example.ma"),
        &origin("198.51.100.1"),
    )
    .await?;
    sign(
        &app,
        &ctx,
        other,
        &form("Signataire 9", "JB200009", agadir, "s9@example.ma"),
        &origin("203.0.113.99"),
    )
    .await?;
    // IPv6: one subscriber's /64 is one network.
    for n in 1..=3 {
        let from = origin(&format!("2001:db8:7:7::{n}"));
        sign(
            &app,
            &ctx,
            other,
            &form(
                &format!("Voisin {n}"),
                &format!("JB30000{n}"),
                agadir,
                &format!("v{n}@example.ma"),
            ),
            &from,
        )
        .await?;
    }
    let v6 = sign(
        &app,
        &ctx,
        other,
        &form("Voisin 4", "JB300004", agadir, "v4@example.ma"),
        &origin("2001:db8:7:7:ffff::4"),
    )
    .await;
    assert!(matches!(v6, Err(DomainError::RateLimited { .. })), "{v6:?}");
    app.clock.advance(chrono::Duration::hours(1));
    sign(
        &app,
        &ctx,
        id,
        &form("Signataire 7", "JB200007", agadir, "s7@example.ma"),
        &origin("203.0.113.7"),
    )
    .await?;
    Ok(())
}

async fn each_signature_keeps_the_keyed_hashes_of_its_origin(app: TestApp) -> TestResult {
    let id = published(&app, "souss-massa").await;
    let ctx = app.ctx();
    sign(
        &app,
        &ctx,
        id,
        &form(
            "Amina Tazi",
            "JB100001",
            "agadir-ida-outanane",
            "Amina+x@Example.MA",
        ),
        &origin("203.0.113.10"),
    )
    .await?;
    let keys = tests::test_keys();
    let stored = signature::Entity::find()
        .filter(signature::Column::PetitionId.eq(id.0))
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("stored"));
    assert_eq!(
        stored.email_key,
        Some(keys.origin_hash("mailbox", "amina@example.ma"))
    );
    assert_eq!(
        stored.ip_prefix_hash,
        Some(keys.origin_hash("network", "203.0.113.0/24"))
    );
    assert_eq!(
        stored.user_agent_hash,
        Some(keys.origin_hash("user_agent", "Mozilla/5.0 (Android 14)"))
    );
    assert_eq!(stored.email_domain.as_deref(), Some("example.ma"));
    let raw = format!("{stored:?}");
    assert!(!raw.contains("203.0.113"), "no address in clear");
    assert!(!raw.contains("Android"), "no user agent in clear");
    Ok(())
}

/// A verified account of `email` made before one account per mailbox was the rule (no mailbox).
async fn legacy_account(app: &TestApp, email: &str) -> domain::types::UserId {
    use domain::entities::user;
    use sea_orm::{ActiveModelTrait, Set};
    let created = user::ActiveModel {
        email: Set(email.to_owned()),
        mailbox: Set(None),
        email_verified_at: Set(Some(app.clock_now())),
        display_name: Set(email.to_owned()),
        password_hash: Set("not used".to_owned()),
        lang: Set("fr".to_owned()),
        created_at: Set(app.clock_now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    domain::types::UserId(created.id)
}

async fn accounts_of_one_mailbox_sign_with_profiles_under_the_same_rules(
    app: TestApp,
) -> TestResult {
    use domain::petitions::profiles::{parse_profile, save_signer_profile, sign_with_profile};
    let id = published(&app, "souss-massa").await;
    let ctx = app.ctx();
    let agadir = "agadir-ida-outanane";
    // Three accounts of one Gmail inbox, dots and tags aside: since one account per mailbox is
    // the rule, only accounts made before it can share one (the migration left the newer ones
    // without a mailbox).
    let mut results = Vec::new();
    for (n, (email, name)) in [
        ("amina.tazi+1@gmail.com", "Amina Tazi"),
        ("aminatazi+2@gmail.com", "Youssef Tazi"),
        ("a.m.i.n.a.tazi@googlemail.com", "Sara Tazi"),
    ]
    .into_iter()
    .enumerate()
    {
        let user = if n == 0 {
            app.user(email).await
        } else {
            legacy_account(&app, email).await
        };
        let profile = parse_profile(&form(name, &format!("JB40000{n}"), agadir, ""))
            .unwrap_or_else(|e| panic!("{e:?}"));
        save_signer_profile(&ctx, user, profile).await?;
        results.push(
            sign_with_profile(&ctx, user, id, false, &origin("203.0.113.9"))
                .await
                .err()
                .map(|e| e.code()),
        );
    }
    assert_eq!(results, [None, None, Some("mailbox_full")]);
    // And the network limit holds for one-click signatures too.
    let limited = ctx.clone().with_limits(ParticipationLimits::per_hour(2));
    let karim = app.user("karim@example.ma").await;
    let profile = parse_profile(&form("Karim Alaoui", "JB500001", agadir, ""))
        .unwrap_or_else(|e| panic!("{e:?}"));
    save_signer_profile(&ctx, karim, profile).await?;
    assert!(matches!(
        sign_with_profile(&limited, karim, id, false, &origin("203.0.113.10")).await,
        Err(DomainError::RateLimited { .. })
    ));
    Ok(())
}

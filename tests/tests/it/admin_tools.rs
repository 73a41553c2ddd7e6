//! The platform admins' tools: finding an account (by address, name or number, paged, with its
//! roles and blocks) and the outbox (failed and waiting emails, tried again on demand). Refused
//! to everyone else in the domain and over HTTP; every search and retry audit-logged.

use domain::DomainError;
use domain::accounts::search::{UserSearch, search_users};
use domain::blocks::{BlockReason, block_everywhere};
use domain::entities::{audit_entry, outbox_email};
use domain::mail::queue::{OutboxState, list_outbox, retry_emails};
use domain::mail::{MemoryMailer, OutgoingEmail, SmtpMailer, outbox, parse_sender};
use domain::roles::Role;
use domain::types::{DisplayName, Email, Lang, NewPassword};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use tests::{Client, PASSWORD, SmtpSink, TestApp, TestResult, both_databases};

both_databases!(
    only_platform_admins_search_accounts_and_read_the_outbox,
    an_admin_finds_accounts_by_address_name_or_number,
    an_admin_sees_failed_emails_and_has_them_tried_again,
    the_admin_pages_work_without_javascript,
);

/// A verified account for `email` named `name`.
async fn person(app: &TestApp, email: &str, name: &str) -> i32 {
    domain::accounts::ensure_verified_account(
        &app.ctx(),
        &Email::parse(email).unwrap_or_else(|e| panic!("{e}")),
        &DisplayName::parse(name).unwrap_or_else(|e| panic!("{e}")),
        &NewPassword::parse(PASSWORD, &[]).unwrap_or_else(|e| panic!("{e}")),
        Lang::Fr,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"))
    .0
    .0
}

fn search(typed: &str) -> UserSearch {
    UserSearch::parse(typed).unwrap_or_else(|e| panic!("{e}"))
}

/// An email in the outbox carrying a secret link in its body.
async fn queued(app: &TestApp, to: &str, subject: &str) {
    let email = OutgoingEmail {
        to: to.to_owned(),
        subject: subject.to_owned(),
        text: "https://musharaka.test/fr/account/verify?token=secret-token".to_owned(),
        html: "<p>secret-token</p>".to_owned(),
        unsubscribe: None,
    };
    outbox::enqueue(&app.db, app.clock_now(), email)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}

/// Tries every due email against an SMTP server that is down.
async fn deliver_while_down(app: &TestApp) -> TestResult {
    let port = SmtpSink::start(0).await.port;
    let sender = parse_sender("Musharaka <no-reply@musharaka.test>")?;
    let mailer = SmtpMailer::new(&format!("smtp://127.0.0.1:{port}"), sender)?;
    outbox::deliver_due(&app.ctx(), &mailer, 100).await?;
    Ok(())
}

fn forbidden<T>(result: &Result<T, DomainError>) -> bool {
    matches!(result, Err(DomainError::Forbidden))
}

async fn only_platform_admins_search_accounts_and_read_the_outbox(app: TestApp) -> TestResult {
    let souss = app.region_id("souss-massa").await;
    let ctx = app.ctx();
    let refused = [
        ("citizen", app.staff("amina@example.ma", None).await),
        (
            "moderator",
            app.staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
                .await,
        ),
        (
            "council officer",
            app.staff(
                "officer@example.ma",
                Some(Role::CouncilOfficer { region_id: souss }),
            )
            .await,
        ),
    ];
    queued(&app, "amina@example.ma", "Confirmez votre adresse").await;
    deliver_while_down(&app).await?;
    for (who, actor) in &refused {
        let found = search_users(&ctx, actor, Some(&search("amina")), 1).await;
        assert!(forbidden(&found), "{who}");
        let listed = list_outbox(&ctx, actor, OutboxState::Failed, 1).await;
        assert!(forbidden(&listed), "{who}");
        assert!(forbidden(&retry_emails(&ctx, actor, None).await), "{who}");
    }
    let denied = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("access_denied"))
        .count(&app.db)
        .await?;
    assert_eq!(denied, 9, "every refusal is logged");
    let searched = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("users_searched"))
        .count(&app.db)
        .await?;
    assert_eq!(searched, 0);

    // Over HTTP: a visitor and each of them find nothing there, and a retry changes nothing.
    let due = outbox_email::Entity::find().one(&app.db).await?;
    let mut visitor = Client::new(&app);
    for path in ["/fr/admin/users?q=amina", "/fr/admin/outbox"] {
        assert_eq!(visitor.get(path).await.status, StatusCode::NOT_FOUND);
    }
    for email in ["amina@example.ma", "mod@example.ma", "officer@example.ma"] {
        let mut client = Client::signed_in(&app, email, "fr").await;
        let page = client.get("/fr/admin/users?q=amina").await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{email}");
        assert!(!page.text().contains("id=\"users-q\""), "{email}");
        let outbox = client.get("/fr/admin/outbox").await;
        assert_eq!(outbox.status, StatusCode::NOT_FOUND, "{email}");
        assert!(
            !outbox.text().contains("Confirmez votre adresse"),
            "{email}"
        );
        client
            .post_form("/fn/retry_emails", &[("lang", "fr"), ("id", "")])
            .await;
    }
    assert_eq!(outbox_email::Entity::find().one(&app.db).await?, due);
    Ok(())
}

async fn an_admin_finds_accounts_by_address_name_or_number(app: TestApp) -> TestResult {
    let admin = app.admin().await;
    let ctx = app.ctx();
    let souss = app.region_id("souss-massa").await;
    let amina = person(&app, "amina.benali@example.ma", "Amina Benali").await;
    person(&app, "youssef@example.ma", "Youssef El Amrani").await;
    person(&app, "promo@example.ma", "Soldes 50% off").await;
    app.staff(
        "amina.benali@example.ma",
        Some(Role::Moderator { region_id: souss }),
    )
    .await;
    let reason = BlockReason::parse("Messages injurieux répétés.")?;
    block_everywhere(&ctx, &admin, &Email::parse("youssef@example.ma")?, reason).await?;

    // By a part of the name, in any case.
    let found = search_users(&ctx, &admin, Some(&search("BENALI")), 1).await?;
    assert_eq!(found.total, 1);
    let view = &found.users[0];
    assert_eq!(
        (view.id, view.email.as_str(), view.display_name.as_str()),
        (amina, "amina.benali@example.ma", "Amina Benali")
    );
    assert_eq!(view.roles, vec![Role::Moderator { region_id: souss }]);
    assert!(view.blocked_in.is_empty() && view.verified);
    // By the address; the block shows.
    let found = search_users(&ctx, &admin, Some(&search("youssef@")), 1).await?;
    assert_eq!(found.users[0].blocked_in, vec![None], "blocked everywhere");
    // By number.
    let found = search_users(&ctx, &admin, Some(&search(&format!("#{amina}"))), 1).await?;
    assert!(found.users.iter().any(|u| u.id == amina));
    // `%` and `_` are letters, not wildcards.
    let found = search_users(&ctx, &admin, Some(&search("50%")), 1).await?;
    assert_eq!(found.total, 1);
    let found = search_users(&ctx, &admin, Some(&search("a_b")), 1).await?;
    assert_eq!(found.total, 0);

    // Twenty to a page.
    for n in 0..25 {
        person(
            &app,
            &format!("citoyen{n}@souss.ma"),
            &format!("Citoyen {n}"),
        )
        .await;
    }
    let first = search_users(&ctx, &admin, Some(&search("@souss.ma")), 1).await?;
    let last = search_users(&ctx, &admin, Some(&search("@souss.ma")), 9).await?;
    assert_eq!((first.total, first.pages, first.users.len()), (25, 2, 20));
    assert_eq!(
        (last.page, last.users.len()),
        (2, 5),
        "past the end: the last"
    );

    // No search: nothing found, nothing logged.
    let none = search_users(&ctx, &admin, None, 1).await?;
    assert_eq!((none.total, none.users.len()), (0, 0));
    let logged: Vec<String> = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("users_searched"))
        .order_by_asc(audit_entry::Column::Id)
        .all(&app.db)
        .await?
        .into_iter()
        .map(|e| e.detail)
        .collect();
    assert_eq!(logged.len(), 7, "each search");
    assert!(logged[0].contains("\"search\":\"benali\""), "{}", logged[0]);
    Ok(())
}

async fn an_admin_sees_failed_emails_and_has_them_tried_again(app: TestApp) -> TestResult {
    let admin = app.admin().await;
    let ctx = app.ctx();
    queued(&app, "amina@example.ma", "Confirmez votre adresse").await;
    queued(&app, "youssef@example.ma", "Votre pétition est publiée").await;
    deliver_while_down(&app).await?;
    queued(&app, "salma@example.ma", "Nouvelle consultation").await;

    let failed = list_outbox(&ctx, &admin, OutboxState::Failed, 1).await?;
    assert_eq!((failed.failed, failed.pending), (2, 1));
    assert_eq!(failed.emails.len(), 2);
    let first = &failed.emails[0];
    assert_eq!(
        (first.to.as_str(), first.subject.as_str(), first.attempts),
        ("amina@example.ma", "Confirmez votre adresse", 1)
    );
    assert!(
        first
            .last_error
            .as_deref()
            .is_some_and(|e| e.starts_with("SMTP")),
        "{:?}",
        first.last_error
    );
    assert!(
        first.next_attempt_at > app.clock_now(),
        "waits for its backoff"
    );
    let pending = list_outbox(&ctx, &admin, OutboxState::Pending, 1).await?;
    assert_eq!(pending.emails.len(), 1);
    assert_eq!(pending.emails[0].to, "salma@example.ma");

    // A forged id, or an email never tried, is unknown; nothing changes.
    assert!(matches!(
        retry_emails(&ctx, &admin, Some(9_999)).await,
        Err(DomainError::NotFound)
    ));
    assert!(matches!(
        retry_emails(&ctx, &admin, Some(pending.emails[0].id)).await,
        Err(DomainError::NotFound)
    ));

    // Retried, the first leaves at the next round (the server is back), the second still waits.
    assert_eq!(retry_emails(&ctx, &admin, Some(first.id)).await?, 1);
    let mailer = MemoryMailer::default();
    let round = outbox::deliver_due(&ctx, &mailer, 100).await?;
    assert_eq!(
        (round.sent, round.failed),
        (2, 0),
        "the retried one and the new one"
    );
    let sent: Vec<String> = mailer.sent().into_iter().map(|e| e.to).collect();
    assert_eq!(sent, ["amina@example.ma", "salma@example.ma"]);
    assert!(matches!(
        retry_emails(&ctx, &admin, Some(first.id)).await,
        Err(DomainError::NotFound)
    ));

    // All failed ones at once.
    assert_eq!(retry_emails(&ctx, &admin, None).await?, 1);
    outbox::deliver_due(&ctx, &mailer, 100).await?;
    let after = list_outbox(&ctx, &admin, OutboxState::Failed, 1).await?;
    assert_eq!((after.failed, after.pending), (0, 0));
    assert_eq!(retry_emails(&ctx, &admin, None).await?, 0);
    let logged = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("emails_retried"))
        .count(&app.db)
        .await?;
    assert_eq!(logged, 3);
    Ok(())
}

async fn the_admin_pages_work_without_javascript(app: TestApp) -> TestResult {
    app.admin().await;
    person(&app, "amina.benali@example.ma", "Amina Benali").await;
    queued(&app, "amina.benali@example.ma", "Confirmez votre adresse").await;
    deliver_while_down(&app).await?;
    let mut admin = Client::signed_in(&app, "admin@example.ma", "fr").await;

    let home = admin.get("/fr/admin").await.text();
    assert!(home.contains("href=\"/fr/admin/users\""));
    assert!(home.contains("href=\"/fr/admin/outbox\""));

    let empty = admin.get("/fr/admin/users").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(!empty.text().contains("Comptes trouvés"));
    let found = admin.get("/fr/admin/users?q=benali").await.text();
    assert!(found.contains("Comptes trouvés : 1"), "{found}");
    assert!(found.contains("Amina Benali") && found.contains("amina.benali@example.ma"));
    assert!(found.contains("href=\"/fr/audit?actor=amina.benali%40example.ma\""));
    let short = admin.get("/fr/admin/users?q=a").await;
    assert_eq!(short.status, StatusCode::OK);
    assert!(short.text().contains("aria-invalid=\"true\""));
    let long = admin
        .get(&format!("/fr/admin/users?q={}", "x".repeat(5_000)))
        .await;
    assert_eq!(long.status, StatusCode::OK);
    let long = long.text();
    assert!(long.contains("aria-invalid=\"true\"") && !long.contains("Comptes trouvés"));

    let outbox = admin.get("/fr/admin/outbox").await;
    assert_eq!(outbox.status, StatusCode::OK);
    let html = outbox.text();
    assert!(html.contains("En échec (1)"), "{html}");
    assert!(html.contains("Confirmez votre adresse"));
    assert!(!html.contains("secret-token"), "never the bodies");
    let id = outbox_email::Entity::find()
        .one(&app.db)
        .await?
        .map(|e| e.id.to_string())
        .unwrap_or_default();
    let retried = admin
        .post_form("/fn/retry_emails", &[("lang", "fr"), ("id", &id)])
        .await;
    assert_eq!(retried.header("location"), "/fr/admin/outbox");
    assert!(
        admin
            .get("/fr/admin/outbox")
            .await
            .text()
            .contains("Les e-mails seront réessayés")
    );
    let forged = admin
        .post_form("/fn/retry_emails", &[("lang", "fr"), ("id", "=1+2")])
        .await;
    assert_eq!(forged.header("location"), "/fr/admin/outbox");
    let stored = outbox_email::Entity::find().one(&app.db).await?;
    assert_eq!(stored.map(|e| e.next_attempt_at), Some(app.clock_now()));
    Ok(())
}

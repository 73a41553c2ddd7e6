//! The audit log: platform admins read every region's entries, a region's moderators and
//! council officers their region's part only; filtered by action, region, actor and days, 50 a
//! page, with actions and details in words in the reader's language.

use domain::DomainError;
use domain::audit::entries::{AUDIT_PAGE, AuditFilter, list_entries};
use domain::petitions::{self, ModerationDecision};
use domain::roles::Role;
use domain::types::Email;
use http::StatusCode;
use tests::{Client, TestApp, TestResult, both_databases};

use super::souss_staff;
use crate::petitions::{citizen_form, file};

both_databases!(
    each_reads_the_part_of_the_log_that_is_theirs,
    the_log_is_filtered_paged_and_written_in_words,
);

async fn each_reads_the_part_of_the_log_that_is_theirs(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    let (moderator, officer) = souss_staff(&app).await;
    let amina = app.user("amina@example.ma").await;
    let id = file(&app, amina, "souss-massa", &citizen_form()).await;
    petitions::moderate_petition(&ctx, &moderator, id, ModerationDecision::Publish).await?;
    let souss = app.region_id("souss-massa").await;
    let oriental = app.region_id("oriental").await;
    let elsewhere = app
        .staff(
            "mod-o@example.ma",
            Some(Role::Moderator {
                region_id: oriental,
            }),
        )
        .await;
    let region = |region_id| AuditFilter {
        region_id: Some(region_id),
        ..AuditFilter::default()
    };
    for actor in [&moderator, &officer] {
        let page = list_entries(&ctx, actor, &region(souss), 1).await?;
        assert!(page.entries.iter().all(|e| e.region_id == Some(souss)));
        assert!(
            page.entries
                .iter()
                .any(|e| e.action == "petition_published")
        );
        // Not whom an entry concerned (the actor by display name).
        assert!(
            page.entries
                .iter()
                .all(|e| e.subject_email.is_none() && e.subject_user_id.is_none())
        );
    }
    for (actor, filter) in [
        (&elsewhere, region(souss)),
        (&moderator, region(oriental)),
        (&moderator, AuditFilter::default()),
    ] {
        assert!(matches!(
            list_entries(&ctx, actor, &filter, 1).await,
            Err(DomainError::Forbidden)
        ));
    }
    let citizen = app.actor(amina).await;
    assert!(matches!(
        list_entries(&ctx, &citizen, &region(souss), 1).await,
        Err(DomainError::Forbidden)
    ));
    let admin = app.admin().await;
    assert!(
        list_entries(&ctx, &admin, &AuditFilter::default(), 1)
            .await?
            .total
            > 0
    );

    // The pages: the region's part for its staff, 404 for anyone else.
    let mut staff = Client::signed_in(&app, "officer@example.ma", "fr").await;
    let page = staff.get("/fr/r/souss-massa/audit").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("<td>Pétition publiée<"));
    // When, on Morocco's clock, in words (the test clock reads 10:00 UTC).
    assert!(
        page.text()
            .contains("<time datetime=\"2026-11-29T11:00+01:00\">29 novembre 2026"),
        "{}",
        page.text()
    );
    assert_eq!(
        staff.get("/fr/r/oriental/audit").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(staff.get("/fr/audit").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get("/fr/r/souss-massa/audit").await.status,
        StatusCode::NOT_FOUND
    );
    Ok(())
}

async fn the_log_is_filtered_paged_and_written_in_words(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    let (moderator, _) = souss_staff(&app).await;
    let amina = app.user("amina@example.ma").await;
    let souss = app.region_id("souss-massa").await;
    // 60 refused attempts by a citizen: more than a page.
    let citizen = app.actor(amina).await;
    for _ in 0..60 {
        let filter = AuditFilter {
            region_id: Some(souss),
            ..AuditFilter::default()
        };
        let _ = list_entries(&ctx, &citizen, &filter, 1).await;
    }
    let id = file(&app, amina, "souss-massa", &citizen_form()).await;
    petitions::moderate_petition(&ctx, &moderator, id, ModerationDecision::Publish).await?;
    let admin = app.admin().await;
    let by_amina = AuditFilter {
        actor: Some(Email::parse("amina@example.ma")?),
        action: Some("access_denied".into()),
        ..AuditFilter::default()
    };
    let first = list_entries(&ctx, &admin, &by_amina, 1).await?;
    assert_eq!((first.total, first.pages), (60, 2));
    assert_eq!(first.entries.len(), usize::try_from(AUDIT_PAGE)?);
    let second = list_entries(&ctx, &admin, &by_amina, 2).await?;
    assert_eq!(second.entries.len(), 10);
    // Out of range: the last page.
    assert_eq!(list_entries(&ctx, &admin, &by_amina, 99).await?.page, 2);
    let today = app.clock_now().date_naive();
    let days = |from: chrono::NaiveDate, to: chrono::NaiveDate| AuditFilter {
        action: Some("petition_published".into()),
        from: Some(from),
        to: Some(to),
        ..AuditFilter::default()
    };
    assert_eq!(
        list_entries(&ctx, &admin, &days(today, today), 1)
            .await?
            .total,
        1
    );
    let tomorrow = today.succ_opt().ok_or("date")?;
    assert_eq!(
        list_entries(&ctx, &admin, &days(tomorrow, tomorrow), 1)
            .await?
            .total,
        0
    );

    // On the page: words in the reader's language, details by name, bad input said.
    let mut client = Client::signed_in(&app, "admin@example.ma", "ar").await;
    let page = client
        .get("/ar/audit?region=souss-massa&action=access_denied")
        .await
        .text();
    assert!(page.contains("<td>رفض الوصول<"), "the action in Arabic");
    assert!(
        page.contains("العملية"),
        "the detail's fields named in Arabic"
    );
    assert!(
        page.contains("page=2") && page.contains("rel=\"next\""),
        "paged"
    );
    let bad = client
        .get("/fr/audit?from=2027-02-30&actor=%3Dcmd")
        .await
        .text();
    assert!(bad.contains("role=\"alert\""));
    Ok(())
}

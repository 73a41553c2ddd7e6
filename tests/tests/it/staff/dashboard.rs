//! The staff dashboard: each role sees its lists, with counts and pages; nobody else opens it.

use chrono::Duration;
use domain::DomainError;
use domain::consultations::drafts::create_consultation;
use domain::consultations::lifecycle::ConsultationStatus;
use domain::entities::{content_report, petition};
use domain::roles::Role;
use domain::staff::{DashboardPages, staff_dashboard};
use domain::types::{Lang, RegionSlug};
use sea_orm::{ActiveModelTrait, Set};
use tests::{Client, TestApp, TestResult, both_databases};

use super::{admissible, deposited, souss_staff};
use crate::consultations::{draft, open_consultation};
use crate::petitions::{citizen_form, file};

both_databases!(
    each_role_sees_what_waits_for_it,
    only_the_regions_staff_open_the_dashboard,
    long_lists_come_a_page_at_a_time,
);

fn souss() -> RegionSlug {
    RegionSlug::parse("souss-massa").unwrap_or_else(|e| panic!("{e}"))
}

async fn each_role_sees_what_waits_for_it(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    let (moderator, officer) = souss_staff(&app).await;
    let late = deposited(&app, "Une bibliothèque à Taroudant").await;
    // Seventy days later the first deposit is past the bureau's two months.
    app.clock.advance(Duration::days(70));
    let amina = app.user("amina@example.ma").await;
    let waiting = file(&app, amina, "souss-massa", &citizen_form()).await;
    let recent = deposited(&app, "Un terrain de sport à Tiznit").await;
    let ready = deposited(&app, "Un musée à Agadir").await;
    admissible(&app, ready).await;
    let consultation = open_consultation(&app).await;
    let sketch = create_consultation(&ctx, &officer, &souss(), draft()).await?;
    let reporter = app.user("karim@example.ma").await;
    content_report::ActiveModel {
        consultation_id: Set(consultation.0),
        kind: Set("proposal".into()),
        target_id: Set(1),
        reporter_id: Set(reporter.0),
        reason: Set("off_topic".into()),
        created_at: Set(app.clock_now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await?;

    let pages = DashboardPages::default();
    let board = staff_dashboard(&ctx, &moderator, &souss(), Lang::Fr, pages).await?;
    assert!(board.moderator && !board.officer);
    let to_moderate = board.to_moderate.ok_or("moderators see the queue")?;
    assert_eq!(
        to_moderate.items.iter().map(|p| p.id).collect::<Vec<_>>(),
        [waiting]
    );
    assert_eq!(to_moderate.total, 1);
    assert_eq!(board.counts.to_moderate, Some(1));
    let reports = board.reports.ok_or("moderators see the reports")?;
    assert_eq!(reports.items.len(), 1);
    assert_eq!(reports.items[0].reason, "off_topic");
    assert_eq!(board.counts.open_reports, Some(1));
    assert!(board.awaiting_decision.is_none() && board.consultations.is_none());
    assert_eq!(
        board.counts.awaiting_decision, None,
        "officers' counts are theirs"
    );

    let board = staff_dashboard(&ctx, &officer, &souss(), Lang::Fr, pages).await?;
    assert!(board.officer && !board.moderator);
    assert!(
        board.to_moderate.is_none(),
        "a petition in moderation is the moderators'"
    );
    assert!(board.reports.is_none());
    let decisions = board.awaiting_decision.ok_or("officers see the deposits")?;
    let ids: Vec<_> = decisions.items.iter().map(|p| p.id).collect();
    assert_eq!(ids, [late, recent], "the earliest deadline first");
    assert!(decisions.items[0].overdue);
    assert!(decisions.items[0].days_left.is_some_and(|d| d < 0));
    assert!(!decisions.items[1].overdue);
    assert!(decisions.items[1].days_left.is_some_and(|d| d > 50));
    assert_eq!(board.counts.awaiting_decision, Some(2));
    assert_eq!(board.counts.overdue, Some(1));
    let sessions = board
        .awaiting_session
        .ok_or("officers see the admissible ones")?;
    assert_eq!(
        sessions.items.iter().map(|p| p.id).collect::<Vec<_>>(),
        [ready]
    );
    let consultations = board
        .consultations
        .ok_or("officers see the consultations")?;
    let mut listed: Vec<_> = consultations.iter().map(|c| (c.id, c.status)).collect();
    listed.sort_by_key(|(id, _)| id.0);
    assert_eq!(
        listed,
        [
            (consultation, ConsultationStatus::Scheduled),
            (sketch, ConsultationStatus::Draft)
        ]
    );
    assert_eq!(board.counts.consultation_drafts, Some(1));
    assert_eq!(board.counts.closed_without_results, Some(0));

    // Someone holding both roles sees both halves.
    let souss_id = app.region_id("souss-massa").await;
    app.staff(
        "both@example.ma",
        Some(Role::Moderator {
            region_id: souss_id,
        }),
    )
    .await;
    let both = app
        .staff(
            "both@example.ma",
            Some(Role::CouncilOfficer {
                region_id: souss_id,
            }),
        )
        .await;
    assert_eq!(both.roles.len(), 2);
    let board = staff_dashboard(&ctx, &both, &souss(), Lang::Fr, pages).await?;
    assert!(board.to_moderate.is_some() && board.awaiting_decision.is_some());

    // The page, in Arabic, with the header's link to it.
    let mut client = Client::signed_in(&app, "officer@example.ma", "ar").await;
    let page = client.get("/ar/r/souss-massa/staff").await;
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains("lang=\"ar\"") && html.contains("dir=\"rtl\""));
    assert!(html.contains("لوحة قيادة الطاقم"), "the title");
    assert!(html.contains("Une bibliothèque à Taroudant"));
    assert!(html.contains("class=\"overdue\""), "the overdue flag");
    assert!(html.contains("لوحة الطاقم"), "the header links to it");
    assert!(!html.contains("خط حافلات"), "not the petition in moderation");
    Ok(())
}

async fn only_the_regions_staff_open_the_dashboard(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    souss_staff(&app).await;
    let oriental = app.region_id("oriental").await;
    let refused = [
        ("citizen", app.staff("citizen@example.ma", None).await),
        (
            "moderator of another region",
            app.staff(
                "mod-o@example.ma",
                Some(Role::Moderator {
                    region_id: oriental,
                }),
            )
            .await,
        ),
        (
            "officer of another region",
            app.staff(
                "officer-o@example.ma",
                Some(Role::CouncilOfficer {
                    region_id: oriental,
                }),
            )
            .await,
        ),
        ("platform admin", app.admin().await),
    ];
    for (who, actor) in &refused {
        let result =
            staff_dashboard(&ctx, actor, &souss(), Lang::Fr, DashboardPages::default()).await;
        assert!(
            matches!(result, Err(DomainError::Forbidden)),
            "{who}: {result:?}"
        );
    }
    let (moderator, _) = souss_staff(&app).await;
    let unknown = RegionSlug::parse("atlantis")?;
    assert!(matches!(
        staff_dashboard(
            &ctx,
            &moderator,
            &unknown,
            Lang::Fr,
            DashboardPages::default()
        )
        .await,
        Err(DomainError::NotFound)
    ));

    // Over HTTP: a 404 page for anyone but the region's staff, and no link in their header.
    assert_eq!(app.get("/fr/r/souss-massa/staff").await.status, 404);
    for email in ["citizen@example.ma", "mod-o@example.ma", "admin@example.ma"] {
        let mut client = Client::signed_in(&app, email, "fr").await;
        let page = client.get("/fr/r/souss-massa/staff").await;
        assert_eq!(page.status, 404, "{email}");
        let link = "Espace de travail — Souss-Massa";
        assert!(!page.text().contains(link), "no header link: {email}");
    }
    let mut client = Client::signed_in(&app, "mod@example.ma", "fr").await;
    let page = client.get("/fr/r/souss-massa/staff?moderation=abc").await;
    assert_eq!(page.status, 200, "a bad page number is the first page");
    assert!(
        page.text().contains("Tableau de bord de l&#x27;équipe")
            || page.text().contains("Tableau de bord de l'équipe")
    );
    Ok(())
}

async fn long_lists_come_a_page_at_a_time(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    let (moderator, _) = souss_staff(&app).await;
    let souss_id = app.region_id("souss-massa").await;
    let start = app.clock_now();
    for n in 0..45 {
        let at = start + Duration::minutes(n);
        petition::ActiveModel {
            region_id: Set(souss_id),
            kind: Set("citizen".into()),
            status: Set("in_moderation".into()),
            lang: Set("fr".into()),
            title: Set(format!("Pétition numéro {n}")),
            request: Set("Une demande.".into()),
            reasons: Set("Des raisons.".into()),
            competence: Set("regional_transport".into()),
            representative_name: Set("Amina".into()),
            signature_count: Set(0),
            created_at: Set(at),
            updated_at: Set(at),
            notified_percent: Set(0),
            ..Default::default()
        }
        .insert(&app.db)
        .await?;
    }
    app.clock.advance(Duration::days(3));
    let page = |moderation| DashboardPages {
        moderation,
        ..DashboardPages::default()
    };
    let first = staff_dashboard(&ctx, &moderator, &souss(), Lang::Fr, page(1))
        .await?
        .to_moderate
        .ok_or("the queue")?;
    assert_eq!((first.page, first.pages, first.total), (1, 3, 45));
    assert_eq!(first.items.len(), 20);
    assert_eq!(
        first.items[0].title, "Pétition numéro 0",
        "the oldest first"
    );
    assert_eq!(first.items[0].days_waiting, 3);
    let last = staff_dashboard(&ctx, &moderator, &souss(), Lang::Fr, page(3))
        .await?
        .to_moderate
        .ok_or("the queue")?;
    assert_eq!(last.items.len(), 5);
    assert_eq!(last.items[4].title, "Pétition numéro 44");
    let beyond = staff_dashboard(&ctx, &moderator, &souss(), Lang::Fr, page(99))
        .await?
        .to_moderate
        .ok_or("the queue")?;
    assert_eq!(beyond.page, 3, "a page past the end is the last one");

    let mut client = Client::signed_in(&app, "mod@example.ma", "fr").await;
    let html = client
        .get("/fr/r/souss-massa/staff?moderation=2")
        .await
        .text();
    assert!(html.contains("Page 2 sur 3"));
    assert!(html.contains("Pétition numéro 20") && !html.contains("Pétition numéro 19<"));
    assert!(html.contains(
        "href=\"/fr/r/souss-massa/staff?moderation=3&amp;reports=1&amp;decisions=1&amp;sessions=1#moderation\""
    ));
    Ok(())
}

//! Reports: a proposal or a comment reported once per person; the region's moderators (only)
//! hide it or keep it, audit-logged; a hidden proposal leaves the list. (Free-text answers:
//! `review.rs`.)

use domain::DomainError;
use domain::consultations::proposals::{
    NewProposal, ProposalForm, list_proposals, submit_proposal,
};
use domain::consultations::reports::{ReportTarget, decide_report, list_reports, report_content};
use domain::entities::audit_entry;
use domain::roles::Role;
use sea_orm::EntityTrait;
use tests::{TestApp, TestResult, both_databases};

use super::{open_consultation, to_first_day};

both_databases!(
    moderators_of_the_region_decide_reports,
    open_reports_come_a_page_at_a_time,
);

async fn moderators_of_the_region_decide_reports(app: TestApp) -> TestResult {
    let id = open_consultation(&app).await;
    to_first_day(&app);
    let ctx = app.ctx();
    let (amina, karim, salma) = (
        app.user("amina@example.ma").await,
        app.user("karim@example.ma").await,
        app.user("salma@example.ma").await,
    );
    let proposal = |title: &str| {
        NewProposal::parse(&ProposalForm {
            title: title.into(),
            body: "Un texte assez long pour être une proposition de la région.".into(),
            province: String::new(),
        })
        .unwrap_or_else(|e| panic!("{e:?}"))
    };
    let spam = submit_proposal(
        &ctx,
        amina,
        &Default::default(),
        id,
        proposal("Achetez nos montres"),
    )
    .await?;
    let fair = submit_proposal(
        &ctx,
        amina,
        &Default::default(),
        id,
        proposal("Des pistes cyclables"),
    )
    .await?;

    assert!(matches!(
        report_content(
            &ctx,
            karim,
            &Default::default(),
            ReportTarget::Proposal(spam.0),
            "boring"
        )
        .await,
        Err(DomainError::Validation {
            code: "reason_missing",
            ..
        })
    ));
    for user in [karim, salma] {
        report_content(
            &ctx,
            user,
            &Default::default(),
            ReportTarget::Proposal(spam.0),
            "advertising",
        )
        .await?;
    }
    assert!(matches!(
        report_content(
            &ctx,
            karim,
            &Default::default(),
            ReportTarget::Proposal(spam.0),
            "advertising"
        )
        .await,
        Err(DomainError::Conflict("already_reported"))
    ));
    report_content(
        &ctx,
        karim,
        &Default::default(),
        ReportTarget::Proposal(fair.0),
        "off_topic",
    )
    .await?;

    let souss = app.region_id("souss-massa").await;
    let oriental = app.region_id("oriental").await;
    let moderator = app
        .staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
        .await;
    let other = app
        .staff(
            "mod-oriental@example.ma",
            Some(Role::Moderator {
                region_id: oriental,
            }),
        )
        .await;
    assert!(matches!(
        list_reports(&ctx, &other, souss, 1).await,
        Err(DomainError::Forbidden)
    ));
    let open = list_reports(&ctx, &moderator, souss, 1).await?.reports;
    assert_eq!(open.len(), 3);
    assert!(open[0].text.starts_with("Achetez nos montres"));
    assert!(matches!(
        decide_report(&ctx, &other, open[0].id, true).await,
        Err(DomainError::Forbidden)
    ));
    decide_report(&ctx, &moderator, open[0].id, true).await?;
    decide_report(&ctx, &moderator, open[2].id, false).await?;
    assert!(
        list_reports(&ctx, &moderator, souss, 1)
            .await?
            .reports
            .is_empty(),
        "both reports of the hidden proposal are decided with it"
    );
    let listed: Vec<i32> = list_proposals(&ctx, id, 0)
        .await?
        .proposals
        .iter()
        .map(|p| p.id.0)
        .collect();
    assert_eq!(listed, [fair.0], "the hidden proposal left the list");
    let actions: Vec<String> = audit_entry::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(actions.iter().any(|a| a == "content_hidden"));
    assert!(actions.iter().any(|a| a == "content_kept"));
    Ok(())
}

async fn open_reports_come_a_page_at_a_time(app: TestApp) -> TestResult {
    use domain::consultations::proposals::{CommentText, comment_proposal};
    let id = open_consultation(&app).await;
    to_first_day(&app);
    let ctx = app.ctx();
    let amina = app.user("amina@example.ma").await;
    let proposal = NewProposal::parse(&ProposalForm {
        title: "Achetez nos montres".into(),
        body: "Un texte assez long pour être une proposition de la région.".into(),
        province: String::new(),
    })
    .map_err(|e| format!("{e:?}"))?;
    let spam = submit_proposal(&ctx, amina, &Default::default(), id, proposal).await?;
    let comment = CommentText::parse("Et nos bracelets aussi.")?;
    comment_proposal(&ctx, amina, &Default::default(), spam, comment).await?;
    let comment_id = domain::entities::proposal_comment::Entity::find()
        .one(&app.db)
        .await?
        .ok_or("the comment")?
        .id;
    for n in 0..25 {
        let who = app.user(&format!("reporter{n}@example.ma")).await;
        let target = if n < 22 {
            ReportTarget::Proposal(spam.0)
        } else {
            ReportTarget::Comment(comment_id)
        };
        report_content(&ctx, who, &Default::default(), target, "advertising").await?;
    }
    let souss = app.region_id("souss-massa").await;
    let moderator = app
        .staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
        .await;
    let first = list_reports(&ctx, &moderator, souss, 1).await?;
    assert_eq!((first.page, first.pages, first.total), (1, 2, 25));
    assert_eq!(first.reports.len(), 20);
    assert!(first.reports[0].text.starts_with("Achetez nos montres"));
    let second = list_reports(&ctx, &moderator, souss, 2).await?;
    assert_eq!(second.reports.len(), 5);
    assert_eq!(second.reports[4].text, "Et nos bracelets aussi.");
    assert_eq!(second.reports[4].target, ReportTarget::Comment(comment_id));
    assert_eq!(list_reports(&ctx, &moderator, souss, 9).await?.page, 2);
    let mut client = tests::Client::signed_in(&app, "mod@example.ma", "fr").await;
    let html = client
        .get("/fr/r/souss-massa/moderation?reports=2")
        .await
        .text();
    assert!(html.contains("Page 2 sur 2"));
    assert!(html.contains("href=\"/fr/r/souss-massa/moderation?reports=1#reports\""));
    assert!(html.contains("Et nos bracelets aussi."));

    // Hiding the proposal decides its 22 reports and hides its comment from view: none is left.
    decide_report(&ctx, &moderator, first.reports[0].id, true).await?;
    let after = list_reports(&ctx, &moderator, souss, 1).await?;
    assert_eq!((after.total, after.reports.len()), (0, 0));
    Ok(())
}

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

both_databases!(moderators_of_the_region_decide_reports);

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
        list_reports(&ctx, &other, souss).await,
        Err(DomainError::Forbidden)
    ));
    let open = list_reports(&ctx, &moderator, souss).await?;
    assert_eq!(open.len(), 3);
    assert!(open[0].text.starts_with("Achetez nos montres"));
    assert!(matches!(
        decide_report(&ctx, &other, open[0].id, true).await,
        Err(DomainError::Forbidden)
    ));
    decide_report(&ctx, &moderator, open[0].id, true).await?;
    decide_report(&ctx, &moderator, open[2].id, false).await?;
    assert!(
        list_reports(&ctx, &moderator, souss)
            .await
            .unwrap_or_default()
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

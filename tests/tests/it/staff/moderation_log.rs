//! Hidden contributions come back with a reason, and each region's moderation log says in public
//! what was refused, hidden or restored, when and why, without a name or a hidden text.

use domain::DomainError;
use domain::consultations::hidden::{list_hidden, restore_content};
use domain::consultations::proposals::{
    NewProposal, ProposalForm, list_proposals, submit_proposal,
};
use domain::consultations::reports::{ReportTarget, decide_report, list_reports, report_content};
use domain::moderation_log::moderation_log;
use domain::petitions::{self, ModerationDecision};
use domain::roles::Role;
use domain::types::RegionSlug;
use tests::{TestApp, TestResult, both_databases};

use super::souss_staff;
use crate::consultations::{open_consultation, to_first_day};
use crate::petitions::{citizen_form, file};

both_databases!(refusals_hidings_and_restorings_are_logged_in_public);

async fn refusals_hidings_and_restorings_are_logged_in_public(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    let (moderator, officer) = souss_staff(&app).await;
    let amina = app.user("amina@example.ma").await;
    let refused = file(&app, amina, "souss-massa", &citizen_form()).await;
    let decision = ModerationDecision::parse("reject", "duplicate", "")?;
    petitions::moderate_petition(&ctx, &moderator, refused, decision).await?;

    let consultation = open_consultation(&app).await;
    to_first_day(&app);
    let proposal = NewProposal::parse(&ProposalForm {
        title: "Achetez nos montres".into(),
        body: "Un texte assez long pour être une proposition de la région.".into(),
        province: String::new(),
    })
    .map_err(|e| format!("{e:?}"))?;
    let spam = submit_proposal(&ctx, amina, &Default::default(), consultation, proposal).await?;
    let karim = app.user("karim@example.ma").await;
    let target = ReportTarget::Proposal(spam.0);
    report_content(&ctx, karim, &Default::default(), target, "advertising").await?;
    let souss = app.region_id("souss-massa").await;
    let report = list_reports(&ctx, &moderator, souss, 1).await?.reports[0].id;
    decide_report(&ctx, &moderator, report, true).await?;
    let hidden = list_hidden(&ctx, &moderator, souss).await?;
    assert_eq!(hidden.len(), 1);
    assert_eq!(hidden[0].target, target);
    assert!(hidden[0].text.contains("Achetez nos montres"));
    assert!(
        !list_proposals(&ctx, consultation, 0)
            .await?
            .proposals
            .iter()
            .any(|p| p.id == spam)
    );

    // Only the region's moderators restore, with a reason.
    let oriental = app.region_id("oriental").await;
    let other = app
        .staff(
            "mod-o@example.ma",
            Some(Role::Moderator {
                region_id: oriental,
            }),
        )
        .await;
    for actor in [&officer, &other] {
        assert!(matches!(
            restore_content(&ctx, actor, target, "appeal_upheld").await,
            Err(DomainError::Forbidden)
        ));
    }
    assert!(matches!(
        restore_content(&ctx, &moderator, target, "because").await,
        Err(DomainError::Validation {
            code: "restore_reason_missing",
            ..
        })
    ));
    restore_content(&ctx, &moderator, target, "appeal_upheld").await?;
    assert!(matches!(
        restore_content(&ctx, &moderator, target, "appeal_upheld").await,
        Err(DomainError::NotFound)
    ));
    assert!(list_hidden(&ctx, &moderator, souss).await?.is_empty());
    assert!(
        list_proposals(&ctx, consultation, 0)
            .await?
            .proposals
            .iter()
            .any(|p| p.id == spam)
    );

    let log = moderation_log(&ctx, &RegionSlug::parse("souss-massa")?, 1).await?;
    let lines: Vec<_> = log
        .lines
        .iter()
        .map(|l| (l.action.as_str(), l.kind.as_str(), l.reason.as_deref()))
        .collect();
    assert_eq!(
        lines,
        [
            ("restored", "proposal", Some("appeal_upheld")),
            ("hidden", "proposal", Some("advertising")),
            ("rejected", "petition", Some("duplicate")),
        ]
    );
    assert_eq!(log.lines[2].petition, Some(refused.0));
    assert_eq!(log.lines[0].consultation, Some(consultation.0));
    let elsewhere = moderation_log(&ctx, &RegionSlug::parse("oriental")?, 1).await?;
    assert!(elsewhere.lines.is_empty());

    // The page, for anyone: no name, no hidden text.
    let page = app.get("/fr/r/souss-massa/moderation-log").await;
    assert_eq!(page.status, 200);
    let html = page.text();
    for words in [
        "Refusée",
        "Masquée",
        "Rétablie",
        "Publicité",
        "Recours de l&#x27;auteur accepté",
    ] {
        assert!(
            html.contains(words) || html.contains(&words.replace("&#x27;", "'")),
            "{words}"
        );
    }
    for secret in ["Achetez nos montres", "amina", "karim", "mod@example.ma"] {
        assert!(!html.contains(secret), "{secret}");
    }
    assert!(html.contains(&format!(
        "href=\"/fr/r/souss-massa/petitions/{}\"",
        refused.0
    )));
    assert_eq!(app.get("/fr/r/atlantis/moderation-log").await.status, 404);
    let region = app.get("/fr/r/souss-massa").await.text();
    assert!(region.contains("href=\"/fr/r/souss-massa/moderation-log\""));
    Ok(())
}

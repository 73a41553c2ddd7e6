//! The call for proposals: submit, support once (not one's own), comment, while open; ranked
//! by support.

use chrono::Duration;
use domain::DomainError;
use domain::consultations::proposals::{
    CommentText, NewProposal, ProposalForm, comment_proposal, list_proposals, submit_proposal,
    support_proposal,
};
use domain::entities::proposal;
use sea_orm::{EntityTrait, PaginatorTrait};
use tests::{TestApp, TestResult, both_databases};

use super::{open_consultation, to_first_day};

both_databases!(
    citizens_propose_support_once_and_comment_while_open,
    deleting_an_account_keeps_what_it_wrote_and_what_others_added,
    tens_of_thousands_of_proposals_are_listed_a_page_at_a_time,
    proposals_comments_reports_and_email_changes_are_limited_per_day,
);

fn proposal(title: &str, province: &str) -> NewProposal {
    NewProposal::parse(&ProposalForm {
        title: title.into(),
        body: "Pour que les jeunes de la région trouvent un emploi près de chez eux.".into(),
        province: province.into(),
    })
    .unwrap_or_else(|e| panic!("{e:?}"))
}

async fn citizens_propose_support_once_and_comment_while_open(app: TestApp) -> TestResult {
    let id = open_consultation(&app).await;
    let (amina, karim, salma) = (
        app.user("amina@example.ma").await,
        app.user("karim@example.ma").await,
        app.user("salma@example.ma").await,
    );
    let ctx = app.ctx();
    assert!(matches!(
        submit_proposal(
            &ctx,
            amina,
            &Default::default(),
            id,
            proposal("Un incubateur à Taroudant", "")
        )
        .await,
        Err(DomainError::Conflict("not_open"))
    ));
    to_first_day(&app);

    assert!(matches!(
        submit_proposal(
            &ctx,
            amina,
            &Default::default(),
            id,
            proposal("Un incubateur", "oujda-angad")
        )
        .await,
        Err(DomainError::Validation {
            code: "province_not_in_region",
            ..
        })
    ));
    let incubator = submit_proposal(
        &ctx,
        amina,
        &Default::default(),
        id,
        proposal("Un incubateur", "taroudant"),
    )
    .await?;
    let shuttle = submit_proposal(
        &ctx,
        karim,
        &Default::default(),
        id,
        proposal("Une navette universitaire", ""),
    )
    .await?;

    assert!(matches!(
        support_proposal(&ctx, amina, &Default::default(), incubator).await,
        Err(DomainError::Conflict("own_proposal"))
    ));
    for user in [amina, salma] {
        support_proposal(&ctx, user, &Default::default(), shuttle).await?;
    }
    assert!(matches!(
        support_proposal(&ctx, salma, &Default::default(), shuttle).await,
        Err(DomainError::Conflict("already_supported"))
    ));
    support_proposal(&ctx, salma, &Default::default(), incubator).await?;
    comment_proposal(
        &ctx,
        salma,
        &Default::default(),
        shuttle,
        CommentText::parse("Avec un arrêt à Ouled Teima ?")?,
    )
    .await?;

    let ranked = list_proposals(&ctx, id, 0).await?;
    let summary: Vec<(i32, u64, u64)> = ranked
        .proposals
        .iter()
        .map(|p| (p.id.0, p.supports, p.comments))
        .collect();
    assert_eq!(summary, [(shuttle.0, 2, 1), (incubator.0, 1, 0)]);

    app.clock.advance(Duration::days(31));
    assert!(matches!(
        support_proposal(&ctx, karim, &Default::default(), incubator).await,
        Err(DomainError::Conflict("not_open"))
    ));
    assert!(matches!(
        submit_proposal(
            &ctx,
            salma,
            &Default::default(),
            id,
            proposal("Trop tard pour proposer", "")
        )
        .await,
        Err(DomainError::Conflict("not_open"))
    ));
    assert_eq!(proposal::Entity::find().count(&app.db).await.ok(), Some(2));
    Ok(())
}

async fn deleting_an_account_keeps_what_it_wrote_and_what_others_added(app: TestApp) -> TestResult {
    use domain::entities::{proposal_comment, proposal_support};
    let id = open_consultation(&app).await;
    to_first_day(&app);
    let (amina, karim) = (
        app.user("amina@example.ma").await,
        app.user("karim@example.ma").await,
    );
    let ctx = app.ctx();
    let comment = |text: &str| CommentText::parse(text).unwrap_or_else(|e| panic!("{e}"));
    let hers = submit_proposal(
        &ctx,
        amina,
        &Default::default(),
        id,
        proposal("Un incubateur", "taroudant"),
    )
    .await?;
    let his = submit_proposal(
        &ctx,
        karim,
        &Default::default(),
        id,
        proposal("Une navette universitaire", ""),
    )
    .await?;
    support_proposal(&ctx, karim, &Default::default(), hers).await?;
    comment_proposal(
        &ctx,
        karim,
        &Default::default(),
        hers,
        comment("Et à Tiznit aussi ?"),
    )
    .await?;
    support_proposal(&ctx, amina, &Default::default(), his).await?;
    comment_proposal(
        &ctx,
        amina,
        &Default::default(),
        his,
        comment("Avec un arrêt à Ouled Teima ?"),
    )
    .await?;

    domain::accounts::delete_account(&ctx, amina, tests::PASSWORD.into()).await?;

    let ranked = list_proposals(&ctx, id, 0).await?;
    let summary: Vec<(i32, u64, u64)> = ranked
        .proposals
        .iter()
        .map(|p| (p.id.0, p.supports, p.comments))
        .collect();
    assert_eq!(
        summary,
        [(hers.0, 1, 1), (his.0, 0, 1)],
        "her proposal and comment stay, with Karim's support and comment; her support goes"
    );
    let kept = proposal::Entity::find_by_id(hers.0)
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("her proposal"));
    assert_eq!(kept.user_id, None, "kept without its author");
    let comments = proposal_comment::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default();
    assert_eq!(comments.len(), 2);
    assert!(comments.iter().any(|c| c.user_id.is_none()));
    assert_eq!(
        proposal_support::Entity::find().count(&app.db).await.ok(),
        Some(1)
    );
    Ok(())
}

async fn tens_of_thousands_of_proposals_are_listed_a_page_at_a_time(app: TestApp) -> TestResult {
    use sea_orm::Set;
    let id = open_consultation(&app).await;
    to_first_day(&app);
    let karim = app.user("karim@example.ma").await;
    let ctx = app.ctx();
    // More proposals than SQLite binds variables in one statement (32,766).
    let total = 33_000;
    let rows: Vec<proposal::ActiveModel> = (0..total)
        .map(|n| proposal::ActiveModel {
            consultation_id: Set(id.0),
            user_id: Set(None),
            title: Set(format!("Proposition {n}")),
            body: Set("Une idée pour la région.".into()),
            province_id: Set(None),
            hidden: Set(false),
            created_at: Set(app.clock_now()),
            ..Default::default()
        })
        .collect();
    for batch in rows.chunks(1_000) {
        proposal::Entity::insert_many(batch.to_vec())
            .exec(&app.db)
            .await?;
    }
    let last = proposal::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default()
        .iter()
        .map(|p| p.id)
        .max()
        .unwrap_or_default();
    support_proposal(
        &ctx,
        karim,
        &Default::default(),
        domain::types::ProposalId(last),
    )
    .await?;

    let first = list_proposals(&ctx, id, 0).await?;
    assert_eq!(first.proposals.len(), 20);
    assert!(first.has_next);
    assert_eq!(first.proposals[0].id.0, last, "the supported one first");
    assert_eq!(first.proposals[1].title, "Proposition 0", "then the oldest");
    let final_page = list_proposals(&ctx, id, 1_649).await?;
    assert_eq!(final_page.proposals.len(), 20);
    assert!(!final_page.has_next);

    let page = tests::Client::new(&app)
        .get(&format!(
            "/fr/r/souss-massa/consultations/{}?proposals_page=3",
            id.0
        ))
        .await;
    assert_eq!(page.status, http::StatusCode::OK);
    let page = page.text();
    assert!(page.contains("start=\"61\""), "ranks go on across pages");
    assert!(page.contains("Propositions précédentes") && page.contains("Autres propositions"));
    Ok(())
}

async fn proposals_comments_reports_and_email_changes_are_limited_per_day(
    app: TestApp,
) -> TestResult {
    use domain::consultations::reports::{ReportTarget, report_content};
    use domain::rate_limits::ParticipationLimits;
    let id = open_consultation(&app).await;
    to_first_day(&app);
    let (amina, karim) = (
        app.user("amina@example.ma").await,
        app.user("karim@example.ma").await,
    );
    let ctx = app
        .ctx()
        .with_limits(ParticipationLimits::with_maxima(100, [2, 1, 2, 2]));
    let limited = |r: Result<(), DomainError>| matches!(r, Err(DomainError::RateLimited { .. }));
    let comment = |text: &str| CommentText::parse(text).unwrap_or_else(|e| panic!("{e}"));

    let first = submit_proposal(
        &ctx,
        amina,
        &Default::default(),
        id,
        proposal("Un incubateur", ""),
    )
    .await?;
    let second = submit_proposal(
        &ctx,
        amina,
        &Default::default(),
        id,
        proposal("Une navette", ""),
    )
    .await;
    assert!(limited(second.map(|_| ())), "one proposal a day");
    let other = submit_proposal(
        &ctx,
        karim,
        &Default::default(),
        id,
        proposal("Une navette", ""),
    )
    .await?;

    for n in 0..2 {
        comment_proposal(
            &ctx,
            amina,
            &Default::default(),
            other,
            comment(&format!("Bonne idée {n}")),
        )
        .await?;
    }
    assert!(limited(
        comment_proposal(&ctx, amina, &Default::default(), other, comment("Encore")).await
    ));
    assert!(
        report_content(
            &ctx,
            amina,
            &Default::default(),
            ReportTarget::Proposal(other.0),
            "advertising"
        )
        .await
        .is_ok()
    );
    assert!(
        report_content(
            &ctx,
            karim,
            &Default::default(),
            ReportTarget::Proposal(first.0),
            "advertising"
        )
        .await
        .is_ok()
    );
    let comments = domain::entities::proposal_comment::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default();
    assert!(
        report_content(
            &ctx,
            karim,
            &Default::default(),
            ReportTarget::Comment(comments[0].id),
            "advertising"
        )
        .await
        .is_ok()
    );
    assert!(limited(
        report_content(
            &ctx,
            karim,
            &Default::default(),
            ReportTarget::Comment(comments[1].id),
            "advertising"
        )
        .await
    ));

    let new_email = |s: &str| domain::types::Email::parse(s).unwrap_or_else(|e| panic!("{e}"));
    for n in 0..2 {
        domain::accounts::request_email_change(
            &ctx,
            amina,
            new_email(&format!("amina{n}@new.ma")),
            tests::PASSWORD.into(),
        )
        .await?;
    }
    assert!(limited(
        domain::accounts::request_email_change(
            &ctx,
            amina,
            new_email("amina9@new.ma"),
            tests::PASSWORD.into()
        )
        .await
    ));

    // The next day, each may act again.
    app.clock.advance(Duration::days(1));
    assert!(
        submit_proposal(
            &ctx,
            amina,
            &Default::default(),
            id,
            proposal("Une navette", "")
        )
        .await
        .is_ok()
    );
    assert!(
        comment_proposal(&ctx, amina, &Default::default(), other, comment("Encore"))
            .await
            .is_ok()
    );
    Ok(())
}

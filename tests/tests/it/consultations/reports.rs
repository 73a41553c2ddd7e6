//! Reports: a proposal or a comment reported once per person; the region's moderators (only)
//! hide it or keep it, audit-logged; a hidden proposal leaves the list.

use domain::DomainError;
use domain::consultations::proposals::{
    NewProposal, ProposalForm, list_proposals, submit_proposal,
};
use domain::consultations::reports::{ReportTarget, decide_report, list_reports, report_content};
use domain::entities::audit_entry;
use domain::roles::Role;
use sea_orm::EntityTrait;
use tests::{TestApp, both_databases};

use super::{draft, open_consultation, question, to_first_day};

both_databases!(
    moderators_of_the_region_decide_reports,
    free_text_answers_are_listed_and_a_reported_one_may_be_hidden,
);

async fn moderators_of_the_region_decide_reports(app: TestApp) {
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
    let spam = submit_proposal(&ctx, amina, id, proposal("Achetez nos montres"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let fair = submit_proposal(&ctx, amina, id, proposal("Des pistes cyclables"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    assert!(matches!(
        report_content(&ctx, karim, ReportTarget::Proposal(spam.0), "boring").await,
        Err(DomainError::Validation {
            code: "reason_missing",
            ..
        })
    ));
    for user in [karim, salma] {
        report_content(&ctx, user, ReportTarget::Proposal(spam.0), "advertising")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    assert!(matches!(
        report_content(&ctx, karim, ReportTarget::Proposal(spam.0), "advertising").await,
        Err(DomainError::Conflict("already_reported"))
    ));
    report_content(&ctx, karim, ReportTarget::Proposal(fair.0), "off_topic")
        .await
        .unwrap_or_else(|e| panic!("{e}"));

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
    let open = list_reports(&ctx, &moderator, souss)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(open.len(), 3);
    assert!(open[0].text.starts_with("Achetez nos montres"));
    assert!(matches!(
        decide_report(&ctx, &other, open[0].id, true).await,
        Err(DomainError::Forbidden)
    ));
    decide_report(&ctx, &moderator, open[0].id, true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    decide_report(&ctx, &moderator, open[2].id, false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        list_reports(&ctx, &moderator, souss)
            .await
            .unwrap_or_default()
            .is_empty(),
        "both reports of the hidden proposal are decided with it"
    );
    let listed: Vec<i32> = list_proposals(&ctx, id, 0)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
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
}

async fn free_text_answers_are_listed_and_a_reported_one_may_be_hidden(app: TestApp) {
    use domain::consultations::answering::{Declaration, answer_consultation, load_questionnaire};
    use domain::consultations::builder::{publish_consultation, set_questions};
    use domain::consultations::drafts::create_consultation;
    use domain::consultations::outcome::list_text_answers;
    use domain::consultations::questions::AnswerInput;
    use domain::types::RegionSlug;

    let ctx = app.ctx();
    let souss = app.region_id("souss-massa").await;
    let officer = app
        .staff(
            "officer@example.ma",
            Some(Role::CouncilOfficer { region_id: souss }),
        )
        .await;
    let moderator = app
        .staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
        .await;
    let region = RegionSlug::parse("souss-massa").unwrap_or_else(|e| panic!("{e}"));
    let id = create_consultation(&ctx, &officer, &region, draft())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    set_questions(&ctx, &officer, id, vec![question("text", &[])])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    publish_consultation(&ctx, &officer, id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    to_first_day(&app);
    let questionnaire = load_questionnaire(&ctx, id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let text_question = questionnaire.questions()[0].id;
    for (n, text) in ["Plus de bus le soir.", "Vendez vos montres ici !"]
        .iter()
        .enumerate()
    {
        let user = app.user(&format!("citizen{n}@example.ma")).await;
        let answers = questionnaire
            .check(&[AnswerInput {
                question: text_question,
                values: vec![(*text).to_owned()],
            }])
            .unwrap_or_else(|e| panic!("{e:?}"));
        let declaration = Declaration {
            notify: false,
            audience: true,
            province: None,
        };
        answer_consultation(&ctx, user, answers, declaration)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    assert!(matches!(
        list_text_answers(&ctx, None, id, text_question, None).await,
        Err(DomainError::NotFound)
    ));
    let texts = list_text_answers(&ctx, Some(&officer), id, text_question, None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(texts.len(), 2);
    let reporter = app.user("karim@example.ma").await;
    report_content(
        &ctx,
        reporter,
        ReportTarget::Answer(texts[1].0),
        "advertising",
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let open = list_reports(&ctx, &moderator, souss)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].text, "Vendez vos montres ici !");
    decide_report(&ctx, &moderator, open[0].id, true)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let after = list_text_answers(&ctx, Some(&officer), id, text_question, None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        after.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(),
        ["Plus de bus le soir."]
    );
}

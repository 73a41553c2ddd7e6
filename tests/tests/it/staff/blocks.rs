//! Blocked accounts: a moderator blocks the author of an item of their region, who then takes
//! no part in that region (and still in the others) until unblocked; only the region's
//! moderators and platform admins block; the staff cannot be blocked; each step is emailed and
//! audit-logged.

use domain::DomainError;
use domain::blocks::{
    Authored, BlockReason, block_author, block_everywhere, list_blocks, unblock_account,
};
use domain::consultations::answering::{Declaration, answer_consultation, load_questionnaire};
use domain::consultations::proposals::{
    CommentText, NewProposal, ProposalForm, comment_proposal, list_proposals, submit_proposal,
    support_proposal,
};
use domain::consultations::reports::{ReportTarget, report_content};
use domain::entities::audit_entry;
use domain::petitions::profiles::{parse_profile, save_signer_profile, sign_with_profile};
use domain::petitions::signing::SignatureForm;
use domain::roles::Role;
use domain::types::{ConsultationId, Email, ProposalId, UserId};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tests::{Client, TestApp, TestResult, both_databases};

use super::souss_staff;
use crate::accounts::deliver;
use crate::consultations::{checked, open_consultation, to_first_day};
use crate::petitions::{citizen_form, file, published};

both_databases!(
    a_blocked_author_takes_no_part_in_the_region,
    only_the_regions_moderators_and_admins_block,
    moderators_block_and_unblock_from_the_moderation_page,
);

fn reason(text: &str) -> BlockReason {
    BlockReason::parse(text).unwrap_or_else(|e| panic!("{e}"))
}

async fn propose(
    app: &TestApp,
    by: UserId,
    id: ConsultationId,
    title: &str,
) -> Result<ProposalId, DomainError> {
    let proposal = NewProposal::parse(&ProposalForm {
        title: title.into(),
        body: "Un texte assez long pour être une proposition de la région.".into(),
        province: String::new(),
    })
    .unwrap_or_else(|e| panic!("{e:?}"));
    submit_proposal(&app.ctx(), by, &Default::default(), id, proposal).await
}

fn blocked<T: std::fmt::Debug>(result: Result<T, DomainError>) -> bool {
    matches!(result, Err(DomainError::Conflict("account_blocked")))
}

async fn a_blocked_author_takes_no_part_in_the_region(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    let (moderator, _) = souss_staff(&app).await;
    let petition = published(&app, "souss-massa").await;
    let consultation = open_consultation(&app).await;
    to_first_day(&app);
    let amina = app.user("amina@example.ma").await;
    let karim = app.user("karim@example.ma").await;
    let signer = parse_profile(&SignatureForm {
        full_name: "Karim Alaoui".into(),
        cin: "JB123456".into(),
        province: "agadir-ida-outanane".into(),
        basis: "residence".into(),
        electoral_roll: true,
        consent: true,
        ..Default::default()
    })
    .map_err(|e| format!("{e:?}"))?;
    save_signer_profile(&ctx, karim, signer).await?;
    let spam = propose(&app, karim, consultation, "Achetez nos montres").await?;
    let fair = propose(&app, amina, consultation, "Des pistes cyclables").await?;
    deliver(&app).await;

    block_author(
        &ctx,
        &moderator,
        Authored::Proposal(spam.0),
        reason("Publicité répétée"),
    )
    .await?;
    let emails = deliver(&app).await;
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0].to, "karim@example.ma");
    assert_eq!(emails[0].subject, "Votre compte Musharaka est bloqué");
    assert!(
        emails[0].text.contains("en Souss-Massa"),
        "{}",
        emails[0].text
    );
    assert!(emails[0].text.contains("Motif : Publicité répétée"));
    let logged = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("account_blocked"))
        .all(&app.db)
        .await?;
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0].subject_user_id, Some(karim.0));

    // Nothing more in Souss-Massa…
    assert!(blocked(
        propose(&app, karim, consultation, "Encore des montres").await
    ));
    let origin = Default::default();
    assert!(blocked(support_proposal(&ctx, karim, &origin, fair).await));
    let comment = CommentText::parse("Achetez plutôt nos montres.")?;
    assert!(blocked(
        comment_proposal(&ctx, karim, &origin, fair, comment).await
    ));
    assert!(blocked(
        report_content(
            &ctx,
            karim,
            &origin,
            ReportTarget::Proposal(fair.0),
            "off_topic"
        )
        .await
    ));
    let questionnaire = load_questionnaire(&ctx, consultation).await?;
    let declaration = Declaration {
        notify: false,
        audience: true,
        province: None,
        cin: None,
    };
    let answers = checked(&questionnaire, 0, 3);
    assert!(blocked(
        answer_consultation(&ctx, karim, &origin, answers, declaration.clone()).await
    ));
    assert!(blocked(
        sign_with_profile(&ctx, karim, petition, false, &origin).await
    ));
    let form = citizen_form();
    let filed = domain::petitions::NewPetition::parse(&form, app.clock_now().date_naive())
        .map_err(|e| format!("{e:?}"))?;
    let souss = domain::types::RegionSlug::parse("souss-massa")?;
    assert!(blocked(
        domain::petitions::file_petition(&ctx, karim, &souss, filed, vec![]).await
    ));
    // … while what he wrote stays until moderated, and other regions are open to him.
    let listed = list_proposals(&ctx, consultation, 0).await?;
    assert!(listed.proposals.iter().any(|p| p.id == spam));
    file(&app, karim, "oriental", &citizen_form()).await;

    // Unblocked, he takes part again.
    let souss_id = app.region_id("souss-massa").await;
    let blocks = list_blocks(&ctx, &moderator, souss_id).await?;
    assert_eq!(blocks.len(), 1);
    assert_eq!(blocks[0].name, "karim@example.ma");
    assert!(!blocks[0].everywhere);
    deliver(&app).await;
    unblock_account(&ctx, &moderator, blocks[0].id).await?;
    let emails = deliver(&app).await;
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0].subject, "Votre compte Musharaka est débloqué");
    propose(&app, karim, consultation, "Des bancs publics").await?;
    answer_consultation(
        &ctx,
        karim,
        &origin,
        checked(&questionnaire, 1, 4),
        declaration,
    )
    .await?;
    Ok(())
}

async fn only_the_regions_moderators_and_admins_block(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    let (moderator, officer) = souss_staff(&app).await;
    let consultation = open_consultation(&app).await;
    to_first_day(&app);
    let karim = app.user("karim@example.ma").await;
    let spam = propose(&app, karim, consultation, "Achetez nos montres").await?;
    let item = Authored::Proposal(spam.0);
    let oriental = app.region_id("oriental").await;
    let refused = [
        ("citizen", app.staff("citizen@example.ma", None).await),
        ("officer of the region", officer.clone()),
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
    ];
    for (who, actor) in &refused {
        let result = block_author(&ctx, actor, item, reason("Publicité")).await;
        assert!(
            matches!(result, Err(DomainError::Forbidden)),
            "{who}: {result:?}"
        );
    }
    // The region's staff cannot be blocked, nor anyone twice.
    let by_officer = propose(
        &app,
        officer.user,
        consultation,
        "Une proposition du conseil",
    )
    .await?;
    assert!(matches!(
        block_author(
            &ctx,
            &moderator,
            Authored::Proposal(by_officer.0),
            reason("Non")
        )
        .await,
        Err(DomainError::Conflict("cannot_block_staff"))
    ));
    block_author(&ctx, &moderator, item, reason("Publicité")).await?;
    assert!(matches!(
        block_author(&ctx, &moderator, item, reason("Publicité")).await,
        Err(DomainError::Conflict("already_blocked"))
    ));
    assert!(matches!(
        block_author(&ctx, &moderator, Authored::Proposal(999_999), reason("Non")).await,
        Err(DomainError::NotFound)
    ));

    // A platform admin blocks in every region; only an admin lifts that.
    let admin = app.admin().await;
    let salma = app.user("salma@example.ma").await;
    let email = Email::parse("salma@example.ma")?;
    assert!(matches!(
        block_everywhere(&ctx, &moderator, &email, reason("Fraude")).await,
        Err(DomainError::Forbidden)
    ));
    block_everywhere(&ctx, &admin, &email, reason("Fraude")).await?;
    assert!(blocked(
        propose(&app, salma, consultation, "Une idée").await
    ));
    file(&app, karim, "oriental", &citizen_form()).await;
    let souss_id = app.region_id("souss-massa").await;
    let listed = list_blocks(&ctx, &moderator, souss_id).await?;
    let everywhere = listed
        .iter()
        .find(|b| b.everywhere)
        .ok_or("the admin's block shows")?;
    assert!(matches!(
        unblock_account(&ctx, &moderator, everywhere.id).await,
        Err(DomainError::Forbidden)
    ));
    assert!(matches!(
        list_blocks(&ctx, &officer, souss_id).await,
        Err(DomainError::Forbidden)
    ));
    unblock_account(&ctx, &admin, everywhere.id).await?;
    propose(&app, salma, consultation, "Une idée").await?;
    Ok(())
}

async fn moderators_block_and_unblock_from_the_moderation_page(app: TestApp) -> TestResult {
    souss_staff(&app).await;
    let amina = app.user("amina@example.ma").await;
    let id = file(&app, amina, "souss-massa", &citizen_form()).await;
    let mut client = Client::signed_in(&app, "mod@example.ma", "fr").await;
    let page = client
        .get(&format!("/fr/r/souss-massa/petitions/{}", id.0))
        .await
        .text();
    assert!(page.contains("Bloquer l&#x27;auteur") || page.contains("Bloquer l'auteur"));
    let block = |target: String, reason: &'static str| {
        vec![
            ("lang", "fr".to_owned()),
            ("region", "souss-massa".to_owned()),
            ("kind", "petition".to_owned()),
            ("target", target),
            ("reason", reason.to_owned()),
        ]
    };
    for (fields, error) in [
        (
            block(id.0.to_string(), "  "),
            "Écrivez le motif du blocage.",
        ),
        (
            block("=1+1".into(), "Spam"),
            "Cet élément n&#x27;existe pas.",
        ),
    ] {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let answer = client.post_form("/fn/block_author", &fields).await;
        assert_eq!(
            answer.header("location"),
            "/fr/r/souss-massa/moderation#blocks"
        );
        let page = client.get("/fr/r/souss-massa/moderation").await.text();
        let plain = error.replace("&#x27;", "'");
        assert!(page.contains(error) || page.contains(&plain), "{error}");
    }
    let fields = block(id.0.to_string(), "Pétitions en série");
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    client.post_form("/fn/block_author", &fields).await;
    let page = client.get("/fr/r/souss-massa/moderation").await.text();
    assert!(page.contains("Le compte est bloqué et son titulaire prévenu."));
    assert!(page.contains("amina@example.ma") && page.contains("Pétitions en série"));
    let souss_id = app.region_id("souss-massa").await;
    let moderator = app
        .staff(
            "mod@example.ma",
            Some(Role::Moderator {
                region_id: souss_id,
            }),
        )
        .await;
    let block_id = list_blocks(&app.ctx(), &moderator, souss_id).await?[0]
        .id
        .to_string();
    client
        .post_form(
            "/fn/unblock_account",
            &[
                ("lang", "fr"),
                ("region", "souss-massa"),
                ("block", &block_id),
            ],
        )
        .await;
    let page = client.get("/fr/r/souss-massa/moderation").await.text();
    assert!(page.contains("Le blocage est levé et le titulaire prévenu."));
    assert!(
        page.contains("Aucun compte n&#x27;est bloqué.")
            || page.contains("Aucun compte n'est bloqué.")
    );
    Ok(())
}

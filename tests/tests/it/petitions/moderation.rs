//! Pre-publication moderation: only the region's moderators decide; the representative is
//! emailed; the decision is on the public timeline and in the audit log.

use domain::DomainError;
use domain::entities::audit_entry;
use domain::petitions::{
    self, AttachmentPurpose, ModerationDecision, NewAttachment, NewPetition, PetitionForm,
    PetitionStatus,
};
use domain::roles::Role;
use domain::types::RegionSlug;
use sea_orm::EntityTrait;
use tests::{TestApp, TestResult, both_databases};

use super::{citizen_form, file};
use crate::accounts::deliver;

both_databases!(
    a_filed_petition_waits_for_moderation_out_of_public_sight,
    only_moderators_of_the_region_moderate,
    publishing_fixes_the_rules_and_opens_collection,
    changes_requested_and_rejections_are_explained,
    association_petitions_need_a_mandate_and_skip_collection,
);

async fn a_filed_petition_waits_for_moderation_out_of_public_sight(app: TestApp) -> TestResult {
    let amina = app.user("amina@example.ma").await;
    let id = file(&app, amina, "souss-massa", &citizen_form()).await;
    let ctx = app.ctx();

    let mine = petitions::get_petition(&ctx, Some(&app.actor(amina).await), id).await?;
    assert_eq!(mine.summary.status, PetitionStatus::InModeration);
    assert!(mine.viewer_is_representative);
    assert_eq!(mine.representative_name, "amina@example.ma");
    assert_eq!(mine.attachments.len(), 1);
    assert_eq!(mine.timeline.len(), 1);
    assert_eq!(mine.timeline[0].step, "submitted");
    assert_eq!(mine.timeline[0].actor_role, "representative");

    let stranger = app.actor(app.user("karim@example.ma").await).await;
    for viewer in [None, Some(&stranger)] {
        assert!(matches!(
            petitions::get_petition(&ctx, viewer, id).await,
            Err(DomainError::NotFound)
        ));
    }
    let souss = app.region_id("souss-massa").await;
    let moderator = app
        .staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
        .await;
    let queue = petitions::list_moderation_queue(&ctx, &moderator, souss).await?;
    assert_eq!(queue.iter().map(|p| p.id).collect::<Vec<_>>(), [id]);
    assert!(
        petitions::get_petition(&ctx, Some(&moderator), id)
            .await
            .is_ok()
    );
    Ok(())
}

async fn only_moderators_of_the_region_moderate(app: TestApp) -> TestResult {
    let souss = app.region_id("souss-massa").await;
    let oriental = app.region_id("oriental").await;
    let amina = app.user("amina@example.ma").await;
    let ctx = app.ctx();
    let refused = [
        ("citizen", app.staff("citizen@example.ma", None).await),
        (
            "officer of the region",
            app.staff(
                "officer@example.ma",
                Some(Role::CouncilOfficer { region_id: souss }),
            )
            .await,
        ),
        (
            "moderator of another region",
            app.staff(
                "mod-oriental@example.ma",
                Some(Role::Moderator {
                    region_id: oriental,
                }),
            )
            .await,
        ),
        ("platform admin", app.admin().await),
    ];
    for decision in [
        ModerationDecision::Publish,
        ModerationDecision::RequestChanges {
            note: "Précisez".into(),
        },
        ModerationDecision::Reject {
            reason: "unclear",
            note: String::new(),
        },
    ] {
        let id = file(&app, amina, "souss-massa", &citizen_form()).await;
        for (who, actor) in &refused {
            let result = petitions::moderate_petition(&ctx, actor, id, decision.clone()).await;
            assert!(
                matches!(result, Err(DomainError::Forbidden)),
                "{who}: {decision:?} → {result:?}"
            );
        }
        // A moderator who filed it may not moderate it either.
        let own_moderator = app
            .staff(
                "mod-filer@example.ma",
                Some(Role::Moderator { region_id: souss }),
            )
            .await;
        let own = file(&app, own_moderator.user, "souss-massa", &citizen_form()).await;
        assert!(matches!(
            petitions::moderate_petition(&ctx, &own_moderator, own, decision.clone()).await,
            Err(DomainError::Forbidden)
        ));
        let view = petitions::get_petition(&ctx, Some(&app.actor(amina).await), id).await?;
        assert_eq!(
            view.summary.status,
            PetitionStatus::InModeration,
            "unchanged"
        );

        let moderator = app
            .staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
            .await;
        assert!(
            petitions::moderate_petition(&ctx, &moderator, id, decision.clone())
                .await
                .is_ok(),
            "the region's moderator: {decision:?}"
        );
        assert!(
            matches!(
                petitions::moderate_petition(&ctx, &moderator, id, decision).await,
                Err(DomainError::Conflict("step_not_allowed"))
            ),
            "a decision is taken once"
        );
    }
    Ok(())
}

async fn publishing_fixes_the_rules_and_opens_collection(app: TestApp) -> TestResult {
    let souss = app.region_id("souss-massa").await;
    let amina = app.user("amina@example.ma").await;
    let id = file(&app, amina, "souss-massa", &citizen_form()).await;
    deliver(&app).await;
    let moderator = app
        .staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
        .await;
    let status =
        petitions::moderate_petition(&app.ctx(), &moderator, id, ModerationDecision::Publish)
            .await?;
    assert_eq!(status, PetitionStatus::Collecting);

    let public = petitions::get_petition(&app.ctx(), None, id).await?;
    // Souss-Massa: 3,020,431 inhabitants in 2024, so 500 signatures and 25 per province.
    assert_eq!(public.summary.threshold, Some(500));
    assert_eq!(public.per_province_minimum, Some(25));
    assert_eq!(
        public.collection_ends_at,
        Some(app.clock_now() + chrono::Duration::days(90))
    );
    assert_eq!(
        public
            .timeline
            .iter()
            .map(|e| (e.step.as_str(), e.actor_role.as_str()))
            .collect::<Vec<_>>(),
        [("submitted", "representative"), ("published", "moderator")]
    );

    let sent = deliver(&app).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].to, "amina@example.ma");
    assert_eq!(sent[0].subject, "Votre pétition est publiée");
    assert!(
        sent[0].text.contains(&format!(
            "http://musharaka.test/fr/r/souss-massa/petitions/{}",
            id.0
        )),
        "{}",
        sent[0].text
    );
    insta::assert_snapshot!("petition_published_email_fr", sent[0].text);

    let log = audit_entry::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default();
    assert!(log.iter().any(|e| e.action == "petition_published"
        && e.actor_user_id == Some(moderator.user.0)
        && e.region_id == Some(souss)));
    Ok(())
}

async fn changes_requested_and_rejections_are_explained(app: TestApp) -> TestResult {
    let souss = app.region_id("souss-massa").await;
    let amina = app.user("amina@example.ma").await;
    let moderator = app
        .staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
        .await;
    let ctx = app.ctx();

    let bad = ModerationDecision::parse("request_changes", "", "  ");
    assert!(matches!(
        bad,
        Err(DomainError::Validation {
            field: "note",
            code: "note_missing"
        })
    ));
    assert!(ModerationDecision::parse("reject", "boring", "").is_err());
    assert!(ModerationDecision::parse("delete", "", "").is_err());

    let first = file(&app, amina, "souss-massa", &citizen_form()).await;
    let changes =
        ModerationDecision::parse("request_changes", "", "Précisez les horaires souhaités.")?;
    let status = petitions::moderate_petition(&ctx, &moderator, first, changes).await?;
    assert_eq!(status, PetitionStatus::Draft);
    let view = petitions::get_petition(&ctx, Some(&app.actor(amina).await), first).await?;
    assert_eq!(
        view.moderation_note.as_deref(),
        Some("Précisez les horaires souhaités.")
    );
    assert!(
        petitions::get_petition(&ctx, None, first).await.is_err(),
        "a draft stays private"
    );

    let second = file(&app, amina, "souss-massa", &citizen_form()).await;
    deliver(&app).await;
    let reject = ModerationDecision::parse("reject", "duplicate", "Voir la pétition n° 1.")?;
    petitions::moderate_petition(&ctx, &moderator, second, reject).await?;
    let public = petitions::get_petition(&ctx, None, second)
        .await
        .unwrap_or_else(|e| panic!("a rejected petition is public: {e}"));
    assert_eq!(public.summary.status, PetitionStatus::RejectedInModeration);
    assert_eq!(public.moderation_reason.as_deref(), Some("duplicate"));
    assert_eq!(
        public.moderation_note.as_deref(),
        Some("Voir la pétition n° 1.")
    );
    let rejected = &public.timeline[1];
    assert_eq!(
        (rejected.step.as_str(), rejected.reason_code.as_deref()),
        ("rejected", Some("duplicate"))
    );
    let sent = deliver(&app).await;
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0]
            .text
            .contains("Motif : une pétition semblable existe déjà.")
    );
    insta::assert_snapshot!("petition_rejected_email_fr", sent[0].text);
    Ok(())
}

async fn association_petitions_need_a_mandate_and_skip_collection(app: TestApp) -> TestResult {
    let souss = app.region_id("souss-massa").await;
    let amina = app.user("amina@example.ma").await;
    let form = PetitionForm {
        kind: "association".into(),
        association_name: "Association Tifawin".into(),
        association_registered_on: "2019-03-12".into(),
        association_seat: "Agadir".into(),
        ..citizen_form()
    };
    let petition = || {
        NewPetition::parse(&form, app.clock_now().date_naive()).unwrap_or_else(|e| panic!("{e:?}"))
    };
    let region = RegionSlug::parse("souss-massa")?;
    let without = petitions::file_petition(&app.ctx(), amina, &region, petition(), vec![]).await;
    assert!(matches!(
        without,
        Err(DomainError::Validation {
            field: "mandate",
            code: "mandate_missing"
        })
    ));
    let mandate = NewAttachment::parse(
        AttachmentPurpose::Mandate,
        "mandat.pdf",
        super::PDF.to_vec(),
    )?;
    let id =
        petitions::file_petition(&app.ctx(), amina, &region, petition(), vec![mandate]).await?;
    let moderator = app
        .staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
        .await;
    let status =
        petitions::moderate_petition(&app.ctx(), &moderator, id, ModerationDecision::Publish)
            .await?;
    assert_eq!(status, PetitionStatus::ThresholdReached, "ready to deposit");
    let view = petitions::get_petition(&app.ctx(), None, id).await?;
    assert_eq!(view.summary.threshold, None, "no signatures needed");
    assert_eq!(
        view.association_name.as_deref(),
        Some("Association Tifawin")
    );
    Ok(())
}

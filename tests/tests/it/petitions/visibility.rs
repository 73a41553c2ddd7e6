//! What anyone sees of a petition that was never published: withdrawn before publication, or
//! rejected in moderation. Every path is tried: page, API, list, progress and files.

use domain::DomainError;
use domain::petitions::{self, ModerationDecision, PetitionForm};
use domain::roles::Role;
use domain::types::PetitionId;
use http::StatusCode;
use tests::{TestApp, TestResult, both_databases};

use super::{citizen_form, file};

both_databases!(
    a_petition_withdrawn_before_publication_is_never_public,
    a_rejected_petition_shows_a_notice_not_its_text,
    offensive_or_personal_rejections_withhold_even_the_title,
    earlier_notes_and_signing_tell_nothing_of_an_unpublished_petition,
);

/// The public's view of petition `id`: page, API, `all` list, and its first file.
struct PublicPaths {
    page: StatusCode,
    page_text: String,
    api: StatusCode,
    api_json: serde_json::Value,
    listed: bool,
    file: StatusCode,
}

async fn public_paths(app: &TestApp, id: PetitionId, attachment: i32) -> PublicPaths {
    let page = app
        .get(&format!("/fr/r/souss-massa/petitions/{}", id.0))
        .await;
    let api = app.get(&format!("/api/v1/petitions/{}", id.0)).await;
    let list = app.get("/fr/r/souss-massa/petitions?stage=all").await;
    assert_eq!(list.status, StatusCode::OK);
    let file = app
        .get(&format!("/files/petitions/{}/{attachment}", id.0))
        .await;
    PublicPaths {
        page: page.status,
        page_text: page.text(),
        api: api.status,
        api_json: if api.status == StatusCode::OK {
            api.json()
        } else {
            serde_json::Value::Null
        },
        listed: list.text().contains(&format!("/petitions/{}\"", id.0)),
        file: file.status,
    }
}

/// A petition of amina@example.ma with a distinctive title and text, and its file's id.
async fn filed(app: &TestApp) -> (PetitionId, i32) {
    let amina = app.user("amina@example.ma").await;
    let form = PetitionForm {
        title: "Titre confidentiel du dépôt".into(),
        request: "Demande confidentielle jamais publiée par la modération.".into(),
        lang: "fr".into(),
        ..citizen_form()
    };
    let id = file(app, amina, "souss-massa", &form).await;
    let view = petitions::get_petition(&app.ctx(), Some(&app.actor(amina).await), id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    (id, view.attachments[0].id)
}

async fn moderate(app: &TestApp, id: PetitionId, decision: ModerationDecision) {
    let souss = app.region_id("souss-massa").await;
    let moderator = app
        .staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
        .await;
    petitions::moderate_petition(&app.ctx(), &moderator, id, decision)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}

async fn a_petition_withdrawn_before_publication_is_never_public(app: TestApp) -> TestResult {
    let amina = app.user("amina@example.ma").await;
    let (in_moderation, file_a) = filed(&app).await;
    petitions::deposit::withdraw_petition(&app.ctx(), amina, in_moderation).await?;

    let seen = public_paths(&app, in_moderation, file_a).await;
    assert_eq!(seen.page, StatusCode::NOT_FOUND);
    assert!(!seen.page_text.contains("confidentiel"));
    assert_eq!(seen.api, StatusCode::NOT_FOUND);
    assert!(!seen.listed, "not in the list of all petitions");
    assert_eq!(seen.file, StatusCode::NOT_FOUND);
    let officer = app
        .staff(
            "officer@example.ma",
            Some(Role::CouncilOfficer {
                region_id: app.region_id("souss-massa").await,
            }),
        )
        .await;
    let stranger = app.actor(app.user("karim@example.ma").await).await;
    for viewer in [None, Some(&stranger), Some(&officer)] {
        assert!(matches!(
            petitions::get_petition(&app.ctx(), viewer, in_moderation).await,
            Err(DomainError::NotFound)
        ));
        assert!(matches!(
            petitions::views::get_attachment(&app.ctx(), viewer, in_moderation, file_a).await,
            Err(DomainError::NotFound)
        ));
    }
    // Its representative still reads it.
    let own =
        petitions::get_petition(&app.ctx(), Some(&app.actor(amina).await), in_moderation).await?;
    assert!(own.text_shown);
    assert!(own.request.contains("confidentielle"));

    // Once published, a withdrawal keeps it public.
    let (published, file_b) = filed(&app).await;
    moderate(&app, published, ModerationDecision::Publish).await;
    petitions::deposit::withdraw_petition(&app.ctx(), amina, published).await?;
    let seen = public_paths(&app, published, file_b).await;
    assert_eq!(seen.page, StatusCode::OK);
    assert!(seen.page_text.contains("Demande confidentielle"));
    assert_eq!(seen.api, StatusCode::OK);
    assert!(seen.listed);
    assert_eq!(seen.file, StatusCode::OK);
    Ok(())
}

async fn a_rejected_petition_shows_a_notice_not_its_text(app: TestApp) -> TestResult {
    let (id, attachment) = filed(&app).await;
    let reject = ModerationDecision::parse("reject", "duplicate", "Voir la pétition n° 1.")?;
    moderate(&app, id, reject).await;

    let seen = public_paths(&app, id, attachment).await;
    assert_eq!(seen.page, StatusCode::OK);
    assert!(seen.page_text.contains("Titre confidentiel du dépôt"));
    assert!(seen.page_text.contains("Voir la pétition n° 1."));
    assert!(
        !seen.page_text.contains("Demande confidentielle"),
        "the text is not published"
    );
    assert!(
        !seen.page_text.contains("amina@example.ma"),
        "nor its representative"
    );
    assert_eq!(seen.api, StatusCode::OK);
    assert_eq!(seen.api_json["title"], "Titre confidentiel du dépôt");
    assert_eq!(seen.api_json["status"], "rejected_in_moderation");
    assert!(!seen.listed, "lists show published petitions only");
    assert_eq!(seen.file, StatusCode::NOT_FOUND);
    assert!(matches!(
        petitions::views::petition_progress(&app.ctx(), None, id).await,
        Err(DomainError::NotFound)
    ));
    let view = petitions::get_petition(&app.ctx(), None, id).await?;
    assert!(!view.text_shown && view.title_shown);
    assert!(view.request.is_empty() && view.reasons.is_empty() && view.attachments.is_empty());
    Ok(())
}

async fn offensive_or_personal_rejections_withhold_even_the_title(app: TestApp) -> TestResult {
    for reason in ["offensive_or_defamatory", "personal_data", "advertising"] {
        let (id, attachment) = filed(&app).await;
        let reject = ModerationDecision::parse("reject", reason, "Contenu retiré.")?;
        moderate(&app, id, reject).await;

        let seen = public_paths(&app, id, attachment).await;
        assert_eq!(seen.page, StatusCode::OK, "{reason}");
        assert!(!seen.page_text.contains("confidentiel"), "{reason}");
        assert!(seen.page_text.contains("Titre non publié"), "{reason}");
        assert!(seen.page_text.contains("Contenu retiré."), "{reason}");
        assert_eq!(seen.api_json["title"], serde_json::Value::Null, "{reason}");
        assert_eq!(seen.file, StatusCode::NOT_FOUND, "{reason}");
        // Its representative still sees everything.
        let amina = app.actor(app.user("amina@example.ma").await).await;
        let own = petitions::get_petition(&app.ctx(), Some(&amina), id).await?;
        assert!(own.title_shown && own.text_shown);
    }
    Ok(())
}

async fn earlier_notes_and_signing_tell_nothing_of_an_unpublished_petition(
    app: TestApp,
) -> TestResult {
    use domain::petitions::signing::{NewSignature, SignatureForm};
    let (id, _) = filed(&app).await;
    let changes = ModerationDecision::parse("request_changes", "", "Retirez le nom de M. Alami.")?;
    moderate(&app, id, changes).await;
    super::force_status(&app, id, domain::petitions::PetitionStatus::InModeration).await;

    // Nobody signs what was never published, and nobody learns it exists.
    let form = SignatureForm {
        full_name: "Youssef Amrani".into(),
        cin: "AB123456".into(),
        province: "agadir-ida-outanane".into(),
        basis: "residence".into(),
        electoral_roll: true,
        consent: true,
        email: "youssef@example.ma".into(),
        notify: false,
        lang: "fr".into(),
    };
    let signature = NewSignature::parse(&form).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(matches!(
        domain::petitions::signing::request_signature(
            &app.ctx(),
            id,
            signature,
            None,
            &Default::default()
        )
        .await,
        Err(DomainError::NotFound)
    ));
    // A signer of another region with a profile learns nothing either (not even the region).
    let youssef = app.user("youssef@example.ma").await;
    let profile = domain::petitions::profiles::parse_profile(&SignatureForm {
        province: "oujda-angad".into(),
        ..form
    })
    .unwrap_or_else(|e| panic!("{e:?}"));
    domain::petitions::profiles::save_signer_profile(&app.ctx(), youssef, profile).await?;
    assert!(matches!(
        domain::petitions::profiles::sign_with_profile(
            &app.ctx(),
            youssef,
            id,
            false,
            &Default::default()
        )
        .await,
        Err(DomainError::NotFound)
    ));

    // Rejected: the notice shows the rejection's note, not the earlier one.
    let reject = ModerationDecision::parse("reject", "personal_data", "Données personnelles.")?;
    moderate(&app, id, reject).await;
    let page = app
        .get(&format!("/fr/r/souss-massa/petitions/{}", id.0))
        .await
        .text();
    assert!(page.contains("Données personnelles."));
    assert!(!page.contains("Alami"), "an earlier note is not published");
    Ok(())
}

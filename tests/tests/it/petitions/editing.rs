//! Changes requested by a moderator: the representative edits the draft without JavaScript
//! (text, documents) and sends it to moderation again; nobody else can, and a bad edit changes
//! nothing.

use domain::entities::{petition, petition_attachment};
use domain::petitions::{self, ModerationDecision, PetitionStatus};
use domain::roles::Role;
use domain::types::PetitionId;
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tests::{Client, TestApp, TestResult, both_databases};

use super::{PDF, citizen_form, file};

both_databases!(
    an_account_files_ten_petitions_a_day_at_most,
    the_representative_edits_a_draft_and_sends_it_again,
    nobody_else_edits_a_draft_and_a_bad_edit_changes_nothing,
);

/// A PNG of one pixel.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

/// A petition of amina@example.ma sent back for changes by mod@example.ma.
async fn sent_back(app: &TestApp) -> PetitionId {
    let souss = app.region_id("souss-massa").await;
    let amina = app.user("amina@example.ma").await;
    let moderator = app
        .staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
        .await;
    let id = file(app, amina, "souss-massa", &citizen_form()).await;
    let changes = ModerationDecision::parse("request_changes", "", "Précisez les horaires.")
        .unwrap_or_else(|e| panic!("{e}"));
    petitions::moderate_petition(&app.ctx(), &moderator, id, changes)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    id
}

fn fields<'a>(id: &'a str, title: &'a str, remove: Option<&'a str>) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("lang", "fr"),
        ("region", "souss-massa"),
        ("petition", id),
        ("kind", "citizen"),
        ("petition_lang", "fr"),
        ("title", title),
        (
            "request",
            "Que le conseil crée une ligne de bus Agadir–Taroudant, toutes les heures de 6 h à 22 h.",
        ),
        (
            "reasons",
            "Des centaines d'étudiants et de salariés font ce trajet chaque jour sans transport public.",
        ),
        ("competence", "regional_transport"),
        ("conditions_accepted", "on"),
    ];
    fields.extend(remove.map(|file| ("remove_attachment", file)));
    fields
}

async fn stored(app: &TestApp, id: PetitionId) -> petition::Model {
    petition::Entity::find_by_id(id.0)
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("petition {}", id.0))
}

async fn files(app: &TestApp, id: PetitionId) -> Vec<(i32, String)> {
    petition_attachment::Entity::find()
        .filter(petition_attachment::Column::PetitionId.eq(id.0))
        .all(&app.db)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|a| (a.id, a.file_name))
        .collect()
}

async fn the_representative_edits_a_draft_and_sends_it_again(app: TestApp) -> TestResult {
    let id = sent_back(&app).await;
    let page = format!("/fr/r/souss-massa/petitions/{}", id.0);
    let edit = format!("{page}/edit");
    let mut amina = Client::signed_in(&app, "amina@example.ma", "fr").await;

    let shown = amina.get(&page).await.text();
    assert!(
        shown.contains("Précisez les horaires."),
        "the note is shown"
    );
    assert!(shown.contains(&format!("href=\"{edit}\"")), "{shown}");

    let form = amina.get(&edit).await;
    assert_eq!(form.status, StatusCode::OK);
    let form = form.text();
    assert!(form.contains("Précisez les horaires."));
    assert!(
        form.contains("خط حافلات بين أكادير وتارودانت"),
        "filled with the draft"
    );
    assert!(form.contains("name=\"remove_attachment\""));
    assert!(form.contains("Renvoyer en modération"));
    assert!(
        !form.contains("name=\"kind\" value=\"association\""),
        "the kind is fixed"
    );

    let [(plan, _)] = files(&app, id).await[..] else {
        panic!("one file");
    };
    let plan = plan.to_string();
    let id_text = id.0.to_string();
    let answer = amina
        .post_multipart(
            "/petitions/file",
            &fields(
                &id_text,
                "Ligne de bus Agadir Taroudant, toutes les heures",
                Some(&plan),
            ),
            &[("attachments", "horaires.png", PNG)],
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(answer.header("location"), page);
    let after = amina.get(&page).await.text();
    assert!(after.contains("Vos modifications sont enregistrées"));
    assert!(after.contains("En modération"));

    let petition = stored(&app, id).await;
    assert_eq!(petition.status, PetitionStatus::InModeration.as_str());
    assert_eq!(
        petition.title,
        "Ligne de bus Agadir Taroudant, toutes les heures"
    );
    assert_eq!(petition.lang, "fr");
    assert_eq!(petition.moderation_note, None, "the request is answered");
    let kept: Vec<String> = files(&app, id).await.into_iter().map(|f| f.1).collect();
    assert_eq!(kept, ["horaires.png"]);
    let representative = app.actor(app.user("amina@example.ma").await).await;
    let view = petitions::get_petition(&app.ctx(), Some(&representative), id).await?;
    let steps: Vec<&str> = view.timeline.iter().map(|e| e.step.as_str()).collect();
    assert_eq!(steps, ["submitted", "changes_requested", "submitted"]);

    // No longer a draft: no edit page, and a second post changes nothing.
    assert_eq!(amina.get(&edit).await.status, StatusCode::NOT_FOUND);
    let again = amina
        .post_multipart(
            "/petitions/file",
            &fields(&id_text, "Autre titre de pétition", None),
            &[],
        )
        .await;
    assert_eq!(again.header("location"), edit);
    assert_eq!(
        stored(&app, id).await.title,
        "Ligne de bus Agadir Taroudant, toutes les heures"
    );
    Ok(())
}

async fn nobody_else_edits_a_draft_and_a_bad_edit_changes_nothing(app: TestApp) -> TestResult {
    let id = sent_back(&app).await;
    let edit = format!("/fr/r/souss-massa/petitions/{}/edit", id.0);
    let id_text = id.0.to_string();
    let before = stored(&app, id).await;

    app.user("karim@example.ma").await;
    let mut karim = Client::signed_in(&app, "karim@example.ma", "fr").await;
    assert_eq!(karim.get(&edit).await.status, StatusCode::NOT_FOUND);
    karim
        .post_multipart(
            "/petitions/file",
            &fields(&id_text, "Titre de quelqu'un d'autre", None),
            &[],
        )
        .await;
    let mut visitor = Client::new(&app);
    assert_eq!(
        visitor
            .post_multipart(
                "/petitions/file",
                &fields(&id_text, "Titre anonyme ici", None),
                &[]
            )
            .await
            .header("location"),
        "/fr/account/sign-in"
    );

    let mut amina = Client::signed_in(&app, "amina@example.ma", "fr").await;
    // Too short a title, a fake PDF, and the last file removed: all refused at once.
    let [(plan, _)] = files(&app, id).await[..] else {
        panic!("one file");
    };
    let plan = plan.to_string();
    let answer = amina
        .post_multipart(
            "/petitions/file",
            &fields(&id_text, "Bus", Some(&plan)),
            &[("attachments", "faux.pdf", b"MZ not a pdf")],
        )
        .await;
    assert_eq!(answer.header("location"), edit);
    let shown = amina.get(&edit).await.text();
    assert!(shown.contains("Ce texte est trop court."));
    assert!(shown.contains("Seuls les PDF, PNG et JPEG sont acceptés"));
    assert!(shown.contains("value=\"Bus\""), "what was typed comes back");

    // Changing the kind is refused by the domain.
    let mut association = fields(&id_text, "Ligne de bus Agadir Taroudant", None);
    association.retain(|(k, _)| *k != "kind");
    association.push(("kind", "association"));
    association.extend([
        ("association_name", "Association Tawada"),
        ("association_registered_on", "2015-03-01"),
        ("association_seat", "Agadir"),
    ]);
    amina
        .post_multipart(
            "/petitions/file",
            &association,
            &[("mandate", "mandat.pdf", PDF)],
        )
        .await;
    assert!(
        amina
            .get(&edit)
            .await
            .text()
            .contains("pétition ne peut plus changer après son dépôt")
    );

    let after = stored(&app, id).await;
    assert_eq!(after.status, PetitionStatus::Draft.as_str());
    assert_eq!(after.title, before.title);
    assert_eq!(after.updated_at, before.updated_at);
    assert_eq!(files(&app, id).await.len(), 1, "nothing removed or added");
    Ok(())
}

async fn an_account_files_ten_petitions_a_day_at_most(app: TestApp) -> TestResult {
    let amina = app.user("amina@example.ma").await;
    for _ in 0..10 {
        file(&app, amina, "souss-massa", &citizen_form()).await;
    }
    let petition =
        domain::petitions::NewPetition::parse(&citizen_form(), app.clock_now().date_naive())
            .unwrap_or_else(|e| panic!("{e:?}"));
    let region = domain::types::RegionSlug::parse("souss-massa")?;
    let eleventh =
        petitions::file_petition(&app.ctx(), amina, &region, petition.clone(), Vec::new()).await;
    assert!(matches!(
        eleventh,
        Err(domain::DomainError::RateLimited { .. })
    ));
    assert_eq!(
        petition::Entity::find()
            .all(&app.db)
            .await
            .unwrap_or_default()
            .len(),
        10
    );
    app.clock.advance(chrono::Duration::days(1));
    petitions::file_petition(&app.ctx(), amina, &region, petition, Vec::new())
        .await
        .unwrap_or_else(|e| panic!("a day later: {e}"));
    Ok(())
}

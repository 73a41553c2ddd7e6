//! Filing a petition over HTTP, as a browser without JavaScript does: signed in, the subject
//! first (similar open petitions shown), then the multipart form with documents; errors are
//! explained, what was typed comes back, nothing is stored.

use domain::entities::petition;
use domain::petitions::{self, ModerationDecision, PetitionStatus};
use domain::roles::Role;
use http::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};
use tests::{Client, PASSWORD, TestApp, TestResult, both_databases};

use super::{PDF, citizen_form, file};

both_databases!(
    a_citizen_files_a_petition_with_documents_without_javascript,
    five_documents_of_four_and_a_half_megabytes_are_filed,
);

const FORM: &str = "/fr/r/souss-massa/petitions/new";

fn fields(title: &str, conditions: bool) -> Vec<(&str, &str)> {
    let mut fields = vec![
        ("lang", "fr"),
        ("region", "souss-massa"),
        ("kind", "citizen"),
        ("petition_lang", "fr"),
        ("title", title),
        (
            "request",
            "Que le conseil inscrive à son ordre du jour une ligne de bus Agadir–Taroudant.",
        ),
        (
            "reasons",
            "Des centaines d'étudiants et de salariés font ce trajet chaque jour sans transport public.",
        ),
        ("competence", "regional_transport"),
    ];
    if conditions {
        fields.push(("conditions_accepted", "on"));
    }
    fields
}

async fn count(app: &TestApp) -> u64 {
    petition::Entity::find().count(&app.db).await.unwrap_or(99)
}

async fn a_citizen_files_a_petition_with_documents_without_javascript(app: TestApp) -> TestResult {
    let mut visitor = Client::new(&app);
    let page = visitor.get(FORM).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text().contains("connectez-vous"),
        "filing needs an account"
    );
    let anonymous = visitor
        .post_multipart(
            "/petitions/file",
            &fields("Ligne de bus Agadir Taroudant", true),
            &[],
        )
        .await;
    assert_eq!(anonymous.header("location"), "/fr/account/sign-in");
    assert_eq!(count(&app).await, 0);

    app.user("amina@example.ma").await;
    let mut amina = Client::new(&app);
    amina
        .post_form(
            "/fn/sign_in",
            &[
                ("lang", "fr"),
                ("email", "amina@example.ma"),
                ("password", PASSWORD),
            ],
        )
        .await;
    let step_one = amina.get(FORM).await.text();
    assert!(step_one.contains("De quoi parle votre pétition"));
    assert!(
        !step_one.contains("enctype=\"multipart/form-data\""),
        "the subject comes first"
    );
    let step_two = amina
        .get(&format!("{FORM}?about=bus+Taroudant"))
        .await
        .text();
    assert!(step_two.contains("Aucune pétition semblable n"));
    assert!(step_two.contains("enctype=\"multipart/form-data\""));
    assert!(
        step_two.contains("value=\"bus Taroudant\""),
        "the subject becomes the title"
    );

    // Mistakes: a short title, the conditions not confirmed, a "PNG" that is a script.
    let answer = amina
        .post_multipart(
            "/petitions/file",
            &fields("Bus", false),
            &[("attachments", "photo.png", b"<script>alert(1)</script>")],
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(answer.header("location"), FORM);
    let shown = amina.get(FORM).await.text();
    assert!(shown.contains("Ce texte est trop court."));
    assert!(shown.contains("Confirmez que la pétition remplit les conditions"));
    assert!(shown.contains("Seuls les PDF, PNG et JPEG sont acceptés"));
    assert!(
        shown.contains("Des centaines d&#x27;étudiants")
            || shown.contains("Des centaines d'étudiants"),
        "what was typed comes back"
    );
    assert_eq!(count(&app).await, 0, "nothing stored");

    // A province of another region.
    let mut elsewhere = fields("Ligne de bus Agadir Taroudant", true);
    elsewhere.push(("province", "oujda-angad"));
    let answer = amina
        .post_multipart("/petitions/file", &elsewhere, &[])
        .await;
    assert_eq!(answer.header("location"), FORM);
    let shown = amina.get(FORM).await.text();
    assert!(shown.contains("id=\"petition-province-error\""), "{shown}");
    assert_eq!(count(&app).await, 0, "nothing stored");

    let filed = amina
        .post_multipart(
            "/petitions/file",
            &[
                fields("Ligne de bus Agadir Taroudant", true),
                vec![("province", "taroudant")],
            ]
            .concat(),
            &[("attachments", "plan.pdf", PDF), ("attachments", "", b"")],
        )
        .await;
    assert_eq!(filed.status, StatusCode::SEE_OTHER);
    let location = filed.header("location").to_owned();
    assert!(
        location.starts_with("/fr/r/souss-massa/petitions/"),
        "{location}"
    );
    let page = amina.get(&location).await.text();
    assert!(page.contains("Votre pétition est reçue."));
    assert!(page.contains("En modération"));
    assert!(page.contains("plan.pdf"));
    assert!(
        page.contains("Préfecture ou province concernée"),
        "the province is shown"
    );
    let stored = petition::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].status, PetitionStatus::InModeration.as_str());
    assert_eq!(stored[0].lang, "fr");

    // Once a similar petition is open, the subject step shows it.
    let souss = app.region_id("souss-massa").await;
    let moderator = app
        .staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
        .await;
    petitions::moderate_petition(
        &app.ctx(),
        &moderator,
        domain::types::PetitionId(stored[0].id),
        ModerationDecision::Publish,
    )
    .await?;
    let other = app.user("karim@example.ma").await;
    file(&app, other, "souss-massa", &citizen_form()).await;
    let similar = amina.get(&format!("{FORM}?about=Taroudant")).await.text();
    assert!(similar.contains("Pétitions semblables ouvertes"));
    assert!(similar.contains(&format!("/petitions/{}\"", stored[0].id)));
    Ok(())
}

/// A PDF of `size` bytes.
fn pdf_of(size: usize) -> Vec<u8> {
    let mut pdf = PDF.to_vec();
    pdf.resize(size, b'%');
    pdf
}

async fn five_documents_of_four_and_a_half_megabytes_are_filed(app: TestApp) -> TestResult {
    app.user("amina@example.ma").await;
    let mut amina = Client::signed_in(&app, "amina@example.ma", "fr").await;
    let document = pdf_of(4_500_000);
    let files: Vec<(&str, &str, &[u8])> = (0..5)
        .map(|_| ("attachments", "annexe.pdf", document.as_slice()))
        .collect();
    let filed = amina
        .post_multipart(
            "/petitions/file",
            &fields("Ligne de bus Agadir Taroudant", true),
            &files,
        )
        .await;
    assert_eq!(filed.status, StatusCode::SEE_OTHER, "{}", filed.text());
    assert!(
        filed
            .header("location")
            .starts_with("/fr/r/souss-massa/petitions/"),
        "{}",
        filed.header("location")
    );
    let stored = domain::entities::petition_attachment::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default();
    assert_eq!(stored.len(), 5);
    assert!(stored.iter().all(|a| a.data.len() == 4_500_000));

    // One document over 5 MB: explained on the form, nothing stored.
    let big = pdf_of(6 * 1024 * 1024);
    let refused = amina
        .post_multipart(
            "/petitions/file",
            &fields("Ligne de bus Agadir Taroudant", true),
            &[("attachments", "gros.pdf", big.as_slice())],
        )
        .await;
    assert_eq!(refused.status, StatusCode::SEE_OTHER);
    assert_eq!(refused.header("location"), FORM);
    let shown = amina.get(FORM).await.text();
    assert!(shown.contains("5 Mo"), "the limit is explained");
    assert_eq!(count(&app).await, 1);

    // More than the whole form may carry: a 413 page in French.
    let huge = pdf_of(28 * 1024 * 1024);
    let too_large = amina
        .post_multipart(
            "/petitions/file",
            &fields("Ligne de bus Agadir Taroudant", true),
            &[("attachments", "enorme.pdf", huge.as_slice())],
        )
        .await;
    assert_eq!(too_large.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(too_large.text().contains("trop volumineux"));
    assert_eq!(count(&app).await, 1);
    Ok(())
}

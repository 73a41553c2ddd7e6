//! A consultation's documents over HTTP: the region's officers attach PDFs (checked by content)
//! to the consultation, then to the synthesis; each is public when what it belongs to is.

use domain::consultations::drafts::create_consultation;
use domain::roles::Role;
use domain::types::RegionSlug;
use http::StatusCode;
use tests::{Client, TestApp, TestResult, both_databases};

use super::draft;

both_databases!(officers_attach_pdfs_to_the_consultation_and_to_the_synthesis);

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n";
const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D,
];

async fn officers_attach_pdfs_to_the_consultation_and_to_the_synthesis(app: TestApp) -> TestResult {
    let souss = app.region_id("souss-massa").await;
    let officer = app
        .staff(
            "officer@example.ma",
            Some(Role::CouncilOfficer { region_id: souss }),
        )
        .await;
    app.user("amina@example.ma").await;
    let region = RegionSlug::parse("souss-massa")?;
    let id = create_consultation(&app.ctx(), &officer, &region, draft()).await?;
    let manage = format!("/fr/r/souss-massa/consultations/{}/manage", id.0);
    let page = format!("/fr/r/souss-massa/consultations/{}", id.0);
    let id_text = id.0.to_string();
    let fields = |purpose: &'static str| -> Vec<(&'static str, String)> {
        vec![
            ("lang", "fr".into()),
            ("region", "souss-massa".into()),
            ("id", id_text.clone()),
            ("purpose", purpose.into()),
        ]
    };
    let upload = async |client: &mut Client<'_>, purpose: &'static str, name: &str, data: &[u8]| {
        let all = fields(purpose);
        let borrowed: Vec<(&str, &str)> = all.iter().map(|(k, v)| (*k, v.as_str())).collect();
        client
            .post_multipart(
                "/consultations/document",
                &borrowed,
                &[("document", name, data)],
            )
            .await
    };
    let mut staff = Client::signed_in(&app, "officer@example.ma", "fr").await;
    let mut amina = Client::signed_in(&app, "amina@example.ma", "fr").await;

    // Only a PDF, only by the region's officers.
    let refused = upload(&mut staff, "document", "plan.pdf", PNG).await;
    assert_eq!(refused.header("location"), manage);
    assert!(
        staff
            .get(&manage)
            .await
            .text()
            .contains("Seuls les PDF sont acceptés")
    );
    upload(&mut amina, "document", "plan.pdf", PDF).await;
    assert!(amina.get(&manage).await.status == StatusCode::NOT_FOUND);
    let attached = upload(&mut staff, "document", "plan régional.pdf", PDF).await;
    assert_eq!(attached.header("location"), manage);
    let listed = staff.get(&manage).await.text();
    assert!(listed.contains("Le document est joint."));
    assert!(listed.contains("plan régional.pdf"));
    let stored = domain::consultations::documents::list_documents(&app.ctx(), id)
        .await
        .unwrap_or_default();
    assert_eq!(stored.len(), 1, "the citizen's upload was refused");
    let file = format!("/files/consultations/{}/documents/{}", id.0, stored[0].id);

    // A draft's document is the officers' only; once published, everyone's.
    assert_eq!(amina.get(&file).await.status, StatusCode::NOT_FOUND);
    assert_eq!(staff.get(&file).await.status, StatusCode::OK);
    domain::consultations::builder::set_questions(
        &app.ctx(),
        &officer,
        id,
        vec![super::question("single", &["Transport", "Eau"])],
    )
    .await?;
    domain::consultations::builder::publish_consultation(&app.ctx(), &officer, id).await?;
    let public = Client::new(&app).get(&file).await;
    assert_eq!(public.status, StatusCode::OK);
    assert_eq!(public.header("content-type"), "application/pdf");
    assert!(
        public
            .header("content-disposition")
            .starts_with("attachment;")
    );
    assert!(
        Client::new(&app)
            .get(&page)
            .await
            .text()
            .contains("plan régional.pdf")
    );

    // The synthesis's documents: once the results are out; public with the synthesis.
    upload(&mut staff, "synthesis", "synthese.pdf", PDF).await;
    let early = staff.get(&manage).await.text();
    assert!(
        early.contains("Cette étape n&#x27;est pas possible")
            || early.contains("Cette étape n'est pas possible")
    );
    super::to_first_day(&app);
    app.clock.advance(chrono::Duration::days(31));
    let mut staff = Client::signed_in(&app, "officer@example.ma", "fr").await;
    domain::consultations::outcome::publish_results(&app.ctx(), &officer, id).await?;
    upload(&mut staff, "synthesis", "synthese.pdf", PDF).await;
    let all = domain::consultations::documents::list_documents(&app.ctx(), id)
        .await
        .unwrap_or_default();
    assert_eq!(all.len(), 2, "one before the results was refused");
    let synthesis = format!("/files/consultations/{}/documents/{}", id.0, all[1].id);
    assert_eq!(
        Client::new(&app).get(&synthesis).await.status,
        StatusCode::NOT_FOUND
    );
    domain::consultations::outcome::publish_synthesis(
        &app.ctx(),
        &officer,
        id,
        "Le transport vient en premier : une navette sera inscrite au programme.",
    )
    .await?;
    assert_eq!(
        Client::new(&app).get(&synthesis).await.status,
        StatusCode::OK
    );
    let concluded = Client::new(&app).get(&page).await.text();
    assert!(concluded.contains("synthese.pdf"));
    Ok(())
}

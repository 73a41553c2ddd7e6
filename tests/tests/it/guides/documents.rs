//! A practice's documents: attached and removed by the guide's writers only (refusals logged,
//! changes audit-logged), PDFs only, read with the guide (a draft's by its writers only), copied
//! with the guide when another region adopts it; forged ids and malformed requests change
//! nothing.

use domain::guides::documents::{
    add_guide_document, get_guide_document, list_guide_documents, remove_guide_document,
};
use domain::types::Pdf;
use tests::both_databases;

use super::*;

both_databases!(
    only_a_guides_writers_attach_its_documents,
    documents_are_read_with_their_guide_and_adopted_with_it,
    forged_ids_and_malformed_requests_change_nothing,
);

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n";

fn pdf(name: &str) -> Pdf {
    Pdf::parse(name, PDF.to_vec()).unwrap_or_else(|e| panic!("{e}"))
}

async fn only_a_guides_writers_attach_its_documents(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    let officer = officer(&app).await;
    let id = create_guide(
        &ctx,
        &officer,
        Some(&souss()),
        guide("Budget participatif", "x"),
    )
    .await?;
    let doc = add_guide_document(&ctx, &officer, id, pdf("appel-a-projets.pdf")).await?;
    for (who, actor) in app.not_officers_of("souss-massa").await {
        assert!(
            matches!(
                add_guide_document(&ctx, &actor, id, pdf("autre.pdf")).await,
                Err(DomainError::Forbidden)
            ),
            "{who} attaches nothing"
        );
        assert!(
            matches!(
                remove_guide_document(&ctx, &actor, id, doc).await,
                Err(DomainError::Forbidden)
            ),
            "{who} removes nothing"
        );
    }
    let names: Vec<String> = list_guide_documents(&ctx, id)
        .await?
        .into_iter()
        .map(|d| d.file_name)
        .collect();
    assert_eq!(names, ["appel-a-projets.pdf"]);
    // Only PDFs, checked by their content.
    assert_eq!(
        Pdf::parse("rapport.pdf", b"<script>alert(1)</script>".to_vec())
            .err()
            .map(|e| e.code()),
        Some("pdf_only")
    );
    // Ten at most.
    for i in 1..10 {
        add_guide_document(&ctx, &officer, id, pdf(&format!("annexe-{i}.pdf"))).await?;
    }
    assert_eq!(
        add_guide_document(&ctx, &officer, id, pdf("onzieme.pdf"))
            .await
            .err()
            .map(|e| e.code()),
        Some("too_many_files")
    );
    remove_guide_document(&ctx, &officer, id, doc).await?;
    assert_eq!(list_guide_documents(&ctx, id).await?.len(), 9);
    // A forged document id of another guide: not found.
    let other = create_guide(&ctx, &officer, Some(&souss()), guide("Réunions", "y")).await?;
    let theirs = add_guide_document(&ctx, &officer, other, pdf("charte.pdf")).await?;
    assert!(matches!(
        remove_guide_document(&ctx, &officer, id, theirs).await,
        Err(DomainError::NotFound)
    ));
    let audit = |action: &'static str| {
        domain::entities::audit_entry::Entity::find()
            .filter(domain::entities::audit_entry::Column::Action.eq(action))
            .count(&app.db)
    };
    assert_eq!(audit("guide_document_added").await?, 11);
    assert_eq!(audit("guide_document_removed").await?, 1);
    assert_eq!(audit("access_denied").await?, 8, "every refusal is logged");
    Ok(())
}

async fn documents_are_read_with_their_guide_and_adopted_with_it(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    officer(&app).await;
    app.user("amina@example.ma").await;
    let mut writer = Client::signed_in(&app, "officer@example.ma", "fr").await;
    let mut visitor = Client::new(&app);
    let id = create_guide(
        &ctx,
        &officer(&app).await,
        Some(&souss()),
        guide("Budget participatif d'Agadir", "Des ateliers."),
    )
    .await?;
    let page = format!("/fr/guides/{}", id.0);
    let fields = [("lang", "fr"), ("id", &*id.0.to_string())];
    // A PNG is refused and explained; a citizen's upload changes nothing; the writer's is listed.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
    let refused = writer
        .post_multipart(
            "/guides/document",
            &fields,
            &[("document", "plan.png", png)],
        )
        .await;
    assert_eq!(refused.header("location"), page);
    assert!(writer.get(&page).await.text().contains("PDF"));
    let mut amina = Client::signed_in(&app, "amina@example.ma", "fr").await;
    amina
        .post_multipart("/guides/document", &fields, &[("document", "x.pdf", PDF)])
        .await;
    assert!(list_guide_documents(&ctx, id).await?.is_empty());
    // An anonymous upload goes to the sign-in page; a body that is not multipart is a 4xx.
    let anonymous = visitor
        .post_multipart("/guides/document", &fields, &[("document", "x.pdf", PDF)])
        .await;
    assert_eq!(anonymous.header("location"), "/fr/account/sign-in");
    let plain = writer.post_form("/guides/document", &fields).await;
    assert!(plain.status.is_client_error(), "{}", plain.status);
    assert!(list_guide_documents(&ctx, id).await?.is_empty());
    writer
        .post_multipart(
            "/guides/document",
            &fields,
            &[("document", "appel-a-projets.pdf", PDF)],
        )
        .await;
    let docs = list_guide_documents(&ctx, id).await?;
    assert_eq!(docs.len(), 1);
    let file = format!("/files/guides/{}/documents/{}", id.0, docs[0].id);
    let html = writer.get(&page).await.text();
    assert!(html.contains(&format!(
        "href=\"{file}\" dir=\"auto\">appel-a-projets.pdf<"
    )));
    // A draft's documents: its writers only.
    assert_eq!(visitor.get(&file).await.status, StatusCode::NOT_FOUND);
    assert_eq!(writer.get(&file).await.status, StatusCode::OK);
    assert!(
        get_guide_document(&ctx, None, id, docs[0].id)
            .await
            .is_err()
    );
    // Published: everyone reads them, as a download.
    publish_guide(&ctx, &officer(&app).await, id).await?;
    let download = visitor.get(&file).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.header("content-type"), "application/pdf");
    assert!(
        visitor
            .get(&page)
            .await
            .text()
            .contains("appel-a-projets.pdf")
    );
    assert!(
        !visitor.get(&page).await.text().contains("/guides/document"),
        "no upload form for a visitor"
    );
    // Another region adopts the practice: the documents come with the copy.
    let oriental = app.region_id("oriental").await;
    let other = app
        .staff(
            "officer-oriental@example.ma",
            Some(Role::CouncilOfficer {
                region_id: oriental,
            }),
        )
        .await;
    let copy = adopt_guide(&ctx, &other, id, &RegionSlug::parse("oriental")?).await?;
    let copied = list_guide_documents(&ctx, copy).await?;
    assert_eq!(copied.len(), 1);
    assert_eq!(copied[0].file_name, "appel-a-projets.pdf");
    // The writer removes the original's document: the copy keeps its own.
    writer
        .post_form(
            "/fn/remove_guide_document",
            &[
                ("lang", "fr"),
                ("id", &*id.0.to_string()),
                ("document", &*docs[0].id.to_string()),
            ],
        )
        .await;
    assert!(list_guide_documents(&ctx, id).await?.is_empty());
    assert_eq!(list_guide_documents(&ctx, copy).await?.len(), 1);
    assert_eq!(visitor.get(&file).await.status, StatusCode::NOT_FOUND);
    Ok(())
}

async fn forged_ids_and_malformed_requests_change_nothing(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    let officer = officer(&app).await;
    let draft = create_guide(&ctx, &officer, Some(&souss()), guide("Ateliers", "x")).await?;
    let other = create_guide(&ctx, &officer, Some(&souss()), guide("Réunions", "y")).await?;
    let theirs = add_guide_document(&ctx, &officer, other, pdf("charte.pdf")).await?;
    let stored = || domain::entities::guide_document::Entity::find().count(&app.db);
    let mut writer = Client::signed_in(&app, "officer@example.ma", "fr").await;
    let oriental = app.region_id("oriental").await;
    app.staff(
        "officer-oriental@example.ma",
        Some(Role::CouncilOfficer {
            region_id: oriental,
        }),
    )
    .await;
    let mut stranger = Client::signed_in(&app, "officer-oriental@example.ma", "fr").await;

    // A document asked through another guide, a guide that does not exist, an id that is no
    // number: not found or refused, even for the writer.
    for path in [
        format!("/files/guides/{}/documents/{theirs}", draft.0),
        format!("/files/guides/999999/documents/{theirs}"),
        format!("/files/guides/abc/documents/{theirs}"),
    ] {
        let status = writer.get(&path).await.status;
        assert!(status.is_client_error(), "{path}: {status}");
    }
    // Uploads to a guide that does not exist, or named by no number: nothing stored, no 500.
    for id in ["999999", "abc", ""] {
        let response = writer
            .post_multipart(
                "/guides/document",
                &[("lang", "fr"), ("id", id)],
                &[("document", "x.pdf", PDF)],
            )
            .await;
        assert!(
            !response.status.is_server_error(),
            "{id}: {}",
            response.status
        );
    }
    assert_eq!(stored().await?, 1);
    // Removing a document through another guide, by another region's officer, or with a
    // malformed id: it stays.
    let forged = [
        ("lang", "fr"),
        ("id", &*draft.0.to_string()),
        ("document", &*theirs.to_string()),
    ];
    let through_other = writer.post_form("/fn/remove_guide_document", &forged).await;
    assert!(!through_other.status.is_server_error());
    let own = [
        ("lang", "fr"),
        ("id", &*other.0.to_string()),
        ("document", &*theirs.to_string()),
    ];
    let by_stranger = stranger.post_form("/fn/remove_guide_document", &own).await;
    assert!(!by_stranger.status.is_server_error());
    let malformed = [("lang", "fr"), ("id", "x"), ("document", "=1+1")];
    let status = writer
        .post_form("/fn/remove_guide_document", &malformed)
        .await
        .status;
    assert!(status.is_client_error(), "{status}");
    assert_eq!(stored().await?, 1);
    assert_eq!(list_guide_documents(&ctx, other).await?.len(), 1);
    Ok(())
}

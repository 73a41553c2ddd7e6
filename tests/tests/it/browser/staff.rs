//! The staff's pages under axe, in French, Arabic and Tifinagh.

use tests::TestApp;

use super::{scenario, serve};

/// The staff's pages pass axe too: the moderation form, the region's queue, the council's form,
/// the printable signatory list, the staff dashboard (the moderator's and the officer's), the
/// paper signatures (entry form, import, a preview with a refused row, a recorded batch) and the
/// public moderation log, in French, Arabic and Tifinagh; so does the representative's edit form
/// of a draft sent back for changes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_pages_pass_the_accessibility_audit() {
    use domain::petitions::{
        self, AttachmentPurpose, ModerationDecision, NewAttachment, NewPetition, PetitionForm,
        paper,
    };
    use domain::roles::Role;

    let app = TestApp::sqlite().await;
    let amina = app.user("amina@example.ma").await;
    let souss = app.region_id("souss-massa").await;
    let form = PetitionForm {
        kind: "association".into(),
        lang: "fr".into(),
        title: "Une bibliothèque à Taroudant".into(),
        request: "Que le conseil inscrive à son ordre du jour une bibliothèque régionale.".into(),
        reasons: "La ville n'a aucune bibliothèque publique ouverte le soir pour les étudiants."
            .into(),
        competence: "culture_heritage".into(),
        province: "taroudant".into(),
        association_name: "Association Tifawin".into(),
        association_registered_on: "2019-03-12".into(),
        association_seat: "Taroudant".into(),
        conditions_accepted: true,
    };
    let region = domain::types::RegionSlug::parse("souss-massa").unwrap_or_else(|e| panic!("{e}"));
    let mut ids = Vec::new();
    for _ in 0..3 {
        let petition = NewPetition::parse(&form, app.clock_now().date_naive())
            .unwrap_or_else(|e| panic!("{e:?}"));
        let mandate = NewAttachment::parse(
            AttachmentPurpose::Mandate,
            "mandat.pdf",
            b"%PDF-1.4\n%%EOF\n".to_vec(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        ids.push(
            petitions::file_petition(&app.ctx(), amina, &region, petition, vec![mandate])
                .await
                .unwrap_or_else(|e| panic!("{e}")),
        );
    }
    let moderator = app
        .staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
        .await;
    petitions::moderate_petition(&app.ctx(), &moderator, ids[1], ModerationDecision::Publish)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    petitions::deposit::deposit_petition(&app.ctx(), amina, ids[1])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let refused =
        NewPetition::parse(&form, app.clock_now().date_naive()).unwrap_or_else(|e| panic!("{e:?}"));
    let mandate = NewAttachment::parse(
        AttachmentPurpose::Mandate,
        "mandat.pdf",
        b"%PDF-1.4\n%%EOF\n".to_vec(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let refused = petitions::file_petition(&app.ctx(), amina, &region, refused, vec![mandate])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let duplicate =
        ModerationDecision::parse("reject", "duplicate", "").unwrap_or_else(|e| panic!("{e}"));
    petitions::moderate_petition(&app.ctx(), &moderator, refused, duplicate)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let changes = ModerationDecision::parse("request_changes", "", "Joignez les statuts.")
        .unwrap_or_else(|e| panic!("{e}"));
    petitions::moderate_petition(&app.ctx(), &moderator, ids[2], changes)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // A citizen petition with a recorded paper batch, another previewed with a refused row.
    let officer = app
        .staff(
            "officer@example.ma",
            Some(Role::CouncilOfficer { region_id: souss }),
        )
        .await;
    let citizen = PetitionForm {
        kind: "citizen".into(),
        association_name: String::new(),
        association_registered_on: String::new(),
        association_seat: String::new(),
        ..form.clone()
    };
    let citizen = NewPetition::parse(&citizen, app.clock_now().date_naive())
        .unwrap_or_else(|e| panic!("{e:?}"));
    let collecting = petitions::file_petition(&app.ctx(), amina, &region, citizen, vec![])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    petitions::moderate_petition(
        &app.ctx(),
        &moderator,
        collecting,
        ModerationDecision::Publish,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let today = app.clock_now().date_naive().format("%Y-%m-%d").to_string();
    let mut batch = 0;
    for (reference, cins) in [
        ("Feuilles 1-2", ["JB100001", "JB100002"]),
        ("Feuilles 3-4", ["JB100003", "12"]),
    ] {
        let header =
            paper::BatchHeader::parse(reference, &today).unwrap_or_else(|e| panic!("{e:?}"));
        let rows = cins
            .iter()
            .enumerate()
            .map(|(i, cin)| paper::PaperRow {
                row_no: i32::try_from(i).unwrap_or_default() + 1,
                full_name: format!("Signataire {i}"),
                cin: (*cin).into(),
                province: "taroudant".into(),
                basis: "residence".into(),
            })
            .collect();
        batch = paper::preview_paper_batch(&app.ctx(), &officer, collecting, header, rows)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        if reference == "Feuilles 1-2" {
            paper::record_paper_batch(&app.ctx(), &officer, batch)
                .await
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }

    let (addr, server) = serve(&app).await;
    let pending = format!("/fr/r/souss-massa/petitions/{}", ids[0].0);
    let pending_ar = format!("/ar/r/souss-massa/petitions/{}", ids[0].0);
    scenario(
        addr,
        &[
            "audit-signed-in",
            "mod@example.ma",
            &pending,
            &pending_ar,
            "/fr/r/souss-massa/moderation",
            "/ar/account/petitions",
            "/fr/r/souss-massa/staff",
            "/ar/r/souss-massa/staff",
            "/fr/r/souss-massa/moderation-log",
            "/ar/r/souss-massa/moderation-log",
            "/ar/r/souss-massa/audit",
        ],
    )
    .await;
    let edit = format!("/fr/r/souss-massa/petitions/{}/edit", ids[2].0);
    let edit_ar = format!("/ar/r/souss-massa/petitions/{}/edit", ids[2].0);
    scenario(
        addr,
        &["audit-signed-in", "amina@example.ma", &edit, &edit_ar],
    )
    .await;
    let paper_fr = format!(
        "/fr/r/souss-massa/petitions/{}/paper?batch={batch}",
        collecting.0
    );
    let paper_ar = format!("/ar/r/souss-massa/petitions/{}/paper", collecting.0);
    let collecting_ar = format!("/ar/r/souss-massa/petitions/{}", collecting.0);
    let deposited = format!("/fr/r/souss-massa/petitions/{}", ids[1].0);
    let deposited_ar = format!("/ar/r/souss-massa/petitions/{}", ids[1].0);
    scenario(
        addr,
        &[
            "audit-signed-in",
            "officer@example.ma",
            &deposited,
            &deposited_ar,
            "/fr/r/souss-massa/staff",
            "/zgh/r/souss-massa/staff",
            &paper_fr,
            &paper_ar,
            &collecting_ar,
            "/fr/r/souss-massa/identity",
            "/ar/r/souss-massa/identity",
        ],
    )
    .await;
    server.abort();
}

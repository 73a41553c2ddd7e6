//! Paper signatures: the region's council officers enter sheets (typed rows or a CSV file); each
//! row is checked like an online signature, and every row refused is listed with its number
//! (a field at fault, the same CIN twice, a CIN that signed online or on another sheet). Recorded
//! signatures count with the online ones (by province and day) and show on the page and in the
//! signatory list; online signing with a CIN on paper is refused; a batch is voided whole.

use domain::DomainError;
use domain::entities::{audit_entry, signature};
use domain::petitions::deposit::deposit_petition;
use domain::petitions::paper::{
    BatchHeader, BatchStatus, PaperRow, get_paper_batch, list_paper_batches, preview_paper_batch,
    record_paper_batch, void_paper_batch,
};
use domain::petitions::profiles::{parse_profile, save_signer_profile, sign_with_profile};
use domain::petitions::signatories::{ExportFormat, export_signatories};
use domain::petitions::signing::SignatureForm;
use domain::petitions::views::petition_progress;
use domain::roles::{Actor, Role};
use domain::types::PetitionId;
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use tests::{Client, TestApp, TestResult, both_databases};

use super::souss_staff;
use crate::petitions::{published, set_threshold};

both_databases!(
    officers_enter_sheets_deduplicated_by_cin_and_void_them,
    only_the_regions_officers_enter_sheets_while_signatures_are_collected,
    a_csv_sheet_and_the_entry_form_are_previewed_then_recorded_from_the_page,
);

fn row(row_no: i32, name: &str, cin: &str, province: &str) -> PaperRow {
    PaperRow {
        row_no,
        full_name: name.into(),
        cin: cin.into(),
        province: province.into(),
        basis: "résidence".into(),
    }
}

fn header(app: &TestApp, reference: &str) -> BatchHeader {
    let today = app.clock_now().date_naive().format("%Y-%m-%d").to_string();
    BatchHeader::parse(reference, &today).unwrap_or_else(|e| panic!("{e:?}"))
}

/// Karim signs petition `id` online with CIN `cin`.
async fn sign_online(app: &TestApp, id: PetitionId, cin: &str) -> Result<(), DomainError> {
    let ctx = app.ctx();
    let karim = app.user("karim@example.ma").await;
    let signer = parse_profile(&SignatureForm {
        full_name: "Karim Alaoui".into(),
        cin: cin.into(),
        province: "agadir-ida-outanane".into(),
        basis: "residence".into(),
        electoral_roll: true,
        consent: true,
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e:?}"));
    save_signer_profile(&ctx, karim, signer).await?;
    sign_with_profile(&ctx, karim, id, false, &Default::default()).await
}

async fn totals(app: &TestApp, id: PetitionId) -> (i64, i64) {
    let progress = petition_progress(&app.ctx(), None, id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    (progress.total, progress.paper)
}

async fn officers_enter_sheets_deduplicated_by_cin_and_void_them(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    let (_, officer) = souss_staff(&app).await;
    let id = published(&app, "souss-massa").await;
    sign_online(&app, id, "JB100001").await?;
    let taroudant = app.provinces("souss-massa").await[1].name_fr.clone();
    let rows = vec![
        row(1, "Amina Idrissi", "JB200001", "agadir-ida-outanane"),
        row(2, "Said Ouali", "12AB", "agadir-ida-outanane"),
        row(3, "Amina Idrissi", "jb 200001", "agadir-ida-outanane"),
        row(4, "Karim Alaoui", "JB100001", "agadir-ida-outanane"),
        row(5, "Hassan Berrada", "F300001", "oujda-angad"),
        row(
            6,
            &format!("{taroudant} Habitant"),
            "J400001",
            &taroudant.to_uppercase(),
        ),
        PaperRow {
            row_no: 7,
            ..PaperRow::default()
        },
        row(8, "=HYPERLINK(\"x\")", "JB500001", "agadir-ida-outanane"),
    ];
    let batch = preview_paper_batch(&ctx, &officer, id, header(&app, "Feuilles 1-3"), rows).await?;
    let preview = get_paper_batch(&ctx, &officer, id, batch).await?;
    assert_eq!(preview.status, BatchStatus::Pending);
    assert_eq!(preview.accepted, 3);
    let refused: Vec<(i32, &str, Option<&str>)> = preview
        .refused
        .iter()
        .map(|r| (r.row, r.code.as_str(), r.other.as_deref()))
        .collect();
    assert_eq!(
        refused,
        [
            (2, "cin_invalid", None),
            (3, "duplicate_in_sheet", Some("1")),
            (4, "signed_online", None),
            (5, "province_not_in_region", None),
        ]
    );
    assert_eq!(
        totals(&app, id).await,
        (1, 0),
        "nothing counts before recording"
    );

    assert_eq!(record_paper_batch(&ctx, &officer, batch).await?, 3);
    assert!(matches!(
        record_paper_batch(&ctx, &officer, batch).await,
        Err(DomainError::Conflict("batch_not_pending"))
    ));
    assert_eq!(totals(&app, id).await, (4, 3));
    let progress = petition_progress(&ctx, None, id).await?;
    let today = app.clock_now().date_naive();
    assert_eq!(progress.days, [(today, 4)]);
    assert_eq!(progress.provinces.iter().map(|(_, n)| n).sum::<i64>(), 4);
    let paper_rows = signature::Entity::find()
        .filter(signature::Column::PaperBatchId.eq(batch))
        .count(&app.db)
        .await?;
    assert_eq!(paper_rows, 3);

    // The same reference again is refused; another sheet with a CIN on the first is listed.
    assert!(matches!(
        preview_paper_batch(
            &ctx,
            &officer,
            id,
            header(&app, "Feuilles 1-3"),
            vec![row(1, "Nadia Tazi", "JB600001", "agadir-ida-outanane")]
        )
        .await,
        Err(DomainError::Conflict("batch_reference_taken"))
    ));
    let second = preview_paper_batch(
        &ctx,
        &officer,
        id,
        header(&app, "Feuilles 4-5"),
        vec![
            row(1, "Amina Idrissi", "JB200001", "agadir-ida-outanane"),
            row(2, "Nadia Tazi", "JB600001", "agadir-ida-outanane"),
        ],
    )
    .await?;
    let second_view = get_paper_batch(&ctx, &officer, id, second).await?;
    assert_eq!(second_view.accepted, 1);
    assert_eq!(second_view.refused[0].code, "on_paper");
    assert_eq!(
        second_view.refused[0].other.as_deref(),
        Some("Feuilles 1-3")
    );

    // Online signing with a CIN on paper is refused in words of its own.
    let leila = app.user("leila@example.ma").await;
    let signer = parse_profile(&SignatureForm {
        full_name: "Amina Idrissi".into(),
        cin: "JB200001".into(),
        province: "agadir-ida-outanane".into(),
        basis: "residence".into(),
        electoral_roll: true,
        consent: true,
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e:?}"));
    save_signer_profile(&ctx, leila, signer).await?;
    assert!(matches!(
        sign_with_profile(&ctx, leila, id, false, &Default::default()).await,
        Err(DomainError::Conflict("signed_on_paper"))
    ));

    // Voided whole, with a reason: the count goes back, the batch stays listed.
    for reason in ["", "   ", &"x".repeat(501)] {
        assert!(matches!(
            void_paper_batch(&ctx, &officer, batch, reason).await,
            Err(DomainError::Validation {
                code: "void_reason_missing",
                ..
            })
        ));
    }
    void_paper_batch(&ctx, &officer, batch, "Feuilles d'une autre pétition").await?;
    assert!(matches!(
        void_paper_batch(&ctx, &officer, batch, "encore").await,
        Err(DomainError::Conflict("batch_not_recorded"))
    ));
    assert_eq!(totals(&app, id).await, (1, 0));
    let listed = list_paper_batches(&ctx, &officer, id).await?;
    let first = listed.iter().find(|b| b.id == batch).ok_or("listed")?;
    assert_eq!(first.status, BatchStatus::Voided);
    assert_eq!(first.entered_by.as_deref(), Some("officer@example.ma"));
    // Once voided, its reference may be entered again, and its CINs sign online.
    preview_paper_batch(
        &ctx,
        &officer,
        id,
        header(&app, "Feuilles 1-3"),
        vec![row(1, "Nadia Tazi", "JB700001", "agadir-ida-outanane")],
    )
    .await?;
    sign_with_profile(&ctx, leila, id, false, &Default::default()).await?;
    let audited = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.is_in(["paper_batch_recorded", "paper_batch_voided"]))
        .count(&app.db)
        .await?;
    assert_eq!(audited, 2);
    // Previews never recorded (they hold CINs) are deleted after two days.
    app.clock.advance(chrono::Duration::days(3));
    let cleaned = domain::maintenance::clean_up(&ctx).await?;
    assert_eq!(cleaned.paper_previews, 2);
    assert_eq!(list_paper_batches(&ctx, &officer, id).await?.len(), 1);
    Ok(())
}

async fn only_the_regions_officers_enter_sheets_while_signatures_are_collected(
    app: TestApp,
) -> TestResult {
    let ctx = app.ctx();
    let (moderator, officer) = souss_staff(&app).await;
    // One signature is enough here (the threshold is fixed at publication).
    set_threshold(&app, "souss-massa", 1, 0).await;
    let id = published(&app, "souss-massa").await;
    let oriental = app.region_id("oriental").await;
    let elsewhere = app
        .staff(
            "officer-o@example.ma",
            Some(Role::CouncilOfficer {
                region_id: oriental,
            }),
        )
        .await;
    let citizen = app.actor(app.user("karim@example.ma").await).await;
    let admin = app.admin().await;
    let rows = || vec![row(1, "Amina Idrissi", "JB200001", "agadir-ida-outanane")];
    let batch = preview_paper_batch(&ctx, &officer, id, header(&app, "F1"), rows()).await?;
    let others: [&Actor; 4] = [&moderator, &elsewhere, &citizen, &admin];
    for actor in others {
        assert!(matches!(
            preview_paper_batch(&ctx, actor, id, header(&app, "F2"), rows()).await,
            Err(DomainError::Forbidden)
        ));
        assert!(matches!(
            record_paper_batch(&ctx, actor, batch).await,
            Err(DomainError::Forbidden)
        ));
        assert!(matches!(
            list_paper_batches(&ctx, actor, id).await,
            Err(DomainError::Forbidden)
        ));
        assert!(matches!(
            get_paper_batch(&ctx, actor, id, batch).await,
            Err(DomainError::Forbidden)
        ));
    }
    // A forged batch id, or one of another petition, is not there.
    assert!(matches!(
        get_paper_batch(&ctx, &officer, id, 999_999).await,
        Err(DomainError::NotFound)
    ));
    assert!(matches!(
        get_paper_batch(&ctx, &officer, PetitionId(id.0 + 1), batch).await,
        Err(DomainError::NotFound)
    ));
    // Sheets are of days between publication and today.
    let tomorrow = (app.clock_now().date_naive() + chrono::Days::new(1))
        .format("%Y-%m-%d")
        .to_string();
    let future = BatchHeader::parse("F3", &tomorrow).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(matches!(
        preview_paper_batch(&ctx, &officer, id, future, rows()).await,
        Err(DomainError::Validation {
            code: "collected_on_outside",
            ..
        })
    ));
    assert!(matches!(
        preview_paper_batch(&ctx, &officer, id, header(&app, "F4"), Vec::new()).await,
        Err(DomainError::Validation {
            code: "no_rows",
            ..
        })
    ));
    // Once deposited, nothing is entered, recorded or voided.
    record_paper_batch(&ctx, &officer, batch).await?;
    let amina = app.user("amina@example.ma").await;
    deposit_petition(&ctx, amina, id).await?;
    // The signatory list marks the signature on paper with its batch.
    let list = export_signatories(&ctx, &officer, id, ExportFormat::Printable)
        .await?
        .all()
        .await?;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].paper.as_deref(), Some("F1"));
    assert_eq!(list[0].cin, "JB200001");
    assert!(matches!(
        preview_paper_batch(&ctx, &officer, id, header(&app, "F5"), rows()).await,
        Err(DomainError::Conflict("not_collecting"))
    ));
    assert!(matches!(
        void_paper_batch(&ctx, &officer, batch, "erreur").await,
        Err(DomainError::Conflict("not_collecting"))
    ));
    Ok(())
}

async fn a_csv_sheet_and_the_entry_form_are_previewed_then_recorded_from_the_page(
    app: TestApp,
) -> TestResult {
    souss_staff(&app).await;
    let id = published(&app, "souss-massa").await;
    sign_online(&app, id, "JB100001").await?;
    let path = format!("/fr/r/souss-massa/petitions/{}/paper", id.0);
    // Nobody but the region's officers sees the page.
    assert_eq!(app.get(&path).await.status, StatusCode::NOT_FOUND);
    let mut karim = Client::signed_in(&app, "karim@example.ma", "fr").await;
    assert_eq!(karim.get(&path).await.status, StatusCode::NOT_FOUND);
    let mut officer = Client::signed_in(&app, "officer@example.ma", "fr").await;
    let page = officer
        .get(&format!("/fr/r/souss-massa/petitions/{}", id.0))
        .await
        .text();
    assert!(page.contains(&format!("href=\"{path}\"")));
    let page = officer.get(&path).await.text();
    assert!(page.contains("Saisie des feuilles") && page.contains("Importer une feuille"));

    let today = app.clock_now().date_naive().format("%Y-%m-%d").to_string();
    let id_text = id.0.to_string();
    let fields = |mode: &'static str, reference: &'static str, declared: bool| {
        let mut fields = vec![
            ("lang", "fr".to_owned()),
            ("region", "souss-massa".to_owned()),
            ("id", id_text.clone()),
            ("mode", mode.to_owned()),
            ("reference", reference.to_owned()),
            ("collected_on", today.clone()),
        ];
        if declared {
            fields.push(("declaration", "on".to_owned()));
        }
        fields
    };
    let csv = "Nom;CIN;Province;Base\n\
               Amina Idrissi;JB200001;agadir-ida-outanane;résidence\n\
               Karim Alaoui;JB100001;agadir-ida-outanane;résidence\n\
               Said Ouali;XX;agadir-ida-outanane;résidence\n";
    // Without the officer's declaration, nothing is previewed and what was typed comes back.
    let sent = fields("csv", "Feuilles 1-40", false);
    let sent: Vec<(&str, &str)> = sent.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let answer = officer
        .post_multipart(
            "/petitions/paper",
            &sent,
            &[("sheet", "feuilles.csv", csv.as_bytes())],
        )
        .await;
    assert_eq!(answer.header("location"), format!("{path}#csv"));
    let page = officer.get(&path).await.text();
    assert!(page.contains("error-summary") && page.contains("value=\"Feuilles 1-40\""));

    let sent = fields("csv", "Feuilles 1-40", true);
    let sent: Vec<(&str, &str)> = sent.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let answer = officer
        .post_multipart(
            "/petitions/paper",
            &sent,
            &[("sheet", "feuilles.csv", csv.as_bytes())],
        )
        .await;
    let location = answer.header("location").to_owned();
    assert!(
        location.starts_with(&format!("{path}?batch=")),
        "{location}"
    );
    let batch = location
        .split("batch=")
        .nth(1)
        .and_then(|rest| rest.split('#').next())
        .unwrap_or_default()
        .to_owned();
    let preview = officer
        .get(location.split('#').next().unwrap_or_default())
        .await
        .text();
    assert!(preview.contains("Signatures prêtes à être enregistrées : 1"));
    assert!(preview.contains("Lignes refusées : 2"));
    assert!(
        preview.contains("<td>3<!>") || preview.contains("<td>3</td>"),
        "line numbers"
    );
    assert!(
        preview.contains("<td>4<!>") || preview.contains("<td>4</td>"),
        "line numbers"
    );
    assert!(preview.contains("a déjà signé en ligne"));

    let record = [
        ("lang", "fr"),
        ("region", "souss-massa"),
        ("id", id_text.as_str()),
        ("batch", batch.as_str()),
        ("action", "record"),
    ];
    officer.post_form("/fn/decide_paper_batch", &record).await;
    let page = officer.get(&path).await.text();
    assert!(page.contains("Les signatures du lot sont enregistrées."));
    assert!(page.contains("En ligne : 1 · sur papier : 1 · total : 2"));

    // The entry form: typed rows, blank ones left out.
    let mut sent = fields("entry", "Feuilles 41-42", true);
    sent.extend([
        ("name_1", "Nadia Tazi".to_owned()),
        ("cin_1", "JB600001".to_owned()),
        ("province_1", "agadir-ida-outanane".to_owned()),
        ("basis_1", "residence".to_owned()),
        ("name_3", "Omar Fassi".to_owned()),
        ("cin_3", "JB600002".to_owned()),
        ("province_3", "agadir-ida-outanane".to_owned()),
        ("basis_3", "activity".to_owned()),
    ]);
    let sent: Vec<(&str, &str)> = sent.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let answer = officer.post_multipart("/petitions/paper", &sent, &[]).await;
    let location = answer.header("location").to_owned();
    let preview = officer
        .get(location.split('#').next().unwrap_or_default())
        .await
        .text();
    assert!(
        preview.contains("Signatures prêtes à être enregistrées : 2"),
        "{location}"
    );

    // The public page says how many are on paper.
    let public = app
        .get(&format!("/fr/r/souss-massa/petitions/{}", id.0))
        .await
        .text();
    assert!(public.contains("Dont 1 en ligne et 1 sur papier."));
    // A citizen cannot record a batch through the form either.
    let forged = [
        ("lang", "fr"),
        ("region", "souss-massa"),
        ("id", id_text.as_str()),
        ("batch", batch.as_str()),
        ("action", "void"),
        ("reason", "x"),
    ];
    karim.post_form("/fn/decide_paper_batch", &forged).await;
    let public = app
        .get(&format!("/fr/r/souss-massa/petitions/{}", id.0))
        .await
        .text();
    assert!(public.contains("Dont 1 en ligne et 1 sur papier."));
    Ok(())
}

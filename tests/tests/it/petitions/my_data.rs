//! Law 09-08 and petitions: my export holds my petitions, signatures and signer profile; deleting
//! my account withdraws what is still collecting and keeps what the council holds.

use domain::accounts::{delete_account, export_my_data};
use domain::entities::{petition, signature};
use domain::petitions::deposit::deposit_petition;
use domain::petitions::profiles::{parse_profile, save_signer_profile, sign_with_profile};
use domain::petitions::signing::SignatureForm;
use domain::petitions::{self, ModerationDecision, PetitionStatus, counts};
use domain::roles::Role;
use domain::types::PetitionId;
use sea_orm::EntityTrait;
use tests::{PASSWORD, TestApp, TestResult, both_databases};

use super::{citizen_form, file, set_threshold};

both_databases!(my_petitions_and_signatures_are_exported_and_deleted_as_promised);

async fn publish(app: &TestApp, id: PetitionId) {
    let souss = app.region_id("souss-massa").await;
    let moderator = app
        .staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
        .await;
    petitions::moderate_petition(&app.ctx(), &moderator, id, ModerationDecision::Publish)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}

async fn total(app: &TestApp, id: PetitionId) -> i64 {
    counts::by_province(&app.db, id)
        .await
        .unwrap_or_default()
        .iter()
        .map(|(_, n)| n)
        .sum()
}

async fn my_petitions_and_signatures_are_exported_and_deleted_as_promised(
    app: TestApp,
) -> TestResult {
    set_threshold(&app, "souss-massa", 1, 0).await;
    let ctx = app.ctx();
    let youssef = app.user("youssef@example.ma").await;
    let amina = app.user("amina@example.ma").await;
    // Youssef files one petition, still collecting; Amina files two that he signs.
    let his = file(&app, youssef, "souss-massa", &citizen_form()).await;
    publish(&app, his).await;
    let collecting = file(&app, amina, "souss-massa", &citizen_form()).await;
    let deposited = file(&app, amina, "souss-massa", &citizen_form()).await;
    for id in [collecting, deposited] {
        publish(&app, id).await;
    }
    let form = SignatureForm {
        full_name: "Youssef Amrani".into(),
        cin: "AB123456".into(),
        province: "agadir-ida-outanane".into(),
        basis: "residence".into(),
        electoral_roll: true,
        consent: true,
        ..SignatureForm::default()
    };
    save_signer_profile(
        &ctx,
        youssef,
        parse_profile(&form).unwrap_or_else(|e| panic!("{e:?}")),
    )
    .await?;
    for id in [collecting, deposited] {
        sign_with_profile(&ctx, youssef, id, true, &Default::default()).await?;
    }
    deposit_petition(&ctx, amina, deposited).await?;

    let data = export_my_data(&ctx, youssef).await?;
    assert_eq!(data["petitions_filed"][0]["id"], his.0);
    assert_eq!(data["petitions_filed"][0]["status"], "collecting");
    assert_eq!(data["signatures"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        data["signatures"][0]["cin"], "AB123456",
        "my own CIN, in my own export"
    );
    assert_eq!(data["signer_profile"]["province"], "agadir-ida-outanane");

    delete_account(&ctx, youssef, PASSWORD.into()).await?;
    assert_eq!(
        total(&app, collecting).await,
        0,
        "withdrawn from a collecting petition"
    );
    assert_eq!(
        total(&app, deposited).await,
        1,
        "kept in the council's file"
    );
    let kept = signature::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].petition_id, deposited.0);
    assert_eq!(kept[0].user_id, None, "no longer linked to an account");
    let his_petition = petition::Entity::find_by_id(his.0)
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("kept"));
    assert_eq!(his_petition.status, PetitionStatus::Withdrawn.as_str());
    assert_eq!(his_petition.representative_id, None);
    assert_eq!(his_petition.representative_name, "youssef@example.ma");
    Ok(())
}

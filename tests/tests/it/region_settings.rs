//! A platform admin changes a region's petition settings: checked, audit-logged, applied to
//! petitions published afterwards only; nobody else can.

use domain::entities::audit_entry;
use domain::roles::Role;
use sea_orm::EntityTrait;
use tests::{Client, TestApp, TestResult, both_databases};

both_databases!(admins_change_a_regions_petition_settings);

const PAGE: &str = "/fr/admin/regions/souss-massa";

fn settings<'a>(threshold: &'a str, sessions: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("lang", "fr"),
        ("slug", "souss-massa"),
        ("settings[population_year]", "2024"),
        ("settings[signature_threshold]", threshold),
        ("settings[per_province_minimum]", ""),
        ("settings[collection_days]", "60"),
        ("settings[bureau_decision_months]", "2"),
        ("settings[session_months]", sessions),
    ]
}

async fn admins_change_a_regions_petition_settings(app: TestApp) -> TestResult {
    let souss = app.region_id("souss-massa").await;
    app.admin().await;
    app.staff(
        "officer@example.ma",
        Some(Role::CouncilOfficer { region_id: souss }),
    )
    .await;

    let mut officer = Client::signed_in(&app, "officer@example.ma", "fr").await;
    assert!(
        !officer
            .get(PAGE)
            .await
            .text()
            .contains("settings[signature_threshold]")
    );
    officer
        .post_form("/fn/save_region_settings", &settings("600", "3,10"))
        .await;
    let region = app.get("/fr/r/souss-massa").await.text();
    assert!(region.contains("500"), "an officer changes nothing");

    let mut admin = Client::signed_in(&app, "admin@example.ma", "fr").await;
    let form = admin.get(PAGE).await.text();
    assert!(form.contains("En vigueur : 500 signatures, dont au moins 25"));
    admin
        .post_form("/fn/save_region_settings", &settings("abc", "3,13"))
        .await;
    let shown = admin.get(PAGE).await.text();
    assert!(shown.contains("Cette valeur n"));
    assert!(shown.contains("value=\"abc\""), "what was typed comes back");
    assert!(
        app.get("/fr/r/souss-massa").await.text().contains("500"),
        "nothing changed"
    );

    admin
        .post_form("/fn/save_region_settings", &settings("600", "3,10"))
        .await;
    let shown = admin.get(PAGE).await.text();
    assert!(shown.contains("Les règles sont enregistrées."));
    assert!(shown.contains("En vigueur : 600 signatures, dont au moins 30"));
    let region = app.get("/fr/r/souss-massa").await.text();
    assert!(region.contains("600") && region.contains("60"), "{region}");
    let log = audit_entry::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default();
    let changed: Vec<_> = log
        .iter()
        .filter(|e| e.action == "region_settings_changed")
        .collect();
    assert_eq!(changed.len(), 1, "one change, by the admin");
    assert!(changed[0].detail.contains("\"signature_threshold\":600"));
    assert_eq!(changed[0].region_id, Some(souss));
    Ok(())
}

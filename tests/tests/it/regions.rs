//! The seed: 12 regions, 75 prefectures/provinces, legal thresholds, idempotent, edits kept.

use domain::entities::{province, region, region_setting};
use domain::regions::{PetitionThreshold, get_region};
use domain::types::RegionSlug;
use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, Set};
use tests::{TestApp, TestResult, both_databases};

both_databases!(
    seed_creates_the_12_regions_and_75_provinces,
    thresholds_follow_the_2024_population,
    seed_is_idempotent_and_keeps_admin_edits,
    every_name_exists_in_the_four_languages,
);

async fn seed_creates_the_12_regions_and_75_provinces(app: TestApp) -> TestResult {
    assert_eq!(region::Entity::find().count(&app.db).await.ok(), Some(12));
    assert_eq!(province::Entity::find().count(&app.db).await.ok(), Some(75));
    assert_eq!(
        region_setting::Entity::find().count(&app.db).await.ok(),
        Some(12)
    );
    Ok(())
}

async fn thresholds_follow_the_2024_population(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    for (slug, signatures, per_province) in [
        ("dakhla-oued-ed-dahab", 300, 15),
        ("oriental", 400, 20),
        ("casablanca-settat", 500, 25),
        ("souss-massa", 500, 25),
    ] {
        let slug = RegionSlug::parse(slug)?;
        let region = get_region(&ctx, &slug)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", slug.as_str()));
        assert_eq!(
            region.threshold,
            PetitionThreshold {
                signatures,
                per_province
            },
            "{}",
            slug.as_str()
        );
        assert_eq!(region.population_year, 2024);
        assert_eq!(region.reference_population, region.population_2024);
        assert_eq!(region.collection_days, 90);
        assert_eq!(region.bureau_decision_months, 2);
        assert_eq!(region.session_months, vec![3, 7, 10]);
    }
    Ok(())
}

async fn seed_is_idempotent_and_keeps_admin_edits(app: TestApp) -> TestResult {
    let souss = region::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default()
        .into_iter()
        .find(|r| r.slug == "souss-massa")
        .unwrap_or_else(|| panic!("souss-massa is missing"));
    let settings = region_setting::Entity::find_by_id(souss.id)
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("souss-massa has no settings"));
    let mut edit: region_setting::ActiveModel = settings.into();
    edit.signature_threshold = Set(Some(600));
    edit.update(&app.db)
        .await
        .unwrap_or_else(|e| panic!("cannot edit settings: {e}"));

    let report = migration::seed::seed_regions(&app.db)
        .await
        .unwrap_or_else(|e| panic!("second seed failed: {e}"));
    assert_eq!((report.regions, report.provinces), (12, 75));
    assert_eq!(region::Entity::find().count(&app.db).await.ok(), Some(12));
    assert_eq!(province::Entity::find().count(&app.db).await.ok(), Some(75));

    let slug = RegionSlug::parse("souss-massa")?;
    let region = get_region(&app.ctx(), &slug).await?;
    assert_eq!(
        region.threshold,
        PetitionThreshold {
            signatures: 600,
            per_province: 30
        },
        "an administrator's threshold survives a restart"
    );
    Ok(())
}

async fn every_name_exists_in_the_four_languages(app: TestApp) -> TestResult {
    for r in region::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default()
    {
        for name in [
            &r.name_ar,
            &r.name_zgh,
            &r.name_fr,
            &r.name_en,
            &r.seat_ar,
            &r.seat_zgh,
            &r.seat_fr,
            &r.seat_en,
        ] {
            assert!(!name.trim().is_empty(), "region {} lacks a name", r.slug);
        }
        assert!(
            r.name_zgh.chars().all(|c| !c.is_ascii_alphabetic()),
            "{} zgh name is not in Tifinagh",
            r.slug
        );
    }
    for p in province::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default()
    {
        for name in [&p.name_ar, &p.name_zgh, &p.name_fr, &p.name_en] {
            assert!(!name.trim().is_empty(), "province {} lacks a name", p.code);
        }
        assert!(p.kind == "prefecture" || p.kind == "province", "{}", p.code);
    }
    Ok(())
}

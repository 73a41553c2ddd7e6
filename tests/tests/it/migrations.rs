//! Migrations go down and up again on both databases, and the daily signature counters keep
//! the counts through the rebuild of their table.

use domain::petitions;
use domain::petitions::counts;
use migration::{Migrator, MigratorTrait};
use tests::{TestApp, TestResult, both_databases};

use crate::petitions::published;

both_databases!(migrations_go_down_and_up_again_keeping_counts);

async fn migrations_go_down_and_up_again_keeping_counts(app: TestApp) -> TestResult {
    let id = published(&app, "souss-massa").await;
    let signer = petitions::profiles::parse_profile(&petitions::signing::SignatureForm {
        full_name: "Youssef Amrani".into(),
        cin: "AB123456".into(),
        province: "agadir-ida-outanane".into(),
        basis: "residence".into(),
        electoral_roll: true,
        consent: true,
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e:?}"));
    let youssef = app.user("youssef@example.ma").await;
    petitions::profiles::save_signer_profile(&app.ctx(), youssef, signer).await?;
    petitions::profiles::sign_with_profile(&app.ctx(), youssef, id, false, &Default::default())
        .await?;
    let before = counts::by_day(&app.db, id).await.unwrap_or_default();
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].1, 1);

    // Every migration since the daily counters down (the counters folded), then up again
    // (rebuilt).
    Migrator::down(&app.db, Some(13))
        .await
        .unwrap_or_else(|e| panic!("down: {e}"));
    Migrator::up(&app.db, None)
        .await
        .unwrap_or_else(|e| panic!("up: {e}"));
    assert_eq!(
        counts::by_day(&app.db, id).await.unwrap_or_default(),
        before
    );
    assert_eq!(
        counts::by_province(&app.db, id)
            .await
            .unwrap_or_default()
            .len(),
        1
    );
    Ok(())
}

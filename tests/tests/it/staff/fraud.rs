//! The fraud review: a flood of 1,000 signatures from one network within minutes, among 1,000
//! ordinary ones over ten days, shows as the top network and as spikes; a moderator of the region
//! invalidates it with a reason: the counts follow, the signatory list leaves the flood out, the
//! public page says how many were removed, when and why, and the step is undone. Only the
//! region's moderators and platform admins review; nothing is invalidated after the deposit.

use chrono::Duration;
use domain::DomainError;
use domain::entities::{signature, signature_count};
use domain::petitions::fraud::{Selection, fraud_review, invalidate_signatures, undo_invalidation};
use domain::petitions::signatories::{ExportFormat, export_signatories};
use domain::petitions::views::petition_progress;
use domain::roles::{Actor, Role};
use domain::types::{Cin, PetitionId};
use http::StatusCode;
use sea_orm::{EntityTrait, Set};
use tests::{Client, TestApp, TestResult, both_databases};

use super::souss_staff;
use crate::petitions::{force_status, published};

both_databases!(
    a_flood_from_one_network_is_found_invalidated_and_restored,
    only_the_regions_moderators_and_admins_review_signatures,
);

const FLOOD: usize = 1_000;
const NORMAL: usize = 1_000;

/// 1,000 ordinary signatures over ten days from many networks, then 1,000 from one network in
/// ten minutes; the counters as signing keeps them.
async fn signatures(app: &TestApp, id: PetitionId) -> String {
    let ctx = app.ctx();
    let province = app.provinces("souss-massa").await[0].id;
    let start = app.clock_now();
    let flood_network = ctx.keys.origin_hash("network", "198.51.100.0/24");
    let mut rows = Vec::with_capacity(FLOOD + NORMAL);
    let mut per_day: std::collections::BTreeMap<chrono::NaiveDate, i32> = Default::default();
    for n in 0..FLOOD + NORMAL {
        let flood = n >= NORMAL;
        let at = if flood {
            start
                + Duration::days(10)
                + Duration::seconds(i64::try_from(n - NORMAL).unwrap_or(0) * 6 / 10)
        } else {
            start + Duration::minutes(i64::try_from(n).unwrap_or(0) * 14)
        };
        *per_day.entry(at.date_naive()).or_default() += 1;
        let cin = Cin::parse(&format!("FR{n:06}")).unwrap_or_else(|e| panic!("{e}"));
        rows.push(signature::ActiveModel {
            petition_id: Set(id.0),
            cin_hash: Set(ctx.keys.cin_hash(&cin)),
            cin_sealed: Set(ctx.keys.seal(cin.expose()).unwrap_or_default()),
            full_name: Set(format!("Signataire {n}")),
            province_id: Set(province),
            basis: Set("residence".into()),
            email: Set(format!("s{n}@example.ma")),
            lang: Set("fr".into()),
            notify: Set(false),
            created_at: Set(at),
            ip_prefix_hash: Set(Some(if flood {
                flood_network.clone()
            } else {
                ctx.keys
                    .origin_hash("network", &format!("203.0.{}.0/24", n % 200))
            })),
            email_domain: Set(Some(
                match (flood, n % 2) {
                    (true, _) => "mailinator.test",
                    (false, 0) => "example.ma",
                    (false, _) => "menara.ma",
                }
                .into(),
            )),
            user_agent_hash: Set(Some(ctx.keys.origin_hash("user_agent", "Mozilla/5.0"))),
            ..Default::default()
        });
    }
    for chunk in rows.chunks(200) {
        signature::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&app.db)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    for (day, count) in per_day {
        signature_count::Entity::insert(signature_count::ActiveModel {
            petition_id: Set(id.0),
            province_id: Set(province),
            day: Set(day),
            shard: Set(0),
            count: Set(count),
        })
        .exec_without_returning(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    }
    app.clock.advance(Duration::days(11));
    flood_network
}

async fn total(app: &TestApp, id: PetitionId) -> i64 {
    petition_progress(&app.ctx(), None, id)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .total
}

async fn a_flood_from_one_network_is_found_invalidated_and_restored(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    let (moderator, officer) = souss_staff(&app).await;
    let id = published(&app, "souss-massa").await;
    let flood = signatures(&app, id).await;
    assert_eq!(total(&app, id).await, 2_000);

    let review = fraud_review(&ctx, &moderator, id, None).await?;
    assert_eq!(review.online, 2_000);
    assert_eq!(review.networks[0].key, flood);
    assert_eq!(review.networks[0].count, 1_000);
    assert_eq!(review.domains[0].key, "mailinator.test");
    // Ordinary signing is one a minute at most; the flood's minutes are spikes.
    assert_eq!(review.median_per_minute, 1);
    assert_eq!(review.spike_threshold, 10);
    assert_eq!(review.spikes, 10);
    assert!(
        review
            .minutes
            .iter()
            .filter(|m| m.spike)
            .all(|m| m.count == 100)
    );

    let selection = Selection::parse(&flood, "", "", "", "")?;
    let counted = fraud_review(&ctx, &moderator, id, Some(&selection)).await?;
    assert_eq!(counted.selected, Some(1_000));
    assert!(matches!(
        invalidate_signatures(&ctx, &moderator, id, &selection, " ").await,
        Err(DomainError::Validation {
            code: "invalidation_reason_missing",
            ..
        })
    ));
    let reason = "Signatures automatisées depuis un même réseau";
    assert_eq!(
        invalidate_signatures(&ctx, &moderator, id, &selection, reason).await?,
        1_000
    );
    assert!(matches!(
        invalidate_signatures(&ctx, &moderator, id, &selection, reason).await,
        Err(DomainError::Conflict("nothing_selected"))
    ));
    // Marked, not deleted; out of the counts.
    assert_eq!(total(&app, id).await, 1_000);
    let review = fraud_review(&ctx, &moderator, id, None).await?;
    assert_eq!((review.online, review.invalid), (1_000, 1_000));
    assert_eq!(review.spikes, 0);
    let page = app
        .get(&format!("/fr/r/souss-massa/petitions/{}", id.0))
        .await
        .text();
    // The clock stands on 10 December 2026 here: the day in words.
    assert_eq!(app.clock_now().date_naive().to_string(), "2026-12-10");
    assert!(
        page.contains("1000 signatures retirées le 10 décembre 2026 :"),
        "notice, its day in words"
    );
    assert!(page.contains(reason));

    // The council's list leaves the invalid signatures out (after the deposit).
    force_status(&app, id, domain::petitions::PetitionStatus::Deposited).await;
    let listed = export_signatories(&ctx, &officer, id, ExportFormat::Csv)
        .await?
        .all()
        .await?;
    assert_eq!(listed.len(), 1_000);
    assert!(
        listed
            .iter()
            .all(|s| s.full_name != format!("Signataire {NORMAL}"))
    );
    let invalidation = review.invalidations[0].id;
    assert!(matches!(
        undo_invalidation(&ctx, &moderator, id, invalidation).await,
        Err(DomainError::Conflict("not_collecting"))
    ));
    force_status(&app, id, domain::petitions::PetitionStatus::Collecting).await;

    // Undone: everything counts again, and the page no longer says it.
    undo_invalidation(&ctx, &moderator, id, invalidation).await?;
    assert!(matches!(
        undo_invalidation(&ctx, &moderator, id, invalidation).await,
        Err(DomainError::Conflict("already_undone"))
    ));
    assert_eq!(total(&app, id).await, 2_000);
    let page = app
        .get(&format!("/fr/r/souss-massa/petitions/{}", id.0))
        .await
        .text();
    assert!(!page.contains(reason));
    Ok(())
}

async fn only_the_regions_moderators_and_admins_review_signatures(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    let (_, officer) = souss_staff(&app).await;
    let id = published(&app, "souss-massa").await;
    let flood = signatures(&app, id).await;
    let oriental = app.region_id("oriental").await;
    let elsewhere = app
        .staff(
            "mod-o@example.ma",
            Some(Role::Moderator {
                region_id: oriental,
            }),
        )
        .await;
    let citizen = app.actor(app.user("karim@example.ma").await).await;
    let selection = Selection::parse(&flood, "", "", "", "")?;
    let others: [&Actor; 3] = [&officer, &elsewhere, &citizen];
    for actor in others {
        assert!(matches!(
            fraud_review(&ctx, actor, id, None).await,
            Err(DomainError::Forbidden)
        ));
        assert!(matches!(
            invalidate_signatures(&ctx, actor, id, &selection, "x").await,
            Err(DomainError::Forbidden)
        ));
    }
    let admin = app.admin().await;
    assert_eq!(fraud_review(&ctx, &admin, id, None).await?.online, 2_000);

    // The page, through the forms: the moderator sees it and invalidates; others get a 404.
    let path = format!("/fr/r/souss-massa/petitions/{}/review", id.0);
    assert_eq!(app.get(&path).await.status, StatusCode::NOT_FOUND);
    let mut officer_client = Client::signed_in(&app, "officer@example.ma", "fr").await;
    assert_eq!(
        officer_client.get(&path).await.status,
        StatusCode::NOT_FOUND
    );
    let mut client = Client::signed_in(&app, "mod@example.ma", "fr").await;
    let page = client.get(&format!("{path}?network={flood}")).await.text();
    assert!(
        page.contains("Signatures valables sélectionnées : 1000"),
        "selection"
    );
    assert!(page.contains("Pic anormal"));
    let bad = client.get(&format!("{path}?network=%3Dcmd")).await.text();
    assert!(
        bad.contains("Cette sélection n&#x27;est pas valable.")
            || bad.contains("Cette sélection n'est pas valable.")
    );
    let id_text = id.0.to_string();
    let form = [
        ("lang", "fr"),
        ("region", "souss-massa"),
        ("id", id_text.as_str()),
        ("fields[network]", flood.as_str()),
        ("fields[domain]", ""),
        ("fields[agent]", ""),
        ("fields[from]", ""),
        ("fields[to]", ""),
        ("reason", "Inondation"),
    ];
    officer_client
        .post_form("/fn/invalidate_signatures", &form)
        .await;
    assert_eq!(total(&app, id).await, 2_000, "the officer changed nothing");
    let answer = client.post_form("/fn/invalidate_signatures", &form).await;
    assert_eq!(answer.header("location"), format!("{path}#invalidations"));
    assert_eq!(total(&app, id).await, 1_000);
    let page = client.get(&path).await.text();
    assert!(page.contains("Les signatures sont invalidées"));
    Ok(())
}

//! Browser journeys of petitions: a whole life in Arabic, paper sheets and fraud review.

use tests::TestApp;

use super::{deliver, scenario, serve};

/// A petition's whole life in Arabic without JavaScript, each step by the person who takes it in
/// their own browser: the citizen files it (a mistake first), a moderator finds it on the staff
/// dashboard and publishes it from the moderation page, a visitor signs it (a malformed CIN
/// first) and confirms with the emailed link, the citizen deposits it, the council officer finds
/// it on the dashboard in French (and chooses a daily summary of the alerts), then finds it
/// admissible (the next session proposed) and records the answer with its document. The petition
/// page also hydrates without script errors, and every page passes axe.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_petitions_whole_life_in_arabic_without_javascript() {
    use domain::entities::petition;
    use domain::petitions::{PetitionStatus, progress};
    use domain::roles::Role;
    use sea_orm::EntityTrait;

    let app = TestApp::sqlite().await;
    app.user("amina@example.ma").await;
    let souss = app.region_id("souss-massa").await;
    app.staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
        .await;
    app.staff(
        "officer@example.ma",
        Some(Role::CouncilOfficer { region_id: souss }),
    )
    .await;
    // One signature meets the rule here, so that one signer can take the journey to the end.
    crate::petitions::set_threshold(&app, "souss-massa", 1, 0).await;
    let (addr, server) = serve(&app).await;

    let filed = scenario(addr, &["journey-file"]).await;
    let path = filed
        .lines()
        .find_map(|line| line.strip_prefix("PETITION "))
        .unwrap_or_else(|| panic!("no petition filed: {filed}"))
        .to_owned();
    scenario(addr, &["journey-moderate", &path]).await;
    let news = deliver(&app).await;
    assert!(
        news.iter().any(|e| e.to == "amina@example.ma"),
        "the representative hears of it"
    );

    scenario(addr, &["petition-sign", &path]).await;
    let sent = deliver(&app).await;
    assert_eq!(sent.len(), 1, "one confirmation email");
    let link = sent[0]
        .text
        .split(tests::PUBLIC_URL)
        .find(|part| part.contains("/confirm?token="))
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no confirmation link in {}", sent[0].text))
        .to_owned();
    scenario(addr, &["petition-confirm", &link]).await;

    progress::refresh_progress(&app.ctx())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    scenario(addr, &["journey-deposit", &path]).await;
    scenario(addr, &["journey-staff", &path]).await;
    scenario(addr, &["journey-council", &path]).await;
    server.abort();

    let stored = petition::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].status, PetitionStatus::Answered.as_str());
    domain::mailings::send_due_mailings(&app.ctx(), 100)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let news = deliver(&app).await;
    assert!(
        news.iter()
            .any(|e| e.to == "amina@example.ma" && e.text.contains("المخطط الجهوي للنقل")),
        "the representative receives the answer: {news:?}"
    );
}

/// The council's workspace without JavaScript, in French and Arabic: a council officer enters a
/// paper sheet from the petition's page (previewed, then recorded) in each language; a moderator
/// goes from the dashboard to the moderation page, then reviews the petition's online signatures
/// and invalidates the largest network (Arabic), then undoes it (French). Every page passes axe.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_council_enters_paper_sheets_and_reviews_fraud_without_javascript() {
    use domain::entities::{signature, signature_count};
    use domain::petitions::views::petition_progress;
    use domain::roles::Role;
    use sea_orm::{EntityTrait, Set};

    let app = TestApp::sqlite().await;
    let souss = app.region_id("souss-massa").await;
    app.staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
        .await;
    app.staff(
        "officer@example.ma",
        Some(Role::CouncilOfficer { region_id: souss }),
    )
    .await;
    let id = crate::petitions::published(&app, "souss-massa").await;
    // 30 online signatures, 20 of them from one network.
    let ctx = app.ctx();
    let province = app.provinces("souss-massa").await[0].id;
    for n in 0..30 {
        let cin = domain::types::Cin::parse(&format!("KB{n:06}")).unwrap_or_else(|e| panic!("{e}"));
        let network = if n < 20 {
            "198.51.100.0/24".to_owned()
        } else {
            format!("203.0.{n}.0/24")
        };
        signature::Entity::insert(signature::ActiveModel {
            petition_id: Set(id.0),
            cin_hash: Set(ctx.keys.cin_hash(&cin)),
            cin_sealed: Set(ctx.keys.seal(cin.expose()).unwrap_or_default()),
            full_name: Set(format!("Signataire {n}")),
            province_id: Set(province),
            basis: Set("residence".into()),
            email: Set(format!("s{n}@example.ma")),
            lang: Set("fr".into()),
            notify: Set(false),
            created_at: Set(app.clock_now()),
            ip_prefix_hash: Set(Some(ctx.keys.origin_hash("network", &network))),
            ..Default::default()
        })
        .exec_without_returning(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    }
    signature_count::Entity::insert(signature_count::ActiveModel {
        petition_id: Set(id.0),
        province_id: Set(province),
        day: Set(app.clock_now().date_naive()),
        shard: Set(0),
        count: Set(30),
    })
    .exec_without_returning(&app.db)
    .await
    .unwrap_or_else(|e| panic!("{e}"));

    let (addr, server) = serve(&app).await;
    for lang in ["fr", "ar"] {
        let path = format!("/{lang}/r/souss-massa/petitions/{}", id.0);
        scenario(addr, &["journey-paper", &path]).await;
    }
    let counted = |app: &TestApp| {
        let ctx = app.ctx();
        async move {
            let p = petition_progress(&ctx, None, id)
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            (p.total, p.paper)
        }
    };
    assert_eq!(
        counted(&app).await,
        (32, 2),
        "two paper signatures recorded"
    );
    scenario(
        addr,
        &[
            "journey-fraud",
            &format!("/ar/r/souss-massa/petitions/{}", id.0),
        ],
    )
    .await;
    assert_eq!(
        counted(&app).await,
        (12, 2),
        "the network's 20 signatures invalidated"
    );
    scenario(
        addr,
        &[
            "journey-fraud",
            &format!("/fr/r/souss-massa/petitions/{}", id.0),
        ],
    )
    .await;
    assert_eq!(counted(&app).await, (32, 2), "and counted again");
    server.abort();
}

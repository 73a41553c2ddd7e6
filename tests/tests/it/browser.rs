//! Browser tests in headless Chromium (the system's `chromium`, or `CHROMIUM_PATH`), driven by
//! `tests/browser/run.mjs` (playwright-core + axe-core, installed by `cargo xtask test`) against
//! the real server on a local port: the Arabic home page is right-to-left and hydrates, every page
//! works without JavaScript, and axe-core (WCAG 2.1 AA) finds no violation in any language.

use std::net::SocketAddr;
use std::path::Path;

use domain::mail::{MemoryMailer, outbox};
use tests::TestApp;

/// Serves `app` on a local port until the returned task is aborted.
async fn serve(app: &TestApp) -> (SocketAddr, tokio::task::JoinHandle<std::io::Result<()>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("cannot bind: {e}"));
    let addr = listener
        .local_addr()
        .unwrap_or_else(|e| panic!("no local address: {e}"));
    let router = app.router.clone();
    (
        addr,
        tokio::spawn(async move { axum::serve(listener, router).await }),
    )
}

/// Runs one scenario of `run.mjs` and fails with its report when it fails; gives its report.
async fn scenario(addr: SocketAddr, args: &[&str]) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("browser");
    assert!(
        dir.join("node_modules/playwright-core").is_dir(),
        "browser-test packages are missing: run the tests with `cargo xtask test`"
    );
    let chromium = std::env::var("CHROMIUM_PATH").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "Chromium not found at {chromium}: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH"
    );
    let output = tokio::process::Command::new("node")
        .arg(dir.join("run.mjs"))
        .arg(format!("http://{addr}"))
        .args(args)
        .env("CHROMIUM_PATH", &chromium)
        .output()
        .await
        .unwrap_or_else(|e| panic!("cannot run node (Node.js is needed for browser tests): {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "browser tests failed:\n{stdout}\n{stderr}"
    );
    stdout.into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn regions_journeys_and_accessibility_in_chromium() {
    let app = TestApp::sqlite().await;
    let (addr, server) = serve(&app).await;
    scenario(addr, &["regions"]).await;
    server.abort();
}

/// Register in Arabic without JavaScript, open the verification link from the outbox, sign in,
/// sign out; every page of the journey passes axe.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn account_journey_in_arabic_without_javascript() {
    let app = TestApp::sqlite().await;
    let (addr, server) = serve(&app).await;
    scenario(addr, &["account-register"]).await;

    let mailer = MemoryMailer::default();
    outbox::deliver_due(&app.ctx(), &mailer, 10)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let sent = mailer.sent();
    assert_eq!(sent.len(), 1, "one verification email");
    let path = sent[0]
        .text
        .split(tests::PUBLIC_URL)
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no link in {}", sent[0].text))
        .to_owned();
    assert!(path.starts_with("/ar/account/verify?token="), "{path}");
    // Amina is also the platform admin, so that the journey reaches the admin page.
    domain::roles::bootstrap_admin(&app.ctx(), domain::types::UserId(1))
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    scenario(addr, &["account-sign-in", &path]).await;
    server.abort();
}

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

/// A consultation in French, then in Arabic, without JavaScript: a citizen (one per language)
/// answers the questionnaire (a mistake first) and makes a proposal, another supports it, a
/// council officer opens the management, live results and new-consultation pages; every page
/// passes axe.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consultation_in_french_and_arabic_without_javascript() {
    use domain::roles::Role;

    let app = TestApp::sqlite().await;
    for citizen in ["amina", "karima", "omar"] {
        app.user(&format!("{citizen}@example.ma")).await;
    }
    let id = crate::consultations::open_consultation(&app).await;
    let souss = app.region_id("souss-massa").await;
    app.staff(
        "officer@example.ma",
        Some(Role::CouncilOfficer { region_id: souss }),
    )
    .await;
    crate::consultations::to_first_day(&app);
    let (addr, server) = serve(&app).await;
    for lang in ["fr", "ar"] {
        let path = format!("/{lang}/r/souss-massa/consultations/{}", id.0);
        scenario(addr, &["journey-consultation", &path]).await;
    }
    server.abort();
    let results = domain::consultations::outcome::get_results(
        &app.ctx(),
        Some(&app.staff("officer@example.ma", None).await),
        id,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(results.responses, 2, "one response per account");
}

/// The review of free-text answers before results, without JavaScript, in French and in Arabic
/// (a closed consultation each, with a text carrying a phone number and an ordinary one): the
/// officer is stopped until the texts are reviewed, hides one, keeps the other, publishes; every
/// page passes axe.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn free_text_answers_are_reviewed_before_results_are_published() {
    use crate::consultations::integrity::{answer_text, consultation_with_text};

    let app = TestApp::sqlite().await;
    let mut paths = Vec::new();
    for lang in ["fr", "ar"] {
        let id = consultation_with_text(&app).await;
        paths.push(format!("/{lang}/r/souss-massa/consultations/{}", id.0));
    }
    crate::consultations::to_first_day(&app);
    for (n, path) in paths.iter().enumerate() {
        let id = domain::types::ConsultationId(
            path.rsplit('/')
                .next()
                .and_then(|i| i.parse().ok())
                .unwrap_or(0),
        );
        for (who, text) in [
            ("amina", "Appelez-moi au 0612345678 pour en parler"),
            ("karim", "Plus de bus vers Taroudant, حافلات كل ساعة"),
            ("omar", ""),
            ("sara", ""),
            ("yassine", ""),
        ] {
            answer_text(&app, id, &format!("{who}{n}@example.ma"), text)
                .await
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }
    app.clock.advance(chrono::Duration::days(31));
    let (addr, server) = serve(&app).await;
    for path in &paths {
        scenario(addr, &["journey-review", path]).await;
    }
    server.abort();
}

/// Sends the emails due and gives them.
async fn deliver(app: &TestApp) -> Vec<domain::mail::OutgoingEmail> {
    let mailer = MemoryMailer::default();
    outbox::deliver_due(&app.ctx(), &mailer, 100)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    mailer.sent()
}

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

/// The guides library without JavaScript, in French and Arabic: a council officer of each of two
/// regions opens the library, adopts the national "how to petition" guide, adapts the copy's
/// title and publishes it; a visitor reads the copy in the region's list with the region's name.
/// The library, a guide in Tifinagh and English, and the history pass axe too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn councils_adopt_and_publish_guides_without_javascript() {
    use domain::guides::views::starter_guide;
    use domain::roles::Role;

    let app = TestApp::sqlite().await;
    for (email, slug) in [
        ("officer@example.ma", "souss-massa"),
        ("officer-oriental@example.ma", "oriental"),
    ] {
        let region_id = app.region_id(slug).await;
        app.staff(email, Some(Role::CouncilOfficer { region_id }))
            .await;
    }
    let how = starter_guide(&app.ctx(), "how_to_petition", None)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("shipped"));
    let (addr, server) = serve(&app).await;
    for lang in ["fr", "ar"] {
        scenario(
            addr,
            &["journey-guides", &format!("/{lang}/guides/{}", how.0)],
        )
        .await;
    }
    for (slug, id) in [("souss-massa", how), ("oriental", how)] {
        let region = app.region_id(slug).await;
        let read = starter_guide(&app.ctx(), "how_to_petition", Some(region))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            read.is_some_and(|copy| copy != id),
            "{slug} reads its own copy"
        );
    }
    let guide = format!("/zgh/guides/{}", how.0);
    let english = format!("/en/r/souss-massa/guides/{}", how.0);
    let history = format!("/fr/guides/{}/history", how.0);
    scenario(
        addr,
        &[
            "audit-signed-in",
            "officer@example.ma",
            "/zgh/guides",
            &guide,
            &english,
            &history,
            "/ar/r/souss-massa/guides/new",
        ],
    )
    .await;
    server.abort();
}

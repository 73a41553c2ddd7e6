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

/// Runs one scenario of `run.mjs` and fails with its report when it fails.
async fn scenario(addr: SocketAddr, args: &[&str]) {
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
    domain::roles::bootstrap_admin(&app.ctx(), domain::accounts::UserId(1))
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    scenario(addr, &["account-sign-in", &path]).await;
    server.abort();
}

/// In Arabic: the petition page hydrates cleanly; without JavaScript, the list and the page pass
/// axe, the signature form explains a mistake and keeps what was typed, and the emailed link's
/// page confirms the signature.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_a_petition_in_arabic_without_javascript() {
    use domain::petitions::{
        self, AttachmentPurpose, ModerationDecision, NewAttachment, NewPetition, PetitionForm,
    };
    use domain::roles::Role;

    let app = TestApp::sqlite().await;
    let amina = app.user("amina@example.ma").await;
    let form = PetitionForm {
        kind: "citizen".into(),
        lang: "ar".into(),
        title: "خط حافلات بين أكادير وتارودانت".into(),
        request: "نطلب من المجلس إدراج إحداث خط حافلات جهوي في جدول أعماله.".into(),
        reasons: "يتنقل مئات الطلبة والعمال يوميا بين المدينتين دون نقل عمومي منتظم.".into(),
        competence: "regional_transport".into(),
        conditions_accepted: true,
        ..PetitionForm::default()
    };
    let petition =
        NewPetition::parse(&form, app.clock_now().date_naive()).unwrap_or_else(|e| panic!("{e:?}"));
    let pdf = NewAttachment::parse(
        AttachmentPurpose::Attachment,
        "خريطة.pdf",
        b"%PDF-1.4\n%%EOF\n".to_vec(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let region = domain::types::RegionSlug::parse("souss-massa").unwrap_or_else(|e| panic!("{e}"));
    let id = petitions::file_petition(&app.ctx(), amina, &region, petition, vec![pdf])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let souss = app.region_id("souss-massa").await;
    let moderator = app
        .staff("mod@example.ma", Some(Role::Moderator { region_id: souss }))
        .await;
    petitions::moderate_petition(&app.ctx(), &moderator, id, ModerationDecision::Publish)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    outbox::deliver_due(&app.ctx(), &MemoryMailer::default(), 10)
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    let (addr, server) = serve(&app).await;
    let page = format!("/ar/r/souss-massa/petitions/{}", id.0);
    scenario(addr, &["petition-sign", &page]).await;
    let mailer = MemoryMailer::default();
    outbox::deliver_due(&app.ctx(), &mailer, 10)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let sent = mailer.sent();
    assert_eq!(sent.len(), 1, "one confirmation email");
    let link = sent[0]
        .text
        .split(tests::PUBLIC_URL)
        .find(|part| part.contains("/confirm?token="))
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no confirmation link in {}", sent[0].text))
        .to_owned();
    scenario(addr, &["petition-confirm", &link]).await;
    server.abort();
}

/// The staff's pages pass axe too: the moderation form, the region's queue, the council's form
/// and the printable signatory list, in French and Arabic.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_pages_pass_the_accessibility_audit() {
    use domain::petitions::{
        self, AttachmentPurpose, ModerationDecision, NewAttachment, NewPetition, PetitionForm,
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
        association_name: "Association Tifawin".into(),
        association_registered_on: "2019-03-12".into(),
        association_seat: "Taroudant".into(),
        conditions_accepted: true,
    };
    let region = domain::types::RegionSlug::parse("souss-massa").unwrap_or_else(|e| panic!("{e}"));
    let mut ids = Vec::new();
    for _ in 0..2 {
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
    app.staff(
        "officer@example.ma",
        Some(Role::CouncilOfficer { region_id: souss }),
    )
    .await;

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
        ],
    )
    .await;
    let deposited = format!("/fr/r/souss-massa/petitions/{}", ids[1].0);
    let deposited_ar = format!("/ar/r/souss-massa/petitions/{}", ids[1].0);
    scenario(
        addr,
        &[
            "audit-signed-in",
            "officer@example.ma",
            &deposited,
            &deposited_ar,
        ],
    )
    .await;
    server.abort();
}

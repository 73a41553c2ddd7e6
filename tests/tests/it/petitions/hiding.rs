//! Reporting a published petition, and hiding it: any signed-in account reports it once; its
//! region's moderators are alerted, hide it (on the report or from its page) and restore it.
//! Hidden, it leaves every public path (page, API, lists, search, similar petitions, files,
//! progress, signing, deposit) but its representative and the region's staff still read it;
//! both steps are in the public moderation log.

use domain::DomainError;
use domain::petitions::hiding::{hide_petition, list_hidden_petitions, restore_petition};
use domain::petitions::lists::similar_petitions;
use domain::petitions::reports::{decide_petition_report, list_petition_reports, report_petition};
use domain::petitions::signing::{self, NewSignature, SignatureForm};
use domain::petitions::views::petition_progress;
use domain::petitions::{self, ModerationDecision, PetitionForm};
use domain::roles::Role;
use domain::staff::alerts::raise_due_alerts;
use domain::staff::{DashboardPages, staff_dashboard};
use domain::types::{Lang, PetitionId, RegionSlug};
use http::StatusCode;
use tests::{Client, TestApp, TestResult, both_databases};

use super::{citizen_form, file};
use crate::accounts::deliver;
use crate::staff::souss_staff;

both_databases!(
    a_reported_petition_is_hidden_from_every_public_path_then_restored,
    reports_are_once_per_person_and_of_public_petitions_only,
    moderators_hide_and_restore_from_the_petition_page,
);

async fn post(client: &mut Client<'_>, fields: Vec<(&'static str, String)>) -> tests::TestResponse {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    client.post_form("/fn/hide_petition", &fields).await
}

const TITLE: &str = "Navette Agadir Taroudant";
const REQUEST: &str = "Nous demandons une navette quotidienne entre Agadir et Taroudant.";

/// A petition of amina@example.ma in Souss-Massa with a distinctive French title, published by
/// mod@example.ma; its first file's id.
async fn public_petition(app: &TestApp) -> (PetitionId, i32) {
    let (moderator, _) = souss_staff(app).await;
    let amina = app.user("amina@example.ma").await;
    let form = PetitionForm {
        title: TITLE.into(),
        request: REQUEST.into(),
        lang: "fr".into(),
        ..citizen_form()
    };
    let id = file(app, amina, "souss-massa", &form).await;
    petitions::moderate_petition(&app.ctx(), &moderator, id, ModerationDecision::Publish)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    deliver(app).await;
    let view = petitions::get_petition(&app.ctx(), Some(&app.actor(amina).await), id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    (id, view.attachments[0].id)
}

fn signature() -> NewSignature {
    NewSignature::parse(&SignatureForm {
        full_name: "Youssef Amrani".into(),
        cin: "JB123456".into(),
        province: "agadir-ida-outanane".into(),
        basis: "residence".into(),
        electoral_roll: true,
        consent: true,
        email: "youssef@example.ma".into(),
        notify: false,
        lang: "fr".into(),
    })
    .unwrap_or_else(|e| panic!("{e:?}"))
}

/// What the public gets of petition `id` on each path.
struct Public {
    page: String,
    api: serde_json::Value,
    listed: bool,
    found: bool,
    similar: bool,
    file: StatusCode,
    progress: bool,
}

async fn public(app: &TestApp, id: PetitionId, file: i32) -> Public {
    let page = app
        .get(&format!("/fr/r/souss-massa/petitions/{}", id.0))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let api = app.get(&format!("/api/v1/petitions/{}", id.0)).await;
    assert_eq!(api.status, StatusCode::OK);
    let link = format!("/petitions/{}\"", id.0);
    let list = app.get("/fr/r/souss-massa/petitions?stage=all").await;
    let search = app
        .get("/fr/r/souss-massa/petitions?stage=all&words=Navette")
        .await;
    let region = RegionSlug::parse("souss-massa").unwrap_or_else(|e| panic!("{e}"));
    let similar = similar_petitions(&app.ctx(), &region, "navette Taroudant")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    Public {
        page: page.text(),
        api: api.json(),
        listed: list.text().contains(&link),
        found: search.text().contains(&link),
        similar: similar.iter().any(|p| p.id == id),
        file: app
            .get(&format!("/files/petitions/{}/{file}", id.0))
            .await
            .status,
        progress: petition_progress(&app.ctx(), None, id).await.is_ok(),
    }
}

async fn a_reported_petition_is_hidden_from_every_public_path_then_restored(
    app: TestApp,
) -> TestResult {
    let ctx = app.ctx();
    let (id, file) = public_petition(&app).await;
    let (moderator, officer) = souss_staff(&app).await;
    let before = public(&app, id, file).await;
    assert!(before.page.contains(TITLE) && before.page.contains(REQUEST));
    assert!(before.listed && before.found && before.similar && before.progress);
    assert_eq!(before.file, StatusCode::OK);
    assert_eq!(before.api["hidden"], false);

    // Karim reports it from its page.
    app.user("karim@example.ma").await;
    let mut karim = Client::signed_in(&app, "karim@example.ma", "fr").await;
    let page = karim
        .get(&format!("/fr/r/souss-massa/petitions/{}", id.0))
        .await
        .text();
    assert!(page.contains("Signaler cette pétition"));
    let fields = [
        ("lang", "fr"),
        ("region", "souss-massa"),
        ("id", &id.0.to_string()),
        ("reason", "advertising"),
    ];
    let answer = karim.post_form("/fn/report_petition", &fields).await;
    assert_eq!(
        answer.header("location"),
        format!("/fr/r/souss-massa/petitions/{}#report", id.0)
    );
    let page = karim
        .get(&format!("/fr/r/souss-massa/petitions/{}", id.0))
        .await
        .text();
    assert!(
        page.contains("Merci : les modérateurs de la région vont l&#x27;examiner.")
            || page.contains("Merci : les modérateurs de la région vont l'examiner.")
    );

    // The region's moderators are alerted once, and see it on the dashboard and the moderation
    // page; nobody else lists it.
    raise_due_alerts(&ctx).await?;
    let emails = deliver(&app).await;
    let to: Vec<_> = emails
        .iter()
        .map(|e| (e.to.as_str(), e.subject.as_str()))
        .collect();
    assert_eq!(to, [("mod@example.ma", "Une pétition a été signalée")]);
    assert!(emails[0].text.contains(TITLE));
    assert!(
        emails[0]
            .text
            .contains("/fr/r/souss-massa/moderation#petition-reports")
    );
    assert_eq!(raise_due_alerts(&ctx).await?, 0, "once");
    let souss = RegionSlug::parse("souss-massa")?;
    let board = staff_dashboard(
        &ctx,
        &moderator,
        &souss,
        Lang::Fr,
        DashboardPages::default(),
    )
    .await?;
    assert_eq!(board.counts.reported_petitions, Some(1));
    let board =
        staff_dashboard(&ctx, &officer, &souss, Lang::Fr, DashboardPages::default()).await?;
    assert_eq!(board.counts.reported_petitions, None);
    let souss_id = app.region_id("souss-massa").await;
    let oriental = app.region_id("oriental").await;
    let elsewhere = app
        .staff(
            "mod-o@example.ma",
            Some(Role::Moderator {
                region_id: oriental,
            }),
        )
        .await;
    for actor in [&officer, &elsewhere] {
        assert!(matches!(
            list_petition_reports(&ctx, actor, souss_id, 1).await,
            Err(DomainError::Forbidden)
        ));
    }
    let reports = list_petition_reports(&ctx, &moderator, souss_id, 1).await?;
    assert_eq!(reports.total, 1);
    assert_eq!(reports.reports[0].title, TITLE);
    assert_eq!(reports.reports[0].reason, "advertising");
    let mut mod_client = Client::signed_in(&app, "mod@example.ma", "fr").await;
    let moderation = mod_client.get("/fr/r/souss-massa/moderation").await.text();
    assert!(moderation.contains("Pétitions signalées") && moderation.contains(TITLE));

    // Over HTTP too: another region's moderator reads no report there; their decision, and a
    // citizen's, change nothing.
    let report = reports.reports[0].id;
    let mut other = Client::signed_in(&app, "mod-o@example.ma", "fr").await;
    assert!(
        !other
            .get("/fr/r/souss-massa/moderation")
            .await
            .text()
            .contains(TITLE)
    );
    let decision = [
        ("lang", "fr".to_owned()),
        ("region", "souss-massa".to_owned()),
        ("report", report.to_string()),
        ("decision", "hide".to_owned()),
    ];
    let decision: Vec<(&str, &str)> = decision.iter().map(|(k, v)| (*k, v.as_str())).collect();
    for client in [&mut other, &mut karim] {
        client
            .post_form("/fn/decide_petition_report", &decision)
            .await;
    }
    assert_eq!(
        list_petition_reports(&ctx, &moderator, souss_id, 1)
            .await?
            .total,
        1
    );

    // Another region's moderator cannot decide; the region's moderator hides it.
    assert!(matches!(
        decide_petition_report(&ctx, &elsewhere, report, true).await,
        Err(DomainError::Forbidden)
    ));
    decide_petition_report(&ctx, &moderator, report, true).await?;
    assert!(matches!(
        decide_petition_report(&ctx, &moderator, report, false).await,
        Err(DomainError::Conflict("already_decided"))
    ));
    assert_eq!(
        list_petition_reports(&ctx, &moderator, souss_id, 1)
            .await?
            .total,
        0
    );

    let after = public(&app, id, file).await;
    assert!(!after.page.contains(TITLE) && !after.page.contains(REQUEST));
    assert!(after.page.contains("Pétition masquée par les modérateurs"));
    assert!(after.page.contains("Motif : Publicité") || after.page.contains("Publicité"));
    assert!(!after.listed && !after.found && !after.similar && !after.progress);
    assert_eq!(after.file, StatusCode::NOT_FOUND);
    assert_eq!(after.api["hidden"], true);
    assert_eq!(after.api["title"], serde_json::Value::Null);
    // Nobody signs it, nor deposits it.
    assert!(matches!(
        signing::request_signature(&ctx, id, signature(), None, &Default::default()).await,
        Err(DomainError::Conflict("petition_hidden"))
    ));
    let amina = app.user("amina@example.ma").await;
    assert!(matches!(
        petitions::deposit::deposit_petition(&ctx, amina, id).await,
        Err(DomainError::Conflict("petition_hidden"))
    ));
    // Its representative and the region's staff still read it.
    for email in ["amina@example.ma", "officer@example.ma", "mod@example.ma"] {
        let mut client = Client::signed_in(&app, email, "fr").await;
        let page = client
            .get(&format!("/fr/r/souss-massa/petitions/{}", id.0))
            .await
            .text();
        assert!(page.contains(REQUEST), "{email}");
        assert!(page.contains("Masquée par les modérateurs"), "{email}");
    }
    let hidden = list_hidden_petitions(&ctx, &moderator, souss_id).await?;
    assert_eq!(hidden.len(), 1);
    assert_eq!(
        (hidden[0].id, hidden[0].reason.as_str()),
        (id, "advertising")
    );
    assert!(matches!(
        list_hidden_petitions(&ctx, &officer, souss_id).await,
        Err(DomainError::Forbidden)
    ));

    // Restored with a reason by the region's moderators only.
    assert!(matches!(
        restore_petition(&ctx, &elsewhere, id, "appeal_upheld").await,
        Err(DomainError::Forbidden)
    ));
    assert!(matches!(
        restore_petition(&ctx, &moderator, id, "=cmd").await,
        Err(DomainError::Validation {
            code: "restore_reason_missing",
            ..
        })
    ));
    restore_petition(&ctx, &moderator, id, "appeal_upheld").await?;
    assert!(matches!(
        restore_petition(&ctx, &moderator, id, "appeal_upheld").await,
        Err(DomainError::Conflict("not_hidden"))
    ));
    let back = public(&app, id, file).await;
    assert!(back.page.contains(REQUEST) && back.listed && back.found && back.progress);
    signing::request_signature(&ctx, id, signature(), None, &Default::default()).await?;

    // The public log says both, without the title.
    let log = app.get("/fr/r/souss-massa/moderation-log").await.text();
    assert!(log.contains(&format!("/fr/r/souss-massa/petitions/{}", id.0)));
    assert!(log.contains("Publicité") && log.contains("Recours de l"));
    assert!(!log.contains(TITLE));
    Ok(())
}

async fn reports_are_once_per_person_and_of_public_petitions_only(app: TestApp) -> TestResult {
    let ctx = app.ctx();
    let (id, _) = public_petition(&app).await;
    let karim = app.user("karim@example.ma").await;
    let origin = Default::default();
    report_petition(&ctx, karim, &origin, id, "off_topic").await?;
    assert!(matches!(
        report_petition(&ctx, karim, &origin, id, "advertising").await,
        Err(DomainError::Conflict("already_reported"))
    ));
    for reason in ["", "=HYPERLINK(\"x\")", &"a".repeat(100_000)] {
        assert!(matches!(
            report_petition(&ctx, karim, &origin, id, reason).await,
            Err(DomainError::Validation {
                code: "reason_not_chosen",
                ..
            })
        ));
    }
    // A petition in moderation, or none, is not there to report.
    let amina = app.user("amina@example.ma").await;
    let waiting = file(&app, amina, "souss-massa", &citizen_form()).await;
    for target in [waiting, PetitionId(999_999)] {
        assert!(matches!(
            report_petition(&ctx, karim, &origin, target, "off_topic").await,
            Err(DomainError::NotFound)
        ));
    }
    // Nor is a hidden one; and nobody else's reports go anywhere else.
    let (moderator, _) = souss_staff(&app).await;
    hide_petition(&ctx, &moderator, id, "personal_data").await?;
    let leila = app.user("leila@example.ma").await;
    assert!(matches!(
        report_petition(&ctx, leila, &origin, id, "off_topic").await,
        Err(DomainError::NotFound)
    ));
    // Hiding decided the open report with it.
    let souss = app.region_id("souss-massa").await;
    assert_eq!(
        list_petition_reports(&ctx, &moderator, souss, 1)
            .await?
            .total,
        0
    );
    // Anonymous visitors get the sign-in page, not a report.
    let id = id.0.to_string();
    let fields = [
        ("lang", "fr"),
        ("region", "souss-massa"),
        ("id", id.as_str()),
        ("reason", "off_topic"),
    ];
    let answer = Client::new(&app)
        .post_form("/fn/report_petition", &fields)
        .await;
    assert_eq!(answer.header("location"), "/fr/account/sign-in");
    Ok(())
}

async fn moderators_hide_and_restore_from_the_petition_page(app: TestApp) -> TestResult {
    let (id, _) = public_petition(&app).await;
    let path = format!("/fr/r/souss-massa/petitions/{}", id.0);
    let form = |action: &'static str, reason: &'static str| {
        vec![
            ("lang", "fr".to_owned()),
            ("region", "souss-massa".to_owned()),
            ("id", id.0.to_string()),
            ("action", action.to_owned()),
            ("reason", reason.to_owned()),
        ]
    };
    // A citizen and an officer are refused; nothing changes.
    souss_staff(&app).await;
    app.user("karim@example.ma").await;
    for email in ["karim@example.ma", "officer@example.ma"] {
        let mut client = Client::signed_in(&app, email, "fr").await;
        assert!(
            !client
                .get(&path)
                .await
                .text()
                .contains("Masquer la pétition")
        );
        post(&mut client, form("hide", "advertising")).await;
        assert!(app.get(&path).await.text().contains(TITLE), "{email}");
    }
    let mut moderator = Client::signed_in(&app, "mod@example.ma", "fr").await;
    assert!(
        moderator
            .get(&path)
            .await
            .text()
            .contains("Masquer la pétition")
    );
    post(&mut moderator, form("hide", "")).await;
    let page = moderator.get(&path).await.text();
    assert!(
        page.contains("Choisissez un motif."),
        "the reason is required"
    );
    assert!(app.get(&path).await.text().contains(TITLE));
    let answer = post(&mut moderator, form("hide", "offensive_or_defamatory")).await;
    assert_eq!(answer.header("location"), format!("{path}#staff"));
    let page = moderator.get(&path).await.text();
    assert!(page.contains("La pétition est masquée"));
    assert!(page.contains("Rétablir cette pétition"));
    assert!(!app.get(&path).await.text().contains(TITLE));
    let moderation = moderator.get("/fr/r/souss-massa/moderation").await.text();
    assert!(moderation.contains("Pétitions masquées") && moderation.contains(TITLE));
    post(&mut moderator, form("hide", "advertising")).await;
    assert!(
        moderator
            .get(&path)
            .await
            .text()
            .contains("Cette pétition est déjà masquée.")
    );
    post(&mut moderator, form("restore", "moderation_error")).await;
    assert!(
        moderator
            .get(&path)
            .await
            .text()
            .contains("La pétition est rétablie")
    );
    assert!(app.get(&path).await.text().contains(TITLE));
    Ok(())
}

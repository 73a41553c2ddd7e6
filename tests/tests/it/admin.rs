//! The admin page: only platform admins see it; they grant and revoke staff roles and read the
//! audit log, filtered by action.

use domain::entities::region;
use domain::types::{DisplayName, Email, Lang, NewPassword};
use http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tests::{Client, TestApp, TestResult, both_databases};

both_databases!(
    the_admin_page_is_for_platform_admins_only,
    an_admin_grants_and_revokes_roles_and_reads_the_log,
    granting_to_an_unknown_address_says_so_and_keeps_it,
);

const PASSWORD: &str = "tajine-sous-la-pluie-42";

async fn account(app: &TestApp, email: &str) -> domain::types::UserId {
    domain::accounts::ensure_verified_account(
        &app.ctx(),
        &Email::parse(email).unwrap_or_else(|e| panic!("{e}")),
        &DisplayName::parse(email).unwrap_or_else(|e| panic!("{e}")),
        &NewPassword::parse(PASSWORD, &[]).unwrap_or_else(|e| panic!("{e}")),
        Lang::En,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"))
    .0
}

async fn sign_in<'a>(app: &'a TestApp, email: &str) -> Client<'a> {
    let mut browser = Client::new(app);
    browser
        .post_form(
            "/fn/sign_in",
            &[("lang", "en"), ("email", email), ("password", PASSWORD)],
        )
        .await;
    browser
}

async fn signed_in(browser: &mut Client<'_>) -> bool {
    let page = browser.get("/en").await;
    assert_eq!(page.status, http::StatusCode::OK, "{}", page.text());
    page.text().contains("action=\"/fn/sign_out\"")
}

async fn souss(app: &TestApp) -> i32 {
    region::Entity::find()
        .filter(region::Column::Slug.eq("souss-massa"))
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .map(|r| r.id)
        .unwrap_or_default()
}

async fn admin(app: &TestApp) -> Client<'_> {
    let id = account(app, "admin@example.ma").await;
    domain::roles::bootstrap_admin(&app.ctx(), id)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    sign_in(app, "admin@example.ma").await
}

async fn the_admin_page_is_for_platform_admins_only(app: TestApp) -> TestResult {
    let mut visitor = Client::new(&app);
    let page = visitor.get("/en/admin").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(
        page.text()
            .contains("This page is for platform administrators.")
    );

    let mut admin = admin(&app).await;
    let officer_id = account(&app, "officer@example.ma").await;
    let admin_actor = domain::roles::actor(&app.ctx(), domain::types::UserId(1)).await?;
    domain::roles::grant_role(
        &app.ctx(),
        &admin_actor,
        officer_id,
        domain::roles::Role::CouncilOfficer {
            region_id: souss(&app).await,
        },
    )
    .await?;
    let mut officer = sign_in(&app, "officer@example.ma").await;
    assert_eq!(
        officer.get("/en/admin").await.status,
        StatusCode::FORBIDDEN,
        "an officer is not an admin"
    );
    assert!(
        !officer
            .get("/en")
            .await
            .text()
            .contains("href=\"/en/admin\"")
    );

    let page = admin.get("/en/admin").await;
    assert_eq!(page.status, StatusCode::OK);
    let text = page.text();
    assert!(text.contains("officer@example.ma") && text.contains("Souss-Massa"));
    assert!(
        admin.get("/en").await.text().contains("href=\"/en/admin\""),
        "the header links admins to it"
    );

    // An officer posting to the grant function directly changes nothing.
    officer
        .post_form(
            "/fn/grant_role",
            &[
                ("lang", "en"),
                ("email", "officer@example.ma"),
                ("role", "platform_admin"),
                ("region_id", "0"),
            ],
        )
        .await;
    let actor = domain::roles::actor(&app.ctx(), officer_id).await?;
    assert!(!actor.is_admin());
    Ok(())
}

async fn an_admin_grants_and_revokes_roles_and_reads_the_log(app: TestApp) -> TestResult {
    let mut admin = admin(&app).await;
    let moderator = account(&app, "moderator@example.ma").await;
    let mut moderator_browser = sign_in(&app, "moderator@example.ma").await;
    assert!(signed_in(&mut moderator_browser).await);
    let region = souss(&app).await.to_string();
    admin
        .post_form(
            "/fn/grant_role",
            &[
                ("lang", "ar"),
                ("email", "Moderator@example.ma"),
                ("role", "moderator"),
                ("region_id", &region),
            ],
        )
        .await;
    let page = admin.get("/ar/admin").await.text();
    assert!(page.contains("تم منح الدور."));
    assert!(page.contains("moderator@example.ma"));
    let actor = domain::roles::actor(&app.ctx(), moderator).await?;
    assert!(actor.is_moderator_of(souss(&app).await));
    assert!(
        !signed_in(&mut moderator_browser).await,
        "a new role ends the account's sessions: it signs in again as staff"
    );
    assert!(
        signed_in(&mut admin).await,
        "the admin's own session goes on"
    );

    let missing_region = admin
        .post_form(
            "/fn/grant_role",
            &[
                ("lang", "en"),
                ("email", "moderator@example.ma"),
                ("role", "council_officer"),
                ("region_id", "0"),
            ],
        )
        .await;
    assert_eq!(missing_region.header("location"), "/en/admin");
    assert!(
        admin
            .get("/en/admin")
            .await
            .text()
            .contains("Choose a role, and a region")
    );

    admin
        .post_form(
            "/fn/revoke_role",
            &[
                ("lang", "en"),
                ("user_id", &moderator.0.to_string()),
                ("role", "moderator"),
                ("region_id", &region),
            ],
        )
        .await;
    assert!(
        admin
            .get("/en/admin")
            .await
            .text()
            .contains("The role has been revoked.")
    );
    let actor = domain::roles::actor(&app.ctx(), moderator).await?;
    assert!(actor.roles.is_empty());

    let granted = admin.get("/en/audit?action=role_granted").await.text();
    // Actions in words, in the reader's language.
    assert!(granted.contains("<td>Role granted<"));
    assert!(
        !granted.contains("<td>Role revoked<"),
        "the filter keeps one action"
    );
    let all = admin.get("/en/audit").await.text();
    assert!(
        all.contains("<td>Role revoked<") && all.contains("<td>Staff member signed in<"),
        "{all}"
    );
    assert!(
        all.contains("admin@example.ma (#")
            && all.contains(&format!("moderator@example.ma (#{})", moderator.0)),
        "the log names actor and subject by address"
    );
    Ok(())
}

async fn granting_to_an_unknown_address_says_so_and_keeps_it(app: TestApp) -> TestResult {
    let mut admin = admin(&app).await;
    admin
        .post_form(
            "/fn/grant_role",
            &[
                ("lang", "fr"),
                ("email", "ghost@example.ma"),
                ("role", "moderator"),
                ("region_id", "1"),
            ],
        )
        .await;
    let page = admin.get("/fr/admin").await.text();
    assert!(page.contains("Aucun compte n'a cette adresse e-mail."));
    assert!(page.contains("value=\"ghost@example.ma\""));
    Ok(())
}

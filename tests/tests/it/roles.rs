//! Staff roles: only a platform admin grants or revokes them, and every change is audit-logged.
//! The matrix covers each role (and a citizen) acting in their own region and in another one.

use domain::DomainError;
use domain::entities::{audit_entry, region};
use domain::roles::{self, Actor, Role};
use domain::types::UserId;
use domain::types::{DisplayName, Email, Lang, NewPassword};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tests::{TestApp, TestResult, both_databases};

both_databases!(
    only_platform_admins_grant_and_revoke_roles_in_any_region,
    role_changes_are_audit_logged,
    an_admin_cannot_revoke_their_own_admin_role,
);

async fn user(app: &TestApp, email: &str) -> UserId {
    let (id, _) = domain::accounts::ensure_verified_account(
        &app.ctx(),
        &Email::parse(email).unwrap_or_else(|e| panic!("{e}")),
        &DisplayName::parse(email).unwrap_or_else(|e| panic!("{e}")),
        &NewPassword::parse("tajine-sous-la-pluie-42", &[]).unwrap_or_else(|e| panic!("{e}")),
        Lang::Fr,
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    id
}

async fn region_id(app: &TestApp, slug: &str) -> i32 {
    region::Entity::find()
        .filter(region::Column::Slug.eq(slug))
        .one(&app.db)
        .await
        .ok()
        .flatten()
        .map(|r| r.id)
        .unwrap_or_else(|| panic!("no region {slug}"))
}

/// A user holding `role` (granted by `admin`), as an actor.
async fn staff(app: &TestApp, admin: &Actor, email: &str, role: Option<Role>) -> Actor {
    let id = user(app, email).await;
    if let Some(role) = role {
        roles::grant_role(&app.ctx(), admin, id, role)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    roles::actor(&app.ctx(), id)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

async fn only_platform_admins_grant_and_revoke_roles_in_any_region(app: TestApp) -> TestResult {
    let souss = region_id(&app, "souss-massa").await;
    let oriental = region_id(&app, "oriental").await;
    let admin_id = user(&app, "admin@example.ma").await;
    roles::bootstrap_admin(&app.ctx(), admin_id).await?;
    let admin = roles::actor(&app.ctx(), admin_id).await?;

    let actors = [
        (
            "citizen",
            staff(&app, &admin, "citizen@example.ma", None).await,
            false,
        ),
        (
            "officer",
            staff(
                &app,
                &admin,
                "officer@example.ma",
                Some(Role::CouncilOfficer { region_id: souss }),
            )
            .await,
            false,
        ),
        (
            "moderator",
            staff(
                &app,
                &admin,
                "moderator@example.ma",
                Some(Role::Moderator { region_id: souss }),
            )
            .await,
            false,
        ),
        ("admin", admin.clone(), true),
    ];
    let target = user(&app, "target@example.ma").await;
    for (name, actor, allowed) in &actors {
        for (place, region) in [("own region", souss), ("another region", oriental)] {
            for role in [
                Role::CouncilOfficer { region_id: region },
                Role::Moderator { region_id: region },
            ] {
                let granted = roles::grant_role(&app.ctx(), actor, target, role).await;
                let revoked = roles::revoke_role(&app.ctx(), actor, target, role).await;
                if *allowed {
                    assert!(
                        granted.is_ok(),
                        "{name} granting {role:?} in {place}: {granted:?}"
                    );
                    assert!(
                        revoked.is_ok(),
                        "{name} revoking {role:?} in {place}: {revoked:?}"
                    );
                } else {
                    assert!(
                        matches!(granted, Err(DomainError::Forbidden)),
                        "{name} granting in {place}: {granted:?}"
                    );
                    assert!(
                        matches!(revoked, Err(DomainError::Forbidden)),
                        "{name} revoking in {place}: {revoked:?}"
                    );
                }
            }
        }
    }
    let target_actor = roles::actor(&app.ctx(), target).await?;
    assert!(
        target_actor.roles.is_empty(),
        "every grant was revoked again"
    );

    let officer = &actors[1].1;
    assert!(officer.is_officer_of(souss));
    assert!(
        !officer.is_officer_of(oriental),
        "an officer acts in one region only"
    );
    assert!(!officer.is_moderator_of(souss));
    assert!(
        !admin.is_officer_of(oriental) && !admin.is_moderator_of(oriental),
        "a platform admin takes no council or moderation act without the role"
    );
    Ok(())
}

async fn role_changes_are_audit_logged(app: TestApp) -> TestResult {
    let souss = region_id(&app, "souss-massa").await;
    let admin_id = user(&app, "admin@example.ma").await;
    roles::bootstrap_admin(&app.ctx(), admin_id).await?;
    let admin = roles::actor(&app.ctx(), admin_id).await?;
    let target = user(&app, "officer@example.ma").await;
    let role = Role::CouncilOfficer { region_id: souss };
    roles::grant_role(&app.ctx(), &admin, target, role).await?;
    let twice = roles::grant_role(&app.ctx(), &admin, target, role).await;
    assert!(
        matches!(twice, Err(DomainError::Conflict("role_already_held"))),
        "{twice:?}"
    );
    roles::revoke_role(&app.ctx(), &admin, target, role).await?;

    let log = audit_entry::Entity::find()
        .all(&app.db)
        .await
        .unwrap_or_default();
    let actions: Vec<_> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["admin_created_from_cli", "role_granted", "role_revoked"]
    );
    let granted = &log[1];
    assert_eq!(granted.actor_user_id, Some(admin_id.0));
    assert_eq!(granted.subject_user_id, Some(target.0));
    assert_eq!(granted.region_id, Some(souss));
    assert!(granted.detail.contains("council_officer"));
    Ok(())
}

async fn an_admin_cannot_revoke_their_own_admin_role(app: TestApp) -> TestResult {
    let admin_id = user(&app, "admin@example.ma").await;
    roles::bootstrap_admin(&app.ctx(), admin_id).await?;
    let admin = roles::actor(&app.ctx(), admin_id).await?;
    let result = roles::revoke_role(&app.ctx(), &admin, admin_id, Role::PlatformAdmin).await;
    assert!(matches!(
        result,
        Err(DomainError::Conflict("cannot_revoke_own_admin"))
    ));
    assert!(
        roles::actor(&app.ctx(), admin_id)
            .await
            .is_ok_and(|a| a.is_admin())
    );
    Ok(())
}

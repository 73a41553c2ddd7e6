//! Staff roles and the checks every privileged operation makes: a council officer or a moderator
//! acts in one region only; a platform admin acts everywhere and grants staff roles.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::audit::{self, AuditEvent};
use crate::entities::user_role;
use crate::types::UserId;
use crate::{AppContext, DomainError};

/// A staff role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Role {
    CouncilOfficer { region_id: i32 },
    Moderator { region_id: i32 },
    PlatformAdmin,
}

impl Role {
    /// The stored name of the role.
    pub fn name(self) -> &'static str {
        match self {
            Self::CouncilOfficer { .. } => "council_officer",
            Self::Moderator { .. } => "moderator",
            Self::PlatformAdmin => "platform_admin",
        }
    }

    fn region_column(self) -> i32 {
        match self {
            Self::CouncilOfficer { region_id } | Self::Moderator { region_id } => region_id,
            Self::PlatformAdmin => 0,
        }
    }

    pub(crate) fn from_row(row: &user_role::Model) -> Option<Self> {
        match row.role.as_str() {
            "council_officer" => Some(Self::CouncilOfficer {
                region_id: row.region_id,
            }),
            "moderator" => Some(Self::Moderator {
                region_id: row.region_id,
            }),
            "platform_admin" => Some(Self::PlatformAdmin),
            _ => None,
        }
    }
}

/// Someone acting: a user and the roles they hold now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user: UserId,
    pub roles: Vec<Role>,
}

impl Actor {
    /// Whether the actor is a platform admin.
    pub fn is_admin(&self) -> bool {
        self.roles.contains(&Role::PlatformAdmin)
    }

    /// Whether the actor is a council officer of `region_id`. A platform admin is not, unless
    /// granted the role: a council's acts are taken by its own staff, in their name.
    pub fn is_officer_of(&self, region_id: i32) -> bool {
        self.roles.contains(&Role::CouncilOfficer { region_id })
    }

    /// Whether the actor is a moderator of `region_id` (a platform admin is not, unless granted
    /// the role).
    pub fn is_moderator_of(&self, region_id: i32) -> bool {
        self.roles.contains(&Role::Moderator { region_id })
    }

    /// Whether the actor holds any staff role (staff sessions are shorter).
    pub fn is_staff(&self) -> bool {
        !self.roles.is_empty()
    }
}

/// The actor for `user`, with their current roles.
pub async fn actor(ctx: &AppContext, user: UserId) -> Result<Actor, DomainError> {
    actor_on(&ctx.db, user).await
}

/// The actor for `user`, read on `db` (a transaction, say).
pub async fn actor_on<C: sea_orm::ConnectionTrait>(
    db: &C,
    user: UserId,
) -> Result<Actor, DomainError> {
    let rows = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user.0))
        .all(db)
        .await?;
    Ok(Actor {
        user,
        roles: rows.iter().filter_map(Role::from_row).collect(),
    })
}

/// Grants `role` to `user`. Only a platform admin may; audit-logged. The account's sessions end:
/// it signs in again, and its new session follows the staff rules.
#[tracing::instrument(skip(ctx, by))]
pub async fn grant_role(
    ctx: &AppContext,
    by: &Actor,
    user: UserId,
    role: Role,
) -> Result<(), DomainError> {
    if !by.is_admin() {
        return Err(crate::audit::denied(
            ctx,
            by.user.0,
            "grant_role",
            None,
            serde_json::Value::Null,
        )
        .await);
    }
    insert_role(ctx, Some(by.user), user, role, "role_granted").await
}

/// Revokes `role` from `user`. Only a platform admin may, and not their own admin role (the
/// platform must keep an admin); audit-logged. The account's sessions end.
#[tracing::instrument(skip(ctx, by))]
pub async fn revoke_role(
    ctx: &AppContext,
    by: &Actor,
    user: UserId,
    role: Role,
) -> Result<(), DomainError> {
    if !by.is_admin() {
        return Err(crate::audit::denied(
            ctx,
            by.user.0,
            "revoke_role",
            None,
            serde_json::Value::Null,
        )
        .await);
    }
    if user == by.user && role == Role::PlatformAdmin {
        return Err(DomainError::Conflict("cannot_revoke_own_admin"));
    }
    let txn = crate::db::begin_write(&ctx.db).await?;
    let deleted = user_role::Entity::delete_many()
        .filter(user_role::Column::UserId.eq(user.0))
        .filter(user_role::Column::Role.eq(role.name()))
        .filter(user_role::Column::RegionId.eq(role.region_column()))
        .exec(&txn)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(DomainError::NotFound);
    }
    if user != by.user {
        crate::sessions::delete_user_sessions(&txn, user.0).await?;
    }
    audit::record(
        ctx,
        &txn,
        role_event(Some(by.user), user, role, "role_revoked"),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A staff member as the admin page lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffView {
    pub user: UserId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
}

/// Everyone holding a staff role. Only a platform admin may see this.
pub async fn list_staff(ctx: &AppContext, by: &Actor) -> Result<Vec<StaffView>, DomainError> {
    if !by.is_admin() {
        return Err(crate::audit::denied(
            ctx,
            by.user.0,
            "list_staff",
            None,
            serde_json::Value::Null,
        )
        .await);
    }
    let rows = user_role::Entity::find()
        .order_by_asc(user_role::Column::RegionId)
        .order_by_asc(user_role::Column::Id)
        .find_also_related(crate::entities::user::Entity)
        .all(&ctx.db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(row, account)| {
            let account = account?;
            Some(StaffView {
                user: UserId(account.id),
                email: account.email,
                display_name: account.display_name,
                role: Role::from_row(&row)?,
            })
        })
        .collect())
}

/// Grants `role` to the account of `email` (`NotFound` when there is none). Admin only.
pub async fn grant_role_by_email(
    ctx: &AppContext,
    by: &Actor,
    email: &crate::types::Email,
    role: Role,
) -> Result<(), DomainError> {
    if !by.is_admin() {
        return Err(crate::audit::denied(
            ctx,
            by.user.0,
            "grant_role_by_email",
            None,
            serde_json::Value::Null,
        )
        .await);
    }
    let account = crate::entities::user::Entity::find()
        .filter(crate::entities::user::Column::Email.eq(email.as_str()))
        .one(&ctx.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    grant_role(ctx, by, UserId(account.id), role).await
}

impl Role {
    /// A role from its stored name and region (0 or anything for admins).
    pub fn parse(name: &str, region_id: i32) -> Option<Self> {
        match name {
            "council_officer" if region_id > 0 => Some(Self::CouncilOfficer { region_id }),
            "moderator" if region_id > 0 => Some(Self::Moderator { region_id }),
            "platform_admin" => Some(Self::PlatformAdmin),
            _ => None,
        }
    }

    /// The region of the role, if it has one.
    pub fn region_id(self) -> Option<i32> {
        match self {
            Self::PlatformAdmin => None,
            other => Some(other.region_column()),
        }
    }
}

/// Makes `user` a platform admin from the command line (the first admin has nobody to grant it).
pub async fn bootstrap_admin(ctx: &AppContext, user: UserId) -> Result<(), DomainError> {
    match insert_role(
        ctx,
        None,
        user,
        Role::PlatformAdmin,
        "admin_created_from_cli",
    )
    .await
    {
        Ok(()) | Err(DomainError::Conflict(_)) => Ok(()),
        Err(err) => Err(err),
    }
}

async fn insert_role(
    ctx: &AppContext,
    by: Option<UserId>,
    user: UserId,
    role: Role,
    action: &'static str,
) -> Result<(), DomainError> {
    let txn = crate::db::begin_write(&ctx.db).await?;
    user_role::ActiveModel {
        user_id: Set(user.0),
        role: Set(role.name().to_owned()),
        region_id: Set(role.region_column()),
        granted_by: Set(by.map(|u| u.0)),
        granted_at: Set(ctx.clock.now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match DomainError::from(e) {
        DomainError::Conflict(_) => DomainError::Conflict("role_already_held"),
        other => other,
    })?;
    // The account signs in again, and its session then follows the staff rules.
    if by != Some(user) {
        crate::sessions::delete_user_sessions(&txn, user.0).await?;
    }
    audit::record(ctx, &txn, role_event(by, user, role, action)).await?;
    txn.commit().await?;
    Ok(())
}

fn role_event(by: Option<UserId>, user: UserId, role: Role, action: &'static str) -> AuditEvent {
    let region_id = match role {
        Role::PlatformAdmin => None,
        _ => Some(role.region_column()),
    };
    AuditEvent {
        actor_user_id: by.map(|u| u.0),
        action,
        subject_user_id: Some(user.0),
        region_id,
        detail: serde_json::json!({ "role": role.name() }),
    }
}

//! People and places for tests: verified accounts, staff with roles, region ids.

use domain::entities::{province, region};
use domain::roles::{self, Actor, Role};
use domain::types::UserId;
use domain::types::{DisplayName, Email, Lang, NewPassword};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::TestApp;

/// The password of every test account.
pub const PASSWORD: &str = "tajine-sous-la-pluie-42";

impl TestApp {
    /// A verified account for `email` (its display name is the address), in French.
    pub async fn user(&self, email: &str) -> UserId {
        let (id, _) = domain::accounts::ensure_verified_account(
            &self.ctx(),
            &Email::parse(email).unwrap_or_else(|e| panic!("{e}")),
            &DisplayName::parse(email).unwrap_or_else(|e| panic!("{e}")),
            &NewPassword::parse(PASSWORD, &[]).unwrap_or_else(|e| panic!("{e}")),
            Lang::Fr,
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        id
    }

    /// The actor of `user`.
    pub async fn actor(&self, user: UserId) -> Actor {
        roles::actor(&self.ctx(), user)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// A platform admin (`admin@example.ma`).
    pub async fn admin(&self) -> Actor {
        let id = self.user("admin@example.ma").await;
        roles::bootstrap_admin(&self.ctx(), id)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        self.actor(id).await
    }

    /// An account for `email` holding `role` (none: a citizen), granted by a platform admin (if it
    /// did not hold it already).
    pub async fn staff(&self, email: &str, role: Option<Role>) -> Actor {
        let id = self.user(email).await;
        if let Some(role) = role {
            let admin = self.admin().await;
            match roles::grant_role(&self.ctx(), &admin, id, role).await {
                Ok(()) | Err(domain::DomainError::Conflict("role_already_held")) => {}
                Err(e) => panic!("{e}"),
            }
        }
        self.actor(id).await
    }

    /// The id of the region `slug`.
    pub async fn region_id(&self, slug: &str) -> i32 {
        region::Entity::find()
            .filter(region::Column::Slug.eq(slug))
            .one(&self.db)
            .await
            .ok()
            .flatten()
            .map(|r| r.id)
            .unwrap_or_else(|| panic!("no region {slug}"))
    }

    /// The prefectures and provinces of the region `slug`, in order.
    pub async fn provinces(&self, slug: &str) -> Vec<province::Model> {
        let region = self.region_id(slug).await;
        province::Entity::find()
            .filter(province::Column::RegionId.eq(region))
            .order_by_asc(province::Column::Position)
            .all(&self.db)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// Everyone who is not a council officer of the region `slug`, each with a label: a citizen,
    /// a platform admin, a moderator of the region and an officer of another region.
    pub async fn not_officers_of(&self, slug: &str) -> Vec<(&'static str, Actor)> {
        let region_id = self.region_id(slug).await;
        let other = if slug == "oriental" {
            "souss-massa"
        } else {
            "oriental"
        };
        let other_id = self.region_id(other).await;
        vec![
            ("citizen", self.staff("amina@example.ma", None).await),
            ("platform admin", self.admin().await),
            (
                "moderator of the region",
                self.staff("mod@example.ma", Some(Role::Moderator { region_id }))
                    .await,
            ),
            (
                "officer of another region",
                self.staff(
                    "officer-other@example.ma",
                    Some(Role::CouncilOfficer {
                        region_id: other_id,
                    }),
                )
                .await,
            ),
        ]
    }
}

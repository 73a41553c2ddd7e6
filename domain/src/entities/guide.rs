//! A guide of the library: national (`region_id` none, written by the platform admins) or of a
//! region (written by its council officers); its texts are in its versions.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "guides")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub region_id: Option<i32>,
    /// `petitioning`, `consultations`, `law`, `commitments` or `practices`.
    pub category: String,
    pub fallback_lang: String,
    /// The key of a guide shipped with the platform (`how_to_petition`, …).
    pub starter: Option<String>,
    /// The guide this one is a copy of, and the version copied.
    pub adopted_from: Option<i32>,
    pub adopted_version: Option<i32>,
    /// The version the public reads (none: never published).
    pub published_version: Option<i32>,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

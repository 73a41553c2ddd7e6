//! An invalidation of a petition's signatures by the fraud review (see
//! `crate::petitions::fraud`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "signature_invalidations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub petition_id: i32,
    /// Why, as the moderator wrote it (shown on the petition's page).
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    /// The selection, as JSON (network, domain and agent hashes, time window).
    #[sea_orm(column_type = "Text")]
    pub selection: String,
    /// Signatures it marked invalid.
    pub signatures: i32,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub undone_at: Option<DateTimeUtc>,
    pub undone_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

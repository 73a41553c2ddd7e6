//! One line of a petition's public timeline.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "petition_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub petition_id: i32,
    pub at: DateTimeUtc,
    /// A `Step` name.
    pub step: String,
    /// `representative`, `moderator`, `council_officer` or `system` (shown publicly).
    pub actor_role: String,
    /// Who (not shown publicly).
    pub actor_user_id: Option<i32>,
    pub reason_code: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

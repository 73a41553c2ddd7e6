//! One line of a region's public moderation log (see `crate::moderation_log`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "moderation_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub region_id: i32,
    pub at: DateTimeUtc,
    /// `rejected`, `hidden` or `restored`.
    pub action: String,
    /// `petition`, `proposal`, `comment` or `answer`.
    pub kind: String,
    /// The item's public id (an answer's token).
    pub subject: i64,
    /// The consultation of a proposal, comment or answer.
    pub consultation_id: Option<i32>,
    /// The reason code.
    pub reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

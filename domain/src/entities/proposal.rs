//! A participant's proposal in a consultation's call for proposals.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "proposals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub consultation_id: i32,
    /// The author (none once their account was deleted: the content stays).
    pub user_id: Option<i32>,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    /// The prefecture or province it concerns, if any.
    pub province_id: Option<i32>,
    /// Hidden by a moderator.
    pub hidden: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! One version of a guide: a draft until published (at most one draft, the latest).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "guide_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub guide_id: i32,
    /// 1, 2, … in order.
    pub number: i32,
    pub edited_by: Option<i32>,
    pub edited_at: DateTimeUtc,
    pub published_by: Option<i32>,
    pub published_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

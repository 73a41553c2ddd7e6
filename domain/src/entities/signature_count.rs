//! One shard of a petition's signature counter for one province and one day. A signature adds
//! one to a random shard of its province and day, so that no single row is hot; counts are sums
//! of shards (per province: over days; per day: over provinces).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "signature_counts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub petition_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub province_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub day: Date,
    #[sea_orm(primary_key, auto_increment = false)]
    pub shard: i32,
    pub count: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! One shard of one tally of a consultation's results (see `consultations::tallies`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "answer_tallies")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub consultation_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub question_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub item: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub place: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub shard: i32,
    pub count: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

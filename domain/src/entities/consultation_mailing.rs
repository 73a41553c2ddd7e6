//! A consultation's mailing (`opened`: to the region's followers; `synthesis`: to the
//! participants who asked), sent in batches after a cursor on the account id; once per
//! consultation and kind (a unique index).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consultation_mailings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub consultation_id: i32,
    pub kind: String,
    pub after_user_id: i32,
    pub created_at: DateTimeUtc,
    pub done_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

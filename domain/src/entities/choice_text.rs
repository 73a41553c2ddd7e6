//! A choice's wording in one language.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "choice_texts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub choice_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub lang: String,
    pub text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

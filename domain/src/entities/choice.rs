//! A choice of a single, multiple or ranking question.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "choices")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub question_id: i32,
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::choice_text::Entity")]
    Texts,
}

impl Related<super::choice_text::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Texts.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

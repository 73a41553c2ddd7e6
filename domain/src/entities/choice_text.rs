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
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::choice::Entity",
        from = "Column::ChoiceId",
        to = "super::choice::Column::Id"
    )]
    Choice,
}

impl Related<super::choice::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Choice.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

//! A question of a consultation's questionnaire.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "questions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub consultation_id: i32,
    pub position: i32,
    /// A `QuestionKind` name.
    pub kind: String,
    pub required: bool,
    /// Multiple choice: the most choices one may tick.
    pub max_choices: Option<i32>,
    /// Free text: the longest answer, in characters.
    pub max_chars: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::question_text::Entity")]
    Texts,
}

impl Related<super::question_text::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Texts.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

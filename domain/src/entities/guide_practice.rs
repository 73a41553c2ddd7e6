//! The facts of a practice guide's version: the tool, when, with whom, whom to ask.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "guide_practices")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub version_id: i32,
    /// One of `guides::practices::TOOLS`.
    pub tool: String,
    pub started_on: Option<Date>,
    pub ended_on: Option<Date>,
    #[sea_orm(column_type = "Text")]
    pub partners: String,
    pub contact_name: String,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! One account's response to a consultation (one per account; an edit replaces its answers).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "responses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub consultation_id: i32,
    pub user_id: i32,
    /// The participant declared belonging to the consultation's audience.
    pub audience_declared: bool,
    /// The prefecture or province they gave, if any (for the results' breakdown).
    pub province_id: Option<i32>,
    /// They asked to be emailed the council's synthesis.
    pub notify: bool,
    /// The response is in the consultation's tallies.
    pub counted: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! A row of a paper batch waiting for the officer's confirmation (then moved to `signatures`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "paper_batch_rows")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub batch_id: i32,
    /// The row's number in the sheet (from 1).
    pub row_no: i32,
    pub full_name: String,
    pub cin_hash: String,
    #[sea_orm(column_type = "Text")]
    pub cin_sealed: String,
    pub province_id: i32,
    pub basis: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! A batch of paper signatures entered by a council officer (see `crate::petitions::paper`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "paper_batches")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub petition_id: i32,
    /// The sheets' reference (their numbers), once per petition among batches not voided.
    pub reference: String,
    /// The day the sheets were collected (the day their signatures count for).
    pub collected_on: Date,
    pub entered_by: Option<i32>,
    pub created_at: DateTimeUtc,
    /// `pending` (waiting for the officer's confirmation), `recorded` or `voided`.
    pub status: String,
    /// Signatures recorded from it.
    pub accepted: i32,
    /// The rows refused, as JSON: row number, code, and the other row or sheet it repeats.
    #[sea_orm(column_type = "Text")]
    pub refused: String,
    pub voided_at: Option<DateTimeUtc>,
    pub voided_by: Option<i32>,
    #[sea_orm(column_type = "Text", nullable)]
    pub void_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

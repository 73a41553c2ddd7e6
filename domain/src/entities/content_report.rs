//! A report of a proposal, a comment or a free-text answer to the region's moderators, and
//! their decision.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "content_reports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub consultation_id: i32,
    /// `proposal`, `comment` or `answer`.
    pub kind: String,
    pub target_id: i32,
    pub reporter_id: i32,
    /// A code of `crate::moderation_log::REPORT_REASONS`.
    pub reason: String,
    pub created_at: DateTimeUtc,
    /// `hidden` or `kept`, once decided.
    pub decision: Option<String>,
    pub decided_by: Option<i32>,
    pub decided_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! Something the region's staff should know about, recorded once (see `crate::staff::alerts`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff_alerts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub region_id: i32,
    /// An `AlertKind` name.
    pub kind: String,
    /// The petition, petition event, report or consultation it is about.
    pub subject_id: i32,
    /// Days left for a deadline alert (14, 7, 1; 0 once overdue); 0 otherwise.
    pub milestone: i32,
    /// The title of what it is about, as it was then.
    #[sea_orm(column_type = "Text")]
    pub title: String,
    /// The page it links to, after `/{lang}/`.
    pub path: String,
    /// The bureau's deadline, for deposits and deadlines.
    pub due_on: Option<Date>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! How a staff member receives alerts, and their last daily digest.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff_alert_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i32,
    /// An `AlertDelivery` name.
    pub delivery: String,
    /// The day (Morocco time) of the last digest.
    pub digest_day: Option<Date>,
    /// Alerts recorded after this time go into the next digest.
    pub digest_sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

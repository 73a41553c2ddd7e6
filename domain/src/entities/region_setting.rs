//! Per-region settings with the legal defaults; a platform admin may change them.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "region_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub region_id: i32,
    /// Census year of the reference population.
    pub population_year: i32,
    pub reference_population: i64,
    /// `None`: derived from the reference population by the law's bands.
    pub signature_threshold: Option<i32>,
    /// `None`: 5% of the threshold.
    pub per_province_minimum: Option<i32>,
    pub collection_days: i32,
    pub bureau_decision_months: i32,
    /// Months of the ordinary sessions, e.g. `3,7,10`.
    pub session_months: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::region::Entity",
        from = "Column::RegionId",
        to = "super::region::Column::Id"
    )]
    Region,
}

impl Related<super::region::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Region.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

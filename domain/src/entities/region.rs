//! A region of Morocco (2015 division).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "regions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub code: String,
    #[sea_orm(unique)]
    pub slug: String,
    pub name_ar: String,
    pub name_fr: String,
    pub name_en: String,
    pub name_zgh: String,
    pub seat_ar: String,
    pub seat_fr: String,
    pub seat_en: String,
    pub seat_zgh: String,
    pub population_2014: i64,
    pub population_2024: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::province::Entity")]
    Provinces,
    #[sea_orm(has_one = "super::region_setting::Entity")]
    Settings,
}

impl Related<super::province::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Provinces.def()
    }
}

impl Related<super::region_setting::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Settings.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

//! A council's identity: colour, logo, contact, presentation, languages offered.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "region_identities")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub region_id: i32,
    /// `#rrggbb`.
    pub colour: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub address: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub hours: String,
    #[sea_orm(column_type = "Text")]
    pub presentation_ar: String,
    #[sea_orm(column_type = "Text")]
    pub presentation_zgh: String,
    #[sea_orm(column_type = "Text")]
    pub presentation_fr: String,
    #[sea_orm(column_type = "Text")]
    pub presentation_en: String,
    /// The languages offered besides Arabic and Amazigh (`fr,en`).
    pub languages: String,
    #[sea_orm(column_type = "Blob", nullable)]
    pub logo: Option<Vec<u8>>,
    pub logo_type: Option<String>,
    pub updated_by: Option<i32>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

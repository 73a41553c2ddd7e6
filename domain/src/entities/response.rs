//! One account's response to a consultation (one per account; an edit replaces its answers).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "responses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub consultation_id: i32,
    /// `None` once the account was deleted after the consultation closed (the response stays
    /// in the results, without its author).
    pub user_id: Option<i32>,
    /// The keyed hash of the participant's CIN, when the consultation counts one response per
    /// person (unique per consultation).
    pub cin_key: Option<String>,
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
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::consultation::Entity",
        from = "Column::ConsultationId",
        to = "super::consultation::Column::Id"
    )]
    Consultation,
    #[sea_orm(
        belongs_to = "super::province::Entity",
        from = "Column::ProvinceId",
        to = "super::province::Column::Id"
    )]
    Province,
}

impl Related<super::consultation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Consultation.def()
    }
}

impl Related<super::province::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Province.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

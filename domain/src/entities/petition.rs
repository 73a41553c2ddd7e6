//! A petition to a regional council (see `crate::petitions`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "petitions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub region_id: i32,
    /// `citizen` or `association`.
    pub kind: String,
    /// A `PetitionStatus` name.
    pub status: String,
    /// The language the petition is written in.
    pub lang: String,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub request: String,
    #[sea_orm(column_type = "Text")]
    pub reasons: String,
    /// A competence code of the region (`crate::petitions::COMPETENCES`).
    pub competence: String,
    /// The prefecture or province the petition concerns, if it concerns one.
    pub province_id: Option<i32>,
    /// The representative's account (none once that account is deleted).
    pub representative_id: Option<i32>,
    /// The representative's name, kept for the council's file.
    pub representative_name: String,
    pub association_name: Option<String>,
    pub association_registered_on: Option<Date>,
    pub association_seat: Option<String>,
    /// Signatures needed, fixed at publication from the region's settings.
    pub threshold: Option<i32>,
    pub per_province_minimum: Option<i32>,
    /// The count as last aggregated (lists); the petition page reads the counters.
    pub signature_count: i32,
    /// The deposit receipt number, `{region code}-{year}-{sequence}`.
    pub reference: Option<String>,
    pub reference_year: Option<i32>,
    pub reference_seq: Option<i32>,
    pub moderation_reason: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub moderation_note: Option<String>,
    pub committee: Option<String>,
    /// The ordinary session, `YYYY-MM`.
    pub session: Option<String>,
    pub sitting_on: Option<Date>,
    #[sea_orm(column_type = "Text", nullable)]
    pub decision_text: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub answer_text: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub published_at: Option<DateTimeUtc>,
    pub collection_ends_at: Option<DateTimeUtc>,
    pub deposited_at: Option<DateTimeUtc>,
    pub decision_due_at: Option<DateTimeUtc>,
    pub decided_at: Option<DateTimeUtc>,
    pub answered_at: Option<DateTimeUtc>,
    pub counted_at: Option<DateTimeUtc>,
    /// When the signatories' personal data was erased (a set time after the petition closed).
    pub signatories_erased_at: Option<DateTimeUtc>,
    /// The highest progress email sent to the representative (0, 50 or 100).
    pub notified_percent: i32,
    /// When the region's moderators hid it from the public (after publication), if they did.
    pub hidden_at: Option<DateTimeUtc>,
    /// Why (a report reason code).
    pub hidden_reason: Option<String>,
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

//! A public consultation of one region's council.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consultations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub region_id: i32,
    /// A `StoredStatus` name (open and closed follow the clock).
    pub status: String,
    /// `all` or one of the art. 117 bodies (`crate::consultations::AUDIENCES`).
    pub audience: String,
    /// The language shown when a text is missing in the reader's.
    pub fallback_lang: String,
    /// Whether it has a questionnaire.
    pub questionnaire: bool,
    /// Whether it calls for proposals.
    pub proposals: bool,
    /// What one response stands for: `account` or `cin` (`crate::consultations::Verification`).
    pub verification: String,
    pub opens_at: DateTimeUtc,
    pub closes_at: DateTimeUtc,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub published_at: Option<DateTimeUtc>,
    pub results_published_at: Option<DateTimeUtc>,
    /// "What we heard, what we will do" (Markdown).
    #[sea_orm(column_type = "Text", nullable)]
    pub synthesis: Option<String>,
    pub synthesis_published_at: Option<DateTimeUtc>,
    /// When its texts were last corrected after publication.
    pub corrected_at: Option<DateTimeUtc>,
    /// When a scheduled consultation was cancelled (its status is then `cancelled`).
    pub cancelled_at: Option<DateTimeUtc>,
    /// Why, as its page says.
    #[sea_orm(column_type = "Text", nullable)]
    pub cancel_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::consultation_text::Entity")]
    Texts,
}

impl Related<super::consultation_text::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Texts.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

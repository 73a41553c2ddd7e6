//! A confirmed signature, online or entered from paper. Appended once; deleted when withdrawn
//! (or its paper batch voided).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "signatures")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub petition_id: i32,
    /// Keyed hash of the normalised CIN: unique per petition.
    pub cin_hash: String,
    /// The CIN, sealed (`crate::secrets`).
    #[sea_orm(column_type = "Text")]
    pub cin_sealed: String,
    pub full_name: String,
    pub province_id: i32,
    /// `residence` or `activity`.
    pub basis: String,
    pub email: String,
    pub lang: String,
    pub user_id: Option<i32>,
    /// Whether the signer wants the petition's news by email.
    pub notify: bool,
    /// SHA-256 of the withdrawal link's secret (email signers).
    #[sea_orm(unique)]
    pub withdraw_token_hash: Option<String>,
    pub created_at: DateTimeUtc,
    /// Keyed hash of the signer's mailbox (address without `+tag`).
    pub email_key: Option<String>,
    /// Keyed hash of the client's network (/24 or /64).
    pub ip_prefix_hash: Option<String>,
    /// Keyed hash of the client's user agent.
    pub user_agent_hash: Option<String>,
    /// The domain of the signer's address.
    pub email_domain: Option<String>,
    /// 1 or 2: which of the two signatures a mailbox may give to a petition (email signers;
    /// unique per petition and mailbox).
    pub email_slot: Option<i16>,
    /// The paper batch it was entered from (a signature on paper), if any.
    pub paper_batch_id: Option<i32>,
    /// The fraud review's invalidation that marked it invalid (not counted, not listed), if any.
    pub invalidation_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::petition::Entity",
        from = "Column::PetitionId",
        to = "super::petition::Column::Id"
    )]
    Petition,
    #[sea_orm(
        belongs_to = "super::province::Entity",
        from = "Column::ProvinceId",
        to = "super::province::Column::Id"
    )]
    Province,
}

impl Related<super::petition::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Petition.def()
    }
}

impl Related<super::province::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Province.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

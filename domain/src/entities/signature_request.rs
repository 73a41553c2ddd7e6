//! A signature waiting for its emailed confirmation link.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "signature_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub petition_id: i32,
    pub cin_hash: String,
    #[sea_orm(column_type = "Text")]
    pub cin_sealed: String,
    pub full_name: String,
    pub province_id: i32,
    pub basis: String,
    pub email: String,
    pub lang: String,
    pub user_id: Option<i32>,
    pub notify: bool,
    /// SHA-256 of the withdrawal link's secret (email signers).
    #[sea_orm(unique)]
    pub withdraw_token_hash: Option<String>,
    pub created_at: DateTimeUtc,
    /// SHA-256 of the link's secret.
    #[sea_orm(unique)]
    pub token_hash: String,
    pub expires_at: DateTimeUtc,
    /// Keyed hash of the client's network (/24 or /64).
    pub ip_prefix_hash: Option<String>,
    /// Keyed hash of the client's user agent.
    pub user_agent_hash: Option<String>,
    /// The domain of the signer's address.
    pub email_domain: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! An account.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub email: String,
    /// The mailbox the address delivers to (`Email::mailbox`): one account per mailbox. `None`
    /// only for an account that shared its mailbox with an older one before the rule.
    #[sea_orm(unique)]
    pub mailbox: Option<String>,
    pub email_verified_at: Option<DateTimeUtc>,
    pub display_name: String,
    pub password_hash: String,
    /// Preferred language code (`ar`, `zgh`, `fr`, `en`): emails are written in it.
    pub lang: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

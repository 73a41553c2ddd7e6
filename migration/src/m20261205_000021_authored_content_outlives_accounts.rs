//! Proposals and comments outlive their author's account: deleting an account no longer deletes
//! what it wrote (and, with its proposals, other people's comments and supports); the content is
//! kept without its author (`user_id` becomes NULL).
//!
//! PostgreSQL alters the column and its foreign key. SQLite cannot alter a foreign key, and
//! rebuilding a parent table would cascade its children away; it rewrites the two tables'
//! definitions in the schema instead (the way SQLite documents for changes that leave the
//! stored rows as they are: a NOT NULL dropped, a foreign key's action changed), in one
//! transaction.

use sea_orm_migration::prelude::*;

use crate::alter::loosen_user_key;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables whose author column changes.
const TABLES: [&str; 2] = ["proposals", "proposal_comments"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// One transaction on every backend: on SQLite, the schema rewrite and its version bump
    /// happen on one connection, together or not at all.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        loosen_user_key(manager.get_connection(), &TABLES, true).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        // What lost its author cannot go back to a column that needs one.
        db.execute_unprepared("DELETE FROM proposal_comments WHERE user_id IS NULL")
            .await?;
        db.execute_unprepared("DELETE FROM proposals WHERE user_id IS NULL")
            .await?;
        loosen_user_key(db, &TABLES, false).await
    }
}

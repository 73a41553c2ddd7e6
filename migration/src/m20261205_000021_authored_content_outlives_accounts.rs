//! Proposals and comments outlive their author's account: deleting an account no longer deletes
//! what it wrote (and, with its proposals, other people's comments and supports); the content is
//! kept without its author (`user_id` becomes NULL).
//!
//! PostgreSQL alters the column and its foreign key. SQLite cannot alter a foreign key, and
//! rebuilding a parent table would cascade its children away; it rewrites the two tables'
//! definitions in the schema instead (the way SQLite documents for changes that leave the
//! stored rows as they are: a NOT NULL dropped, a foreign key's action changed), in one
//! transaction.

use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables whose author column changes.
const TABLES: [&str; 2] = ["proposals", "proposal_comments"];

const STRICT_COLUMN: &str = r#""user_id" integer NOT NULL"#;
const LOOSE_COLUMN: &str = r#""user_id" integer NULL"#;
const CASCADE: &str = r#"REFERENCES "users" ("id") ON DELETE CASCADE"#;
const SET_NULL: &str = r#"REFERENCES "users" ("id") ON DELETE SET NULL"#;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// One transaction on every backend: on SQLite, the schema rewrite and its version bump
    /// happen on one connection, together or not at all.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match db.get_database_backend() {
            DatabaseBackend::Sqlite => {
                rewrite_sqlite(db, [(STRICT_COLUMN, LOOSE_COLUMN), (CASCADE, SET_NULL)]).await
            }
            _ => {
                for table in TABLES {
                    db.execute_unprepared(&format!(
                        "ALTER TABLE {table} ALTER COLUMN user_id DROP NOT NULL"
                    ))
                    .await?;
                    replace_pg_foreign_key(db, table, "SET NULL").await?;
                }
                Ok(())
            }
        }
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        // What lost its author cannot go back to a column that needs one.
        db.execute_unprepared("DELETE FROM proposal_comments WHERE user_id IS NULL")
            .await?;
        db.execute_unprepared("DELETE FROM proposals WHERE user_id IS NULL")
            .await?;
        match db.get_database_backend() {
            DatabaseBackend::Sqlite => {
                rewrite_sqlite(db, [(LOOSE_COLUMN, STRICT_COLUMN), (SET_NULL, CASCADE)]).await
            }
            _ => {
                for table in TABLES {
                    db.execute_unprepared(&format!(
                        "ALTER TABLE {table} ALTER COLUMN user_id SET NOT NULL"
                    ))
                    .await?;
                    replace_pg_foreign_key(db, table, "CASCADE").await?;
                }
                Ok(())
            }
        }
    }
}

/// Rewrites the definitions of [`TABLES`] with `replacements` (each must apply once).
async fn rewrite_sqlite(
    db: &SchemaManagerConnection<'_>,
    replacements: [(&str, &str); 2],
) -> Result<(), DbErr> {
    let version: i64 = db
        .query_one_raw(Statement::from_string(
            DatabaseBackend::Sqlite,
            "PRAGMA schema_version",
        ))
        .await?
        .ok_or_else(|| DbErr::Migration("no schema version".into()))?
        .try_get_by_index(0)?;
    db.execute_unprepared("PRAGMA writable_schema = ON").await?;
    for table in TABLES {
        let sql: String = db
            .query_one_raw(Statement::from_sql_and_values(
                DatabaseBackend::Sqlite,
                "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?",
                [table.into()],
            ))
            .await?
            .ok_or_else(|| DbErr::Migration(format!("no table {table}")))?
            .try_get_by_index(0)?;
        let mut rewritten = sql.clone();
        for (from, to) in replacements {
            if rewritten.matches(from).count() != 1 {
                return Err(DbErr::Migration(format!(
                    "{table}: unexpected definition `{sql}`"
                )));
            }
            rewritten = rewritten.replace(from, to);
        }
        db.execute_raw(Statement::from_sql_and_values(
            DatabaseBackend::Sqlite,
            "UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?",
            [rewritten.into(), table.into()],
        ))
        .await?;
    }
    db.execute_unprepared(&format!("PRAGMA schema_version = {}", version + 1))
        .await?;
    db.execute_unprepared("PRAGMA writable_schema = OFF")
        .await?;
    Ok(())
}

/// Replaces the foreign key of `table.user_id` by one with `ON DELETE {action}`.
async fn replace_pg_foreign_key(
    db: &SchemaManagerConnection<'_>,
    table: &str,
    action: &str,
) -> Result<(), DbErr> {
    let name: String = db
        .query_one_raw(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT c.conname FROM pg_constraint c \
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) \
             WHERE c.contype = 'f' AND c.conrelid = $1::regclass AND a.attname = 'user_id'",
            [table.into()],
        ))
        .await?
        .ok_or_else(|| DbErr::Migration(format!("{table}: no foreign key on user_id")))?
        .try_get_by_index(0)?;
    db.execute_unprepared(&format!(
        "ALTER TABLE {table} DROP CONSTRAINT \"{name}\", \
         ADD CONSTRAINT \"{table}_user_id_fkey\" FOREIGN KEY (user_id) \
         REFERENCES users (id) ON DELETE {action}"
    ))
    .await?;
    Ok(())
}

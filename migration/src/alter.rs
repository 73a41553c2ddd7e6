//! Changes to a column's foreign key that SQLite cannot `ALTER`: a NOT NULL dropped, an
//! `ON DELETE` action changed. PostgreSQL alters the column and replaces the constraint; SQLite
//! rewrites the tables' definitions in the schema (the way SQLite documents for changes that
//! leave the stored rows as they are), since rebuilding a parent table would cascade its
//! children away. Callers run in one transaction, so that on SQLite the rewrite and its version
//! bump happen together or not at all.

use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
use sea_orm_migration::prelude::*;

/// Rewrites the definitions of `tables` with `replacements` (each must apply once per table).
pub async fn rewrite_sqlite(
    db: &SchemaManagerConnection<'_>,
    tables: &[&str],
    replacements: &[(&str, &str)],
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
    for table in tables {
        let sql: String = db
            .query_one_raw(Statement::from_sql_and_values(
                DatabaseBackend::Sqlite,
                "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?",
                [(*table).into()],
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
            [rewritten.into(), (*table).into()],
        ))
        .await?;
    }
    db.execute_unprepared(&format!("PRAGMA schema_version = {}", version + 1))
        .await?;
    // RESET (rather than OFF) also reloads this connection's own copy of the schema: without
    // it, the connection that ran the migration (which goes back to the pool) would keep the
    // old definitions (the old ON DELETE action, and stale column lists for later statements).
    db.execute_unprepared("PRAGMA writable_schema = RESET")
        .await?;
    Ok(())
}

/// Replaces the foreign key of `table.user_id` by one to `users` with `ON DELETE {action}`.
pub async fn replace_pg_user_key(
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

/// The `user_id` column of `tables` as SQLite's schema writes it, strict and loose.
pub const STRICT_USER: &str = r#""user_id" integer NOT NULL"#;
pub const LOOSE_USER: &str = r#""user_id" integer NULL"#;
pub const CASCADE_USER: &str = r#"REFERENCES "users" ("id") ON DELETE CASCADE"#;
pub const SET_NULL_USER: &str = r#"REFERENCES "users" ("id") ON DELETE SET NULL"#;

/// Makes `tables.user_id` nullable, set to NULL when the account goes (`loose`), or back.
pub async fn loosen_user_key(
    db: &SchemaManagerConnection<'_>,
    tables: &[&str],
    loose: bool,
) -> Result<(), DbErr> {
    match db.get_database_backend() {
        DatabaseBackend::Sqlite => {
            let replacements = if loose {
                [(STRICT_USER, LOOSE_USER), (CASCADE_USER, SET_NULL_USER)]
            } else {
                [(LOOSE_USER, STRICT_USER), (SET_NULL_USER, CASCADE_USER)]
            };
            rewrite_sqlite(db, tables, &replacements).await
        }
        _ => {
            let (null, action) = if loose {
                ("DROP NOT NULL", "SET NULL")
            } else {
                ("SET NOT NULL", "CASCADE")
            };
            for table in tables {
                db.execute_unprepared(&format!("ALTER TABLE {table} ALTER COLUMN user_id {null}"))
                    .await?;
                replace_pg_user_key(db, table, action).await?;
            }
            Ok(())
        }
    }
}

//! PostgreSQL keeps each petition's search vector in a stored generated column (with its GIN
//! index) instead of computing it in the query: a list filtered by a word can then walk the
//! region's petitions newest first checking a stored vector, which stays fast for rare and common
//! words alike. SQLite's full-text table is unchanged.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        for sql in [
            "ALTER TABLE petitions ADD COLUMN search tsvector GENERATED ALWAYS AS \
             (to_tsvector('simple', title || ' ' || request || ' ' || reasons)) STORED",
            "CREATE INDEX ix_petitions_search_vector ON petitions USING GIN (search)",
            "DROP INDEX IF EXISTS ix_petitions_search",
        ] {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        for sql in [
            "CREATE INDEX ix_petitions_search ON petitions USING GIN \
             (to_tsvector('simple', title || ' ' || request || ' ' || reasons))",
            "DROP INDEX IF EXISTS ix_petitions_search_vector",
            "ALTER TABLE petitions DROP COLUMN search",
        ] {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }
}

//! Full-text search over petitions (title, request, reasons): an FTS5 table kept in step by
//! triggers on SQLite, a GIN index on the `simple` text search configuration on PostgreSQL,
//! which suits Arabic, Tifinagh, French and English alike (no stemming in any of them).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        full_text_search(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        if manager.get_database_backend() == DatabaseBackend::Sqlite {
            for trigger in [
                "petitions_fts_insert",
                "petitions_fts_update",
                "petitions_fts_delete",
            ] {
                db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {trigger}"))
                    .await?;
            }
            db.execute_unprepared("DROP TABLE IF EXISTS petitions_fts")
                .await?;
        } else {
            db.execute_unprepared("DROP INDEX IF EXISTS ix_petitions_search")
                .await?;
        }
        Ok(())
    }
}

/// Search over title, request and reasons: an FTS5 table kept in step by triggers (SQLite), or
/// a GIN index on the `simple` text search configuration, which suits Arabic, Tifinagh, French
/// and English alike (PostgreSQL).
async fn full_text_search(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    match manager.get_database_backend() {
        DatabaseBackend::Sqlite => {
            for sql in [
                "CREATE VIRTUAL TABLE petitions_fts USING fts5(title, request, reasons, \
                 content='petitions', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
                "CREATE TRIGGER petitions_fts_insert AFTER INSERT ON petitions BEGIN \
                 INSERT INTO petitions_fts(rowid, title, request, reasons) \
                 VALUES (new.id, new.title, new.request, new.reasons); END",
                "CREATE TRIGGER petitions_fts_delete AFTER DELETE ON petitions BEGIN \
                 INSERT INTO petitions_fts(petitions_fts, rowid, title, request, reasons) \
                 VALUES ('delete', old.id, old.title, old.request, old.reasons); END",
                "CREATE TRIGGER petitions_fts_update AFTER UPDATE OF title, request, reasons \
                 ON petitions BEGIN \
                 INSERT INTO petitions_fts(petitions_fts, rowid, title, request, reasons) \
                 VALUES ('delete', old.id, old.title, old.request, old.reasons); \
                 INSERT INTO petitions_fts(rowid, title, request, reasons) \
                 VALUES (new.id, new.title, new.request, new.reasons); END",
            ] {
                db.execute_unprepared(sql).await?;
            }
        }
        _ => {
            db.execute_unprepared(
                "CREATE INDEX ix_petitions_search ON petitions USING GIN \
                 (to_tsvector('simple', title || ' ' || request || ' ' || reasons))",
            )
            .await?;
        }
    }
    Ok(())
}

//! Database connections: SQLite (embedded default) or PostgreSQL, chosen by URL.

use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr};

/// Opens a pool on `url` with at most `max_connections` (default: 8 on SQLite, 16 on PostgreSQL).
///
/// SQLite files are created if missing and run in WAL mode with foreign keys on and a busy
/// timeout, so that concurrent writers wait instead of failing.
pub async fn connect(url: &str, max_connections: Option<u32>) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| {
            o.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5))
        });
    let default = if is_sqlite(url) { 8 } else { 16 };
    options
        .max_connections(max_connections.unwrap_or(default).max(1))
        .min_connections(1);
    Database::connect(options).await
}

/// Whether `url` names an SQLite database.
pub fn is_sqlite(url: &str) -> bool {
    url.starts_with("sqlite:")
}

/// Checks that the database answers a trivial query.
pub async fn ping(db: &DatabaseConnection) -> Result<(), DbErr> {
    db.execute_unprepared("SELECT 1").await.map(|_| ())
}

/// Begins a transaction that will write. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`), so that it waits for other writers (busy timeout) instead of failing when
/// a read inside it would need upgrading after another commit; elsewhere, a plain `BEGIN`.
pub async fn begin_write(db: &DatabaseConnection) -> Result<sea_orm::DatabaseTransaction, DbErr> {
    use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}

/// `err` as the domain sees it, a unique index's violation being `Conflict(code)`: the index is
/// the source of truth for "only once".
pub fn conflict_on_unique(err: DbErr, code: &'static str) -> crate::DomainError {
    match err.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => crate::DomainError::Conflict(code),
        _ => err.into(),
    }
}

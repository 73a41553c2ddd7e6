//! Start-up: connect, migrate, seed, then serve until SIGINT/SIGTERM.

use domain::AppContext;
use migration::{Migrator, MigratorTrait};
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;

use crate::{AppState, Config, build_router};

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("cannot connect to the database at {url}: {source}")]
    Connect { url: String, source: sea_orm::DbErr },
    #[error("cannot prepare the data folder {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error("database migration failed: {0}")]
    Migrate(sea_orm::DbErr),
    #[error("seeding the regions failed: {0}")]
    Seed(sea_orm::DbErr),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: String,
        source: std::io::Error,
    },
    #[error("server error: {0}")]
    Serve(std::io::Error),
    #[error("{0}")]
    Admin(String),
    #[error("email configuration: {0}")]
    Mail(domain::mail::MailError),
    #[error("secret key: {0}")]
    SecretKey(String),
}

/// The keys from `SECRET_KEY`, else from `SECRET_KEY_FILE` (created with 32 random bytes, hex,
/// readable by its owner only, when missing).
pub fn load_keys(config: &Config) -> Result<domain::secrets::Keys, StartupError> {
    let key_error = |e: domain::DomainError| StartupError::SecretKey(e.to_string());
    if let Some(secret) = &config.secret_key {
        return domain::secrets::Keys::derive(secret.trim().as_bytes()).map_err(key_error);
    }
    let path = &config.secret_key_file;
    let file_error =
        |source: std::io::Error| StartupError::SecretKey(format!("{}: {source}", path.display()));
    if !path.exists() {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(file_error)?;
        }
        let secret: String = rand::random::<[u8; 32]>()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        write_private(path, &secret).map_err(file_error)?;
        tracing::info!(path = %path.display(), "created a new secret key file");
    }
    let secret = std::fs::read_to_string(path).map_err(file_error)?;
    domain::secrets::Keys::derive(secret.trim().as_bytes()).map_err(key_error)
}

#[cfg(unix)]
fn write_private(path: &std::path::Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(content.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &std::path::Path, content: &str) -> std::io::Result<()> {
    std::fs::write(path, content)
}

/// Connects to the database, creating the SQLite folder if needed, then migrates and seeds it.
pub async fn prepare_database(
    url: &str,
    max_connections: Option<u32>,
) -> Result<DatabaseConnection, StartupError> {
    if let Some(dir) = sqlite_parent_dir(url) {
        std::fs::create_dir_all(&dir).map_err(|source| StartupError::DataDir {
            path: dir.clone(),
            source,
        })?;
    }
    // A new SQLite file is created readable by its owner only (SQLite gives its journal the
    // same permissions): it holds accounts and signatories.
    if let Some(file) = sqlite_file(url) {
        create_private(std::path::Path::new(&file)).map_err(|source| StartupError::DataDir {
            path: file.clone(),
            source,
        })?;
    }
    let db = domain::db::connect(url, max_connections)
        .await
        .map_err(|source| StartupError::Connect {
            url: redact(url),
            source,
        })?;
    Migrator::up(&db, None)
        .await
        .map_err(StartupError::Migrate)?;
    // The connections that saw the schema before (or while) it changed may keep statements
    // and table definitions of the old one: the app starts on new connections.
    db.close().await.map_err(|source| StartupError::Connect {
        url: redact(url),
        source,
    })?;
    let db = domain::db::connect(url, max_connections)
        .await
        .map_err(|source| StartupError::Connect {
            url: redact(url),
            source,
        })?;
    let report = migration::seed::seed_regions(&db)
        .await
        .map_err(StartupError::Seed)?;
    let guides = migration::seed_guides::seed_guides(&db)
        .await
        .map_err(StartupError::Seed)?;
    tracing::info!(
        regions = report.regions,
        provinces = report.provinces,
        guides_added = guides,
        "database ready"
    );
    Ok(db)
}

/// Runs the server with `config` until a shutdown signal.
pub async fn serve(config: Config) -> Result<(), StartupError> {
    let db = prepare_database(&config.database_url, config.database_max_connections).await?;
    let keys = load_keys(&config)?;
    let ctx = AppContext::new(db, keys).with_public_url(&config.public_url());
    let mailer = crate::workers::outbox::mailer(&config).map_err(StartupError::Mail)?;
    let outbox = crate::workers::outbox::spawn(ctx.clone(), mailer);
    let rounds = crate::workers::rounds::spawn(
        ctx.clone(),
        std::time::Duration::from_secs(config.petition_interval_secs),
    );
    let cleanup = crate::workers::cleanup::spawn(
        ctx.clone(),
        std::time::Duration::from_secs(config.cleanup_interval_secs),
        chrono::Duration::days(i64::from(config.signatory_retention_days)),
    );
    let state = AppState::new(ctx, &config);
    let app = build_router(state, &config);
    let listener = TcpListener::bind(config.bind_addr)
        .await
        .map_err(|source| StartupError::Bind {
            addr: config.bind_addr.to_string(),
            source,
        })?;
    let addr = listener.local_addr().map_err(StartupError::Serve)?;
    println!("Musharaka is running at http://{addr}/");
    tracing::info!(%addr, "listening");
    crate::serve::serve(
        listener,
        app,
        std::time::Duration::from_secs(config.header_timeout_secs),
        shutdown_signal(),
    )
    .await;
    outbox.abort();
    cleanup.abort();
    rounds.abort();
    tracing::info!("stopped");
    Ok(())
}

/// The SQLite database file `url` names, if it names one.
fn sqlite_file(url: &str) -> Option<String> {
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = path.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then(|| path.to_owned())
}

/// Creates `path` empty, readable and writable by its owner only, unless it exists.
fn create_private(path: &std::path::Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(err) => Err(err),
    }
}

/// The folder of an SQLite database file, if `url` names one.
fn sqlite_parent_dir(url: &str) -> Option<String> {
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = path.split('?').next()?;
    if path.is_empty() || path == ":memory:" {
        return None;
    }
    let parent = std::path::Path::new(path).parent()?;
    let parent = parent.to_string_lossy().into_owned();
    (!parent.is_empty()).then_some(parent)
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(%err, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!(%err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    tracing::info!("shutting down: finishing requests in flight");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_folder_of_an_sqlite_file() {
        assert_eq!(
            sqlite_parent_dir("sqlite://data/musharaka.db?mode=rwc").as_deref(),
            Some("data")
        );
        assert_eq!(sqlite_parent_dir("sqlite://x.db").as_deref(), None);
        assert_eq!(sqlite_parent_dir("sqlite::memory:").as_deref(), None);
        assert_eq!(sqlite_parent_dir("postgres://u@h/db"), None);
    }

    #[tokio::test]
    async fn a_new_sqlite_file_is_private() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("data").join("musharaka.db");
        let url = format!("sqlite://{}?mode=rwc", file.display());
        prepare_database(&url, Some(1))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file)
                .map(|m| m.permissions().mode() & 0o777)
                .unwrap_or(0);
            assert_eq!(mode, 0o600);
        }
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://u@h/db"), None);
    }

    #[test]
    fn hides_passwords() {
        assert_eq!(
            redact("postgres://user:secret@host/db"),
            "postgres://user:***@host/db"
        );
        assert_eq!(redact("postgres://user@host/db"), "postgres://user@host/db");
        assert_eq!(redact("sqlite://data/x.db"), "sqlite://data/x.db");
    }
}

//! Configuration from the environment (or flags), with documented defaults.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

/// How the server runs. Every field has an environment variable and a default.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Database URL: `sqlite://path?mode=rwc` (embedded default) or `postgres://…`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/musharaka.db?mode=rwc"
    )]
    pub database_url: String,

    /// Largest number of database connections (default: 8 on SQLite, 16 on PostgreSQL).
    #[arg(long, env = "DATABASE_MAX_CONNECTIONS")]
    pub database_max_connections: Option<u32>,

    /// Address and port to listen on.
    #[arg(long, env = "BIND_ADDR", default_value = "127.0.0.1:3000")]
    pub bind_addr: SocketAddr,

    /// Folder holding the built browser bundle (`pkg/` and `manifest.json`).
    #[arg(long, env = "SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// Seconds before a request is answered with 408.
    #[arg(long, env = "REQUEST_TIMEOUT_SECS", default_value_t = 30)]
    pub request_timeout_secs: u64,

    /// Largest request body accepted, in bytes (larger: 413).
    #[arg(long, env = "BODY_LIMIT_BYTES", default_value_t = 1024 * 1024)]
    pub body_limit_bytes: usize,

    /// Address of the site as users reach it, for links in emails (default: from BIND_ADDR).
    #[arg(long, env = "PUBLIC_URL")]
    pub public_url: Option<String>,

    /// SMTP server for email, e.g. `smtps://user:pass@smtp.example.ma`; unset: `.eml` files.
    #[arg(long, env = "SMTP_URL")]
    pub smtp_url: Option<String>,

    /// Sender of the platform's emails.
    #[arg(
        long,
        env = "MAIL_FROM",
        default_value = "Musharaka <no-reply@musharaka.localhost>"
    )]
    pub mail_from: String,

    /// Folder for `.eml` files when `SMTP_URL` is unset.
    #[arg(long, env = "OUTBOX_DIR", default_value = "data/outbox")]
    pub outbox_dir: PathBuf,
}

impl Config {
    /// The request timeout as a duration.
    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_secs)
    }

    /// The public address: `PUBLIC_URL`, else `http://` and the bind address.
    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.bind_addr))
    }

    /// A configuration for tests and tools: everything default but the database.
    pub fn for_database(database_url: &str) -> Self {
        Self {
            database_url: database_url.to_owned(),
            database_max_connections: None,
            bind_addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            site_root: PathBuf::from("target/site"),
            request_timeout_secs: 30,
            body_limit_bytes: 1024 * 1024,
            public_url: None,
            smtp_url: None,
            mail_from: "Musharaka <no-reply@musharaka.localhost>".to_owned(),
            outbox_dir: PathBuf::from("data/outbox"),
        }
    }
}

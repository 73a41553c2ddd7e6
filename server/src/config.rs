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
        default_value = "sqlite://data/musharaka.db?mode=rwc",
        hide_env_values = true
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

    /// Seconds a client has to send a request's headers (slower: the connection is closed).
    #[arg(long, env = "HEADER_TIMEOUT_SECS", default_value_t = 10)]
    pub header_timeout_secs: u64,

    /// Largest request body accepted, in bytes (larger: 413).
    #[arg(long, env = "BODY_LIMIT_BYTES", default_value_t = 1024 * 1024)]
    pub body_limit_bytes: usize,

    /// Largest petition filing (its documents included), in bytes.
    #[arg(long, env = "UPLOAD_LIMIT_BYTES", default_value_t = 26 * 1024 * 1024)]
    pub upload_limit_bytes: usize,

    /// Address of the site as users reach it, for links in emails (default: from BIND_ADDR).
    #[arg(long, env = "PUBLIC_URL")]
    pub public_url: Option<String>,

    /// SMTP server for email, e.g. `smtps://user:pass@smtp.example.ma`; unset: `.eml` files.
    #[arg(long, env = "SMTP_URL", hide_env_values = true)]
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

    /// Sign-in attempts allowed per IP address and hour (raise it when many users share one
    /// address, e.g. behind a campus or carrier NAT).
    #[arg(long, env = "SIGN_IN_LIMIT_PER_IP", default_value_t = 300)]
    pub sign_in_limit_per_ip: u32,

    /// Registrations allowed per IP address and hour.
    #[arg(long, env = "REGISTER_LIMIT_PER_IP", default_value_t = 20)]
    pub register_limit_per_ip: u32,

    /// Password reset requests allowed per IP address and hour.
    #[arg(long, env = "RESET_LIMIT_PER_IP", default_value_t = 20)]
    pub reset_limit_per_ip: u32,

    /// Signatures by email (each sends a confirmation email) allowed per IP address and hour.
    #[arg(long, env = "SIGN_LIMIT_PER_IP", default_value_t = 300)]
    pub sign_limit_per_ip: u32,

    /// Signatures by email of one petition allowed per network (IPv4 /24, IPv6 /64) and hour.
    #[arg(long, env = "SIGN_LIMIT_PER_PETITION_NETWORK", default_value_t = 100)]
    pub sign_limit_per_petition_network: u32,

    /// Email address changes one account may ask for in a day.
    #[arg(long, env = "EMAIL_CHANGES_PER_DAY", default_value_t = 5)]
    pub email_changes_per_day: u32,

    /// Proposals one account may submit in a day.
    #[arg(long, env = "PROPOSALS_PER_DAY", default_value_t = 10)]
    pub proposals_per_day: u32,

    /// Comments one account may write in a day.
    #[arg(long, env = "COMMENTS_PER_DAY", default_value_t = 50)]
    pub comments_per_day: u32,

    /// Reports one account may make in a day.
    #[arg(long, env = "REPORTS_PER_DAY", default_value_t = 30)]
    pub reports_per_day: u32,

    /// Answers (and edits of one's answer) to consultations one account may send in a day.
    #[arg(long, env = "ANSWERS_PER_DAY", default_value_t = 50)]
    pub answers_per_day: u32,

    /// Proposals one account may support in a day.
    #[arg(long, env = "SUPPORTS_PER_DAY", default_value_t = 200)]
    pub supports_per_day: u32,

    /// Regions one account may start following in a day.
    #[arg(long, env = "FOLLOWS_PER_DAY", default_value_t = 20)]
    pub follows_per_day: u32,

    /// Each participation action (answer, proposal, comment, support, report, follow) allowed
    /// from one network (IPv4 /24, IPv6 /64) in an hour.
    #[arg(long, env = "PARTICIPATION_PER_NETWORK_HOUR", default_value_t = 600)]
    pub participation_per_network_hour: u32,

    /// The smallest number of people a count in a consultation's results may hold (smaller
    /// counts are not shown; at least 2).
    #[arg(long, env = "RESULTS_MIN_CELL", default_value_t = domain::context::DEFAULT_MIN_CELL)]
    pub results_min_cell: u64,

    /// The reverse proxies (addresses or CIDR networks, comma-separated) whose
    /// `X-Forwarded-For` names the client. Unset: the peer is the client.
    #[arg(
        long,
        env = "TRUSTED_PROXIES",
        value_delimiter = ',',
        value_parser = crate::client_origin::parse_network
    )]
    pub trusted_proxies: Vec<ipnet::IpNet>,

    /// The master secret (at least 32 characters) from which the keys that hash and seal CIN
    /// numbers are derived. Unset: read from `SECRET_KEY_FILE`.
    #[arg(long, env = "SECRET_KEY", hide_env_values = true)]
    pub secret_key: Option<String>,

    /// File holding the master secret when `SECRET_KEY` is unset; created with a random secret
    /// when missing. Back it up with the database: without it, sealed CINs cannot be read.
    #[arg(long, env = "SECRET_KEY_FILE", default_value = "data/secret.key")]
    pub secret_key_file: PathBuf,

    /// Seconds between two updates of the petitions' counts and thresholds (public counts lag by
    /// at most this much).
    #[arg(long, env = "PETITION_INTERVAL_SECS", default_value_t = 5)]
    pub petition_interval_secs: u64,

    /// Seconds between two clean-ups of expired sessions, rate-limit counts and used links.
    #[arg(long, env = "CLEANUP_INTERVAL_SECS", default_value_t = 3600)]
    pub cleanup_interval_secs: u64,

    /// Days after a petition closed (answered, inadmissible, expired, withdrawn) before its
    /// signatories' names, CIN numbers and addresses are erased (counts stay).
    #[arg(long, env = "SIGNATORY_RETENTION_DAYS", default_value_t = 365)]
    pub signatory_retention_days: u32,
}

impl Config {
    /// The request timeout as a duration.
    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_secs)
    }

    /// The per-IP rate limits.
    pub fn ip_limits(&self) -> domain::rate_limits::IpLimits {
        domain::rate_limits::IpLimits::per_hour(
            self.sign_in_limit_per_ip,
            self.register_limit_per_ip,
            self.reset_limit_per_ip,
            self.sign_limit_per_ip,
        )
    }

    /// The limits the domain applies to participation.
    pub fn participation_limits(&self) -> domain::rate_limits::ParticipationLimits {
        domain::rate_limits::ParticipationLimits::with_maxima(
            self.sign_limit_per_petition_network,
            [
                self.email_changes_per_day,
                self.proposals_per_day,
                self.comments_per_day,
                self.reports_per_day,
            ],
        )
        .with_participation([
            self.answers_per_day,
            self.supports_per_day,
            self.follows_per_day,
            self.participation_per_network_hour,
        ])
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
            header_timeout_secs: 10,
            body_limit_bytes: 1024 * 1024,
            upload_limit_bytes: 26 * 1024 * 1024,
            public_url: None,
            smtp_url: None,
            mail_from: "Musharaka <no-reply@musharaka.localhost>".to_owned(),
            outbox_dir: PathBuf::from("data/outbox"),
            sign_in_limit_per_ip: 300,
            register_limit_per_ip: 20,
            reset_limit_per_ip: 20,
            sign_limit_per_ip: 300,
            sign_limit_per_petition_network: 100,
            email_changes_per_day: 5,
            proposals_per_day: 10,
            comments_per_day: 50,
            reports_per_day: 30,
            answers_per_day: 50,
            supports_per_day: 200,
            follows_per_day: 20,
            participation_per_network_hour: 600,
            results_min_cell: domain::context::DEFAULT_MIN_CELL,
            trusted_proxies: Vec::new(),
            cleanup_interval_secs: 3600,
            signatory_retention_days: 365,
            petition_interval_secs: 5,
            secret_key: None,
            secret_key_file: PathBuf::from("data/secret.key"),
        }
    }
}

//! The test harness: `TestApp` builds the real router on a fresh database (SQLite file or a new
//! PostgreSQL database, dropped afterwards) and sends requests to it in memory.

mod client;
mod people;
mod postgres;
mod smtp;

use axum::Router;
use axum::body::Body;
use std::sync::Arc;

use domain::{AppContext, FixedClock};
use http::{HeaderMap, Request, StatusCode};
use sea_orm::DatabaseConnection;
use server::{AppState, Config, build_router};
use tower::ServiceExt;

pub use client::Client;
pub use people::PASSWORD;
pub use postgres::PgDatabase;
pub use smtp::SmtpSink;

/// The public address of test apps (links in emails start with it).
pub const PUBLIC_URL: &str = "http://musharaka.test";

/// What a test gives back: an error (`?`) fails it with its message.
pub type TestResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

/// Runs a test body (an `async fn(TestApp)`) once on SQLite and once on PostgreSQL:
/// `both_databases!(my_test);` makes `my_test::sqlite` and `my_test::postgres`.
#[macro_export]
macro_rules! both_databases {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test]
                async fn sqlite() -> $crate::TestResult {
                    super::$name($crate::TestApp::sqlite().await).await
                }

                #[tokio::test]
                async fn postgres() -> $crate::TestResult {
                    match $crate::TestApp::postgres().await {
                        Some(app) => super::$name(app).await,
                        None => Ok(()),
                    }
                }
            }
        )*
    };
}

/// The keys of every test app (from a test-only secret).
pub fn test_keys() -> domain::secrets::Keys {
    domain::secrets::Keys::derive(b"musharaka tests: a secret never used in production")
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Where the built browser bundle is (`cargo xtask bundle` writes it).
pub fn site_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("target")
        .join("site")
}

/// One application on its own fresh database.
pub struct TestApp {
    pub router: Router,
    pub db: DatabaseConnection,
    pub config: Config,
    /// The app's clock: fixed at 2026-11-29 10:00 UTC until a test advances it.
    pub clock: FixedClock,
    ctx: AppContext,
    _database: TestDatabase,
}

enum TestDatabase {
    Sqlite(
        #[expect(dead_code, reason = "kept alive: the folder is deleted on drop")]
        tempfile::TempDir,
    ),
    Postgres(
        #[expect(dead_code, reason = "kept alive: the database is dropped on drop")] PgDatabase,
    ),
}

impl TestApp {
    /// An app on a new SQLite file.
    pub async fn sqlite() -> Self {
        Self::sqlite_with(|_| {}).await
    }

    /// An app on a new SQLite file, with its configuration changed by `configure`.
    pub async fn sqlite_with(configure: impl FnOnce(&mut Config)) -> Self {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("cannot create a temp dir: {e}"));
        let url = format!("sqlite://{}/test.db?mode=rwc", dir.path().display());
        Self::on(&url, TestDatabase::Sqlite(dir), configure).await
    }

    /// An app on a new PostgreSQL database; `None` (with a loud message) only when
    /// `SKIP_POSTGRES_TESTS=1` and the server is unreachable.
    pub async fn postgres() -> Option<Self> {
        Self::postgres_with(|_| {}).await
    }

    /// An app on a new PostgreSQL database, with its configuration changed by `configure`.
    pub async fn postgres_with(configure: impl FnOnce(&mut Config)) -> Option<Self> {
        let database = PgDatabase::migrated().await?;
        let url = database.url.clone();
        Some(Self::on(&url, TestDatabase::Postgres(database), configure).await)
    }

    async fn on(url: &str, database: TestDatabase, configure: impl FnOnce(&mut Config)) -> Self {
        // The app's warnings and errors go to the test's output, shown when the test fails.
        let _ = tracing_subscriber::fmt()
            .with_env_filter(
                tracing_subscriber::EnvFilter::try_from_env("TEST_LOG")
                    .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
            )
            .with_test_writer()
            .try_init();
        let db = server::startup::prepare_database(url, Some(4))
            .await
            .unwrap_or_else(|e| panic!("cannot prepare the test database: {e}"));
        let mut config = Config::for_database(url);
        config.site_root = site_root();
        configure(&mut config);
        let start = chrono::DateTime::parse_from_rfc3339("2026-11-29T10:00:00Z")
            .map(|t| t.to_utc())
            .unwrap_or_else(|e| panic!("{e}"));
        let clock = FixedClock::new(start);
        let ctx = AppContext::new(db.clone(), test_keys())
            .with_clock(Arc::new(clock.clone()))
            .with_public_url(PUBLIC_URL);
        let state = AppState::new(ctx.clone(), &config);
        let router = build_router(state, &config);
        Self {
            router,
            db,
            config,
            clock,
            ctx,
            _database: database,
        }
    }

    /// The domain context of this app.
    pub fn ctx(&self) -> AppContext {
        self.ctx.clone()
    }

    /// The app clock's current time.
    pub fn clock_now(&self) -> chrono::DateTime<chrono::Utc> {
        use domain::Clock;
        self.clock.now()
    }

    /// `GET path`.
    pub async fn get(&self, path: &str) -> TestResponse {
        self.get_with(path, &[]).await
    }

    /// `GET path` with extra headers.
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> TestResponse {
        let mut builder = Request::get(path);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        let request = builder
            .body(Body::empty())
            .unwrap_or_else(|e| panic!("bad request for {path}: {e}"));
        self.request(request).await
    }

    /// Sends any request through the router, in memory.
    pub async fn request(&self, request: Request<Body>) -> TestResponse {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .unwrap_or_else(|e| match e {});
        let status = response.status();
        let headers = response.headers().clone();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap_or_else(|e| panic!("cannot read the body: {e}"));
        TestResponse {
            status,
            headers,
            body: body.to_vec(),
        }
    }
}

/// A response, read whole.
#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl TestResponse {
    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    /// A header's value as text ("" when absent).
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }
}

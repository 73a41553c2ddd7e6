//! A PostgreSQL database per test, created on the server named by `TEST_DATABASE_URL`
//! (default `postgres://postgres@127.0.0.1:5432/postgres`) and dropped when the test ends.
//! Apps start on a copy of a template migrated and seeded once per test process (`CREATE
//! DATABASE … TEMPLATE`), not on a database each migrates from nothing.

use std::sync::{Mutex, OnceLock};

use sea_orm::{ConnectionTrait, Database, DatabaseConnection};

const DEFAULT_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// The server's administration URL.
fn admin_url() -> String {
    std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_ADMIN_URL.to_owned())
}

/// The URL of database `name` on the server of `admin_url`.
fn url_of(admin_url: &str, name: &str) -> String {
    match admin_url.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{name}"),
        None => panic!("TEST_DATABASE_URL has no database name: {admin_url}"),
    }
}

/// This process's template: migrated and seeded once, then only copied (`None`: the server is
/// not there and the tests are skipped). Templates of test processes that ended are dropped.
async fn template() -> Option<String> {
    static TEMPLATE: OnceLock<Option<String>> = OnceLock::new();
    static MAKING: Mutex<()> = Mutex::new(());
    if let Some(made) = TEMPLATE.get() {
        return made.clone();
    }
    // Each test has a runtime of its own: the template is made once, on a thread of its own.
    std::thread::spawn(|| {
        let _one_at_a_time = MAKING
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(made) = TEMPLATE.get() {
            return made.clone();
        }
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        let made = runtime.block_on(make_template());
        let _ = TEMPLATE.set(made.clone());
        made
    })
    .join()
    .unwrap_or_else(|_| panic!("making the PostgreSQL template failed"))
}

async fn make_template() -> Option<String> {
    let database = PgDatabase::create().await?;
    let db: DatabaseConnection = server::startup::prepare_database(&database.url, Some(2))
        .await
        .unwrap_or_else(|e| panic!("cannot prepare the template database: {e}"));
    let _ = db.close().await;
    let name = format!(
        "musharaka_template_{}_{:08x}",
        std::process::id(),
        rand::random::<u32>()
    );
    let admin = Database::connect(&admin_url())
        .await
        .unwrap_or_else(|e| panic!("cannot reach PostgreSQL: {e}"));
    // The app's connections may take a moment to leave: try again.
    let rename = format!("ALTER DATABASE {} RENAME TO {name}", database.name);
    let mut attempt = 0;
    while let Err(e) = admin.execute_unprepared(&rename).await {
        attempt += 1;
        if attempt >= 50 {
            panic!("cannot name the template: {e}");
        }
        tokio::time::sleep(std::time::Duration::from_millis(20 * attempt)).await;
    }
    // It is this process's now: not dropped with `database`.
    std::mem::forget(database);
    drop_templates_of_ended_processes(&admin).await;
    let _ = admin.close().await;
    Some(name)
}

/// Drops the templates whose test process has ended (their name carries its id).
async fn drop_templates_of_ended_processes(admin: &DatabaseConnection) {
    let Ok(rows) = admin
        .query_all_raw(sea_orm::Statement::from_string(
            sea_orm::DatabaseBackend::Postgres,
            "SELECT datname FROM pg_database WHERE datname LIKE 'musharaka_template_%'",
        ))
        .await
    else {
        return;
    };
    for row in rows {
        let Ok(name) = row.try_get::<String>("", "datname") else {
            continue;
        };
        let pid = name
            .trim_start_matches("musharaka_template_")
            .split('_')
            .next()
            .and_then(|p| p.parse::<u32>().ok());
        let ended = pid.is_some_and(|pid| {
            pid != std::process::id() && !std::path::Path::new(&format!("/proc/{pid}")).exists()
        });
        if ended {
            let _ = admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await;
        }
    }
}

/// A database that exists for one test.
pub struct PgDatabase {
    pub name: String,
    pub url: String,
    admin_url: String,
}

impl PgDatabase {
    /// Creates a uniquely named, empty database. When the server is unreachable the test fails
    /// with instructions, unless `SKIP_POSTGRES_TESTS=1`, which skips it with a loud warning.
    pub async fn create() -> Option<Self> {
        Self::create_from(None).await
    }

    /// Creates a uniquely named database, migrated and seeded: a copy of this process's template
    /// (made on first use).
    pub async fn migrated() -> Option<Self> {
        let template = template().await?;
        Self::create_from(Some(&template)).await
    }

    async fn create_from(template: Option<&str>) -> Option<Self> {
        let admin_url = admin_url();
        let admin = match Database::connect(&admin_url).await {
            Ok(db) => db,
            Err(err) => {
                let message = format!(
                    "PostgreSQL is not reachable at {admin_url} ({err}). Start it, or point \
                     TEST_DATABASE_URL at a server where this user may create databases."
                );
                if std::env::var("SKIP_POSTGRES_TESTS").as_deref() == Ok("1") {
                    eprintln!("\n!!! SKIPPED a PostgreSQL test: {message}\n");
                    return None;
                }
                panic!("{message} (SKIP_POSTGRES_TESTS=1 skips these tests locally)");
            }
        };
        let name = format!("musharaka_test_{:016x}", rand::random::<u64>());
        let create = match template {
            Some(template) => format!("CREATE DATABASE {name} TEMPLATE {template}"),
            None => format!("CREATE DATABASE {name}"),
        };
        // Copies of one template made at the same moment may find it busy: try again.
        let mut attempt = 0;
        while let Err(e) = admin.execute_unprepared(&create).await {
            attempt += 1;
            if attempt >= 50 {
                panic!("cannot create database {name}: {e}");
            }
            tokio::time::sleep(std::time::Duration::from_millis(20 * attempt)).await;
        }
        let _ = admin.close().await;
        let url = url_of(&admin_url, &name);
        Some(Self {
            name,
            url,
            admin_url,
        })
    }

    /// Refuses (or allows again) new connections to this database, and ends the current ones:
    /// the database becomes unreachable for the app, as in an outage.
    pub async fn set_reachable(&self, reachable: bool) {
        let admin = Database::connect(&self.admin_url)
            .await
            .unwrap_or_else(|e| panic!("cannot reach PostgreSQL: {e}"));
        let name = &self.name;
        admin
            .execute_unprepared(&format!(
                "ALTER DATABASE {name} WITH ALLOW_CONNECTIONS {reachable}"
            ))
            .await
            .unwrap_or_else(|e| panic!("cannot alter database {name}: {e}"));
        if !reachable {
            admin
                .execute_unprepared(&format!(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
                ))
                .await
                .unwrap_or_else(|e| panic!("cannot end connections to {name}: {e}"));
        }
        let _ = admin.close().await;
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let admin_url = self.admin_url.clone();
        let name = self.name.clone();
        // Drop runs inside the test's runtime: do the async clean-up on a thread of its own.
        let cleanup = std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            runtime.block_on(async move {
                if let Ok(admin) = Database::connect(&admin_url).await {
                    let _ = admin
                        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .await;
                    let _ = admin.close().await;
                }
            });
        });
        let _ = cleanup.join();
    }
}

//! A PostgreSQL database per test, created on the server named by `TEST_DATABASE_URL`
//! (default `postgres://postgres@127.0.0.1:5432/postgres`) and dropped when the test ends.

use sea_orm::{ConnectionTrait, Database};

const DEFAULT_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// A database that exists for one test.
pub struct PgDatabase {
    pub name: String,
    pub url: String,
    admin_url: String,
}

impl PgDatabase {
    /// Creates a uniquely named database. When the server is unreachable the test fails with
    /// instructions, unless `SKIP_POSTGRES_TESTS=1`, which skips it with a loud warning.
    pub async fn create() -> Option<Self> {
        let admin_url =
            std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_ADMIN_URL.to_owned());
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
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .unwrap_or_else(|e| panic!("cannot create database {name}: {e}"));
        let _ = admin.close().await;
        let url = match admin_url.rsplit_once('/') {
            Some((server, _)) => format!("{server}/{name}"),
            None => panic!("TEST_DATABASE_URL has no database name: {admin_url}"),
        };
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

//! What every domain operation needs: the database and the clock.

use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::clock::{Clock, SystemClock};

/// Shared handles for domain operations. Cheap to clone.
#[derive(Debug, Clone)]
pub struct AppContext {
    pub db: DatabaseConnection,
    pub clock: Arc<dyn Clock>,
    /// Address of the site as users reach it, for links in emails (no trailing slash).
    pub public_url: Arc<str>,
}

impl AppContext {
    /// A context on `db` with the system clock.
    pub fn new(db: DatabaseConnection) -> Self {
        Self {
            db,
            clock: Arc::new(SystemClock),
            public_url: Arc::from("http://127.0.0.1:3000"),
        }
    }

    /// Sets the public address used in links.
    #[must_use]
    pub fn with_public_url(mut self, url: &str) -> Self {
        self.public_url = Arc::from(url.trim_end_matches('/'));
        self
    }

    /// Replaces the clock (tests).
    #[must_use]
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }
}

//! What every domain operation needs: the database and the clock.

use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::clock::{Clock, SystemClock};

/// Shared handles for domain operations. Cheap to clone.
#[derive(Debug, Clone)]
pub struct AppContext {
    pub db: DatabaseConnection,
    pub clock: Arc<dyn Clock>,
}

impl AppContext {
    /// A context on `db` with the system clock.
    pub fn new(db: DatabaseConnection) -> Self {
        Self {
            db,
            clock: Arc::new(SystemClock),
        }
    }

    /// Replaces the clock (tests).
    #[must_use]
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }
}

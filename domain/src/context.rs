//! What every domain operation needs: the database, the clock, the secret keys and the limits.

use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::clock::{Clock, SystemClock};
use crate::rate_limits::ParticipationLimits;
use crate::secrets::Keys;

/// The smallest cell shown in results unless set otherwise.
pub const DEFAULT_MIN_CELL: u64 = 5;

/// Shared handles for domain operations. Cheap to clone.
#[derive(Debug, Clone)]
pub struct AppContext {
    pub db: DatabaseConnection,
    pub clock: Arc<dyn Clock>,
    /// Address of the site as users reach it, for links in emails (no trailing slash).
    pub public_url: Arc<str>,
    /// Keys for CIN hashes and sealed personal data.
    pub keys: Arc<Keys>,
    /// Limits on participation (signatures per network, …).
    pub limits: ParticipationLimits,
    /// The smallest number of people a count shown in results may hold
    /// (`crate::consultations::disclosure`).
    pub min_cell: u64,
}

impl AppContext {
    /// A context on `db` with the system clock and `keys`.
    pub fn new(db: DatabaseConnection, keys: Keys) -> Self {
        Self {
            db,
            clock: Arc::new(SystemClock),
            public_url: Arc::from("http://127.0.0.1:3000"),
            keys: Arc::new(keys),
            limits: ParticipationLimits::default(),
            min_cell: DEFAULT_MIN_CELL,
        }
    }

    /// Replaces the smallest cell shown in results (at least 2).
    #[must_use]
    pub fn with_min_cell(mut self, k: u64) -> Self {
        self.min_cell = k.max(2);
        self
    }

    /// Replaces the participation limits.
    #[must_use]
    pub fn with_limits(mut self, limits: ParticipationLimits) -> Self {
        self.limits = limits;
        self
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

//! The session store of `tower-sessions`, kept in the database through `domain::sessions`.

use domain::AppContext;
use domain::sessions::{self, StoredSession};
use tower_sessions::cookie::SameSite;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result};
use tower_sessions::{Expiry, SessionManagerLayer, SessionStore};

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "musharaka_session";
/// The session key holding the signed-in user's id (set by the sign-in server function).
pub use frontend::web::request::USER_ID;

/// Sessions in the database.
#[derive(Debug, Clone)]
pub struct DbSessionStore {
    ctx: AppContext,
}

impl DbSessionStore {
    /// The store of `ctx`'s database.
    pub fn new(ctx: AppContext) -> Self {
        Self { ctx }
    }
}

/// The session layer: HttpOnly, SameSite=Lax, `Secure` when the site is served over https, and
/// two weeks of inactivity before a session ends.
pub fn layer(ctx: AppContext, public_url: &str) -> SessionManagerLayer<DbSessionStore> {
    SessionManagerLayer::new(DbSessionStore { ctx })
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(public_url.starts_with("https://"))
        .with_expiry(Expiry::OnInactivity(time::Duration::days(14)))
}

fn backend(err: domain::DomainError) -> Error {
    tracing::error!(%err, "session store");
    Error::Backend(err.code().to_owned())
}

/// The session layer counts time on the system clock; the store on the domain's (which tests
/// move). The expiry is kept as the same time left on the domain's clock.
fn stored(ctx: &AppContext, record: &Record) -> Result<StoredSession> {
    let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
    let left =
        record.expiry_date.unix_timestamp() - time::OffsetDateTime::now_utc().unix_timestamp();
    let expires_at = ctx.clock.now() + chrono::Duration::seconds(left);
    let user_id = record
        .data
        .get(USER_ID)
        .and_then(serde_json::Value::as_i64)
        .and_then(|id| i32::try_from(id).ok());
    Ok(StoredSession {
        user_id,
        data,
        expires_at,
    })
}

#[async_trait::async_trait]
impl SessionStore for DbSessionStore {
    /// Inserts the session; on the (astronomically unlikely) collision of ids, draws a new one.
    async fn create(&self, record: &mut Record) -> Result<()> {
        loop {
            let created = sessions::create_session(
                &self.ctx,
                &record.id.to_string(),
                stored(&self.ctx, record)?,
            )
            .await
            .map_err(backend)?;
            if created {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    /// Updates the session; one revoked meanwhile is not written back.
    async fn save(&self, record: &Record) -> Result<()> {
        let saved = sessions::save_session(
            &self.ctx,
            &record.id.to_string(),
            stored(&self.ctx, record)?,
        )
        .await
        .map_err(backend)?;
        if !saved {
            tracing::debug!("a session revoked during its request was not saved again");
        }
        Ok(())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let Some(stored) = sessions::load_session(&self.ctx, &id.to_string())
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let data = serde_json::from_str(&stored.data).map_err(|e| Error::Decode(e.to_string()))?;
        let left = (stored.expires_at - self.ctx.clock.now()).num_seconds();
        let expiry_date = time::OffsetDateTime::now_utc() + time::Duration::seconds(left);
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        sessions::delete_session(&self.ctx, &id.to_string())
            .await
            .map_err(backend)
    }
}

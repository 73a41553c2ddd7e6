//! The request as the server functions and the server's own handlers see it: the domain
//! context, the session, the current user (resolved once per request by the server's
//! middleware), where the request came from, redirects with a flash, and the mapping of domain
//! errors to what a client may be told.

use domain::types::Lang;
use domain::types::UserId;
use domain::{AppContext, DomainError};
use leptos::prelude::*;
use tower_sessions::Session;

use super::error::AppError;
use super::flash::Flash;
use crate::paths;

/// Session keys.
pub const FLASH: &str = "flash";
pub const USER_ID: &str = "user_id";
pub const SIGNED_IN_AT: &str = "signed_in_at";
pub const LAST_SEEN_AT: &str = "last_seen_at";
pub const STAFF: &str = "staff";

/// Marks a response that must become a 503 "busy" page (its value: seconds to wait).
pub const BUSY_HEADER: &str = "x-musharaka-busy";

/// The signed-in user of this request, put in the request's extensions by the server's
/// middleware ([`resolve_current_user`]); absent when nobody is signed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CurrentUser(pub UserId);

/// The domain context of the running app.
pub fn context() -> Result<AppContext, crate::web::error::AppError> {
    use_context::<AppContext>().ok_or_else(|| internal_message("no domain context"))
}

/// The request's parts (headers, extensions) as leptos provides them.
fn parts() -> Option<http::request::Parts> {
    use_context::<http::request::Parts>()
}

/// Where this request came from, as the web edge determined it (see the server's
/// `client_origin`).
pub fn client_origin() -> domain::types::ClientOrigin {
    parts()
        .and_then(|parts| {
            parts
                .extensions
                .get::<domain::types::ClientOrigin>()
                .cloned()
        })
        .unwrap_or_default()
}

/// The signed-in user of this request, if any.
pub fn current_user() -> Option<UserId> {
    parts().and_then(|parts| parts.extensions.get::<CurrentUser>().map(|user| user.0))
}

/// The signed-in user with their roles, if any.
pub async fn current_actor(
    ctx: &AppContext,
) -> Result<Option<domain::roles::Actor>, crate::web::error::AppError> {
    match current_user() {
        Some(user) => Ok(Some(domain::roles::actor(ctx, user).await?)),
        None => Ok(None),
    }
}

/// The signed-in user; when nobody is, redirects to the sign-in page and gives `None`.
pub fn require_user(lang: Lang) -> Option<UserId> {
    let user = current_user();
    if user.is_none() {
        leptos_axum::redirect(&paths::account(lang.code(), "sign-in"));
    }
    user
}

/// What a form of a signed-in person needs: the page language, the session, the domain and the
/// user. `None` when nobody is signed in (they are sent to the sign-in page).
pub async fn signed_in_form(
    lang: &str,
) -> Result<Option<(Lang, Session, AppContext, UserId)>, crate::web::error::AppError> {
    let lang = self::lang(lang);
    let session = session().await?;
    let ctx = context()?;
    Ok(require_user(lang).map(|user| (lang, session, ctx, user)))
}

/// What a form of the staff needs: like [`signed_in_form`], with the account's roles (checked
/// by the domain operation the form calls).
pub async fn staff_form(
    lang: &str,
) -> Result<Option<(Lang, Session, AppContext, domain::roles::Actor)>, crate::web::error::AppError>
{
    let Some((lang, session, ctx, user)) = signed_in_form(lang).await? else {
        return Ok(None);
    };
    let actor = domain::roles::actor(&ctx, user).await?;
    Ok(Some((lang, session, ctx, actor)))
}

/// This request's session.
pub async fn session() -> Result<Session, crate::web::error::AppError> {
    leptos_axum::extract::<Session>()
        .await
        .map_err(|e| internal_message(&format!("no session: {e}")))
}

/// The signed-in user of `session`. A staff session unused for 30 minutes, or older than 12
/// hours, ends here; otherwise its last use is noted (now and then: see
/// `domain::accounts::session_needs_touch`), which keeps the session alive. The server's
/// middleware calls this once per request.
pub async fn resolve_current_user(
    ctx: &AppContext,
    session: &Session,
) -> Result<Option<CurrentUser>, DomainError> {
    let Some(user_id) = session.get::<i32>(USER_ID).await.ok().flatten() else {
        return Ok(None);
    };
    let stored = |key| async move { session.get::<i64>(key).await.ok().flatten().unwrap_or(0) };
    let staff = session.get::<bool>(STAFF).await.ok().flatten() == Some(true);
    let now = ctx.clock.now();
    let last_seen_at = stored(LAST_SEEN_AT).await;
    if staff {
        let signed_in_at = stored(SIGNED_IN_AT).await;
        if domain::accounts::staff_session_expired(now, signed_in_at, last_seen_at) {
            session.flush().await.map_err(session_error)?;
            return Ok(None);
        }
    }
    if domain::accounts::session_needs_touch(now, last_seen_at, staff) {
        session
            .insert(LAST_SEEN_AT, now.timestamp())
            .await
            .map_err(session_error)?;
    }
    Ok(Some(CurrentUser(UserId(user_id))))
}

fn session_error(err: tower_sessions::session::Error) -> DomainError {
    DomainError::Internal(format!("session: {err}"))
}

/// A fresh session id (no fixation), then the user.
pub async fn start_user_session(
    ctx: &AppContext,
    session: &Session,
    user: UserId,
    staff: bool,
) -> Result<(), crate::web::error::AppError> {
    let fail = |e: tower_sessions::session::Error| internal_message(&e.to_string());
    session.cycle_id().await.map_err(fail)?;
    let _ = session.remove_value(FLASH).await;
    session.insert(USER_ID, user.0).await.map_err(fail)?;
    let now = ctx.clock.now().timestamp();
    for (key, value) in [(SIGNED_IN_AT, now), (LAST_SEEN_AT, now)] {
        session.insert(key, value).await.map_err(fail)?;
    }
    session.insert(STAFF, staff).await.map_err(fail)
}

/// A new session id without the user (after the account's sessions were ended).
pub async fn forget_user(session: &Session) {
    let _ = session.cycle_id().await;
    let _ = session.remove_value(USER_ID).await;
}

/// Region `region` of a URL or a form, with its parsed slug; `None` when there is no such
/// region (not a slug, or not one of the twelve).
pub async fn find_region(
    ctx: &AppContext,
    region: &str,
) -> Result<Option<(domain::types::RegionSlug, domain::regions::RegionDetail)>, AppError> {
    let Ok(slug) = domain::types::RegionSlug::parse(region) else {
        return Ok(None);
    };
    match domain::regions::get_region(ctx, &slug).await {
        Ok(detail) => Ok(Some((slug, detail))),
        Err(DomainError::NotFound) => Ok(None),
        Err(err) => Err(err.into()),
    }
}

/// What a form's server function starts from: the page's language, the domain context and the
/// session that carries the outcome back to the page.
pub struct FormRequest {
    pub lang: Lang,
    pub ctx: AppContext,
    pub session: Session,
}

impl FormRequest {
    /// The request of a form posted from a page in `lang` (a code; Arabic when unknown).
    pub async fn open(lang_code: &str) -> Result<Self, AppError> {
        Ok(Self {
            lang: lang(lang_code),
            ctx: context()?,
            session: session().await?,
        })
    }
}

/// Back to `to` with `err` shown on `field` of the form `flash` (its typed values kept).
pub async fn back_with_error(
    session: &Session,
    mut flash: Flash,
    field: &'static str,
    err: DomainError,
    to: &str,
) -> Result<(), AppError> {
    flash.add_error_on(field, err);
    back(session, flash, to).await
}

/// Keeps `flash` for the next page and redirects there.
pub async fn back(
    session: &Session,
    flash: Flash,
    to: &str,
) -> Result<(), crate::web::error::AppError> {
    session
        .insert(FLASH, flash)
        .await
        .map_err(|e| internal_message(&e.to_string()))?;
    leptos_axum::redirect(to);
    Ok(())
}

/// The page language of a form (Arabic when missing or unknown).
pub fn lang(code: &str) -> Lang {
    Lang::parse(code).unwrap_or_default()
}

/// Logs internal causes; the error keeps only its code. When the server is at capacity the
/// response is marked ([`BUSY_HEADER`]) so that the web edge answers 503.
pub fn log(err: DomainError) -> DomainError {
    match &err {
        DomainError::Internal(detail) => {
            tracing::error!(%detail, "operation failed");
        }
        DomainError::Busy { retry_after_secs } => {
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                response.insert_header(
                    http::HeaderName::from_static(BUSY_HEADER),
                    http::HeaderValue::from(*retry_after_secs),
                );
            }
        }
        _ => {}
    }
    err
}

/// A failure outside the domain (no context, no session): logged, sent as `internal`.
pub fn internal_message(detail: &str) -> AppError {
    tracing::error!(%detail, "server function failed");
    AppError::of("internal")
}

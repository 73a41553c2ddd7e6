//! The signed-in user, resolved once per request: this middleware reads the session (ending a
//! staff session past its time), and puts a `CurrentUser` in the request's extensions. Axum
//! handlers take it as `Option<Extension<CurrentUser>>`; server functions read it through
//! `frontend::web::request::current_user`. Static assets and health checks are routed outside
//! it, so they never touch the session store.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use domain::AppContext;
use tower_sessions::Session;

pub use frontend::web::request::CurrentUser;

/// Resolves the session's user into the request (nobody, when the session cannot be read: the
/// request goes on anonymous, which grants nothing).
pub async fn resolve(
    State(ctx): State<AppContext>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    match frontend::web::request::resolve_current_user(&ctx, &session).await {
        Ok(Some(user)) => {
            request.extensions_mut().insert(user);
        }
        Ok(None) => {}
        Err(err) => tracing::error!(%err, "reading the session failed"),
    }
    next.run(request).await
}

/// The user id of an optional `CurrentUser` extension.
pub fn id_of(user: Option<axum::Extension<CurrentUser>>) -> Option<domain::types::UserId> {
    user.map(|axum::Extension(CurrentUser(id))| id)
}

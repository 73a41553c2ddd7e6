//! Rate limits on the forms that attackers hammer: sign-in (per IP, and failures per account
//! with backoff), registration, password reset requests and signatures by email (per IP). The
//! limits per email address and per account are the domain's. The counts are in the database, so the limits hold
//! across every server instance. Over the limit: 429, `Retry-After`, and a page in the visitor's
//! language.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::rate_limits::{self, Decision};
use domain::types::ClientOrigin;

use crate::AppState;
use crate::message_page::{message_page, referer_path};

/// Largest form body read here (the forms are small).
const FORM_LIMIT: usize = 64 * 1024;

/// Checks the per-IP limits of the sign-in, registration, password reset and email signature
/// forms before they run.
pub async fn limit_forms(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let limit = match (request.method(), request.uri().path()) {
        (&Method::POST, "/fn/sign_in") => state.ip_limits.sign_in,
        (&Method::POST, "/fn/register") => state.ip_limits.register,
        (&Method::POST, "/fn/request_password_reset" | "/fn/reset_password") => {
            state.ip_limits.reset
        }
        (&Method::POST, "/fn/sign_by_email") => state.ip_limits.sign,
        _ => return next.run(request).await,
    };
    let ip = request
        .extensions()
        .get::<ClientOrigin>()
        .map_or_else(|| "unknown".to_owned(), ClientOrigin::limit_key);
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, FORM_LIMIT).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let field = |name: &str| {
        form_urlencoded::parse(&bytes)
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    };
    let lang = field("lang");
    let mut decision = rate_limits::hit(&state.ctx, limit, &ip).await;
    if limit == state.ip_limits.sign_in && matches!(decision, Ok(Decision::Allowed)) {
        decision = rate_limits::may_try_sign_in(&state.ctx, &field("email"), &ip).await;
    }
    match decision {
        Ok(Decision::Allowed) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Ok(Decision::Denied { retry_after }) => {
            too_many(&state, &lang, retry_after, referer_path(&parts.headers))
        }
        Err(err) => {
            tracing::error!(%err, "rate limit check failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

fn too_many(
    state: &AppState,
    lang: &str,
    retry_after: chrono::Duration,
    back: Option<String>,
) -> Response {
    let lang = domain::types::Lang::parse(lang).unwrap_or_default();
    let seconds = retry_after.num_seconds().max(1);
    let minutes = u64::try_from((seconds + 59) / 60).unwrap_or(1);
    let texts = frontend::web::messages::too_many_attempts_texts(lang.code(), minutes);
    let mut response = message_page(state, lang, StatusCode::TOO_MANY_REQUESTS, texts, back);
    if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

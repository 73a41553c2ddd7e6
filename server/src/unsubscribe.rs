//! `/unsubscribe?lang=…&token=…`, the address in every mailing's `List-Unsubscribe` header: a
//! POST (`List-Unsubscribe=One-Click`, RFC 8058, sent by mail clients without a cookie or an
//! `Origin`) stops the mailing at once; a visit is sent to the page with the button
//! (`/{lang}/unsubscribe`), so that links followed by mail scanners change nothing.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::DomainError;
use domain::types::Lang;

use crate::AppState;

/// The path, which the same-site check leaves open (the token is the permission).
pub const PATH: &str = "/unsubscribe";

/// A visit: the page in the link's language, with its token.
pub async fn show_unsubscribe(Query(query): Query<HashMap<String, String>>) -> Redirect {
    let lang = query
        .get("lang")
        .and_then(|l| Lang::parse(l))
        .unwrap_or_default();
    let token: String = query
        .get("token")
        .map(|t| {
            t.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
                .take(200)
                .collect()
        })
        .unwrap_or_default();
    Redirect::to(&format!(
        "{}?token={token}",
        frontend::paths::unsubscribe(lang.code())
    ))
}

/// A one-click unsubscribe: 200 when done (again: still 200), 400 for a token that is not one.
pub async fn unsubscribe_one_click(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let token = query.get("token").map(String::as_str).unwrap_or_default();
    match domain::mailings::unsubscribe(&state.ctx, token).await {
        Ok(_) => (StatusCode::OK, "unsubscribed").into_response(),
        Err(DomainError::Validation { code, .. }) => {
            (StatusCode::BAD_REQUEST, code).into_response()
        }
        Err(err) => {
            tracing::error!(%err, "unsubscribing failed");
            (StatusCode::SERVICE_UNAVAILABLE, "unavailable").into_response()
        }
    }
}

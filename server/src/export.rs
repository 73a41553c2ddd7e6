//! `GET /account/export.json`: everything the platform holds about the signed-in person, as a
//! download (Law 09-08). A plain route, so that a plain link downloads it, with or without
//! JavaScript.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use frontend::accounts::api::server::signed_in_user;
use tower_sessions::Session;

use crate::AppState;
use crate::api::error::ApiError;

/// The JSON export, or 401 when nobody is signed in.
pub async fn export_my_data(State(state): State<AppState>, session: Session) -> Response {
    let user = match signed_in_user(&state.ctx, &session).await {
        Ok(Some(user)) => user,
        Ok(None) => return ApiError(domain::DomainError::Unauthenticated).into_response(),
        Err(err) => {
            tracing::error!(%err, "reading the session failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    match domain::accounts::export_my_data(&state.ctx, domain::accounts::UserId(user)).await {
        Ok(data) => (
            [
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"musharaka-my-data.json\"",
                ),
                (header::CACHE_CONTROL, "private, no-store"),
            ],
            Json(data),
        )
            .into_response(),
        Err(err) => ApiError(err).into_response(),
    }
}

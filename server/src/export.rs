//! `GET /account/export.json`: everything the platform holds about the signed-in person, as a
//! download (Law 09-08). A plain route, so that a plain link downloads it, with or without
//! JavaScript.

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::api::error::ApiError;
use crate::current_user::{CurrentUser, id_of};

/// The JSON export, or 401 when nobody is signed in.
pub async fn export_my_data(
    State(state): State<AppState>,
    user: Option<axum::Extension<CurrentUser>>,
) -> Response {
    let Some(user) = id_of(user) else {
        return ApiError(domain::DomainError::Unauthenticated).into_response();
    };
    match domain::accounts::export_my_data(&state.ctx, user).await {
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

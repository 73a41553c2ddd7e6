//! The API's error body: `{"error": "<code>", "message": "..."}`. Internal detail is logged only.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::DomainError;
use serde::Serialize;
use utoipa::ToSchema;

/// An error as the API sends it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiErrorBody {
    /// Stable snake_case code.
    pub error: &'static str,
    /// A human-readable explanation.
    pub message: &'static str,
}

/// Errors of the API layer.
#[derive(Debug)]
pub struct ApiError(pub DomainError);

impl From<DomainError> for ApiError {
    fn from(err: DomainError) -> Self {
        Self(err)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, message) = match &self.0 {
            DomainError::Validation { .. } => {
                (StatusCode::BAD_REQUEST, "The request is not valid.")
            }
            DomainError::NotFound => (StatusCode::NOT_FOUND, "Nothing exists at this address."),
            DomainError::Unauthenticated => (StatusCode::UNAUTHORIZED, "Please sign in."),
            DomainError::Forbidden => (StatusCode::FORBIDDEN, "You may not do this."),
            DomainError::Conflict(_) => (StatusCode::CONFLICT, "This was already done."),
            DomainError::RateLimited { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                "Too many attempts; try again later.",
            ),
            DomainError::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Something went wrong on our side.",
                )
            }
        };
        let body = ApiErrorBody {
            error: self.0.code(),
            message,
        };
        (status, Json(body)).into_response()
    }
}

/// The 404 body for paths under `/api` that do not exist.
pub async fn api_not_found() -> ApiError {
    ApiError(DomainError::NotFound)
}

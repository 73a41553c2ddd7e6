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
            DomainError::Busy { .. } => (
                StatusCode::SERVICE_UNAVAILABLE,
                "The service is busy; try again in a few seconds.",
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
        let retry_after = match &self.0 {
            DomainError::RateLimited { retry_after_secs }
            | DomainError::Busy { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        };
        let mut response = (status, Json(body)).into_response();
        if let Some(seconds) = retry_after
            && let Ok(value) = axum::http::HeaderValue::from_str(&seconds.max(1).to_string())
        {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, value);
        }
        response
    }
}

/// The 404 body for paths under `/api` that do not exist.
pub async fn api_not_found() -> ApiError {
    ApiError(DomainError::NotFound)
}

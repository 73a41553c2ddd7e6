//! `POST /petitions/{id}/signatures`: a signed-in citizen signs with their saved signer profile
//! (the one-click signature of the petition page, for apps). `GET /petitions/{id}`: a public
//! petition's count and status.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::DomainError;
use domain::types::PetitionId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::error::{ApiError, ApiErrorBody};
use crate::AppState;
use crate::current_user::{CurrentUser, id_of};

/// What signing asks.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct SignRequest {
    /// Email me the petition's news.
    #[serde(default)]
    pub notify: bool,
}

/// A signature recorded.
#[derive(Debug, Serialize, ToSchema)]
pub struct SignatureDto {
    pub petition: i32,
}

/// A public petition's status and count.
#[derive(Debug, Serialize, ToSchema)]
pub struct PetitionDto {
    pub id: i32,
    pub region: String,
    pub status: String,
    /// The title (null for a petition rejected in moderation for a reason that withholds it).
    pub title: Option<String>,
    /// Signatures as last counted (may lag by a few seconds).
    pub signatures: i32,
    pub threshold: Option<i32>,
    /// Hidden by the region's moderators: neither its title nor its text is public.
    pub hidden: bool,
}

/// Signs petition `id` with the signed-in citizen's saved profile.
#[utoipa::path(
    post,
    path = "/petitions/{id}/signatures",
    params(("id" = i32, Path, description = "The petition")),
    request_body = SignRequest,
    responses(
        (status = 201, body = SignatureDto),
        (status = 401, description = "Not signed in", body = ApiErrorBody),
        (status = 409, description = "Already signed, or not collecting", body = ApiErrorBody),
    )
)]
pub async fn sign_petition(
    State(state): State<AppState>,
    user: Option<axum::Extension<CurrentUser>>,
    Path(id): Path<i32>,
    origin: Option<axum::Extension<domain::types::ClientOrigin>>,
    request: Option<Json<SignRequest>>,
) -> Response {
    let Some(user) = id_of(user) else {
        return ApiError(DomainError::Unauthenticated).into_response();
    };
    let notify = request.is_some_and(|Json(r)| r.notify);
    let origin = origin.map(|o| o.0).unwrap_or_default();
    match domain::petitions::profiles::sign_with_profile(
        &state.ctx,
        user,
        PetitionId(id),
        notify,
        &origin,
    )
    .await
    {
        Ok(()) => (StatusCode::CREATED, Json(SignatureDto { petition: id })).into_response(),
        Err(err) => ApiError(err).into_response(),
    }
}

/// A public petition.
#[utoipa::path(
    get,
    path = "/petitions/{id}",
    params(("id" = i32, Path, description = "The petition")),
    responses((status = 200, body = PetitionDto), (status = 404, body = ApiErrorBody))
)]
pub async fn get_petition(
    State(state): State<AppState>,
    Path(id): Path<i32>,
) -> Result<Json<PetitionDto>, ApiError> {
    let view = domain::petitions::get_petition(&state.ctx, None, PetitionId(id)).await?;
    Ok(Json(PetitionDto {
        id,
        region: view.summary.region_slug,
        status: view.summary.status.as_str().to_owned(),
        title: view.title_shown.then_some(view.summary.title),
        signatures: view.summary.signature_count,
        threshold: view.summary.threshold,
        hidden: view.hidden.is_some(),
    }))
}

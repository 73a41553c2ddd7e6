//! The public JSON API, `/api/v1`, described by an OpenAPI document.

pub mod error;
pub mod petitions;
pub mod regions;

use axum::Json;
use axum::Router;
use axum::routing::get;
use utoipa::OpenApi;

use crate::AppState;

/// The OpenAPI description of `/api/v1`.
#[derive(OpenApi)]
#[openapi(
    info(title = "Musharaka API", version = "1", description = "Open data of Musharaka, the citizen participation platform of Morocco's regional councils."),
    servers((url = "/api/v1")),
    paths(regions::list_regions, regions::get_region, petitions::get_petition, petitions::sign_petition),
    components(schemas(regions::RegionDto, regions::RegionDetailDto, regions::ProvinceDto, regions::NamesDto, regions::ThresholdDto, petitions::PetitionDto, petitions::SignRequest, petitions::SignatureDto, error::ApiErrorBody))
)]
pub struct ApiDoc;

/// Routes under `/api/v1`; anything else there is a JSON 404.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/regions", get(regions::list_regions))
        .route("/regions/{slug}", get(regions::get_region))
        .route("/petitions/{id}", get(petitions::get_petition))
        .route(
            "/petitions/{id}/signatures",
            axum::routing::post(petitions::sign_petition),
        )
        .route("/openapi.json", get(openapi))
        .fallback(error::api_not_found)
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

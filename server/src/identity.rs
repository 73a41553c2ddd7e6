//! A council's logo: `POST /regions/logo` (its officers or an admin upload a PNG or JPEG; a
//! multipart form) and `GET /files/regions/{slug}/logo` (public, shown inline). Thin: read,
//! parse, call `domain::regions::identity`, redirect or serve.

use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use domain::DomainError;
use domain::regions::identity::{Logo, region_logo, set_logo};
use domain::types::RegionSlug;
use frontend::web::flash::Flash;
use tower_sessions::Session;

use crate::AppState;
use crate::api::error::ApiError;
use crate::current_user::CurrentUser;
use crate::forms::{back, read_form, to_sign_in};

/// Sets the logo, then shows the identity page with the outcome.
pub async fn upload_logo_form(
    State(state): State<AppState>,
    session: Session,
    user: Option<axum::Extension<CurrentUser>>,
    multipart: Multipart,
) -> Response {
    let parts = match read_form(multipart, "identity").await {
        Ok(parts) => parts,
        Err(response) => return response,
    };
    let (lang, region, _) = parts.target();
    let actor = match crate::files::visitor(&state, user).await {
        Ok(Some(actor)) => actor,
        Ok(None) => return to_sign_in(lang),
        Err(response) => return response,
    };
    let file = parts.files.into_iter().find(|(name, _, _)| name == "logo");
    let outcome = match (RegionSlug::parse(&region), file) {
        (Err(_), _) => Err(DomainError::NotFound),
        (Ok(_), None) => Err(DomainError::Validation {
            field: "logo",
            code: "file_empty",
        }),
        (Ok(slug), Some((_, name, data))) => match Logo::parse(&name, data) {
            Ok(logo) => set_logo(&state.ctx, &actor, &slug, Some(logo)).await,
            Err(err) => Err(err),
        },
    };
    let flash = Flash::outcome("identity", outcome.map(|()| "logo_saved_notice"));
    let page = frontend::paths::region(lang.code(), &region, "identity");
    back(&session, flash, &page).await
}

/// The logo, shown inline (404 when the region has none).
pub async fn get_logo(State(state): State<AppState>, Path(region): Path<String>) -> Response {
    let Ok(slug) = RegionSlug::parse(&region) else {
        return ApiError(DomainError::NotFound).into_response();
    };
    match region_logo(&state.ctx, &slug).await {
        Ok((data, kind)) => {
            let mut response = data.into_response();
            let headers = response.headers_mut();
            if let Ok(value) = HeaderValue::from_str(&kind) {
                headers.insert(header::CONTENT_TYPE, value);
            }
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=300"),
            );
            headers.insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            response
        }
        Err(err) => ApiError(err).into_response(),
    }
}

/// The council's colour as a style sheet for its band (the pages allow no inline style): 404
/// when the region has none.
pub async fn get_colour_css(State(state): State<AppState>, Path(region): Path<String>) -> Response {
    let Ok(slug) = RegionSlug::parse(&region) else {
        return ApiError(DomainError::NotFound).into_response();
    };
    let identity = match domain::regions::identity::region_identity(&state.ctx, &slug).await {
        Ok(identity) => identity,
        Err(err) => return ApiError(err).into_response(),
    };
    // The colour was checked to be `#rrggbb` when it was set.
    let Some(colour) = identity.colour else {
        return ApiError(DomainError::NotFound).into_response();
    };
    let mut response = format!(".council-band {{ background: {colour}; }}\n").into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    response
}

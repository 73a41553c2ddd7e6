//! `GET /files/consultations/{id}/results.csv` and `results.json`: a consultation's results as
//! files, for whoever may see them (counts and wordings only: no participant is in them).

use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::consultations::outcome::{get_results, results_csv};
use domain::consultations::views::get_consultation;
use domain::types::ConsultationId;
use domain::types::Lang;

use crate::AppState;
use crate::api::error::ApiError;
use crate::current_user::CurrentUser;

/// The language of the wordings (`?lang=`; Arabic by default).
#[derive(Debug, serde::Deserialize)]
pub struct ExportQuery {
    #[serde(default)]
    lang: String,
}

/// The results as CSV (UTF-8 with a byte order mark) or JSON, named after the consultation.
pub async fn get_results_file(
    State(state): State<AppState>,
    user: Option<axum::Extension<CurrentUser>>,
    Path((id, file)): Path<(i32, String)>,
    Query(query): Query<ExportQuery>,
) -> Response {
    let actor = match crate::files::visitor(&state, user).await {
        Ok(actor) => actor,
        Err(response) => return response,
    };
    let id = ConsultationId(id);
    let lang = Lang::parse(&query.lang).unwrap_or_default();
    let results = match get_results(&state.ctx, actor.as_ref(), id).await {
        Ok(results) => results,
        Err(err) => return ApiError(err).into_response(),
    };
    let (body, content_type) = match file.as_str() {
        "results.csv" => {
            let view = match get_consultation(&state.ctx, actor.as_ref(), id, lang).await {
                Ok(view) => view,
                Err(err) => return ApiError(err).into_response(),
            };
            match results_csv(&view, &results) {
                Ok(bytes) => (bytes, "text/csv; charset=utf-8"),
                Err(err) => return ApiError(err).into_response(),
            }
        }
        "results.json" => match serde_json::to_vec_pretty(&results) {
            Ok(bytes) => (bytes, "application/json"),
            Err(err) => {
                tracing::error!(%err, "serialising results failed");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        },
        _ => return ApiError(domain::DomainError::NotFound).into_response(),
    };
    let disposition = format!("attachment; filename=\"consultation-{}-{file}\"", id.0);
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=60"),
    );
    response
}

//! `GET /files/petitions/{petition}/{attachment}`: a petition's attached document, for whoever
//! may see the petition. Served as a download, with the type checked when it was uploaded.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use domain::types::PetitionId;

use crate::AppState;
use crate::api::error::ApiError;
use crate::current_user::{CurrentUser, id_of};

/// The signed-in visitor with their roles (`None` for an anonymous one), or the error response.
pub(crate) async fn visitor(
    state: &AppState,
    user: Option<axum::Extension<CurrentUser>>,
) -> Result<Option<domain::roles::Actor>, Response> {
    match id_of(user) {
        Some(user) => domain::roles::actor(&state.ctx, user)
            .await
            .map(Some)
            .map_err(|err| ApiError(err).into_response()),
        None => Ok(None),
    }
}

/// The file, or 404 when it does not exist for this visitor.
pub async fn get_attachment(
    State(state): State<AppState>,
    user: Option<axum::Extension<CurrentUser>>,
    Path((petition, attachment)): Path<(i32, i32)>,
) -> Response {
    let actor = match visitor(&state, user).await {
        Ok(actor) => actor,
        Err(response) => return response,
    };
    let file = match domain::petitions::views::get_attachment(
        &state.ctx,
        actor.as_ref(),
        PetitionId(petition),
        attachment,
    )
    .await
    {
        Ok(file) => file,
        Err(err) => return ApiError(err).into_response(),
    };
    download(file.data, &file.file_name, &file.content_type)
}

/// `data` as a download named `file_name` (ASCII and UTF-8 forms) of type `content_type`.
pub(crate) fn download(data: Vec<u8>, file_name: &str, content_type: &str) -> Response {
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = file_name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    let mut response = data.into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=300"),
    );
    response
}

/// `GET /files/petitions/{petition}/signatories.csv`: the signatory list for the council's file.
/// Council officers of the petition's region only (404 for anyone else); audit-logged.
pub async fn get_signatories_csv(
    State(state): State<AppState>,
    user: Option<axum::Extension<CurrentUser>>,
    Path(petition): Path<i32>,
) -> Response {
    use domain::petitions::signatories::{
        ExportFormat, export_signatories, signatories_csv_header, signatories_csv_lines,
    };
    let actor = match visitor(&state, user).await {
        Ok(Some(actor)) => actor,
        Ok(None) => return ApiError(domain::DomainError::NotFound).into_response(),
        Err(response) => return response,
    };
    let export =
        match export_signatories(&state.ctx, &actor, PetitionId(petition), ExportFormat::Csv).await
        {
            Ok(export) => export,
            Err(domain::DomainError::Forbidden) => {
                return ApiError(domain::DomainError::NotFound).into_response();
            }
            Err(err) => return ApiError(err).into_response(),
        };
    // Streamed a chunk at a time: a million signatories never sit in memory at once.
    let header =
        futures_util::stream::once(async { Ok::<_, std::io::Error>(signatories_csv_header()) });
    let lines = futures_util::stream::try_unfold(export, |mut export| async move {
        match export.next_chunk().await {
            Ok(Some(chunk)) => signatories_csv_lines(&chunk)
                .map(|csv| Some((csv, export)))
                .map_err(std::io::Error::other),
            Ok(None) => Ok(None),
            Err(err) => {
                tracing::error!(%err, "streaming the signatories failed");
                Err(std::io::Error::other(err))
            }
        }
    });
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"signatories-{petition}.csv\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        axum::body::Body::from_stream(futures_util::StreamExt::chain(header, lines)),
    )
        .into_response()
}

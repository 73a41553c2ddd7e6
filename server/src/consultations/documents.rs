//! A consultation's documents: `POST /consultations/document` (an officer attaches a PDF; a
//! multipart form, as it carries a file) and `GET /files/consultations/{id}/documents/{doc}`.
//! Thin: read, parse, call `domain::consultations::documents`, redirect or serve.

use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Response};
use domain::consultations::documents::{DocumentPurpose, add_document, get_document};
use domain::types::ConsultationId;
use frontend::web::flash::Flash;
use tower_sessions::Session;

use crate::AppState;
use crate::api::error::ApiError;
use crate::current_user::CurrentUser;
use crate::forms::{back, read_form, to_sign_in};

/// Attaches the document, then shows the management page with the outcome.
pub async fn add_document_form(
    State(state): State<AppState>,
    session: Session,
    user: Option<axum::Extension<CurrentUser>>,
    multipart: Multipart,
) -> Response {
    let parts = match read_form(multipart, "document").await {
        Ok(parts) => parts,
        Err(response) => return response,
    };
    let (lang, region, id) = parts.target();
    let actor = match crate::files::visitor(&state, user).await {
        Ok(Some(actor)) => actor,
        Ok(None) => {
            return to_sign_in(lang);
        }
        Err(response) => return response,
    };
    let purpose =
        DocumentPurpose::parse(&parts.text("purpose")).unwrap_or(DocumentPurpose::Consultation);
    let outcome = match parts.pdf("document") {
        Ok(document) => add_document(&state.ctx, &actor, ConsultationId(id), purpose, document)
            .await
            .map(|_| ()),
        Err(err) => Err(err),
    };
    let flash = Flash::outcome("manage", outcome.map(|()| "document_added_notice"));
    let page = frontend::paths::consultation(lang.code(), &region, id, "manage");
    back(&session, flash, &page).await
}

/// The document, or 404 when it does not exist for this visitor.
pub async fn get_document_file(
    State(state): State<AppState>,
    user: Option<axum::Extension<CurrentUser>>,
    Path((id, document)): Path<(i32, i32)>,
) -> Response {
    let actor = match crate::files::visitor(&state, user).await {
        Ok(actor) => actor,
        Err(response) => return response,
    };
    let file = match get_document(&state.ctx, actor.as_ref(), ConsultationId(id), document).await {
        Ok(file) => file,
        Err(err) => return ApiError(err).into_response(),
    };
    crate::files::download(file.data, &file.file_name, &file.content_type)
}
